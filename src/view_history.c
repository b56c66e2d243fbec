/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_history.c - the OOM history view and the OOM-domain line. Cells and
 * sentences come from report_history.c, the same as batch output.
 */
#include "config.h"

#include "view_history.h"

#include <stdio.h>
#include <string.h>

#include "format.h"
#include "memcg.h"
#include "report_history.h"
#include "text.h"
#include "ui.h"

#define LINE_BYTES 4096

/* Appends `s` as a cell of `width` columns and a space to line at *used;
 * the last column is cut, not padded. */
static void put_cell(char *line, size_t *used, const char *s, int width, bool left, bool last)
{
    if (last) {
        *used += text_fit(line + *used, LINE_BYTES - *used, s, width, 0);
        return;
    }
    text_put_cell(line, LINE_BYTES, used, s, width, left);
    if (*used + 1 < LINE_BYTES)
        line[(*used)++] = ' ';
}

/* One table line: the titles (e == NULL) or the cells of e, `cols` wide. */
static void history_row(char *line, const OomEvent *e, int cols)
{
    char cell[512];
    size_t used = 0;
    int x = 0;

    for (int c = 0; c < HCOL_COUNT && x < cols; c++) {
        const HistoryColDesc *d = history_col((enum HistoryCol)c);
        bool last = c == HCOL_COUNT - 1;
        int w = last ? cols - x : d->width;
        if (!last && x + w > cols)
            break;              /* a column is shown whole or not at all */
        if (e)
            history_cell(cell, sizeof cell, e, (enum HistoryCol)c, true);
        else
            snprintf(cell, sizeof cell, "%s", d->title);
        put_cell(line, &used, cell, w, d->left_align, last);
        x += w + 1;
    }
    line[used] = '\0';
}

/* Without the log: why, what is needed, and what still works. */
static int draw_unreadable(const IncidentUi *iu, const Snapshot *snap, int top, int rows,
                           int cols)
{
    char buf[512];
    long long vm = snap ? snap->vmstat.oom_kill : VALUE_MISSING;
    const char *lines[4] = { "OOM history: the kernel log cannot be read", iu->data.kmsg_err,
                             buf, "Esc, q or L returns to the process table" };
    enum UiStyle st[4] = { STYLE_LABEL, STYLE_WARNING, STYLE_NORMAL, STYLE_STATUS };

    if (vm >= 0)
        snprintf(buf, sizeof buf, "OOM kills since boot (/proc/vmstat, no log needed): %lld", vm);
    else
        snprintf(buf, sizeof buf, "This kernel does not count OOM kills in /proc/vmstat");
    for (int i = 0; i < 4 && i < rows; i++)
        ui_put(top + i, 0, lines[i], cols, st[i]);
    return rows;
}

static void keep_visible(IncidentUi *iu, long n, int page)
{
    if (iu->sel >= n)
        iu->sel = n - 1;
    if (iu->sel < 0)
        iu->sel = 0;
    if (iu->scroll > iu->sel)
        iu->scroll = iu->sel;
    if (page > 0 && iu->sel >= iu->scroll + page)
        iu->scroll = iu->sel - page + 1;
    if (iu->scroll > n - page)
        iu->scroll = n - page;
    if (iu->scroll < 0)
        iu->scroll = 0;
}

/* Events newest first: screen index k is log index n - 1 - k. */
static void draw_events(IncidentUi *iu, int top, int page, int cols)
{
    static char line[LINE_BYTES];
    const OomLog *log = iu->data.log;
    long n = (long)oomlog_count(log);
    unsigned long long first = oomlog_added(log) - (unsigned long long)n;

    keep_visible(iu, n, page);
    if (n == 0) {
        ui_put(top, 0, "No OOM kill or commit refusal is left in the kernel log.", cols,
               STYLE_NORMAL);
        return;
    }
    for (int i = 0; i < page && iu->scroll + i < n; i++) {
        long k = iu->scroll + i, idx = n - 1 - k;
        const OomEvent *e = oomlog_event(log, (size_t)idx);
        bool is_new = first + (unsigned long long)idx >= iu->seen_added;
        enum UiStyle st = k == iu->sel ? STYLE_SELECTED : is_new ? STYLE_WARNING : STYLE_NORMAL;
        history_row(line, e, cols);
        if (k == iu->sel)
            ui_fill(top + i, 0, cols, st);
        ui_put(top + i, 0, line, cols, st);
    }
}

#define WRAP_MAX 8

/* The selected event's details wrapped at blanks to `cols`, at most
 * WRAP_MAX screen lines into out. Returns how many. */
static int wrap_detail(const IncidentUi *iu, char out[WRAP_MAX][256], int cols)
{
    char lines[HISTORY_DETAIL_LINES][256], fit[256];
    long n = (long)oomlog_count(iu->data.log);
    int k = 0;

    if (n == 0 || cols < 20)
        return 0;
    history_detail(lines, oomlog_event(iu->data.log, (size_t)(n - 1 - iu->sel)));
    for (int i = 0; i < HISTORY_DETAIL_LINES && k < WRAP_MAX; i++) {
        const char *rest = lines[i];
        while (*rest && k < WRAP_MAX) {
            size_t len = text_fit(fit, sizeof fit, rest, cols, 0);
            const char *blank = rest[len] ? memrchr(rest, ' ', len) : NULL;
            if (blank && blank > rest)
                len = (size_t)(blank - rest);
            snprintf(out[k++], 256, "%.*s", (int)len, rest);
            rest += len;
            while (*rest == ' ')
                rest++;
        }
    }
    return k;
}

int view_history_draw(IncidentUi *iu, const Snapshot *snap, int top, int rows, int cols)
{
    static char line[LINE_BYTES];
    char wrapped[WRAP_MAX][256];

    if (!iu->data.kmsg || !iu->data.log)
        return draw_unreadable(iu, snap, top, rows, cols);
    history_heading(line, sizeof line, iu->data.log,
                    snap ? snap->vmstat.oom_kill : VALUE_MISSING, kmsg_lost(iu->data.kmsg));
    if (iu->data.kmsg_err[0])
        snprintf(line, sizeof line, "OOM history: %s", iu->data.kmsg_err);
    ui_put(top, 0, line, cols, iu->data.kmsg_err[0] ? STYLE_WARNING : STYLE_LABEL);
    if (rows < 3)
        return rows;
    history_row(line, NULL, cols);
    ui_fill(top + 1, 0, cols, STYLE_TITLES);
    ui_put(top + 1, 0, line, cols, STYLE_TITLES);
    /* the selection is clamped first, so that the details are of a real event */
    keep_visible(iu, (long)oomlog_count(iu->data.log), iu->page);
    int detail = rows - 2 >= 6 ? wrap_detail(iu, wrapped, cols) : 0;
    if (detail > rows - 2 - 3)
        detail = rows - 2 - 3;  /* three events stay visible */
    iu->page = rows - 2 - detail;
    draw_events(iu, top + 2, iu->page, cols);
    for (int i = 0; i < detail; i++)
        ui_put(top + rows - detail + i, 0, wrapped[i], cols, STYLE_VALUE);
    return rows;
}

int view_history_scope_line(IncidentUi *iu, size_t shown, int top, int cols)
{
    char buf[768], limit[24], usage[24], kills[32] = "";
    const MemcgInfo *m = iu->data.cgroups ? cgroup_of_path(iu->data.cgroups, iu->scope_path)
                                          : NULL;

    if (!m) {
        snprintf(buf, sizeof buf, "OOM domain %s: the cgroup is gone (o: every process)",
                 iu->scope_path);
        ui_put(top, 0, buf, cols, STYLE_WARNING);
        return 1;
    }
    format_kb_human(limit, sizeof limit, m->limit_kb);
    format_kb_human(usage, sizeof usage, m->usage_kb);
    if (m->oom_kills >= 0)
        snprintf(kills, sizeof kills, ", %lld OOM kill%s", m->oom_kills,
                 m->oom_kills == 1 ? "" : "s");
    const char *unit = m->unit ? m->unit : "";
    double fill = memcg_fill_percent(m);
    snprintf(buf, sizeof buf, "OOM domain %s%s%s%s: limit %s, usage %s (%.0f%%)%s; %zu "
             "process%s, CGRANK = the order a cgroup OOM here kills in (o: every process)",
             m->path, unit[0] ? " (" : "", unit, unit[0] ? ")" : "", limit, usage,
             fill < 0 ? 0.0 : fill, kills, shown, shown == 1 ? "" : "es");
    ui_put(top, 0, buf, cols, fill >= 90.0 || m->oom_kills > 0 ? STYLE_WARNING : STYLE_LABEL);
    return 1;
}
