/* SPDX-License-Identifier: GPL-2.0-or-later
 * protectmem.h - what "protect" toggles back to: the oom_score_adj each
 * process had before oomtop set it to -1000, keyed by identity so a
 * recycled pid never inherits it. Pure.
 */
#ifndef OOMTOP_PROTECTMEM_H
#define OOMTOP_PROTECTMEM_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "procid.h"

#define PROTECT_ADJ OOM_SCORE_ADJ_MIN     /* never picked */

typedef struct ProtectEntry {
    ProcId id;
    int prev_adj;
} ProtectEntry;

typedef struct ProtectMemory {
    ProtectEntry *entries;
    size_t n;
    size_t cap;
} ProtectMemory;

enum ProtectStep {
    PROTECT_SET,                /* not protected: go to -1000 */
    PROTECT_RESTORE,            /* protected by us: back to the remembered value */
    PROTECT_RESTORE_DEFAULT,    /* protected by someone else: 0, value unknown */
};

/* An empty memory; protectmem_free() releases its entries. */
void protectmem_init(ProtectMemory *m);
void protectmem_free(ProtectMemory *m);

/* What pressing "protect" on id (currently at current_adj) should do, and
 * the value to write into *new_adj. */
enum ProtectStep protectmem_plan(const ProtectMemory *m, const ProcId *id, int current_adj,
                                 int *new_adj);

/* Records a successful write old_adj -> new_adj: entering -1000 remembers
 * old_adj, leaving it forgets. Returns 0, or -1 if memory ran out. */
int protectmem_applied(ProtectMemory *m, const ProcId *id, int old_adj, int new_adj);

/* The remembered pre-protection value of id, if any. */
bool protectmem_lookup(const ProtectMemory *m, const ProcId *id, int *prev_adj);

/* Forgets processes that are not in snap any more (exited, pid reused). */
void protectmem_prune(ProtectMemory *m, const Snapshot *snap);

#endif
