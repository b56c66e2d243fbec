/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_heap_live.c - a refresh of batch mode (the calls batch.c makes:
 * sampler_refresh with command lines, oom_rank_snapshot, incident_refresh
 * with cgroups, proctable_build, then the JSON, text and CSV reports) on
 * the live system must not grow the heap once warmed up, and must not call
 * the allocator at all for what it could have kept. Memory is shortest
 * exactly when oomtop is needed. Allocations are counted by the stand-ins
 * of tests/helpers/malloc_count.c; the temporary buffer glibc's qsort
 * takes and frees for arrays over 1 KiB is counted apart and allowed.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badness.h"
#include "helpers/malloc_count.h"
#include "incident.h"
#include "proctable.h"
#include "report.h"
#include "sample.h"

#define WARMUP 5
#define MEASURED 50
#define WINDOWS 5   /* measuring windows tried before giving up */

/* What the system gave a refresh to hold: more of any of these may need
 * more room, legitimately, even after warm-up (new processes, longer
 * command lines, a user or memory cgroup not seen before). */
typedef struct Load {
    size_t nprocs;
    size_t cmd_bytes;
    size_t nusers;
    size_t ncgroups;
} Load;

typedef struct Loop {
    Sampler *sampler;
    Incident incident;
    ProcTable table;
    ProcFilter filter;
    FILE *out;
    char outbuf[65536];
    Load max;           /* the most any refresh so far had to hold */
    bool grew_load;     /* a refresh of this window held more than ever before */
} Loop;

/* Adds x to the set (of at most SET_MAX values) unless it is in it. */
#define SET_MAX 512
static void set_add(uintptr_t *set, size_t *n, uintptr_t x)
{
    size_t k = 0;
    while (k < *n && set[k] != x)
        k++;
    if (k == *n && *n < SET_MAX)
        set[(*n)++] = x;
}

static void load_of(const Snapshot *snap, Load *l)
{
    uintptr_t uids[SET_MAX], cgroups[SET_MAX];

    memset(l, 0, sizeof *l);
    l->nprocs = snap->nprocs;
    for (size_t i = 0; i < snap->nprocs; i++) {
        const ProcSample *p = &snap->procs[i];
        l->cmd_bytes += p->cmdline ? strlen(p->cmdline) + 1 : 0;
        set_add(uids, &l->nusers, p->uid);
        if (p->memcg)
            set_add(cgroups, &l->ncgroups, (uintptr_t)p->memcg);
    }
}

/* One batch-mode refresh, as batch_run() does it for -c. */
static void refresh(Loop *lp)
{
    Snapshot *snap = sampler_refresh(lp->sampler, SAMPLE_CMDLINE);
    OomSummary oom;
    Load l;

    assert_non_null(snap);
    assert_int_equal(oom_rank_snapshot(snap, &oom), 0);
    assert_int_equal(incident_refresh(&lp->incident, snap, true), 0);
    assert_int_equal(proctable_build(&lp->table, snap, &lp->filter), 0);
    ReportCtx ctx = { .fmt = { .scale = UNIT_AUTO, .mem_total_kb = snap->mem.mem_total_kb,
                               .full_command = true },
                      .tracker = &lp->incident.pressure };
    report_json(lp->out, snap, &lp->table, &ctx);
    report_text(lp->out, snap, &lp->table, &ctx);
    report_csv(lp->out, snap, &lp->table, &ctx.fmt);
    assert_int_equal(fflush(lp->out), 0);

    load_of(snap, &l);
    size_t *now[] = { &l.nprocs, &l.cmd_bytes, &l.nusers, &l.ncgroups };
    size_t *max[] = { &lp->max.nprocs, &lp->max.cmd_bytes, &lp->max.nusers, &lp->max.ncgroups };
    for (size_t i = 0; i < sizeof now / sizeof *now; i++) {
        if (*now[i] > *max[i]) {
            *max[i] = *now[i];
            lp->grew_load = true;
        }
    }
}

static void loop_open(Loop *lp)
{
    char err[256];

    memset(lp, 0, sizeof *lp);
    lp->sampler = sampler_open("/proc", err, sizeof err);
    if (!lp->sampler)
        fail_msg("sampler_open: %s", err);
    incident_init(&lp->incident);
    proctable_init(&lp->table);
    lp->filter.show_kthreads = true;
    lp->out = fopen("/dev/null", "w");
    assert_non_null(lp->out);
    /* A buffer of ours, so stdio has nothing to allocate. */
    assert_int_equal(setvbuf(lp->out, lp->outbuf, _IOFBF, sizeof lp->outbuf), 0);
}

static void loop_close(Loop *lp)
{
    fclose(lp->out);
    proctable_free(&lp->table);
    incident_free(&lp->incident);
    sampler_close(lp->sampler);
}

/* Runs measuring windows until one saw no more load than the refreshes
 * before it (others' processes come and go meanwhile). Returns the
 * allocator calls and heap growth of that window. */
static void measure(Loop *lp, MallocCount *delta, size_t *refreshes)
{
    for (int w = 0; w < WINDOWS; w++) {
        MallocCount a, b;
        lp->grew_load = false;
        malloc_count_get(&a);
        for (int i = 0; i < MEASURED; i++)
            refresh(lp);
        malloc_count_get(&b);
        *refreshes = MEASURED;
        delta->allocs = b.allocs - a.allocs;
        delta->sort_allocs = b.sort_allocs - a.sort_allocs;
        delta->frees = b.frees - a.frees;
        delta->live_bytes = b.live_bytes > a.live_bytes ? b.live_bytes - a.live_bytes : 0;
        printf("# window %d: %zu processes at most, %lu allocations (%lu inside qsort), "
               "%lu frees, heap %+ld bytes%s\n", w + 1, lp->max.nprocs, delta->allocs,
               delta->sort_allocs, delta->frees,
               (long)b.live_bytes - (long)a.live_bytes,
               lp->grew_load ? " (the system grew: window not counted)" : "");
        if (!lp->grew_load)
            return;
    }
    fail_msg("the system kept growing for %d windows of %d refreshes", WINDOWS, MEASURED);
}

static void test_refresh_allocates_nothing(void **state)
{
    Loop *lp = calloc(1, sizeof *lp);
    MallocCount d;
    size_t n;

    (void)state;
    assert_non_null(lp);
    loop_open(lp);
    for (int i = 0; i < WARMUP; i++)
        refresh(lp);
    measure(lp, &d, &n);
    unsigned long ours = d.allocs - d.sort_allocs;
    if (ours) {
        printf("# one more refresh, with the stack of each allocation (resolve the\n"
               "# +0x offsets with: addr2line -f -e tests/test_heap_live OFFSET):\n");
        fflush(stdout);
        malloc_count_trace(true);
        refresh(lp);
        malloc_count_trace(false);
    }
    loop_close(lp);
    free(lp);
    printf("# %zu refreshes after warm-up: heap grew by %zu bytes; %lu allocator calls by "
           "oomtop's code, %lu by glibc's qsort for its temporary buffer\n", n, d.live_bytes,
           ours, d.sort_allocs);
    assert_int_equal(d.live_bytes, 0);
    assert_int_equal(ours, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refresh_allocates_nothing),
    };
    if (!malloc_count_available()) {
        printf("SKIP: built with AddressSanitizer, which replaces malloc: allocations "
               "cannot be counted here (the plain build runs this test)\n");
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
