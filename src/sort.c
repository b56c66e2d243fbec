/* SPDX-License-Identifier: GPL-2.0-or-later
 * sort.c - bottom-up heapsort: O(n log n), in place, no allocation.
 */
#include "config.h"

#include "sort.h"

#include <stdint.h>
#include <string.h>

/* Word by word where it can: the arrays sorted are of pointers and of
 * small structs, and a byte loop was most of a sort's own time. */
static void swap_bytes(char *a, char *b, size_t size)
{
    for (; size >= sizeof(uint64_t); size -= sizeof(uint64_t)) {
        uint64_t x, y;
        memcpy(&x, a, sizeof x);
        memcpy(&y, b, sizeof y);
        memcpy(a, &y, sizeof y);
        memcpy(b, &x, sizeof x);
        a += sizeof x;
        b += sizeof x;
    }
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Moves base[root] down until the heap below it (up to `end`) is ordered,
 * bottom-up (Wegener): first down the path of larger children to a leaf,
 * one comparison a level, then back up to where base[root] belongs, which
 * is near the leaf for most elements. About half the comparisons of the
 * classic sift, and the comparisons (of table rows, by column) are most of
 * a sort's time. */
static void sift_down(char *base, size_t root, size_t end, size_t size, SortCmpArg cmp,
                      void *arg)
{
    size_t j = root;

    while (2 * j + 2 < end)
        j = cmp(base + (2 * j + 1) * size, base + (2 * j + 2) * size, arg) < 0 ? 2 * j + 2
                                                                             : 2 * j + 1;
    if (2 * j + 1 < end)
        j = 2 * j + 1;
    while (cmp(base + root * size, base + j * size, arg) > 0)
        j = (j - 1) / 2;
    /* base[root] goes to j; each element on the path above j moves up one. */
    for (size_t p = j; p != root; p = (p - 1) / 2)
        swap_bytes(base + root * size, base + p * size, size);
}

void sort_r(void *base, size_t n, size_t size, SortCmpArg cmp, void *arg)
{
    char *b = base;
    if (n < 2)
        return;
    for (size_t i = n / 2; i-- > 0;)
        sift_down(b, i, n, size, cmp, arg);
    for (size_t end = n - 1; end > 0; end--) {
        swap_bytes(b, b + end * size, size);
        sift_down(b, 0, end, size, cmp, arg);
    }
}

typedef struct PlainCmp {
    SortCmp cmp;
} PlainCmp;

static int call_plain(const void *a, const void *b, void *arg)
{
    return ((const PlainCmp *)arg)->cmp(a, b);
}

void sort_plain(void *base, size_t n, size_t size, SortCmp cmp)
{
    PlainCmp p = { cmp };
    sort_r(base, n, size, call_plain, &p);
}
