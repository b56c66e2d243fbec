/* SPDX-License-Identifier: GPL-2.0-or-later
 * report.c - text and JSON renderings of one refresh.
 */
#include "config.h"

#include "report.h"

#include <string.h>

#include "jsonw.h"
#include "summary.h"
#include "text.h"
#include "whatif.h"

/* One cell padded to its column's width (right-aligned unless left_align);
 * a longer text (a user or cgroup name) is cut at the width so that the
 * columns after it stay aligned. The last column is written whole. */
static void put_cell(FILE *f, const ColumnDesc *d, const char *text, bool last)
{
    char fit[512];
    if (last) {
        fputs(text, f);
        return;
    }
    text_fit(fit, sizeof fit, text, d->width, 0);
    int pad = d->width - text_width(fit);
    if (d->left_align)
        fprintf(f, "%s%*s ", fit, pad, "");
    else
        fprintf(f, "%*s%s ", pad, "", fit);
}

void report_what_if_policy(VmPolicy *sim, const VmPolicy *live, int mode, long long ratio,
                           long long kbytes)
{
    *sim = *live;
    whatif_set_mode(sim, mode);
    if (ratio >= 0)
        whatif_set_ratio(sim, ratio);
    if (kbytes >= 0)
        whatif_set_kbytes(sim, kbytes);
}

/* In what-if, the header describes the simulated machine: its policy and
 * the CommitLimit that policy would give; the banner says it is not real. */
static void what_if_header(FILE *f, const Snapshot *live, const VmPolicy *sim, Snapshot *shown)
{
    WhatIfCommit c;
    char line[SUMMARY_LINE_MAX];
    whatif_commit(&live->mem, sim, live->page_kb, VALUE_MISSING, &c);
    whatif_banner(line, sizeof line, sim, &live->policy);
    fprintf(f, "%s\n", line);
    whatif_summary(line, sizeof line, &c);
    fprintf(f, "What-if: %s\n", line);
    *shown = *live;
    shown->policy = *sim;
    shown->mem.commit_limit_kb = c.commit_limit_kb;
}

void report_text(FILE *f, const Snapshot *snap, const ProcTable *t, const ReportCtx *rc)
{
    const FormatCtx *ctx = &rc->fmt;
    Summary s;
    Snapshot simulated;
    char cell[4096];
    if (rc->what_if) {
        what_if_header(f, snap, rc->what_if, &simulated);
        snap = &simulated;
    }
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

/* One value of a per-process field, as JSON and CSV both need it. */
typedef struct FieldValue {
    enum { FV_NULL, FV_INT, FV_DOUBLE, FV_STRING } kind;
    long long i;
    double d;
    const char *s;
} FieldValue;

typedef FieldValue (*FieldGetter)(const ProcSample *p, const FormatCtx *ctx);

static FieldValue fv_int(long long v) { return (FieldValue){ .kind = FV_INT, .i = v }; }
static FieldValue fv_str(const char *s) { return (FieldValue){ .kind = FV_STRING, .s = s }; }
static FieldValue fv_null(void) { return (FieldValue){ .kind = FV_NULL }; }

/* An integer the sampler may not have been allowed to read. */
static FieldValue fv_flagged(const ProcSample *p, unsigned flag, long long v)
{
    return (p->flags & flag) ? fv_int(v) : fv_null();
}

static FieldValue get_pid(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_int(p->pid); }
static FieldValue get_user(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_str(p->user); }
static FieldValue get_uid(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_int(p->uid); }
static FieldValue get_nice(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return fv_flagged(p, PROC_NICE_OK, p->nice);
}
static FieldValue get_virt(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_int(p->vm_size_kb); }
static FieldValue get_res(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_int(p->vm_rss_kb); }
static FieldValue get_shr(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_int(proc_shr_kb(p)); }
static FieldValue get_swap(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_int(p->vm_swap_kb); }
static FieldValue get_mem_pct(const ProcSample *p, const FormatCtx *c)
{
    if (c->mem_total_kb <= 0)
        return fv_null();
    return (FieldValue){ .kind = FV_DOUBLE,
                         .d = 100.0 * (double)p->vm_rss_kb / (double)c->mem_total_kb };
}
static FieldValue get_oom_score(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return fv_flagged(p, PROC_OOM_SCORE_OK, p->oom_score);
}
static FieldValue get_oom_adj(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return fv_flagged(p, PROC_OOM_ADJ_OK, p->oom_score_adj);
}
static FieldValue get_command(const ProcSample *p, const FormatCtx *c) { (void)c; return fv_str(p->comm); }
static FieldValue get_cmdline(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->cmdline ? fv_str(p->cmdline) : fv_null();
}
static FieldValue get_rank(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->oom_eligible ? fv_int(p->oom_rank) : fv_null();
}
static FieldValue get_badness(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->oom_eligible ? fv_int(p->badness_pages) : fv_null();
}
static FieldValue get_predicted(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return fv_int(p->oom_score_predicted);
}
static FieldValue get_start(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return fv_int((long long)p->start_ticks);
}

/* The per-process fields of JSON and CSV, in output order. Names carry
 * their units and are never renamed once published (oomtop(1)). */
static const struct {
    const char *name;
    FieldGetter get;
} proc_fields[] = {
    { "pid", get_pid },
    { "user", get_user },
    { "uid", get_uid },
    { "nice", get_nice },
    { "virt_kb", get_virt },
    { "res_kb", get_res },
    { "shr_kb", get_shr },
    { "swap_kb", get_swap },
    { "mem_pct", get_mem_pct },
    { "oom_score", get_oom_score },
    { "oom_score_adj", get_oom_adj },
    { "command", get_command },
    { "command_line", get_cmdline },
    { "start_ticks", get_start },
    { "oom_rank", get_rank },
    { "oom_badness_pages", get_badness },
    { "oom_score_predicted", get_predicted },
};

#define N_PROC_FIELDS (sizeof proc_fields / sizeof proc_fields[0])

static void json_value(JsonW *w, const char *key, FieldValue v)
{
    switch (v.kind) {
    case FV_NULL: jw_null(w, key); break;
    case FV_INT: jw_int(w, key, v.i); break;
    case FV_DOUBLE: jw_double(w, key, v.d, 2); break;
    case FV_STRING: jw_string(w, key, v.s); break;
    }
}

static void json_process(JsonW *w, const ProcSample *p, const FormatCtx *ctx)
{
    jw_object_begin(w, NULL);
    for (size_t i = 0; i < N_PROC_FIELDS; i++)
        json_value(w, proc_fields[i].name, proc_fields[i].get(p, ctx));
    jw_object_end(w);
}

static void json_what_if(JsonW *w, const Snapshot *snap, const VmPolicy *sim)
{
    WhatIfCommit c;
    whatif_commit(&snap->mem, sim, snap->page_kb, VALUE_MISSING, &c);
    jw_object_begin(w, "what_if");
    jw_int(w, "mode", c.mode);
    jw_int(w, "ratio", c.ratio);
    jw_int(w, "kbytes", c.kbytes);
    jw_int_or_null(w, "commit_limit_kb", c.commit_limit_kb);
    jw_int_or_null(w, "committed_as_kb", c.committed_as_kb);
    jw_int_or_null(w, "headroom_kb", c.headroom_kb);
    if (c.largest_allocation_kb == WHATIF_UNLIMITED)
        jw_null(w, "largest_allocation_kb");
    else
        jw_int_or_null(w, "largest_allocation_kb", c.largest_allocation_kb);
    jw_object_end(w);
}

void report_json(FILE *f, const Snapshot *snap, const ProcTable *t, const ReportCtx *rc)
{
    const FormatCtx *ctx = &rc->fmt;
    JsonW w;
    jw_init(&w, f);
    jw_object_begin(&w, NULL);
    jw_int(&w, "time", (long long)snap->wall_time);
    jw_int(&w, "tasks_total", (long long)snap->ntasks_total);
    json_memory(&w, &snap->mem);
    json_policy(&w, &snap->policy);
    if (rc->what_if)
        json_what_if(&w, snap, rc->what_if);
    const ProcSample *victim = summary_ranked(snap, 1);
    if (victim) {
        jw_object_begin(&w, "next_victim");
        jw_int(&w, "pid", victim->pid);
        jw_string(&w, "command", victim->comm);
        jw_int(&w, "badness_pages", victim->badness_pages);
        jw_object_end(&w);
    } else {
        jw_null(&w, "next_victim");
    }
    jw_array_begin(&w, "processes");
    for (size_t r = 0; r < t->nrows; r++)
        json_process(&w, t->rows[r], ctx);
    jw_array_end(&w);
    jw_object_end(&w);
    jw_end_line(&w);
}

/* RFC 4180: quote a field that holds a comma, a quote or a space. */
static void csv_string(FILE *f, const char *s)
{
    if (!s[strcspn(s, ",\" \r\n")]) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_value(FILE *f, FieldValue v)
{
    switch (v.kind) {
    case FV_NULL: break;   /* empty field */
    case FV_INT: fprintf(f, "%lld", v.i); break;
    case FV_DOUBLE: fprintf(f, "%.2f", v.d); break;
    case FV_STRING: csv_string(f, v.s); break;
    }
}

void report_csv_header(FILE *f)
{
    fputs("time", f);
    for (size_t i = 0; i < N_PROC_FIELDS; i++)
        fprintf(f, ",%s", proc_fields[i].name);
    fputc('\n', f);
}

void report_csv(FILE *f, const Snapshot *snap, const ProcTable *t, const FormatCtx *ctx)
{
    for (size_t r = 0; r < t->nrows; r++) {
        fprintf(f, "%lld", (long long)snap->wall_time);
        for (size_t i = 0; i < N_PROC_FIELDS; i++) {
            fputc(',', f);
            csv_value(f, proc_fields[i].get(t->rows[r], ctx));
        }
        fputc('\n', f);
    }
}
