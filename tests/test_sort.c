/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_sort.c - the allocation-free sort orders like qsort, for every
 * length up to a few hundred, with duplicates and with wide elements, and
 * with few comparisons.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"

typedef struct Wide {
    int key;
    char pad[37];       /* an odd size, as rows of structs have */
} Wide;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_wide_desc(const void *a, const void *b, void *arg)
{
    (void)arg;
    return -cmp_int(&((const Wide *)a)->key, &((const Wide *)b)->key);
}

static void test_sort_matches_qsort(void **state)
{
    (void)state;
    int a[300], b[300];
    srand(42);
    for (size_t n = 0; n <= 300; n += (n < 20 ? 1 : 37)) {
        for (size_t i = 0; i < n; i++)
            a[i] = b[i] = rand() % 50;      /* many duplicates */
        sort_plain(a, n, sizeof *a, cmp_int);
        qsort(b, n, sizeof *b, cmp_int);
        assert_memory_equal(a, b, n * sizeof *a);
    }
}

static void test_sort_r_wide_elements_descending(void **state)
{
    (void)state;
    Wide w[64];
    for (int i = 0; i < 64; i++) {
        w[i].key = (i * 37) % 64;
        memset(w[i].pad, 'a' + i % 26, sizeof w[i].pad);
    }
    sort_r(w, 64, sizeof *w, cmp_wide_desc, NULL);
    for (int i = 0; i < 64; i++) {
        assert_int_equal(w[i].key, 63 - i);
        /* the payload moved with its key */
        int orig = 0;
        while ((orig * 37) % 64 != w[i].key)
            orig++;
        assert_int_equal(w[i].pad[36], 'a' + orig % 26);
    }
}

static int cmp_counted(const void *a, const void *b, void *arg)
{
    ++*(size_t *)arg;
    return cmp_int(a, b);
}

/* The sort's cost is its comparisons (table rows, by column): 5000
 * distinct keys in random order take at most n log2 n + 2n of them, which
 * the classic heapsort (about 2 n log2 n, 112000 here) exceeds. */
static void test_comparisons(void **state)
{
    (void)state;
    enum { N = 5000 };
    static int a[N], b[N];
    size_t count = 0;

    for (int i = 0; i < N; i++)
        a[i] = i;
    srand(7);
    for (int i = N - 1; i > 0; i--) {
        int j = rand() % (i + 1), t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
    memcpy(b, a, sizeof a);
    sort_r(a, N, sizeof *a, cmp_counted, &count);
    qsort(b, N, sizeof *b, cmp_int);
    assert_memory_equal(a, b, sizeof a);
    print_message("%zu comparisons for %d keys\n", count, N);
    assert_true(count <= 61438 + 2 * N);    /* 5000 * log2(5000) = 61438 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sort_matches_qsort),
        cmocka_unit_test(test_sort_r_wide_elements_descending),
        cmocka_unit_test(test_comparisons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
