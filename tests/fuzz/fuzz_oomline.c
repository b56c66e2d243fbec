/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_oomline.c - one kernel log line of an OOM report (oomlog_line.h),
 * as oomlog_feed() hands it over: NUL-terminated, at most OOMLINE_MAX
 * bytes. A parsed line's numbers stay in their ranges, and the strings,
 * once unescaped and sanitised, are terminal-safe.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "oomlog_line.h"

static void check_text(const char *raw)
{
    char out[PROC_COMM_MAX], small[5];

    oomline_text(out, sizeof out, raw);
    fuzz_check(fuzz_terminal_safe(out), "oomline_text: not sanitised");
    oomline_text(small, sizeof small, raw);
    fuzz_check(memchr(small, '\0', sizeof small) != NULL, "oomline_text: overflow");
    char *dup = oomline_strdup(raw);
    fuzz_check(!dup || fuzz_terminal_safe(dup), "oomline_strdup: not sanitised");
    free(dup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    OomLine l;

    if (size > OOMLINE_MAX)
        return 0;
    char *line = fuzz_strdup(data, size);
    int r = oomline_parse(line, &l);
    fuzz_check(r == 0 || r == -1, "oomline_parse: result");
    fuzz_check(r == 0 || l.kind == OOM_LINE_NONE, "oomline_parse: failed line kept a kind");
    fuzz_check(l.kind >= OOM_LINE_NONE && l.kind <= OOM_LINE_REFUSAL, "oomline_parse: kind");
    fuzz_check(l.pid >= 0, "oomline_parse: negative pid");
    fuzz_check(!l.has_adj || (l.adj >= -1000 && l.adj <= 1000), "oomline_parse: adj range");
    fuzz_check(l.order >= -1 && l.order <= 64, "oomline_parse: order range");
    fuzz_check(memchr(l.comm, '\0', sizeof l.comm) && memchr(l.cgroup, '\0', sizeof l.cgroup) &&
               memchr(l.oom_memcg, '\0', sizeof l.oom_memcg), "oomline_parse: unterminated field");
    fuzz_check(!l.cgroup[0] || l.cgroup[0] == '/', "oomline_parse: cgroup not a path");
    check_text(l.comm);
    check_text(l.cgroup);
    check_text(line);
    free(line);
    return 0;
}
