/* SPDX-License-Identifier: GPL-2.0-or-later
 * mouse_ui.h - the mouse on the process table: a click on a column title
 * sorts by it (again: reverse), a click on a row selects that process, the
 * wheel moves the selection. Only the table's own view gets mouse events:
 * dialogs, prompts and other views swallow them as unknown keys.
 */
#ifndef OOMTOP_MOUSE_UI_H
#define OOMTOP_MOUSE_UI_H

#include "keymap.h"
#include "ui.h"

struct App;

/* Rows the wheel moves the selection by, one notch. */
#define MOUSE_WHEEL_ROWS 3

/* Handles the mouse event `m` on the table as the last draw laid it out.
 * A title click becomes the binding to run (ACT_SORT_BY of that column,
 * so it sorts exactly as its key does); everything else is done here and
 * gives NULL. */
const KeyBinding *mouse_ui_event(struct App *a, const UiMouse *m);

/* mouse_ui_event() of the last KEYCODE_MOUSE (ui_mouse()). */
const KeyBinding *mouse_ui_key(struct App *a);

#endif
