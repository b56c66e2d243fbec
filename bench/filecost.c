/* SPDX-License-Identifier: GPL-2.0-or-later
 * filecost.c - what each /proc/PID file costs to read, per process: opened,
 * read and closed (a cold read, as on a first refresh), and re-read with
 * pread on a descriptor kept open (a warm refresh). The least of 3 passes
 * over every process, CPU time (user+sys) from getrusage. Also what a kept
 * descriptor pins in kernel memory: the growth of SUnreclaim (/proc/meminfo)
 * while one is held per process (a struct file each, and for files the
 * kernel generates through seq_file, that file's buffer of at least a page).
 *
 *   filecost [FILE ...]     (default: stat status statm oom_score oom_score_adj)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#define PASSES 3

static double cpu_us(void)
{
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1e6 + r.ru_utime.tv_usec + r.ru_stime.tv_usec;
}

static long long sunreclaim_kb(void)
{
    char line[256];
    long long kb = -1;
    FILE *f = fopen("/proc/meminfo", "r");

    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "SUnreclaim: %lld", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static int list_pids(DIR *proc, int **pids)
{
    struct dirent *de;
    int n = 0, cap = 0;

    rewinddir(proc);
    while ((de = readdir(proc)) != NULL) {
        if (de->d_name[0] < '1' || de->d_name[0] > '9')
            continue;
        if (n == cap && !(*pids = realloc(*pids, (size_t)(cap = cap ? 2 * cap : 1024) * sizeof **pids))) {
            perror("filecost");
            exit(1);
        }
        (*pids)[n++] = atoi(de->d_name);
    }
    return n;
}

static int open_file(int proc_fd, int pid, const char *file)
{
    char path[64];
    snprintf(path, sizeof path, "%d/%s", pid, file);
    return openat(proc_fd, path, O_RDONLY | O_CLOEXEC);
}

/* Least CPU time of PASSES passes, in us per process read (a process that
 * has gone, or refuses the file, is not counted). */
static double cold(int proc_fd, const int *pids, int n, const char *file)
{
    char buf[4096];
    double best = 1e300;
    int done = 0;

    for (int pass = 0; pass < PASSES; pass++) {
        double t0 = cpu_us();
        done = 0;
        for (int i = 0; i < n; i++) {
            int fd = open_file(proc_fd, pids[i], file);
            if (fd < 0)
                continue;
            if (read(fd, buf, sizeof buf) > 0)
                done++;
            close(fd);
        }
        double t = cpu_us() - t0;
        best = t < best ? t : best;
    }
    return done ? best / done : 0.0;
}

static double warm(int proc_fd, const int *pids, int n, const char *file, int *fds,
                   double *pinned_bytes)
{
    char buf[4096];
    double best = 1e300;
    long long before = sunreclaim_kb();
    int held = 0;

    for (int i = 0; i < n; i++) {
        fds[i] = open_file(proc_fd, pids[i], file);
        held += fds[i] >= 0;
    }
    if (held == 0) {
        *pinned_bytes = 0.0;
        return 0.0;
    }
    for (int pass = 0; pass < PASSES; pass++) {
        double t0 = cpu_us();
        for (int i = 0; i < n; i++)
            if (fds[i] >= 0 && pread(fds[i], buf, sizeof buf, 0) < 0)
                buf[0] = 0;
        double t = cpu_us() - t0;
        best = t < best ? t : best;
    }
    *pinned_bytes = (double)(sunreclaim_kb() - before) * 1024.0 / held;
    for (int i = 0; i < n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    return best / held;
}

int main(int argc, char **argv)
{
    static const char *const defaults[] = { "stat", "status", "statm", "oom_score",
                                            "oom_score_adj", NULL };
    const char *const *files = argc > 1 ? (const char *const *)argv + 1 : defaults;
    struct rlimit rl = { 0, 0 };
    int *pids = NULL;
    DIR *proc = opendir("/proc");

    if (!proc) {
        perror("filecost: /proc");
        return 1;
    }
    /* One descriptor per process is held at a time: raise the soft limit,
     * then trust only what the kernel took. */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        struct rlimit want = { rl.rlim_max, rl.rlim_max };
        setrlimit(RLIMIT_NOFILE, &want);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    int n = list_pids(proc, &pids);
    int *fds = malloc((size_t)n * sizeof *fds);
    if (!fds || n == 0 || (rlim_t)n + 16 > rl.rlim_cur) {
        fprintf(stderr, "filecost: %d processes, %lu descriptors allowed\n", n,
                (unsigned long)rl.rlim_cur);
        return 1;
    }
    printf("%-16s %10s %10s %14s   (us of CPU per process, %d processes)\n", "file", "cold",
           "kept open", "kept bytes", n);
    for (; *files; files++) {
        double c = cold(dirfd(proc), pids, n, *files), pinned;
        double w = warm(dirfd(proc), pids, n, *files, fds, &pinned);
        printf("%-16s %10.2f %10.2f %14.0f\n", *files, c, w, pinned);
    }
    double t0 = cpu_us();
    for (int i = 0; i < n; i++)
        getpriority(PRIO_PROCESS, (id_t)pids[i]);
    printf("%-16s %10.2f %10s %14s\n", "getpriority()", (cpu_us() - t0) / n, "-", "-");
    free(fds);
    free(pids);
    closedir(proc);
    return 0;
}
