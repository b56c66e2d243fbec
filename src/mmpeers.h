/* SPDX-License-Identifier: GPL-2.0-or-later
 * mmpeers.h - which processes share one address space (clone(CLONE_VM)
 * without CLONE_THREAD). The kernel writes oom_score_adj to all of them at
 * once and kills them together, so a simulation must change them together.
 * Data layer: asks the kernel with kcmp(KCMP_VM); writes nothing.
 */
#ifndef OOMTOP_MMPEERS_H
#define OOMTOP_MMPEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* True when the kernel says a and b share one mm (kcmp KCMP_VM); false
 * for another mm and whenever the kernel will not compare them (kcmp needs
 * ptrace access to both; missing without CONFIG_KCMP). */
bool mmpeers_same_mm(pid_t a, pid_t b);

/* Writes to out (at most max) the indices of the processes in procs[] other
 * than procs[target] whose mm is the same as procs[target]'s, and returns
 * how many were found. Kernel threads, zombies and processes the kernel
 * will not compare (kcmp needs ptrace access; missing without
 * CONFIG_KCMP) are left out. One kcmp() per candidate: call it on a key
 * press, not on every refresh. */
size_t mmpeers_find(const ProcSample *procs, size_t n, size_t target, size_t *out, size_t max);

#endif
