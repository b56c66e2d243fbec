/* SPDX-License-Identifier: GPL-2.0-or-later
 * text.h - the one chokepoint for strings that come from the system or the
 * user: make them safe to print, and measure/truncate them by display width.
 * Pure: no I/O, no curses.
 */
#ifndef OOMTOP_TEXT_H
#define OOMTOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Copies at most `len` bytes of `src` (NUL or len ends it) into `dst`
 * (size `dstsize`, always NUL-terminated), replacing every byte that must
 * never reach a terminal: C0 controls (tab, newline and backspace included),
 * DEL, C1 controls (U+0080..U+009F), invalid or overlong UTF-8, surrogates,
 * bidirectional overrides/isolates (U+202A..U+202E, U+2066..U+2069) and
 * other non-printing code points. Each replaced sequence becomes '?'. Valid
 * printable UTF-8 (CJK, emoji) is kept whole; a character that does not fit
 * in dst is dropped, never cut. NUL bytes inside `len` (cmdline separators)
 * become spaces. Returns the number of bytes written (without the NUL). */
size_t text_sanitize(char *dst, size_t dstsize, const char *src, size_t len);

/* Display width in terminal columns of a sanitised UTF-8 string. */
int text_width(const char *s);

/* Writes into dst the longest prefix of sanitised `s` whose display width is
 * at most `cols`, then pads with spaces to exactly `cols` columns when `pad`
 * is set (a double-width character that would straddle the edge is replaced
 * by a space). Returns the bytes written. */
size_t text_fit(char *dst, size_t dstsize, const char *s, int cols, int pad);

/* Appends `s` to line (of `size` bytes, *used of them taken) as a table
 * cell exactly `width` columns wide: cut by text_fit(), and padded on the
 * right, or on the left when not `left` (numbers). Does not terminate the
 * line; adds nothing when the padding does not fit. */
void text_put_cell(char *line, size_t size, size_t *used, const char *s, int width, bool left);

/* Appends `s` to dst as the body of a JSON string (quotes not included),
 * escaping ", \ and every byte below 0x20. Returns bytes written or, when
 * dst is too small, the bytes that would have been needed (like snprintf). */
size_t text_json_escape(char *dst, size_t dstsize, const char *s);

#endif
