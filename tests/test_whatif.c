/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_whatif.c - the overcommit simulator against the worked examples of
 * a 24 GiB swapless machine (figures measured on one), the mode-0 boundary,
 * the explain-panel arithmetic and the sentences built from them.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "whatif.h"

#define M VALUE_MISSING
#define U WHATIF_UNLIMITED
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define T_REF 6171024LL
#define IDLE_KB 66160           /* Committed_AS, idle: 16540 pages */
#define LOADED_KB 9720696       /* Committed_AS, loaded: 2430174 pages */

/* The reference machine: 24 GiB, no swap, no hugetlb, reserves as booted. */
static MemInfo ref_mem(long long committed_kb)
{
    return (MemInfo){ .mem_total_kb = 24684096, .swap_total_kb = 0, .hugetlb_kb = 0,
                      .committed_as_kb = committed_kb };
}

static VmPolicy ref_policy(long long mode)
{
    return (VmPolicy){ .overcommit_memory = mode, .overcommit_ratio = 50,
                       .overcommit_kbytes = 0, .admin_reserve_kbytes = 8192,
                       .user_reserve_kbytes = 100409 };
}

typedef struct CommitCase {
    const char *what;
    long long mode, ratio, kbytes, swap_kb, hugetlb_kb, committed_kb;
    long long limit_kb, headroom_kb, largest_kb;
    bool fail;
    long long short_by_kb;
} CommitCase;

static const CommitCase commit_cases[] = {
    /* 3085512 - 2048 - 16540 = 3066924 pages of headroom; minus the full
     * user reserve 25102 and one page (strict <): 3041821 pages */
    { "idle, mode 2", 2, 50, 0, 0, 0, IDLE_KB, 12342048, 12267696, 12167284, false, 0 },
    { "loaded, mode 2", 2, 50, 0, 0, 0, LOADED_KB, 12342048, 2613160, 2512748, false, 0 },
    /* limit 0: deficit 18588 pages; 43692 pages to drop before one page fits */
    { "ratio 0, no swap", 2, 0, 0, 0, 0, IDLE_KB, 0, -74352, 0, true, 174768 },
    { "ratio 150", 2, 150, 0, 0, 0, LOADED_KB, 37026144, 27297256, 27196844, false, 0 },
    { "kbytes 16 GiB", 2, 0, 16777216, 0, 0, LOADED_KB, 16777216, 7048328, 6947916, false, 0 },
    { "2 GiB hugetlb pool", 2, 50, 0, 0, 2097152, LOADED_KB, 11293472, 1564584, 1464172, false,
      0 },
    { "8 GiB swap", 2, 50, 0, 8388608, 0, LOADED_KB, 20730656, 11001768, 10901356, false, 0 },
    /* committed + 1 < allowed decides: one page short, then one page that fits */
    { "one page short", 2, 50, 0, 0, 0, (3085512LL - 2048 - 25102 - 1) * 4, 12342048, 100412, 0,
      true, 4 },
    { "one page fits", 2, 50, 0, 0, 0, (3085512LL - 2048 - 25102 - 2) * 4, 12342048, 100416, 4,
      false, 0 },
    /* mode 0: RAM + swap pages, whatever is committed; the limit is only shown */
    { "mode 0", 0, 50, 0, 0, 0, LOADED_KB, 12342048, M, 24684096, false, 0 },
    { "mode 0 with swap", 0, 50, 0, 8388608, 0, LOADED_KB, 20730656, M, 33072704, false, 0 },
    { "mode 1", 1, 50, 0, 0, 0, LOADED_KB, 12342048, M, U, false, 0 },
    { "mode unknown", M, 50, 0, 0, 0, LOADED_KB, 12342048, M, M, false, 0 },
};

static void test_commit_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(commit_cases); i++) {
        const CommitCase *c = &commit_cases[i];
        MemInfo m = ref_mem(c->committed_kb);
        VmPolicy p = ref_policy(c->mode);
        WhatIfCommit w;
        m.swap_total_kb = c->swap_kb;
        m.hugetlb_kb = c->hugetlb_kb;
        p.overcommit_ratio = c->ratio;
        p.overcommit_kbytes = c->kbytes;
        whatif_commit(&m, &p, 4, M, &w);
        if (w.commit_limit_kb != c->limit_kb || w.headroom_kb != c->headroom_kb
            || w.largest_allocation_kb != c->largest_kb || w.allocations_fail != c->fail
            || w.short_by_kb != c->short_by_kb)
            fail_msg("%s: limit %lld headroom %lld largest %lld fail %d short %lld", c->what,
                     w.commit_limit_kb, w.headroom_kb, w.largest_allocation_kb,
                     w.allocations_fail, w.short_by_kb);
        assert_int_equal(w.committed_as_kb, c->committed_kb);
        assert_true(w.enforced == (c->mode == 2));
        assert_true(w.unlimited == (c->mode == 1));
    }
}

static void test_commit_missing_reserves(void **state)
{
    (void)state;
    MemInfo m = ref_mem(LOADED_KB);
    VmPolicy p = ref_policy(2);
    WhatIfCommit w;

    p.admin_reserve_kbytes = M;
    whatif_commit(&m, &p, 4, 1234, &w);
    assert_int_equal(w.headroom_kb, M);
    assert_int_equal(w.largest_allocation_kb, M);
    assert_int_equal(w.commit_limit_kb, 12342048);
    assert_int_equal(w.noreserve_gap_kb, 1234);
    assert_float_equal(w.percent, 78.7608, 0.0001);
}

typedef struct ProcCase {
    const char *what;
    long long mode, ratio, committed_kb;
    long long vm_size_kb;
    int cap_admin;              /* -1: no smaps at all */
    long long fork_cost_kb, fork_largest_kb, grow_kb;
    long long reserve_kb, room_kb;
    enum WhatIfAnswer fork, grow;
    long long short_kb;
} ProcCase;

#define Y WHATIF_YES
#define N WHATIF_NO
#define Q WHATIF_UNKNOWN

static const ProcCase proc_cases[] = {
    /* bash, VmSize 5124 kB -> 1281 pages -> reserve 40: 3068931 pages (11.71 GiB) */
    { "idle bash, root", 2, 50, IDLE_KB, 5124, 1, 1024, 1024, 0, 160, 12275724, Y, Y, 0 },
    /* without CAP_SYS_ADMIN the admin reserve goes too: 3066883 pages */
    { "idle bash, user", 2, 50, IDLE_KB, 5124, 0, 1024, 1024, 0, 8352, 12267532, Y, Y, 0 },
    { "idle bash, smaps refused", 2, 50, IDLE_KB, 5124, -1, 0, 0, 0, 8352, 12267532, Q, Y, 0 },
    /* 3 GB process: VmSize 3074476 kB -> reserve 24019 pages; headroom
     * 631318 pages; its fork needs 768096 pages -> refused */
    { "3 GB fork, root", 2, 50, LOADED_KB, 3074476, 1, 3072384, 3072000, 2097152, 96076, 2525272,
      N, Y, 547112 },
    { "3 GB fork, user", 2, 50, LOADED_KB, 3074476, 0, 3072384, 3072000, 0, 104268, 2517080, N,
      Y, 555304 },
    { "grow by the whole room", 2, 50, LOADED_KB, 3074476, 1, 0, 0, 2525272, 96076, 2525272, Y, Y,
      0 },
    { "grow one KiB more", 2, 50, LOADED_KB, 3074476, 1, 0, 0, 2525273, 96076, 2525272, Y, N, 0 },
    /* nothing to re-charge: fork passes even in deficit */
    { "fork without ac, deficit", 2, 0, IDLE_KB, 5124, 0, 0, 0, 4, 8352, 0, Y, N, 0 },
    /* mode 0: 6171024 pages pass, 6171025 do not (kB rounded up to pages) */
    { "mode 0 boundary ok", 0, 50, LOADED_KB, 3074476, 0, 3072384, 3072000, 24684096, 0,
      24684096, Y, Y, 0 },
    { "mode 0 boundary + 1 KiB", 0, 50, LOADED_KB, 3074476, 0, 3072384, 3072000, 24684097, 0,
      24684096, Y, N, 0 },
    { "mode 0, one VMA too big to fork", 0, 50, LOADED_KB, 30000000, 0, 24684100, 24684100, 0, 0,
      24684096, N, Y, 0 },
    { "mode 1", 1, 50, LOADED_KB, 3074476, -1, 0, 0, 999999999, 0, U, Y, Y, 0 },
};

static void test_proc_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(proc_cases); i++) {
        const ProcCase *c = &proc_cases[i];
        MemInfo m = ref_mem(c->committed_kb);
        VmPolicy p = ref_policy(c->mode);
        ProcSample ps = { .pid = 100, .flags = PROC_HAS_MM, .vm_size_kb = c->vm_size_kb };
        SmapsSums sm = { .readable = true, .committed_kb = c->fork_cost_kb,
                         .fork_cost_kb = c->fork_cost_kb, .fork_largest_kb = c->fork_largest_kb,
                         .cap_sys_admin = c->cap_admin };
        WhatIfCommit w;
        WhatIfProc r;
        p.overcommit_ratio = c->ratio;
        whatif_commit(&m, &p, 4, M, &w);
        whatif_proc(&w, &ps, c->cap_admin < 0 ? NULL : &sm, c->grow_kb, &r);
        if (r.reserve_kb != c->reserve_kb || r.room_kb != c->room_kb || r.can_fork != c->fork
            || r.can_grow != c->grow || r.fork_short_by_kb != c->short_kb)
            fail_msg("%s: reserve %lld room %lld fork %d grow %d short %lld", c->what,
                     r.reserve_kb, r.room_kb, r.can_fork, r.can_grow, r.fork_short_by_kb);
        assert_int_equal(r.fork_cost_kb, c->cap_admin < 0 ? M : c->fork_cost_kb);
    }
}

static void test_proc_without_mm(void **state)
{
    (void)state;
    MemInfo m = ref_mem(IDLE_KB);
    VmPolicy p = ref_policy(2);
    ProcSample kt = { .pid = 2, .flags = PROC_KTHREAD };
    SmapsSums unread = { .readable = false, .error = 13, .fork_cost_kb = M, .noreserve_kb = M };
    WhatIfCommit w;
    WhatIfProc r;

    whatif_commit(&m, &p, 4, M, &w);
    whatif_proc(&w, &kt, NULL, 4096, &r);
    assert_int_equal(r.can_fork, WHATIF_UNKNOWN);
    assert_int_equal(r.can_grow, WHATIF_UNKNOWN);
    kt.flags = PROC_HAS_MM;
    whatif_proc(&w, &kt, &unread, 4096, &r);
    assert_int_equal(r.can_fork, WHATIF_UNKNOWN);
    assert_int_equal(r.can_grow, WHATIF_YES);
    assert_int_equal(r.noreserve_kb, M);
}

static ProcSample proc(pid_t pid, long long pages, int adj, unsigned long long start)
{
    ProcSample p;

    memset(&p, 0, sizeof p);
    p.pid = pid;
    p.state = 'S';
    p.flags = PROC_HAS_MM | PROC_OOM_ADJ_OK;
    p.start_ticks = start;
    p.vm_rss_kb = p.rss_anon_kb = pages * 4;
    p.oom_score_adj = adj;
    return p;
}

/* a measured snapshot: python3 (adj 500), mysqld, apt-get, plus a
 * protected process and init. */
static size_t fill(ProcSample *v, OomSummary *sum)
{
    size_t n = 0;
    v[n++] = proc(5662, 14920, 0, 500);
    v[n++] = proc(8757, 79289, 0, 900);
    v[n++] = proc(8759, 131675, 500, 1000);
    v[n++] = proc(4000, 900000, -1000, 300);
    v[n++] = proc(1, 3000, 0, 1);
    assert_int_equal(oom_rank_procs(v, n, 4, T_REF, T_REF, OOM_SCALE_2000, 0, sum), 0);
    return n;
}

typedef struct ExplainCase {
    size_t index;
    enum OomIneligible why;
    int rank;
    long long badness, grow_kb;
    bool safe_known;
    int safe_adj;
} ExplainCase;

static const ExplainCase explain_cases[] = {
    /* apt-get: (3217175 - 14920 + 1) pages to overtake the newer python3;
     * adj 518 keeps it behind (14920 + 518 * 6171 = 3211498) */
    { 0, OOM_ELIGIBLE, 3, 14920, 12809024, true, 518 },
    /* mysqld: 79289 + 508 * 6171 = 3214157 < 3217175 < 79289 + 509 * 6171 */
    { 1, OOM_ELIGIBLE, 2, 79289, 12551548, true, 508 },
    /* python3: must fall below mysqld; it is newer, so a tie is not enough:
     * 131675 - 9 * 6171 = 76136 < 79289 < 131675 - 8 * 6171 */
    { 2, OOM_ELIGIBLE, 1, 3217175, 0, true, -9 },
    /* protected: never picked, but adj up to 375 would keep it behind python3 */
    { 3, OOM_NOT_UNKILLABLE, 0, 900000 - 6171000, M, true, 375 },
    { 4, OOM_NOT_INIT, 0, 3000, M, false, 0 },
};

static void test_explain_table(void **state)
{
    (void)state;
    ProcSample v[5];
    OomSummary sum;
    size_t n = fill(v, &sum);
    SmapsSums sm = { .readable = true, .committed_kb = 528000, .fork_cost_kb = 527000 };

    for (size_t i = 0; i < ARRAY_LEN(explain_cases); i++) {
        const ExplainCase *c = &explain_cases[i];
        OomExplain e;
        whatif_explain(v, n, c->index, 4, &sum, i == 2 ? &sm : NULL, &e);
        if (e.why != c->why || e.rank != c->rank || e.badness_pages != c->badness
            || e.grow_to_victim_kb != c->grow_kb || e.safe_adj_known != c->safe_known
            || (c->safe_known && e.safe_adj != c->safe_adj))
            fail_msg("row %zu: why %d rank %d points %lld grow %lld safe %d/%d", c->index, e.why,
                     e.rank, e.badness_pages, e.grow_to_victim_kb, e.safe_adj_known, e.safe_adj);
        assert_int_equal(e.adj_unit_pages, 6171);
        assert_int_equal(e.n_eligible, 3);
        assert_int_equal(e.score_kernel, -1);
    }
    OomExplain e;
    whatif_explain(v, n, 2, 4, &sum, &sm, &e);
    assert_int_equal(e.mem_pages, 131675);
    assert_int_equal(e.adj_term_pages, 3085500);
    assert_int_equal(e.score_predicted, 1014);
    assert_int_equal(e.committed_kb, 528000);
    assert_int_equal(e.fork_cost_kb, 527000);
    whatif_explain(v, n, 1, 4, &sum, NULL, &e);
    assert_int_equal(e.committed_kb, M);
}

static void test_explain_edges(void **state)
{
    (void)state;
    ProcSample one = proc(300, 1000, 0, 5);
    ProcSample two[2] = { proc(10, 100, 0, 1), proc(11, 50, 0, 2) };
    OomSummary sum;
    OomExplain e;

    /* The kernel's score one step under the prediction: within a drift of
     * 256 pages (test_badness has the arithmetic), named as such; a
     * simulated adj is named first, as the kernel read the live one. */
    ProcSample near = proc(100, 100, 187, 1);
    near.flags |= PROC_OOM_SCORE_OK;
    near.oom_score = 790;
    oom_rank_procs(&near, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 256, &sum);
    whatif_explain(&near, 1, 0, 4, &sum, NULL, &e);
    assert_true(e.score_drifts);
    assert_false(e.score_differs);
    assert_int_equal(whatif_score_verdict(&e, false), SCORE_DRIFT);
    assert_int_equal(whatif_score_verdict(&e, true), SCORE_SIMULATED);
    oom_rank_procs(&near, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum);
    whatif_explain(&near, 1, 0, 4, &sum, NULL, &e);
    assert_int_equal(whatif_score_verdict(&e, false), SCORE_DIFFERENT);
    near.oom_score = 791;
    oom_rank_procs(&near, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum);
    whatif_explain(&near, 1, 0, 4, &sum, NULL, &e);
    assert_int_equal(whatif_score_verdict(&e, true), SCORE_SAME);
    near.flags &= ~(unsigned)PROC_OOM_SCORE_OK;
    whatif_explain(&near, 1, 0, 4, &sum, NULL, &e);
    assert_int_equal(whatif_score_verdict(&e, false), SCORE_UNREAD);

    /* Alone: any adj above -1000 leaves it the victim. */
    oom_rank_procs(&one, 1, 4, T_REF, T_REF, OOM_SCALE_2000, 0, &sum);
    whatif_explain(&one, 1, 0, 4, &sum, NULL, &e);
    assert_int_equal(e.safe_adj, -1000);
    assert_int_equal(e.grow_to_victim_kb, 0);
    /* A domain under 1000 pages: adj has no weight except -1000. */
    oom_rank_procs(two, 2, 4, 500, 500, OOM_SCALE_2000, 0, &sum);
    whatif_explain(two, 2, 1, 4, &sum, NULL, &e);
    assert_int_equal(e.safe_adj, 1000);
    assert_int_equal(e.grow_to_victim_kb, 50 * 4);    /* newer: a tie is enough */
    whatif_explain(two, 2, 0, 4, &sum, NULL, &e);
    assert_int_equal(e.safe_adj, -1000);
}

static void test_policy_setters(void **state)
{
    (void)state;
    VmPolicy p = ref_policy(0);

    assert_int_equal(whatif_set_kbytes(&p, 16777216), 0);
    assert_int_equal(p.overcommit_ratio, 0);
    assert_int_equal(whatif_set_ratio(&p, 80), 0);
    assert_int_equal(p.overcommit_kbytes, 0);
    assert_int_equal(p.overcommit_ratio, 80);
    assert_int_equal(whatif_set_ratio(&p, -5), -1);
    assert_int_equal(whatif_set_kbytes(&p, -1), -1);
    assert_int_equal(whatif_set_mode(&p, 3), -1);
    assert_int_equal(whatif_set_mode(&p, -1), -1);
    assert_int_equal(p.overcommit_memory, 0);
    assert_int_equal(whatif_set_mode(&p, 2), 0);
    assert_int_equal(p.overcommit_memory, 2);
    assert_int_equal(p.overcommit_ratio, 80);
}

typedef struct BannerCase {
    long long sim_mode, sim_ratio, sim_kbytes, live_mode;
    const char *expect;
} BannerCase;

static const BannerCase banner_cases[] = {
    { 2, 80, 0, 0, "WHAT-IF mode 2, ratio 80  (live: mode 0, ratio 50)" },
    { 2, 0, 16777216, 0, "WHAT-IF mode 2, kbytes 16777216  (live: mode 0, ratio 50)" },
    { 1, 50, 0, 2, "WHAT-IF mode 1, ratio 50  (live: mode 2, ratio 50)" },
    { 0, 50, 0, M, "WHAT-IF mode 0, ratio 50  (live: mode ?)" },
};

static void test_banner(void **state)
{
    (void)state;
    char buf[128];

    for (size_t i = 0; i < ARRAY_LEN(banner_cases); i++) {
        const BannerCase *c = &banner_cases[i];
        VmPolicy sim = ref_policy(c->sim_mode), live = ref_policy(c->live_mode);
        sim.overcommit_ratio = c->sim_ratio;
        sim.overcommit_kbytes = c->sim_kbytes;
        whatif_banner(buf, sizeof buf, &sim, &live);
        assert_string_equal(buf, c->expect);
    }
}

typedef struct SummaryCase {
    long long mode, ratio, committed_kb, gap_kb;
    const char *contains[3];
} SummaryCase;

static const SummaryCase summary_cases[] = {
    { 2, 50, LOADED_KB, 0, { "headroom 2.5 GiB", "up to 2.4 GiB succeed", "78.8%" } },
    { 2, 0, IDLE_KB, 0, { "deficit 72.6 MiB", "FAIL now", "short by 170.7 MiB" } },
    { 2, 50, LOADED_KB, 1048576, { "+1.0 GiB NORESERVE", "strict", "9.3 GiB of 11.8 GiB" } },
    { 0, 50, LOADED_KB, 0, { "up to 23.5 GiB", "does not matter", "heuristic" } },
    { 1, 50, LOADED_KB, 0, { "no commit limit", "OOM killer", "always" } },
};

static void test_summary_and_help(void **state)
{
    (void)state;
    char buf[512];

    for (size_t i = 0; i < ARRAY_LEN(summary_cases); i++) {
        const SummaryCase *c = &summary_cases[i];
        MemInfo m = ref_mem(c->committed_kb);
        VmPolicy p = ref_policy(c->mode);
        WhatIfCommit w;
        p.overcommit_ratio = c->ratio;
        whatif_commit(&m, &p, 4, c->gap_kb, &w);
        whatif_summary(buf, sizeof buf, &w);
        for (size_t k = 0; k < 3; k++)
            if (!strstr(buf, c->contains[k]))
                fail_msg("summary %zu lacks \"%s\": %s", i, c->contains[k], buf);
    }
    MemInfo m = ref_mem(IDLE_KB);
    VmPolicy live = ref_policy(0);
    whatif_mode_help(buf, sizeof buf, 0, &m, &live, 4);
    assert_non_null(strstr(buf, "23.5 GiB"));
    whatif_mode_help(buf, sizeof buf, 1, &m, &live, 4);
    assert_non_null(strstr(buf, "OOM killer"));
    whatif_mode_help(buf, sizeof buf, 2, &m, &live, 4);
    assert_non_null(strstr(buf, "x 50% + swap = 11.8 GiB"));
}

static void test_victim_line(void **state)
{
    (void)state;
    char buf[160];
    ProcSample v = proc(8759, 131675, 500, 1);

    snprintf(v.comm, sizeof v.comm, "python3");
    whatif_victim_line(buf, sizeof buf, &v, false);
    assert_string_equal(buf, "next OOM victim: python3 (pid 8759) - frees ~514.4 MiB");
    whatif_victim_line(buf, sizeof buf, &v, true);
    assert_string_equal(buf, "next OOM victim: python3 (pid 8759) \xe2\x80\x94 frees ~514.4 MiB");
    whatif_victim_line(buf, sizeof buf, NULL, false);
    assert_string_equal(buf, "next OOM victim: none eligible");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_table),
        cmocka_unit_test(test_commit_missing_reserves),
        cmocka_unit_test(test_proc_table),
        cmocka_unit_test(test_proc_without_mm),
        cmocka_unit_test(test_explain_table),
        cmocka_unit_test(test_explain_edges),
        cmocka_unit_test(test_policy_setters),
        cmocka_unit_test(test_banner),
        cmocka_unit_test(test_summary_and_help),
        cmocka_unit_test(test_victim_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
