/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_header.h - the summary above the process table: the commit-charge
 * gauge, the overcommit policy, memory and swap, the next OOM victim, tasks,
 * clock and load. The words and figures are summary.c's (the same as batch
 * output); this only lays them out and styles them through ui.h.
 */
#ifndef OOMTOP_VIEW_HEADER_H
#define OOMTOP_VIEW_HEADER_H

#include <stddef.h>

#include "model.h"

#include "summary.h"

/* Rows the full header takes. */
#define VIEW_HEADER_ROWS 9

/* Terminal width from which PSI's avg300 figures are shown too. */
#define VIEW_HEADER_WIDE_COLS 110

/* Draws the header at rows [top, top + maxrows), the most important lines
 * first (gauge, bar, policy, memory, PSI, OOM kills, victim, tasks, clock)
 * so that a short screen keeps the gauge. `inc` gives the PSI and OOM
 * lines their rates and kill counts (NULL: one snapshot's figures only).
 * `shown` is the number of rows in the table; snap must have been ranked
 * (oom_rank_snapshot). Returns the rows used. */
int view_header_draw(const Snapshot *snap, const SummaryIncident *inc, size_t shown, int top,
                     int maxrows, int cols);

/* Draws the "Label:" that starts `text` (up to its first ": ", within 24
 * bytes) in the label style at the start of `row`; returns the columns
 * used and sets *len to the bytes of text it took (0 when there is none). */
int view_header_label(int row, const char *text, int cols, size_t *len);

#endif
