/* SPDX-License-Identifier: GPL-2.0-or-later
 * view_help.h - the help screen, generated from the key table (keymap.h)
 * and the column table (fields.h) so that it cannot drift from either.
 */
#ifndef OOMTOP_VIEW_HELP_H
#define OOMTOP_VIEW_HELP_H

#include <stddef.h>

/* Draws the help page from line *scroll (clamped and written back) on the
 * whole screen. `note` is one extra status line (e.g. the memory lock). */
void view_help_draw(int *scroll, int rows, int cols, const char *note);

/* Maximum number of sections views may add to the page. */
#define VIEW_HELP_SECTIONS 4

/* Adds a section after the header lines: a title and n lines that the
 * caller keeps valid (a view whose text follows live figures rewrites them
 * in place). Adding a title already added replaces its lines. Returns 0, or
 * -1 when VIEW_HELP_SECTIONS are taken. */
int view_help_section(const char *title, const char *const *lines, size_t n);

#endif
