/* SPDX-License-Identifier: GPL-2.0-or-later
 * protectmem.c - remembered pre-protection oom_score_adj values. A handful
 * of entries at most, so a plain array with linear search.
 */
#include "config.h"

#include "protectmem.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "proctable.h"

void protectmem_init(ProtectMemory *m)
{
    memset(m, 0, sizeof *m);
}

void protectmem_free(ProtectMemory *m)
{
    free(m->entries);
    protectmem_init(m);
}

static ProtectEntry *find(const ProtectMemory *m, const ProcId *id)
{
    for (size_t i = 0; i < m->n; i++) {
        if (procid_equal(&m->entries[i].id, id))
            return &m->entries[i];
    }
    return NULL;
}

bool protectmem_lookup(const ProtectMemory *m, const ProcId *id, int *prev_adj)
{
    const ProtectEntry *e = find(m, id);

    if (e && prev_adj)
        *prev_adj = e->prev_adj;
    return e != NULL;
}

enum ProtectStep protectmem_plan(const ProtectMemory *m, const ProcId *id, int current_adj,
                                 int *new_adj)
{
    if (current_adj != PROTECT_ADJ) {
        *new_adj = PROTECT_ADJ;
        return PROTECT_SET;
    }
    if (protectmem_lookup(m, id, new_adj))
        return PROTECT_RESTORE;
    *new_adj = 0;
    return PROTECT_RESTORE_DEFAULT;
}

static void forget_at(ProtectMemory *m, size_t i)
{
    m->entries[i] = m->entries[--m->n];
}

int protectmem_applied(ProtectMemory *m, const ProcId *id, int old_adj, int new_adj)
{
    ProtectEntry *e = find(m, id);

    if (new_adj != PROTECT_ADJ) {
        if (e)
            forget_at(m, (size_t)(e - m->entries));
        return 0;
    }
    if (old_adj == PROTECT_ADJ)
        return 0;               /* already protected: keep what we knew */
    if (!e) {
        if (grow_array(&m->entries, &m->cap, m->n + 1, sizeof *m->entries, 8) < 0)
            return -1;
        e = &m->entries[m->n++];
        e->id = *id;
    }
    e->prev_adj = old_adj;
    return 0;
}

void protectmem_prune(ProtectMemory *m, const Snapshot *snap)
{
    for (size_t i = 0; i < m->n;) {
        if (snapshot_find(snap, m->entries[i].id.pid, m->entries[i].id.start_ticks) >= 0)
            i++;
        else
            forget_at(m, i);
    }
}
