/* SPDX-License-Identifier: GPL-2.0-or-later
 * malloc_count.c - the counting stand-ins of malloc_count.h. A program that
 * defines malloc, calloc, realloc and free replaces glibc's for the whole
 * process (glibc supports this); each one here counts, then calls the
 * allocator glibc exports under its __libc_ names. qsort and qsort_r are
 * stood in for too, only to know which allocations are their own.
 */
#include "config.h"

#include "malloc_count.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define MALLOC_COUNT_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MALLOC_COUNT_OFF 1
#endif
#endif

#ifdef MALLOC_COUNT_OFF

bool malloc_count_available(void)
{
    return false;
}

void malloc_count_get(MallocCount *c)
{
    memset(c, 0, sizeof *c);
}

void malloc_count_trace(bool on)
{
    (void)on;
}

#else

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);

/* The stand-ins replace glibc's symbols, so they need no prototypes of
 * ours beyond the ones <stdlib.h> gives. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void qsort_r(void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *, void *), void *arg);

static unsigned long n_allocs, n_frees, n_sort_allocs;
static bool tracing, in_trace;
static int in_sort;

static void trace(const char *what, size_t size)
{
    void *frames[16];
    char line[64];
    int n, len;

    if (!tracing || in_trace)
        return;
    in_trace = true;    /* backtrace() may allocate the first time */
    len = snprintf(line, sizeof line, "malloc_count: %s %zu bytes\n", what, size);
    if (write(STDERR_FILENO, line, (size_t)len) < 0)
        len = 0;
    n = backtrace(frames, 16);
    backtrace_symbols_fd(frames + 2, n > 2 ? n - 2 : 0, STDERR_FILENO);
    in_trace = false;
}

static void count_alloc(void)
{
    n_allocs++;
    if (in_sort)
        n_sort_allocs++;
}

void *malloc(size_t size)
{
    count_alloc();
    trace("malloc", size);
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    count_alloc();
    trace("calloc", n * size);
    return __libc_calloc(n, size);
}

/* A realloc that stays in place within the usable size is no allocation. */
void *realloc(void *p, size_t size)
{
    if (!p || size > malloc_usable_size(p)) {
        count_alloc();
        trace("realloc", size);
    }
    if (p && size == 0)
        n_frees++;
    return __libc_realloc(p, size);
}

void free(void *p)
{
    if (p)
        n_frees++;
    __libc_free(p);
}

/* glibc's qsort and qsort_r malloc a merge buffer when the array is over
 * 1 KiB; the stand-ins only mark those calls so that they are counted
 * apart, and sort with glibc's qsort_r (found once, before main). */
typedef void QsortR(void *, size_t, size_t, int (*)(const void *, const void *, void *),
                    void *);
static QsortR *libc_qsort_r;

__attribute__((constructor)) static void find_qsort_r(void)
{
    libc_qsort_r = (QsortR *)dlsym(RTLD_NEXT, "qsort_r");
}

void qsort_r(void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *, void *), void *arg)
{
    in_sort++;
    libc_qsort_r(base, n, size, cmp, arg);
    in_sort--;
}

typedef struct SortCmp {
    int (*cmp)(const void *, const void *);
} SortCmp;

static int sort_cmp(const void *a, const void *b, void *arg)
{
    return ((const SortCmp *)arg)->cmp(a, b);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    SortCmp c = { cmp };

    qsort_r(base, n, size, sort_cmp, &c);
}

bool malloc_count_available(void)
{
    return true;
}

void malloc_count_get(MallocCount *c)
{
    struct mallinfo2 mi = mallinfo2();

    c->allocs = n_allocs;
    c->sort_allocs = n_sort_allocs;
    c->frees = n_frees;
    c->live_bytes = mi.uordblks + mi.hblkhd;
}

void malloc_count_trace(bool on)
{
    if (on && !tracing) {
        void *f[1];
        in_trace = true;
        backtrace(f, 1);    /* loads libgcc now, not inside a counted call */
        in_trace = false;
    }
    tracing = on;
}

#endif
