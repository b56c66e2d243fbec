/* SPDX-License-Identifier: GPL-2.0-or-later
 * grow.c - grow-only arrays.
 */
#include "config.h"

#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int grow_array(void *array, size_t *cap, size_t need, size_t size, size_t first)
{
    void *old;
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : first;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (n > SIZE_MAX / size)
        return -1;
    memcpy(&old, array, sizeof old);
    void *p = realloc(old, n * size);
    if (!p)
        return -1;
    memcpy(array, &p, sizeof p);
    *cap = n;
    return 0;
}
