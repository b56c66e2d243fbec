/* SPDX-License-Identifier: GPL-2.0-or-later
 * demo_probe.h - what oomtop-demo measures around each step: the global
 * commit charge and its own VIRT/RES/SHR, plus its oom_score_adj.
 */
#ifndef OOMTOP_DEMO_PROBE_H
#define OOMTOP_DEMO_PROBE_H

/* KiB; -1 where unreadable. */
typedef struct Gauge {
    long long committed_kb;     /* /proc/meminfo Committed_AS */
    long long virt_kb;          /* own VmSize */
    long long res_kb;           /* own VmRSS */
    long long shr_kb;           /* own RssFile + RssShmem */
} Gauge;

/* Reads the four figures now. */
void probe_gauge(Gauge *g);

/* MemAvailable from /proc/meminfo, -1 if absent. */
long long probe_mem_available_kb(void);

/* vm.overcommit_memory, -1 if unreadable. */
int probe_overcommit_mode(void);

/* Own /proc/self/oom_score_adj and oom_score; -1 if unreadable. */
int probe_own_adj(void);
int probe_own_score(void);

/* Writes own oom_score_adj. Returns 0, or -1 with errno set. */
int probe_set_own_adj(int adj);

#endif
