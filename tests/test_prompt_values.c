/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_prompt_values.c - every good and bad value a prompt or option can
 * get for oom_score_adj, nice and signals, with the message each bad one
 * produces; a rejected value leaves the output untouched.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>

#include "prompt_values.h"

typedef int (*ParseFn)(const char *s, int *out, char *err, size_t errlen);

typedef struct Case {
    const char *input;
    int ok;                 /* 1 = accepted */
    int value;              /* when accepted */
    const char *message;    /* exact message when refused */
} Case;

static const Case adj_cases[] = {
    { "0", 1, 0, NULL },
    { "-1000", 1, -1000, NULL },
    { "1000", 1, 1000, NULL },
    { "-0", 1, 0, NULL },
    { "500", 1, 500, NULL },
    { "", 0, 0, "oom_score_adj: no value given (a whole number from -1000 to 1000)" },
    { "1001", 0, 0, "oom_score_adj: 1001 is out of range (-1000 to 1000)" },
    { "-1001", 0, 0, "oom_score_adj: -1001 is out of range (-1000 to 1000)" },
    { "9999999999999999", 0, 0, "oom_score_adj: 9999999999999999 is out of range (-1000 to 1000)" },
    { "99999999999999999", 0, 0, "oom_score_adj: input too long (17 characters, at most 16)" },
    { "abc", 0, 0, "oom_score_adj: 'abc' is not a number" },
    { "-", 0, 0, "oom_score_adj: '-' is not a number" },
    { "--5", 0, 0, "oom_score_adj: '--5' is not a number" },
    { "5x", 0, 0, "oom_score_adj: unexpected 'x' after the number in '5x'" },
    { "12abc", 0, 0, "oom_score_adj: unexpected 'abc' after the number in '12abc'" },
    { "1e3", 0, 0, "oom_score_adj: unexpected 'e3' after the number in '1e3'" },
    { "+5", 0, 0, "oom_score_adj: write '5' without the '+' sign" },
    { " 5", 0, 0, "oom_score_adj: remove the spaces in ' 5'" },
    { "5 ", 0, 0, "oom_score_adj: remove the spaces in '5 '" },
    { "5\n", 0, 0, "oom_score_adj: remove the spaces in '5?'" },
    { "0x10", 0, 0, "oom_score_adj: '0x10' is hexadecimal; give a decimal number" },
    { "-0X10", 0, 0, "oom_score_adj: '-0X10' is hexadecimal; give a decimal number" },
    { "010", 0, 0, "oom_score_adj: '010' has a leading zero; give a plain decimal number" },
    { "5.5", 0, 0, "oom_score_adj: '5.5' is not a whole number" },
    { "5,0", 0, 0, "oom_score_adj: '5,0' is not a whole number" },
    { "\x1b[2J", 0, 0, "oom_score_adj: '?[2J' is not a number" },
    { "1 000", 0, 0, "oom_score_adj: unexpected ' 000' after the number in '1 000'" },
};

static const Case nice_cases[] = {
    { "0", 1, 0, NULL },
    { "-20", 1, -20, NULL },
    { "19", 1, 19, NULL },
    { "5", 1, 5, NULL },
    { "20", 0, 0, "nice: 20 is out of range (-20 to 19)" },
    { "-21", 0, 0, "nice: -21 is out of range (-20 to 19)" },
    { "", 0, 0, "nice: no value given (a whole number from -20 to 19)" },
    { "+5", 0, 0, "nice: write '5' without the '+' sign" },
    { "five", 0, 0, "nice: 'five' is not a number" },
    { "05", 0, 0, "nice: '05' has a leading zero; give a plain decimal number" },
    { "\t5", 0, 0, "nice: remove the spaces in '?5'" },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0,
      "nice: input too long (37 characters, at most 16)" },
};

static const Case signal_cases[] = {
    { "TERM", 1, SIGTERM, NULL },
    { "SIGTERM", 1, SIGTERM, NULL },
    { "term", 1, SIGTERM, NULL },
    { "sigkill", 1, SIGKILL, NULL },
    { "HUP", 1, SIGHUP, NULL },
    { "9", 1, 9, NULL },
    { "15", 1, 15, NULL },
    { "0", 0, 0, "signal: 0 sends no signal; give 1 to 64 or a name" },
    { "", 0, 0, "signal: no value given (a name like TERM or KILL, or a number)" },
    { "FOO", 0, 0, "signal: unknown signal 'FOO' (try TERM, INT, HUP, KILL)" },
    { "SIG", 0, 0, "signal: unknown signal 'SIG' (try TERM, INT, HUP, KILL)" },
    { "TERM ", 0, 0, "signal: unknown signal 'TERM ' (try TERM, INT, HUP, KILL)" },
    { "65", 0, 0, "signal: 65 is out of range (0 to 64)" },
    { "-9", 0, 0, "signal: -9 is out of range (0 to 64)" },
    { "+9", 0, 0, "signal: write '9' without the '+' sign" },
    { "0x9", 0, 0, "signal: '0x9' is hexadecimal; give a decimal number" },
    { " 9", 0, 0, "signal: remove the spaces in ' 9'" },
    { "9z", 0, 0, "signal: unexpected 'z' after the number in '9z'" },
    { "SIGTERMSIGTERMSIG", 0, 0, "signal: input too long (17 characters, at most 16)" },
};

static void run_cases(ParseFn fn, const Case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const Case *c = &cases[i];
        int out = 4242;
        char err[256] = "";

        int rc = fn(c->input, &out, err, sizeof err);
        if (c->ok) {
            if (rc != 0)
                fail_msg("'%s' refused: %s", c->input, err);
            assert_int_equal(out, c->value);
        } else {
            if (rc != -1)
                fail_msg("'%s' accepted as %d", c->input, out);
            assert_int_equal(out, 4242);        /* nothing written on refusal */
            assert_string_equal(err, c->message);
        }
    }
}

static void test_prompt_parse_adj_cases(void **state)
{
    (void)state;
    run_cases(prompt_parse_adj, adj_cases, sizeof adj_cases / sizeof adj_cases[0]);
}

static void test_prompt_parse_nice_cases(void **state)
{
    (void)state;
    run_cases(prompt_parse_nice, nice_cases, sizeof nice_cases / sizeof nice_cases[0]);
}

static void test_prompt_parse_signal_cases(void **state)
{
    (void)state;
    assert_int_equal(SIGRTMAX, 64);     /* the messages above assume Linux x86 */
    run_cases(prompt_parse_signal, signal_cases, sizeof signal_cases / sizeof signal_cases[0]);
}

static void test_prompt_parse_null_is_empty(void **state)
{
    char err[128];
    int v = 7;

    (void)state;
    assert_int_equal(prompt_parse_adj(NULL, &v, err, sizeof err), -1);
    assert_int_equal(prompt_parse_signal(NULL, &v, err, sizeof err), -1);
    assert_int_equal(v, 7);
}

static void test_prompt_signal_name(void **state)
{
    char buf[16];

    (void)state;
    assert_string_equal(prompt_signal_name(SIGTERM, buf, sizeof buf), "TERM");
    assert_string_equal(prompt_signal_name(SIGKILL, buf, sizeof buf), "KILL");
    assert_string_equal(prompt_signal_name(40, buf, sizeof buf), "40");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prompt_parse_adj_cases),
        cmocka_unit_test(test_prompt_parse_nice_cases),
        cmocka_unit_test(test_prompt_parse_signal_cases),
        cmocka_unit_test(test_prompt_parse_null_is_empty),
        cmocka_unit_test(test_prompt_signal_name),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
