/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample.c - the sampler: one pass over the proc root per refresh, system
 * figures first, then every /proc/PID through a directory fd.
 *
 * Cost design (measured, see bench/run.sh): per process and refresh, one
 * pread each of statm (VIRT, RES, SHR), oom_score_adj and oom_score on
 * held fds, plus getpriority() for nice. status, the expensive file (about
 * 8 us against 1 us for each of the others), is read when the process is
 * new, when any of those figures moved, and otherwise every STATUS_EVERY
 * refreshes (every refresh on a system with swap); it gives swap, page tables, the name, the uid, the state and
 * the thread count. stat is read once per process (start time, ppid,
 * kernel-thread flag), kept in a per-pid cache keyed by identity.
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
#include <sys/resource.h>
#include <unistd.h>

#include "procfs.h"
#include "sample_proc.h"
#include "sample_system.h"
#include "sysinfo_proc2.h"
#include "text.h"
#include "users.h"

#define CMDLINE_MAX 4096        /* bytes of /proc/PID/cmdline kept */

struct Sampler {
    DIR *dir;                   /* the proc root; its fd is rd.proc_fd */
    SysinfoProc2 *si;           /* NULL when not live (libproc2 reads /proc) */
    ProcReader rd;
    Snapshot snap;

    PidEntry *cache, *next;     /* last refresh's entries, pid-ascending */
    size_t ncache, nnext, cache_cap, next_cap;
    size_t cursor;              /* readdir is pid-ascending: merge, not search */

    char *cmd_arena;            /* every cmdline of this refresh, NUL-separated */
    size_t cmd_len, cmd_cap;
    size_t *cmd_off;            /* per procs[] index, offset into cmd_arena */
    size_t cmd_off_cap;

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
    pidfiles_budget_init(&s->rd.budget);
    return s;
}

void sampler_close(Sampler *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->ncache; i++)
        sample_proc_forget(&s->rd, &s->cache[i]);
    if (s->dir)
        closedir(s->dir);
    sysinfo_proc2_close(s->si);
    users_free(s->rd.users);
    free(s->snap.procs);
    free(s->cache);
    free(s->next);
    free(s->cmd_arena);
    free(s->cmd_off);
    free(s);
}

const char *sampler_error(const Sampler *s)
{
    return s->err;
}

/* Grows *arr to hold at least `need` elements of `size` bytes; capacity only
 * ever grows, so a warm sampler does not allocate. */
static bool reserve(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 256;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, ncap * size);
    if (!p)
        return false;
    *arr = p;
    *cap = ncap;
    return true;
}

/* Finds pid in last refresh's cache. readdir lists pids in ascending order,
 * so the cursor normally only moves forward; a binary search covers the
 * rare out-of-order case. */
static PidEntry *cache_find(Sampler *s, pid_t pid)
{
    while (s->cursor < s->ncache && s->cache[s->cursor].pid < pid)
        s->cursor++;
    if (s->cursor < s->ncache && s->cache[s->cursor].pid == pid)
        return &s->cache[s->cursor];
    size_t lo = 0, hi = s->ncache;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->cache[mid].pid < pid)
            lo = mid + 1;
        else if (s->cache[mid].pid > pid)
            hi = mid;
        else
            return &s->cache[mid];
    }
    return NULL;
}

/* Appends the sanitised command line to the arena; records its offset. */
static void read_cmdline(Sampler *s, const char *name, size_t idx)
{
    char path[64];
    char *buf = s->rd.buf;
    ssize_t n = procfs_read_at(s->rd.proc_fd,
                               procfs_pid_path(path, sizeof path, name, "cmdline"),
                               buf, CMDLINE_MAX + 1);
    if (n < 0)
        n = 0;
    while (n > 0 && buf[n - 1] == '\0')    /* the final separator */
        n--;
    /* Sanitising never lengthens: each bad sequence becomes one '?'. */
    if (!reserve((void **)&s->cmd_arena, &s->cmd_cap, s->cmd_len + (size_t)n + 1, 1)) {
        s->cmd_off[idx] = SIZE_MAX;
        return;
    }
    s->cmd_off[idx] = s->cmd_len;
    s->cmd_len += text_sanitize(s->cmd_arena + s->cmd_len, (size_t)n + 1,
                                buf, (size_t)n) + 1;
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

/* Makes sure one more process fits in every per-process array. */
static bool reserve_one(Sampler *s)
{
    Snapshot *snap = &s->snap;
    size_t need = snap->nprocs + 1;
    return reserve((void **)&snap->procs, &snap->procs_cap, need, sizeof *snap->procs)
        && reserve((void **)&s->cmd_off, &s->cmd_off_cap, need, sizeof *s->cmd_off)
        && reserve((void **)&s->next, &s->next_cap, s->nnext + 1, sizeof *s->next);
}

static int read_processes(Sampler *s, unsigned needs)
{
    Snapshot *snap = &s->snap;
    struct dirent *d;

    snap->nprocs = 0;
    snap->ntasks_total = 0;
    s->nnext = 0;
    s->cursor = 0;
    s->cmd_len = 0;
    rewinddir(s->dir);
    for (errno = 0; (d = readdir(s->dir)) != NULL; errno = 0) {
        pid_t pid;
        if (!pid_name(d->d_name, &pid))
            continue;
        snap->ntasks_total++;
        if (!reserve_one(s)) {
            errno = ENOMEM;
            return -1;
        }
        PidEntry *e = &s->next[s->nnext];
        ProcSample *p = &snap->procs[snap->nprocs];
        memset(e, 0, sizeof *e);
        pidfiles_init(&e->files);
        e->pid = pid;
        e->ino = d->d_ino;
        p->flags = 0;
        PidEntry *old = cache_find(s, pid);
        if (old && old->taken)
            old = NULL;
        if (old)
            old->taken = true;  /* its fds move into e, even if it is gone */
        if (!sample_proc_read(&s->rd, d->d_name, e, old, p))
            continue;           /* gone between readdir and read */
        if (needs & SAMPLE_CMDLINE)
            read_cmdline(s, d->d_name, snap->nprocs);
        s->nnext++;
        snap->nprocs++;
    }
    return errno ? -1 : 0;
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

Snapshot *sampler_refresh(Sampler *s, unsigned needs)
{
    sample_system(s->rd.proc_fd, s->si, s->rd.buf, sizeof s->rd.buf, &s->snap);
    s->rd.status_always = s->snap.mem.swap_total_kb != 0;
    int rc = read_processes(s, needs);
    s->rd.refreshes++;
    if (rc < 0)
        set_err(s, "cannot read the process list");
    link_cmdlines(s, needs);
    /* Processes not seen again are gone: give their fds back. The entries
     * read so far become the cache even after an error, so no fd is lost. */
    for (size_t i = 0; i < s->ncache; i++)
        if (!s->cache[i].taken)
            sample_proc_forget(&s->rd, &s->cache[i]);

    PidEntry *t = s->cache;
    size_t tcap = s->cache_cap;
    s->cache = s->next;
    s->cache_cap = s->next_cap;
    s->ncache = s->nnext;
    s->next = t;
    s->next_cap = tcap;
    return rc < 0 ? NULL : &s->snap;
}
