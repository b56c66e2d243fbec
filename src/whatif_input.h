/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif_input.h - memory sizes the operator types into the what-if prompts
 * (overcommit_kbytes, the grow question): "512M", "2G", "1.5g", "100K".
 * Pure; a bad value is refused with one sentence and sets nothing.
 */
#ifndef OOMTOP_WHATIF_INPUT_H
#define OOMTOP_WHATIF_INPUT_H

#include <stddef.h>

/* Largest size accepted, in KiB (1 PiB): far beyond any machine, small
 * enough that no figure derived from it can overflow. */
#define WHATIF_SIZE_MAX_KB (1LL << 40)

/* Parses a size: digits, an optional fraction ('.' and up to 3 digits),
 * then an optional unit K, M, G or T (powers of 1024, any case, "KiB",
 * "MB" and "GiB" forms too); a bare number is KiB, as in /proc. The result
 * is rounded down to whole KiB and must be 1 KiB .. WHATIF_SIZE_MAX_KB
 * (`allow_zero` also accepts a plain 0). `what` names the value in the
 * messages ("grow amount"). Returns 0 and sets *kb, or -1 with a sentence
 * in err and *kb untouched. */
int whatif_parse_size_kb(const char *s, const char *what, int allow_zero, long long *kb,
                         char *err, size_t errlen);

#endif
