/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample.c - the sampler: one pass over the proc root per refresh, system
 * figures first, then every /proc/PID through a directory fd.
 *
 * Cost design (measured, see bench/run.sh): per process and refresh, one
 * pread each of statm and oom_score_adj on held fds, plus getpriority() for
 * nice after the first. statm's VIRT, RES and SHR are compared with the
 * last figures: status (all the sizes, swap, page tables, name, uid, state,
 * threads; the expensive file, ~17 us against ~2 us for a pread of the
 * others) and oom_score are read when the process is new, when any of
 * those figures or adj moved, and otherwise every STATUS_EVERY refreshes;
 * the kernel's oom_score is a function of them, of RAM+swap and of adj, so it
 * cannot move unless they do, except by the drift of the kernel's per-CPU
 * RSS counters, which is why a score within that drift of a step is read
 * on every refresh (sample_proc.c), through a third fd held while it is
 * there. Where there is swap, status is read on every refresh (VmSwap
 * moves alone) and held instead of statm. stat is read once per process
 * (start time, ppid, kernel-thread flag, and nice for that refresh, which
 * then needs no getpriority()). Holding two fds for most processes rather
 * than three for all lets the fd budget cover half as many processes again;
 * past it the same files are opened, read, closed.
 * A process's oom_score_adj is held from its first refresh (status, not
 * statm, is read then), so where fds run short the held ones are mostly
 * oom_score_adj, which pins no kernel buffer; a held statm, status or
 * oom_score keeps a page of kernel memory, so those stay within a
 * thousandth of RAM (pidfiles.c).
 *
 * The first refresh opens every file (about four times the cost of a warm
 * one) and is read on up to one thread per CPU (sample_spread.c). A batch
 * run leaves its held fds to the kernel at exit (sampler_close_before_exit).
 *
 * Memory: the snapshot's process array is also the memory of the last
 * refresh. Each refresh lists the pids first, then merges that list into
 * the array in place (the gone are dropped, the new inserted, both in pid
 * order), so there is one array of ProcSample plus a small PidEntry each.
 */
#include "config.h"

#include "sample.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "badness.h"
#include "grow.h"
#include "procfs.h"
#include "pss.h"
#include "sample_proc.h"
#include "sample_spread.h"
#include "sample_system.h"
#include "sysinfo_proc2.h"
#include "sort.h"
#include "text.h"
#include "users.h"

#define CMDLINE_MAX 4096        /* bytes of /proc/PID/cmdline kept */

typedef struct Listed {
    pid_t pid;
    ino_t ino;
} Listed;

struct Sampler {
    DIR *dir;                   /* the proc root; its fd is rd.proc_fd */
    SysinfoProc2 *si;           /* NULL when not live (libproc2 reads /proc) */
    ProcReader rd;
    Snapshot snap;              /* procs[i] and ents[i] are one process */

    PidEntry *ents;
    size_t ents_cap;
    Listed *list;               /* this refresh's pids, ascending */
    size_t nlist, list_cap;

    char *cmd_arena;            /* every cmdline of this refresh, NUL-separated */
    size_t cmd_len, cmd_cap;
    size_t *cmd_off;            /* per procs[] index, offset into cmd_arena */
    size_t cmd_off_cap;
    bool *read_ok;              /* per procs[] index: read this refresh */
    size_t read_ok_cap;
    size_t readers;             /* threads that read this refresh */

    char err[256];
};

static void set_err(Sampler *s, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s: %s", what, strerror(errno));
}

Sampler *sampler_open(const char *proc_root, char *err, size_t errlen)
{
    Sampler *s = calloc(1, sizeof *s);
    int fd;

    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || !(s->dir = fdopendir(fd))) {
        snprintf(err, errlen, "cannot open %s: %s", proc_root, strerror(errno));
        if (fd >= 0)
            close(fd);
        free(s);
        return NULL;
    }
    s->rd.proc_fd = fd;
    s->rd.live = strcmp(proc_root, "/proc") == 0 || strcmp(proc_root, "/proc/") == 0;
    if (s->rd.live && !(s->si = sysinfo_proc2_open(err, errlen))) {
        sampler_close(s);
        return NULL;
    }
    if (!(s->rd.users = users_new())) {
        snprintf(err, errlen, "out of memory");
        sampler_close(s);
        return NULL;
    }
    s->snap.page_kb = sysconf(_SC_PAGESIZE) / 1024;
    s->rd.page_kb = s->snap.page_kb;
    s->rd.totalpages = VALUE_MISSING;
    s->rd.drift_pages = sample_proc_drift_pages();
    s->snap.rss_drift_pages = s->rd.drift_pages;
    pidfiles_budget_init(&s->rd.budget);
    return s;
}

static void sampler_free(Sampler *s, bool close_held_fds)
{
    if (!s)
        return;
    for (size_t i = 0; close_held_fds && i < s->snap.nprocs; i++)
        sample_proc_forget(&s->rd, &s->ents[i]);
    if (s->dir)
        closedir(s->dir);
    sysinfo_proc2_close(s->si);
    users_free(s->rd.users);
    free(s->snap.procs);
    free(s->ents);
    free(s->list);
    free(s->cmd_arena);
    free(s->cmd_off);
    free(s->read_ok);
    free(s);
}

void sampler_close(Sampler *s)
{
    sampler_free(s, true);
}

void sampler_close_before_exit(Sampler *s)
{
    sampler_free(s, false);
}

const char *sampler_error(const Sampler *s)
{
    return s->err;
}

size_t sampler_readers(const Sampler *s)
{
    return s->readers;
}

/* Grows *arr to hold at least `need` elements of `size` bytes; capacity only
 * ever grows, so a warm sampler does not allocate. */
static bool reserve(void *arr, size_t *cap, size_t need, size_t size)
{
    return grow_array(arr, cap, need, size, 256) == 0;
}

static bool pid_name(const char *d, pid_t *pid)
{
    long v = 0;

    if (*d < '1' || *d > '9')
        return false;
    for (; *d; d++) {
        if (*d < '0' || *d > '9' || v > 10000000)
            return false;
        v = v * 10 + (*d - '0');
    }
    *pid = (pid_t)v;
    return true;
}

static int listed_cmp(const void *a, const void *b)
{
    pid_t x = ((const Listed *)a)->pid, y = ((const Listed *)b)->pid;
    return (x > y) - (x < y);
}

/* Puts every pid of the proc root into s->list, ascending and without
 * duplicates (the live /proc lists them in order; a copied tree need not). */
static int list_pids(Sampler *s)
{
    struct dirent *d;
    bool sorted = true;

    s->nlist = 0;
    rewinddir(s->dir);
    for (errno = 0; (d = readdir(s->dir)) != NULL; errno = 0) {
        pid_t pid;
        if (!pid_name(d->d_name, &pid))
            continue;
        if (!reserve(&s->list, &s->list_cap, s->nlist + 1, sizeof *s->list)) {
            errno = ENOMEM;
            return -1;
        }
        if (s->nlist > 0 && s->list[s->nlist - 1].pid >= pid)
            sorted = false;
        s->list[s->nlist++] = (Listed){ pid, d->d_ino };
    }
    if (errno)
        return -1;
    if (!sorted) {
        sort_plain(s->list, s->nlist, sizeof *s->list, listed_cmp);
        size_t k = 0;
        for (size_t i = 0; i < s->nlist; i++)
            if (k == 0 || s->list[k - 1].pid != s->list[i].pid)
                s->list[k++] = s->list[i];
        s->nlist = k;
    }
    return 0;
}

/* Drops the processes that are no longer listed (closing their fds) and
 * packs the rest at the front. Returns how many remain. */
static size_t drop_gone(Sampler *s)
{
    ProcSample *procs = s->snap.procs;
    size_t k = 0, j = 0;

    for (size_t i = 0; i < s->snap.nprocs; i++) {
        while (j < s->nlist && s->list[j].pid < procs[i].pid)
            j++;
        if (j < s->nlist && s->list[j].pid == procs[i].pid) {
            if (k != i) {
                procs[k] = procs[i];
                s->ents[k] = s->ents[i];
            }
            k++;
        } else {
            sample_proc_forget(&s->rd, &s->ents[i]);
        }
    }
    return k;
}

/* Spreads the k kept processes over the positions of their pids in the
 * list, from the back so nothing is overwritten before it moved (every
 * kept pid is listed, so its new index is never below its old one), and
 * makes the positions in between new processes. */
static void insert_new(Sampler *s, size_t k)
{
    ProcSample *procs = s->snap.procs;

    for (size_t j = s->nlist; j-- > 0;) {
        if (k > 0 && procs[k - 1].pid == s->list[j].pid) {
            k--;
            if (k != j) {
                procs[j] = procs[k];
                s->ents[j] = s->ents[k];
            }
        } else {
            sample_proc_new(&s->ents[j], &procs[j], s->list[j].pid);
        }
    }
}

/* Merges this refresh's pid list into the arrays. */
static int merge_list(Sampler *s)
{
    size_t k = drop_gone(s);
    Snapshot *snap = &s->snap;

    snap->nprocs = k;
    if (!reserve(&snap->procs, &snap->procs_cap, s->nlist, sizeof *snap->procs)
        || !reserve(&s->ents, &s->ents_cap, s->nlist, sizeof *s->ents)
        || !reserve(&s->cmd_off, &s->cmd_off_cap, s->nlist, sizeof *s->cmd_off)
        || !reserve(&s->read_ok, &s->read_ok_cap, s->nlist, sizeof *s->read_ok)) {
        errno = ENOMEM;
        return -1;
    }
    insert_new(s, k);
    snap->nprocs = s->nlist;
    return 0;
}

/* Appends the sanitised command line to the arena; records its offset. */
static void read_cmdline(Sampler *s, pid_t pid, size_t idx)
{
    char path[64];
    char *buf = s->rd.buf;

    snprintf(path, sizeof path, "%d/cmdline", (int)pid);
    ssize_t n = procfs_read_at(s->rd.proc_fd, path, buf, CMDLINE_MAX + 1);
    if (n < 0)
        n = 0;
    while (n > 0 && buf[n - 1] == '\0')    /* the final separator */
        n--;
    /* Sanitising never lengthens: each bad sequence becomes one '?'. */
    if (!reserve(&s->cmd_arena, &s->cmd_cap, s->cmd_len + (size_t)n + 1, 1)) {
        s->cmd_off[idx] = SIZE_MAX;
        return;
    }
    s->cmd_off[idx] = s->cmd_len;
    s->cmd_len += text_sanitize(s->cmd_arena + s->cmd_len, (size_t)n + 1,
                                buf, (size_t)n) + 1;
}

static void read_range(void *ctx, ProcReader *r, size_t from, size_t to)
{
    Sampler *s = ctx;

    for (size_t j = from; j < to; j++)
        s->read_ok[j] = sample_proc_read(r, s->list[j].ino, &s->ents[j], &s->snap.procs[j]);
}

/* Reads every listed process in place (the first refresh on several
 * threads: sample_spread.c); the vanished are packed out. */
static void read_processes(Sampler *s, unsigned needs)
{
    Snapshot *snap = &s->snap;
    size_t w = 0;
    size_t readers = s->rd.refreshes == 0 ? sample_spread_readers(snap->nprocs) : 1;

    s->readers = sample_spread(&s->rd, snap->nprocs, readers, read_range, s);
    s->cmd_len = 0;
    for (size_t j = 0; j < snap->nprocs; j++) {
        if (!s->read_ok[j])
            continue;           /* gone between readdir and read */
        if (w != j) {
            snap->procs[w] = snap->procs[j];
            s->ents[w] = s->ents[j];
        }
        ProcSample *p = &snap->procs[w];
        if (!p->user[0])        /* read on a thread without the user cache */
            snprintf(p->user, sizeof p->user, "%s", users_name(s->rd.users, p->uid));
        if (needs & SAMPLE_CMDLINE)
            read_cmdline(s, snap->procs[w].pid, w);
        p->pss_kb = (needs & SAMPLE_PSS) && proc_has_own_mm(p)
                        ? pss_read_kb(s->rd.proc_fd, p->pid) : VALUE_MISSING;
        w++;
    }
    snap->nprocs = w;
}

/* Points every cmdline into the arena once it no longer moves. */
static void link_cmdlines(Sampler *s, unsigned needs)
{
    if (!(needs & SAMPLE_CMDLINE))
        return;
    for (size_t i = 0; i < s->snap.nprocs; i++)
        s->snap.procs[i].cmdline = s->cmd_off[i] == SIZE_MAX
                                       ? "" : s->cmd_arena + s->cmd_off[i];
}

/* What oom_score is scaled by this refresh, and whether it moved. */
static void set_totalpages(ProcReader *r, const Snapshot *snap)
{
    long long t = oom_global_totalpages(&snap->mem, snap->page_kb);

    if (t <= 0)
        t = VALUE_MISSING;
    r->totalpages_moved = t != r->totalpages;
    r->totalpages = t;
}

Snapshot *sampler_refresh(Sampler *s, unsigned needs)
{
    sample_system(s->rd.proc_fd, s->si, s->rd.buf, sizeof s->rd.buf, &s->snap);
    s->rd.status_always = s->snap.mem.swap_total_kb != 0;
    set_totalpages(&s->rd, &s->snap);
    if (list_pids(s) < 0) {
        set_err(s, "cannot read the process list");
        return NULL;
    }
    s->snap.ntasks_total = s->nlist;
    if (merge_list(s) < 0) {
        set_err(s, "cannot read the process list");
        return NULL;
    }
    read_processes(s, needs);
    s->rd.refreshes++;
    link_cmdlines(s, needs);
    return &s->snap;
}
