/* SPDX-License-Identifier: GPL-2.0-or-later
 * incident.h - the incident context beside each refresh, for batch and
 * interactive mode alike: PSI/vmstat tracking, memory cgroups attached to
 * the snapshot only when something shows them, and the kernel log's OOM
 * history read non-blocking.
 */
#ifndef OOMTOP_INCIDENT_H
#define OOMTOP_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroup.h"
#include "kmsg.h"
#include "model.h"
#include "oomlog.h"
#include "pressure.h"

typedef struct Incident {
    PressureTracker pressure;   /* rates and kills since the first refresh */
    CgroupMounts mounts;
    CgroupReader *cgroups;      /* NULL until first needed, or without a memory hierarchy */
    bool cgroups_tried;
    char cgroup_err[256];       /* why there is no reader, "" if there is */
    Kmsg *kmsg;                 /* NULL until opened, or when not permitted */
    OomLog *log;                /* NULL until the log was opened */
    char kmsg_err[256];         /* kmsg_open()'s why-and-what-is-needed, "" if open */
} Incident;

void incident_init(Incident *in);

/* Opens the kernel log at `path` ("/dev/kmsg") without reading it. Its
 * backlog is history until a read reaches its end; only kills after that
 * count as new. Returns 0, or -1 with the reason (and what is needed) in
 * in->kmsg_err. */
int incident_attach_log(Incident *in, const char *path);

/* incident_attach_log(), then reads the whole backlog. */
int incident_open_log(Incident *in, const char *path);

/* Reads the records logged since the last call without blocking, at most
 * `max_records` (0: all). Returns the events added to in->log (0 when the
 * log is not open), or -1 on a read error (reason in in->kmsg_err). */
long incident_poll_log(Incident *in, size_t max_records);

/* Every refresh, after oom_rank_snapshot(): tracks PSI and vmstat, and
 * with `cgroups` attaches and ranks memory cgroups (cgroup_attach, opening
 * the reader on first use); without, clears the cgroup fields so that no
 * stale pointer survives. Returns 0, or -1 if memory ran out. */
int incident_refresh(Incident *in, Snapshot *snap, bool cgroups);

/* Attaches cgroups to `snap` now (a view that starts showing them
 * between refreshes). Same result as incident_refresh's cgroup part. */
int incident_attach_cgroups(Incident *in, Snapshot *snap);

/* /proc/vmstat oom_kill under `proc_root`, VALUE_MISSING when absent. */
long long incident_vmstat_oom_kills(const char *proc_root);

void incident_free(Incident *in);

#endif
