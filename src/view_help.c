/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_help.c - keys from keymap.c, columns from fields.c, and what each
 * header figure is.
 */
#include "config.h"

#include "view_help.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "column_list.h"
#include "fields.h"
#include "keymap.h"
#include "ui.h"

static const char *const header_help[] = {
    "Commit     Committed_AS (memory promised to processes) of CommitLimit, /proc/meminfo;",
    "           RAM+swap = MemTotal + SwapTotal",
    "[bar]      Committed_AS as a share of CommitLimit; the mark is where RAM+swap lies,",
    "           an arrow at the right edge when RAM+swap is beyond the bar",
    "mode 0, 1  the limit is not enforced: promises may exceed it (0 heuristic, 1 always)",
    "mode 2     the hard limit: an allocation fails when Committed_AS would pass CommitLimit",
    "Policy     vm.overcommit_memory, overcommit_ratio or overcommit_kbytes (whichever is",
    "           in force), and CommitLimit recomputed from them:",
    "           (MemTotal - Hugetlb) x ratio / 100 + SwapTotal, or kbytes + SwapTotal;",
    "           WARNING when /proc/meminfo says otherwise",
    "Mem        MemTotal; used = MemTotal - MemAvailable; MemAvailable",
    "Swap       SwapTotal; used = SwapTotal - SwapFree (none without swap)",
    "PSI        /proc/pressure/memory: share of time some / all (full) tasks stalled on",
    "           memory, over 10 and 60 s (and 300 s on a wide screen); highlighted from",
    "           some 10% / full 5%; \"not available\" on kernels without PSI",
    "Swap in    swap-in and swap-out in KiB/s, major page faults per second (Majflt),",
    "           from /proc/vmstat since the last refresh",
    "OOM kills  since boot (/proc/vmstat oom_kill) and since oomtop started, highlighted;",
    "           new kills from the kernel log are flagged until L shows them",
    "Next OOM   the process the OOM killer would pick now, what killing it frees, the next one",
    "Tasks      every process and kernel thread; shown = rows passing the filters",
    "oomtop -   clock, time since boot, load average over 1, 5 and 15 minutes",
    "n/a        the figure could not be read (container, restricted /proc)",
};

enum { N_HEADER = sizeof header_help / sizeof header_help[0] };

/* Sections other views add (view_help_section). */
static struct {
    const char *title;
    const char *const *lines;
    size_t n;
} sections[VIEW_HELP_SECTIONS];
static size_t nsections;

int view_help_section(const char *title, const char *const *lines, size_t n)
{
    size_t i = 0;

    while (i < nsections && strcmp(sections[i].title, title) != 0)
        i++;
    if (i == VIEW_HELP_SECTIONS)
        return -1;
    sections[i].title = title;
    sections[i].lines = lines;
    sections[i].n = n;
    if (i == nsections)
        nsections++;
    return 0;
}

/* Line `n` of the added sections (title, then its lines, for each). */
static bool section_line(int n, char *buf, size_t len, enum UiStyle *st)
{
    for (size_t i = 0; i < nsections; i++) {
        if (n-- == 0) {
            *st = STYLE_LABEL;
            snprintf(buf, len, "%s", sections[i].title);
            return true;
        }
        if (n < (int)sections[i].n) {
            snprintf(buf, len, "%s", sections[i].lines[n]);
            return true;
        }
        n -= (int)sections[i].n;
    }
    return false;
}

static int section_lines(void)
{
    int total = 0;

    for (size_t i = 0; i < nsections; i++)
        total += 1 + (int)sections[i].n;
    return total;
}

static bool default_column(enum ColumnId col)
{
    return column_list_find(fields_default_columns, col) >= 0;
}

/* True for the first binding of an action (the others share its line). */
static bool first_of_kind(const KeyBinding *tab, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (tab[j].action == tab[i].action && tab[j].column == tab[i].column)
            return false;
    return true;
}

/* The key lines, then the column lines, then the header lines: line `n`
 * of the page into buf. Returns false past the end. */
static bool help_line(int n, char *buf, size_t len, enum UiStyle *st, const char *note)
{
    size_t nkeys;
    const KeyBinding *tab = keymap_table(&nkeys);
    char labels[64];

    *st = STYLE_NORMAL;
    if (n-- == 0) {
        *st = STYLE_VALUE;
        snprintf(buf, len, "oomtop %s - help   (arrows, PgUp, PgDn scroll; any other key returns)",
                 PACKAGE_VERSION);
        return true;
    }
    if (n-- == 0) {
        *st = STYLE_LABEL;
        snprintf(buf, len, "Keys");
        return true;
    }
    for (size_t i = 0; i < nkeys; i++) {
        if (!first_of_kind(tab, i))
            continue;
        if (n-- == 0) {
            snprintf(buf, len, "  %-16s %s", keymap_labels(labels, sizeof labels, &tab[i]),
                     tab[i].help);
            return true;
        }
    }
    if (n-- == 0) {
        *st = STYLE_LABEL;
        snprintf(buf, len, "Columns");
        return true;
    }
    for (const enum ColumnId *c = fields_default_columns; *c != COL_NONE; c++) {
        if (n-- == 0) {
            snprintf(buf, len, "  %-8s %s", fields_desc(*c)->title, fields_desc(*c)->help);
            return true;
        }
    }
    /* the optional columns after the default ones (G shows the cgroup ones) */
    for (int c = COL_NONE + 1; c < COL_COUNT; c++) {
        const ColumnDesc *d = fields_desc((enum ColumnId)c);
        if (default_column((enum ColumnId)c))
            continue;
        if (n-- == 0) {
            snprintf(buf, len, "  %-8s %s", d->title, d->help);
            return true;
        }
    }
    if (n-- == 0) {
        *st = STYLE_LABEL;
        snprintf(buf, len, "Header");
        return true;
    }
    if (n < N_HEADER) {
        snprintf(buf, len, "  %s", header_help[n]);
        return true;
    }
    n -= N_HEADER;
    if (n < section_lines())
        return section_line(n, buf, len, st);
    if (n == section_lines()) {
        snprintf(buf, len, "%s", note ? note : "");
        return true;
    }
    return false;
}

void view_help_draw(int *scroll, int rows, int cols, const char *note)
{
    char buf[256];
    enum UiStyle st;
    int total = 0;

    while (help_line(total, buf, sizeof buf, &st, note))
        total++;
    if (*scroll > total - rows)
        *scroll = total - rows;
    if (*scroll < 0)
        *scroll = 0;
    for (int r = 0; r < rows && help_line(*scroll + r, buf, sizeof buf, &st, note); r++)
        ui_put(r, 0, buf, cols, st);
}
