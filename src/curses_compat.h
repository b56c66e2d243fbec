/* SPDX-License-Identifier: GPL-2.0-or-later
 * curses_compat.h - the one place that includes curses, with the wide
 * character API switched on. Only ui.c includes it.
 */
#ifndef OOMTOP_CURSES_COMPAT_H
#define OOMTOP_CURSES_COMPAT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#else
#include <curses.h>
#include <term.h>
#endif

#endif
