/* SPDX-License-Identifier: GPL-2.0-or-later
 * target.c - resolve a PID or an exact process name against a Snapshot.
 * Exact match only: "act on every mysqld" must never catch "mysqld_safe".
 */
#include "config.h"

#include "target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Highest pid Linux can hand out (PID_MAX_LIMIT on 64-bit). */
#define TARGET_PID_MAX 4194304L

void target_set_init(TargetSet *t)
{
    memset(t, 0, sizeof *t);
}

void target_set_free(TargetSet *t)
{
    free(t->procs);
    target_set_init(t);
}

bool target_is_pid(const char *spec)
{
    return spec[0] != '\0' && strspn(spec, "0123456789") == strlen(spec);
}

static int target_add(TargetSet *t, const ProcSample *p)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        const ProcSample **np = realloc(t->procs, cap * sizeof *np);
        if (!np)
            return -1;
        t->procs = np;
        t->cap = cap;
    }
    t->procs[t->n++] = p;
    return 0;
}

static long resolve_pid(const Snapshot *snap, const char *spec, TargetSet *t,
                        char *err, size_t errlen)
{
    long pid = strlen(spec) > 7 ? TARGET_PID_MAX + 1 : strtol(spec, NULL, 10);

    if (pid <= 0 || pid > TARGET_PID_MAX) {
        snprintf(err, errlen, "'%.20s' is not a valid pid", spec);
        return -1;
    }
    for (size_t i = 0; i < snap->nprocs; i++) {
        if (snap->procs[i].pid != (pid_t)pid)
            continue;
        if (target_add(t, &snap->procs[i]) < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        return 1;
    }
    snprintf(err, errlen, "no process with pid %ld", pid);
    return -1;
}

static bool name_eligible(const ProcSample *p)
{
    return !(p->flags & (PROC_KTHREAD | PROC_ZOMBIE));
}

static void no_such_name(const Snapshot *snap, const char *name, char *err, size_t errlen)
{
    char q[PROC_COMM_MAX];

    text_sanitize(q, sizeof q, name, strlen(name));
    if (strlen(name) > TARGET_COMM_KERNEL_MAX) {
        for (size_t i = 0; i < snap->nprocs; i++) {
            const ProcSample *p = &snap->procs[i];
            if (name_eligible(p) && strncmp(p->comm, name, TARGET_COMM_KERNEL_MAX) == 0
                && strlen(p->comm) == TARGET_COMM_KERNEL_MAX) {
                snprintf(err, errlen, "no process named '%s': the kernel keeps only %d"
                         " characters of a name, use '%s'", q, TARGET_COMM_KERNEL_MAX, p->comm);
                return;
            }
        }
    }
    snprintf(err, errlen, "no process named '%s'", q);
}

long target_resolve(const Snapshot *snap, const char *spec, TargetSet *t,
                    char *err, size_t errlen)
{
    t->n = 0;
    t->by_name = false;
    if (!spec || spec[0] == '\0') {
        snprintf(err, errlen, "no process given (a pid or an exact process name)");
        return -1;
    }
    if (target_is_pid(spec))
        return resolve_pid(snap, spec, t, err, errlen);

    t->by_name = true;
    for (size_t i = 0; i < snap->nprocs; i++) {
        const ProcSample *p = &snap->procs[i];
        if (name_eligible(p) && strcmp(p->comm, spec) == 0 && target_add(t, p) < 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    if (t->n == 0) {
        no_such_name(snap, spec, err, errlen);
        return -1;
    }
    return (long)t->n;
}

const char *target_format_pids(const TargetSet *t, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < t->n && used < len; i++) {
        int n = snprintf(buf + used, len - used, "%s%d", i ? ", " : "", (int)t->procs[i]->pid);
        if (n < 0 || (size_t)n >= len - used) {
            buf[used] = '\0';
            break;
        }
        used += (size_t)n;
    }
    return buf;
}
