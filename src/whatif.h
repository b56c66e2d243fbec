/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif.h - the overcommit simulator: what __vm_enough_memory() would
 * answer under another policy, per system and per process, the data of the
 * explain panel, and the sentences the views print about them. Pure.
 */
#ifndef OOMTOP_WHATIF_H
#define OOMTOP_WHATIF_H

#include <stdbool.h>
#include <stddef.h>

#include "badness.h"
#include "model.h"
#include "smaps.h"

/* largest_allocation_kb / room_kb when the commit logic sets no bound
 * (mode 1): JSON writes null. */
#define WHATIF_UNLIMITED (-2LL)

/* A simulated policy is a VmPolicy: copy the live one, then change it with
 * these (the reserves stay live). Setting the ratio clears kbytes and the
 * reverse, as the kernel's sysctl handlers do. Each returns 0, or -1 and
 * changes nothing if the value is out of range (mode not 0..2, negative). */
int whatif_set_mode(VmPolicy *sim, long long mode);
int whatif_set_ratio(VmPolicy *sim, long long ratio);
int whatif_set_kbytes(VmPolicy *sim, long long kbytes);

/* The system under a policy. All KiB unless named _pages. */
typedef struct WhatIfCommit {
    int mode;                       /* simulated overcommit_memory, 0..2 (-1 unknown) */
    long long ratio;                /* simulated overcommit_ratio */
    long long kbytes;               /* simulated overcommit_kbytes (0: the ratio rules) */
    long long commit_limit_kb;      /* CommitLimit under that policy (shown in every mode,
                                     * enforced only in mode 2); VALUE_MISSING if unknown */
    long long committed_as_kb;      /* live Committed_AS: the same in every mode */
    double percent;                 /* Committed_AS / CommitLimit * 100, -1 unknown */
    bool enforced;                  /* mode 2: requests are refused at the limit */
    bool unlimited;                 /* mode 1: the commit logic never refuses */
    /* Mode 2: CommitLimit - admin_reserve - Committed_AS, i.e. what is left
     * to commit for processes without CAP_SYS_ADMIN before each one's own
     * reserve; negative = deficit. VALUE_MISSING in modes 0 and 1, where it
     * means nothing. */
    long long headroom_kb;
    /* The largest single request that succeeds now, for any process
     * without CAP_SYS_ADMIN: mode 2 applies the admin reserve and the full
     * user_reserve_kbytes (the most min(VmSize/32, user_reserve) can take),
     * and the strict `<` (one page less); 0 if nothing fits. Mode 0:
     * (T_ram + T_swap) pages, whatever is committed. Mode 1:
     * WHATIF_UNLIMITED. VALUE_MISSING if unknown. */
    long long largest_allocation_kb;
    bool allocations_fail;          /* mode 2: even one page is refused to such a process */
    long long short_by_kb;          /* mode 2, failing: commitments to drop before one page fits */
    long long noreserve_gap_kb;     /* as passed in: MAP_NORESERVE memory mode 2 would charge
                                     * if the programs started under it (VALUE_MISSING unknown) */
    /* The same figures in pages, for whatif_proc(). */
    long page_kb;
    long long limit_pages, committed_pages, admin_reserve_pages, user_reserve_pages;
    long long total_pages;          /* T_ram + T_swap: the mode-0 bound */
} WhatIfCommit;

/* Computes the system figures for policy `sim` from live meminfo. */
void whatif_commit(const MemInfo *m, const VmPolicy *sim, long page_kb,
                   long long noreserve_gap_kb, WhatIfCommit *out);

/* An answer that may be unknowable: UNKNOWN is shown as "?" (smaps refused). */
enum WhatIfAnswer { WHATIF_NO = 0, WHATIF_YES = 1, WHATIF_UNKNOWN = 2 };

/* One process under the simulated policy. */
typedef struct WhatIfProc {
    long long reserve_kb;           /* mode 2: admin reserve (unless CAP_SYS_ADMIN) +
                                     * min(VmSize/32 pages, user_reserve) */
    long long room_kb;              /* largest single request it can make now (0 if none;
                                     * WHATIF_UNLIMITED in mode 1) */
    enum WhatIfAnswer can_fork;
    long long fork_cost_kb;         /* Σ ac without dc; VALUE_MISSING if unreadable */
    long long fork_short_by_kb;     /* mode 2, fork refused: missing room; else 0 */
    enum WhatIfAnswer can_grow;     /* by grow_kb in one request */
    long long grow_kb;
    long long noreserve_kb;         /* its MAP_NORESERVE gap; VALUE_MISSING if unreadable */
} WhatIfProc;

/* Could p fork now, and grow by grow_kb, under c's policy? sm may be NULL
 * or unreadable: fork then is WHATIF_UNKNOWN (except in mode 1, which
 * always says yes). CAP_SYS_ADMIN is taken from sm when known, else the
 * process is assumed not to have it (the stricter answer). */
void whatif_proc(const WhatIfCommit *c, const ProcSample *p, const SmapsSums *sm,
                 long long grow_kb, WhatIfProc *out);

/* Everything the explain panel shows about one process, in the kernel's
 * terms. KiB unless named _pages. */
typedef struct OomExplain {
    pid_t pid;
    enum OomIneligible why;         /* OOM_ELIGIBLE, or why it is never picked */
    long long rss_anon_kb, rss_file_kb, rss_shmem_kb, swap_kb, pte_kb;
    long long mem_pages;            /* (VmRSS + VmSwap + VmPTE) / P */
    int adj;
    long long adj_unit_pages;       /* totalpages / 1000: what one adj step is worth */
    long long adj_term_pages;       /* adj * adj_unit_pages */
    long long badness_pages;        /* mem_pages + adj_term_pages */
    long long totalpages;           /* the domain */
    int score_predicted;            /* what /proc/PID/oom_score should read */
    int score_kernel;               /* what it read; -1 if unread */
    bool score_differs;             /* by more than the kernel's RSS drift */
    bool score_drifts;              /* by no more than it */
    int rank;                       /* 1 = next victim, 0 = never picked */
    size_t n_eligible;
    /* RSS growth after which it would be the next victim: 0 if it already
     * is, VALUE_MISSING if never picked. Page tables it would also need are
     * left out, so the real figure is slightly smaller. */
    long long grow_to_victim_kb;
    /* Highest oom_score_adj at which it would not be the next victim (the
     * rival is the runner-up for rank 1, the victim otherwise). -1000 means
     * only full protection does; 1000 that any value does. Values below 0
     * need CAP_SYS_RESOURCE to write. Meaningless (and 0) if safe_adj_known
     * is false: kernel threads, init, zombies. */
    int safe_adj;
    bool safe_adj_known;
    long long committed_kb;         /* Σ ac from smaps; VALUE_MISSING if unreadable */
    long long fork_cost_kb;
} OomExplain;

/* Fills the explain data for procs[index]; the rows must have been ranked
 * by oom_rank_procs() (their badness_pages/oom_rank are used) with `sum`.
 * sm may be NULL. */
void whatif_explain(const ProcSample *procs, size_t n, size_t index, long page_kb,
                    const OomSummary *sum, const SmapsSums *sm, OomExplain *out);

/* What the explain panel says of the kernel's oom_score against the
 * predicted one. A simulated adj is named before the drift: the kernel read
 * its score with the live adj, so the drift says nothing of that row. */
enum ScoreVerdict {
    SCORE_UNREAD,           /* the kernel's could not be read */
    SCORE_SAME,
    SCORE_SIMULATED,        /* differs: the adj is a what-if value */
    SCORE_DRIFT,            /* differs within the kernel's RSS counter drift */
    SCORE_DIFFERENT,        /* differs, unexplained: the kernel's counts */
};

enum ScoreVerdict whatif_score_verdict(const OomExplain *e, bool simulated);

/* ---------------------------------------------------------------- text
 * All of these write plain ASCII (except where `utf8` is asked for) into
 * buf, always NUL-terminated, and return what snprintf would. */

/* `WHAT-IF mode 2, ratio 80  (live: mode 0, ratio 50)`; kbytes policies
 * show `kbytes N` instead of the ratio. */
int whatif_banner(char *buf, size_t len, const VmPolicy *sim, const VmPolicy *live);

/* One sentence for the simulated header: the limit, the headroom or
 * deficit and whether allocations/forks fail now (mode 2); the single
 * request bound (mode 0); "no commit limit" (mode 1). */
int whatif_summary(char *buf, size_t len, const WhatIfCommit *c);

/* A short explanation of `mode` (0..2) for the help screen, with this
 * machine's numbers (RAM, swap, ratio, CommitLimit). */
int whatif_mode_help(char *buf, size_t len, int mode, const MemInfo *m, const VmPolicy *live,
                     long page_kb);

/* `next OOM victim: mysqld (pid 1234) - frees ~2.3 GiB` (an em dash when
 * utf8), or `next OOM victim: none eligible` when v is NULL. comm must be
 * sanitised already (it is in a ProcSample). */
int whatif_victim_line(char *buf, size_t len, const ProcSample *v, bool utf8);

#endif
