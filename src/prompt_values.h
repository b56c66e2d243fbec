/* SPDX-License-Identifier: GPL-2.0-or-later
 * prompt_values.h - strict parsers for the values an operator types into a
 * prompt or gives on the command line (oom_score_adj, nice, signal). Each
 * rejects bad input with one clear sentence. Pure.
 */
#ifndef OOMTOP_PROMPT_VALUES_H
#define OOMTOP_PROMPT_VALUES_H

#include <stddef.h>

/* Longest input accepted, in bytes; longer is refused as overlong. */
#define PROMPT_VALUE_MAX 16

#define PROMPT_NICE_MIN (-20)
#define PROMPT_NICE_MAX 19

/* Parses a plain decimal integer in [min, max]: an optional '-', digits,
 * nothing else (no spaces, '+', hex, leading zeros, fractions). `what`
 * names the value in messages ("oom_score_adj"). Returns 0 and sets *out,
 * or -1 with a sentence in err and *out untouched. */
int prompt_parse_int(const char *s, long min, long max, const char *what,
                     int *out, char *err, size_t errlen);

/* oom_score_adj: -1000..1000. Same contract as prompt_parse_int(). */
int prompt_parse_adj(const char *s, int *out, char *err, size_t errlen);

/* nice: -20..19. Same contract as prompt_parse_int(). */
int prompt_parse_nice(const char *s, int *out, char *err, size_t errlen);

/* A signal by name ("TERM", "SIGTERM", "term") or number (1..SIGRTMAX).
 * 0 is refused (it sends nothing). Returns 0 and sets *sig, or -1 with a
 * sentence in err. */
int prompt_parse_signal(const char *s, int *sig, char *err, size_t errlen);

/* The short name of a signal ("TERM"), or its number written into buf
 * when it has no name here. Returns a string valid while buf is. */
const char *prompt_signal_name(int sig, char *buf, size_t len);

#endif
