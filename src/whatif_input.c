/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif_input.c - sizes typed into the what-if prompts, parsed by hand so
 * that neither the locale nor strtod's exponent and hex forms apply.
 */
#include "config.h"

#include "whatif_input.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* Longer input is refused before it is looked at. */
#define SIZE_INPUT_MAX 24
#define FRACTION_DIGITS 3

typedef struct SizeUnit {
    const char *name;
    long long kb;
} SizeUnit;

static const SizeUnit units[] = {
    { "", 1 }, { "k", 1 }, { "kb", 1 }, { "kib", 1 },
    { "m", 1LL << 10 }, { "mb", 1LL << 10 }, { "mib", 1LL << 10 },
    { "g", 1LL << 20 }, { "gb", 1LL << 20 }, { "gib", 1LL << 20 },
    { "t", 1LL << 30 }, { "tb", 1LL << 30 }, { "tib", 1LL << 30 },
};

static long long unit_kb(const char *s)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(s, units[i].name) == 0)
            return units[i].kb;
    return 0;
}

static int refuse(char *err, size_t errlen, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The sentence quotes what was typed: it is sanitised like any foreign
 * text, so that it stays one line and cannot drive the terminal. */
static int refuse(char *err, size_t errlen, const char *what, const char *fmt, ...)
{
    char reason[96], line[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    snprintf(line, sizeof line, "%s: %s", what, reason);
    text_sanitize(err, errlen, line, strlen(line));
    return -1;
}

/* Reads digits into *value (stopping the count once past `cap`); returns
 * how many were read. */
static int read_digits(const char **s, long long cap, long long *value, int max_digits)
{
    int n = 0;

    *value = 0;
    while (**s >= '0' && **s <= '9' && (max_digits <= 0 || n < max_digits)) {
        if (*value <= cap)
            *value = *value * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n;
}

int whatif_parse_size_kb(const char *s, const char *what, int allow_zero, long long *kb,
                         char *err, size_t errlen)
{
    const char *p = s;
    long long whole, frac = 0, mult;
    int nfrac = 0;

    if (!s[0])
        return refuse(err, errlen, what, "no size given (e.g. 512M, 2G)");
    if (strlen(s) > SIZE_INPUT_MAX)
        return refuse(err, errlen, what, "input too long (at most %d characters)", SIZE_INPUT_MAX);
    if (read_digits(&p, WHATIF_SIZE_MAX_KB, &whole, 0) == 0)
        return refuse(err, errlen, what, "'%s' is not a size (e.g. 512M, 2G, 100K)", s);
    if (*p == '.') {
        p++;
        nfrac = read_digits(&p, WHATIF_SIZE_MAX_KB, &frac, FRACTION_DIGITS);
        if (nfrac == 0 || (*p >= '0' && *p <= '9'))
            return refuse(err, errlen, what, "'%s': give at most 3 decimals after '.'", s);
    }
    mult = unit_kb(p);
    if (mult == 0)
        return refuse(err, errlen, what, "'%s' has no known unit (K, M, G or T)", s);
    for (int i = nfrac; i < FRACTION_DIGITS; i++)
        frac *= 10;
    if (whole > WHATIF_SIZE_MAX_KB / mult)
        return refuse(err, errlen, what, "'%s' is too large (at most 1024T)", s);
    long long value = whole * mult + frac * mult / 1000;
    if (value > WHATIF_SIZE_MAX_KB)
        return refuse(err, errlen, what, "'%s' is too large (at most 1024T)", s);
    if (value == 0 && !(allow_zero && whole == 0 && frac == 0))
        return refuse(err, errlen, what, "'%s' is less than 1 KiB", s);
    *kb = value;
    return 0;
}
