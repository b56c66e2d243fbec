/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_options.c - every option and every bad value.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "options.h"

#define MAX_ARGS 16

/* Parses a NULL-terminated list of arguments (argv[0] is added). */
static enum OptionsResult parse(Options *o, char *err, const char *const *args)
{
    char *argv[MAX_ARGS + 2];
    char storage[MAX_ARGS][1024];
    int argc = 0;
    static char name[] = "oomtop";
    argv[argc++] = name;
    for (int i = 0; args[i]; i++) {
        strcpy(storage[i], args[i]);
        argv[argc++] = storage[i];
    }
    argv[argc] = NULL;
    return options_parse(o, argc, argv, err, 256);
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_defaults(void **state)
{
    (void)state;
    Options o;
    char err[256];
    assert_int_equal(parse(&o, err, (const char *const[]){ NULL }), OPTIONS_OK);
    assert_false(o.batch);
    assert_int_equal(o.delay_ms, 2000);
    assert_int_equal(o.sort_col, COL_OOM);
    assert_int_equal(o.iterations, 0);
    assert_int_equal(o.npids, 0);
}

static void test_good_values(void **state)
{
    (void)state;
    Options o;
    char err[256];
    assert_int_equal(parse(&o, err, ARGS("-b", "-n", "3", "-d", "0.5", "-p", "1,22,333",
                                         "-s", "res", "-o", "json")), OPTIONS_OK);
    assert_true(o.batch);
    assert_int_equal(o.iterations, 3);
    assert_int_equal(o.delay_ms, 500);
    assert_int_equal(o.npids, 3);
    assert_int_equal(o.pids[2], 333);
    assert_int_equal(o.sort_col, COL_RES);
    assert_int_equal(o.output, OUTPUT_JSON);
    assert_int_equal(parse(&o, err, ARGS("--batch", "--iterations=2", "--user", "root", "-R",
                                         "-c", "-K", "--readonly")), OPTIONS_OK);
    assert_true(o.by_user);
    assert_int_equal(o.uid, 0);
    assert_true(o.sort_reverse && o.full_command && o.show_kthreads && o.readonly);
    assert_int_equal(parse(&o, err, ARGS("-u", "0")), OPTIONS_OK);
    assert_false(o.what_if);
    /* uids past INT_MAX exist (user namespaces); (uid_t)-1 is no uid. */
    assert_int_equal(parse(&o, err, ARGS("-u", "4294967294")), OPTIONS_OK);
    assert_int_equal(o.uid, 4294967294U);
    assert_int_equal(parse(&o, err, ARGS("-b", "--what-if=2,ratio=80")), OPTIONS_OK);
    assert_true(o.what_if);
    assert_int_equal(o.what_if_mode, 2);
    assert_int_equal(o.what_if_ratio, 80);
    assert_int_equal(o.what_if_kbytes, -1);
    assert_int_equal(parse(&o, err, ARGS("-b", "--what-if=1")), OPTIONS_OK);
    assert_int_equal(o.what_if_mode, 1);
    assert_int_equal(o.what_if_ratio, -1);
    assert_int_equal(parse(&o, err, ARGS("-b", "--what-if", "2,kbytes=16777216")), OPTIONS_OK);
    assert_int_equal(o.what_if_kbytes, 16777216);
    assert_int_equal(parse(&o, err, ARGS("-b", "-o", "csv")), OPTIONS_OK);
    /* -s names its column's natural order unless -R is given too, in
     * either order, whatever direction the settings file had */
    options_defaults(&o);
    o.sort_reverse = true;
    {
        char *argv[] = { (char[]){ "oomtop" }, (char[]){ "-s" }, (char[]){ "pid" }, NULL };
        assert_int_equal(options_parse_from(&o, 3, argv, err, 256), OPTIONS_OK);
        assert_false(o.sort_reverse);
    }
    assert_int_equal(parse(&o, err, ARGS("-R", "-s", "res")), OPTIONS_OK);
    assert_true(o.sort_reverse);
    assert_int_equal(parse(&o, err, ARGS("-b", "-o", "csv")), OPTIONS_OK);
    assert_int_equal(o.output, OUTPUT_CSV);
    assert_false(o.oom_history);
    assert_int_equal(parse(&o, err, ARGS("-b", "--oom-history")), OPTIONS_OK);
    assert_true(o.oom_history);
    assert_int_equal(parse(&o, err, ARGS("-b", "--oom-history", "-o", "json")), OPTIONS_OK);
    assert_true(o.oom_history);
    assert_int_equal(o.output, OUTPUT_JSON);
    assert_int_equal(parse(&o, err, ARGS("-b", "-s", "cgrank")), OPTIONS_OK);
    assert_int_equal(o.sort_col, COL_CGRANK);
    assert_int_equal(parse(&o, err, ARGS("-h")), OPTIONS_EXIT);
    assert_true(o.help);
    assert_int_equal(parse(&o, err, ARGS("--version")), OPTIONS_EXIT);
    assert_true(o.version);
}

typedef struct BadCase {
    const char *const *args;
    const char *message_part;
} BadCase;

static void test_bad_values(void **state)
{
    (void)state;
    const BadCase cases[] = {
        { ARGS("-n", "0"), "-n" },
        { ARGS("-n", "-3"), "-n" },
        { ARGS("-n", "abc"), "-n" },
        { ARGS("-n", "5x"), "-n" },
        { ARGS("-n", ""), "-n" },
        { ARGS("-n", "99999999999999999999999"), "-n" },
        { ARGS("-d", "0"), "-d" },
        { ARGS("-d", "0.01"), "-d" },
        { ARGS("-d", "-1"), "-d" },
        { ARGS("-d", "nan"), "-d" },
        { ARGS("-d", "inf"), "-d" },
        { ARGS("-d", "3601"), "-d" },
        { ARGS("-d", "1s"), "-d" },
        { ARGS("-p", "0"), "-p" },
        { ARGS("-p", "1,,2"), "-p" },
        { ARGS("-p", "x"), "-p" },
        { ARGS("-p", "4194305"), "-p" },
        { ARGS("-p", "-5"), "-p" },
        { ARGS("-p", ","), "-p" },
        { ARGS("-u", "no-such-user-here"), "-u" },
        { ARGS("-u", "4294967295"), "-u" },
        { ARGS("-u", "-1"), "-u" },
        { ARGS("-u", "12x"), "-u" },
        { ARGS("-s", "bogus"), "-s" },
        { ARGS("-o", "xml"), "-o" },
        { ARGS("-o", "json"), "batch" },    /* json without -b */
        { ARGS("-b", "--what-if=3"), "--what-if" },
        { ARGS("-b", "--what-if=x"), "--what-if" },
        { ARGS("-b", "--what-if="), "--what-if" },
        { ARGS("-b", "--what-if=2,ratio=x"), "--what-if" },
        { ARGS("-b", "--what-if=2,ratio=-5"), "--what-if" },
        { ARGS("-b", "--what-if=2,ratio=50,kbytes=100"), "--what-if" },
        { ARGS("-b", "--what-if=2,ratio=50,ratio=60"), "--what-if" },
        { ARGS("-b", "--what-if=2,frob=1"), "--what-if" },
        { ARGS("-b", "--what-if=2,"), "--what-if" },
        { ARGS("--what-if=2"), "batch" },
        { ARGS("--oom-history"), "batch" },
        { ARGS("-b", "--oom-history", "-o", "csv"), "not CSV" },
        { ARGS("-b", "--oom-history", "--what-if=2"), "cannot be combined" },
        { ARGS("-b", "--oom-history=1"), "--oom-history" },
        { ARGS("-x"), "unknown option" },
        { ARGS("--frobnicate"), "unknown option" },
        { ARGS("-n"), "needs a value" },
        { ARGS("stray"), "unexpected argument" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Options o;
        char err[256];
        assert_int_equal(parse(&o, err, cases[i].args), OPTIONS_USAGE);
        assert_non_null(strstr(err, cases[i].message_part));
        assert_null(strchr(err, '\n'));   /* one line */
    }
}

static void test_filter_from_options(void **state)
{
    (void)state;
    Options o;
    ProcFilter f;
    char err[256];
    assert_int_equal(parse(&o, err, ARGS("-b", "-p", "7,9", "-u", "0", "-K")), OPTIONS_OK);
    options_filter(&o, &f);
    assert_true(f.show_kthreads && f.by_uid);
    assert_int_equal(f.uid, 0);
    assert_int_equal(f.npids, 2);
    assert_int_equal(f.pids[1], 9);
    assert_null(f.name_search);
    assert_int_equal(parse(&o, err, ARGS("-b")), OPTIONS_OK);
    options_filter(&o, &f);
    assert_false(f.show_kthreads || f.by_uid);
    assert_null(f.pids);
}

static void test_too_many_pids(void **state)
{
    (void)state;
    char list[1024] = "1";
    for (int i = 2; i <= OPTIONS_MAX_PIDS + 1; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), ",%d", i);
    Options o;
    char err[256];
    assert_int_equal(parse(&o, err, ARGS("-p", list)), OPTIONS_USAGE);
    assert_non_null(strstr(err, "at most"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_good_values),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_filter_from_options),
        cmocka_unit_test(test_too_many_pids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
