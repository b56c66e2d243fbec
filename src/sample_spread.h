/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample_spread.h - a refresh's processes read on several CPUs (inside the
 * data layer only). The first refresh opens every /proc/PID file, which
 * costs about four times a warm refresh (the held fds are opened then);
 * spread over the CPUs, the first frame comes that much sooner.
 */
#ifndef OOMTOP_SAMPLE_SPREAD_H
#define OOMTOP_SAMPLE_SPREAD_H

#include <stddef.h>

#include "sample_proc.h"

/* Reads processes [from, to) of the refresh with reader r. */
typedef void SpreadRangeFn(void *ctx, ProcReader *r, size_t from, size_t to);

/* How many readers are worth it for a first refresh of n processes: one
 * per CPU this process may run on, at most 4, with at least 256 processes
 * each (so one below 512 processes). */
size_t sample_spread_readers(size_t n);

/* Reads processes [0, n) through fn, in short ranges handed out in order
 * to `readers` readers: this thread with r, and readers - 1 threads, each
 * with a copy of r that has its own buffer, a share of r's fd budget
 * (returned afterwards) and no user cache (those names are left empty).
 * Returns how many threads took part (this one included): fewer where a
 * thread could not be started. */
size_t sample_spread(ProcReader *r, size_t n, size_t readers, SpreadRangeFn *fn, void *ctx);

#endif
