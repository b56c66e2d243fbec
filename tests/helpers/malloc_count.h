/* SPDX-License-Identifier: GPL-2.0-or-later
 * malloc_count.h - counts the heap allocations of the process it is linked
 * into, by standing in for malloc/calloc/realloc/free (and qsort/qsort_r, to
 * tell their temporary buffers apart) and passing each call on to glibc.
 * Not available under AddressSanitizer, which owns malloc.
 */
#ifndef OOMTOP_MALLOC_COUNT_H
#define OOMTOP_MALLOC_COUNT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct MallocCount {
    unsigned long allocs;       /* malloc, calloc, and realloc that had to move or grow */
    unsigned long sort_allocs;  /* of those, made inside glibc's qsort or qsort_r (its
                                   temporary merge buffer, freed before it returns) */
    unsigned long frees;        /* free of a non-NULL pointer */
    size_t live_bytes;          /* in use now, as glibc counts it (mallinfo2) */
} MallocCount;

/* True when the counting stand-ins are linked in (not under ASan). */
bool malloc_count_available(void);

/* The counts so far. */
void malloc_count_get(MallocCount *c);

/* While on, the stack of every allocation is written to stderr (for
 * finding which code allocates); off by default. */
void malloc_count_trace(bool on);

#endif
