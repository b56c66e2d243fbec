/* SPDX-License-Identifier: GPL-2.0-or-later
 * whatif_text.c - the sentences about the simulator: banner, header
 * summary, help text of the three modes, next-victim line (whatif.h).
 */
#include "config.h"

#include <stdio.h>

#include "commit.h"
#include "format.h"
#include "whatif.h"

#define HUMAN_MAX 24

/* "mode 2, ratio 80" / "mode 2, kbytes 16777216" */
static void policy_words(char *buf, size_t len, const VmPolicy *p)
{
    long long m = p->overcommit_memory;

    if (m < OVERCOMMIT_GUESS || m > OVERCOMMIT_NEVER)
        snprintf(buf, len, "mode ?");
    else if (p->overcommit_kbytes > 0)
        snprintf(buf, len, "mode %lld, kbytes %lld", m, p->overcommit_kbytes);
    else if (p->overcommit_ratio >= 0)
        snprintf(buf, len, "mode %lld, ratio %lld", m, p->overcommit_ratio);
    else
        snprintf(buf, len, "mode %lld, ratio ?", m);
}

int whatif_banner(char *buf, size_t len, const VmPolicy *sim, const VmPolicy *live)
{
    char s[64], l[64];

    policy_words(s, sizeof s, sim);
    policy_words(l, sizeof l, live);
    return snprintf(buf, len, "WHAT-IF %s  (live: %s)", s, l);
}

static int summary_strict(char *buf, size_t len, const WhatIfCommit *c)
{
    char limit[HUMAN_MAX], used[HUMAN_MAX], room[HUMAN_MAX], big[HUMAN_MAX], gap[48];
    char pct[16] = "?";

    if (c->headroom_kb == VALUE_MISSING)
        return snprintf(buf, len, "strict: CommitLimit unknown (settings unreadable)");
    format_kb_human(limit, sizeof limit, c->commit_limit_kb);
    format_kb_human(used, sizeof used, c->committed_as_kb);
    format_kb_human(room, sizeof room,
                    c->headroom_kb < 0 ? -c->headroom_kb : c->headroom_kb);
    if (c->percent >= 0)
        snprintf(pct, sizeof pct, "%.1f%%", c->percent);
    gap[0] = '\0';
    if (c->noreserve_gap_kb > 0) {
        char g[HUMAN_MAX];
        format_kb_human(g, sizeof g, c->noreserve_gap_kb);
        snprintf(gap, sizeof gap, "; +%s NORESERVE", g);
    }
    if (c->allocations_fail) {
        format_kb_human(big, sizeof big, c->short_by_kb);
        return snprintf(buf, len,
                        "strict: committed %s of %s (%s), %s %s: new allocations and forks "
                        "FAIL now (short by %s)%s",
                        used, limit, pct, c->headroom_kb < 0 ? "deficit" : "headroom", room,
                        big, gap);
    }
    format_kb_human(big, sizeof big, c->largest_allocation_kb);
    return snprintf(buf, len,
                    "strict: committed %s of %s (%s), headroom %s: requests up to %s succeed "
                    "now, larger ones fail%s",
                    used, limit, pct, room, big, gap);
}

int whatif_summary(char *buf, size_t len, const WhatIfCommit *c)
{
    char big[HUMAN_MAX], used[HUMAN_MAX];

    switch (c->mode) {
    case OVERCOMMIT_GUESS:
        format_kb_human(big, sizeof big, c->largest_allocation_kb);
        format_kb_human(used, sizeof used, c->committed_as_kb);
        return snprintf(buf, len,
                        "heuristic: any single request up to %s (RAM+swap) succeeds; the %s "
                        "already committed does not matter",
                        big, used);
    case OVERCOMMIT_ALWAYS:
        return snprintf(buf, len,
                        "always: no commit limit; only the OOM killer stops memory running out");
    case OVERCOMMIT_NEVER:
        return summary_strict(buf, len, c);
    default:
        return snprintf(buf, len, "overcommit mode unknown");
    }
}

static int help_strict(char *buf, size_t len, const MemInfo *m, const VmPolicy *live,
                       long page_kb)
{
    VmPolicy p = *live;
    char limit[HUMAN_MAX], setting[64];

    p.overcommit_memory = OVERCOMMIT_NEVER;
    format_kb_human(limit, sizeof limit, commit_limit_kb(m, &p, page_kb));
    if (live->overcommit_kbytes > 0)
        snprintf(setting, sizeof setting, "overcommit_kbytes + swap");
    else
        snprintf(setting, sizeof setting, "(RAM - hugetlb) x %lld%% + swap",
                 live->overcommit_ratio);
    return snprintf(buf, len,
                    "2 strict: a request fails once Committed_AS would reach CommitLimit = %s "
                    "= %s here, less the admin and per-process reserves; fork() needs the "
                    "parent's whole private writable memory again.",
                    setting, limit);
}

int whatif_mode_help(char *buf, size_t len, int mode, const MemInfo *m, const VmPolicy *live,
                     long page_kb)
{
    char total[HUMAN_MAX];

    switch (mode) {
    case OVERCOMMIT_GUESS:
        format_kb_human(total, sizeof total,
                        m->mem_total_kb < 0 || m->swap_total_kb < 0
                            ? VALUE_MISSING : m->mem_total_kb + m->swap_total_kb);
        return snprintf(buf, len,
                        "0 heuristic (default): only a single request larger than RAM+swap "
                        "(%s here) fails; what is already committed does not count. Memory "
                        "runs out at page-fault time and the OOM killer picks a victim.",
                        total);
    case OVERCOMMIT_ALWAYS:
        return snprintf(buf, len,
                        "1 always: no request is refused for lack of memory; when it runs out "
                        "the OOM killer picks a victim.");
    case OVERCOMMIT_NEVER:
        return help_strict(buf, len, m, live, page_kb);
    default:
        return snprintf(buf, len, "unknown mode");
    }
}

int whatif_victim_line(char *buf, size_t len, const ProcSample *v, bool utf8)
{
    char frees[HUMAN_MAX];

    if (!v)
        return snprintf(buf, len, "next OOM victim: none eligible");
    format_kb_human(frees, sizeof frees, oom_frees_kb(v));
    return snprintf(buf, len, "next OOM victim: %s (pid %d) %s frees ~%s", v->comm, (int)v->pid,
                    utf8 ? "\xe2\x80\x94" : "-", frees);
}
