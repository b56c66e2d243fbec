/* SPDX-License-Identifier: GPL-2.0-or-later
 * cputime.c - run a command and print its CPU time, peak RSS and wall time.
 *
 *   cputime CMD ARGS...     -> "user_us sys_us maxrss_kb status wall_us" on stderr
 *
 * The command's own stdout/stderr are left as they are. The CPU times come
 * from wait4()'s rusage (microsecond resolution), not from a sampling clock;
 * the wall time runs from just before fork() to the end of wait4().
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
    struct rusage ru;
    int status;

    if (argc < 2) {
        fprintf(stderr, "usage: cputime CMD ARGS...\n");
        return 2;
    }
    long long t0 = now_us();
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0)
        return 1;
    long long wall = now_us() - t0;
    fprintf(stderr, "%ld %ld %ld %d %lld\n",
            ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec,
            ru.ru_stime.tv_sec * 1000000L + ru.ru_stime.tv_usec,
            ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128, wall);
    return 0;
}
