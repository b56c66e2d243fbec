/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample_system.h - the system-wide part of a snapshot: meminfo, vmstat,
 * /proc/sys/vm policy, PSI, uptime, load average, wall time.
 */
#ifndef OOMTOP_SAMPLE_SYSTEM_H
#define OOMTOP_SAMPLE_SYSTEM_H

#include <stddef.h>

#include "model.h"
#include "sysinfo_proc2.h"

/* Fills the system fields of snap from the proc root open at proc_fd.
 * meminfo and vmstat come from `si` (libproc2) when it is not NULL, else
 * from proc_fd's own files. buf is scratch space. Figures that cannot be
 * read become VALUE_MISSING (PSI: available = false). */
void sample_system(int proc_fd, SysinfoProc2 *si, char *buf, size_t buflen,
                   Snapshot *snap);

#endif
