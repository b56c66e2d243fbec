/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_text.c - the sanitising chokepoint against hostile names.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "text.h"

typedef struct Case {
    const char *in;
    size_t len;       /* 0 = strlen(in) */
    const char *out;
} Case;

static const Case sanitize_cases[] = {
    { "mysqld", 0, "mysqld" },
    { "\x1b[31mred", 0, "?[31mred" },                 /* ESC */
    { "\x1b]52;c;ZXZpbA==\x07", 0, "?]52;c;ZXZpbA==?" }, /* OSC 52 clipboard */
    { "a\tb\nc\bd\x7f", 0, "a?b?c?d?" },                /* \t \n \b DEL */
    { "x\xc2\x9b" "31m", 0, "x?31m" },                 /* C1 CSI as UTF-8 */
    { "x\x9b" "31m", 0, "x?31m" },                      /* raw C1 byte */
    { "bad\xff\xfeutf", 0, "bad??utf" },
    { "over\xc0\xaflong", 0, "over?long" },           /* overlong '/' */
    { "sur\xed\xa0\x80gate", 0, "sur?gate" },          /* UTF-16 surrogate */
    { "trunc\xe4\xb8", 0, "trunc?" },                  /* cut multibyte */
    { "\xe2\x80\xae" "evil", 0, "?evil" },                /* RLO bidi override */
    { "\xe2\x81\xa6iso", 0, "?iso" },                  /* LRI isolate */
    { "\xe4\xb8\xad\xe6\x96\x87", 0, "\xe4\xb8\xad\xe6\x96\x87" }, /* CJK kept */
    { "\xf0\x9f\x98\x80" "ok", 0, "\xf0\x9f\x98\x80" "ok" },        /* emoji kept */
    { "a\0b\0c\0\0", 8, "a b c" },                     /* cmdline NULs */
    { "", 0, "" },
};

static void test_text_sanitize_table(void **state)
{
    (void)state;
    char out[128];
    for (size_t i = 0; i < sizeof sanitize_cases / sizeof sanitize_cases[0]; i++) {
        const Case *c = &sanitize_cases[i];
        size_t len = c->len ? c->len : strlen(c->in);
        size_t n = text_sanitize(out, sizeof out, c->in, len);
        assert_string_equal(out, c->out);
        assert_int_equal(n, strlen(c->out));
    }
}

/* No byte below 0x20, no DEL and no C1 (as UTF-8 C2 80..9F) may survive,
 * whatever the input: every byte value at every position. */
static void test_text_sanitize_never_emits_controls(void **state)
{
    (void)state;
    unsigned char in[4];
    char out[64];
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            in[0] = (unsigned char)a; in[1] = (unsigned char)b; in[2] = 0xc2; in[3] = 0x9b;
            text_sanitize(out, sizeof out, (const char *)in, sizeof in);
            for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
                assert_true(*p >= 0x20 && *p != 0x7f);
                if (p[0] == 0xc2)
                    assert_false(p[1] >= 0x80 && p[1] <= 0x9f);
            }
        }
    }
}

static void test_text_sanitize_small_buffer_keeps_chars_whole(void **state)
{
    (void)state;
    char out[5];
    /* "a" + CJK (3 bytes) + CJK: the second CJK does not fit and is dropped whole */
    text_sanitize(out, sizeof out, "a\xe4\xb8\xad\xe6\x96\x87", 7);
    assert_string_equal(out, "a\xe4\xb8\xad");
}

static void test_text_width(void **state)
{
    (void)state;
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
    assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);
    assert_int_equal(text_width(""), 0);
}

static void test_text_fit_by_display_width(void **state)
{
    (void)state;
    char out[64];
    text_fit(out, sizeof out, "abcdef", 4, 0);
    assert_string_equal(out, "abcd");
    text_fit(out, sizeof out, "ab", 4, 1);
    assert_string_equal(out, "ab  ");
    /* a double-width character that would straddle the edge is left out */
    text_fit(out, sizeof out, "a\xe4\xb8\xad\xe6\x96\x87", 4, 1);
    assert_string_equal(out, "a\xe4\xb8\xad ");
    assert_int_equal(text_width(out), 4);
    /* unsanitised input still cannot pass a control byte */
    text_fit(out, sizeof out, "a\x1b[2Jb", 10, 0);
    assert_string_equal(out, "a?[2Jb");
}

/* Table cells: numbers right-aligned, text left-aligned, both exactly the
 * column's width in display columns, whatever the characters. */
static void test_text_put_cell(void **state)
{
    (void)state;
    char line[64];
    size_t used = 0;

    text_put_cell(line, sizeof line, &used, "42", 5, false);
    text_put_cell(line, sizeof line, &used, "ab", 4, true);
    text_put_cell(line, sizeof line, &used, "\xe6\x97\xa5x", 4, true);  /* 日 is 2 wide */
    text_put_cell(line, sizeof line, &used, "toolong", 3, true);
    text_put_cell(line, sizeof line, &used, "123456", 3, false);  /* cut, not widened */
    line[used] = '\0';
    assert_int_equal(text_width(line), 5 + 4 + 4 + 3 + 3);
    assert_string_equal(line, "   42ab  \xe6\x97\xa5x too123");

    /* No room for the padding: nothing is added. */
    char small[4];
    used = 0;
    text_put_cell(small, sizeof small, &used, "1", 8, false);
    assert_int_equal(used, 0);
}

static void test_text_json_escape(void **state)
{
    (void)state;
    char out[64];
    text_json_escape(out, sizeof out, "a\"b\\c\x01\x7f");
    assert_string_equal(out, "a\\\"b\\\\c\\u0001\\u007f");
    /* too small: reports the size needed, like snprintf */
    assert_int_equal(text_json_escape(out, 3, "abcdef"), 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_sanitize_table),
        cmocka_unit_test(test_text_sanitize_never_emits_controls),
        cmocka_unit_test(test_text_sanitize_small_buffer_keeps_chars_whole),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_text_fit_by_display_width),
        cmocka_unit_test(test_text_put_cell),
        cmocka_unit_test(test_text_json_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
