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
                                "\"oom_score_predicted\":674}"));

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
        "oom_score_predicted\n"
        "1700000000,1234,mysql,0,0,131072,65536,1024,0,0.27,674,500,\"a,b \"\"c\"\"\",,0,,,0\n");
    free(out);
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
    /* kernel-memory worked example (b): 3085512 - 2048 admin - 25102 user
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
