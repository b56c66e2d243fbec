/* SPDX-License-Identifier: GPL-2.0-or-later
 * demo_probe.c - oomtop-demo's readings, through the data layer's /proc
 * readers and parsers.
 */
#include "config.h"

#include "demo_probe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"

#define TEXT_MAX 8192

static long long read_ll(const char *path)
{
    long long v;

    return procfs_read_ll(AT_FDCWD, path, &v) == 0 ? v : -1;
}

void probe_gauge(Gauge *g)
{
    char text[TEXT_MAX];
    MemInfo m;
    ProcSample p;

    *g = (Gauge){ -1, -1, -1, -1 };
    if (procfs_read_at(AT_FDCWD, "/proc/meminfo", text, sizeof text) > 0) {
        procfs_parse_meminfo(text, &m);
        g->committed_kb = m.committed_as_kb;
    }
    memset(&p, 0, sizeof p);
    if (procfs_read_at(AT_FDCWD, "/proc/self/status", text, sizeof text) > 0
        && procfs_parse_status(text, &p) == 0 && (p.flags & PROC_HAS_MM)) {
        g->virt_kb = p.vm_size_kb;
        g->res_kb = p.vm_rss_kb;
        g->shr_kb = proc_shr_kb(&p);
    }
}

long long probe_mem_available_kb(void)
{
    char text[TEXT_MAX];
    MemInfo m;

    if (procfs_read_at(AT_FDCWD, "/proc/meminfo", text, sizeof text) <= 0)
        return -1;
    procfs_parse_meminfo(text, &m);
    return m.mem_available_kb;
}

int probe_overcommit_mode(void)
{
    return (int)read_ll("/proc/sys/vm/overcommit_memory");
}

int probe_own_adj(void)
{
    return (int)read_ll("/proc/self/oom_score_adj");
}

int probe_own_score(void)
{
    return (int)read_ll("/proc/self/oom_score");
}

int probe_set_own_adj(int adj)
{
    char val[16];
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    int len = snprintf(val, sizeof val, "%d", adj);
    ssize_t n = write(fd, val, (size_t)len);
    int err = errno;
    close(fd);
    errno = err;
    return n == len ? 0 : -1;
}
