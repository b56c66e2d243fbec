/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_grow.c - the grow-only array: grows by doubling, never shrinks,
 * keeps its contents, and refuses sizes that overflow.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "grow.h"

static void test_grow_doubles_and_keeps(void **state)
{
    (void)state;
    int *a = NULL;
    size_t cap = 0;
    assert_int_equal(grow_array(&a, &cap, 3, sizeof *a, 4), 0);
    assert_int_equal(cap, 4);
    for (int i = 0; i < 4; i++)
        a[i] = i * 10;
    assert_int_equal(grow_array(&a, &cap, 9, sizeof *a, 4), 0);
    assert_int_equal(cap, 16);
    assert_int_equal(a[3], 30);
    int *before = a;
    assert_int_equal(grow_array(&a, &cap, 5, sizeof *a, 4), 0);   /* never shrinks */
    assert_int_equal(cap, 16);
    assert_ptr_equal(a, before);
    free(a);
}

static void test_grow_refuses_overflow(void **state)
{
    (void)state;
    char *a = NULL;
    size_t cap = 0;
    assert_int_equal(grow_array(&a, &cap, SIZE_MAX / 2 + 2, 4, 8), -1);
    assert_null(a);
    assert_int_equal(cap, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grow_doubles_and_keeps),
        cmocka_unit_test(test_grow_refuses_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
