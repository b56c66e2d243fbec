/* SPDX-License-Identifier: GPL-2.0-or-later
 * oomlog_line.c - one kernel log line of an OOM report, parsed by key.
 * Formats: mm/oom_kill.c and mm/memcontrol.c from 2.6.32 to 6.x, and
 * __vm_enough_memory() in mm/util.c (6.1+). Comms and cgroup paths inside
 * the lines are hostile, so every split is anchored on kernel-fixed text
 * and ambiguous lines yield fewer fields, never guessed ones.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "oomlog_line.h"
#include "text.h"

static const char *after(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);

    return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

/* Signed decimal at *pp within [min, max]; advances past it. */
static int parse_num(const char **pp, long long min, long long max, long long *out)
{
    const char *p = *pp;
    bool neg = *p == '-';
    long long v = 0;

    if (neg)
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (LLONG_MAX - (*p - '0')) / 10)
            return -1;
        v = v * 10 + (*p - '0');
    }
    if (neg)
        v = -v;
    if (v < min || v > max)
        return -1;
    *pp = p;
    *out = v;
    return 0;
}

static int parse_pid(const char **pp, pid_t *pid)
{
    long long v;

    if (parse_num(pp, 1, INT_MAX, &v))
        return -1;
    *pid = (pid_t)v;
    return 0;
}

/* Copies s[0..n) into dst (size OOMLINE_COMM_MAX + 1); fails if empty/too long. */
static int take_comm(char *dst, const char *s, size_t n)
{
    if (n == 0 || n > OOMLINE_COMM_MAX)
        return -1;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 0;
}

static int take_path(char *dst, const char *s, size_t n)
{
    if (n == 0 || n > OOMLINE_MAX || s[0] != '/')
        return -1;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 0;
}

static const char *last_of(const char *s, const char *end, const char *needle)
{
    const char *best = NULL;

    for (const char *p = strstr(s, needle); p && p < end; p = strstr(p + 1, needle))
        best = p;
    return best;
}

static int count_of(const char *s, const char *end, const char *needle, const char **first)
{
    int n = 0;

    *first = NULL;
    for (const char *p = strstr(s, needle); p && p < end; p = strstr(p + 1, needle)) {
        if (!n)
            *first = p;
        n++;
    }
    return n;
}

/* `key` in `s` at a token start (line start, after ' ' or ','). */
static const char *find_key(const char *s, const char *key)
{
    for (const char *p = strstr(s, key); p; p = strstr(p + 1, key))
        if (p == s || p[-1] == ' ' || p[-1] == ',')
            return p + strlen(key);
    return NULL;
}

/* "key:<digits>kB" -> KiB; VALUE_MISSING when absent or cut short. */
static long long field_kb(const char *s, const char *key)
{
    const char *p = find_key(s, key);
    long long v;

    if (!p || parse_num(&p, 0, LLONG_MAX / 2, &v) || strncmp(p, "kB", 2) != 0)
        return VALUE_MISSING;
    return v;
}

/* "key<number>" ending the line or followed by ' ' or ','. */
static int field_num(const char *s, const char *key, long long min, long long max, long long *out)
{
    const char *p = find_key(s, key);

    if (!p || parse_num(&p, min, max, out) || (*p && *p != ' ' && *p != ','))
        return -1;
    return 0;
}

/* The message before ": Kill process" / ": Killed process". Only the
 * kernel's own wordings are accepted, so nothing else can pose as a kill. */
static int classify_msg(const char *msg, size_t n, OomLine *l)
{
    char buf[64];

    if (n >= sizeof(buf))
        return -1;
    memcpy(buf, msg, n);
    buf[n] = '\0';
    if (strncasecmp(buf, "Memory cgroup out of memory", 27) == 0)
        l->constraint = OOM_CONSTRAINT_MEMCG;
    else if (strncasecmp(buf, "Out of memory", 13) == 0)
        l->constraint = OOM_CONSTRAINT_SYSTEM;
    else
        return -1;
    l->allocating_task = strstr(buf, "oom_kill_allocating_task") != NULL;
    return 0;
}

/* "N (<comm>)" with the comm ending at `close`, which the caller picks as
 * the last ")" of the line (or of ") score "): the kernel's text after a
 * comm never holds a ')', the comm itself may. Returns the text after it. */
static const char *pid_comm(const char *p, OomLine *l, const char *close)
{
    const char *open;

    if (parse_pid(&p, &l->pid) || strncmp(p, " (", 2) != 0)
        return NULL;
    open = p + 2;
    if (!close || close < open || take_comm(l->comm, open, (size_t)(close - open)))
        return NULL;
    return close + 1;
}

static int parse_killed(const char *p, OomLine *l)
{
    const char *rest = pid_comm(p, l, strrchr(p, ')'));
    long long v;

    if (!rest || (*rest && *rest != ' ' && *rest != ',' && *rest != '.'))
        return -1;
    l->kind = OOM_LINE_KILLED;
    l->total_vm_kb = field_kb(rest, "total-vm:");
    if (l->total_vm_kb == VALUE_MISSING)
        l->total_vm_kb = field_kb(rest, "vsz:");
    l->anon_rss_kb = field_kb(rest, "anon-rss:");
    l->file_rss_kb = field_kb(rest, "file-rss:");
    l->shmem_rss_kb = field_kb(rest, "shmem-rss:");
    l->pgtables_kb = field_kb(rest, "pgtables:");
    if (field_num(rest, "UID:", 0, UINT_MAX, &v) == 0)
        l->uid = v;
    if (field_num(rest, "oom_score_adj:", -1000, 1000, &v) == 0) {
        l->has_adj = true;
        l->adj = (int)v;
    }
    return 0;
}

static int parse_select(const char *p, OomLine *l)
{
    const char *rest = pid_comm(p, l, last_of(p, p + strlen(p), ") score "));

    if (!rest)
        return -1;
    rest += strlen(" score ");
    if (parse_num(&rest, LLONG_MIN / 2, LLONG_MAX / 2, &l->score))
        return -1;
    l->kind = OOM_LINE_SELECT;
    return 0;
}

/* "<msg>: Kill process ..." / "<msg>: Killed process ..." / "Killed process ...". */
static int parse_kill_lines(const char *line, OomLine *l)
{
    static const char *const sel[] = { ": Kill process ", ": kill process " };
    const char *p = after(line, "Killed process ");

    if (p)
        return parse_killed(p, l);
    if ((p = strstr(line, ": Killed process ")) != NULL) {
        if (classify_msg(line, (size_t)(p - line), l))
            return 0;
        return parse_killed(p + 17, l);
    }
    for (size_t i = 0; i < 2; i++) {
        if ((p = strstr(line, sel[i])) != NULL) {
            if (classify_msg(line, (size_t)(p - line), l))
                return 0;
            return parse_select(p + 15, l);
        }
    }
    return 1;
}

static int parse_invoked(const char *line, const char *at, OomLine *l)
{
    long long v;

    if (take_comm(l->comm, line, (size_t)(at - line)))
        return -1;
    l->kind = OOM_LINE_INVOKED;
    if (field_num(at, "order=", -1, 64, &v) == 0)
        l->order = (int)v;
    return 0;
}

/* dump_stack's banner: "CPU: 1 [UID: 0 ]PID: N Comm: X Not tainted ..."
 * (3.x+) or "Pid: N, comm: X Not tainted ..." (2.6). */
static int parse_cpu(const char *line, OomLine *l)
{
    const char *p = after(line, "Pid: "), *c, *end;

    if (p) {
        if (parse_pid(&p, &l->pid) || !(c = after(p, ", comm: ")))
            return -1;
    } else {
        if (!(p = strstr(line, " PID: ")) || (p += 6, parse_pid(&p, &l->pid)) ||
            !(c = after(p, " Comm: ")))
            return -1;
    }
    end = strstr(c, " Not tainted");
    if (!end)
        end = strstr(c, " Tainted:");
    if (!end || take_comm(l->comm, c, (size_t)(end - c)))
        return -1;
    l->kind = OOM_LINE_CPU;
    return 0;
}

static int parse_task_in(const char *p, OomLine *l)
{
    static const char sep[] = " killed as a result of limit of ";
    const char *first, *end = p + strlen(p);

    if (count_of(p, end, sep, &first) != 1)
        return -1;
    if (take_path(l->cgroup, p, (size_t)(first - p)) ||
        take_path(l->oom_memcg, first + sizeof(sep) - 1, strlen(first + sizeof(sep) - 1)))
        return -1;
    l->kind = OOM_LINE_TASK_IN;
    l->constraint = OOM_CONSTRAINT_MEMCG;
    return 0;
}

static enum OomConstraint constraint_of(const char *p, size_t n)
{
    static const struct { const char *name; enum OomConstraint c; } map[] = {
        { "CONSTRAINT_NONE", OOM_CONSTRAINT_GLOBAL },
        { "CONSTRAINT_MEMCG", OOM_CONSTRAINT_MEMCG },
        { "CONSTRAINT_CPUSET", OOM_CONSTRAINT_CPUSET },
        { "CONSTRAINT_MEMORY_POLICY", OOM_CONSTRAINT_MEMPOLICY },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strlen(map[i].name) == n && strncmp(p, map[i].name, n) == 0)
            return map[i].c;
    return OOM_CONSTRAINT_UNKNOWN;
}

/* The cgroup paths of a summary, between kernel keys. A path containing a
 * key makes the split ambiguous: then no path is taken. */
static void summary_paths(const char *head, const char *end, OomLine *l)
{
    const char *tm, *om;

    if (count_of(head, end, ",task_memcg=", &tm) != 1)
        return;
    if (l->constraint == OOM_CONSTRAINT_MEMCG) {
        if (count_of(head, end, ",oom_memcg=", &om) != 1 || om > tm ||
            take_path(l->oom_memcg, om + 11, (size_t)(tm - om - 11)))
            return;
    }
    if (take_path(l->cgroup, tm + 12, (size_t)(end - tm - 12)))
        l->oom_memcg[0] = '\0';
}

/* "oom-kill:constraint=C,...,task_memcg=P,task=<comm>,pid=N,uid=N". The
 * tail is read from the right: the last ",pid=N,uid=N", then the last
 * ",task=" before it (a comm containing ",task=" then simply fails to
 * match the kill line's comm, so nothing wrong is joined). */
static int parse_summary(const char *p, OomLine *l)
{
    const char *c = strchr(p, ','), *end = p + strlen(p), *pid, *task, *q;
    long long v;

    l->kind = OOM_LINE_SUMMARY;
    l->constraint = constraint_of(p, c ? (size_t)(c - p) : strlen(p));
    if (!c)
        return 0;
    for (pid = last_of(c, end, ",pid="); pid; pid = last_of(c, pid, ",pid=")) {
        q = pid + 5;
        if (parse_pid(&q, &l->pid) == 0 && (q = after(q, ",uid=")) &&
            parse_num(&q, 0, UINT_MAX, &v) == 0 && (*q == '\0' || *q == ','))
            break;
        l->pid = 0;
    }
    if (!pid || !(task = last_of(c, pid, ",task=")) ||
        take_comm(l->comm, task + 6, (size_t)(pid - task - 6))) {
        l->pid = 0;
        l->comm[0] = '\0';
        return 0;
    }
    l->uid = v;
    summary_paths(c, task, l);
    return 0;
}

/* "pid: N, comm: X, bytes: B not enough memory for the allocation" (6.9+)
 * or without ", bytes: B" (6.1-6.8). */
static int parse_refusal(const char *p, OomLine *l)
{
    static const char tail[] = " not enough memory for the allocation";
    size_t n = strlen(p), tn = sizeof(tail) - 1;
    const char *c, *end, *b;

    if (parse_pid(&p, &l->pid) || !(c = after(p, ", comm: ")))
        return -1;
    n = strlen(c);
    if (n < tn || strcmp(c + n - tn, tail) != 0)
        return -1;
    end = c + n - tn;
    b = last_of(c, end, ", bytes: ");
    if (b) {
        const char *q = b + 9;
        if (parse_num(&q, 0, LLONG_MAX, &l->bytes) || q != end)
            return -1;
        end = b;
    } else if (end > c && end[-1] == ',') {
        end--;
    } else {
        return -1;
    }
    if (take_comm(l->comm, c, (size_t)(end - c)))
        return -1;
    l->kind = OOM_LINE_REFUSAL;
    return 0;
}

static int parse_reaped(const char *p, OomLine *l)
{
    if (parse_pid(&p, &l->pid) || strncmp(p, " (", 2) != 0)
        return -1;
    l->kind = OOM_LINE_REAPED;
    return 0;
}

static void line_init(OomLine *l)
{
    l->kind = OOM_LINE_NONE;
    l->pid = 0;
    l->uid = l->total_vm_kb = l->anon_rss_kb = l->file_rss_kb = VALUE_MISSING;
    l->shmem_rss_kb = l->pgtables_kb = l->score = l->bytes = VALUE_MISSING;
    l->has_adj = false;
    l->adj = 0;
    l->order = -1;
    l->constraint = OOM_CONSTRAINT_UNKNOWN;
    l->allocating_task = false;
    l->comm[0] = l->cgroup[0] = l->oom_memcg[0] = '\0';
}

int oomline_parse(const char *line, OomLine *l)
{
    const char *p;
    int r = 0;

    line_init(l);
    if ((p = after(line, "__vm_enough_memory: pid: ")))
        r = parse_refusal(p, l);
    else if ((p = after(line, "oom-kill:constraint=")))
        r = parse_summary(p, l);
    else if ((p = after(line, "Task in ")))
        r = parse_task_in(p, l);
    else if ((p = after(line, "oom_reaper: reaped process ")))
        r = parse_reaped(p, l);
    else if (after(line, "CPU: ") || after(line, "Pid: "))
        parse_cpu(line, l);     /* other "CPU:" lines are simply not banners */
    else if ((p = strstr(line, " invoked oom-killer: ")))
        r = parse_invoked(line, p, l);
    else if (parse_kill_lines(line, l) < 0)
        r = -1;
    if (r || l->kind == OOM_LINE_NONE) {
        line_init(l);
        return r ? -1 : 0;
    }
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static size_t unescape(char *dst, size_t dstsize, const char *raw)
{
    size_t n = 0;

    for (const char *p = raw; *p && n + 1 < dstsize; p++) {
        int hi, lo;
        if (p[0] == '\\' && p[1] == 'x' && (hi = hexval(p[2])) >= 0 && (lo = hexval(p[3])) >= 0) {
            dst[n++] = (char)(hi << 4 | lo);
            p += 3;
        } else {
            dst[n++] = *p;
        }
    }
    dst[n] = '\0';
    return n;
}

void oomline_text(char *dst, size_t dstsize, const char *raw)
{
    char buf[OOMLINE_MAX + 1];
    size_t n = unescape(buf, sizeof(buf), raw);

    text_sanitize(dst, dstsize, buf, n);
}

char *oomline_strdup(const char *raw)
{
    char buf[OOMLINE_MAX * 2];

    if (!raw || !raw[0])
        return NULL;
    oomline_text(buf, sizeof(buf), raw);
    return strdup(buf);
}
