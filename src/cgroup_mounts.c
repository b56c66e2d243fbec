/* SPDX-License-Identifier: GPL-2.0-or-later
 * cgroup_mounts.c - where the memory cgroup hierarchy is mounted, from
 * /proc/self/mountinfo (proc(5)) and /proc/cgroups.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static void unescape_octal(char *s)
{
    char *w = s;

    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
            r[3] >= '0' && r[3] <= '7') {
            *w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
            r += 3;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static bool has_word(const char *list, const char *word, const char *seps)
{
    size_t wl = strlen(word);

    for (const char *p = list; *p;) {
        size_t n = strcspn(p, seps);
        if (n == wl && strncmp(p, word, wl) == 0)
            return true;
        p += n;
        p += strspn(p, seps);
    }
    return false;
}

static bool v2_has_memory(const char *dir)
{
    char path[PATH_MAX + 32], line[1024];
    FILE *f;
    bool yes = false;

    snprintf(path, sizeof(path), "%s/cgroup.controllers", dir);
    if ((f = fopen(path, "re")) != NULL) {
        if (fgets(line, sizeof(line), f))
            yes = has_word(line, "memory", " \n");
        fclose(f);
    }
    return yes;
}

static void set_dir(char *dst, const char *prefix, const char *mnt)
{
    snprintf(dst, PATH_MAX, "%s%s", prefix, strcmp(mnt, "/") == 0 && *prefix ? "" : mnt);
}

/* One mountinfo line: "id parent maj:min root mnt opts [tags] - fstype src superopts". */
static void mount_line(char *line, const char *prefix, CgroupMounts *m)
{
    char *field[6], *save = NULL, *tok, *dash;
    int n = 0;

    if (!(dash = strstr(line, " - ")))
        return;
    *dash = '\0';
    for (tok = strtok_r(line, " ", &save); tok && n < 6; tok = strtok_r(NULL, " ", &save))
        field[n++] = tok;
    if (n < 5)
        return;
    char *fstype = strtok_r(dash + 3, " \n", &save);
    strtok_r(NULL, " \n", &save);   /* source */
    char *super = strtok_r(NULL, " \n", &save);
    if (!fstype)
        return;
    unescape_octal(field[3]);
    unescape_octal(field[4]);
    if (strcmp(fstype, "cgroup") == 0 && super && has_word(super, "memory", ",") &&
        !m->v1_dir[0]) {
        set_dir(m->v1_dir, prefix, field[4]);
        snprintf(m->v1_root, PATH_MAX, "%s", field[3]);
    } else if (strcmp(fstype, "cgroup2") == 0 && !m->v2_dir[0]) {
        char dir[PATH_MAX];
        set_dir(dir, prefix, field[4]);
        if (v2_has_memory(dir)) {
            snprintf(m->v2_dir, PATH_MAX, "%s", dir);
            snprintf(m->v2_root, PATH_MAX, "%s", field[3]);
        }
    }
}

/* "memory  4  32  1" in /proc/cgroups: the v1 hierarchy id, -1 unknown. */
static int memory_hierarchy(const char *proc_root)
{
    char path[PATH_MAX + 16], line[256], name[64];
    int hier = -1, h, enabled;
    FILE *f;

    snprintf(path, sizeof(path), "%s/cgroups", proc_root);
    if (!(f = fopen(path, "re")))
        return -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "%63s %d %*d %d", name, &h, &enabled) == 3 &&
            strcmp(name, "memory") == 0 && enabled && h > 0)
            hier = h;
    fclose(f);
    return hier;
}

int cgroup_find_mounts(const char *proc_root, const char *fs_prefix, CgroupMounts *m,
                       char *err, size_t errlen)
{
    char path[PATH_MAX + 32];
    char *line = NULL;
    size_t cap = 0;
    FILE *f;

    memset(m, 0, sizeof(*m));
    m->v1_hierarchy = -1;
    snprintf(path, sizeof(path), "%s/self/mountinfo", proc_root);
    if (!(f = fopen(path, "re"))) {
        snprintf(err, errlen, "no memory cgroups: cannot read %s", path);
        return 0;
    }
    while (getline(&line, &cap, f) > 0)
        mount_line(line, fs_prefix ? fs_prefix : "", m);
    free(line);
    fclose(f);
    if (m->v1_dir[0]) {
        m->v2_dir[0] = m->v2_root[0] = '\0';
        m->v1_hierarchy = memory_hierarchy(proc_root);
        return 1;
    }
    if (m->v2_dir[0])
        return 2;
    snprintf(err, errlen, "no memory cgroups: neither a v1 memory controller nor a "
             "cgroup2 mount with the memory controller is mounted");
    return 0;
}
