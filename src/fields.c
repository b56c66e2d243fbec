/* SPDX-License-Identifier: GPL-2.0-or-later
 * fields.c - the column table and the per-column format and compare.
 */
#include "config.h"

#include "fields.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <time.h>

#include "memcg.h"
#include "text.h"

static const ColumnDesc columns[COL_COUNT] = {
    [COL_PID] = { "pid", "PID", 7, false, false, "process id" },
    [COL_USER] = { "user", "USER", 8, true, false, "owner (real user id)" },
    [COL_NI] = { "ni", "NI", 3, false, true, "nice value, -20 (favoured) .. 19" },
    [COL_VIRT] = { "virt", "VIRT", 7, false, true,
                   "virtual size, VmSize: all mapped address space" },
    [COL_RES] = { "res", "RES", 7, false, true,
                  "resident memory, VmRSS = RssAnon + RssFile + RssShmem" },
    [COL_SHR] = { "shr", "SHR", 7, false, true,
                  "shared resident memory, RssFile + RssShmem (as top)" },
    [COL_SWAP] = { "swap", "SWAP", 6, false, true, "swapped-out anonymous memory, VmSwap" },
    [COL_MEM] = { "mem", "%MEM", 5, false, true, "RES as a percentage of MemTotal" },
    [COL_OOM] = { "oom", "OOM", 5, false, true,
                  "the kernel's /proc/PID/oom_score: who the OOM killer picks first" },
    [COL_ADJ] = { "adj", "ADJ", 5, false, true,
                  "oom_score_adj, -1000 (never killed) .. 1000 (killed first)" },
    [COL_COMMAND] = { "command", "COMMAND", 0, true, false,
                      "command name (c: full command line)" },
    [COL_RANK] = { "rank", "RANK", 5, false, false,
                   "order in which the OOM killer would pick it: 1 = next victim, - = never" },
    [COL_ANON] = { "anon", "ANON", 7, false, true, "resident anonymous memory, RssAnon" },
    [COL_FILE] = { "file", "FILE", 7, false, true, "resident file-backed memory, RssFile" },
    [COL_SHMEM] = { "shmem", "SHMEM", 7, false, true,
                    "resident shared memory (SysV, shared anonymous, tmpfs), RssShmem" },
    [COL_CGROUP] = { "cgroup", "CGROUP", 20, true, false,
                     "memory cgroup: its systemd unit, else its path", NEED_CGROUP },
    [COL_CGMEM] = { "cgmem", "CG%", 5, false, true,
                    "usage of the nearest limited cgroup as a percentage of its limit",
                    NEED_CGROUP },
    [COL_START] = { "start", "START", 8, false, true, "when the process started" },
    [COL_CGRANK] = { "cgrank", "CGRANK", 7, false, false,
                     "order in which a cgroup OOM in its nearest limited cgroup would pick it",
                     NEED_CGROUP },
    [COL_PSS] = { "pss", "PSS", 7, false, true,
                  "proportional set size: RES with shared pages divided among their users "
                  "(smaps_rollup, read only while shown)", NEED_PSS },
};

const enum ColumnId fields_default_columns[] = {
    COL_PID, COL_USER, COL_NI, COL_VIRT, COL_RES, COL_SHR, COL_SWAP,
    COL_MEM, COL_OOM, COL_ADJ, COL_RANK, COL_COMMAND, COL_NONE
};

unsigned fields_needs(const enum ColumnId *cols)
{
    unsigned needs = 0;
    for (; *cols != COL_NONE; cols++)
        needs |= columns[*cols].needs;
    return needs;
}

unsigned fields_needs_sorted(const enum ColumnId *cols, enum ColumnId sort_col)
{
    const ColumnDesc *sort = fields_desc(sort_col);
    return fields_needs(cols) | (sort ? sort->needs : 0);
}

const ColumnDesc *fields_desc(enum ColumnId col)
{
    return (col > COL_NONE && col < COL_COUNT) ? &columns[col] : NULL;
}

enum ColumnId fields_by_name(const char *name)
{
    if (name[0] == '%')
        name++;
    for (int c = COL_NONE + 1; c < COL_COUNT; c++) {
        const char *title = columns[c].title[0] == '%' ? columns[c].title + 1 : columns[c].title;
        if (strcasecmp(name, columns[c].name) == 0 || strcasecmp(name, title) == 0)
            return (enum ColumnId)c;
    }
    return COL_NONE;
}

static const char *command_text(const ProcSample *p, const FormatCtx *ctx)
{
    if (ctx->full_command && p->cmdline && p->cmdline[0])
        return p->cmdline;
    return p->comm;
}

/* What the CGROUP column shows: the unit, else the cgroup path. */
static const char *cgroup_label(const ProcSample *p)
{
    const MemcgInfo *m = p->memcg;
    return !m ? "-" : (m->unit && m->unit[0]) ? m->unit : m->path;
}

static void format_cgmem(char *buf, size_t len, const ProcSample *p)
{
    double pct = p->memcg ? memcg_fill_percent(p->memcg) : -1.0;
    if (pct < 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%.0f", pct);
}

/* A victim rank, "-" when the process would never be picked. */
static void format_rank(char *buf, size_t len, int rank)
{
    if (rank > 0)
        format_ll(buf, len, rank);
    else
        snprintf(buf, len, "-");
}

/* Start time as a clock time today, else as a date, like ps's STIME. */
static void format_start(char *buf, size_t len, const ProcSample *p, const FormatCtx *ctx)
{
    if (ctx->clock_ticks <= 0 || ctx->boot_time_s == 0) {
        snprintf(buf, len, "%llu", p->start_ticks);
        return;
    }
    time_t t = (time_t)(ctx->boot_time_s + p->start_ticks / (unsigned long long)ctx->clock_ticks);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, len, now - t < 86400 ? "%H:%M:%S" : "%b%d", &tm);
}

void fields_format(char *buf, size_t len, const ProcSample *p, enum ColumnId col,
                   const FormatCtx *ctx)
{
    int width = columns[col].width;
    switch (col) {
    case COL_PID: format_ll(buf, len, p->pid); break;
    case COL_USER: format_copy(buf, len, p->user); break;
    case COL_NI:
        if (p->flags & PROC_NICE_OK)
            format_ll(buf, len, p->nice);
        else
            snprintf(buf, len, "?");
        break;
    case COL_VIRT: format_kb_column(buf, len, p->vm_size_kb, ctx->scale, width); break;
    case COL_RES: format_kb_column(buf, len, p->vm_rss_kb, ctx->scale, width); break;
    case COL_SHR: format_kb_column(buf, len, proc_shr_kb(p), ctx->scale, width); break;
    case COL_SWAP: format_kb_column(buf, len, p->vm_swap_kb, ctx->scale, width); break;
    case COL_MEM:
        if (ctx->mem_total_kb > 0 && p->vm_rss_kb >= 0)
            format_percent_tenths(buf, len, p->vm_rss_kb, ctx->mem_total_kb);
        else
            snprintf(buf, len, "-");
        break;
    case COL_OOM:
        if (p->flags & PROC_OOM_SCORE_OK)
            format_ll(buf, len, p->oom_score);
        else
            snprintf(buf, len, "?");
        break;
    case COL_ADJ:
        if (p->flags & PROC_OOM_ADJ_OK)
            format_ll(buf, len, p->oom_score_adj);
        else
            snprintf(buf, len, "?");
        break;
    case COL_COMMAND: format_copy(buf, len, command_text(p, ctx)); break;
    case COL_RANK: format_rank(buf, len, p->oom_rank); break;
    case COL_CGRANK: format_rank(buf, len, p->oom_rank_in_memcg); break;
    case COL_ANON: format_kb_column(buf, len, p->rss_anon_kb, ctx->scale, width); break;
    case COL_FILE: format_kb_column(buf, len, p->rss_file_kb, ctx->scale, width); break;
    case COL_SHMEM: format_kb_column(buf, len, p->rss_shmem_kb, ctx->scale, width); break;
    case COL_PSS: format_kb_column(buf, len, p->pss_kb, ctx->scale, width); break;
    case COL_CGROUP: format_copy(buf, len, cgroup_label(p)); break;
    case COL_CGMEM: format_cgmem(buf, len, p); break;
    case COL_START: format_start(buf, len, p, ctx); break;
    default: snprintf(buf, len, "?"); break;
    }
}

static int cmp_ll(long long a, long long b)
{
    return (a > b) - (a < b);
}

static int cmp_double(double a, double b)
{
    return (a > b) - (a < b);
}

/* Never-picked processes (rank 0) after every ranked one. */
static int cmp_rank(int a, int b)
{
    if ((a > 0) != (b > 0))
        return a > 0 ? -1 : 1;
    return cmp_ll(a, b);
}


int fields_compare(const ProcSample *a, const ProcSample *b, enum ColumnId col)
{
    switch (col) {
    case COL_PID: return cmp_ll(a->pid, b->pid);
    case COL_USER: return strcmp(a->user, b->user);
    case COL_NI: return cmp_ll(a->nice, b->nice);
    case COL_VIRT: return cmp_ll(a->vm_size_kb, b->vm_size_kb);
    case COL_RES:
    case COL_MEM: return cmp_ll(a->vm_rss_kb, b->vm_rss_kb);
    case COL_SHR: return cmp_ll(proc_shr_kb(a), proc_shr_kb(b));
    case COL_SWAP: return cmp_ll(a->vm_swap_kb, b->vm_swap_kb);
    case COL_OOM: return cmp_ll(a->oom_score, b->oom_score);
    case COL_ADJ: return cmp_ll(a->oom_score_adj, b->oom_score_adj);
    case COL_COMMAND: return strcmp(a->comm, b->comm);
    case COL_RANK: return cmp_rank(a->oom_rank, b->oom_rank);
    case COL_CGRANK: return cmp_rank(a->oom_rank_in_memcg, b->oom_rank_in_memcg);
    case COL_ANON: return cmp_ll(a->rss_anon_kb, b->rss_anon_kb);
    case COL_FILE: return cmp_ll(a->rss_file_kb, b->rss_file_kb);
    case COL_SHMEM: return cmp_ll(a->rss_shmem_kb, b->rss_shmem_kb);
    case COL_PSS: return cmp_ll(a->pss_kb, b->pss_kb);
    case COL_CGROUP: return strcmp(cgroup_label(a), cgroup_label(b));
    case COL_CGMEM:
        return cmp_double(a->memcg ? memcg_fill_percent(a->memcg) : -1.0,
                          b->memcg ? memcg_fill_percent(b->memcg) : -1.0);
    case COL_START: return cmp_ll((long long)a->start_ticks, (long long)b->start_ticks);
    default: return 0;
    }
}
