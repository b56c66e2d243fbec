/* SPDX-License-Identifier: GPL-2.0-or-later
 * memlock.c - mlockall where it cannot hurt.
 */
#include "config.h"

#include "memlock.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "privops.h"

int memlock_self(char *note, size_t len)
{
    struct rlimit rl;
    bool unlimited = getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY;

    if (!unlimited && !privops_have_cap(PRIVOPS_CAP_IPC_LOCK)) {
        snprintf(note, len, "Memory not locked: needs CAP_IPC_LOCK or unlimited RLIMIT_MEMLOCK.");
        return -1;
    }
    if (mlockall(MCL_CURRENT | MCL_FUTURE) != 0) {
        snprintf(note, len, "Memory not locked: mlockall: %s.", strerror(errno));
        return -1;
    }
    snprintf(note, len, "Memory locked (mlockall): the display keeps updating under pressure.");
    return 0;
}
