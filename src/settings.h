/* SPDX-License-Identifier: GPL-2.0-or-later
 * settings.h - what the user chose to keep (oomtoprc): columns, sort, delay,
 * units, colour, kernel threads, what-if defaults. Parsing and formatting
 * are pure (settings.c); reading and atomic saving are in settings_file.c.
 */
#ifndef OOMTOP_SETTINGS_H
#define OOMTOP_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"
#include "options.h"

/* Read first, then the user's file on top of it. */
#define SETTINGS_SYSTEM_PATH "/etc/oomtoprc"

/* The what-if ratio/kbytes that mean "start from the live setting". */
#define SETTINGS_WHATIF_LIVE (-1LL)

typedef struct Settings {
    enum ColumnId columns[COL_COUNT];   /* shown, in order; COL_NONE from the end on */
    enum ColumnId sort_col;
    bool sort_reverse;          /* against the column's natural direction */
    unsigned delay_ms;          /* 100 .. 3600000 */
    int unit_scale;             /* enum UnitScale */
    bool colour;
    bool show_kthreads;
    int whatif_mode;            /* overcommit mode the what-if view starts in, 0..2, or
                                 * SETTINGS_WHATIF_LIVE (the default) */
    long long whatif_ratio;     /* percent, or SETTINGS_WHATIF_LIVE */
    long long whatif_kbytes;    /* KiB, or SETTINGS_WHATIF_LIVE */
} Settings;

#define SETTINGS_MSGS_MAX 16
#define SETTINGS_MSG_LEN 192

/* One line per ignored line or unreadable file, for the user to read. */
typedef struct SettingsMsgs {
    char msg[SETTINGS_MSGS_MAX][SETTINGS_MSG_LEN];
    size_t n;                   /* messages stored */
    size_t dropped;             /* further messages that did not fit */
} SettingsMsgs;

void settings_msgs_init(SettingsMsgs *m);

/* Appends a printf-style message (dropped, and counted, when full). */
void settings_msgs_add(SettingsMsgs *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The built-in defaults: the default columns, OOM descending, 2 s, auto
 * units, colour on, kernel threads hidden, what-if mode 2 on live values. */
void settings_defaults(Settings *s);

/* Applies the key=value lines of `text` (len bytes, need not end in NUL) on
 * top of *s. Blank lines and lines starting with '#' are skipped. Never
 * fails: a line with an unknown key, a bad value, no '=', a NUL byte or
 * more than 1024 bytes leaves *s as it was for that key and adds one
 * message "NAME line N: ... ignored" (`name` is the file's name as shown).
 * Returns the number of lines ignored. */
int settings_parse(Settings *s, const char *text, size_t len, const char *name,
                   SettingsMsgs *msgs);

/* Writes *s as a commented oomtoprc into buf (always NUL-terminated when
 * len > 0). Returns the length of the whole text, like snprintf: a result
 * >= len means buf was too small. settings_parse() of the text gives *s. */
size_t settings_format(const Settings *s, char *buf, size_t len);

/* Copies what the command line also knows (sort, delay, kernel threads,
 * what-if defaults) into *o; options given on the command line are then
 * parsed on top (see options.h). */
void settings_to_options(const Settings *s, Options *o);

/* ---- data layer (settings_file.c, liboomsys) ---- */

/* The user's file: $XDG_CONFIG_HOME/oomtop/oomtoprc when XDG_CONFIG_HOME is
 * an absolute path, else $HOME/.config/oomtop/oomtoprc (HOME from the
 * password database if unset). Returns 0, or -1 with a sentence in err. */
int settings_user_path(char *buf, size_t len, char *err, size_t errlen);

/* Applies one file on top of *s. Returns 1 if it was read, 0 if it does not
 * exist, -1 if it exists but cannot be used (a message says why; *s is
 * unchanged). Only the first 64 KiB are read (a message says so). */
int settings_load_file(Settings *s, const char *path, SettingsMsgs *msgs);

/* Defaults, then `system_path`, then `user_path` (either may be NULL). */
void settings_load_paths(Settings *s, const char *system_path, const char *user_path,
                         SettingsMsgs *msgs);

/* settings_load_paths() with SETTINGS_SYSTEM_PATH and settings_user_path(). */
void settings_load(Settings *s, SettingsMsgs *msgs);

/* Writes *s to `path` atomically (mkdir -p of its directory, temp file,
 * fsync, rename): the old file stays whole until the new one replaces it.
 * Returns 0, or -1 with a sentence in err. */
int settings_save_file(const Settings *s, const char *path, char *err, size_t errlen);

/* settings_save_file() to settings_user_path(); the path written is copied
 * into path_out (may be NULL) for the status line. */
int settings_save(const Settings *s, char *path_out, size_t pathlen, char *err, size_t errlen);

#endif
