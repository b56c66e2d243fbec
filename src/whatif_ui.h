/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif_ui.h - the interactive what-if mode and explain panel: their state
 * (one member of App), the keys and prompts, and the simulated ranking kept
 * on a copy of the snapshot's rows. Nothing here writes to the system.
 */
#ifndef OOMTOP_WHATIF_UI_H
#define OOMTOP_WHATIF_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "badness.h"
#include "keymap.h"
#include "model.h"
#include "prompt_line.h"
#include "smaps.h"

struct App;

/* Simulated oom_score_adj values held at once. */
#define WHATIF_ADJ_MAX 32

/* One simulated oom_score_adj, for the process (pid, start_ticks). */
typedef struct WhatIfAdj {
    pid_t pid;
    unsigned long long start_ticks;
    int adj;
} WhatIfAdj;

/* What the open what-if prompt asks for. */
enum WhatIfAsk { WHATIF_ASK_NONE = 0, WHATIF_ASK_KBYTES, WHATIF_ASK_GROW, WHATIF_ASK_ADJ };

/* All zero is the initial state: live view, nothing simulated. */
typedef struct WhatIfView {
    bool on;                        /* what-if mode: the header simulates `sim` */
    bool explain;                   /* the explain panel is open */
    VmPolicy sim;                   /* the simulated policy; reserves follow the live ones */
    long long grow_kb;              /* the grow question in KiB; 0 = none asked */
    bool ratio_kept;                /* kbytes replaced a simulated ratio ... */
    long long kept_ratio;           /* ... this one, which kbytes 0 gives back */
    WhatIfAdj adj[WHATIF_ADJ_MAX];
    size_t nadj;
    enum WhatIfAsk ask;
    PromptLine line;                /* the prompt's text while `ask` is set */
    WhatIfAdj ask_target;           /* the process an adj prompt is for */
    char ask_label[PROC_COMM_MAX + 64]; /* the adj prompt's words */
    /* The snapshot's rows copied, with the simulated adj applied, ranked:
     * only while an adj is simulated (left over otherwise). */
    ProcSample *rows;
    size_t nrows, rows_cap;
    /* What the what-if views read: those rows while an adj is simulated,
     * else the snapshot's own, ranked live (no copy); and their ranking. */
    const ProcSample *ranked;
    size_t nranked;
    OomSummary sum;
    bool rows_valid;
    bool ranks_published;           /* the snapshot's rows carry the simulated ranks */
    /* smaps figures: read only while what-if or the panel needs them. */
    SmapsCache *cache;
    bool gap_known;                 /* the MAP_NORESERVE gap has been summed */
    double gap_at_s;                /* when (monotonic seconds) */
    long long gap_kb;               /* Σ noreserve_kb over the readable processes */
    size_t gap_unreadable;          /* processes whose smaps the kernel refused */
} WhatIfView;

/* Frees what the state holds (the row copy, the smaps cache) and returns
 * it to the initial state. */
void whatif_ui_free(WhatIfView *w);

/* A what-if or explain key from the key table (ACT_WHATIF...). */
void whatif_ui_action(struct App *a, const KeyBinding *b);

/* Keys while a what-if prompt or the explain panel is open; true if the key
 * was used. Under the panel, Esc, q, Enter and E close it; the keys that
 * move the selection and the what-if keys pass through (the panel then
 * explains the new selection or simulation); the others are swallowed. */
bool whatif_ui_key(struct App *a, int key);

/* After a new snapshot was taken and ranked: applies the simulation to it
 * again and, while what-if is on, refreshes the smaps figures that are due. */
void whatif_ui_resampled(struct App *a);

/* The help's section on the overcommit modes, with this machine's figures:
 * made when the help opens and on each refresh while it is open. */
void whatif_ui_help(struct App *a);

/* Draws over what app.c drew: the what-if header over rows [0, header), its
 * columns at the right of the table, the explain panel, the prompt. Nothing
 * when neither what-if nor the panel is active. */
void whatif_ui_draw(struct App *a, int header, int rows, int cols);

/* The simulated oom_score_adj of p, or NULL when it has none. */
const WhatIfAdj *whatif_ui_adj_of(const WhatIfView *w, const ProcSample *p);

#endif
