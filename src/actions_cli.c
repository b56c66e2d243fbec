/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_cli.c - --protect / --set-adj / --renice from the command line.
 * The same PrivOps table as the interactive keys, so scripts get the same
 * identity checks, messages and audit records.
 */
#include "config.h"

#include "actions_cli.h"

#include <string.h>
#include <unistd.h>

#include "dropin.h"
#include "privops.h"
#include "prompt_values.h"
#include "protectmem.h"
#include "sample.h"
#include "target.h"
#include "text.h"

#define MSG_MAX 1024

typedef struct ActionOpt {
    const char *name;
    enum ActionCliKind kind;
    int nvalues;                /* words before the target */
    const char *words;          /* for the usage message */
} ActionOpt;

static const ActionOpt action_opts[] = {
    { "--protect", ACTION_CLI_PROTECT, 0, "PID|NAME" },
    { "--set-adj", ACTION_CLI_SET_ADJ, 1, "VALUE PID|NAME" },
    { "--renice", ACTION_CLI_RENICE, 1, "VALUE PID|NAME" },
};

#define N_ACTION_OPTS (sizeof action_opts / sizeof action_opts[0])

const char *actions_cli_usage(void)
{
    return "      --protect PID|NAME  set oom_score_adj -1000 (never chosen by the OOM killer)\n"
           "      --set-adj VALUE PID|NAME  set oom_score_adj (-1000..1000)\n"
           "      --renice VALUE PID|NAME   set the nice (-20..19) of every thread\n"
           "      --dry-run           with the above: show what would change, change nothing\n"
           "  A NAME acts on every process whose name is exactly NAME.\n"
           "  Exit status: 0 all applied, 1 some failed, 2 usage error.\n";
}

/* The option argv word a names, with *inline_val set for "--opt=VALUE". */
static const ActionOpt *match_action(const char *a, const char **inline_val)
{
    for (size_t i = 0; i < N_ACTION_OPTS; i++) {
        size_t n = strlen(action_opts[i].name);
        if (strncmp(a, action_opts[i].name, n) != 0)
            continue;
        if (a[n] == '\0' || a[n] == '=') {
            *inline_val = a[n] == '=' ? a + n + 1 : NULL;
            return &action_opts[i];
        }
    }
    return NULL;
}

int actions_cli_set(ActionCliRequest *req, enum ActionCliKind kind, const char *value,
                    const char *target, char *err, size_t errlen)
{
    int v = PROTECT_ADJ;

    if (kind == ACTION_CLI_SET_ADJ && prompt_parse_adj(value, &v, err, errlen) < 0)
        return -1;
    if (kind == ACTION_CLI_RENICE && prompt_parse_nice(value, &v, err, errlen) < 0)
        return -1;
    if (!target || target[0] == '\0') {
        snprintf(err, errlen, "no process given (a pid or an exact process name)");
        return -1;
    }
    req->kind = kind;
    req->value = v;
    req->target = target;
    return 0;
}

static bool has_action(int argc, char **argv)
{
    const char *v;

    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (match_action(argv[i], &v))
            return true;
    }
    return false;
}

/* Parses one action option at argv[*i]; advances *i past its words. */
static int parse_action(int argc, char **argv, int *i, ActionCliRequest *req,
                        char *err, size_t errlen)
{
    const char *inline_val, *words[2] = { NULL, NULL };
    const ActionOpt *o = match_action(argv[*i], &inline_val);
    int need = o->nvalues + 1, have = 0;

    if (req->kind != ACTION_CLI_NONE) {
        snprintf(err, errlen, "one action per run: %s cannot follow another action", o->name);
        return -1;
    }
    if (inline_val)
        words[have++] = inline_val;
    while (have < need && *i + 1 < argc)
        words[have++] = argv[++*i];
    if (have < need) {
        snprintf(err, errlen, "%s needs %s", o->name, o->words);
        return -1;
    }
    return actions_cli_set(req, o->kind, o->nvalues ? words[0] : NULL, words[need - 1],
                           err, errlen);
}

int actions_cli_parse(int argc, char **argv, ActionCliRequest *req, char *err, size_t errlen)
{
    char q[48];
    const char *v;

    memset(req, 0, sizeof *req);
    if (!has_action(argc, argv)) {
        for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
            if (strcmp(argv[i], "--dry-run") == 0) {
                snprintf(err, errlen, "--dry-run needs --protect, --set-adj or --renice");
                return ACTION_CLI_PARSE_USAGE;
            }
        }
        return ACTION_CLI_PARSE_NONE;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0) {
            req->dry_run = true;
        } else if (strcmp(argv[i], "--readonly") == 0) {
            req->readonly = true;
        } else if (match_action(argv[i], &v)) {
            if (parse_action(argc, argv, &i, req, err, errlen) < 0)
                return ACTION_CLI_PARSE_USAGE;
        } else {
            text_sanitize(q, sizeof q, argv[i], strlen(argv[i]));
            snprintf(err, errlen, "'%s' cannot be used with --protect, --set-adj or --renice"
                     " (only --dry-run and --readonly can)", q);
            return ACTION_CLI_PARSE_USAGE;
        }
    }
    return ACTION_CLI_PARSE_OK;
}

static bool is_adj_action(const ActionCliRequest *req)
{
    return req->kind == ACTION_CLI_PROTECT || req->kind == ACTION_CLI_SET_ADJ;
}

/* After a protection: if the process runs in a systemd service, say how to
 * keep it across restarts (the interactive view can write the file). */
static void dropin_hint(const ActionCliRequest *req, int proc_fd, const ProcId *id, FILE *out)
{
    DropInPlan plan;
    char why[512];
    const char *root = req->systemd_root ? req->systemd_root : "/";

    if (!is_adj_action(req) || req->value >= 0
        || dropin_prepare(root, proc_fd, id, req->value, &plan, why, sizeof why) < 0)
        return;
    fprintf(out, "  %s runs in %s; a restart loses this. To keep it, install %s:\n",
            id->comm, plan.unit, plan.path);
    for (const char *l = plan.content; *l;) {
        const char *nl = strchr(l, '\n');
        int n = nl ? (int)(nl - l) : (int)strlen(l);
        fprintf(out, "    %.*s\n", n, l);
        l += n + (nl != NULL);
    }
}

static void preview_one(const ActionCliRequest *req, const ProcSample *p, const ProcId *id,
                        FILE *out)
{
    char label[PROC_COMM_MAX + 32], old[16] = "?";

    procid_label(id, label, sizeof label);
    if (is_adj_action(req)) {
        if (p->flags & PROC_OOM_ADJ_OK)
            snprintf(old, sizeof old, "%d", p->oom_score_adj);
        fprintf(out, "would set %s: oom_score_adj %s -> %d", label, old, req->value);
        if ((p->flags & PROC_OOM_ADJ_OK) && req->value < p->oom_score_adj && req->value < 0
            && !privops_have_cap(PRIVOPS_CAP_SYS_RESOURCE))
            fprintf(out, " (likely refused: going below 0 needs CAP_SYS_RESOURCE)");
        fputc('\n', out);
        return;
    }
    if (p->flags & PROC_NICE_OK)
        snprintf(old, sizeof old, "%d", p->nice);
    fprintf(out, "would set %s: nice %s -> %d (%d thread%s)\n", label, old, req->value,
            p->threads, p->threads == 1 ? "" : "s");
}

/* Applies the action to one process; 0 or -1 (message already printed). */
static int apply_one(const PrivOps *ops, const PrivCtx *ctx, const ActionCliRequest *req,
                     const ProcId *id, FILE *out, FILE *err)
{
    char msg[MSG_MAX];
    int rc;

    if (is_adj_action(req))
        rc = ops->set_oom_adj(ctx, id, req->value, NULL, msg, sizeof msg);
    else
        rc = ops->renice(ctx, id, req->value, NULL, msg, sizeof msg);
    if (rc < 0) {
        fprintf(err, "oomtop: %s\n", msg);
        return -1;
    }
    fprintf(out, "%s\n", msg);
    dropin_hint(req, ctx->proc_fd, id, out);
    return 0;
}

static int run_on(const ActionCliRequest *req, const TargetSet *t, const PrivCtx *ctx,
                  FILE *out, FILE *err)
{
    const PrivOps *ops = req->readonly ? privops_readonly() : privops_real();
    char pids[512], name[PROC_COMM_MAX];
    int failed = 0;

    if (t->by_name) {
        text_sanitize(name, sizeof name, req->target, strlen(req->target));
        fprintf(out, "%s: %zu process%s: %s\n", name, t->n, t->n == 1 ? "" : "es",
                target_format_pids(t, pids, sizeof pids));
    }
    for (size_t i = 0; i < t->n; i++) {
        ProcId id = procid_from_sample(t->procs[i]);
        if (req->dry_run)
            preview_one(req, t->procs[i], &id, out);
        else if (apply_one(ops, ctx, req, &id, out, err) < 0)
            failed++;
    }
    return failed ? ACTION_CLI_EXIT_FAILED : ACTION_CLI_EXIT_OK;
}

int actions_cli_run(const ActionCliRequest *req, FILE *out, FILE *err)
{
    const char *root = req->proc_root ? req->proc_root : "/proc";
    char msg[MSG_MAX];
    PrivCtx ctx;
    TargetSet t;
    Snapshot *snap;
    Sampler *s;
    int rc = ACTION_CLI_EXIT_FAILED;

    if (req->kind == ACTION_CLI_NONE || !req->target)
        return ACTION_CLI_EXIT_USAGE;
    if (!(s = sampler_open(root, msg, sizeof msg))) {
        fprintf(err, "oomtop: %s\n", msg);
        return ACTION_CLI_EXIT_FAILED;
    }
    if (privctx_open(&ctx, root, msg, sizeof msg) < 0) {
        fprintf(err, "oomtop: %s\n", msg);
        sampler_close(s);
        return ACTION_CLI_EXIT_FAILED;
    }
    ctx.audit = req->audit;
    ctx.audit_arg = req->audit_arg;
    target_set_init(&t);
    if (!(snap = sampler_refresh(s, 0)))
        fprintf(err, "oomtop: cannot read the processes: %s\n", sampler_error(s));
    else if (target_resolve(snap, req->target, &t, msg, sizeof msg) < 0)
        fprintf(err, "oomtop: %s\n", msg);
    else
        rc = run_on(req, &t, &ctx, out, err);
    fflush(out);
    target_set_free(&t);
    privctx_close(&ctx);
    sampler_close(s);
    return rc;
}
