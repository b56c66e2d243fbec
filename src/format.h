/* SPDX-License-Identifier: GPL-2.0-or-later
 * format.h - numbers as people read them: memory sizes, percentages,
 * durations. Pure.
 */
#ifndef OOMTOP_FORMAT_H
#define OOMTOP_FORMAT_H

#include <stddef.h>

/* How the process table scales KiB figures (top's `e` key). */
enum UnitScale {
    UNIT_AUTO = 0,  /* KiB while it fits the column, then m/g/t like top */
    UNIT_KIB,
    UNIT_MIB,
    UNIT_GIB,
    UNIT_TIB,
    UNIT_COUNT
};

/* v in decimal into buf (always NUL-terminated), exactly as snprintf's
 * "%lld" writes it, without its cost: the table formats several numbers per
 * process and refresh. Returns the length of the whole text, as snprintf. */
int format_ll(char *buf, size_t len, long long v);

/* snprintf(buf, len, "%s", s) without the format parser: s cut to fit,
 * NUL-terminated (nothing written when len is 0). */
void format_copy(char *buf, size_t len, const char *s);

/* part as a percentage of whole with one decimal ("0.3", "100.0"), the
 * exact quotient rounded half up, in integers: the %MEM cell of every row,
 * where "%.1f" of a double cost more than the rest of the row. part >= 0,
 * whole > 0, both below 2^52. */
void format_percent_tenths(char *buf, size_t len, long long part, long long whole);

/* Formats a KiB amount for a table column at most `width` columns wide,
 * the way top does: plain KiB if it fits (UNIT_AUTO), else the smallest
 * larger unit whose figure fits, with a suffix m/g/t/p and as many decimals
 * as the width allows. A negative value (missing) gives "-". */
void format_kb_column(char *buf, size_t len, long long kb, enum UnitScale scale, int width);

/* Formats a KiB amount for prose and the header: "512.0 KiB", "11.8 GiB". */
void format_kb_human(char *buf, size_t len, long long kb);

/* Name of a scale for the help line: "auto", "KiB", ... */
const char *format_scale_name(enum UnitScale scale);

/* Seconds as "3 days, 04:05" / "04:05:06" for the uptime line. */
void format_uptime(char *buf, size_t len, double seconds);

#endif
