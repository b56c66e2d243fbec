/* SPDX-License-Identifier: GPL-2.0-or-later
 * procfs.c - raw /proc readers and the parsers of their text.
 */
#include "config.h"

#include "procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

/* Reads until EOF or a full buffer. A file generated whole by one ->show()
 * (seq_file single_open: a process's stat, status, statm, oom_score) or one
 * ->read() (oom_score_adj, sysctls) fills all the room it is given, so for
 * those `short_is_end` saves the read() that would only return 0. A file
 * built record by record (vmstat, smaps) comes at most a page per read(),
 * and only EOF ends it. */
static ssize_t read_whole(int fd, char *buf, size_t size, bool positional, bool short_is_end)
{
    size_t len = 0;

    if (size == 0) {
        errno = EINVAL;
        return -1;
    }
    while (len < size - 1) {
        size_t want = size - 1 - len;
        ssize_t n = positional ? pread(fd, buf + len, want, (off_t)len)
                               : read(fd, buf + len, want);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        len += (size_t)n;
        if (n == 0 || (short_is_end && (size_t)n < want))
            break;
    }
    buf[len] = '\0';
    return (ssize_t)len;
}

const char *procfs_pid_path(char *dst, size_t dstlen, const char *pidname,
                            const char *file)
{
    size_t a = strlen(pidname), b = strlen(file);

    if (a + b + 2 > dstlen)
        return "";
    memcpy(dst, pidname, a);
    dst[a] = '/';
    memcpy(dst + a + 1, file, b + 1);
    return dst;
}

static ssize_t open_read_close(int dirfd, const char *path, char *buf, size_t size,
                               bool short_is_end)
{
    int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    ssize_t n = read_whole(fd, buf, size, false, short_is_end);
    int saved = errno;
    close(fd);
    errno = saved;
    return n;
}

ssize_t procfs_read_at(int dirfd, const char *path, char *buf, size_t size)
{
    return open_read_close(dirfd, path, buf, size, false);
}

ssize_t procfs_read_one_shot_at(int dirfd, const char *path, char *buf, size_t size)
{
    return open_read_close(dirfd, path, buf, size, true);
}

ssize_t procfs_pread(int fd, char *buf, size_t size)
{
    return read_whole(fd, buf, size, true, true);
}

/* A decimal integer at s, as strtoll(s, &end, 10) reads it (leading
 * white space, an optional sign, digits). A number that does not fit a long
 * long is clamped as strtoll does when `clamp` is set, else refused.
 * Returns the end, or NULL. The per-refresh files are mostly such numbers,
 * and strtoll's locale and base handling was a tenth of the user time of a
 * refresh. */
static const char *scan_ll(const char *s, long long *out, bool clamp)
{
    unsigned long long mag = 0, limit;
    bool neg = false;

    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    limit = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
    if (*s < '0' || *s > '9')
        return NULL;
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (mag > (limit - d) / 10) {
            if (!clamp)
                return NULL;
            mag = limit;
            while (s[1] >= '0' && s[1] <= '9')
                s++;
            continue;
        }
        mag = mag * 10 + d;
    }
    *out = neg && mag > 0 ? -(long long)(mag - 1) - 1 : (long long)mag;
    return s;
}

int procfs_parse_ll(const char *text, long long *out)
{
    long long v;

    if (!scan_ll(text, &v, false))
        return -1;
    *out = v;
    return 0;
}

int procfs_read_ll(int dirfd, const char *path, long long *out)
{
    char buf[64];

    if (procfs_read_one_shot_at(dirfd, path, buf, sizeof buf) < 0)
        return -1;
    if (procfs_parse_ll(buf, out) < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

/* status escapes only '\n' and '\\' in Name (fs/proc/array.c); undo that so
 * the name is the task's real comm, which text_sanitize then makes safe. */
static void parse_status_name(const char *v, const char *eol, ProcSample *p)
{
    char raw[PROC_COMM_MAX];
    size_t n = 0;

    while (v < eol && n < sizeof raw) {
        if (v[0] == '\\' && v + 1 < eol && (v[1] == 'n' || v[1] == '\\')) {
            raw[n++] = v[1] == 'n' ? '\n' : '\\';
            v += 2;
        } else {
            raw[n++] = *v++;
        }
    }
    text_sanitize(p->comm, sizeof p->comm, raw, n);
}

/* The number a status value starts with (a size in kB, a uid, a count);
 * 0 when there is none. */
static long long status_number(const char *v)
{
    long long kb = 0;
    procfs_parse_ll(v, &kb);
    return kb;
}

/* Returns true once the last line we need (Threads) was seen. */
static bool parse_status_line(const char *key, size_t klen, const char *v,
                              const char *eol, ProcSample *p, bool *has_name)
{
#define KEY_IS(lit) (klen == sizeof(lit) - 1 && memcmp(key, lit, klen) == 0)
    if (KEY_IS("Name")) {
        parse_status_name(v, eol, p);
        *has_name = true;
    } else if (KEY_IS("State")) {
        p->state = *v;
    } else if (KEY_IS("Uid")) {
        p->uid = (uid_t)status_number(v);   /* the first of four: the real uid */
    } else if (KEY_IS("VmSize")) {
        p->vm_size_kb = status_number(v);
        p->flags |= PROC_HAS_MM;
    } else if (KEY_IS("VmRSS")) {
        p->vm_rss_kb = status_number(v);
    } else if (KEY_IS("RssAnon")) {
        p->rss_anon_kb = status_number(v);
    } else if (KEY_IS("RssFile")) {
        p->rss_file_kb = status_number(v);
    } else if (KEY_IS("RssShmem")) {
        p->rss_shmem_kb = status_number(v);
    } else if (KEY_IS("VmSwap")) {
        p->vm_swap_kb = status_number(v);
    } else if (KEY_IS("VmPTE")) {
        p->vm_pte_kb = status_number(v);
    } else if (KEY_IS("Threads")) {
        p->threads = (int)status_number(v);
        return true;
    }
#undef KEY_IS
    return false;
}

int procfs_parse_status(const char *text, ProcSample *p)
{
    bool has_name = false;

    p->flags &= ~(unsigned)(PROC_HAS_MM | PROC_ZOMBIE);
    p->state = '?';
    p->threads = 0;
    p->vm_size_kb = p->vm_rss_kb = p->rss_anon_kb = 0;
    p->rss_file_kb = p->rss_shmem_kb = p->vm_swap_kb = p->vm_pte_kb = 0;
    p->comm[0] = '\0';

    for (const char *line = text; *line; ) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line);
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (colon) {
            const char *v = colon + 1;
            while (v < eol && (*v == '\t' || *v == ' '))
                v++;
            if (parse_status_line(line, (size_t)(colon - line), v, eol, p,
                                  &has_name))
                break;
        }
        line = *eol ? eol + 1 : eol;
    }
    if (p->state == 'Z' || p->state == 'X')
        p->flags |= PROC_ZOMBIE;
    return has_name ? 0 : -1;
}

int procfs_parse_statm(const char *text, long long *size_pages,
                       long long *resident_pages, long long *shared_pages)
{
    long long *out[3] = { size_pages, resident_pages, shared_pages };

    for (int i = 0; i < 3; i++) {
        text = scan_ll(text, out[i], false);
        if (!text)
            return -1;
    }
    return 0;
}

int procfs_parse_stat(const char *text, ProcStat *st)
{
    const char *s = strrchr(text, ')');
    unsigned long long field[23] = {0};

    if (!s || s[1] != ' ' || !s[2])
        return -1;
    st->state = s[2];
    s += 3;
    /* Fields 4..22 are all integers (nice may be negative). */
    for (int i = 4; i <= 22; i++) {
        long long v;
        s = scan_ll(s, &v, true);     /* an absurd counter does not hide the process */
        if (!s)
            return -1;
        field[i] = (unsigned long long)v;
    }
    st->ppid = (pid_t)field[4];
    st->flags = (unsigned long)field[9];
    st->nice = (int)(long long)field[19];
    st->start_ticks = field[22];
    return 0;
}

typedef struct KeyedField {
    const char *key;
    size_t offset;      /* of the long long to fill, in the target struct */
} KeyedField;

static const KeyedField meminfo_keys[] = {
    { "MemTotal", offsetof(MemInfo, mem_total_kb) },
    { "MemFree", offsetof(MemInfo, mem_free_kb) },
    { "MemAvailable", offsetof(MemInfo, mem_available_kb) },
    { "Buffers", offsetof(MemInfo, buffers_kb) },
    { "Cached", offsetof(MemInfo, cached_kb) },
    { "SwapTotal", offsetof(MemInfo, swap_total_kb) },
    { "SwapFree", offsetof(MemInfo, swap_free_kb) },
    { "Shmem", offsetof(MemInfo, shmem_kb) },
    { "Hugetlb", offsetof(MemInfo, hugetlb_kb) },
    { "Committed_AS", offsetof(MemInfo, committed_as_kb) },
    { "CommitLimit", offsetof(MemInfo, commit_limit_kb) },
};

static const KeyedField vmstat_keys[] = {
    { "oom_kill", offsetof(VmStat, oom_kill) },
    { "pswpin", offsetof(VmStat, pswpin) },
    { "pswpout", offsetof(VmStat, pswpout) },
    { "pgmajfault", offsetof(VmStat, pgmajfault) },
};

/* Key ends at ':' (meminfo) or at a blank (vmstat). */
static void parse_keyed(const char *text, const KeyedField *table, size_t n,
                        void *dst)
{
    for (size_t i = 0; i < n; i++)
        *(long long *)((char *)dst + table[i].offset) = VALUE_MISSING;

    for (const char *line = text; *line; ) {
        size_t klen = strcspn(line, ": \t\n");
        const char *v = line + klen;
        for (size_t i = 0; i < n; i++) {
            if (strlen(table[i].key) == klen &&
                memcmp(table[i].key, line, klen) == 0) {
                long long val;
                if (*v == ':')
                    v++;
                if (procfs_parse_ll(v, &val) == 0)
                    *(long long *)((char *)dst + table[i].offset) = val;
                break;
            }
        }
        const char *eol = strchr(line, '\n');
        line = eol ? eol + 1 : line + strlen(line);
    }
}

void procfs_parse_meminfo(const char *text, MemInfo *mem)
{
    parse_keyed(text, meminfo_keys, sizeof meminfo_keys / sizeof *meminfo_keys,
                mem);
}

void procfs_parse_vmstat(const char *text, VmStat *vm)
{
    parse_keyed(text, vmstat_keys, sizeof vmstat_keys / sizeof *vmstat_keys, vm);
}

/* Reads "123.45" without strtod: the program may run under a locale whose
 * decimal separator is not '.', while /proc always prints '.'. */
static const char *parse_fixed(const char *s, double *out)
{
    double v = 0, scale = 1;
    const char *start;

    while (*s == ' ' || *s == '\t')
        s++;
    start = s;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    if (s == start)
        return NULL;
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++) {
            scale /= 10;
            v += (*s - '0') * scale;
        }
    }
    *out = v;
    return s;
}

/* Expects `name=` at s, then a fixed-point number. */
static const char *parse_named(const char *s, const char *name, double *out)
{
    size_t n = strlen(name);

    while (*s == ' ')
        s++;
    if (strncmp(s, name, n) != 0 || s[n] != '=')
        return NULL;
    return parse_fixed(s + n + 1, out);
}

/* One PSI line: "<kind> avg10=a avg60=b avg300=c total=t". */
static bool parse_psi_line(const char *s, const char *kind, double avg[3],
                           unsigned long long *total_us)
{
    static const char *const names[3] = { "avg10", "avg60", "avg300" };
    size_t klen = strlen(kind);

    if (strncmp(s, kind, klen) != 0 || s[klen] != ' ')
        return false;
    s += klen;
    for (int i = 0; i < 3; i++)
        if (!(s = parse_named(s, names[i], &avg[i])))
            return false;
    while (*s == ' ')
        s++;
    if (strncmp(s, "total=", 6) != 0)
        return false;
    *total_us = strtoull(s + 6, NULL, 10);
    return true;
}

bool procfs_parse_pressure(const char *text, Pressure *p)
{
    double some[3] = {0}, full[3] = {0};
    unsigned long long some_us = 0, full_us = 0;

    memset(p, 0, sizeof *p);
    if (!parse_psi_line(text, "some", some, &some_us))
        return false;
    const char *second = strchr(text, '\n');
    /* A missing or odd "full" line leaves zeros: "some" alone is still PSI. */
    if (second && !parse_psi_line(second + 1, "full", full, &full_us)) {
        memset(full, 0, sizeof full);
        full_us = 0;
    }
    p->available = true;
    p->some_avg10 = some[0];
    p->some_avg60 = some[1];
    p->some_avg300 = some[2];
    p->full_avg10 = full[0];
    p->full_avg60 = full[1];
    p->full_avg300 = full[2];
    p->some_total_us = some_us;
    p->full_total_us = full_us;
    return true;
}

int procfs_parse_uptime(const char *text, double *uptime_s)
{
    return parse_fixed(text, uptime_s) ? 0 : -1;
}

int procfs_parse_loadavg(const char *text, double load[3])
{
    for (int i = 0; i < 3; i++)
        if (!(text = parse_fixed(text, &load[i])))
            return -1;
    return 0;
}
