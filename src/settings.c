/* SPDX-License-Identifier: GPL-2.0-or-later
 * settings.c - the oomtoprc format: key=value lines, one table of keys with
 * a parser and a writer each, so that what is written always reads back.
 */
#include "config.h"

#include "settings.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format.h"
#include "prompt_line.h"
#include "text.h"

#define LINE_MAX_BYTES 1024
#define SHOWN_MAX 40            /* bytes of a bad key or value quoted back */

void settings_msgs_init(SettingsMsgs *m)
{
    memset(m, 0, sizeof *m);
}

void settings_msgs_add(SettingsMsgs *m, const char *fmt, ...)
{
    if (m->n == SETTINGS_MSGS_MAX) {
        m->dropped++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->msg[m->n++], SETTINGS_MSG_LEN, fmt, ap);
    va_end(ap);
}

void settings_defaults(Settings *s)
{
    memset(s, 0, sizeof *s);
    size_t i = 0;
    for (; fields_default_columns[i] != COL_NONE && i + 1 < COL_COUNT; i++)
        s->columns[i] = fields_default_columns[i];
    s->columns[i] = COL_NONE;
    s->sort_col = COL_OOM;
    s->delay_ms = 2000;
    s->unit_scale = UNIT_AUTO;
    s->colour = true;
    s->whatif_mode = (int)SETTINGS_WHATIF_LIVE;
    s->whatif_ratio = SETTINGS_WHATIF_LIVE;
    s->whatif_kbytes = SETTINGS_WHATIF_LIVE;
}

/* ---------------------------------------------------------------- values */

static bool parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = { "yes", "true", "on", "1" };
    static const char *const no[] = { "no", "false", "off", "0" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
            *out = strcasecmp(v, yes[i]) == 0;
            return true;
        }
    }
    return false;
}

/* Plain decimal in [lo, hi]: digits only, no sign, no spaces. */
static bool parse_count(const char *v, long long lo, long long hi, long long *out)
{
    char *end;
    if (*v < '0' || *v > '9')
        return false;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || *end || x < lo || x > hi)
        return false;
    *out = x;
    return true;
}

/* A what-if figure: "live" or a count in [0, hi]. */
static bool parse_live_or(const char *v, long long hi, long long *out)
{
    if (strcasecmp(v, "live") == 0) {
        *out = SETTINGS_WHATIF_LIVE;
        return true;
    }
    return parse_count(v, 0, hi, out);
}

/* ------------------------------------------------------------------ keys */

/* Each parser sets its field only when the whole value is good and
 * otherwise says what it expected in `why`. */
typedef bool (*ParseFn)(Settings *s, const char *v, char *why, size_t whylen);
typedef void (*FormatFn)(const Settings *s, char *buf, size_t len);

static bool p_columns(Settings *s, const char *v, char *why, size_t whylen)
{
    enum ColumnId cols[COL_COUNT];
    char buf[LINE_MAX_BYTES + 1], *rest = buf, *tok;
    size_t n = 0;

    snprintf(buf, sizeof buf, "%s", v);
    while ((tok = strsep(&rest, ", \t")) != NULL) {
        if (!*tok)
            continue;
        enum ColumnId c = fields_by_name(tok);
        bool dup = false;
        for (size_t i = 0; i < n; i++)
            dup = dup || cols[i] == c;
        if (c == COL_NONE || dup) {
            char shown[SHOWN_MAX];
            text_sanitize(shown, sizeof shown, tok, strlen(tok));
            snprintf(why, whylen, "%s column '%s'", dup ? "repeated" : "unknown", shown);
            return false;
        }
        cols[n++] = c;
    }
    if (n == 0) {
        snprintf(why, whylen, "no column named");
        return false;
    }
    /* COL_NONE to the end: equal settings are equal bytes. */
    memset(s->columns, 0, sizeof s->columns);
    memcpy(s->columns, cols, n * sizeof cols[0]);
    return true;
}

static void f_columns(const Settings *s, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const enum ColumnId *c = s->columns; *c != COL_NONE && used < len; c++) {
        const ColumnDesc *d = fields_desc(*c);
        if (d)
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "," : "", d->name);
    }
}

static bool p_sort(Settings *s, const char *v, char *why, size_t whylen)
{
    enum ColumnId c = fields_by_name(v);
    if (c == COL_NONE) {
        snprintf(why, whylen, "not a column name");
        return false;
    }
    s->sort_col = c;
    return true;
}

static void f_sort(const Settings *s, char *buf, size_t len)
{
    const ColumnDesc *d = fields_desc(s->sort_col);
    snprintf(buf, len, "%s", d ? d->name : "oom");
}

static bool p_delay(Settings *s, const char *v, char *why, size_t whylen)
{
    if (!promptline_parse_delay_ms(v, &s->delay_ms)) {
        snprintf(why, whylen, "not 0.1 .. 3600 seconds");
        return false;
    }
    return true;
}

static void f_delay(const Settings *s, char *buf, size_t len)
{
    /* Milliseconds exactly, without needless zeros: 2.0, 1.5, 0.25. */
    unsigned ms = s->delay_ms % 1000;
    int decimals = ms == 0 ? 1 : ms % 100 == 0 ? 1 : ms % 10 == 0 ? 2 : 3;
    unsigned frac = decimals == 1 ? ms / 100 : decimals == 2 ? ms / 10 : ms;
    snprintf(buf, len, "%u.%0*u", s->delay_ms / 1000, decimals, frac);
}

static bool p_units(Settings *s, const char *v, char *why, size_t whylen)
{
    for (int u = 0; u < UNIT_COUNT; u++) {
        if (strcasecmp(v, format_scale_name((enum UnitScale)u)) == 0) {
            s->unit_scale = u;
            return true;
        }
    }
    snprintf(why, whylen, "not auto, KiB, MiB, GiB or TiB");
    return false;
}

static void f_units(const Settings *s, char *buf, size_t len)
{
    int u = s->unit_scale >= 0 && s->unit_scale < UNIT_COUNT ? s->unit_scale : UNIT_AUTO;
    snprintf(buf, len, "%s", format_scale_name((enum UnitScale)u));
}

static bool set_bool(bool *field, const char *v, char *why, size_t whylen)
{
    if (!parse_bool(v, field)) {
        snprintf(why, whylen, "not yes or no");
        return false;
    }
    return true;
}

static bool p_reverse(Settings *s, const char *v, char *why, size_t whylen)
{
    return set_bool(&s->sort_reverse, v, why, whylen);
}

static bool p_colour(Settings *s, const char *v, char *why, size_t whylen)
{
    return set_bool(&s->colour, v, why, whylen);
}

static bool p_kthreads(Settings *s, const char *v, char *why, size_t whylen)
{
    return set_bool(&s->show_kthreads, v, why, whylen);
}

static void f_reverse(const Settings *s, char *buf, size_t len)
{
    snprintf(buf, len, "%s", s->sort_reverse ? "yes" : "no");
}

static void f_colour(const Settings *s, char *buf, size_t len)
{
    snprintf(buf, len, "%s", s->colour ? "yes" : "no");
}

static void f_kthreads(const Settings *s, char *buf, size_t len)
{
    snprintf(buf, len, "%s", s->show_kthreads ? "yes" : "no");
}

static bool p_wmode(Settings *s, const char *v, char *why, size_t whylen)
{
    long long m;
    if (!parse_live_or(v, 2, &m)) {
        snprintf(why, whylen, "not 'live', 0, 1 or 2");
        return false;
    }
    s->whatif_mode = (int)m;
    return true;
}

static void f_wmode(const Settings *s, char *buf, size_t len)
{
    if (s->whatif_mode == SETTINGS_WHATIF_LIVE)
        snprintf(buf, len, "live");
    else
        snprintf(buf, len, "%d", s->whatif_mode);
}

static bool p_wratio(Settings *s, const char *v, char *why, size_t whylen)
{
    if (!parse_live_or(v, INT_MAX, &s->whatif_ratio)) {
        snprintf(why, whylen, "not 'live' or a percentage (0 or more)");
        return false;
    }
    return true;
}

static bool p_wkbytes(Settings *s, const char *v, char *why, size_t whylen)
{
    if (!parse_live_or(v, LLONG_MAX / 1024, &s->whatif_kbytes)) {
        snprintf(why, whylen, "not 'live' or a size in KiB (0 or more)");
        return false;
    }
    return true;
}

static void format_live_or(long long v, char *buf, size_t len)
{
    if (v < 0)
        snprintf(buf, len, "live");
    else
        snprintf(buf, len, "%lld", v);
}

static void f_wratio(const Settings *s, char *buf, size_t len)
{
    format_live_or(s->whatif_ratio, buf, len);
}

static void f_wkbytes(const Settings *s, char *buf, size_t len)
{
    format_live_or(s->whatif_kbytes, buf, len);
}

typedef struct KeyDesc {
    const char *name;
    const char *comment;        /* written above the line */
    ParseFn parse;
    FormatFn format;
} KeyDesc;

static const KeyDesc keys[] = {
    { "columns", "Columns shown, in order (see oomtop -h for the names)", p_columns, f_columns },
    { "sort", "Sort column", p_sort, f_sort },
    { "sort_reverse", "Reverse the column's natural sort direction (yes/no)", p_reverse,
      f_reverse },
    { "delay", "Seconds between refreshes (0.1 .. 3600)", p_delay, f_delay },
    { "units", "Memory column units: auto, KiB, MiB, GiB or TiB", p_units, f_units },
    { "colour", "Use colour where the terminal has it (yes/no)", p_colour, f_colour },
    { "kernel_threads", "Show kernel threads (yes/no)", p_kthreads, f_kthreads },
    { "whatif_mode", "What-if view: overcommit mode it starts in (live, 0, 1, 2)", p_wmode, f_wmode },
    { "whatif_ratio", "What-if view: overcommit_ratio, or 'live'", p_wratio, f_wratio },
    { "whatif_kbytes", "What-if view: overcommit_kbytes, or 'live'", p_wkbytes, f_wkbytes },
};

#define NKEYS (sizeof keys / sizeof keys[0])

static const KeyDesc *key_by_name(const char *name)
{
    if (strcasecmp(name, "color") == 0)     /* both spellings are common */
        name = "colour";
    for (size_t i = 0; i < NKEYS; i++)
        if (strcasecmp(name, keys[i].name) == 0)
            return &keys[i];
    return NULL;
}

/* ----------------------------------------------------------------- parse */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Applies one line (NUL-terminated, no newline). Returns false when the
 * line is ignored, after adding the message. */
static bool parse_line(Settings *s, char *line, const char *name, unsigned lineno,
                       SettingsMsgs *msgs)
{
    char shown_key[SHOWN_MAX], shown_val[SHOWN_MAX], why[96];
    char *text = trim(line);

    if (!*text || *text == '#')
        return true;
    char *eq = strchr(text, '=');
    if (!eq) {
        text_sanitize(shown_key, sizeof shown_key, text, strlen(text));
        settings_msgs_add(msgs, "%s line %u: '%s' is not key=value, ignored", name, lineno,
                          shown_key);
        return false;
    }
    *eq = '\0';
    char *key = trim(text), *value = trim(eq + 1);
    text_sanitize(shown_key, sizeof shown_key, key, strlen(key));
    const KeyDesc *k = key_by_name(key);
    if (!k) {
        settings_msgs_add(msgs, "%s line %u: unknown key '%s' ignored", name, lineno, shown_key);
        return false;
    }
    if (!k->parse(s, value, why, sizeof why)) {
        text_sanitize(shown_val, sizeof shown_val, value, strlen(value));
        settings_msgs_add(msgs, "%s line %u: %s = '%s': %s, ignored", name, lineno, k->name,
                          shown_val, why);
        return false;
    }
    return true;
}

int settings_parse(Settings *s, const char *text, size_t len, const char *name,
                   SettingsMsgs *msgs)
{
    char line[LINE_MAX_BYTES + 1], shown[128];
    int ignored = 0;
    unsigned lineno = 0;
    size_t pos = 0;

    /* The name is a path from the environment: printed, so defused too. */
    text_sanitize(shown, sizeof shown, name, strlen(name));
    name = shown;

    while (pos < len) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl ? 1 : 0);
        lineno++;
        if (n > LINE_MAX_BYTES) {
            settings_msgs_add(msgs, "%s line %u: longer than %d bytes, ignored", name, lineno,
                              LINE_MAX_BYTES);
            ignored++;
        } else if (memchr(start, '\0', n)) {
            settings_msgs_add(msgs, "%s line %u: contains a NUL byte, ignored", name, lineno);
            ignored++;
        } else {
            memcpy(line, start, n);
            line[n] = '\0';
            ignored += !parse_line(s, line, name, lineno, msgs);
        }
    }
    return ignored;
}

/* ---------------------------------------------------------------- format */

size_t settings_format(const Settings *s, char *buf, size_t len)
{
    char value[LINE_MAX_BYTES];
    size_t used = 0;
    char dummy[1];

    if (len == 0) {     /* measuring only */
        buf = dummy;
        len = sizeof dummy;
    }
    used += (size_t)snprintf(buf, len,
                             "# oomtoprc - oomtop settings (W in oomtop writes this file).\n"
                             "# One key=value per line; see oomtoprc(5).\n");
    for (size_t i = 0; i < NKEYS; i++) {
        keys[i].format(s, value, sizeof value);
        size_t room = used < len ? len - used : 0;
        used += (size_t)snprintf(room ? buf + used : dummy, room ? room : sizeof dummy,
                                 "\n# %s\n%s=%s\n", keys[i].comment, keys[i].name, value);
    }
    return used;
}

void settings_to_options(const Settings *s, Options *o)
{
    o->sort_col = s->sort_col;
    o->sort_reverse = s->sort_reverse;
    o->delay_ms = s->delay_ms;
    o->show_kthreads = s->show_kthreads;
    o->what_if_mode = s->whatif_mode;
    o->what_if_ratio = s->whatif_ratio;
    o->what_if_kbytes = s->whatif_kbytes;
}
