/* SPDX-License-Identifier: GPL-2.0-or-later
 * kmsg.h - the kernel log as records: the pure parser of one /dev/kmsg
 * record (kmsg_record.c, liboomcore) and the non-blocking reader that feeds
 * every record to an OomLog (kmsg.c, liboomsys).
 * Use: kmsg_open() + oomlog_new() once (show the error line if open
 * fails), then kmsg_poll(k, log, 0) on every refresh.
 */
#ifndef OOMTOP_KMSG_H
#define OOMTOP_KMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "oomlog.h"

/* Room for any record the kernel hands out (its limit is 8 KiB, escaped). */
#define KMSG_RECORD_MAX 16384

/* One record, "pri,seq,usec,flags[,...];text\n[ KEY=VALUE\n...]". `text`
 * points into the caller's buffer, is NOT NUL-terminated and stops before
 * the first newline (the dictionary lines are dropped). The kernel escapes
 * bytes < 0x20, >= 0x7f and '\\' in text as \xNN. */
typedef struct KmsgRecord {
    int facility;                   /* 0 = kernel; userspace writes are >= 1 */
    int level;                      /* 0 (emerg) .. 7 (debug) */
    unsigned long long seq;         /* 64-bit sequence number, gap = lost records */
    unsigned long long usec;        /* printk timestamp, microseconds since boot */
    bool continuation;              /* flags field 'c' (old pr_cont fragments) */
    const char *text;
    size_t text_len;
} KmsgRecord;

/* Pure. Parses one record of `len` bytes (no NUL needed). Returns 0, or -1
 * when the prefix is malformed (missing fields, non-digits, overflow, no
 * ';'); then *rec is left zeroed. */
int kmsg_parse_record(const char *buf, size_t len, KmsgRecord *rec);

/* Pure. Wall-clock unix seconds of a printk timestamp, given the wall clock
 * at boot (`boot_wall_s` = CLOCK_REALTIME - CLOCK_BOOTTIME, in seconds). */
time_t kmsg_wall_time(double boot_wall_s, unsigned long long usec);

/* ---- reader (kmsg.c, liboomsys) ---- */

typedef struct Kmsg Kmsg;

/* Opens `path` ("/dev/kmsg" normally) non-blocking at its first record
 * (lseek 0 / SEEK_SET), so the whole retained history is read first. A
 * regular file holding records one per line (a saved `cat /dev/kmsg`) is
 * accepted too, for replaying an incident. Returns NULL with one line in
 * `err` saying why and what is needed: EPERM/EACCES -> root or CAP_SYSLOG
 * (and the current kernel.dmesg_restrict), ENOENT -> no /dev/kmsg. */
Kmsg *kmsg_open(const char *path, char *err, size_t errlen);

/* Reads every record available now without blocking and feeds each to
 * `log` (oomlog_feed), with wall-clock times from the boot time measured
 * at this call. Lost records (EPIPE: the ring buffer wrapped past us) are
 * reported to the log with oomlog_gap(). After the first call has drained
 * the backlog it calls oomlog_mark_live(), so later kills are flagged as
 * new. Reads at most `max_records` (0 = no cap) to bound the time spent.
 * Returns the number of records read, or -1 on a read error (kmsg_error). */
long kmsg_poll(Kmsg *k, OomLog *log, size_t max_records);

/* Records lost to ring-buffer overruns since open. */
unsigned long long kmsg_lost(const Kmsg *k);

/* Last error as one line, "" if none. */
const char *kmsg_error(const Kmsg *k);

void kmsg_close(Kmsg *k);

#endif
