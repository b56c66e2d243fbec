/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_column_list.c - the visible column list keeps its shape through every
 * edit: no repeats, nothing unknown, COMMAND last; the sort keys walk it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "column_list.h"

/* The list as "PID,RES,COMMAND", for readable failures. */
static const char *names(const enum ColumnId *l)
{
    static char buf[512];
    size_t used = 0;

    buf[0] = '\0';
    for (; *l != COL_NONE; l++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", used ? "," : "",
                                 fields_desc(*l)->title);
    return buf;
}

static void set(enum ColumnId *l, const enum ColumnId *src)
{
    column_list_set(l, src);
}

static const struct {
    const char *what;
    enum ColumnId in[8];
    const char *out;
} set_cases[] = {
    { "kept as given", { COL_PID, COL_RES, COL_COMMAND }, "PID,RES,COMMAND" },
    { "COMMAND moved last", { COL_COMMAND, COL_PID, COL_OOM }, "PID,OOM,COMMAND" },
    { "repeats dropped", { COL_PID, COL_RES, COL_PID, COL_RES }, "PID,RES" },
    { "unknown dropped", { COL_PID, (enum ColumnId)999, COL_COUNT, COL_SWAP }, "PID,SWAP" },
    { "empty: defaults", { COL_NONE },
      "PID,USER,NI,VIRT,RES,SHR,SWAP,%MEM,OOM,ADJ,RANK,COMMAND" },
};

static void test_set(void **state)
{
    enum ColumnId l[COLUMN_LIST_MAX];
    (void)state;
    for (size_t i = 0; i < sizeof set_cases / sizeof set_cases[0]; i++) {
        set(l, set_cases[i].in);
        if (strcmp(names(l), set_cases[i].out) != 0)
            fail_msg("%s: got %s, want %s", set_cases[i].what, names(l), set_cases[i].out);
    }
}

static void test_show_hide(void **state)
{
    enum ColumnId l[COLUMN_LIST_MAX];
    static const enum ColumnId start[] = { COL_PID, COL_RES, COL_COMMAND, COL_NONE };
    (void)state;
    set(l, start);
    assert_true(column_list_show(l, COL_CGROUP));
    assert_string_equal(names(l), "PID,RES,CGROUP,COMMAND");
    assert_false(column_list_show(l, COL_CGROUP));          /* no repeat */
    assert_false(column_list_show(l, (enum ColumnId)999));
    assert_true(column_list_hide(l, COL_RES));
    assert_string_equal(names(l), "PID,CGROUP,COMMAND");
    assert_false(column_list_hide(l, COL_RES));
    assert_true(column_list_hide(l, COL_COMMAND));
    assert_true(column_list_show(l, COL_SWAP));             /* no COMMAND: at the end */
    assert_string_equal(names(l), "PID,CGROUP,SWAP");
    assert_true(column_list_show(l, COL_COMMAND));
    assert_true(column_list_show(l, COL_START));
    assert_string_equal(names(l), "PID,CGROUP,SWAP,START,COMMAND");
    /* Every column fits at once. */
    for (int c = COL_NONE + 1; c < COL_COUNT; c++)
        column_list_show(l, (enum ColumnId)c);
    assert_int_equal(column_list_len(l), COL_COUNT - 1);
    assert_int_equal(l[column_list_len(l) - 1], COL_COMMAND);
}

static void test_move(void **state)
{
    enum ColumnId l[COLUMN_LIST_MAX];
    static const enum ColumnId start[] = { COL_PID, COL_RES, COL_SWAP, COL_COMMAND, COL_NONE };
    (void)state;
    set(l, start);
    assert_true(column_list_move(l, COL_SWAP, -1));
    assert_string_equal(names(l), "PID,SWAP,RES,COMMAND");
    assert_true(column_list_move(l, COL_SWAP, -1));
    assert_false(column_list_move(l, COL_SWAP, -1));        /* already first */
    assert_string_equal(names(l), "SWAP,PID,RES,COMMAND");
    assert_true(column_list_move(l, COL_PID, 1));
    assert_false(column_list_move(l, COL_PID, 1));          /* never past COMMAND */
    assert_false(column_list_move(l, COL_COMMAND, -1));     /* COMMAND stays last */
    assert_false(column_list_move(l, COL_OOM, 1));          /* not shown */
    assert_false(column_list_move(l, COL_RES, 0));
    assert_string_equal(names(l), "SWAP,RES,PID,COMMAND");
}

static void test_step(void **state)
{
    enum ColumnId l[COLUMN_LIST_MAX];
    static const enum ColumnId start[] = { COL_PID, COL_RES, COL_COMMAND, COL_NONE };
    static const enum ColumnId none[] = { COL_NONE };
    (void)state;
    set(l, start);
    assert_int_equal(column_list_step(l, COL_PID, 1), COL_RES);
    assert_int_equal(column_list_step(l, COL_RES, -1), COL_PID);
    assert_int_equal(column_list_step(l, COL_PID, -1), COL_NONE);
    assert_int_equal(column_list_step(l, COL_COMMAND, 1), COL_NONE);
    /* From a hidden sort column: into the list from its nearer end. */
    assert_int_equal(column_list_step(l, COL_OOM, 1), COL_PID);
    assert_int_equal(column_list_step(l, COL_OOM, -1), COL_COMMAND);
    assert_int_equal(column_list_step(none, COL_PID, 1), COL_NONE);
    assert_int_equal(column_list_find(l, COL_RES), 1);
    assert_int_equal(column_list_find(l, COL_OOM), -1);
}

static void test_all(void **state)
{
    enum ColumnId l[COLUMN_LIST_MAX], all[COLUMN_LIST_MAX];
    static const enum ColumnId start[] = { COL_RES, COL_PID, COL_COMMAND, COL_NONE };
    (void)state;
    set(l, start);
    assert_int_equal(column_list_all(l, all), COL_COUNT - 1);
    /* Shown ones first in their order, then the rest by number. */
    assert_int_equal(all[0], COL_RES);
    assert_int_equal(all[1], COL_PID);
    assert_int_equal(all[2], COL_COMMAND);
    assert_int_equal(all[3], COL_USER);
    assert_int_equal(all[COL_COUNT - 2], COL_COUNT - 1);
    assert_int_equal(all[COL_COUNT - 1], COL_NONE);
    for (int c = COL_NONE + 1; c < COL_COUNT; c++)
        assert_true(column_list_find(all, (enum ColumnId)c) >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_show_hide),
        cmocka_unit_test(test_move),
        cmocka_unit_test(test_step),
        cmocka_unit_test(test_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
