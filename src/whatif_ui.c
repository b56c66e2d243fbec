/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif_ui.c - what-if mode and the explain panel: their keys, prompts and
 * drawing. The simulation itself is whatif_sim.c's. Nothing is ever
 * written to /proc.
 */
#include "config.h"

#include "whatif_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "commit.h"
#include "format.h"
#include "prompt_values.h"
#include "ui.h"
#include "view_explain.h"
#include "view_whatif.h"
#include "whatif.h"
#include "whatif_input.h"
#include "whatif_sim.h"

const WhatIfAdj *whatif_ui_adj_of(const WhatIfView *w, const ProcSample *p)
{
    for (size_t i = 0; i < w->nadj; i++)
        if (w->adj[i].pid == p->pid && w->adj[i].start_ticks == p->start_ticks)
            return &w->adj[i];
    return NULL;
}

void whatif_ui_free(WhatIfView *w)
{
    free(w->rows);
    if (w->cache)
        smaps_cache_free(w->cache);
    memset(w, 0, sizeof *w);
}

/* ------------------------------------------------------------ refresh */

void whatif_ui_help(App *a)
{
    /* Built only while the help is shown: it is rarely open, and its
     * figures are this refresh's. */
    if (a->help && a->snap)
        view_whatif_help(a->snap);
}

void whatif_ui_resampled(App *a)
{
    WhatIfView *w = &a->whatif;

    /* app_resample() has just ranked the new rows live. */
    w->ranks_published = false;
    if (!a->snap)
        return;
    whatif_ui_help(a);
    if (!w->on && !w->explain)
        return;
    if (w->on) {
        /* The reserves are not simulated: they follow the live values. */
        w->sim.admin_reserve_kbytes = a->snap->policy.admin_reserve_kbytes;
        w->sim.user_reserve_kbytes = a->snap->policy.user_reserve_kbytes;
        whatif_sim_gap(a, false);
    }
    whatif_sim_rerank(a, false);
}

/* ------------------------------------------------------------ keys */

static void toggle(App *a)
{
    WhatIfView *w = &a->whatif;

    if (!a->snap) {
        app_say(a, true, "No snapshot yet: nothing to simulate");
        return;
    }
    w->on = !w->on;
    w->nadj = 0;
    w->grow_kb = 0;
    w->ratio_kept = false;
    w->gap_known = false;
    if (w->on) {
        settings_ui_whatif_start(a, &a->snap->policy, &w->sim);
        whatif_sim_gap(a, true);
        app_say(a, false, "What-if: a simulation, nothing is written (w: back to the live view)");
    } else {
        app_say(a, false, "Live view: the simulation is over, nothing was changed");
    }
    whatif_sim_rerank(a, true);
    whatif_sim_release(w);
}

static void step_ratio(App *a, int key)
{
    int step = key == '+' ? 5 : key == '-' ? -5 : key == '}' ? 1 : -1;

    whatif_sim_set_ratio(a, whatif_sim_ratio_base(a) + step);
}

static void set_mode(App *a, int key)
{
    long long mode = key - '0';

    if (whatif_set_mode(&a->whatif.sim, mode) == 0)
        app_say(a, false, "What-if vm.overcommit_memory = %lld (%s)", mode, commit_mode_name(mode));
}

/* The selected process, if the simulated adj can apply to it. */
static const ProcSample *adj_target(App *a)
{
    const ProcSample *p = app_selected(a);

    if (!p)
        app_say(a, true, "No process selected");
    else if (!proc_has_own_mm(p))
        app_say(a, true, "%s (pid %d) has no memory of its own: never an OOM victim", p->comm,
                (int)p->pid);
    else
        return p;
    return NULL;
}

static void adj_key(App *a, enum Action act)
{
    const ProcSample *p = adj_target(a);

    if (!p)
        return;
    WhatIfAdj t = { p->pid, p->start_ticks, OOM_SCORE_ADJ_MIN };
    if (act == ACT_WHATIF_UNPROTECT)
        t.adj = p->oom_score_adj;
    if (act != ACT_WHATIF_ADJ) {
        whatif_sim_adj(a, t, p->oom_score_adj);
        return;
    }
    const WhatIfAdj *have = whatif_ui_adj_of(&a->whatif, p);
    snprintf(a->whatif.ask_label, sizeof a->whatif.ask_label,
             "What-if oom_score_adj for %s (pid %d, now %d) (-1000 .. 1000): ", p->comm,
             (int)p->pid, have ? have->adj : p->oom_score_adj);
    a->whatif.ask_target = t;
    a->whatif.ask = WHATIF_ASK_ADJ;
    promptline_open(&a->whatif.line, PROMPT_NONE, NULL);
}

static void open_ask(App *a, enum WhatIfAsk ask)
{
    a->whatif.ask = ask;
    promptline_open(&a->whatif.line, PROMPT_NONE, NULL);
}

void whatif_ui_action(App *a, const KeyBinding *b)
{
    WhatIfView *w = &a->whatif;

    a->dirty = true;
    if (b->action == ACT_EXPLAIN) {
        if (!app_selected(a)) {
            app_say(a, true, "No process selected");
            return;
        }
        w->explain = true;
        whatif_sim_rerank(a, false);
        return;
    }
    if (b->action == ACT_WHATIF) {
        toggle(a);
        return;
    }
    if (!w->on) {
        app_say(a, true, "Key %s works in what-if mode only: press w first", b->label);
        return;
    }
    switch (b->action) {
    case ACT_WHATIF_MODE: set_mode(a, b->key); break;
    case ACT_WHATIF_RATIO: step_ratio(a, b->key); break;
    case ACT_WHATIF_KBYTES: open_ask(a, WHATIF_ASK_KBYTES); break;
    case ACT_WHATIF_GROW: open_ask(a, WHATIF_ASK_GROW); break;
    default: adj_key(a, b->action); break;
    }
}

/* ------------------------------------------------------------ prompts */

static void accept_kbytes(App *a, const char *text)
{
    WhatIfView *w = &a->whatif;
    char err[160], limit[24];
    long long kb = 0;

    if (text[0] && whatif_parse_size_kb(text, "overcommit_kbytes", 1, &kb, err, sizeof err) < 0) {
        app_say(a, true, "%s: unchanged", err);
        return;
    }
    if (kb == 0) {
        whatif_sim_set_ratio(a, whatif_sim_ratio_base(a));
        return;
    }
    if (w->sim.overcommit_kbytes == 0 && w->sim.overcommit_ratio >= 0) {
        w->ratio_kept = true;
        w->kept_ratio = w->sim.overcommit_ratio;
    }
    whatif_set_kbytes(&w->sim, kb);
    format_kb_human(limit, sizeof limit, commit_limit_kb(&a->snap->mem, &w->sim, a->snap->page_kb));
    app_say(a, false, "What-if overcommit_kbytes %lld: CommitLimit %s", kb, limit);
}

static void accept_grow(App *a, const char *text)
{
    char err[160], h[24];
    long long kb;

    if (!text[0]) {
        a->whatif.grow_kb = 0;
        app_say(a, false, "Grow question cleared");
        return;
    }
    if (whatif_parse_size_kb(text, "grow amount", 0, &kb, err, sizeof err) < 0) {
        app_say(a, true, "%s: unchanged", err);
        return;
    }
    a->whatif.grow_kb = kb;
    format_kb_human(h, sizeof h, kb);
    app_say(a, false, "Could each process grow by %s in one request? Mode 2 shows it by FORK", h);
}

static void accept_adj(App *a, const char *text)
{
    WhatIfView *w = &a->whatif;
    char err[160];
    int adj;

    if (prompt_parse_adj(text, &adj, err, sizeof err) < 0) {
        app_say(a, true, "%s: nothing simulated", err);
        return;
    }
    long i = snapshot_find(a->snap, w->ask_target.pid, w->ask_target.start_ticks);
    if (i < 0) {
        app_say(a, true, "Process %d has exited: nothing simulated", (int)w->ask_target.pid);
        return;
    }
    WhatIfAdj t = w->ask_target;
    t.adj = adj;
    whatif_sim_adj(a, t, a->snap->procs[i].oom_score_adj);
}

static void prompt_key(App *a, int key)
{
    WhatIfView *w = &a->whatif;
    enum WhatIfAsk ask = w->ask;
    enum PromptResult r = promptline_key(&w->line, key);

    a->dirty = true;
    if (r == PROMPT_EDITING)
        return;
    w->ask = WHATIF_ASK_NONE;
    if (r != PROMPT_ACCEPTED || !a->snap)
        return;
    if (ask == WHATIF_ASK_KBYTES)
        accept_kbytes(a, w->line.text);
    else if (ask == WHATIF_ASK_GROW)
        accept_grow(a, w->line.text);
    else
        accept_adj(a, w->line.text);
}

/* Moving the selection, and the what-if keys, work under the panel (it
 * then explains the new selection, or the new simulation). */
static bool passes_under_panel(enum Action act)
{
    switch (act) {
    case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN: case ACT_HOME: case ACT_END:
    case ACT_WHATIF: case ACT_WHATIF_MODE: case ACT_WHATIF_RATIO: case ACT_WHATIF_KBYTES:
    case ACT_WHATIF_GROW: case ACT_WHATIF_PROTECT: case ACT_WHATIF_UNPROTECT:
    case ACT_WHATIF_ADJ:
        return true;
    default:
        return false;
    }
}

bool whatif_ui_key(App *a, int key)
{
    WhatIfView *w = &a->whatif;

    if (w->ask != WHATIF_ASK_NONE) {
        prompt_key(a, key);
        return true;
    }
    if (!w->explain)
        return false;
    const KeyBinding *b = keymap_lookup(key);
    enum Action act = b ? b->action : ACT_NONE;
    if (key == KEYCODE_ESC || key == 'q' || act == ACT_EXPLAIN) {
        w->explain = false;
        a->dirty = true;
        whatif_sim_release(w);
        return true;
    }
    return !passes_under_panel(act);
}

/* ------------------------------------------------------------ drawing */

static const char *ask_label(const WhatIfView *w)
{
    switch (w->ask) {
    case WHATIF_ASK_KBYTES: return "What-if overcommit_kbytes (e.g. 16G; empty or 0: the ratio): ";
    case WHATIF_ASK_GROW: return "What-if: could each process grow by (e.g. 512M; empty: stop): ";
    default: return w->ask_label;
    }
}

static void draw_prompt(App *a, int row, int cols)
{
    ui_fill(row, 0, cols, STYLE_NORMAL);
    int x = ui_put(row, 0, ask_label(&a->whatif), cols, STYLE_PROMPT);
    x += ui_put(row, x, a->whatif.line.text, cols - x, STYLE_NORMAL);
    ui_cursor(row, x < cols ? x : cols - 1);
}

static void draw_explain(App *a, const WhatIfCommit *wc, int rows, int cols)
{
    WhatIfView *w = &a->whatif;
    const ProcSample *sel = app_selected(a);
    SmapsSums sums;
    OomExplain e;
    WhatIfProc wp;

    size_t i = sel ? (size_t)(sel - a->snap->procs) : 0;
    if (!sel || !w->rows_valid || w->nranked != a->snap->nprocs || i >= w->nranked) {
        ExplainView none = { .p = NULL };
        view_explain_draw(&none, rows, cols);
        return;
    }
    const ProcSample *p = &w->ranked[i];
    ExplainView x = { .p = p, .e = &e, .page_kb = a->snap->page_kb,
                      .drift_pages = a->snap->rss_drift_pages };
    if (proc_has_own_mm(p)
        && (w->cache || (w->cache = smaps_cache_new("/proc")))) {
        sums = *smaps_cache_get(w->cache, p, whatif_sim_now_s(), WHATIF_SMAPS_AGE_S);
        x.sm = &sums;
    }
    whatif_explain(w->ranked, w->nranked, i, a->snap->page_kb, &w->sum, x.sm, &e);
    ptrdiff_t rival = e.rank == 1 ? w->sum.runner_up : w->sum.victim;
    x.rival = rival >= 0 && (size_t)rival != i ? &w->ranked[rival] : NULL;
    x.simulated = w->on && whatif_ui_adj_of(w, p) != NULL;
    x.live_adj = sel->oom_score_adj;
    if (wc) {
        whatif_proc(wc, p, x.sm, w->grow_kb, &wp);
        x.wc = wc;
        x.wp = &wp;
    }
    view_explain_draw(&x, rows, cols);
}

void whatif_ui_draw(App *a, int header, int rows, int cols)
{
    WhatIfView *w = &a->whatif;
    WhatIfCommit wc;

    if (!a->snap)
        return;
    if (w->on) {
        whatif_commit(&a->snap->mem, &w->sim, a->snap->page_kb,
                      w->gap_known ? w->gap_kb : VALUE_MISSING, &wc);
        view_whatif_header(w, &wc, a->snap, a->table.nrows, header, cols);
        view_whatif_columns(w, &wc, &a->list, &a->table, header, rows - header - 1, cols,
                            whatif_sim_now_s());
    }
    if (w->explain)
        draw_explain(a, w->on ? &wc : NULL, rows, cols);
    if (w->ask != WHATIF_ASK_NONE)
        draw_prompt(a, rows - 1, cols);
}
