/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_commit.c - CommitLimit exactly as vm_commit_limit() computes it,
 * from the reference machine's figures and edge cases around them.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "commit.h"

#define M VALUE_MISSING

typedef struct LimitCase {
    const char *what;
    long long mem_total_kb, swap_total_kb, hugetlb_kb;
    long long ratio, kbytes;
    long page_kb;
    long long expect_kb;
} LimitCase;

static const LimitCase limit_cases[] = {
    /* MemTotal 24684096 kB = 6171024 pages; 6171024 * 50 / 100 = 3085512 pages */
    { "reference machine, ratio 50", 24684096, 0, 0, 50, 0, 4, 12342048 },
    { "overcommit_kbytes 16 GiB", 24684096, 0, 0, 0, 16777216, 4, 16777216 },
    { "kbytes path ignores hugetlb", 24684096, 0, 2097152, 0, 16777216, 4, 16777216 },
    /* (6171024 - 524288) * 50 / 100 = 2823368 pages */
    { "hugetlb pool leaves the ratio path", 24684096, 0, 2097152, 50, 0, 4, 11293472 },
    /* swap 8388607 kB -> 2097151 pages; 3085512 + 2097151 = 5182663 pages */
    { "swap added after the ratio", 24684096, 8388607, 0, 50, 0, 4, 20730652 },
    { "ratio 0 and no swap", 24684096, 0, 0, 0, 0, 4, 0 },
    { "ratio 0 leaves only swap", 24684096, 4194304, 0, 0, 0, 4, 4194304 },
    /* 6171024 * 150 / 100 = 9256536 pages: nothing clamps the ratio */
    { "ratio above 100", 24684096, 0, 0, 150, 0, 4, 37026144 },
    /* 43 kB -> 10 pages; 10 * 33 / 100 = 3 pages (not 43 * 33 / 100 = 14 kB) */
    { "truncation in pages", 43, 0, 0, 33, 0, 4, 12 },
    { "kbytes truncated to whole pages", 24684096, 0, 0, 0, 16777215, 4, 16777212 },
    /* 64 KiB pages: 385689 pages * 50 / 100 = 192844 */
    { "64 KiB pages", 24684096, 0, 0, 50, 0, 64, 12342016 },
    { "MemTotal missing", M, 0, 0, 50, 0, 4, M },
    { "SwapTotal missing", 24684096, M, 0, 50, 0, 4, M },
    { "ratio unreadable", 24684096, 0, 0, M, 0, 4, M },
    { "ratio unreadable but kbytes rules", 24684096, 0, 0, M, 16777216, 4, 16777216 },
    { "kbytes unreadable", 24684096, 0, 0, 50, M, 4, M },
    { "Hugetlb line absent, ratio path", 24684096, 0, M, 50, 0, 4, M },
    { "Hugetlb line absent, kbytes path", 24684096, 0, M, 0, 8192, 4, 8192 },
    { "no page size", 24684096, 0, 0, 50, 0, 0, M },
};

static void test_commit_limit_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof limit_cases / sizeof limit_cases[0]; i++) {
        const LimitCase *c = &limit_cases[i];
        MemInfo m = { .mem_total_kb = c->mem_total_kb, .swap_total_kb = c->swap_total_kb,
                      .hugetlb_kb = c->hugetlb_kb };
        VmPolicy p = { .overcommit_memory = 2, .overcommit_ratio = c->ratio,
                       .overcommit_kbytes = c->kbytes };
        long long got = commit_limit_kb(&m, &p, c->page_kb);
        if (got != c->expect_kb)
            fail_msg("%s: got %lld, want %lld", c->what, got, c->expect_kb);
        long long pages = commit_limit_pages(&m, &p, c->page_kb);
        assert_int_equal(pages < 0 ? M : pages * c->page_kb, c->expect_kb);
    }
}

typedef struct PercentCase {
    long long committed_kb, limit_kb;
    double expect;
} PercentCase;

static const PercentCase percent_cases[] = {
    { 9720696, 12342048, 78.760 },      /* the loaded worked example: 78.8 % */
    { 66160, 12342048, 0.536 },         /* idle: 0.54 % */
    { 24684096, 12342048, 200.0 },      /* over the limit is allowed to show */
    { 0, 12342048, 0.0 },
    { M, 12342048, -1.0 },
    { 66160, M, -1.0 },
    { 66160, 0, -1.0 },                 /* ratio 0, no swap: no meaningful share */
};

static void test_commit_percent_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof percent_cases / sizeof percent_cases[0]; i++) {
        const PercentCase *c = &percent_cases[i];
        MemInfo m = { .committed_as_kb = c->committed_kb, .commit_limit_kb = c->limit_kb };
        assert_float_equal(commit_percent(&m), c->expect, 0.001);
    }
}

static void test_commit_mode_names(void **state)
{
    (void)state;
    assert_string_equal(commit_mode_name(0), "heuristic");
    assert_string_equal(commit_mode_name(1), "always");
    assert_string_equal(commit_mode_name(2), "strict");
    assert_string_equal(commit_mode_name(3), "unknown");
    assert_string_equal(commit_mode_name(M), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_limit_table),
        cmocka_unit_test(test_commit_percent_table),
        cmocka_unit_test(test_commit_mode_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
