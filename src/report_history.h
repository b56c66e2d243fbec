/* SPDX-License-Identifier: GPL-2.0-or-later
 * report_history.h - the OOM kills and commit refusals of an OomLog as a
 * table (batch text, the history view) and as JSON Lines, one object per
 * event. Pure: the cells and sentences both outputs share.
 */
#ifndef OOMTOP_REPORT_HISTORY_H
#define OOMTOP_REPORT_HISTORY_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "oomlog.h"

/* The history table's columns, in display order. */
enum HistoryCol {
    HCOL_TIME = 0,      /* wall clock of the kill */
    HCOL_PID,           /* victim (kill) or refused process */
    HCOL_COMMAND,
    HCOL_SCOPE,         /* constraint: global, memcg ...; "refused" for a refusal */
    HCOL_ANON,          /* anon-rss */
    HCOL_FILE,          /* file-rss */
    HCOL_SHMEM,         /* shmem-rss */
    HCOL_TOTAL_VM,      /* total-vm */
    HCOL_ADJ,           /* oom_score_adj */
    HCOL_UID,
    HCOL_BY,            /* the command that invoked the OOM killer */
    HCOL_CGROUP,        /* victim's memcg; for a refusal, the request */
    HCOL_COUNT
};

typedef struct HistoryColDesc {
    const char *title;
    int width;          /* display columns; the last column takes the rest */
    bool left_align;
} HistoryColDesc;

const HistoryColDesc *history_col(enum HistoryCol c);

/* Local wall-clock time "2025-06-01 12:34:56". */
void history_time(char *buf, size_t len, time_t t);

/* One cell of event `e` without padding, "-" for what the kernel did not
 * log. Sizes are exact KiB, or with `scaled` fitted to the column width
 * like the process table (format_kb_column). */
void history_cell(char *buf, size_t len, const OomEvent *e, enum HistoryCol c, bool scaled);

#define HISTORY_DETAIL_LINES 3

/* Everything known about `e` as up to HISTORY_DETAIL_LINES sentences (the
 * view's detail pane); unused lines are "". */
void history_detail(char lines[HISTORY_DETAIL_LINES][256], const OomEvent *e);

/* Counts of the log's events by kind. */
void history_counts(const OomLog *log, size_t *kills, size_t *refusals);

/* The heading sentence: how many kills and refusals the kernel log still
 * holds against /proc/vmstat's `vmstat_kills` since boot (VALUE_MISSING:
 * unknown), and `lost` records when the ring buffer overran. */
void history_heading(char *buf, size_t len, const OomLog *log, long long vmstat_kills,
                     unsigned long long lost);

/* The batch text report: the heading, the column titles, one row per
 * event, oldest first. Every string is sanitised already (oomlog.h). */
void report_oom_history_text(FILE *f, const OomLog *log, long long vmstat_kills,
                             unsigned long long lost);

/* One event as one JSON object on one line: "kind" ("kill" or "refusal"),
 * "time" (unix seconds), "boot_usec", "pid", "command", "uid",
 * "total_vm_kb", "anon_rss_kb", "file_rss_kb", "shmem_rss_kb",
 * "pgtables_kb", "oom_score_adj", "score", "constraint", "cgroup",
 * "oom_memcg", "invoked_by", "invoked_by_pid", "order", "reaped" and, for
 * refusals, "bytes"; null wherever the kernel did not log the figure (and
 * for the fields of the other kind). */
void report_oom_event_json(FILE *f, const OomEvent *e);

/* Every event of the log, oldest first, one line each. */
void report_oom_history_json(FILE *f, const OomLog *log);

#endif
