/* SPDX-License-Identifier: GPL-2.0-or-later
 * memhog - a process meant to be OOM-killed inside a small memory cgroup:
 * names itself and raises its oom_score_adj first (so the kernel log names
 * it and it is the victim), optionally moves itself into a cgroup (writes
 * its pid to CGROUP_PROCS), touches FIRST_MIB MiB, prints READY, then on
 * one line from stdin touches 1 MiB more at a time up to MAX_MIB in all.
 * Exits 3 if it was never killed (the limit did not hold), so a test can
 * tell; the machine is never at risk beyond MAX_MIB. Dies with its parent.
 *
 * usage: memhog FIRST_MIB MAX_MIB ADJ NAME [CGROUP_PROCS]
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Every block stays reachable, so the compiler cannot drop the memset. */
static char *volatile blocks[4096];
static size_t nblocks;

static void touch_mib(void)
{
    char *p = malloc(1 << 20);
    if (!p || nblocks == sizeof blocks / sizeof blocks[0]) {
        fprintf(stderr, "memhog: out of memory before the limit\n");
        exit(4);
    }
    memset(p, 0x5a, 1 << 20);   /* non-zero: really resident */
    blocks[nblocks++] = p;
}

int main(int argc, char **argv)
{
    char pid[32], line[64];

    if (argc < 5) {
        fprintf(stderr, "usage: memhog FIRST_MIB MAX_MIB ADJ NAME [CGROUP_PROCS]\n");
        return 2;
    }
    long first = strtol(argv[1], NULL, 10), max = strtol(argv[2], NULL, 10);
    if (first < 0 || max < first || max > 4096) {
        fprintf(stderr, "memhog: need 0 <= FIRST_MIB <= MAX_MIB <= 4096\n");
        return 2;
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    prctl(PR_SET_NAME, argv[4]);
    if (write_file("/proc/self/oom_score_adj", argv[3]) != 0) {
        fprintf(stderr, "memhog: oom_score_adj %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    if (argc > 5 && write_file(argv[5], pid) != 0) {
        fprintf(stderr, "memhog: %s: %s\n", argv[5], strerror(errno));
        return 1;
    }
    for (long i = 0; i < first; i++)
        touch_mib();
    printf("READY %s\n", pid);
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin))
        return 0;               /* stdin closed: not asked to grow */
    for (long i = first; i < max; i++)
        touch_mib();
    printf("SURVIVED\n");
    return 3;
}
