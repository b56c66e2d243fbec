/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_mmpeers_live.c - a process made with clone(CLONE_VM) shares this
 * test's address space: mmpeers_find must name it (and nothing else), and
 * the kernel must indeed carry an oom_score_adj write over to it, which is
 * why simulations change peers together.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mmpeers.h"
#include "sample.h"
#include "helpers/adjfile.h"

#define STACK_SIZE (256 * 1024)

static int sleeper(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return 0;
}

static int read_adj(pid_t pid)
{
    int adj = 0;
    if (adjfile_read(pid, &adj) != 0)
        fail_msg("cannot read the oom_score_adj of pid %d", (int)pid);
    return adj;
}

static long row_of(const Snapshot *s, pid_t pid)
{
    for (size_t i = 0; i < s->nprocs; i++)
        if (s->procs[i].pid == pid)
            return (long)i;
    return -1;
}

static void test_clone_vm_peer_found(void **state)
{
    (void)state;
    char err[256];
    char *stack = malloc(STACK_SIZE);
    assert_non_null(stack);
    pid_t peer = clone(sleeper, stack + STACK_SIZE, CLONE_VM | SIGCHLD, NULL);
    assert_true(peer > 0);

    Sampler *s = sampler_open("/proc", err, sizeof err);
    assert_non_null(s);
    Snapshot *snap = sampler_refresh(s, 0);
    assert_non_null(snap);
    long me = row_of(snap, getpid()), other = row_of(snap, peer);
    assert_true(me >= 0 && other >= 0);

    size_t found[8];
    size_t n = mmpeers_find(snap->procs, snap->nprocs, (size_t)me, found, 8);
    assert_int_equal(n, 1);
    assert_int_equal(snap->procs[found[0]].pid, peer);
    /* and from the other side */
    n = mmpeers_find(snap->procs, snap->nprocs, (size_t)other, found, 8);
    assert_int_equal(n, 1);
    assert_int_equal(snap->procs[found[0]].pid, getpid());
    /* Were the peer a vfork child, the kernel would pass a write neither to
     * it nor from it (__set_oom_adj()): no peers either way. */
    snap->procs[other].flags |= PROC_IN_VFORK;
    assert_int_equal(mmpeers_find(snap->procs, snap->nprocs, (size_t)me, found, 8), 0);
    assert_int_equal(mmpeers_find(snap->procs, snap->nprocs, (size_t)other, found, 8), 0);
    snap->procs[other].flags &= ~(unsigned)PROC_IN_VFORK;
    /* a process with its own mm (pid 1, or our parent) has no peers here */
    long parent = row_of(snap, getppid());
    if (parent >= 0) {
        n = mmpeers_find(snap->procs, snap->nprocs, (size_t)parent, found, 8);
        for (size_t i = 0; i < n; i++)
            assert_int_not_equal(snap->procs[found[i]].pid, getpid());
    }

    /* the kernel writes one adj to every process of the mm (raising needs no
     * privilege): exactly what the simulation assumes */
    int before = read_adj(getpid());
    int raised = before < 900 ? before + 100 : before;
    assert_int_equal(adjfile_write(getpid(), raised), 0);
    assert_int_equal(read_adj(peer), raised);

    sampler_close(s);
    kill(peer, SIGKILL);
    waitpid(peer, NULL, 0);
    free(stack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clone_vm_peer_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
