/* SPDX-License-Identifier: GPL-2.0-or-later
 * pressure.c - PSI levels, vmstat rates and the OOM kill count since start.
 */
#include "config.h"

#include <string.h>

#include "pressure.h"

enum PsiLevel pressure_level_of(double pct, bool full)
{
    double warn = full ? PSI_FULL_WARN_PCT : PSI_SOME_WARN_PCT;
    double crit = full ? PSI_FULL_CRIT_PCT : PSI_SOME_CRIT_PCT;

    if (!(pct >= 0))    /* negative or NaN */
        return PSI_LEVEL_NONE;
    return pct >= crit ? PSI_LEVEL_CRIT : pct >= warn ? PSI_LEVEL_WARN : PSI_LEVEL_OK;
}

static enum PsiLevel worst(enum PsiLevel a, enum PsiLevel b)
{
    return a > b ? a : b;
}

enum PsiLevel pressure_level(const Pressure *p)
{
    enum PsiLevel l = PSI_LEVEL_NONE;

    if (!p || !p->available)
        return PSI_LEVEL_NONE;
    l = worst(l, pressure_level_of(p->some_avg10, false));
    l = worst(l, pressure_level_of(p->some_avg60, false));
    l = worst(l, pressure_level_of(p->full_avg10, true));
    l = worst(l, pressure_level_of(p->full_avg60, true));
    return l;
}

static double rate(long long prev, long long cur, double elapsed_s, double scale)
{
    if (prev < 0 || cur < 0 || cur < prev)
        return -1;
    return (double)(cur - prev) * scale / elapsed_s;
}

int pressure_vm_rates(const VmStat *prev, const VmStat *cur, double elapsed_s,
                      long page_kb, VmRates *out)
{
    if (!(elapsed_s > 0) || page_kb <= 0) {
        out->swap_in_kb_s = out->swap_out_kb_s = -1;
        out->major_faults_s = out->oom_kills_s = -1;
        return -1;
    }
    out->swap_in_kb_s = rate(prev->pswpin, cur->pswpin, elapsed_s, (double)page_kb);
    out->swap_out_kb_s = rate(prev->pswpout, cur->pswpout, elapsed_s, (double)page_kb);
    out->major_faults_s = rate(prev->pgmajfault, cur->pgmajfault, elapsed_s, 1);
    out->oom_kills_s = rate(prev->oom_kill, cur->oom_kill, elapsed_s, 1);
    return 0;
}

void pressure_tracker_init(PressureTracker *t)
{
    memset(t, 0, sizeof(*t));
    t->oom_kill_base = VALUE_MISSING;
    t->oom_kills_since_start = VALUE_MISSING;
    t->rates.swap_in_kb_s = t->rates.swap_out_kb_s = -1;
    t->rates.major_faults_s = t->rates.oom_kills_s = -1;
}

void pressure_track(PressureTracker *t, const Snapshot *s)
{
    double now = s->uptime_s > 0 ? s->uptime_s : (double)s->wall_time;
    long long kills = s->vmstat.oom_kill;

    if (t->oom_kill_base < 0 || (kills >= 0 && kills < t->oom_kill_base))
        t->oom_kill_base = kills;
    t->oom_kills_since_start = kills >= 0 && t->oom_kill_base >= 0 ? kills - t->oom_kill_base
                                                                   : VALUE_MISSING;
    if (t->have_prev) {
        double dt = now - t->prev_uptime_s;
        pressure_vm_rates(&t->prev, &s->vmstat, dt, s->page_kb, &t->rates);
    }
    t->prev = s->vmstat;
    t->prev_uptime_s = now;
    t->have_prev = true;
}
