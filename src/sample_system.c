/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample_system.c - system figures of one refresh (a handful of small files).
 */
#include "config.h"

#include "sample_system.h"

#include <string.h>
#include <time.h>

#include "procfs.h"

static long long read_sysctl(int proc_fd, const char *path)
{
    long long v;
    return procfs_read_ll(proc_fd, path, &v) == 0 ? v : VALUE_MISSING;
}

static void read_meminfo_vmstat(int proc_fd, SysinfoProc2 *si, char *buf,
                                size_t buflen, Snapshot *snap)
{
    if (si) {
        sysinfo_proc2_meminfo(si, &snap->mem);
        sysinfo_proc2_vmstat(si, &snap->vmstat);
        return;
    }
    /* A proc tree other than the live one (tests): libproc2 cannot read it. */
    if (procfs_read_at(proc_fd, "meminfo", buf, buflen) < 0)
        buf[0] = '\0';
    procfs_parse_meminfo(buf, &snap->mem);
    if (procfs_read_at(proc_fd, "vmstat", buf, buflen) < 0)
        buf[0] = '\0';
    procfs_parse_vmstat(buf, &snap->vmstat);
}

void sample_system(int proc_fd, SysinfoProc2 *si, char *buf, size_t buflen,
                   Snapshot *snap)
{
    VmPolicy *pol = &snap->policy;

    snap->wall_time = time(NULL);
    read_meminfo_vmstat(proc_fd, si, buf, buflen, snap);
    pol->overcommit_memory = read_sysctl(proc_fd, "sys/vm/overcommit_memory");
    pol->overcommit_ratio = read_sysctl(proc_fd, "sys/vm/overcommit_ratio");
    pol->overcommit_kbytes = read_sysctl(proc_fd, "sys/vm/overcommit_kbytes");
    pol->admin_reserve_kbytes = read_sysctl(proc_fd, "sys/vm/admin_reserve_kbytes");
    pol->user_reserve_kbytes = read_sysctl(proc_fd, "sys/vm/user_reserve_kbytes");

    if (procfs_read_at(proc_fd, "pressure/memory", buf, buflen) < 0
        || !procfs_parse_pressure(buf, &snap->pressure))
        memset(&snap->pressure, 0, sizeof snap->pressure);
    snap->uptime_s = 0;
    if (procfs_read_at(proc_fd, "uptime", buf, buflen) >= 0)
        procfs_parse_uptime(buf, &snap->uptime_s);
    memset(snap->loadavg, 0, sizeof snap->loadavg);
    if (procfs_read_at(proc_fd, "loadavg", buf, buflen) >= 0)
        procfs_parse_loadavg(buf, snap->loadavg);
}
