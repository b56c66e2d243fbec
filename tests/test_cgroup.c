/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_cgroup.c - memory cgroups read from fixture trees (v1, v2, a v1
 * mount seen from a container, none at all; tests/fixtures/cgroup/), the
 * pure parsers of their files, the OOM domain's totalpages, and the rank
 * of processes inside their domain.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "memcg.h"

#define SWAP_KB 4194304LL   /* 4 GiB of swap */
#define PAGE_KB 4

typedef struct Tree {
    CgroupMounts m;
    CgroupReader *r;
    int version;
} Tree;

static void open_tree(Tree *t, const char *name, const char *sys_name, long long swap_kb)
{
    char proc[512], prefix[512], err[256];
    MemInfo mem = { .mem_total_kb = 25165824, .swap_total_kb = swap_kb };

    snprintf(proc, sizeof(proc), "%s/cgroup/%s/proc", FIXTURE_DIR, name);
    snprintf(prefix, sizeof(prefix), "%s/cgroup/%s", FIXTURE_DIR, sys_name);
    t->version = cgroup_find_mounts(proc, prefix, &t->m, err, sizeof(err));
    t->r = cgroup_reader_new(proc, &t->m);
    assert_non_null(t->r);
    cgroup_begin(t->r, &mem, PAGE_KB);
}

typedef struct Want {
    pid_t pid;
    const char *path;           /* NULL: no cgroup expected */
    const char *unit;
    long long limit_kb, usage_kb, oom_kills, swap_limit_kb;
    int swappiness;
    const char *domain;         /* NULL: no limited ancestor */
    long long totalpages;
} Want;

static void check(CgroupReader *r, const Want *w)
{
    const MemcgInfo *m = cgroup_of_pid(r, w->pid);

    print_message("pid %d\n", (int)w->pid);
    if (!w->path) {
        assert_null(m);
        return;
    }
    assert_non_null(m);
    assert_string_equal(m->path, w->path);
    assert_string_equal(m->unit, w->unit);
    assert_int_equal(m->limit_kb, w->limit_kb);
    assert_int_equal(m->usage_kb, w->usage_kb);
    assert_int_equal(m->oom_kills, w->oom_kills);
    assert_int_equal(m->swap_limit_kb, w->swap_limit_kb);
    assert_int_equal(m->swappiness, w->swappiness);
    if (!w->domain) {
        assert_null(m->domain);
    } else {
        assert_non_null(m->domain);
        assert_string_equal(m->domain->path, w->domain);
    }
    assert_int_equal(m->domain_totalpages, w->totalpages);
    /* Read once per refresh: the same pid gives the same entry. */
    assert_ptr_equal(cgroup_of_pid(r, w->pid), m);
}

static void test_v1_tree(void **state)
{
    static const Want want[] = {
        /* 512 MiB + memsw 768 MiB: 131072 + min(65536, 1048576) pages. */
        { 100, "/app.slice/web.service", "web.service", 524288, 102400, 3, 262144, 60,
          "/app.slice/web.service", 196608 },
        { 101, "/app.slice/web.service/worker", "web.service", MEMCG_UNLIMITED, 40960, 0,
          MEMCG_UNLIMITED, 60, "/app.slice/web.service", 196608 },
        /* swappiness 0: no swap in totalpages; no memory.oom_control file. */
        { 105, "/app.slice/web.service/worker/tight", "web.service", 65536, 20480, VALUE_MISSING,
          MEMCG_UNLIMITED, 0, "/app.slice/web.service/worker/tight", 16384 },
        { 102, "/free", "", MEMCG_UNLIMITED, 1024, 0, MEMCG_UNLIMITED, 60, NULL, 0 },
        { 103, NULL, NULL, 0, 0, 0, 0, 0, NULL, 0 },    /* directory gone */
        { 104, NULL, NULL, 0, 0, 0, 0, 0, NULL, 0 },    /* two memory lines */
        { 999, NULL, NULL, 0, 0, 0, 0, 0, NULL, 0 },    /* no such process */
    };
    Tree t;
    (void)state;

    open_tree(&t, "v1", "v1", SWAP_KB);
    assert_int_equal(t.version, 1);
    assert_int_equal(t.m.v1_hierarchy, 4);
    assert_string_equal(t.m.v1_root, "/");
    assert_string_equal(t.m.v2_dir, "");
    assert_int_equal(cgroup_reader_version(t.r), 1);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        check(t.r, &want[i]);
    assert_ptr_equal(cgroup_of_pid(t.r, 101)->domain, cgroup_of_pid(t.r, 100));
    assert_ptr_equal(cgroup_of_pid(t.r, 101)->parent, cgroup_of_pid(t.r, 100));
    assert_null(cgroup_of_path(t.r, "/")->parent);
    assert_null(cgroup_of_path(t.r, "/app.slice/../.."));
    cgroup_reader_free(t.r);
}

static void test_v1_without_swap(void **state)
{
    Tree t;
    (void)state;
    open_tree(&t, "v1", "v1", 0);
    assert_int_equal(cgroup_of_pid(t.r, 100)->domain_totalpages, 131072);
    cgroup_reader_free(t.r);
}

static void test_v1_container_view(void **state)
{
    Tree t;
    (void)state;
    open_tree(&t, "v1ns", "v1", SWAP_KB);
    assert_int_equal(t.version, 1);
    assert_string_equal(t.m.v1_root, "/docker/abc");
    const MemcgInfo *m = cgroup_of_pid(t.r, 300);
    assert_non_null(m);
    assert_string_equal(m->path, "/app.slice/web.service");
    assert_int_equal(m->limit_kb, 524288);
    assert_null(cgroup_of_pid(t.r, 301));   /* /docker/abcdef is not below /docker/abc */
    cgroup_reader_free(t.r);
}

static void test_v2_tree(void **state)
{
    static const Want want[] = {
        { 200, "/system.slice/mysql.service", "mysql.service", 1048576, 524288, 2, 262144, 60,
          "/system.slice/mysql.service", 327680 },
        /* swap.max 0 on the limited ancestor: its limit alone. */
        { 201, "/user.slice/user-1000.slice/session-2.scope", "session-2.scope", MEMCG_UNLIMITED,
          292968, 0, MEMCG_UNLIMITED, 60, "/user.slice/user-1000.slice", 524288 },
        /* The root has no memory.max/current/events. */
        { 202, "/", "", MEMCG_UNLIMITED, VALUE_MISSING, VALUE_MISSING, MEMCG_UNKNOWN, 60, NULL, 0 },
        /* Only memory.current: the limit is unknown, not "unlimited". */
        { 203, "/system.slice/nofiles.service", "nofiles.service", MEMCG_UNKNOWN, 4, VALUE_MISSING,
          MEMCG_UNKNOWN, 60, NULL, 0 },
    };
    Tree t;
    (void)state;

    open_tree(&t, "v2", "v2", SWAP_KB);
    assert_int_equal(t.version, 2);
    assert_string_equal(t.m.v1_dir, "");
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        check(t.r, &want[i]);
    cgroup_reader_free(t.r);
}

static void test_no_memory_controller(void **state)
{
    char proc[512], prefix[512], err[256] = "";
    CgroupMounts m;
    (void)state;

    snprintf(proc, sizeof(proc), "%s/cgroup/none/proc", FIXTURE_DIR);
    snprintf(prefix, sizeof(prefix), "%s/cgroup/none", FIXTURE_DIR);
    assert_int_equal(cgroup_find_mounts(proc, prefix, &m, err, sizeof(err)), 0);
    assert_non_null(strstr(err, "memory"));
    snprintf(proc, sizeof(proc), "%s/cgroup/absent/proc", FIXTURE_DIR);
    assert_int_equal(cgroup_find_mounts(proc, prefix, &m, err, sizeof(err)), 0);
    CgroupReader *r = cgroup_reader_new(proc, &m);
    assert_int_equal(cgroup_reader_version(r), 0);
    assert_null(cgroup_of_pid(r, 1));
    cgroup_reader_free(r);
}

static ProcSample proc(pid_t pid, long long rss_kb, int adj, unsigned long long start)
{
    ProcSample p;

    memset(&p, 0, sizeof(p));
    p.pid = pid;
    p.flags = PROC_HAS_MM | PROC_OOM_ADJ_OK;
    p.state = 'S';
    p.vm_rss_kb = rss_kb;
    p.oom_score_adj = adj;
    p.start_ticks = start;
    p.memcg = (const MemcgInfo *)&p;   /* garbage the attach must overwrite */
    p.oom_rank_in_memcg = 77;
    return p;
}

/* The rank flips inside the memcg: adj 100 is worth 100 * 7340 pages in
 * the global domain but only 100 * 196 in web.service's. */
static void test_rank_in_memcg(void **state)
{
    ProcSample procs[] = {
        proc(100, 200000, 0, 10),     /* web.service: 50000 pages */
        proc(101, 40000, 100, 20),    /* worker: 10000 + 100 * 196 = 29600 */
        proc(105, 20000, 0, 30),      /* tight: 5000, ranked in its own domain */
        proc(102, 900000, 0, 40),     /* no limited ancestor */
        proc(103, 1000, 0, 50),       /* cgroup unknown */
    };
    Snapshot snap;
    Tree t;
    (void)state;

    memset(&snap, 0, sizeof(snap));
    snap.procs = procs;
    snap.nprocs = sizeof(procs) / sizeof(procs[0]);
    snap.page_kb = PAGE_KB;
    snap.mem.mem_total_kb = 25165824;
    snap.mem.swap_total_kb = SWAP_KB;
    open_tree(&t, "v1", "v1", SWAP_KB);
    assert_int_equal(cgroup_attach(t.r, &snap), 0);
    assert_int_equal(procs[0].oom_rank_in_memcg, 1);
    assert_int_equal(procs[0].memcg_badness_pages, 50000);
    assert_int_equal(procs[1].oom_rank_in_memcg, 2);
    assert_int_equal(procs[1].memcg_badness_pages, 29600);
    assert_int_equal(procs[2].oom_rank_in_memcg, 1);
    assert_int_equal(procs[2].memcg_badness_pages, 5000);
    assert_int_equal(procs[3].oom_rank_in_memcg, 0);
    assert_non_null(procs[3].memcg);
    assert_null(procs[4].memcg);
    assert_int_equal(procs[4].oom_rank_in_memcg, 0);
    assert_true(memcg_fill_percent(procs[1].memcg) > 19.53 &&
                memcg_fill_percent(procs[1].memcg) < 19.54);   /* 102400 / 524288 */
    assert_true(memcg_fill_percent(procs[3].memcg) < 0);

    /* Protecting the top process (-1000) promotes the next one. */
    procs[0].oom_score_adj = -1000;
    assert_int_equal(cgroup_attach(t.r, &snap), 0);
    assert_int_equal(procs[0].oom_rank_in_memcg, 0);
    assert_int_equal(procs[1].oom_rank_in_memcg, 1);

    /* Equal points: the newer process goes first, as in the kernel. */
    procs[0].oom_score_adj = 0;
    procs[1].oom_score_adj = 0;
    procs[1].vm_rss_kb = 200000;
    assert_int_equal(cgroup_attach(t.r, &snap), 0);
    assert_int_equal(procs[1].oom_rank_in_memcg, 1);
    assert_int_equal(procs[0].oom_rank_in_memcg, 2);
    cgroup_reader_free(t.r);
}

static void test_parse_limit(void **state)
{
    static const struct { const char *in; long long want; } cases[] = {
        { "max\n", MEMCG_UNLIMITED }, { "max", MEMCG_UNLIMITED },
        { "9223372036854771712\n", MEMCG_UNLIMITED },   /* v1 "no limit", 4 KiB pages */
        { "9223372036854710272\n", MEMCG_UNLIMITED },   /* the same with 64 KiB pages */
        { "4611686018427387904\n", MEMCG_UNLIMITED },   /* 2^62 */
        { "4611686018427387903\n", 4503599627370495LL },
        { "33554432\n", 32768 }, { "0\n", 0 },
        { "", MEMCG_UNKNOWN }, { "abc\n", MEMCG_UNKNOWN }, { "-1\n", MEMCG_UNKNOWN },
        { "12 34\n", MEMCG_UNKNOWN }, { "maxi\n", MEMCG_UNKNOWN },
        { "99999999999999999999999\n", MEMCG_UNKNOWN },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(memcg_parse_limit_kb(cases[i].in), cases[i].want);
    assert_int_equal(memcg_parse_limit_kb(NULL), MEMCG_UNKNOWN);
    assert_int_equal(memcg_parse_bytes_kb("44716032\n"), 43668);
    assert_int_equal(memcg_parse_bytes_kb("x"), VALUE_MISSING);
}

static void test_parse_key(void **state)
{
    static const char oomc[] = "oom_kill_disable 0\nunder_oom 1\noom_kill 3\n";
    static const char events[] = "low 0\nhigh 0\nmax 12\noom 2\noom_kill 5\noom_group_kill 1\n";
    (void)state;
    assert_int_equal(memcg_parse_key(oomc, "oom_kill"), 3);
    assert_int_equal(memcg_parse_key(oomc, "under_oom"), 1);
    assert_int_equal(memcg_parse_key(events, "oom_kill"), 5);
    assert_int_equal(memcg_parse_key(events, "oom"), 2);
    assert_int_equal(memcg_parse_key(events, "oom_group_kill"), 1);
    assert_int_equal(memcg_parse_key(events, "absent"), VALUE_MISSING);
    assert_int_equal(memcg_parse_key("oom_kill x\n", "oom_kill"), VALUE_MISSING);
    assert_int_equal(memcg_parse_key("oom_kill \n", "oom_kill"), VALUE_MISSING);
    assert_int_equal(memcg_parse_key("oom_kill 99999999999999999999999\n", "oom_kill"), VALUE_MISSING);
    assert_int_equal(memcg_parse_key("", "oom_kill"), VALUE_MISSING);
}

static void test_parse_proc_cgroup(void **state)
{
    static const struct { const char *text; int hier; int want; const char *path; } cases[] = {
        { "9:name=systemd:/\n4:memory:/process_api/669b\n0::/\n", 4, 1, "/process_api/669b" },
        { "9:name=systemd:/\n4:memory:/process_api/669b\n0::/\n", -1, 1, "/process_api/669b" },
        { "9:name=systemd:/\n4:memory:/process_api/669b\n0::/\n", 0, 2, "/" },
        { "5:cpu,memory:/a:b c\n", -1, 1, "/a:b c" },     /* ':' and ' ' inside the path */
        { "5:cpu,memory:/a\n", 4, 0, "" },                /* another hierarchy id */
        { "4:memoryx:/a\n", 4, 0, "" },
        { "0::/user.slice/x.scope\n", 0, 2, "/user.slice/x.scope" },
        { "0::/user.slice/x.scope", 0, 2, "/user.slice/x.scope" },   /* no final newline */
        { "4:memory:/a\n4:memory:/b\n", 4, -1, "" },      /* a forged second line */
        { "0::/a\n0::/b\n", 0, -1, "" },
        { "4:memory:relative\n", 4, -1, "" },
        { "x:memory:/a\n", -1, 0, "" },
        { "4memory/a\n", -1, 0, "" },
        { "", 0, 0, "" },
    };
    char path[64];
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        print_message("case %zu\n", i);
        assert_int_equal(memcg_parse_proc_cgroup(cases[i].text, cases[i].hier, path, sizeof(path)),
                         cases[i].want);
        if (cases[i].want > 0)
            assert_string_equal(path, cases[i].path);
    }
    /* Too long for the buffer: refused, not cut. */
    assert_int_equal(memcg_parse_proc_cgroup("0::/abcdefgh\n", 0, path, 8), -1);
}

static void test_unit_name(void **state)
{
    static const struct { const char *path, *unit; } cases[] = {
        { "/system.slice/mysql.service", "mysql.service" },
        { "/user.slice/user-1000.slice/session-2.scope", "session-2.scope" },
        { "/user.slice/user-1000.slice", "user-1000.slice" },
        { "/system.slice/docker-abc.scope/app", "docker-abc.scope" },
        { "/system.slice/foo.service/payload", "foo.service" },
        { "/system.slice/systemd-journald.socket", "systemd-journald.socket" },
        { "/-.slice", "" },
        { "/", "" },
        { "/kubepods/burstable/pod123", "" },
        { "/.service", "" },
    };
    char unit[64];
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memcg_unit_name(cases[i].path, unit, sizeof(unit));
        assert_string_equal(unit, cases[i].unit);
    }
    memcg_unit_name("/a/very-long-unit-name.service", unit, 8);
    assert_string_equal(unit, "");  /* does not fit: nothing rather than a cut name */
}

static void test_totalpages(void **state)
{
    static const struct {
        long long limit_kb, swap_kb;
        int swappiness;
        long long swap_total_kb;
        long long want;
    } cases[] = {
        { 524288, 262144, 60, SWAP_KB, 196608 },
        { 524288, MEMCG_UNLIMITED, 60, SWAP_KB, 131072 + 1048576 },
        { 524288, MEMCG_UNKNOWN, 60, SWAP_KB, 131072 + 1048576 },
        { 524288, MEMCG_UNLIMITED, 0, SWAP_KB, 131072 },
        { 524288, MEMCG_UNLIMITED, 60, 0, 131072 },
        { 0, 0, 60, 0, 1 },                     /* 0 is treated as 1 */
        { MEMCG_UNLIMITED, 0, 60, SWAP_KB, 0 },
        { MEMCG_UNKNOWN, 0, 60, SWAP_KB, 0 },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        MemcgInfo d = { .limit_kb = cases[i].limit_kb, .swap_limit_kb = cases[i].swap_kb,
                        .swappiness = cases[i].swappiness };
        MemInfo m = { .swap_total_kb = cases[i].swap_total_kb };
        assert_int_equal(memcg_totalpages(&d, &m, PAGE_KB), cases[i].want);
    }
    assert_int_equal(memcg_totalpages(NULL, &(MemInfo){ 0 }, PAGE_KB), 0);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A cgroup named with terminal escapes: shown sanitised, still read. */
static void test_hostile_name(void **state)
{
    static const char evil[] = "/evil\x1b]0;pwn\x07.service";
    char tmpl[] = "/tmp/oomtop-cgroup-XXXXXX", dir[1024], procdir[1024], cg[1024];
    CgroupMounts m;
    MemInfo mem = { .swap_total_kb = 0 };
    (void)state;

    assert_non_null(mkdtemp(tmpl));
    snprintf(procdir, sizeof(procdir), "%s/proc", tmpl);
    snprintf(dir, sizeof(dir), "%s/proc/77", tmpl);
    assert_int_equal(mkdir(procdir, 0700), 0);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(cg, sizeof(cg), "2:memory:%s\n", evil);
    write_file(dir, "cgroup", cg);
    snprintf(dir, sizeof(dir), "%s/mem", tmpl);
    assert_int_equal(mkdir(dir, 0700), 0);
    write_file(dir, "memory.limit_in_bytes", "9223372036854771712\n");
    snprintf(cg, sizeof(cg), "%s/mem%s", tmpl, evil);
    assert_int_equal(mkdir(cg, 0700), 0);
    write_file(cg, "memory.limit_in_bytes", "1048576\n");
    write_file(cg, "memory.usage_in_bytes", "4096\n");

    memset(&m, 0, sizeof(m));
    snprintf(m.v1_dir, sizeof(m.v1_dir), "%s", dir);
    snprintf(m.v1_root, sizeof(m.v1_root), "/");
    m.v1_hierarchy = -1;
    CgroupReader *r = cgroup_reader_new(procdir, &m);
    cgroup_begin(r, &mem, PAGE_KB);
    const MemcgInfo *info = cgroup_of_pid(r, 77);
    assert_non_null(info);
    assert_string_equal(info->path, "/evil?]0;pwn?.service");
    assert_string_equal(info->unit, "evil?]0;pwn?.service");
    assert_int_equal(info->limit_kb, 1024);
    assert_int_equal(info->domain_totalpages, 256);
    cgroup_reader_free(r);

    char cmd[1100];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpl);
    assert_int_equal(system(cmd), 0);
}

/* Cache entries of cgroups nobody uses any more are dropped, used ones
 * are kept and re-read. */
static void test_refresh_rereads(void **state)
{
    MemInfo mem = { .swap_total_kb = SWAP_KB };
    Tree t;
    (void)state;

    open_tree(&t, "v1", "v1", SWAP_KB);
    const MemcgInfo *a = cgroup_of_pid(t.r, 100);
    cgroup_begin(t.r, &mem, PAGE_KB);
    const MemcgInfo *b = cgroup_of_pid(t.r, 100);
    assert_ptr_equal(a, b);             /* same entry, values read again */
    assert_int_equal(b->limit_kb, 524288);
    for (int i = 0; i < 3; i++)
        cgroup_begin(t.r, &mem, PAGE_KB);
    assert_non_null(cgroup_of_pid(t.r, 102));
    cgroup_reader_free(t.r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_limit),
        cmocka_unit_test(test_parse_key),
        cmocka_unit_test(test_parse_proc_cgroup),
        cmocka_unit_test(test_unit_name),
        cmocka_unit_test(test_totalpages),
        cmocka_unit_test(test_v1_tree),
        cmocka_unit_test(test_v1_without_swap),
        cmocka_unit_test(test_v1_container_view),
        cmocka_unit_test(test_v2_tree),
        cmocka_unit_test(test_no_memory_controller),
        cmocka_unit_test(test_rank_in_memcg),
        cmocka_unit_test(test_hostile_name),
        cmocka_unit_test(test_refresh_rereads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
