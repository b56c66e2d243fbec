/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_settings.c - the oomtoprc parser (settings.h) on arbitrary bytes:
 * it never fails, every message is a terminal-safe line, the result stays
 * in range, and what settings_format() writes parses back to the same
 * settings.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "fuzz.h"
#include "settings.h"

static void check_range(const Settings *s)
{
    fuzz_check(s->delay_ms >= 100 && s->delay_ms <= 3600000, "delay out of range");
    fuzz_check((s->whatif_mode >= 0 && s->whatif_mode <= 2) ||
               s->whatif_mode == (int)SETTINGS_WHATIF_LIVE, "what-if mode out of range");
    fuzz_check(s->whatif_ratio >= 0 || s->whatif_ratio == SETTINGS_WHATIF_LIVE,
               "what-if ratio out of range");
    fuzz_check(s->whatif_kbytes >= 0 || s->whatif_kbytes == SETTINGS_WHATIF_LIVE,
               "what-if kbytes out of range");
    fuzz_check(s->unit_scale >= 0 && s->unit_scale < UNIT_COUNT, "units out of range");
    fuzz_check(s->sort_col != COL_NONE, "no sort column");
}

static bool same(const Settings *a, const Settings *b)
{
    for (size_t i = 0; i < COL_COUNT; i++)
        if (a->columns[i] != b->columns[i])
            return false;
    return a->sort_col == b->sort_col && a->sort_reverse == b->sort_reverse &&
           a->delay_ms == b->delay_ms && a->unit_scale == b->unit_scale &&
           a->colour == b->colour && a->show_kthreads == b->show_kthreads &&
           a->whatif_mode == b->whatif_mode && a->whatif_ratio == b->whatif_ratio &&
           a->whatif_kbytes == b->whatif_kbytes;
}

static void check_round_trip(const Settings *s)
{
    size_t need = settings_format(s, NULL, 0);
    char *text = malloc(need + 1);
    Settings back;
    SettingsMsgs msgs;

    fuzz_check(text != NULL, "out of memory");
    fuzz_check(settings_format(s, text, need + 1) == need, "settings_format: length changed");
    settings_defaults(&back);
    settings_msgs_init(&msgs);
    fuzz_check(settings_parse(&back, text, need, "rt", &msgs) == 0,
               "settings_format wrote a line settings_parse ignores");
    fuzz_check(same(&back, s), "settings do not survive format + parse");
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Settings s;
    SettingsMsgs msgs;

    settings_defaults(&s);
    settings_msgs_init(&msgs);
    int ignored = settings_parse(&s, (const char *)data, size, "oomtoprc", &msgs);
    fuzz_check(ignored >= 0, "negative count of ignored lines");
    fuzz_check(msgs.n <= SETTINGS_MSGS_MAX, "too many messages");
    fuzz_check((size_t)ignored == msgs.n + msgs.dropped, "not one message per ignored line");
    for (size_t i = 0; i < msgs.n; i++) {
        fuzz_check(memchr(msgs.msg[i], '\0', SETTINGS_MSG_LEN) != NULL, "message unterminated");
        fuzz_check(fuzz_terminal_safe(msgs.msg[i]), "message is not a terminal-safe line");
    }
    check_range(&s);
    check_round_trip(&s);
    return 0;
}
