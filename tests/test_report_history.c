/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_report_history.c - the OOM history of kernel log fixtures as JSON
 * Lines (every field, null where that kernel logged nothing) and as the
 * batch text table.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmsg.h"
#include "oomlog.h"
#include "report_history.h"

/* Every record of a kmsg fixture fed to `log`, booted at 1700000000. */
static void feed_fixture(OomLog *log, const char *name)
{
    char path[512], line[16384];
    snprintf(path, sizeof path, "%s/kmsg/%s", FIXTURE_DIR, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        KmsgRecord rec;
        if (line[0] != ' ' && kmsg_parse_record(line, strlen(line), &rec) == 0)
            oomlog_feed(log, &rec, 1700000000.0);
    }
    fclose(f);
}

static char *history(bool json, const OomLog *log, long long vmstat_kills)
{
    static char *buf;   /* static: the stream's pointer outlives this call */
    static size_t len;
    buf = NULL;
    FILE *f = open_memstream(&buf, &len);
    if (json)
        report_oom_history_json(f, log);
    else
        report_oom_history_text(f, log, vmstat_kills, 0);
    fclose(f);
    return buf;
}

static void test_history_json(void **state)
{
    (void)state;
    OomLog *log = oomlog_new(0);
    feed_fixture(log, "memcg_v1_6.18.kmsg");   /* a v1 memcg kill, then a refusal */
    feed_fixture(log, "old_2.6.32.kmsg");      /* a kernel that logged much less */
    assert_int_equal(oomlog_count(log), 3);
    char *out = history(true, log, 0);
    char *second = strchr(out, '\n') + 1, *third = strchr(second, '\n') + 1;
    /* one object per event per line, every field of the kernel's line */
    assert_true(strncmp(out, "{\"kind\":\"kill\",\"time\":1700000445,\"boot_usec\":445692830,"
                             "\"pid\":5669,\"command\":\"oomtop-eat\",\"uid\":0,"
                             "\"total_vm_kb\":35372,\"anon_rss_kb\":32640,\"file_rss_kb\":852,"
                             "\"shmem_rss_kb\":0,\"pgtables_kb\":112,\"oom_score_adj\":1000,"
                             "\"score\":null,\"constraint\":\"memcg\",\"cgroup\":\"/oomtop-probe\","
                             "\"oom_memcg\":\"/oomtop-probe\",\"invoked_by\":\"oomtop-eat\","
                             "\"invoked_by_pid\":5669,\"order\":0,\"reaped\":false,\"bytes\":null}\n",
                        (size_t)(second - out)) == 0);
    /* a refusal: its request, and null for everything only a kill has */
    assert_true(strncmp(second, "{\"kind\":\"refusal\",\"time\":1700000992,"
                                "\"boot_usec\":992341338,\"pid\":15587,\"command\":\"python3\","
                                "\"uid\":null,\"total_vm_kb\":null,\"anon_rss_kb\":null,"
                                "\"file_rss_kb\":null,\"shmem_rss_kb\":null,\"pgtables_kb\":null,"
                                "\"oom_score_adj\":null,\"score\":null,\"constraint\":null,"
                                "\"cgroup\":null,\"oom_memcg\":null,\"invoked_by\":null,"
                                "\"invoked_by_pid\":null,\"order\":null,\"reaped\":null,"
                                "\"bytes\":42949672960}\n", (size_t)(third - second)) == 0);
    /* 2.6.32: no uid, shmem, pgtables or adj in its kill line: null, not 0 */
    assert_non_null(strstr(third, "\"pid\":3011,\"command\":\"httpd\",\"uid\":null,"
                                  "\"total_vm_kb\":1047760,\"anon_rss_kb\":1021084,"
                                  "\"file_rss_kb\":132,\"shmem_rss_kb\":null,"
                                  "\"pgtables_kb\":null,\"oom_score_adj\":null,\"score\":261940,"
                                  "\"constraint\":\"system\",\"cgroup\":null,"));
    assert_non_null(strstr(third, "\"invoked_by\":\"httpd\","));
    free(out);

    /* the text table: heading with the vmstat count, a row per event */
    out = history(false, log, 9);
    assert_non_null(strstr(out, "OOM history: 2 kills, 1 refusal in the kernel log; vmstat: 9 "
                                "since boot (older kills have left the kernel's ring buffer)\n"));
    assert_non_null(strstr(out, "   5669 oomtop-eat      memcg        32640      852        0"
                                "     35372  1000      0 oomtop-eat      /oomtop-probe\n"));
    assert_non_null(strstr(out, "  15587 python3         refused          -        -        -"
                                "         -     -      - -               commit of 40.0 GiB "
                                "refused (__vm_enough_memory)\n"));
    free(out);
    oomlog_free(log);

    /* an empty log: the heading alone, JSON prints nothing */
    log = oomlog_new(0);
    out = history(true, log, 0);
    assert_string_equal(out, "");
    free(out);
    out = history(false, log, VALUE_MISSING);
    assert_true(strncmp(out, "OOM history: 0 kills, 0 refusals in the kernel log\n", 51) == 0);
    free(out);
    oomlog_free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
