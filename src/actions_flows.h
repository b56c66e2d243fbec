/* SPDX-License-Identifier: GPL-2.0-or-later
 * actions_flows.h - shared between actions_ui.c (state, routing, applying)
 * and actions_flows.c (each action's dialogs and what Enter does in them).
 * Not for other modules: they use actions_ui.h.
 */
#ifndef OOMTOP_ACTIONS_FLOWS_H
#define OOMTOP_ACTIONS_FLOWS_H

#include <stdbool.h>
#include <stddef.h>

#include "actions_ui.h"

/* Makes one change to one target; 0 or -1, a sentence in msg either way. */
typedef int (*ActionApplyFn)(struct App *a, ActionTarget *t, char *msg, size_t msglen);

/* Applies fn to every target of the (closed) dialog, puts one summary in
 * the status line and refreshes the table. Returns how many succeeded. */
size_t actions_apply_all(struct App *a, ActionApplyFn fn);

/* Gives the dialog an input line with `label`, holding `initial`. */
void actions_open_input(ActionsUi *u, const char *label, const char *initial);

/* Closes the dialog (the targets stay until the next one opens). */
void actions_close(struct App *a);

/* Tags p (no-op if tagged). Returns 0, or -1 if memory ran out. */
int actions_tag_add(ActionsUi *u, const ProcSample *p);

/* Opening each dialog; u->targets holds the captured processes. */
void flow_open_renice(struct App *a);
void flow_open_set_adj(struct App *a);
void flow_open_protect(struct App *a);
void flow_open_kill(struct App *a);
void flow_open_dropin(struct App *a);

/* F7/F8: nice by `delta` (-1 or 1) at once, no dialog. */
void flow_step_nice(struct App *a, int delta);

/* Enter in an input line (the text typed), Enter/y in a question, Esc/n. */
void flow_accept_input(struct App *a, const char *text);
void flow_confirm(struct App *a);
void flow_cancel(struct App *a);

#endif
