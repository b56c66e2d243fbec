/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_ui.h - the interactive actions: renice, protect, set
 * oom_score_adj, signal, systemd drop-in, and tagging processes to act on
 * several at once. Each action captures the processes' identity when its
 * dialog opens and writes through the PrivOps table (privops.h).
 */
#ifndef OOMTOP_ACTIONS_UI_H
#define OOMTOP_ACTIONS_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "dropin.h"
#include "keymap.h"
#include "model.h"
#include "privops.h"
#include "prompt_line.h"
#include "protectmem.h"
#include "view_dialog.h"

struct App;

/* One process an open dialog acts on, as sampled when the dialog opened. */
typedef struct ActionTarget {
    ProcId id;
    unsigned flags;             /* PROC_NICE_OK, PROC_OOM_ADJ_OK of the sample */
    int nice;
    int adj;
    int new_value;              /* nice or oom_score_adj, per the flow */
    enum ProtectStep step;      /* protect only */
    int threads;
    long long res_kb;
} ActionTarget;

enum ActionFlow {
    FLOW_NONE = 0,              /* no dialog open */
    FLOW_RENICE,
    FLOW_SET_ADJ,
    FLOW_PROTECT,
    FLOW_KILL,
    FLOW_DROPIN,
    FLOW_TAG_NAME,
};

typedef struct ActionsUi {
    const PrivOps *ops;         /* real, or refusing under --readonly */
    PrivCtx ctx;
    char unavailable[160];      /* why no action can run; "" = they can */
    ProtectMemory protect;      /* what "protect" toggles back to */
    ProcId *tags;               /* tagged processes, by identity */
    size_t ntags, tags_cap;

    /* The open dialog. */
    enum ActionFlow flow;
    bool editing;               /* its input line is open (else it asks y/n) */
    bool input_fresh;           /* still the prefilled value: typing replaces it */
    ActionTarget *targets;
    size_t ntargets, targets_cap;
    int signal;
    PromptLine input;
    Dialog dialog;
    DropInPlan plan;
} ActionsUi;

/* Sets up a->actions (read-only when `readonly`) and the tag marks of the
 * process list. Never fails: without /proc it remembers why, and every
 * action key says so. */
void actions_ui_init(struct App *a, bool readonly);

/* Releases what the actions hold (the proc fd, tags, memory). */
void actions_ui_free(struct App *a);

/* After each refresh: forgets tags and remembered protections of processes
 * that are gone. */
void actions_ui_sampled(struct App *a);

/* Runs an action key (ACT_RENICE .. ACT_DROPIN): opens its dialog, or says
 * in the status line why not. */
void actions_ui_action(struct App *a, enum Action act);

/* Keys while a dialog is open. Returns false (key not used) when none is. */
bool actions_ui_key(struct App *a, int key);

/* Draws the open dialog over the screen, or the tag count in the status
 * line. Call after everything else is drawn. */
void actions_ui_draw(struct App *a, int rows, int cols);

/* True if p is tagged; `arg` is the ActionsUi (the list's mark callback). */
bool actions_ui_tagged(const void *arg, const ProcSample *p);

#endif
