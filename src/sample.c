/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample.c - the sampler: one pass over the proc root per refresh, system
 * figures first, then every /proc/PID through a directory fd.
 *
 * Cost design (measured, see bench/run.sh): per process and refresh, one
 * pread each of statm (VIRT, RES, SHR), oom_score_adj and oom_score on
 * held fds, plus getpriority() for nice. status, the expensive file (about
 * 8 us against 1 us for each of the others), is read when the process is
 * new, when any of those figures moved, and otherwise every STATUS_EVERY
 * refreshes; it gives swap, page tables, the name, the uid, the state and
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

#include "pidfiles.h"
#include "procfs.h"
#include "sample_system.h"
#include "sysinfo_proc2.h"
#include "text.h"
#include "users.h"

#define CMDLINE_MAX 4096        /* bytes of /proc/PID/cmdline kept */
#define STATUS_BUF 8192         /* status is ~1.5 KiB; room for growth */
/* A process whose statm and OOM figures do not move gets its status read
 * again at least this often (pids are spread over the refreshes). */
#define STATUS_EVERY 8

/* What status gave last time, kept so an unchanged process need not read
 * it again. */
typedef struct StatusPart {
    char comm[PROC_COMM_MAX];
    uid_t uid;
    char state;
    int threads;
    unsigned mm_flags;          /* PROC_HAS_MM, PROC_ZOMBIE */
    long long vm_swap_kb, vm_pte_kb, rss_file_kb;
} StatusPart;

/* The cheap per-refresh figures, compared to decide on a status read. */
typedef struct FastPart {
    long long size_pages, resident_pages, shared_pages;
    int oom_score, oom_score_adj;
    unsigned ok_flags;          /* PROC_OOM_SCORE_OK, PROC_OOM_ADJ_OK */
} FastPart;

/* What the sampler remembers about one process between refreshes. */
typedef struct PidEntry {
    pid_t pid;
    ino_t ino;                  /* readdir d_ino: a new one means a new
                                   dentry, so maybe a new process */
    unsigned long long start_ticks;
    pid_t ppid;
    bool kthread;
    bool taken;                 /* carried into the next refresh */
    bool known;                 /* fast and status below are valid */
    PidFiles files;             /* held statm/oom fds, if the budget allows */
    FastPart fast;
    StatusPart status;
} PidEntry;

struct Sampler {
    DIR *dir;                   /* the proc root; dirfd() is used for openat */
    int proc_fd;
    bool live;                  /* the real /proc: pids are this system's */
    SysinfoProc2 *si;           /* NULL when not live (libproc2 reads /proc) */
    UserCache *users;
    PidFileBudget budget;
    unsigned long refreshes;
    Snapshot snap;

    PidEntry *cache, *next;     /* last refresh's entries, pid-ascending */
    size_t ncache, nnext, cache_cap, next_cap;
    size_t cursor;              /* readdir is pid-ascending: merge, not search */

    char *cmd_arena;            /* every cmdline of this refresh, NUL-separated */
    size_t cmd_len, cmd_cap;
    size_t *cmd_off;            /* per procs[] index, offset into cmd_arena */
    size_t cmd_off_cap;

    char buf[STATUS_BUF];
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
    s->proc_fd = fd;
    s->live = strcmp(proc_root, "/proc") == 0 || strcmp(proc_root, "/proc/") == 0;
    if (s->live && !(s->si = sysinfo_proc2_open(err, errlen))) {
        sampler_close(s);
        return NULL;
    }
    if (!(s->users = users_new())) {
        snprintf(err, errlen, "out of memory");
        sampler_close(s);
        return NULL;
    }
    s->snap.page_kb = sysconf(_SC_PAGESIZE) / 1024;
    pidfiles_budget_init(&s->budget);
    return s;
}

void sampler_close(Sampler *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->ncache; i++)
        pidfiles_close(&s->cache[i].files, &s->budget);
    if (s->dir)
        closedir(s->dir);
    sysinfo_proc2_close(s->si);
    users_free(s->users);
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

/* "PID/file" relative to the proc root, built from the readdir name (at
 * most 9 digits, checked by pid_name()). */
static const char *pid_path(char *dst, size_t dstlen, const char *pidname,
                            const char *file)
{
    size_t a = strlen(pidname), b = strlen(file);

    if (a + b + 2 > dstlen)
        return "";      /* cannot happen for a pid; opens nothing */
    memcpy(dst, pidname, a);
    dst[a] = '/';
    memcpy(dst + a + 1, file, b + 1);
    return dst;
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

/* The once-per-lifetime part: reads stat when the pid is new or its dentry
 * changed (a new dentry may mean a new process with the same pid; then the
 * held fds and remembered figures of the older one are dropped). Returns
 * false when the process is gone. */
static bool read_identity(Sampler *s, const char *name, PidEntry *e,
                          const PidEntry *old)
{
    char path[64];
    ProcStat st;

    if (old && old->ino == e->ino)
        return true;            /* everything was copied from old */
    if (procfs_read_at(s->proc_fd, pid_path(path, sizeof path, name, "stat"),
                       s->buf, sizeof s->buf) < 0
        || procfs_parse_stat(s->buf, &st) < 0)
        return false;
    if (!old || old->start_ticks != st.start_ticks) {
        pidfiles_close(&e->files, &s->budget);
        e->known = false;
    }
    e->start_ticks = st.start_ticks;
    e->ppid = st.ppid;
    e->kthread = (st.flags & PROCFS_PF_KTHREAD) != 0;
    return true;
}

/* Reads a held integer file. Returns 1 on success, 0 when it is unreadable
 * (its flag stays clear) and -1 when the process is gone. */
static int read_int_file(Sampler *s, const char *name, PidEntry *e,
                         enum PidFile which, int *out)
{
    char buf[32];
    long long v;

    if (pidfiles_read(&e->files, &s->budget, which, s->proc_fd, name, buf,
                      sizeof buf) < 0)
        return errno == ESRCH || errno == ENOENT ? -1 : 0;
    if (procfs_parse_ll(buf, &v) < 0)
        return 0;
    *out = (int)v;
    return 1;
}

/* statm, oom_score_adj and oom_score into f. Returns false (errno set)
 * when the process is gone. */
static bool read_fast(Sampler *s, const char *name, PidEntry *e, FastPart *f)
{
    char buf[256];
    int r;

    f->oom_score = f->oom_score_adj = 0;
    f->ok_flags = 0;
    if (pidfiles_read(&e->files, &s->budget, PIDFILE_STATM, s->proc_fd, name,
                      buf, sizeof buf) < 0)
        return false;
    if (procfs_parse_statm(buf, &f->size_pages, &f->resident_pages,
                           &f->shared_pages) < 0) {
        errno = ENOENT;
        return false;
    }
    if ((r = read_int_file(s, name, e, PIDFILE_OOM_SCORE_ADJ,
                           &f->oom_score_adj)) < 0)
        return false;
    if (r)
        f->ok_flags |= PROC_OOM_ADJ_OK;
    /* The kernel reports 0 for every kernel thread (oom_badness() skips
     * them), so there is nothing to read. */
    if (e->kthread)
        r = 1;
    else if ((r = read_int_file(s, name, e, PIDFILE_OOM_SCORE,
                                &f->oom_score)) < 0)
        return false;
    if (r)
        f->ok_flags |= PROC_OOM_SCORE_OK;
    return true;
}

/* Reads status into p and remembers its part in e. */
static bool read_status(Sampler *s, const char *name, PidEntry *e,
                        ProcSample *p)
{
    char path[64];
    StatusPart *st = &e->status;

    if (procfs_read_at(s->proc_fd, pid_path(path, sizeof path, name, "status"),
                       s->buf, sizeof s->buf) < 0)
        return false;
    if (procfs_parse_status(s->buf, p) < 0) {
        errno = ENOENT;
        return false;
    }
    memcpy(st->comm, p->comm, sizeof st->comm);
    st->uid = p->uid;
    st->state = p->state;
    st->threads = p->threads;
    st->mm_flags = p->flags & (PROC_HAS_MM | PROC_ZOMBIE);
    st->vm_swap_kb = p->vm_swap_kb;
    st->vm_pte_kb = p->vm_pte_kb;
    st->rss_file_kb = p->rss_file_kb;
    return true;
}

static void recall_status(const StatusPart *st, ProcSample *p)
{
    memcpy(p->comm, st->comm, sizeof p->comm);
    p->uid = st->uid;
    p->state = st->state;
    p->threads = st->threads;
    p->flags = st->mm_flags;
    p->vm_swap_kb = st->vm_swap_kb;
    p->vm_pte_kb = st->vm_pte_kb;
}

/* Memory sizes from statm (read this refresh, so exact); the split of SHR
 * into file and shmem comes from the last status read. */
static void apply_fast(const Sampler *s, const PidEntry *e, ProcSample *p)
{
    const FastPart *f = &e->fast;
    long long shared_kb = f->shared_pages * s->snap.page_kb;

    p->vm_size_kb = f->size_pages * s->snap.page_kb;
    p->vm_rss_kb = f->resident_pages * s->snap.page_kb;
    p->rss_anon_kb = p->vm_rss_kb - shared_kb;
    p->rss_file_kb = e->status.rss_file_kb < shared_kb
                         ? e->status.rss_file_kb : shared_kb;
    p->rss_shmem_kb = shared_kb - p->rss_file_kb;
    p->oom_score = f->oom_score;
    p->oom_score_adj = f->oom_score_adj;
    p->flags |= f->ok_flags;
}

/* Appends the sanitised command line to the arena; records its offset. */
static void read_cmdline(Sampler *s, const char *name, size_t idx)
{
    char path[64];
    ssize_t n = procfs_read_at(s->proc_fd,
                               pid_path(path, sizeof path, name, "cmdline"),
                               s->buf, CMDLINE_MAX + 1);
    if (n < 0)
        n = 0;
    while (n > 0 && s->buf[n - 1] == '\0')    /* the final separator */
        n--;
    /* Sanitising never lengthens: each bad sequence becomes one '?'. */
    if (!reserve((void **)&s->cmd_arena, &s->cmd_cap, s->cmd_len + (size_t)n + 1, 1)) {
        s->cmd_off[idx] = SIZE_MAX;
        return;
    }
    s->cmd_off[idx] = s->cmd_len;
    s->cmd_len += text_sanitize(s->cmd_arena + s->cmd_len, (size_t)n + 1,
                                s->buf, (size_t)n) + 1;
}

/* Fields that need no file: nice (getpriority is far cheaper than a /proc
 * read, and equals stat's nice of the leader), user name, and resets. */
static void fill_rest(Sampler *s, const PidEntry *e, ProcSample *p)
{
    p->pid = e->pid;
    p->ppid = e->ppid;
    p->start_ticks = e->start_ticks;
    if (e->kthread)
        p->flags |= PROC_KTHREAD;
    p->nice = 0;
    if (s->live) {
        errno = 0;
        int prio = getpriority(PRIO_PROCESS, (id_t)e->pid);
        if (errno == 0) {
            p->nice = prio;
            p->flags |= PROC_NICE_OK;
        }
    }
    snprintf(p->user, sizeof p->user, "%s", users_name(s->users, p->uid));
    p->cmdline = NULL;
    p->badness_pages = 0;
    p->oom_eligible = false;
    p->oom_rank = 0;
    p->oom_score_predicted = 0;
}

static bool fast_equal(const FastPart *a, const FastPart *b)
{
    return a->size_pages == b->size_pages
        && a->resident_pages == b->resident_pages
        && a->shared_pages == b->shared_pages
        && a->oom_score == b->oom_score
        && a->oom_score_adj == b->oom_score_adj
        && a->ok_flags == b->ok_flags;
}

/* Reads the per-refresh files; status only when needed (see the top). */
static bool read_files(Sampler *s, const char *name, PidEntry *e,
                       ProcSample *p)
{
    FastPart f;

    if (!read_fast(s, name, e, &f))
        return false;
    bool need_status = !e->known
        || !fast_equal(&f, &e->fast)
        || (s->refreshes + (unsigned long)e->pid) % STATUS_EVERY == 0;
    e->fast = f;
    if (need_status) {
        if (!read_status(s, name, e, p))
            return false;
        e->known = true;
        p->flags &= PROC_HAS_MM | PROC_ZOMBIE;
    } else {
        recall_status(&e->status, p);
    }
    apply_fast(s, e, p);
    return true;
}

/* Reads one process into p, taking over the held fds and remembered
 * figures of its cache entry. Returns false when it vanished meanwhile
 * (its fds are then closed). */
static bool read_process(Sampler *s, const char *name, PidEntry *e,
                         ProcSample *p)
{
    PidEntry *old = cache_find(s, e->pid);

    if (old && old->taken)
        old = NULL;
    if (old) {
        ino_t ino = e->ino;
        *e = *old;
        e->ino = ino;
        e->taken = false;
        old->taken = true;
    }
    if (!read_identity(s, name, e, old))
        goto gone;
    if (!read_files(s, name, e, p)) {
        /* ESRCH on a held fd: the process we held died, yet readdir listed
         * its pid, so a new process has it. Start over as a new one. */
        if (errno != ESRCH || !old)
            goto gone;
        pidfiles_close(&e->files, &s->budget);
        e->known = false;
        if (!read_identity(s, name, e, NULL) || !read_files(s, name, e, p))
            goto gone;
    }
    fill_rest(s, e, p);
    return true;
gone:
    pidfiles_close(&e->files, &s->budget);
    return false;
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
        if (!read_process(s, d->d_name, e, p))
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
    sample_system(s->proc_fd, s->si, s->buf, sizeof s->buf, &s->snap);
    int rc = read_processes(s, needs);
    s->refreshes++;
    if (rc < 0)
        set_err(s, "cannot read the process list");
    link_cmdlines(s, needs);
    /* Processes not seen again are gone: give their fds back. The entries
     * read so far become the cache even after an error, so no fd is lost. */
    for (size_t i = 0; i < s->ncache; i++)
        if (!s->cache[i].taken)
            pidfiles_close(&s->cache[i].files, &s->budget);

    PidEntry *t = s->cache;
    size_t tcap = s->cache_cap;
    s->cache = s->next;
    s->cache_cap = s->next_cap;
    s->ncache = s->nnext;
    s->next = t;
    s->next_cap = tcap;
    return rc < 0 ? NULL : &s->snap;
}
