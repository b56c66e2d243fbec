/* SPDX-License-Identifier: GPL-2.0-or-later
 * audit.h - the record of every change oomtop makes to the system: one line
 * (who, what, pid, name, old -> new) for syslog and the same words for the
 * status line. Formatting is pure; only audit_syslog_sink() does I/O.
 */
#ifndef OOMTOP_AUDIT_H
#define OOMTOP_AUDIT_H

#include <stddef.h>
#include <sys/types.h>

#include "procid.h"

enum AuditWhat {
    AUDIT_OOM_ADJ,      /* old/new are oom_score_adj values */
    AUDIT_NICE,         /* old/new are nice values; detail "2 of 3 threads" */
    AUDIT_SIGNAL,       /* new is the signal number; old unused */
    AUDIT_DROPIN,       /* new is OOMScoreAdjust; detail is the file path */
};

typedef struct AuditEvent {
    enum AuditWhat what;
    const ProcId *id;
    long old_value;
    long new_value;
    const char *detail;     /* NULL or extra words (threads, path) */
} AuditEvent;

/* Receives one finished line per change. `arg` is the caller's. */
typedef void (*AuditSink)(void *arg, const char *line);

/* The status-line text of a change, e.g.
 * "pid 1234 (mysqld): oom_score_adj 0 -> -1000". Returns buf. */
const char *audit_describe(const AuditEvent *ev, char *buf, size_t len);

/* "uid 0 (root)", plus ", login uid 1000 (alice)" when the login uid
 * (/proc/self/loginuid) is set and differs. `login_uid` < 0 = unknown;
 * names may be NULL. Names are sanitised here. Returns buf. */
const char *audit_format_who(char *buf, size_t len, uid_t uid, const char *name,
                             long long login_uid, const char *login_name);

/* The full record: "<who>: <description>". Returns buf. */
const char *audit_format_line(char *buf, size_t len, const char *who, const AuditEvent *ev);

/* Who is running this process, from getuid(), the password database and
 * /proc/self/loginuid. Returns buf. */
const char *audit_current_who(char *buf, size_t len);

/* Formats the record for the calling user, hands it to `sink` (syslog when
 * sink is NULL) and writes the status-line text into status. */
void audit_record(AuditSink sink, void *sink_arg, const AuditEvent *ev,
                  char *status, size_t statuslen);

/* The real sink: syslog(3) as "oomtop", facility LOG_AUTHPRIV, level
 * LOG_NOTICE. Works (silently drops) without a syslog daemon. */
void audit_syslog_sink(void *arg, const char *line);

#endif
