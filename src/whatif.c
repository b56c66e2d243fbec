/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif.c - __vm_enough_memory() (mm/util.c) replayed under a simulated
 * policy, and the explain-panel arithmetic on top of the OOM ranking.
 */
#include "config.h"

#include "whatif.h"

#include "commit.h"


int whatif_set_mode(VmPolicy *sim, long long mode)
{
    if (mode < OVERCOMMIT_GUESS || mode > OVERCOMMIT_NEVER)
        return -1;
    sim->overcommit_memory = mode;
    return 0;
}

int whatif_set_ratio(VmPolicy *sim, long long ratio)
{
    if (ratio < 0)
        return -1;
    sim->overcommit_ratio = ratio;
    sim->overcommit_kbytes = 0;
    return 0;
}

int whatif_set_kbytes(VmPolicy *sim, long long kbytes)
{
    if (kbytes < 0)
        return -1;
    sim->overcommit_kbytes = kbytes;
    if (kbytes != 0)
        sim->overcommit_ratio = 0;
    return 0;
}

static long long to_pages(long long kb, long page_kb)
{
    return kb < 0 || page_kb <= 0 ? VALUE_MISSING : kb / page_kb;
}

static long long pages_to_kb(long long pages, long page_kb)
{
    return pages < 0 ? VALUE_MISSING : pages * page_kb;
}

/* Mode 2 figures for a process whose reserve is the whole user reserve. */
static void strict_figures(WhatIfCommit *out)
{
    if (out->limit_pages < 0 || out->committed_pages < 0 || out->admin_reserve_pages < 0
        || out->user_reserve_pages < 0)
        return;
    long long allowed = out->limit_pages - out->admin_reserve_pages;
    /* The kernel has already added the request when it compares, and the
     * comparison is strict: committed + pages < allowed. */
    long long room = allowed - out->user_reserve_pages - out->committed_pages - 1;

    out->headroom_kb = (allowed - out->committed_pages) * out->page_kb;
    out->largest_allocation_kb = (room > 0 ? room : 0) * out->page_kb;
    out->allocations_fail = room < 1;
    out->short_by_kb = room < 1 ? (1 - room) * out->page_kb : 0;
}

void whatif_commit(const MemInfo *m, const VmPolicy *sim, long page_kb,
                   long long noreserve_gap_kb, WhatIfCommit *out)
{
    long long t_ram = to_pages(m->mem_total_kb, page_kb);
    long long t_swap = to_pages(m->swap_total_kb, page_kb);
    long long mode = sim->overcommit_memory;

    *out = (WhatIfCommit){
        .mode = mode >= OVERCOMMIT_GUESS && mode <= OVERCOMMIT_NEVER ? (int)mode : -1,
        .ratio = sim->overcommit_ratio, .kbytes = sim->overcommit_kbytes,
        .commit_limit_kb = commit_limit_kb(m, sim, page_kb),
        .committed_as_kb = m->committed_as_kb, .percent = -1.0,
        .headroom_kb = VALUE_MISSING, .largest_allocation_kb = VALUE_MISSING,
        .noreserve_gap_kb = noreserve_gap_kb, .page_kb = page_kb,
        .limit_pages = commit_limit_pages(m, sim, page_kb),
        .committed_pages = to_pages(m->committed_as_kb, page_kb),
        .admin_reserve_pages = to_pages(sim->admin_reserve_kbytes, page_kb),
        .user_reserve_pages = to_pages(sim->user_reserve_kbytes, page_kb),
        .total_pages = t_ram < 0 || t_swap < 0 ? VALUE_MISSING : t_ram + t_swap,
    };
    if (out->commit_limit_kb > 0 && out->committed_as_kb >= 0)
        out->percent = (double)out->committed_as_kb * 100.0 / (double)out->commit_limit_kb;
    switch (out->mode) {
    case OVERCOMMIT_GUESS:
        out->largest_allocation_kb = pages_to_kb(out->total_pages, page_kb);
        break;
    case OVERCOMMIT_ALWAYS:
        out->unlimited = true;
        out->largest_allocation_kb = WHATIF_UNLIMITED;
        break;
    case OVERCOMMIT_NEVER:
        out->enforced = true;
        strict_figures(out);
        break;
    default:
        break;
    }
}

/* Mode 2: what the kernel subtracts from CommitLimit for this process. */
static long long proc_reserve_pages(const WhatIfCommit *c, const ProcSample *p, bool admin)
{
    long long total_vm = to_pages(p->vm_size_kb, c->page_kb);
    long long user = total_vm < 0 ? 0 : total_vm / 32;

    if (user > c->user_reserve_pages)
        user = c->user_reserve_pages;
    return (admin ? 0 : c->admin_reserve_pages) + user;
}

static bool strict_known(const WhatIfCommit *c)
{
    return c->limit_pages >= 0 && c->committed_pages >= 0 && c->admin_reserve_pages >= 0
        && c->user_reserve_pages >= 0;
}

static void proc_strict(const WhatIfCommit *c, const ProcSample *p, const SmapsSums *sm,
                        long long grow_pages, WhatIfProc *out)
{
    bool admin = sm && sm->cap_sys_admin == 1;
    long long allowed = c->limit_pages - proc_reserve_pages(c, p, admin);
    long long room = allowed - c->committed_pages - 1;

    out->reserve_kb = proc_reserve_pages(c, p, admin) * c->page_kb;
    out->room_kb = (room > 0 ? room : 0) * c->page_kb;
    out->can_grow = grow_pages <= 0 || grow_pages <= room ? WHATIF_YES : WHATIF_NO;
    if (!sm || !sm->readable)
        return;
    /* dup_mmap() charges VMA after VMA against the parent's reserve; the
     * last check sees the whole sum, so that one decides. */
    long long cost = sm->fork_cost_kb / c->page_kb;
    bool ok = cost == 0 || cost <= room;
    out->can_fork = ok ? WHATIF_YES : WHATIF_NO;
    out->fork_short_by_kb = ok ? 0 : (cost - room) * c->page_kb;
}

static void proc_guess(const WhatIfCommit *c, const SmapsSums *sm, long long grow_pages,
                       WhatIfProc *out)
{
    out->room_kb = pages_to_kb(c->total_pages, c->page_kb);
    out->can_grow = grow_pages <= c->total_pages ? WHATIF_YES : WHATIF_NO;
    /* Mode 0 checks each VMA alone: only one larger than RAM+swap fails. */
    if (sm && sm->readable)
        out->can_fork = sm->fork_largest_kb / c->page_kb <= c->total_pages ? WHATIF_YES
                                                                         : WHATIF_NO;
}

void whatif_proc(const WhatIfCommit *c, const ProcSample *p, const SmapsSums *sm,
                 long long grow_kb, WhatIfProc *out)
{
    bool readable = sm && sm->readable;
    long long grow_pages = grow_kb > 0 && c->page_kb > 0
                               ? (grow_kb + c->page_kb - 1) / c->page_kb : 0;

    *out = (WhatIfProc){ .room_kb = VALUE_MISSING, .can_fork = WHATIF_UNKNOWN,
                         .fork_cost_kb = readable ? sm->fork_cost_kb : VALUE_MISSING,
                         .can_grow = WHATIF_UNKNOWN, .grow_kb = grow_kb,
                         .noreserve_kb = readable ? sm->noreserve_kb : VALUE_MISSING };
    if (!proc_has_own_mm(p))
        return;
    if (c->mode == OVERCOMMIT_ALWAYS) {
        out->room_kb = WHATIF_UNLIMITED;
        out->can_fork = out->can_grow = WHATIF_YES;
    } else if (c->mode == OVERCOMMIT_GUESS && c->total_pages >= 0) {
        proc_guess(c, sm, grow_pages, out);
    } else if (c->mode == OVERCOMMIT_NEVER && strict_known(c)) {
        proc_strict(c, p, sm, grow_pages, out);
    }
}

/* ------------------------------------------------------------ explain */

/* The eligible process other than procs[self] that would be picked first:
 * the rival `self` has to stay behind. -1 if there is none. */
static ptrdiff_t best_other(const ProcSample *procs, size_t n, size_t self)
{
    ptrdiff_t best = -1;

    for (size_t i = 0; i < n; i++) {
        if (i == self || !procs[i].oom_eligible)
            continue;
        if (best < 0 || oom_picked_before(&procs[i], procs[i].badness_pages, &procs[best],
                                          procs[best].badness_pages))
            best = (ptrdiff_t)i;
    }
    return best;
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;

    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Highest adj with mem + adj*unit still behind the rival (see OomExplain). */
static int safe_adj_against(const ProcSample *self, long long mem, long long unit,
                            const ProcSample *rival, long long rival_pages)
{
    /* On equal points the newer process is picked; the older may tie. */
    bool wins_ties = oom_picked_before(self, rival_pages, rival, rival_pages);
    long long limit = rival_pages - (wins_ties ? 1 : 0);
    long long a;

    if (unit <= 0)
        return mem <= limit ? OOM_SCORE_ADJ_MAX : OOM_SCORE_ADJ_MIN;
    a = floor_div(limit - mem, unit);
    if (a >= OOM_SCORE_ADJ_MAX)
        return OOM_SCORE_ADJ_MAX;
    return a <= OOM_SCORE_ADJ_MIN ? OOM_SCORE_ADJ_MIN : (int)a;
}

static void explain_memory(const ProcSample *p, long page_kb, long long t, OomExplain *out)
{
    out->pid = p->pid;
    out->why = oom_eligibility(p);
    out->rss_anon_kb = p->rss_anon_kb;
    out->rss_file_kb = p->rss_file_kb;
    out->rss_shmem_kb = p->rss_shmem_kb;
    out->swap_kb = p->vm_swap_kb;
    out->pte_kb = p->vm_pte_kb;
    out->mem_pages = oom_mem_pages(p, page_kb);
    out->adj = p->oom_score_adj;
    out->adj_unit_pages = t / 1000;
    out->adj_term_pages = oom_adj_term_pages(p->oom_score_adj, t);
    out->badness_pages = out->mem_pages + out->adj_term_pages;
    out->totalpages = t;
}

static void explain_rank(const ProcSample *procs, size_t n, size_t index, long page_kb,
                         OomExplain *out)
{
    const ProcSample *p = &procs[index];
    ptrdiff_t r = best_other(procs, n, index);

    out->grow_to_victim_kb = VALUE_MISSING;
    if (out->why == OOM_NOT_INIT || out->why == OOM_NOT_KTHREAD || out->why == OOM_NOT_NO_MM)
        return;
    out->safe_adj_known = true;
    out->safe_adj = r < 0 ? OOM_SCORE_ADJ_MIN
                          : safe_adj_against(p, out->mem_pages, out->adj_unit_pages, &procs[r],
                                             procs[r].badness_pages);
    if (out->why != OOM_ELIGIBLE)
        return;
    if (out->rank == 1 || r < 0) {
        out->grow_to_victim_kb = 0;
        return;
    }
    long long gap = procs[r].badness_pages - out->badness_pages;
    bool wins_ties = oom_picked_before(p, procs[r].badness_pages, &procs[r],
                                       procs[r].badness_pages);
    out->grow_to_victim_kb = (gap + (wins_ties ? 0 : 1)) * page_kb;
}

enum ScoreVerdict whatif_score_verdict(const OomExplain *e, bool simulated)
{
    if (e->score_kernel < 0)
        return SCORE_UNREAD;
    if (!e->score_differs && !e->score_drifts)
        return SCORE_SAME;
    if (simulated)
        return SCORE_SIMULATED;
    return e->score_drifts ? SCORE_DRIFT : SCORE_DIFFERENT;
}

void whatif_explain(const ProcSample *procs, size_t n, size_t index, long page_kb,
                    const OomSummary *sum, const SmapsSums *sm, OomExplain *out)
{
    const ProcSample *p = &procs[index];
    bool readable = sm && sm->readable;

    *out = (OomExplain){ 0 };
    explain_memory(p, page_kb, sum->totalpages, out);
    out->score_predicted = p->oom_score_predicted;
    out->score_kernel = (p->flags & PROC_OOM_SCORE_OK) ? p->oom_score : -1;
    out->score_differs = oom_score_differs(p);
    out->score_drifts = oom_score_drifts(p);
    out->rank = p->oom_rank;
    out->n_eligible = sum->n_eligible;
    explain_rank(procs, n, index, page_kb, out);
    out->committed_kb = readable ? sm->committed_kb : VALUE_MISSING;
    out->fork_cost_kb = readable ? sm->fork_cost_kb : VALUE_MISSING;
}
