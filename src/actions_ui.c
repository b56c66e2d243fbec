/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_ui.c - the state behind the action keys: tags, the processes an
 * open dialog acts on, key routing for dialogs, and applying a change to
 * every target with one summary in the status line. The dialogs themselves
 * are in actions_flows.c, but for tagging by name.
 */
#include "config.h"

#include "actions_ui.h"
#include "actions_flows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "grow.h"
#include "target.h"
#include "text.h"
#include "ui.h"

void actions_ui_init(App *a, bool readonly)
{
    ActionsUi *u = &a->actions;
    char err[128];

    memset(u, 0, sizeof *u);
    u->ops = readonly ? privops_readonly() : privops_real();
    protectmem_init(&u->protect);
    if (privctx_open(&u->ctx, "/proc", err, sizeof err) < 0)
        snprintf(u->unavailable, sizeof u->unavailable, "actions unavailable: %s", err);
    a->list.marked = actions_ui_tagged;
    a->list.marked_arg = u;
}

void actions_ui_free(App *a)
{
    ActionsUi *u = &a->actions;

    privctx_close(&u->ctx);
    protectmem_free(&u->protect);
    free(u->tags);
    free(u->targets);
    u->tags = NULL;
    u->targets = NULL;
    u->ntags = u->tags_cap = u->ntargets = u->targets_cap = 0;
}

/* ------------------------------------------------------------ tags */

static const ProcSample *find_sample(const Snapshot *s, const ProcId *id)
{
    long i = snapshot_find(s, id->pid, id->start_ticks);
    return i >= 0 ? &s->procs[i] : NULL;
}

static long tag_index(const ActionsUi *u, pid_t pid, unsigned long long start_ticks)
{
    for (size_t i = 0; i < u->ntags; i++)
        if (u->tags[i].pid == pid && u->tags[i].start_ticks == start_ticks)
            return (long)i;
    return -1;
}

bool actions_ui_tagged(const void *arg, const ProcSample *p)
{
    const ActionsUi *u = arg;
    return u->ntags && tag_index(u, p->pid, p->start_ticks) >= 0;
}

static void tag_remove_at(ActionsUi *u, size_t i)
{
    memmove(&u->tags[i], &u->tags[i + 1], (u->ntags - i - 1) * sizeof u->tags[0]);
    u->ntags--;
}

int actions_tag_add(ActionsUi *u, const ProcSample *p)
{
    if (tag_index(u, p->pid, p->start_ticks) >= 0)
        return 0;
    if (grow_array(&u->tags, &u->tags_cap, u->ntags + 1, sizeof *u->tags, 16) < 0)
        return -1;
    u->tags[u->ntags++] = procid_from_sample(p);
    return 0;
}

void actions_ui_sampled(App *a)
{
    ActionsUi *u = &a->actions;

    if (!a->snap)
        return;
    protectmem_prune(&u->protect, a->snap);
    for (size_t i = 0; i < u->ntags;) {
        if (find_sample(a->snap, &u->tags[i]))
            i++;
        else
            tag_remove_at(u, i);
    }
}

static void toggle_tag(App *a)
{
    ActionsUi *u = &a->actions;
    const ProcSample *p = app_selected(a);
    char label[PROC_COMM_MAX + 32];

    if (!p) {
        app_say(a, true, "no process selected");
        return;
    }
    ProcId id = procid_from_sample(p);
    long i = tag_index(u, p->pid, p->start_ticks);
    if (i >= 0) {
        tag_remove_at(u, (size_t)i);
    } else if (actions_tag_add(u, p) < 0) {
        app_say(a, true, "out of memory: not tagged");
        return;
    }
    app_say(a, false, "%s %s; %zu tagged (actions apply to them, T untags all)",
            procid_label(&id, label, sizeof label), i >= 0 ? "untagged" : "tagged", u->ntags);
    /* Like htop: tagging moves on, so a run of rows is tagged key after key. */
    view_list_select(&a->list, &a->table, a->list.selected + 1);
}

/* ------------------------------------------------------------ tag by name */

static void open_tag_name(App *a)
{
    ActionsUi *u = &a->actions;
    const ProcSample *p = app_selected(a);

    u->flow = FLOW_TAG_NAME;
    u->ntargets = 0;
    dialog_reset(&u->dialog, "Tag by name", "Enter: tag them   Esc: cancel");
    dialog_add(&u->dialog, STYLE_NORMAL, "Tags every process whose name is exactly this"
               " (e.g. mysqld);");
    dialog_add(&u->dialog, STYLE_NORMAL, "the actions then apply to all tagged processes"
               " (T untags).");
    actions_open_input(u, "Process name: ", p ? p->comm : "");
}

static void tag_by_name(App *a, const char *text)
{
    ActionsUi *u = &a->actions;
    char err[256], name[PROC_COMM_MAX], pids[96];
    TargetSet ts;

    if (!text[0] || !a->snap) {
        app_say(a, true, "no name given: nothing tagged");
        return;
    }
    target_set_init(&ts);
    if (target_resolve(a->snap, text, &ts, err, sizeof err) < 0) {
        app_say(a, true, "%s: nothing tagged", err);
        target_set_free(&ts);
        return;
    }
    for (size_t i = 0; i < ts.n; i++) {
        if (actions_tag_add(u, ts.procs[i]) < 0) {
            app_say(a, true, "out of memory: only some tagged");
            target_set_free(&ts);
            return;
        }
    }
    text_sanitize(name, sizeof name, text, strlen(text));
    app_say(a, false, "Tagged %zu named %s: %s; %zu tagged in all", ts.n, name,
            target_format_pids(&ts, pids, sizeof pids), u->ntags);
    target_set_free(&ts);
}

/* ------------------------------------------------------------ targets */

static int add_target(ActionsUi *u, const ProcSample *p)
{
    if (grow_array(&u->targets, &u->targets_cap, u->ntargets + 1, sizeof *u->targets, 16) < 0)
        return -1;
    u->targets[u->ntargets++] = (ActionTarget){
        .id = procid_from_sample(p),
        .flags = p->flags,
        .nice = p->nice,
        .adj = p->oom_score_adj,
        .threads = p->threads,
        .res_kb = p->vm_rss_kb,
    };
    return 0;
}

/* The tagged processes, or else the selected one, captured now. */
static bool collect_targets(App *a)
{
    ActionsUi *u = &a->actions;

    u->ntargets = 0;
    if (u->ntags) {
        for (size_t i = 0; i < u->ntags; i++) {
            const ProcSample *p = find_sample(a->snap, &u->tags[i]);
            if (p && add_target(u, p) < 0) {
                app_say(a, true, "out of memory: nothing done");
                return false;
            }
        }
    } else if (app_selected(a) && add_target(u, app_selected(a)) < 0) {
        app_say(a, true, "out of memory: nothing done");
        return false;
    }
    if (u->ntargets == 0)
        app_say(a, true, u->ntags ? "the tagged processes have exited" : "no process selected");
    return u->ntargets > 0;
}

/* Under --readonly (or without /proc) every action key is refused here,
 * before any dialog opens. */
static bool may_act(App *a)
{
    ActionsUi *u = &a->actions;

    if (u->ops->refusal) {
        app_say(a, true, "%s", u->ops->refusal);
        return false;
    }
    if (u->unavailable[0]) {
        app_say(a, true, "%s", u->unavailable);
        return false;
    }
    return true;
}

void actions_ui_action(App *a, enum Action act)
{
    a->dirty = true;
    switch (act) {
    case ACT_TAG: toggle_tag(a); return;
    case ACT_UNTAG_ALL:
        a->actions.ntags = 0;
        app_say(a, false, "Every process untagged");
        return;
    case ACT_TAG_NAME: open_tag_name(a); return;
    default: break;
    }
    if (!may_act(a) || !collect_targets(a))
        return;
    switch (act) {
    case ACT_RENICE: flow_open_renice(a); break;
    case ACT_NICE_DOWN: flow_step_nice(a, -1); break;
    case ACT_NICE_UP: flow_step_nice(a, 1); break;
    case ACT_PROTECT: flow_open_protect(a); break;
    case ACT_SET_ADJ: flow_open_set_adj(a); break;
    case ACT_KILL: flow_open_kill(a); break;
    case ACT_DROPIN: flow_open_dropin(a); break;
    default: break;
    }
}

/* ------------------------------------------------------------ dialogs */

void actions_open_input(ActionsUi *u, const char *label, const char *initial)
{
    snprintf(u->dialog.input_label, sizeof u->dialog.input_label, "%s", label);
    promptline_open(&u->input, PROMPT_VALUE, initial);
    u->editing = true;
    u->input_fresh = true;
}

void actions_close(App *a)
{
    a->actions.flow = FLOW_NONE;
    a->actions.editing = false;
    a->dirty = true;
}

bool actions_ui_key(App *a, int key)
{
    ActionsUi *u = &a->actions;

    if (u->flow == FLOW_NONE)
        return false;
    a->dirty = true;
    if (u->editing) {
        /* Typing over the prefilled value replaces it, as in a selected
         * field; Backspace edits it instead. */
        if (u->input_fresh && key >= 0x20 && key < KEYCODE_UP && key != 0x7f)
            u->input.text[0] = '\0';
        u->input_fresh = false;
        enum PromptResult r = promptline_key(&u->input, key);
        if (r == PROMPT_ACCEPTED && u->flow == FLOW_TAG_NAME) {
            actions_close(a);
            tag_by_name(a, u->input.text);
        } else if (r == PROMPT_ACCEPTED) {
            flow_accept_input(a, u->input.text);
        }
        else if (r == PROMPT_CANCELLED)
            flow_cancel(a);
        return true;
    }
    if (key == KEYCODE_ENTER || key == 'y' || key == 'Y')
        flow_confirm(a);
    else if (key == KEYCODE_ESC || key == 'n' || key == 'N' || key == 'q')
        flow_cancel(a);
    return true;
}

void actions_ui_draw(App *a, int rows, int cols)
{
    ActionsUi *u = &a->actions;
    char note[48];

    if (u->flow != FLOW_NONE) {
        view_dialog_draw(&u->dialog, u->editing ? u->input.text : NULL, rows, cols);
        return;
    }
    /* Tagged processes change what every action acts on: keep it in view. */
    if (u->ntags && a->prompt.kind == PROMPT_NONE) {
        int n = snprintf(note, sizeof note, " [%zu tagged] ", u->ntags);
        if (n > 0 && n < cols / 2)
            ui_put(rows - 1, cols - n, note, n, STYLE_MARK);
    }
}

/* ------------------------------------------------------------ applying */

size_t actions_apply_all(App *a, ActionApplyFn fn)
{
    ActionsUi *u = &a->actions;
    char msg[512], first_fail[512] = "", last_ok[512] = "";
    size_t ok = 0, n = u->ntargets;

    for (size_t i = 0; i < n; i++) {
        if (fn(a, &u->targets[i], msg, sizeof msg) == 0) {
            ok++;
            memcpy(last_ok, msg, sizeof msg);
        } else if (!first_fail[0]) {
            memcpy(first_fail, msg, sizeof msg);
        }
    }
    if (n == 1)
        app_say(a, ok == 0, "%s", ok ? last_ok : first_fail);
    else if (ok == n)
        app_say(a, false, "all %zu processes done; last: %s", n, last_ok);
    else
        app_say(a, true, "%zu of %zu processes done; %s", ok, n, first_fail);
    /* Show the new values at once rather than at the next refresh. */
    if (ok) {
        char keep[sizeof a->message];
        bool warn = a->message_warn;
        memcpy(keep, a->message, sizeof keep);
        app_resample(a);
        app_say(a, warn, "%s", keep);
    }
    return ok;
}
