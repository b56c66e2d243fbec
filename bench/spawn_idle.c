/* SPDX-License-Identifier: GPL-2.0-or-later
 * spawn_idle.c - start N idle processes for benchmarking a /proc scan.
 *
 *   spawn_idle N [MAX_KIB]
 *
 * Each child touches a varied amount of private memory (64 KiB up to
 * MAX_KIB, default 1024; every 100th one 8 MiB), sets a varied oom_score_adj in 0..1000 (raising
 * needs no privilege), names itself "oomtop-idle" and sleeps. Children die
 * with the parent (PR_SET_PDEATHSIG). The parent prints "READY N" once all
 * exist, then waits for SIGTERM/SIGINT/SIGHUP and kills and reaps exactly
 * the children it started.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static void child(int i, pid_t parent, size_t max_kib)
{
    char buf[16];
    size_t step = max_kib > 64 ? (max_kib - 64) / 15 : 0;
    size_t kib = (i % 100 == 0) ? 8192 : 64 + (size_t)(i % 16) * step;

    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(0);
    prctl(PR_SET_NAME, "oomtop-idle");
    char *p = mmap(NULL, kib << 10, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED)
        memset(p, 0x5a, kib << 10);
    int n = snprintf(buf, sizeof buf, "%d", (i * 37) % 1001);
    int fd = open("/proc/self/oom_score_adj", O_WRONLY);
    if (fd >= 0) {
        if (write(fd, buf, (size_t)n) < 0)
            _exit(1);
        close(fd);
    }
    for (;;)
        pause();
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    size_t max_kib = argc > 2 ? (size_t)atol(argv[2]) : 1024;
    pid_t parent = getpid();
    struct sigaction sa;

    setvbuf(stdout, NULL, _IONBF, 0);   /* children must not inherit a buffer */

    if (n <= 0) {
        fprintf(stderr, "usage: spawn_idle N [MAX_KIB]\n");
        return 2;
    }
    pid_t *kids = calloc((size_t)n, sizeof *kids);
    if (!kids)
        return 1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    int started = 0;
    for (; started < n && !stop; started++) {
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "spawn_idle: fork #%d: %s\n", started, strerror(errno));
            break;
        }
        if (pid == 0)
            child(started, parent, max_kib);
        kids[started] = pid;
    }
    printf("READY %d\n", started);
    fflush(stdout);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    while (!stop)
        sigsuspend(&old);   /* no lost wake-up between the test and the wait */
    for (int i = 0; i < started; i++)
        kill(kids[i], SIGKILL);
    for (int i = 0; i < started; i++)
        waitpid(kids[i], NULL, 0);
    free(kids);
    return started == n ? 0 : 1;
}
