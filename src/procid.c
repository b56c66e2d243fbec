/* SPDX-License-Identifier: GPL-2.0-or-later
 * procid.c - process identity: parse /proc/PID/stat, and open /proc/PID only
 * if it is still the process the operator chose.
 */
#include "config.h"

#include "procid.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

/* A stat line is a few hundred bytes; the comm inside is at most 15. */
#define STAT_BUF 1024

/* Fields after the comm, counted from field 3 (state) as token 0. */
#define TOK_STATE 0
#define TOK_NICE (19 - 3)
#define TOK_START (22 - 3)

ProcId procid_from_sample(const ProcSample *p)
{
    ProcId id = { .pid = p->pid, .start_ticks = p->start_ticks };

    /* Samples are sanitised already; copying keeps the NUL. */
    snprintf(id.comm, sizeof id.comm, "%s", p->comm);
    return id;
}

const char *procid_label(const ProcId *id, char *buf, size_t len)
{
    snprintf(buf, len, "pid %d (%s)", (int)id->pid, id->comm);
    return buf;
}

static int parse_ull(const char *s, size_t n, unsigned long long *out)
{
    unsigned long long v = 0;

    if (n == 0 || n > 20)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned long long)(s[i] - '0');
    }
    *out = v;
    return 0;
}

static int parse_nice_tok(const char *s, size_t n, int *out)
{
    unsigned long long v;
    bool neg = n > 0 && s[0] == '-';

    if (parse_ull(s + neg, n - neg, &v) < 0 || v > 20)
        return -1;
    *out = neg ? -(int)v : (int)v;
    return 0;
}

int procid_parse_stat(const char *buf, size_t len, ProcStatLine *out)
{
    const char *open = memchr(buf, '(', len);
    const char *close = NULL;

    for (size_t i = len; i > 0; i--) {
        if (buf[i - 1] == ')') {
            close = buf + i - 1;
            break;
        }
    }
    if (!open || !close || close < open)
        return -1;
    text_sanitize(out->comm, sizeof out->comm, open + 1, (size_t)(close - open - 1));

    const char *p = close + 1, *end = buf + len;
    int tok = 0, got = 0;

    while (p < end && tok <= TOK_START) {
        while (p < end && *p == ' ')
            p++;
        const char *start = p;
        while (p < end && *p != ' ' && *p != '\n')
            p++;
        size_t n = (size_t)(p - start);
        if (n == 0)
            break;
        if (tok == TOK_STATE && n == 1) {
            out->state = *start;
            got++;
        } else if (tok == TOK_NICE && parse_nice_tok(start, n, &out->nice) == 0) {
            got++;
        } else if (tok == TOK_START && parse_ull(start, n, &out->start_ticks) == 0) {
            got++;
        }
        tok++;
    }
    return got == 3 ? 0 : -1;
}

int procid_read_stat_at(int dirfd, ProcStatLine *out)
{
    char buf[STAT_BUF];
    size_t len = 0;
    int fd = openat(dirfd, "stat", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    while (len < sizeof buf) {
        ssize_t n = read(fd, buf + len, sizeof buf - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (procid_parse_stat(buf, len, out) < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

static bool vanished(int e)
{
    return e == ENOENT || e == ESRCH;
}

/* Opens PROC/PID and reads its stat; on failure err says why. */
static int open_pid_dir(int proc_fd, pid_t pid, const char *comm, ProcStatLine *st,
                        char *err, size_t errlen)
{
    char name[24];
    int fd;

    if (pid <= 0) {
        snprintf(err, errlen, "invalid pid %d", (int)pid);
        return -1;
    }
    snprintf(name, sizeof name, "%d", (int)pid);
    fd = openat(proc_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && procid_read_stat_at(fd, st) == 0)
        return fd;

    int e = errno;
    if (fd >= 0)
        close(fd);
    if (vanished(e))
        snprintf(err, errlen, "process %d (%s) has exited", (int)pid, comm);
    else
        snprintf(err, errlen, "cannot read process %d (%s): %s", (int)pid, comm, strerror(e));
    errno = e;
    return -1;
}

int procid_open_verified(int proc_fd, const ProcId *id, char *err, size_t errlen)
{
    ProcStatLine st;
    int fd = open_pid_dir(proc_fd, id->pid, id->comm, &st, err, errlen);

    if (fd < 0)
        return -1;
    if (st.start_ticks != id->start_ticks) {
        snprintf(err, errlen, "pid %d now belongs to another process (%s), not %s: nothing done",
                 (int)id->pid, st.comm, id->comm);
        close(fd);
        return -1;
    }
    /* A zombie keeps its pid but the process is gone. */
    if (st.state == 'Z' || st.state == 'X') {
        snprintf(err, errlen, "process %d (%s) has exited", (int)id->pid, id->comm);
        close(fd);
        return -1;
    }
    return fd;
}

int procid_lookup(int proc_fd, pid_t pid, ProcId *out, char *err, size_t errlen)
{
    ProcStatLine st;
    int fd = open_pid_dir(proc_fd, pid, "?", &st, err, errlen);

    if (fd < 0) {
        if (pid > 0 && vanished(errno))
            snprintf(err, errlen, "no process with pid %d", (int)pid);
        return -1;
    }
    close(fd);
    out->pid = pid;
    out->start_ticks = st.start_ticks;
    memcpy(out->comm, st.comm, sizeof out->comm);
    return 0;
}
