/* SPDX-License-Identifier: GPL-2.0-or-later
 * opencount.c - LD_PRELOAD library that counts the opens of one path, to
 * count the refreshes of an interactive viewer without tracing it.
 *
 *   OPENCOUNT_PATH=loadavg OPENCOUNT_FILE=/tmp/n LD_PRELOAD=./opencount.so CMD
 *
 * OPENCOUNT_PATH is compared with the path argument exactly as the program
 * passes it (oomtop opens "loadavg" relative to its /proc fd, htop opens
 * "/proc/meminfo"). The count is a 64-bit integer at offset 0 of
 * OPENCOUNT_FILE, a shared mapping, so it can be read at any moment with
 * `od -An -tu8 FILE` while the program runs. Cost: one strcmp per open.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *watched;
static uint64_t *count;

__attribute__((constructor)) static void opencount_init(void)
{
    const char *file = getenv("OPENCOUNT_FILE");

    watched = getenv("OPENCOUNT_PATH");
    if (!watched || !file)
        return;
    /* The raw syscall: open() itself is wrapped below. */
    int fd = (int)syscall(SYS_openat, AT_FDCWD, file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    if (ftruncate(fd, sizeof *count) == 0) {
        void *m = mmap(NULL, sizeof *count, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED)
            count = m;
    }
    close(fd);
}

static void seen(const char *path)
{
    if (count && path && strcmp(path, watched) == 0)
        __atomic_fetch_add(count, 1, __ATOMIC_RELAXED);
}

/* The next definition of `name` (libc's), looked up once. */
#define REAL(name) \
    static __typeof__(name) *real_##name; \
    if (!real_##name) \
        real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(ap, mode_t) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    REAL(open);
    seen(path);
    return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    REAL(open64);
    seen(path);
    return real_open64(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    REAL(openat);
    seen(path);
    return real_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = mode_arg(flags, ap);
    va_end(ap);
    REAL(openat64);
    seen(path);
    return real_openat64(dirfd, path, flags, mode);
}

/* The checked variants that _FORTIFY_SOURCE builds call. */
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);

int __open_2(const char *path, int flags)
{
    REAL(__open_2);
    seen(path);
    return real___open_2(path, flags);
}

int __open64_2(const char *path, int flags)
{
    REAL(__open64_2);
    seen(path);
    return real___open64_2(path, flags);
}

int __openat_2(int dirfd, const char *path, int flags)
{
    REAL(__openat_2);
    seen(path);
    return real___openat_2(dirfd, path, flags);
}

int __openat64_2(int dirfd, const char *path, int flags)
{
    REAL(__openat64_2);
    seen(path);
    return real___openat64_2(dirfd, path, flags);
}

FILE *fopen(const char *path, const char *mode)
{
    REAL(fopen);
    seen(path);
    return real_fopen(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    REAL(fopen64);
    seen(path);
    return real_fopen64(path, mode);
}

DIR *opendir(const char *path)
{
    REAL(opendir);
    seen(path);
    return real_opendir(path);
}
