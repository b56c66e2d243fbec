/* SPDX-License-Identifier: GPL-2.0-or-later
 * report.c - text and JSON renderings of one refresh.
 */
#include "config.h"

#include "report.h"

#include <string.h>

#include "jsonw.h"
#include "memcg.h"
#include "summary.h"
#include "text.h"
#include "whatif.h"

/* One row of the text report, gathered before it is written: one stdio
 * call per row rather than several per cell. A row longer than the buffer
 * (a long command line) is written in pieces, never cut. */
typedef struct Row {
    FILE *f;
    size_t len;
    char buf[8192];
} Row;

static void row_flush(Row *r)
{
    fwrite(r->buf, 1, r->len, r->f);
    r->len = 0;
}

static void row_put(Row *r, const char *s, size_t n)
{
    while (n > 0) {
        if (r->len == sizeof r->buf)
            row_flush(r);
        size_t k = sizeof r->buf - r->len < n ? sizeof r->buf - r->len : n;
        memcpy(r->buf + r->len, s, k);
        r->len += k;
        s += k;
        n -= k;
    }
}

static void row_end(Row *r)
{
    row_put(r, "\n", 1);
    row_flush(r);
}

/* The most a cell takes in the row buffer: its width in 4-byte characters
 * at most (a longer text is cut), the space after it and a NUL. */
#define CELL_MAX 512

/* One cell padded to its column's width (right-aligned unless left_align)
 * and a space; a longer text (a user or cgroup name) is cut at the width so
 * that the columns after it stay aligned. The last column is written whole.
 * Cells are padded straight into the row buffer: one copy less per cell. */
static void put_cell(Row *r, const ColumnDesc *d, const char *text, bool last)
{
    if (last) {
        row_put(r, text, strlen(text));
        return;
    }
    if (sizeof r->buf - r->len < CELL_MAX)
        row_flush(r);
    text_put_cell(r->buf, r->len + CELL_MAX - 1, &r->len, text, d->width, d->left_align);
    r->buf[r->len++] = ' ';
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
    SummaryIncident inc = { .tracker = rc->tracker, .wide = true };
    summary_build_incident(&s, snap, t->nrows, &inc);
    for (int i = 0; i < SUMMARY_LINES; i++)
        fprintf(f, "%s\n", s.line[i]);
    fputc('\n', f);
    Row rowbuf, *row = &rowbuf;
    row->f = f;
    row->len = 0;
    for (const enum ColumnId *c = fields_default_columns; *c != COL_NONE; c++)
        put_cell(row, fields_desc(*c), fields_desc(*c)->title, c[1] == COL_NONE);
    row_end(row);
    for (size_t r = 0; r < t->nrows; r++) {
        for (const enum ColumnId *c = fields_default_columns; *c != COL_NONE; c++) {
            fields_format(cell, sizeof cell, t->rows[r], *c, ctx);
            put_cell(row, fields_desc(*c), cell, c[1] == COL_NONE);
        }
        row_end(row);
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

/* PSI as percentages; null without PSI (never zeros). */
static void json_pressure(JsonW *w, const Pressure *p)
{
    if (!p->available) {
        jw_null(w, "pressure");
        return;
    }
    jw_object_begin(w, "pressure");
    jw_double(w, "some_avg10", p->some_avg10, 2);
    jw_double(w, "some_avg60", p->some_avg60, 2);
    jw_double(w, "some_avg300", p->some_avg300, 2);
    jw_double(w, "full_avg10", p->full_avg10, 2);
    jw_double(w, "full_avg60", p->full_avg60, 2);
    jw_double(w, "full_avg300", p->full_avg300, 2);
    jw_object_end(w);
}

static void json_rate(JsonW *w, const char *key, double v)
{
    if (v < 0)
        jw_null(w, key);
    else
        jw_double(w, key, v, 1);
}

/* OOM kills since boot and since the first refresh, and the vmstat rates
 * over the last interval (null on the first refresh). */
static void json_vmstat(JsonW *w, const Snapshot *snap, const PressureTracker *t)
{
    const VmRates *r = t ? &t->rates : NULL;
    jw_int_or_null(w, "oom_kills", snap->vmstat.oom_kill);
    jw_int_or_null(w, "oom_kills_since_start", t ? t->oom_kills_since_start : VALUE_MISSING);
    jw_object_begin(w, "rates");
    json_rate(w, "swap_in_kb_s", r ? r->swap_in_kb_s : -1);
    json_rate(w, "swap_out_kb_s", r ? r->swap_out_kb_s : -1);
    json_rate(w, "major_faults_s", r ? r->major_faults_s : -1);
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

/* The memory cgroup fields; the JSON writer skips them (writing "memcg":
 * null) when the process has no known cgroup. */
static bool has_memcg(const ProcSample *p) { return p->memcg != NULL; }
static FieldValue get_memcg_path(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->memcg ? fv_str(p->memcg->path) : fv_null();
}
static FieldValue get_memcg_unit(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->memcg && p->memcg->unit && p->memcg->unit[0] ? fv_str(p->memcg->unit) : fv_null();
}
static FieldValue get_memcg_limit(const ProcSample *p, const FormatCtx *c)
{
    (void)c;   /* unlimited and unknown are both null */
    return p->memcg && p->memcg->limit_kb >= 0 ? fv_int(p->memcg->limit_kb) : fv_null();
}
static FieldValue get_memcg_usage(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->memcg && p->memcg->usage_kb >= 0 ? fv_int(p->memcg->usage_kb) : fv_null();
}
static FieldValue get_memcg_kills(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->memcg && p->memcg->oom_kills >= 0 ? fv_int(p->memcg->oom_kills) : fv_null();
}
static FieldValue get_memcg_domain(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->memcg && p->memcg->domain ? fv_str(p->memcg->domain->path) : fv_null();
}
static FieldValue get_rank_in_memcg(const ProcSample *p, const FormatCtx *c)
{
    (void)c;
    return p->oom_rank_in_memcg > 0 ? fv_int(p->oom_rank_in_memcg) : fv_null();
}

/* Fields that JSON nests in one object and CSV flattens. */
typedef struct FieldGroup {
    const char *name;                       /* the JSON object: "memcg" */
    bool (*present)(const ProcSample *p);   /* false: the object is null */
} FieldGroup;

static const FieldGroup memcg_group = { "memcg", has_memcg };

#define FIELD(name, get) { name, get, NULL, NULL }
#define MEMCG_FIELD(name, get, key) { name, get, &memcg_group, key }

/* The per-process fields of JSON and CSV, in output order. Names carry
 * their units and are never renamed once published (oomtop(1)). */
static const struct {
    const char *name;           /* CSV column, and JSON key outside a group */
    FieldGetter get;
    const FieldGroup *group;    /* NULL, or the JSON object it is nested in */
    const char *key;            /* its JSON key inside the group */
} proc_fields[] = {
    FIELD("pid", get_pid),
    FIELD("user", get_user),
    FIELD("uid", get_uid),
    FIELD("nice", get_nice),
    FIELD("virt_kb", get_virt),
    FIELD("res_kb", get_res),
    FIELD("shr_kb", get_shr),
    FIELD("swap_kb", get_swap),
    FIELD("mem_pct", get_mem_pct),
    FIELD("oom_score", get_oom_score),
    FIELD("oom_score_adj", get_oom_adj),
    FIELD("command", get_command),
    FIELD("command_line", get_cmdline),
    FIELD("start_ticks", get_start),
    FIELD("oom_rank", get_rank),
    FIELD("oom_badness_pages", get_badness),
    FIELD("oom_score_predicted", get_predicted),
    MEMCG_FIELD("memcg_path", get_memcg_path, "path"),
    MEMCG_FIELD("memcg_unit", get_memcg_unit, "unit"),
    MEMCG_FIELD("memcg_limit_kb", get_memcg_limit, "limit_kb"),
    MEMCG_FIELD("memcg_usage_kb", get_memcg_usage, "usage_kb"),
    MEMCG_FIELD("memcg_oom_kills", get_memcg_kills, "oom_kills"),
    MEMCG_FIELD("memcg_domain", get_memcg_domain, "domain"),
    FIELD("oom_rank_in_memcg", get_rank_in_memcg),
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

/* Writes the group starting at field i as one object (or null); returns
 * the index of the first field after it. */
static size_t json_group(JsonW *w, size_t i, const ProcSample *p, const FormatCtx *ctx)
{
    const FieldGroup *g = proc_fields[i].group;
    bool present = g->present(p);
    if (present)
        jw_object_begin(w, g->name);
    else
        jw_null(w, g->name);
    for (; i < N_PROC_FIELDS && proc_fields[i].group == g; i++)
        if (present)
            json_value(w, proc_fields[i].key, proc_fields[i].get(p, ctx));
    if (present)
        jw_object_end(w);
    return i;
}

static void json_process(JsonW *w, const ProcSample *p, const FormatCtx *ctx)
{
    jw_object_begin(w, NULL);
    for (size_t i = 0; i < N_PROC_FIELDS;) {
        if (proc_fields[i].group) {
            i = json_group(w, i, p, ctx);
        } else {
            json_value(w, proc_fields[i].name, proc_fields[i].get(p, ctx));
            i++;
        }
    }
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
    json_pressure(&w, &snap->pressure);
    json_vmstat(&w, snap, rc->tracker);
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
