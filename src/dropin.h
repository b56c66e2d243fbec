/* SPDX-License-Identifier: GPL-2.0-or-later
 * dropin.h - make a protection survive a service restart: find the systemd
 * unit a process runs in (/proc/PID/cgroup), plan the drop-in that sets
 * OOMScoreAdjust= for it, and write that file atomically under a root dir.
 */
#ifndef OOMTOP_DROPIN_H
#define OOMTOP_DROPIN_H

#include <limits.h>
#include <stddef.h>

#include "procid.h"

/* The file name inside UNIT.d/: late in the sort order so it wins over
 * earlier drop-ins, and says who wrote it. */
#define DROPIN_FILE_NAME "90-oomtop-oom.conf"

#define DROPIN_UNIT_MAX 256

/* Everything needed to show and then write one drop-in. */
typedef struct DropInPlan {
    char unit[DROPIN_UNIT_MAX];   /* "mysql.service" */
    char dir[PATH_MAX];           /* ROOT/etc/systemd/system/mysql.service.d */
    char path[PATH_MAX];          /* dir/DROPIN_FILE_NAME */
    char content[256];            /* "[Service]\nOOMScoreAdjust=-1000\n" + header */
    int adj;
} DropInPlan;

/* Finds the unit in the text of /proc/PID/cgroup: the v2 line "0::", the v1
 * "name=systemd:" line, or the v1 memory controller path, in the order that
 * yields a unit. Only a system *.service gets a drop-in: a *.scope (its
 * processes are not started by systemd), a user-manager unit or no unit is
 * refused with a sentence in err. Returns 0 and the unit in `unit`, or -1.
 * Pure. */
int dropin_unit_from_cgroup(const char *text, size_t len, char *unit, size_t unitlen,
                            char *err, size_t errlen);

/* True if `unit` is a safe, plain systemd unit name (letters, digits, and
 * ":-_.@\\", no leading '.', at most 255 bytes). Pure. */
int dropin_unit_name_ok(const char *unit);

/* Fills `plan` for `unit` under `root` ("/" normally) with OOMScoreAdjust
 * `adj`. Returns 0, or -1 with a sentence in err (bad name or range). Pure. */
int dropin_plan(const char *root, const char *unit, int adj, DropInPlan *plan,
                char *err, size_t errlen);

/* Checks that systemd runs under root (ROOT/run/systemd/system exists),
 * reads the verified process's cgroup under proc_fd and plans its drop-in.
 * Returns 0, or -1 with a sentence in err ("no systemd here ...", "pid 1234
 * (x) runs in session-3.scope ..."). */
int dropin_prepare(const char *root, int proc_fd, const ProcId *id, int adj,
                   DropInPlan *plan, char *err, size_t errlen);

/* Writes plan->content to plan->path atomically: temp file in the same
 * directory, fsync, rename over the old file, fsync the directory; creates
 * UNIT.d if needed (etc/systemd/system must exist). On failure the old file
 * is untouched and no temp file remains. Returns 0, or -1 with a sentence. */
int dropin_write(const DropInPlan *plan, char *err, size_t errlen);

#endif
