/* SPDX-License-Identifier: GPL-2.0-or-later
 * adjfile.h - the live tests' way to set a process's oom_score_adj, as
 * choom does: by writing /proc/PID/oom_score_adj, not through oomtop's own
 * actions, so that what oomtop then reads is checked against the kernel.
 */
#ifndef OOMTOP_TESTS_ADJFILE_H
#define OOMTOP_TESTS_ADJFILE_H

#include <sys/types.h>

/* Writes adj to /proc/PID/oom_score_adj. Returns 0, or -1 with errno
 * (EACCES where lowering needs CAP_SYS_RESOURCE). */
int adjfile_write(pid_t pid, int adj);

/* Reads /proc/PID/oom_score_adj into *adj. Returns 0, or -1 with errno. */
int adjfile_read(pid_t pid, int *adj);

#endif
