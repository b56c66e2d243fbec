/* SPDX-License-Identifier: GPL-2.0-or-later
 * smaps.c - commit charge, fork cost and the MAP_NORESERVE gap of one
 * process, summed from the VmFlags of its mappings (smaps_rollup has no
 * flags, so the full smaps is needed).
 */
#include "config.h"

#include "smaps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAP_SYS_ADMIN_BIT 21
#define CACHE_BUCKETS 512

/* One mapping while its lines are being read. */
typedef struct Vma {
    long long size_kb;
    bool private_writable;
} Vma;

static void sums_missing(SmapsSums *out, int error)
{
    *out = (SmapsSums){ .readable = false, .error = error, .committed_kb = VALUE_MISSING,
                        .fork_cost_kb = VALUE_MISSING, .fork_largest_kb = VALUE_MISSING,
                        .noreserve_kb = VALUE_MISSING, .cap_sys_admin = -1 };
}

static void sums_zero(SmapsSums *out)
{
    *out = (SmapsSums){ .readable = true, .cap_sys_admin = -1 };
}

/* "start-end perms ..." opens a mapping; field lines never have a '-'
 * right after a run of hex digits. */
static bool parse_header(const char *line, Vma *vma)
{
    char *end;
    unsigned long long start = strtoull(line, &end, 16);

    if (end == line || *end != '-')
        return false;
    const char *p = end + 1;
    unsigned long long stop = strtoull(p, &end, 16);
    if (end == p || *end != ' ' || stop < start || strlen(end) < 5)
        return false;
    vma->size_kb = (long long)((stop - start) / 1024);
    vma->private_writable = end[2] == 'w' && end[4] == 'p';
    return true;
}

static bool has_flag(const char *flags, const char *name)
{
    const char *p = flags;

    for (;;) {
        p += strspn(p, " \t\n");
        size_t len = strcspn(p, " \t\n");
        if (len == 0)
            return false;
        if (len == 2 && p[0] == name[0] && p[1] == name[1])
            return true;
        p += len;
    }
}

/* The VmFlags line closes a mapping: add it to the sums. */
static void add_vma(const Vma *vma, const char *flags, SmapsSums *out)
{
    if (has_flag(flags, "ac")) {
        out->committed_kb += vma->size_kb;
        if (!has_flag(flags, "dc")) {
            out->fork_cost_kb += vma->size_kb;
            if (vma->size_kb > out->fork_largest_kb)
                out->fork_largest_kb = vma->size_kb;
        }
    }
    /* Mode 2 ignores MAP_NORESERVE; hugetlb mappings are never charged. */
    if (vma->private_writable && has_flag(flags, "nr") && !has_flag(flags, "ht"))
        out->noreserve_kb += vma->size_kb;
}

static void parse_line(const char *line, Vma *vma, bool *in_vma, SmapsSums *out)
{
    static const char vmflags[] = "VmFlags:";

    if (strncmp(line, vmflags, sizeof vmflags - 1) == 0) {
        if (*in_vma)
            add_vma(vma, line + sizeof vmflags - 1, out);
        *in_vma = false;
    } else if (parse_header(line, vma)) {
        *in_vma = true;
    }
}

void smaps_parse(const char *text, SmapsSums *out)
{
    Vma vma = { 0, false };
    bool in_vma = false;
    char line[512];

    sums_zero(out);
    while (*text) {
        size_t len = strcspn(text, "\n");
        size_t keep = len < sizeof line - 1 ? len : sizeof line - 1;
        memcpy(line, text, keep);
        line[keep] = '\0';
        parse_line(line, &vma, &in_vma, out);
        text += len + (text[len] == '\n');
    }
}

static int read_cap_sys_admin(const char *proc_root, pid_t pid)
{
    char path[256], line[256];
    int result = -1;

    snprintf(path, sizeof path, "%s/%d/status", proc_root, (int)pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long long caps;
        if (sscanf(line, "CapEff: %llx", &caps) == 1) {
            result = (caps >> CAP_SYS_ADMIN_BIT) & 1;
            break;
        }
    }
    fclose(f);
    return result;
}

int smaps_read(const char *proc_root, pid_t pid, SmapsSums *out)
{
    char path[256];
    char *line = NULL;
    size_t cap = 0;
    Vma vma = { 0, false };
    bool in_vma = false;

    snprintf(path, sizeof path, "%s/%d/smaps", proc_root, (int)pid);
    FILE *f = fopen(path, "re");
    if (!f) {
        sums_missing(out, errno);
        return -1;
    }
    sums_zero(out);
    errno = 0;
    while (getline(&line, &cap, f) >= 0)
        parse_line(line, &vma, &in_vma, out);
    /* Permission is checked at read time: EACCES may arrive here, not at open. */
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    free(line);
    fclose(f);
    if (err) {
        sums_missing(out, err);
        return -1;
    }
    out->cap_sys_admin = read_cap_sys_admin(proc_root, pid);
    return 0;
}

/* ---------------------------------------------------------------- cache */

typedef struct CacheEntry {
    struct CacheEntry *next;
    pid_t pid;
    unsigned long long start_ticks;
    double read_s;
    double used_s;
    SmapsSums sums;
} CacheEntry;

struct SmapsCache {
    char *proc_root;
    CacheEntry *buckets[CACHE_BUCKETS];
};

SmapsCache *smaps_cache_new(const char *proc_root)
{
    SmapsCache *c = calloc(1, sizeof *c);

    if (c && !(c->proc_root = strdup(proc_root))) {
        free(c);
        return NULL;
    }
    return c;
}

static CacheEntry **bucket_of(SmapsCache *c, pid_t pid)
{
    return &c->buckets[(unsigned)pid % CACHE_BUCKETS];
}

static CacheEntry *cache_find(SmapsCache *c, const ProcSample *p)
{
    for (CacheEntry *e = *bucket_of(c, p->pid); e; e = e->next)
        if (e->pid == p->pid && e->start_ticks == p->start_ticks)
            return e;
    return NULL;
}

const SmapsSums *smaps_cache_get(SmapsCache *c, const ProcSample *p, double now_s,
                                 double max_age_s)
{
    static SmapsSums no_memory;
    CacheEntry *e = cache_find(c, p);

    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e) {
            sums_missing(&no_memory, ENOMEM);
            return &no_memory;
        }
        e->pid = p->pid;
        e->start_ticks = p->start_ticks;
        e->read_s = now_s - max_age_s - 1.0;
        e->next = *bucket_of(c, p->pid);
        *bucket_of(c, p->pid) = e;
    }
    e->used_s = now_s;
    if (now_s - e->read_s > max_age_s) {
        smaps_read(c->proc_root, p->pid, &e->sums);
        e->read_s = now_s;
    }
    return &e->sums;
}

static void drop_entries(SmapsCache *c, bool all, double now_s, double idle_s)
{
    for (size_t b = 0; b < CACHE_BUCKETS; b++) {
        CacheEntry **link = &c->buckets[b];
        while (*link) {
            CacheEntry *e = *link;
            if (all || now_s - e->used_s > idle_s) {
                *link = e->next;
                free(e);
            } else {
                link = &e->next;
            }
        }
    }
}

void smaps_cache_expire(SmapsCache *c, double now_s, double idle_s)
{
    drop_entries(c, false, now_s, idle_s);
}

void smaps_cache_free(SmapsCache *c)
{
    if (!c)
        return;
    drop_entries(c, true, 0.0, 0.0);
    free(c->proc_root);
    free(c);
}
