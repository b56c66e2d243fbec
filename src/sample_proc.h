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

/* What the sampler remembers about one process between refreshes. A new
 * entry is zeroed, with pidfiles_init() on files, pid and ino set. */
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

/* What reading a process needs from the sampler. */
typedef struct ProcReader {
    int proc_fd;                /* the proc root */
    bool live;                  /* the real /proc: pids are this system's */
    long page_kb;
    unsigned long refreshes;    /* spreads the periodic status reads */
    bool status_always;         /* read status every refresh (the system has swap) */
    UserCache *users;
    PidFileBudget budget;
    char buf[SAMPLE_BUF];       /* scratch for one file */
} ProcReader;

/* Reads the process of /proc entry `name` into p and e. `old` is its entry
 * from the last refresh or NULL; its held fds and remembered figures move
 * into e. Returns false when the process vanished meanwhile (e's fds are
 * closed then); p->cmdline is left NULL. */
bool sample_proc_read(ProcReader *r, const char *name, PidEntry *e,
                      const PidEntry *old, ProcSample *p);

/* Closes e's held fds. */
void sample_proc_forget(ProcReader *r, PidEntry *e);

#endif
