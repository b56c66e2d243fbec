/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_privops_live.c - the writes against the real kernel with real child
 * processes: oom_score_adj up and down, protection with and without
 * CAP_SYS_RESOURCE, renice of every thread, signals, the pid-reuse guard,
 * the read-only table, and the permission failures of an unprivileged user.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actions_testutil.h"
#include "audit.h"
#include "privops.h"

#define NOBODY 65534

typedef struct Fixture {
    PrivCtx ctx;
    TestAudit audit;
    char msg[1024];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    char err[256];

    if (!f || privctx_open(&f->ctx, "/proc", err, sizeof err) < 0)
        return -1;
    f->ctx.audit = test_audit_sink;
    f->ctx.audit_arg = &f->audit;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;

    privctx_close(&f->ctx);
    free(f);
    return 0;
}

static void test_set_oom_adj_raise_then_lower_to_floor(void **state)
{
    Fixture *f = *state;
    pid_t pid = test_child_spawn("act-adj", 1);
    ProcId id = test_proc_id(pid);
    int floor = test_proc_int(pid, "oom_score_adj"), old = 12345;
    char expect[128];

    assert_int_equal(privops_real()->set_oom_adj(&f->ctx, &id, 500, &old, f->msg, sizeof f->msg), 0);
    assert_int_equal(old, floor);
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), 500);
    snprintf(expect, sizeof expect, "pid %d (act-adj): oom_score_adj %d -> 500", (int)pid, floor);
    assert_string_equal(f->msg, expect);
    assert_int_equal(f->audit.calls, 1);
    assert_non_null(strstr(f->audit.last, "uid "));
    assert_non_null(strstr(f->audit.last, expect));

    /* Back down to the inherited value: allowed without privilege. */
    assert_int_equal(privops_real()->set_oom_adj(&f->ctx, &id, floor, &old, f->msg, sizeof f->msg), 0);
    assert_int_equal(old, 500);
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), floor);
    assert_int_equal(f->audit.calls, 2);
    test_child_kill(pid);
}

static void test_set_oom_adj_out_of_range_writes_nothing(void **state)
{
    Fixture *f = *state;
    pid_t pid = test_child_spawn("act-range", 1);
    ProcId id = test_proc_id(pid);
    int before = test_proc_int(pid, "oom_score_adj");
    const int bad[] = { 1001, -1001, 100000, -2147483647 };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(privops_real()->set_oom_adj(&f->ctx, &id, bad[i], NULL, f->msg,
                                                     sizeof f->msg), -1);
        assert_non_null(strstr(f->msg, "out of range"));
    }
    assert_int_equal(privops_real()->renice(&f->ctx, &id, 20, NULL, f->msg, sizeof f->msg), -1);
    assert_non_null(strstr(f->msg, "out of range"));
    assert_int_equal(privops_real()->renice(&f->ctx, &id, -21, NULL, f->msg, sizeof f->msg), -1);
    assert_int_equal(privops_real()->kill(&f->ctx, &id, 0, f->msg, sizeof f->msg), -1);
    assert_int_equal(privops_real()->kill(&f->ctx, &id, 999, f->msg, sizeof f->msg), -1);
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), before);
    assert_true(test_child_alive(pid));
    assert_int_equal(f->audit.calls, 0);
    test_child_kill(pid);
}

static void test_protect_succeeds_with_cap_sys_resource(void **state)
{
    Fixture *f = *state;

    if (!privops_have_cap(PRIVOPS_CAP_SYS_RESOURCE)) {
        print_message("SKIP: no CAP_SYS_RESOURCE here (the refusal test covers this machine)\n");
        skip();
    }
    pid_t pid = test_child_spawn("act-protect", 1);
    ProcId id = test_proc_id(pid);

    assert_int_equal(privops_real()->set_oom_adj(&f->ctx, &id, -1000, NULL, f->msg, sizeof f->msg), 0);
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), -1000);
    assert_int_equal(f->audit.calls, 1);
    test_child_kill(pid);
}

static void test_protect_refused_without_cap_sys_resource(void **state)
{
    Fixture *f = *state;

    if (privops_have_cap(PRIVOPS_CAP_SYS_RESOURCE)) {
        print_message("SKIP: CAP_SYS_RESOURCE is present, so protection cannot fail here\n");
        skip();
    }
    pid_t pid = test_child_spawn("act-noprot", 1);
    ProcId id = test_proc_id(pid);
    int before = test_proc_int(pid, "oom_score_adj");

    assert_int_equal(privops_real()->set_oom_adj(&f->ctx, &id, -1000, NULL, f->msg, sizeof f->msg), -1);
    assert_non_null(strstr(f->msg, "protecting needs root with CAP_SYS_RESOURCE"));
    if (geteuid() == 0)
        assert_non_null(strstr(f->msg, "running as root without CAP_SYS_RESOURCE"));
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), before);

    /* Any value under the floor is refused too, worded as such. */
    assert_int_equal(privops_real()->set_oom_adj(&f->ctx, &id, before - 1, NULL, f->msg,
                                                 sizeof f->msg), -1);
    assert_non_null(strstr(f->msg, "below its floor"));
    assert_non_null(strstr(f->msg, "CAP_SYS_RESOURCE"));
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), before);
    assert_int_equal(f->audit.calls, 0);
    test_child_kill(pid);
}

static void test_renice_changes_every_thread(void **state)
{
    Fixture *f = *state;
    pid_t pid = test_child_spawn("act-threads", 3);
    ProcId id = test_proc_id(pid);
    ReniceResult res;
    int nices[TEST_MAX_THREADS];

    assert_int_equal(test_thread_nices(pid, nices, TEST_MAX_THREADS), 3);
    assert_int_equal(privops_real()->renice(&f->ctx, &id, 7, &res, f->msg, sizeof f->msg), 0);
    assert_int_equal(res.changed, 3);
    assert_int_equal(res.total, 3);
    assert_int_equal(res.old_nice, nices[0]);
    char expect[96];
    snprintf(expect, sizeof expect, "nice %d -> 7, 3 of 3 threads changed", nices[0]);
    assert_non_null(strstr(f->msg, expect));
    assert_int_equal(test_thread_nices(pid, nices, TEST_MAX_THREADS), 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(nices[i], 7);
    assert_int_equal(f->audit.calls, 1);
    test_child_kill(pid);
}

static void test_kill_delivers_the_signal(void **state)
{
    Fixture *f = *state;
    const int sigs[] = { SIGTERM, SIGUSR1, SIGKILL };

    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        pid_t pid = test_child_spawn("act-kill", 2);
        ProcId id = test_proc_id(pid);
        int status;

        assert_int_equal(privops_real()->kill(&f->ctx, &id, sigs[i], f->msg, sizeof f->msg), 0);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), sigs[i]);
        assert_non_null(strstr(f->msg, "sent signal"));
    }
    assert_int_equal(f->audit.calls, 3);
}

/* Every action on id must be refused with `why` and leave no audit line. */
static void expect_all_refused(Fixture *f, const ProcId *id, const char *why)
{
    ReniceResult res;

    assert_int_equal(privops_real()->set_oom_adj(&f->ctx, id, 321, NULL, f->msg, sizeof f->msg), -1);
    assert_non_null(strstr(f->msg, why));
    assert_int_equal(privops_real()->renice(&f->ctx, id, 9, &res, f->msg, sizeof f->msg), -1);
    assert_non_null(strstr(f->msg, why));
    assert_int_equal(privops_real()->kill(&f->ctx, id, SIGTERM, f->msg, sizeof f->msg), -1);
    assert_non_null(strstr(f->msg, why));
    assert_int_equal(f->audit.calls, 0);
}

static void test_exited_process_is_refused(void **state)
{
    Fixture *f = *state;
    pid_t pid = test_child_spawn("act-gone", 1);
    ProcId id = test_proc_id(pid);
    char expect[64];

    test_child_kill(pid);
    snprintf(expect, sizeof expect, "process %d (act-gone) has exited", (int)pid);
    expect_all_refused(f, &id, expect);
}

static void test_zombie_is_refused_and_untouched(void **state)
{
    Fixture *f = *state;
    pid_t pid = test_child_spawn("act-zombie", 1);
    ProcId id = test_proc_id(pid);
    siginfo_t si;

    kill(pid, SIGKILL);
    /* Wait for the exit without reaping: the pid stays, as a zombie. */
    assert_int_equal(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0);
    expect_all_refused(f, &id, "has exited");
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), 0);
    waitpid(pid, NULL, 0);
}

static void test_other_process_on_same_pid_is_refused(void **state)
{
    Fixture *f = *state;
    pid_t pid = test_child_spawn("act-reused", 2);
    ProcId id = test_proc_id(pid);
    int adj = test_proc_int(pid, "oom_score_adj"), nices[TEST_MAX_THREADS];
    char expect[64];

    /* What the operator selected started at another time: it is gone and
     * this pid now names a different process. */
    id.start_ticks += 1;
    snprintf(expect, sizeof expect, "pid %d now belongs to another process", (int)pid);
    expect_all_refused(f, &id, expect);
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), adj);
    assert_int_equal(test_thread_nices(pid, nices, TEST_MAX_THREADS), 2);
    assert_int_equal(nices[0], test_own_nice());
    assert_int_equal(nices[1], test_own_nice());
    assert_true(test_child_alive(pid));
    test_child_kill(pid);
}

static void test_readonly_table_refuses_everything(void **state)
{
    Fixture *f = *state;
    const PrivOps *ro = privops_readonly();
    pid_t pid = test_child_spawn("act-ro", 1);
    ProcId id = test_proc_id(pid);
    DropInPlan plan;
    char err[128];

    char want[128];

    assert_string_equal(ro->name, "read-only");
    assert_string_equal(ro->refusal, "read-only mode: actions are disabled");
    assert_null(privops_real()->refusal);
    snprintf(want, sizeof want, "pid %d (act-ro): read-only mode: actions are disabled", (int)pid);
    assert_int_equal(ro->set_oom_adj(&f->ctx, &id, 100, NULL, f->msg, sizeof f->msg), -1);
    assert_string_equal(f->msg, want);
    assert_int_equal(ro->renice(&f->ctx, &id, 5, NULL, f->msg, sizeof f->msg), -1);
    assert_string_equal(f->msg, want);
    assert_int_equal(ro->kill(&f->ctx, &id, SIGKILL, f->msg, sizeof f->msg), -1);
    assert_string_equal(f->msg, want);
    assert_int_equal(dropin_plan("/nonexistent-root", "x.service", -1000, &plan, err, sizeof err), 0);
    assert_int_equal(ro->write_dropin(&f->ctx, &id, &plan, f->msg, sizeof f->msg), -1);
    assert_string_equal(f->msg, want);
    assert_int_equal(test_proc_int(pid, "oom_score_adj"), 0);
    assert_true(test_child_alive(pid));
    assert_int_equal(f->audit.calls, 0);
    test_child_kill(pid);
}

/* A fake proc tree: the identity check and the write go through fds, so a
 * temp dir stands in for /proc and shows exactly what is written. */
static void write_file(int dfd, const char *name, const char *text)
{
    int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static void read_file(int dfd, const char *name, char *buf, size_t len)
{
    int fd = openat(dfd, name, O_RDONLY);
    ssize_t n;

    assert_true(fd >= 0);
    n = read(fd, buf, len - 1);
    assert_true(n >= 0);
    buf[n] = '\0';
    close(fd);
}

static void test_fake_tree_identity_guards_the_write(void **state)
{
    Fixture *f = *state;
    char root[] = "/tmp/oomtop-privops-XXXXXX", buf[64];
    PrivCtx ctx = { .audit = test_audit_sink, .audit_arg = &f->audit };
    ProcId id = { .pid = 4242, .start_ticks = 777, .comm = "my sql) (x" };

    assert_non_null(mkdtemp(root));
    ctx.proc_fd = open(root, O_RDONLY | O_DIRECTORY);
    assert_int_equal(mkdirat(ctx.proc_fd, "4242", 0755), 0);
    int pfd = openat(ctx.proc_fd, "4242", O_RDONLY | O_DIRECTORY);
    /* A comm with ") (" must not shift the fields. */
    write_file(pfd, "stat", "4242 (my sql) (x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 "
               "20 0 1 0 777 1000000 100 18446744073709551615\n");
    write_file(pfd, "oom_score_adj", "0\n");

    id.start_ticks = 778;
    assert_int_equal(privops_real()->set_oom_adj(&ctx, &id, 300, NULL, f->msg, sizeof f->msg), -1);
    assert_non_null(strstr(f->msg, "pid 4242 now belongs to another process (my sql) (x)"));
    read_file(pfd, "oom_score_adj", buf, sizeof buf);
    assert_string_equal(buf, "0\n");

    id.start_ticks = 777;
    assert_int_equal(privops_real()->set_oom_adj(&ctx, &id, 300, NULL, f->msg, sizeof f->msg), 0);
    read_file(pfd, "oom_score_adj", buf, sizeof buf);
    assert_string_equal(buf, "300\n");

    id.pid = 4243;
    assert_int_equal(privops_real()->set_oom_adj(&ctx, &id, 5, NULL, f->msg, sizeof f->msg), -1);
    assert_string_equal(f->msg, "process 4243 (my sql) (x) has exited");
    assert_int_equal(f->audit.calls, 1);

    unlinkat(pfd, "stat", 0);
    unlinkat(pfd, "oom_score_adj", 0);
    close(pfd);
    unlinkat(ctx.proc_fd, "4242", AT_REMOVEDIR);
    close(ctx.proc_fd);
    rmdir(root);
}

static void test_parse_stat_fields(void **state)
{
    ProcStatLine st;
    const char *line = "99 (a)b) c) R 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -7 1 0 123456789 9 9\n";
    const char *bad[] = { "", "12 no parens S 1", "12 (x) S 1 2", "12 (x) S 1 2 3 4 5 6 7 8 9 "
                          "10 11 12 13 14 15 16 1 0 abc 9" };

    (void)state;
    assert_int_equal(procid_parse_stat(line, strlen(line), &st), 0);
    assert_string_equal(st.comm, "a)b) c");
    assert_int_equal(st.state, 'R');
    assert_int_equal(st.nice, -7);
    assert_true(st.start_ticks == 123456789ULL);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(procid_parse_stat(bad[i], strlen(bad[i]), &st), -1);
}

static void test_audit_text(void **state)
{
    ProcId id = { .pid = 1234, .start_ticks = 1, .comm = "mysqld" };
    AuditEvent adj = { .what = AUDIT_OOM_ADJ, .id = &id, .old_value = 0, .new_value = -1000 };
    AuditEvent nice = { .what = AUDIT_NICE, .id = &id, .old_value = 0, .new_value = 5,
                        .detail = "3 of 3 threads changed" };
    AuditEvent sig = { .what = AUDIT_SIGNAL, .id = &id, .new_value = SIGTERM };
    char who[128], line[512], buf[256];

    (void)state;
    assert_string_equal(audit_describe(&adj, buf, sizeof buf),
                        "pid 1234 (mysqld): oom_score_adj 0 -> -1000");
    assert_string_equal(audit_describe(&nice, buf, sizeof buf),
                        "pid 1234 (mysqld): nice 0 -> 5, 3 of 3 threads changed");
    assert_string_equal(audit_describe(&sig, buf, sizeof buf),
                        "pid 1234 (mysqld): sent signal TERM");
    assert_string_equal(audit_format_who(who, sizeof who, 0, "root", 1000, "alice"),
                        "uid 0 (root), login uid 1000 (alice)");
    assert_string_equal(audit_format_who(who, sizeof who, 0, "root", 4294967295LL, NULL),
                        "uid 0 (root)");
    assert_string_equal(audit_format_who(who, sizeof who, 7, "ev\x1b[2Jil", -1, NULL),
                        "uid 7 (ev?[2Jil)");
    assert_string_equal(audit_format_line(line, sizeof line, "uid 0 (root)", &adj),
                        "uid 0 (root): pid 1234 (mysqld): oom_score_adj 0 -> -1000");

    TestAudit a = { 0 };
    audit_record(test_audit_sink, &a, &adj, buf, sizeof buf);
    assert_int_equal(a.calls, 1);
    assert_string_equal(buf, "pid 1234 (mysqld): oom_score_adj 0 -> -1000");
    assert_non_null(strstr(a.last, "uid "));
    assert_non_null(strstr(a.last, ": pid 1234 (mysqld): oom_score_adj 0 -> -1000"));
}

/* --- unprivileged: a forked child drops to nobody and reports back --- */

static void report(int fd, const char *key, int rc, const char *msg)
{
    dprintf(fd, "%s %d %s\n", key, rc, msg);
}

static void unprivileged_worker(int out, pid_t root_child)
{
    PrivCtx ctx;
    TestAudit audit = { 0 };
    char msg[1024];
    struct rlimit rl = { 0, 0 };
    int rc;

    if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0
        || setrlimit(RLIMIT_NICE, &rl) < 0 || privctx_open(&ctx, "/proc", msg, sizeof msg) < 0)
        _exit(10);
    ctx.audit = test_audit_sink;
    ctx.audit_arg = &audit;

    /* Changing uid made this process non-dumpable: its children's /proc
     * files belong to root, so even our own child cannot be changed. */
    pid_t nd = test_child_spawn("act-nodump", 1);
    ProcId nd_id = test_proc_id(nd);
    rc = privops_real()->set_oom_adj(&ctx, &nd_id, 300, NULL, msg, sizeof msg);
    report(out, "adj_nondumpable", rc, msg);
    test_child_kill(nd);
    prctl(PR_SET_DUMPABLE, 1);

    pid_t own = test_child_spawn("act-own", 1);
    ProcId own_id = test_proc_id(own), root_id = test_proc_id(root_child);

    /* Up by 3 from the inherited nice (allowed), then back down (not). */
    rc = privops_real()->renice(&ctx, &own_id, test_own_nice() + 3, NULL, msg, sizeof msg);
    report(out, "raise_own_nice", rc, msg);
    rc = privops_real()->renice(&ctx, &own_id, test_own_nice(), NULL, msg, sizeof msg);
    report(out, "lower_own_nice", rc, msg);
    dprintf(out, "own_nice_after %d\n", getpriority(PRIO_PROCESS, (id_t)own));
    rc = privops_real()->set_oom_adj(&ctx, &own_id, 300, NULL, msg, sizeof msg);
    report(out, "raise_own_adj", rc, msg);
    rc = privops_real()->set_oom_adj(&ctx, &own_id, -1, NULL, msg, sizeof msg);
    report(out, "own_adj_below_floor", rc, msg);
    dprintf(out, "own_adj_after %d\n", test_proc_int(own, "oom_score_adj"));
    rc = privops_real()->renice(&ctx, &root_id, 10, NULL, msg, sizeof msg);
    report(out, "renice_root", rc, msg);
    rc = privops_real()->set_oom_adj(&ctx, &root_id, 500, NULL, msg, sizeof msg);
    report(out, "adj_root", rc, msg);
    rc = privops_real()->kill(&ctx, &root_id, SIGTERM, msg, sizeof msg);
    report(out, "kill_root", rc, msg);
    dprintf(out, "audit_calls %d\n", audit.calls);
    test_child_kill(own);
    _exit(0);
}

/* The line of `text` starting with key, after "key ". */
static const char *field(const char *text, const char *key)
{
    size_t n = strlen(key);

    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, n) == 0 && p[n] == ' ')
            return p + n + 1;
    }
    fail_msg("worker did not report %s", key);
    return NULL;
}

static void expect_field(const char *text, const char *key, const char *prefix,
                         const char *contains)
{
    const char *v = field(text, key);
    const char *nl = strchr(v, '\n');
    char line[1024];

    snprintf(line, sizeof line, "%.*s", (int)(nl ? nl - v : (long)strlen(v)), v);
    if (strncmp(line, prefix, strlen(prefix)) != 0 || (contains && !strstr(line, contains)))
        fail_msg("%s: got '%s', want '%s...%s'", key, line, prefix, contains ? contains : "");
}

static void test_unprivileged_user_gets_each_permission_message(void **state)
{
    (void)state;
    if (geteuid() != 0) {
        print_message("SKIP: needs root to drop to uid %d in a child\n", NOBODY);
        skip();
    }
    if (test_own_nice() > 16) {
        print_message("SKIP: started at nice %d, no room to raise a child's nice by 3\n",
                      test_own_nice());
        skip();
    }
    pid_t root_child = test_child_spawn("act-rootown", 1);
    int fds[2];
    char text[8192];
    size_t len = 0;
    ssize_t n;
    int status;

    assert_int_equal(pipe(fds), 0);
    pid_t w = fork();
    assert_true(w >= 0);
    if (w == 0) {
        close(fds[0]);
        unprivileged_worker(fds[1], root_child);
    }
    close(fds[1]);
    while ((n = read(fds[0], text + len, sizeof text - 1 - len)) > 0)
        len += (size_t)n;
    text[len] = '\0';
    close(fds[0]);
    assert_int_equal(waitpid(w, &status, 0), w);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    expect_field(text, "adj_nondumpable", "-1 ", "is not dumpable, so its /proc files belong"
                 " to uid 0 (root): changing it needs root (running as uid 65534");
    int base = test_own_nice();
    char want[160];
    snprintf(want, sizeof want, "nice %d -> %d", base, base + 3);
    expect_field(text, "raise_own_nice", "0 ", want);
    snprintf(want, sizeof want, "lowering nice from %d to %d needs CAP_SYS_NICE or RLIMIT_NICE"
             " of at least %d (it is 0; running as uid 65534", base + 3, base, 20 - base);
    expect_field(text, "lower_own_nice", "-1 ", want);
    snprintf(want, sizeof want, "%d", base + 3);
    expect_field(text, "own_nice_after", want, NULL);
    expect_field(text, "raise_own_adj", "0 ", "oom_score_adj 0 -> 300");
    expect_field(text, "own_adj_below_floor", "-1 ", "lowering oom_score_adj from 300 to -1"
                 " goes below its floor and needs root with CAP_SYS_RESOURCE");
    expect_field(text, "own_adj_after", "300", NULL);
    expect_field(text, "renice_root", "-1 ", "belongs to uid 0 (root): renicing another"
                 " user's process needs CAP_SYS_NICE (running as uid 65534");
    expect_field(text, "adj_root", "-1 ", "belongs to uid 0 (root): changing another user's"
                 " process needs root (running as uid 65534");
    expect_field(text, "kill_root", "-1 ", "belongs to uid 0 (root): signalling another"
                 " user's process needs root");
    expect_field(text, "audit_calls", "2", NULL);

    /* Nothing happened to root's process. */
    int nices[TEST_MAX_THREADS];
    assert_int_equal(test_proc_int(root_child, "oom_score_adj"), 0);
    assert_int_equal(test_thread_nices(root_child, nices, TEST_MAX_THREADS), 1);
    assert_int_equal(nices[0], test_own_nice());
    assert_true(test_child_alive(root_child));
    test_child_kill(root_child);
}

int main(void)
{
    if (!test_start_at_adj_zero())
        return 77;      /* automake's SKIP */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_stat_fields),
        cmocka_unit_test(test_audit_text),
        cmocka_unit_test_setup_teardown(test_set_oom_adj_raise_then_lower_to_floor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_oom_adj_out_of_range_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_protect_succeeds_with_cap_sys_resource, setup, teardown),
        cmocka_unit_test_setup_teardown(test_protect_refused_without_cap_sys_resource, setup, teardown),
        cmocka_unit_test_setup_teardown(test_renice_changes_every_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_delivers_the_signal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exited_process_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zombie_is_refused_and_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_process_on_same_pid_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_table_refuses_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fake_tree_identity_guards_the_write, setup, teardown),
        cmocka_unit_test(test_unprivileged_user_gets_each_permission_message),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
