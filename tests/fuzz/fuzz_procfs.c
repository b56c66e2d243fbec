/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_procfs.c - every parser of /proc text (procfs.h: status, statm,
 * stat, meminfo, vmstat, pressure, uptime, loadavg, integers; procid.h:
 * the stat line of the actions) on the same arbitrary text. A comm taken
 * from any of them must come out terminal-safe.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
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

/* The integer parser against strtoll on the same text: the same value,
 * and a refusal exactly where strtoll reads nothing or overflows. */
static void parse_integer(const char *text)
{
    char *end;
    long long got = 0;

    errno = 0;
    long long want = strtoll(text, &end, 10);
    bool ok = end != text && errno == 0;
    int rc = procfs_parse_ll(text, &got);
    fuzz_check(rc == (ok ? 0 : -1), "procfs_parse_ll: accepts what strtoll refuses, or not");
    fuzz_check(!ok || got == want, "procfs_parse_ll: another value than strtoll");
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
    parse_integer(text);
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
