/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_pressure.c - PSI thresholds, vmstat rates and the "OOM kills since
 * oomtop started" counter, table-driven.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "pressure.h"

static void test_level_thresholds(void **state)
{
    static const struct { double pct; bool full; enum PsiLevel want; } cases[] = {
        { 0.00, false, PSI_LEVEL_OK },   { 9.99, false, PSI_LEVEL_OK },
        { 10.00, false, PSI_LEVEL_WARN }, { 39.99, false, PSI_LEVEL_WARN },
        { 40.00, false, PSI_LEVEL_CRIT }, { 100.0, false, PSI_LEVEL_CRIT },
        { 4.99, true, PSI_LEVEL_OK },    { 5.00, true, PSI_LEVEL_WARN },
        { 19.99, true, PSI_LEVEL_WARN }, { 20.00, true, PSI_LEVEL_CRIT },
        { -1.0, false, PSI_LEVEL_NONE }, { -0.01, true, PSI_LEVEL_NONE },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(pressure_level_of(cases[i].pct, cases[i].full), cases[i].want);
    assert_int_equal(pressure_level_of(NAN, false), PSI_LEVEL_NONE);
}

static void test_level_of_snapshot(void **state)
{
    static const struct { Pressure p; enum PsiLevel want; } cases[] = {
        /* Absent PSI is NONE even with figures left in the struct. */
        { { .available = false, .some_avg10 = 90 }, PSI_LEVEL_NONE },
        { { .available = true }, PSI_LEVEL_OK },
        /* tests/fixtures/pressure_busy.txt: some avg60 12.34 is past 10. */
        { { .available = true, .some_avg10 = 1.50, .some_avg60 = 12.34, .some_avg300 = 0.07,
            .full_avg10 = 0.25, .full_avg60 = 3.00, .full_avg300 = 0.01 }, PSI_LEVEL_WARN },
        { { .available = true, .full_avg10 = 25.0 }, PSI_LEVEL_CRIT },
        /* avg300 alone is history, not "now". */
        { { .available = true, .some_avg300 = 80.0, .full_avg300 = 80.0 }, PSI_LEVEL_OK },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(pressure_level(&cases[i].p), cases[i].want);
    assert_int_equal(pressure_level(NULL), PSI_LEVEL_NONE);
}

static void test_vm_rates(void **state)
{
    static const struct {
        VmStat a, b;
        double dt;
        long page_kb;
        double in, out, maj, oom;
    } cases[] = {
        { { 2, 7, 9, 1234 }, { 5, 107, 9, 1334 }, 2.0, 4, 200.0, 0.0, 50.0, 1.5 },
        { { 2, 7, 9, 1234 }, { 5, 107, 9, 1334 }, 0.5, 16, 3200.0, 0.0, 200.0, 6.0 },
        /* A counter missing on either side, or going backwards: unknown. */
        { { VALUE_MISSING, 0, 0, 0 }, { 1, 10, 0, 4 }, 1.0, 4, 40.0, 0.0, 4.0, -1 },
        { { 3, 10, 0, 4 }, { 1, 5, VALUE_MISSING, 4 }, 1.0, 4, -1, -1, 0.0, -1 },
        /* No time elapsed: nothing is known. */
        { { 0, 0, 0, 0 }, { 1, 1, 1, 1 }, 0.0, 4, -1, -1, -1, -1 },
        { { 0, 0, 0, 0 }, { 1, 1, 1, 1 }, 1.0, 0, -1, -1, -1, -1 },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        VmRates r;
        int ret = pressure_vm_rates(&cases[i].a, &cases[i].b, cases[i].dt, cases[i].page_kb, &r);
        print_message("case %zu\n", i);
        assert_int_equal(ret, cases[i].dt > 0 && cases[i].page_kb > 0 ? 0 : -1);
        assert_true(fabs(r.swap_in_kb_s - cases[i].in) < 1e-9);
        assert_true(fabs(r.swap_out_kb_s - cases[i].out) < 1e-9);
        assert_true(fabs(r.major_faults_s - cases[i].maj) < 1e-9);
        assert_true(fabs(r.oom_kills_s - cases[i].oom) < 1e-9);
    }
}

static Snapshot snap_at(double uptime, long long oom_kill, long long pswpin)
{
    Snapshot s;

    memset(&s, 0, sizeof(s));
    s.uptime_s = uptime;
    s.page_kb = 4;
    s.vmstat.oom_kill = oom_kill;
    s.vmstat.pswpin = pswpin;
    s.vmstat.pswpout = 0;
    s.vmstat.pgmajfault = 0;
    return s;
}

static void test_tracker(void **state)
{
    PressureTracker t;
    Snapshot s;
    (void)state;

    pressure_tracker_init(&t);
    assert_int_equal(t.oom_kills_since_start, VALUE_MISSING);

    s = snap_at(100.0, 7, 0);
    pressure_track(&t, &s);
    assert_int_equal(t.oom_kills_since_start, 0);    /* the 7 before start do not count */
    assert_true(t.rates.swap_in_kb_s < 0);           /* one sample is no rate */

    s = snap_at(102.0, 9, 50);
    pressure_track(&t, &s);
    assert_int_equal(t.oom_kills_since_start, 2);
    assert_true(fabs(t.rates.swap_in_kb_s - 100.0) < 1e-9);
    assert_true(fabs(t.rates.oom_kills_s - 1.0) < 1e-9);

    s = snap_at(104.0, 10, 50);
    pressure_track(&t, &s);
    assert_int_equal(t.oom_kills_since_start, 3);
    assert_true(fabs(t.rates.swap_in_kb_s) < 1e-9);  /* pswpin did not move */
}

static void test_tracker_without_oom_kill(void **state)
{
    PressureTracker t;
    Snapshot s = snap_at(1.0, VALUE_MISSING, 0);
    (void)state;

    pressure_tracker_init(&t);
    pressure_track(&t, &s);
    assert_int_equal(t.oom_kills_since_start, VALUE_MISSING);
    s = snap_at(2.0, VALUE_MISSING, 0);
    pressure_track(&t, &s);
    assert_int_equal(t.oom_kills_since_start, VALUE_MISSING);
    assert_true(t.rates.oom_kills_s < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_thresholds),
        cmocka_unit_test(test_level_of_snapshot),
        cmocka_unit_test(test_vm_rates),
        cmocka_unit_test(test_tracker),
        cmocka_unit_test(test_tracker_without_oom_kill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
