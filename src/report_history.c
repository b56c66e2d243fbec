/* SPDX-License-Identifier: GPL-2.0-or-later
 * report_history.c - OOM kill history as cells, sentences, text and JSON.
 */
#include "config.h"

#include "report_history.h"

#include <stdio.h>
#include <string.h>

#include "format.h"
#include "jsonw.h"
#include "text.h"

static const HistoryColDesc cols[HCOL_COUNT] = {
    [HCOL_TIME] = { "TIME", 19, true },
    [HCOL_PID] = { "PID", 7, false },
    [HCOL_COMMAND] = { "COMMAND", 15, true },
    [HCOL_SCOPE] = { "SCOPE", 9, true },
    [HCOL_ANON] = { "ANON", 8, false },
    [HCOL_FILE] = { "FILE", 8, false },
    [HCOL_SHMEM] = { "SHMEM", 8, false },
    [HCOL_TOTAL_VM] = { "TOTAL-VM", 9, false },
    [HCOL_ADJ] = { "ADJ", 5, false },
    [HCOL_UID] = { "UID", 6, false },
    [HCOL_BY] = { "INVOKED-BY", 15, true },
    [HCOL_CGROUP] = { "CGROUP", 0, true },
};

const HistoryColDesc *history_col(enum HistoryCol c)
{
    return (unsigned)c < HCOL_COUNT ? &cols[c] : NULL;
}

void history_time(char *buf, size_t len, time_t t)
{
    struct tm tm;
    if (!localtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm))
        snprintf(buf, len, "-");
}

static void kb_cell(char *buf, size_t len, long long kb, bool scaled, int width)
{
    if (kb < 0)
        snprintf(buf, len, "-");
    else if (scaled)
        format_kb_column(buf, len, kb, UNIT_AUTO, width);
    else
        snprintf(buf, len, "%lld", kb);
}

static void ll_cell(char *buf, size_t len, long long v)
{
    if (v < 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%lld", v);
}

static void str_cell(char *buf, size_t len, const char *s)
{
    snprintf(buf, len, "%s", s && s[0] ? s : "-");
}

/* A refusal has only its time, process and request. */
static void refusal_cell(char *buf, size_t len, const OomEvent *e, enum HistoryCol c)
{
    char req[32];
    switch (c) {
    case HCOL_SCOPE: snprintf(buf, len, "refused"); break;
    case HCOL_CGROUP:
        if (e->bytes < 0) {
            snprintf(buf, len, "commit refused (__vm_enough_memory)");
        } else {
            format_kb_human(req, sizeof req, (e->bytes + 1023) / 1024);
            snprintf(buf, len, "commit of %s refused (__vm_enough_memory)", req);
        }
        break;
    default: snprintf(buf, len, "-"); break;
    }
}

void history_cell(char *buf, size_t len, const OomEvent *e, enum HistoryCol c, bool scaled)
{
    int w = cols[c < HCOL_COUNT ? c : 0].width;
    switch (c) {
    case HCOL_TIME: history_time(buf, len, e->time); return;
    case HCOL_PID: snprintf(buf, len, "%d", (int)e->pid); return;
    case HCOL_COMMAND: str_cell(buf, len, e->command); return;
    default: break;
    }
    if (e->kind == OOM_EVENT_REFUSAL) {
        refusal_cell(buf, len, e, c);
        return;
    }
    switch (c) {
    case HCOL_SCOPE: str_cell(buf, len, oomlog_constraint_name(e->constraint)); break;
    case HCOL_ANON: kb_cell(buf, len, e->anon_rss_kb, scaled, w); break;
    case HCOL_FILE: kb_cell(buf, len, e->file_rss_kb, scaled, w); break;
    case HCOL_SHMEM: kb_cell(buf, len, e->shmem_rss_kb, scaled, w); break;
    case HCOL_TOTAL_VM: kb_cell(buf, len, e->total_vm_kb, scaled, w); break;
    case HCOL_ADJ:
        if (e->has_oom_score_adj)
            snprintf(buf, len, "%d", e->oom_score_adj);
        else
            snprintf(buf, len, "-");
        break;
    case HCOL_UID: ll_cell(buf, len, e->uid); break;
    case HCOL_BY: str_cell(buf, len, e->invoked_by); break;
    case HCOL_CGROUP: str_cell(buf, len, e->cgroup); break;
    default: snprintf(buf, len, "-"); break;
    }
}

/* "anon-rss 31.2 MiB" or nothing when not logged; appends at *used. */
static void detail_size(char *line, size_t *used, const char *name, long long kb)
{
    char v[32];
    if (kb < 0 || *used >= 255)
        return;
    format_kb_human(v, sizeof v, kb);
    int n = snprintf(line + *used, 256 - *used, "%s%s %s", *used ? ", " : "", name, v);
    *used = n < 0 ? *used : (*used + (size_t)n < 255 ? *used + (size_t)n : 255);
}

static void kill_detail(char lines[HISTORY_DETAIL_LINES][256], const OomEvent *e)
{
    char when[32], uid[32] = "", adj[48] = "", by[128] = "";
    size_t used = 0;
    history_time(when, sizeof when, e->time);
    if (e->uid >= 0)
        snprintf(uid, sizeof uid, ", uid %lld", e->uid);
    snprintf(lines[0], 256, "Killed pid %d (%s)%s at %s, %.3f s after boot%s", (int)e->pid,
             e->command, uid, when, (double)e->usec / 1e6,
             e->allocating_task ? " (vm.oom_kill_allocating_task)" : "");
    detail_size(lines[1], &used, "total-vm", e->total_vm_kb);
    detail_size(lines[1], &used, "anon-rss", e->anon_rss_kb);
    detail_size(lines[1], &used, "file-rss", e->file_rss_kb);
    detail_size(lines[1], &used, "shmem-rss", e->shmem_rss_kb);
    detail_size(lines[1], &used, "pgtables", e->pgtables_kb);
    if (e->has_oom_score_adj)
        snprintf(adj, sizeof adj, "%soom_score_adj %d", used ? ", " : "", e->oom_score_adj);
    else if (e->score >= 0)
        snprintf(adj, sizeof adj, "%sscore %lld", used ? ", " : "", e->score);
    if (used < 255)
        snprintf(lines[1] + used, 256 - used, "%s", adj);
    if (e->invoked_by[0] && e->invoked_by_pid > 0)
        snprintf(by, sizeof by, "; invoked by %s (pid %d)", e->invoked_by,
                 (int)e->invoked_by_pid);
    else if (e->invoked_by[0])
        snprintf(by, sizeof by, "; invoked by %s", e->invoked_by);
    const char *scope = oomlog_constraint_name(e->constraint);
    snprintf(lines[2], 256, "%s%s%s%s%s%s%s%s", scope ? scope : "OOM (scope not logged)",
             scope ? " OOM" : "", e->cgroup ? ", victim in " : "", e->cgroup ? e->cgroup : "",
             e->oom_memcg ? ", limit hit in " : "", e->oom_memcg ? e->oom_memcg : "", by,
             e->reaped ? "; memory reaped" : "");
}

void history_detail(char lines[HISTORY_DETAIL_LINES][256], const OomEvent *e)
{
    char when[32], req[32] = "a commit";
    for (int i = 0; i < HISTORY_DETAIL_LINES; i++)
        lines[i][0] = '\0';
    if (e->kind == OOM_EVENT_KILL) {
        kill_detail(lines, e);
        return;
    }
    history_time(when, sizeof when, e->time);
    if (e->bytes >= 0)
        snprintf(req, sizeof req, "%lld bytes", e->bytes);
    snprintf(lines[0], 256, "Refused %s to pid %d (%s) at %s, %.3f s after boot", req,
             (int)e->pid, e->command, when, (double)e->usec / 1e6);
    snprintf(lines[1], 256, "__vm_enough_memory: the commit charge would pass CommitLimit "
             "(vm.overcommit_memory = 2); the allocation failed, nothing was killed");
}

void history_counts(const OomLog *log, size_t *kills, size_t *refusals)
{
    *kills = *refusals = 0;
    for (size_t i = 0; log && i < oomlog_count(log); i++) {
        if (oomlog_event(log, i)->kind == OOM_EVENT_KILL)
            ++*kills;
        else
            ++*refusals;
    }
}

void history_heading(char *buf, size_t len, const OomLog *log, long long vmstat_kills,
                     unsigned long long lost)
{
    size_t kills, refusals;
    history_counts(log, &kills, &refusals);
    int n = snprintf(buf, len, "OOM history: %zu kill%s, %zu refusal%s in the kernel log",
                     kills, kills == 1 ? "" : "s", refusals, refusals == 1 ? "" : "s");
    size_t used = n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
    if (vmstat_kills >= 0 && used < len)
        used += (size_t)snprintf(buf + used, len - used, "; vmstat: %lld since boot%s",
                                 vmstat_kills, vmstat_kills > (long long)kills
                                 ? " (older kills have left the kernel's ring buffer)" : "");
    if (lost && used < len)
        snprintf(buf + used, len - used, "; %llu log records lost to overruns", lost);
}

/* Cells padded like report.c's, the last column whole. */
static void text_cell(FILE *f, enum HistoryCol c, const char *text)
{
    char fit[512];
    if (c == HCOL_COUNT - 1) {
        fputs(text, f);
        return;
    }
    text_fit(fit, sizeof fit, text, cols[c].width, 0);
    int pad = cols[c].width - text_width(fit);
    if (cols[c].left_align)
        fprintf(f, "%s%*s ", fit, pad, "");
    else
        fprintf(f, "%*s%s ", pad, "", fit);
}

void report_oom_history_text(FILE *f, const OomLog *log, long long vmstat_kills,
                             unsigned long long lost)
{
    char buf[1024];
    history_heading(buf, sizeof buf, log, vmstat_kills, lost);
    fprintf(f, "%s\nSizes in KiB.\n\n", buf);
    for (int c = 0; c < HCOL_COUNT; c++)
        text_cell(f, (enum HistoryCol)c, cols[c].title);
    fputc('\n', f);
    for (size_t i = 0; i < oomlog_count(log); i++) {
        for (int c = 0; c < HCOL_COUNT; c++) {
            history_cell(buf, sizeof buf, oomlog_event(log, i), (enum HistoryCol)c, false);
            text_cell(f, (enum HistoryCol)c, buf);
        }
        fputc('\n', f);
    }
}

static void json_str_or_null(JsonW *w, const char *key, const char *s)
{
    if (s && s[0])
        jw_string(w, key, s);
    else
        jw_null(w, key);
}

/* The fields only a kill has: null for a refusal. */
static void json_kill_fields(JsonW *w, const OomEvent *e)
{
    bool k = e->kind == OOM_EVENT_KILL;
    const char *scope = k ? oomlog_constraint_name(e->constraint) : NULL;
    jw_int_or_null(w, "uid", k && e->uid >= 0 ? e->uid : VALUE_MISSING);
    jw_int_or_null(w, "total_vm_kb", k && e->total_vm_kb >= 0 ? e->total_vm_kb : VALUE_MISSING);
    jw_int_or_null(w, "anon_rss_kb", k && e->anon_rss_kb >= 0 ? e->anon_rss_kb : VALUE_MISSING);
    jw_int_or_null(w, "file_rss_kb", k && e->file_rss_kb >= 0 ? e->file_rss_kb : VALUE_MISSING);
    jw_int_or_null(w, "shmem_rss_kb",
                   k && e->shmem_rss_kb >= 0 ? e->shmem_rss_kb : VALUE_MISSING);
    jw_int_or_null(w, "pgtables_kb", k && e->pgtables_kb >= 0 ? e->pgtables_kb : VALUE_MISSING);
    if (k && e->has_oom_score_adj)
        jw_int(w, "oom_score_adj", e->oom_score_adj);
    else
        jw_null(w, "oom_score_adj");
    jw_int_or_null(w, "score", k && e->score >= 0 ? e->score : VALUE_MISSING);
    json_str_or_null(w, "constraint", scope);
    json_str_or_null(w, "cgroup", k ? e->cgroup : NULL);
    json_str_or_null(w, "oom_memcg", k ? e->oom_memcg : NULL);
    json_str_or_null(w, "invoked_by", k ? e->invoked_by : NULL);
    jw_int_or_null(w, "invoked_by_pid",
                   k && e->invoked_by_pid > 0 ? e->invoked_by_pid : VALUE_MISSING);
    jw_int_or_null(w, "order", k && e->order >= 0 ? e->order : VALUE_MISSING);
    if (k)
        jw_bool(w, "reaped", e->reaped);
    else
        jw_null(w, "reaped");
}

void report_oom_event_json(FILE *f, const OomEvent *e)
{
    JsonW w;
    jw_init(&w, f);
    jw_object_begin(&w, NULL);
    jw_string(&w, "kind", e->kind == OOM_EVENT_KILL ? "kill" : "refusal");
    jw_int(&w, "time", (long long)e->time);
    jw_int(&w, "boot_usec", (long long)e->usec);
    jw_int(&w, "pid", e->pid);
    jw_string(&w, "command", e->command);
    json_kill_fields(&w, e);
    jw_int_or_null(&w, "bytes",
                   e->kind == OOM_EVENT_REFUSAL && e->bytes >= 0 ? e->bytes : VALUE_MISSING);
    jw_object_end(&w);
    jw_end_line(&w);
}

void report_oom_history_json(FILE *f, const OomLog *log)
{
    for (size_t i = 0; i < oomlog_count(log); i++)
        report_oom_event_json(f, oomlog_event(log, i));
}
