/* SPDX-License-Identifier: GPL-2.0-or-later
 * cgroup.c - reads memory cgroups (v1 memory controller or v2) for the
 * processes of a snapshot. Each cgroup directory is read once per refresh
 * through a small cache keyed by its path; ancestors are read too, since
 * the OOM domain is the nearest limited ancestor.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "text.h"

#define NBUCKETS 256
#define UNIT_MAX 128

typedef struct Entry {
    MemcgInfo info;
    struct Entry *next;         /* hash chain */
    unsigned long gen;          /* the refresh it was last read in */
    char *raw;                  /* path inside the hierarchy: the key */
    char *disp;                 /* sanitised copy for info.path */
    char unit[UNIT_MAX];
} Entry;

struct CgroupReader {
    char proc_root[PATH_MAX];
    int proc_fd;                /* proc_root, -1 if it could not be opened */
    CgroupMounts m;
    int version;
    Entry *buckets[NBUCKETS];
    unsigned long gen;
    int vm_swappiness;
    MemInfo mem;
    long page_kb;
    char buf[65536];            /* one /proc/PID/cgroup */
};

/* Reads a small file whole into buf (NUL-terminated). -1 if missing,
 * unreadable or larger than buf. */
static int read_at(int dfd, const char *name, char *buf, size_t size)
{
    int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    size_t got = 0;

    if (fd < 0)
        return -1;
    for (;;) {
        ssize_t n = read(fd, buf + got, size - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close(fd);
            buf[got] = '\0';
            return n < 0 || got == size - 1 ? -1 : 0;
        }
        got += (size_t)n;
        if (got == size - 1) {
            close(fd);
            return -1;
        }
    }
}

static long long read_num(int dfd, const char *name, long long (*parse)(const char *))
{
    char buf[256];

    return read_at(dfd, name, buf, sizeof(buf)) ? MEMCG_UNKNOWN : parse(buf);
}

static long long read_key(int dfd, const char *name, const char *key)
{
    char buf[4096];

    return read_at(dfd, name, buf, sizeof(buf)) ? VALUE_MISSING : memcg_parse_key(buf, key);
}

/* A small non-negative integer file (swappiness); -1 if unreadable. */
static int read_int(int dfd, const char *name)
{
    char buf[64], *end;
    long v;

    if (read_at(dfd, name, buf, sizeof(buf)))
        return -1;
    errno = 0;
    v = strtol(buf, &end, 10);
    if (errno || end == buf || (*end && *end != '\n') || v < 0 || v > 1000)
        return -1;
    return (int)v;
}

static long long missing_if_unknown(long long v)
{
    return v < 0 ? VALUE_MISSING : v;
}

static void read_v1(int dfd, bool root, int vm_swappiness, MemcgInfo *i)
{
    long long memsw = read_num(dfd, "memory.memsw.limit_in_bytes", memcg_parse_limit_kb);
    int sw = read_int(dfd, "memory.swappiness");

    i->limit_kb = read_num(dfd, "memory.limit_in_bytes", memcg_parse_limit_kb);
    i->usage_kb = missing_if_unknown(read_num(dfd, "memory.usage_in_bytes", memcg_parse_bytes_kb));
    i->oom_kills = read_key(dfd, "memory.oom_control", "oom_kill");
    if (memsw == MEMCG_UNLIMITED || memsw == MEMCG_UNKNOWN)
        i->swap_limit_kb = memsw;
    else if (i->limit_kb >= 0 && memsw >= i->limit_kb)
        i->swap_limit_kb = memsw - i->limit_kb;
    else
        i->swap_limit_kb = MEMCG_UNKNOWN;
    i->swappiness = root || sw < 0 ? vm_swappiness : sw;
}

static void read_v2(int dfd, bool root, int vm_swappiness, MemcgInfo *i)
{
    i->limit_kb = root ? MEMCG_UNLIMITED : read_num(dfd, "memory.max", memcg_parse_limit_kb);
    i->usage_kb = missing_if_unknown(read_num(dfd, "memory.current", memcg_parse_bytes_kb));
    i->oom_kills = read_key(dfd, "memory.events", "oom_kill");
    i->swap_limit_kb = read_num(dfd, "memory.swap.max", memcg_parse_limit_kb);
    i->swappiness = vm_swappiness;
}

static unsigned hash_path(const char *s)
{
    unsigned h = 5381;

    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h % NBUCKETS;
}

static void entry_free(Entry *e)
{
    free(e->raw);
    free(e->disp);
    free(e);
}

static Entry *entry_new(CgroupReader *r, const char *path)
{
    size_t n = strlen(path);
    Entry *e = calloc(1, sizeof(*e));

    if (!e || !(e->raw = strdup(path)) || !(e->disp = malloc(n + 1))) {
        if (e)
            free(e->raw);
        free(e);
        return NULL;
    }
    text_sanitize(e->disp, n + 1, path, n);
    memcg_unit_name(e->disp, e->unit, sizeof(e->unit));
    e->info.path = e->disp;
    e->info.unit = e->unit;
    e->info.version = r->version;
    unsigned h = hash_path(path);
    e->next = r->buckets[h];
    r->buckets[h] = e;
    return e;
}

static Entry *entry_find(CgroupReader *r, const char *path)
{
    for (Entry *e = r->buckets[hash_path(path)]; e; e = e->next)
        if (strcmp(e->raw, path) == 0)
            return e;
    return NULL;
}

/* Opens the directory of `path` under the mount, refusing anything that
 * could leave it. */
static int open_dir(const CgroupReader *r, const char *path)
{
    const char *dir = r->version == 1 ? r->m.v1_dir : r->m.v2_dir;
    char full[PATH_MAX * 2];

    if (path[0] != '/' || strstr(path, "/../") || strstr(path, "/./") ||
        (strlen(path) >= 3 && strcmp(path + strlen(path) - 3, "/..") == 0))
        return -1;
    if (snprintf(full, sizeof(full), "%s%s", dir, path) >= (int)sizeof(full))
        return -1;
    return open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static const MemcgInfo *lookup(CgroupReader *r, const char *path, int depth);

static const MemcgInfo *parent_of(CgroupReader *r, const char *path, int depth)
{
    char parent[PATH_MAX];
    const char *slash = strrchr(path, '/');
    size_t n = slash && slash != path ? (size_t)(slash - path) : 1;

    if (strcmp(path, "/") == 0 || n >= sizeof(parent))
        return NULL;
    memcpy(parent, path, n);
    parent[n] = '\0';
    return lookup(r, parent, depth + 1);
}

static void fill_domain(CgroupReader *r, MemcgInfo *i)
{
    if (i->limit_kb >= 0) {
        i->domain = i;
        i->domain_totalpages = memcg_totalpages(i, &r->mem, r->page_kb);
    } else if (i->parent) {
        i->domain = i->parent->domain;
        i->domain_totalpages = i->parent->domain_totalpages;
    } else {
        i->domain = NULL;
        i->domain_totalpages = 0;
    }
}

static const MemcgInfo *lookup(CgroupReader *r, const char *path, int depth)
{
    Entry *e = entry_find(r, path);
    const MemcgInfo *parent;
    int dfd;

    if (e && e->gen == r->gen)
        return &e->info;
    if (depth > 256 || (dfd = open_dir(r, path)) < 0)
        return NULL;
    parent = strcmp(path, "/") == 0 ? NULL : parent_of(r, path, depth);
    if ((!parent && strcmp(path, "/") != 0) || (!e && !(e = entry_new(r, path)))) {
        close(dfd);
        return NULL;
    }
    if (r->version == 1)
        read_v1(dfd, parent == NULL, r->vm_swappiness, &e->info);
    else
        read_v2(dfd, parent == NULL, r->vm_swappiness, &e->info);
    close(dfd);
    e->info.parent = parent;
    fill_domain(r, &e->info);
    e->gen = r->gen;
    return &e->info;
}

const MemcgInfo *cgroup_of_path(CgroupReader *r, const char *path)
{
    if (!r->version || !path)
        return NULL;
    return lookup(r, path, 0);
}

/* The path as seen through this mount: strip the mount's root. */
static const char *in_mount(const CgroupReader *r, const char *path)
{
    const char *root = r->version == 1 ? r->m.v1_root : r->m.v2_root;
    size_t n = strlen(root);

    if (n <= 1)
        return path;
    if (strncmp(path, root, n) != 0 || (path[n] != '/' && path[n] != '\0'))
        return NULL;
    return path[n] ? path + n : "/";
}

const MemcgInfo *cgroup_of_pid(CgroupReader *r, pid_t pid)
{
    char name[64], path[PATH_MAX];
    const char *inside;
    int hier;

    if (!r->version || r->proc_fd < 0)
        return NULL;
    snprintf(name, sizeof(name), "%d/cgroup", (int)pid);
    if (read_at(r->proc_fd, name, r->buf, sizeof(r->buf)) != 0)
        return NULL;
    hier = r->version == 1 ? (r->m.v1_hierarchy > 0 ? r->m.v1_hierarchy : -1) : 0;
    if (memcg_parse_proc_cgroup(r->buf, hier, path, sizeof(path)) != r->version)
        return NULL;
    inside = in_mount(r, path);
    return inside ? lookup(r, inside, 0) : NULL;
}

CgroupReader *cgroup_reader_new(const char *proc_root, const CgroupMounts *m)
{
    CgroupReader *r = calloc(1, sizeof(*r));

    if (!r)
        return NULL;
    snprintf(r->proc_root, sizeof(r->proc_root), "%s", proc_root);
    r->m = *m;
    r->version = m->v1_dir[0] ? 1 : m->v2_dir[0] ? 2 : 0;
    r->vm_swappiness = -1;
    r->proc_fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return r;
}

void cgroup_reader_free(CgroupReader *r)
{
    if (!r)
        return;
    for (size_t b = 0; b < NBUCKETS; b++) {
        for (Entry *e = r->buckets[b], *next; e; e = next) {
            next = e->next;
            entry_free(e);
        }
    }
    if (r->proc_fd >= 0)
        close(r->proc_fd);
    free(r);
}

int cgroup_reader_version(const CgroupReader *r)
{
    return r ? r->version : 0;
}

/* Frees the cgroups nobody used in the refresh before the one starting. */
static void prune(CgroupReader *r)
{
    for (size_t b = 0; b < NBUCKETS; b++) {
        Entry **link = &r->buckets[b];
        while (*link) {
            Entry *e = *link;
            if (e->gen + 1 < r->gen) {
                *link = e->next;
                entry_free(e);
            } else {
                link = &e->next;
            }
        }
    }
}

void cgroup_begin(CgroupReader *r, const MemInfo *m, long page_kb)
{
    r->gen++;
    prune(r);
    r->mem = *m;
    r->page_kb = page_kb;
    if (r->proc_fd < 0)
        r->proc_fd = open(r->proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    r->vm_swappiness = r->proc_fd >= 0 ? read_int(r->proc_fd, "sys/vm/swappiness") : -1;
}

int cgroup_attach(CgroupReader *r, Snapshot *snap)
{
    if (r)
        cgroup_begin(r, &snap->mem, snap->page_kb);
    for (size_t i = 0; i < snap->nprocs; i++)
        snap->procs[i].memcg = r ? cgroup_of_pid(r, snap->procs[i].pid) : NULL;
    return memcg_rank(snap);
}
