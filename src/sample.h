/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample.h - the data layer's one interface: read the whole system (meminfo,
 * /proc/sys/vm, every process) into a Snapshot. Everything behind it may use
 * libproc2 or raw /proc reads; nothing in front of it knows which.
 */
#ifndef OOMTOP_SAMPLE_H
#define OOMTOP_SAMPLE_H

#include <stddef.h>

#include "model.h"

typedef struct Sampler Sampler;

enum SampleNeeds {
    SAMPLE_CMDLINE = 1u << 0,   /* fill ProcSample.cmdline */
    SAMPLE_PSS = 1u << 1,       /* fill ProcSample.pss_kb (the kernel walks page tables) */
};

/* Opens a sampler on the proc tree at `proc_root` ("/proc" normally).
 * Returns NULL and a message in err when it cannot be used. */
Sampler *sampler_open(const char *proc_root, char *err, size_t errlen);

/* Takes a fresh snapshot. The returned Snapshot (and every string in it)
 * stays valid until the next refresh or close. Processes that vanish while
 * being read are left out. Returns NULL only if the proc tree itself cannot
 * be read (message from sampler_error()). */
Snapshot *sampler_refresh(Sampler *s, unsigned needs);

const char *sampler_error(const Sampler *s);

/* How many threads read the last refresh: the first is read on up to one
 * per CPU, every later one on this thread alone. */
size_t sampler_readers(const Sampler *s);

void sampler_close(Sampler *s);

/* The same for a caller that exits right after: the held /proc fds (one to
 * three per process) are left to the kernel, which releases them at exit
 * without a close() each; on thousands of processes that is most of the
 * time from the last frame to the exit. */
void sampler_close_before_exit(Sampler *s);

#endif
