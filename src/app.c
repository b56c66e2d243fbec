/* SPDX-License-Identifier: GPL-2.0-or-later
 * app.c - the interactive loop: sample when the delay has passed, redraw
 * when something changed, answer keys at once, leave cleanly on a signal.
 */
#include "config.h"

#include "app.h"
#include "app_state.h"

#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions_ui.h"
#include "badness.h"
#include "keymap.h"
#include "memlock.h"
#include "mouse_ui.h"
#include "prompt_line.h"
#include "proctable.h"
#include "sample.h"
#include "settings_ui.h"
#include "signals.h"
#include "ui.h"
#include "view_columns.h"
#include "view_header.h"
#include "view_help.h"
#include "view_list.h"
#include "whatif_ui.h"

/* Longest sleep in one wait for a key: signals that curses swallows are
 * still noticed within this time. */
#define MAX_WAIT_MS 250


long long app_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void app_say(App *a, bool warn, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_warn = warn;
    a->message_until_ms = app_now_ms() + MESSAGE_MS;
    a->dirty = true;
}

/* ------------------------------------------------------------ model */

void app_rebuild(App *a)
{
    a->dirty = true;
    if (!a->snap) {
        a->table.nrows = 0;
        return;
    }
    a->filter.name_search = a->search[0] ? a->search : NULL;
    if (proctable_build(&a->table, a->snap, &a->filter) < 0)
        app_say(a, true, "out of memory building the table");
    view_list_follow(&a->list, &a->table);
}

void app_resample(App *a)
{
    bool pss = fields_needs_sorted(a->list.columns, a->table.sort_col) & NEED_PSS;
    a->snap = sampler_refresh(a->sampler, a->needs | (pss ? SAMPLE_PSS : 0u));
    if (!a->snap) {
        app_say(a, true, "cannot read processes: %s", sampler_error(a->sampler));
    } else {
        a->oom_valid = oom_rank_snapshot(a->snap, &a->oom) == 0;
        if (!a->oom_valid)
            app_say(a, true, "out of memory ranking the processes");
        a->fmt.mem_total_kb = a->snap->mem.mem_total_kb;
        a->fmt.boot_time_s = (unsigned long long)(a->snap->wall_time - (time_t)a->snap->uptime_s);
        incident_ui_resampled(a);
        actions_ui_sampled(a);
        whatif_ui_resampled(a);
    }
    a->next_sample_ms = app_now_ms() + a->delay_ms;
    app_rebuild(a);
}

static void app_init(App *a, const Options *o)
{
    memset(a, 0, sizeof *a);
    proctable_init(&a->table);
    view_list_init(&a->list);
    a->table.sort_col = o->sort_col != COL_NONE ? o->sort_col : COL_OOM;
    a->table.sort_reverse = o->sort_reverse;
    options_filter(o, &a->filter);
    snprintf(a->user_name, sizeof a->user_name, "%s", o->user);
    a->fmt.scale = UNIT_AUTO;
    a->fmt.clock_ticks = sysconf(_SC_CLK_TCK);
    a->fmt.full_command = o->full_command;
    a->filter.search_cmdline = o->full_command;
    a->needs = o->full_command ? SAMPLE_CMDLINE : 0;
    a->delay_ms = o->delay_ms ? o->delay_ms : 2000;
    actions_ui_init(a, o->readonly);
    incident_ui_init(a);
}

const ProcSample *app_selected(const App *a)
{
    long row = a->list.selected;
    if (!a->snap || row < 0 || (size_t)row >= a->table.nrows)
        return NULL;
    return a->table.rows[row];
}

/* ------------------------------------------------------------ drawing */

static void draw_status(App *a, int row, int cols)
{
    char buf[512], bar[160];

    if (a->prompt.kind != PROMPT_NONE) {
        int x = ui_put(row, 0, promptline_label(a->prompt.kind), cols, STYLE_PROMPT);
        x += ui_put(row, x, a->prompt.text, cols - x, STYLE_NORMAL);
        ui_cursor(row, x < cols ? x : cols - 1);
        return;
    }
    ui_cursor(-1, 0);
    if (a->message[0]) {
        ui_put(row, 0, a->message, cols, a->message_warn ? STYLE_WARNING : STYLE_STATUS);
        return;
    }
    snprintf(buf, sizeof buf, "%s%s%s%s%s%s%sdelay %.1fs  units %s  ",
             a->search[0] ? "search '" : "", a->search, a->search[0] ? "'  " : "",
             a->filter.by_uid ? "user " : "", a->filter.by_uid ? a->user_name : "",
             a->filter.by_uid ? "  " : "", a->filter.show_kthreads ? "+kthreads  " : "",
             a->delay_ms / 1000.0, format_scale_name(a->fmt.scale));
    int x = ui_put(row, 0, buf, cols, STYLE_VALUE);
    ui_put(row, x, keymap_bar(bar, sizeof bar), cols - x, STYLE_STATUS);
}

/* Header rows on a screen of `rows`: at least a title, two process rows
 * and the status line stay for the table. */
static int header_rows(int rows)
{
    int n = rows - 4;
    return n < VIEW_HEADER_ROWS ? (n < 0 ? 0 : n) : VIEW_HEADER_ROWS;
}

static void draw(App *a)
{
    int rows, cols;

    ui_size(&rows, &cols);
    ui_erase();
    if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS) {
        char note[64];
        snprintf(note, sizeof note, "Too small %dx%d (min %dx%d)", cols, rows,
                 UI_MIN_COLS, UI_MIN_ROWS);
        ui_cursor(-1, 0);
        ui_put(0, 0, note, cols, STYLE_WARNING);
    } else if (a->help) {
        ui_cursor(-1, 0);
        view_help_draw(&a->help_scroll, rows, cols, a->lock_note);
    } else if (a->settings.picker.open) {
        view_columns_draw(a, rows, cols);
    } else {
        int header = header_rows(rows);
        SummaryIncident inc;
        incident_ui_summary(a, &inc);
        if (a->snap)
            header = view_header_draw(a->snap, &inc, a->table.nrows, 0, header, cols);
        header += incident_ui_draw(a, header, rows - header - 1, cols);
        view_list_draw(&a->list, &a->table, &a->fmt, header, rows - header - 1, cols);
        draw_status(a, rows - 1, cols);
        whatif_ui_draw(a, header, rows, cols);
        actions_ui_draw(a, rows, cols);
    }
    ui_flush();
    a->dirty = false;
}

/* ------------------------------------------------------------ prompts */

/* The user filter: a name or a numeric uid; empty shows everyone. */
static void apply_user(App *a, const char *name)
{
    uid_t uid;

    if (!name[0]) {
        a->filter.by_uid = false;
        app_say(a, false, "Showing every user");
    } else if (!options_lookup_user(name, &uid)) {
        app_say(a, true, "Unknown user '%s': filter unchanged", name);
        return;
    } else {
        a->filter.by_uid = true;
        a->filter.uid = uid;
        snprintf(a->user_name, sizeof a->user_name, "%s", name);
        app_say(a, false, "Showing processes of %s", name);
    }
    app_rebuild(a);
}

static void apply_delay(App *a, const char *text)
{
    unsigned ms;

    if (!promptline_parse_delay_ms(text, &ms)) {
        app_say(a, true, "Delay '%s' is not a number of seconds from 0.1 to 3600: unchanged", text);
        return;
    }
    a->delay_ms = ms;
    a->next_sample_ms = app_now_ms() + ms;
    app_say(a, false, "Refreshing every %.1f s", ms / 1000.0);
}

static void prompt_key(App *a, int key)
{
    enum PromptKind kind = a->prompt.kind;
    enum PromptResult r = promptline_key(&a->prompt, key);

    a->dirty = true;
    if (kind == PROMPT_SEARCH) {
        /* Filter as the user types; Esc puts the previous search back. */
        const char *s = r == PROMPT_CANCELLED ? a->search_before : a->prompt.text;
        memmove(a->search, s, sizeof a->search);
        app_rebuild(a);
    } else if (r == PROMPT_ACCEPTED && kind == PROMPT_USER) {
        apply_user(a, a->prompt.text);
    } else if (r == PROMPT_ACCEPTED && kind == PROMPT_DELAY) {
        apply_delay(a, a->prompt.text);
    }
}

static void prompt_open(App *a, enum PromptKind kind)
{
    promptline_open(&a->prompt, kind, kind == PROMPT_SEARCH ? a->search : NULL);
    if (kind == PROMPT_SEARCH)
        memcpy(a->search_before, a->search, sizeof a->search);
    a->message[0] = '\0';
    a->dirty = true;
}

/* ------------------------------------------------------------ actions */

static void sort_by(App *a, enum ColumnId col, bool toggle)
{
    if (toggle && a->table.sort_col == col) {
        a->table.sort_reverse = !a->table.sort_reverse;
    } else {
        a->table.sort_col = col;
        a->table.sort_reverse = false;
    }
    app_rebuild(a);
}

/* The sort keys walk the columns on screen, in their order. */
static void sort_step(App *a, int step)
{
    enum ColumnId col = column_list_step(a->list.columns, a->table.sort_col, step);
    if (col != COL_NONE)
        sort_by(a, col, false);
}

/* Process rows on screen: what PgUp/PgDn move by. */
static long page_rows(void)
{
    int rows, cols;

    ui_size(&rows, &cols);
    long page = rows - header_rows(rows) - 2;
    return page > 1 ? page : 1;
}

static void move_selection(App *a, enum Action act)
{
    long sel;

    if (keymap_move(act, a->list.selected, (long)a->table.nrows, page_rows(), &sel))
        view_list_select(&a->list, &a->table, sel);
    a->dirty = true;
}

static void toggle_command(App *a)
{
    a->fmt.full_command = !a->fmt.full_command;
    a->filter.search_cmdline = a->fmt.full_command;
    if (a->fmt.full_command) {
        a->needs |= SAMPLE_CMDLINE;
        app_resample(a);    /* command lines are only read from now on */
    } else {
        a->needs &= ~(unsigned)SAMPLE_CMDLINE;
        app_rebuild(a);
    }
}

static void do_action(App *a, const KeyBinding *b)
{
    switch (b->action) {
    case ACT_QUIT: a->quit = true; break;
    case ACT_HELP:
        a->help = true;
        a->help_scroll = 0;
        a->dirty = true;
        whatif_ui_help(a);
        break;
    case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN: case ACT_HOME: case ACT_END:
        move_selection(a, b->action);
        break;
    case ACT_SORT_LEFT: sort_step(a, -1); break;
    case ACT_SORT_RIGHT: sort_step(a, 1); break;
    case ACT_SORT_REVERSE: a->table.sort_reverse = !a->table.sort_reverse; app_rebuild(a); break;
    case ACT_SORT_BY: sort_by(a, b->column, true); break;
    case ACT_TOGGLE_COMMAND: toggle_command(a); break;
    case ACT_SEARCH: prompt_open(a, PROMPT_SEARCH); break;
    case ACT_FILTER_USER: prompt_open(a, PROMPT_USER); break;
    case ACT_SET_DELAY: prompt_open(a, PROMPT_DELAY); break;
    case ACT_TOGGLE_KTHREADS:
        a->filter.show_kthreads = !a->filter.show_kthreads;
        app_say(a, false, "Kernel threads %s", a->filter.show_kthreads ? "shown" : "hidden");
        app_rebuild(a);
        break;
    case ACT_REFRESH: app_resample(a); break;
    case ACT_OOM_HISTORY: case ACT_CGROUP_COLUMNS: case ACT_CGROUP_SCOPE:
        incident_ui_action(a, b->action);
        break;
    case ACT_WRITE_SETTINGS: case ACT_COLUMNS: settings_ui_action(a, b->action); break;
    case ACT_RENICE: case ACT_NICE_DOWN: case ACT_NICE_UP: case ACT_PROTECT: case ACT_SET_ADJ:
    case ACT_KILL: case ACT_DROPIN: case ACT_TAG: case ACT_UNTAG_ALL: case ACT_TAG_NAME:
        actions_ui_action(a, b->action);
        break;
    case ACT_WHATIF: case ACT_WHATIF_MODE: case ACT_WHATIF_RATIO: case ACT_WHATIF_KBYTES:
    case ACT_WHATIF_GROW: case ACT_WHATIF_PROTECT: case ACT_WHATIF_UNPROTECT: case ACT_WHATIF_ADJ:
    case ACT_EXPLAIN:
        whatif_ui_action(a, b);
        break;
    case ACT_CYCLE_UNITS:
        a->fmt.scale = (enum UnitScale)((a->fmt.scale + 1) % UNIT_COUNT);
        app_say(a, false, "Memory columns in %s", format_scale_name(a->fmt.scale));
        break;
    default: break;
    }
}

static void help_key(App *a, int key)
{
    const KeyBinding *b = keymap_lookup(key);
    int rows, cols;
    long scroll;

    ui_size(&rows, &cols);
    a->dirty = true;
    /* The end is wherever the help ends: view_help_draw() clamps. */
    if (keymap_move(b ? b->action : ACT_NONE, a->help_scroll, 1L << 20, rows - 1, &scroll))
        a->help_scroll = (int)scroll;
    else
        a->help = false;
}

static void on_key(App *a, int key)
{
    if (key == KEYCODE_RESIZE) {
        a->dirty = true;
        return;
    }
    if (view_columns_key(a, key))
        return;
    if (actions_ui_key(a, key))
        return;
    if (a->prompt.kind != PROMPT_NONE) {
        prompt_key(a, key);
        return;
    }
    if (a->help) {
        help_key(a, key);
        return;
    }
    if (incident_ui_key(a, key))
        return;
    if (whatif_ui_key(a, key))
        return;
    if (a->message[0]) {
        a->message[0] = '\0';
        a->dirty = true;
    }
    const KeyBinding *b = key == KEYCODE_MOUSE ? mouse_ui_key(a) : keymap_lookup(key);
    if (b)
        do_action(a, b);
}

/* ------------------------------------------------------------ the loop */

static int loop(App *a)
{
    while (!a->quit) {
        int sig = signals_pending();
        if (sig)
            return 128 + sig;
        long long now = app_now_ms();
        if (now >= a->next_sample_ms)
            app_resample(a);
        incident_ui_tick(a);
        settings_ui_tick(a);
        if (a->message[0] && now >= a->message_until_ms) {
            a->message[0] = '\0';
            a->dirty = true;
        }
        if (a->dirty)
            draw(a);
        incident_ui_read_backlog(a);
        long long wait = a->next_sample_ms - app_now_ms();
        int key = ui_getkey(wait < 0 ? 0 : wait > MAX_WAIT_MS ? MAX_WAIT_MS : (int)wait);
        if (key == KEYCODE_HANGUP)
            return 128 + SIGHUP;
        if (key != KEYCODE_NONE)
            on_key(a, key);
    }
    return 0;
}

int app_run(const Options *o, const SettingsStart *start)
{
    static App app;
    char err[256];
    int status;

    app_init(&app, o);
    settings_ui_init(&app, o, start);
    app.sampler = sampler_open("/proc", err, sizeof err);
    if (!app.sampler) {
        fprintf(stderr, "oomtop: %s\n", err);
        return 1;
    }
    signals_install(ui_end);
    if (ui_init(err, sizeof err) < 0) {
        fprintf(stderr, "oomtop: %s\n", err);
        sampler_close(app.sampler);
        return 1;
    }
    memlock_self(app.lock_note, sizeof app.lock_note);
    status = loop(&app);
    ui_end();
    sampler_close(app.sampler);
    actions_ui_free(&app);
    whatif_ui_free(&app.whatif);
    incident_ui_free(&app);
    proctable_free(&app.table);
    return status;
}
