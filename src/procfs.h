/* SPDX-License-Identifier: GPL-2.0-or-later
 * procfs.h - small raw readers of /proc files through directory fds, and pure
 * parsers of their text (status, stat, sysctl integers, uptime, loadavg, PSI,
 * "Key: value" tables). The parsers do no I/O so tests feed them fixtures.
 */
#ifndef OOMTOP_PROCFS_H
#define OOMTOP_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "model.h"

/* Writes "PID/file" (a path relative to the proc root) into dst, from the
 * readdir name `pidname`. Returns dst, or "" (which opens nothing) when it
 * does not fit. */
const char *procfs_pid_path(char *dst, size_t dstlen, const char *pidname,
                            const char *file);

/* Opens `path` relative to `dirfd`, reads it whole into buf (size `size`,
 * always NUL-terminated, silently cut at size-1 bytes) and closes it.
 * Returns the bytes read, or -1 with errno set (ENOENT/ESRCH: gone). */
ssize_t procfs_read_at(int dirfd, const char *path, char *buf, size_t size);

/* The same for a file the kernel generates whole in one read() (a
 * process's stat, status, statm, oom_score, oom_score_adj; sysctls): a
 * short read is its end, which saves a read() per file. Not for files built
 * record by record (vmstat, smaps), which come a page per read(). */
ssize_t procfs_read_one_shot_at(int dirfd, const char *path, char *buf, size_t size);

/* Re-reads an already open one-shot /proc file (above) from offset 0 into
 * buf. A held /proc/PID file fails with ESRCH once the process it was
 * opened for is gone, even if the pid has been reused. */
ssize_t procfs_pread(int fd, char *buf, size_t size);

/* Reads one integer file, one-shot (oom_score, /proc/sys/vm/x). Returns 0,
 * or -1 with errno set (EINVAL when the text holds no integer). */
int procfs_read_ll(int dirfd, const char *path, long long *out);

/* Parses a leading decimal integer (optional sign, leading blanks).
 * Returns 0, or -1 when there is none. */
int procfs_parse_ll(const char *text, long long *out);

/* Fills from /proc/PID/status text: comm (unescaped, then sanitised), state,
 * uid (real), threads and the Vm and Rss sizes in KiB. Sets PROC_HAS_MM when
 * the Vm lines exist (else the sizes are 0) and PROC_ZOMBIE for state Z/X;
 * other flags are left alone. Returns 0, or -1 when there is no Name line. */
int procfs_parse_status(const char *text, ProcSample *p);

/* Parses /proc/PID/statm: size (VIRT), resident (RES) and shared (SHR =
 * RssFile + RssShmem), in pages. Returns 0, or -1 when malformed. */
int procfs_parse_statm(const char *text, long long *size_pages,
                       long long *resident_pages, long long *shared_pages);

/* The fields of /proc/PID/stat that oomtop reads once per process. */
typedef struct ProcStat {
    char state;
    pid_t ppid;
    unsigned long flags;             /* task flags: PF_KTHREAD = 0x00200000 */
    int nice;
    unsigned long long start_ticks;  /* field 22 */
} ProcStat;

#define PROCFS_PF_KTHREAD 0x00200000UL

/* Parses /proc/PID/stat; fields are read after the LAST ')' so a comm that
 * holds ") (", blanks or newlines cannot shift them. Returns 0 or -1. */
int procfs_parse_stat(const char *text, ProcStat *st);

/* Parses /proc/meminfo text ("Key:   N kB" lines): every MemInfo field is
 * set to its value, or to VALUE_MISSING when its line is absent. */
void procfs_parse_meminfo(const char *text, MemInfo *mem);

/* Parses /proc/vmstat text ("key N" lines), VALUE_MISSING where absent. */
void procfs_parse_vmstat(const char *text, VmStat *vm);

/* Parses /proc/pressure/memory text; false (and p->available false) when
 * the "some" line is missing or malformed. */
bool procfs_parse_pressure(const char *text, Pressure *p);

/* /proc/uptime: seconds since boot. Returns 0 or -1. */
int procfs_parse_uptime(const char *text, double *uptime_s);

/* /proc/loadavg: the three load averages. Returns 0 or -1. */
int procfs_parse_loadavg(const char *text, double load[3]);

#endif
