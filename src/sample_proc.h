/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample_proc.h - reading one process for the sampler (inside the data
 * layer only): what is remembered per pid between refreshes, and the read
 * of one /proc/PID through the proc root's directory fd.
 */
#ifndef OOMTOP_SAMPLE_PROC_H
#define OOMTOP_SAMPLE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model.h"
#include "pidfiles.h"
#include "users.h"

#define SAMPLE_BUF 8192         /* status is ~1.5 KiB; room for growth */

/* What the sampler keeps about one process besides its ProcSample, which
 * stays in place in the snapshot from one refresh to the next and is the
 * memory of everything read before. Set up by sample_proc_new(). */
typedef struct PidEntry {
    ino_t ino;                  /* readdir d_ino: a new one means a new
                                   dentry, so maybe a new process */
    PidFiles files;             /* held statm (or status) and adj fds */
    bool known;                 /* the ProcSample holds a complete read */
} PidEntry;

/* What reading a process needs from the sampler. */
typedef struct ProcReader {
    int proc_fd;                /* the proc root */
    bool live;                  /* the real /proc: pids are this system's */
    long page_kb;
    unsigned long refreshes;    /* spreads the periodic status reads */
    bool status_always;         /* read status every refresh (the system has swap) */
    long long totalpages;       /* RAM + swap pages (oom_score's scale), -1 unknown */
    bool totalpages_moved;      /* since the last refresh: every oom_score is re-read */
    long long drift_pages;      /* how far the kernel's approximate RSS counters
                                   can be from statm's exact sums */
    UserCache *users;           /* NULL: user names are left empty */
    PidFileBudget budget;
    char buf[SAMPLE_BUF];       /* scratch for one file */
} ProcReader;

/* The most the per-CPU RSS counters that oom_badness() reads can differ
 * from the exact sums in statm and status, in pages (see sample_proc.c). */
long long sample_proc_drift_pages(void);

/* Makes e and p a process not read yet, with pid `pid`. */
void sample_proc_new(PidEntry *e, ProcSample *p, pid_t pid);

/* Reads process p->pid (its /proc entry has inode `ino` now) into p and e,
 * starting from what they hold from the last refresh. Returns false when
 * the process vanished meanwhile (e's fds are closed then); p->cmdline is
 * left NULL. */
bool sample_proc_read(ProcReader *r, ino_t ino, PidEntry *e, ProcSample *p);

/* Closes e's held fds. */
void sample_proc_forget(ProcReader *r, PidEntry *e);

#endif
