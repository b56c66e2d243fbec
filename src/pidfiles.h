/* SPDX-License-Identifier: GPL-2.0-or-later
 * pidfiles.h - the per-refresh /proc/PID files of one process (statm or
 * status, oom_score_adj, and oom_score where it is read on every refresh),
 * kept open between refreshes and re-read with
 * pread at offset 0 (one syscall per file instead of open/read/close),
 * within a budget of file descriptors. A held fd also pins the process:
 * once it is gone, reads fail with ESRCH even if its pid has been reused.
 */
#ifndef OOMTOP_PIDFILES_H
#define OOMTOP_PIDFILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum PidFile {
    PIDFILE_STATM,              /* held where there is no swap */
    PIDFILE_STATUS,             /* held instead of statm where there is swap */
    PIDFILE_OOM_SCORE_ADJ,
    PIDFILE_OOM_SCORE,          /* held only while read on every refresh */
    PIDFILE_COUNT,
};

/* Held fds of one process; -1 where the file is not held. */
typedef struct PidFiles {
    int fd[PIDFILE_COUNT];
} PidFiles;

/* Shared accounting for all processes of one sampler. A held statm,
 * status or oom_score also keeps a kernel buffer of a page (seq_file)
 * until it is closed, which no RSS figure shows: those are limited apart. */
typedef struct PidFileBudget {
    size_t held;            /* fds held now */
    size_t max_held;        /* fds that may be held; the rest open/read/close */
    size_t buffered;        /* of them, statm, status or oom_score */
    size_t max_buffered;
} PidFileBudget;

/* Sets every fd to -1 (nothing held). */
void pidfiles_init(PidFiles *pf);

/* Derives max_held from RLIMIT_NOFILE, first raising the soft limit to the
 * hard one (capped), and leaves room for the rest of the program (128 fds
 * and a thirty-second of the limit); max_buffered from the machine's RAM
 * (pidfiles_max_buffered). */
void pidfiles_budget_init(PidFileBudget *b);

/* How many statm/status/oom_score files may be held on a machine with `ram_bytes`
 * of RAM and pages of `page_bytes`: their kernel buffers (a page each, and
 * a little more) stay within a thousandth of the RAM. */
size_t pidfiles_max_buffered(unsigned long long ram_bytes, unsigned long long page_bytes);

/* Gives `share` a 1/parts part of what b may still hold, taken from b, for
 * a reader on another thread; held and buffered start at 0 in the share. */
void pidfiles_budget_share(PidFileBudget *b, size_t parts, PidFileBudget *share);

/* Gives a share back to b: what it may hold and what it holds now. */
void pidfiles_budget_return(PidFileBudget *b, const PidFileBudget *share);

/* True if the budget lets one more file of kind `which` be held. */
bool pidfiles_may_keep(const PidFileBudget *b, enum PidFile which);

/* Reads file `which` of the process whose /proc directory is `pidname`
 * (relative to proc_fd) into buf (NUL-terminated): through the held fd if
 * there is one, else by opening it, keeping the fd while the budget allows.
 * Returns the bytes read, or -1 with errno (ESRCH/ENOENT: process gone). */
ssize_t pidfiles_read(PidFiles *pf, PidFileBudget *b, enum PidFile which,
                      int proc_fd, const char *pidname, char *buf, size_t size);

/* Closes the held fd of file `which`, if any, and returns it to the budget. */
void pidfiles_drop(PidFiles *pf, PidFileBudget *b, enum PidFile which);

/* Closes every held fd and returns it to the budget. */
void pidfiles_close(PidFiles *pf, PidFileBudget *b);

#endif
