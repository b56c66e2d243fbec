/* SPDX-License-Identifier: GPL-2.0-or-later
 * commit.c - CommitLimit as vm_commit_limit() computes it: in base pages,
 * every division truncating exactly where the kernel's does.
 */
#include "config.h"

#include "commit.h"

static int missing(long long v)
{
    return v < 0;
}

long long commit_limit_pages(const MemInfo *m, const VmPolicy *p, long page_kb)
{
    long long base;

    if (page_kb <= 0 || missing(m->mem_total_kb) || missing(m->swap_total_kb)
        || missing(p->overcommit_kbytes))
        return VALUE_MISSING;
    if (p->overcommit_kbytes != 0) {
        /* The kbytes path ignores the hugetlb pool. */
        base = p->overcommit_kbytes / page_kb;
    } else {
        if (missing(p->overcommit_ratio) || missing(m->hugetlb_kb))
            return VALUE_MISSING;
        long long ram = m->mem_total_kb / page_kb - m->hugetlb_kb / page_kb;
        base = ram * p->overcommit_ratio / 100;
    }
    return base + m->swap_total_kb / page_kb;
}

long long commit_limit_kb(const MemInfo *m, const VmPolicy *p, long page_kb)
{
    long long pages = commit_limit_pages(m, p, page_kb);

    return pages < 0 ? VALUE_MISSING : pages * page_kb;
}

double commit_percent(const MemInfo *m)
{
    if (missing(m->committed_as_kb) || m->commit_limit_kb <= 0)
        return -1.0;
    return (double)m->committed_as_kb * 100.0 / (double)m->commit_limit_kb;
}

const char *commit_mode_name(long long overcommit_memory)
{
    switch (overcommit_memory) {
    case OVERCOMMIT_GUESS:
        return "heuristic";
    case OVERCOMMIT_ALWAYS:
        return "always";
    case OVERCOMMIT_NEVER:
        return "strict";
    default:
        return "unknown";
    }
}
