/* SPDX-License-Identifier: GPL-2.0-or-later
 * kmsg.c - reads /dev/kmsg without blocking and hands each record to the
 * OOM log. One read() returns exactly one record (dev-kmsg ABI); a saved
 * copy in a regular file is read line by line instead.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kmsg.h"

struct Kmsg {
    int fd;
    FILE *file;                 /* a saved log instead of the device */
    bool drained_once;
    unsigned long long lost;
    unsigned long long next_seq;
    bool have_seq;
    char err[256];
    char buf[KMSG_RECORD_MAX];
};

static int dmesg_restrict(void)
{
    FILE *f = fopen("/proc/sys/kernel/dmesg_restrict", "re");
    int v = -1;

    if (f) {
        if (fscanf(f, "%d", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

static void open_error(const char *path, int e, char *err, size_t errlen)
{
    if (e == EPERM || e == EACCES) {
        int r = dmesg_restrict();
        snprintf(err, errlen, "cannot read %s: %s: the kernel log needs root or "
                 "CAP_SYSLOG%s", path, strerror(e),
                 r == 1 ? " (kernel.dmesg_restrict = 1)" :
                 r == 0 ? " (or write access to the device)" : "");
    } else if (e == ENOENT) {
        snprintf(err, errlen, "cannot read %s: it does not exist (kernel before 3.5, "
                 "or a container without /dev/kmsg)", path);
    } else {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(e));
    }
}

Kmsg *kmsg_open(const char *path, char *err, size_t errlen)
{
    struct stat st;
    Kmsg *k = calloc(1, sizeof(*k));
    int fd;

    if (!k) {
        snprintf(err, errlen, "cannot read %s: out of memory", path);
        return NULL;
    }
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0) {
        open_error(path, errno, err, errlen);
        if (fd >= 0)
            close(fd);
        free(k);
        return NULL;
    }
    k->fd = fd;
    if (S_ISREG(st.st_mode)) {
        k->file = fdopen(fd, "r");
        if (!k->file) {
            open_error(path, errno, err, errlen);
            close(fd);
            free(k);
            return NULL;
        }
    } else {
        lseek(fd, 0, SEEK_SET);     /* from the oldest retained record */
    }
    return k;
}

/* Wall clock at boot: what dmesg -T uses. */
static double boot_wall_s(void)
{
    struct timespec rt, bt;

    clock_gettime(CLOCK_REALTIME, &rt);
    if (clock_gettime(CLOCK_BOOTTIME, &bt) != 0)
        clock_gettime(CLOCK_MONOTONIC, &bt);
    return (double)(rt.tv_sec - bt.tv_sec) + (double)(rt.tv_nsec - bt.tv_nsec) / 1e9;
}

/* Next record into k->buf: length, 0 when nothing more for now, -1 on error. */
static ssize_t next_record(Kmsg *k, OomLog *log)
{
    for (;;) {
        ssize_t n;

        if (k->file) {
            if (!fgets(k->buf, sizeof(k->buf), k->file))
                return 0;
            n = (ssize_t)strlen(k->buf);
            if (k->buf[0] == ' ')       /* a dictionary line of the previous record */
                continue;
            return n;
        }
        n = read(k->fd, k->buf, sizeof(k->buf));
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN)
            return 0;
        if (errno == EPIPE) {           /* overwritten before we read it */
            oomlog_gap(log);        /* the next seq tells how many */
            continue;
        }
        snprintf(k->err, sizeof(k->err), "reading the kernel log: %s", strerror(errno));
        return -1;
    }
}

static void count_gap(Kmsg *k, OomLog *log, unsigned long long seq)
{
    if (k->have_seq && seq != k->next_seq) {
        if (seq > k->next_seq)
            k->lost += seq - k->next_seq;
        oomlog_gap(log);
    }
    k->next_seq = seq + 1;
    k->have_seq = true;
}

long kmsg_poll(Kmsg *k, OomLog *log, size_t max_records)
{
    double boot = boot_wall_s();
    long count = 0;

    k->err[0] = '\0';
    if (k->file)
        clearerr(k->file);          /* a growing saved log is followed */
    for (;;) {
        KmsgRecord rec;
        ssize_t n;

        if (max_records && (size_t)count >= max_records)
            return count;
        n = next_record(k, log);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        count++;
        if (kmsg_parse_record(k->buf, (size_t)n, &rec) != 0)
            continue;
        count_gap(k, log, rec.seq);
        oomlog_feed(log, &rec, boot);
    }
    if (!k->drained_once) {
        k->drained_once = true;
        oomlog_mark_live(log);
    }
    return count;
}

unsigned long long kmsg_lost(const Kmsg *k)
{
    return k->lost;
}

const char *kmsg_error(const Kmsg *k)
{
    return k->err;
}

void kmsg_close(Kmsg *k)
{
    if (!k)
        return;
    if (k->file)
        fclose(k->file);
    else
        close(k->fd);
    free(k);
}
