/* SPDX-License-Identifier: GPL-2.0-or-later
 * main.c - oomtop's entry point: parse options, then batch or interactive.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "actions_cli.h"
#include "app.h"
#include "batch.h"
#include "options.h"
#include "prometheus.h"
#include "settings.h"
#include "settings_ui.h"

static void print_version(void)
{
    printf("oomtop %s (built with libproc2 %s, ncursesw %s)\n",
           PACKAGE_VERSION, PROC2_VERSION, CURSES_VERSION);
}

/* Interactive only: /etc/oomtoprc and the user's oomtoprc under the command
 * line (batch and --prometheus keep the documented defaults for scripts).
 * The command line was parsed once already, so parsing it again cannot fail.
 * The lines the files ignored go to the status line (app_run). */
static void load_settings(Options *o, int argc, char **argv, SettingsStart *start)
{
    char err[256];
    settings_msgs_init(&start->msgs);
    settings_load(&start->file, &start->msgs);
    options_defaults(o);
    settings_to_options(&start->file, o);
    options_parse_from(o, argc, argv, err, sizeof err);
}

int main(int argc, char **argv)
{
    Options o;
    char err[256];
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");   /* JSON and batch numbers use '.' */
    /* --protect, --set-adj and --renice make a one-shot command of their own */
    ActionCliRequest act;
    switch (actions_cli_parse(argc, argv, &act, err, sizeof err)) {
    case ACTION_CLI_PARSE_USAGE:
        fprintf(stderr, "oomtop: %s\n%s%s", err, options_usage(), actions_cli_usage());
        return 2;
    case ACTION_CLI_PARSE_OK:
        return actions_cli_run(&act, stdout, stderr);
    case ACTION_CLI_PARSE_NONE:
        break;
    }
    switch (options_parse(&o, argc, argv, err, sizeof err)) {
    case OPTIONS_USAGE:
        fprintf(stderr, "oomtop: %s\n%s%s", err, options_usage(), actions_cli_usage());
        return 2;
    case OPTIONS_EXIT:
        if (o.help) {
            fputs(options_usage(), stdout);
            fputs(actions_cli_usage(), stdout);
        }
        else {
            print_version();
        }
        return 0;
    case OPTIONS_OK:
        break;
    }
    if (o.prometheus_path)
        return prometheus_run(o.prometheus_path, o.prometheus_top, o.delay_ms, o.iterations);
    if (o.batch)
        return batch_run(&o);
    if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
        fprintf(stderr, "oomtop: not a terminal; use -b for batch output (e.g. oomtop -b -n 1)\n");
        return 1;
    }
    static SettingsStart start;
    load_settings(&o, argc, argv, &start);
    return app_run(&o, &start);
}
