/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_columns.c - the column picker: a list of every column, the shown ones
 * first in table order. Its keys edit the table's column list in place, so
 * the preview line and, once closed, the table show the result at once.
 */
#include "config.h"

#include "view_columns.h"

#include <stdio.h>
#include <string.h>

#include "app_state.h"
#include "column_list.h"
#include "keymap.h"
#include "ui.h"

/* Screen rows that are not picker rows: title, preview, heading, status. */
#define CHROME_ROWS 4
#define FIRST_ROW 3

static const char hint[] = "Space show/hide  [ ] or - + move left/right  Enter, Esc or F2 done";

void view_columns_open(App *a)
{
    ColumnPicker *p = &a->settings.picker;
    p->open = true;
    p->cursor = column_list_find(a->list.columns, a->table.sort_col) >= 0 ? a->table.sort_col
                                                                         : a->list.columns[0];
    p->scroll = 0;
    p->needs_before = fields_needs(a->list.columns);
    a->message[0] = '\0';
    a->dirty = true;
}

static void close_picker(App *a)
{
    ColumnPicker *p = &a->settings.picker;
    p->open = false;
    /* A newly shown column may need data the last refresh did not read. */
    if (fields_needs(a->list.columns) & ~p->needs_before)
        app_resample(a);
    else
        app_rebuild(a);
}

/* The picker's rows and where the cursor is among them. */
static int rows_and_cursor(const App *a, enum ColumnId *all, int *n)
{
    *n = (int)column_list_all(a->list.columns, all);
    for (int i = 0; i < *n; i++)
        if (all[i] == a->settings.picker.cursor)
            return i;
    return 0;
}

static void move_cursor(App *a, int to)
{
    enum ColumnId all[COLUMN_LIST_MAX];
    int n;

    rows_and_cursor(a, all, &n);
    to = to < 0 ? 0 : to >= n ? n - 1 : to;
    a->settings.picker.cursor = all[to];
}

static void toggle(App *a)
{
    enum ColumnId c = a->settings.picker.cursor;
    const ColumnDesc *d = fields_desc(c);

    if (c == COL_PID) {
        app_say(a, true, "PID stays shown: the selection and every action follow it");
    } else if (column_list_hide(a->list.columns, c)) {
        app_say(a, false, "%s hidden", d->title);
    } else if (column_list_show(a->list.columns, c)) {
        app_say(a, false, "%s shown%s", d->title, c == COL_COMMAND ? " (always last)" : "");
    }
}

static void move_column(App *a, int step)
{
    enum ColumnId c = a->settings.picker.cursor;

    if (column_list_find(a->list.columns, c) < 0)
        app_say(a, true, "%s is hidden: Space shows it first", fields_desc(c)->title);
    else if (c == COL_COMMAND)
        app_say(a, true, "COMMAND stays last: it takes the rest of the line");
    else if (!column_list_move(a->list.columns, c, step))
        app_say(a, false, "%s is already %s", fields_desc(c)->title,
                step < 0 ? "first" : "last before COMMAND");
}

/* A click puts the cursor on its row; a click on the mark also toggles. */
static void mouse(App *a, int cur)
{
    UiMouse m;
    ColumnPicker *p = &a->settings.picker;

    if (!ui_mouse(&m))
        return;
    if (m.button == UI_MOUSE_WHEEL_UP || m.button == UI_MOUSE_WHEEL_DOWN) {
        move_cursor(a, cur + (m.button == UI_MOUSE_WHEEL_UP ? -3 : 3));
        return;
    }
    if (m.row < FIRST_ROW)
        return;
    enum ColumnId all[COLUMN_LIST_MAX];
    int n, at = p->scroll + m.row - FIRST_ROW;
    rows_and_cursor(a, all, &n);
    if (at >= n)
        return;
    p->cursor = all[at];
    if (m.col <= 3)
        toggle(a);
}

static bool movement(App *a, int key, int cur)
{
    const KeyBinding *b = keymap_lookup(key);
    int rows, cols;

    ui_size(&rows, &cols);
    long to;
    if (!keymap_move(b ? b->action : ACT_NONE, cur, COLUMN_LIST_MAX, rows - CHROME_ROWS, &to))
        return false;
    move_cursor(a, (int)to);    /* within the columns there are */
    return true;
}

bool view_columns_key(App *a, int key)
{
    enum ColumnId all[COLUMN_LIST_MAX];
    int n;

    if (!a->settings.picker.open || key == KEYCODE_RESIZE)
        return false;
    int cur = rows_and_cursor(a, all, &n);
    a->dirty = true;
    if (key != KEYCODE_MOUSE && a->message[0])
        a->message[0] = '\0';
    switch (key) {
    case ' ': toggle(a); break;
    case '[': case '-': case KEYCODE_F7: move_column(a, -1); break;
    case ']': case '+': case KEYCODE_F8: move_column(a, 1); break;
    case KEYCODE_ENTER: case KEYCODE_ESC: case 'q': case 'f': case KEYCODE_F2: case KEYCODE_F10:
        close_picker(a);
        break;
    case KEYCODE_MOUSE: mouse(a, cur); break;
    default: movement(a, key, cur); break;
    }
    return true;
}

/* ------------------------------------------------------------ drawing */

/* The table's titles in order, as the table will show them. */
static void draw_preview(const App *a, int row, int cols)
{
    char line[COLUMN_LIST_MAX * 12];
    size_t used = 0;

    used += (size_t)snprintf(line, sizeof line, "Table:");
    for (const enum ColumnId *c = a->list.columns; *c != COL_NONE && used < sizeof line; c++)
        used += (size_t)snprintf(line + used, sizeof line - used, " %s", fields_desc(*c)->title);
    ui_put(row, 0, line, cols, STYLE_VALUE);
}

static void draw_entry(const App *a, enum ColumnId c, int row, int cols, bool cursor)
{
    const ColumnDesc *d = fields_desc(c);
    bool shown = column_list_find(a->list.columns, c) >= 0;
    char line[512];

    snprintf(line, sizeof line, "[%c] %-8s %-8s %s%s", shown ? 'x' : ' ', d->title, d->name,
             d->help, c == a->table.sort_col ? " (sort)" : "");
    enum UiStyle st = cursor ? STYLE_SELECTED : shown ? STYLE_NORMAL : STYLE_DIM;
    if (cursor)
        ui_fill(row, 0, cols, st);
    ui_put(row, 0, line, cols, st);
}

static void keep_visible(ColumnPicker *p, int cur, int page)
{
    if (cur < p->scroll)
        p->scroll = cur;
    else if (cur >= p->scroll + page)
        p->scroll = cur - page + 1;
    if (p->scroll < 0)
        p->scroll = 0;
}

void view_columns_draw(App *a, int rows, int cols)
{
    ColumnPicker *p = &a->settings.picker;
    enum ColumnId all[COLUMN_LIST_MAX];
    int n, cur = rows_and_cursor(a, all, &n);
    int page = rows - CHROME_ROWS;

    ui_cursor(-1, 0);
    ui_fill(0, 0, cols, STYLE_TITLES);
    ui_put(0, 0, "Columns (shown first, in table order)", cols, STYLE_TITLES);
    draw_preview(a, 1, cols);
    ui_put(2, 0, "    TITLE    NAME     MEANING", cols, STYLE_LABEL);
    keep_visible(p, cur, page > 0 ? page : 1);
    for (int i = 0; i < page && p->scroll + i < n; i++)
        draw_entry(a, all[p->scroll + i], FIRST_ROW + i, cols, p->scroll + i == cur);
    if (a->message[0])
        ui_put(rows - 1, 0, a->message, cols, a->message_warn ? STYLE_WARNING : STYLE_STATUS);
    else
        ui_put(rows - 1, 0, hint, cols, STYLE_STATUS);
}
