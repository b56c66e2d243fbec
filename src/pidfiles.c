/* SPDX-License-Identifier: GPL-2.0-or-later
 * pidfiles.c - held /proc/PID file descriptors within an fd budget.
 */
#include "config.h"

#include "pidfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "procfs.h"

/* Each held file costs the kernel a struct file; past this many fds the
 * saving is not worth it. */
#define PIDFILES_MAX_HELD 60000

/* What one held statm, status or oom_score pins besides its seq_file buffer (a page):
 * the seq_file and the struct file (4352 bytes in all with 4 KiB pages,
 * as bench/filecost.c measured). */
#define BUFFERED_FILE_EXTRA 256ULL

static const char *const names[PIDFILE_COUNT] = {
    [PIDFILE_STATM] = "statm",
    [PIDFILE_STATUS] = "status",
    [PIDFILE_OOM_SCORE_ADJ] = "oom_score_adj",
    [PIDFILE_OOM_SCORE] = "oom_score",
};

void pidfiles_init(PidFiles *pf)
{
    for (int i = 0; i < PIDFILE_COUNT; i++)
        pf->fd[i] = -1;
}

void pidfiles_budget_init(PidFileBudget *b)
{
    struct rlimit rl;
    size_t soft = 1024;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < rl.rlim_max) {
            struct rlimit up = rl;
            up.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > 1048576
                              ? 1048576 : rl.rlim_max;
            if (setrlimit(RLIMIT_NOFILE, &up) == 0)
                rl = up;
        }
        soft = rl.rlim_cur == RLIM_INFINITY ? 1048576 : (size_t)rl.rlim_cur;
    }
    /* The rest of the program holds a few dozen fds at most (terminal,
     * kmsg, one cgroup or smaps file at a time); every fd beyond that
     * saves an open and a close per refresh. */
    size_t reserve = 128 + soft / 32;
    b->held = b->buffered = 0;
    b->max_held = soft > reserve ? soft - reserve : 0;
    if (b->max_held > PIDFILES_MAX_HELD)
        b->max_held = PIDFILES_MAX_HELD;
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    b->max_buffered = pages > 0 && page > 0
        ? pidfiles_max_buffered((unsigned long long)pages * (unsigned long long)page,
                                (unsigned long long)page)
        : 0;
}

size_t pidfiles_max_buffered(unsigned long long ram_bytes, unsigned long long page_bytes)
{
    return (size_t)(ram_bytes / 1000 / (page_bytes + BUFFERED_FILE_EXTRA));
}

void pidfiles_budget_share(PidFileBudget *b, size_t parts, PidFileBudget *share)
{
    size_t free_held = b->max_held > b->held ? b->max_held - b->held : 0;
    size_t free_buffered = b->max_buffered > b->buffered ? b->max_buffered - b->buffered : 0;

    *share = (PidFileBudget){ .max_held = free_held / parts,
                              .max_buffered = free_buffered / parts };
    b->max_held -= share->max_held;
    b->max_buffered -= share->max_buffered;
}

void pidfiles_budget_return(PidFileBudget *b, const PidFileBudget *share)
{
    b->held += share->held;
    b->buffered += share->buffered;
    b->max_held += share->max_held;
    b->max_buffered += share->max_buffered;
}

/* oom_score_adj has a read() of its own; the others are seq_files. */
static bool is_buffered(enum PidFile which)
{
    return which != PIDFILE_OOM_SCORE_ADJ;
}

bool pidfiles_may_keep(const PidFileBudget *b, enum PidFile which)
{
    return b->held < b->max_held && (!is_buffered(which) || b->buffered < b->max_buffered);
}

ssize_t pidfiles_read(PidFiles *pf, PidFileBudget *b, enum PidFile which,
                      int proc_fd, const char *pidname, char *buf, size_t size)
{
    char path[64];

    if (pf->fd[which] >= 0)
        return procfs_pread(pf->fd[which], buf, size);
    const char *rel = procfs_pid_path(path, sizeof path, pidname, names[which]);
    if (!pidfiles_may_keep(b, which))
        return procfs_read_one_shot_at(proc_fd, rel, buf, size);

    int fd = openat(proc_fd, rel, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    ssize_t n = procfs_pread(fd, buf, size);
    if (n < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    pf->fd[which] = fd;
    b->held++;
    b->buffered += is_buffered(which);
    return n;
}

void pidfiles_drop(PidFiles *pf, PidFileBudget *b, enum PidFile which)
{
    if (pf->fd[which] >= 0) {
        close(pf->fd[which]);
        pf->fd[which] = -1;
        b->held--;
        b->buffered -= is_buffered(which);
    }
}

void pidfiles_close(PidFiles *pf, PidFileBudget *b)
{
    for (int i = 0; i < PIDFILE_COUNT; i++)
        pidfiles_drop(pf, b, (enum PidFile)i);
}
