/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_target.c - PID|NAME resolution over a hand-built Snapshot (exact
 * names only, kernel threads and zombies left out) and the protect memory
 * that lets "protect" toggle back to the previous oom_score_adj.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "protectmem.h"
#include "target.h"

static ProcSample procs[] = {
    { .pid = 1, .start_ticks = 10, .comm = "systemd" },
    { .pid = 2, .start_ticks = 10, .comm = "kthreadd", .flags = PROC_KTHREAD },
    { .pid = 310, .start_ticks = 500, .comm = "mysqld", .oom_score_adj = 0 },
    { .pid = 311, .start_ticks = 501, .comm = "mysqld_safe" },
    { .pid = 312, .start_ticks = 502, .comm = "mysqld", .flags = PROC_KTHREAD },
    { .pid = 313, .start_ticks = 503, .comm = "mysqld", .flags = PROC_ZOMBIE },
    { .pid = 400, .start_ticks = 600, .comm = "systemd-journal" },
    { .pid = 777, .start_ticks = 700, .comm = "mysqld" },
    { .pid = 900, .start_ticks = 800, .comm = "123" },
};

static Snapshot snap = { .procs = procs, .nprocs = sizeof procs / sizeof procs[0] };

typedef struct ResolveCase {
    const char *spec;
    long found;
    const char *pids;           /* when found */
    const char *message;        /* when not */
} ResolveCase;

static const ResolveCase resolve_cases[] = {
    { "mysqld", 2, "310, 777", NULL },
    { "310", 1, "310", NULL },
    { "0310", 1, "310", NULL },
    { "systemd", 1, "1", NULL },
    { "systemd-journal", 1, "400", NULL },
    { "2", 1, "2", NULL },                      /* a pid may name a kernel thread */
    { "mysql", -1, NULL, "no process named 'mysql'" },
    { "mysqld_saf", -1, NULL, "no process named 'mysqld_saf'" },
    { "MYSQLD", -1, NULL, "no process named 'MYSQLD'" },
    { "kthreadd", -1, NULL, "no process named 'kthreadd'" },
    { "systemd-journald", -1, NULL, "no process named 'systemd-journald': the kernel keeps"
      " only 15 characters of a name, use 'systemd-journal'" },
    { "99999", -1, NULL, "no process with pid 99999" },
    { "123", -1, NULL, "no process with pid 123" },  /* digits are a pid, never a name */
    { "0", -1, NULL, "'0' is not a valid pid" },
    { "99999999999", -1, NULL, "'99999999999' is not a valid pid" },
    { "", -1, NULL, "no process given (a pid or an exact process name)" },
    { "bad\x1b]0;x\x07", -1, NULL, "no process named 'bad?]0;x?'" },
};

static void test_target_resolve_cases(void **state)
{
    TargetSet t;
    char err[256], pids[128];

    (void)state;
    target_set_init(&t);
    for (size_t i = 0; i < sizeof resolve_cases / sizeof resolve_cases[0]; i++) {
        const ResolveCase *c = &resolve_cases[i];
        err[0] = '\0';
        long n = target_resolve(&snap, c->spec, &t, err, sizeof err);
        if (n != c->found)
            fail_msg("'%s': found %ld, want %ld (%s)", c->spec, n, c->found, err);
        if (n > 0)
            assert_string_equal(target_format_pids(&t, pids, sizeof pids), c->pids);
        else
            assert_string_equal(err, c->message);
    }
    target_set_free(&t);
}

static void test_target_name_sets_by_name(void **state)
{
    TargetSet t;
    char err[64];

    (void)state;
    target_set_init(&t);
    assert_int_equal(target_resolve(&snap, "mysqld", &t, err, sizeof err), 2);
    assert_true(t.by_name);
    assert_ptr_equal(t.procs[0], &procs[2]);
    assert_int_equal(target_resolve(&snap, "777", &t, err, sizeof err), 1);
    assert_false(t.by_name);
    assert_ptr_equal(t.procs[0], &procs[7]);
    assert_true(target_is_pid("42"));
    assert_false(target_is_pid("4a"));
    assert_false(target_is_pid(""));
    target_set_free(&t);
}

static void test_target_format_pids_truncates_whole(void **state)
{
    TargetSet t;
    char err[64], small[8];

    (void)state;
    target_set_init(&t);
    assert_int_equal(target_resolve(&snap, "mysqld", &t, err, sizeof err), 2);
    assert_string_equal(target_format_pids(&t, small, sizeof small), "310");
    target_set_free(&t);
}

static void test_protectmem_toggle_restores_previous(void **state)
{
    ProtectMemory m;
    ProcId id = { .pid = 310, .start_ticks = 500 };
    int next = 0, prev = 0;

    (void)state;
    protectmem_init(&m);
    assert_int_equal(protectmem_plan(&m, &id, 300, &next), PROTECT_SET);
    assert_int_equal(next, -1000);
    assert_int_equal(protectmem_applied(&m, &id, 300, -1000), 0);
    assert_true(protectmem_lookup(&m, &id, &prev));
    assert_int_equal(prev, 300);

    /* Pressed again: back to 300, and the memory is spent. */
    assert_int_equal(protectmem_plan(&m, &id, -1000, &next), PROTECT_RESTORE);
    assert_int_equal(next, 300);
    assert_int_equal(protectmem_applied(&m, &id, -1000, 300), 0);
    assert_false(protectmem_lookup(&m, &id, NULL));

    /* Protected by someone else: we do not know the old value. */
    assert_int_equal(protectmem_plan(&m, &id, -1000, &next), PROTECT_RESTORE_DEFAULT);
    assert_int_equal(next, 0);
    protectmem_free(&m);
}

static void test_protectmem_keys_on_identity(void **state)
{
    ProtectMemory m;
    ProcId id = { .pid = 310, .start_ticks = 500 };
    ProcId recycled = { .pid = 310, .start_ticks = 999 };
    ProcId other = { .pid = 777, .start_ticks = 700 };
    int next;

    (void)state;
    protectmem_init(&m);
    assert_int_equal(protectmem_applied(&m, &id, 250, -1000), 0);
    assert_int_equal(protectmem_applied(&m, &other, -500, -1000), 0);
    /* Setting -1000 again keeps the first remembered value. */
    assert_int_equal(protectmem_applied(&m, &id, -1000, -1000), 0);
    assert_int_equal(protectmem_plan(&m, &id, -1000, &next), PROTECT_RESTORE);
    assert_int_equal(next, 250);
    assert_int_equal(protectmem_plan(&m, &recycled, -1000, &next), PROTECT_RESTORE_DEFAULT);
    assert_int_equal(protectmem_plan(&m, &other, -1000, &next), PROTECT_RESTORE);
    assert_int_equal(next, -500);

    /* pid 777 is in the snapshot with start 700; 310 with start 500: both
     * stay. A snapshot where 310 has another start drops it. */
    protectmem_prune(&m, &snap);
    assert_int_equal(m.n, 2);
    ProcSample moved[] = { { .pid = 310, .start_ticks = 999 }, { .pid = 777, .start_ticks = 700 } };
    Snapshot s2 = { .procs = moved, .nprocs = 2 };
    protectmem_prune(&m, &s2);
    assert_int_equal(m.n, 1);
    assert_false(protectmem_lookup(&m, &id, NULL));
    assert_true(protectmem_lookup(&m, &other, NULL));
    protectmem_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_resolve_cases),
        cmocka_unit_test(test_target_name_sets_by_name),
        cmocka_unit_test(test_target_format_pids_truncates_whole),
        cmocka_unit_test(test_protectmem_toggle_restores_previous),
        cmocka_unit_test(test_protectmem_keys_on_identity),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
