/* SPDX-License-Identifier: GPL-2.0-or-later
 * prompt_line.c - editing the prompt's text and reading a delay from it.
 */
#include "config.h"

#include "prompt_line.h"

#include <stddef.h>
#include <string.h>

#include "keymap.h"

void promptline_open(PromptLine *p, enum PromptKind kind, const char *initial)
{
    p->kind = kind;
    p->text[0] = '\0';
    if (initial) {
        size_t n = strlen(initial);
        if (n >= sizeof p->text)
            n = 0;      /* cannot happen with our own buffers; never cut UTF-8 */
        memcpy(p->text, initial, n);
        p->text[n] = '\0';
    }
}

/* Printable as far as a prompt is concerned: no C0, DEL, C1, surrogates,
 * bidi controls, nothing beyond Unicode. */
static bool printable(int c)
{
    return c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && !(c >= 0xd800 && c <= 0xdfff)
        && !(c >= 0x202a && c <= 0x202e) && !(c >= 0x2066 && c <= 0x2069) && c <= 0x10ffff;
}

static size_t utf8_encode(char *out, int c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3f));
    out[2] = (char)(0x80 | (c >> 6 & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

static void append(PromptLine *p, int c)
{
    char enc[4];
    size_t n = strlen(p->text), len = utf8_encode(enc, c);

    if (n + len >= sizeof p->text)
        return;
    memcpy(p->text + n, enc, len);
    p->text[n + len] = '\0';
}

static void backspace(PromptLine *p)
{
    size_t n = strlen(p->text);

    while (n > 0 && ((unsigned char)p->text[n - 1] & 0xc0) == 0x80)
        n--;
    if (n > 0)
        n--;
    p->text[n] = '\0';
}

enum PromptResult promptline_key(PromptLine *p, int key)
{
    switch (key) {
    case KEYCODE_ENTER:
        p->kind = PROMPT_NONE;
        return PROMPT_ACCEPTED;
    case KEYCODE_ESC:
        p->kind = PROMPT_NONE;
        return PROMPT_CANCELLED;
    case KEYCODE_BACKSPACE:
        backspace(p);
        return PROMPT_EDITING;
    default:
        if (key < KEYCODE_UP && printable(key))
            append(p, key);
        return PROMPT_EDITING;
    }
}

const char *promptline_label(enum PromptKind kind)
{
    switch (kind) {
    case PROMPT_SEARCH: return "Search: ";
    case PROMPT_USER: return "User (name or uid, empty = all): ";
    case PROMPT_DELAY: return "Delay in seconds (0.1 .. 3600): ";
    default: return "";
    }
}

/* Digits with at most one '.', at least one digit. Parsed by hand so that
 * neither the locale nor strtod's hex, exponent and "inf" forms apply. */
bool promptline_parse_delay_ms(const char *s, unsigned *ms)
{
    unsigned long long whole = 0, frac_ms = 0;
    int digits = 0, frac_digits = 0;
    bool dot = false;

    while (*s == ' ')
        s++;
    for (; *s && *s != ' '; s++) {
        if (*s == '.' && !dot) {
            dot = true;
        } else if (*s >= '0' && *s <= '9') {
            digits++;
            if (!dot) {
                if (whole > 3600)
                    return false;
                whole = whole * 10 + (unsigned)(*s - '0');
            } else if (frac_digits < 3) {
                frac_ms = frac_ms * 10 + (unsigned)(*s - '0');
                frac_digits++;
            }   /* finer than a millisecond: ignored */
        } else {
            return false;
        }
    }
    while (*s == ' ')
        s++;
    if (*s || digits == 0)
        return false;
    for (; frac_digits < 3; frac_digits++)
        frac_ms *= 10;
    unsigned long long total = whole * 1000 + frac_ms;
    if (total < 100 || total > 3600ULL * 1000)
        return false;
    *ms = (unsigned)total;
    return true;
}
