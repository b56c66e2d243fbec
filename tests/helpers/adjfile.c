/* SPDX-License-Identifier: GPL-2.0-or-later
 * adjfile.c - set a process's oom_score_adj for a live test (adjfile.h).
 */
#include "config.h"

#include "adjfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int adjfile_read(pid_t pid, int *adj)
{
    char path[64], buf[16];

    snprintf(path, sizeof path, "/proc/%d/oom_score_adj", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    int saved = errno;
    close(fd);
    if (n <= 0) {
        errno = n < 0 ? saved : EIO;
        return -1;
    }
    buf[n] = '\0';
    *adj = atoi(buf);
    return 0;
}

int adjfile_write(pid_t pid, int adj)
{
    char path[64], val[16];

    snprintf(path, sizeof path, "/proc/%d/oom_score_adj", (int)pid);
    int len = snprintf(val, sizeof val, "%d", adj);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, val, (size_t)len);
    int saved = errno;
    close(fd);
    if (n != len) {
        errno = n < 0 ? saved : EIO;
        return -1;
    }
    return 0;
}
