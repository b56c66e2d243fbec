/* SPDX-License-Identifier: GPL-2.0-or-later
 * app_state.h - the interactive program's state, shared by app.c (the loop
 * and the basic keys) and the feature views that plug into it (what-if,
 * actions, OOM history, settings). Each feature keeps its own state struct,
 * embedded here as one member, and its own file; app.c only routes keys and
 * drawing to it.
 */
#ifndef OOMTOP_APP_STATE_H
#define OOMTOP_APP_STATE_H

#include <stdbool.h>

#include "actions_ui.h"
#include "fields.h"
#include "incident_ui.h"
#include "model.h"
#include "prompt_line.h"
#include "proctable.h"
#include "sample.h"
#include "settings_ui.h"
#include "view_list.h"
#include "whatif_ui.h"

#define MESSAGE_MS 5000

typedef struct App {
    Sampler *sampler;
    Snapshot *snap;
    OomSummary oom;             /* snap's live ranking */
    bool oom_valid;             /* ... which could be made (memory) */
    ProcTable table;
    ProcFilter filter;
    FormatCtx fmt;
    ListView list;
    unsigned needs;             /* enum SampleNeeds */
    unsigned delay_ms;
    long long next_sample_ms;
    bool dirty;
    bool quit;
    bool help;
    int help_scroll;
    PromptLine prompt;
    char search[PROMPT_LINE_MAX];       /* the search in force */
    char search_before[PROMPT_LINE_MAX];
    char user_name[PROMPT_LINE_MAX];
    char message[160];
    bool message_warn;
    long long message_until_ms;
    char lock_note[128];
    ActionsUi actions;          /* renice, protect, signals, tags (actions_ui.h) */
    WhatIfView whatif;          /* what-if mode and the explain panel (whatif_ui.h) */
    IncidentUi incident;        /* PSI/OOM context, OOM history, cgroup views (incident_ui.h) */
    SettingsUi settings;        /* oomtoprc at start, W, the column picker (settings_ui.h) */
} App;

/* Monotonic milliseconds. */
long long app_now_ms(void);

/* Shows a one-line message in the status line for a few seconds; `warn`
 * highlights it (a failure the user must see). */
void app_say(App *a, bool warn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Filters and sorts the current snapshot again (after a key changed the
 * filter or order); the selection follows its process. */
void app_rebuild(App *a);

/* Takes a new snapshot now, ranks it, and rebuilds the table. */
void app_resample(App *a);

/* The selected process of the current snapshot, or NULL when none. */
const ProcSample *app_selected(const App *a);

#endif
