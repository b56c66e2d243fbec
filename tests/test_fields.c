/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_fields.c - columns, sort order and the kernel's tie-breaks.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "memcg.h"
#include "proctable.h"

static ProcSample proc(pid_t pid, long long rss_kb, int oom, unsigned long long start)
{
    ProcSample p;
    memset(&p, 0, sizeof p);
    p.pid = pid;
    p.vm_rss_kb = rss_kb;
    p.vm_size_kb = rss_kb * 2;
    p.oom_score = oom;
    p.start_ticks = start;
    p.flags = PROC_HAS_MM | PROC_OOM_SCORE_OK | PROC_OOM_ADJ_OK | PROC_NICE_OK;
    snprintf(p.comm, sizeof p.comm, "p%d", (int)pid);
    snprintf(p.user, sizeof p.user, "root");
    return p;
}

static void build(ProcTable *t, ProcSample *procs, size_t n, const ProcFilter *f)
{
    Snapshot snap;
    memset(&snap, 0, sizeof snap);
    snap.procs = procs;
    snap.nprocs = n;
    assert_int_equal(proctable_build(t, &snap, f), 0);
}

static void test_default_order_is_oom_desc_newest_first_on_ties(void **state)
{
    (void)state;
    ProcSample procs[] = {
        proc(10, 1000, 700, 100),
        proc(11, 2000, 800, 50),
        proc(12, 1000, 700, 300),   /* same score as 10, started later: first */
        proc(13, 500, 0, 10),
    };
    ProcTable t;
    ProcFilter f = { 0 };
    proctable_init(&t);
    build(&t, procs, 4, &f);
    assert_int_equal(t.sort_col, COL_OOM);
    assert_int_equal(t.nrows, 4);
    assert_int_equal(t.rows[0]->pid, 11);
    assert_int_equal(t.rows[1]->pid, 12);
    assert_int_equal(t.rows[2]->pid, 10);
    assert_int_equal(t.rows[3]->pid, 13);
    /* equal oom_score but the kernel's badness differs: badness decides */
    procs[0].badness_pages = 500;
    procs[2].badness_pages = 400;
    build(&t, procs, 4, &f);
    assert_int_equal(t.rows[1]->pid, 10);
    proctable_free(&t);
}

static void test_sort_by_columns_and_reverse(void **state)
{
    (void)state;
    ProcSample procs[] = { proc(30, 10, 1, 1), proc(20, 30, 2, 2), proc(40, 20, 3, 3) };
    ProcTable t;
    ProcFilter f = { 0 };
    proctable_init(&t);
    t.sort_col = COL_PID;
    build(&t, procs, 3, &f);
    assert_int_equal(t.rows[0]->pid, 20);
    assert_int_equal(t.rows[2]->pid, 40);
    t.sort_reverse = true;
    build(&t, procs, 3, &f);
    assert_int_equal(t.rows[0]->pid, 40);
    t.sort_col = COL_RES;
    t.sort_reverse = false;
    build(&t, procs, 3, &f);
    assert_int_equal(t.rows[0]->pid, 20);   /* largest RES first */
    assert_int_equal(t.rows[2]->pid, 30);
    proctable_free(&t);
}

static void test_filters(void **state)
{
    (void)state;
    ProcSample procs[] = { proc(1, 10, 0, 1), proc(2, 0, 0, 2), proc(3, 10, 0, 3) };
    procs[1].flags = PROC_KTHREAD;
    procs[2].uid = 1000;
    snprintf(procs[2].comm, sizeof procs[2].comm, "mysqld");
    ProcTable t;
    ProcFilter f = { 0 };
    proctable_init(&t);
    build(&t, procs, 3, &f);
    assert_int_equal(t.nrows, 2);                 /* kernel thread hidden */
    f.show_kthreads = true;
    build(&t, procs, 3, &f);
    assert_int_equal(t.nrows, 3);
    f.by_uid = true;
    f.uid = 1000;
    build(&t, procs, 3, &f);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(t.rows[0]->pid, 3);
    f.by_uid = false;
    f.name_search = "SQL";
    build(&t, procs, 3, &f);
    assert_int_equal(t.nrows, 1);
    f.name_search = NULL;
    pid_t only[] = { 2 };
    f.pids = only;
    f.npids = 1;
    f.show_kthreads = false;
    build(&t, procs, 3, &f);
    assert_int_equal(t.nrows, 1);                 /* -p shows it even if hidden */
    assert_int_equal(proctable_find(&t, 2, 2), 0);
    assert_int_equal(proctable_find(&t, 2, 99), -1); /* same pid, other process */
    proctable_free(&t);
}

/* The OOM-domain view: only the processes a memcg OOM in that domain could
 * pick (their cgroup's nearest limited ancestor-or-self), sorted as any
 * table; the -p list stays inside the domain. */
static void test_domain_filter(void **state)
{
    (void)state;
    MemcgInfo root = { .path = "/" };
    MemcgInfo db = { .path = "/db", .parent = &root, .limit_kb = 1024 };
    MemcgInfo db_child = { .path = "/db/worker", .parent = &db };
    MemcgInfo web = { .path = "/web", .parent = &root, .limit_kb = 2048 };
    db.domain = db_child.domain = &db;
    web.domain = &web;
    ProcSample procs[] = { proc(1, 10, 5, 1), proc(2, 10, 9, 2), proc(3, 10, 7, 3),
                           proc(4, 10, 8, 4), proc(5, 10, 6, 5) };
    procs[0].memcg = &root;         /* no domain: only a global OOM picks it */
    procs[1].memcg = &web;
    procs[2].memcg = &db;
    procs[3].memcg = &db_child;     /* decided in /db too */
    /* procs[4]: cgroup unknown */
    ProcTable t;
    ProcFilter f = { .memcg_domain = "/db" };
    proctable_init(&t);
    build(&t, procs, 5, &f);
    assert_int_equal(t.nrows, 2);
    assert_int_equal(t.rows[0]->pid, 4);  /* OOM 8 before 7 */
    assert_int_equal(t.rows[1]->pid, 3);
    pid_t only[] = { 2, 3 };
    f.pids = only;
    f.npids = 2;
    build(&t, procs, 5, &f);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(t.rows[0]->pid, 3);
    f = (ProcFilter){ .memcg_domain = NULL };
    build(&t, procs, 5, &f);
    assert_int_equal(t.nrows, 5);
    proctable_free(&t);
}

static void test_format_cells(void **state)
{
    (void)state;
    ProcSample p = proc(4242, 65536, 666, 1);
    p.rss_file_kb = 100;
    p.rss_shmem_kb = 24;
    p.oom_score_adj = -500;
    p.nice = -5;
    FormatCtx ctx = { .scale = UNIT_AUTO, .mem_total_kb = 24684096 };
    char buf[64];
    fields_format(buf, sizeof buf, &p, COL_PID, &ctx);
    assert_string_equal(buf, "4242");
    fields_format(buf, sizeof buf, &p, COL_RES, &ctx);
    assert_string_equal(buf, "65536");
    fields_format(buf, sizeof buf, &p, COL_SHR, &ctx);
    assert_string_equal(buf, "124");
    fields_format(buf, sizeof buf, &p, COL_MEM, &ctx);
    assert_string_equal(buf, "0.3");
    fields_format(buf, sizeof buf, &p, COL_ADJ, &ctx);
    assert_string_equal(buf, "-500");
    fields_format(buf, sizeof buf, &p, COL_NI, &ctx);
    assert_string_equal(buf, "-5");
    p.flags &= ~(unsigned)PROC_OOM_SCORE_OK;
    fields_format(buf, sizeof buf, &p, COL_OOM, &ctx);
    assert_string_equal(buf, "?");
    fields_format(buf, sizeof buf, &p, COL_COMMAND, &ctx);
    assert_string_equal(buf, "p4242");
    p.cmdline = "/usr/sbin/p4242 --flag";
    ctx.full_command = true;
    fields_format(buf, sizeof buf, &p, COL_COMMAND, &ctx);
    assert_string_equal(buf, "/usr/sbin/p4242 --flag");
}

static void test_optional_columns(void **state)
{
    (void)state;
    ProcSample a = proc(1, 10, 0, 1), b = proc(2, 10, 0, 2);
    FormatCtx ctx = { .scale = UNIT_AUTO };
    char buf[64];
    a.oom_rank = 0;
    b.oom_rank = 3;
    fields_format(buf, sizeof buf, &a, COL_RANK, &ctx);
    assert_string_equal(buf, "-");
    fields_format(buf, sizeof buf, &b, COL_RANK, &ctx);
    assert_string_equal(buf, "3");
    assert_true(fields_compare(&b, &a, COL_RANK) < 0);   /* ranked before never-picked */
    a.oom_rank = 1;
    assert_true(fields_compare(&a, &b, COL_RANK) < 0);

    MemcgInfo limited = { .path = "/system.slice/mysql.service", .unit = "mysql.service",
                          .limit_kb = 1048576, .usage_kb = 786432 };
    limited.domain = &limited;
    MemcgInfo plain = { .path = "/user.slice/x", .unit = "", .limit_kb = MEMCG_UNLIMITED,
                        .usage_kb = 10 };
    a.memcg = &limited;
    b.memcg = &plain;
    fields_format(buf, sizeof buf, &a, COL_CGROUP, &ctx);
    assert_string_equal(buf, "mysql.service");
    fields_format(buf, sizeof buf, &b, COL_CGROUP, &ctx);
    assert_string_equal(buf, "/user.slice/x");
    fields_format(buf, sizeof buf, &a, COL_CGMEM, &ctx);
    assert_string_equal(buf, "75");
    fields_format(buf, sizeof buf, &b, COL_CGMEM, &ctx);
    assert_string_equal(buf, "-");
    b.memcg = NULL;
    fields_format(buf, sizeof buf, &b, COL_CGROUP, &ctx);
    assert_string_equal(buf, "-");

    a.rss_anon_kb = 4096;
    fields_format(buf, sizeof buf, &a, COL_ANON, &ctx);
    assert_string_equal(buf, "4096");

    /* the rank inside the cgroup's OOM domain: "-" and last when there is none */
    a.oom_rank_in_memcg = 2;
    b.oom_rank_in_memcg = 0;
    fields_format(buf, sizeof buf, &a, COL_CGRANK, &ctx);
    assert_string_equal(buf, "2");
    fields_format(buf, sizeof buf, &b, COL_CGRANK, &ctx);
    assert_string_equal(buf, "-");
    assert_true(fields_compare(&a, &b, COL_CGRANK) < 0);
    b.oom_rank_in_memcg = 1;
    assert_true(fields_compare(&b, &a, COL_CGRANK) < 0);
    assert_int_equal(fields_desc(COL_CGRANK)->needs, NEED_CGROUP);

    const enum ColumnId plain_cols[] = { COL_PID, COL_RES, COL_NONE };
    const enum ColumnId cg_cols[] = { COL_PID, COL_CGROUP, COL_NONE };
    assert_int_equal(fields_needs(plain_cols), NEED_NOTHING);
    assert_int_equal(fields_needs(cg_cols), NEED_CGROUP);
    /* A sort key is read even where its column is not shown. */
    assert_int_equal(fields_needs_sorted(plain_cols, COL_CGROUP), NEED_CGROUP);
    assert_int_equal(fields_needs_sorted(plain_cols, COL_PSS), NEED_PSS);
    assert_int_equal(fields_needs_sorted(cg_cols, COL_PID), NEED_CGROUP);
}

static void test_column_names(void **state)
{
    (void)state;
    assert_int_equal(fields_by_name("res"), COL_RES);
    assert_int_equal(fields_by_name("RES"), COL_RES);
    assert_int_equal(fields_by_name("%mem"), COL_MEM);
    assert_int_equal(fields_by_name("mem"), COL_MEM);
    assert_int_equal(fields_by_name("oom"), COL_OOM);
    assert_int_equal(fields_by_name("cgrank"), COL_CGRANK);
    assert_int_equal(fields_by_name("bogus"), COL_NONE);
    assert_int_equal(fields_by_name(""), COL_NONE);
    for (int c = COL_NONE + 1; c < COL_COUNT; c++) {
        assert_non_null(fields_desc((enum ColumnId)c));
        assert_int_equal(fields_by_name(fields_desc((enum ColumnId)c)->name), c);
    }
    assert_null(fields_desc(COL_NONE));
    assert_null(fields_desc(COL_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_order_is_oom_desc_newest_first_on_ties),
        cmocka_unit_test(test_sort_by_columns_and_reverse),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_domain_filter),
        cmocka_unit_test(test_format_cells),
        cmocka_unit_test(test_optional_columns),
        cmocka_unit_test(test_column_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
