/* SPDX-License-Identifier: GPL-2.0-or-later
 * signals.h - how the interactive program reacts to signals: termination
 * requests only set a flag the main loop polls; crashes restore the terminal
 * and die of the same signal. SIGWINCH and SIGTSTP are left to curses.
 */
#ifndef OOMTOP_SIGNALS_H
#define OOMTOP_SIGNALS_H

/* Installs the handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT (flag only, no
 * SA_RESTART so a blocking read returns) and for SIGSEGV, SIGBUS, SIGFPE,
 * SIGILL, SIGABRT (call `restore`, then re-raise). Call before curses starts,
 * so curses leaves them alone. */
void signals_install(void (*restore)(void));

/* The termination signal received (its number), or 0. */
int signals_pending(void);

#endif
