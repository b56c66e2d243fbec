/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_flows.c - each action's dialogs: the prompt for a value, the
 * question that shows old -> new (and, for oom_score_adj, who the OOM
 * killer would pick next), and the write once the operator confirms. The
 * text is written when a dialog opens, from the processes as captured.
 */
#include "config.h"

#include "actions_flows.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "badness.h"
#include "format.h"
#include "mmpeers.h"
#include "prompt_values.h"

#define LABEL_MAX (PROC_COMM_MAX + 32)
#define ERR_MAX 256
/* Dialog lines kept free below a target list for what follows it. */
#define TAIL_LINES 7

typedef void (*TargetText)(const ActionsUi *u, const ActionTarget *t, char *buf, size_t len);

static const char *label_of(const ActionTarget *t, char *buf, size_t len)
{
    return procid_label(&t->id, buf, len);
}

/* ------------------------------------------------------------ target lines */

static void text_nice(const ActionsUi *u, const ActionTarget *t, char *buf, size_t len)
{
    char label[LABEL_MAX], nice[16] = "unknown";

    (void)u;
    if (t->flags & PROC_NICE_OK)
        snprintf(nice, sizeof nice, "%d", t->nice);
    snprintf(buf, len, "%s: nice %s, %d thread%s", label_of(t, label, sizeof label), nice,
             t->threads, t->threads == 1 ? "" : "s");
}

static void text_adj(const ActionsUi *u, const ActionTarget *t, char *buf, size_t len)
{
    char label[LABEL_MAX], adj[16] = "unknown";

    (void)u;
    if (t->flags & PROC_OOM_ADJ_OK)
        snprintf(adj, sizeof adj, "%d", t->adj);
    snprintf(buf, len, "%s: oom_score_adj %s", label_of(t, label, sizeof label), adj);
}

static const char *step_note(const ActionsUi *u, const ActionTarget *t)
{
    if (u->flow != FLOW_PROTECT)
        return "";
    switch (t->step) {
    case PROTECT_RESTORE: return "  (its value before protection)";
    case PROTECT_RESTORE_DEFAULT: return "  (protected outside oomtop: 0, the default)";
    default: return "";
    }
}

static void text_adj_change(const ActionsUi *u, const ActionTarget *t, char *buf, size_t len)
{
    char label[LABEL_MAX], adj[16] = "?";

    if (t->flags & PROC_OOM_ADJ_OK)
        snprintf(adj, sizeof adj, "%d", t->adj);
    snprintf(buf, len, "%s: oom_score_adj %s -> %d%s", label_of(t, label, sizeof label), adj,
             t->new_value, step_note(u, t));
}

static void text_res(const ActionsUi *u, const ActionTarget *t, char *buf, size_t len)
{
    char label[LABEL_MAX], res[32];

    (void)u;
    format_kb_human(res, sizeof res, t->res_kb);
    snprintf(buf, len, "%s: RES %s", label_of(t, label, sizeof label), res);
}

/* One line per target while room is left, then the remaining pids. */
static void list_targets(ActionsUi *u, TargetText text)
{
    Dialog *d = &u->dialog;
    char line[DIALOG_LINE_MAX];
    size_t i;

    for (i = 0; i < u->ntargets; i++) {
        if (dialog_room(d) <= TAIL_LINES + 1 && i + 1 < u->ntargets)
            break;
        text(u, &u->targets[i], line, sizeof line);
        dialog_add(d, STYLE_NORMAL, "%s", line);
    }
    if (i == u->ntargets)
        return;
    size_t used = 0, more = u->ntargets - i;
    for (line[0] = '\0'; i < u->ntargets && used + 16 < sizeof line; i++)
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%d", used ? ", " : "",
                                 (int)u->targets[i].id.pid);
    dialog_add(d, STYLE_NORMAL, "... and %zu more: %s", more, line);
}

/* ------------------------------------------------------------ prediction */

static bool is_target(const ActionsUi *u, const ProcSample *p)
{
    for (size_t i = 0; i < u->ntargets; i++)
        if (u->targets[i].id.pid == p->pid && u->targets[i].id.start_ticks == p->start_ticks)
            return true;
    return false;
}

static void describe_victim(const ActionsUi *u, const ProcSample *procs, ptrdiff_t v,
                            char *buf, size_t len)
{
    char res[32];

    if (v < 0) {
        snprintf(buf, len, "nobody (no process is eligible)");
        return;
    }
    format_kb_human(res, sizeof res, procs[v].vm_rss_kb);
    snprintf(buf, len, "pid %d (%s), RES %s%s", (int)procs[v].pid, procs[v].comm, res,
             is_target(u, &procs[v]) ? "  <- being changed" : "");
}

/* Sets adj on copy[row] and on the processes sharing its memory, as the
 * kernel's write does; returns how many such processes there were. */
static size_t apply_with_peers(const Snapshot *s, ProcSample *copy, size_t row, int adj)
{
    size_t peers[64];
    size_t n = mmpeers_find(s->procs, s->nprocs, row, peers, sizeof peers / sizeof peers[0]);
    copy[row].oom_score_adj = adj;
    for (size_t k = 0; k < n; k++)
        copy[peers[k]].oom_score_adj = adj;
    return n;
}

/* Who the OOM killer would pick first now and with the new values, on the
 * snapshot the dialog was opened on. */
static void add_prediction(App *a)
{
    ActionsUi *u = &a->actions;
    const Snapshot *s = a->snap;
    char now_s[DIALOG_LINE_MAX], after_s[DIALOG_LINE_MAX];
    OomVictims now, after;
    long long total = s ? oom_global_totalpages(&s->mem, s->page_kb) : VALUE_MISSING;
    ProcSample *copy = s && total > 0 ? malloc(s->nprocs * sizeof *copy) : NULL;

    if (!copy) {
        dialog_add(&u->dialog, STYLE_NORMAL, "Next OOM victim: cannot be predicted now");
        return;
    }
    memcpy(copy, s->procs, s->nprocs * sizeof *copy);
    size_t shared = 0;
    for (size_t i = 0; i < s->nprocs; i++)
        for (size_t j = 0; j < u->ntargets; j++)
            if (copy[i].pid == u->targets[j].id.pid
                && copy[i].start_ticks == u->targets[j].id.start_ticks)
                shared += apply_with_peers(s, copy, i, u->targets[j].new_value);
    /* The copy has every target and its mm peers at their new adj. */
    oom_pick_victims(s->procs, s->nprocs, s->page_kb, total, &now);
    oom_pick_victims(copy, s->nprocs, s->page_kb, total, &after);
    describe_victim(u, s->procs, now.victim, now_s, sizeof now_s);
    describe_victim(u, copy, after.victim, after_s, sizeof after_s);
    bool same = now.victim == after.victim;
    if (shared)
        dialog_add(&u->dialog, STYLE_WARNING,
                   "The kernel also changes %zu process(es) sharing this memory", shared);
    dialog_add(&u->dialog, STYLE_NORMAL, "Next OOM victim now:   %s", now_s);
    dialog_add(&u->dialog, same ? STYLE_NORMAL : STYLE_WARNING, "Next OOM victim after: %s%s",
               after_s, same ? "  (unchanged)" : "");
    free(copy);
}

/* Going under the floor (0 unless a privileged writer lowered it) is
 * refused by the kernel without CAP_SYS_RESOURCE: say so before, too. */
static void add_cap_warning(ActionsUi *u)
{
    if (privops_have_cap(PRIVOPS_CAP_SYS_RESOURCE))
        return;
    for (size_t i = 0; i < u->ntargets; i++) {
        const ActionTarget *t = &u->targets[i];
        if (t->new_value < 0 && (!(t->flags & PROC_OOM_ADJ_OK) || t->new_value < t->adj)) {
            dialog_add(&u->dialog, STYLE_WARNING, "Below 0 needs root with CAP_SYS_RESOURCE,"
                       " which oomtop lacks: the kernel will likely refuse.");
            return;
        }
    }
}

/* ------------------------------------------------------------ oom_score_adj */

static void ask_adj(App *a, const char *title)
{
    ActionsUi *u = &a->actions;

    dialog_reset(&u->dialog, title, "Enter/y: apply   Esc/n: cancel");
    list_targets(u, text_adj_change);
    dialog_add(&u->dialog, STYLE_NORMAL, "%s", "");
    add_cap_warning(u);
    add_prediction(a);
    u->editing = false;
}

void flow_open_protect(App *a)
{
    ActionsUi *u = &a->actions;
    char label[LABEL_MAX];
    bool set = false, restore = false;

    for (size_t i = 0; i < u->ntargets; i++) {
        ActionTarget *t = &u->targets[i];
        if (!(t->flags & PROC_OOM_ADJ_OK)) {
            app_say(a, true, "%s: its oom_score_adj could not be read: nothing changed",
                    label_of(t, label, sizeof label));
            return;
        }
        t->step = protectmem_plan(&u->protect, &t->id, t->adj, &t->new_value);
        if (t->step == PROTECT_SET)
            set = true;
        else
            restore = true;
    }
    u->flow = FLOW_PROTECT;
    ask_adj(a, set && restore ? "Protect / unprotect from the OOM killer"
               : set ? "Protect from the OOM killer" : "Remove the protection");
}

/* A dialog that lists the targets and asks for one number, prefilled with
 * the first target's current value when it is known. */
typedef struct ValuePrompt {
    enum ActionFlow flow;
    const char *title, *footer, *hint, *prompt;
    TargetText text;
} ValuePrompt;

static void open_value_prompt(App *a, const ValuePrompt *vp, bool known, int current)
{
    ActionsUi *u = &a->actions;
    char init[16] = "";

    u->flow = vp->flow;
    dialog_reset(&u->dialog, vp->title, vp->footer);
    list_targets(u, vp->text);
    dialog_add(&u->dialog, STYLE_NORMAL, "%s", "");
    dialog_add(&u->dialog, STYLE_NORMAL, "%s", vp->hint);
    if (known)
        snprintf(init, sizeof init, "%d", current);
    actions_open_input(u, vp->prompt, init);
}

void flow_open_set_adj(App *a)
{
    static const ValuePrompt vp = {
        FLOW_SET_ADJ, "Set oom_score_adj", "Enter: continue   Esc: cancel",
        "-1000: never chosen by the OOM killer; 1000: chosen first.",
        "New oom_score_adj (-1000..1000): ", text_adj,
    };
    const ActionTarget *t0 = &a->actions.targets[0];
    open_value_prompt(a, &vp, t0->flags & PROC_OOM_ADJ_OK, t0->adj);
}

static int apply_adj(App *a, ActionTarget *t, char *msg, size_t msglen)
{
    ActionsUi *u = &a->actions;
    int old = t->adj;

    if (u->ops->set_oom_adj(&u->ctx, &t->id, t->new_value, &old, msg, msglen) < 0)
        return -1;
    if (protectmem_applied(&u->protect, &t->id, old, t->new_value) < 0) {
        size_t n = strlen(msg);
        snprintf(msg + n, msglen - n, " (out of memory: p cannot restore %d)", old);
    }
    return 0;
}

/* ------------------------------------------------------------ drop-in */

static void offer_dropin(App *a, const ProcId *id, int adj, bool say_why)
{
    ActionsUi *u = &a->actions;
    Dialog *d = &u->dialog;
    char err[ERR_MAX + PATH_MAX], label[LABEL_MAX];

    if (dropin_prepare("/", u->ctx.proc_fd, id, adj, &u->plan, err, sizeof err) < 0) {
        if (say_why)
            app_say(a, true, "%s", err);
        return;
    }
    u->targets[0].id = *id;
    u->ntargets = 1;
    u->flow = FLOW_DROPIN;
    dialog_reset(d, "Make the protection last", "Enter/y: write the file   Esc/n: cancel");
    dialog_add(d, STYLE_NORMAL, "%s runs in the systemd service %s.",
               procid_label(id, label, sizeof label), u->plan.unit);
    dialog_add(d, STYLE_NORMAL, "A restart loses an oom_score_adj set by hand. This drop-in");
    dialog_add(d, STYLE_NORMAL, "has systemd set OOMScoreAdjust=%d at every start:", adj);
    dialog_add(d, STYLE_VALUE, "  %s", u->plan.path);
    for (const char *l = u->plan.content; *l;) {
        const char *nl = strchr(l, '\n');
        int n = nl ? (int)(nl - l) : (int)strlen(l);
        dialog_add(d, STYLE_NORMAL, "    %.*s", n, l);
        l += n + (nl != NULL);
    }
    dialog_add(d, STYLE_NORMAL, "It applies after 'systemctl daemon-reload', from the next start.");
    u->editing = false;
}

void flow_open_dropin(App *a)
{
    ActionsUi *u = &a->actions;
    const ActionTarget *t = &u->targets[0];

    if (u->ntargets != 1) {
        app_say(a, true, "a drop-in is for one process: %zu are tagged (T untags them)",
                u->ntargets);
        return;
    }
    /* Keep a protection the operator already chose; else protect. */
    int adj = (t->flags & PROC_OOM_ADJ_OK) && t->adj < 0 ? t->adj : PROTECT_ADJ;
    offer_dropin(a, &t->id, adj, true);
}

static void write_dropin(App *a)
{
    ActionsUi *u = &a->actions;
    char msg[ERR_MAX + PATH_MAX];
    ProcId id = u->targets[0].id;

    actions_close(a);
    int rc = u->ops->write_dropin(&u->ctx, &id, &u->plan, msg, sizeof msg);
    app_say(a, rc < 0, "%s", msg);
}

static void apply_adj_confirmed(App *a)
{
    ActionsUi *u = &a->actions;
    ProcId id = u->targets[0].id;
    int adj = u->targets[0].new_value;
    bool one_lowered = u->ntargets == 1 && adj < 0;

    actions_close(a);
    /* A protection that worked: offer to make it survive a restart. */
    if (actions_apply_all(a, apply_adj) == 1 && one_lowered)
        offer_dropin(a, &id, adj, false);
}

/* ------------------------------------------------------------ nice */

void flow_open_renice(App *a)
{
    static const ValuePrompt vp = {
        FLOW_RENICE, "Renice", "Enter: renice   Esc: cancel",
        "-20 gets the most CPU, 19 the least; every thread is changed.",
        "New nice (-20..19): ", text_nice,
    };
    const ActionTarget *t0 = &a->actions.targets[0];
    open_value_prompt(a, &vp, t0->flags & PROC_NICE_OK, t0->nice);
}

static int apply_renice(App *a, ActionTarget *t, char *msg, size_t msglen)
{
    ActionsUi *u = &a->actions;
    return u->ops->renice(&u->ctx, &t->id, t->new_value, NULL, msg, msglen);
}

void flow_step_nice(App *a, int delta)
{
    ActionsUi *u = &a->actions;
    char label[LABEL_MAX];
    size_t kept = 0;

    for (size_t i = 0; i < u->ntargets; i++) {
        ActionTarget t = u->targets[i];
        t.new_value = t.nice + delta;
        if ((t.flags & PROC_NICE_OK) && t.new_value >= PROMPT_NICE_MIN
            && t.new_value <= PROMPT_NICE_MAX)
            u->targets[kept++] = t;
    }
    if (kept == 0 && u->ntargets == 1 && (u->targets[0].flags & PROC_NICE_OK))
        app_say(a, true, "%s is already at nice %d, the %s priority",
                label_of(&u->targets[0], label, sizeof label), u->targets[0].nice,
                delta < 0 ? "highest" : "lowest");
    else if (kept == 0)
        app_say(a, true, "nothing to change: the nice is at its limit or unknown");
    u->ntargets = kept;
    if (kept)
        actions_apply_all(a, apply_renice);
}

/* ------------------------------------------------------------ signals */

void flow_open_kill(App *a)
{
    ActionsUi *u = &a->actions;

    u->flow = FLOW_KILL;
    dialog_reset(&u->dialog, "Send a signal", "Enter: continue   Esc: cancel");
    list_targets(u, text_res);
    dialog_add(&u->dialog, STYLE_NORMAL, "%s", "");
    dialog_add(&u->dialog, STYLE_NORMAL, "TERM asks it to exit; KILL cannot be caught;"
               " also INT, HUP, STOP, CONT or a number.");
    actions_open_input(u, "Signal: ", "TERM");
}

static void ask_signal(App *a, int sig)
{
    ActionsUi *u = &a->actions;
    char buf[16], title[48], footer[64];
    const char *name = prompt_signal_name(sig, buf, sizeof buf);

    u->signal = sig;
    snprintf(title, sizeof title, "Send %s", name);
    snprintf(footer, sizeof footer, "Enter/y: send %s   Esc/n: cancel", name);
    dialog_reset(&u->dialog, title, footer);
    dialog_add(&u->dialog, STYLE_NORMAL, "Send %s (signal %d) to %zu process%s:", name, sig,
               u->ntargets, u->ntargets == 1 ? "" : "es");
    list_targets(u, text_res);
    if (sig == SIGKILL)
        dialog_add(&u->dialog, STYLE_WARNING, "KILL cannot be caught: no chance to clean up.");
    u->editing = false;
}

static int apply_kill(App *a, ActionTarget *t, char *msg, size_t msglen)
{
    ActionsUi *u = &a->actions;
    return u->ops->kill(&u->ctx, &t->id, u->signal, msg, msglen);
}

/* ------------------------------------------------------------ keys */

static bool parse_failed(App *a, int rc, const char *err)
{
    if (rc == 0)
        return false;
    app_say(a, true, "%s: nothing changed", err);
    return true;
}

void flow_accept_input(App *a, const char *text)
{
    ActionsUi *u = &a->actions;
    char err[ERR_MAX];
    int v;

    u->editing = false;
    switch (u->flow) {
    case FLOW_RENICE:
        actions_close(a);
        if (parse_failed(a, prompt_parse_nice(text, &v, err, sizeof err), err))
            return;
        for (size_t i = 0; i < u->ntargets; i++)
            u->targets[i].new_value = v;
        actions_apply_all(a, apply_renice);
        break;
    case FLOW_SET_ADJ:
        if (parse_failed(a, prompt_parse_adj(text, &v, err, sizeof err), err)) {
            actions_close(a);
            return;
        }
        for (size_t i = 0; i < u->ntargets; i++)
            u->targets[i].new_value = v;
        ask_adj(a, "Set oom_score_adj");
        break;
    case FLOW_KILL:
        if (parse_failed(a, prompt_parse_signal(text, &v, err, sizeof err), err)) {
            actions_close(a);
            return;
        }
        ask_signal(a, v);
        break;
    default:
        actions_close(a);
        break;
    }
}

void flow_confirm(App *a)
{
    switch (a->actions.flow) {
    case FLOW_PROTECT: case FLOW_SET_ADJ: apply_adj_confirmed(a); break;
    case FLOW_KILL:
        actions_close(a);
        actions_apply_all(a, apply_kill);
        break;
    case FLOW_DROPIN: write_dropin(a); break;
    default: actions_close(a); break;
    }
}

void flow_cancel(App *a)
{
    actions_close(a);
    app_say(a, false, "Cancelled: nothing changed");
}
