/* SPDX-License-Identifier: GPL-2.0-or-later
 * options.c - command-line parsing into struct Options.
 */
#include "config.h"

#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#include "prometheus.h"

#define PID_MAX_LIMIT 4194304   /* the kernel's upper bound for pid_max */

static const char usage_text[] =
    "Usage: oomtop [options]\n"
    "  -b, --batch            plain text (or JSON) output, no curses\n"
    "  -n, --iterations N     stop after N refreshes (batch)\n"
    "  -d, --delay SECONDS    time between refreshes (0.1 .. 3600, default 2)\n"
    "  -p, --pid PID[,PID...] show only these processes (at most 64)\n"
    "  -u, --user USER        show only processes of USER (name or uid)\n"
    "  -s, --sort COLUMN      sort by COLUMN (pid user ni virt res shr swap mem oom adj rank\n"
    "                         command anon file shmem cgroup cgmem cgrank start pss)\n"
    "  -R, --reverse          reverse the sort order\n"
    "  -c, --command-line     show full command lines\n"
    "  -K, --kernel-threads   show kernel threads\n"
    "  -o, --output FORMAT    batch output format: text (default), json or csv\n"
    "      --what-if=MODE[,ratio=N|,kbytes=N]\n"
    "                         batch: show what overcommit MODE (0, 1, 2) would do now;\n"
    "                         nothing is written to /proc/sys\n"
    "      --oom-history      batch: list the OOM kills and commit refusals still in the\n"
    "                         kernel log (text, or one JSON object per event with -o json)\n"
    "      --readonly         disable every action that changes the system\n"
    "      --prometheus FILE  write metrics for node_exporter's textfile collector\n"
    "                         to FILE (atomically), every -d seconds or -n times;\n"
    "                         - writes to standard output\n"
    "      --top N            with --prometheus: the N likeliest OOM victims (default 10)\n"
    "  -h, --help             this help\n"
    "  -V, --version          version and the libraries it was built with\n";

void options_filter(const Options *o, ProcFilter *f)
{
    *f = (ProcFilter){
        .show_kthreads = o->show_kthreads,
        .by_uid = o->by_user,
        .uid = o->uid,
        .pids = o->npids ? o->pids : NULL,
        .npids = o->npids,
    };
}

const char *options_usage(void)
{
    return usage_text;
}

/* The message quotes the offending argument, which a script may have taken
 * from anywhere: it is sanitised like any other foreign text, so that it
 * stays one line and cannot drive the terminal (a cut UTF-8 tail from %.40s
 * becomes '?'). */
static enum OptionsResult fail(char *err, size_t errlen, const char *fmt, ...)
{
    char raw[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    text_sanitize(err, errlen, raw, strlen(raw));
    return OPTIONS_USAGE;
}

/* Whole-string decimal integer in [lo, hi]; no sign games, no trailing text. */
static bool parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    if (!*s || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9')))
        return false;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool parse_seconds(const char *s, unsigned *ms)
{
    char *end;
    if (!*s || !((s[0] >= '0' && s[0] <= '9') || s[0] == '.'))
        return false;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v) || v < 0.1 || v > 3600.0)
        return false;
    *ms = (unsigned)(v * 1000.0 + 0.5);
    return true;
}

static enum OptionsResult parse_pids(Options *o, const char *arg, char *err, size_t errlen)
{
    char buf[1024];
    if (strlen(arg) >= sizeof buf)
        return fail(err, errlen, "-p: list too long");
    strcpy(buf, arg);
    char *rest = buf, *tok;
    while ((tok = strsep(&rest, ",")) != NULL) {
        long v;
        if (!parse_long(tok, 1, PID_MAX_LIMIT, &v))
            return fail(err, errlen, "-p: '%s' is not a process id (1..%d)", tok, PID_MAX_LIMIT);
        if (o->npids == OPTIONS_MAX_PIDS)
            return fail(err, errlen, "-p: at most %d process ids", OPTIONS_MAX_PIDS);
        o->pids[o->npids++] = (pid_t)v;
    }
    if (o->npids == 0)
        return fail(err, errlen, "-p: no process id given");
    return OPTIONS_OK;
}

bool options_lookup_user(const char *s, uid_t *uid)
{
    struct passwd *pw = getpwnam(s);
    char *end;

    if (pw) {
        *uid = pw->pw_uid;
        return true;
    }
    if (s[0] < '0' || s[0] > '9')
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno || v >= (uid_t)-1)    /* (uid_t)-1 means "no uid" */
        return false;
    *uid = (uid_t)v;
    return true;
}

static enum OptionsResult parse_user(Options *o, const char *arg, char *err, size_t errlen)
{
    if (!options_lookup_user(arg, &o->uid))
        return fail(err, errlen, "-u: no such user '%.40s'", arg);
    if (strlen(arg) >= sizeof o->user)
        return fail(err, errlen, "-u: user name too long");
    strcpy(o->user, arg);
    o->by_user = true;
    return OPTIONS_OK;
}

void options_defaults(Options *o)
{
    memset(o, 0, sizeof *o);
    o->delay_ms = 2000;
    o->sort_col = COL_OOM;
    o->prometheus_top = PROMETHEUS_TOP_DEFAULT;
}

/* --what-if=MODE[,ratio=N|,kbytes=N]: the policy to simulate. */
static enum OptionsResult parse_what_if(Options *o, const char *arg, char *err, size_t errlen)
{
    char buf[128], *rest = buf, *tok;
    long v;
    if (strlen(arg) >= sizeof buf)
        return fail(err, errlen, "--what-if: value too long");
    strcpy(buf, arg);
    tok = strsep(&rest, ",");
    if (!parse_long(tok, 0, 2, &v))
        return fail(err, errlen, "--what-if: mode '%.20s' is not 0, 1 or 2", tok);
    o->what_if = true;
    o->what_if_mode = (int)v;
    o->what_if_ratio = o->what_if_kbytes = -1;
    while ((tok = strsep(&rest, ",")) != NULL) {
        if (strncmp(tok, "ratio=", 6) == 0 && o->what_if_kbytes < 0 && o->what_if_ratio < 0 &&
            parse_long(tok + 6, 0, INT_MAX, &v)) {
            o->what_if_ratio = v;
        } else if (strncmp(tok, "kbytes=", 7) == 0 && o->what_if_ratio < 0 &&
                   o->what_if_kbytes < 0 && parse_long(tok + 7, 0, LONG_MAX / 1024, &v)) {
            o->what_if_kbytes = v;
        } else {
            return fail(err, errlen,
                        "--what-if: '%.30s' is not ratio=PERCENT or kbytes=KIB (one of them, once)",
                        tok);
        }
    }
    return OPTIONS_OK;
}

enum { OPT_READONLY = 256, OPT_PROMETHEUS, OPT_TOP, OPT_WHAT_IF, OPT_OOM_HISTORY };

static const struct option long_options[] = {
    { "batch", no_argument, NULL, 'b' },
    { "iterations", required_argument, NULL, 'n' },
    { "delay", required_argument, NULL, 'd' },
    { "pid", required_argument, NULL, 'p' },
    { "user", required_argument, NULL, 'u' },
    { "sort", required_argument, NULL, 's' },
    { "reverse", no_argument, NULL, 'R' },
    { "command-line", no_argument, NULL, 'c' },
    { "kernel-threads", no_argument, NULL, 'K' },
    { "output", required_argument, NULL, 'o' },
    { "readonly", no_argument, NULL, OPT_READONLY },
    { "what-if", required_argument, NULL, OPT_WHAT_IF },
    { "prometheus", required_argument, NULL, OPT_PROMETHEUS },
    { "top", required_argument, NULL, OPT_TOP },
    { "oom-history", no_argument, NULL, OPT_OOM_HISTORY },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
};

static enum OptionsResult apply_option(Options *o, int c, const char *arg, char *err, size_t errlen)
{
    long v;
    switch (c) {
    case 'b': o->batch = true; break;
    case 'n':
        if (!parse_long(arg, 1, LONG_MAX, &v))
            return fail(err, errlen, "-n: '%.40s' is not a positive number of iterations", arg);
        o->iterations = v;
        break;
    case 'd':
        if (!parse_seconds(arg, &o->delay_ms))
            return fail(err, errlen, "-d: '%.40s' is not a delay in seconds (0.1 .. 3600)", arg);
        break;
    case 'p': return parse_pids(o, arg, err, errlen);
    case 'u': return parse_user(o, arg, err, errlen);
    case 's':
        o->sort_col = fields_by_name(arg);
        if (o->sort_col == COL_NONE)
            return fail(err, errlen, "-s: unknown column '%.40s'", arg);
        o->sort_given = true;
        break;
    case 'R': o->sort_reverse = o->reverse_given = true; break;
    case 'c': o->full_command = true; break;
    case 'K': o->show_kthreads = true; break;
    case 'o':
        if (strcmp(arg, "json") == 0)
            o->output = OUTPUT_JSON;
        else if (strcmp(arg, "csv") == 0)
            o->output = OUTPUT_CSV;
        else if (strcmp(arg, "text") == 0)
            o->output = OUTPUT_TEXT;
        else
            return fail(err, errlen, "-o: unknown format '%.40s' (text, json or csv)", arg);
        break;
    case OPT_READONLY: o->readonly = true; break;
    case OPT_WHAT_IF: return parse_what_if(o, arg, err, errlen);
    case OPT_PROMETHEUS:
        if (!*arg)
            return fail(err, errlen, "--prometheus: no file name given");
        o->prometheus_path = arg;
        break;
    case OPT_TOP:
        if (!parse_long(arg, 0, PROMETHEUS_TOP_MAX, &v))
            return fail(err, errlen, "--top: '%.40s' is not a number of processes (0 .. %d)",
                        arg, PROMETHEUS_TOP_MAX);
        o->prometheus_top = (int)v;
        break;
    case OPT_OOM_HISTORY: o->oom_history = true; break;
    case 'h': o->help = true; break;
    case 'V': o->version = true; break;
    default: return fail(err, errlen, "unknown option");
    }
    return OPTIONS_OK;
}

/* Options that make sense alone but not together. */
static enum OptionsResult check_combination(const Options *o, char *err, size_t errlen)
{
    if (o->what_if && !o->batch)
        return fail(err, errlen, "--what-if needs batch mode (-b); interactively press w");
    if (o->output != OUTPUT_TEXT && !o->batch)
        return fail(err, errlen, "-o json and -o csv need batch mode (-b)");
    if (o->oom_history && !o->batch)
        return fail(err, errlen, "--oom-history needs batch mode (-b); interactively press L");
    if (o->oom_history && o->output == OUTPUT_CSV)
        return fail(err, errlen, "--oom-history prints text or JSON (-o json), not CSV");
    if (o->oom_history && o->what_if)
        return fail(err, errlen, "--oom-history and --what-if cannot be combined");
    return OPTIONS_OK;
}

/* --prometheus lists the whole system: only -d, -n and --top go with it. */
static enum OptionsResult check_prometheus(const Options *o, char *err, size_t errlen)
{
    if (o->prometheus_path &&
        (o->batch || o->output != OUTPUT_TEXT || o->what_if || o->npids || o->by_user))
        return fail(err, errlen, "--prometheus takes only -d, -n and --top besides FILE");
    if (!o->prometheus_path && o->prometheus_top != PROMETHEUS_TOP_DEFAULT)
        return fail(err, errlen, "--top needs --prometheus FILE");
    return OPTIONS_OK;
}

enum OptionsResult options_parse(Options *o, int argc, char **argv, char *err, size_t errlen)
{
    options_defaults(o);
    return options_parse_from(o, argc, argv, err, errlen);
}

enum OptionsResult options_parse_from(Options *o, int argc, char **argv, char *err,
                                      size_t errlen)
{
    int c;
    err[0] = '\0';
    optind = 0;     /* reset getopt: tests parse many argument vectors */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":bn:d:p:u:s:RcKo:hV", long_options, NULL)) != -1) {
        if (c == '?')
            return fail(err, errlen, "unknown option '%.40s'", argv[optind - 1]);
        if (c == ':')
            return fail(err, errlen, "option '%.40s' needs a value", argv[optind - 1]);
        enum OptionsResult r = apply_option(o, c, optarg, err, errlen);
        if (r != OPTIONS_OK)
            return r;
    }
    /* A direction read from the settings file was meant for its own column. */
    if (o->sort_given && !o->reverse_given)
        o->sort_reverse = false;
    if (optind < argc)
        return fail(err, errlen, "unexpected argument '%.40s'", argv[optind]);
    if (check_prometheus(o, err, errlen) != OPTIONS_OK)
        return OPTIONS_USAGE;
    if (check_combination(o, err, errlen) != OPTIONS_OK)
        return OPTIONS_USAGE;
    return (o->help || o->version) ? OPTIONS_EXIT : OPTIONS_OK;
}
