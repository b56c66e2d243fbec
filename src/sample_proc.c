/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample_proc.c - one process per call: the cheap files every refresh,
 * status when needed, stat once per process (see sample.c for the design).
 */
#include "config.h"

#include "sample_proc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "procfs.h"

/* A process whose statm and OOM figures do not move gets its status read
 * again at least this often (pids are spread over the refreshes). Only
 * where there is no swap: with swap, VmSwap can move while statm and the
 * OOM figures stand still, so status is then read on every refresh. */
#define STATUS_EVERY 8

/* The once-per-lifetime part: reads stat when the pid is new or its dentry
 * changed (a new dentry may mean a new process with the same pid; then the
 * held fds and remembered figures of the older one are dropped). Returns
 * false when the process is gone. */
static bool read_identity(ProcReader *r, const char *name, PidEntry *e,
                          const PidEntry *old)
{
    char path[64];
    ProcStat st;

    if (old && old->ino == e->ino)
        return true;            /* everything was copied from old */
    if (procfs_read_at(r->proc_fd, procfs_pid_path(path, sizeof path, name, "stat"),
                       r->buf, sizeof r->buf) < 0
        || procfs_parse_stat(r->buf, &st) < 0)
        return false;
    if (!old || old->start_ticks != st.start_ticks) {
        pidfiles_close(&e->files, &r->budget);
        e->known = false;
    }
    e->start_ticks = st.start_ticks;
    e->ppid = st.ppid;
    e->kthread = (st.flags & PROCFS_PF_KTHREAD) != 0;
    return true;
}

/* Reads a held integer file. Returns 1 on success, 0 when it is unreadable
 * (its flag stays clear) and -1 when the process is gone. */
static int read_int_file(ProcReader *r, const char *name, PidEntry *e,
                         enum PidFile which, int *out)
{
    char buf[32];
    long long v;

    if (pidfiles_read(&e->files, &r->budget, which, r->proc_fd, name, buf,
                      sizeof buf) < 0)
        return errno == ESRCH || errno == ENOENT ? -1 : 0;
    if (procfs_parse_ll(buf, &v) < 0)
        return 0;
    *out = (int)v;
    return 1;
}

/* statm, oom_score_adj and oom_score into f. Returns false (errno set)
 * when the process is gone. */
static bool read_fast(ProcReader *r, const char *name, PidEntry *e, FastPart *f)
{
    char buf[256];
    int rc;

    f->oom_score = f->oom_score_adj = 0;
    f->ok_flags = 0;
    if (pidfiles_read(&e->files, &r->budget, PIDFILE_STATM, r->proc_fd, name,
                      buf, sizeof buf) < 0)
        return false;
    if (procfs_parse_statm(buf, &f->size_pages, &f->resident_pages,
                           &f->shared_pages) < 0) {
        errno = ENOENT;
        return false;
    }
    if ((rc = read_int_file(r, name, e, PIDFILE_OOM_SCORE_ADJ,
                           &f->oom_score_adj)) < 0)
        return false;
    if (rc)
        f->ok_flags |= PROC_OOM_ADJ_OK;
    /* The kernel reports 0 for every kernel thread (oom_badness() skips
     * them), so there is nothing to read. */
    if (e->kthread)
        rc = 1;
    else if ((rc = read_int_file(r, name, e, PIDFILE_OOM_SCORE,
                                &f->oom_score)) < 0)
        return false;
    if (rc)
        f->ok_flags |= PROC_OOM_SCORE_OK;
    return true;
}

/* Reads status into p and remembers its part in e. */
static bool read_status(ProcReader *r, const char *name, PidEntry *e,
                        ProcSample *p)
{
    char path[64];
    StatusPart *st = &e->status;

    if (procfs_read_at(r->proc_fd, procfs_pid_path(path, sizeof path, name, "status"),
                       r->buf, sizeof r->buf) < 0)
        return false;
    if (procfs_parse_status(r->buf, p) < 0) {
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
static void apply_fast(const ProcReader *r, const PidEntry *e, ProcSample *p)
{
    const FastPart *f = &e->fast;
    long long shared_kb = f->shared_pages * r->page_kb;

    p->vm_size_kb = f->size_pages * r->page_kb;
    p->vm_rss_kb = f->resident_pages * r->page_kb;
    p->rss_anon_kb = p->vm_rss_kb - shared_kb;
    p->rss_file_kb = e->status.rss_file_kb < shared_kb
                         ? e->status.rss_file_kb : shared_kb;
    p->rss_shmem_kb = shared_kb - p->rss_file_kb;
    p->oom_score = f->oom_score;
    p->oom_score_adj = f->oom_score_adj;
    p->flags |= f->ok_flags;
}

/* Fields that need no file: nice (getpriority is far cheaper than a /proc
 * read, and equals stat's nice of the leader), user name, and resets. */
static void fill_rest(ProcReader *r, const PidEntry *e, ProcSample *p)
{
    p->pid = e->pid;
    p->ppid = e->ppid;
    p->start_ticks = e->start_ticks;
    if (e->kthread)
        p->flags |= PROC_KTHREAD;
    p->nice = 0;
    if (r->live) {
        errno = 0;
        int prio = getpriority(PRIO_PROCESS, (id_t)e->pid);
        if (errno == 0) {
            p->nice = prio;
            p->flags |= PROC_NICE_OK;
        }
    }
    snprintf(p->user, sizeof p->user, "%s", users_name(r->users, p->uid));
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
static bool read_files(ProcReader *r, const char *name, PidEntry *e,
                       ProcSample *p)
{
    FastPart f;

    if (!read_fast(r, name, e, &f))
        return false;
    bool need_status = !e->known || r->status_always
        || !fast_equal(&f, &e->fast)
        || (r->refreshes + (unsigned long)e->pid) % STATUS_EVERY == 0;
    e->fast = f;
    if (need_status) {
        if (!read_status(r, name, e, p))
            return false;
        e->known = true;
        p->flags &= PROC_HAS_MM | PROC_ZOMBIE;
    } else {
        recall_status(&e->status, p);
    }
    apply_fast(r, e, p);
    return true;
}

bool sample_proc_read(ProcReader *r, const char *name, PidEntry *e,
                      const PidEntry *old, ProcSample *p)
{
    if (old) {
        ino_t ino = e->ino;
        *e = *old;
        e->ino = ino;
        e->taken = false;
    }
    if (!read_identity(r, name, e, old))
        goto gone;
    if (!read_files(r, name, e, p)) {
        /* ESRCH on a held fd: the process we held died, yet readdir listed
         * its pid, so a new process has it. Start over as a new one. */
        if (errno != ESRCH || !old)
            goto gone;
        pidfiles_close(&e->files, &r->budget);
        e->known = false;
        if (!read_identity(r, name, e, NULL) || !read_files(r, name, e, p))
            goto gone;
    }
    fill_rest(r, e, p);
    return true;
gone:
    pidfiles_close(&e->files, &r->budget);
    return false;
}

void sample_proc_forget(ProcReader *r, PidEntry *e)
{
    pidfiles_close(&e->files, &r->budget);
}
