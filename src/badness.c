/* SPDX-License-Identifier: GPL-2.0-or-later
 * badness.c - oom_badness() and proc_oom_score() restated over sampled
 * rows (mm/oom_kill.c, fs/proc/base.c), and the victim order they imply.
 */
#include "config.h"

#include "badness.h"

#include <stdlib.h>

#include "grow.h"
#include "sort.h"

long long oom_global_totalpages(const MemInfo *m, long page_kb)
{
    if (page_kb <= 0 || m->mem_total_kb < 0 || m->swap_total_kb < 0)
        return VALUE_MISSING;
    return m->mem_total_kb / page_kb + m->swap_total_kb / page_kb;
}

long long oom_memcg_totalpages(long long limit_kb, long long swap_allowed_kb,
                               const MemInfo *m, long page_kb)
{
    if (page_kb <= 0 || limit_kb < 0)
        return VALUE_MISSING;
    long long swap = swap_allowed_kb > 0 ? swap_allowed_kb / page_kb : 0;
    long long swap_total = m->swap_total_kb > 0 ? m->swap_total_kb / page_kb : 0;
    long long total = limit_kb / page_kb + (swap < swap_total ? swap : swap_total);

    return total > 0 ? total : 1;
}

enum OomIneligible oom_eligibility(const ProcSample *p)
{
    if (p->flags & PROC_KTHREAD)
        return OOM_NOT_KTHREAD;
    if (p->pid == 1)
        return OOM_NOT_INIT;
    if ((p->flags & PROC_ZOMBIE) || !(p->flags & PROC_HAS_MM) || p->state == 'Z')
        return OOM_NOT_NO_MM;
    if (p->oom_score_adj <= OOM_SCORE_ADJ_MIN)
        return OOM_NOT_UNKILLABLE;
    if (p->flags & PROC_IN_VFORK)
        return OOM_NOT_VFORK;
    if (p->flags & PROC_KERNEL_SKIPS)
        return OOM_NOT_SKIPPED;
    return OOM_ELIGIBLE;
}

const char *oom_ineligible_reason(enum OomIneligible why)
{
    switch (why) {
    case OOM_ELIGIBLE:
        return "";
    case OOM_NOT_INIT:
        return "init (pid 1)";
    case OOM_NOT_KTHREAD:
        return "kernel thread";
    case OOM_NOT_NO_MM:
        return "no memory (zombie or exiting)";
    case OOM_NOT_UNKILLABLE:
        return "oom_score_adj -1000";
    case OOM_NOT_VFORK:
        return "vfork child (shares its parent's memory)";
    case OOM_NOT_SKIPPED:
        return "skipped by the kernel (oom_score 0: memory being reaped, or a vfork child)";
    }
    return "";
}

long long oom_adj_term_pages(int adj, long long totalpages)
{
    return (long long)adj * (totalpages / 1000);
}

static long long nonneg(long long v)
{
    return v > 0 ? v : 0;
}

long long oom_mem_pages(const ProcSample *p, long page_kb)
{
    if (page_kb <= 0)
        return 0;
    return (nonneg(p->vm_rss_kb) + nonneg(p->vm_swap_kb) + nonneg(p->vm_pte_kb)) / page_kb;
}

long long oom_badness_pages(const ProcSample *p, long long totalpages, long page_kb)
{
    return oom_mem_pages(p, page_kb) + oom_adj_term_pages(p->oom_score_adj, totalpages);
}

int oom_score_from_points(long long points, long long totalpages, enum OomScale scale)
{
    if (totalpages <= 0)
        return 0;
    if (scale == OOM_SCALE_1000) {
        /* The old oom_badness() was unsigned and never below 1 for a candidate. */
        long long b = points > 0 ? points : 1;
        return (int)(b * 1000 / totalpages);
    }
    return (int)((1000 + points * 1000 / totalpages) * 2 / 3);
}

void oom_score_span(long long points, long long drift_pages, long long totalpages,
                    enum OomScale scale, int *lo, int *hi)
{
    *lo = oom_score_from_points(points - drift_pages, totalpages, scale);
    *hi = oom_score_from_points(points + drift_pages, totalpages, scale);
}

long long oom_rss_drift_pages(int major, int minor, long online_cpus)
{
    if (major < 6 || (major == 6 && minor < 16) || online_cpus <= 0)
        return 0;
    long long batch = 2LL * online_cpus > 32 ? 2LL * online_cpus : 32;
    return 4 * batch * online_cpus;
}

bool oom_picked_before(const ProcSample *a, long long pa, const ProcSample *b, long long pb)
{
    if (pa != pb)
        return pa > pb;
    if (a->start_ticks != b->start_ticks)
        return a->start_ticks > b->start_ticks;
    return a->pid > b->pid;
}

static bool score_known(const ProcSample *p)
{
    return (p->flags & PROC_OOM_SCORE_OK) != 0;
}

/* Counts how many kernel scores each formula reproduces; adj_zero_only
 * restricts the count to the rows the issue calls reference rows. */
static size_t count_scale_votes(const ProcSample *procs, size_t n, long page_kb, long long t,
                                bool adj_zero_only, size_t votes[3])
{
    size_t compared = 0;

    for (size_t i = 0; i < n; i++) {
        const ProcSample *p = &procs[i];
        if (!score_known(p) || oom_eligibility(p) != OOM_ELIGIBLE)
            continue;
        if (adj_zero_only && p->oom_score_adj != 0)
            continue;
        long long b = oom_badness_pages(p, t, page_kb);
        compared++;
        if (oom_score_from_points(b, t, OOM_SCALE_1000) == p->oom_score)
            votes[OOM_SCALE_1000]++;
        if (oom_score_from_points(b, t, OOM_SCALE_2000) == p->oom_score)
            votes[OOM_SCALE_2000]++;
    }
    return compared;
}

enum OomScale oom_detect_scale(const ProcSample *procs, size_t n, long page_kb,
                               long long global_totalpages)
{
    size_t votes[3] = { 0, 0, 0 };

    if (global_totalpages <= 0)
        return OOM_SCALE_UNKNOWN;
    if (count_scale_votes(procs, n, page_kb, global_totalpages, true, votes) == 0
        && count_scale_votes(procs, n, page_kb, global_totalpages, false, votes) == 0)
        return OOM_SCALE_UNKNOWN;
    if (votes[OOM_SCALE_2000] == votes[OOM_SCALE_1000])
        return OOM_SCALE_UNKNOWN;
    return votes[OOM_SCALE_2000] > votes[OOM_SCALE_1000] ? OOM_SCALE_2000 : OOM_SCALE_1000;
}

typedef struct RankKey {
    const ProcSample *p;
    long long points;
    size_t index;
} RankKey;

static int rank_cmp(const void *x, const void *y)
{
    const RankKey *a = x, *b = y;

    if (oom_picked_before(a->p, a->points, b->p, b->points))
        return -1;
    return oom_picked_before(b->p, b->points, a->p, a->points) ? 1 : 0;
}

static bool within_drift(const ProcSample *p, long long pts, long long global_t,
                         enum OomScale scale, long long drift_pages)
{
    int lo, hi;

    if (drift_pages <= 0 || !p->oom_eligible)
        return false;
    oom_score_span(pts, drift_pages, global_t, scale, &lo, &hi);
    return lo <= p->oom_score && p->oom_score <= hi;
}

static void score_row(ProcSample *p, long page_kb, long long global_t, enum OomScale scale,
                      long long drift_pages, OomSummary *out)
{
    long long pts = oom_badness_pages(p, global_t, page_kb);

    p->oom_score_predicted = 0;
    p->flags &= ~(unsigned)PROC_SCORE_DRIFT;
    if (p->oom_eligible && global_t > 0)
        p->oom_score_predicted = oom_score_from_points(pts, global_t, scale);
    if (!score_known(p))
        return;
    out->n_score_checked++;
    if (p->oom_score == p->oom_score_predicted)
        return;
    if (global_t > 0 && within_drift(p, pts, global_t, scale, drift_pages))
        p->flags |= PROC_SCORE_DRIFT;
    else
        out->n_score_differs++;
}

/* The sort keys are kept from one ranking to the next and only ever grow:
 * every refresh ranks about as many processes as the one before, so once
 * warm a refresh asks the allocator for nothing (memory is shortest exactly
 * when oomtop is needed). oomtop ranks on one thread only. */
static RankKey *kept_keys;
static size_t kept_cap;

static RankKey *rank_keys(size_t n)
{
    return grow_array(&kept_keys, &kept_cap, n, sizeof *kept_keys, 256) == 0 ? kept_keys : NULL;
}

int oom_rank_procs(ProcSample *procs, size_t n, long page_kb, long long totalpages,
                   long long global_totalpages, enum OomScale scale, long long drift_pages,
                   OomSummary *out)
{
    RankKey *keys = rank_keys(n ? n : 1);
    size_t k = 0;

    *out = (OomSummary){ .totalpages = totalpages, .global_totalpages = global_totalpages,
                         .scale = scale, .victim = -1, .runner_up = -1 };
    for (size_t i = 0; i < n; i++) {
        ProcSample *p = &procs[i];
        p->oom_eligible = oom_eligibility(p) == OOM_ELIGIBLE;
        p->badness_pages = oom_badness_pages(p, totalpages, page_kb);
        p->oom_rank = 0;
        score_row(p, page_kb, global_totalpages, scale, drift_pages, out);
        if (p->oom_eligible && keys)
            keys[k++] = (RankKey){ .p = p, .points = p->badness_pages, .index = i };
    }
    if (!keys)
        return -1;
    sort_plain(keys, k, sizeof *keys, rank_cmp);
    for (size_t r = 0; r < k; r++)
        procs[keys[r].index].oom_rank = (int)(r + 1);
    out->n_eligible = k;
    out->victim = k > 0 ? (ptrdiff_t)keys[0].index : -1;
    out->runner_up = k > 1 ? (ptrdiff_t)keys[1].index : -1;
    return 0;
}

/* On the 0..2000 scale an eligible process reads 0 only if 1000 +
 * badness * 1000 / T truncates to 1, which takes adj -999, a T that is a
 * multiple of 1000 and no pages at all; whatever the drift of the kernel's
 * RSS counters, or a T of our own that differs from the kernel's (a
 * virtualised meminfo), a 0 where the figures give 2 or more is no rounding:
 * oom_badness() skipped the process (an mm the OOM reaper is taking apart,
 * or a vfork child that kcmp could not confirm, see sample_proc.c). On the
 * old 0..1000 scale every small process reads 0, so a 0 says nothing there
 * and nothing is marked. */
void oom_mark_kernel_skips(ProcSample *procs, size_t n, long page_kb, long long totalpages,
                           enum OomScale scale)
{
    for (size_t i = 0; i < n; i++) {
        ProcSample *p = &procs[i];
        p->flags &= ~(unsigned)PROC_KERNEL_SKIPS;
        if (scale == OOM_SCALE_2000 && score_known(p) && p->oom_score == 0 && totalpages > 0
            && oom_eligibility(p) == OOM_ELIGIBLE
            && oom_score_from_points(oom_badness_pages(p, totalpages, page_kb), totalpages,
                                     scale) >= 2)
            p->flags |= PROC_KERNEL_SKIPS;
    }
}

int oom_rank_snapshot(Snapshot *s, OomSummary *out)
{
    long long t = oom_global_totalpages(&s->mem, s->page_kb);
    enum OomScale scale = oom_detect_scale(s->procs, s->nprocs, s->page_kb, t);

    oom_mark_kernel_skips(s->procs, s->nprocs, s->page_kb, t, scale);
    return oom_rank_procs(s->procs, s->nprocs, s->page_kb, t, t, scale, s->rss_drift_pages,
                          out);
}

static bool off_prediction(const ProcSample *p)
{
    return score_known(p) && p->oom_score != p->oom_score_predicted;
}

bool oom_score_differs(const ProcSample *p)
{
    return off_prediction(p) && !(p->flags & PROC_SCORE_DRIFT);
}

bool oom_score_drifts(const ProcSample *p)
{
    return off_prediction(p) && (p->flags & PROC_SCORE_DRIFT);
}

char oom_score_mark(const ProcSample *p)
{
    return oom_score_differs(p) ? '!' : oom_score_drifts(p) ? '~' : '\0';
}

void oom_pick_victims(const ProcSample *procs, size_t n, long page_kb, long long totalpages,
                      OomVictims *out)
{
    *out = (OomVictims){ .victim = -1, .runner_up = -1 };
    for (size_t i = 0; i < n; i++) {
        const ProcSample *p = &procs[i];
        if (oom_eligibility(p) != OOM_ELIGIBLE)
            continue;
        long long pts = oom_badness_pages(p, totalpages, page_kb);
        if (out->victim < 0 || oom_picked_before(p, pts, &procs[out->victim], out->victim_pages)) {
            out->runner_up = out->victim;
            out->runner_up_pages = out->victim_pages;
            out->victim = (ptrdiff_t)i;
            out->victim_pages = pts;
        } else if (out->runner_up < 0
                   || oom_picked_before(p, pts, &procs[out->runner_up], out->runner_up_pages)) {
            out->runner_up = (ptrdiff_t)i;
            out->runner_up_pages = pts;
        }
    }
}

long long oom_frees_kb(const ProcSample *p)
{
    return nonneg(p->rss_anon_kb) + nonneg(p->vm_swap_kb) + nonneg(p->vm_pte_kb);
}
