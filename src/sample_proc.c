/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample_proc.c - one process per call: the cheap files every refresh,
 * status and oom_score when needed, stat once per process (see sample.c for
 * the design).
 */
#include "config.h"

#include "sample_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "badness.h"
#include "format.h"
#include "mmpeers.h"
#include "procfs.h"

/* A process whose statm and oom_score_adj do not move gets its status and
 * oom_score read again at least this often (pids are spread over the
 * refreshes). Where there is swap, status is read on every refresh anyway:
 * VmSwap can move while nothing else does. */
#define STATUS_EVERY 8


/* The figures oom_score is computed from by the kernel, and the sizes
 * shown: a change in any of them sends us to status and oom_score. */
typedef struct Figures {
    long long size_kb, rss_kb, shr_kb, swap_kb, pte_kb;
    int adj;
    unsigned adj_ok;
} Figures;

static Figures figures_of(const ProcSample *p)
{
    return (Figures){ p->vm_size_kb, p->vm_rss_kb, proc_shr_kb(p), p->vm_swap_kb,
                      p->vm_pte_kb, p->oom_score_adj, p->flags & PROC_OOM_ADJ_OK };
}

static bool figures_equal(const Figures *a, const Figures *b)
{
    return a->size_kb == b->size_kb && a->rss_kb == b->rss_kb && a->shr_kb == b->shr_kb
        && a->swap_kb == b->swap_kb && a->pte_kb == b->pte_kb && a->adj == b->adj
        && a->adj_ok == b->adj_ok;
}

/* Counts the CPUs in a list such as "0-3,8,10-11". */
static long count_cpu_list(const char *s)
{
    long n = 0;

    while (*s >= '0' && *s <= '9') {
        char *end;
        long a = strtol(s, &end, 10), b = a;
        if (*end == '-')
            b = strtol(end + 1, &end, 10);
        if (b < a)
            return -1;
        n += b - a + 1;
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

/* oom_rss_drift_pages() for the running kernel and its online CPUs (a CPU
 * that goes offline folds its part in). A kernel release that cannot be
 * read is taken as recent: the drift then only costs reads. */
long long sample_proc_drift_pages(void)
{
    char buf[256];
    struct utsname u;
    int major = 99, minor = 0;
    long n = -1;

    if (uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) != 2)
        major = 99;
    if (procfs_read_at(AT_FDCWD, "/sys/devices/system/cpu/online", buf, sizeof buf) > 0)
        n = count_cpu_list(buf);
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n <= 0)
        n = 4096;   /* unknown: wide enough that every oom_score is re-read */
    return oom_rss_drift_pages(major, minor, n);
}

void sample_proc_new(PidEntry *e, ProcSample *p, pid_t pid)
{
    e->ino = 0;
    e->known = false;
    pidfiles_init(&e->files);
    p->pid = pid;
}

/* The once-per-lifetime part: reads stat when the process is new or its
 * dentry changed (a new dentry may mean a new process with the same pid;
 * then the held fds and the figures of the older one are dropped). Returns
 * IDENTITY_GONE when the process is gone, IDENTITY_READ when stat was read
 * (its nice is then fresh), IDENTITY_KEPT when nothing needed reading. */
enum { IDENTITY_GONE, IDENTITY_KEPT, IDENTITY_READ };

static int read_identity(ProcReader *r, const char *name, ino_t ino, PidEntry *e,
                         ProcSample *p)
{
    char path[64];
    ProcStat st;

    if (e->known && e->ino == ino)
        return IDENTITY_KEPT;
    if (procfs_read_one_shot_at(r->proc_fd, procfs_pid_path(path, sizeof path, name, "stat"),
                       r->buf, sizeof r->buf) < 0
        || procfs_parse_stat(r->buf, &st) < 0)
        return IDENTITY_GONE;
    if (e->known && p->start_ticks != st.start_ticks) {
        pidfiles_close(&e->files, &r->budget);
        e->known = false;
    }
    if (!e->known) {
        pid_t pid = p->pid;
        memset(p, 0, sizeof *p);
        p->pid = pid;
    }
    e->ino = ino;
    p->start_ticks = st.start_ticks;
    p->ppid = st.ppid;
    p->nice = st.nice;
    p->flags &= ~(unsigned)PROC_KTHREAD;
    if (st.flags & PROCFS_PF_KTHREAD)
        p->flags |= PROC_KTHREAD;
    return IDENTITY_READ;
}

/* Reads oom_score_adj (held fd). Returns 1, 0 when it is unreadable (its
 * flag is cleared) and -1 (errno set) when the process is gone. */
static int read_adj(ProcReader *r, const char *name, PidEntry *e, ProcSample *p)
{
    char buf[32];
    long long v;

    p->flags &= ~(unsigned)PROC_OOM_ADJ_OK;
    p->oom_score_adj = 0;
    if (pidfiles_read(&e->files, &r->budget, PIDFILE_OOM_SCORE_ADJ, r->proc_fd, name, buf,
                      sizeof buf) < 0)
        return errno == ESRCH || errno == ENOENT ? -1 : 0;
    if (procfs_parse_ll(buf, &v) < 0)
        return 0;
    p->oom_score_adj = (int)v;
    p->flags |= PROC_OOM_ADJ_OK;
    return 1;
}

/* Reads statm (held fd): size, resident and shared pages. */
static bool read_statm(ProcReader *r, const char *name, PidEntry *e, long long pages[3])
{
    char buf[256];

    if (pidfiles_read(&e->files, &r->budget, PIDFILE_STATM, r->proc_fd, name, buf,
                      sizeof buf) < 0)
        return false;
    if (procfs_parse_statm(buf, &pages[0], &pages[1], &pages[2]) < 0) {
        errno = ENOENT;
        return false;
    }
    return true;
}

/* Reads status into p: held where it is read on every refresh (swap),
 * else opened for the one read. Every size shown comes from it. */
static bool read_status(ProcReader *r, const char *name, PidEntry *e, ProcSample *p)
{
    char path[64];
    ssize_t n = r->status_always
        ? pidfiles_read(&e->files, &r->budget, PIDFILE_STATUS, r->proc_fd, name, r->buf,
                        sizeof r->buf)
        : procfs_read_one_shot_at(r->proc_fd,
                                  procfs_pid_path(path, sizeof path, name, "status"), r->buf,
                                  sizeof r->buf);
    if (n < 0)
        return false;
    if (procfs_parse_status(r->buf, p) < 0) {
        errno = ENOENT;
        return false;
    }
    /* A reader without the (single-threaded) cache leaves the name to the
     * sampler, which fills every empty one after the read. */
    if (r->users)
        snprintf(p->user, sizeof p->user, "%s", users_name(r->users, p->uid));
    else
        p->user[0] = '\0';
    return true;
}

static bool statm_moved(const ProcReader *r, const long long pages[3], const Figures *f)
{
    return pages[0] * r->page_kb != f->size_kb || pages[1] * r->page_kb != f->rss_kb
        || pages[2] * r->page_kb != f->shr_kb;
}

/* True when the kernel's oom_score may have moved although no figure it
 * is computed from did: it is within drift_pages of a step. */
static bool near_step(const ProcReader *r, const ProcSample *p)
{
    long long t = r->totalpages;
    int lo, hi;

    if (t <= 0 || r->page_kb <= 0)
        return true;
    if ((p->flags & PROC_OOM_ADJ_OK) && p->oom_score_adj <= OOM_SCORE_ADJ_MIN)
        return false;   /* 0 whatever the memory */
    oom_score_span(oom_badness_pages(p, t, r->page_kb), r->drift_pages, t, OOM_SCALE_2000, &lo,
                   &hi);
    return lo != hi;
}

/* Reads the kernel's oom_score. Returns false (errno set) when the process
 * is gone; an unreadable score only clears its flag. A score read on every
 * refresh is held open (one pread instead of open/read/close); any other
 * is read once and not held, so its fd serves another process. */
static bool read_oom_score(ProcReader *r, const char *name, PidEntry *e, bool every_refresh,
                           ProcSample *p)
{
    char buf[32], path[64];
    long long v;
    ssize_t n;

    p->flags &= ~(unsigned)PROC_OOM_SCORE_OK;
    p->oom_score = 0;
    if (every_refresh)
        n = pidfiles_read(&e->files, &r->budget, PIDFILE_OOM_SCORE, r->proc_fd, name, buf,
                          sizeof buf);
    else
        n = procfs_read_one_shot_at(r->proc_fd,
                                    procfs_pid_path(path, sizeof path, name, "oom_score"), buf,
                                    sizeof buf);
    if (n < 0)
        return !(errno == ESRCH || errno == ENOENT);
    if (procfs_parse_ll(buf, &v) < 0)
        return true;
    p->oom_score = (int)v;
    p->flags |= PROC_OOM_SCORE_OK;
    return true;
}

/* oom_score reads 0 when oom_badness() skips a process: a vfork child
 * (it shares its parent's mm until it execs or exits), an mm the OOM reaper
 * is taking apart, adj -1000, kernel threads and init. A 0 can also be
 * rounding: adj -999 with no pages at all (0..2000 scale), or any small
 * process on the old 0..1000 scale. So a 0 on a process with memory and an
 * adj from -997 up is checked with kcmp against the parent, and the
 * same mm marks a vfork child (on the old scale a CLONE_VM child without
 * CLONE_VFORK would be taken for one: rare, and small). badness.c catches
 * the other skipped processes from the score alone. While the flag is set
 * the check runs on every refresh: a parent killed out of vfork() leaves
 * the child reparented and killable. Two tasks that have both just exited
 * compare equal too (no mm either); they are gone a refresh later. */
#define VFORK_CHECK_MIN_ADJ (-997)

static void mark_vfork_child(const ProcReader *r, ProcSample *p)
{
    p->flags &= ~(unsigned)PROC_IN_VFORK;
    if (r->live && (p->flags & PROC_OOM_SCORE_OK) && p->oom_score == 0
        && proc_has_own_mm(p)
        && (p->flags & PROC_OOM_ADJ_OK) && p->oom_score_adj >= VFORK_CHECK_MIN_ADJ
        && p->ppid > 0 && mmpeers_same_mm(p->pid, p->ppid))
        p->flags |= PROC_IN_VFORK;
}

/* The kernel's score changes only with the figures it is computed from,
 * with totalpages, or with states the files do not show (an mm being
 * reaped, a vfork child), which the periodic read catches. Kernel threads
 * always read 0 (oom_badness() skips them). */
static bool read_score_if_needed(ProcReader *r, const char *name, PidEntry *e, bool moved,
                                 bool periodic, ProcSample *p)
{
    if (p->flags & PROC_KTHREAD) {
        p->oom_score = 0;
        p->flags |= PROC_OOM_SCORE_OK;
        return true;
    }
    bool every_refresh = !(p->flags & PROC_HAS_MM)  /* its threads' mm is not in our files */
        || (p->flags & (PROC_IN_VFORK | PROC_KERNEL_SKIPS))   /* rare: re-checked */
        || near_step(r, p);
    if (!every_refresh)
        pidfiles_drop(&e->files, &r->budget, PIDFILE_OOM_SCORE);
    bool need = every_refresh || moved || periodic || r->totalpages_moved
        || !(p->flags & PROC_OOM_SCORE_OK);
    if (!need)
        return true;
    if (!read_oom_score(r, name, e, every_refresh, p))
        return false;
    mark_vfork_child(r, p);
    return true;
}

/* Reads the per-refresh files; status and oom_score only when needed. */
static bool read_files(ProcReader *r, const char *name, PidEntry *e, ProcSample *p)
{
    Figures before = figures_of(p);
    long long pages[3];
    bool periodic = (r->refreshes + (unsigned long)p->pid) % STATUS_EVERY == 0;
    bool need_status = !e->known || r->status_always || periodic;

    pidfiles_drop(&e->files, &r->budget, r->status_always ? PIDFILE_STATM : PIDFILE_STATUS);
    if (read_adj(r, name, e, p) < 0)
        return false;
    if (!need_status) {
        if (!read_statm(r, name, e, pages))
            return false;
        need_status = statm_moved(r, pages, &before) || p->oom_score_adj != before.adj
                      || (p->flags & PROC_OOM_ADJ_OK) != before.adj_ok;
    }
    /* Unless statm moved, p still holds its figures, and the split of SHR
     * into file and shmem from the last status read. */
    if (need_status && !read_status(r, name, e, p))
        return false;
    Figures after = figures_of(p);
    bool moved = !e->known || !figures_equal(&before, &after);
    if (!read_score_if_needed(r, name, e, moved, periodic, p))
        return false;
    e->known = true;
    return true;
}

/* Nice, when stat did not just give it: getpriority is far cheaper than a
 * /proc read, and equals stat's nice of the leader. A copied proc tree has
 * no process to ask: the nice its stat gave stays. Then what the model and
 * the cgroup layer fill in after each refresh. */
static void fill_rest(ProcReader *r, bool nice_read, ProcSample *p)
{
    if (nice_read) {
        p->flags |= PROC_NICE_OK;
    } else if (r->live) {
        p->flags &= ~(unsigned)PROC_NICE_OK;
        p->nice = 0;
        errno = 0;
        int prio = getpriority(PRIO_PROCESS, (id_t)p->pid);
        if (errno == 0) {
            p->nice = prio;
            p->flags |= PROC_NICE_OK;
        }
    }
    p->cmdline = NULL;
    p->badness_pages = 0;
    p->oom_eligible = false;
    p->oom_rank = 0;
    p->oom_score_predicted = 0;
    p->memcg = NULL;
    p->oom_rank_in_memcg = 0;
    p->memcg_badness_pages = 0;
}

bool sample_proc_read(ProcReader *r, ino_t ino, PidEntry *e, ProcSample *p)
{
    char name[16];

    format_ll(name, sizeof name, p->pid);     /* the /proc entry name, as readdir gave it */
    int identity = read_identity(r, name, ino, e, p);
    if (identity == IDENTITY_GONE)
        goto gone;
    if (!read_files(r, name, e, p)) {
        /* ESRCH on a held fd: the process we held died, yet readdir listed
         * its pid, so a new process has it. Start over as a new one. */
        if (errno != ESRCH || !e->known)
            goto gone;
        pidfiles_close(&e->files, &r->budget);
        e->known = false;
        identity = read_identity(r, name, ino, e, p);
        if (identity == IDENTITY_GONE || !read_files(r, name, e, p))
            goto gone;
    }
    fill_rest(r, identity == IDENTITY_READ, p);
    return true;
gone:
    pidfiles_close(&e->files, &r->budget);
    e->known = false;
    return false;
}

void sample_proc_forget(ProcReader *r, PidEntry *e)
{
    pidfiles_close(&e->files, &r->budget);
}
