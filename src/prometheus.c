/* SPDX-License-Identifier: GPL-2.0-or-later
 * prometheus.c - the Prometheus text exposition format (version 0.0.4) for
 * one snapshot: system gauges, then the processes the OOM killer would pick
 * first, every family's samples together as the format requires.
 */
#include "config.h"

#include "prometheus.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "memcg.h"
#include "sort.h"

/* The escape sequence for a label-value byte, or NULL if it stays as is. */
static const char *label_escape(char c)
{
    switch (c) {
    case '\\': return "\\\\";
    case '"': return "\\\"";
    case '\n': return "\\n";
    default: return NULL;
    }
}

static void put_label_value(FILE *f, const char *s)
{
    for (; *s; s++) {
        const char *esc = label_escape(*s);
        if (esc)
            fputs(esc, f);
        else
            putc(*s, f);
    }
}

/* ------------------------------------------------------------ system */

static void family(FILE *f, const char *name, const char *type, const char *help)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A gauge of one sample; nothing at all when the figure is missing. */
static void gauge(FILE *f, const char *name, const char *help, long long v)
{
    if (v < 0)
        return;
    family(f, name, "gauge", help);
    fprintf(f, "%s %lld\n", name, v);
}

static long long kb_to_bytes(long long kb)
{
    return kb < 0 ? VALUE_MISSING : kb * 1024;
}

static void write_memory(FILE *f, const Snapshot *s)
{
    const MemInfo *m = &s->mem;
    gauge(f, "oomtop_committed_as_bytes",
          "Memory promised to all processes (Committed_AS in /proc/meminfo).",
          kb_to_bytes(m->committed_as_kb));
    gauge(f, "oomtop_commit_limit_bytes",
          "CommitLimit in /proc/meminfo: the limit on Committed_AS, enforced only when "
          "vm.overcommit_memory is 2.",
          kb_to_bytes(m->commit_limit_kb));
    gauge(f, "oomtop_memory_total_bytes", "MemTotal in /proc/meminfo.",
          kb_to_bytes(m->mem_total_kb));
    gauge(f, "oomtop_memory_available_bytes", "MemAvailable in /proc/meminfo.",
          kb_to_bytes(m->mem_available_kb));
    gauge(f, "oomtop_swap_total_bytes", "SwapTotal in /proc/meminfo.",
          kb_to_bytes(m->swap_total_kb));
    gauge(f, "oomtop_swap_free_bytes", "SwapFree in /proc/meminfo.",
          kb_to_bytes(m->swap_free_kb));
}

static void write_policy(FILE *f, const Snapshot *s)
{
    const VmPolicy *p = &s->policy;
    gauge(f, "oomtop_overcommit_memory",
          "vm.overcommit_memory: 0 heuristic, 1 always overcommit, 2 strict (CommitLimit "
          "enforced).",
          p->overcommit_memory);
    gauge(f, "oomtop_overcommit_ratio_percent",
          "vm.overcommit_ratio: percent of RAM in CommitLimit when overcommit_kbytes is 0.",
          p->overcommit_ratio);
    gauge(f, "oomtop_overcommit_kbytes_bytes",
          "vm.overcommit_kbytes in bytes: when not 0, it replaces overcommit_ratio in "
          "CommitLimit.",
          kb_to_bytes(p->overcommit_kbytes));
}

static void write_pressure(FILE *f, const Snapshot *s)
{
    const Pressure *p = &s->pressure;
    if (!p->available)
        return;     /* no PSI: no sample, never a made-up 0 */
    family(f, "oomtop_memory_pressure_stalled_seconds_total", "counter",
           "Time tasks were stalled on memory (/proc/pressure/memory total): some = at least "
           "one task, full = all non-idle tasks.");
    fprintf(f, "oomtop_memory_pressure_stalled_seconds_total{kind=\"some\"} %.6f\n",
            (double)p->some_total_us / 1e6);
    fprintf(f, "oomtop_memory_pressure_stalled_seconds_total{kind=\"full\"} %.6f\n",
            (double)p->full_total_us / 1e6);
    family(f, "oomtop_memory_pressure_ratio", "gauge",
           "Share of wall time stalled on memory, averaged over the window "
           "(/proc/pressure/memory avg10/avg60/avg300 divided by 100).");
    static const char *const window[3] = { "10s", "60s", "300s" };
    const double some[3] = { p->some_avg10, p->some_avg60, p->some_avg300 };
    const double full[3] = { p->full_avg10, p->full_avg60, p->full_avg300 };
    for (int i = 0; i < 3; i++)
        fprintf(f, "oomtop_memory_pressure_ratio{kind=\"some\",window=\"%s\"} %.4f\n",
                window[i], some[i] / 100.0);
    for (int i = 0; i < 3; i++)
        fprintf(f, "oomtop_memory_pressure_ratio{kind=\"full\",window=\"%s\"} %.4f\n",
                window[i], full[i] / 100.0);
}

static void write_system(FILE *f, const Snapshot *s)
{
    gauge(f, "oomtop_snapshot_timestamp_seconds",
          "Unix time oomtop read these figures (a stale value means oomtop stopped).",
          (long long)s->wall_time);
    write_memory(f, s);
    write_policy(f, s);
    write_pressure(f, s);
    if (s->vmstat.oom_kill >= 0) {
        family(f, "oomtop_oom_kills_total", "counter",
               "Processes killed by the OOM killer since boot (oom_kill in /proc/vmstat).");
        fprintf(f, "oomtop_oom_kills_total %lld\n", s->vmstat.oom_kill);
    }
}

/* --------------------------------------------------------- processes */

/* The kernel's order when nothing was ranked: score, then newest, then pid. */
static int cmp_by_score(const void *a, const void *b)
{
    const ProcSample *p = *(const ProcSample *const *)a, *q = *(const ProcSample *const *)b;
    if (p->oom_score != q->oom_score)
        return p->oom_score > q->oom_score ? -1 : 1;
    if (p->start_ticks != q->start_ticks)
        return p->start_ticks > q->start_ticks ? -1 : 1;
    return p->pid > q->pid ? -1 : p->pid < q->pid;
}

static bool can_be_victim(const ProcSample *p)
{
    return proc_has_own_mm(p) &&
           (p->flags & PROC_OOM_SCORE_OK) && p->oom_score_adj != -1000 && p->pid != 1;
}

/* Fills sel (room for top_n) with the first processes to be killed and
 * their number in *count. Returns 0, or -1 if memory ran out. */
static int select_victims(const Snapshot *s, const ProcSample **sel, size_t top_n,
                          size_t *count)
{
    size_t n = 0, ranked = 0;
    memset(sel, 0, top_n * sizeof *sel);
    for (size_t i = 0; i < s->nprocs; i++) {
        const ProcSample *p = &s->procs[i];
        if (p->oom_rank < 1)
            continue;
        ranked++;
        if ((size_t)p->oom_rank <= top_n && !sel[p->oom_rank - 1])
            sel[p->oom_rank - 1] = p;
    }
    if (ranked > 0) {
        for (size_t i = 0; i < top_n; i++)     /* ranks are dense; be safe anyway */
            if (sel[i])
                sel[n++] = sel[i];
        *count = n;
        return 0;
    }
    const ProcSample **all = malloc((s->nprocs ? s->nprocs : 1) * sizeof *all);
    if (!all)
        return -1;
    for (size_t i = 0; i < s->nprocs; i++)
        if (can_be_victim(&s->procs[i]))
            all[n++] = &s->procs[i];
    sort_plain(all, n, sizeof *all, cmp_by_score);
    if (n > top_n)
        n = top_n;
    memcpy(sel, all, n * sizeof *all);
    free(all);
    *count = n;
    return 0;
}

typedef struct ProcMetric {
    const char *name;
    const char *help;
    bool (*value)(const ProcSample *p, long long *out);
} ProcMetric;

static bool v_res(const ProcSample *p, long long *out)
{
    *out = kb_to_bytes(p->vm_rss_kb);
    return *out >= 0;
}

static bool v_swap(const ProcSample *p, long long *out)
{
    *out = kb_to_bytes(p->vm_swap_kb);
    return *out >= 0;
}

static bool v_score(const ProcSample *p, long long *out)
{
    *out = p->oom_score;
    return (p->flags & PROC_OOM_SCORE_OK) != 0;
}

static bool v_adj(const ProcSample *p, long long *out)
{
    *out = p->oom_score_adj;
    return (p->flags & PROC_OOM_ADJ_OK) != 0;
}

static bool v_rank(const ProcSample *p, long long *out)
{
    *out = p->oom_rank;
    return p->oom_rank > 0;
}

static const ProcMetric proc_metrics[] = {
    { "oomtop_process_resident_bytes", "Resident memory of the process (VmRSS).", v_res },
    { "oomtop_process_swap_bytes", "Swapped-out memory of the process (VmSwap).", v_swap },
    { "oomtop_process_oom_score", "The kernel's /proc/PID/oom_score.", v_score },
    { "oomtop_process_oom_score_adj", "/proc/PID/oom_score_adj, -1000 (never killed) .. 1000.",
      v_adj },
    { "oomtop_process_oom_rank",
      "Order in which the OOM killer would pick the process, as oomtop predicts it "
      "(1 = next victim).", v_rank },
};

static void put_labels(FILE *f, const ProcSample *p)
{
    fprintf(f, "{pid=\"%d\",name=\"", (int)p->pid);
    put_label_value(f, p->comm);
    putc('"', f);
    if (p->memcg && p->memcg->path && p->memcg->path[0]) {
        fputs(",cgroup=\"", f);
        put_label_value(f, p->memcg->path);
        putc('"', f);
    }
    if (p->memcg && p->memcg->unit && p->memcg->unit[0]) {
        fputs(",unit=\"", f);
        put_label_value(f, p->memcg->unit);
        putc('"', f);
    }
    putc('}', f);
}

static void write_processes(FILE *f, const ProcSample *const *sel, size_t n)
{
    for (size_t m = 0; m < sizeof proc_metrics / sizeof proc_metrics[0]; m++) {
        const ProcMetric *pm = &proc_metrics[m];
        bool started = false;
        long long v;
        for (size_t i = 0; i < n; i++) {
            if (!pm->value(sel[i], &v))
                continue;
            if (!started)
                family(f, pm->name, "gauge", pm->help);
            started = true;
            fputs(pm->name, f);
            put_labels(f, sel[i]);
            fprintf(f, " %lld\n", v);
        }
    }
}

int prometheus_format(FILE *f, const Snapshot *snap, int top_n)
{
    write_system(f, snap);
    if (top_n <= 0)
        return 0;
    const ProcSample **sel = malloc((size_t)top_n * sizeof *sel);
    size_t n;
    if (!sel || select_victims(snap, sel, (size_t)top_n, &n) < 0) {
        free(sel);
        return -1;
    }
    write_processes(f, sel, n);
    free(sel);
    return 0;
}
