/* SPDX-License-Identifier: GPL-2.0-or-later
 * sort.h - an in-place sort that never asks the allocator for anything
 * (glibc's qsort takes a temporary buffer for arrays over 1 KiB on every
 * call, and oomtop sorts on every refresh, when memory may be short).
 * Not stable: callers compare by a total order (they end on the pid).
 */
#ifndef OOMTOP_SORT_H
#define OOMTOP_SORT_H

#include <stddef.h>

typedef int (*SortCmpArg)(const void *a, const void *b, void *arg);
typedef int (*SortCmp)(const void *a, const void *b);

/* Heapsort of n elements of `size` bytes, like qsort_r. */
void sort_r(void *base, size_t n, size_t size, SortCmpArg cmp, void *arg);

/* The same with a comparison that takes no argument, like qsort. */
void sort_plain(void *base, size_t n, size_t size, SortCmp cmp);

#endif
