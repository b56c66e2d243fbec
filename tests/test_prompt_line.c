/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_prompt_line.c - the interactive prompt: editing keys, what may be
 * typed, and every good and bad refresh delay.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "keymap.h"
#include "prompt_line.h"

static void type(PromptLine *p, const int *keys)
{
    for (; *keys; keys++)
        assert_int_equal(promptline_key(p, *keys), PROMPT_EDITING);
}

static void test_typing_and_backspace(void **state)
{
    PromptLine p;
    static const int keys[] = { 'm', 'y', 's', 'q', 'l', 0x00e9, 0x6f22, 0x1f600, 0 };

    (void)state;
    promptline_open(&p, PROMPT_SEARCH, NULL);
    type(&p, keys);
    assert_string_equal(p.text, "mysql\xc3\xa9\xe6\xbc\xa2\xf0\x9f\x98\x80");
    /* Backspace removes whole characters, never half of one. */
    promptline_key(&p, KEYCODE_BACKSPACE);
    assert_string_equal(p.text, "mysql\xc3\xa9\xe6\xbc\xa2");
    promptline_key(&p, KEYCODE_BACKSPACE);
    promptline_key(&p, KEYCODE_BACKSPACE);
    assert_string_equal(p.text, "mysql");
    assert_int_equal(p.kind, PROMPT_SEARCH);
}

static void test_controls_ignored(void **state)
{
    PromptLine p;
    static const int keys[] = { 'a', 1, '\t', 0x7f, 0x85, 0x9b, 0x202e, 0x2066, 0xd800,
                                0x110000, KEYCODE_UP, KEYCODE_F10, KEYCODE_RESIZE, 'b', 0 };

    (void)state;
    promptline_open(&p, PROMPT_USER, NULL);
    type(&p, keys);
    assert_string_equal(p.text, "ab");
}

static void test_enter_escape_and_empty_backspace(void **state)
{
    PromptLine p;

    (void)state;
    promptline_open(&p, PROMPT_SEARCH, "abc");
    assert_string_equal(p.text, "abc");
    assert_int_equal(promptline_key(&p, KEYCODE_ENTER), PROMPT_ACCEPTED);
    assert_int_equal(p.kind, PROMPT_NONE);
    assert_string_equal(p.text, "abc");
    promptline_open(&p, PROMPT_DELAY, NULL);
    assert_int_equal(promptline_key(&p, KEYCODE_BACKSPACE), PROMPT_EDITING);
    assert_string_equal(p.text, "");
    assert_int_equal(promptline_key(&p, KEYCODE_ESC), PROMPT_CANCELLED);
    assert_int_equal(p.kind, PROMPT_NONE);
}

static void test_text_never_overflows(void **state)
{
    PromptLine p;

    (void)state;
    promptline_open(&p, PROMPT_SEARCH, NULL);
    for (int i = 0; i < 3 * PROMPT_LINE_MAX; i++)
        promptline_key(&p, 0x6f22);     /* 3 bytes each */
    assert_true(strlen(p.text) < PROMPT_LINE_MAX);
    assert_int_equal(strlen(p.text) % 3, 0);
    for (int i = 0; i < PROMPT_LINE_MAX; i++)
        promptline_key(&p, 'x');
    assert_true(strlen(p.text) < PROMPT_LINE_MAX);
}

static const struct { const char *in; unsigned ms; } good_delays[] = {
    { "0.1", 100 }, { "2", 2000 }, { "1.5", 1500 }, { ".5", 500 }, { "3600", 3600000 },
    { "3600.0", 3600000 }, { " 10 ", 10000 }, { "0.1234", 123 }, { "00002", 2000 },
    { "5.", 5000 },
};

static const char *const bad_delays[] = {
    "", " ", ".", "0", "0.09", "0.0999", "3600.001", "3601", "99999999999999999999",
    "-1", "+1", "1e3", "0x10", "nan", "inf", "1,5", "1.5.", "1..5", "2s", "2 3", "abc",
};

static void test_delays(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof good_delays / sizeof good_delays[0]; i++) {
        unsigned ms = 0;
        if (!promptline_parse_delay_ms(good_delays[i].in, &ms))
            fail_msg("'%s' refused", good_delays[i].in);
        assert_int_equal(ms, good_delays[i].ms);
    }
    for (size_t i = 0; i < sizeof bad_delays / sizeof bad_delays[0]; i++) {
        unsigned ms = 42;
        if (promptline_parse_delay_ms(bad_delays[i], &ms))
            fail_msg("'%s' accepted as %u ms", bad_delays[i], ms);
        assert_int_equal(ms, 42);
    }
}

static void test_labels(void **state)
{
    (void)state;
    assert_string_equal(promptline_label(PROMPT_SEARCH), "Search: ");
    assert_non_null(strstr(promptline_label(PROMPT_USER), "User"));
    assert_non_null(strstr(promptline_label(PROMPT_DELAY), "0.1 .. 3600"));
    assert_string_equal(promptline_label(PROMPT_NONE), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_and_backspace),
        cmocka_unit_test(test_controls_ignored),
        cmocka_unit_test(test_enter_escape_and_empty_backspace),
        cmocka_unit_test(test_text_never_overflows),
        cmocka_unit_test(test_delays),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
