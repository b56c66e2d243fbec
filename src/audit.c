/* SPDX-License-Identifier: GPL-2.0-or-later
 * audit.c - one line per change for syslog and the status line, so an
 * incident record says who changed which process from what to what.
 */
#include "config.h"

#include "audit.h"

#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "procfs.h"
#include "prompt_values.h"
#include "text.h"

/* /proc/self/loginuid when no login session set it. */
#define LOGINUID_UNSET 4294967295LL

const char *audit_describe(const AuditEvent *ev, char *buf, size_t len)
{
    char who[PROC_COMM_MAX + 32], sig[16];
    const char *detail = ev->detail ? ev->detail : "";
    const char *sep = ev->detail ? ", " : "";

    procid_label(ev->id, who, sizeof who);
    switch (ev->what) {
    case AUDIT_OOM_ADJ:
        snprintf(buf, len, "%s: oom_score_adj %ld -> %ld%s%s", who, ev->old_value,
                 ev->new_value, sep, detail);
        break;
    case AUDIT_NICE:
        snprintf(buf, len, "%s: nice %ld -> %ld%s%s", who, ev->old_value, ev->new_value,
                 sep, detail);
        break;
    case AUDIT_SIGNAL:
        snprintf(buf, len, "%s: sent signal %s%s%s", who,
                 prompt_signal_name((int)ev->new_value, sig, sizeof sig), sep, detail);
        break;
    case AUDIT_DROPIN:
        snprintf(buf, len, "%s: wrote drop-in OOMScoreAdjust=%ld%s%s", who, ev->new_value,
                 sep, detail);
        break;
    }
    return buf;
}

const char *audit_format_who(char *buf, size_t len, uid_t uid, const char *name,
                             long long login_uid, const char *login_name)
{
    char n[PROC_USER_MAX], ln[PROC_USER_MAX];

    text_sanitize(n, sizeof n, name ? name : "?", strlen(name ? name : "?"));
    text_sanitize(ln, sizeof ln, login_name ? login_name : "?",
                  strlen(login_name ? login_name : "?"));
    if (login_uid >= 0 && login_uid != LOGINUID_UNSET && login_uid != (long long)uid)
        snprintf(buf, len, "uid %u (%s), login uid %lld (%s)", (unsigned)uid, n, login_uid, ln);
    else
        snprintf(buf, len, "uid %u (%s)", (unsigned)uid, n);
    return buf;
}

const char *audit_format_line(char *buf, size_t len, const char *who, const AuditEvent *ev)
{
    char what[PATH_MAX + 256];

    snprintf(buf, len, "%s: %s", who, audit_describe(ev, what, sizeof what));
    return buf;
}

/* The login uid of this session (who logged in, before su/sudo), or -1. */
static long long read_login_uid(void)
{
    long long uid;
    return procfs_read_ll(AT_FDCWD, "/proc/self/loginuid", &uid) == 0 ? uid : -1;
}

/* The login name of uid, or NULL; copied into buf. */
static const char *user_name(uid_t uid, char *buf, size_t len)
{
    struct passwd pw, *res = NULL;
    char scratch[1024];

    if (getpwuid_r(uid, &pw, scratch, sizeof scratch, &res) != 0 || !res)
        return NULL;
    snprintf(buf, len, "%s", pw.pw_name);
    return buf;
}

const char *audit_current_who(char *buf, size_t len)
{
    uid_t uid = getuid();
    long long login = read_login_uid();
    char name[64], lname[64];
    const char *ln = NULL;

    if (login >= 0 && login != LOGINUID_UNSET)
        ln = user_name((uid_t)login, lname, sizeof lname);
    return audit_format_who(buf, len, uid, user_name(uid, name, sizeof name), login, ln);
}

void audit_syslog_sink(void *arg, const char *line)
{
    (void)arg;
    /* openlog() is cheap and idempotent; calling it here keeps no state of ours. */
    openlog("oomtop", LOG_PID, LOG_AUTHPRIV);
    syslog(LOG_AUTHPRIV | LOG_NOTICE, "%s", line);
}

void audit_record(AuditSink sink, void *sink_arg, const AuditEvent *ev,
                  char *status, size_t statuslen)
{
    char who[160], line[PATH_MAX + 512];

    audit_format_line(line, sizeof line, audit_current_who(who, sizeof who), ev);
    (sink ? sink : audit_syslog_sink)(sink_arg, line);
    audit_describe(ev, status, statuslen);
}
