/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_whatif.c - what-if mode on screen. The figures and sentences are
 * whatif.c's; the commit line and gauge are view_header.c's, drawn from a
 * copy of the snapshot that carries the simulated CommitLimit and policy.
 */
#include "config.h"

#include "view_whatif.h"

#include <stdio.h>
#include <string.h>

#include "commit.h"
#include "fields.h"
#include "format.h"
#include "summary.h"
#include "ui.h"
#include "view_header.h"
#include "view_help.h"

#define LINE_MAX_BYTES 512
#define HUMAN_MAX 24

/* Letters of COMMAND left visible beside the what-if columns. */
#define COMMAND_KEPT 8

/* Header rows the live header's drawing gives (commit line and gauge). */
#define GAUGE_ROWS 2

/* "Label:" in the label style, the rest plain or as a warning. */
static void draw_labelled(int row, const char *text, bool warn, int cols)
{
    size_t skip;
    int x = view_header_label(row, text, cols, &skip);
    ui_put(row, x, text + skip, cols - x, warn ? STYLE_WARNING : STYLE_NORMAL);
}

static void draw_banner(const WhatIfView *w, const Snapshot *snap, int row, int cols)
{
    char banner[160], line[LINE_MAX_BYTES];

    whatif_banner(banner, sizeof banner, &w->sim, &snap->policy);
    snprintf(line, sizeof line,
             "%s   SIMULATION, nothing is written  | 0 1 2 mode  + - } { ratio  B kbytes  "
             "g grow  z Z = adj  w leave",
             banner);
    ui_fill(row, 0, cols, STYLE_SELECTED);
    ui_put(row, 0, line, cols, STYLE_SELECTED);
}

/* "Limit: CommitLimit 12342048 kB (11.8 GiB) = (MemTotal - Hugetlb) x 50% + SwapTotal" */
static void limit_line(char *buf, size_t len, const WhatIfCommit *c)
{
    char human[HUMAN_MAX], how[96];

    if (c->commit_limit_kb < 0) {
        snprintf(buf, len, "Limit: CommitLimit unknown (overcommit settings unreadable)");
        return;
    }
    format_kb_human(human, sizeof human, c->commit_limit_kb);
    if (c->kbytes > 0)
        snprintf(how, sizeof how, "overcommit_kbytes %lld + SwapTotal", c->kbytes);
    else
        snprintf(how, sizeof how, "(MemTotal - Hugetlb) x %lld%% + SwapTotal", c->ratio);
    snprintf(buf, len, "Limit: CommitLimit %lld kB (%s) = %s; %s", c->commit_limit_kb, human,
             how, c->enforced ? "enforced in mode 2" : "not enforced in this mode");
}

/* The next victims, with the simulated adj where there is one. */
static void victim_line(char *buf, size_t len, const WhatIfView *w)
{
    if (!w->rows_valid) {
        snprintf(buf, len, "next OOM victim: unknown");
        return;
    }
    const ProcSample *v = w->sum.victim >= 0 ? &w->ranked[w->sum.victim] : NULL;
    int n = whatif_victim_line(buf, len, v, ui_utf8());
    if (w->sum.runner_up >= 0 && n > 0 && (size_t)n < len) {
        const ProcSample *r = &w->ranked[w->sum.runner_up];
        n += snprintf(buf + n, len - (size_t)n, "; then: %s (pid %d)", r->comm, (int)r->pid);
    }
    if (w->nadj > 0 && n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, "   [simulated oom_score_adj on %zu process%s]",
                 w->nadj, w->nadj == 1 ? "" : "es");
}

static void gap_line(char *buf, size_t len, const WhatIfView *w)
{
    char gap[HUMAN_MAX];

    if (!w->gap_known) {
        snprintf(buf, len, "MAP_NORESERVE gap: not measured (smaps unavailable)");
        return;
    }
    format_kb_human(gap, sizeof gap, w->gap_kb);
    snprintf(buf, len,
             "MAP_NORESERVE gap: %s (%zu process%s unreadable): mapped with MAP_NORESERVE, "
             "uncharged now, charged had the programs started under mode 2",
             gap, w->gap_unreadable, w->gap_unreadable == 1 ? "" : "es");
}

/* whatif_summary(); in mode 1, where nothing is refused, who pays. */
static void summary_line(char *buf, size_t len, const WhatIfView *w, const WhatIfCommit *c)
{
    int n = whatif_summary(buf, len, c);

    if (c->unlimited && w->rows_valid && w->sum.victim >= 0 && n > 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, ": it would kill %s (pid %d) first",
                 w->ranked[w->sum.victim].comm, (int)w->ranked[w->sum.victim].pid);
}

/* The live figures, for comparison: what the kernel enforces now. */
static void live_line(char *buf, size_t len, const Snapshot *snap)
{
    char limit[HUMAN_MAX], used[HUMAN_MAX];
    double pct = commit_percent(&snap->mem);

    format_kb_human(limit, sizeof limit, snap->mem.commit_limit_kb);
    format_kb_human(used, sizeof used, snap->mem.committed_as_kb);
    snprintf(buf, len, "Live: mode %lld (%s), CommitLimit %lld kB (%s), Committed_AS %s (%.1f%%)",
             snap->policy.overcommit_memory, commit_mode_name(snap->policy.overcommit_memory),
             snap->mem.commit_limit_kb, limit, used, pct < 0 ? 0.0 : pct);
}

int view_whatif_header(const WhatIfView *w, const WhatIfCommit *c, const Snapshot *snap,
                       size_t shown, int n, int cols)
{
    char line[LINE_MAX_BYTES];
    int row = 0;

    if (n <= 0)
        return 0;
    for (int r = 0; r < n; r++)
        ui_fill(r, 0, cols, STYLE_NORMAL);
    draw_banner(w, snap, row++, cols);
    if (row < n) {
        Snapshot sim = *snap;
        sim.mem.commit_limit_kb = c->commit_limit_kb;
        sim.policy = w->sim;
        row += view_header_draw(&sim, NULL, shown, row,
                                n - row < GAUGE_ROWS ? n - row : GAUGE_ROWS, cols);
    }
    if (row < n) {
        summary_line(line, sizeof line, w, c);
        draw_labelled(row++, line, c->allocations_fail, cols);
    }
    if (row < n) {
        limit_line(line, sizeof line, c);
        draw_labelled(row++, line, false, cols);
    }
    if (row < n) {
        victim_line(line, sizeof line, w);
        /* Mode 1: the OOM killer is the only guard left. */
        draw_labelled(row++, line, c->unlimited, cols);
    }
    if (row < n) {
        gap_line(line, sizeof line, w);
        draw_labelled(row++, line, false, cols);
    }
    if (row < n) {
        live_line(line, sizeof line, snap);
        draw_labelled(row++, line, false, cols);
    }
    if (row < n) {
        char mem[SUMMARY_LINE_MAX];
        summary_memory_line(mem, &snap->mem);
        draw_labelled(row++, mem, false, cols);
    }
    return row;
}

/* ------------------------------------------------------------ columns */

enum { WCOL_SIMADJ, WCOL_FORK, WCOL_GROW, WCOL_COUNT };

typedef struct WCol {
    bool shown;
    int width;
    char title[16];
} WCol;

/* "512M", "1.5G": the grow question in the column title. */
static void size_short(char *buf, size_t len, long long kb)
{
    static const char unit[] = "KMGT";
    double v = (double)kb;
    int u = 0;

    while (u < 3 && v >= 1024.0) {
        v /= 1024.0;
        u++;
    }
    if (v == (double)(long long)v)
        snprintf(buf, len, "%lld%c", (long long)v, unit[u]);
    else
        snprintf(buf, len, "%.1f%c", v, unit[u]);
}

static int plan_columns(WCol *col, const WhatIfView *w, const WhatIfCommit *c)
{
    char size[12];
    int total = 0;

    memset(col, 0, sizeof(WCol) * WCOL_COUNT);
    col[WCOL_SIMADJ] = (WCol){ w->nadj > 0, 6, "SIMADJ" };
    col[WCOL_FORK] = (WCol){ c->enforced, 4, "FORK" };
    size_short(size, sizeof size, w->grow_kb);
    col[WCOL_GROW].shown = c->enforced && w->grow_kb > 0;
    snprintf(col[WCOL_GROW].title, sizeof col[WCOL_GROW].title, "+%s", size);
    col[WCOL_GROW].width = (int)strlen(col[WCOL_GROW].title);
    for (int i = 0; i < WCOL_COUNT; i++)
        if (col[i].shown)
            total += col[i].width + 1;
    return total;
}

/* The first screen column the extra columns may cover: a few letters into
 * COMMAND (always the last column when shown), else past the last column,
 * so that every other column stays whole. */
static int free_from(const ListView *v)
{
    enum ColumnId shown[VIEW_LIST_COLUMNS_MAX];
    int x = 0;

    view_list_columns(v, shown);
    for (const enum ColumnId *c = shown; *c != COL_NONE; c++) {
        if (*c == COL_COMMAND)
            return x + COMMAND_KEPT;
        x += fields_desc(*c)->width + 1;
    }
    return x;
}

const char *view_whatif_answer(enum WhatIfAnswer a)
{
    return a == WHATIF_YES ? "yes" : a == WHATIF_NO ? "no" : "?";
}

static void cells_for(char cell[WCOL_COUNT][16], WhatIfView *w, const WhatIfCommit *c,
                      const ProcSample *p, double now_s)
{
    const WhatIfAdj *adj = whatif_ui_adj_of(w, p);
    const SmapsSums *sm = NULL;
    SmapsSums sums;
    WhatIfProc wp;

    snprintf(cell[WCOL_SIMADJ], 16, "%s", "");
    if (adj)
        snprintf(cell[WCOL_SIMADJ], 16, "%d", adj->adj);
    if (!proc_has_own_mm(p)) {
        snprintf(cell[WCOL_FORK], 16, "-");
        snprintf(cell[WCOL_GROW], 16, "-");
        return;
    }
    if (c->enforced && w->cache) {
        sums = *smaps_cache_get(w->cache, p, now_s, WHATIF_SMAPS_AGE_S);
        sm = &sums;
    }
    whatif_proc(c, p, sm, w->grow_kb, &wp);
    snprintf(cell[WCOL_FORK], 16, "%s", view_whatif_answer(wp.can_fork));
    snprintf(cell[WCOL_GROW], 16, "%s", view_whatif_answer(wp.can_grow));
}

/* One row of the extra columns from x, right-aligned in each. */
static void draw_cells(int row, int x, const WCol *col, char cell[WCOL_COUNT][16],
                       enum UiStyle st)
{
    for (int i = 0; i < WCOL_COUNT; i++) {
        if (!col[i].shown)
            continue;
        int len = (int)strlen(cell[i]);
        x++;
        ui_put(row, x + (len < col[i].width ? col[i].width - len : 0), cell[i], col[i].width, st);
        x += col[i].width;
    }
}

void view_whatif_columns(WhatIfView *w, const WhatIfCommit *c, const ListView *v,
                         const ProcTable *t, int top, int rows, int cols, double now_s)
{
    WCol col[WCOL_COUNT];
    char cell[WCOL_COUNT][16];
    int total = plan_columns(col, w, c);

    if (total == 0 || rows <= 0 || cols - total < free_from(v))
        return;
    if (c->enforced && !w->cache)
        w->cache = smaps_cache_new("/proc");
    int x0 = cols - total;
    ui_fill(top, x0, total, STYLE_TITLES);
    for (int i = 0; i < WCOL_COUNT; i++)
        snprintf(cell[i], sizeof cell[i], "%s", col[i].title);
    draw_cells(top, x0, col, cell, STYLE_TITLES);
    for (long i = 0; i < rows - 1 && v->scroll + i < (long)t->nrows; i++) {
        long r = v->scroll + i;
        const ProcSample *p = t->rows[r];
        enum UiStyle st = r == v->selected ? STYLE_SELECTED
                          : (p->flags & PROC_KTHREAD) ? STYLE_DIM : STYLE_NORMAL;
        cells_for(cell, w, c, p, now_s);
        ui_fill(top + 1 + (int)i, x0, total, st);
        draw_cells(top + 1 + (int)i, x0, col, cell, st);
    }
}

/* ------------------------------------------------------------ help */

#define HELP_WIDTH 96
#define MODE_HELP_LINES 18
#define HELP_LINE_MAX 128

static char mode_lines[MODE_HELP_LINES][HELP_LINE_MAX];
static const char *mode_ptrs[MODE_HELP_LINES];

static const char *const whatif_lines[] = {
    "  w        what-if mode: a simulation, as its banner says; nothing is written to /proc/sys",
    "           or to any process, and w again shows the live view",
    "  FORK     mode 2: could the process fork() now: yes, no, or ? where the kernel refuses",
    "           its smaps (the charge is its private writable memory)",
    "  +SIZE    mode 2, after g: could it grow by that much in one request (these columns need",
    "           a terminal of about 100 columns; the explain panel gives the same answers)",
    "  SIMADJ   an oom_score_adj simulated with z, Z or =; RANK and the victim line follow it.",
    "           Processes sharing its memory (CLONE_VM without CLONE_THREAD, found with kcmp)",
    "           get the same value, as the kernel's write would give them",
    "  MAP_NORESERVE gap  private writable mappings made with MAP_NORESERVE: uncharged now,",
    "           charged had the programs started under mode 2 (from smaps, refreshed every 5 s)",
    "  Enter    explain: RSS, swap, page tables, the adj term, badness, the predicted and the",
    "           kernel's oom_score, rank, growth before it is next, the adj that keeps it safe",
    "  OOM 12!  the kernel's oom_score is not the predicted one (a race, or a kernel formula",
    "           not modelled): the kernel's value is the one shown",
    "  OOM 12~  the same, by no more than the kernel's per-CPU RSS counters may lag the exact",
    "           figures (oom_badness() does not sum them; /proc/PID/status does)",
};

/* Appends `text` to the mode lines, wrapped at HELP_WIDTH: "  " before the
 * first line, "    " before the others. */
static void wrap_into(size_t *n, const char *text)
{
    const char *s = text;
    bool first = true;

    while (*s && *n < MODE_HELP_LINES) {
        const char *indent = first ? "  " : "    ";
        size_t room = HELP_WIDTH - strlen(indent), take = strlen(s);
        if (take > room) {
            take = room;
            while (take > 0 && s[take] != ' ')
                take--;
            if (take == 0)
                take = room;
        }
        snprintf(mode_lines[*n], HELP_LINE_MAX, "%s%.*s", indent, (int)take, s);
        mode_ptrs[*n] = mode_lines[*n];
        (*n)++;
        s += take;
        while (*s == ' ')
            s++;
        first = false;
    }
}

void view_whatif_help(const Snapshot *snap)
{
    static bool added;
    char text[LINE_MAX_BYTES];
    size_t n = 0;

    for (int mode = OVERCOMMIT_GUESS; mode <= OVERCOMMIT_NEVER; mode++) {
        whatif_mode_help(text, sizeof text, mode, &snap->mem, &snap->policy, snap->page_kb);
        wrap_into(&n, text);
    }
    snprintf(text, sizeof text, "In force now: vm.overcommit_memory = %lld (%s).",
             snap->policy.overcommit_memory, commit_mode_name(snap->policy.overcommit_memory));
    wrap_into(&n, text);
    view_help_section("Overcommit modes, with this machine's figures", mode_ptrs, n);
    if (!added)
        view_help_section("What-if mode and the explain panel", whatif_lines,
                          sizeof whatif_lines / sizeof whatif_lines[0]);
    added = true;
}
