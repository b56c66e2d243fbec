/* SPDX-License-Identifier: GPL-2.0-or-later
 * pss.h - proportional set size from /proc/PID/smaps_rollup: RES with each
 * shared page divided among the processes mapping it. The kernel walks the
 * page tables for it, so the sampler reads it only while a column needs it
 * (fields_needs() & NEED_PSS, SAMPLE_PSS). Data layer: reads /proc, never
 * writes.
 */
#ifndef OOMTOP_PSS_H
#define OOMTOP_PSS_H

#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* The "Pss:" figure of smaps_rollup text (len bytes), in KiB, or
 * VALUE_MISSING when there is none (a kernel thread's empty file). */
long long pss_parse_kb(const char *text, size_t len);

/* Reads PID/smaps_rollup under the proc root open as proc_fd: its Pss in
 * KiB, or VALUE_MISSING when it cannot be read (gone, refused, no memory of
 * its own). */
long long pss_read_kb(int proc_fd, pid_t pid);

#endif
