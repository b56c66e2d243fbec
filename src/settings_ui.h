/* SPDX-License-Identifier: GPL-2.0-or-later
 * settings_ui.h - the settings in the interactive program: what the files
 * said, applied at start (under the command line); the lines they ignored,
 * shown in the status line; W, which writes the live state back; and the
 * column picker's state (view_columns.h).
 */
#ifndef OOMTOP_SETTINGS_UI_H
#define OOMTOP_SETTINGS_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"
#include "model.h"
#include "options.h"
#include "settings.h"
#include "view_columns.h"

struct App;

/* What main() read from /etc/oomtoprc and the user's oomtoprc, for the
 * interactive view. Sort, delay, kernel threads and the what-if defaults
 * also went into Options under the command line; columns, units and colour
 * are taken from here. */
typedef struct SettingsStart {
    Settings file;
    SettingsMsgs msgs;          /* the lines the files ignored */
} SettingsStart;

typedef struct SettingsUi {
    bool colour;                /* the colour setting (NO_COLOR still wins) */
    bool whatif_chosen;         /* what-if defaults other than the built-in ones */
    int whatif_mode;            /* where the what-if view starts, as in Settings */
    long long whatif_ratio;
    long long whatif_kbytes;
    SettingsMsgs msgs;          /* the load's messages ... */
    size_t msgs_shown;          /* ... of which this many were shown */
    ColumnPicker picker;
} SettingsUi;

/* Applies the settings (NULL: the built-in ones) and the what-if defaults
 * in `o` to App, whose app_init() has applied the rest of `o`. Call before
 * ui_init(): the colour setting is one of them. */
void settings_ui_init(struct App *a, const Options *o, const SettingsStart *start);

/* Every turn of the loop: once the status line is free, shows the next
 * message about an ignored settings line, as a warning. */
void settings_ui_tick(struct App *a);

/* ACT_WRITE_SETTINGS (W) and ACT_COLUMNS (the picker). */
void settings_ui_action(struct App *a, enum Action act);

/* The policy the what-if view starts from: `live`, with the what-if
 * defaults of the settings or the command line on top when they are not
 * the built-in ones (mode 2 on the live ratio and kbytes, which leave the
 * view starting from the live policy). */
void settings_ui_whatif_start(const struct App *a, const VmPolicy *live, VmPolicy *sim);

/* The live state as settings, as W writes them. */
void settings_ui_current(const struct App *a, Settings *s);

#endif
