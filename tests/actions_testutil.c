/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_testutil.c - real child processes for the live action tests.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "actions_testutil.h"
#include "procfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

void test_audit_sink(void *arg, const char *line)
{
    TestAudit *a = arg;

    a->calls++;
    snprintf(a->last, sizeof a->last, "%s", line);
}

static void *sleeper(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

static void child_main(const char *name, int nthreads, int ready_fd)
{
    pthread_t t;

    prctl(PR_SET_PDEATHSIG, SIGKILL);
    /* Threads inherit the creator's comm, so name first. */
    prctl(PR_SET_NAME, name);
    for (int i = 1; i < nthreads; i++) {
        if (pthread_create(&t, NULL, sleeper, NULL) != 0)
            _exit(3);
    }
    if (write(ready_fd, "r", 1) != 1)
        _exit(4);
    close(ready_fd);
    for (;;)
        pause();
}

pid_t test_child_spawn(const char *name, int nthreads)
{
    int fds[2];
    char c;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child_main(name, nthreads, fds[1]);
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &c, 1), 1);
    close(fds[0]);
    return pid;
}

void test_child_kill(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

bool test_child_alive(pid_t pid)
{
    int status;

    return waitpid(pid, &status, WNOHANG) == 0;
}

int test_proc_int(pid_t pid, const char *file)
{
    char path[64], buf[32];
    FILE *f;

    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    return atoi(buf);
}

int test_thread_nices(pid_t pid, int *nices, int max)
{
    char path[64];
    struct dirent *de;
    DIR *d;
    int n = 0;

    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    d = opendir(path);
    assert_non_null(d);
    while ((de = readdir(d)) != NULL && n < max) {
        if (de->d_name[0] == '.')
            continue;
        errno = 0;
        int v = getpriority(PRIO_PROCESS, (id_t)atoi(de->d_name));
        assert_int_equal(errno, 0);
        nices[n++] = v;
    }
    closedir(d);
    return n;
}

static int own_adj(void)
{
    long long v;
    return procfs_read_ll(AT_FDCWD, "/proc/self/oom_score_adj", &v) == 0 ? (int)v : -1001;
}

bool test_start_at_adj_zero(void)
{
    int was = own_adj();
    if (was == 0)
        return true;
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t w = write(fd, "0", 1);      /* read back below, whatever it says */
        (void)w;
        close(fd);
    }
    if (own_adj() == 0)
        return true;
    printf("SKIP: these tests expect to start at oom_score_adj 0; started at %d, and could"
           " not set 0 (lowering it needs CAP_SYS_RESOURCE)\n", was);
    return false;
}

int test_own_nice(void)
{
    errno = 0;
    int v = getpriority(PRIO_PROCESS, 0);
    assert_int_equal(errno, 0);
    return v;
}

ProcId test_proc_id(pid_t pid)
{
    ProcId id;
    char err[256];
    int fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    assert_true(fd >= 0);
    assert_int_equal(procid_lookup(fd, pid, &id, err, sizeof err), 0);
    close(fd);
    return id;
}
