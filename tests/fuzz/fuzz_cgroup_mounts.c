/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_cgroup_mounts.c - finding the memory cgroup hierarchy from
 * /proc/self/mountinfo and /proc/cgroups (cgroup.h). The parser reads
 * files, so the input is written into a private temporary proc root:
 * everything up to the first NUL byte is self/mountinfo, the rest is
 * cgroups. A "cgroup.controllers" listing memory sits at the fs prefix's
 * "/" so that a cgroup2 line can be taken too.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "fuzz.h"

static char root[256];

static void write_file(const char *dir, const char *name, const void *data, size_t n)
{
    char path[PATH_MAX];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    fuzz_check(f != NULL, "cannot write the temporary proc root");
    if (n)
        fuzz_check(fwrite(data, 1, n, f) == n, "short write to the temporary proc root");
    fuzz_check(fclose(f) == 0, "cannot close a temporary file");
}

static void remove_root(void)
{
    char path[PATH_MAX];
    static const char *const files[] = { "self/mountinfo", "self", "cgroups",
                                         "fs/cgroup.controllers", "fs", "" };

    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", root, files[i]);
        remove(path);
    }
}

static void make_root(void)
{
    char path[PATH_MAX];

    const char *tmpdir = getenv("TMPDIR");

    if (!tmpdir || tmpdir[0] != '/' || strlen(tmpdir) > 200)
        tmpdir = "/tmp";
    snprintf(root, sizeof root, "%s/oomtop-fuzz-XXXXXX", tmpdir);
    fuzz_check(mkdtemp(root) != NULL, "mkdtemp failed");
    snprintf(path, sizeof path, "%s/self", root);
    fuzz_check(mkdir(path, 0700) == 0, "mkdir self failed");
    snprintf(path, sizeof path, "%s/fs", root);
    fuzz_check(mkdir(path, 0700) == 0, "mkdir fs failed");
    write_file(path, "cgroup.controllers", "cpu io memory pids\n", 19);
    atexit(remove_root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[PATH_MAX], err[256];
    const uint8_t *nul = memchr(data, '\0', size);
    size_t n1 = nul ? (size_t)(nul - data) : size;
    CgroupMounts m;

    if (!root[0])
        make_root();
    snprintf(path, sizeof path, "%s/self", root);
    write_file(path, "mountinfo", data, n1);
    write_file(root, "cgroups", nul ? nul + 1 : data, nul ? size - n1 - 1 : 0);
    snprintf(path, sizeof path, "%s/fs", root);

    err[0] = '\0';
    int v = cgroup_find_mounts(root, path, &m, err, sizeof err);
    fuzz_check(v >= 0 && v <= 2, "cgroup_find_mounts: version out of range");
    fuzz_check(memchr(m.v1_dir, '\0', sizeof m.v1_dir) && memchr(m.v1_root, '\0', sizeof m.v1_root) &&
               memchr(m.v2_dir, '\0', sizeof m.v2_dir) && memchr(m.v2_root, '\0', sizeof m.v2_root),
               "cgroup_find_mounts: unterminated path");
    fuzz_check(v != 1 || m.v1_dir[0], "v1 found without a directory");
    fuzz_check(v != 2 || m.v2_dir[0], "v2 found without a directory");
    fuzz_check(v != 0 || err[0], "no hierarchy and no explanation");
    return 0;
}
