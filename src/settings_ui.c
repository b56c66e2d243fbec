/* SPDX-License-Identifier: GPL-2.0-or-later
 * settings_ui.c - the settings files meet the interactive program: applied
 * at start, their complaints shown one by one in the status line, and W,
 * which writes the live state back atomically.
 */
#include "config.h"

#include "settings_ui.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "app_state.h"
#include "column_list.h"
#include "report.h"
#include "text.h"
#include "ui.h"
#include "view_help.h"

static const char *const help_lines[] = {
    "  F2, f    the column picker: Up/Down choose, Space shows or hides, [ ] or - + move the",
    "           column left or right, Enter, Esc or F2 close; PID stays shown, COMMAND last",
    "  W        writes the columns, sort, delay, units, colour, kernel threads and the what-if",
    "           start to $XDG_CONFIG_HOME/oomtop/oomtoprc (else ~/.config/...), atomically",
    "  mouse    click a column title: sort by it (again: reverse); click a row: select it;",
    "           wheel: move the selection; only where the terminal reports the mouse",
};

static bool whatif_builtin(int mode, long long ratio, long long kbytes)
{
    Settings def;
    settings_defaults(&def);
    return mode == def.whatif_mode && ratio == def.whatif_ratio && kbytes == def.whatif_kbytes;
}

static void set_whatif(SettingsUi *su, int mode, long long ratio, long long kbytes, bool forced)
{
    su->whatif_mode = mode;
    su->whatif_ratio = ratio;
    su->whatif_kbytes = kbytes;
    su->whatif_chosen = forced || !whatif_builtin(mode, ratio, kbytes);
}

void settings_ui_init(App *a, const Options *o, const SettingsStart *start)
{
    SettingsUi *su = &a->settings;
    Settings def;

    settings_defaults(&def);
    const Settings *s = start ? &start->file : &def;
    memset(su, 0, sizeof *su);
    column_list_set(a->list.columns, s->columns);
    if (s->unit_scale >= 0 && s->unit_scale < UNIT_COUNT)
        a->fmt.scale = (enum UnitScale)s->unit_scale;
    su->colour = s->colour;
    ui_set_colour(su->colour);
    /* Options hold the file's what-if defaults under --what-if. */
    if (start || o->what_if)
        set_whatif(su, o->what_if_mode, o->what_if_ratio, o->what_if_kbytes, o->what_if);
    else
        set_whatif(su, def.whatif_mode, def.whatif_ratio, def.whatif_kbytes, false);
    if (start)
        su->msgs = start->msgs;
    view_help_section("Columns, settings and the mouse", help_lines,
                      sizeof help_lines / sizeof help_lines[0]);
}

void settings_ui_tick(App *a)
{
    SettingsUi *su = &a->settings;
    size_t i = su->msgs_shown, n = su->msgs.n;

    if (i >= n || a->message[0] || a->prompt.kind != PROMPT_NONE)
        return;
    su->msgs_shown++;
    char count[48] = "", more[48] = "";
    if (n > 1)
        snprintf(count, sizeof count, "(%zu/%zu) ", i + 1, n);
    if (i + 1 == n && su->msgs.dropped)
        snprintf(more, sizeof more, " (and %zu more)", su->msgs.dropped);
    app_say(a, true, "%s%s%s", count, su->msgs.msg[i], more);
}

void settings_ui_whatif_start(const App *a, const VmPolicy *live, VmPolicy *sim)
{
    const SettingsUi *su = &a->settings;

    if (su->whatif_chosen)
        report_what_if_policy(sim, live, su->whatif_mode, su->whatif_ratio, su->whatif_kbytes);
    else
        *sim = *live;
}

/* A simulated figure as a setting: "live" while it equals the live one. */
static long long whatif_value(long long sim, long long live)
{
    return sim == live ? SETTINGS_WHATIF_LIVE : sim;
}

/* The domain view (o) is a passing look: its sort and the columns it added
 * are not the user's. */
static void current_view(const App *a, Settings *s)
{
    enum ColumnId cols[COLUMN_LIST_MAX];

    memcpy(cols, a->list.columns, sizeof cols);
    s->sort_col = a->table.sort_col;
    s->sort_reverse = a->table.sort_reverse;
    if (a->incident.scope) {
        for (const enum ColumnId *c = a->incident.extra; *c != COL_NONE; c++)
            column_list_hide(cols, *c);
        s->sort_col = a->incident.saved_sort;
        s->sort_reverse = a->incident.saved_reverse;
    }
    memset(s->columns, 0, sizeof s->columns);
    memcpy(s->columns, cols, column_list_len(cols) * sizeof cols[0]);
}

void settings_ui_current(const App *a, Settings *s)
{
    const SettingsUi *su = &a->settings;

    settings_defaults(s);
    current_view(a, s);
    s->delay_ms = a->delay_ms;
    s->unit_scale = a->fmt.scale;
    s->colour = su->colour;
    s->show_kthreads = a->filter.show_kthreads;
    s->whatif_mode = su->whatif_mode;
    s->whatif_ratio = su->whatif_ratio;
    s->whatif_kbytes = su->whatif_kbytes;
    if (a->whatif.on && a->snap) {
        /* What the user is simulating now becomes where what-if starts. */
        const VmPolicy *sim = &a->whatif.sim, *live = &a->snap->policy;
        s->whatif_mode = (int)sim->overcommit_memory;
        s->whatif_ratio = whatif_value(sim->overcommit_ratio, live->overcommit_ratio);
        s->whatif_kbytes = whatif_value(sim->overcommit_kbytes, live->overcommit_kbytes);
    }
}

static void write_settings(App *a)
{
    Settings s;
    char path[PATH_MAX], err[256], shown[160];

    settings_ui_current(a, &s);
    if (settings_save(&s, path, sizeof path, err, sizeof err) < 0) {
        text_sanitize(shown, sizeof shown, err, strlen(err));
        app_say(a, true, "Settings not written: %s", shown);
        return;
    }
    set_whatif(&a->settings, s.whatif_mode, s.whatif_ratio, s.whatif_kbytes, false);
    text_sanitize(shown, sizeof shown, path, strlen(path));
    app_say(a, false, "Settings written to %s", shown);
}

void settings_ui_action(App *a, enum Action act)
{
    if (act == ACT_WRITE_SETTINGS)
        write_settings(a);
    else if (act == ACT_COLUMNS)
        view_columns_open(a);
}
