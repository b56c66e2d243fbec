/* SPDX-License-Identifier: GPL-2.0-or-later
 * users.h - uid -> user name, looked up once per uid and kept; names are
 * sanitised (they come from NSS, which may hold anything).
 */
#ifndef OOMTOP_USERS_H
#define OOMTOP_USERS_H

#include <sys/types.h>

typedef struct UserCache UserCache;

/* Returns an empty cache, or NULL when out of memory. */
UserCache *users_new(void);

/* The sanitised name of `uid` (at most PROC_USER_MAX - 1 bytes), or its
 * decimal number when it has no name. The string is owned by the cache and
 * stays valid until users_free(). Never NULL. */
const char *users_name(UserCache *uc, uid_t uid);

void users_free(UserCache *uc);

#endif
