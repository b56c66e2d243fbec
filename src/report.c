/* SPDX-License-Identifier: GPL-2.0-or-later
 * report.c - text and JSON renderings of one refresh.
 */
#include "config.h"

#include "report.h"

#include <string.h>

#include "jsonw.h"
#include "summary.h"

/* One cell padded to its column's width (right-aligned unless left_align). */
static void put_cell(FILE *f, const ColumnDesc *d, const char *text, bool last)
{
    if (last)
        fputs(text, f);
    else if (d->left_align)
        fprintf(f, "%-*s ", d->width, text);
    else
        fprintf(f, "%*s ", d->width, text);
}

void report_text(FILE *f, const Snapshot *snap, const ProcTable *t, const FormatCtx *ctx)
{
    Summary s;
    char cell[4096];
    summary_build(&s, snap, t->nrows);
    for (int i = 0; i < SUMMARY_LINES; i++)
        fprintf(f, "%s\n", s.line[i]);
    fputc('\n', f);
    for (const enum ColumnId *c = fields_default_columns; *c != COL_NONE; c++)
        put_cell(f, fields_desc(*c), fields_desc(*c)->title, c[1] == COL_NONE);
    fputc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
        for (const enum ColumnId *c = fields_default_columns; *c != COL_NONE; c++) {
            fields_format(cell, sizeof cell, t->rows[r], *c, ctx);
            put_cell(f, fields_desc(*c), cell, c[1] == COL_NONE);
        }
        fputc('\n', f);
    }
    fputc('\n', f);
}

static void json_memory(JsonW *w, const MemInfo *m)
{
    jw_object_begin(w, "memory");
    jw_int_or_null(w, "mem_total_kb", m->mem_total_kb);
    jw_int_or_null(w, "mem_free_kb", m->mem_free_kb);
    jw_int_or_null(w, "mem_available_kb", m->mem_available_kb);
    jw_int_or_null(w, "swap_total_kb", m->swap_total_kb);
    jw_int_or_null(w, "swap_free_kb", m->swap_free_kb);
    jw_int_or_null(w, "committed_as_kb", m->committed_as_kb);
    jw_int_or_null(w, "commit_limit_kb", m->commit_limit_kb);
    jw_object_end(w);
}

static void json_policy(JsonW *w, const VmPolicy *p)
{
    jw_object_begin(w, "policy");
    jw_int_or_null(w, "overcommit_memory", p->overcommit_memory);
    jw_int_or_null(w, "overcommit_ratio", p->overcommit_ratio);
    jw_int_or_null(w, "overcommit_kbytes", p->overcommit_kbytes);
    jw_int_or_null(w, "admin_reserve_kbytes", p->admin_reserve_kbytes);
    jw_int_or_null(w, "user_reserve_kbytes", p->user_reserve_kbytes);
    jw_object_end(w);
}

/* An integer figure the sampler may not have been allowed to read. */
static void json_flagged_int(JsonW *w, const char *key, const ProcSample *p,
                             unsigned flag, long long v)
{
    if (p->flags & flag)
        jw_int(w, key, v);
    else
        jw_null(w, key);
}

static void json_process(JsonW *w, const ProcSample *p, const FormatCtx *ctx)
{
    jw_object_begin(w, NULL);
    jw_int(w, "pid", p->pid);
    jw_string(w, "user", p->user);
    jw_int(w, "uid", p->uid);
    json_flagged_int(w, "nice", p, PROC_NICE_OK, p->nice);
    jw_int(w, "virt_kb", p->vm_size_kb);
    jw_int(w, "res_kb", p->vm_rss_kb);
    jw_int(w, "shr_kb", proc_shr_kb(p));
    jw_int(w, "swap_kb", p->vm_swap_kb);
    if (ctx->mem_total_kb > 0)
        jw_double(w, "mem_pct", 100.0 * (double)p->vm_rss_kb / (double)ctx->mem_total_kb, 2);
    else
        jw_null(w, "mem_pct");
    json_flagged_int(w, "oom_score", p, PROC_OOM_SCORE_OK, p->oom_score);
    json_flagged_int(w, "oom_score_adj", p, PROC_OOM_ADJ_OK, p->oom_score_adj);
    jw_string(w, "command", p->comm);
    if (p->cmdline)
        jw_string(w, "command_line", p->cmdline);
    jw_int(w, "start_ticks", (long long)p->start_ticks);
    jw_object_end(w);
}

void report_json(FILE *f, const Snapshot *snap, const ProcTable *t, const FormatCtx *ctx)
{
    JsonW w;
    jw_init(&w, f);
    jw_object_begin(&w, NULL);
    jw_int(&w, "time", (long long)snap->wall_time);
    jw_int(&w, "tasks_total", (long long)snap->ntasks_total);
    json_memory(&w, &snap->mem);
    json_policy(&w, &snap->policy);
    jw_array_begin(&w, "processes");
    for (size_t r = 0; r < t->nrows; r++)
        json_process(&w, t->rows[r], ctx);
    jw_array_end(&w);
    jw_object_end(&w);
    jw_end_line(&w);
}
