/* SPDX-License-Identifier: GPL-2.0-or-later
 * summary.c - header figures as text.
 */
#include "config.h"

#include "summary.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commit.h"
#include "format.h"
#include "whatif.h"

static void clock_line(char *buf, const Snapshot *snap)
{
    char up[48], when[16];
    struct tm tm;
    localtime_r(&snap->wall_time, &tm);
    strftime(when, sizeof when, "%H:%M:%S", &tm);
    format_uptime(up, sizeof up, snap->uptime_s);
    snprintf(buf, SUMMARY_LINE_MAX, "oomtop - %s up %s, load average: %.2f, %.2f, %.2f",
             when, up, snap->loadavg[0], snap->loadavg[1], snap->loadavg[2]);
}

void summary_memory_line(char *buf, const MemInfo *m)
{
    char total[24], used[24], avail[24], swap[80];
    long long used_kb = (m->mem_total_kb >= 0 && m->mem_available_kb >= 0)
                            ? m->mem_total_kb - m->mem_available_kb : VALUE_MISSING;
    format_kb_human(total, sizeof total, m->mem_total_kb);
    format_kb_human(used, sizeof used, used_kb);
    format_kb_human(avail, sizeof avail, m->mem_available_kb);
    if (m->swap_total_kb <= 0) {
        snprintf(swap, sizeof swap, "Swap: none");
    } else {
        char st[24], su[24];
        format_kb_human(st, sizeof st, m->swap_total_kb);
        format_kb_human(su, sizeof su,
                        m->swap_free_kb >= 0 ? m->swap_total_kb - m->swap_free_kb : VALUE_MISSING);
        snprintf(swap, sizeof swap, "Swap: %s total, %s used", st, su);
    }
    snprintf(buf, SUMMARY_LINE_MAX, "Mem: %s total, %s used, %s available   %s",
             total, used, avail, swap);
}

const char *summary_enforcement(long long mode)
{
    switch (mode) {
    case OVERCOMMIT_GUESS: return "limit not enforced in mode 0";
    case OVERCOMMIT_ALWAYS: return "limit not enforced in mode 1";
    case OVERCOMMIT_NEVER: return "hard limit (mode 2)";
    default: return "overcommit mode unknown";
    }
}

static long long ram_plus_swap_kb(const MemInfo *m)
{
    if (m->mem_total_kb < 0)
        return VALUE_MISSING;
    return m->mem_total_kb + (m->swap_total_kb > 0 ? m->swap_total_kb : 0);
}

static void commit_line(char *buf, const Snapshot *snap)
{
    const MemInfo *m = &snap->mem;
    char committed[24], limit[24], rs[24];
    format_kb_human(committed, sizeof committed, m->committed_as_kb);
    format_kb_human(limit, sizeof limit, m->commit_limit_kb);
    format_kb_human(rs, sizeof rs, ram_plus_swap_kb(m));
    double pct = commit_percent(m);
    snprintf(buf, SUMMARY_LINE_MAX, "Commit: %s of %s (%.1f%%), RAM+swap %s; %s",
             committed, limit, pct < 0 ? 0.0 : pct, rs,
             summary_enforcement(snap->policy.overcommit_memory));
}

/* Returns true when the recomputed CommitLimit disagrees with meminfo. */
static bool policy_line(char *buf, const Snapshot *snap)
{
    const VmPolicy *p = &snap->policy;
    char setting[64], limit[24];
    long long recomputed = commit_limit_kb(&snap->mem, p, snap->page_kb);
    if (p->overcommit_memory < 0) {
        snprintf(buf, SUMMARY_LINE_MAX, "Policy: overcommit settings unreadable (/proc/sys/vm)");
        return false;
    }
    if (p->overcommit_kbytes > 0)
        snprintf(setting, sizeof setting, "overcommit_kbytes = %lld", p->overcommit_kbytes);
    else
        snprintf(setting, sizeof setting, "overcommit_ratio = %lld", p->overcommit_ratio);
    format_kb_human(limit, sizeof limit, recomputed);
    bool differs = recomputed >= 0 && snap->mem.commit_limit_kb >= 0 &&
                   recomputed != snap->mem.commit_limit_kb;
    int n = snprintf(buf, SUMMARY_LINE_MAX,
                     "Policy: vm.overcommit_memory = %lld (%s), %s -> CommitLimit %s",
                     p->overcommit_memory, commit_mode_name(p->overcommit_memory), setting, limit);
    if (differs && n > 0 && n < SUMMARY_LINE_MAX)
        snprintf(buf + n, (size_t)(SUMMARY_LINE_MAX - n),
                 "  WARNING: recomputed %lld kB, /proc/meminfo says %lld kB",
                 recomputed, snap->mem.commit_limit_kb);
    return differs;
}

const ProcSample *summary_ranked(const Snapshot *snap, int rank)
{
    for (size_t i = 0; i < snap->nprocs; i++)
        if (snap->procs[i].oom_rank == rank)
            return &snap->procs[i];
    return NULL;
}

static void victim_line(char *buf, const Snapshot *snap)
{
    const ProcSample *next = summary_ranked(snap, 2);
    int n = whatif_victim_line(buf, SUMMARY_LINE_MAX, summary_ranked(snap, 1), false);
    if (next && n > 0 && n < SUMMARY_LINE_MAX)
        snprintf(buf + n, (size_t)(SUMMARY_LINE_MAX - n), "; then: %s (pid %d)",
                 next->comm, (int)next->pid);
}

/* Appends printf output at *used, never past SUMMARY_LINE_MAX. */
static void append(char *buf, int *used, const char *fmt, ...)
{
    va_list ap;
    if (*used >= SUMMARY_LINE_MAX - 1)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *used, (size_t)(SUMMARY_LINE_MAX - *used), fmt, ap);
    va_end(ap);
    if (n > 0)
        *used = *used + n < SUMMARY_LINE_MAX ? *used + n : SUMMARY_LINE_MAX - 1;
}

/* A per-second rate of KiB, "-" when not known yet. */
static void kb_rate(char *buf, size_t len, double kb_s)
{
    if (kb_s < 0) {
        snprintf(buf, len, "-");
        return;
    }
    format_kb_human(buf, len, (long long)(kb_s + 0.5));
    strncat(buf, "/s", len - strlen(buf) - 1);
}

/* "PSI: some 1.20% 0.80%, full 0.00% 0.00%  Swap in 0 KiB/s, out 0 KiB/s  Majflt 3/s":
 * memory PSI avg10 avg60 (avg300 when wide), then the vmstat rates. The
 * PSI figures are highlighted from the WARN level on. */
static void pressure_line(Summary *s, const Snapshot *snap, const SummaryIncident *inc)
{
    char *buf = s->line[SUMMARY_PRESSURE];
    const Pressure *p = &snap->pressure;
    const VmRates *r = inc->tracker ? &inc->tracker->rates : NULL;
    char in[32], out[32], majflt[32];
    int used = 0;

    append(buf, &used, "PSI: ");
    s->warn_from[SUMMARY_PRESSURE] = used;
    if (!p->available) {
        append(buf, &used, "not available");
    } else if (inc->wide) {
        append(buf, &used, "some %.2f%% %.2f%% %.2f%%, full %.2f%% %.2f%% %.2f%% (avg10/60/300)",
               p->some_avg10, p->some_avg60, p->some_avg300,
               p->full_avg10, p->full_avg60, p->full_avg300);
    } else {
        /* one decimal: the line fits 80 columns with the rates */
        append(buf, &used, "some %.1f%% %.1f%%, full %.1f%% %.1f%%",
               p->some_avg10, p->some_avg60, p->full_avg10, p->full_avg60);
    }
    s->warn_to[SUMMARY_PRESSURE] = used;
    s->warning[SUMMARY_PRESSURE] = pressure_level(p) >= PSI_LEVEL_WARN;
    kb_rate(in, sizeof in, r ? r->swap_in_kb_s : -1);
    kb_rate(out, sizeof out, r ? r->swap_out_kb_s : -1);
    if (r && r->major_faults_s >= 0)
        snprintf(majflt, sizeof majflt, "%.0f/s", r->major_faults_s);
    else
        snprintf(majflt, sizeof majflt, "-");
    append(buf, &used, "  Swap in %s, out %s  %s %s", in, out,
           inc->wide ? "Major faults" : "Majflt", majflt);
}

/* "OOM kills: 16 since boot, 2 since oomtop started; 2 new (L)": the kills
 * since start and the unseen ones highlighted. */
static void oom_line(Summary *s, const Snapshot *snap, const SummaryIncident *inc)
{
    char *buf = s->line[SUMMARY_OOM];
    long long since = inc->tracker ? inc->tracker->oom_kills_since_start : VALUE_MISSING;
    int used = 0;

    if (snap->vmstat.oom_kill < 0)
        append(buf, &used, "OOM kills: not counted by this kernel (no oom_kill in /proc/vmstat)");
    else
        append(buf, &used, "OOM kills: %lld since boot", snap->vmstat.oom_kill);
    if (since >= 0) {
        append(buf, &used, ", ");
        if (since > 0) {
            s->warning[SUMMARY_OOM] = true;
            s->warn_from[SUMMARY_OOM] = used;
        }
        append(buf, &used, "%lld since oomtop started", since);
    }
    if (inc->new_kills > 0) {
        if (!s->warning[SUMMARY_OOM]) {
            s->warning[SUMMARY_OOM] = true;
            s->warn_from[SUMMARY_OOM] = used + 2;
        }
        append(buf, &used, "; %ld new OOM kill%s%s%s%s", inc->new_kills,
               inc->new_kills == 1 ? "" : "s", inc->history_key ? " (" : "",
               inc->history_key ? inc->history_key : "", inc->history_key ? ")" : "");
    }
    if (inc->log_unreadable && inc->history_key)
        append(buf, &used, "; kernel log not readable (%s: why)", inc->history_key);
}

void summary_build(Summary *s, const Snapshot *snap, size_t shown)
{
    summary_build_incident(s, snap, shown, NULL);
}

void summary_build_incident(Summary *s, const Snapshot *snap, size_t shown,
                            const SummaryIncident *inc)
{
    static const SummaryIncident none = { 0 };
    if (!inc)
        inc = &none;
    memset(s->warning, 0, sizeof s->warning);
    memset(s->warn_from, 0, sizeof s->warn_from);
    memset(s->warn_to, 0, sizeof s->warn_to);
    clock_line(s->line[SUMMARY_CLOCK], snap);
    snprintf(s->line[SUMMARY_TASKS], SUMMARY_LINE_MAX, "Tasks: %zu total, %zu shown",
             snap->ntasks_total, shown);
    summary_memory_line(s->line[SUMMARY_MEMORY], &snap->mem);
    commit_line(s->line[SUMMARY_COMMIT], snap);
    s->warning[SUMMARY_COMMIT] = snap->policy.overcommit_memory == OVERCOMMIT_NEVER &&
                                 commit_percent(&snap->mem) >= 90.0;
    s->warning[SUMMARY_POLICY] = policy_line(s->line[SUMMARY_POLICY], snap);
    victim_line(s->line[SUMMARY_VICTIM], snap);
    pressure_line(s, snap, inc);
    oom_line(s, snap, inc);
}

bool summary_gauge(char *cells, int width, const MemInfo *m, char fill, char empty, char mark)
{
    double pct = commit_percent(m);
    int filled = pct < 0 ? 0 : (int)(pct / 100.0 * width + 0.5);
    if (filled > width)
        filled = width;
    for (int i = 0; i < width; i++)
        cells[i] = i < filled ? fill : empty;
    cells[width] = '\0';
    long long rs = ram_plus_swap_kb(m);
    if (width <= 0 || rs < 0 || m->commit_limit_kb <= 0)
        return false;
    long long pos = rs * width / m->commit_limit_kb;
    bool beyond = pos >= width;
    cells[beyond ? width - 1 : pos] = mark;
    return beyond;
}
