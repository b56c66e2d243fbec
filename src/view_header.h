/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_header.h - the summary above the process table: the commit-charge
 * gauge, the overcommit policy, memory and swap, tasks, uptime and load.
 * Draws through ui.h only; the figures come from model.h and commit.h.
 */
#ifndef OOMTOP_VIEW_HEADER_H
#define OOMTOP_VIEW_HEADER_H

#include <stddef.h>

#include "model.h"

/* Rows the full header takes. */
#define VIEW_HEADER_ROWS 5

/* Draws the header at rows [top, top + maxrows), most important lines first
 * when maxrows is short. `shown` is the number of processes in the table.
 * Returns the rows used. A missing figure is drawn as "n/a". */
int view_header_draw(const Snapshot *s, size_t shown, int top, int maxrows, int cols);

#endif
