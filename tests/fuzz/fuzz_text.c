/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_text.c - the terminal-safety chokepoint (text.h) on arbitrary bytes:
 * sanitised text never holds a byte a terminal acts on, a fitted cell is
 * never wider than asked (and exactly as wide when padded), and escaped
 * JSON never holds a raw control byte or an unescaped quote.
 * Input: byte 0 = column count for text_fit, byte 1 = destination size
 * for the small-buffer cases, then the text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"

static void check_sanitize(const char *raw, size_t len, size_t small)
{
    size_t big = len * 3 + 1;      /* each byte becomes at most 3 ('?' or kept) */
    char *dst = malloc(big);
    char *cut = malloc(small);

    fuzz_check(dst && cut, "out of memory");
    size_t n = text_sanitize(dst, big, raw, len);
    fuzz_check(n == strlen(dst), "text_sanitize: returned length is not strlen");
    fuzz_check(fuzz_terminal_safe(dst), "text_sanitize: control byte or bad UTF-8 in output");
    fuzz_check(text_width(dst) >= 0, "text_width negative");

    /* A small destination keeps a prefix of whole characters. */
    size_t m = text_sanitize(cut, small, raw, len);
    fuzz_check(m < small && m == strlen(cut), "text_sanitize: overflowed a small buffer");
    fuzz_check(memcmp(cut, dst, m) == 0, "text_sanitize: small buffer is not a prefix");
    fuzz_check(fuzz_terminal_safe(cut), "text_sanitize: cut output not safe");
    free(cut);
    free(dst);
}

static void check_fit(const char *s, int cols)
{
    size_t room = strlen(s) * 3 + (size_t)cols + 1;
    char *dst = malloc(room);

    fuzz_check(dst != NULL, "out of memory");
    for (int pad = 0; pad <= 1; pad++) {
        size_t n = text_fit(dst, room, s, cols, pad);
        fuzz_check(n == strlen(dst), "text_fit: returned length is not strlen");
        fuzz_check(fuzz_terminal_safe(dst), "text_fit: control byte reached the cell");
        int w = text_width(dst);
        fuzz_check(w <= cols, "text_fit: cell wider than its columns");
        fuzz_check(!pad || w == cols, "text_fit: padded cell not exactly its columns wide");
    }
    free(dst);
}

static void check_json(const char *s, size_t small)
{
    size_t need = text_json_escape(NULL, 0, s);
    char *dst = malloc(need + 1);
    char *cut = malloc(small);

    fuzz_check(dst && cut, "out of memory");
    fuzz_check(text_json_escape(dst, need + 1, s) == need, "text_json_escape: length changed");
    fuzz_check(strlen(dst) == need, "text_json_escape: length is not strlen");
    for (size_t i = 0; i < need; i++) {
        unsigned char c = (unsigned char)dst[i];
        fuzz_check(c >= 0x20 && c != 0x7f, "text_json_escape: raw control byte in JSON");
        if (c == '\\') {
            fuzz_check(i + 1 < need && strchr("\"\\u", dst[i + 1]) != NULL,
                       "text_json_escape: stray backslash");
            i++;
        } else {
            fuzz_check(c != '"', "text_json_escape: unescaped quote");
        }
    }
    fuzz_check(text_json_escape(cut, small, s) == need, "text_json_escape: small-buffer length");
    fuzz_check(strlen(cut) < small, "text_json_escape: overflowed a small buffer");
    free(cut);
    free(dst);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int cols = data[0] % 64;
    size_t small = 1 + data[1] % 32;
    const char *raw = (const char *)data + 2;
    size_t len = size - 2;

    check_sanitize(raw, len, small);
    /* text_fit and text_width take C strings that may not be sanitised. */
    char *s = fuzz_strdup(data + 2, len);
    check_fit(s, cols);
    check_json(s, small);
    free(s);
    return 0;
}
