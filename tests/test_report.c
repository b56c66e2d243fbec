/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_report.c - header lines, gauge, batch text and JSON documents.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memcg.h"
#include "pressure.h"
#include "proctable.h"
#include "report.h"
#include "summary.h"

/* This machine's figures (MemTotal 24684096 kB, no swap, mode 0, ratio 50). */
static Snapshot machine(void)
{
    Snapshot s;
    memset(&s, 0, sizeof s);
    s.page_kb = 4;
    s.ntasks_total = 80;
    s.mem = (MemInfo){ .mem_total_kb = 24684096, .mem_free_kb = 20000000,
                       .mem_available_kb = 23000000, .swap_total_kb = 0, .swap_free_kb = 0,
                       .hugetlb_kb = 0, .committed_as_kb = 9720696, .commit_limit_kb = 12342048,
                       .shmem_kb = 0, .buffers_kb = 0, .cached_kb = 0 };
    s.policy = (VmPolicy){ .overcommit_memory = 0, .overcommit_ratio = 50,
                           .overcommit_kbytes = 0, .admin_reserve_kbytes = 8192,
                           .user_reserve_kbytes = 100409 };
    return s;
}

static void test_summary_lines(void **state)
{
    (void)state;
    Snapshot s = machine();
    Summary sum;
    summary_build(&sum, &s, 62);
    assert_string_equal(sum.line[SUMMARY_TASKS], "Tasks: 80 total, 62 shown");
    assert_non_null(strstr(sum.line[SUMMARY_COMMIT], "9.3 GiB of 11.8 GiB (78.8%)"));
    assert_non_null(strstr(sum.line[SUMMARY_COMMIT], "limit not enforced in mode 0"));
    assert_non_null(strstr(sum.line[SUMMARY_MEMORY], "Swap: none"));
    assert_non_null(strstr(sum.line[SUMMARY_POLICY], "vm.overcommit_memory = 0 (heuristic)"));
    assert_non_null(strstr(sum.line[SUMMARY_POLICY], "overcommit_ratio = 50"));
    assert_null(strstr(sum.line[SUMMARY_POLICY], "WARNING"));
    assert_string_equal(sum.line[SUMMARY_VICTIM], "next OOM victim: none eligible");
    assert_false(sum.warning[SUMMARY_POLICY]);

    s.policy.overcommit_memory = 2;
    summary_build(&sum, &s, 62);
    assert_non_null(strstr(sum.line[SUMMARY_COMMIT], "hard limit (mode 2)"));
    assert_non_null(strstr(sum.line[SUMMARY_POLICY], "(strict)"));

    /* meminfo disagrees with the recomputation: warned, with both figures */
    s.mem.commit_limit_kb = 12000000;
    summary_build(&sum, &s, 62);
    assert_true(sum.warning[SUMMARY_POLICY]);
    assert_non_null(strstr(sum.line[SUMMARY_POLICY], "WARNING: recomputed 12342048 kB"));

    /* kbytes in force is named instead of the ratio */
    s.policy.overcommit_kbytes = 16777216;
    s.policy.overcommit_ratio = 0;
    s.mem.commit_limit_kb = 16777216;
    summary_build(&sum, &s, 62);
    assert_non_null(strstr(sum.line[SUMMARY_POLICY], "overcommit_kbytes = 16777216"));
    assert_false(sum.warning[SUMMARY_POLICY]);

    /* unreadable /proc/sys/vm (containers) */
    s.policy.overcommit_memory = VALUE_MISSING;
    summary_build(&sum, &s, 62);
    assert_non_null(strstr(sum.line[SUMMARY_POLICY], "unreadable"));
    assert_non_null(strstr(sum.line[SUMMARY_COMMIT], "unknown"));
}

static void test_victim_line(void **state)
{
    (void)state;
    Snapshot s = machine();
    ProcSample procs[2];
    memset(procs, 0, sizeof procs);
    procs[0].pid = 10;
    procs[0].oom_rank = 2;
    procs[0].oom_eligible = true;
    snprintf(procs[0].comm, sizeof procs[0].comm, "java");
    procs[1].pid = 1234;
    procs[1].oom_rank = 1;
    procs[1].oom_eligible = true;
    procs[1].rss_anon_kb = 2411724;   /* 2.3 GiB of anonymous memory */
    snprintf(procs[1].comm, sizeof procs[1].comm, "mysqld");
    s.procs = procs;
    s.nprocs = 2;
    Summary sum;
    summary_build(&sum, &s, 2);
    assert_string_equal(sum.line[SUMMARY_VICTIM],
                        "next OOM victim: mysqld (pid 1234) - frees ~2.3 GiB; then: java (pid 10)");
}

static void test_gauge(void **state)
{
    (void)state;
    Snapshot s = machine();
    char cells[64];
    /* 78.8 % filled; RAM+swap (2x the limit) lies beyond the end */
    assert_true(summary_gauge(cells, 10, &s.mem, '#', '.', '|'));
    assert_string_equal(cells, "########.|");
    /* with a limit above RAM+swap the mark sits inside the bar */
    s.mem.commit_limit_kb = 49368192;   /* 2 x MemTotal */
    s.mem.committed_as_kb = 0;
    assert_false(summary_gauge(cells, 10, &s.mem, '#', '.', '|'));
    assert_string_equal(cells, ".....|....");
}

static ProcSample sample_proc(void)
{
    ProcSample p;
    memset(&p, 0, sizeof p);
    p.pid = 1234;
    p.flags = PROC_HAS_MM | PROC_OOM_SCORE_OK | PROC_OOM_ADJ_OK | PROC_NICE_OK;
    p.vm_size_kb = 131072;
    p.vm_rss_kb = 65536;
    p.rss_file_kb = 1000;
    p.rss_shmem_kb = 24;
    p.oom_score = 674;
    p.oom_score_adj = 500;
    snprintf(p.comm, sizeof p.comm, "my\"sql\\d");
    snprintf(p.user, sizeof p.user, "mysql");
    return p;
}

enum Render { RENDER_TEXT, RENDER_JSON, RENDER_CSV };

static char *render_what_if(enum Render kind, Snapshot *s, const VmPolicy *what_if)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ProcTable t;
    ProcFilter filter = { 0 };
    ReportCtx ctx = { .fmt = { .scale = UNIT_AUTO, .mem_total_kb = s->mem.mem_total_kb },
                      .what_if = what_if };
    proctable_init(&t);
    assert_int_equal(proctable_build(&t, s, &filter), 0);
    if (kind == RENDER_JSON) {
        report_json(f, s, &t, &ctx);
    } else if (kind == RENDER_CSV) {
        report_csv_header(f);
        report_csv(f, s, &t, &ctx.fmt);
    } else {
        report_text(f, s, &t, &ctx);
    }
    fclose(f);
    proctable_free(&t);
    return buf;
}

static char *render(enum Render kind, Snapshot *s)
{
    return render_what_if(kind, s, NULL);
}

static void test_text_report(void **state)
{
    (void)state;
    Snapshot s = machine();
    ProcSample p = sample_proc();
    s.procs = &p;
    s.nprocs = 1;
    char *out = render(RENDER_TEXT, &s);
    assert_non_null(strstr(out, "    PID USER      NI    VIRT     RES     SHR   SWAP  %MEM   OOM   ADJ  RANK COMMAND\n"));
    assert_non_null(strstr(out, "   1234 mysql      0  131072   65536    1024      0   0.3   674   500     - my\"sql\\d\n"));
    free(out);
}

static void test_json_report(void **state)
{
    (void)state;
    Snapshot s = machine();
    ProcSample p = sample_proc();
    s.procs = &p;
    s.nprocs = 1;
    s.wall_time = 1700000000;
    char *out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "{\"time\":1700000000,"));
    assert_non_null(strstr(out, "\"memory\":{\"mem_total_kb\":24684096,"));
    assert_non_null(strstr(out, "\"swap_total_kb\":0,"));
    assert_non_null(strstr(out, "\"commit_limit_kb\":12342048"));
    assert_non_null(strstr(out, "\"policy\":{\"overcommit_memory\":0,\"overcommit_ratio\":50,"
                                "\"overcommit_kbytes\":0,"));
    assert_non_null(strstr(out, "{\"pid\":1234,\"user\":\"mysql\","));
    assert_non_null(strstr(out, "\"res_kb\":65536,\"shr_kb\":1024,\"swap_kb\":0,"));
    assert_non_null(strstr(out, "\"oom_score\":674,\"oom_score_adj\":500,"));
    assert_non_null(strstr(out, "\"command\":\"my\\\"sql\\\\d\""));
    /* one document, one line */
    assert_int_equal(strchr(out, '\n') - out, (long)strlen(out) - 1);
    assert_non_null(strstr(out, "\"next_victim\":null"));
    assert_non_null(strstr(out, "\"oom_rank\":null,\"oom_badness_pages\":null"));
    free(out);

    /* ranked by the predictor: the victim is named and each row has its rank */
    p.oom_eligible = true;
    p.oom_rank = 1;
    p.badness_pages = 3102016;
    p.oom_score_predicted = 674;
    out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "\"next_victim\":{\"pid\":1234,\"command\":\"my\\\"sql\\\\d\","
                                "\"badness_pages\":3102016}"));
    assert_non_null(strstr(out, "\"oom_rank\":1,\"oom_badness_pages\":3102016,"
                                "\"oom_score_predicted\":674,\"memcg\":null,"
                                "\"oom_rank_in_memcg\":null}"));
    free(out);

    /* figures the system did not give are null, not 0 */
    s.policy.overcommit_memory = VALUE_MISSING;
    p.flags &= ~(unsigned)PROC_OOM_SCORE_OK;
    out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "\"overcommit_memory\":null"));
    assert_non_null(strstr(out, "\"oom_score\":null"));
    free(out);
}

static void test_csv_report(void **state)
{
    (void)state;
    Snapshot s = machine();
    ProcSample p = sample_proc();
    snprintf(p.comm, sizeof p.comm, "a,b \"c\"");
    s.procs = &p;
    s.nprocs = 1;
    s.wall_time = 1700000000;
    char *out = render(RENDER_CSV, &s);
    assert_string_equal(out,
        "time,pid,user,uid,nice,virt_kb,res_kb,shr_kb,swap_kb,mem_pct,oom_score,"
        "oom_score_adj,command,command_line,start_ticks,oom_rank,oom_badness_pages,"
        "oom_score_predicted,memcg_path,memcg_unit,memcg_limit_kb,memcg_usage_kb,"
        "memcg_oom_kills,memcg_domain,oom_rank_in_memcg\n"
        "1700000000,1234,mysql,0,0,131072,65536,1024,0,0.27,674,500,\"a,b \"\"c\"\"\",,0,,,0,"
        ",,,,,,\n");
    free(out);

    /* the memcg object flattened: unlimited limit and no rank are empty */
    MemcgInfo cg = { .path = "/user.slice/a b", .unit = "", .limit_kb = MEMCG_UNLIMITED,
                     .usage_kb = 2048, .oom_kills = 0 };
    p.memcg = &cg;
    out = render(RENDER_CSV, &s);
    assert_non_null(strstr(out, ",0,\"/user.slice/a b\",,,2048,0,,\n"));
    free(out);
}

/* A memcg with its own 32 MiB limit, and a child without one below it. */
static void limited_memcgs(MemcgInfo *dom, MemcgInfo *child)
{
    *dom = (MemcgInfo){ .path = "/oomtop-test", .unit = "", .version = 1, .limit_kb = 32768,
                        .usage_kb = 16500, .oom_kills = 2, .swap_limit_kb = 0 };
    dom->domain = dom;
    *child = (MemcgInfo){ .path = "/oomtop-test/job.scope", .unit = "job.scope", .version = 1,
                          .limit_kb = MEMCG_UNLIMITED, .usage_kb = VALUE_MISSING,
                          .oom_kills = VALUE_MISSING, .parent = dom, .domain = dom };
}

static void test_json_incident_fields(void **state)
{
    (void)state;
    Snapshot s = machine();
    ProcSample p = sample_proc();
    s.procs = &p;
    s.nprocs = 1;

    /* no PSI, no oom_kill counter, no cgroup, no tracker: nulls, never zeros */
    s.vmstat = (VmStat){ .oom_kill = VALUE_MISSING, .pswpin = VALUE_MISSING,
                         .pswpout = VALUE_MISSING, .pgmajfault = VALUE_MISSING };
    char *out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "\"pressure\":null,\"oom_kills\":null,"
                                "\"oom_kills_since_start\":null,\"rates\":{\"swap_in_kb_s\":null,"
                                "\"swap_out_kb_s\":null,\"major_faults_s\":null}"));
    assert_non_null(strstr(out, "\"memcg\":null,\"oom_rank_in_memcg\":null}"));
    free(out);

    /* PSI and counters present */
    s.pressure = (Pressure){ .available = true, .some_avg10 = 12.5, .some_avg60 = 3.25,
                             .some_avg300 = 0.5, .full_avg10 = 1.0, .full_avg60 = 0.0 };
    s.vmstat.oom_kill = 16;
    out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "\"pressure\":{\"some_avg10\":12.50,\"some_avg60\":3.25,"
                                "\"some_avg300\":0.50,\"full_avg10\":1.00,\"full_avg60\":0.00,"
                                "\"full_avg300\":0.00},\"oom_kills\":16,"));
    free(out);

    /* a process in a limited cgroup, ranked there; its own limit is null
     * (unlimited) while the domain above it has one */
    MemcgInfo dom, child;
    limited_memcgs(&dom, &child);
    p.memcg = &dom;
    p.oom_rank_in_memcg = 1;
    out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "\"memcg\":{\"path\":\"/oomtop-test\",\"unit\":null,"
                                "\"limit_kb\":32768,\"usage_kb\":16500,\"oom_kills\":2,"
                                "\"domain\":\"/oomtop-test\"},\"oom_rank_in_memcg\":1}"));
    free(out);
    p.memcg = &child;
    p.oom_rank_in_memcg = 3;
    out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "\"memcg\":{\"path\":\"/oomtop-test/job.scope\","
                                "\"unit\":\"job.scope\",\"limit_kb\":null,\"usage_kb\":null,"
                                "\"oom_kills\":null,\"domain\":\"/oomtop-test\"},"
                                "\"oom_rank_in_memcg\":3}"));
    free(out);
    /* no limited ancestor: the cgroup is known, the rank is null */
    child.domain = NULL;
    child.parent = NULL;
    p.oom_rank_in_memcg = 0;
    out = render(RENDER_JSON, &s);
    assert_non_null(strstr(out, "\"domain\":null},\"oom_rank_in_memcg\":null}"));
    free(out);
}

/* Two snapshots 2 s apart through the tracker, as batch mode does. */
static void test_rates_and_kills_since_start(void **state)
{
    (void)state;
    Snapshot s = machine();
    PressureTracker t;
    pressure_tracker_init(&t);
    s.uptime_s = 100.0;
    s.vmstat = (VmStat){ .oom_kill = 16, .pswpin = 1000, .pswpout = 2000, .pgmajfault = 50 };
    pressure_track(&t, &s);
    s.uptime_s = 102.0;
    s.vmstat = (VmStat){ .oom_kill = 18, .pswpin = 1100, .pswpout = 2000, .pgmajfault = 70 };
    pressure_track(&t, &s);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ProcTable tab;
    ProcFilter filter = { 0 };
    ReportCtx ctx = { .fmt = { .scale = UNIT_AUTO }, .tracker = &t };
    proctable_init(&tab);
    assert_int_equal(proctable_build(&tab, &s, &filter), 0);
    report_json(f, &s, &tab, &ctx);
    report_text(f, &s, &tab, &ctx);
    fclose(f);
    proctable_free(&tab);
    /* 100 pages of 4 KiB in 2 s = 200 KiB/s; 20 faults in 2 s */
    assert_non_null(strstr(buf, "\"oom_kills\":18,\"oom_kills_since_start\":2,\"rates\":"
                                "{\"swap_in_kb_s\":200.0,\"swap_out_kb_s\":0.0,"
                                "\"major_faults_s\":10.0}"));
    assert_non_null(strstr(buf, "\nPSI: not available  Swap in 200 KiB/s, out 0 KiB/s  "
                                "Major faults 10/s\n"));
    assert_non_null(strstr(buf, "\nOOM kills: 18 since boot, 2 since oomtop started\n"));
    free(buf);
}

static void test_summary_incident_lines(void **state)
{
    (void)state;
    Snapshot s = machine();
    Summary sum;
    s.vmstat.oom_kill = 7;
    summary_build(&sum, &s, 1);
    /* without PSI it says so; rates unknown before a second sample */
    assert_string_equal(sum.line[SUMMARY_PRESSURE],
                        "PSI: not available  Swap in -, out -  Majflt -");
    assert_false(sum.warning[SUMMARY_PRESSURE]);
    assert_string_equal(sum.line[SUMMARY_OOM], "OOM kills: 7 since boot");
    assert_false(sum.warning[SUMMARY_OOM]);

    /* PSI past the "some" warning level: only the PSI figures highlighted */
    s.pressure = (Pressure){ .available = true, .some_avg10 = 12.0, .some_avg60 = 2.0 };
    summary_build(&sum, &s, 1);
    const char *line = sum.line[SUMMARY_PRESSURE];
    assert_string_equal(line, "PSI: some 12.0% 2.0%, full 0.0% 0.0%  Swap in -, out -  "
                              "Majflt -");
    assert_true(sum.warning[SUMMARY_PRESSURE]);
    assert_int_equal(sum.warn_from[SUMMARY_PRESSURE], strlen("PSI: "));
    assert_int_equal(sum.warn_to[SUMMARY_PRESSURE],
                     strlen("PSI: some 12.0% 2.0%, full 0.0% 0.0%"));
    s.pressure.some_avg10 = 9.99;     /* below every threshold */
    summary_build(&sum, &s, 1);
    assert_false(sum.warning[SUMMARY_PRESSURE]);
    s.pressure.full_avg60 = 5.0;      /* "full" warns earlier than "some" */
    summary_build(&sum, &s, 1);
    assert_true(sum.warning[SUMMARY_PRESSURE]);

    /* kills since start and new ones in the log, highlighted from there */
    PressureTracker t;
    pressure_tracker_init(&t);
    s.vmstat.oom_kill = 5;
    pressure_track(&t, &s);
    s.vmstat.oom_kill = 7;
    pressure_track(&t, &s);
    SummaryIncident inc = { .tracker = &t, .new_kills = 2, .history_key = "L", .wide = true };
    summary_build_incident(&sum, &s, 1, &inc);
    assert_string_equal(sum.line[SUMMARY_OOM],
                        "OOM kills: 7 since boot, 2 since oomtop started; 2 new OOM kills (L)");
    assert_true(sum.warning[SUMMARY_OOM]);
    assert_string_equal(sum.line[SUMMARY_OOM] + sum.warn_from[SUMMARY_OOM],
                        "2 since oomtop started; 2 new OOM kills (L)");
    assert_int_equal(sum.warn_to[SUMMARY_OOM], 0);
    assert_non_null(strstr(sum.line[SUMMARY_PRESSURE], "some 9.99% 2.00% 0.00%, full 0.00% "
                                                        "5.00% 0.00% (avg10/60/300)"));
    /* nothing new, the log unreadable: said, not highlighted */
    inc.new_kills = 0;
    inc.log_unreadable = true;
    s.vmstat.oom_kill = 5;
    pressure_tracker_init(&t);
    pressure_track(&t, &s);
    summary_build_incident(&sum, &s, 1, &inc);
    assert_string_equal(sum.line[SUMMARY_OOM], "OOM kills: 5 since boot, 0 since oomtop "
                                               "started; kernel log not readable (L: why)");
    assert_false(sum.warning[SUMMARY_OOM]);
    s.vmstat.oom_kill = VALUE_MISSING;
    summary_build(&sum, &s, 1);
    assert_non_null(strstr(sum.line[SUMMARY_OOM], "not counted by this kernel"));
}

static void test_what_if_reports(void **state)
{
    (void)state;
    Snapshot s = machine();
    VmPolicy sim;
    report_what_if_policy(&sim, &s.policy, 2, -1, -1);
    char *out = render_what_if(RENDER_TEXT, &s, &sim);
    assert_non_null(strstr(out, "WHAT-IF mode 2, ratio 50"));
    assert_non_null(strstr(out, "(live: mode 0, ratio 50)"));
    assert_non_null(strstr(out, "hard limit (mode 2)"));   /* the simulated gauge */
    assert_non_null(strstr(out, "vm.overcommit_memory = 2 (strict)"));
    free(out);

    out = render_what_if(RENDER_JSON, &s, &sim);
    /* the loaded 24 GiB machine: 3085512 - 2048 admin - 25102 user
     * reserve - 2430174 committed - 1 (strict <) = 628187 pages */
    assert_non_null(strstr(out, "\"what_if\":{\"mode\":2,\"ratio\":50,\"kbytes\":0,"
                                "\"commit_limit_kb\":12342048,\"committed_as_kb\":9720696,"
                                "\"headroom_kb\":2613160,\"largest_allocation_kb\":2512748}"));
    /* the live figures stay live */
    assert_non_null(strstr(out, "\"policy\":{\"overcommit_memory\":0,"));
    free(out);

    report_what_if_policy(&sim, &s.policy, 2, 80, -1);
    out = render_what_if(RENDER_JSON, &s, &sim);
    assert_non_null(strstr(out, "\"ratio\":80,\"kbytes\":0,\"commit_limit_kb\":19747276,"));
    free(out);

    report_what_if_policy(&sim, &s.policy, 1, -1, -1);
    out = render_what_if(RENDER_JSON, &s, &sim);
    assert_non_null(strstr(out, "\"headroom_kb\":null,\"largest_allocation_kb\":null}"));
    free(out);

    report_what_if_policy(&sim, &s.policy, 0, -1, -1);
    out = render_what_if(RENDER_JSON, &s, &sim);
    assert_non_null(strstr(out, "\"largest_allocation_kb\":24684096}"));   /* RAM + swap */
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_lines),
        cmocka_unit_test(test_victim_line),
        cmocka_unit_test(test_gauge),
        cmocka_unit_test(test_text_report),
        cmocka_unit_test(test_json_report),
        cmocka_unit_test(test_csv_report),
        cmocka_unit_test(test_what_if_reports),
        cmocka_unit_test(test_json_incident_fields),
        cmocka_unit_test(test_rates_and_kills_since_start),
        cmocka_unit_test(test_summary_incident_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
