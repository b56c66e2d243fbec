/* SPDX-License-Identifier: GPL-2.0-or-later
 * options.h - the command line as a struct. Parsing is pure: it never exits
 * or prints, it returns a status and a message.
 */
#ifndef OOMTOP_OPTIONS_H
#define OOMTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "fields.h"
#include "proctable.h"

#define OPTIONS_MAX_PIDS 64

enum OutputFormat { OUTPUT_TEXT = 0, OUTPUT_JSON, OUTPUT_CSV };

typedef struct Options {
    bool batch;                 /* -b */
    long iterations;            /* -n; 0 = until interrupted */
    unsigned delay_ms;          /* -d SECONDS (default 2.0 s, like top -d 3 / htop 1.5) */
    pid_t pids[OPTIONS_MAX_PIDS];
    size_t npids;               /* -p PID[,PID...] */
    bool by_user;               /* -u USER */
    uid_t uid;
    char user[64];
    enum ColumnId sort_col;     /* -s COLUMN */
    bool sort_reverse;
    bool sort_given, reverse_given;   /* -s / -R appeared (they win over the settings file) */
    enum OutputFormat output;   /* -o json */
    bool readonly;              /* --readonly */
    bool oom_history;           /* --oom-history: print the kernel log's OOM kills, then exit */
    bool show_kthreads;
    bool full_command;          /* -c */
    bool what_if;               /* --what-if=MODE[,ratio=N|,kbytes=N] */
    int what_if_mode;           /* 0..2 */
    long long what_if_ratio;    /* -1: keep the live setting */
    long long what_if_kbytes;   /* -1: keep the live setting */
    const char *prometheus_path; /* --prometheus FILE (points into argv); NULL = off */
    int prometheus_top;         /* --top N, 0 .. PROMETHEUS_TOP_MAX (default 10) */
    bool help;                  /* -h/--help */
    bool version;               /* -V/--version */
} Options;

enum OptionsResult {
    OPTIONS_OK = 0,
    OPTIONS_EXIT = 1,   /* --help or --version: print and exit 0 */
    OPTIONS_USAGE = 2,  /* bad option or value: message in err, exit 2 */
};

/* The built-in defaults (what options_parse() starts from). */
void options_defaults(Options *o);

/* Like options_parse(), but starts from *o as the caller filled it (the
 * defaults, then the settings file: settings_to_options()). */
enum OptionsResult options_parse_from(Options *o, int argc, char **argv, char *err,
                                      size_t errlen);

/* Fills `o` from argv (defaults first). On OPTIONS_USAGE, err holds one line
 * naming the option and what was wrong. Looks user names up with getpwnam. */
enum OptionsResult options_parse(Options *o, int argc, char **argv, char *err, size_t errlen);

/* The process filter the options ask for (-p, -u, -K); the search is
 * left empty. Batch and interactive mode both start from it. */
void options_filter(const Options *o, ProcFilter *f);

/* The usage text (for --help and after a usage error). */
const char *options_usage(void);

/* A user name, else a uid in decimal (0 .. 4294967294): the -u option and
 * the interactive user filter. Returns false for neither. */
bool options_lookup_user(const char *s, uid_t *uid);

#endif
