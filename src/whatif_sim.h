/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif_sim.h - the simulation behind what-if mode, for whatif_ui.c: the
 * ranked copy of the rows with the simulated oom_score_adj values, the
 * MAP_NORESERVE gap, the simulated ratio. Writes only to App's state.
 */
#ifndef OOMTOP_WHATIF_SIM_H
#define OOMTOP_WHATIF_SIM_H

#include <stdbool.h>

#include "app_state.h"

/* Monotonic seconds (the smaps cache's clock). */
double whatif_sim_now_s(void);

/* Copies the snapshot's rows, applies the simulated adj (what-if on), ranks
 * the copy into w->rows/w->sum, and shows its ranks in the table while an
 * adj is simulated (the live ranks otherwise). `rebuild`: re-sort the table
 * when the ranks shown changed. */
void whatif_sim_rerank(App *a, bool rebuild);

/* Sums the MAP_NORESERVE gap over every process with memory, at most every
 * WHATIF_SMAPS_AGE_S seconds unless `force`. */
void whatif_sim_gap(App *a, bool force);

/* Frees the row copy and the smaps cache when neither what-if nor the
 * panel needs them. */
void whatif_sim_release(WhatIfView *w);

/* The ratio the step keys and "kbytes 0" start from: the simulated ratio,
 * else the one kbytes replaced, else the live one (or 50). */
long long whatif_sim_ratio_base(const App *a);

/* Simulates overcommit_ratio `ratio` (clamped to 0 .. 10000) and says the
 * CommitLimit it gives. */
void whatif_sim_set_ratio(App *a, long long ratio);

/* Simulates oom_score_adj t.adj on t's process (its live value `live_adj`
 * removes the simulation), ranks again and names the next victim. */
void whatif_sim_adj(App *a, WhatIfAdj t, int live_adj);

#endif
