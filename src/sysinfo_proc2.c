/* SPDX-License-Identifier: GPL-2.0-or-later
 * sysinfo_proc2.c - MemInfo and VmStat from libproc2's meminfo and vmstat
 * APIs. One procps_*_select() per refresh re-reads each file once.
 */
#include "config.h"

#include "sysinfo_proc2.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libproc2/meminfo.h>
#include <libproc2/vmstat.h>

struct SysinfoProc2 {
    struct meminfo_info *mem;
    struct vmstat_info *vm;
};

/* Order matches the MemInfo fields filled in sysinfo_proc2_meminfo(). */
static enum meminfo_item mem_items[] = {
    MEMINFO_MEM_TOTAL, MEMINFO_MEM_FREE, MEMINFO_MEM_AVAILABLE,
    MEMINFO_MEM_BUFFERS, MEMINFO_MEM_CACHED, MEMINFO_SWAP_TOTAL,
    MEMINFO_SWAP_FREE, MEMINFO_MEM_SHARED, MEMINFO_MEM_HUGETBL,
    MEMINFO_MEM_COMMITTED_AS, MEMINFO_MEM_COMMIT_LIMIT,
};
#define N_MEM_ITEMS ((int)(sizeof mem_items / sizeof *mem_items))

static enum vmstat_item vm_items[] = {
    VMSTAT_OOM_KILL, VMSTAT_PSWPIN, VMSTAT_PSWPOUT, VMSTAT_PGMAJFAULT,
};
#define N_VM_ITEMS ((int)(sizeof vm_items / sizeof *vm_items))

SysinfoProc2 *sysinfo_proc2_open(char *err, size_t errlen)
{
    SysinfoProc2 *si = calloc(1, sizeof *si);
    int rc;

    if (!si) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if ((rc = procps_meminfo_new(&si->mem)) < 0) {
        snprintf(err, errlen, "cannot read /proc/meminfo: %s", strerror(-rc));
        sysinfo_proc2_close(si);
        return NULL;
    }
    if ((rc = procps_vmstat_new(&si->vm)) < 0) {
        snprintf(err, errlen, "cannot read /proc/vmstat: %s", strerror(-rc));
        sysinfo_proc2_close(si);
        return NULL;
    }
    return si;
}

int sysinfo_proc2_meminfo(SysinfoProc2 *si, MemInfo *mem)
{
    long long *dst[N_MEM_ITEMS] = {
        &mem->mem_total_kb, &mem->mem_free_kb, &mem->mem_available_kb,
        &mem->buffers_kb, &mem->cached_kb, &mem->swap_total_kb,
        &mem->swap_free_kb, &mem->shmem_kb, &mem->hugetlb_kb,
        &mem->committed_as_kb, &mem->commit_limit_kb,
    };
    struct meminfo_stack *st = procps_meminfo_select(si->mem, mem_items,
                                                     N_MEM_ITEMS);

    for (int i = 0; i < N_MEM_ITEMS; i++)
        *dst[i] = st ? (long long)MEMINFO_VAL(i, ul_int, st, si->mem)
                     : VALUE_MISSING;
    return st ? 0 : -1;
}

int sysinfo_proc2_vmstat(SysinfoProc2 *si, VmStat *vm)
{
    long long *dst[N_VM_ITEMS] = {
        &vm->oom_kill, &vm->pswpin, &vm->pswpout, &vm->pgmajfault,
    };
    struct vmstat_stack *st = procps_vmstat_select(si->vm, vm_items,
                                                   N_VM_ITEMS);

    for (int i = 0; i < N_VM_ITEMS; i++)
        *dst[i] = st ? (long long)VMSTAT_VAL(i, ul_int, st, si->vm)
                     : VALUE_MISSING;
    return st ? 0 : -1;
}

void sysinfo_proc2_close(SysinfoProc2 *si)
{
    if (!si)
        return;
    if (si->mem)
        procps_meminfo_unref(&si->mem);
    if (si->vm)
        procps_vmstat_unref(&si->vm);
    free(si);
}
