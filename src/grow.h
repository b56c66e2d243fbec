/* SPDX-License-Identifier: GPL-2.0-or-later
 * grow.h - the one grow-only array helper: arrays that are kept between
 * refreshes and only ever get bigger, so that a warm refresh asks the
 * allocator for nothing.
 */
#ifndef OOMTOP_GROW_H
#define OOMTOP_GROW_H

#include <stddef.h>

/* Makes *array (of *cap elements of `size` bytes) hold at least `need`
 * elements, doubling from `first`. Returns 0, or -1 with the array
 * unchanged when memory is short. */
int grow_array(void *array, size_t *cap, size_t need, size_t size, size_t first);

#endif
