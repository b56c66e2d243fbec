/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_whatif.h - what-if mode on screen: the banner and simulated header,
 * the per-process columns at the right of the table, and the help page's
 * section on the overcommit modes with this machine's figures.
 */
#ifndef OOMTOP_VIEW_WHATIF_H
#define OOMTOP_VIEW_WHATIF_H

#include <stddef.h>

#include "model.h"
#include "proctable.h"
#include "view_list.h"
#include "whatif.h"
#include "whatif_ui.h"

/* How old smaps figures may be before they are read again, in seconds. */
#define WHATIF_SMAPS_AGE_S 5.0

/* Draws the what-if header over rows [0, n): the banner (reverse video),
 * Committed_AS against the simulated CommitLimit and its gauge (the live
 * header's own drawing, given the simulated figures), the sentence on what
 * fails now, the limit in kB with its formula, the next victims under the
 * simulated adj, and the MAP_NORESERVE gap. Returns the rows drawn. */
int view_whatif_header(const WhatIfView *w, const WhatIfCommit *c, const Snapshot *snap,
                       size_t shown, int n, int cols);

/* Draws SIMADJ (when an adj is simulated), FORK (mode 2) and +SIZE (mode 2,
 * grow question asked) at the right edge of the table that view_list_draw
 * put at `top` with `rows` rows, over the end of COMMAND. Reads smaps only
 * for the rows on screen, through w->cache (at most every
 * WHATIF_SMAPS_AGE_S seconds a process). Draws nothing when the screen is
 * too narrow to keep the other columns whole. */
void view_whatif_columns(WhatIfView *w, const WhatIfCommit *c, const ListView *v,
                         const ProcTable *t, int top, int rows, int cols, double now_s);

/* "yes", "no", or "?" (the kernel refused the figures). */
const char *view_whatif_answer(enum WhatIfAnswer a);

/* Rewrites the help page's sections on the overcommit modes and what-if
 * with snap's live figures (added to the help page on the first call). */
void view_whatif_help(const Snapshot *snap);

#endif
