/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_columns.h - the column picker (F2): every column with its shown mark
 * and meaning; show, hide and reorder the table's columns. It edits the
 * one column list (ListView.columns) directly; closing it reads whatever
 * data a newly shown column needs.
 */
#ifndef OOMTOP_VIEW_COLUMNS_H
#define OOMTOP_VIEW_COLUMNS_H

#include <stdbool.h>

#include "fields.h"

struct App;

typedef struct ColumnPicker {
    bool open;
    enum ColumnId cursor;       /* the column under the cursor: it follows moves */
    int scroll;                 /* first picker row on screen */
    unsigned needs_before;      /* fields_needs() when it opened */
} ColumnPicker;

/* Opens the picker over the table, the cursor on the sort column. */
void view_columns_open(struct App *a);

/* Keys (and mouse events) while the picker is open; false when it is not
 * open, so that the key goes on to the table. */
bool view_columns_key(struct App *a, int key);

/* Draws the picker over the whole screen. */
void view_columns_draw(struct App *a, int rows, int cols);

#endif
