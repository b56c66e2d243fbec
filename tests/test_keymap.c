/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_keymap.c - the key table is consistent: no key bound twice, every
 * binding documented, every action reachable, the help labels and the key
 * bar generated from it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "keymap.h"

static void test_keys_unique(void **state)
{
    size_t n;
    const KeyBinding *t = keymap_table(&n);

    (void)state;
    assert_true(n > 10);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (t[i].key == t[j].key)
                fail_msg("key %s bound twice", t[i].label);
}

static void test_every_binding_documented(void **state)
{
    size_t n;
    const KeyBinding *t = keymap_table(&n);

    (void)state;
    for (size_t i = 0; i < n; i++) {
        assert_non_null(t[i].label);
        assert_true(strlen(t[i].label) > 0);
        assert_non_null(t[i].help);
        assert_true(strlen(t[i].help) > 3);
        assert_ptr_equal(keymap_lookup(t[i].key), &t[i]);
        if (t[i].action == ACT_SORT_BY)
            assert_true(t[i].column > COL_NONE && t[i].column < COL_COUNT);
        else
            assert_int_equal(t[i].column, COL_NONE);
    }
}

static void test_every_action_and_column_reachable(void **state)
{
    size_t n;
    const KeyBinding *t = keymap_table(&n);
    bool action[ACT_COUNT] = { false };
    bool column[COL_COUNT] = { false };

    (void)state;
    for (size_t i = 0; i < n; i++) {
        action[t[i].action] = true;
        if (t[i].action == ACT_SORT_BY)
            column[t[i].column] = true;
    }
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        if (!action[a])
            fail_msg("action %d has no key", a);
    for (const enum ColumnId *c = fields_default_columns; *c != COL_NONE; c++)
        if (!column[*c])
            fail_msg("column %s has no direct sort key", fields_desc(*c)->title);
}

/* Keys the issue names, bound to what it says. */
static const struct { int key; enum Action action; enum ColumnId column; } required[] = {
    { 'q', ACT_QUIT, COL_NONE },
    { KEYCODE_F10, ACT_QUIT, COL_NONE },
    { 'h', ACT_HELP, COL_NONE },
    { '?', ACT_HELP, COL_NONE },
    { '<', ACT_SORT_LEFT, COL_NONE },
    { '>', ACT_SORT_RIGHT, COL_NONE },
    { 'R', ACT_SORT_REVERSE, COL_NONE },
    { 'M', ACT_SORT_BY, COL_RES },
    { 'O', ACT_SORT_BY, COL_OOM },
    { 'P', ACT_SORT_BY, COL_PID },
    { 'c', ACT_TOGGLE_COMMAND, COL_NONE },
    { '/', ACT_SEARCH, COL_NONE },
    { 'u', ACT_FILTER_USER, COL_NONE },
    { 'K', ACT_TOGGLE_KTHREADS, COL_NONE },
    { 'd', ACT_SET_DELAY, COL_NONE },
    { 's', ACT_SET_DELAY, COL_NONE },
    { ' ', ACT_REFRESH, COL_NONE },
    { 'e', ACT_CYCLE_UNITS, COL_NONE },
    { KEYCODE_UP, ACT_UP, COL_NONE },
    { KEYCODE_DOWN, ACT_DOWN, COL_NONE },
    { KEYCODE_PGUP, ACT_PGUP, COL_NONE },
    { KEYCODE_PGDN, ACT_PGDN, COL_NONE },
    { KEYCODE_HOME, ACT_HOME, COL_NONE },
    { KEYCODE_END, ACT_END, COL_NONE },
};

static void test_required_keys(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        const KeyBinding *b = keymap_lookup(required[i].key);
        assert_non_null(b);
        assert_int_equal(b->action, required[i].action);
        assert_int_equal(b->column, required[i].column);
    }
    assert_null(keymap_lookup('x'));
    assert_null(keymap_lookup(KEYCODE_NONE));
}

static void test_labels_joined(void **state)
{
    char buf[64];

    (void)state;
    assert_string_equal(keymap_labels(buf, sizeof buf, keymap_lookup('q')), "q, F10");
    assert_string_equal(keymap_labels(buf, sizeof buf, keymap_lookup(KEYCODE_F10)), "q, F10");
    assert_string_equal(keymap_labels(buf, sizeof buf, keymap_lookup('M')), "M");
    assert_string_equal(keymap_labels(buf, sizeof buf, keymap_lookup('d')), "d, s");
    /* Too small a buffer cuts, never overflows. */
    assert_string_equal(keymap_labels(buf, 4, keymap_lookup('q')), "q, ");
}

static void test_bar_fits(void **state)
{
    char buf[200];

    (void)state;
    keymap_bar(buf, sizeof buf);
    assert_non_null(strstr(buf, "h Help"));
    assert_non_null(strstr(buf, "q Quit"));
    keymap_bar(buf, 12);
    assert_true(strlen(buf) < 12);
    assert_string_equal(buf, "h Help");
}

/* One rule for moving through any list: the process table, the OOM
 * history, the column picker, the help. */
static void test_move(void **state)
{
    (void)state;
    long to = -7;

    assert_true(keymap_move(ACT_DOWN, 3, 10, 4, &to));
    assert_int_equal(to, 4);
    assert_true(keymap_move(ACT_UP, 0, 10, 4, &to));
    assert_int_equal(to, 0);                    /* not above the first */
    assert_true(keymap_move(ACT_PGDN, 8, 10, 4, &to));
    assert_int_equal(to, 9);                    /* not past the last */
    assert_true(keymap_move(ACT_PGUP, 5, 10, 4, &to));
    assert_int_equal(to, 1);
    assert_true(keymap_move(ACT_END, 0, 10, 4, &to));
    assert_int_equal(to, 9);
    assert_true(keymap_move(ACT_HOME, 9, 10, 4, &to));
    assert_int_equal(to, 0);
    assert_true(keymap_move(ACT_PGDN, 0, 10, 0, &to));
    assert_int_equal(to, 1);                    /* a page is at least a row */
    assert_true(keymap_move(ACT_END, 5, 0, 4, &to));
    assert_int_equal(to, 0);                    /* an empty list */
    to = 42;
    assert_false(keymap_move(ACT_QUIT, 3, 10, 4, &to));
    assert_int_equal(to, 42);                   /* not a movement: untouched */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_move),
        cmocka_unit_test(test_keys_unique),
        cmocka_unit_test(test_every_binding_documented),
        cmocka_unit_test(test_every_action_and_column_reachable),
        cmocka_unit_test(test_required_keys),
        cmocka_unit_test(test_labels_joined),
        cmocka_unit_test(test_bar_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
