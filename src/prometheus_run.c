/* SPDX-License-Identifier: GPL-2.0-or-later
 * prometheus_run.c - oomtop --prometheus FILE: sample, rank, attach cgroups,
 * replace the metrics file atomically; once or every delay.
 */
#include "config.h"

#include "prometheus.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "atomicfile.h"
#include "badness.h"
#include "cgroup.h"
#include "sample.h"

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
    stop_signal = sig;
}

/* A stop request ends the loop between two writes, so the file on disk is
 * always a whole one. No SA_RESTART: the sleep returns at once. */
static void install_stop_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (!stop_signal && nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

int prometheus_write(const char *path, const Snapshot *snap, int top_n, char *err,
                     size_t errlen)
{
    if (strcmp(path, "-") == 0) {
        if (prometheus_format(stdout, snap, top_n) < 0 || fflush(stdout) != 0 ||
            ferror(stdout)) {
            snprintf(err, errlen, "cannot write the metrics to standard output");
            return -1;
        }
        return 0;
    }
    AtomicFile af;
    /* 0644: node_exporter usually runs as a user of its own. */
    if (atomicfile_begin(&af, path, 0644, err, errlen) < 0)
        return -1;
    if (prometheus_format(af.f, snap, top_n) < 0) {
        snprintf(err, errlen, "out of memory writing %s", path);
        atomicfile_abort(&af);
        return -1;
    }
    return atomicfile_commit(&af, err, errlen);
}

/* Cgroup labels where the memory controller is mounted; none otherwise. */
static CgroupReader *open_cgroups(void)
{
    CgroupMounts m;
    char err[256];
    if (cgroup_find_mounts("/proc", NULL, &m, err, sizeof err) == 0)
        return NULL;
    return cgroup_reader_new("/proc", &m);
}

/* Gives the processes that will be written (ranks 1..top_n) their cgroup
 * label. Only those: each label is one more file read per process. With
 * nothing ranked, prometheus_format() picks by the kernel's scores instead:
 * then every process is labelled. */
static void label_victims(CgroupReader *cg, Snapshot *snap, int top_n)
{
    size_t labelled = 0;

    cgroup_begin(cg, &snap->mem, snap->page_kb);
    for (size_t i = 0; i < snap->nprocs; i++) {
        ProcSample *p = &snap->procs[i];
        if (p->oom_rank >= 1 && p->oom_rank <= top_n) {
            p->memcg = cgroup_of_pid(cg, p->pid);
            labelled++;
        }
    }
    for (size_t i = 0; labelled == 0 && top_n > 0 && i < snap->nprocs; i++)
        snap->procs[i].memcg = cgroup_of_pid(cg, snap->procs[i].pid);
}

/* One refresh: returns 0 written, 1 the write failed, -1 sampling failed. */
static int refresh_once(Sampler *s, CgroupReader *cg, const char *path, int top_n,
                        char *last_err, size_t errlen)
{
    char err[512];
    OomSummary sum;
    Snapshot *snap = sampler_refresh(s, 0);
    if (!snap) {
        fprintf(stderr, "oomtop: %s\n", sampler_error(s));
        return -1;
    }
    if (oom_rank_snapshot(snap, &sum) != 0) {
        fprintf(stderr, "oomtop: out of memory\n");
        return -1;
    }
    if (cg)
        label_victims(cg, snap, top_n);
    if (prometheus_write(path, snap, top_n, err, sizeof err) < 0) {
        /* Every refresh retries; say the same thing only once. */
        if (strcmp(err, last_err) != 0)
            fprintf(stderr, "oomtop: %s\n", err);
        snprintf(last_err, errlen, "%s", err);
        return 1;
    }
    last_err[0] = '\0';
    return 0;
}

int prometheus_run(const char *path, int top_n, unsigned delay_ms, long iterations)
{
    char err[512], last_err[512] = "";
    Sampler *s = sampler_open("/proc", err, sizeof err);
    if (!s) {
        fprintf(stderr, "oomtop: %s\n", err);
        return 1;
    }
    CgroupReader *cg = open_cgroups();
    int status = 0;
    stop_signal = 0;
    install_stop_handlers();
    for (long i = 0; !stop_signal && (iterations == 0 || i < iterations); i++) {
        if (i > 0)
            sleep_ms(delay_ms);
        if (stop_signal)
            break;
        int rc = refresh_once(s, cg, path, top_n, last_err, sizeof last_err);
        status = rc == 0 ? 0 : 1;
        if (rc < 0)
            break;
    }
    if (cg)
        cgroup_reader_free(cg);
    sampler_close(s);
    return status;
}
