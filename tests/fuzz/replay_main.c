/* SPDX-License-Identifier: GPL-2.0-or-later
 * replay_main.c - runs a fuzz harness without libFuzzer: every file named
 * on the command line (directories: every file in them) is fed once to
 * LLVMFuzzerTestOneInput. `make check` uses it to replay the seed corpus
 * and every input that once crashed, with the normal compiler.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Inputs larger than this are not what the harnesses are run with. */
#define REPLAY_MAX (1u << 20)

static int replay_file(const char *path)
{
    static unsigned char buf[REPLAY_MAX];
    FILE *f = fopen(path, "rb");

    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = fread(buf, 1, sizeof buf, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "replay: %s: read error\n", path);
        return -1;
    }
    /* A private copy of exactly n bytes, so that reading past the input
     * is caught by the sanitizers as it would be under libFuzzer. */
    unsigned char *copy = malloc(n ? n : 1);
    if (!copy)
        return -1;
    memcpy(copy, buf, n);
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
    LLVMFuzzerTestOneInput(copy, n);
    free(copy);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int replay_path(const char *path, unsigned *count)
{
    struct stat st;
    struct dirent **names;
    int rc = 0;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return replay_file(path);
    }
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char sub[4096];
        if (names[i]->d_name[0] != '.' &&
            (size_t)snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name) < sizeof sub &&
            replay_path(sub, count) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    unsigned count = 0;
    int rc = 0;

    for (int i = 1; i < argc; i++)
        if (replay_path(argv[i], &count) != 0)
            rc = 1;
    printf("replayed %u input%s\n", count, count == 1 ? "" : "s");
    return rc;
}
