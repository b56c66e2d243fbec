/* SPDX-License-Identifier: GPL-2.0-or-later
 * oomlog_line.h - classifies and parses one kernel log line of an OOM
 * report, by key. Internal to oomlog.c (and its tests). Pure.
 */
#ifndef OOMTOP_OOMLOG_LINE_H
#define OOMTOP_OOMLOG_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "oomlog.h"

#define OOMLINE_MAX 4096        /* longer lines are not kernel OOM lines: ignored */
#define OOMLINE_COMM_MAX 256    /* a comm in kmsg form: 64 bytes, each maybe \xNN */

enum OomLineKind {
    OOM_LINE_NONE = 0,
    OOM_LINE_INVOKED,   /* "<comm> invoked oom-killer: gfp_mask=..., order=N, ..." */
    OOM_LINE_CPU,       /* "CPU: 1 UID: 0 PID: N Comm: <comm> ..." / "Pid: N, comm: <comm> ..." */
    OOM_LINE_TASK_IN,   /* "Task in <cg> killed as a result of limit of <cg>" (<4.19) */
    OOM_LINE_SUMMARY,   /* "oom-kill:constraint=...,task=<comm>,pid=N,uid=N" (4.19+) */
    OOM_LINE_SELECT,    /* "<msg>: Kill process N (<comm>) score S or sacrifice child" */
    OOM_LINE_KILLED,    /* "[<msg>: ]Killed process N (<comm>) total-vm:..." */
    OOM_LINE_REAPED,    /* "oom_reaper: reaped process N (<comm>), now ..." */
    OOM_LINE_REFUSAL,   /* "__vm_enough_memory: pid: N, comm: <comm>, [bytes: B ]not enough ..." */
};

/* One parsed line. Numbers not on the line are VALUE_MISSING; strings are
 * still in kmsg form (escaped, unsanitised) and "" when absent. */
typedef struct OomLine {
    enum OomLineKind kind;
    pid_t pid;
    long long uid;
    long long total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb, pgtables_kb;
    bool has_adj;
    int adj;
    long long score;                    /* SELECT */
    long long bytes;                    /* REFUSAL */
    int order;                          /* INVOKED; -1 if absent */
    enum OomConstraint constraint;      /* SUMMARY, SELECT, KILLED (from the prefix) */
    bool allocating_task;
    char comm[OOMLINE_COMM_MAX + 1];
    char cgroup[OOMLINE_MAX + 1];       /* TASK_IN / SUMMARY task_memcg; "" if unsure */
    char oom_memcg[OOMLINE_MAX + 1];    /* TASK_IN / SUMMARY oom_memcg; "" if none or unsure */
} OomLine;

/* Parses the NUL-terminated `line` (one record's text). Returns 0 with
 * l->kind set (OOM_LINE_NONE for every other line), or -1 for a line that
 * looked like an OOM line but was malformed or truncated (then it must be
 * ignored: no field of it is trusted). */
int oomline_parse(const char *line, OomLine *l);

/* Unescapes kmsg's \xNN in `raw`, then text_sanitize()s into dst. */
void oomline_text(char *dst, size_t dstsize, const char *raw);

/* Like oomline_text into a new heap string; NULL for "" or no memory. */
char *oomline_strdup(const char *raw);

#endif
