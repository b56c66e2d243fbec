/* SPDX-License-Identifier: GPL-2.0-or-later
 * jsonw.h - a minimal streaming JSON writer (one document per line), so that
 * every JSON producer escapes and separates values the same way.
 */
#ifndef OOMTOP_JSONW_H
#define OOMTOP_JSONW_H

#include <stdbool.h>
#include <stdio.h>

#define JSONW_MAX_DEPTH 16

typedef struct JsonW {
    FILE *f;
    int depth;
    bool has_items[JSONW_MAX_DEPTH];
} JsonW;

void jw_init(JsonW *w, FILE *f);

/* Each value function takes the member name (NULL inside an array). */
void jw_object_begin(JsonW *w, const char *key);
void jw_object_end(JsonW *w);
void jw_array_begin(JsonW *w, const char *key);
void jw_array_end(JsonW *w);
void jw_int(JsonW *w, const char *key, long long v);
/* Writes null when v is VALUE_MISSING (negative sentinel of model.h). */
void jw_int_or_null(JsonW *w, const char *key, long long v);
void jw_double(JsonW *w, const char *key, double v, int decimals);
void jw_string(JsonW *w, const char *key, const char *s);
void jw_bool(JsonW *w, const char *key, bool v);
void jw_null(JsonW *w, const char *key);
/* Ends the document with a newline (JSON Lines). */
void jw_end_line(JsonW *w);

#endif
