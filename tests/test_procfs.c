/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_procfs.c - the /proc parsers on fixture text captured from this kind
 * of kernel (normal process, kernel thread, zombie, hostile names), and the
 * sampler on a fixture proc tree (missing files, vanished process).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"
#include "sample.h"

static char text[16384];

static const char *fixture(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", FIXTURE_DIR, name);
    ssize_t n = procfs_read_at(AT_FDCWD, path, text, sizeof text);
    if (n < 0)
        fail_msg("cannot read fixture %s: %s", path, strerror(errno));
    return text;
}

typedef struct StatusCase {
    const char *file;
    const char *comm;
    char state;
    uid_t uid;
    int threads;
    long long size_kb, rss_kb, anon_kb, file_kb, shmem_kb, swap_kb, pte_kb;
    unsigned flags;     /* expected PROC_HAS_MM / PROC_ZOMBIE */
} StatusCase;

static const StatusCase status_cases[] = {
    { "normal_status.txt", "worker one", 'R', 1000, 1,
      18132, 11424, 7632, 3792, 0, 128, 72, PROC_HAS_MM },
    /* "\n" in a name is escaped by the kernel; unescaped, then made safe. */
    { "weird_status.txt", "a) (b c?d)", 'R', 0, 1,
      18132, 11424, 7632, 3792, 0, 0, 72, PROC_HAS_MM },
    { "hostile_status.txt", "?[31mx\\y?", 'R', 1000, 1,
      18132, 11424, 7632, 3792, 0, 128, 72, PROC_HAS_MM },
    { "kthread_status.txt", "kthreadd", 'S', 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 },
    { "zombie_status.txt", "python3", 'Z', 0, 1, 0, 0, 0, 0, 0, 0, 0,
      PROC_ZOMBIE },
};

static void test_parse_status_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof status_cases / sizeof *status_cases; i++) {
        const StatusCase *c = &status_cases[i];
        ProcSample p;
        memset(&p, 0xff, sizeof p);     /* stale values must be overwritten */
        p.flags = PROC_HAS_MM | PROC_ZOMBIE | PROC_KTHREAD;
        assert_int_equal(procfs_parse_status(fixture(c->file), &p), 0);
        assert_string_equal(p.comm, c->comm);
        assert_int_equal(p.state, c->state);
        assert_int_equal(p.uid, c->uid);
        assert_int_equal(p.threads, c->threads);
        assert_int_equal(p.vm_size_kb, c->size_kb);
        assert_int_equal(p.vm_rss_kb, c->rss_kb);
        assert_int_equal(p.rss_anon_kb, c->anon_kb);
        assert_int_equal(p.rss_file_kb, c->file_kb);
        assert_int_equal(p.rss_shmem_kb, c->shmem_kb);
        assert_int_equal(p.vm_swap_kb, c->swap_kb);
        assert_int_equal(p.vm_pte_kb, c->pte_kb);
        assert_int_equal(p.flags & (PROC_HAS_MM | PROC_ZOMBIE), c->flags);
        /* Flags that are not the parser's business stay as they were. */
        assert_true(p.flags & PROC_KTHREAD);
    }
}

static void test_parse_status_no_name(void **state)
{
    ProcSample p;
    (void)state;
    memset(&p, 0, sizeof p);
    assert_int_equal(procfs_parse_status("State:\tR (running)\n", &p), -1);
    assert_int_equal(procfs_parse_status("", &p), -1);
}

typedef struct StatCase {
    const char *file;
    char state;
    pid_t ppid;
    int kthread;
    unsigned long long start_ticks;
} StatCase;

static const StatCase stat_cases[] = {
    /* comm "a) (b c\nd)": the fields follow the LAST ')'. */
    { "weird_stat.txt", 'R', 6362, 0, 53546 },
    { "kthread_stat.txt", 'S', 0, 1, 25 },
    { "zombie_stat.txt", 'Z', 6362, 0, 53546 },
};

static void test_parse_stat_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof stat_cases / sizeof *stat_cases; i++) {
        const StatCase *c = &stat_cases[i];
        ProcStat st;
        assert_int_equal(procfs_parse_stat(fixture(c->file), &st), 0);
        assert_int_equal(st.state, c->state);
        assert_int_equal(st.ppid, c->ppid);
        assert_int_equal((st.flags & PROCFS_PF_KTHREAD) != 0, c->kthread);
        assert_int_equal(st.start_ticks, c->start_ticks);
        assert_int_equal(st.nice, 0);
    }
}

static void test_parse_stat_bad(void **state)
{
    ProcStat st;
    (void)state;
    assert_int_equal(procfs_parse_stat("", &st), -1);
    assert_int_equal(procfs_parse_stat("12 (x", &st), -1);
    assert_int_equal(procfs_parse_stat("12 (x) S 1 2 3", &st), -1);
    /* A negative nice (field 19) parses as such. */
    assert_int_equal(procfs_parse_stat(
        "7 (n) S 1 7 7 0 -1 4194560 0 0 0 0 0 0 0 0 39 19 1 0 99 0 0", &st), 0);
    assert_int_equal(st.nice, 19);
    assert_int_equal(procfs_parse_stat(
        "7 (n) S 1 7 7 0 -1 4194560 0 0 0 0 0 0 0 0 0 -20 1 0 99 0 0", &st), 0);
    assert_int_equal(st.nice, -20);
    assert_int_equal(st.start_ticks, 99);
    /* A counter past 2^63 (minflt) is clamped, as strtoll did: the process
     * still parses. */
    assert_int_equal(procfs_parse_stat(
        "7 (n) S 1 7 7 0 -1 4194560 99999999999999999999999 0 0 0 0 0 0 0 20 0 1 0 77 0 0",
        &st), 0);
    assert_int_equal(st.start_ticks, 77);
    assert_int_equal(st.nice, 0);
}

static void test_parse_statm(void **state)
{
    long long size, res, shr;
    (void)state;
    assert_int_equal(procfs_parse_statm("4533 2856 948 1 0 2351 0\n", &size,
                                        &res, &shr), 0);
    assert_int_equal(size, 4533);
    assert_int_equal(res, 2856);
    assert_int_equal(shr, 948);
    assert_int_equal(procfs_parse_statm("0 0 0 0 0 0 0\n", &size, &res, &shr), 0);
    assert_int_equal(res, 0);
    assert_int_equal(procfs_parse_statm("12 34\n", &size, &res, &shr), -1);
    assert_int_equal(procfs_parse_statm("", &size, &res, &shr), -1);
}

/* The integer parser must read what strtoll reads, and refuse exactly
 * where strtoll reports nothing read or an out-of-range value. */
static void test_parse_ll_agrees_with_strtoll(void **state)
{
    static const char *const cases[] = {
        "0", "7\n", "-1000\n", "+12", "  42", "\t\n\v\f\r 5", "-", "+", "", " ",
        "abc", "12abc", "- 5", "--5", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "99999999999999999999999",
        "00000000000000000000000000042", "-0", "1 2 3",
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *end;
        long long got = 12345, want;
        errno = 0;
        want = strtoll(cases[i], &end, 10);
        bool ok = end != cases[i] && errno == 0;
        int rc = procfs_parse_ll(cases[i], &got);
        if (rc != (ok ? 0 : -1) || (ok && got != want))
            fail_msg("'%s': parsed rc %d value %lld, strtoll ok %d value %lld", cases[i], rc,
                     got, ok, want);
    }
}

static void test_parse_meminfo_full(void **state)
{
    MemInfo m;
    (void)state;
    procfs_parse_meminfo(fixture("meminfo_full.txt"), &m);
    assert_int_equal(m.mem_total_kb, 24684096);
    assert_int_equal(m.mem_free_kb, 24469972);
    assert_int_equal(m.mem_available_kb, 24407748);
    assert_int_equal(m.buffers_kb, 2884);
    assert_int_equal(m.cached_kb, 78056);
    assert_int_equal(m.swap_total_kb, 0);
    assert_int_equal(m.swap_free_kb, 0);
    assert_int_equal(m.shmem_kb, 8788);
    assert_int_equal(m.hugetlb_kb, 0);
    assert_int_equal(m.committed_as_kb, 62220);
    assert_int_equal(m.commit_limit_kb, 12342048);
}

/* Absent lines are VALUE_MISSING, never 0; the "Cached" key must not be
 * confused with "SwapCached". */
static void test_parse_meminfo_missing_lines(void **state)
{
    MemInfo m;
    (void)state;
    procfs_parse_meminfo(fixture("meminfo_noswap.txt"), &m);
    assert_int_equal(m.swap_total_kb, VALUE_MISSING);
    assert_int_equal(m.swap_free_kb, VALUE_MISSING);
    assert_int_equal(m.hugetlb_kb, VALUE_MISSING);
    assert_int_equal(m.cached_kb, 78056);
    assert_int_equal(m.commit_limit_kb, 12342048);
    procfs_parse_meminfo("", &m);
    assert_int_equal(m.mem_total_kb, VALUE_MISSING);
}

static void test_parse_vmstat(void **state)
{
    VmStat v;
    (void)state;
    procfs_parse_vmstat(fixture("vmstat_part.txt"), &v);
    assert_int_equal(v.oom_kill, 2);
    assert_int_equal(v.pswpin, 7);
    assert_int_equal(v.pswpout, 9);
    assert_int_equal(v.pgmajfault, 1234);
    procfs_parse_vmstat(fixture("vmstat_old.txt"), &v);
    assert_int_equal(v.pgmajfault, 5);
    assert_int_equal(v.oom_kill, VALUE_MISSING);
}

static void test_parse_pressure(void **state)
{
    Pressure p;
    (void)state;
    assert_true(procfs_parse_pressure(fixture("pressure_busy.txt"), &p));
    assert_true(p.available);
    assert_float_equal(p.some_avg10, 1.50, 1e-9);
    assert_float_equal(p.some_avg60, 12.34, 1e-9);
    assert_float_equal(p.some_avg300, 0.07, 1e-9);
    assert_float_equal(p.full_avg10, 0.25, 1e-9);
    assert_float_equal(p.full_avg60, 3.00, 1e-9);
    assert_float_equal(p.full_avg300, 0.01, 1e-9);
    assert_int_equal(p.some_total_us, 123456789ULL);
    assert_int_equal(p.full_total_us, 98765ULL);

    assert_true(procfs_parse_pressure(fixture("pressure_memory.txt"), &p));
    assert_int_equal(p.some_total_us, 1024);
    assert_int_equal(p.full_total_us, 836);

    assert_false(procfs_parse_pressure(fixture("pressure_bad.txt"), &p));
    assert_false(p.available);
    assert_false(procfs_parse_pressure("", &p));
}

static void test_parse_uptime_loadavg(void **state)
{
    double up, load[3];
    (void)state;
    assert_int_equal(procfs_parse_uptime("381.73 727.31\n", &up), 0);
    assert_float_equal(up, 381.73, 1e-9);
    assert_int_equal(procfs_parse_uptime("x", &up), -1);
    assert_int_equal(procfs_parse_loadavg("0.50 1.25 12.00 1/87 5247\n", load), 0);
    assert_float_equal(load[0], 0.50, 1e-9);
    assert_float_equal(load[1], 1.25, 1e-9);
    assert_float_equal(load[2], 12.00, 1e-9);
    assert_int_equal(procfs_parse_loadavg("0.50 1.25", load), -1);
}

/* A file the kernel builds record by record comes at most a page per
 * read(): procfs_read_at must read on to EOF, as stdio does. smaps of this
 * process is such a file, and longer than a page. */
static void test_read_past_a_page(void **state)
{
    static char ours[1 << 18], theirs[1 << 18], stdio_buf[BUFSIZ];
    (void)state;
    /* Everything allocated first: the mappings must not change between. */
    FILE *f = fopen("/proc/self/smaps", "r");
    assert_non_null(f);
    assert_int_equal(setvbuf(f, stdio_buf, _IOFBF, sizeof stdio_buf), 0);
    ssize_t n = procfs_read_at(AT_FDCWD, "/proc/self/smaps", ours, sizeof ours);
    size_t m = fread(theirs, 1, sizeof theirs - 1, f);
    fclose(f);
    assert_true(m > 8192);
    assert_int_equal(n, (ssize_t)m);
}

static void test_read_missing_file(void **state)
{
    char buf[64];
    long long v;
    (void)state;
    errno = 0;
    assert_int_equal(procfs_read_at(AT_FDCWD, FIXTURE_DIR "/no-such-file",
                                    buf, sizeof buf), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(procfs_read_ll(AT_FDCWD, FIXTURE_DIR "/no-such-file", &v), -1);
    /* A file without an integer is an error, not a 0. */
    assert_int_equal(procfs_read_ll(AT_FDCWD, FIXTURE_DIR "/pressure_bad.txt", &v), -1);
    assert_int_equal(errno, EINVAL);
}

static const ProcSample *find_pid(const Snapshot *snap, pid_t pid)
{
    for (size_t i = 0; i < snap->nprocs; i++)
        if (snap->procs[i].pid == pid)
            return &snap->procs[i];
    return NULL;
}

/* The whole sampler on a fixture tree: a normal process, a kernel thread, a
 * zombie, and pid 400 whose status is gone (left out silently); absent
 * /proc/sys/vm files and PSI degrade to VALUE_MISSING / unavailable. */
static void test_sampler_fixture_tree(void **state)
{
    char err[256];
    (void)state;
    Sampler *s = sampler_open(FIXTURE_DIR "/proc-tree", err, sizeof err);
    assert_non_null(s);
    Snapshot *snap = sampler_refresh(s, SAMPLE_CMDLINE);
    assert_non_null(snap);

    assert_int_equal(snap->ntasks_total, 4);
    assert_int_equal(snap->nprocs, 3);
    assert_null(find_pid(snap, 400));
    assert_int_equal(snap->mem.mem_total_kb, 24684096);
    assert_int_equal(snap->mem.swap_total_kb, VALUE_MISSING);
    assert_int_equal(snap->vmstat.oom_kill, 3);
    assert_int_equal(snap->policy.overcommit_memory, 2);
    assert_int_equal(snap->policy.overcommit_ratio, VALUE_MISSING);
    assert_int_equal(snap->policy.user_reserve_kbytes, VALUE_MISSING);
    assert_false(snap->pressure.available);
    assert_float_equal(snap->uptime_s, 12345.67, 1e-9);
    assert_float_equal(snap->loadavg[2], 2.0, 1e-9);

    const ProcSample *p = find_pid(snap, 100);
    assert_non_null(p);
    assert_string_equal(p->comm, "worker one");
    assert_int_equal(p->ppid, 6362);
    assert_int_equal(p->start_ticks, 53546);
    assert_int_equal(p->oom_score, 1000);
    assert_int_equal(p->oom_score_adj, 500);
    assert_int_equal(p->flags & (PROC_HAS_MM | PROC_OOM_SCORE_OK | PROC_OOM_ADJ_OK
                                 | PROC_KTHREAD | PROC_ZOMBIE),
                     PROC_HAS_MM | PROC_OOM_SCORE_OK | PROC_OOM_ADJ_OK);
    assert_int_equal(proc_shr_kb(p), 3792);
    assert_string_equal(p->cmdline, "worker --one ?]0;evil?");
    assert_true(p->flags & PROC_NICE_OK);      /* from stat: a copied tree has no */
    assert_int_equal(p->nice, 5);              /* process to ask getpriority() */

    p = find_pid(snap, 2);
    assert_non_null(p);
    assert_true(p->flags & PROC_KTHREAD);
    assert_false(p->flags & PROC_HAS_MM);
    assert_string_equal(p->cmdline, "");

    p = find_pid(snap, 300);
    assert_non_null(p);
    assert_true(p->flags & PROC_ZOMBIE);
    assert_false(p->flags & PROC_KTHREAD);

    /* A second refresh reuses the cache and gives the same answer. */
    snap = sampler_refresh(s, 0);
    assert_non_null(snap);
    assert_int_equal(snap->nprocs, 3);
    p = find_pid(snap, 100);
    assert_non_null(p);
    assert_int_equal(p->start_ticks, 53546);
    assert_null(p->cmdline);
    assert_true(p->flags & PROC_NICE_OK);
    assert_int_equal(p->nice, 5);
    /* Figures remembered from the first status read, sizes from statm. */
    assert_string_equal(p->comm, "worker one");
    assert_int_equal(p->uid, 1000);
    assert_int_equal(p->vm_swap_kb, 128);
    assert_int_equal(p->vm_size_kb, 4533 * snap->page_kb);
    assert_int_equal(p->vm_rss_kb, 2856 * snap->page_kb);
    assert_int_equal(proc_shr_kb(p), 948 * snap->page_kb);
    assert_int_equal(p->vm_rss_kb, p->rss_anon_kb + proc_shr_kb(p));
    sampler_close(s);
}

static void test_sampler_open_missing_root(void **state)
{
    char err[256] = "";
    (void)state;
    assert_null(sampler_open(FIXTURE_DIR "/no-such-proc", err, sizeof err));
    assert_non_null(strstr(err, "no-such-proc"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_status_table),
        cmocka_unit_test(test_parse_status_no_name),
        cmocka_unit_test(test_parse_stat_table),
        cmocka_unit_test(test_parse_stat_bad),
        cmocka_unit_test(test_parse_statm),
        cmocka_unit_test(test_parse_ll_agrees_with_strtoll),
        cmocka_unit_test(test_parse_meminfo_full),
        cmocka_unit_test(test_parse_meminfo_missing_lines),
        cmocka_unit_test(test_parse_vmstat),
        cmocka_unit_test(test_parse_pressure),
        cmocka_unit_test(test_parse_uptime_loadavg),
        cmocka_unit_test(test_read_past_a_page),
        cmocka_unit_test(test_read_missing_file),
        cmocka_unit_test(test_sampler_fixture_tree),
        cmocka_unit_test(test_sampler_open_missing_root),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
