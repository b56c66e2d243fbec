/* SPDX-License-Identifier: GPL-2.0-or-later
 * settings_file.c - where oomtoprc lives, reading it without trusting it,
 * and saving it so that a crash never leaves half a file.
 */
#include "config.h"

#include "settings.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "text.h"

#define SETTINGS_READ_MAX (64 * 1024)
#define USER_SUBPATH "oomtop/oomtoprc"

int settings_user_path(char *buf, size_t len, char *err, size_t errlen)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    int n;

    /* The XDG spec says a relative XDG_CONFIG_HOME is to be ignored. */
    if (xdg && xdg[0] == '/') {
        n = snprintf(buf, len, "%s/" USER_SUBPATH, xdg);
    } else {
        if (!home || home[0] != '/') {
            struct passwd *pw = getpwuid(getuid());
            home = pw ? pw->pw_dir : NULL;
        }
        if (!home || home[0] != '/') {
            snprintf(err, errlen, "no home directory to keep settings in (set HOME)");
            return -1;
        }
        n = snprintf(buf, len, "%s/.config/" USER_SUBPATH, home);
    }
    if (n < 0 || (size_t)n >= len) {
        snprintf(err, errlen, "settings path too long");
        return -1;
    }
    return 0;
}

/* Reads at most `cap` bytes of a regular file; sets *truncated if more. */
static ssize_t read_regular(int fd, char *buf, size_t cap, int *truncated)
{
    size_t used = 0;
    char extra;
    while (used < cap) {
        ssize_t r = read(fd, buf + used, cap - used);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        used += (size_t)r;
    }
    *truncated = used == cap && read(fd, &extra, 1) == 1;
    return (ssize_t)used;
}

int settings_load_file(Settings *s, const char *path, SettingsMsgs *msgs)
{
    struct stat st;
    int truncated = 0;
    char shown[128];
    text_sanitize(shown, sizeof shown, path, strlen(path));
    /* O_NONBLOCK: a FIFO planted at the path must not hang startup. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        settings_msgs_add(msgs, "%s: %s, ignored", shown, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        settings_msgs_add(msgs, "%s: not a regular file, ignored", shown);
        close(fd);
        return -1;
    }
    char *buf = malloc(SETTINGS_READ_MAX);
    ssize_t n = buf ? read_regular(fd, buf, SETTINGS_READ_MAX, &truncated) : -1;
    int e = errno;
    close(fd);
    if (n < 0) {
        settings_msgs_add(msgs, "%s: %s, ignored", shown, strerror(e));
        free(buf);
        return -1;
    }
    if (truncated) {
        /* Drop the last, possibly cut, line as well. */
        while (n > 0 && buf[n - 1] != '\n')
            n--;
        settings_msgs_add(msgs, "%s: only the first %d KiB read, the rest ignored", shown,
                          SETTINGS_READ_MAX / 1024);
    }
    settings_parse(s, buf, (size_t)n, path, msgs);
    free(buf);
    return 1;
}

void settings_load_paths(Settings *s, const char *system_path, const char *user_path,
                         SettingsMsgs *msgs)
{
    settings_defaults(s);
    if (system_path)
        settings_load_file(s, system_path, msgs);
    if (user_path)
        settings_load_file(s, user_path, msgs);
}

void settings_load(Settings *s, SettingsMsgs *msgs)
{
    char path[PATH_MAX], err[128];
    bool have_user = settings_user_path(path, sizeof path, err, sizeof err) == 0;
    if (!have_user)
        settings_msgs_add(msgs, "%s; only %s read", err, SETTINGS_SYSTEM_PATH);
    settings_load_paths(s, SETTINGS_SYSTEM_PATH, have_user ? path : NULL, msgs);
}

int settings_save_file(const Settings *s, const char *path, char *err, size_t errlen)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (slash && slash != path) {
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
        if (atomicfile_mkdirs(dir, 0755, err, errlen) < 0)
            return -1;
    }
    size_t len = settings_format(s, NULL, 0);
    char *text = malloc(len + 1);
    if (!text) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    settings_format(s, text, len + 1);
    int rc = atomicfile_write(path, text, len, 0644, err, errlen);
    free(text);
    return rc;
}

int settings_save(const Settings *s, char *path_out, size_t pathlen, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (settings_user_path(path, sizeof path, err, errlen) < 0)
        return -1;
    if (path_out && pathlen)
        snprintf(path_out, pathlen, "%s", path);
    return settings_save_file(s, path, err, errlen);
}
