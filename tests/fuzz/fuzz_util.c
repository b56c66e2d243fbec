/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_util.c - helpers shared by the fuzz harnesses (see fuzz.h).
 */
#include "config.h"

#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fuzz_strdup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    fuzz_check(s != NULL, "out of memory copying the input");
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

void fuzz_check(bool ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz: property failed: %s\n", what);
    abort();
}

/* Decodes one UTF-8 sequence; 0 when invalid, overlong, a surrogate or
 * beyond U+10FFFF. Written independently of text.c so that a mistake in
 * one is not repeated in the check of it. */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
    static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    size_t n;

    if (s[0] < 0x80)
        n = 1;
    else if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4;
    else
        return 0;
    uint32_t c = n == 1 ? s[0] : (uint32_t)(s[0] & (0x7f >> n));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

bool fuzz_terminal_safe(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        uint32_t c;
        size_t n = decode(p, &c);
        if (n == 0 || c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
            (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            return false;
        p += n;
    }
    return true;
}
