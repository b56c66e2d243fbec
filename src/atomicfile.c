/* SPDX-License-Identifier: GPL-2.0-or-later
 * atomicfile.c - all-or-nothing file replacement (temp, fsync, rename,
 * fsync of the directory) and mkdir -p for the directories it writes into.
 */
#include "config.h"

#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Room for ".", the name prefix, ".PID.N.tmp" within NAME_MAX. */
#define TMP_NAME_PREFIX_MAX 200

static void set_err(char *err, size_t errlen, const char *what, const char *path, int e)
{
    snprintf(err, errlen, "%s %s: %s", what, path, strerror(e));
}

/* Splits `path` into its directory (opened) and its last component. */
static int open_parent(const char *path, char *name, size_t namelen, char *err, size_t errlen)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[PATH_MAX];

    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || strlen(base) >= namelen) {
        snprintf(err, errlen, "%s: not a file name", path);
        return -1;
    }
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, errlen, "cannot open directory", dir, errno);
        return -1;
    }
    snprintf(name, namelen, "%s", base);
    return fd;
}

/* Creates a fresh temp file in af->dir_fd; returns its fd or -1 (errno). */
static int create_temp(AtomicFile *af, mode_t mode)
{
    int fd = -1;
    for (unsigned i = 0; fd < 0 && i < 1000; i++) {
        snprintf(af->tmp, sizeof af->tmp, ".%.*s.%ld.%u.tmp", TMP_NAME_PREFIX_MAX, af->name,
                 (long)getpid(), i);
        fd = openat(af->dir_fd, af->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    mode);
        if (fd < 0 && errno != EEXIST)
            return -1;
    }
    if (fd >= 0 && fchmod(fd, mode) < 0) {
        int e = errno;
        close(fd);
        unlinkat(af->dir_fd, af->tmp, 0);
        errno = e;
        return -1;
    }
    return fd;
}

int atomicfile_begin_at(AtomicFile *af, int dir_fd, const char *name, const char *shown,
                        mode_t mode, char *err, size_t errlen)
{
    memset(af, 0, sizeof *af);
    af->dir_fd = -1;
    snprintf(af->path, sizeof af->path, "%s", shown);
    if (!*name || strchr(name, '/') || strlen(name) >= sizeof af->name) {
        snprintf(err, errlen, "%s: not a file name", shown);
        return -1;
    }
    snprintf(af->name, sizeof af->name, "%s", name);
    af->dir_fd = fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
    if (af->dir_fd < 0) {
        set_err(err, errlen, "cannot write", shown, errno);
        return -1;
    }
    int fd = create_temp(af, mode);
    if (fd >= 0 && !(af->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlinkat(af->dir_fd, af->tmp, 0);
        errno = e;
        fd = -1;
    }
    if (fd < 0) {
        set_err(err, errlen, "cannot create a temporary file for", shown, errno);
        close(af->dir_fd);
        af->dir_fd = -1;
        return -1;
    }
    return 0;
}

int atomicfile_begin(AtomicFile *af, const char *path, mode_t mode, char *err, size_t errlen)
{
    char name[NAME_MAX + 1];
    int dfd = open_parent(path, name, sizeof name, err, errlen);
    if (dfd < 0) {
        memset(af, 0, sizeof *af);
        af->dir_fd = -1;
        return -1;
    }
    int rc = atomicfile_begin_at(af, dfd, name, path, mode, err, errlen);
    close(dfd);
    return rc;
}

void atomicfile_abort(AtomicFile *af)
{
    if (af->f) {
        fclose(af->f);
        af->f = NULL;
    }
    if (af->dir_fd >= 0) {
        unlinkat(af->dir_fd, af->tmp, 0);
        close(af->dir_fd);
        af->dir_fd = -1;
    }
}

/* Ends the temp file's life as a file of its own: data on disk, closed. */
static int finish_temp(AtomicFile *af)
{
    FILE *f = af->f;
    af->f = NULL;
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    int e = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    errno = e;
    return ok ? 0 : -1;
}

int atomicfile_commit(AtomicFile *af, char *err, size_t errlen)
{
    if (!af->f || af->dir_fd < 0) {
        snprintf(err, errlen, "%s: nothing to commit", af->path);
        return -1;
    }
    if (finish_temp(af) < 0) {
        set_err(err, errlen, "cannot write", af->path, errno);
        atomicfile_abort(af);
        return -1;
    }
    if (renameat(af->dir_fd, af->tmp, af->dir_fd, af->name) < 0) {
        set_err(err, errlen, "cannot replace", af->path, errno);
        atomicfile_abort(af);
        return -1;
    }
    /* Without this the rename itself may not survive a power cut. */
    int rc = 0;
    if (fsync(af->dir_fd) < 0) {
        set_err(err, errlen, "wrote, but could not sync the directory of", af->path, errno);
        rc = -1;
    }
    close(af->dir_fd);
    af->dir_fd = -1;
    return rc;
}

/* The rest of a whole replacement once the temp file exists. */
static int write_and_commit(AtomicFile *af, const void *data, size_t len, char *err,
                            size_t errlen)
{
    if (len > 0 && fwrite(data, 1, len, af->f) != len) {
        set_err(err, errlen, "cannot write", af->path, errno);
        atomicfile_abort(af);
        return -1;
    }
    return atomicfile_commit(af, err, errlen);
}

int atomicfile_write(const char *path, const void *data, size_t len, mode_t mode,
                     char *err, size_t errlen)
{
    AtomicFile af;
    if (atomicfile_begin(&af, path, mode, err, errlen) < 0)
        return -1;
    return write_and_commit(&af, data, len, err, errlen);
}

int atomicfile_write_at(int dir_fd, const char *name, const char *shown, const void *data,
                        size_t len, mode_t mode, char *err, size_t errlen)
{
    AtomicFile af;
    if (atomicfile_begin_at(&af, dir_fd, name, shown, mode, err, errlen) < 0)
        return -1;
    return write_and_commit(&af, data, len, err, errlen);
}

/* Creates one directory level; fsyncs its parent when it was new. */
static int mkdir_one(const char *dir, mode_t mode, char *err, size_t errlen)
{
    struct stat st;
    if (mkdir(dir, mode) < 0) {
        if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
        set_err(err, errlen, "cannot create directory", dir, errno == EEXIST ? ENOTDIR : errno);
        return -1;
    }
    char parent[PATH_MAX];
    const char *slash = strrchr(dir, '/');
    snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - dir) : 0, dir);
    int pfd = open(slash ? (parent[0] ? parent : "/") : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pfd >= 0) {
        fsync(pfd);
        close(pfd);
    }
    return 0;
}

int atomicfile_mkdirs(const char *dir, mode_t mode, char *err, size_t errlen)
{
    char buf[PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof buf) {
        snprintf(err, errlen, "'%.40s': not a directory name", dir);
        return -1;
    }
    memcpy(buf, dir, n + 1);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        int rc = mkdir_one(buf, mode, err, errlen);
        *p = '/';
        if (rc < 0)
            return -1;
    }
    return mkdir_one(buf, mode, err, errlen);
}
