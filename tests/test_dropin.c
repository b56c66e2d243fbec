/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_dropin.c - finding the systemd unit in /proc/PID/cgroup text (v2, v1,
 * scopes, user units, hostile names), the drop-in's path and content, and
 * the atomic write into a temporary root.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dropin.h"
#include "privops.h"

#define CONTENT_TAIL "[Service]\nOOMScoreAdjust=-1000\n"

typedef struct UnitCase {
    const char *cgroup;
    const char *unit;           /* NULL = refused */
    const char *message;        /* substring of the refusal */
} UnitCase;

static const UnitCase unit_cases[] = {
    { "0::/system.slice/mysql.service\n", "mysql.service", NULL },
    { "0::/system.slice/mysql.service/payload\n", "mysql.service", NULL },
    { "0::/system.slice/postgresql@15-main.service\n", "postgresql@15-main.service", NULL },
    { "12:name=systemd:/system.slice/redis-server.service\n4:memory:/system.slice/redis-server.service\n",
      "redis-server.service", NULL },
    { "4:memory:/system.slice/nginx.service\n3:cpu,cpuacct:/\n", "nginx.service", NULL },
    { "7:cpu,memory:/system.slice/cron.service\n", "cron.service", NULL },
    { "1:name=systemd:/\n0::/system.slice/sshd.service\n", "sshd.service", NULL },
    { "0::/user.slice/user-1000.slice/user@1000.service/init.scope\n", "user@1000.service", NULL },
    { "0::/system.slice/a\\x2db.service", "a\\x2db.service", NULL },     /* no final newline */
    { "0::/user.slice/user-1000.slice/session-3.scope\n", NULL, "session-3.scope, a scope" },
    { "0::/system.slice/docker-0123abcd.scope\n", NULL, "a scope" },
    { "0::/user.slice/user-1000.slice/user@1000.service/app.slice/foo.service\n", NULL,
      "a user unit under user@1000.service" },
    { "0::/\n", NULL, "it runs in no systemd service" },
    { "9:name=systemd:/\n4:memory:/process_api/9895e00892f1\n0::/\n", NULL,
      "it runs in no systemd service" },
    { "0::/system.slice/ev\x1b[2Jil.service\n", NULL, "'ev?[2Jil.service' is not a plain unit name" },
    { "0::/system.slice/.hidden.service\n", NULL, "is not a plain unit name" },
    { "", NULL, "it runs in no systemd service" },
    { "garbage without colons\n", NULL, "it runs in no systemd service" },
};

static void test_dropin_unit_from_cgroup_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof unit_cases / sizeof unit_cases[0]; i++) {
        const UnitCase *c = &unit_cases[i];
        char unit[DROPIN_UNIT_MAX] = "", err[512] = "";
        int rc = dropin_unit_from_cgroup(c->cgroup, strlen(c->cgroup), unit, sizeof unit,
                                         err, sizeof err);
        if (c->unit) {
            if (rc != 0)
                fail_msg("case %zu refused: %s", i, err);
            assert_string_equal(unit, c->unit);
        } else {
            if (rc != -1)
                fail_msg("case %zu accepted as %s", i, unit);
            if (!strstr(err, c->message))
                fail_msg("case %zu: '%s' lacks '%s'", i, err, c->message);
        }
    }
}

static void test_dropin_plan_path_and_content(void **state)
{
    DropInPlan plan;
    char err[256];
    const char *bad[] = { "", "../../etc/passwd", "a/b.service", "x.socket", "sp ace.service",
                          ".service", "mysql" };

    (void)state;
    assert_int_equal(dropin_plan("/", "mysql.service", -1000, &plan, err, sizeof err), 0);
    assert_string_equal(plan.path, "/etc/systemd/system/mysql.service.d/90-oomtop-oom.conf");
    assert_string_equal(plan.dir, "/etc/systemd/system/mysql.service.d");
    assert_string_equal(plan.unit, "mysql.service");
    size_t n = strlen(plan.content), t = strlen(CONTENT_TAIL);
    assert_true(n > t);
    assert_string_equal(plan.content + n - t, CONTENT_TAIL);
    assert_int_equal(plan.content[0], '#');

    assert_int_equal(dropin_plan("/tmp/r//", "db.service", 250, &plan, err, sizeof err), 0);
    assert_string_equal(plan.path, "/tmp/r/etc/systemd/system/db.service.d/90-oomtop-oom.conf");
    assert_non_null(strstr(plan.content, "[Service]\nOOMScoreAdjust=250\n"));

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(dropin_plan("/", bad[i], -1000, &plan, err, sizeof err), -1);
    assert_int_equal(dropin_plan("/", "ok.service", -1001, &plan, err, sizeof err), -1);
    assert_int_equal(dropin_plan("/", "ok.service", 1001, &plan, err, sizeof err), -1);
}

/* --- a temporary root ------------------------------------------------ */

typedef struct Root {
    char path[64];
} Root;

static void mkdirs(const char *base, const char *rel)
{
    char p[PATH_MAX];

    snprintf(p, sizeof p, "%s/%s", base, rel);
    for (char *s = p + strlen(base) + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    }
    mkdir(p, 0755);
}

static int root_setup(void **state)
{
    Root *r = calloc(1, sizeof *r);

    snprintf(r->path, sizeof r->path, "/tmp/oomtop-dropin-XXXXXX");
    if (!mkdtemp(r->path))
        return -1;
    mkdirs(r->path, "etc/systemd/system");
    *state = r;
    return 0;
}

static int root_teardown(void **state)
{
    Root *r = *state;
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", r->path);
    if (system(cmd) != 0)
        return -1;
    free(r);
    return 0;
}

static void slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* Names in dir other than "." and ".."; the first goes to first. */
static int count_entries(const char *dir, char *first, size_t len)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n++ == 0 && first)
            snprintf(first, len, "%s", de->d_name);
    }
    closedir(d);
    return n;
}

static void test_dropin_write_creates_file(void **state)
{
    Root *r = *state;
    DropInPlan plan;
    char err[512], buf[512], name[256];
    struct stat st;

    assert_int_equal(dropin_plan(r->path, "mysql.service", -1000, &plan, err, sizeof err), 0);
    assert_int_equal(dropin_write(&plan, err, sizeof err), 0);
    slurp(plan.path, buf, sizeof buf);
    assert_string_equal(buf, plan.content);
    assert_int_equal(stat(plan.path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
    assert_int_equal(count_entries(plan.dir, name, sizeof name), 1);
    assert_string_equal(name, DROPIN_FILE_NAME);
}

static void test_dropin_write_replaces_atomically(void **state)
{
    Root *r = *state;
    DropInPlan plan;
    char err[512], buf[512];
    struct stat before, after;

    assert_int_equal(dropin_plan(r->path, "db.service", -1000, &plan, err, sizeof err), 0);
    mkdirs(r->path, "etc/systemd/system/db.service.d");
    FILE *f = fopen(plan.path, "w");
    assert_non_null(f);
    fputs("[Service]\nOOMScoreAdjust=100\n", f);
    fclose(f);
    int old_fd = open(plan.path, O_RDONLY);
    assert_true(old_fd >= 0);
    assert_int_equal(fstat(old_fd, &before), 0);

    assert_int_equal(dropin_write(&plan, err, sizeof err), 0);

    /* A new inode was renamed over the name: a reader of the old file
     * still sees the whole old content, never a truncated mix. */
    assert_int_equal(stat(plan.path, &after), 0);
    assert_true(before.st_ino != after.st_ino);
    ssize_t n = pread(old_fd, buf, sizeof buf - 1, 0);
    assert_true(n > 0);
    buf[n] = '\0';
    assert_string_equal(buf, "[Service]\nOOMScoreAdjust=100\n");
    close(old_fd);
    slurp(plan.path, buf, sizeof buf);
    assert_string_equal(buf, plan.content);
    assert_int_equal(count_entries(plan.dir, NULL, 0), 1);
}

static void test_dropin_write_failure_leaves_no_temp(void **state)
{
    Root *r = *state;
    DropInPlan plan;
    char err[512], keep[PATH_MAX + 16];

    /* The target name is a non-empty directory: the rename must fail. */
    assert_int_equal(dropin_plan(r->path, "web.service", -1000, &plan, err, sizeof err), 0);
    mkdirs(r->path, "etc/systemd/system/web.service.d/" DROPIN_FILE_NAME "/keep");
    assert_int_equal(dropin_write(&plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot replace"));
    assert_int_equal(count_entries(plan.dir, NULL, 0), 1);
    snprintf(keep, sizeof keep, "%s/keep", plan.path);
    assert_int_equal(access(keep, F_OK), 0);

    /* No etc/systemd/system at all. */
    char other[PATH_MAX];
    snprintf(other, sizeof other, "%s/nothing-here", r->path);
    assert_int_equal(dropin_plan(other, "web.service", -1000, &plan, err, sizeof err), 0);
    assert_int_equal(dropin_write(&plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot open"));
}

/* A fake proc tree with one process in mysql.service. */
static int fake_proc(const char *base, const char *cgroup)
{
    char p[PATH_MAX];
    FILE *f;

    mkdirs(base, "proc/4242");
    snprintf(p, sizeof p, "%s/proc/4242/stat", base);
    f = fopen(p, "w");
    fputs("4242 (mysqld) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 555 0 0\n", f);
    fclose(f);
    snprintf(p, sizeof p, "%s/proc/4242/cgroup", base);
    f = fopen(p, "w");
    fputs(cgroup, f);
    fclose(f);
    snprintf(p, sizeof p, "%s/proc", base);
    return open(p, O_RDONLY | O_DIRECTORY);
}

static void test_dropin_prepare_needs_systemd(void **state)
{
    Root *r = *state;
    DropInPlan plan;
    char err[512];
    ProcId id = { .pid = 4242, .start_ticks = 555, .comm = "mysqld" };
    int pfd = fake_proc(r->path, "0::/system.slice/mysql.service\n");

    assert_int_equal(dropin_prepare(r->path, pfd, &id, -1000, &plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "no systemd here"));
    assert_non_null(strstr(err, "/run/systemd/system is missing"));

    mkdirs(r->path, "run/systemd/system");
    assert_int_equal(dropin_prepare(r->path, pfd, &id, -1000, &plan, err, sizeof err), 0);
    assert_string_equal(plan.unit, "mysql.service");
    assert_non_null(strstr(plan.path, "/etc/systemd/system/mysql.service.d/90-oomtop-oom.conf"));

    /* The identity check applies here too. */
    id.start_ticks = 556;
    assert_int_equal(dropin_prepare(r->path, pfd, &id, -1000, &plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "now belongs to another process"));
    close(pfd);
}

typedef struct Audit {
    int calls;
    char last[1024];
} Audit;

static void audit_sink(void *arg, const char *line)
{
    Audit *a = arg;

    a->calls++;
    snprintf(a->last, sizeof a->last, "%s", line);
}

static void test_dropin_through_privops(void **state)
{
    Root *r = *state;
    DropInPlan plan;
    Audit audit = { 0, "" };
    PrivCtx ctx = { .proc_fd = -1, .audit = audit_sink, .audit_arg = &audit };
    char err[512], msg[1024], buf[512];
    ProcId id = { .pid = 4242, .start_ticks = 555, .comm = "mysqld" };

    assert_int_equal(dropin_plan(r->path, "mysql.service", -1000, &plan, err, sizeof err), 0);
    assert_int_equal(privops_readonly()->write_dropin(&ctx, &id, &plan, msg, sizeof msg), -1);
    assert_string_equal(msg, "pid 4242 (mysqld): read-only mode: actions are disabled");
    assert_int_equal(access(plan.dir, F_OK), -1);
    assert_int_equal(audit.calls, 0);

    assert_int_equal(privops_real()->write_dropin(&ctx, &id, &plan, msg, sizeof msg), 0);
    slurp(plan.path, buf, sizeof buf);
    assert_string_equal(buf, plan.content);
    assert_int_equal(audit.calls, 1);
    assert_non_null(strstr(audit.last, "pid 4242 (mysqld): wrote drop-in OOMScoreAdjust=-1000"));
    assert_non_null(strstr(audit.last, plan.path));
    assert_non_null(strstr(msg, "systemctl daemon-reload"));
}

/* Our own process on this machine: whatever its cgroup, the answer is a
 * plan or a sentence, never a crash; without /run/systemd/system here it
 * must say so. */
static void test_dropin_prepare_live_self(void **state)
{
    DropInPlan plan;
    char err[512];
    ProcId id;
    int pfd = open("/proc", O_RDONLY | O_DIRECTORY);

    (void)state;
    assert_int_equal(procid_lookup(pfd, getpid(), &id, err, sizeof err), 0);
    int rc = dropin_prepare("/", pfd, &id, -1000, &plan, err, sizeof err);
    if (access("/run/systemd/system", F_OK) != 0) {
        assert_int_equal(rc, -1);
        assert_non_null(strstr(err, "no systemd here"));
    } else if (rc < 0) {
        assert_true(strlen(err) > 0);
    }
    close(pfd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dropin_unit_from_cgroup_cases),
        cmocka_unit_test(test_dropin_plan_path_and_content),
        cmocka_unit_test_setup_teardown(test_dropin_write_creates_file, root_setup, root_teardown),
        cmocka_unit_test_setup_teardown(test_dropin_write_replaces_atomically, root_setup, root_teardown),
        cmocka_unit_test_setup_teardown(test_dropin_write_failure_leaves_no_temp, root_setup, root_teardown),
        cmocka_unit_test_setup_teardown(test_dropin_prepare_needs_systemd, root_setup, root_teardown),
        cmocka_unit_test_setup_teardown(test_dropin_through_privops, root_setup, root_teardown),
        cmocka_unit_test(test_dropin_prepare_live_self),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
