/* SPDX-License-Identifier: GPL-2.0-or-later
 * keymap.c - the key table. The help screen and the key bar are generated
 * from it, so a key cannot exist without its documentation.
 */
#include "config.h"

#include "keymap.h"

#include <stdio.h>
#include <string.h>

#define SORT(k, col, lbl, text) { k, ACT_SORT_BY, col, lbl, NULL, text }

static const KeyBinding table[] = {
    { 'h', ACT_HELP, COL_NONE, "h", "Help", "this help screen (any key leaves it)" },
    { '?', ACT_HELP, COL_NONE, "?", NULL, "this help screen (any key leaves it)" },
    { KEYCODE_F1, ACT_HELP, COL_NONE, "F1", NULL, "this help screen (any key leaves it)" },
    { 'q', ACT_QUIT, COL_NONE, "q", "Quit", "quit" },
    { KEYCODE_F10, ACT_QUIT, COL_NONE, "F10", NULL, "quit" },
    { KEYCODE_UP, ACT_UP, COL_NONE, "Up", NULL, "select the previous process" },
    { 'k', ACT_UP, COL_NONE, "k", NULL, "select the previous process" },
    { KEYCODE_DOWN, ACT_DOWN, COL_NONE, "Down", NULL, "select the next process" },
    { 'j', ACT_DOWN, COL_NONE, "j", NULL, "select the next process" },
    { KEYCODE_PGUP, ACT_PGUP, COL_NONE, "PgUp", NULL, "one page up" },
    { KEYCODE_PGDN, ACT_PGDN, COL_NONE, "PgDn", NULL, "one page down" },
    { KEYCODE_HOME, ACT_HOME, COL_NONE, "Home", NULL, "first process" },
    { KEYCODE_END, ACT_END, COL_NONE, "End", NULL, "last process" },
    { '<', ACT_SORT_LEFT, COL_NONE, "<", NULL, "sort by the column to the left" },
    { KEYCODE_LEFT, ACT_SORT_LEFT, COL_NONE, "Left", NULL, "sort by the column to the left" },
    { '>', ACT_SORT_RIGHT, COL_NONE, ">", "Sort", "sort by the column to the right" },
    { KEYCODE_RIGHT, ACT_SORT_RIGHT, COL_NONE, "Right", NULL,
      "sort by the column to the right" },
    { 'R', ACT_SORT_REVERSE, COL_NONE, "R", NULL, "reverse the sort order" },
    SORT('P', COL_PID, "P", "sort by PID (again: reverse)"),
    SORT('U', COL_USER, "U", "sort by USER (again: reverse)"),
    SORT('N', COL_NI, "N", "sort by NI, the nice value (again: reverse)"),
    SORT('V', COL_VIRT, "V", "sort by VIRT (again: reverse)"),
    SORT('M', COL_RES, "M", "sort by RES, resident memory (again: reverse)"),
    SORT('S', COL_SHR, "S", "sort by SHR (again: reverse)"),
    SORT('X', COL_SWAP, "X", "sort by SWAP (again: reverse)"),
    SORT('%', COL_MEM, "%", "sort by %MEM (again: reverse)"),
    SORT('O', COL_OOM, "O", "sort by OOM, the kernel's oom_score (the default; again: reverse)"),
    SORT('A', COL_ADJ, "A", "sort by ADJ, oom_score_adj (again: reverse)"),
    SORT('#', COL_RANK, "#", "sort by RANK, the order the OOM killer would pick in (again: reverse)"),
    SORT('C', COL_COMMAND, "C", "sort by COMMAND (again: reverse)"),
    { '/', ACT_SEARCH, COL_NONE, "/", "Search",
      "search by name, filtering as you type (Enter keeps, Esc cancels)" },
    { 'u', ACT_FILTER_USER, COL_NONE, "u", "User",
      "show one user's processes (name or uid; empty = everyone)" },
    { 'c', ACT_TOGGLE_COMMAND, COL_NONE, "c", "Cmd",
      "COMMAND shows the command name / the full command line" },
    { 'K', ACT_TOGGLE_KTHREADS, COL_NONE, "K", "Kthr", "show / hide kernel threads" },
    { 'e', ACT_CYCLE_UNITS, COL_NONE, "e", "Units",
      "memory columns in auto, KiB, MiB, GiB, TiB" },
    { 'd', ACT_SET_DELAY, COL_NONE, "d", "Delay",
      "set the refresh delay in seconds (0.1 .. 3600)" },
    { 's', ACT_SET_DELAY, COL_NONE, "s", NULL, "set the refresh delay in seconds (0.1 .. 3600)" },
    { ' ', ACT_REFRESH, COL_NONE, "Space", NULL, "refresh now" },
    { 'L', ACT_OOM_HISTORY, COL_NONE, "L", "OOMlog",
      "OOM kills and commit refusals from the kernel log (Esc, q or L closes)" },
    { 'G', ACT_CGROUP_COLUMNS, COL_NONE, "G", NULL,
      "show / hide the CGROUP and CG% columns (memory cgroup and its fill)" },
    { 'o', ACT_CGROUP_SCOPE, COL_NONE, "o", NULL,
      "only the selected process's OOM domain (nearest limited cgroup), ranked as a cgroup "
      "OOM there would pick (again: every process)" },
    { KEYCODE_ENTER, ACT_EXPLAIN, COL_NONE, "Enter", NULL,
      "explain the selected process's OOM score in the kernel's terms (Esc closes)" },
    { 'E', ACT_EXPLAIN, COL_NONE, "E", NULL,
      "explain the selected process's OOM score in the kernel's terms (Esc closes)" },
    { 'w', ACT_WHATIF, COL_NONE, "w", "WhatIf",
      "what-if mode: simulate another overcommit policy or oom_score_adj (again: live view)" },
    { '0', ACT_WHATIF_MODE, COL_NONE, "0", NULL,
      "what-if: simulate vm.overcommit_memory 0 (heuristic), 1 (always), 2 (strict)" },
    { '1', ACT_WHATIF_MODE, COL_NONE, "1", NULL,
      "what-if: simulate vm.overcommit_memory 0 (heuristic), 1 (always), 2 (strict)" },
    { '2', ACT_WHATIF_MODE, COL_NONE, "2", NULL,
      "what-if: simulate vm.overcommit_memory 0 (heuristic), 1 (always), 2 (strict)" },
    { '+', ACT_WHATIF_RATIO, COL_NONE, "+", NULL,
      "what-if: overcommit_ratio +5, -5, +1, -1 (percent of RAM)" },
    { '-', ACT_WHATIF_RATIO, COL_NONE, "-", NULL,
      "what-if: overcommit_ratio +5, -5, +1, -1 (percent of RAM)" },
    { '}', ACT_WHATIF_RATIO, COL_NONE, "}", NULL,
      "what-if: overcommit_ratio +5, -5, +1, -1 (percent of RAM)" },
    { '{', ACT_WHATIF_RATIO, COL_NONE, "{", NULL,
      "what-if: overcommit_ratio +5, -5, +1, -1 (percent of RAM)" },
    { 'B', ACT_WHATIF_KBYTES, COL_NONE, "B", NULL,
      "what-if: overcommit_kbytes, e.g. 16G (empty or 0: the ratio again)" },
    { 'g', ACT_WHATIF_GROW, COL_NONE, "g", NULL,
      "what-if mode 2: could each process grow by this much, e.g. 512M (empty: stop asking)" },
    { 'z', ACT_WHATIF_PROTECT, COL_NONE, "z", NULL,
      "what-if: simulate protecting the selected process (oom_score_adj -1000)" },
    { 'Z', ACT_WHATIF_UNPROTECT, COL_NONE, "Z", NULL,
      "what-if: the selected process's simulated oom_score_adj back to its live value" },
    { '=', ACT_WHATIF_ADJ, COL_NONE, "=", NULL,
      "what-if: simulate an oom_score_adj (-1000 .. 1000) for the selected process" },
    { 'r', ACT_RENICE, COL_NONE, "r", "Nice",
      "renice: the nice (-20 .. 19) of every thread, typed in a prompt" },
    { KEYCODE_F7, ACT_NICE_DOWN, COL_NONE, "F7", NULL, "nice -1 at once: more CPU priority" },
    { ']', ACT_NICE_DOWN, COL_NONE, "]", NULL, "nice -1 at once: more CPU priority" },
    { KEYCODE_F8, ACT_NICE_UP, COL_NONE, "F8", NULL, "nice +1 at once: less CPU priority" },
    { '[', ACT_NICE_UP, COL_NONE, "[", NULL, "nice +1 at once: less CPU priority" },
    { 'p', ACT_PROTECT, COL_NONE, "p", "Protect",
      "protect from the OOM killer (oom_score_adj -1000), confirmed; again: undo" },
    { 'a', ACT_SET_ADJ, COL_NONE, "a", NULL,
      "set oom_score_adj (-1000 .. 1000), confirmed with the OOM victim it leads to" },
    { KEYCODE_F9, ACT_KILL, COL_NONE, "F9", "Kill",
      "send a signal (TERM unless you type another), after a confirmation" },
    { 'D', ACT_DROPIN, COL_NONE, "D", NULL,
      "make the protection last: show and write the systemd drop-in of its service" },
    { 't', ACT_TAG, COL_NONE, "t", "Tag",
      "tag / untag the selected process; actions then apply to every tagged one" },
    { 'T', ACT_UNTAG_ALL, COL_NONE, "T", NULL, "untag every process" },
    { 'n', ACT_TAG_NAME, COL_NONE, "n", NULL,
      "tag every process with exactly this name (e.g. mysqld)" },
    { KEYCODE_F2, ACT_COLUMNS, COL_NONE, "F2", "Columns",
      "columns: show, hide and reorder them, optional ones included (Enter or Esc closes)" },
    { 'f', ACT_COLUMNS, COL_NONE, "f", NULL,
      "columns: show, hide and reorder them, optional ones included (Enter or Esc closes)" },
    { 'W', ACT_WRITE_SETTINGS, COL_NONE, "W", NULL,
      "write the settings (columns, sort, delay, units, kernel threads, what-if start) to "
      "oomtoprc" },
};

const KeyBinding *keymap_table(size_t *count)
{
    *count = sizeof table / sizeof table[0];
    return table;
}

const KeyBinding *keymap_lookup(int key)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].key == key)
            return &table[i];
    return NULL;
}

static int same_binding(const KeyBinding *a, const KeyBinding *b)
{
    return a->action == b->action && a->column == b->column;
}

static size_t append(char *buf, size_t len, size_t used, const char *s)
{
    int n = snprintf(buf + used, len - used, "%s", s);
    if (n < 0)
        return used;
    return used + (size_t)n < len ? used + (size_t)n : len - 1;
}

const char *keymap_labels(char *buf, size_t len, const KeyBinding *b)
{
    size_t used = 0;

    if (len == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (!same_binding(&table[i], b))
            continue;
        if (used)
            used = append(buf, len, used, ", ");
        used = append(buf, len, used, table[i].label);
    }
    return buf;
}

bool keymap_move(enum Action act, long pos, long n, long page, long *out)
{
    if (page < 1)
        page = 1;
    switch (act) {
    case ACT_UP: pos--; break;
    case ACT_DOWN: pos++; break;
    case ACT_PGUP: pos -= page; break;
    case ACT_PGDN: pos += page; break;
    case ACT_HOME: pos = 0; break;
    case ACT_END: pos = n - 1; break;
    default: return false;
    }
    *out = pos >= n ? n - 1 : pos;
    if (*out < 0)
        *out = 0;
    return true;
}

const char *keymap_bar(char *buf, size_t len)
{
    size_t used = 0;

    if (len == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char item[32];
        if (!table[i].hint)
            continue;
        snprintf(item, sizeof item, "%s%s %s", used ? "  " : "", table[i].label, table[i].hint);
        if (used + strlen(item) >= len)
            break;
        used = append(buf, len, used, item);
    }
    return buf;
}
