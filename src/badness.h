/* SPDX-License-Identifier: GPL-2.0-or-later
 * badness.h - the OOM victim predictor: the kernel's oom_badness() points,
 * the /proc/PID/oom_score they produce, and the order the OOM killer would
 * pick victims in. Pure: works on ProcSample rows, writes nothing anywhere.
 */
#ifndef OOMTOP_BADNESS_H
#define OOMTOP_BADNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* Which formula turns points into /proc/PID/oom_score. */
enum OomScale {
    OOM_SCALE_UNKNOWN = 0,  /* no kernel score to compare with yet */
    OOM_SCALE_1000,         /* before 5.9: max(points,1) * 1000 / T */
    OOM_SCALE_2000,         /* 5.9 on (and backports): (1000 + points*1000/T) * 2/3 */
};

/* Why the OOM killer would never pick a process. */
enum OomIneligible {
    OOM_ELIGIBLE = 0,
    OOM_NOT_INIT,           /* pid 1 */
    OOM_NOT_KTHREAD,
    OOM_NOT_NO_MM,          /* zombie or exited: nothing to free */
    OOM_NOT_UNKILLABLE,     /* oom_score_adj -1000 */
    OOM_NOT_VFORK,          /* vfork child: shares its parent's mm */
    OOM_NOT_SKIPPED,        /* the kernel's 0 says oom_badness() skips it */
};

/* Pages of the global OOM domain, T = MemTotal/P + SwapTotal/P, which is
 * also what /proc/PID/oom_score uses. VALUE_MISSING if unknown. */
long long oom_global_totalpages(const MemInfo *m, long page_kb);

/* Pages of a memory-cgroup OOM domain: limit_kb/P plus the swap the group
 * may use (v2 memory.swap.max, v1 memsw limit minus limit; pass 0 when
 * swappiness is 0), capped by SwapTotal. 0 becomes 1 as in the kernel. */
long long oom_memcg_totalpages(long long limit_kb, long long swap_allowed_kb,
                               const MemInfo *m, long page_kb);

/* The kernel's eligibility test, from the sampled flags and adj. */
enum OomIneligible oom_eligibility(const ProcSample *p);

/* A short lower-case phrase for an ineligible reason ("kernel thread",
 * "oom_score_adj -1000", ...); "" for OOM_ELIGIBLE. */
const char *oom_ineligible_reason(enum OomIneligible why);

/* The adj term in pages: adj * (totalpages / 1000), the division first. */
long long oom_adj_term_pages(int adj, long long totalpages);

/* Memory part of the points in pages: (VmRSS + VmSwap + VmPTE) / page_kb. */
long long oom_mem_pages(const ProcSample *p, long page_kb);

/* oom_badness() points for p in a domain of `totalpages`, without the
 * eligibility test: memory pages + adj term. May be negative. */
long long oom_badness_pages(const ProcSample *p, long long totalpages, long page_kb);

/* /proc/PID/oom_score an eligible process with `points` shows, given the
 * global totalpages. UNKNOWN predicts on the current (0-2000) scale. */
int oom_score_from_points(long long points, long long totalpages, enum OomScale scale);

/* The lowest and highest oom_score a process with `points` may read when
 * the kernel counts up to drift_pages fewer or more pages (the score never
 * decreases with points). */
void oom_score_span(long long points, long long drift_pages, long long totalpages,
                    enum OomScale scale, int *lo, int *hi);

/* How far oom_badness() may see a process's memory from the exact figures
 * of /proc/PID/status, in pages, on kernel major.minor with online_cpus
 * CPUs. Since 6.16 status sums the per-CPU RSS counters exactly, while
 * oom_badness() reads them without summing: it misses what the CPUs have
 * not folded in, less than the batch, max(32, 2 x online CPUs), per online
 * CPU on each of its four counters (file, anon and shmem pages, swap
 * entries). Before 6.16 both read the same value: 0. */
long long oom_rss_drift_pages(int major, int minor, long online_cpus);

/* What follows an OOM value on screen: '!' where the kernel's score is not
 * the predicted one (oom_score_differs), '~' where the drift explains it
 * (oom_score_drifts), else '\0'. */
char oom_score_mark(const ProcSample *p);

/* True when a process with points pa is picked before one with points pb:
 * more points, or equal points and newer (larger start_ticks, then larger
 * pid), because the kernel keeps the last of equal candidates it scans. */
bool oom_picked_before(const ProcSample *a, long long pa, const ProcSample *b, long long pb);

/* Scale of the kernel's oom_score, decided from the data: the formula that
 * reproduces more of the kernel's scores of eligible adj-0 processes (all
 * eligible ones if none has adj 0). UNKNOWN if no score could be compared. */
enum OomScale oom_detect_scale(const ProcSample *procs, size_t n, long page_kb,
                               long long global_totalpages);

/* What one ranking pass found. Indices are into the ranked array, -1 if none. */
typedef struct OomSummary {
    long long totalpages;           /* domain the ranks are for */
    long long global_totalpages;    /* what oom_score uses */
    enum OomScale scale;
    size_t n_eligible;
    ptrdiff_t victim;               /* rank 1: the next OOM victim */
    ptrdiff_t runner_up;            /* rank 2 */
    size_t n_score_checked;         /* rows with a kernel oom_score */
    size_t n_score_differs;         /* of those, off the prediction by more than
                                       the drift */
} OomSummary;

/* Fills badness_pages, oom_eligible, oom_rank (1 = next victim, 0 = not
 * eligible) and oom_score_predicted of every row. Ranks and points use the
 * domain `totalpages` (global, or a memcg's for a cgroup-scoped array);
 * oom_score_predicted always uses global_totalpages so that it compares with
 * the kernel's file, and is 0 where not eligible. A kernel score that the
 * prediction at points - drift_pages .. points + drift_pages covers is
 * marked PROC_SCORE_DRIFT: oom_badness() reads the per-CPU RSS counters
 * without summing them, so it may see up to that many pages fewer or more
 * than /proc's exact figures (0: no drift). Returns 0, or -1 if memory
 * for the sort could not be had (rows then keep rank 0). The sort buffer is
 * kept for the next call, so a warm refresh allocates nothing; not for use
 * from two threads at once. */
int oom_rank_procs(ProcSample *procs, size_t n, long page_kb, long long totalpages,
                   long long global_totalpages, enum OomScale scale, long long drift_pages,
                   OomSummary *out);

/* Marks PROC_KERNEL_SKIPS on every process whose kernel oom_score is 0
 * although its figures give 2 or more: oom_badness() skipped it (an mm
 * being reaped, or a vfork child kcmp could not confirm). The mark belongs
 * to the adj the score was read with, so it is made on the live snapshot
 * only; simulations of another adj keep it as it is. */
void oom_mark_kernel_skips(ProcSample *procs, size_t n, long page_kb, long long totalpages,
                           enum OomScale scale);

/* oom_mark_kernel_skips() and oom_rank_procs() over a whole snapshot in the
 * global domain, the scale detected from the snapshot itself. */
int oom_rank_snapshot(Snapshot *s, OomSummary *out);

/* After ranking: the kernel's oom_score was read and is not the predicted
 * one, by more than the drift of the kernel's RSS counters explains (a
 * race, or a kernel formula we do not model). Show the kernel's value and
 * flag the row; never replace it. */
bool oom_score_differs(const ProcSample *p);

/* After ranking: the kernel's oom_score is not the predicted one, by no
 * more than the drift of its RSS counters (PROC_SCORE_DRIFT). */
bool oom_score_drifts(const ProcSample *p);

/* The two processes the OOM killer would pick first. */
typedef struct OomVictims {
    ptrdiff_t victim;               /* index, -1 if nobody is eligible */
    ptrdiff_t runner_up;            /* index, -1 if none */
    long long victim_pages;
    long long runner_up_pages;
} OomVictims;

/* Who the OOM killer would pick first and second among the rows as they
 * are (a simulation sets the adj it tries on a copy first, with the mm
 * peers the kernel changes too: mmpeers_find()). One pass, no sort. */
void oom_pick_victims(const ProcSample *procs, size_t n, long page_kb, long long totalpages,
                      OomVictims *out);

/* Roughly what killing p gives back: anonymous RSS + swap + page tables
 * (file pages stay in the page cache, shmem/tmpfs outlives the process). */
long long oom_frees_kb(const ProcSample *p);

#endif
