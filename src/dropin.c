/* SPDX-License-Identifier: GPL-2.0-or-later
 * dropin.c - systemd drop-ins that keep OOMScoreAdjust= across restarts:
 * unit lookup from /proc/PID/cgroup, and the file written atomically
 * (atomicfile.c) so that a crash never leaves half of it.
 */
#include "config.h"

#include "dropin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "text.h"

enum { UNIT_NONE, UNIT_SERVICE, UNIT_REFUSED };

static bool has_suffix(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);

    return n > k && memcmp(s + n - k, suffix, k) == 0;
}

int dropin_unit_name_ok(const char *unit)
{
    size_t n = strlen(unit);

    if (n == 0 || n >= DROPIN_UNIT_MAX || unit[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = unit[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || strchr(":-_.@\\", c) != NULL;
        if (!ok)
            return 0;
    }
    return has_suffix(unit, n, ".service");
}

/* Copies a path component, sanitised, for a message. */
static const char *shown(const char *s, size_t n, char *buf, size_t len)
{
    text_sanitize(buf, len, s, n);
    return buf;
}

/* The first *.service or *.scope component from the root of a cgroup path
 * decides; a user manager's nested units are not reachable from
 * /etc/systemd/system. */
static int unit_in_path(const char *path, size_t len, char *unit, size_t unitlen,
                        char *err, size_t errlen)
{
    const char *p = path, *end = path + len;
    char a[DROPIN_UNIT_MAX], b[DROPIN_UNIT_MAX];

    while (p < end) {
        while (p < end && *p == '/')
            p++;
        const char *c = p;
        while (p < end && *p != '/')
            p++;
        size_t n = (size_t)(p - c);
        if (has_suffix(c, n, ".scope")) {
            snprintf(err, errlen, "it runs in %s, a scope: systemd did not start it, so"
                     " OOMScoreAdjust= cannot apply", shown(c, n, a, sizeof a));
            return UNIT_REFUSED;
        }
        if (!has_suffix(c, n, ".service"))
            continue;
        if (n >= unitlen || n >= DROPIN_UNIT_MAX) {
            snprintf(err, errlen, "unit name too long");
            return UNIT_REFUSED;
        }
        memcpy(unit, c, n);
        unit[n] = '\0';
        if (strncmp(unit, "user@", 5) == 0 && p < end) {
            char inner[DROPIN_UNIT_MAX];
            char e2[8];
            size_t rest = (size_t)(end - p);
            /* The manager itself sits in init.scope: that is the system unit. */
            bool manager = rest == 11 && memcmp(p, "/init.scope", 11) == 0;
            if (!manager && unit_in_path(p, rest, inner, sizeof inner, e2, sizeof e2)
                != UNIT_NONE) {
                snprintf(err, errlen, "it runs in a user unit under %s (%s): a system"
                         " drop-in does not reach it", shown(unit, n, a, sizeof a),
                         shown(p, (size_t)(end - p), b, sizeof b));
                return UNIT_REFUSED;
            }
        }
        if (!dropin_unit_name_ok(unit)) {
            snprintf(err, errlen, "unit name '%s' is not a plain unit name",
                     shown(c, n, a, sizeof a));
            return UNIT_REFUSED;
        }
        return UNIT_SERVICE;
    }
    return UNIT_NONE;
}

/* 0 = unified "0::", 1 = v1 name=systemd, 2 = v1 memory, -1 = other. */
static int line_rank(const char *ctrl, size_t n, const char *id, size_t idn)
{
    if (n == 0 && idn == 1 && id[0] == '0')
        return 0;
    if (n == 12 && memcmp(ctrl, "name=systemd", 12) == 0)
        return 1;
    for (const char *p = ctrl, *end = ctrl + n; p < end;) {
        const char *c = p;
        while (p < end && *p != ',')
            p++;
        if (p - c == 6 && memcmp(c, "memory", 6) == 0)
            return 2;
        p++;
    }
    return -1;
}

/* Looks at every line of one rank; returns as unit_in_path(). */
static int scan_rank(const char *text, size_t len, int rank, char *unit, size_t unitlen,
                     char *err, size_t errlen)
{
    const char *p = text, *end = text + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *c1 = memchr(p, ':', (size_t)(eol - p));
        const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(eol - c1 - 1)) : NULL;

        if (c2 && line_rank(c1 + 1, (size_t)(c2 - c1 - 1), p, (size_t)(c1 - p)) == rank) {
            int r = unit_in_path(c2 + 1, (size_t)(eol - c2 - 1), unit, unitlen, err, errlen);
            if (r != UNIT_NONE)
                return r;
        }
        p = eol + 1;
    }
    return UNIT_NONE;
}

int dropin_unit_from_cgroup(const char *text, size_t len, char *unit, size_t unitlen,
                            char *err, size_t errlen)
{
    for (int rank = 0; rank <= 2; rank++) {
        int r = scan_rank(text, len, rank, unit, unitlen, err, errlen);
        if (r == UNIT_SERVICE)
            return 0;
        if (r == UNIT_REFUSED)
            return -1;
    }
    snprintf(err, errlen, "it runs in no systemd service");
    return -1;
}

int dropin_plan(const char *root, const char *unit, int adj, DropInPlan *plan,
                char *err, size_t errlen)
{
    size_t rl = strlen(root);

    while (rl > 0 && root[rl - 1] == '/')
        rl--;
    if (!dropin_unit_name_ok(unit)) {
        snprintf(err, errlen, "'%s' is not a service unit name", shown(unit, strlen(unit),
                 plan->unit, sizeof plan->unit));
        return -1;
    }
    if (adj < -1000 || adj > 1000) {
        snprintf(err, errlen, "OOMScoreAdjust %d is out of range (-1000 to 1000)", adj);
        return -1;
    }
    snprintf(plan->unit, sizeof plan->unit, "%s", unit);
    plan->adj = adj;
    int n = snprintf(plan->dir, sizeof plan->dir, "%.*s/etc/systemd/system/%s.d", (int)rl,
                     root, unit);
    int m = snprintf(plan->path, sizeof plan->path, "%.*s/etc/systemd/system/%s.d/%s",
                     (int)rl, root, unit, DROPIN_FILE_NAME);
    if (n < 0 || m < 0 || (size_t)m >= sizeof plan->path) {
        snprintf(err, errlen, "drop-in path too long");
        return -1;
    }
    snprintf(plan->content, sizeof plan->content,
             "# Written by oomtop: keeps the OOM killer setting of %s across restarts.\n"
             "# Delete this file and run 'systemctl daemon-reload' to undo.\n"
             "[Service]\nOOMScoreAdjust=%d\n", unit, adj);
    return 0;
}

static int read_cgroup(int dirfd, char *buf, size_t size, size_t *len)
{
    int fd = openat(dirfd, "cgroup", O_RDONLY | O_CLOEXEC);
    ssize_t n;

    *len = 0;
    if (fd < 0)
        return -1;
    while (*len < size && (n = read(fd, buf + *len, size - *len)) > 0)
        *len += (size_t)n;
    close(fd);
    return 0;
}

int dropin_prepare(const char *root, int proc_fd, const ProcId *id, int adj,
                   DropInPlan *plan, char *err, size_t errlen)
{
    char runpath[PATH_MAX], text[8192], unit[DROPIN_UNIT_MAX], why[512];
    struct stat st;
    size_t len;

    snprintf(runpath, sizeof runpath, "%s/run/systemd/system", strcmp(root, "/") ? root : "");
    if (stat(runpath, &st) < 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "no systemd here (%s is missing): a drop-in would have no effect",
                 runpath);
        return -1;
    }
    int dfd = procid_open_verified(proc_fd, id, err, errlen);
    if (dfd < 0)
        return -1;
    int r = read_cgroup(dfd, text, sizeof text, &len);
    close(dfd);
    if (r < 0) {
        snprintf(err, errlen, "pid %d (%s): cannot read its cgroup: %s", (int)id->pid,
                 id->comm, strerror(errno));
        return -1;
    }
    if (dropin_unit_from_cgroup(text, len, unit, sizeof unit, why, sizeof why) < 0) {
        snprintf(err, errlen, "pid %d (%s): %s", (int)id->pid, id->comm, why);
        return -1;
    }
    return dropin_plan(root, unit, adj, plan, err, errlen);
}

/* Opens (creating if needed) the UNIT.d directory of plan. */
static int open_unit_dir(const DropInPlan *plan, char *err, size_t errlen)
{
    char parent[PATH_MAX];
    const char *base = strrchr(plan->dir, '/');
    size_t pl = base ? (size_t)(base - plan->dir) : 0;

    snprintf(parent, sizeof parent, "%.*s", (int)pl, plan->dir);
    int pfd = open(pl ? parent : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pfd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", parent, strerror(errno));
        return -1;
    }
    bool created = mkdirat(pfd, base + 1, 0755) == 0;
    if (!created && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", plan->dir, strerror(errno));
        close(pfd);
        return -1;
    }
    int dfd = openat(pfd, base + 1, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        snprintf(err, errlen, "cannot open %s: %s", plan->dir, strerror(errno));
    else if (created)
        fsync(pfd);             /* make the new directory entry durable */
    close(pfd);
    return dfd;
}

int dropin_write(const DropInPlan *plan, char *err, size_t errlen)
{
    int dfd = open_unit_dir(plan, err, errlen);

    if (dfd < 0)
        return -1;
    int rc = atomicfile_write_at(dfd, DROPIN_FILE_NAME, plan->path, plan->content,
                                 strlen(plan->content), 0644, err, errlen);
    close(dfd);
    return rc;
}
