/* SPDX-License-Identifier: GPL-2.0-or-later
 * memcg.h - memory cgroups as the OOM killer sees them: the per-cgroup
 * figures, the OOM domain's totalpages (mem_cgroup_get_max()), and each
 * process's rank inside that domain. Pure; cgroup.c fills MemcgInfo.
 */
#ifndef OOMTOP_MEMCG_H
#define OOMTOP_MEMCG_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

#define MEMCG_UNLIMITED (-1LL)  /* "max", or a byte count too big to be meant */
#define MEMCG_UNKNOWN (-2LL)    /* the file is missing or unreadable */

/* One memory cgroup in one refresh. Owned by the CgroupReader (cgroup.h);
 * pointers stay valid until the refresh after next. Per-process JSON
 * (issue 5): "memcg": {"path", "limit_kb" (null when < 0: unlimited or
 * unknown), "usage_kb", "oom_kills" (null when VALUE_MISSING)} from
 * ProcSample.memcg (null when NULL), and "oom_rank_in_memcg" from
 * ProcSample.oom_rank_in_memcg (null when 0). */
typedef struct MemcgInfo {
    const char *path;           /* sanitised, inside the hierarchy; "/" is the root */
    const char *unit;           /* systemd unit named by the path ("mysql.service"), "" if none */
    int version;                /* 1 = v1 memory controller, 2 = unified hierarchy */
    long long limit_kb;         /* memory.max / memory.limit_in_bytes; MEMCG_UNLIMITED or MEMCG_UNKNOWN */
    long long usage_kb;         /* memory.current / memory.usage_in_bytes; VALUE_MISSING if absent (v2 root) */
    long long oom_kills;        /* memory.events / memory.oom_control "oom_kill"; VALUE_MISSING if absent */
    long long swap_limit_kb;    /* swap allowed beyond limit_kb: memory.swap.max, or v1
                                   memsw.limit - limit; MEMCG_UNLIMITED / MEMCG_UNKNOWN */
    int swappiness;             /* what mem_cgroup_swappiness() returns; -1 unknown */
    const struct MemcgInfo *parent;   /* NULL at the root of the hierarchy */
    const struct MemcgInfo *domain;   /* nearest ancestor-or-self with a limit: where a
                                         memcg OOM of this cgroup is decided; NULL if none */
    long long domain_totalpages;      /* memcg_totalpages() of `domain`; 0 without one */
} MemcgInfo;

/* A limit file's text ("max\n", "9223372036854771712\n", "33554432\n") as
 * KiB: MEMCG_UNLIMITED for "max" or >= 2^62 bytes (v1 prints its page
 * counter maximum), MEMCG_UNKNOWN for anything that is not a number. */
long long memcg_parse_limit_kb(const char *text);

/* A plain byte count ("44716032\n") as KiB, VALUE_MISSING if malformed. */
long long memcg_parse_bytes_kb(const char *text);

/* Value of the line "key N" in a flat keyed file (memory.events,
 * memory.oom_control); VALUE_MISSING when absent or malformed. */
long long memcg_parse_key(const char *text, const char *key);

/* Finds the memory cgroup in the text of /proc/PID/cgroup. With
 * `v1_hierarchy` > 0 the v1 line "ID:...memory...:path" of that hierarchy
 * is used (-1: any hierarchy listing "memory"); with 0, the unified line
 * "0::path". Copies the raw path (unsanitised: it names a directory) into
 * `path`. Returns 1 or 2 (the version), 0 when there is no such line, -1
 * when the line is ambiguous (a path forging a second line) or too long. */
int memcg_parse_proc_cgroup(const char *text, int v1_hierarchy, char *path, size_t pathsize);

/* The systemd unit a cgroup path belongs to: the deepest component ending
 * in .service, .scope, .socket, .mount or .swap, else the deepest .slice
 * other than "-.slice"; "" if none. `path` should already be sanitised. */
void memcg_unit_name(const char *path, char *dst, size_t dstsize);

/* mem_cgroup_get_max() in pages for the cgroup `d` (mm/memcontrol.c):
 * its limit plus, when its swappiness is not 0, the swap it may use capped
 * by SwapTotal (an unlimited or unknown swap limit allows all of SwapTotal,
 * like the kernel's default counter maximum); 0 becomes 1. Uses
 * oom_memcg_totalpages() (badness.h). 0 when d has no limit. */
long long memcg_totalpages(const MemcgInfo *d, const MemInfo *m, long page_kb);

/* How full the process's OOM domain is: domain usage * 100 / domain limit,
 * or -1 without a limited domain or usage figure. */
double memcg_fill_percent(const MemcgInfo *m);

/* For every process with memcg->domain set: oom_badness() recomputed with
 * that domain's totalpages into memcg_badness_pages, and its rank among
 * all eligible processes in the domain's subtree (the kernel's memcg OOM
 * candidates) into oom_rank_in_memcg (1 = the kernel would kill it
 * first; ties: newest start time, then larger PID). Processes without a
 * limited domain, or not eligible, get 0 in both. Returns 0, -1 if memory
 * ran out (then every rank is 0). */
int memcg_rank(Snapshot *snap);

#endif
