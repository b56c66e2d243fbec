/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_badness.c - oom_badness() points, /proc/PID/oom_score on both
 * scales, eligibility, victim order and simulated protection, from the
 * reference machine's recorded figures.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "badness.h"

#define T_REF 6171024LL     /* MemTotal 24684096 kB / 4, no swap */
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A process with `pages` of RSS (kB = pages * 4), adj, and an age. */
static ProcSample proc(pid_t pid, long long pages, int adj, unsigned long long start)
{
    ProcSample p;

    memset(&p, 0, sizeof p);
    p.pid = pid;
    p.state = 'S';
    p.flags = PROC_HAS_MM | PROC_OOM_ADJ_OK;
    p.start_ticks = start;
    p.vm_rss_kb = pages * 4;
    p.rss_anon_kb = pages * 4;
    p.vm_size_kb = pages * 4 + 4096;
    p.oom_score_adj = adj;
    snprintf(p.comm, sizeof p.comm, "p%d", (int)pid);
    return p;
}

static MemInfo ref_mem(void)
{
    return (MemInfo){ .mem_total_kb = 24684096, .swap_total_kb = 0, .hugetlb_kb = 0 };
}

typedef struct ScoreCase {
    long long points;
    enum OomScale scale;
    int expect;
} ScoreCase;

/* Rows of a loaded snapshot taken on a 24 GiB swapless machine, then edges. */
static const ScoreCase score_cases[] = {
    { 6197025, OOM_SCALE_2000, 1336 },  /* 100 MB anon, adj 1000 */
    { 6190865, OOM_SCALE_2000, 1335 },  /* 100 MB anon, adj 999 */
    { 2108190, OOM_SCALE_2000, 894 },   /* 1000 MB anon, adj 300 */
    { 769895, OOM_SCALE_2000, 749 },    /* 3000 MB anon */
    { 513361, OOM_SCALE_2000, 722 },    /* 2000 MB memfd */
    { 154005, OOM_SCALE_2000, 682 },    /* 600 MB shared file map */
    { 0, OOM_SCALE_2000, 666 },
    /* RSS 1000 pages, adj -500: -3084500*1000/T = -499 (toward zero) -> 334 */
    { 1000 - 500 * 6171, OOM_SCALE_2000, 334 },
    { 1 - 999 * 6171, OOM_SCALE_2000, 1 },  /* -998.99 -> -998: adj -999 never reads 0 */
    { 6171000, OOM_SCALE_2000, 1332 },  /* adj 1000, nothing resident */
    { 769895, OOM_SCALE_UNKNOWN, 749 }, /* unknown predicts on the current scale */
    { 769895, OOM_SCALE_1000, 124 },    /* old: points * 1000 / T */
    { -3084500, OOM_SCALE_1000, 0 },    /* old: never below 1 point */
    { 6197025, OOM_SCALE_1000, 1004 },
};

static void test_score_from_points(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(score_cases); i++) {
        const ScoreCase *c = &score_cases[i];
        int got = oom_score_from_points(c->points, T_REF, c->scale);
        if (got != c->expect)
            fail_msg("points %lld scale %d: got %d, want %d", c->points, c->scale, got,
                     c->expect);
    }
}

typedef struct AdjCase {
    long long rss_kb, swap_kb, pte_kb;
    int adj;
    long long points;
    int score;
} AdjCase;

static const AdjCase adj_cases[] = {
    { 104000, 0, 100, 1000, 6197025, 1336 },        /* 26025 pages + 1000 * 6171 */
    { 4000, 0, 0, -999, 1000 - 999 * 6171, 1 },
    { 4000, 0, 0, -500, 1000 - 500 * 6171, 334 },
    { 4000, 0, 0, -1, 1000 - 6171, 666 },           /* -0.84 truncates to 0, not -1 */
    { 4000, 0, 0, 0, 1000, 666 },
    { 4000, 0, 0, 1, 7171, 667 },
    { 4000, 0, 0, 999, 1000 + 999 * 6171, 1332 },
    { 4000, 0, 0, 1000, 1000 + 1000 * 6171, 1333 },
    { 3072000, 8192, 6052, 0, 771561, 750 },        /* swap and page tables count */
    { 3, 0, 0, 0, 0, 666 },                         /* less than a page truncates */
};

static void test_badness_adj_range(void **state)
{
    (void)state;
    MemInfo m = ref_mem();
    long long t = oom_global_totalpages(&m, 4);

    assert_int_equal(t, T_REF);
    for (size_t i = 0; i < ARRAY_LEN(adj_cases); i++) {
        const AdjCase *c = &adj_cases[i];
        ProcSample p = proc(100, 0, c->adj, 1);
        p.vm_rss_kb = c->rss_kb;
        p.vm_swap_kb = c->swap_kb;
        p.vm_pte_kb = c->pte_kb;
        long long pts = oom_badness_pages(&p, t, 4);
        int score = oom_score_from_points(pts, t, OOM_SCALE_2000);
        if (pts != c->points || score != c->score)
            fail_msg("case %zu adj %d: points %lld score %d, want %lld %d", i, c->adj, pts,
                     score, c->points, c->score);
    }
}

typedef struct EligCase {
    pid_t pid;
    unsigned flags;
    char state;
    int adj;
    enum OomIneligible expect;
} EligCase;

static const EligCase elig_cases[] = {
    { 200, PROC_HAS_MM, 'S', 0, OOM_ELIGIBLE },
    { 200, PROC_HAS_MM, 'S', -999, OOM_ELIGIBLE },
    { 1, PROC_HAS_MM, 'S', 0, OOM_NOT_INIT },
    { 2, PROC_KTHREAD, 'S', 0, OOM_NOT_KTHREAD },
    { 200, PROC_ZOMBIE, 'Z', 0, OOM_NOT_NO_MM },
    { 200, 0, 'S', 0, OOM_NOT_NO_MM },
    { 200, PROC_HAS_MM, 'S', -1000, OOM_NOT_UNKILLABLE },
    { 200, PROC_HAS_MM | PROC_IN_VFORK, 'D', 500, OOM_NOT_VFORK },
};

static void test_eligibility(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(elig_cases); i++) {
        const EligCase *c = &elig_cases[i];
        ProcSample p = proc(c->pid, 1000, c->adj, 1);
        p.flags = c->flags;
        p.state = c->state;
        assert_int_equal(oom_eligibility(&p), c->expect);
        assert_true((c->expect == OOM_ELIGIBLE) == (oom_ineligible_reason(c->expect)[0] == 0));
    }
}

/* A live snapshot of such a machine, plus ineligible rows. */
static size_t fill_snapshot_33(ProcSample *v)
{
    size_t n = 0;
    v[n++] = proc(5662, 14920, 0, 500);         /* apt-get */
    v[n++] = proc(8757, 79289, 0, 900);         /* mysqld */
    v[n++] = proc(8759, 131675, 500, 1000);     /* python3 */
    v[n] = proc(1, 3000, 0, 1);                 /* init: never */
    v[n++].oom_score = 0;
    v[n] = proc(4000, 900000, -1000, 300);      /* protected */
    n++;
    v[n] = proc(2, 0, 0, 2);
    v[n++].flags = PROC_KTHREAD;
    return n;
}

static void test_rank_worked_example(void **state)
{
    (void)state;
    ProcSample v[8];
    size_t n = fill_snapshot_33(v);
    OomSummary sum;
    static const int want_rank[] = { 3, 2, 1, 0, 0, 0 };

    assert_int_equal(oom_rank_procs(v, n, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(v[i].oom_rank, want_rank[i]);
    assert_int_equal(v[2].badness_pages, 3217175);
    assert_int_equal(sum.n_eligible, 3);
    assert_int_equal(sum.victim, 2);
    assert_int_equal(sum.runner_up, 1);
    assert_int_equal(v[3].oom_score_predicted, 0);
    assert_int_equal(v[4].oom_score_predicted, 0);
}

typedef struct SimCase {
    pid_t target;
    int adj;
    pid_t victim, runner_up;
} SimCase;

static const SimCase sim_cases[] = {
    { 8759, -1000, 8757, 5662 },    /* protect python3: mysqld is next */
    { 8757, -1000, 8759, 5662 },    /* protect mysqld: changes nothing first */
    { 8759, -9, 8757, 8759 },       /* 131675 - 9 * 6171 = 76136 < 79289 */
    { 8759, -8, 8759, 8757 },       /* 82307: still first */
    { 5662, 1000, 5662, 8759 },     /* raising apt-get makes it first */
    { 4000, 0, 8759, 4000 },        /* unprotecting 900000 pages: second */
    { 4000, 400, 4000, 8759 },      /* 900000 + 400 * 6171 = 3368400 > 3217175 */
    { 1, 1000, 8759, 8757 },        /* init stays out whatever its adj */
    { 8759, 500, 8759, 8757 },      /* its own value again: as ranked */
};

/* A simulation: the adj tried, set on a copy of the rows, then picked. */
static void test_simulate_adj(void **state)
{
    (void)state;
    ProcSample v[8];
    size_t n = fill_snapshot_33(v);

    for (size_t i = 0; i < ARRAY_LEN(sim_cases); i++) {
        const SimCase *c = &sim_cases[i];
        ProcSample tried[8];
        OomVictims r;
        memcpy(tried, v, sizeof tried);
        for (size_t k = 0; k < n; k++)
            if (tried[k].pid == c->target)
                tried[k].oom_score_adj = c->adj;
        oom_pick_victims(tried, n, 4, T_REF, &r);
        assert_true(r.victim >= 0 && r.runner_up >= 0);
        if (v[r.victim].pid != c->victim || v[r.runner_up].pid != c->runner_up)
            fail_msg("adj %d on %d: got %d, %d; want %d, %d", c->adj, (int)c->target,
                     (int)v[r.victim].pid, (int)v[r.runner_up].pid, (int)c->victim,
                     (int)c->runner_up);
    }
}

/* A kernel 0 where the figures give far more is the kernel skipping the
 * process; a 0 that the figures round to is not. */
static void test_kernel_zero_that_is_no_rounding(void **state)
{
    (void)state;
    ProcSample v[4] = { proc(10, 50000, 0, 1),      /* about 672: a 0 is a skip */
                        proc(11, 40000, 0, 2),
                        proc(12, 100, -999, 3),     /* 0 or 1, by how T rounds */
                        proc(13, 100, 0, 4) };      /* 0 on the old 0..1000 scale */
    OomSummary sum;

    for (int i = 0; i < 4; i++)
        v[i].flags |= PROC_OOM_SCORE_OK;
    v[0].oom_score = 0;
    v[1].oom_score = oom_score_from_points(40000, T_REF, OOM_SCALE_2000);
    v[2].oom_score = 0;
    v[3].oom_score = oom_score_from_points(100, T_REF, OOM_SCALE_2000);
    assert_true(oom_score_from_points(oom_badness_pages(&v[2], T_REF, 4), T_REF,
                                      OOM_SCALE_2000) < 2);
    oom_mark_kernel_skips(v, 4, 4, T_REF, OOM_SCALE_2000);
    assert_int_equal(oom_rank_procs(v, 4, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum), 0);
    assert_false(v[0].oom_eligible);
    assert_int_equal(v[0].oom_rank, 0);
    assert_int_equal(oom_eligibility(&v[0]), OOM_NOT_SKIPPED);
    assert_false(oom_score_differs(&v[0]));
    assert_int_equal(v[sum.victim].pid, 11);
    assert_true(v[2].oom_eligible);
    assert_true(v[3].oom_eligible);

    /* The old scale: a small process reads 0 and is still a candidate. */
    v[3].oom_score = 0;
    v[0].oom_score = oom_score_from_points(50000, T_REF, OOM_SCALE_1000);
    oom_mark_kernel_skips(v, 4, 4, T_REF, OOM_SCALE_1000);
    assert_int_equal(oom_rank_procs(v, 4, 4, T_REF, T_REF, OOM_SCALE_1000, 0, &sum), 0);
    assert_true(v[3].oom_eligible);
    assert_true(v[0].oom_eligible);     /* the mark is renewed on every marking */
    assert_int_equal(v[sum.victim].pid, 10);
    /* On the old scale a 0 says nothing (a meminfo of its own, as in some
     * containers, may make any small process look big): never marked. */
    v[0].oom_score = 0;
    oom_mark_kernel_skips(v, 4, 4, T_REF, OOM_SCALE_1000);
    assert_false(v[0].flags & PROC_KERNEL_SKIPS);
    oom_mark_kernel_skips(v, 4, 4, T_REF, OOM_SCALE_UNKNOWN);
    assert_false(v[0].flags & PROC_KERNEL_SKIPS);
}

/* Simulating adj 0 on a protected process (kernel 0, adj -1000) must rank
 * it: its 0 came from the adj, and the mark is the live snapshot's. */
static void test_simulated_unprotect_is_ranked(void **state)
{
    (void)state;
    ProcSample v[2] = { proc(20, 90000, -1000, 1), proc(21, 40000, 0, 2) };
    OomSummary sum;

    v[0].flags |= PROC_OOM_SCORE_OK;
    v[0].oom_score = 0;
    v[1].flags |= PROC_OOM_SCORE_OK;
    v[1].oom_score = oom_score_from_points(40000, T_REF, OOM_SCALE_2000);
    oom_mark_kernel_skips(v, 2, 4, T_REF, OOM_SCALE_2000);
    assert_false(v[0].flags & PROC_KERNEL_SKIPS);
    v[0].oom_score_adj = 0;             /* what the what-if rows do */
    assert_int_equal(oom_rank_procs(v, 2, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum), 0);
    assert_true(v[0].oom_eligible);
    assert_int_equal(v[sum.victim].pid, 20);
}

/* All adj 0 in the loaded set: protecting the 3000 MB process makes the
 * memfd holder next (§3.3). */
static void test_protect_loaded_set(void **state)
{
    (void)state;
    ProcSample v[4] = { proc(3867, 769895, 0, 10), proc(3869, 513361, 0, 12),
                        proc(3873, 385139, 0, 16), proc(3875, 154005, 0, 18) };
    OomSummary sum;
    OomVictims r;

    assert_int_equal(oom_rank_procs(v, 4, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum), 0);
    assert_int_equal(v[sum.victim].pid, 3867);
    v[0].oom_score_adj = -1000;      /* protect 3867 */
    oom_pick_victims(v, 4, 4, T_REF, &r);
    assert_int_equal(v[r.victim].pid, 3869);
    assert_int_equal(v[r.runner_up].pid, 3873);
    assert_int_equal(r.victim_pages, 513361);
}

typedef struct TieCase {
    long long pages_a;
    unsigned long long start_a;
    pid_t pid_a;
    long long pages_b;
    unsigned long long start_b;
    pid_t pid_b;
    pid_t first;
} TieCase;

static const TieCase tie_cases[] = {
    { 1000, 50, 300, 1000, 60, 200, 200 },  /* equal points: the newer one */
    { 1000, 60, 300, 1000, 50, 200, 300 },
    { 1000, 50, 300, 1000, 50, 200, 300 },  /* same tick: the larger pid */
    { 1001, 10, 300, 1000, 60, 400, 300 },  /* one page more beats age */
};

static void test_tie_breaks(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(tie_cases); i++) {
        const TieCase *c = &tie_cases[i];
        ProcSample v[2] = { proc(c->pid_a, c->pages_a, 0, c->start_a),
                            proc(c->pid_b, c->pages_b, 0, c->start_b) };
        OomSummary sum;
        assert_int_equal(oom_rank_procs(v, 2, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum), 0);
        assert_int_equal(v[sum.victim].pid, c->first);
        assert_int_equal(v[sum.victim].oom_rank, 1);
        assert_int_equal(v[sum.runner_up].oom_rank, 2);
    }
}

/* A hypothetical 4 GiB memory.max, no swap: the adj unit shrinks to 1048
 * pages and the 3 GB adj-0 process overtakes the 1 GB adj-300 one (§3.3). */
static void test_memcg_rank_flip(void **state)
{
    (void)state;
    MemInfo m = ref_mem();
    ProcSample v[2] = { proc(3867, 769895, 0, 10), proc(3868, 256890, 300, 11) };
    OomSummary sum;
    long long t = oom_memcg_totalpages(4194304, 0, &m, 4);

    assert_int_equal(t, 1048576);
    assert_int_equal(oom_rank_procs(v, 2, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum), 0);
    assert_int_equal(v[sum.victim].pid, 3868);
    assert_int_equal(v[1].badness_pages, 2108190);
    assert_int_equal(oom_rank_procs(v, 2, 4, t, T_REF, OOM_SCALE_2000, 0, &sum), 0);
    assert_int_equal(v[sum.victim].pid, 3867);
    assert_int_equal(v[1].badness_pages, 571290);
    /* The predicted oom_score stays the kernel's global one. */
    assert_int_equal(v[1].oom_score_predicted, 894);
    /* Swap the group may use is capped by SwapTotal; a zero domain is 1. */
    m.swap_total_kb = 1048576;
    assert_int_equal(oom_memcg_totalpages(4194304, 8388608, &m, 4), 1048576 + 262144);
    assert_int_equal(oom_memcg_totalpages(4194304, 4096, &m, 4), 1048576 + 1024);
    assert_int_equal(oom_memcg_totalpages(0, 0, &m, 4), 1);
}

static void set_kernel_scores(ProcSample *v, size_t n, enum OomScale scale)
{
    for (size_t i = 0; i < n; i++) {
        v[i].flags |= PROC_OOM_SCORE_OK;
        v[i].oom_score = oom_eligibility(&v[i]) != OOM_ELIGIBLE
                             ? 0 : oom_score_from_points(oom_badness_pages(&v[i], T_REF, 4),
                                                         T_REF, scale);
    }
}

static void test_detect_scale_and_flag(void **state)
{
    (void)state;
    ProcSample v[8];
    size_t n = fill_snapshot_33(v);
    OomSummary sum;

    assert_int_equal(oom_detect_scale(v, n, 4, T_REF), OOM_SCALE_UNKNOWN);
    set_kernel_scores(v, n, OOM_SCALE_1000);
    assert_int_equal(oom_detect_scale(v, n, 4, T_REF), OOM_SCALE_1000);
    set_kernel_scores(v, n, OOM_SCALE_2000);
    assert_int_equal(oom_detect_scale(v, n, 4, T_REF), OOM_SCALE_2000);

    oom_rank_procs(v, n, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum);
    assert_int_equal(sum.n_score_checked, n);
    assert_int_equal(sum.n_score_differs, 0);
    /* A kernel value we do not reproduce is flagged, and kept. */
    v[1].oom_score += 1;
    oom_rank_procs(v, n, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum);
    assert_int_equal(sum.n_score_differs, 1);
    assert_true(oom_score_differs(&v[1]));
    assert_false(oom_score_differs(&v[0]));
    assert_int_equal(v[1].oom_score, 674 + 1);
    assert_int_equal(v[1].oom_score_predicted, 674);
    /* An unread kernel score is never "different". */
    v[1].flags &= ~(unsigned)PROC_OOM_SCORE_OK;
    assert_false(oom_score_differs(&v[1]));
}

/* oom_badness() reads the per-CPU RSS counters without summing them, so the
 * kernel may score a process as if it had up to the drift fewer or more
 * pages. adj 187 puts 1153977 pages of adj term just under the step to
 * 1154082 (187 * T / 1000): with 100 pages of RSS the exact figures give
 * 791, 256 pages fewer give 790. */
static void test_drift_explains_a_step(void **state)
{
    (void)state;
    ProcSample v[1] = { proc(100, 100, 187, 1) };
    Snapshot s = { .page_kb = 4, .mem = ref_mem(), .procs = v, .nprocs = 1 };
    OomSummary sum;

    v[0].flags |= PROC_OOM_SCORE_OK;
    v[0].oom_score = 790;
    oom_rank_procs(v, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum);
    assert_int_equal(v[0].oom_score_predicted, 791);
    assert_true(oom_score_differs(&v[0]));
    assert_false(oom_score_drifts(&v[0]));
    assert_int_equal(oom_score_mark(&v[0]), '!');
    /* 50 pages do not reach the step: still a difference */
    oom_rank_procs(v, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 50, &sum);
    assert_true(oom_score_differs(&v[0]));
    assert_int_equal(sum.n_score_differs, 1);
    /* 256 pages (2 CPUs) do */
    oom_rank_procs(v, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 256, &sum);
    assert_false(oom_score_differs(&v[0]));
    assert_true(oom_score_drifts(&v[0]));
    assert_int_equal(oom_score_mark(&v[0]), '~');
    assert_int_equal(sum.n_score_differs, 0);
    assert_int_equal(sum.n_score_checked, 1);
    /* two steps off is more than the drift explains */
    v[0].oom_score = 789;
    oom_rank_procs(v, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 256, &sum);
    assert_true(oom_score_differs(&v[0]));
    assert_false(oom_score_drifts(&v[0]));
    /* the mark belongs to the ranking: a simulated adj far off clears it */
    v[0].oom_score = 790;
    oom_rank_procs(v, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 256, &sum);
    assert_true(oom_score_drifts(&v[0]));
    v[0].oom_score_adj = 500;
    oom_rank_procs(v, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 256, &sum);
    assert_true(oom_score_differs(&v[0]));
    assert_false(oom_score_drifts(&v[0]));
    /* the snapshot carries the sampler's drift */
    v[0].oom_score_adj = 187;
    s.rss_drift_pages = 256;
    assert_int_equal(oom_rank_snapshot(&s, &sum), 0);
    assert_true(oom_score_drifts(&v[0]));
    /* the same score: no mark */
    v[0].oom_score = 791;
    assert_int_equal(oom_rank_snapshot(&s, &sum), 0);
    assert_int_equal(oom_score_mark(&v[0]), '\0');
}

/* Only where status sums the per-CPU counters and the OOM killer does not
 * (6.16 on); the batch is max(32, 2 x CPUs), on four counters. */
static void test_rss_drift_pages(void **state)
{
    (void)state;
    assert_int_equal(oom_rss_drift_pages(6, 15, 2), 0);
    assert_int_equal(oom_rss_drift_pages(5, 19, 64), 0);
    assert_int_equal(oom_rss_drift_pages(6, 16, 2), 4 * 32 * 2);
    assert_int_equal(oom_rss_drift_pages(6, 18, 16), 4 * 32 * 16);
    assert_int_equal(oom_rss_drift_pages(6, 18, 64), 4 * 128 * 64);
    assert_int_equal(oom_rss_drift_pages(7, 0, 2), 256);
    assert_int_equal(oom_rss_drift_pages(6, 18, 0), 0);
}

static void test_rank_snapshot(void **state)
{
    (void)state;
    ProcSample v[8];
    Snapshot s = { .page_kb = 4, .mem = ref_mem(), .procs = v };
    OomSummary sum;

    s.nprocs = fill_snapshot_33(v);
    set_kernel_scores(v, s.nprocs, OOM_SCALE_2000);
    assert_int_equal(oom_rank_snapshot(&s, &sum), 0);
    assert_int_equal(sum.scale, OOM_SCALE_2000);
    assert_int_equal(sum.totalpages, T_REF);
    assert_int_equal(v[sum.victim].pid, 8759);
    assert_int_equal(v[2].oom_score_predicted, 1014);
    assert_int_equal(oom_frees_kb(&v[2]), 131675 * 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_from_points),
        cmocka_unit_test(test_badness_adj_range),
        cmocka_unit_test(test_eligibility),
        cmocka_unit_test(test_rank_worked_example),
        cmocka_unit_test(test_simulate_adj),
        cmocka_unit_test(test_kernel_zero_that_is_no_rounding),
        cmocka_unit_test(test_simulated_unprotect_is_ranked),
        cmocka_unit_test(test_protect_loaded_set),
        cmocka_unit_test(test_tie_breaks),
        cmocka_unit_test(test_memcg_rank_flip),
        cmocka_unit_test(test_detect_scale_and_flag),
        cmocka_unit_test(test_drift_explains_a_step),
        cmocka_unit_test(test_rss_drift_pages),
        cmocka_unit_test(test_rank_snapshot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
