/* SPDX-License-Identifier: GPL-2.0-or-later
 * proctable.c - filter and order the sampled processes for display.
 */
#include "config.h"

#include "proctable.h"

#include <stdlib.h>
#include <string.h>

#include "memcg.h"
#include "sort.h"

void proctable_init(ProcTable *t)
{
    memset(t, 0, sizeof *t);
    t->sort_col = COL_OOM;
}

void proctable_free(ProcTable *t)
{
    free(t->rows);
    t->rows = NULL;
    t->nrows = t->cap = 0;
}

static bool pid_listed(pid_t pid, const ProcFilter *f)
{
    for (size_t i = 0; i < f->npids; i++)
        if (f->pids[i] == pid)
            return true;
    return false;
}

static bool in_domain(const ProcSample *p, const char *domain)
{
    return p->memcg && p->memcg->domain && strcmp(p->memcg->domain->path, domain) == 0;
}

bool proctable_matches(const ProcSample *p, const ProcFilter *f)
{
    if (f->memcg_domain && !in_domain(p, f->memcg_domain))
        return false;
    if (f->pids && f->npids)
        return pid_listed(p->pid, f);   /* asked for by pid: shown whatever it is */
    if ((p->flags & PROC_KTHREAD) && !f->show_kthreads)
        return false;
    if (f->by_uid && p->uid != f->uid)
        return false;
    if (f->name_search && f->name_search[0]) {
        const char *hay = (f->search_cmdline && p->cmdline) ? p->cmdline : p->comm;
        if (!strcasestr(hay, f->name_search))
            return false;
    }
    return true;
}

/* The kernel's order among equals: the larger badness, then the process
 * created last (select_bad_process() keeps the later of two equal scores). */
static int kernel_order(const ProcSample *a, const ProcSample *b)
{
    if (a->oom_score != b->oom_score)
        return a->oom_score > b->oom_score ? -1 : 1;
    if (a->badness_pages != b->badness_pages)
        return a->badness_pages > b->badness_pages ? -1 : 1;
    if (a->start_ticks != b->start_ticks)
        return a->start_ticks > b->start_ticks ? -1 : 1;
    return (a->pid < b->pid) - (a->pid > b->pid);
}

static int compare_rows(const void *pa, const void *pb, void *arg)
{
    const ProcTable *t = arg;
    const ProcSample *a = *(const ProcSample *const *)pa;
    const ProcSample *b = *(const ProcSample *const *)pb;
    const ColumnDesc *d = fields_desc(t->sort_col);
    int c = fields_compare(a, b, t->sort_col);
    if (d && d->sort_desc)
        c = -c;
    if (t->sort_reverse)
        c = -c;
    return c ? c : kernel_order(a, b);
}

int proctable_build(ProcTable *t, const Snapshot *snap, const ProcFilter *f)
{
    if (snap->nprocs > t->cap) {
        size_t cap = snap->nprocs + snap->nprocs / 4 + 16;
        const ProcSample **rows = realloc(t->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        t->rows = rows;
        t->cap = cap;
    }
    t->nrows = 0;
    for (size_t i = 0; i < snap->nprocs; i++)
        if (proctable_matches(&snap->procs[i], f))
            t->rows[t->nrows++] = &snap->procs[i];
    if (t->nrows > 1)
        sort_r(t->rows, t->nrows, sizeof *t->rows, compare_rows, t);
    return 0;
}

long snapshot_find(const Snapshot *snap, pid_t pid, unsigned long long start_ticks)
{
    for (size_t i = 0; snap && i < snap->nprocs; i++)
        if (snap->procs[i].pid == pid && snap->procs[i].start_ticks == start_ticks)
            return (long)i;
    return -1;
}

long proctable_find(const ProcTable *t, pid_t pid, unsigned long long start_ticks)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i]->pid == pid && t->rows[i]->start_ticks == start_ticks)
            return (long)i;
    return -1;
}
