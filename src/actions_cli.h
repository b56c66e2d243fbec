/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_cli.h - the non-interactive actions for scripts and runbooks:
 * oomtop --protect PID|NAME, --set-adj VALUE PID|NAME, --renice VALUE
 * PID|NAME, with --dry-run and --readonly. No curses.
 */
#ifndef OOMTOP_ACTIONS_CLI_H
#define OOMTOP_ACTIONS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "audit.h"

enum ActionCliKind {
    ACTION_CLI_NONE = 0,
    ACTION_CLI_PROTECT,     /* oom_score_adj -1000 */
    ACTION_CLI_SET_ADJ,
    ACTION_CLI_RENICE,
};

enum ActionCliParse {
    ACTION_CLI_PARSE_USAGE = -1,    /* message in err; exit status 2 */
    ACTION_CLI_PARSE_NONE = 0,      /* no action option: start normally */
    ACTION_CLI_PARSE_OK = 1,        /* req filled: exit with actions_cli_run() */
};

/* Exit statuses of actions_cli_run(). */
#define ACTION_CLI_EXIT_OK 0        /* every change applied (or previewed) */
#define ACTION_CLI_EXIT_FAILED 1    /* at least one failed; each on stderr */
#define ACTION_CLI_EXIT_USAGE 2

typedef struct ActionCliRequest {
    enum ActionCliKind kind;
    int value;                  /* oom_score_adj or nice, validated */
    const char *target;         /* PID or exact NAME; points into argv */
    bool dry_run;
    bool readonly;
    const char *proc_root;      /* NULL = "/proc" */
    const char *systemd_root;   /* NULL = "/": where drop-in hints look */
    AuditSink audit;            /* NULL = syslog */
    void *audit_arg;
} ActionCliRequest;

/* Looks through argv for the action options (--protect, --set-adj,
 * --renice; "--opt=VALUE" also accepted) and, when one is present, parses
 * the whole command line as an action: only --dry-run and --readonly may
 * accompany it, and only one action per run. Values are checked here
 * (prompt_values.h rules). Returns ACTION_CLI_PARSE_NONE (req zeroed) when
 * no action option appears, ACTION_CLI_PARSE_OK, or ACTION_CLI_PARSE_USAGE
 * with one line in err. Pure. */
int actions_cli_parse(int argc, char **argv, ActionCliRequest *req, char *err, size_t errlen);

/* Sets the action in req from one option's words, for a caller that does
 * its own getopt: `value` is NULL for ACTION_CLI_PROTECT. Returns 0, or -1
 * with a sentence in err. Pure. */
int actions_cli_set(ActionCliRequest *req, enum ActionCliKind kind, const char *value,
                    const char *target, char *err, size_t errlen);

/* Samples the processes, resolves req->target (a NAME lists every match
 * on `out` first), then applies or, with dry_run, previews the change for
 * each: one line per process on `out`, each failure as "oomtop: ..." on
 * `err`. Returns ACTION_CLI_EXIT_OK, _FAILED or _USAGE. */
int actions_cli_run(const ActionCliRequest *req, FILE *out, FILE *err);

/* The lines --help shows for these options. */
const char *actions_cli_usage(void);

#endif
