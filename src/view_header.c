/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_header.c - the summary lines. Every figure is the kernel's or is
 * recomputed by commit.c; nothing here does memory arithmetic beyond
 * "used = total - available" (as free(1) does).
 */
#include "config.h"

#include "view_header.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "commit.h"
#include "format.h"
#include "text.h"
#include "ui.h"

/* A row being filled from left to right. */
typedef struct Line {
    int row;
    int x;
    int cols;
} Line;

static void add(Line *l, enum UiStyle st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add(Line *l, enum UiStyle st, const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (l->x < l->cols)
        l->x += ui_put(l->row, l->x, buf, l->cols - l->x, st);
}

static bool known(long long v)
{
    return v != VALUE_MISSING && v >= 0;
}

static const char *human(char *buf, size_t len, long long kb)
{
    format_kb_human(buf, len, kb);
    return buf;
}

static void draw_gauge_text(const Snapshot *s, Line *l)
{
    const MemInfo *m = &s->mem;
    char a[32], b[32];
    double pct = commit_percent(m);

    add(l, STYLE_LABEL, "Commit ");
    if (!known(m->committed_as_kb) || !known(m->commit_limit_kb) || pct < 0) {
        add(l, STYLE_WARNING, "commit charge n/a");
        return;
    }
    add(l, STYLE_VALUE, "%s", human(a, sizeof a, m->committed_as_kb));
    add(l, STYLE_NORMAL, " of ");
    add(l, STYLE_VALUE, "%s", human(b, sizeof b, m->commit_limit_kb));
    add(l, STYLE_NORMAL, " (");
    add(l, pct > 100.0 ? STYLE_WARNING : STYLE_VALUE, "%.1f%%", pct);
    add(l, STYLE_NORMAL, ")  ");
    long long mode = s->policy.overcommit_memory;
    if (mode == OVERCOMMIT_NEVER)
        add(l, STYLE_WARNING, "hard limit (mode 2)");
    else if (mode == OVERCOMMIT_GUESS || mode == OVERCOMMIT_ALWAYS)
        add(l, STYLE_NORMAL, "limit not enforced in mode %lld", mode);
    else
        add(l, STYLE_NORMAL, "enforcement unknown");
}

static enum UiStyle fill_style(double pct)
{
    if (pct >= 90.0)
        return STYLE_BAR_HIGH;
    return pct >= 70.0 ? STYLE_BAR_MID : STYLE_BAR_LOW;
}

/* The bar's cells: full blocks, one partial block in eighths (UTF-8) and
 * the empty rest; ASCII uses '#' and '.'. */
static void draw_bar_cells(int row, int x, int width, double pct)
{
    static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
    bool u = ui_utf8();
    double frac = pct > 100.0 ? 1.0 : pct / 100.0;
    int units = (int)(frac * width * 8.0 + 0.5);
    enum UiStyle st = fill_style(pct);

    for (int i = 0; i < width; i++) {
        int here = units - i * 8;
        const char *cell = u ? "·" : ".";
        enum UiStyle cs = STYLE_BAR_EMPTY;
        if (here >= 8) {
            cell = u ? "█" : "#";
            cs = st;
        } else if (here > 0 && u) {
            cell = eighths[here];
            cs = st;
        }
        ui_put(row, x + i, cell, 1, cs);
    }
}

/* RAM+swap as a fraction of CommitLimit: where the mark goes on the bar. */
static double ram_swap_ratio(const MemInfo *m)
{
    return (double)(m->mem_total_kb + m->swap_total_kb) / (double)m->commit_limit_kb;
}

static bool mark_beyond(const MemInfo *m, int width)
{
    return (int)(ram_swap_ratio(m) * width + 0.5) >= width;
}

static const char *mark_glyph(bool beyond)
{
    if (ui_utf8())
        return beyond ? "▶" : "┃";
    return beyond ? ">" : "|";
}

/* The words after the bar; the mark glyph itself precedes them. */
static void mark_legend(char *buf, size_t len, const MemInfo *m, bool beyond)
{
    char a[32];

    snprintf(buf, len, " RAM+swap %s%s", human(a, sizeof a, m->mem_total_kb + m->swap_total_kb),
             beyond ? ", beyond the bar" : "");
}

static void draw_gauge_bar(const Snapshot *s, Line *l)
{
    const MemInfo *m = &s->mem;
    double pct = commit_percent(m);
    bool mark = known(m->mem_total_kb) && known(m->swap_total_kb) && m->commit_limit_kb > 0;
    char legend[96] = "";

    if (pct < 0 || l->cols < 6)
        return;
    /* Room is kept for the longest legend; the bar gets the rest. */
    int width = l->cols - 2;
    if (mark) {
        mark_legend(legend, sizeof legend, m, true);
        int lw = 2 + text_width(legend);
        if (width - lw >= 10) {
            width -= lw;
            mark_legend(legend, sizeof legend, m, mark_beyond(m, width));
        } else {
            legend[0] = '\0';
        }
    }
    add(l, STYLE_NORMAL, "[");
    int x0 = l->x;
    draw_bar_cells(l->row, x0, width, pct);
    l->x += width;
    add(l, STYLE_NORMAL, "]");
    if (!mark)
        return;
    bool beyond = mark_beyond(m, width);
    int pos = beyond ? width - 1 : (int)(ram_swap_ratio(m) * width + 0.5);
    ui_put(l->row, x0 + pos, mark_glyph(beyond), 1, STYLE_MARK);
    if (legend[0]) {
        add(l, STYLE_NORMAL, " ");
        add(l, STYLE_MARK, "%s", mark_glyph(beyond));
        add(l, STYLE_NORMAL, "%s", legend);
    }
}

static void draw_policy(const Snapshot *s, Line *l)
{
    const VmPolicy *p = &s->policy;
    char a[32], b[32];

    if (!known(p->overcommit_memory)) {
        add(l, STYLE_WARNING, "overcommit settings unreadable");
        add(l, STYLE_NORMAL, "  CommitLimit %s (meminfo)",
            human(a, sizeof a, s->mem.commit_limit_kb));
        return;
    }
    add(l, STYLE_LABEL, "vm.overcommit_memory");
    add(l, STYLE_VALUE, "=%lld", p->overcommit_memory);
    add(l, STYLE_NORMAL, " (%s)  ", commit_mode_name(p->overcommit_memory));
    if (known(p->overcommit_kbytes) && p->overcommit_kbytes > 0) {
        add(l, STYLE_LABEL, "overcommit_kbytes");
        add(l, STYLE_VALUE, "=%lld  ", p->overcommit_kbytes);
    } else if (known(p->overcommit_ratio)) {
        add(l, STYLE_LABEL, "overcommit_ratio");
        add(l, STYLE_VALUE, "=%lld  ", p->overcommit_ratio);
    }
    long long limit = commit_limit_kb(&s->mem, p, s->page_kb);
    add(l, STYLE_LABEL, "CommitLimit ");
    add(l, STYLE_VALUE, "%s", human(a, sizeof a, limit));
    if (known(limit) && known(s->mem.commit_limit_kb) && limit != s->mem.commit_limit_kb)
        add(l, STYLE_WARNING, "  differs from meminfo: %s (%lld vs %lld KiB)",
            human(b, sizeof b, s->mem.commit_limit_kb), limit, s->mem.commit_limit_kb);
}

static void draw_memory(const Snapshot *s, Line *l)
{
    const MemInfo *m = &s->mem;
    char a[32];

    add(l, STYLE_LABEL, "Mem ");
    add(l, STYLE_VALUE, "%s", human(a, sizeof a, m->mem_total_kb));
    add(l, STYLE_NORMAL, " total, ");
    bool used_known = known(m->mem_total_kb) && known(m->mem_available_kb);
    add(l, STYLE_VALUE, "%s",
        human(a, sizeof a, used_known ? m->mem_total_kb - m->mem_available_kb : VALUE_MISSING));
    add(l, STYLE_NORMAL, " used, ");
    add(l, STYLE_VALUE, "%s", human(a, sizeof a, m->mem_available_kb));
    add(l, STYLE_NORMAL, " available   ");
    if (m->swap_total_kb == 0) {
        add(l, STYLE_LABEL, "no swap");
        return;
    }
    add(l, STYLE_LABEL, "Swap ");
    add(l, STYLE_VALUE, "%s", human(a, sizeof a, m->swap_total_kb));
    add(l, STYLE_NORMAL, " total, ");
    bool swap_known = known(m->swap_total_kb) && known(m->swap_free_kb);
    add(l, STYLE_VALUE, "%s",
        human(a, sizeof a, swap_known ? m->swap_total_kb - m->swap_free_kb : VALUE_MISSING));
    add(l, STYLE_NORMAL, " used");
}

static void draw_tasks(const Snapshot *s, size_t shown, Line *l)
{
    char up[48], clock[16] = "--:--:--";
    struct tm tm;

    if (localtime_r(&s->wall_time, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    format_uptime(up, sizeof up, s->uptime_s);
    add(l, STYLE_LABEL, "Tasks ");
    add(l, STYLE_VALUE, "%zu", s->ntasks_total);
    add(l, STYLE_NORMAL, ", %zu shown   ", shown);
    add(l, STYLE_VALUE, "%s", clock);
    add(l, STYLE_NORMAL, " up %s   ", up);
    add(l, STYLE_LABEL, "load ");
    add(l, STYLE_VALUE, "%.2f %.2f %.2f", s->loadavg[0], s->loadavg[1], s->loadavg[2]);
}

int view_header_draw(const Snapshot *s, size_t shown, int top, int maxrows, int cols)
{
    int n = maxrows < VIEW_HEADER_ROWS ? maxrows : VIEW_HEADER_ROWS;

    for (int i = 0; i < n; i++) {
        Line l = { top + i, 0, cols };
        switch (i) {
        case 0: draw_gauge_text(s, &l); break;
        case 1: draw_gauge_bar(s, &l); break;
        case 2: draw_policy(s, &l); break;
        case 3: draw_memory(s, &l); break;
        default: draw_tasks(s, shown, &l); break;
        }
    }
    return n < 0 ? 0 : n;
}
