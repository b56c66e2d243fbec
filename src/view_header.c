/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_header.c - the summary lines on screen: a label in its own style,
 * warnings highlighted, and the gauge drawn in block characters (UTF-8) or
 * ASCII. No figure is computed here.
 */
#include "config.h"

#include "view_header.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commit.h"
#include "summary.h"
#include "ui.h"

/* Cell codes summary_gauge() writes; mapped to glyphs below. */
enum { CELL_FILL = 'F', CELL_EMPTY = 'E', CELL_MARK = 'M' };

#define GAUGE_MAX 1024

/* Draws bytes [from, to) of text at column x; returns the columns used. */
static int put_span(int row, int x, const char *text, size_t from, size_t to, int cols,
                    enum UiStyle st)
{
    char span[SUMMARY_LINE_MAX];
    if (to <= from || x >= cols)
        return 0;
    memcpy(span, text + from, to - from);
    span[to - from] = '\0';
    return ui_put(row, x, span, cols - x, st);
}

/* The text after the label: plain, with the part summary.c marked (the
 * whole of it when no part is) as a warning. */
static void draw_body(const Summary *s, enum SummaryLineId id, const char *text, size_t start,
                      int row, int x, int cols)
{
    size_t len = strlen(text);
    size_t from = (size_t)s->warn_from[id], to = s->warn_to[id] ? (size_t)s->warn_to[id] : len;

    if (!s->warning[id]) {
        ui_put(row, x, text + start, cols - x, STYLE_NORMAL);
        return;
    }
    from = from < start ? start : from > len ? len : from;
    to = to > len ? len : to < from ? from : to;
    x += put_span(row, x, text, start, from, cols, STYLE_NORMAL);
    x += put_span(row, x, text, from, to, cols, STYLE_WARNING);
    put_span(row, x, text, to, len, cols, STYLE_NORMAL);
}

/* One summary line: "Label:" in the label style, the rest plain or, when
 * the line reports a problem, as a warning. The commit line stops before
 * its enforcement words: the gauge's legend says them, so that they are
 * not the first thing cut on an 80-column screen. */
static void draw_line(const Summary *s, enum SummaryLineId id, int row, int cols)
{
    static char cut[SUMMARY_LINE_MAX];
    const char *text = s->line[id];
    size_t start = 0;

    if (id == SUMMARY_COMMIT && strstr(text, "; ")) {
        size_t n = (size_t)(strstr(text, "; ") - text);
        memcpy(cut, text, n);
        cut[n] = '\0';
        text = cut;
    }
    int x = view_header_label(row, text, cols, &start);
    draw_body(s, id, text, start, row, x, cols);
}

int view_header_label(int row, const char *text, int cols, size_t *len)
{
    const char *colon = strstr(text, ": ");   /* a label, not the clock's 15:04 */
    char label[32];

    *len = 0;
    if (!colon || colon - text >= 24)
        return 0;
    *len = (size_t)(colon - text) + 1;
    memcpy(label, text, *len);
    label[*len] = '\0';
    return ui_put(row, 0, label, cols, STYLE_LABEL);
}

static enum UiStyle fill_style(const MemInfo *m)
{
    double pct = commit_percent(m);

    if (pct >= 90.0)
        return STYLE_BAR_HIGH;
    return pct >= 70.0 ? STYLE_BAR_MID : STYLE_BAR_LOW;
}

static const char *glyph(char cell, bool beyond)
{
    bool u = ui_utf8();

    switch (cell) {
    case CELL_FILL: return u ? "█" : "#";
    case CELL_MARK:
        if (beyond)
            return u ? "▶" : ">";
        return u ? "┃" : "|";
    default: return u ? "·" : ".";
    }
}

/* After the bar: what the mark is, and the enforcement in words. */
static void gauge_legend(char *buf, size_t len, const Snapshot *snap, bool beyond)
{
    snprintf(buf, len, " RAM+swap%s; %s", beyond ? " beyond" : "",
             summary_enforcement(snap->policy.overcommit_memory));
}

/* "[█████····┃·····] ┃ RAM+swap; limit not enforced in mode 0":
 * Committed_AS of CommitLimit, the mark where RAM+swap lies (an arrow at
 * the end when it lies beyond). The legend goes when there is no room. */
static void draw_gauge(const Snapshot *snap, int row, int cols)
{
    static char cells[GAUGE_MAX + 1];
    const MemInfo *m = &snap->mem;
    char legend[96];

    if (commit_percent(m) < 0 || cols < 8)
        return;
    gauge_legend(legend, sizeof legend, snap, true);
    int width = cols - 2 - (2 + (int)strlen(legend));
    bool with_legend = width >= 10;
    if (!with_legend)
        width = cols - 2;
    if (width > GAUGE_MAX)
        width = GAUGE_MAX;
    bool beyond = summary_gauge(cells, width, m, CELL_FILL, CELL_EMPTY, CELL_MARK);
    enum UiStyle fill = fill_style(m);
    int x = ui_put(row, 0, "[", 1, STYLE_NORMAL);
    for (int i = 0; i < width; i++) {
        enum UiStyle st = cells[i] == CELL_FILL ? fill
                          : cells[i] == CELL_MARK ? STYLE_MARK : STYLE_BAR_EMPTY;
        x += ui_put(row, x, glyph(cells[i], beyond), 1, st);
    }
    x += ui_put(row, x, "] ", cols - x, STYLE_NORMAL);
    if (!with_legend)
        return;
    if (strchr(cells, CELL_MARK))
        x += ui_put(row, x, glyph(CELL_MARK, beyond), cols - x, STYLE_MARK);
    gauge_legend(legend, sizeof legend, snap, beyond);
    ui_put(row, x, legend, cols - x, STYLE_NORMAL);
}

int view_header_draw(const Snapshot *snap, const SummaryIncident *inc, size_t shown, int top,
                     int maxrows, int cols)
{
    static Summary s;
    static const int order[VIEW_HEADER_ROWS] = {
        SUMMARY_COMMIT, -1, SUMMARY_POLICY, SUMMARY_MEMORY, SUMMARY_PRESSURE, SUMMARY_OOM,
        SUMMARY_VICTIM, SUMMARY_TASKS, SUMMARY_CLOCK,
    };
    int n = maxrows < VIEW_HEADER_ROWS ? maxrows : VIEW_HEADER_ROWS;
    SummaryIncident sized = { 0 };

    if (n <= 0)
        return 0;
    if (inc)
        sized = *inc;
    sized.wide = cols >= VIEW_HEADER_WIDE_COLS;
    summary_build_incident(&s, snap, shown, &sized);
    for (int i = 0; i < n; i++) {
        if (order[i] < 0)
            draw_gauge(snap, top + i, cols);
        else
            draw_line(&s, (enum SummaryLineId)order[i], top + i, cols);
    }
    return n;
}
