/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_memcg_oom_live.c - a real memory-cgroup OOM kill, read back through
 * oomtop's own code: a child confined to a 32 MiB cgroup (no swap allowed)
 * allocates past the limit; the kernel kills it inside the cgroup only.
 * The machine is never at risk: the child stops at limit + 60 MiB.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "kmsg.h"
#include "oomlog.h"

#define LIMIT_BYTES (32LL << 20)
#define FIRST_MIB 16                /* held while the cgroup is inspected */
#define MAX_MIB (32 + 60)           /* never more than 60 MiB past the limit */
#define VICTIM "oomtop-memhog"

typedef struct Live {
    CgroupMounts m;
    int version;
    char rel[64];                   /* "/oomtop-test-PID" */
    char dir[PATH_MAX + 64];
    bool made;
    pid_t child;
} Live;

static Live live;

static int write_str(const char *dir, const char *name, const char *value)
{
    char path[PATH_MAX + 128];
    int fd, ok;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ok = write(fd, value, strlen(value)) == (ssize_t)strlen(value);
    close(fd);
    return ok ? 0 : -1;
}

static bool exists(const char *dir, const char *name)
{
    char path[PATH_MAX + 128];

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

static long long vmstat_oom_kill(void)
{
    char line[256];
    long long v = -1;
    FILE *f = fopen("/proc/vmstat", "r");

    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "oom_kill %lld", &v) == 1)
            break;
    fclose(f);
    return v;
}

static long long meminfo_kb(const char *key)
{
    char line[256], name[64];
    long long v, found = -1;
    FILE *f = fopen("/proc/meminfo", "r");

    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "%63[^:]: %lld", name, &v) == 2 && strcmp(name, key) == 0)
            found = v;
    fclose(f);
    return found;
}

static void cleanup(void)
{
    if (live.child > 0) {
        kill(live.child, SIGKILL);
        waitpid(live.child, NULL, 0);
        live.child = 0;
    }
    if (live.made) {
        /* The kernel may need a moment to let go of a killed task. */
        for (int i = 0; i < 50 && rmdir(live.dir) != 0 && errno == EBUSY; i++)
            usleep(100000);
        live.made = false;
    }
}

static int teardown(void **state)
{
    (void)state;
    cleanup();
    return 0;
}

/* Sets the limit (and the same memory+swap limit, so it cannot swap). */
static int limit_cgroup(void)
{
    char v[32];

    snprintf(v, sizeof(v), "%lld", LIMIT_BYTES);
    if (live.version == 1) {
        if (write_str(live.dir, "memory.limit_in_bytes", v))
            return -1;
        if (exists(live.dir, "memory.memsw.limit_in_bytes") &&
            write_str(live.dir, "memory.memsw.limit_in_bytes", v))
            return -1;
        return 0;
    }
    if (write_str(live.dir, "memory.max", v))
        return -1;
    if (exists(live.dir, "memory.swap.max") && write_str(live.dir, "memory.swap.max", "0"))
        return -1;
    return 0;
}

static int make_cgroup(char *why, size_t len)
{
    char err[256];
    const char *base;

    live.version = cgroup_find_mounts("/proc", NULL, &live.m, err, sizeof(err));
    if (!live.version) {
        snprintf(why, len, "%s", err);
        return -1;
    }
    base = live.version == 1 ? live.m.v1_dir : live.m.v2_dir;
    snprintf(live.rel, sizeof(live.rel), "/oomtop-test-%d", (int)getpid());
    snprintf(live.dir, sizeof(live.dir), "%s%s", base, live.rel);
    if (mkdir(live.dir, 0755) != 0) {
        snprintf(why, len, "cannot create the memory cgroup %s: %s", live.dir, strerror(errno));
        return -1;
    }
    live.made = true;
    if (limit_cgroup() != 0) {
        snprintf(why, len, "cannot set a memory limit on %s: %s", live.dir, strerror(errno));
        return -1;
    }
    return 0;
}

static void child_main(int go_fd, int ready_fd)
{
    char c;
    int fd;

    prctl(PR_SET_NAME, VICTIM);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    fd = open("/proc/self/oom_score_adj", O_WRONLY);
    if (fd < 0 || write(fd, "1000", 4) != 4)
        _exit(2);
    close(fd);
    if (read(go_fd, &c, 1) != 1)        /* now inside the cgroup */
        _exit(2);
    for (int i = 0; i < MAX_MIB; i++) {
        char *p = malloc(1 << 20);
        if (!p)
            _exit(4);
        memset(p, 0x5a, 1 << 20);
        if (i + 1 == FIRST_MIB) {
            if (write(ready_fd, "r", 1) != 1 || read(go_fd, &c, 1) != 1)
                _exit(2);
        }
    }
    _exit(3);   /* survived past the limit: the limit did not hold */
}

static void send(int fd)
{
    assert_int_equal(write(fd, "g", 1), 1);
}

static const OomEvent *find_kill(OomLog *log, pid_t pid)
{
    for (size_t i = 0; i < oomlog_count(log); i++) {
        const OomEvent *e = oomlog_event(log, i);
        if (e->kind == OOM_EVENT_KILL && e->pid == pid)
            return e;
    }
    return NULL;
}

/* Before the kill, through cgroup.c: the limit, usage of the 16 MiB held,
 * no kill yet, the domain is the cgroup itself with 32 MiB of pages. */
static void check_before(CgroupReader *r, const MemInfo *mem, long page_kb)
{
    cgroup_begin(r, mem, page_kb);
    const MemcgInfo *m = cgroup_of_pid(r, live.child);
    assert_non_null(m);
    assert_string_equal(m->path, live.rel);
    assert_int_equal(m->limit_kb, LIMIT_BYTES / 1024);
    assert_true(m->usage_kb >= FIRST_MIB * 1024 && m->usage_kb <= LIMIT_BYTES / 1024);
    assert_int_equal(m->oom_kills, 0);
    assert_ptr_equal(m->domain, m);
    assert_int_equal(m->domain_totalpages, LIMIT_BYTES / 1024 / page_kb);
    print_message("before: %s limit %lld kB usage %lld kB oom_kill %lld totalpages %lld\n",
                  m->path, m->limit_kb, m->usage_kb, m->oom_kills, m->domain_totalpages);
}

static int wait_child(int *status)
{
    for (int i = 0; i < 300; i++) {         /* 30 s */
        pid_t w = waitpid(live.child, status, WNOHANG);
        if (w == live.child) {
            live.child = 0;
            return 0;
        }
        usleep(100000);
    }
    return -1;
}

static void test_memcg_oom_kill(void **state)
{
    int go[2], ready[2], status;
    char why[PATH_MAX * 2 + 256], c;
    long page_kb = sysconf(_SC_PAGESIZE) / 1024;
    MemInfo mem = { .mem_total_kb = meminfo_kb("MemTotal"), .swap_total_kb = meminfo_kb("SwapTotal") };
    Kmsg *k;
    OomLog *log;
    CgroupReader *r;
    (void)state;

    if (geteuid() != 0) {
        print_message("SKIP: creating a memory cgroup needs root\n");
        skip();
    }
    k = kmsg_open("/dev/kmsg", why, sizeof(why));
    if (!k) {
        print_message("SKIP: %s\n", why);
        skip();
    }
    if (make_cgroup(why, sizeof(why)) != 0) {
        kmsg_close(k);
        print_message("SKIP: %s\n", why);
        cleanup();
        skip();
    }
    log = oomlog_new(0);
    assert_true(kmsg_poll(k, log, 0) >= 0);     /* the backlog: history, not live */
    long long vm_before = vmstat_oom_kill();
    r = cgroup_reader_new("/proc", &live.m);

    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(ready), 0);
    live.child = fork();
    assert_true(live.child >= 0);
    if (live.child == 0)
        child_main(go[0], ready[1]);
    char pid[32];
    snprintf(pid, sizeof(pid), "%d", (int)live.child);
    assert_int_equal(write_str(live.dir, "cgroup.procs", pid), 0);
    send(go[1]);
    assert_int_equal(read(ready[0], &c, 1), 1);
    check_before(r, &mem, page_kb);
    time_t t0 = time(NULL);
    pid_t victim = live.child;
    send(go[1]);
    assert_int_equal(wait_child(&status), 0);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);

    const OomEvent *e = NULL;
    for (int i = 0; i < 50 && !e; i++) {
        assert_true(kmsg_poll(k, log, 0) >= 0);
        if (!(e = find_kill(log, victim)))
            usleep(100000);
    }
    assert_non_null(e);
    print_message("kmsg: pid %d (%s) constraint %s cgroup %s anon-rss %lld kB adj %d by %s\n",
                  (int)e->pid, e->command, oomlog_constraint_name(e->constraint),
                  e->cgroup ? e->cgroup : "-", e->anon_rss_kb, e->oom_score_adj, e->invoked_by);
    assert_string_equal(e->command, VICTIM);
    assert_int_equal(e->constraint, OOM_CONSTRAINT_MEMCG);
    assert_non_null(e->cgroup);
    assert_string_equal(e->cgroup, live.rel);
    assert_non_null(e->oom_memcg);
    assert_string_equal(e->oom_memcg, live.rel);
    assert_string_equal(e->invoked_by, VICTIM);
    assert_true(e->live);
    assert_true(oomlog_live_kills(log) >= 1);
    assert_true(e->anon_rss_kb >= FIRST_MIB * 1024);
    if (e->has_oom_score_adj)
        assert_int_equal(e->oom_score_adj, 1000);
    if (e->uid != VALUE_MISSING)
        assert_int_equal(e->uid, 0);
    assert_true(e->time >= t0 - 5 && e->time <= time(NULL) + 5);

    long long vm_after = vmstat_oom_kill();
    print_message("vmstat oom_kill %lld -> %lld\n", vm_before, vm_after);
    assert_true(vm_before >= 0 && vm_after > vm_before);

    cgroup_begin(r, &mem, page_kb);
    const MemcgInfo *m = cgroup_of_path(r, live.rel);
    assert_non_null(m);
    print_message("cgroup oom_kill after: %lld\n", m->oom_kills);
    assert_true(m->oom_kills >= 1);

    cgroup_reader_free(r);
    oomlog_free(log);
    kmsg_close(k);
    close(go[0]);
    close(go[1]);
    close(ready[0]);
    close(ready[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_memcg_oom_kill, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
