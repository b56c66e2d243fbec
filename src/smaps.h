/* SPDX-License-Identifier: GPL-2.0-or-later
 * smaps.h - per-process commit figures from /proc/PID/smaps (the VmFlags of
 * every mapping), and a small cache so that they are read at most once per
 * interval. Data layer: reads /proc, never writes, never fails loudly.
 */
#ifndef OOMTOP_SMAPS_H
#define OOMTOP_SMAPS_H

#include <stdbool.h>
#include <sys/types.h>

#include "model.h"

/* Sums over one process's mappings, KiB. When `readable` is false every
 * figure is VALUE_MISSING and `error` holds the errno (EACCES: the kernel
 * refused, ENOENT/ESRCH: the process is gone); show "?" then. */
typedef struct SmapsSums {
    bool readable;
    int error;
    long long committed_kb;         /* Σ size of VMAs flagged ac: its commit charge */
    long long fork_cost_kb;         /* Σ size of ac VMAs without dc: what fork() charges */
    long long fork_largest_kb;      /* largest single ac VMA without dc (mode-0 fork check) */
    long long noreserve_kb;         /* Σ size of private writable VMAs flagged nr: charged
                                     * only if the program ran under mode 2 */
    int cap_sys_admin;              /* CapEff has CAP_SYS_ADMIN: 1, 0, or -1 if unknown */
} SmapsSums;

/* Reads /proc/PID/smaps (and CapEff from status) under proc_root ("/proc").
 * Returns 0, or -1 with out->readable false and out->error set. */
int smaps_read(const char *proc_root, pid_t pid, SmapsSums *out);

/* Parses smaps text already in memory (the same rules as smaps_read; for
 * tests and fixtures). Sets everything but cap_sys_admin. */
void smaps_parse(const char *text, SmapsSums *out);

typedef struct SmapsCache SmapsCache;

/* A cache keyed by (pid, start_ticks), so a recycled pid is never confused
 * with the process that had it. NULL if memory is short. */
SmapsCache *smaps_cache_new(const char *proc_root);

/* The sums for p, read again only when older than max_age_s seconds of
 * now_s (any monotonic clock in seconds). Never NULL: an entry that cannot be
 * read is returned unreadable. Valid until the next call on the cache. */
const SmapsSums *smaps_cache_get(SmapsCache *c, const ProcSample *p, double now_s,
                                 double max_age_s);

/* Drops entries not used for `idle_s` seconds (processes that went away). */
void smaps_cache_expire(SmapsCache *c, double now_s, double idle_s);

void smaps_cache_free(SmapsCache *c);

#endif
