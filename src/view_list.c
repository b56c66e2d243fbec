/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_list.c - process rows through fields_format(), aligned by display
 * width (text_fit), so hostile names cannot push the columns apart.
 */
#include "config.h"

#include "view_list.h"

#include <stdio.h>
#include <string.h>

#include "badness.h"
#include "text.h"
#include "ui.h"

/* Cell text: a full command line may be long, the screen cuts it anyway. */
#define CELL_MAX 4096
/* A screen line: every column of the widest terminal, 4 bytes a column. */
#define LINE_MAX_BYTES 16384

void view_list_init(ListView *v)
{
    memset(v, 0, sizeof *v);
    v->selected = -1;
    column_list_set(v->columns, fields_default_columns);
}

static long clamp_row(const ProcTable *t, long row)
{
    if (t->nrows == 0)
        return -1;
    if (row < 0)
        return 0;
    return row >= (long)t->nrows ? (long)t->nrows - 1 : row;
}

void view_list_select(ListView *v, const ProcTable *t, long row)
{
    v->selected = clamp_row(t, row);
    v->following = v->selected >= 0;
    if (v->following) {
        v->pid = t->rows[v->selected]->pid;
        v->start_ticks = t->rows[v->selected]->start_ticks;
    }
}

void view_list_follow(ListView *v, const ProcTable *t)
{
    long row = v->following ? proctable_find(t, v->pid, v->start_ticks) : -1;

    /* Gone (or never chosen): the same place in the list, a new process. */
    view_list_select(v, t, row >= 0 ? row : (v->selected < 0 ? 0 : v->selected));
}

bool view_list_descending(const ProcTable *t)
{
    const ColumnDesc *d = fields_desc(t->sort_col);
    return d && (d->sort_desc != t->sort_reverse);
}

static int column_width(enum ColumnId col, int x, int cols)
{
    int w = fields_desc(col)->width;
    return (w <= 0 || x + w > cols) ? cols - x : w;
}

size_t view_list_columns(const ListView *v, enum ColumnId *out)
{
    size_t n = column_list_len(v->columns);
    memcpy(out, v->columns, (n + 1) * sizeof out[0]);
    return n;
}

enum ColumnId view_list_title_at(const ListView *v, int row, int col)
{
    int x = 0;

    if (v->rows <= 0 || row != v->top || col < 0)
        return COL_NONE;
    for (const enum ColumnId *c = v->columns; *c != COL_NONE && x < v->cols; c++) {
        int w = column_width(*c, x, v->cols);
        if (col <= x + w)       /* the blank after a title still counts */
            return *c;
        x += w + 1;
    }
    return COL_NONE;
}

long view_list_row_at(const ListView *v, const ProcTable *t, int row)
{
    long r = v->scroll + (row - v->top - 1);
    if (v->rows <= 0 || row <= v->top || row >= v->top + v->rows || r >= (long)t->nrows)
        return -1;
    return r;
}

static void draw_titles(const ProcTable *t, const enum ColumnId *shown, int row, int cols)
{
    static char cell[LINE_MAX_BYTES];
    char title[64];
    int x = 0;

    ui_fill(row, 0, cols, STYLE_TITLES);
    for (const enum ColumnId *c = shown; *c != COL_NONE && x < cols; c++) {
        const ColumnDesc *d = fields_desc(*c);
        int w = column_width(*c, x, cols);
        bool sorted = *c == t->sort_col;
        const char *arrow = "";
        if (sorted) {
            bool down = view_list_descending(t);
            arrow = ui_utf8() ? (down ? "▼" : "▲") : (down ? "v" : "^");
        }
        snprintf(title, sizeof title, "%s%s", d->title, arrow);
        size_t used = 0;
        text_put_cell(cell, sizeof cell, &used, title, w, d->left_align);
        cell[used] = '\0';
        ui_put(row, x, cell, w, sorted ? STYLE_SORT_TITLE : STYLE_TITLES);
        x += w + 1;
    }
}

/* Where the kernel's oom_score is not the predicted one it stays shown,
 * with '!' after it, or '~' where the drift of the kernel's RSS counters
 * explains it (the help screen says what they mean). */
static void flag_cell(char *cell, size_t len, char mark)
{
    size_t n = strlen(cell);

    if (n + 1 < len) {
        cell[n] = mark;
        cell[n + 1] = '\0';
    }
}

static void draw_row(const ProcSample *p, const FormatCtx *ctx, const enum ColumnId *shown,
                     int row, int cols, bool selected, bool marked)
{
    static char line[LINE_MAX_BYTES];
    static char cell[CELL_MAX];
    size_t used = 0;
    int x = 0;

    for (const enum ColumnId *c = shown; *c != COL_NONE && x < cols; c++) {
        int w = column_width(*c, x, cols);
        fields_format(cell, sizeof cell, p, *c, ctx);
        char mark = *c == COL_OOM ? oom_score_mark(p) : '\0';
        if (mark)
            flag_cell(cell, sizeof cell, mark);
        text_put_cell(line, sizeof line, &used, cell, w, fields_desc(*c)->left_align);
        x += w;
        if (x < cols && used + 1 < sizeof line) {
            line[used++] = ' ';
            x++;
        }
        line[used] = '\0';
    }
    enum UiStyle st = selected ? STYLE_SELECTED : marked ? STYLE_MARK
                      : (p->flags & PROC_KTHREAD) ? STYLE_DIM : STYLE_NORMAL;
    if (selected)
        ui_fill(row, 0, cols, st);
    ui_put(row, 0, line, cols, st);
}

static void keep_visible(ListView *v, long nrows, long page)
{
    if (v->selected < 0 || page <= 0) {
        v->scroll = 0;
        return;
    }
    /* The table may have shrunk: never leave empty lines below its end
     * while rows above are hidden. */
    if (v->scroll > nrows - page)
        v->scroll = nrows - page;
    if (v->selected < v->scroll)
        v->scroll = v->selected;
    else if (v->selected >= v->scroll + page)
        v->scroll = v->selected - page + 1;
    if (v->scroll < 0)
        v->scroll = 0;
}

void view_list_draw(ListView *v, const ProcTable *t, const FormatCtx *ctx, int top, int rows,
                    int cols)
{
    v->top = top;
    v->rows = rows > 0 ? rows : 0;
    v->cols = cols;
    if (rows <= 0)
        return;
    const enum ColumnId *shown = v->columns;
    draw_titles(t, shown, top, cols);
    long page = rows - 1;
    keep_visible(v, (long)t->nrows, page);
    for (long i = 0; i < page && v->scroll + i < (long)t->nrows; i++) {
        long r = v->scroll + i;
        bool marked = v->marked && v->marked(v->marked_arg, t->rows[r]);
        draw_row(t->rows[r], ctx, shown, top + 1 + (int)i, cols, r == v->selected, marked);
    }
}
