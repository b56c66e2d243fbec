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

/* Rows the full header takes. */
#define VIEW_HEADER_ROWS 7

/* Draws the header at rows [top, top + maxrows), the most important lines
 * first (gauge, bar, policy, memory, victim, tasks, clock) so that a short
 * screen keeps the gauge. `shown` is the number of rows in the table; snap
 * must have been ranked (oom_rank_snapshot). Returns the rows used. */
int view_header_draw(const Snapshot *snap, size_t shown, int top, int maxrows, int cols);

#endif
