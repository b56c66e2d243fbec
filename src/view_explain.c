/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_explain.c - the explain panel's lines: memory, the adj term, the
 * badness total, the predicted and the kernel's oom_score, the rank, and
 * what would change it, each with its unit.
 */
#include "config.h"

#include "view_explain.h"

#include <stdio.h>
#include <string.h>

#include "badness.h"
#include "format.h"
#include "view_dialog.h"
#include "view_whatif.h"

#define HUMAN_MAX 24

/* A signed amount of pages as "-12.0 GiB" / "3.1 MiB". */
static const char *pages_human(char *buf, size_t len, long long pages, long page_kb)
{
    char h[HUMAN_MAX - 2];

    format_kb_human(h, sizeof h, (pages < 0 ? -pages : pages) * page_kb);
    snprintf(buf, len, "%s%s", pages < 0 ? "-" : "", h);
    return buf;
}

static const char *kb_human(char *buf, size_t len, long long kb)
{
    format_kb_human(buf, len, kb);
    return buf;
}

static void add_memory(Dialog *d, const ExplainView *x)
{
    const OomExplain *e = x->e;
    char a[HUMAN_MAX], b[HUMAN_MAX], c[HUMAN_MAX];

    dialog_add(d, STYLE_LABEL, "What oom_badness() counts, in pages of %ld KiB:", x->page_kb);
    dialog_add(d, STYLE_NORMAL, "  RSS        anon %s, file %s, shmem %s",
               kb_human(a, sizeof a, e->rss_anon_kb), kb_human(b, sizeof b, e->rss_file_kb),
               kb_human(c, sizeof c, e->rss_shmem_kb));
    dialog_add(d, STYLE_NORMAL, "  swap       %s, page tables %s",
               kb_human(a, sizeof a, e->swap_kb), kb_human(b, sizeof b, e->pte_kb));
    dialog_add(d, STYLE_NORMAL,
               "  memory     %lld pages (%s) = (RSS + swap + page tables) / %ld KiB",
               e->mem_pages, pages_human(a, sizeof a, e->mem_pages, x->page_kb), x->page_kb);
    dialog_add(d, STYLE_NORMAL,
               "  adj term   %+d x %lld = %lld pages (%s): oom_score_adj x totalpages/1000",
               e->adj, e->adj_unit_pages, e->adj_term_pages,
               pages_human(a, sizeof a, e->adj_term_pages, x->page_kb));
    if (x->simulated)
        dialog_add(d, STYLE_WARNING, "             oom_score_adj %d is simulated (live: %d)",
                   e->adj, x->live_adj);
    dialog_add(d, STYLE_NORMAL,
               "  badness    %lld pages (%s) = memory + adj term; totalpages %lld (RAM + swap)",
               e->badness_pages, pages_human(a, sizeof a, e->badness_pages, x->page_kb),
               e->totalpages);
}

static void add_score(Dialog *d, const ExplainView *x)
{
    const OomExplain *e = x->e;

    switch (whatif_score_verdict(e, x->simulated)) {
    case SCORE_UNREAD:
        dialog_add(d, STYLE_NORMAL, "  oom_score  predicted %d, the kernel's could not be read",
                   e->score_predicted);
        break;
    case SCORE_SAME:
        dialog_add(d, STYLE_NORMAL, "  oom_score  predicted %d, kernel %d: the same",
                   e->score_predicted, e->score_kernel);
        break;
    case SCORE_SIMULATED:
        dialog_add(d, STYLE_NORMAL,
                   "  oom_score  predicted %d with the simulated adj, kernel %d now",
                   e->score_predicted, e->score_kernel);
        break;
    case SCORE_DRIFT:
        dialog_add(d, STYLE_NORMAL,
                   "  oom_score  predicted %d, kernel %d: within the lag of the kernel's per-CPU "
                   "RSS counters (up to %lld pages); the kernel's counts",
                   e->score_predicted, e->score_kernel, x->drift_pages);
        break;
    case SCORE_DIFFERENT:
        dialog_add(d, STYLE_WARNING,
                   "  oom_score  predicted %d, kernel %d: DIFFERENT (a race, or a formula not "
                   "modelled); the kernel's counts", e->score_predicted, e->score_kernel);
        break;
    }
    if (e->why != OOM_ELIGIBLE)
        dialog_add(d, STYLE_NORMAL, "  rank       never picked: %s",
                   oom_ineligible_reason(e->why));
    else
        dialog_add(d, e->rank == 1 ? STYLE_WARNING : STYLE_NORMAL,
                   "  rank       %d of %zu eligible%s", e->rank, e->n_eligible,
                   e->rank == 1 ? ": the next OOM victim" : "");
}

/* "mysqld (pid 12)" or "nobody else" */
static const char *rival_name(char *buf, size_t len, const ProcSample *r)
{
    if (!r)
        snprintf(buf, len, "nobody else");
    else
        snprintf(buf, len, "%s (pid %d)", r->comm, (int)r->pid);
    return buf;
}

static void add_margins(Dialog *d, const ExplainView *x)
{
    const OomExplain *e = x->e;
    char who[PROC_COMM_MAX + 24], h[HUMAN_MAX];

    rival_name(who, sizeof who, x->rival);
    if (e->grow_to_victim_kb == VALUE_MISSING)
        dialog_add(d, STYLE_NORMAL, "  to be next never: it is not eligible");
    else if (e->grow_to_victim_kb == 0)
        dialog_add(d, STYLE_NORMAL, "  to be next it already is");
    else
        dialog_add(d, STYLE_NORMAL, "  to be next after %s more RSS it would be picked before %s",
                   kb_human(h, sizeof h, e->grow_to_victim_kb), who);
    if (!e->safe_adj_known)
        dialog_add(d, STYLE_NORMAL, "  safe adj   n/a: %s", oom_ineligible_reason(e->why));
    else if (e->safe_adj <= -1000)
        dialog_add(d, STYLE_NORMAL,
                   "  safe adj   only -1000 (full protection, needs CAP_SYS_RESOURCE) keeps it "
                   "behind %s", who);
    else if (e->safe_adj >= 1000)
        dialog_add(d, STYLE_NORMAL, "  safe adj   any oom_score_adj keeps it behind %s", who);
    else
        dialog_add(d, STYLE_NORMAL, "  safe adj   oom_score_adj <= %d keeps it behind %s%s",
                   e->safe_adj, who, e->safe_adj < 0 ? " (below 0 needs CAP_SYS_RESOURCE)" : "");
}

static void add_commit(Dialog *d, const ExplainView *x)
{
    char a[HUMAN_MAX], b[HUMAN_MAX];

    if (!proc_has_own_mm(x->p))
        dialog_add(d, STYLE_NORMAL, "  committed  none: it has no memory of its own");
    else if (!x->sm)
        dialog_add(d, STYLE_NORMAL, "  committed  ? (smaps not read)");
    else if (!x->sm->readable)
        dialog_add(d, STYLE_NORMAL,
                   "  committed  ?, fork cost ?: the kernel refused its smaps (%s)",
                   strerror(x->sm->error));
    else
        dialog_add(d, STYLE_NORMAL, "  committed  %s (private writable, charged), fork cost %s",
                   kb_human(a, sizeof a, x->sm->committed_kb),
                   kb_human(b, sizeof b, x->sm->fork_cost_kb));
}

/* Under the simulated policy: could it fork, grow, and how much at once. */
static void add_whatif(Dialog *d, const ExplainView *x)
{
    const WhatIfProc *wp = x->wp;
    char room[HUMAN_MAX], shortby[HUMAN_MAX + 16] = "", grow[HUMAN_MAX + 32] = "";

    if (!wp || !x->wc || !proc_has_own_mm(x->p))
        return;
    if (wp->room_kb == WHATIF_UNLIMITED)
        snprintf(room, sizeof room, "no limit");
    else
        format_kb_human(room, sizeof room, wp->room_kb);
    if (wp->can_fork == WHATIF_NO && wp->fork_short_by_kb > 0) {
        char h[HUMAN_MAX];
        format_kb_human(h, sizeof h, wp->fork_short_by_kb);
        snprintf(shortby, sizeof shortby, " (short by %s)", h);
    }
    if (wp->grow_kb > 0) {
        char h[HUMAN_MAX];
        format_kb_human(h, sizeof h, wp->grow_kb);
        snprintf(grow, sizeof grow, ", grow by %s: %s", h, view_whatif_answer(wp->can_grow));
    }
    dialog_add(d, STYLE_VALUE, "  WHAT-IF    mode %d: fork() %s%s%s; largest request now %s",
               x->wc->mode, view_whatif_answer(wp->can_fork), shortby, grow, room);
}

void view_explain_draw(const ExplainView *x, int rows, int cols)
{
    static Dialog d;
    char title[PROC_COMM_MAX + 48];

    if (!x->p) {
        dialog_reset(&d, "Explain", "Esc, q or Enter: close");
        dialog_add(&d, STYLE_NORMAL, "No process is selected (is the filter hiding them all?)");
        view_dialog_draw(&d, NULL, rows, cols);
        return;
    }
    snprintf(title, sizeof title, "Explain: %s (pid %d)", x->p->comm, (int)x->p->pid);
    dialog_reset(&d, title, "Esc, q or Enter: close   Up, Down: another process");
    add_memory(&d, x);
    add_score(&d, x);
    add_margins(&d, x);
    add_commit(&d, x);
    add_whatif(&d, x);
    view_dialog_draw(&d, NULL, rows, cols);
}
