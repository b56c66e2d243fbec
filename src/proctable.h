/* SPDX-License-Identifier: GPL-2.0-or-later
 * proctable.h - the view model: which processes are shown, in what order,
 * and which one is selected (followed by identity, not by row). Pure.
 */
#ifndef OOMTOP_PROCTABLE_H
#define OOMTOP_PROCTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "fields.h"
#include "model.h"

typedef struct ProcFilter {
    bool show_kthreads;      /* hidden by default, like htop's K */
    bool by_uid;
    uid_t uid;
    const char *name_search; /* substring of comm (or cmdline if shown); NULL = all */
    bool search_cmdline;
    const pid_t *pids;       /* -p list; NULL = all */
    size_t npids;
    const char *memcg_domain; /* path of an OOM domain (MemcgInfo.domain): only the
                                 processes a memcg OOM there could pick; NULL = all */
} ProcFilter;

typedef struct ProcTable {
    const ProcSample **rows; /* point into the Snapshot they were built from */
    size_t nrows;
    size_t cap;
    enum ColumnId sort_col;  /* default COL_OOM */
    bool sort_reverse;       /* flips the column's natural direction */
} ProcTable;

void proctable_init(ProcTable *t);
void proctable_free(ProcTable *t);

/* Rebuilds rows from snap: filter, then sort by sort_col in its natural
 * direction (reversed if sort_reverse); ties go to the kernel's choice:
 * higher OOM badness first, then the newest process (largest start time),
 * then the larger PID. Returns 0, or -1 if memory ran out. */
int proctable_build(ProcTable *t, const Snapshot *snap, const ProcFilter *f);

/* Row index of the process (pid, start_ticks), or -1 if it is not shown. */
long proctable_find(const ProcTable *t, pid_t pid, unsigned long long start_ticks);

/* Index in snap->procs of the process (pid, start_ticks), or -1 if it is
 * not in the snapshot (gone, or its pid now names another process). */
long snapshot_find(const Snapshot *snap, pid_t pid, unsigned long long start_ticks);

/* True if p passes the filter. The -p list shows a process whatever else
 * the filter says, but within the domain when there is one. */
bool proctable_matches(const ProcSample *p, const ProcFilter *f);

#endif
