/* SPDX-License-Identifier: GPL-2.0-or-later
 * batch.h - the non-interactive loop: sample, order, print, sleep.
 */
#ifndef OOMTOP_BATCH_H
#define OOMTOP_BATCH_H

#include "options.h"

/* Runs batch mode to completion; returns the process exit status. */
int batch_run(const Options *o);

#endif
