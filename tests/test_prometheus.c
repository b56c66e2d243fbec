/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_prometheus.c - the metrics text for a made-up snapshot: label
 * escaping, families grouped with HELP/TYPE first, absent figures giving no
 * sample, the victims chosen by rank (or by score when nothing was ranked),
 * and the atomic file written world-readable.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memcg.h"
#include "prometheus.h"

/* ------------------------------------------------------- escaping */

typedef struct EscCase {
    const char *in;
    const char *out;
} EscCase;

static const EscCase esc_cases[] = {
    { "", "" },
    { "mysqld", "mysqld" },
    { "a\"b", "a\\\"b" },
    { "a\\b", "a\\\\b" },
    { "a\nb", "a\\nb" },
    { "\\\"\n", "\\\\\\\"\\n" },
    { "tab\tstays", "tab\tstays" },
    { "\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac" },
};

/* ------------------------------------------------------- snapshot */

static MemcgInfo cg_mysql = { .path = "/system.slice/mysql.service", .unit = "mysql.service" };
static MemcgInfo cg_hostile = { .path = "/x/\"q\\\n", .unit = "" };

#define OK_FLAGS (PROC_HAS_MM | PROC_OOM_SCORE_OK | PROC_OOM_ADJ_OK)

static ProcSample procs_template[] = {
    { .pid = 1, .flags = OK_FLAGS, .comm = "systemd", .vm_rss_kb = 100, .oom_score = 600,
      .start_ticks = 1 },
    { .pid = 2, .flags = PROC_KTHREAD, .comm = "kthreadd", .vm_rss_kb = VALUE_MISSING,
      .oom_score = 0 },
    { .pid = 100, .flags = OK_FLAGS, .comm = "mysqld", .vm_rss_kb = 2048, .vm_swap_kb = 16,
      .oom_score = 700, .oom_score_adj = 0, .start_ticks = 50, .oom_rank = 2,
      .memcg = &cg_mysql },
    { .pid = 200, .flags = OK_FLAGS, .comm = "a\"b\\c\nd", .vm_rss_kb = 4096,
      .oom_score = 900, .oom_score_adj = 500, .start_ticks = 60, .oom_rank = 1,
      .memcg = &cg_hostile },
    { .pid = 300, .flags = OK_FLAGS, .comm = "sshd", .vm_rss_kb = 10, .oom_score = 0,
      .oom_score_adj = -1000, .start_ticks = 70 },
    { .pid = 400, .flags = OK_FLAGS, .comm = "late", .vm_rss_kb = 512, .oom_score = 700,
      .start_ticks = 80, .oom_rank = 3 },
    { .pid = 500, .flags = PROC_HAS_MM | PROC_OOM_ADJ_OK, .comm = "noscore", .vm_rss_kb = 1,
      .start_ticks = 90 },
};

#define NPROCS (sizeof procs_template / sizeof procs_template[0])

static ProcSample procs[NPROCS];

static void make_snapshot(Snapshot *s, bool ranked)
{
    memcpy(procs, procs_template, sizeof procs);
    if (!ranked)
        for (size_t i = 0; i < NPROCS; i++)
            procs[i].oom_rank = 0;
    memset(s, 0, sizeof *s);
    s->wall_time = 1700000000;
    s->page_kb = 4;
    s->mem = (MemInfo){ .mem_total_kb = 1000, .mem_free_kb = 100, .mem_available_kb = 500,
                        .swap_total_kb = 0, .swap_free_kb = 0,
                        .committed_as_kb = 900, .commit_limit_kb = 1000 };
    s->policy = (VmPolicy){ .overcommit_memory = 2, .overcommit_ratio = 50,
                            .overcommit_kbytes = 0 };
    s->vmstat = (VmStat){ .oom_kill = 7, .pswpin = 0, .pswpout = 0, .pgmajfault = 0 };
    s->pressure = (Pressure){ .available = true, .some_avg10 = 12.5, .some_avg60 = 1.0,
                              .some_avg300 = 0.25, .full_avg10 = 3.0,
                              .some_total_us = 1500000, .full_total_us = 250 };
    s->procs = procs;
    s->nprocs = s->procs_cap = NPROCS;
}

static char *format(const Snapshot *s, int top_n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(prometheus_format(f, s, top_n), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* Label values as the format escapes them: only '\\', '"' and newline. */
static void test_escape_label(void **state)
{
    (void)state;
    char want[128];
    Snapshot s;
    for (size_t i = 0; i < sizeof esc_cases / sizeof esc_cases[0]; i++) {
        make_snapshot(&s, true);
        snprintf(procs[3].comm, sizeof procs[3].comm, "%s", esc_cases[i].in);  /* rank 1 */
        char *t = format(&s, 1);
        snprintf(want, sizeof want, "{pid=\"200\",name=\"%s\",", esc_cases[i].out);
        if (!strstr(t, want))
            fail_msg("label of %s: no %s in\n%s", esc_cases[i].out, want, t);
        free(t);
    }
}

static bool has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && p[n] == '\n')
            return true;
    return false;
}

/* The format's structure: every line a comment or a sample; a family's
 * HELP and TYPE come once, before its samples, which are all together. */
static void check_structure(const char *text)
{
    char seen[64][96], current[96] = "";
    size_t nseen = 0;
    assert_true(text[0] == '\0' || text[strlen(text) - 1] == '\n');
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        char line[1024], name[96];
        snprintf(line, sizeof line, "%.*s", (int)(nl - p), p);
        p = nl + 1;
        if (sscanf(line, "# TYPE %95s", name) == 1) {
            for (size_t i = 0; i < nseen; i++)
                assert_string_not_equal(seen[i], name);   /* one TYPE per family */
            assert_true(nseen < 64);
            snprintf(seen[nseen++], sizeof seen[0], "%s", name);
            snprintf(current, sizeof current, "%s", name);
            continue;
        }
        if (strncmp(line, "# HELP ", 7) == 0)
            continue;
        assert_true(line[0] != '#');
        size_t n = strcspn(line, "{ ");
        snprintf(name, sizeof name, "%.*s", (int)n, line);
        assert_string_equal(name, current);    /* sample in its family's block */
    }
}

static void test_system_metrics(void **state)
{
    (void)state;
    Snapshot s;
    make_snapshot(&s, true);
    char *t = format(&s, 0);
    check_structure(t);
    static const char *const lines[] = {
        "# HELP oomtop_committed_as_bytes Memory promised to all processes (Committed_AS in /proc/meminfo).",
        "# TYPE oomtop_committed_as_bytes gauge",
        "oomtop_committed_as_bytes 921600",
        "oomtop_commit_limit_bytes 1024000",
        "oomtop_memory_total_bytes 1024000",
        "oomtop_memory_available_bytes 512000",
        "oomtop_swap_total_bytes 0",
        "oomtop_overcommit_memory 2",
        "oomtop_overcommit_ratio_percent 50",
        "oomtop_overcommit_kbytes_bytes 0",
        "oomtop_snapshot_timestamp_seconds 1700000000",
        "# TYPE oomtop_oom_kills_total counter",
        "oomtop_oom_kills_total 7",
        "# TYPE oomtop_memory_pressure_stalled_seconds_total counter",
        "oomtop_memory_pressure_stalled_seconds_total{kind=\"some\"} 1.500000",
        "oomtop_memory_pressure_stalled_seconds_total{kind=\"full\"} 0.000250",
        "oomtop_memory_pressure_ratio{kind=\"some\",window=\"10s\"} 0.1250",
        "oomtop_memory_pressure_ratio{kind=\"some\",window=\"300s\"} 0.0025",
        "oomtop_memory_pressure_ratio{kind=\"full\",window=\"10s\"} 0.0300",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (!has_line(t, lines[i])) {
            print_error("missing line '%s' in:\n%s", lines[i], t);
            fail();
        }
    }
    assert_null(strstr(t, "oomtop_process_"));     /* top 0: no processes */
    free(t);
}

/* A figure the system does not give has no sample (and no family). */
static void test_absent_figures(void **state)
{
    (void)state;
    Snapshot s;
    make_snapshot(&s, true);
    s.pressure.available = false;
    s.vmstat.oom_kill = VALUE_MISSING;
    s.mem.swap_total_kb = VALUE_MISSING;
    s.policy.overcommit_ratio = VALUE_MISSING;
    char *t = format(&s, 0);
    check_structure(t);
    assert_null(strstr(t, "pressure"));
    assert_null(strstr(t, "oom_kills"));
    assert_null(strstr(t, "oomtop_swap_total_bytes"));
    assert_null(strstr(t, "oomtop_overcommit_ratio_percent"));
    assert_true(has_line(t, "oomtop_overcommit_memory 2"));
    free(t);
}

static void test_victims_by_rank(void **state)
{
    (void)state;
    Snapshot s;
    make_snapshot(&s, true);
    char *t = format(&s, 2);
    check_structure(t);
    const char *hostile = "{pid=\"200\",name=\"a\\\"b\\\\c\\nd\",cgroup=\"/x/\\\"q\\\\\\n\"}";
    const char *mysql =
        "{pid=\"100\",name=\"mysqld\",cgroup=\"/system.slice/mysql.service\",unit=\"mysql.service\"}";
    char want[512];
    snprintf(want, sizeof want, "oomtop_process_oom_rank%s 1", hostile);
    assert_true(has_line(t, want));
    snprintf(want, sizeof want, "oomtop_process_oom_rank%s 2", mysql);
    assert_true(has_line(t, want));
    snprintf(want, sizeof want, "oomtop_process_resident_bytes%s 2097152", mysql);
    assert_true(has_line(t, want));
    snprintf(want, sizeof want, "oomtop_process_swap_bytes%s 16384", mysql);
    assert_true(has_line(t, want));
    snprintf(want, sizeof want, "oomtop_process_oom_score%s 900", hostile);
    assert_true(has_line(t, want));
    snprintf(want, sizeof want, "oomtop_process_oom_score_adj%s 500", hostile);
    assert_true(has_line(t, want));
    assert_null(strstr(t, "pid=\"400\""));     /* rank 3 is beyond the top 2 */
    /* Rank order: the next victim's sample comes first. */
    assert_true(strstr(t, "oomtop_process_resident_bytes{pid=\"200\"") <
                strstr(t, "oomtop_process_resident_bytes{pid=\"100\""));
    free(t);
}

/* Not ranked: kernel's score order, newest first among equals, never a
 * kernel thread, init, an unkillable or an unscored process. */
static void test_victims_unranked(void **state)
{
    (void)state;
    Snapshot s;
    make_snapshot(&s, false);
    char *t = format(&s, 10);
    check_structure(t);
    const char *a = strstr(t, "oomtop_process_oom_score{pid=\"200\"");
    const char *b = strstr(t, "oomtop_process_oom_score{pid=\"400\"");
    const char *c = strstr(t, "oomtop_process_oom_score{pid=\"100\"");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a < b && b < c);    /* 900, then 700 newer (80) before 700 older (50) */
    assert_null(strstr(t, "pid=\"1\""));
    assert_null(strstr(t, "pid=\"2\""));
    assert_null(strstr(t, "pid=\"300\""));
    assert_null(strstr(t, "pid=\"500\""));
    assert_null(strstr(t, "oomtop_process_oom_rank"));
    free(t);
}

static void test_top_larger_than_processes(void **state)
{
    (void)state;
    Snapshot s;
    make_snapshot(&s, true);
    char *t = format(&s, PROMETHEUS_TOP_MAX);
    check_structure(t);
    size_t n = 0;
    for (const char *p = t; (p = strstr(p, "\noomtop_process_oom_rank{")) != NULL; p++)
        n++;
    assert_int_equal(n, 3);
    free(t);
}

/* --------------------------------------------------------- the file */

static void test_write_file(void **state)
{
    (void)state;
    char dir[256], path[PATH_MAX], err[256];
    struct stat st;
    Snapshot s;
    make_snapshot(&s, true);
    snprintf(dir, sizeof dir, "%s/oomtop-prom-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/oomtop.prom", dir);
    mode_t old = umask(077);
    assert_int_equal(prometheus_write(path, &s, 5, err, sizeof err), 0);
    umask(old);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
    char *want = format(&s, 5);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *got = calloc(1, strlen(want) + 16);
    assert_int_equal(fread(got, 1, strlen(want) + 8, f), strlen(want));
    fclose(f);
    assert_string_equal(got, want);
    free(got);
    free(want);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);    /* nothing else was left there */

    assert_int_equal(prometheus_write(path, &s, 5, err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file or directory"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_label),
        cmocka_unit_test(test_system_metrics),
        cmocka_unit_test(test_absent_figures),
        cmocka_unit_test(test_victims_by_rank),
        cmocka_unit_test(test_victims_unranked),
        cmocka_unit_test(test_top_larger_than_processes),
        cmocka_unit_test(test_write_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
