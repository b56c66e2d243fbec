/* SPDX-License-Identifier: GPL-2.0-or-later
 * atomicfile.h - replace a file so that readers and crashes only ever see the
 * old content or the new, never half of it: temp file in the same directory,
 * fsync, rename over the target, fsync of the directory.
 */
#ifndef OOMTOP_ATOMICFILE_H
#define OOMTOP_ATOMICFILE_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* One replacement in progress. The temp file is ".NAME.PID.N.tmp": hidden,
 * and never ending in the target's suffix, so that a reader that picks files
 * by suffix (node_exporter's *.prom) never sees it. */
typedef struct AtomicFile {
    int dir_fd;                 /* the target's directory */
    FILE *f;                    /* write the new content here */
    char name[NAME_MAX + 1];    /* target's name inside dir_fd */
    char tmp[NAME_MAX + 1];     /* temp file's name inside dir_fd */
    char path[PATH_MAX];        /* target as given, for messages */
} AtomicFile;

/* Starts replacing `path` (its directory must exist): creates the temp file
 * with permissions exactly `mode` (the umask does not apply, so that e.g. a
 * metrics file stays readable by its collector). Returns 0, or -1 with a
 * sentence in err and nothing left behind. */
int atomicfile_begin(AtomicFile *af, const char *path, mode_t mode, char *err, size_t errlen);

/* Like atomicfile_begin() for the file `name` in the open directory dir_fd
 * (dup'ed; the caller keeps its own). `shown` names the target in messages. */
int atomicfile_begin_at(AtomicFile *af, int dir_fd, const char *name, const char *shown,
                        mode_t mode, char *err, size_t errlen);

/* Flushes, fsyncs and closes the temp file, renames it over the target and
 * fsyncs the directory. On failure (-1, sentence in err) the target keeps its
 * old content and the temp file is removed. Either way `af` is finished. */
int atomicfile_commit(AtomicFile *af, char *err, size_t errlen);

/* Gives up: removes the temp file; the target is untouched. */
void atomicfile_abort(AtomicFile *af);

/* The whole replacement for content already in memory. Returns 0 or -1 with
 * a sentence in err. */
int atomicfile_write(const char *path, const void *data, size_t len, mode_t mode,
                     char *err, size_t errlen);

/* The same for the file `name` in the open directory dir_fd, named `shown`
 * in messages (see atomicfile_begin_at). */
int atomicfile_write_at(int dir_fd, const char *name, const char *shown, const void *data,
                        size_t len, mode_t mode, char *err, size_t errlen);

/* mkdir -p: creates `dir` and its missing parents with `mode`, fsyncing the
 * parent of each directory it creates. Returns 0 (also when it existed), or
 * -1 with a sentence in err. */
int atomicfile_mkdirs(const char *dir, mode_t mode, char *err, size_t errlen);

#endif
