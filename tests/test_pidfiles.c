/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_pidfiles.c - the budget of held /proc/PID files: fds within
 * RLIMIT_NOFILE, and statm/status (whose kernel buffers no RSS shows)
 * within a thousandth of RAM; read through held and unheld files of this
 * very process.
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
#include <sys/wait.h>
#include <unistd.h>

#include "pidfiles.h"
#include "procfs.h"
#include "helpers/adjfile.h"

static void test_max_buffered_is_a_thousandth_of_ram(void **state)
{
    (void)state;
    assert_int_equal(pidfiles_max_buffered(0, 4096), 0);
    /* 24 GiB / 1000 / (4096 + 256) bytes a file */
    assert_int_equal(pidfiles_max_buffered(24ULL << 30, 4096), 5921);
    assert_int_equal(pidfiles_max_buffered(1ULL << 30, 4096), 246);
    /* 64 KiB pages: a buffer is a page, so far fewer */
    assert_int_equal(pidfiles_max_buffered(24ULL << 30, 65536), 391);
}

static void test_may_keep(void **state)
{
    (void)state;
    PidFileBudget b = { .held = 3, .max_held = 10, .buffered = 2, .max_buffered = 2 };
    assert_false(pidfiles_may_keep(&b, PIDFILE_STATM));
    assert_false(pidfiles_may_keep(&b, PIDFILE_STATUS));
    assert_false(pidfiles_may_keep(&b, PIDFILE_OOM_SCORE));    /* a seq_file too */
    assert_true(pidfiles_may_keep(&b, PIDFILE_OOM_SCORE_ADJ));
    b.buffered = 1;
    assert_true(pidfiles_may_keep(&b, PIDFILE_STATM));
    b.held = 10;
    assert_false(pidfiles_may_keep(&b, PIDFILE_OOM_SCORE_ADJ));
    assert_false(pidfiles_may_keep(&b, PIDFILE_STATM));
}

/* A budget is shared among the first refresh's threads: three shares of
 * the room left (90 fds, 18 buffered) are a third each, and giving them
 * back restores the limits and counts what the threads hold. */
static void test_budget_shares(void **state)
{
    (void)state;
    PidFileBudget b = { .held = 10, .max_held = 100, .buffered = 2, .max_buffered = 20 };
    PidFileBudget one, two;

    pidfiles_budget_share(&b, 3, &one);
    pidfiles_budget_share(&b, 2, &two);
    assert_int_equal(one.max_held, 30);
    assert_int_equal(two.max_held, 30);
    assert_int_equal(b.max_held - b.held, 30);
    assert_int_equal(one.max_buffered, 6);
    assert_int_equal(two.max_buffered, 6);
    assert_int_equal(b.max_buffered - b.buffered, 6);
    assert_int_equal(one.held + one.buffered + two.held + two.buffered, 0);

    one.held = 30;      /* a thread that used all of its share */
    one.buffered = 6;
    assert_false(pidfiles_may_keep(&one, PIDFILE_OOM_SCORE_ADJ));
    two.held = 4;
    pidfiles_budget_return(&b, &one);
    pidfiles_budget_return(&b, &two);
    assert_int_equal(b.held, 44);
    assert_int_equal(b.max_held, 100);
    assert_int_equal(b.buffered, 8);
    assert_int_equal(b.max_buffered, 20);

    PidFileBudget full = { .held = 5, .max_held = 5 }, none;
    pidfiles_budget_share(&full, 2, &none);
    assert_int_equal(none.max_held, 0);
    assert_false(pidfiles_may_keep(&none, PIDFILE_OOM_SCORE_ADJ));
}

/* Past the buffer limit statm is still read, through open/read/close, and
 * the same figures come back; oom_score_adj is held. */
static void test_reads_past_the_buffer_limit(void **state)
{
    (void)state;
    char self[16], buf[256], held_text[256];
    int proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    PidFiles pf, other;
    PidFileBudget b;

    assert_true(proc_fd >= 0);
    snprintf(self, sizeof self, "%d", (int)getpid());
    pidfiles_budget_init(&b);
    assert_true(b.max_buffered > 0);
    b.max_buffered = 1;
    pidfiles_init(&pf);
    pidfiles_init(&other);

    assert_true(pidfiles_read(&pf, &b, PIDFILE_STATM, proc_fd, self, held_text, sizeof held_text) > 0);
    assert_true(pf.fd[PIDFILE_STATM] >= 0);
    assert_int_equal(b.buffered, 1);
    assert_true(pidfiles_read(&other, &b, PIDFILE_STATM, proc_fd, self, buf, sizeof buf) > 0);
    assert_int_equal(other.fd[PIDFILE_STATM], -1);     /* read, not kept */
    assert_string_equal(buf, held_text);
    assert_true(pidfiles_read(&other, &b, PIDFILE_OOM_SCORE_ADJ, proc_fd, self, buf,
                              sizeof buf) > 0);
    assert_true(other.fd[PIDFILE_OOM_SCORE_ADJ] >= 0);
    assert_int_equal(b.held, 2);
    assert_int_equal(b.buffered, 1);

    pidfiles_close(&pf, &b);
    assert_int_equal(b.buffered, 0);
    assert_true(pidfiles_read(&other, &b, PIDFILE_STATM, proc_fd, self, buf, sizeof buf) > 0);
    assert_true(other.fd[PIDFILE_STATM] >= 0);          /* room again */
    pidfiles_close(&other, &b);
    assert_int_equal(b.held, 0);
    assert_int_equal(b.buffered, 0);
    close(proc_fd);
}

/* A held oom_score is the kernel's score of this moment at each pread,
 * not the text of the first read (a process read on every refresh holds
 * it), and fails with ESRCH once its process is gone. Raising a child's
 * adj needs no privilege; lowering may, so the child starts from the adj
 * it inherits. */
static void test_held_oom_score_is_fresh(void **state)
{
    (void)state;
    char name[16], buf[32];
    int proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    PidFiles pf;
    PidFileBudget b;
    pid_t child = fork();

    assert_true(child >= 0);
    if (child == 0) {
        pause();
        _exit(0);
    }
    assert_true(proc_fd >= 0);
    snprintf(name, sizeof name, "%d", (int)child);
    pidfiles_budget_init(&b);
    pidfiles_init(&pf);
    int inherited;
    assert_int_equal(adjfile_read(child, &inherited), 0);
    if (inherited > 400) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        close(proc_fd);
        print_message("SKIP: inherited oom_score_adj %d leaves no room to raise it by 600\n",
                      inherited);
        skip();
    }
    assert_true(pidfiles_read(&pf, &b, PIDFILE_OOM_SCORE, proc_fd, name, buf, sizeof buf) > 0);
    assert_true(pf.fd[PIDFILE_OOM_SCORE] >= 0);
    assert_int_equal(b.buffered, 1);
    int before = atoi(buf);

    assert_int_equal(adjfile_write(child, inherited + 600), 0);
    assert_true(pidfiles_read(&pf, &b, PIDFILE_OOM_SCORE, proc_fd, name, buf, sizeof buf) > 0);
    assert_true(atoi(buf) >= before + 300);     /* 600 on either scale of the score */
    char path[64];
    long long direct;
    snprintf(path, sizeof path, "/proc/%d/oom_score", (int)child);
    assert_int_equal(procfs_read_ll(AT_FDCWD, path, &direct), 0);
    assert_int_equal(atoi(buf), (int)direct);

    kill(child, SIGKILL);
    assert_int_equal(waitpid(child, NULL, 0), child);
    assert_int_equal(pidfiles_read(&pf, &b, PIDFILE_OOM_SCORE, proc_fd, name, buf, sizeof buf), -1);
    assert_int_equal(errno, ESRCH);
    pidfiles_close(&pf, &b);
    assert_int_equal(b.held, 0);
    assert_int_equal(b.buffered, 0);
    close(proc_fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max_buffered_is_a_thousandth_of_ram),
        cmocka_unit_test(test_may_keep),
        cmocka_unit_test(test_budget_shares),
        cmocka_unit_test(test_reads_past_the_buffer_limit),
        cmocka_unit_test(test_held_oom_score_is_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
