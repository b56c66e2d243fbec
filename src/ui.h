/* SPDX-License-Identifier: GPL-2.0-or-later
 * ui.h - the terminal: the only module that talks to curses. It sets the
 * terminal up and restores it, maps semantic styles to attributes, draws
 * already sanitised text (still refusing control bytes) and reads keys.
 */
#ifndef OOMTOP_UI_H
#define OOMTOP_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "keymap.h"

/* What a piece of text means; ui.c alone decides how it looks. */
enum UiStyle {
    STYLE_NORMAL = 0,
    STYLE_LABEL,        /* "Commit", "Mem" ... */
    STYLE_VALUE,        /* figures in the header */
    STYLE_WARNING,      /* bold even on a monochrome terminal */
    STYLE_TITLES,       /* the column title row */
    STYLE_SORT_TITLE,   /* the title of the sort column */
    STYLE_SELECTED,     /* the selection bar: reverse video without colour */
    STYLE_BAR_LOW,      /* the filled part of the gauge, by how full it is */
    STYLE_BAR_MID,
    STYLE_BAR_HIGH,
    STYLE_BAR_EMPTY,
    STYLE_MARK,         /* RAM+swap mark in the gauge */
    STYLE_STATUS,       /* the key bar and messages */
    STYLE_PROMPT,
    STYLE_DIM,          /* kernel threads */
    STYLE_COUNT
};

/* Smallest usable screen; below it only a one-line notice is drawn. */
#define UI_MIN_COLS 30
#define UI_MIN_ROWS 6

/* Checks that stdin and stdout are terminals that can address the cursor,
 * then takes over the screen. On failure writes a one-line reason to err,
 * leaves the terminal untouched and returns -1. */
int ui_init(char *err, size_t errlen);

/* Restores the terminal. Safe to call twice and from exit paths. */
void ui_end(void);

/* True when the locale is UTF-8 (block-drawing characters allowed). */
bool ui_utf8(void);

/* True when colours are in use (not NO_COLOR, not monochrome). */
bool ui_colour(void);

/* The colour setting: off gives the monochrome styles, as NO_COLOR does
 * (which still wins when it is on). Takes effect at once; may be called
 * before ui_init(). */
void ui_set_colour(bool on);

/* What a KEYCODE_MOUSE from ui_getkey() was. Mouse events are asked for
 * only where the terminal reports them; elsewhere none ever arrive. */
enum UiMouseButton { UI_MOUSE_CLICK = 1, UI_MOUSE_WHEEL_UP, UI_MOUSE_WHEEL_DOWN };
typedef struct UiMouse {
    int row, col;               /* screen cell, from 0 */
    enum UiMouseButton button;
} UiMouse;

/* The event behind the last KEYCODE_MOUSE; false when there was none. */
bool ui_mouse(UiMouse *m);

void ui_size(int *rows, int *cols);

/* Clears the drawing buffer (nothing is shown before ui_flush). */
void ui_erase(void);

/* Draws UTF-8 text at (row, col), at most `maxcols` columns wide, in one
 * style. Any control byte, invalid sequence or non-printing character that
 * slipped through is drawn as '?', so nothing can move the cursor. Returns
 * the columns used. */
int ui_put(int row, int col, const char *s, int maxcols, enum UiStyle style);

/* Fills `n` columns at (row, col) with spaces in `style`. */
void ui_fill(int row, int col, int n, enum UiStyle style);

/* Where the cursor should rest (a prompt); row < 0 hides it. */
void ui_cursor(int row, int col);

/* Sends what was drawn to the terminal. */
void ui_flush(void);

/* Waits up to timeout_ms for a key: a Unicode code point or an enum
 * KeyCode; KEYCODE_NONE on timeout or interruption by a signal. */
int ui_getkey(int timeout_ms);

#endif
