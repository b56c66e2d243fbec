/* SPDX-License-Identifier: GPL-2.0-or-later
 * memcg.c - pure memory-cgroup logic: the text of the control files, the
 * systemd unit of a path, the OOM domain's totalpages and the rank of each
 * process inside its domain (mm/memcontrol.c, mm/oom_kill.c).
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "badness.h"
#include "grow.h"
#include "memcg.h"
#include "sort.h"

/* v1 prints PAGE_COUNTER_MAX * PAGE_SIZE (just under 2^63) for "no limit";
 * no real limit comes anywhere near 2^62 bytes. */
#define UNLIMITED_BYTES (1ULL << 62)

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Digits then optional whitespace to the end: the whole file is a number. */
static int parse_whole_ull(const char *s, unsigned long long *out)
{
    unsigned long long v = 0;

    s = skip_space(s);
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (v > (ULLONG_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    if (*s)
        return -1;
    *out = v;
    return 0;
}

long long memcg_parse_limit_kb(const char *text)
{
    unsigned long long v;
    const char *s;

    if (!text)
        return MEMCG_UNKNOWN;
    s = skip_space(text);
    if (strncmp(s, "max", 3) == 0 && (s[3] == '\0' || s[3] == '\n'))
        return MEMCG_UNLIMITED;
    if (parse_whole_ull(s, &v))
        return MEMCG_UNKNOWN;
    return v >= UNLIMITED_BYTES ? MEMCG_UNLIMITED : (long long)(v / 1024);
}

long long memcg_parse_bytes_kb(const char *text)
{
    unsigned long long v;

    if (!text || parse_whole_ull(text, &v) || v >= UNLIMITED_BYTES)
        return VALUE_MISSING;
    return (long long)(v / 1024);
}

long long memcg_parse_key(const char *text, const char *key)
{
    size_t klen = strlen(key);

    for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
        unsigned long long v = 0;
        const char *p;
        int digits = 0;

        if (strncmp(l, key, klen) != 0 || l[klen] != ' ')
            continue;
        for (p = l + klen + 1; *p >= '0' && *p <= '9'; p++, digits++) {
            if (v > (ULLONG_MAX - 9) / 10)
                return VALUE_MISSING;
            v = v * 10 + (unsigned)(*p - '0');
        }
        if (!digits || (*p && *p != '\n') || v > LLONG_MAX)
            return VALUE_MISSING;
        return (long long)v;
    }
    return VALUE_MISSING;
}

static bool has_token(const char *list, size_t n, const char *tok)
{
    size_t tl = strlen(tok);

    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && list[j] != ',')
            j++;
        if (j - i == tl && strncmp(list + i, tok, tl) == 0)
            return true;
        i = j + 1;
    }
    return false;
}

/* Does the line [l, e) name the memory hierarchy we want? Returns the path. */
static const char *match_line(const char *l, const char *e, int v1_hierarchy)
{
    const char *c1 = memchr(l, ':', (size_t)(e - l)), *c2;
    char *end;
    long id;

    if (!c1 || !(c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1))))
        return NULL;
    id = strtol(l, &end, 10);
    if (end != c1 || l == c1)
        return NULL;
    if (v1_hierarchy == 0)
        return id == 0 && c2 == c1 + 1 ? c2 + 1 : NULL;
    if (id <= 0 || (v1_hierarchy > 0 && id != v1_hierarchy))
        return NULL;
    return has_token(c1 + 1, (size_t)(c2 - c1 - 1), "memory") ? c2 + 1 : NULL;
}

int memcg_parse_proc_cgroup(const char *text, int v1_hierarchy, char *path, size_t pathsize)
{
    const char *found = NULL, *found_end = NULL;
    int matches = 0;

    if (!text || pathsize == 0)
        return -1;
    path[0] = '\0';
    for (const char *l = text; *l;) {
        const char *e = strchr(l, '\n'), *p;
        if (!e)
            e = l + strlen(l);
        if ((p = match_line(l, e, v1_hierarchy)) != NULL) {
            matches++;
            found = p;
            found_end = e;
        }
        l = *e ? e + 1 : e;
    }
    if (matches == 0)
        return 0;
    if (matches > 1 || found[0] != '/' || (size_t)(found_end - found) >= pathsize)
        return -1;
    memcpy(path, found, (size_t)(found_end - found));
    path[found_end - found] = '\0';
    return v1_hierarchy == 0 ? 2 : 1;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t sl = strlen(suffix);

    return n > sl && strncmp(s + n - sl, suffix, sl) == 0;
}

void memcg_unit_name(const char *path, char *dst, size_t dstsize)
{
    static const char *const units[] = { ".service", ".scope", ".socket", ".mount", ".swap" };
    const char *unit = NULL, *slice = NULL;
    size_t unit_n = 0, slice_n = 0;

    if (dstsize == 0)
        return;
    dst[0] = '\0';
    for (const char *c = path; c && *c;) {
        const char *e;
        size_t n;

        while (*c == '/')
            c++;
        e = strchr(c, '/');
        n = e ? (size_t)(e - c) : strlen(c);
        for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
            if (ends_with(c, n, units[i])) {
                unit = c;
                unit_n = n;
            }
        if (ends_with(c, n, ".slice") && !(n == 7 && c[0] == '-')) {
            slice = c;
            slice_n = n;
        }
        c = e;
    }
    if (!unit) {
        unit = slice;
        unit_n = slice_n;
    }
    if (unit && unit_n < dstsize) {
        memcpy(dst, unit, unit_n);
        dst[unit_n] = '\0';
    }
}

long long memcg_totalpages(const MemcgInfo *d, const MemInfo *m, long page_kb)
{
    long long swap_kb;

    if (!d || d->limit_kb < 0 || page_kb <= 0)
        return 0;
    if (d->swappiness == 0)
        swap_kb = 0;
    else if (d->swap_limit_kb < 0)      /* unlimited, or no swap accounting */
        swap_kb = LLONG_MAX;
    else
        swap_kb = d->swap_limit_kb;
    return oom_memcg_totalpages(d->limit_kb, swap_kb, m, page_kb);
}

double memcg_fill_percent(const MemcgInfo *m)
{
    const MemcgInfo *d = m ? m->domain : NULL;

    if (!d || d->limit_kb <= 0 || d->usage_kb < 0)
        return -1;
    return (double)d->usage_kb * 100.0 / (double)d->limit_kb;
}

typedef struct Candidate {
    ProcSample *p;
    long long points;
} Candidate;

static int by_kernel_order(const void *a, const void *b)
{
    const Candidate *x = a, *y = b;

    if (oom_picked_before(x->p, x->points, y->p, y->points))
        return -1;
    if (oom_picked_before(y->p, y->points, x->p, x->points))
        return 1;
    return 0;
}

static bool in_subtree(const MemcgInfo *m, const MemcgInfo *top)
{
    for (; m; m = m->parent)
        if (m == top)
            return true;
    return false;
}

static int by_pointer(const void *a, const void *b)
{
    const MemcgInfo *x = *(const MemcgInfo *const *)a, *y = *(const MemcgInfo *const *)b;

    return x < y ? -1 : x > y;
}

/* Ranks the candidates of one domain and writes the rank of those whose
 * own domain it is (a process below a deeper limit is a candidate here but
 * is ranked in its own, nearer domain). */
static void rank_domain(Snapshot *snap, const MemcgInfo *d, Candidate *c)
{
    size_t n = 0;

    for (size_t i = 0; i < snap->nprocs; i++) {
        ProcSample *p = &snap->procs[i];
        if (p->memcg && oom_eligibility(p) == OOM_ELIGIBLE && in_subtree(p->memcg, d)) {
            c[n].p = p;
            c[n++].points = oom_badness_pages(p, d->domain_totalpages, snap->page_kb);
        }
    }
    sort_plain(c, n, sizeof(*c), by_kernel_order);
    for (size_t i = 0; i < n; i++) {
        if (c[i].p->memcg->domain != d)
            continue;
        c[i].p->oom_rank_in_memcg = (int)(i + 1);
        c[i].p->memcg_badness_pages = c[i].points;
    }
}

/* The work arrays are kept from one refresh to the next and only grow, so
 * that a warm refresh asks the allocator for nothing (memory is shortest
 * exactly when oomtop is needed). Ranking runs on one thread only. */
static const MemcgInfo **kept_doms;
static Candidate *kept_cand;
static size_t doms_cap, cand_cap;

static int reserve_work(size_t n)
{
    if (grow_array(&kept_doms, &doms_cap, n, sizeof *kept_doms, 256) < 0
        || grow_array(&kept_cand, &cand_cap, n, sizeof *kept_cand, 256) < 0)
        return -1;
    return 0;
}

int memcg_rank(Snapshot *snap)
{
    const MemcgInfo **doms;
    Candidate *cand;
    size_t nd = 0;

    for (size_t i = 0; i < snap->nprocs; i++) {
        snap->procs[i].oom_rank_in_memcg = 0;
        snap->procs[i].memcg_badness_pages = 0;
    }
    if (snap->nprocs == 0)
        return 0;
    if (reserve_work(snap->nprocs) != 0)
        return -1;
    doms = kept_doms;
    cand = kept_cand;
    for (size_t i = 0; i < snap->nprocs; i++) {
        const MemcgInfo *m = snap->procs[i].memcg;
        if (m && m->domain && m->domain->domain_totalpages > 0)
            doms[nd++] = m->domain;
    }
    sort_plain(doms, nd, sizeof(*doms), by_pointer);
    for (size_t i = 0; i < nd; i++)
        if (i == 0 || doms[i] != doms[i - 1])
            rank_domain(snap, doms[i], cand);
    return 0;
}
