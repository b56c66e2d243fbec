/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_format.c - units as top shows them.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>

#include "format.h"

typedef struct ColCase {
    long long kb;
    enum UnitScale scale;
    int width;
    const char *out;
} ColCase;

static const ColCase column_cases[] = {
    { 0, UNIT_AUTO, 7, "0" },
    { 1234567, UNIT_AUTO, 7, "1234567" },
    { 12345678, UNIT_AUTO, 7, "12056m" },
    { 123456789, UNIT_AUTO, 7, "120563m" },
    { 1234567890, UNIT_AUTO, 7, "1177.4g" },
    { 24684096, UNIT_AUTO, 6, "24106m" },
    { 24684096, UNIT_GIB, 6, "23.54g" },
    { 65536, UNIT_MIB, 7, "64.000m" },
    { 100000, UNIT_GIB, 7, "0.095g" },
    { 1073741824LL, UNIT_TIB, 7, "1.000t" },
    { 5000, UNIT_KIB, 3, "5m" },
    { -1, UNIT_AUTO, 7, "-" },
};

static void test_format_kb_column_table(void **state)
{
    (void)state;
    char buf[32];
    for (size_t i = 0; i < sizeof column_cases / sizeof column_cases[0]; i++) {
        const ColCase *c = &column_cases[i];
        format_kb_column(buf, sizeof buf, c->kb, c->scale, c->width);
        assert_string_equal(buf, c->out);
    }
}

/* format_ll writes what snprintf's "%lld" writes, truncated the same way. */
static void test_format_ll_agrees_with_snprintf(void **state)
{
    static const long long values[] = { 0, 1, -1, 9, 10, -10, 1000, -1000, 2147483647,
                                        -2147483648LL, LLONG_MAX, LLONG_MIN };
    (void)state;
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        for (size_t len = 0; len <= 24; len++) {
            char got[24] = "untouched", want[24] = "untouched";
            int n = format_ll(got, len, values[i]);
            int m = snprintf(want, len, "%lld", values[i]);
            assert_int_equal(n, m);
            assert_string_equal(got, want);
        }
    }
}

/* %MEM: the exact quotient, half up; away from a tie "%.1f" of the double
 * agrees, at a tie the double may sit below it (0.15 is 0.1499...). */
static void test_format_percent_tenths(void **state)
{
    (void)state;
    char buf[32], want[32];

    format_percent_tenths(buf, sizeof buf, 0, 24683748);
    assert_string_equal(buf, "0.0");
    format_percent_tenths(buf, sizeof buf, 24683748, 24683748);
    assert_string_equal(buf, "100.0");
    format_percent_tenths(buf, sizeof buf, 3, 2000);        /* 0.15 exactly */
    assert_string_equal(buf, "0.2");
    format_percent_tenths(buf, sizeof buf, 2999, 2000000);  /* 0.14995 */
    assert_string_equal(buf, "0.1");
    format_percent_tenths(buf, sizeof buf, 1LL << 50, 1LL << 50);
    assert_string_equal(buf, "100.0");
    format_percent_tenths(buf, 4, 1000, 1000);               /* cut, terminated */
    assert_string_equal(buf, "100");
    for (long long whole = 997; whole < 30000000; whole = whole * 7 + 3) {
        for (long long part = 0; part <= whole; part += whole / 509 + 1) {
            if ((part * 2000) % (2 * whole) == whole)
                continue;   /* a tie */
            snprintf(want, sizeof want, "%.1f", 100.0 * (double)part / (double)whole);
            format_percent_tenths(buf, sizeof buf, part, whole);
            assert_string_equal(buf, want);
        }
    }
}

static void test_format_kb_human(void **state)
{
    (void)state;
    char buf[32];
    format_kb_human(buf, sizeof buf, 512);
    assert_string_equal(buf, "512 KiB");
    format_kb_human(buf, sizeof buf, 12342048);
    assert_string_equal(buf, "11.8 GiB");
    format_kb_human(buf, sizeof buf, 1024);
    assert_string_equal(buf, "1.0 MiB");
    format_kb_human(buf, sizeof buf, -1);
    assert_string_equal(buf, "n/a");
}

static void test_format_uptime(void **state)
{
    (void)state;
    char buf[48];
    format_uptime(buf, sizeof buf, 3 * 86400 + 4 * 3600 + 5 * 60 + 9);
    assert_string_equal(buf, "3 days, 04:05");
    format_uptime(buf, sizeof buf, 86400);
    assert_string_equal(buf, "1 day, 00:00");
    format_uptime(buf, sizeof buf, 3723);
    assert_string_equal(buf, "01:02:03");
}

static void test_format_scale_names(void **state)
{
    (void)state;
    assert_string_equal(format_scale_name(UNIT_AUTO), "auto");
    assert_string_equal(format_scale_name(UNIT_GIB), "GiB");
    assert_string_equal(format_scale_name(UNIT_COUNT), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_kb_column_table),
        cmocka_unit_test(test_format_ll_agrees_with_snprintf),
        cmocka_unit_test(test_format_percent_tenths),
        cmocka_unit_test(test_format_kb_human),
        cmocka_unit_test(test_format_uptime),
        cmocka_unit_test(test_format_scale_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
