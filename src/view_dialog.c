/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_dialog.c - the dialog box: measured by display width (text.h), drawn
 * through ui.h, centred and cut to the screen.
 */
#include "config.h"

#include "view_dialog.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* Wider boxes are hard to read; the lines are cut instead. */
#define DIALOG_MAX_COLS 110
/* Borders and one column of padding on each side. */
#define FRAME_COLS 4

void dialog_reset(Dialog *d, const char *title, const char *footer)
{
    d->nlines = 0;
    d->input_label[0] = '\0';
    snprintf(d->title, sizeof d->title, "%s", title);
    snprintf(d->footer, sizeof d->footer, "%s", footer);
}

int dialog_room(const Dialog *d)
{
    return DIALOG_MAX_LINES - d->nlines;
}

/* Cuts s back to a character boundary after vsnprintf truncated it. */
static void trim_utf8(char *s)
{
    size_t n = strlen(s), end = n;

    while (end > 0 && ((unsigned char)s[end - 1] & 0xc0) == 0x80)
        end--;
    if (end == 0)
        return;
    unsigned char lead = (unsigned char)s[end - 1];
    size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (n - (end - 1) < want)
        s[end - 1] = '\0';
}

void dialog_add(Dialog *d, enum UiStyle style, const char *fmt, ...)
{
    va_list ap;

    if (d->nlines >= DIALOG_MAX_LINES)
        return;
    DialogLine *l = &d->lines[d->nlines++];
    va_start(ap, fmt);
    vsnprintf(l->text, sizeof l->text, fmt, ap);
    va_end(ap);
    trim_utf8(l->text);
    l->style = style;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* Columns the text inside the frame needs. */
static int inner_width(const Dialog *d, const char *input)
{
    int w = max_int(text_width(d->title) + 4, text_width(d->footer));

    for (int i = 0; i < d->nlines; i++)
        w = max_int(w, text_width(d->lines[i].text));
    if (input)
        w = max_int(w, text_width(d->input_label) + text_width(input) + 1);
    return w;
}

/* One frame row: left corner, `fill` repeated, right corner. */
static void frame_row(int row, int left, int width, const char *l, const char *fill,
                      const char *r)
{
    char buf[DIALOG_MAX_COLS * 3 + 16];
    size_t used = 0, fl = strlen(fill);

    used += (size_t)snprintf(buf, sizeof buf, "%s", l);
    for (int i = 2; i < width && used + fl + 8 < sizeof buf; i++) {
        memcpy(buf + used, fill, fl);
        used += fl;
    }
    snprintf(buf + used, sizeof buf - used, "%s", r);
    ui_put(row, left, buf, width, STYLE_NORMAL);
}

/* The tail of s that fits in cols columns (the end of a long input is
 * where the cursor is). */
static const char *tail_fitting(const char *s, int cols)
{
    while (*s && text_width(s) > cols) {
        s++;
        while (((unsigned char)*s & 0xc0) == 0x80)
            s++;
    }
    return s;
}

typedef struct Box {
    int top, left, width, inner;
    const char *vbar;
} Box;

/* An empty framed row at box row `r`; returns the screen row. */
static int box_row(const Box *b, int r)
{
    int row = b->top + r;
    ui_fill(row, b->left, b->width, STYLE_NORMAL);
    ui_put(row, b->left, b->vbar, 1, STYLE_NORMAL);
    ui_put(row, b->left + b->width - 1, b->vbar, 1, STYLE_NORMAL);
    return row;
}

/* Returns the column where the cursor belongs. */
static int draw_input(const Box *b, int r, const Dialog *d, const char *input)
{
    int row = box_row(b, r), x = b->left + 2;

    x += ui_put(row, x, d->input_label, b->inner, STYLE_PROMPT);
    int room = b->left + 2 + b->inner - x - 1;
    x += ui_put(row, x, tail_fitting(input, room > 0 ? room : 0), room > 0 ? room : 0,
                STYLE_NORMAL);
    return x;
}

/* A screen too small for the box: the title and first line (the process)
 * above, the input or the footer on the last row. */
static void draw_compact(const Dialog *d, const char *input, int rows, int cols)
{
    int row = rows - 1, x;

    if (rows >= 2) {
        ui_fill(row - 1, 0, cols, STYLE_NORMAL);
        x = ui_put(row - 1, 0, d->title, cols, STYLE_TITLES);
        x += ui_put(row - 1, x, " ", cols - x, STYLE_NORMAL);
        ui_put(row - 1, x, d->nlines ? d->lines[0].text : "", cols - x, STYLE_NORMAL);
    }
    ui_fill(row, 0, cols, STYLE_NORMAL);
    if (!input) {
        ui_put(row, 0, d->footer, cols, STYLE_STATUS);
        ui_cursor(-1, 0);
        return;
    }
    x = ui_put(row, 0, d->input_label, cols, STYLE_PROMPT);
    x += ui_put(row, x, tail_fitting(input, cols - x - 1), cols - x, STYLE_NORMAL);
    ui_cursor(row, x < cols ? x : cols - 1);
}

void view_dialog_draw(const Dialog *d, const char *input, int rows, int cols)
{
    bool utf8 = ui_utf8();
    int fixed = 2 + 2 + (input ? 2 : 0);     /* frame, footer + blank, input + blank */
    Box b;

    if (rows < fixed + 1 || cols < FRAME_COLS + 20) {
        draw_compact(d, input, rows, cols);
        return;
    }
    int body = d->nlines < rows - fixed ? d->nlines : rows - fixed;
    int inner = inner_width(d, input);
    int limit = (cols < DIALOG_MAX_COLS ? cols : DIALOG_MAX_COLS) - FRAME_COLS;
    b.inner = inner < limit ? inner : limit;
    b.width = b.inner + FRAME_COLS;
    b.left = (cols - b.width) / 2;
    b.top = (rows - (body + fixed)) / 2;
    b.vbar = utf8 ? "│" : "|";

    frame_row(b.top, b.left, b.width, utf8 ? "┌" : "+", utf8 ? "─" : "-", utf8 ? "┐" : "+");
    ui_put(b.top, b.left + 2, " ", 1, STYLE_NORMAL);
    int tw = ui_put(b.top, b.left + 3, d->title, b.inner - 2, STYLE_TITLES);
    ui_put(b.top, b.left + 3 + tw, " ", 1, STYLE_NORMAL);
    int r = 1, cursor_row = -1, cursor_col = 0;
    for (int i = 0; i < body; i++, r++)
        ui_put(box_row(&b, r), b.left + 2, d->lines[i].text, b.inner, d->lines[i].style);
    if (input) {
        box_row(&b, r++);
        cursor_row = b.top + r;
        cursor_col = draw_input(&b, r++, d, input);
    }
    box_row(&b, r++);
    ui_put(box_row(&b, r++), b.left + 2, d->footer, b.inner, STYLE_STATUS);
    frame_row(b.top + r, b.left, b.width, utf8 ? "└" : "+", utf8 ? "─" : "-", utf8 ? "┘" : "+");
    /* Last: drawing moves the cursor. */
    ui_cursor(cursor_row, cursor_col);
}
