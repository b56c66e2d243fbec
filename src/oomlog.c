/* SPDX-License-Identifier: GPL-2.0-or-later
 * oomlog.c - joins the lines of one OOM report into an OomEvent and keeps
 * the newest events. The per-line parsers live in oomlog_line.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kmsg.h"
#include "oomlog.h"
#include "oomlog_line.h"

/* An OOM report is printed within moments; older context is not joined. */
#define REPORT_MAX_USEC (30ULL * 1000000ULL)
#define DEFAULT_MAX_EVENTS 1000

/* The report being collected: everything seen since "invoked oom-killer". */
typedef struct Report {
    bool active;
    unsigned long long start_usec;
    OomLine invoked;        /* OOM_LINE_INVOKED, pid filled by the CPU line */
    OomLine select;         /* OOM_LINE_SELECT (2.6.36-5.0) */
    OomLine task_in;        /* OOM_LINE_TASK_IN (pre-4.19 memcg) */
    OomLine summary;        /* OOM_LINE_SUMMARY (4.19+) */
} Report;

struct OomLog {
    OomEvent *ev;           /* ring: ev[(head + i) % cap], i < count */
    size_t cap, max, head, count;
    unsigned long long added, dropped;
    size_t live_kills;
    bool live;
    Report rep;
    char line[OOMLINE_MAX + 1];
};

OomLog *oomlog_new(size_t max_events)
{
    OomLog *log = calloc(1, sizeof(*log));

    if (log)
        log->max = max_events ? max_events : DEFAULT_MAX_EVENTS;
    return log;
}

static void event_clear(OomEvent *e)
{
    free(e->cgroup);
    free(e->oom_memcg);
    e->cgroup = e->oom_memcg = NULL;
}

void oomlog_free(OomLog *log)
{
    if (!log)
        return;
    for (size_t i = 0; i < log->count; i++)
        event_clear(&log->ev[(log->head + i) % log->cap]);
    free(log->ev);
    free(log);
}

void oomlog_gap(OomLog *log)
{
    memset(&log->rep, 0, sizeof(log->rep));
}

void oomlog_mark_live(OomLog *log)
{
    log->live = true;
}

size_t oomlog_count(const OomLog *log)
{
    return log->count;
}

const OomEvent *oomlog_event(const OomLog *log, size_t i)
{
    if (i >= log->count)
        return NULL;
    return &log->ev[(log->head + i) % log->cap];
}

size_t oomlog_live_kills(const OomLog *log)
{
    return log->live_kills;
}

unsigned long long oomlog_added(const OomLog *log)
{
    return log->added;
}

unsigned long long oomlog_dropped(const OomLog *log)
{
    return log->dropped;
}

const char *oomlog_constraint_name(enum OomConstraint c)
{
    switch (c) {
    case OOM_CONSTRAINT_GLOBAL: return "global";
    case OOM_CONSTRAINT_MEMCG: return "memcg";
    case OOM_CONSTRAINT_CPUSET: return "cpuset";
    case OOM_CONSTRAINT_MEMPOLICY: return "mempolicy";
    case OOM_CONSTRAINT_SYSTEM: return "system";
    case OOM_CONSTRAINT_UNKNOWN: break;
    }
    return NULL;
}

/* A slot for a new event at the end of the ring (the oldest is dropped
 * when full). NULL only if memory ran out; then the event is lost. */
static OomEvent *event_slot(OomLog *log)
{
    OomEvent *e;

    if (log->count == log->cap && log->cap < log->max) {
        size_t ncap = log->cap ? log->cap * 2 : 16;
        OomEvent *nev;

        if (ncap > log->max)
            ncap = log->max;
        nev = realloc(log->ev, ncap * sizeof(*nev));
        if (!nev)
            return NULL;
        log->ev = nev;
        log->cap = ncap;    /* head is 0 until the ring is full */
    }
    if (log->count == log->cap) {
        e = &log->ev[log->head];
        event_clear(e);
        log->head = (log->head + 1) % log->cap;
        log->count--;
        log->dropped++;
    }
    e = &log->ev[(log->head + log->count) % log->cap];
    memset(e, 0, sizeof(*e));
    return e;
}

static OomEvent *event_add(OomLog *log, const KmsgRecord *rec, double boot_wall_s,
                           enum OomEventKind kind)
{
    OomEvent *e = event_slot(log);

    if (!e)
        return NULL;
    log->count++;
    log->added++;
    e->kind = kind;
    e->seq = rec->seq;
    e->usec = rec->usec;
    e->time = kmsg_wall_time(boot_wall_s, rec->usec);
    e->live = log->live;
    e->uid = e->total_vm_kb = e->anon_rss_kb = e->file_rss_kb = VALUE_MISSING;
    e->shmem_rss_kb = e->pgtables_kb = e->score = e->bytes = VALUE_MISSING;
    e->order = -1;
    if (log->live && kind == OOM_EVENT_KILL)
        log->live_kills++;
    return e;
}

static void copy_kill_fields(OomEvent *e, const OomLine *l)
{
    e->pid = l->pid;
    oomline_text(e->command, sizeof(e->command), l->comm);
    e->total_vm_kb = l->total_vm_kb;
    e->anon_rss_kb = l->anon_rss_kb;
    e->file_rss_kb = l->file_rss_kb;
    e->shmem_rss_kb = l->shmem_rss_kb;
    e->pgtables_kb = l->pgtables_kb;
    e->uid = l->uid;
    e->has_oom_score_adj = l->has_adj;
    e->oom_score_adj = l->adj;
    e->constraint = l->constraint;
    e->allocating_task = l->allocating_task;
}

/* Joins what the report said about the kill whose own line is `k`. The
 * memcg of a task is only taken when the report was about this very task
 * (not a parent whose child was sacrificed): nothing is guessed. */
static void join_report(OomEvent *e, const Report *r, const OomLine *k)
{
    bool same_sel = r->select.kind && r->select.pid == k->pid;

    if (r->invoked.kind) {
        oomline_text(e->invoked_by, sizeof(e->invoked_by), r->invoked.comm);
        e->invoked_by_pid = r->invoked.pid;
        e->order = r->invoked.order;
    }
    if (r->select.kind) {
        if (same_sel)
            e->score = r->select.score;
        if (!e->constraint)
            e->constraint = r->select.constraint;
        e->allocating_task |= r->select.allocating_task;
    }
    if (r->task_in.kind) {
        e->constraint = OOM_CONSTRAINT_MEMCG;
        e->oom_memcg = oomline_strdup(r->task_in.oom_memcg);
        if (!r->select.kind || same_sel)
            e->cgroup = oomline_strdup(r->task_in.cgroup);
    }
    if (r->summary.kind) {
        const OomLine *s = &r->summary;

        if (s->constraint)
            e->constraint = s->constraint;
        if (s->oom_memcg[0]) {
            free(e->oom_memcg);
            e->oom_memcg = oomline_strdup(s->oom_memcg);
        }
        if (s->pid == k->pid && strcmp(s->comm, k->comm) == 0) {
            if (e->uid == VALUE_MISSING)
                e->uid = s->uid;
            if (s->cgroup[0]) {
                free(e->cgroup);
                e->cgroup = oomline_strdup(s->cgroup);
            }
        }
    }
}

static void on_kill(OomLog *log, const KmsgRecord *rec, double boot_wall_s, const OomLine *l)
{
    Report *r = &log->rep;
    OomEvent *e = event_add(log, rec, boot_wall_s, OOM_EVENT_KILL);

    if (e) {
        copy_kill_fields(e, l);
        if (r->active && rec->usec - r->start_usec <= REPORT_MAX_USEC)
            join_report(e, r, l);
    }
    oomlog_gap(log);
}

static void on_refusal(OomLog *log, const KmsgRecord *rec, double boot_wall_s, const OomLine *l)
{
    OomEvent *e = event_add(log, rec, boot_wall_s, OOM_EVENT_REFUSAL);

    if (!e)
        return;
    e->pid = l->pid;
    oomline_text(e->command, sizeof(e->command), l->comm);
    e->bytes = l->bytes;
}

static void on_reaped(OomLog *log, pid_t pid)
{
    for (size_t i = log->count; i-- > 0 && log->count - i <= 16;) {
        OomEvent *e = &log->ev[(log->head + i) % log->cap];
        if (e->kind == OOM_EVENT_KILL && e->pid == pid) {
            e->reaped = true;
            return;
        }
    }
}

/* Keeps a report line; `slot` is where it belongs in the report. */
static void keep(Report *r, OomLine *slot, const OomLine *l, const KmsgRecord *rec)
{
    if (!r->active) {
        r->active = true;
        r->start_usec = rec->usec;
    }
    *slot = *l;
}

void oomlog_feed(OomLog *log, const KmsgRecord *rec, double boot_wall_s)
{
    Report *r = &log->rep;
    OomLine l;

    if (!rec || !rec->text || rec->facility != 0 || rec->text_len > OOMLINE_MAX)
        return;
    if (memchr(rec->text, '\0', rec->text_len))
        return;
    memcpy(log->line, rec->text, rec->text_len);
    log->line[rec->text_len] = '\0';
    if (oomline_parse(log->line, &l) != 0)
        return;
    switch (l.kind) {
    case OOM_LINE_INVOKED:
        oomlog_gap(log);
        keep(r, &r->invoked, &l, rec);
        break;
    case OOM_LINE_CPU:
        if (r->invoked.kind && !r->invoked.pid && strcmp(r->invoked.comm, l.comm) == 0)
            r->invoked.pid = l.pid;
        break;
    case OOM_LINE_TASK_IN:
        keep(r, &r->task_in, &l, rec);
        break;
    case OOM_LINE_SUMMARY:
        keep(r, &r->summary, &l, rec);
        break;
    case OOM_LINE_SELECT:
        keep(r, &r->select, &l, rec);
        break;
    case OOM_LINE_KILLED:
        on_kill(log, rec, boot_wall_s, &l);
        break;
    case OOM_LINE_REAPED:
        on_reaped(log, l.pid);
        break;
    case OOM_LINE_REFUSAL:
        on_refusal(log, rec, boot_wall_s, &l);
        break;
    case OOM_LINE_NONE:
        break;
    }
}
