/* SPDX-License-Identifier: GPL-2.0-or-later
 * report.h - one refresh written as plain text (top -b style) or as one JSON
 * document (JSON Lines). Pure formatting onto a stdio stream.
 */
#ifndef OOMTOP_REPORT_H
#define OOMTOP_REPORT_H

#include <stdio.h>

#include "fields.h"
#include "model.h"
#include "pressure.h"
#include "proctable.h"

/* What a report shows besides the live figures. */
typedef struct ReportCtx {
    FormatCtx fmt;
    const VmPolicy *what_if;    /* simulated policy, or NULL for the live view */
    const PressureTracker *tracker; /* vmstat rates, kills since start; NULL: unknown */
} ReportCtx;

/* The live policy changed as --what-if asks (values < 0 keep the live one). */
void report_what_if_policy(VmPolicy *sim, const VmPolicy *live, int mode, long long ratio,
                           long long kbytes);

/* Header lines (in what-if, the banner and the simulated figures first),
 * a blank line, the column titles and one line per row.
 * Every string is sanitised; COMMAND is last and not truncated. */
void report_text(FILE *f, const Snapshot *snap, const ProcTable *t, const ReportCtx *ctx);

/* One JSON object on one line; schema in oomtop(1), "JSON OUTPUT". Beside
 * memory and policy: "pressure" {some_avg10, some_avg60, some_avg300,
 * full_avg10, full_avg60, full_avg300} (null without PSI), "oom_kills"
 * (vmstat, since boot), "oom_kills_since_start" and "rates" {swap_in_kb_s,
 * swap_out_kb_s, major_faults_s} (null when not known yet); per process
 * "memcg" {path, unit, limit_kb, usage_kb, oom_kills, domain} (null when
 * unknown) and "oom_rank_in_memcg" (null without a limited domain). */
void report_json(FILE *f, const Snapshot *snap, const ProcTable *t, const ReportCtx *ctx);

/* The CSV header row: "time" then the same names as the JSON process
 * fields; the memcg object is flattened to memcg_path, memcg_limit_kb ... */
void report_csv_header(FILE *f);

/* One CSV row per shown process (RFC 4180 quoting), for this refresh. */
void report_csv(FILE *f, const Snapshot *snap, const ProcTable *t, const FormatCtx *ctx);

#endif
