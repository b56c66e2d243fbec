/* SPDX-License-Identifier: GPL-2.0-or-later
 * oomlog.h - OOM kills and commit refusals recovered from kernel log lines.
 * Pure: lines go in (from kmsg.c or fixtures), events come out. Parses by
 * key, not by column, so every kernel generation from 2.6.32 on is read.
 */
#ifndef OOMTOP_OOMLOG_H
#define OOMTOP_OOMLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "model.h"

struct KmsgRecord;

enum OomEventKind {
    OOM_EVENT_KILL = 0,     /* "...: Killed process N (comm) ..." */
    OOM_EVENT_REFUSAL,      /* "__vm_enough_memory: pid: N, comm: X, ..." */
};

/* Which OOM domain the kernel was in. Only OOM_CONSTRAINT_UNKNOWN maps to
 * JSON null; SYSTEM means the log said "Out of memory" (not a memcg) but,
 * lacking the 4.19+ summary line, not whether a cpuset/mempolicy bound it. */
enum OomConstraint {
    OOM_CONSTRAINT_UNKNOWN = 0,
    OOM_CONSTRAINT_GLOBAL,      /* CONSTRAINT_NONE */
    OOM_CONSTRAINT_MEMCG,       /* CONSTRAINT_MEMCG or "Memory cgroup out of memory" */
    OOM_CONSTRAINT_CPUSET,      /* CONSTRAINT_CPUSET */
    OOM_CONSTRAINT_MEMPOLICY,   /* CONSTRAINT_MEMORY_POLICY */
    OOM_CONSTRAINT_SYSTEM,      /* pre-4.19 "Out of memory": not memcg */
};

/* One event. Every number the kernel did not log is VALUE_MISSING (-1);
 * every string it did not log is NULL (comm fields: ""). Strings are
 * unescaped from kmsg's \xNN form and then sanitised (text_sanitize).
 * JSON of a kill (issue 5): "time" = time, "pid", "command", "uid",
 * "total_vm_kb", "anon_rss_kb", "file_rss_kb", "shmem_rss_kb" (null when
 * VALUE_MISSING), "oom_score_adj" (null unless has_oom_score_adj),
 * "constraint" = oomlog_constraint_name() (null), "cgroup" (null),
 * "invoked_by" (null when ""). */
typedef struct OomEvent {
    enum OomEventKind kind;
    unsigned long long seq;         /* kmsg sequence number of the final line */
    unsigned long long usec;        /* printk timestamp, microseconds since boot */
    time_t time;                    /* wall clock (unix seconds) */
    bool live;                      /* logged after oomlog_mark_live() */
    pid_t pid;                      /* victim (KILL) / refused process (REFUSAL) */
    char command[PROC_COMM_MAX];    /* its comm */

    /* OOM_EVENT_KILL */
    long long uid;                  /* "UID:" (5.3+) or summary uid= (4.19+) */
    long long total_vm_kb;          /* "total-vm:" ("vsz:" before 2.6.36) */
    long long anon_rss_kb;
    long long file_rss_kb;
    long long shmem_rss_kb;         /* 4.5+ */
    long long pgtables_kb;          /* 5.4+ */
    bool has_oom_score_adj;         /* oom_score_adj is valid (5.4+) */
    int oom_score_adj;
    long long score;                /* "score S" of the 2.6.36-5.0 selection line */
    enum OomConstraint constraint;
    bool allocating_task;           /* vm.oom_kill_allocating_task chose it */
    char *cgroup;                   /* victim's memcg: summary task_memcg= or "Task in X" */
    char *oom_memcg;                /* memcg whose limit was hit (memcg OOMs) */
    char invoked_by[PROC_COMM_MAX]; /* comm that "invoked oom-killer" ("" unknown) */
    pid_t invoked_by_pid;           /* from the following "CPU: .. PID: N Comm:" line, 0 unknown */
    int order;                      /* allocation order of the invoker, -1 unknown */
    bool reaped;                    /* an "oom_reaper: reaped process" line followed */

    /* OOM_EVENT_REFUSAL */
    long long bytes;                /* request size ("bytes:" since ~6.9) */
} OomEvent;

typedef struct OomLog OomLog;

/* A log keeping the newest `max_events` events (oldest dropped first;
 * 0 means 1000). Returns NULL when memory runs out. */
OomLog *oomlog_new(size_t max_events);
void oomlog_free(OomLog *log);

/* Feeds one kernel record; `boot_wall_s` converts its timestamp to wall
 * time (see kmsg_wall_time). Records not from the kernel (facility != 0:
 * anything userspace wrote to /dev/kmsg) are ignored, so they cannot forge
 * kills. Lines of one OOM report (invoked / CPU / Task in / oom-kill: /
 * Kill process / Killed process) are joined; a kill line alone still
 * makes an event. */
void oomlog_feed(OomLog *log, const struct KmsgRecord *rec, double boot_wall_s);

/* Records were lost before the next one fed: forget the half-joined report
 * so that lines of two different OOMs are never merged. */
void oomlog_gap(OomLog *log);

/* From now on completed events get `live` set and count in oomlog_live_kills(). */
void oomlog_mark_live(OomLog *log);

/* Events held, oldest first. The pointer stays valid until the next
 * oomlog_feed / oomlog_free. Index out of range -> NULL. */
size_t oomlog_count(const OomLog *log);
const OomEvent *oomlog_event(const OomLog *log, size_t i);

/* OOM kills (not refusals) seen since oomlog_mark_live(). */
size_t oomlog_live_kills(const OomLog *log);

/* Events ever added (including dropped ones): grows by one per event, so
 * a view can tell that something new arrived. */
unsigned long long oomlog_added(const OomLog *log);

/* Events dropped because the log was full. */
unsigned long long oomlog_dropped(const OomLog *log);

/* JSON/text name of a constraint: "global", "memcg", "cpuset",
 * "mempolicy", "system", or NULL for UNKNOWN (JSON null). */
const char *oomlog_constraint_name(enum OomConstraint c);

#endif
