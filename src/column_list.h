/* SPDX-License-Identifier: GPL-2.0-or-later
 * column_list.h - the process table's visible columns as one ordered list
 * (COL_NONE-terminated, no repeats, COMMAND last when shown): the edits the
 * column picker, the cgroup keys and the sort keys make to it. Pure.
 */
#ifndef OOMTOP_COLUMN_LIST_H
#define OOMTOP_COLUMN_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"

/* Room for every column once, COL_NONE included. */
#define COLUMN_LIST_MAX (COL_COUNT + 1)

/* Number of columns before the COL_NONE. */
size_t column_list_len(const enum ColumnId *l);

/* Position of `c` in l, or -1 when it is not shown. */
int column_list_find(const enum ColumnId *l, enum ColumnId c);

/* Copies `src` (COL_NONE-terminated) into l (COLUMN_LIST_MAX entries),
 * leaving out unknown columns and repeats and moving COMMAND to the end: it
 * takes the rest of the line, so any column after it would never show. An
 * empty result becomes the default columns. */
void column_list_set(enum ColumnId *l, const enum ColumnId *src);

/* Shows `c` just before COMMAND (at the end without COMMAND; COMMAND itself
 * at the end). Returns true if it was hidden. */
bool column_list_show(enum ColumnId *l, enum ColumnId c);

/* Hides `c`. Returns true if it was shown. */
bool column_list_hide(enum ColumnId *l, enum ColumnId c);

/* Moves `c` one place left (step < 0) or right (step > 0). COMMAND does not
 * move and nothing passes it. Returns true if the order changed. */
bool column_list_move(enum ColumnId *l, enum ColumnId c, int step);

/* Every column once: the shown ones in their order, then the hidden ones in
 * the order of enum ColumnId (the column picker's rows). `out` has
 * COLUMN_LIST_MAX entries and ends with COL_NONE. Returns how many. */
size_t column_list_all(const enum ColumnId *l, enum ColumnId *out);

/* The shown column `step` places (-1 or 1) from `from`; from a column that
 * is not shown, the first (step > 0) or the last (step < 0). COL_NONE past
 * either end or when l is empty. */
enum ColumnId column_list_step(const enum ColumnId *l, enum ColumnId from, int step);

#endif
