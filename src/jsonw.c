/* SPDX-License-Identifier: GPL-2.0-or-later
 * jsonw.c - minimal streaming JSON writer.
 */
#include "config.h"

#include "jsonw.h"

#include "model.h"
#include "text.h"

void jw_init(JsonW *w, FILE *f)
{
    w->f = f;
    w->depth = 0;
    w->has_items[0] = false;
}

static void put_string(JsonW *w, const char *s)
{
    char buf[512];
    size_t need = text_json_escape(buf, sizeof buf, s);
    fputc('"', w->f);
    if (need < sizeof buf) {
        fputs(buf, w->f);
    } else {
        /* long strings (command lines): escape character by character */
        for (const char *p = s; *p; p++) {
            char one[2] = { *p, '\0' };
            text_json_escape(buf, sizeof buf, one);
            fputs(buf, w->f);
        }
    }
    fputc('"', w->f);
}

/* Separator and member name before a value. */
static void member(JsonW *w, const char *key)
{
    if (w->has_items[w->depth])
        fputc(',', w->f);
    w->has_items[w->depth] = true;
    if (key) {
        put_string(w, key);
        fputc(':', w->f);
    }
}

static void open_scope(JsonW *w, const char *key, char c)
{
    member(w, key);
    fputc(c, w->f);
    if (w->depth + 1 < JSONW_MAX_DEPTH)
        w->depth++;
    w->has_items[w->depth] = false;
}

static void close_scope(JsonW *w, char c)
{
    fputc(c, w->f);
    if (w->depth > 0)
        w->depth--;
}

void jw_object_begin(JsonW *w, const char *key) { open_scope(w, key, '{'); }
void jw_object_end(JsonW *w) { close_scope(w, '}'); }
void jw_array_begin(JsonW *w, const char *key) { open_scope(w, key, '['); }
void jw_array_end(JsonW *w) { close_scope(w, ']'); }

void jw_int(JsonW *w, const char *key, long long v)
{
    member(w, key);
    fprintf(w->f, "%lld", v);
}

void jw_int_or_null(JsonW *w, const char *key, long long v)
{
    if (v == VALUE_MISSING)
        jw_null(w, key);
    else
        jw_int(w, key, v);
}

void jw_double(JsonW *w, const char *key, double v, int decimals)
{
    member(w, key);
    fprintf(w->f, "%.*f", decimals, v);
}

void jw_string(JsonW *w, const char *key, const char *s)
{
    member(w, key);
    put_string(w, s);
}

void jw_bool(JsonW *w, const char *key, bool v)
{
    member(w, key);
    fputs(v ? "true" : "false", w->f);
}

void jw_null(JsonW *w, const char *key)
{
    member(w, key);
    fputs("null", w->f);
}

void jw_end_line(JsonW *w)
{
    fputc('\n', w->f);
    w->depth = 0;
    w->has_items[0] = false;
}
