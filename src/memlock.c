/* SPDX-License-Identifier: GPL-2.0-or-later
 * memlock.c - mlockall where it cannot hurt.
 */
#include "config.h"

#include "memlock.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The effective capability set, asked of the kernel (no libcap needed). */
static bool has_cap_ipc_lock(void)
{
    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct d[2];

    if (syscall(SYS_capget, &h, d) != 0)
        return false;
    return (d[CAP_IPC_LOCK / 32].effective & (1u << (CAP_IPC_LOCK % 32))) != 0;
}

int memlock_self(char *note, size_t len)
{
    struct rlimit rl;
    bool unlimited = getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY;

    if (!unlimited && !has_cap_ipc_lock()) {
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
