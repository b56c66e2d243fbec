/* SPDX-License-Identifier: GPL-2.0-or-later
 * pss.c - the Pss line of smaps_rollup, for the PSS column.
 */
#include "config.h"

#include "pss.h"
#include "procfs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* smaps_rollup is about 1 KiB; Pss is its second line. */
#define ROLLUP_READ_MAX 4096

long long pss_parse_kb(const char *text, size_t len)
{
    static const char key[] = "\nPss:";
    const char *end = text + len;

    /* Every line but the first starts after a newline; the first is the
     * address range, never Pss. "Pss_Anon:" and the like do not match. */
    for (const char *p = text; p && p < end; p = memchr(p + 1, '\n', (size_t)(end - p - 1))) {
        if ((size_t)(end - p) <= sizeof key - 1 || memcmp(p, key, sizeof key - 1) != 0)
            continue;
        char num[32];
        const char *v = p + sizeof key - 1;
        size_t n = 0;
        while (v < end && *v == ' ')
            v++;
        while (v < end && *v >= '0' && *v <= '9' && n + 1 < sizeof num)
            num[n++] = *v++;
        num[n] = '\0';
        if (n == 0 || n + 1 == sizeof num)
            return VALUE_MISSING;
        return strtoll(num, NULL, 10);
    }
    return VALUE_MISSING;
}

long long pss_read_kb(int proc_fd, pid_t pid)
{
    char path[32], buf[ROLLUP_READ_MAX];

    snprintf(path, sizeof path, "%d/smaps_rollup", (int)pid);
    ssize_t n = procfs_read_at(proc_fd, path, buf, sizeof buf);
    return n > 0 ? pss_parse_kb(buf, (size_t)n) : VALUE_MISSING;
}
