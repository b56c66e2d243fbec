/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_history.h - the OOM history view (the kernel log's kills, newest
 * first, with the selected one in full below) and the line above the table
 * in the one-OOM-domain view. Draws through ui.h only.
 */
#ifndef OOMTOP_VIEW_HISTORY_H
#define OOMTOP_VIEW_HISTORY_H

#include <stddef.h>

#include "incident_ui.h"
#include "model.h"

/* Draws the history view in rows [top, top + rows): heading, titles, the
 * events (new ones highlighted) and the selected event's details; where
 * the log cannot be read, why and what is needed. Keeps the selection
 * visible and records the page size in iu->page. Returns `rows`. */
int view_history_draw(IncidentUi *iu, const Snapshot *snap, int top, int rows, int cols);

/* The domain view's line at row `top`: the cgroup, its limit, usage and
 * OOM kills, and how many processes it holds (`shown`). Returns 1. */
int view_history_scope_line(IncidentUi *iu, size_t shown, int top, int cols);

#endif
