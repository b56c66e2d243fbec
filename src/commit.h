/* SPDX-License-Identifier: GPL-2.0-or-later
 * commit.h - the commit-charge model (kernel mm/util.c): CommitLimit from the
 * overcommit policy, and how full it is. Pure.
 */
#ifndef OOMTOP_COMMIT_H
#define OOMTOP_COMMIT_H

#include "model.h"

/* vm_commit_limit() in KiB: overcommit_kbytes if non-zero, else
 * (MemTotal - Hugetlb) * ratio / 100, plus SwapTotal; computed in pages with
 * the kernel's truncation. VALUE_MISSING if an input is missing. */
long long commit_limit_kb(const MemInfo *m, const VmPolicy *p, long page_kb);

/* The same limit in base pages (what the mode-2 check compares against).
 * The Hugetlb figure is needed only on the ratio path; a negative ratio or
 * page_kb <= 0 also gives VALUE_MISSING. */
long long commit_limit_pages(const MemInfo *m, const VmPolicy *p, long page_kb);

/* Committed_AS as a percentage of CommitLimit (may exceed 100); -1 if unknown. */
double commit_percent(const MemInfo *m);

/* Short name of a mode: "heuristic", "always", "strict", or "unknown". */
const char *commit_mode_name(long long overcommit_memory);

#endif
