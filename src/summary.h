/* SPDX-License-Identifier: GPL-2.0-or-later
 * summary.h - the header figures as plain text lines (clock, tasks, memory,
 * commit charge, overcommit policy), shared by batch output and the curses
 * header so both always say the same thing. Pure.
 */
#ifndef OOMTOP_SUMMARY_H
#define OOMTOP_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "pressure.h"

#define SUMMARY_LINE_MAX 256

enum SummaryLineId {
    SUMMARY_CLOCK = 0,   /* "oomtop - 13:45:01 up 2 days, 03:04, load average: ..." */
    SUMMARY_TASKS,       /* "Tasks: 80 total, 62 shown" */
    SUMMARY_MEMORY,      /* "Mem: ... total, ... used, ... available   Swap: ..." */
    SUMMARY_COMMIT,      /* "Commit: 9.7 GiB of 11.8 GiB (82.1%), RAM+swap 23.5 GiB; limit not enforced in mode 0" */
    SUMMARY_POLICY,      /* "Policy: vm.overcommit_memory = 0 (heuristic), overcommit_ratio = 50 -> CommitLimit ..." */
    SUMMARY_VICTIM,      /* "next OOM victim: mysqld (pid 1234) - frees ~2.3 GiB; then: java (pid 99)" */
    SUMMARY_PRESSURE,    /* "PSI: some 1.2% 0.8%, full 0.0% 0.0%  Swap in 0 KiB/s, out 0 KiB/s  Majflt 3/s" */
    SUMMARY_OOM,         /* "OOM kills: 16 since boot, 2 since start; 2 new (L)" */
    SUMMARY_LINES
};

typedef struct Summary {
    char line[SUMMARY_LINES][SUMMARY_LINE_MAX];
    bool warning[SUMMARY_LINES];   /* the line reports a problem: highlight it */
    /* The highlighted part of a warning line: bytes [warn_from, warn_to) of
     * the line; warn_to 0 means to the end (0, 0: the whole line). */
    int warn_from[SUMMARY_LINES];
    int warn_to[SUMMARY_LINES];
} Summary;

/* What the PSI and OOM lines say beyond one snapshot. */
typedef struct SummaryIncident {
    const PressureTracker *tracker; /* rates and kills since start; NULL: not known */
    long new_kills;                 /* OOM kills in the log the user has not looked at */
    const char *history_key;        /* key that shows them ("L"), NULL in batch */
    bool log_unreadable;            /* the kernel log could not be opened */
    bool wide;                      /* room for the avg300 figures */
} SummaryIncident;

/* The memory line ("Mem: ... total, ... used, ... available   Swap: ...")
 * into buf, SUMMARY_LINE_MAX bytes. */
void summary_memory_line(char *buf, const MemInfo *m);

/* The process ranked `rank` (1 = next OOM victim) by badness.c, or NULL. */
const ProcSample *summary_ranked(const Snapshot *snap, int rank);

/* Fills every line from snap (ranked by oom_rank_snapshot() first for the
 * victim line); `shown` is the number of rows displayed. The PSI and OOM
 * lines say only what one snapshot tells (no rates, no since-start count). */
void summary_build(Summary *s, const Snapshot *snap, size_t shown);

/* As summary_build, with the PSI and OOM lines from `inc` (NULL: as above).
 * PSI is highlighted from pressure_level() WARN on; absent PSI is stated as
 * "PSI: not available", never as zeros. The OOM line highlights the kills
 * since oomtop started and the new ones. */
void summary_build_incident(Summary *s, const Snapshot *snap, size_t shown,
                            const SummaryIncident *inc);

/* The commit gauge as `width` cells: filled cells for Committed_AS/CommitLimit,
 * `mark` at the cell where RAM+swap lies (or at the last cell, with the
 * return value true, when RAM+swap lies beyond the limit). Uses `fill` and
 * `empty` for the cells; each is one byte (the curses view maps them).
 * Returns true if RAM+swap is beyond the gauge's end. */
bool summary_gauge(char *cells, int width, const MemInfo *m, char fill, char empty, char mark);

/* The gauge's words about enforcement: "limit not enforced in mode 0",
 * "hard limit (mode 2)", or "overcommit mode unknown". */
const char *summary_enforcement(long long overcommit_memory);

#endif
