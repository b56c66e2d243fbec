/* SPDX-License-Identifier: GPL-2.0-or-later
 * batch.c - batch mode: like top -b, for pipes, logs and scripts.
 */
#include "config.h"

#include "batch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "badness.h"
#include "incident.h"
#include "proctable.h"
#include "report.h"
#include "report_history.h"
#include "sample.h"

static void sleep_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

/* --oom-history: what the kernel log still holds, once, then exit. */
static int oom_history(const Options *o)
{
    Incident in;
    incident_init(&in);
    if (incident_open_log(&in, "/dev/kmsg") != 0) {
        fprintf(stderr, "oomtop: %s\n", in.kmsg_err);
        incident_free(&in);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    if (o->output == OUTPUT_JSON)
        report_oom_history_json(stdout, in.log);
    else
        report_oom_history_text(stdout, in.log, incident_vmstat_oom_kills("/proc"),
                                kmsg_lost(in.kmsg));
    incident_free(&in);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

/* Cgroups are read only when the output shows them: every JSON and CSV
 * row has its memcg; text only when sorted by a cgroup column. */
static bool wants_cgroups(const Options *o, unsigned needs)
{
    return o->output != OUTPUT_TEXT || (needs & NEED_CGROUP);
}

int batch_run(const Options *o)
{
    char err[256];
    ProcFilter filter;
    ProcTable table;
    Incident in;
    if (o->oom_history)
        return oom_history(o);
    Sampler *s = sampler_open("/proc", err, sizeof err);
    if (!s) {
        fprintf(stderr, "oomtop: %s\n", err);
        return 1;
    }
    /* `oomtop -b | head` must end quietly, not die of SIGPIPE mid-line. */
    signal(SIGPIPE, SIG_IGN);
    options_filter(o, &filter);
    proctable_init(&table);
    table.sort_col = o->sort_col;
    table.sort_reverse = o->sort_reverse;
    incident_init(&in);
    unsigned needs = fields_needs_sorted(fields_default_columns, o->sort_col);
    bool cgroups = wants_cgroups(o, needs);
    /* PSS is not a batch column, but a sort key: then it must be read. */
    unsigned sample_needs = (o->full_command ? SAMPLE_CMDLINE : 0u)
                            | (needs & NEED_PSS ? SAMPLE_PSS : 0u);
    int status = 0;
    for (long i = 0; o->iterations == 0 || i < o->iterations; i++) {
        if (i > 0)
            sleep_ms(o->delay_ms);
        Snapshot *snap = sampler_refresh(s, sample_needs);
        if (!snap) {
            fprintf(stderr, "oomtop: %s\n", sampler_error(s));
            status = 1;
            break;
        }
        OomSummary oom;
        if (oom_rank_snapshot(snap, &oom) != 0 || incident_refresh(&in, snap, cgroups) != 0 ||
            proctable_build(&table, snap, &filter) != 0) {
            fprintf(stderr, "oomtop: out of memory\n");
            status = 1;
            break;
        }
        VmPolicy sim;
        ReportCtx ctx = { .fmt = { .scale = UNIT_AUTO, .mem_total_kb = snap->mem.mem_total_kb,
                                   .full_command = o->full_command },
                          .tracker = &in.pressure };
        if (o->what_if) {
            report_what_if_policy(&sim, &snap->policy, o->what_if_mode, o->what_if_ratio,
                                  o->what_if_kbytes);
            ctx.what_if = &sim;
        }
        switch (o->output) {
        case OUTPUT_JSON: report_json(stdout, snap, &table, &ctx); break;
        case OUTPUT_CSV:
            if (i == 0)
                report_csv_header(stdout);
            report_csv(stdout, snap, &table, &ctx.fmt);
            break;
        case OUTPUT_TEXT: report_text(stdout, snap, &table, &ctx); break;
        }
        if (fflush(stdout) != 0 || ferror(stdout))
            break;   /* reader went away */
    }
    proctable_free(&table);
    incident_free(&in);
    sampler_close_before_exit(s);   /* main() returns next */
    return status;
}
