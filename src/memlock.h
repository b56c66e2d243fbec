/* SPDX-License-Identifier: GPL-2.0-or-later
 * memlock.h - keep oomtop's own pages in RAM (mlockall) where that is
 * permitted, so that its display keeps updating when memory is short.
 */
#ifndef OOMTOP_MEMLOCK_H
#define OOMTOP_MEMLOCK_H

#include <stddef.h>

/* Locks current and future pages when the process has CAP_IPC_LOCK or an
 * unlimited RLIMIT_MEMLOCK (under a finite limit MCL_FUTURE would make
 * later allocations fail, so nothing is locked then). Writes one sentence
 * saying what happened into note. Returns 0 if locked, -1 if not. */
int memlock_self(char *note, size_t len);

#endif
