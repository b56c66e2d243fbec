/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_help.h - the help screen, generated from the key table (keymap.h)
 * and the column table (fields.h) so that it cannot drift from either.
 */
#ifndef OOMTOP_VIEW_HELP_H
#define OOMTOP_VIEW_HELP_H

/* Draws the help page from line *scroll (clamped and written back) on the
 * whole screen. `note` is one extra status line (e.g. the memory lock). */
void view_help_draw(int *scroll, int rows, int cols, const char *note);

#endif
