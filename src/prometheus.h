/* SPDX-License-Identifier: GPL-2.0-or-later
 * prometheus.h - one snapshot as a metrics file in the Prometheus text
 * exposition format, for node_exporter's textfile collector. Formatting is
 * pure (prometheus.c); the atomic file and the refresh loop are in
 * prometheus_run.c.
 */
#ifndef OOMTOP_PROMETHEUS_H
#define OOMTOP_PROMETHEUS_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"

#define PROMETHEUS_TOP_DEFAULT 10
#define PROMETHEUS_TOP_MAX 10000

/* Writes every metric (oomtop_*, HELP and TYPE first, no timestamps, which
 * the textfile collector refuses) for snap to f: commit charge and limit,
 * overcommit policy, memory, PSI (no sample without PSI), the oom_kill
 * counter (none if the kernel lacks it), and for the first `top_n`
 * processes in OOM-kill order their RES, SWAP, oom_score, oom_score_adj and
 * predicted rank, labelled pid, name and, when known, cgroup and unit (label
 * values escape '\' as "\\", '"' as "\"" and newline as "\n").
 * The order is oom_rank (badness.h) when the snapshot was ranked; else
 * oom_score descending, then the newest process, then the larger pid.
 * Returns 0, or -1 if memory ran out (the process part is then missing). */
int prometheus_format(FILE *f, const Snapshot *snap, int top_n);

/* prometheus_format() into `path`, atomically and world-readable (0644):
 * the collector sees the old file or the new one, never a partial one.
 * "-" writes to stdout instead. Returns 0, or -1 with a sentence in err. */
int prometheus_write(const char *path, const Snapshot *snap, int top_n, char *err,
                     size_t errlen);

/* oomtop --prometheus FILE: samples, ranks (and attaches cgroups where the
 * memory controller is mounted), writes `path`; `iterations` times (0 =
 * until SIGINT/SIGTERM/SIGHUP) every `delay_ms`. A failed write is reported
 * on stderr and retried at the next refresh. Returns the exit status:
 * 0, or 1 when sampling failed or the last write failed. */
int prometheus_run(const char *path, int top_n, unsigned delay_ms, long iterations);

#endif
