/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_kmsg.c - the kernel log path as kmsg_poll() drives it on a saved
 * log: records one per line (dictionary lines skipped), kmsg_parse_record,
 * a gap whenever the sequence number jumps, oomlog_feed into a small ring
 * so that old events are dropped. Every string of every event must come
 * out terminal-safe, and the counters must agree with each other.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kmsg.h"
#include "oomlog.h"

#define RING 4

static void check_event(const OomEvent *e)
{
    fuzz_check(e != NULL, "oomlog_event: NULL inside the count");
    fuzz_check(e->kind == OOM_EVENT_KILL || e->kind == OOM_EVENT_REFUSAL, "event kind");
    fuzz_check(memchr(e->command, '\0', sizeof e->command) != NULL, "command unterminated");
    fuzz_check(fuzz_terminal_safe(e->command), "event command not sanitised");
    fuzz_check(memchr(e->invoked_by, '\0', sizeof e->invoked_by) != NULL, "invoked_by unterminated");
    fuzz_check(fuzz_terminal_safe(e->invoked_by), "event invoked_by not sanitised");
    fuzz_check(!e->cgroup || fuzz_terminal_safe(e->cgroup), "event cgroup not sanitised");
    fuzz_check(!e->oom_memcg || fuzz_terminal_safe(e->oom_memcg), "event oom_memcg not sanitised");
    fuzz_check(e->pid >= 0, "event pid negative");
    fuzz_check(!e->has_oom_score_adj || (e->oom_score_adj >= -1000 && e->oom_score_adj <= 1000),
               "event oom_score_adj out of range");
    oomlog_constraint_name(e->constraint);
}

/* One line of the input as one record, as kmsg.c reads a saved log. */
static void feed_line(OomLog *log, const char *line, size_t len, unsigned long long *next_seq,
                      bool *have_seq)
{
    KmsgRecord rec;

    if (len > 0 && line[0] == ' ')
        return;
    if (kmsg_parse_record(line, len, &rec) != 0)
        return;
    fuzz_check(rec.text >= line && rec.text + rec.text_len <= line + len,
               "kmsg_parse_record: text outside the record");
    fuzz_check(memchr(rec.text, '\n', rec.text_len) == NULL, "kmsg_parse_record: newline in text");
    if (*have_seq && rec.seq != *next_seq)
        oomlog_gap(log);
    *next_seq = rec.seq + 1;
    *have_seq = true;
    oomlog_feed(log, &rec, 1.7e9);
    kmsg_wall_time(1.7e9, rec.usec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data, *end = in + size;
    OomLog *log = oomlog_new(RING);
    unsigned long long next_seq = 0;
    bool have_seq = false;

    fuzz_check(log != NULL, "oomlog_new failed");
    for (const char *p = in; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        /* A private copy of exactly one record: reads past it are caught. */
        char *rec = malloc(len ? len : 1);
        fuzz_check(rec != NULL, "out of memory");
        memcpy(rec, p, len);
        feed_line(log, rec, len, &next_seq, &have_seq);
        free(rec);
        if (p == in)
            oomlog_mark_live(log);
        p += len;
    }
    size_t n = oomlog_count(log);
    fuzz_check(n <= RING, "oomlog: more events than the ring holds");
    fuzz_check(oomlog_added(log) == n + oomlog_dropped(log), "oomlog: added != held + dropped");
    fuzz_check(oomlog_live_kills(log) <= oomlog_added(log), "oomlog: more live kills than events");
    for (size_t i = 0; i < n; i++)
        check_event(oomlog_event(log, i));
    fuzz_check(oomlog_event(log, n) == NULL, "oomlog_event: past the end is not NULL");
    oomlog_free(log);
    return 0;
}
