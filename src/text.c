/* SPDX-License-Identifier: GPL-2.0-or-later
 * text.c - sanitising and measuring strings that come from /proc or the user.
 */
#include "config.h"

#include "text.h"

#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

/* Width and printability are judged in a UTF-8 locale of our own, whatever
 * the user's locale is, so that the result never depends on LANG. Made
 * once: the first refresh sanitises process names on several threads. */
static locale_t utf8_loc;

static void make_utf8_locale(void)
{
    utf8_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!utf8_loc)
        utf8_loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
}

static locale_t utf8_locale(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, make_utf8_locale);
    return utf8_loc;
}

/* Decodes one UTF-8 sequence at s (n bytes available). Returns its length
 * and the code point in *cp, or 0 for an invalid, overlong or truncated
 * sequence. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t need;
    uint32_t c, min;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xe0) == 0xc0) {
        need = 2; c = s[0] & 0x1f; min = 0x80;
    } else if ((s[0] & 0xf0) == 0xe0) {
        need = 3; c = s[0] & 0x0f; min = 0x800;
    } else if ((s[0] & 0xf8) == 0xf0) {
        need = 4; c = s[0] & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return need;
}

/* Code points that reorder or hide text: an attacker can make a name look
 * like another one with them, so they are treated like control bytes. */
static bool is_format_control(uint32_t c)
{
    return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2060 && c <= 0x2069) || c == 0x061c || c == 0xfeff ||
           (c >= 0xfff9 && c <= 0xfffb);
}

/* Terminal width of a code point, or -1 if it must not be printed. */
static int cp_width(uint32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || is_format_control(c))
        return -1;
    if (c < 0x7f)
        return 1;
    locale_t loc = utf8_locale();
    if (!loc)
        return -1;
    locale_t old = uselocale(loc);
    int w = wcwidth((wchar_t)c);
    uselocale(old);
    return w;
}

/* Printable ASCII: one column, one byte, nothing to decode. Most names
 * and every number are only this, so width and fitting skip the decoder
 * for it (the text report measures every cell of every row). */
static inline bool is_plain_ascii(unsigned char c)
{
    return c >= 0x20 && c < 0x7f;
}

/* True if only NUL bytes remain in s[i..len): trailing cmdline padding. */
static bool only_nuls_left(const unsigned char *s, size_t i, size_t len)
{
    for (; i < len; i++)
        if (s[i] != '\0')
            return false;
    return true;
}

/* Length of the run to replace by one '?' at an invalid lead byte: the byte
 * and the continuation bytes that follow it. */
static size_t invalid_run(const unsigned char *s, size_t i, size_t len)
{
    size_t n = 1;
    while (i + n < len && (s[i + n] & 0xc0) == 0x80)
        n++;
    return n;
}

size_t text_sanitize(char *dst, size_t dstsize, const char *src, size_t len)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t out = 0, i = 0;
    if (dstsize == 0)
        return 0;
    while (i < len) {
        const unsigned char *copy = s + i;
        size_t n, clen;
        uint32_t cp;
        if (s[i] == '\0') {
            if (only_nuls_left(s, i, len))
                break;
            copy = (const unsigned char *)" ";
            n = clen = 1;
        } else if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
            n = invalid_run(s, i, len);
            copy = (const unsigned char *)"?";
            clen = 1;
        } else if (cp_width(cp) < 0) {
            copy = (const unsigned char *)"?";
            clen = 1;
        } else {
            clen = n;
        }
        if (out + clen + 1 > dstsize)
            break;
        memcpy(dst + out, copy, clen);
        out += clen;
        i += n;
    }
    dst[out] = '\0';
    return out;
}

int text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    int w = 0;
    for (size_t i = 0; i < n;) {
        if (is_plain_ascii(p[i])) {
            w++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        int cw = k ? cp_width(cp) : -1;
        w += cw < 0 ? 1 : cw;
        i += k ? k : 1;
    }
    return w;
}

size_t text_fit(char *dst, size_t dstsize, const char *s, int cols, int pad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), out = 0;
    int w = 0;
    if (dstsize == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        if (is_plain_ascii(p[i])) {
            if (w + 1 > cols || out + 2 > dstsize)
                break;
            dst[out++] = (char)p[i++];
            w++;
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        const unsigned char *copy = p + i;
        size_t clen = k;
        int cw = k ? cp_width(cp) : -1;
        if (cw < 0) {   /* not sanitised: never let it through */
            k = k ? k : invalid_run(p, i, n);
            copy = (const unsigned char *)"?";
            clen = 1;
            cw = 1;
        }
        if (w + cw > cols || out + clen + 1 > dstsize)
            break;
        memcpy(dst + out, copy, clen);
        out += clen;
        w += cw;
        i += k;
    }
    while (pad && w < cols && out + 1 < dstsize) {
        dst[out++] = ' ';
        w++;
    }
    dst[out] = '\0';
    return out;
}

/* The common cell, a number or a plain name that fits: one pass. */
static bool put_plain_cell(char *line, size_t size, size_t *used, const char *s, int width,
                           bool left)
{
    size_t n = 0;

    while (is_plain_ascii((unsigned char)s[n]))
        n++;
    if (s[n] != '\0' || width < 0 || n > (size_t)width || *used + (size_t)width >= size)
        return false;
    size_t pad = (size_t)width - n;
    char *out = line + *used;
    if (!left) {
        memset(out, ' ', pad);
        out += pad;
    }
    memcpy(out, s, n);
    if (left)
        memset(out + n, ' ', pad);
    *used += (size_t)width;
    line[*used] = '\0';
    return true;
}

void text_put_cell(char *line, size_t size, size_t *used, const char *s, int width, bool left)
{
    if (put_plain_cell(line, size, used, s, width, left))
        return;
    int w = text_width(s);

    if (!left && w < width) {
        size_t pad = (size_t)(width - w);
        if (*used + pad >= size)
            return;
        memset(line + *used, ' ', pad);
        *used += pad;
        width = w;
    }
    *used += text_fit(line + *used, size - *used, s, width, 1);
}

size_t text_json_escape(char *dst, size_t dstsize, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t out = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[7];
        size_t k;
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\'; esc[1] = (char)*p; k = 2;
        } else if (*p < 0x20 || *p == 0x7f) {
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[*p >> 4]; esc[5] = hex[*p & 15]; k = 6;
        } else {
            esc[0] = (char)*p; k = 1;
        }
        if (out + k < dstsize)
            memcpy(dst + out, esc, k);
        out += k;
    }
    if (dstsize)
        dst[out < dstsize ? out : dstsize - 1] = '\0';
    return out;
}
