/* SPDX-License-Identifier: GPL-2.0-or-later
 * fields.h - the process table's columns as data: names, titles, widths,
 * help text, and one function each to format and to compare a cell.
 * Batch output, JSON and the curses view all go through this table. Pure.
 */
#ifndef OOMTOP_FIELDS_H
#define OOMTOP_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "format.h"
#include "model.h"

/* Stable numbers: they will be written to the settings file. */
enum ColumnId {
    COL_NONE = 0,
    COL_PID = 1,
    COL_USER = 2,
    COL_NI = 3,
    COL_VIRT = 4,
    COL_RES = 5,
    COL_SHR = 6,
    COL_SWAP = 7,
    COL_MEM = 8,
    COL_OOM = 9,
    COL_ADJ = 10,
    COL_COMMAND = 11,
    COL_RANK = 12,
    COL_ANON = 13,
    COL_FILE = 14,
    COL_SHMEM = 15,
    COL_CGROUP = 16,
    COL_CGMEM = 17,
    COL_START = 18,
    COL_CGRANK = 19,
    COL_PSS = 20,
    COL_COUNT
};

/* Data a column needs beyond what every refresh reads; the union over the
 * visible columns decides what the sampler and the model do. */
enum ColumnNeeds {
    NEED_NOTHING = 0,
    NEED_CGROUP = 1u << 0,      /* cgroup_attach(): /proc/PID/cgroup + cgroup files */
    NEED_PSS = 1u << 1,         /* SAMPLE_PSS: /proc/PID/smaps_rollup */
};

typedef struct ColumnDesc {
    const char *name;       /* for -s, settings: "pid", "res", "oom" ... */
    const char *title;      /* header text: "PID", "RES" ... */
    int width;              /* display columns; COMMAND takes the rest */
    bool left_align;
    bool sort_desc;         /* natural direction when chosen as sort key */
    const char *help;       /* one line for the help screen and man page */
    unsigned needs;         /* enum ColumnNeeds */
} ColumnDesc;

/* How cells are turned into text. */
typedef struct FormatCtx {
    enum UnitScale scale;
    long long mem_total_kb;  /* for %MEM */
    bool full_command;       /* COMMAND shows the command line, not comm */
    unsigned long long boot_time_s; /* wall clock at boot, for START; 0 = show uptime ticks */
    long clock_ticks;        /* sysconf(_SC_CLK_TCK) */
} FormatCtx;

/* The default columns, in display order, terminated by COL_NONE. */
extern const enum ColumnId fields_default_columns[];

const ColumnDesc *fields_desc(enum ColumnId col);

/* Union of the needs of a COL_NONE-terminated column list. */
unsigned fields_needs(const enum ColumnId *cols);

/* The same, plus what the sort column needs (a sort key is read even when
 * its column is not shown). */
unsigned fields_needs_sorted(const enum ColumnId *cols, enum ColumnId sort_col);

/* Column by its name (case-insensitive, "%mem" and "mem" both work), or
 * COL_NONE when unknown. */
enum ColumnId fields_by_name(const char *name);

/* Formats one cell as text without padding (sanitised input stays safe). */
void fields_format(char *buf, size_t len, const ProcSample *p, enum ColumnId col,
                   const FormatCtx *ctx);

/* <0, 0, >0 in the column's ascending order. */
int fields_compare(const ProcSample *a, const ProcSample *b, enum ColumnId col);

#endif
