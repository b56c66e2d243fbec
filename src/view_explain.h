/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_explain.h - the explain panel: why the OOM killer ranks a process
 * where it does, in the kernel's terms and with units, drawn as a dialog
 * box over the table. The arithmetic is whatif_explain()'s.
 */
#ifndef OOMTOP_VIEW_EXPLAIN_H
#define OOMTOP_VIEW_EXPLAIN_H

#include <stdbool.h>

#include "model.h"
#include "smaps.h"
#include "whatif.h"

/* What the panel shows about one process. */
typedef struct ExplainView {
    const ProcSample *p;            /* the row explained (its adj may be simulated);
                                     * NULL: none selected, the panel says so */
    const OomExplain *e;            /* whatif_explain() of that row */
    const ProcSample *rival;        /* who it must stay behind (victim or runner-up); NULL: none */
    const SmapsSums *sm;            /* its smaps sums; NULL when not read */
    long page_kb;
    long long drift_pages;          /* Snapshot.rss_drift_pages */
    bool simulated;                 /* p's oom_score_adj is a what-if value */
    int live_adj;                   /* the live oom_score_adj when simulated */
    const WhatIfCommit *wc;         /* the simulated policy; NULL outside what-if */
    const WhatIfProc *wp;           /* the process under it; NULL outside what-if */
} ExplainView;

/* Draws the panel centred on a rows x cols screen (cut when small). When
 * x->p is NULL only p may be set. */
void view_explain_draw(const ExplainView *x, int rows, int cols);

#endif
