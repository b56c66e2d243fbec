/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_testutil.h - live test fixtures for the action tests: real child
 * processes with a known name and thread count, and what the kernel says
 * about them.
 */
#ifndef OOMTOP_ACTIONS_TESTUTIL_H
#define OOMTOP_ACTIONS_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "procid.h"

#define TEST_MAX_THREADS 8

/* Collects the audit lines a PrivCtx hands out (instead of syslog). */
typedef struct TestAudit {
    int calls;
    char last[512];
} TestAudit;

void test_audit_sink(void *arg, const char *line);

/* Forks a child that names itself `name` (comm), runs `nthreads` threads in
 * all, and sleeps until killed (or its parent dies). Returns once every
 * thread exists. */
pid_t test_child_spawn(const char *name, int nthreads);

/* Sends SIGKILL and reaps. */
void test_child_kill(pid_t pid);

/* True if pid is still our unreaped, running child. */
bool test_child_alive(pid_t pid);

/* /proc/PID/<file> as an integer; aborts the test if unreadable. */
int test_proc_int(pid_t pid, const char *file);

/* The nice of every thread of pid (getpriority on each TID of
 * /proc/PID/task). Returns the thread count. */
int test_thread_nices(pid_t pid, int *nices, int max);

/* The nice this test runs at, which its children inherit. Tests compare
 * with it rather than with 0: a CI runner or an operator may start the
 * suite under nice. */
int test_own_nice(void);

/* The adj tests expect their children to start at oom_score_adj 0, which
 * they inherit from the test. Where the suite was started at another adj,
 * this tries to set 0 (lowering may need CAP_SYS_RESOURCE) and returns
 * false, with a SKIP line printed, if the test must not run. For main(),
 * outside any test. */
bool test_start_at_adj_zero(void);

/* The identity of pid now (from the real /proc). */
ProcId test_proc_id(pid_t pid);

#endif
