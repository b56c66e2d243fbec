/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_oomlog.c - kernel log records of several kernel generations (real
 * /dev/kmsg format, tests/fixtures/kmsg/) parsed into OOM events, and
 * malformed, truncated and hostile lines that must yield nothing invented.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmsg.h"
#include "oomlog.h"

#define BOOT_WALL 1700000000.0
#define NA VALUE_MISSING

/* Feeds every record of a fixture file (dictionary lines skipped). */
static OomLog *load(const char *name, size_t max_events)
{
    char path[512], line[16384];
    OomLog *log = oomlog_new(max_events);
    FILE *f;

    snprintf(path, sizeof(path), "%s/kmsg/%s", FIXTURE_DIR, name);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(log);
    while (fgets(line, sizeof(line), f)) {
        KmsgRecord rec;
        if (line[0] == ' ' || kmsg_parse_record(line, strlen(line), &rec) != 0)
            continue;
        oomlog_feed(log, &rec, BOOT_WALL);
    }
    fclose(f);
    return log;
}

typedef struct Expect {
    const char *file;
    size_t index;
    enum OomEventKind kind;
    pid_t pid;
    const char *command;
    long long uid, total_vm, anon, file_rss, shmem, pgtables;
    bool has_adj;
    int adj;
    long long score;
    enum OomConstraint constraint;
    const char *cgroup, *oom_memcg, *invoked_by;
    pid_t invoked_pid;
    int order;
    bool reaped, allocating;
    long long bytes;
    time_t time;
} Expect;

static const Expect expects[] = {
    /* Captured on this project's build machine, kernel 6.18, v1 memcg OOM. */
    { "memcg_v1_6.18.kmsg", 0, OOM_EVENT_KILL, 5669, "oomtop-eat", 0, 35372, 32640, 852, 0, 112,
      true, 1000, NA, OOM_CONSTRAINT_MEMCG, "/oomtop-probe", "/oomtop-probe", "oomtop-eat",
      5669, 0, false, false, NA, 1700000445 },
    { "memcg_v1_6.18.kmsg", 1, OOM_EVENT_REFUSAL, 15587, "python3", NA, NA, NA, NA, NA, NA,
      false, 0, NA, OOM_CONSTRAINT_UNKNOWN, NULL, NULL, "", 0, -1, false, false, 42949672960LL,
      1700000992 },
    /* 5.4+: one line with UID, pgtables, oom_score_adj; summary; reaper. */
    { "global_5.10.kmsg", 0, OOM_EVENT_KILL, 1932, "mysqld", 999, 1867272, 452196, 8, 0, 1292,
      true, 0, NA, OOM_CONSTRAINT_GLOBAL, "/system.slice/mysql.service", NULL, "mysqld", 1932, 0,
      true, false, NA, 1700008812 },
    /* 4.5-4.18: "Kill process ... score" + "Killed process" with shmem-rss. */
    { "global_4.14_twoline.kmsg", 0, OOM_EVENT_KILL, 2291, "java", NA, 4938268, 3995508, 0, 0, NA,
      false, 0, 912, OOM_CONSTRAINT_SYSTEM, NULL, NULL, "java", 2300, 0, true, false, NA,
      1700003300 },
    /* A child sacrificed: the parent's score is not the victim's. */
    { "sacrifice_child_3.10.kmsg", 0, OOM_EVENT_KILL, 1510, "cc1plus", NA, 2101788, 1900120, 1024,
      NA, NA, false, 0, NA, OOM_CONSTRAINT_SYSTEM, NULL, NULL, "bash", 1499, 0, false, false, NA,
      1700000700 },
    /* Pre-4.19 memcg: "Task in X killed as a result of limit of Y". */
    { "memcg_4.4_taskin.kmsg", 0, OOM_EVENT_KILL, 900, "node", NA, 1320044, 518900, 12044, 0, NA,
      false, 0, 1997, OOM_CONSTRAINT_MEMCG, "/docker/abc123", "/docker/abc123", "node", 901, 0,
      false, false, NA, 1700099000 },
    /* 4.19-5.0: summary line, then two-line kill; uid from the summary. */
    { "summary_4.19_twoline.kmsg", 0, OOM_EVENT_KILL, 778, "stress", 0, 266180, 261728, 268, 0, NA,
      false, 0, 1950, OOM_CONSTRAINT_MEMCG, "/test/leaf", "/test", "stress", 777, 0, false, false,
      NA, 1700000050 },
    /* 5.1-5.2: one line without UID; cpuset constraint; tainted banner. */
    { "nouid_5.1.kmsg", 0, OOM_EVENT_KILL, 812, "stress", 1001, 1054292, 1048832, 4, 0, NA,
      false, 0, NA, OOM_CONSTRAINT_CPUSET, "/", NULL, "stress", 812, 0, false, false, NA,
      1700000060 },
    { "allocating_task.kmsg", 0, OOM_EVENT_KILL, 4242, "dd", 1000, 6412, 1024, 1800, 128, 52,
      true, -17, NA, OOM_CONSTRAINT_GLOBAL, "/user.slice/user-1000.slice/session-3.scope", NULL,
      "dd", 0, 0, false, true, NA, 1700000070 },
    /* 2.6.32: "kill process ... or a child", "vsz:", "Pid: N, comm:" banner. */
    { "old_2.6.32.kmsg", 0, OOM_EVENT_KILL, 3011, "httpd", NA, 1047760, 1021084, 132, NA, NA,
      false, 0, 261940, OOM_CONSTRAINT_SYSTEM, NULL, NULL, "httpd", 3011, 0, false, false, NA,
      1700000012 },
    /* 6.1-6.8 without bytes; a comm with ", " in it. */
    { "refusal_6.1.kmsg", 0, OOM_EVENT_REFUSAL, 3120, "postgres", NA, NA, NA, NA, NA, NA,
      false, 0, NA, OOM_CONSTRAINT_UNKNOWN, NULL, NULL, "", 0, -1, false, false, NA, 1700000005 },
    { "refusal_6.1.kmsg", 1, OOM_EVENT_REFUSAL, 3121, "a, b c", NA, NA, NA, NA, NA, NA,
      false, 0, NA, OOM_CONSTRAINT_UNKNOWN, NULL, NULL, "", 0, -1, false, false, 4096,
      1700000006 },
    /* Hostile: the comm runs to the last ')' of the line. */
    { "hostile.kmsg", 0, OOM_EVENT_KILL, 31337, "a) b) total-vm:99kB, anon-rss:1kB", 0, 2048, 1024,
      0, 0, 8, true, 0, NA, OOM_CONSTRAINT_SYSTEM, NULL, NULL, "", 0, -1, false, false, NA,
      1700000000 },
    /* Escaped control bytes come back as '?', never as raw bytes. */
    { "hostile.kmsg", 1, OOM_EVENT_KILL, 4000, "?[31mevil?", 0, 100, 50, 0, 0, 4, true, 1000, NA,
      OOM_CONSTRAINT_SYSTEM, NULL, NULL, "", 0, -1, false, false, NA, 1700000000 },
    /* UTF-8 is kept, a bidi override is not. */
    { "hostile.kmsg", 2, OOM_EVENT_KILL, 4003, "caf\xc3\xa9 ?evil", 65534, 10, 5, 1, 0, 4, true,
      -1000, NA, OOM_CONSTRAINT_SYSTEM, NULL, NULL, "", 0, -1, false, false, NA, 1700000000 },
    /* Truncated mid-number: that field is missing, not 5. */
    { "hostile.kmsg", 3, OOM_EVENT_KILL, 4001, "trunc", NA, 100, NA, NA, NA, NA, false, 0, NA,
      OOM_CONSTRAINT_SYSTEM, NULL, NULL, "", 0, -1, false, false, NA, 1700000000 },
    /* A path forging summary keys: no cgroup rather than a wrong one. */
    { "hostile.kmsg", 4, OOM_EVENT_KILL, 4100, "victim", 0, 64, 32, 0, 0, 4, true, 0, NA,
      OOM_CONSTRAINT_MEMCG, NULL, NULL, "victim", 0, 0, false, false, NA, 1700000000 },
    /* A comm containing ",task=": the summary's task does not match it. */
    { "hostile.kmsg", 5, OOM_EVENT_KILL, 4200, "a,task=b", 0, 64, 32, 0, 0, 4, false, 0, NA,
      OOM_CONSTRAINT_MEMCG, NULL, "/c", "a,task=b", 0, 0, false, false, NA, 1700000000 },
    /* Out-of-range numbers are missing. */
    { "hostile.kmsg", 6, OOM_EVENT_KILL, 4500, "hugekb", NA, NA, 1, 0, 0, 4, true, 0, NA,
      OOM_CONSTRAINT_SYSTEM, NULL, NULL, "", 0, -1, false, false, NA, 1700000000 },
};

static const struct { const char *file; size_t count; } counts[] = {
    { "memcg_v1_6.18.kmsg", 2 }, { "global_5.10.kmsg", 1 }, { "global_4.14_twoline.kmsg", 1 },
    { "sacrifice_child_3.10.kmsg", 1 }, { "memcg_4.4_taskin.kmsg", 1 },
    { "summary_4.19_twoline.kmsg", 1 }, { "nouid_5.1.kmsg", 1 }, { "allocating_task.kmsg", 1 },
    { "old_2.6.32.kmsg", 1 }, { "refusal_6.1.kmsg", 2 }, { "hostile.kmsg", 7 },
};

static void assert_str_or_null(const char *got, const char *want, const char *what)
{
    if (!want) {
        if (got)
            fail_msg("%s: expected null, got \"%s\"", what, got);
        return;
    }
    if (!got)
        fail_msg("%s: expected \"%s\", got null", what, want);
    assert_string_equal(got, want);
}

static void test_fixture_counts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        OomLog *log = load(counts[i].file, 0);
        if (oomlog_count(log) != counts[i].count)
            fail_msg("%s: %zu events, expected %zu", counts[i].file, oomlog_count(log),
                     counts[i].count);
        oomlog_free(log);
    }
}

static void check_event(const Expect *x, const OomEvent *e)
{
    assert_int_equal(e->kind, x->kind);
    assert_int_equal(e->pid, x->pid);
    assert_string_equal(e->command, x->command);
    assert_int_equal(e->uid, x->uid);
    assert_int_equal(e->total_vm_kb, x->total_vm);
    assert_int_equal(e->anon_rss_kb, x->anon);
    assert_int_equal(e->file_rss_kb, x->file_rss);
    assert_int_equal(e->shmem_rss_kb, x->shmem);
    assert_int_equal(e->pgtables_kb, x->pgtables);
    assert_int_equal(e->has_oom_score_adj, x->has_adj);
    if (x->has_adj)
        assert_int_equal(e->oom_score_adj, x->adj);
    assert_int_equal(e->score, x->score);
    assert_int_equal(e->constraint, x->constraint);
    assert_str_or_null(e->cgroup, x->cgroup, "cgroup");
    assert_str_or_null(e->oom_memcg, x->oom_memcg, "oom_memcg");
    assert_string_equal(e->invoked_by, x->invoked_by);
    assert_int_equal(e->invoked_by_pid, x->invoked_pid);
    assert_int_equal(e->order, x->order);
    assert_int_equal(e->reaped, x->reaped);
    assert_int_equal(e->allocating_task, x->allocating);
    assert_int_equal(e->bytes, x->bytes);
    assert_int_equal(e->time, x->time);
}

static void test_fixture_events(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(expects) / sizeof(expects[0]); i++) {
        const Expect *x = &expects[i];
        OomLog *log = load(x->file, 0);
        const OomEvent *e = oomlog_event(log, x->index);
        print_message("%s #%zu\n", x->file, x->index);
        assert_non_null(e);
        check_event(x, e);
        oomlog_free(log);
    }
}

/* Feeds one kernel line with a given timestamp. */
static void feed(OomLog *log, unsigned long long seq, unsigned long long usec, const char *text)
{
    KmsgRecord rec = { .facility = 0, .level = 3, .seq = seq, .usec = usec,
                       .text = text, .text_len = strlen(text) };
    oomlog_feed(log, &rec, BOOT_WALL);
}

static const char invoked[] = "app invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=2, oom_score_adj=0";
static const char summary[] = "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,"
                              "mems_allowed=0,oom_memcg=/a,task_memcg=/a/b,task=app,pid=10,uid=5";
static const char killed[] = "Memory cgroup out of memory: Killed process 10 (app) total-vm:8kB, "
                             "anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:5 pgtables:4kB oom_score_adj:0";

static void test_stale_report_not_joined(void **state)
{
    OomLog *log = oomlog_new(0);
    (void)state;
    feed(log, 1, 1000000, invoked);
    feed(log, 2, 1000100, summary);
    feed(log, 3, 1000000 + 31000000ULL, killed);   /* 31 s later: another story */
    assert_int_equal(oomlog_count(log), 1);
    const OomEvent *e = oomlog_event(log, 0);
    assert_string_equal(e->invoked_by, "");
    assert_null(e->cgroup);
    assert_int_equal(e->constraint, OOM_CONSTRAINT_MEMCG);  /* from the kill line itself */
    assert_int_equal(e->order, -1);
    oomlog_free(log);
}

static void test_gap_forgets_report(void **state)
{
    OomLog *log = oomlog_new(0);
    (void)state;
    feed(log, 1, 1000, invoked);
    feed(log, 2, 1100, summary);
    oomlog_gap(log);
    feed(log, 9, 1200, killed);
    const OomEvent *e = oomlog_event(log, 0);
    assert_non_null(e);
    assert_string_equal(e->invoked_by, "");
    assert_null(e->cgroup);
    oomlog_free(log);
}

static void test_report_joined_once(void **state)
{
    OomLog *log = oomlog_new(0);
    (void)state;
    feed(log, 1, 1000, invoked);
    feed(log, 2, 1100, summary);
    feed(log, 3, 1200, killed);
    feed(log, 4, 1300, killed);     /* a second kill line has no report of its own */
    assert_int_equal(oomlog_count(log), 2);
    assert_string_equal(oomlog_event(log, 0)->cgroup, "/a/b");
    assert_string_equal(oomlog_event(log, 0)->oom_memcg, "/a");
    assert_int_equal(oomlog_event(log, 0)->order, 2);
    assert_null(oomlog_event(log, 1)->cgroup);
    assert_string_equal(oomlog_event(log, 1)->invoked_by, "");
    oomlog_free(log);
}

static void test_userspace_cannot_forge(void **state)
{
    OomLog *log = oomlog_new(0);
    KmsgRecord rec = { .facility = 1, .seq = 1, .usec = 5, .text = killed, .text_len = strlen(killed) };
    (void)state;
    oomlog_feed(log, &rec, BOOT_WALL);
    assert_int_equal(oomlog_count(log), 0);
    oomlog_free(log);
}

static void test_nul_inside_text_ignored(void **state)
{
    static const char text[] = "Out of memory: Killed process 5 (a\0b) total-vm:1kB";
    KmsgRecord rec = { .seq = 1, .text = text, .text_len = sizeof(text) - 1 };
    OomLog *log = oomlog_new(0);
    (void)state;
    oomlog_feed(log, &rec, BOOT_WALL);
    assert_int_equal(oomlog_count(log), 0);
    oomlog_feed(log, NULL, BOOT_WALL);
    rec.text = NULL;
    oomlog_feed(log, &rec, BOOT_WALL);
    assert_int_equal(oomlog_count(log), 0);
    oomlog_free(log);
}

static void test_ring_drops_oldest(void **state)
{
    OomLog *log = oomlog_new(3);
    char line[128];
    (void)state;
    for (int i = 1; i <= 5; i++) {
        snprintf(line, sizeof(line), "Out of memory: Killed process %d (p%d) total-vm:%dkB", 100 + i, i, i);
        feed(log, (unsigned)i, (unsigned)i * 1000, line);
    }
    assert_int_equal(oomlog_count(log), 3);
    assert_int_equal(oomlog_dropped(log), 2);
    assert_int_equal(oomlog_added(log), 5);
    assert_int_equal(oomlog_event(log, 0)->pid, 103);
    assert_int_equal(oomlog_event(log, 2)->pid, 105);
    assert_string_equal(oomlog_event(log, 2)->command, "p5");
    assert_null(oomlog_event(log, 3));
    oomlog_free(log);
}

static void test_live_kills_counted(void **state)
{
    OomLog *log = oomlog_new(0);
    (void)state;
    feed(log, 1, 1000, killed);
    oomlog_mark_live(log);
    assert_int_equal(oomlog_live_kills(log), 0);
    feed(log, 2, 2000, "__vm_enough_memory: pid: 7, comm: x, bytes: 1 not enough memory for the allocation");
    feed(log, 3, 3000, killed);
    assert_int_equal(oomlog_live_kills(log), 1);
    assert_false(oomlog_event(log, 0)->live);
    assert_true(oomlog_event(log, 1)->live);
    assert_true(oomlog_event(log, 2)->live);
    oomlog_free(log);
}

static void test_constraint_names(void **state)
{
    (void)state;
    assert_string_equal(oomlog_constraint_name(OOM_CONSTRAINT_GLOBAL), "global");
    assert_string_equal(oomlog_constraint_name(OOM_CONSTRAINT_MEMCG), "memcg");
    assert_string_equal(oomlog_constraint_name(OOM_CONSTRAINT_CPUSET), "cpuset");
    assert_string_equal(oomlog_constraint_name(OOM_CONSTRAINT_MEMPOLICY), "mempolicy");
    assert_string_equal(oomlog_constraint_name(OOM_CONSTRAINT_SYSTEM), "system");
    assert_null(oomlog_constraint_name(OOM_CONSTRAINT_UNKNOWN));
}

static void test_record_prefix(void **state)
{
    static const struct {
        const char *in;
        int ret, facility, level;
        unsigned long long seq, usec;
        bool cont;
        const char *text;
    } cases[] = {
        { "6,339,487514,-;process_api (1): drop_caches: 10\n", 0, 0, 6, 339, 487514, false,
          "process_api (1): drop_caches: 10" },
        { "5,282,432044,-;virtio_blk virtio1: queues\n SUBSYSTEM=virtio\n DEVICE=+virtio:virtio1\n",
          0, 0, 5, 282, 432044, false, "virtio_blk virtio1: queues" },
        { "4,10,20,c,caller=T12;frag", 0, 0, 4, 10, 20, true, "frag" },
        { "14,1,2,-;from user space", 0, 1, 6, 1, 2, false, "from user space" },
        { "3,1,2,-;", 0, 0, 3, 1, 2, false, "" },
        { "3,1,2,-", -1, 0, 0, 0, 0, false, NULL },
        { "3,1,-;x", -1, 0, 0, 0, 0, false, NULL },
        { ",1,2,-;x", -1, 0, 0, 0, 0, false, NULL },
        { "3,1,2\n,-;x", -1, 0, 0, 0, 0, false, NULL },
        { "3,18446744073709551616,2,-;x", -1, 0, 0, 0, 0, false, NULL },
        { "65536,1,2,-;x", -1, 0, 0, 0, 0, false, NULL },
        { "", -1, 0, 0, 0, 0, false, NULL },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        KmsgRecord r;
        print_message("record %zu\n", i);
        assert_int_equal(kmsg_parse_record(cases[i].in, strlen(cases[i].in), &r), cases[i].ret);
        if (cases[i].ret)
            continue;
        assert_int_equal(r.facility, cases[i].facility);
        assert_int_equal(r.level, cases[i].level);
        assert_int_equal(r.seq, cases[i].seq);
        assert_int_equal(r.usec, cases[i].usec);
        assert_int_equal(r.continuation, cases[i].cont);
        assert_int_equal(r.text_len, strlen(cases[i].text));
        assert_memory_equal(r.text, cases[i].text, r.text_len);
    }
    /* Not NUL-terminated: the length is honoured. */
    KmsgRecord r;
    assert_int_equal(kmsg_parse_record("6,1,2,-;abcdef", 10, &r), 0);
    assert_int_equal(r.text_len, 2);
    assert_int_equal(kmsg_parse_record(NULL, 0, &r), -1);
}

static void test_wall_time(void **state)
{
    (void)state;
    assert_int_equal(kmsg_wall_time(1700000000.0, 0), 1700000000);
    assert_int_equal(kmsg_wall_time(1700000000.0, 445692830ULL), 1700000445);
    assert_int_equal(kmsg_wall_time(1700000000.6, 500000ULL), 1700000001);
}

/* One line alone in a fresh log: its event, or NULL. */
static OomLog *single(const char *text, size_t len)
{
    OomLog *log = oomlog_new(0);
    KmsgRecord rec = { .seq = 1, .usec = 1, .text = text, .text_len = len };

    oomlog_feed(log, &rec, BOOT_WALL);
    return log;
}

static void same_or_missing(long long cut, long long full)
{
    if (cut != VALUE_MISSING)
        assert_int_equal(cut, full);
}

/* Every real-format line cut at every length: never a crash, and never a
 * figure the whole line does not have. Figures ending the line without a
 * unit (UID:, oom_score_adj:) cannot be told from a cut one, so a cut
 * right after digits only checks the kB figures. */
static void test_truncated_every_length(void **state)
{
    static const char *const files[] = {
        "memcg_v1_6.18.kmsg", "global_5.10.kmsg", "global_4.14_twoline.kmsg",
        "sacrifice_child_3.10.kmsg", "memcg_4.4_taskin.kmsg", "summary_4.19_twoline.kmsg",
        "nouid_5.1.kmsg", "allocating_task.kmsg", "old_2.6.32.kmsg", "refusal_6.1.kmsg",
    };
    char path[512], line[16384];
    size_t checked = 0;
    (void)state;

    for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        snprintf(path, sizeof(path), "%s/kmsg/%s", FIXTURE_DIR, files[f]);
        FILE *fp = fopen(path, "r");
        assert_non_null(fp);
        while (fgets(line, sizeof(line), fp)) {
            KmsgRecord rec;
            if (line[0] == ' ' || kmsg_parse_record(line, strlen(line), &rec) != 0)
                continue;
            OomLog *whole = single(rec.text, rec.text_len);
            const OomEvent *w = oomlog_event(whole, 0);
            for (size_t len = 0; len < rec.text_len; len++) {
                OomLog *cut = single(rec.text, len);
                const OomEvent *c = oomlog_event(cut, 0);
                bool digit_end = len > 0 && rec.text[len - 1] >= '0' && rec.text[len - 1] <= '9';
                if (c) {
                    assert_non_null(w);
                    assert_int_equal(c->kind, w->kind);
                    assert_int_equal(c->pid, w->pid);
                    assert_string_equal(c->command, w->command);
                    same_or_missing(c->total_vm_kb, w->total_vm_kb);
                    same_or_missing(c->anon_rss_kb, w->anon_rss_kb);
                    same_or_missing(c->file_rss_kb, w->file_rss_kb);
                    same_or_missing(c->shmem_rss_kb, w->shmem_rss_kb);
                    same_or_missing(c->pgtables_kb, w->pgtables_kb);
                    if (!digit_end) {
                        same_or_missing(c->uid, w->uid);
                        same_or_missing(c->bytes, w->bytes);
                        if (c->has_oom_score_adj)
                            assert_int_equal(c->oom_score_adj, w->oom_score_adj);
                    }
                    checked++;
                }
                oomlog_free(cut);
            }
            oomlog_free(whole);
        }
        fclose(fp);
    }
    assert_true(checked > 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_prefix),
        cmocka_unit_test(test_wall_time),
        cmocka_unit_test(test_fixture_counts),
        cmocka_unit_test(test_fixture_events),
        cmocka_unit_test(test_stale_report_not_joined),
        cmocka_unit_test(test_gap_forgets_report),
        cmocka_unit_test(test_report_joined_once),
        cmocka_unit_test(test_userspace_cannot_forge),
        cmocka_unit_test(test_nul_inside_text_ignored),
        cmocka_unit_test(test_ring_drops_oldest),
        cmocka_unit_test(test_live_kills_counted),
        cmocka_unit_test(test_constraint_names),
        cmocka_unit_test(test_truncated_every_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
