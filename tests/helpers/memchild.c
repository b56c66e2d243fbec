/* SPDX-License-Identifier: GPL-2.0-or-later
 * memchild - a test process with known memory: maps and touches MIB MiB of
 * private anonymous memory, sets its own oom_score_adj (raising needs no
 * privilege) and optionally its name and thread count, prints READY, then
 * waits for stdin to close or a signal. It dies with its parent
 * (PR_SET_PDEATHSIG).
 *
 * usage: memchild MIB ADJ [NAME [THREADS]]
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

static int set_adj(const char *adj)
{
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, adj, strlen(adj));
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t)strlen(adj) ? 0 : -1;
}

/* Extra threads only exist to be seen (renice acts on every thread). */
static void *idle_thread(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

static int start_threads(const char *count)
{
    pthread_t t;
    long n = strtol(count, NULL, 10);

    for (long i = 1; i < n; i++) {
        if (pthread_create(&t, NULL, idle_thread, NULL) != 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char buf[64];

    if (argc < 3) {
        fprintf(stderr, "usage: memchild MIB ADJ [NAME [THREADS]]\n");
        return 2;
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);

    size_t len = (size_t)strtoul(argv[1], NULL, 10) << 20;
    if (len) {
        char *mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) {
            perror("memchild: mmap");
            return 1;
        }
        /* Non-zero bytes: a zero page could stay shared with the zero page. */
        memset(mem, 0x5a, len);
    }
    if (set_adj(argv[2]) < 0) {
        fprintf(stderr, "memchild: oom_score_adj %s: %s\n", argv[2],
                strerror(errno));
        return 1;
    }
    if (argc > 3)
        prctl(PR_SET_NAME, argv[3]);
    /* After the name: threads start with their creator's name. */
    if (argc > 4 && start_threads(argv[4]) < 0) {
        fprintf(stderr, "memchild: cannot start %s threads\n", argv[4]);
        return 1;
    }

    printf("READY %d\n", (int)getpid());
    fflush(stdout);
    while (read(STDIN_FILENO, buf, sizeof buf) > 0)
        ;
    return 0;
}
