/* SPDX-License-Identifier: GPL-2.0-or-later
 * cgroup.h - the data layer for memory cgroups (v1 memory controller and
 * v2 unified): which cgroup each process is in, its limit, usage and OOM
 * kills, read once per cgroup per refresh. Types and pure logic: memcg.h.
 * Use: cgroup_find_mounts() + cgroup_reader_new() once, then
 * cgroup_attach(reader, snap) after each sampler_refresh().
 */
#ifndef OOMTOP_CGROUP_H
#define OOMTOP_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "memcg.h"
#include "model.h"

/* Where the memory hierarchy is mounted. */
typedef struct CgroupMounts {
    char v1_dir[PATH_MAX];      /* v1 "memory" mount ("/sys/fs/cgroup/memory"), "" if none */
    char v1_root[PATH_MAX];     /* mountinfo root of that mount: "/" unless a container's view */
    int v1_hierarchy;           /* its id in /proc/cgroups; -1 if unknown (match by name) */
    char v2_dir[PATH_MAX];      /* cgroup2 mount whose cgroup.controllers has "memory", "" if none */
    char v2_root[PATH_MAX];
} CgroupMounts;

/* Finds the memory hierarchy from `proc_root`/self/mountinfo and
 * `proc_root`/cgroups. The v1 controller wins when mounted (the memory
 * controller can only be in one hierarchy); a cgroup2 mount counts only if
 * its cgroup.controllers lists "memory". `fs_prefix` is put before every
 * mount point (NULL or "" normally; a fixture tree in tests). Returns 1 or
 * 2 (the version found), or 0 with an explanation in err when none is. */
int cgroup_find_mounts(const char *proc_root, const char *fs_prefix, CgroupMounts *m,
                       char *err, size_t errlen);

typedef struct CgroupReader CgroupReader;

/* A reader over the mounts `m` (copied) that takes /proc/PID/cgroup and
 * /proc/sys/vm/swappiness from `proc_root`. NULL if memory runs out. */
CgroupReader *cgroup_reader_new(const char *proc_root, const CgroupMounts *m);
void cgroup_reader_free(CgroupReader *r);

/* 1 or 2: the hierarchy this reader reads, 0 none. */
int cgroup_reader_version(const CgroupReader *r);

/* Starts a refresh: from now on each cgroup directory is read again, once,
 * on first use. MemcgInfo pointers of the refresh before stay valid (those
 * of older ones may be freed). `m` gives SwapTotal for domain_totalpages. */
void cgroup_begin(CgroupReader *r, const MemInfo *m, long page_kb);

/* The memory cgroup of `pid` in this refresh, with parent chain and
 * domain filled; NULL when the process is gone, has no memory cgroup line,
 * or the line is ambiguous or outside this mount's view. */
const MemcgInfo *cgroup_of_pid(CgroupReader *r, pid_t pid);

/* The cgroup at `path` inside the hierarchy ("/", "/system.slice/x"), as
 * above; NULL when the directory does not exist. */
const MemcgInfo *cgroup_of_path(CgroupReader *r, const char *path);

/* One refresh for a whole snapshot: cgroup_begin(), then sets every
 * process's `memcg`, and ranks them with memcg_rank(). With r == NULL (no
 * reader) it only clears memcg, oom_rank_in_memcg and memcg_badness_pages,
 * which the sampler does not reset. Call it on every refresh before the
 * snapshot is shown. Returns 0, or -1 if memory ran out (ranks are then 0;
 * memcg pointers still set). */
int cgroup_attach(CgroupReader *r, Snapshot *snap);

#endif
