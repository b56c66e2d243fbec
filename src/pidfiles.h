/* SPDX-License-Identifier: GPL-2.0-or-later
 * pidfiles.h - the per-refresh /proc/PID files of one process (statm,
 * oom_score_adj, oom_score), kept open between refreshes and re-read with
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
    PIDFILE_STATM,
    PIDFILE_OOM_SCORE_ADJ,
    PIDFILE_OOM_SCORE,
    PIDFILE_COUNT,
};

/* Held fds of one process; -1 where the file is not held. */
typedef struct PidFiles {
    int fd[PIDFILE_COUNT];
} PidFiles;

/* Shared fd accounting for all processes of one sampler. */
typedef struct PidFileBudget {
    size_t held;        /* fds held now */
    size_t max_held;    /* fds that may be held; the rest open/read/close */
} PidFileBudget;

/* Sets every fd to -1 (nothing held). */
void pidfiles_init(PidFiles *pf);

/* Derives max_held from RLIMIT_NOFILE, first raising the soft limit to the
 * hard one (capped), and leaves room for the rest of the program. */
void pidfiles_budget_init(PidFileBudget *b);

/* Reads file `which` of the process whose /proc directory is `pidname`
 * (relative to proc_fd) into buf (NUL-terminated): through the held fd if
 * there is one, else by opening it, keeping the fd while the budget allows.
 * Returns the bytes read, or -1 with errno (ESRCH/ENOENT: process gone). */
ssize_t pidfiles_read(PidFiles *pf, PidFileBudget *b, enum PidFile which,
                      int proc_fd, const char *pidname, char *buf, size_t size);

/* Closes every held fd and returns it to the budget. */
void pidfiles_close(PidFiles *pf, PidFileBudget *b);

#endif
