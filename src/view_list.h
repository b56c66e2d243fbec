/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_list.h - the process table on screen: column titles with the sort
 * mark, the rows, scrolling, and a selection that follows a process (pid and
 * start time) rather than a row number. Draws through ui.h only.
 */
#ifndef OOMTOP_VIEW_LIST_H
#define OOMTOP_VIEW_LIST_H

#include <stdbool.h>
#include <sys/types.h>

#include "column_list.h"
#include "fields.h"
#include "proctable.h"

typedef struct ListView {
    long selected;                  /* row index; -1 while the table is empty */
    long scroll;                    /* first row on screen */
    bool following;                 /* pid/start_ticks name a process */
    pid_t pid;
    unsigned long long start_ticks;
    /* Rows drawn marked (tagged for an action); NULL marks none. */
    bool (*marked)(const void *arg, const ProcSample *p);
    const void *marked_arg;
    /* The columns drawn, in order: the program's one list of visible
     * columns (column_list.h). The column picker, the settings file and the
     * cgroup keys edit it, the sort keys walk it, and what the sampler reads
     * follows from it (fields_needs()). */
    enum ColumnId columns[COLUMN_LIST_MAX];
    /* Where the last draw put the table (title row, rows with it, width),
     * for mouse clicks; rows is 0 before the first draw. */
    int top, rows, cols;
} ListView;

#define VIEW_LIST_COLUMNS_MAX COLUMN_LIST_MAX

/* Copies the columns v draws into `out` (VIEW_LIST_COLUMNS_MAX entries,
 * COL_NONE-terminated). Returns how many. */
size_t view_list_columns(const ListView *v, enum ColumnId *out);

/* No selection, the default columns. */
void view_list_init(ListView *v);

/* The column whose title the last draw put at screen (row, col), or
 * COL_NONE when (row, col) is not on a title. */
enum ColumnId view_list_title_at(const ListView *v, int row, int col);

/* The table row the last draw put at screen row `row`, or -1 when none. */
long view_list_row_at(const ListView *v, const ProcTable *t, int row);

/* After t was rebuilt (refresh, re-sort, filter): selects the followed
 * process again; if it is no longer shown, keeps the row index (clamped). */
void view_list_follow(ListView *v, const ProcTable *t);

/* Moves the selection to row `row` (clamped to the table) and follows the
 * process found there. */
void view_list_select(ListView *v, const ProcTable *t, long row);

/* Draws the title row at `top` and the rows below it, `rows` in all, and
 * scrolls so that the selection is visible. */
void view_list_draw(ListView *v, const ProcTable *t, const FormatCtx *ctx, int top, int rows,
                    int cols);

/* True if column `col` is displayed in descending order under t's sort. */
bool view_list_descending(const ProcTable *t);

#endif
