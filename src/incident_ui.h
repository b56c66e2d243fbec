/* SPDX-License-Identifier: GPL-2.0-or-later
 * incident_ui.h - the incident context in the interactive program: its
 * state (one member of App), the OOM history view, the cgroup columns and
 * the "this OOM domain" view of the table. Drawing is in view_history.c.
 */
#ifndef OOMTOP_INCIDENT_UI_H
#define OOMTOP_INCIDENT_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"
#include "incident.h"
#include "keymap.h"
#include "summary.h"

struct App;

#define INCIDENT_SCOPE_PATH_MAX 512

typedef struct IncidentUi {
    Incident data;              /* tracker, cgroup reader, kernel log */
    /* The history view. */
    bool history;               /* open: it replaces the table */
    long sel;                   /* selected event, 0 = the newest */
    long scroll;
    int page;                   /* event rows on screen at the last draw */
    size_t seen_kills;          /* oomlog_live_kills() when the user last looked */
    unsigned long long seen_added;  /* oomlog_added() then: later events are new */
    /* The cgroup columns and the one-domain view of the table. */
    bool columns;
    bool scope;
    char scope_path[INCIDENT_SCOPE_PATH_MAX];   /* the domain's path in its hierarchy */
    enum ColumnId saved_sort;   /* the order to go back to after the domain view */
    bool saved_reverse;
    enum ColumnId extra[4];     /* columns the domain view added to the list (COL_NONE-ended) */
    bool backlog_unread;        /* the log is open, its backlog not read yet */
} IncidentUi;

/* Opens the kernel log; its backlog is read after the first frame
 * (incident_ui_read_backlog). Never fails: where the log cannot be read,
 * the history view says why and what is needed. */
void incident_ui_init(struct App *a);

/* Called after each draw; the first time, reads the kernel log's whole
 * backlog (history, not news). Read before the first frame it would delay
 * it: a log full of OOM reports, each listing every process, takes
 * milliseconds to read and parse. */
void incident_ui_read_backlog(struct App *a);

void incident_ui_free(struct App *a);

/* After each snapshot was taken and ranked: tracks PSI and vmstat, and
 * attaches cgroups when a column, the sort or the domain view needs them. */
void incident_ui_resampled(struct App *a);

/* Every turn of the loop: reads new kernel log records without blocking;
 * a new OOM kill redraws at once and makes the next refresh immediate. */
void incident_ui_tick(struct App *a);

/* ACT_OOM_HISTORY, ACT_CGROUP_COLUMNS, ACT_CGROUP_SCOPE. */
void incident_ui_action(struct App *a, enum Action act);

/* Keys while the history view is open; true if used. Help, quit (F10) and
 * refresh pass through. */
bool incident_ui_key(struct App *a, int key);

/* What the header's PSI and OOM lines need. */
void incident_ui_summary(const struct App *a, SummaryIncident *inc);

/* Draws below the header from row `top`, `rows` rows at most: the whole
 * history view, or the domain view's line. Returns the rows used, which
 * the process table does not get. */
int incident_ui_draw(struct App *a, int top, int rows, int cols);

#endif
