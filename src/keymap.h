/* SPDX-License-Identifier: GPL-2.0-or-later
 * keymap.h - the interactive keys as data: key -> action, with the label and
 * help line the help screen and the key bar are generated from. Pure.
 */
#ifndef OOMTOP_KEYMAP_H
#define OOMTOP_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"

/* Keys that are not characters, above every Unicode code point so that a
 * key is either a code point or one of these. */
enum KeyCode {
    KEYCODE_NONE = -1,          /* nothing arrived before the timeout */
    KEYCODE_ESC = 27,
    KEYCODE_ENTER = '\n',
    KEYCODE_UP = 0x110000,
    KEYCODE_DOWN,
    KEYCODE_LEFT,
    KEYCODE_RIGHT,
    KEYCODE_PGUP,
    KEYCODE_PGDN,
    KEYCODE_HOME,
    KEYCODE_END,
    KEYCODE_BACKSPACE,
    KEYCODE_F1,
    KEYCODE_F10,
    KEYCODE_RESIZE,             /* the terminal changed size */
    KEYCODE_HANGUP,             /* the terminal is gone */
    KEYCODE_F7,
    KEYCODE_F8,
    KEYCODE_F9,
    KEYCODE_F2,
    KEYCODE_MOUSE,              /* a click or the wheel: ui_mouse() says which */
};

enum Action {
    ACT_NONE = 0,
    ACT_QUIT,
    ACT_HELP,
    ACT_UP,
    ACT_DOWN,
    ACT_PGUP,
    ACT_PGDN,
    ACT_HOME,
    ACT_END,
    ACT_SORT_LEFT,
    ACT_SORT_RIGHT,
    ACT_SORT_REVERSE,
    ACT_SORT_BY,                /* column in KeyBinding.column */
    ACT_TOGGLE_COMMAND,
    ACT_SEARCH,
    ACT_FILTER_USER,
    ACT_TOGGLE_KTHREADS,
    ACT_SET_DELAY,
    ACT_REFRESH,
    ACT_CYCLE_UNITS,
    ACT_WHATIF,                 /* what-if mode on / off (whatif_ui.c) */
    ACT_WHATIF_MODE,            /* the key's digit is the simulated overcommit_memory */
    ACT_WHATIF_RATIO,           /* the key says the step */
    ACT_WHATIF_KBYTES,
    ACT_WHATIF_GROW,
    ACT_WHATIF_PROTECT,
    ACT_WHATIF_UNPROTECT,
    ACT_WHATIF_ADJ,
    ACT_EXPLAIN,
    ACT_RENICE,                 /* actions_ui.c: renice prompt */
    ACT_NICE_DOWN,              /* nice -1 at once (higher priority) */
    ACT_NICE_UP,                /* nice +1 at once */
    ACT_PROTECT,                /* oom_score_adj -1000, again: back */
    ACT_SET_ADJ,
    ACT_KILL,
    ACT_DROPIN,                 /* make a protection survive a restart */
    ACT_TAG,
    ACT_UNTAG_ALL,
    ACT_TAG_NAME,
    ACT_OOM_HISTORY,            /* the kernel log's OOM kills (incident_ui.c) */
    ACT_CGROUP_COLUMNS,         /* CGROUP, CG% columns on / off */
    ACT_CGROUP_SCOPE,           /* the selected process's OOM domain / every process */
    ACT_WRITE_SETTINGS,         /* W: write oomtoprc from the live state (settings_ui.c) */
    ACT_COLUMNS,                /* the column picker (view_columns.c) */
    ACT_COUNT
};

typedef struct KeyBinding {
    int key;                    /* a code point or an enum KeyCode */
    enum Action action;
    enum ColumnId column;       /* ACT_SORT_BY only */
    const char *label;          /* how the key is written: "q", "F10", "PgDn" */
    const char *hint;           /* word on the key bar, NULL = not on the bar */
    const char *help;           /* one line for the help screen */
} KeyBinding;

/* The whole table, in help-screen order; bindings of one action are adjacent. */
const KeyBinding *keymap_table(size_t *count);

/* The binding for `key`, or NULL when the key means nothing. */
const KeyBinding *keymap_lookup(int key);

/* Writes into buf the labels of every key bound like `b` (same action and
 * column), joined by ", ": "q, F10". Returns buf. */
const char *keymap_labels(char *buf, size_t len, const KeyBinding *b);

/* Where movement action `act` (up, down, page up/down, home, end) takes a
 * cursor at `pos` in a list of n entries shown `page` rows at a time:
 * within 0 .. n - 1 (0 when n is 0). False (nothing set) for any other
 * action. */
bool keymap_move(enum Action act, long pos, long n, long page, long *out);

/* The key bar: "h Help  q Quit  ..." from the hints, cut to fit len. */
const char *keymap_bar(char *buf, size_t len);

#endif
