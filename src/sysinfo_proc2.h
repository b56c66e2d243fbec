/* SPDX-License-Identifier: GPL-2.0-or-later
 * sysinfo_proc2.h - system-wide memory figures (/proc/meminfo, /proc/vmstat)
 * read through libproc2. The only place in oomtop that includes libproc2.
 */
#ifndef OOMTOP_SYSINFO_PROC2_H
#define OOMTOP_SYSINFO_PROC2_H

#include <stddef.h>

#include "model.h"

typedef struct SysinfoProc2 SysinfoProc2;

/* Opens libproc2's meminfo and vmstat readers on the live /proc (libproc2
 * has no other root). Returns NULL with a message in err on failure. */
SysinfoProc2 *sysinfo_proc2_open(char *err, size_t errlen);

/* Re-reads /proc/meminfo into mem (KiB). Returns 0, or -1 when the file
 * cannot be read (every field is then VALUE_MISSING). */
int sysinfo_proc2_meminfo(SysinfoProc2 *si, MemInfo *mem);

/* Re-reads /proc/vmstat counters. Returns 0, or -1 (fields VALUE_MISSING). */
int sysinfo_proc2_vmstat(SysinfoProc2 *si, VmStat *vm);

void sysinfo_proc2_close(SysinfoProc2 *si);

#endif
