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

#define SUMMARY_LINE_MAX 256

enum SummaryLineId {
    SUMMARY_CLOCK = 0,   /* "oomtop - 13:45:01 up 2 days, 03:04, load average: ..." */
    SUMMARY_TASKS,       /* "Tasks: 80 total, 62 shown" */
    SUMMARY_MEMORY,      /* "Mem: ... total, ... used, ... available   Swap: ..." */
    SUMMARY_COMMIT,      /* "Commit: 9.7 GiB of 11.8 GiB (82.1%), RAM+swap 23.5 GiB; limit not enforced in mode 0" */
    SUMMARY_POLICY,      /* "Policy: vm.overcommit_memory = 0 (heuristic), overcommit_ratio = 50 -> CommitLimit ..." */
    SUMMARY_VICTIM,      /* "next OOM victim: mysqld (pid 1234) - frees ~2.3 GiB; then: java (pid 99)" */
    SUMMARY_LINES
};

typedef struct Summary {
    char line[SUMMARY_LINES][SUMMARY_LINE_MAX];
    bool warning[SUMMARY_LINES];   /* the line reports a problem: highlight it */
} Summary;

/* The process ranked `rank` (1 = next OOM victim) by badness.c, or NULL. */
const ProcSample *summary_ranked(const Snapshot *snap, int rank);

/* Fills every line from snap (ranked by oom_rank_snapshot() first for the
 * victim line); `shown` is the number of rows displayed. */
void summary_build(Summary *s, const Snapshot *snap, size_t shown);

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
