/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_dialog.h - a box drawn over the table: a title, lines of already
 * sanitised text, an optional one-line input and a footer naming the keys.
 * The text is fixed when the dialog opens, so refreshes never change it.
 */
#ifndef OOMTOP_VIEW_DIALOG_H
#define OOMTOP_VIEW_DIALOG_H

#include "ui.h"

#define DIALOG_MAX_LINES 22
#define DIALOG_LINE_MAX 200

typedef struct DialogLine {
    char text[DIALOG_LINE_MAX];
    enum UiStyle style;
} DialogLine;

typedef struct Dialog {
    char title[96];
    DialogLine lines[DIALOG_MAX_LINES];
    int nlines;
    char input_label[80];       /* "" = no input line */
    char footer[128];
} Dialog;

/* Empties d and gives it a title and a footer ("Enter/y: send  Esc/n: cancel"). */
void dialog_reset(Dialog *d, const char *title, const char *footer);

/* Appends one line (cut to DIALOG_LINE_MAX bytes, never inside a UTF-8
 * character). Lines past DIALOG_MAX_LINES are dropped: callers that list
 * many items check dialog_room() first. */
void dialog_add(Dialog *d, enum UiStyle style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Lines that can still be added. */
int dialog_room(const Dialog *d);

/* Draws d centred on a rows x cols screen, with `input` (NULL when the
 * dialog has no input line) after its label and the cursor at its end.
 * On a screen too small for all of it, the body is cut, never the title,
 * the input or the footer. */
void view_dialog_draw(const Dialog *d, const char *input, int rows, int cols);

#endif
