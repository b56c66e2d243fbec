/* SPDX-License-Identifier: GPL-2.0-or-later
 * mmpeers.c - processes sharing an mm, found with kcmp(2).
 */
#include "config.h"

#include "mmpeers.h"

#include <linux/kcmp.h>
#include <sys/syscall.h>
#include <unistd.h>

static bool has_mm(const ProcSample *p)
{
    return (p->flags & PROC_HAS_MM) && !(p->flags & (PROC_KTHREAD | PROC_ZOMBIE));
}

size_t mmpeers_find(const ProcSample *procs, size_t n, size_t target, size_t *out, size_t max)
{
    size_t found = 0;
    if (target >= n || !has_mm(&procs[target]))
        return 0;
    pid_t self = procs[target].pid;
    for (size_t i = 0; i < n && found < max; i++) {
        if (i == target || !has_mm(&procs[i]))
            continue;
        /* 0: same mm; anything else (other mm, EPERM, ENOSYS): not a peer */
        if (syscall(SYS_kcmp, self, procs[i].pid, KCMP_VM, 0, 0) == 0)
            out[found++] = i;
    }
    return found;
}
