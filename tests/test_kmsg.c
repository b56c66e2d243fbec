/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_kmsg.c - the kernel log reader: a saved log replayed (records,
 * dictionary lines, lost records), the live /dev/kmsg read without
 * blocking, and the refusal message for an unprivileged user.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kmsg.h"
#include "oomlog.h"

static Kmsg *open_fixture(const char *name)
{
    char path[512], err[256];
    Kmsg *k;

    snprintf(path, sizeof(path), "%s/kmsg/%s", FIXTURE_DIR, name);
    k = kmsg_open(path, err, sizeof(err));
    if (!k)
        fail_msg("%s", err);
    return k;
}

static void test_saved_log(void **state)
{
    Kmsg *k = open_fixture("memcg_v1_6.18.kmsg");
    OomLog *log = oomlog_new(0);
    (void)state;

    assert_int_equal(kmsg_poll(k, log, 0), 84);     /* 86 lines, 2 of them dictionary */
    assert_int_equal(oomlog_count(log), 2);
    assert_false(oomlog_event(log, 0)->live);       /* history, not news */
    assert_string_equal(oomlog_event(log, 0)->cgroup, "/oomtop-probe");
    assert_int_equal(kmsg_lost(k), 0);
    assert_int_equal(kmsg_poll(k, log, 0), 0);      /* nothing new: returns at once */
    assert_string_equal(kmsg_error(k), "");
    oomlog_free(log);
    kmsg_close(k);
}

static void test_capped_poll(void **state)
{
    Kmsg *k = open_fixture("memcg_v1_6.18.kmsg");
    OomLog *log = oomlog_new(0);
    long total = 0, n;
    (void)state;

    while ((n = kmsg_poll(k, log, 10)) > 0)
        total += n;
    assert_int_equal(n, 0);
    assert_int_equal(total, 84);
    assert_int_equal(oomlog_count(log), 2);
    oomlog_free(log);
    kmsg_close(k);
}

/* Records 12-14 were lost: the kill is kept, the report before the gap
 * is not joined to it. */
static void test_lost_records(void **state)
{
    Kmsg *k = open_fixture("gap.kmsg");
    OomLog *log = oomlog_new(0);
    (void)state;

    assert_int_equal(kmsg_poll(k, log, 0), 3);
    assert_int_equal(kmsg_lost(k), 3);
    assert_int_equal(oomlog_count(log), 1);
    const OomEvent *e = oomlog_event(log, 0);
    assert_int_equal(e->pid, 901);
    assert_string_equal(e->invoked_by, "");
    assert_null(e->cgroup);
    assert_null(e->oom_memcg);
    oomlog_free(log);
    kmsg_close(k);
}

static void test_missing_device(void **state)
{
    char err[256] = "";
    (void)state;
    assert_null(kmsg_open("/nonexistent/kmsg", err, sizeof(err)));
    assert_non_null(strstr(err, "does not exist"));
}

/* The real device: the backlog is read and the call does not block. */
static void test_live_device(void **state)
{
    char err[256];
    Kmsg *k = kmsg_open("/dev/kmsg", err, sizeof(err));
    OomLog *log = oomlog_new(0);
    (void)state;

    if (!k) {
        oomlog_free(log);
        print_message("SKIP: %s\n", err);
        skip();
    }
    time_t t0 = time(NULL);
    assert_true(kmsg_poll(k, log, 0) > 0);
    assert_true(kmsg_poll(k, log, 0) >= 0);
    assert_true(time(NULL) - t0 < 5);
    assert_string_equal(kmsg_error(k), "");
    oomlog_free(log);
    kmsg_close(k);
}

/* Without CAP_SYSLOG and with kernel.dmesg_restrict = 1, the kernel log is
 * refused: the message says why and what is needed. */
static void test_kmsg_refused_unprivileged(void **state)
{
    int fds[2], status;
    char msg[512] = "";
    (void)state;

    FILE *f = fopen("/proc/sys/kernel/dmesg_restrict", "r");
    int restrict_ = -1;
    if (f) {
        if (fscanf(f, "%d", &restrict_) != 1)
            restrict_ = -1;
        fclose(f);
    }
    if (geteuid() != 0 || restrict_ != 1) {
        print_message("SKIP: needs root (to drop to nobody) and kernel.dmesg_restrict = 1\n");
        skip();
    }
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char err[512] = "";
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(2);
        Kmsg *k = kmsg_open("/dev/kmsg", err, sizeof(err));
        if (k)
            _exit(3);
        if (write(fds[1], err, strlen(err)) < 0)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    ssize_t n = read(fds[0], msg, sizeof(msg) - 1);
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_true(n > 0);
    msg[n] = '\0';
    print_message("message: %s\n", msg);
    assert_non_null(strstr(msg, "CAP_SYSLOG"));
    assert_non_null(strstr(msg, "dmesg_restrict"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_saved_log),
        cmocka_unit_test(test_capped_poll),
        cmocka_unit_test(test_lost_records),
        cmocka_unit_test(test_missing_device),
        cmocka_unit_test(test_live_device),
        cmocka_unit_test(test_kmsg_refused_unprivileged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
