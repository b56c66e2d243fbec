/* SPDX-License-Identifier: GPL-2.0-or-later
 * pressure.h - how hard memory is being fought over right now: PSI levels,
 * per-second rates from two /proc/vmstat samples, and OOM kills since
 * oomtop started. Pure: works on the Snapshot's VmStat and Pressure.
 * JSON per refresh (issue 5): "pressure" from Snapshot.pressure (null when
 * !available), "oom_kills" = Snapshot.vmstat.oom_kill (since boot).
 */
#ifndef OOMTOP_PRESSURE_H
#define OOMTOP_PRESSURE_H

#include <stdbool.h>

#include "model.h"

/* oomtop's thresholds (percent of wall time stalled), not the kernel's:
 * "some" is normal in bursts, "full" (everyone stalled) means thrashing. */
#define PSI_SOME_WARN_PCT 10.0
#define PSI_SOME_CRIT_PCT 40.0
#define PSI_FULL_WARN_PCT 5.0
#define PSI_FULL_CRIT_PCT 20.0

enum PsiLevel {
    PSI_LEVEL_NONE = 0,     /* no PSI on this kernel: say so, never show 0 */
    PSI_LEVEL_OK,
    PSI_LEVEL_WARN,
    PSI_LEVEL_CRIT,
};

/* Level of one avg figure (percent) of the "some" (full = false) or
 * "full" line; a negative or NaN figure is NONE. */
enum PsiLevel pressure_level_of(double pct, bool full);

/* Worst level over some/full avg10 and avg60; NONE when !p->available. */
enum PsiLevel pressure_level(const Pressure *p);

/* Rates between two samples; each is -1 when a counter is missing in
 * either sample or went backwards. */
typedef struct VmRates {
    double swap_in_kb_s;    /* pswpin (pages) * page_kb / s */
    double swap_out_kb_s;   /* pswpout */
    double major_faults_s;  /* pgmajfault */
    double oom_kills_s;     /* oom_kill */
} VmRates;

/* Fills `out` from two VmStat samples `elapsed_s` apart. Returns 0, or -1
 * (all rates -1) when elapsed_s <= 0 or page_kb <= 0. */
int pressure_vm_rates(const VmStat *prev, const VmStat *cur, double elapsed_s,
                      long page_kb, VmRates *out);

/* State across refreshes: feed every snapshot to pressure_track(). */
typedef struct PressureTracker {
    bool have_prev;
    VmStat prev;
    double prev_uptime_s;
    long long oom_kill_base;    /* /proc/vmstat oom_kill at the first snapshot */

    /* Results of the last pressure_track(). */
    VmRates rates;              /* all -1 after the first snapshot */
    long long oom_kills_since_start;    /* VALUE_MISSING without oom_kill (< 4.13) */
} PressureTracker;

void pressure_tracker_init(PressureTracker *t);

/* Updates the tracker with a new snapshot (time from uptime_s, else
 * wall_time). The first call sets the "since oomtop started" baseline. */
void pressure_track(PressureTracker *t, const Snapshot *s);

#endif
