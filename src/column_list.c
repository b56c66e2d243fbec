/* SPDX-License-Identifier: GPL-2.0-or-later
 * column_list.c - edits of the visible column list that keep its shape: no
 * repeats, nothing unknown, COMMAND last.
 */
#include "config.h"

#include "column_list.h"

#include <string.h>

size_t column_list_len(const enum ColumnId *l)
{
    size_t n = 0;
    while (l[n] != COL_NONE)
        n++;
    return n;
}

int column_list_find(const enum ColumnId *l, enum ColumnId c)
{
    for (int i = 0; l[i] != COL_NONE; i++)
        if (l[i] == c)
            return i;
    return -1;
}

void column_list_set(enum ColumnId *l, const enum ColumnId *src)
{
    enum ColumnId out[COLUMN_LIST_MAX];
    bool command = false;
    size_t n = 0;

    out[0] = COL_NONE;
    for (; *src != COL_NONE; src++) {
        if (*src == COL_COMMAND)
            command = true;
        else if (fields_desc(*src) && column_list_find(out, *src) < 0 && n + 2 < COLUMN_LIST_MAX)
            out[n++] = *src;
        out[n] = COL_NONE;
    }
    if (command)
        out[n++] = COL_COMMAND;
    out[n] = COL_NONE;
    if (n == 0) {
        column_list_set(l, fields_default_columns);
        return;
    }
    memcpy(l, out, (n + 1) * sizeof out[0]);
}

bool column_list_show(enum ColumnId *l, enum ColumnId c)
{
    if (!fields_desc(c) || column_list_find(l, c) >= 0)
        return false;
    size_t n = column_list_len(l);
    if (n + 1 >= COLUMN_LIST_MAX)
        return false;
    int at = c == COL_COMMAND ? -1 : column_list_find(l, COL_COMMAND);
    size_t pos = at < 0 ? n : (size_t)at;
    memmove(l + pos + 1, l + pos, (n + 1 - pos) * sizeof l[0]);
    l[pos] = c;
    return true;
}

bool column_list_hide(enum ColumnId *l, enum ColumnId c)
{
    int at = column_list_find(l, c);
    if (at < 0)
        return false;
    size_t n = column_list_len(l);
    memmove(l + at, l + at + 1, (n - (size_t)at) * sizeof l[0]);
    return true;
}

bool column_list_move(enum ColumnId *l, enum ColumnId c, int step)
{
    int at = column_list_find(l, c);
    int to = at + (step < 0 ? -1 : 1);

    if (at < 0 || step == 0 || c == COL_COMMAND || to < 0 || l[to] == COL_NONE
        || l[to] == COL_COMMAND)
        return false;
    l[at] = l[to];
    l[to] = c;
    return true;
}

size_t column_list_all(const enum ColumnId *l, enum ColumnId *out)
{
    size_t n = column_list_len(l);

    memcpy(out, l, n * sizeof l[0]);
    for (int c = COL_NONE + 1; c < COL_COUNT; c++)
        if (column_list_find(l, (enum ColumnId)c) < 0)
            out[n++] = (enum ColumnId)c;
    out[n] = COL_NONE;
    return n;
}

enum ColumnId column_list_step(const enum ColumnId *l, enum ColumnId from, int step)
{
    int n = (int)column_list_len(l);
    int at = column_list_find(l, from);

    if (n == 0)
        return COL_NONE;
    if (at < 0)
        return step > 0 ? l[0] : l[n - 1];
    at += step < 0 ? -1 : 1;
    return at < 0 || at >= n ? COL_NONE : l[at];
}
