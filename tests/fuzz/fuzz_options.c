/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_options.c - the command line as main() reads it: actions_cli_parse()
 * first, then options_parse(). The input is split at NUL bytes into the
 * arguments after "oomtop". Every refusal must be one terminal-safe line
 * (scripts pass hostile words to oomtop), accepted values must be in their
 * documented ranges, and an accepted command line must be accepted again on
 * top of the settings file, as main() parses it in interactive mode.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions_cli.h"
#include "fuzz.h"
#include "options.h"
#include "prometheus.h"
#include "settings.h"

#define MAX_ARGS 24

static void check_message(const char *err, size_t errlen)
{
    fuzz_check(memchr(err, '\0', errlen) != NULL, "message unterminated");
    fuzz_check(err[0] != '\0', "refusal without a message");
    fuzz_check(fuzz_terminal_safe(err), "message is not one terminal-safe line");
}

static void check_options(const Options *o)
{
    fuzz_check(o->delay_ms >= 100 && o->delay_ms <= 3600000, "delay out of range");
    fuzz_check(o->npids <= OPTIONS_MAX_PIDS, "too many pids");
    for (size_t i = 0; i < o->npids; i++)
        fuzz_check(o->pids[i] > 0, "pid not positive");
    fuzz_check(o->iterations >= 0, "negative iterations");
    fuzz_check(memchr(o->user, '\0', sizeof o->user) != NULL, "user unterminated");
    fuzz_check(!o->what_if || (o->what_if_mode >= 0 && o->what_if_mode <= 2), "what-if mode");
    fuzz_check(!o->what_if || o->what_if_ratio < 0 || o->what_if_kbytes < 0,
               "what-if ratio and kbytes both set");
    fuzz_check(o->sort_col != COL_NONE, "no sort column");
    fuzz_check(o->prometheus_top >= 0 && o->prometheus_top <= PROMETHEUS_TOP_MAX,
               "--top out of range");
}

/* main() parses the command line a second time on top of the settings
 * file (interactive mode) and relies on it not failing then. */
static void check_reparse(int argc, char **argv)
{
    static const char rc[] = "sort=res\nsort_reverse=yes\ndelay=0.1\nkernel_threads=yes\n"
                             "whatif_mode=1\nwhatif_ratio=80\nunits=MiB\ncolour=no\n";
    Settings s;
    SettingsMsgs msgs;
    Options o;
    char err[256];

    settings_defaults(&s);
    settings_msgs_init(&msgs);
    fuzz_check(settings_parse(&s, rc, sizeof rc - 1, "rc", &msgs) == 0, "settings fixture");
    options_defaults(&o);
    settings_to_options(&s, &o);
    err[0] = '\0';
    fuzz_check(options_parse_from(&o, argc, argv, err, sizeof err) != OPTIONS_USAGE,
               "a command line valid alone fails on top of the settings file");
    check_options(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_strdup(data, size);
    static char prog[] = "oomtop";
    char *argv[MAX_ARGS + 2], err[256];
    int argc = 0;

    argv[argc++] = prog;
    for (size_t i = 0; i <= size && argc <= MAX_ARGS; i += strlen(buf + i) + 1)
        argv[argc++] = buf + i;
    argv[argc] = NULL;

    ActionCliRequest req;
    memset(err, 0, sizeof err);
    int r = actions_cli_parse(argc, argv, &req, err, sizeof err);
    if (r == ACTION_CLI_PARSE_USAGE) {
        check_message(err, sizeof err);
    } else if (r == ACTION_CLI_PARSE_OK) {
        fuzz_check(req.kind != ACTION_CLI_NONE && req.target && req.target[0], "action target");
        fuzz_check(req.kind == ACTION_CLI_RENICE ? req.value >= -20 && req.value <= 19
                                                 : req.value >= -1000 && req.value <= 1000,
                   "action value out of range");
    } else {
        fuzz_check(r == ACTION_CLI_PARSE_NONE, "actions_cli_parse: unknown result");
        Options o;
        memset(err, 0, sizeof err);
        enum OptionsResult res = options_parse(&o, argc, argv, err, sizeof err);
        if (res == OPTIONS_USAGE) {
            check_message(err, sizeof err);
        } else {
            check_options(&o);
            check_reparse(argc, argv);
        }
    }
    free(buf);
    return 0;
}
