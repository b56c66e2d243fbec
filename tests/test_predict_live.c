/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_predict_live.c - the OOM predictor against the running kernel:
 * children with known memory and oom_score_adj, sampled through the real
 * sampler; the predicted order, scores and simulated adjustments must agree
 * with what /proc/PID/oom_score says.
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
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "badness.h"
#include "mmpeers.h"
#include "procfs.h"
#include "sample.h"
#include "sample_proc.h"
#include "helpers/adjfile.h"

#define NCHILD 6
#define SNAPSHOT_TRIES 10

typedef struct Child {
    int mib;
    int adj;
    pid_t pid;
    int stdin_fd;
} Child;

/* Kernel scores on the reference machine (T = 6171024): 1066, 870, 866,
 * 734, 673, 668 -- distinct, so the kernel's order is unambiguous. */
static Child children[NCHILD] = {
    { 8, 600, 0, -1 },      /* next victim: adj 600 is worth ~14 GiB */
    { 128, 300, 0, -1 },
    { 16, 300, 0, -1 },     /* same adj, fewer pages: one unit behind */
    { 32, 100, 0, -1 },
    { 256, 0, 0, -1 },
    { 64, 0, 0, -1 },
};

static const char *helper_path(void)
{
    static char path[4096];
    const char *dir = getenv("TESTS_HELPERS");

    snprintf(path, sizeof path, "%s/memchild", dir ? dir : BUILD_DIR "/tests/helpers");
    return path;
}

static int spawn_child(Child *c)
{
    int in[2], out[2];
    char mib[16], adj[16], line[64];

    if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0)
        return -1;
    snprintf(mib, sizeof mib, "%d", c->mib);
    snprintf(adj, sizeof adj, "%d", c->adj);
    c->pid = fork();
    if (c->pid < 0)
        return -1;
    if (c->pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        execl(helper_path(), "memchild", mib, adj, "predict-child", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    c->stdin_fd = in[1];
    ssize_t n = read(out[0], line, sizeof line - 1);
    close(out[0]);
    return n > 0 && strncmp(line, "READY", 5) == 0 ? 0 : -1;
}

static void reap_children(void)
{
    for (size_t i = 0; i < NCHILD; i++) {
        if (children[i].stdin_fd >= 0)
            close(children[i].stdin_fd);
        if (children[i].pid > 0) {
            kill(children[i].pid, SIGKILL);
            waitpid(children[i].pid, NULL, 0);
        }
        children[i].pid = 0;
        children[i].stdin_fd = -1;
    }
}

static int setup(void **state)
{
    (void)state;
    for (size_t i = 0; i < NCHILD; i++) {
        if (spawn_child(&children[i]) < 0) {
            fprintf(stderr, "cannot start %s (%s)\n", helper_path(), strerror(errno));
            reap_children();
            return -1;
        }
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    reap_children();
    return 0;
}

static Snapshot *take(Sampler **s)
{
    char err[256];

    if (!*s)
        *s = sampler_open("/proc", err, sizeof err);
    if (!*s)
        fail_msg("sampler_open: %s", err);
    Snapshot *snap = sampler_refresh(*s, 0);
    if (!snap)
        fail_msg("sampler_refresh: %s", sampler_error(*s));
    return snap;
}

static ProcSample *find(Snapshot *snap, pid_t pid)
{
    for (size_t i = 0; i < snap->nprocs; i++)
        if (snap->procs[i].pid == pid)
            return &snap->procs[i];
    return NULL;
}

/* Our children, as copies, in the order the predictor ranks them. */
static void children_by_rank(Snapshot *snap, ProcSample *out)
{
    for (size_t i = 0; i < NCHILD; i++) {
        ProcSample *p = find(snap, children[i].pid);
        assert_non_null(p);
        assert_true(p->oom_eligible);
        assert_true(p->flags & PROC_OOM_SCORE_OK);
        out[i] = *p;
    }
    for (size_t i = 1; i < NCHILD; i++)
        for (size_t j = i; j > 0 && out[j].oom_rank < out[j - 1].oom_rank; j--) {
            ProcSample t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
}

static void test_children_order_and_scores(void **state)
{
    (void)state;
    Sampler *s = NULL;
    Snapshot *snap = take(&s);
    OomSummary sum;
    ProcSample ranked[NCHILD];

    assert_int_equal(oom_rank_snapshot(snap, &sum), 0);
    children_by_rank(snap, ranked);
    for (size_t i = 0; i < NCHILD; i++) {
        /* Every child is static, so no race excuses a difference; the drift
         * of the kernel's RSS counters may, by one step at most. */
        if (oom_score_drifts(&ranked[i]))
            printf("# child %zu: kernel %d, predicted %d, within the RSS drift\n", i,
                   ranked[i].oom_score, ranked[i].oom_score_predicted);
        else
            assert_int_equal(ranked[i].oom_score_predicted, ranked[i].oom_score);
        assert_int_equal(ranked[i].pid, children[i].pid);
        if (i > 0)
            assert_true(ranked[i - 1].oom_score > ranked[i].oom_score);
    }
    sampler_close(s);
}

/* Every process the kernel scores: a row may differ once (it grew between
 * the reads of status and oom_score), never in every snapshot, unless the
 * drift of the kernel's per-CPU RSS counters explains it (counted apart). */
static void test_all_scores_match(void **state)
{
    (void)state;
    Sampler *s = NULL;
    pid_t stubborn[64];
    size_t nstubborn = 0, checked = 0, drift = 0;

    for (int round = 0; round < SNAPSHOT_TRIES; round++) {
        Snapshot *snap = take(&s);
        OomSummary sum;
        assert_int_equal(oom_rank_snapshot(snap, &sum), 0);
        assert_int_equal(sum.scale, OOM_SCALE_2000);
        size_t still = 0;
        for (size_t i = 0; i < snap->nprocs; i++) {
            ProcSample *p = &snap->procs[i];
            bool was = round == 0;
            for (size_t k = 0; k < nstubborn && !was; k++)
                was = stubborn[k] == p->pid;
            if (round == 0 && (p->flags & PROC_OOM_SCORE_OK))
                checked++;
            if (round == 0)
                drift += oom_score_drifts(p);
            if (was && oom_score_differs(p) && still < 64)
                stubborn[still++] = p->pid;
        }
        nstubborn = still;
        if (nstubborn == 0)
            break;
        struct timespec pause = { 0, 50 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
    printf("# %zu processes scored by the kernel; %zu differ in every snapshot; %zu differed"
           " within the RSS drift (%lld pages)\n", checked, nstubborn, drift,
           sample_proc_drift_pages());
    for (size_t k = 0; k < nstubborn; k++)
        printf("# pid %d: predicted score never matched\n", (int)stubborn[k]);
    assert_true(checked >= NCHILD);
    assert_int_equal(nstubborn, 0);
    sampler_close(s);
}

/* A helper that vforks a child which never execs: the helper stays blocked
 * in vfork() and the child shares its mm until it is killed. Returns the
 * helper; the child's pid goes to *child. */
static pid_t spawn_vfork_pair(pid_t *child)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t helper = fork();
    assert_true(helper >= 0);
    if (helper == 0) {
        pid_t parent = getppid();
        close(fds[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(1);
        char *mem = malloc(4 << 20);    /* an mm with pages worth a score */
        if (mem)
            memset(mem, 1, 4 << 20);
        if (vfork() == 0) {
            /* Only what a vfork child may do: its own syscalls, no return. */
            pid_t me = (pid_t)syscall(SYS_getpid);
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (write(fds[1], &me, sizeof me) != (ssize_t)sizeof me)
                _exit(1);
            for (;;)
                pause();
        }
        _exit(0);
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], child, sizeof *child), (ssize_t)sizeof *child);
    close(fds[0]);
    return helper;
}

/* The kernel skips a vfork child (oom_score 0): so must the ranking, and
 * the explanation says why, while the parent it shares memory with ranks. */
static void test_vfork_child_is_not_a_candidate(void **state)
{
    (void)state;
    long long own_adj = 0;
    if (!mmpeers_same_mm(getpid(), getpid())) {
        print_message("SKIP: kcmp(2) is refused here (no CONFIG_KCMP, or a seccomp filter)\n");
        skip();
    }
    if (procfs_read_ll(AT_FDCWD, "/proc/self/oom_score_adj", &own_adj) < 0 || own_adj < -997) {
        print_message("SKIP: started with oom_score_adj %lld, which scores a small process 0\n",
                      own_adj);
        skip();
    }
    pid_t child, helper = spawn_vfork_pair(&child);
    Sampler *s = NULL;
    Snapshot *snap = take(&s);
    OomSummary sum;
    char path[64];
    long long kernel_score = -1, helper_score = -1;

    snprintf(path, sizeof path, "/proc/%d/oom_score", (int)child);
    assert_int_equal(procfs_read_ll(AT_FDCWD, path, &kernel_score), 0);
    snprintf(path, sizeof path, "/proc/%d/oom_score", (int)helper);
    assert_int_equal(procfs_read_ll(AT_FDCWD, path, &helper_score), 0);
    assert_int_equal(kernel_score, 0);
    assert_true(helper_score > 0);

    assert_int_equal(oom_rank_snapshot(snap, &sum), 0);
    ProcSample *c = find(snap, child), *h = find(snap, helper);
    assert_non_null(c);
    assert_non_null(h);
    assert_true(c->flags & PROC_IN_VFORK);
    assert_false(h->flags & PROC_IN_VFORK);
    assert_false(c->oom_eligible);
    assert_int_equal(c->oom_rank, 0);
    assert_int_equal(c->oom_score, 0);
    assert_false(oom_score_differs(c));
    assert_string_equal(oom_ineligible_reason(oom_eligibility(c)),
                        "vfork child (shares its parent's memory)");
    assert_true(h->oom_eligible);
    assert_true(h->oom_rank > 0);
    assert_int_equal(h->oom_score, helper_score);
    /* The kernel passes no adj write between a vfork child and its parent. */
    size_t peers[4];
    assert_int_equal(mmpeers_find(snap->procs, snap->nprocs, (size_t)(c - snap->procs), peers, 4), 0);
    assert_int_equal(mmpeers_find(snap->procs, snap->nprocs, (size_t)(h - snap->procs), peers, 4), 0);

    /* Once the child is gone the helper returns from vfork and exits. */
    kill(child, SIGKILL);
    kill(helper, SIGKILL);
    assert_int_equal(waitpid(helper, NULL, 0), helper);
    sampler_close(s);
}

static void test_simulations_match_kernel(void **state)
{
    (void)state;
    Sampler *s = NULL;
    Snapshot *snap = take(&s);
    OomSummary sum;
    OomVictims v;
    ProcSample ranked[NCHILD];
    long long t = oom_global_totalpages(&snap->mem, snap->page_kb);

    assert_int_equal(oom_rank_snapshot(snap, &sum), 0);
    children_by_rank(snap, ranked);
    /* Protecting the top child (on the copy): the kernel's second-highest
     * score is next. */
    ranked[0].oom_score_adj = -1000;
    oom_pick_victims(ranked, NCHILD, snap->page_kb, t, &v);
    assert_int_equal(ranked[v.victim].pid, children[1].pid);
    assert_int_equal(ranked[v.runner_up].pid, children[2].pid);
    /* On the whole machine, protecting the victim promotes the runner-up. */
    int victim_adj = snap->procs[sum.victim].oom_score_adj;
    snap->procs[sum.victim].oom_score_adj = -1000;
    oom_pick_victims(snap->procs, snap->nprocs, snap->page_kb, t, &v);
    snap->procs[sum.victim].oom_score_adj = victim_adj;
    assert_int_equal(snap->procs[v.victim].pid, snap->procs[sum.runner_up].pid);

    /* Raising needs no privilege: simulate adj 1000 on the smallest-scored
     * child, then do it for real and let the kernel confirm. */
    pid_t last = children[NCHILD - 1].pid;
    children_by_rank(snap, ranked);
    for (size_t i = 0; i < NCHILD; i++)
        if (ranked[i].pid == last)
            ranked[i].oom_score_adj = 1000;
    oom_pick_victims(ranked, NCHILD, snap->page_kb, t, &v);
    assert_int_equal(ranked[v.victim].pid, last);
    assert_int_equal(ranked[v.runner_up].pid, children[0].pid);
    long long predicted_pages = v.victim_pages;
    assert_int_equal(adjfile_write(last, 1000), 0);
    snap = take(&s);
    assert_int_equal(oom_rank_snapshot(snap, &sum), 0);
    ProcSample *p = find(snap, last);
    assert_non_null(p);
    assert_int_equal(p->badness_pages, predicted_pages);
    assert_int_equal(p->oom_score, p->oom_score_predicted);
    assert_true(p->oom_score > find(snap, children[0].pid)->oom_score);
    sampler_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_children_order_and_scores),
        cmocka_unit_test(test_all_scores_match),
        cmocka_unit_test(test_simulations_match_kernel),
        cmocka_unit_test(test_vfork_child_is_not_a_candidate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
