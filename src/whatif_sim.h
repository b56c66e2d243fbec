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

/* Points w->ranked/w->sum at what the what-if views read. While what-if is
 * on with an adj simulated: the snapshot's rows copied into w->rows, the adj
 * applied, ranked, and those ranks shown in the table. Otherwise the live
 * ranks are put back in the table if they were not, and w->ranked is the
 * snapshot's own rows with App.oom: valid until the next sampler_refresh(),
 * after which whatif_ui_resampled() calls this again. `rebuild`: re-sort
 * the table when the ranks shown changed. */
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
