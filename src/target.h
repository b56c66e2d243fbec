/* SPDX-License-Identifier: GPL-2.0-or-later
 * target.h - turn "PID" or "NAME" (from the command line or a prompt) into
 * the processes of a Snapshot it names: a pid names one process, a name
 * every process whose comm is exactly that name. Pure.
 */
#ifndef OOMTOP_TARGET_H
#define OOMTOP_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* Kernel comm length (TASK_COMM_LEN - 1): longer names are cut. */
#define TARGET_COMM_KERNEL_MAX 15

typedef struct TargetSet {
    const ProcSample **procs;   /* point into the Snapshot; valid while it is */
    size_t n;
    size_t cap;
    bool by_name;               /* the spec was a name, not a pid */
} TargetSet;

/* An empty set; target_set_free() releases what target_resolve() grew. */
void target_set_init(TargetSet *t);
void target_set_free(TargetSet *t);

/* True if spec is all decimal digits (a pid, not a name). Pure. */
bool target_is_pid(const char *spec);

/* Fills t (emptied first) with the processes spec names, in snapshot
 * order. A pid must be a process of the snapshot; a name matches the comm
 * exactly, kernel threads and zombies excluded. Returns the number found
 * (>= 1), or -1 with a sentence in err ("no process named 'x'", with a
 * hint when the name is longer than the kernel keeps). Memory for t->procs
 * is owned by t (target_set_free). */
long target_resolve(const Snapshot *snap, const char *spec, TargetSet *t,
                    char *err, size_t errlen);

/* "1234, 5678, 9012" (pids of t, as many as fit). Returns buf. */
const char *target_format_pids(const TargetSet *t, char *buf, size_t len);

#endif
