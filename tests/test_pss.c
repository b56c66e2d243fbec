/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_pss.c - the PSS column's reader: the Pss line of smaps_rollup text,
 * then the sampler on a live child with 16 MiB of private memory it has
 * touched, whose Pss the kernel must report as at least that and at most
 * its RSS.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pss.h"
#include "sample.h"

#define CHILD_MIB 16

static const struct {
    const char *what;
    const char *text;
    long long want;
} cases[] = {
    { "plain", "0-1 ---p 00000000 00:00 0 [rollup]\nRss: 20 kB\nPss: 7 kB\n", 7 },
    { "no final newline", "0-1 [rollup]\nPss:   12 kB", 12 },
    { "Pss_Anon is not Pss", "0-1 [rollup]\nPss_Anon: 3 kB\nPss_File: 4 kB\n", VALUE_MISSING },
    { "after its cousins", "0-1 [rollup]\nPss_Dirty: 3 kB\nPss: 41 kB\n", 41 },
    { "no figure", "0-1 [rollup]\nPss:\nRss: 5 kB\n", VALUE_MISSING },
    { "empty (kernel thread)", "", VALUE_MISSING },
    { "absurdly long figure", "x\nPss: 123456789012345678901234567890123 kB\n", VALUE_MISSING },
};

static void test_parse_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long long got = pss_parse_kb(cases[i].text, strlen(cases[i].text));
        if (got != cases[i].want)
            fail_msg("%s: got %lld, want %lld", cases[i].what, got, cases[i].want);
    }
}

static void test_parse_fixture(void **state)
{
    char buf[4096];
    (void)state;
    FILE *f = fopen(FIXTURE_DIR "/smaps_rollup.txt", "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_int_equal(pss_parse_kb(buf, n), 210);
    /* Cut before the Pss line: nothing to find. */
    assert_int_equal(pss_parse_kb(buf, (size_t)(strstr(buf, "\nPss:") - buf)), VALUE_MISSING);
}

/* VmRSS of pid from its status file, KiB. */
static long long vm_rss_kb(pid_t pid)
{
    char path[64], line[256];
    long long kb = -1;
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %lld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

/* A child that has written to CHILD_MIB of private memory and waits. */
static pid_t spawn_child(void)
{
    int fds[2];
    char c;
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        size_t len = (size_t)CHILD_MIB << 20;
        volatile char *mem = malloc(len);   /* volatile: the writes stay */
        if (!mem)
            _exit(1);
        for (size_t i = 0; i < len; i += 1024)
            mem[i] = 0x5a;
        if (write(fds[1], "r", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &c, 1), 1);
    close(fds[0]);
    return pid;
}

static const ProcSample *find_pid(const Snapshot *snap, pid_t pid)
{
    for (size_t i = 0; i < snap->nprocs; i++)
        if (snap->procs[i].pid == pid)
            return &snap->procs[i];
    return NULL;
}

/* The sampler reads PSS only when asked (SAMPLE_PSS): the child gets its
 * figure, kernel threads none. */
static void test_live_child(void **state)
{
    (void)state;
    char err[256];
    pid_t pid = spawn_child();
    long long rss = vm_rss_kb(pid);
    Sampler *s = sampler_open("/proc", err, sizeof err);
    assert_non_null(s);

    Snapshot *snap = sampler_refresh(s, 0);
    assert_non_null(snap);
    const ProcSample *p = find_pid(snap, pid);
    assert_non_null(p);
    assert_int_equal(p->pss_kb, VALUE_MISSING);     /* not asked: not read */

    assert_non_null(snap = sampler_refresh(s, SAMPLE_PSS));
    assert_non_null(p = find_pid(snap, pid));
    long long pss = p->pss_kb;
    size_t kthreads = 0;
    for (size_t i = 0; i < snap->nprocs; i++)
        if (snap->procs[i].flags & PROC_KTHREAD) {
            assert_int_equal(snap->procs[i].pss_kb, VALUE_MISSING);
            kthreads++;
        }
    if (kthreads == 0)
        print_message("no kernel thread in this pid namespace: their PSS is not checked\n");
    int proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    assert_true(proc_fd >= 0);
    long long direct = pss_read_kb(proc_fd, pid);

    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    print_message("child: Pss %lld kB, VmRSS %lld kB\n", pss, rss);
    assert_true(pss >= CHILD_MIB * 1024);
    assert_true(pss <= rss);
    assert_true(direct >= CHILD_MIB * 1024 && direct <= rss);
    /* Gone: nothing to read. */
    assert_int_equal(pss_read_kb(proc_fd, pid), VALUE_MISSING);
    close(proc_fd);
    sampler_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_fixture),
        cmocka_unit_test(test_live_child),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
