/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_procfs.c - every parser of /proc text (procfs.h: status, statm,
 * stat, meminfo, vmstat, pressure, uptime, loadavg, integers; procid.h:
 * the stat line of the actions) on the same arbitrary text. A comm taken
 * from any of them must come out terminal-safe.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "procfs.h"
#include "procid.h"

static void parse_status(const char *text)
{
    ProcSample p;

    memset(&p, 0, sizeof p);
    if (procfs_parse_status(text, &p) == 0)
        fuzz_check(fuzz_terminal_safe(p.comm), "procfs_parse_status: comm not sanitised");
    fuzz_check(memchr(p.comm, '\0', sizeof p.comm) != NULL, "procfs_parse_status: comm unterminated");
}

static void parse_system(const char *text)
{
    MemInfo mem;
    VmStat vm;
    Pressure psi;
    ProcStat st;
    double uptime, load[3];
    long long a, b, c;

    procfs_parse_meminfo(text, &mem);
    procfs_parse_vmstat(text, &vm);
    if (procfs_parse_pressure(text, &psi))
        fuzz_check(psi.available, "procfs_parse_pressure: true but not available");
    else
        fuzz_check(!psi.available, "procfs_parse_pressure: false but available");
    procfs_parse_stat(text, &st);
    procfs_parse_statm(text, &a, &b, &c);
    procfs_parse_uptime(text, &uptime);
    procfs_parse_loadavg(text, load);
    procfs_parse_ll(text, &a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_strdup(data, size);
    ProcStatLine line;

    parse_status(text);
    parse_system(text);
    /* procid_parse_stat takes a length, not a string: give it exactly the
     * input so that any read past the end is caught. */
    memset(&line, 0, sizeof line);
    if (procid_parse_stat((const char *)data, size, &line) == 0)
        fuzz_check(fuzz_terminal_safe(line.comm), "procid_parse_stat: comm not sanitised");
    free(text);
    return 0;
}
