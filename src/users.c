/* SPDX-License-Identifier: GPL-2.0-or-later
 * users.c - a small open-addressing table of uid -> name. A host has few
 * distinct uids, so the table stays tiny and lookups cost a probe or two.
 */
#include "config.h"

#include "users.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "text.h"

typedef struct UserEntry {
    uid_t uid;
    int used;
    char name[PROC_USER_MAX];
} UserEntry;

struct UserCache {
    UserEntry *slots;
    size_t cap;     /* power of two */
    size_t count;
};

UserCache *users_new(void)
{
    UserCache *uc = calloc(1, sizeof *uc);
    if (!uc)
        return NULL;
    uc->cap = 64;
    uc->slots = calloc(uc->cap, sizeof *uc->slots);
    if (!uc->slots) {
        free(uc);
        return NULL;
    }
    return uc;
}

static UserEntry *probe(UserEntry *slots, size_t cap, uid_t uid)
{
    size_t i = ((size_t)uid * 2654435761u) & (cap - 1);
    while (slots[i].used && slots[i].uid != uid)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Keeps the load under one half; on allocation failure the old table stays
 * (lookups still work, only slower to fill). */
static void grow(UserCache *uc)
{
    size_t cap = uc->cap * 2;
    UserEntry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return;
    for (size_t i = 0; i < uc->cap; i++)
        if (uc->slots[i].used)
            *probe(slots, cap, uc->slots[i].uid) = uc->slots[i];
    free(uc->slots);
    uc->slots = slots;
    uc->cap = cap;
}

static void lookup_name(uid_t uid, char *out, size_t outlen)
{
    struct passwd pw, *res = NULL;
    char buf[4096];

    if (getpwuid_r(uid, &pw, buf, sizeof buf, &res) == 0 && res &&
        res->pw_name && res->pw_name[0]) {
        text_sanitize(out, outlen, res->pw_name, strlen(res->pw_name));
        if (out[0])
            return;
    }
    snprintf(out, outlen, "%lu", (unsigned long)uid);
}

const char *users_name(UserCache *uc, uid_t uid)
{
    UserEntry *e = probe(uc->slots, uc->cap, uid);
    if (e->used)
        return e->name;
    if ((uc->count + 1) * 2 > uc->cap) {
        grow(uc);
        e = probe(uc->slots, uc->cap, uid);
    }
    if (uc->count + 1 >= uc->cap)
        return "?";     /* full and could not grow: out of memory */
    e->used = 1;
    e->uid = uid;
    lookup_name(uid, e->name, sizeof e->name);
    uc->count++;
    return e->name;
}

void users_free(UserCache *uc)
{
    if (!uc)
        return;
    free(uc->slots);
    free(uc);
}
