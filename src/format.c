/* SPDX-License-Identifier: GPL-2.0-or-later
 * format.c - memory sizes and durations as text.
 */
#include "config.h"

#include "format.h"

#include <stdio.h>
#include <string.h>

static const char unit_suffix[] = "kmgtp";

void format_copy(char *buf, size_t len, const char *s)
{
    size_t n = strlen(s);
    if (len == 0)
        return;
    if (n >= len)
        n = len - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

int format_ll(char *buf, size_t len, long long v)
{
    char digits[24];
    int n = 0;
    /* Negated as unsigned, so that LLONG_MIN has a magnitude too. */
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[n++] = '-';
    if (len == 0)
        return n;
    size_t out = 0;
    for (int i = n - 1; i >= 0 && out + 1 < len; i--)
        buf[out++] = digits[i];
    buf[out] = '\0';
    return n;
}

void format_percent_tenths(char *buf, size_t len, long long part, long long whole)
{
    long long tenths = (part * 2000 + whole) / (2 * whole);
    char text[32];
    int n = format_ll(text, sizeof text, tenths / 10);

    text[n++] = '.';
    text[n++] = (char)('0' + tenths % 10);
    text[n] = '\0';
    format_copy(buf, len, text);
}

void format_kb_column(char *buf, size_t len, long long kb, enum UnitScale scale, int width)
{
    if (kb < 0) {
        snprintf(buf, len, "-");
        return;
    }
    int first = scale == UNIT_AUTO ? 0 : (int)scale - UNIT_KIB;
    double v = (double)kb;
    for (int i = 0; i < first; i++)
        v /= 1024.0;
    /* Like top: the first unit whose figure fits the column, with as many
     * decimals as fit; KiB is shown without a suffix. */
    for (int u = first; u < (int)sizeof unit_suffix - 1; u++, v /= 1024.0) {
        if (u == 0) {
            int n = format_ll(buf, len, kb);
            if (n <= width)
                return;
            continue;
        }
        for (int decimals = 3; decimals >= 0; decimals--) {
            int n = snprintf(buf, len, "%.*f%c", decimals, v, unit_suffix[u]);
            if (n <= width)
                return;
        }
    }
    snprintf(buf, len, "%c", '+');
}

void format_kb_human(char *buf, size_t len, long long kb)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
    if (kb < 0) {
        snprintf(buf, len, "n/a");
        return;
    }
    double v = (double)kb;
    size_t u = 0;
    while (v >= 1024.0 && u + 1 < sizeof units / sizeof units[0]) {
        v /= 1024.0;
        u++;
    }
    if (u == 0)
        snprintf(buf, len, "%lld KiB", kb);
    else
        snprintf(buf, len, "%.1f %s", v, units[u]);
}

const char *format_scale_name(enum UnitScale scale)
{
    static const char *const names[UNIT_COUNT] = { "auto", "KiB", "MiB", "GiB", "TiB" };
    return (unsigned)scale < UNIT_COUNT ? names[scale] : "?";
}

void format_uptime(char *buf, size_t len, double seconds)
{
    long s = seconds > 0 ? (long)seconds : 0;
    long days = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
    if (days > 0)
        snprintf(buf, len, "%ld day%s, %02ld:%02ld", days, days == 1 ? "" : "s", h, m);
    else
        snprintf(buf, len, "%02ld:%02ld:%02ld", h, m, s % 60);
}
