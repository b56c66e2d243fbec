/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif_sim.c - the simulation on a copy of the snapshot's rows: the
 * simulated oom_score_adj values are applied there and ranked; only the
 * ranks found are shown in the table (RANK), and the live ranks come back
 * when it ends. Nothing is ever written to /proc.
 */
#include "config.h"

#include "whatif_sim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commit.h"
#include "format.h"
#include "grow.h"
#include "mmpeers.h"
#include "view_whatif.h"

/* Entries not used for this long leave the smaps cache (processes gone). */
#define SMAPS_IDLE_S 30.0
/* overcommit_ratio the keys step within; the kernel takes any int >= 0. */
#define RATIO_MAX 10000
/* Used when neither the simulated nor the live policy has a ratio. */
#define RATIO_DEFAULT 50

double whatif_sim_now_s(void)
{
    return (double)app_now_ms() / 1000.0;
}

/* Neither what-if nor the panel needs them: give the memory back. */
void whatif_sim_release(WhatIfView *w)
{
    if (w->on || w->explain)
        return;
    free(w->rows);
    w->rows = NULL;
    w->nrows = w->rows_cap = 0;
    w->ranked = NULL;
    w->nranked = 0;
    w->rows_valid = false;
    if (w->cache)
        smaps_cache_free(w->cache);
    w->cache = NULL;
}

/* Drops simulated values of processes that are gone; applies the others
 * to the copied rows. */
static void apply_adj(WhatIfView *w)
{
    size_t kept = 0;

    for (size_t i = 0; i < w->nadj; i++) {
        bool found = false;
        for (size_t r = 0; r < w->nrows; r++) {
            ProcSample *p = &w->rows[r];
            if (p->pid == w->adj[i].pid && p->start_ticks == w->adj[i].start_ticks) {
                p->oom_score_adj = w->adj[i].adj;
                found = true;
            }
        }
        if (found)
            w->adj[kept++] = w->adj[i];
    }
    w->nadj = kept;
}

/* The table shows the simulated ranks while an adj is simulated, the live
 * ones otherwise. */
static void publish(App *a, bool rebuild)
{
    WhatIfView *w = &a->whatif;
    Snapshot *s = a->snap;
    bool want = w->on && w->nadj > 0 && w->rows_valid && w->nrows == s->nprocs;

    if (want) {
        for (size_t i = 0; i < s->nprocs; i++) {
            s->procs[i].oom_rank = w->rows[i].oom_rank;
            s->procs[i].oom_eligible = w->rows[i].oom_eligible;
            s->procs[i].badness_pages = w->rows[i].badness_pages;
        }
    } else if (w->ranks_published) {
        a->oom_valid = oom_rank_snapshot(s, &a->oom) == 0;
    }
    if (rebuild && (want || w->ranks_published))
        app_rebuild(a);
    w->ranks_published = want;
}

/* While an adj is simulated: copies the snapshot's rows, applies the
 * simulated adj, ranks the copy. Else the live ranking is the answer. */
void whatif_sim_rerank(App *a, bool rebuild)
{
    WhatIfView *w = &a->whatif;
    Snapshot *s = a->snap;

    w->rows_valid = false;
    w->ranked = NULL;
    w->nranked = 0;
    if (!s)
        return;
    if (!w->on || w->nadj == 0) {
        publish(a, rebuild);    /* first: it restores the live ranks */
        w->ranked = s->procs;
        w->nranked = s->nprocs;
        w->sum = a->oom;
        w->rows_valid = a->oom_valid;
        return;
    }
    if (grow_array(&w->rows, &w->rows_cap, s->nprocs, sizeof *w->rows, 256) < 0) {
        app_say(a, true, "out of memory for the simulation");
        return;
    }
    if (s->nprocs)
        memcpy(w->rows, s->procs, s->nprocs * sizeof *w->rows);
    w->nrows = s->nprocs;
    apply_adj(w);
    long long t = oom_global_totalpages(&s->mem, s->page_kb);
    enum OomScale scale = oom_detect_scale(s->procs, s->nprocs, s->page_kb, t);
    w->rows_valid = oom_rank_procs(w->rows, w->nrows, s->page_kb, t, t, scale, s->rss_drift_pages,
                                   &w->sum) == 0;
    w->ranked = w->rows;
    w->nranked = w->nrows;
    publish(a, rebuild);
}

/* Σ noreserve_kb over every process with memory, at most every
 * WHATIF_SMAPS_AGE_S seconds (`force`: now). */
void whatif_sim_gap(App *a, bool force)
{
    WhatIfView *w = &a->whatif;
    double now = whatif_sim_now_s();
    long long sum = 0;
    size_t refused = 0;

    if (!force && w->gap_known && now - w->gap_at_s < WHATIF_SMAPS_AGE_S)
        return;
    if (!w->cache && !(w->cache = smaps_cache_new("/proc")))
        return;
    for (size_t i = 0; i < a->snap->nprocs; i++) {
        const ProcSample *p = &a->snap->procs[i];
        if (!proc_has_own_mm(p))
            continue;
        const SmapsSums *sm = smaps_cache_get(w->cache, p, now, WHATIF_SMAPS_AGE_S);
        if (sm->readable)
            sum += sm->noreserve_kb;
        else if (sm->error != ENOENT && sm->error != ESRCH)
            refused++;
    }
    smaps_cache_expire(w->cache, now, SMAPS_IDLE_S);
    w->gap_kb = sum;
    w->gap_unreadable = refused;
    w->gap_known = true;
    w->gap_at_s = now;
}

/* The ratio the step keys start from. */
long long whatif_sim_ratio_base(const App *a)
{
    const VmPolicy *sim = &a->whatif.sim, *live = &a->snap->policy;

    if (sim->overcommit_kbytes == 0 && sim->overcommit_ratio >= 0)
        return sim->overcommit_ratio;
    if (a->whatif.ratio_kept)
        return a->whatif.kept_ratio;
    return live->overcommit_ratio > 0 ? live->overcommit_ratio : RATIO_DEFAULT;
}

void whatif_sim_set_ratio(App *a, long long ratio)
{
    WhatIfView *w = &a->whatif;
    char limit[24];

    if (ratio < 0)
        ratio = 0;
    if (ratio > RATIO_MAX)
        ratio = RATIO_MAX;
    whatif_set_ratio(&w->sim, ratio);
    format_kb_human(limit, sizeof limit, commit_limit_kb(&a->snap->mem, &w->sim, a->snap->page_kb));
    app_say(a, false, "What-if overcommit_ratio %lld: CommitLimit %s", ratio, limit);
}

static void say_victim(App *a, const WhatIfAdj *t, const char *what)
{
    WhatIfView *w = &a->whatif;
    const ProcSample *v = w->rows_valid && w->sum.victim >= 0 ? &w->ranked[w->sum.victim] : NULL;

    if (v)
        app_say(a, false, "Simulated: pid %d %s; next OOM victim: %s (pid %d)", (int)t->pid, what,
                v->comm, (int)v->pid);
    else
        app_say(a, false, "Simulated: pid %d %s; no process would be picked", (int)t->pid, what);
}

/* Records (or, at its live value, drops) one simulated value. Returns
 * false when the table of simulated values is full. */
static bool set_one(WhatIfView *w, WhatIfAdj t, int live_adj)
{
    for (size_t i = 0; i < w->nadj; i++) {
        if (w->adj[i].pid == t.pid && w->adj[i].start_ticks == t.start_ticks) {
            if (t.adj == live_adj)
                w->adj[i] = w->adj[--w->nadj];
            else
                w->adj[i] = t;
            return true;
        }
    }
    if (t.adj == live_adj)
        return true;
    if (w->nadj == WHATIF_ADJ_MAX)
        return false;
    w->adj[w->nadj++] = t;
    return true;
}

/* The snapshot row of t's process, or -1. */
static long row_of(const Snapshot *s, const WhatIfAdj *t)
{
    return snapshot_find(s, t->pid, t->start_ticks);
}

/* Simulates oom_score_adj `adj` on t's process and, as the kernel's write
 * would, on every process sharing its memory; its live value removes the
 * simulated one. */
void whatif_sim_adj(App *a, WhatIfAdj t, int live_adj)
{
    WhatIfView *w = &a->whatif;
    size_t peers[WHATIF_ADJ_MAX], npeers = 0;
    char what[80];
    long row = row_of(a->snap, &t);

    if (row >= 0)
        npeers = mmpeers_find(a->snap->procs, a->snap->nprocs, (size_t)row, peers,
                              WHATIF_ADJ_MAX - 1);
    if (!set_one(w, t, live_adj)) {
        app_say(a, true, "At most %d simulated oom_score_adj values: Z removes one",
                WHATIF_ADJ_MAX);
        return;
    }
    for (size_t i = 0; i < npeers; i++) {
        const ProcSample *p = &a->snap->procs[peers[i]];
        WhatIfAdj peer = { .pid = p->pid, .start_ticks = p->start_ticks, .adj = t.adj };
        set_one(w, peer, p->oom_score_adj);
    }
    whatif_sim_rerank(a, true);
    int n = snprintf(what, sizeof what, "oom_score_adj %d%s", t.adj,
                     t.adj == live_adj ? " (live)" : "");
    if (npeers && n > 0 && (size_t)n < sizeof what)
        snprintf(what + n, sizeof what - (size_t)n, " (+%zu sharing its memory)", npeers);
    say_victim(a, &t, what);
}
