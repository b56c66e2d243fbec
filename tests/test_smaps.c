/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_smaps.c - commit charge, fork cost and MAP_NORESERVE gap from smaps:
 * a fixture first, then this process's own mappings as the kernel flags
 * them, then the "?" path (a process smaps may not be read from).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smaps.h"

#define MIB 1024LL

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "re");
    char *buf = calloc(1, 65536);

    assert_non_null(f);
    assert_non_null(buf);
    size_t n = fread(buf, 1, 65535, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_parse_fixture(void **state)
{
    (void)state;
    char *text = slurp(FIXTURE_DIR "/smaps_commit.txt");
    SmapsSums s;

    smaps_parse(text, &s);
    assert_true(s.readable);
    /* ac: 16 kB data + 1 GiB + 256 MiB (dc) + 132 kB stack */
    assert_int_equal(s.committed_kb, 16 + 1024 * MIB + 256 * MIB + 132);
    /* the dc mapping is not copied by fork() */
    assert_int_equal(s.fork_cost_kb, 16 + 1024 * MIB + 132);
    assert_int_equal(s.fork_largest_kb, 1024 * MIB);
    /* nr: only the private writable one; read-only and hugetlb never charge */
    assert_int_equal(s.noreserve_kb, 128 * MIB);
    free(text);

    smaps_parse("", &s);
    assert_int_equal(s.committed_kb, 0);
    smaps_parse("garbage\nVmFlags: ac\n7f-\n", &s);
    assert_int_equal(s.committed_kb, 0);
}

static void read_self(SmapsSums *s)
{
    assert_int_equal(smaps_read("/proc", getpid(), s), 0);
    assert_true(s->readable);
}

static long long overcommit_mode(void)
{
    long long v = -1;
    FILE *f = fopen("/proc/sys/vm/overcommit_memory", "re");

    if (f) {
        if (fscanf(f, "%lld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

static void test_live_self(void **state)
{
    (void)state;
    SmapsSums before, after;
    size_t len = 64 << 20, nr_len = 32 << 20, dc_len = 16 << 20;

    read_self(&before);
    char *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(mem != MAP_FAILED);
    read_self(&after);
    assert_int_equal(after.committed_kb - before.committed_kb, 64 * MIB);
    assert_int_equal(after.fork_cost_kb - before.fork_cost_kb, 64 * MIB);

    assert_int_equal(madvise(mem, dc_len, MADV_DONTFORK), 0);
    read_self(&after);
    assert_int_equal(after.committed_kb - before.committed_kb, 64 * MIB);
    assert_int_equal(after.fork_cost_kb - before.fork_cost_kb, 48 * MIB);

    char *nr = mmap(NULL, nr_len, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    assert_true(nr != MAP_FAILED);
    read_self(&after);
    if (overcommit_mode() == 2) {
        /* Mode 2 ignores MAP_NORESERVE: charged like any other. */
        assert_int_equal(after.committed_kb - before.committed_kb, 96 * MIB);
        assert_int_equal(after.noreserve_kb - before.noreserve_kb, 0);
    } else {
        assert_int_equal(after.committed_kb - before.committed_kb, 64 * MIB);
        assert_int_equal(after.noreserve_kb - before.noreserve_kb, 32 * MIB);
    }
    munmap(nr, nr_len);
    munmap(mem, len);
}

static void test_cache(void **state)
{
    (void)state;
    SmapsCache *c = smaps_cache_new("/proc");
    ProcSample self = { .pid = getpid(), .start_ticks = 42 };
    size_t len = 8 << 20;

    assert_non_null(c);
    long long base = smaps_cache_get(c, &self, 100.0, 2.0)->committed_kb;
    char *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(mem != MAP_FAILED);
    /* Within max_age: the old figure; after it: read again. */
    assert_int_equal(smaps_cache_get(c, &self, 101.0, 2.0)->committed_kb, base);
    assert_int_equal(smaps_cache_get(c, &self, 103.5, 2.0)->committed_kb, base + 8 * MIB);
    /* The same pid with another start time is another process. */
    self.start_ticks = 43;
    assert_int_equal(smaps_cache_get(c, &self, 103.6, 2.0)->committed_kb, base + 8 * MIB);
    smaps_cache_expire(c, 200.0, 10.0);
    munmap(mem, len);
    smaps_cache_free(c);
}

static void test_gone_process(void **state)
{
    (void)state;
    SmapsSums s;
    pid_t pid = fork();

    assert_true(pid >= 0);
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    assert_int_equal(smaps_read("/proc", pid, &s), -1);
    assert_false(s.readable);
    assert_int_equal(s.error, ENOENT);
    assert_int_equal(s.committed_kb, VALUE_MISSING);
    assert_int_equal(s.fork_cost_kb, VALUE_MISSING);
}

/* The kernel refuses smaps without ptrace-read access: an unprivileged
 * child asking about its root parent must get "unreadable", not a crash. */
static void test_refused(void **state)
{
    (void)state;
    int status;

    if (geteuid() != 0)
        skip();
    pid_t parent = getpid();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        SmapsSums s;
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(3);
        int rc = smaps_read("/proc", parent, &s);
        _exit(rc == -1 && !s.readable && s.error == EACCES && s.committed_kb == VALUE_MISSING
                  ? 0 : 1);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3)
        skip();
    assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_fixture),
        cmocka_unit_test(test_live_self),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_gone_process),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
