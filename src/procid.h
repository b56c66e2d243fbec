/* SPDX-License-Identifier: GPL-2.0-or-later
 * procid.h - which process an action is meant for: (pid, start time) taken
 * when the operator chose it, and the check that /proc/PID is still that
 * process right before anything is written. Reads /proc; writes nothing.
 */
#ifndef OOMTOP_PROCID_H
#define OOMTOP_PROCID_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* Identity of a process: a pid alone may be recycled, (pid, start_ticks)
 * is not. `comm` is only for messages ("process 1234 (mysqld) has exited"),
 * never compared. */
typedef struct ProcId {
    pid_t pid;
    unsigned long long start_ticks;     /* /proc/PID/stat field 22 */
    char comm[PROC_COMM_MAX];           /* sanitised name at selection */
} ProcId;

/* The fields of one /proc/PID/stat line that actions need. */
typedef struct ProcStatLine {
    char comm[PROC_COMM_MAX];           /* sanitised */
    char state;
    int nice;                           /* field 19 */
    unsigned long long start_ticks;     /* field 22 */
} ProcStatLine;

/* The identity of a sampled process (copies pid, start time, comm). */
ProcId procid_from_sample(const ProcSample *p);

/* True if both name the same process (pid and start time equal). Inline so
 * the pure core can use it without the data layer. */
static inline bool procid_equal(const ProcId *a, const ProcId *b)
{
    return a->pid == b->pid && a->start_ticks == b->start_ticks;
}

/* Parses a stat line (`len` bytes, need not be NUL-terminated). The comm may
 * hold spaces and ')', so the fields are counted from the LAST ')'.
 * Returns 0, or -1 if the line is malformed. Pure. */
int procid_parse_stat(const char *buf, size_t len, ProcStatLine *out);

/* Reads and parses `stat` inside an open /proc/PID (or task/TID) directory.
 * Returns 0, or -1 with errno set (EINVAL for an unparsable line). */
int procid_read_stat_at(int dirfd, ProcStatLine *out);

/* Opens PID's directory under the proc root `proc_fd` and checks that it
 * still is `id`: same start time and not a zombie. Returns the directory
 * fd (O_DIRECTORY|O_CLOEXEC; caller closes it) or -1 with a sentence in
 * err: "process 1234 (mysqld) has exited", "pid 1234 now belongs to
 * another process (bash)". Files opened through the returned fd belong to
 * the checked process even if the pid is recycled afterwards. */
int procid_open_verified(int proc_fd, const ProcId *id, char *err, size_t errlen);

/* Fills `out` with the current identity of `pid` under `proc_fd` (for a
 * process named by pid alone). Returns 0, or -1 with a sentence in err. */
int procid_lookup(int proc_fd, pid_t pid, ProcId *out, char *err, size_t errlen);

/* Formats "pid 1234 (mysqld)" for messages. Returns buf. */
const char *procid_label(const ProcId *id, char *buf, size_t len);

#endif
