/* SPDX-License-Identifier: GPL-2.0-or-later
 * mouse_ui.c - mouse events on the process table, mapped through the
 * geometry of its last draw (view_list_title_at, view_list_row_at).
 */
#include "config.h"

#include "mouse_ui.h"

#include "app_state.h"
#include "view_list.h"

const KeyBinding *mouse_ui_event(App *a, const UiMouse *m)
{
    static KeyBinding sort = { KEYCODE_MOUSE, ACT_SORT_BY, COL_NONE, "click", NULL,
                               "sort by the clicked column (again: reverse)" };

    if (m->button == UI_MOUSE_WHEEL_UP || m->button == UI_MOUSE_WHEEL_DOWN) {
        int step = m->button == UI_MOUSE_WHEEL_UP ? -MOUSE_WHEEL_ROWS : MOUSE_WHEEL_ROWS;
        if (a->list.selected >= 0)
            view_list_select(&a->list, &a->table, a->list.selected + step);
        a->dirty = true;
        return NULL;
    }
    sort.column = view_list_title_at(&a->list, m->row, m->col);
    if (sort.column != COL_NONE)
        return &sort;
    long row = view_list_row_at(&a->list, &a->table, m->row);
    if (row >= 0) {
        view_list_select(&a->list, &a->table, row);
        a->dirty = true;
    }
    return NULL;
}

const KeyBinding *mouse_ui_key(App *a)
{
    UiMouse m;
    return ui_mouse(&m) ? mouse_ui_event(a, &m) : NULL;
}
