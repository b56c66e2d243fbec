/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_heap_live.c - a refresh of batch mode (the calls batch.c makes:
 * sampler_refresh with command lines, oom_rank_snapshot, incident_refresh
 * with cgroups, proctable_build, then the JSON, text and CSV reports) on
 * the live system must not grow the heap once warmed up, and must not call
 * the allocator at all for what it could have kept: memory is shortest
 * exactly when oomtop is needed. Allocations are counted by the stand-ins
 * of tests/helpers/malloc_count.c, which also counts apart the temporary
 * buffer glibc's qsort would take for arrays over 1 KiB: oomtop sorts in
 * place, so that count must be 0 too.
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
/* Windows of MEASURED refreshes tried. A new process, user or cgroup may
 * rightly need room once; what a refresh itself allocates shows up in
 * every window, so one clean window out of these is the proof. */
#define WINDOWS 5

typedef struct Loop {
    Sampler *sampler;
    Incident incident;
    ProcTable table;
    ProcFilter filter;
    FILE *out;
    char outbuf[65536];
    size_t nprocs;      /* processes in the last refresh */
} Loop;

/* What one window did. */
typedef struct Window {
    unsigned long own_allocs;   /* allocator calls of oomtop's code */
    unsigned long sort_allocs;  /* glibc qsort's temporary buffers */
    long heap_bytes;            /* growth of the heap in use */
} Window;

/* One batch-mode refresh, as batch_run() does it for -c. */
static void refresh(Loop *lp)
{
    Snapshot *snap = sampler_refresh(lp->sampler, SAMPLE_CMDLINE);
    OomSummary oom;

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
    lp->nprocs = snap->nprocs;
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

static void measure(Loop *lp, int n, Window *w)
{
    MallocCount a, b;

    malloc_count_get(&a);
    for (int i = 0; i < MEASURED; i++)
        refresh(lp);
    malloc_count_get(&b);
    w->sort_allocs = b.sort_allocs - a.sort_allocs;
    w->own_allocs = b.allocs - a.allocs - w->sort_allocs;
    w->heap_bytes = (long)b.live_bytes - (long)a.live_bytes;
    printf("# window %d, %d refreshes of %zu processes: heap %+ld bytes, %lu allocator "
           "calls by oomtop's code, %lu by qsort for its temporary buffer\n", n, MEASURED,
           lp->nprocs, w->heap_bytes, w->own_allocs, w->sort_allocs);
}

/* One more refresh with the stack of each allocation, to say who it was. */
static void show_allocators(Loop *lp)
{
    printf("# one more refresh, with the stack of each allocation (resolve the\n"
           "# +0x offsets with: addr2line -f -e tests/test_heap_live OFFSET):\n");
    fflush(stdout);
    malloc_count_trace(true);
    refresh(lp);
    malloc_count_trace(false);
}

static void test_refresh_allocates_nothing(void **state)
{
    Loop *lp = calloc(1, sizeof *lp);
    Window w = { 0, 0, 0 };
    bool clean = false;

    (void)state;
    assert_non_null(lp);
    loop_open(lp);
    for (int i = 0; i < WARMUP; i++)
        refresh(lp);
    for (int n = 1; n <= WINDOWS && !clean; n++) {
        measure(lp, n, &w);
        /* oomtop sorts in place (sort.c): glibc's qsort buffer must not appear either */
        clean = w.own_allocs == 0 && w.sort_allocs == 0 && w.heap_bytes <= 0;
    }
    if (!clean && w.own_allocs)
        show_allocators(lp);
    loop_close(lp);
    free(lp);
    if (!clean)
        fail_msg("no window of %d refreshes without heap growth and allocations (last: "
                 "heap %+ld bytes, %lu allocator calls, %lu in qsort)", MEASURED, w.heap_bytes,
                 w.own_allocs, w.sort_allocs);
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
