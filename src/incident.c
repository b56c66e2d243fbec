/* SPDX-License-Identifier: GPL-2.0-or-later
 * incident.c - PSI tracking, cgroups on demand and the kernel log per refresh.
 */
#include "config.h"

#include "incident.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "procfs.h"

void incident_init(Incident *in)
{
    memset(in, 0, sizeof *in);
    pressure_tracker_init(&in->pressure);
}

int incident_attach_log(Incident *in, const char *path)
{
    if (!in->log && !(in->log = oomlog_new(0))) {
        snprintf(in->kmsg_err, sizeof in->kmsg_err, "out of memory for the OOM history");
        return -1;
    }
    if (!in->kmsg && !(in->kmsg = kmsg_open(path, in->kmsg_err, sizeof in->kmsg_err)))
        return -1;
    in->kmsg_err[0] = '\0';
    return 0;
}

int incident_open_log(Incident *in, const char *path)
{
    if (incident_attach_log(in, path) != 0)
        return -1;
    return incident_poll_log(in, 0) < 0 ? -1 : 0;
}

long incident_poll_log(Incident *in, size_t max_records)
{
    if (!in->kmsg || !in->log)
        return 0;
    unsigned long long before = oomlog_added(in->log);
    if (kmsg_poll(in->kmsg, in->log, max_records) < 0) {
        snprintf(in->kmsg_err, sizeof in->kmsg_err, "%s", kmsg_error(in->kmsg));
        return -1;
    }
    return (long)(oomlog_added(in->log) - before);
}

/* The reader is opened on first use: a refresh that shows no cgroup never
 * looks at the hierarchy at all. */
static CgroupReader *reader(Incident *in)
{
    if (in->cgroups_tried)
        return in->cgroups;
    in->cgroups_tried = true;
    if (!cgroup_find_mounts("/proc", NULL, &in->mounts, in->cgroup_err, sizeof in->cgroup_err))
        return NULL;
    in->cgroups = cgroup_reader_new("/proc", &in->mounts);
    if (!in->cgroups)
        snprintf(in->cgroup_err, sizeof in->cgroup_err, "out of memory for the cgroup reader");
    return in->cgroups;
}

int incident_attach_cgroups(Incident *in, Snapshot *snap)
{
    return cgroup_attach(reader(in), snap);
}

int incident_refresh(Incident *in, Snapshot *snap, bool cgroups)
{
    pressure_track(&in->pressure, snap);
    return cgroup_attach(cgroups ? reader(in) : NULL, snap);
}

long long incident_vmstat_oom_kills(const char *proc_root)
{
    char path[256], buf[16384];
    VmStat vm;
    snprintf(path, sizeof path, "%s/vmstat", proc_root);
    if (procfs_read_at(AT_FDCWD, path, buf, sizeof buf) < 0)
        return VALUE_MISSING;
    procfs_parse_vmstat(buf, &vm);
    return vm.oom_kill;
}

void incident_free(Incident *in)
{
    cgroup_reader_free(in->cgroups);
    kmsg_close(in->kmsg);
    oomlog_free(in->log);
    in->cgroups = NULL;
    in->kmsg = NULL;
    in->log = NULL;
}
