/* SPDX-License-Identifier: GPL-2.0-or-later
 * mmpeers.c - processes sharing an mm, found with kcmp(2).
 */
#include "config.h"

#include "mmpeers.h"

#include <linux/kcmp.h>
#include <sys/syscall.h>
#include <unistd.h>

bool mmpeers_same_mm(pid_t a, pid_t b)
{
    /* 0: same mm; anything else (other mm, EPERM, ENOSYS): not shared */
    return syscall(SYS_kcmp, a, b, KCMP_VM, 0, 0) == 0;
}

size_t mmpeers_find(const ProcSample *procs, size_t n, size_t target, size_t *out, size_t max)
{
    size_t found = 0;
    /* A write to a vfork child stays with it, and one to its parent is
     * never passed on to it (__set_oom_adj()): no peers either way. */
    if (target >= n || !proc_has_own_mm(&procs[target]) || (procs[target].flags & PROC_IN_VFORK))
        return 0;
    pid_t self = procs[target].pid;
    for (size_t i = 0; i < n && found < max; i++) {
        if (i == target || !proc_has_own_mm(&procs[i]) || (procs[i].flags & PROC_IN_VFORK))
            continue;
        if (mmpeers_same_mm(self, procs[i].pid))
            out[found++] = i;
    }
    return found;
}
