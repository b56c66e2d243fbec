/* SPDX-License-Identifier: GPL-2.0-or-later
 * app.h - the interactive program: the loop that samples, draws and reacts
 * to keys and signals. The terminal itself is ui.c's.
 */
#ifndef OOMTOP_APP_H
#define OOMTOP_APP_H

#include "options.h"

struct SettingsStart;

/* Runs the full-screen view until the user quits or a signal asks it to,
 * with the settings files' columns, units and colour (`start`, NULL = the
 * built-in ones) under the options, and their complaints in the status line.
 * Refuses (message on stderr, status 1) when stdin/stdout is not a terminal
 * able to address the cursor. Returns the process exit status: 0 on quit,
 * 128 + signal number after SIGINT, SIGTERM, SIGHUP or SIGQUIT, 1 on error. */
int app_run(const Options *o, const struct SettingsStart *start);

#endif
