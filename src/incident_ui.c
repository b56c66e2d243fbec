/* SPDX-License-Identifier: GPL-2.0-or-later
 * incident_ui.c - the incident context's state and keys in the interactive
 * program: when to read cgroups and the kernel log, the history view's
 * selection and what counts as new, and the one-OOM-domain table.
 */
#include "config.h"

#include "incident_ui.h"

#include <stdio.h>
#include <string.h>

#include "app_state.h"
#include "view_history.h"

/* Log records read per turn of the loop at most, so that a flood of kernel
 * messages cannot stall the keys; the rest waits for the next turn. */
#define POLL_RECORDS_MAX 2000

static IncidentUi *ui_of(struct App *a)
{
    return &a->incident;
}

/* The cgroup columns live in the table's one column list: G shows or hides
 * CGROUP and CG% there; the domain view shows CGRANK, CGROUP and CG% while
 * it is open, and on leaving hides only those it added (iu->extra). */
static void show_scope_columns(IncidentUi *iu, ListView *list)
{
    static const enum ColumnId cols[] = { COL_CGRANK, COL_CGROUP, COL_CGMEM };
    size_t n = 0;
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (column_list_show(list->columns, cols[i]))
            iu->extra[n++] = cols[i];
    iu->extra[n] = COL_NONE;
}

static void hide_scope_columns(IncidentUi *iu, ListView *list)
{
    for (const enum ColumnId *c = iu->extra; *c != COL_NONE; c++)
        column_list_hide(list->columns, *c);
    iu->extra[0] = COL_NONE;
}

void incident_ui_init(App *a)
{
    IncidentUi *iu = ui_of(a);
    memset(iu, 0, sizeof *iu);
    incident_init(&iu->data);
    iu->backlog_unread = incident_attach_log(&iu->data, "/dev/kmsg") == 0;
}

void incident_ui_read_backlog(App *a)
{
    IncidentUi *iu = ui_of(a);

    if (!iu->backlog_unread)
        return;
    iu->backlog_unread = false;
    if (incident_poll_log(&iu->data, 0) >= 0) {
        iu->seen_kills = oomlog_live_kills(iu->data.log);
        iu->seen_added = oomlog_added(iu->data.log);
    }
}

void incident_ui_free(App *a)
{
    incident_free(&ui_of(a)->data);
}

/* Cgroups are read only while something on screen uses them. */
static bool needs_cgroups(App *a)
{
    enum ColumnId shown[VIEW_LIST_COLUMNS_MAX];

    if (ui_of(a)->scope)
        return true;
    view_list_columns(&a->list, shown);
    return (fields_needs_sorted(shown, a->table.sort_col) & NEED_CGROUP) != 0;
}

void incident_ui_resampled(App *a)
{
    if (a->snap && incident_refresh(&ui_of(a)->data, a->snap, needs_cgroups(a)) != 0)
        app_say(a, true, "out of memory ranking the processes in their cgroups");
}

/* OOM kills in the log that the user has not seen in the history view. */
static long new_kills(const IncidentUi *iu)
{
    if (!iu->data.log)
        return 0;
    return (long)(oomlog_live_kills(iu->data.log) - iu->seen_kills);
}

static void acknowledge(IncidentUi *iu)
{
    if (!iu->data.log)
        return;
    iu->seen_kills = oomlog_live_kills(iu->data.log);
    iu->seen_added = oomlog_added(iu->data.log);
}

/* The newest event, when it is a kill logged while oomtop runs. */
static const OomEvent *newest_live_kill(const IncidentUi *iu)
{
    size_t n = iu->data.log ? oomlog_count(iu->data.log) : 0;
    const OomEvent *e = n ? oomlog_event(iu->data.log, n - 1) : NULL;
    return e && e->live && e->kind == OOM_EVENT_KILL ? e : NULL;
}

void incident_ui_tick(App *a)
{
    IncidentUi *iu = ui_of(a);
    if (iu->backlog_unread)
        return;     /* the backlog is history: read whole, after the first frame */
    long before = new_kills(iu);
    long added = incident_poll_log(&iu->data, POLL_RECORDS_MAX);

    if (added <= 0)
        return;
    a->dirty = true;
    if (iu->history && iu->sel > 0)
        iu->sel += added;       /* the selected event stays selected */
    if (new_kills(iu) > before) {
        const OomEvent *e = newest_live_kill(iu);
        const char *scope = e ? oomlog_constraint_name(e->constraint) : NULL;
        a->next_sample_ms = 0;  /* the victim is gone: show it now */
        if (e && !iu->history)
            app_say(a, true, "OOM kill (%s): pid %d (%s); L shows the history",
                    scope ? scope : "scope not logged", (int)e->pid, e->command);
    }
}

static void toggle_history(App *a)
{
    IncidentUi *iu = ui_of(a);
    iu->history = !iu->history;
    iu->sel = iu->scroll = 0;
    acknowledge(iu);
    a->dirty = true;
}

static void toggle_columns(App *a)
{
    IncidentUi *iu = ui_of(a);
    enum ColumnId *cols = a->list.columns;
    iu->columns = column_list_find(cols, COL_CGROUP) < 0 || column_list_find(cols, COL_CGMEM) < 0;
    if (iu->columns) {
        column_list_show(cols, COL_CGROUP);
        column_list_show(cols, COL_CGMEM);
    } else {
        column_list_hide(cols, COL_CGROUP);
        column_list_hide(cols, COL_CGMEM);
    }
    if (iu->columns && a->snap && incident_attach_cgroups(&iu->data, a->snap) != 0)
        app_say(a, true, "out of memory reading the cgroups");
    else if (iu->columns && !iu->data.cgroups)
        app_say(a, true, "No memory cgroups: %s", iu->data.cgroup_err);
    app_rebuild(a);
}

static void leave_scope(App *a)
{
    IncidentUi *iu = ui_of(a);
    iu->scope = false;
    a->filter.memcg_domain = NULL;
    a->table.sort_col = iu->saved_sort;
    a->table.sort_reverse = iu->saved_reverse;
    hide_scope_columns(iu, &a->list);
    app_say(a, false, "Every process, ranked for a system-wide OOM");
    app_rebuild(a);
}

static void enter_scope(App *a)
{
    IncidentUi *iu = ui_of(a);
    const ProcSample *p = app_selected(a);

    if (!p) {
        app_say(a, true, "No process selected");
        return;
    }
    if (incident_attach_cgroups(&iu->data, a->snap) != 0 || !p->memcg) {
        app_say(a, true, "No memory cgroup known for pid %d (%s)%s%s", (int)p->pid, p->comm,
                iu->data.cgroup_err[0] ? ": " : "", iu->data.cgroup_err);
        return;
    }
    if (!p->memcg->domain) {
        app_say(a, true, "%s (pid %d) is in %s: no memory limit there or above, only a "
                "system-wide OOM can pick it", p->comm, (int)p->pid, p->memcg->path);
        return;
    }
    snprintf(iu->scope_path, sizeof iu->scope_path, "%s", p->memcg->domain->path);
    iu->scope = true;
    a->filter.memcg_domain = iu->scope_path;
    iu->saved_sort = a->table.sort_col;
    iu->saved_reverse = a->table.sort_reverse;
    a->table.sort_col = COL_CGRANK;
    a->table.sort_reverse = false;
    show_scope_columns(iu, &a->list);
    app_rebuild(a);
}

void incident_ui_action(App *a, enum Action act)
{
    switch (act) {
    case ACT_OOM_HISTORY: toggle_history(a); break;
    case ACT_CGROUP_COLUMNS: toggle_columns(a); break;
    case ACT_CGROUP_SCOPE:
        if (ui_of(a)->scope)
            leave_scope(a);
        else
            enter_scope(a);
        break;
    default: break;
    }
}

static void move_history(IncidentUi *iu, enum Action act)
{
    long n = iu->data.log ? (long)oomlog_count(iu->data.log) : 0;

    keymap_move(act, iu->sel, n, iu->page, &iu->sel);
}

bool incident_ui_key(App *a, int key)
{
    IncidentUi *iu = ui_of(a);
    const KeyBinding *b = keymap_lookup(key);
    enum Action act = b ? b->action : ACT_NONE;

    if (!iu->history || key == KEYCODE_RESIZE)
        return false;
    a->dirty = true;
    switch (act) {
    case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN: case ACT_HOME: case ACT_END:
        move_history(iu, act);
        return true;
    case ACT_HELP: case ACT_REFRESH:
        return false;
    case ACT_QUIT:
        if (key != 'q')
            return false;       /* F10 still quits */
        break;
    default:
        if (key != KEYCODE_ESC && act != ACT_OOM_HISTORY)
            return true;        /* the table's keys mean nothing here */
        break;
    }
    toggle_history(a);
    return true;
}

void incident_ui_summary(const App *a, SummaryIncident *inc)
{
    const IncidentUi *iu = &a->incident;
    memset(inc, 0, sizeof *inc);
    inc->tracker = &iu->data.pressure;
    inc->new_kills = new_kills(iu);
    inc->history_key = "L";
    inc->log_unreadable = iu->data.kmsg == NULL;
}

int incident_ui_draw(App *a, int top, int rows, int cols)
{
    IncidentUi *iu = ui_of(a);
    if (rows <= 0)
        return 0;
    if (iu->history)
        return view_history_draw(iu, a->snap, top, rows, cols);
    if (iu->scope)
        return view_history_scope_line(iu, a->table.nrows, top, cols);
    return 0;
}
