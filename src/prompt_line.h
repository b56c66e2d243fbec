/* SPDX-License-Identifier: GPL-2.0-or-later
 * prompt_line.h - the one-line prompt of the interactive view (search, user,
 * delay): what each key does to the text, and the delay value it accepts.
 * Pure: keys come in as code points or enum KeyCode, no curses here.
 */
#ifndef OOMTOP_PROMPT_LINE_H
#define OOMTOP_PROMPT_LINE_H

#include <stdbool.h>

#define PROMPT_LINE_MAX 128

enum PromptKind { PROMPT_NONE = 0, PROMPT_SEARCH, PROMPT_USER, PROMPT_DELAY,
                  PROMPT_VALUE /* a dialog's input line: the dialog shows the label */ };

enum PromptResult {
    PROMPT_EDITING = 0,     /* the text may have changed; still open */
    PROMPT_ACCEPTED,        /* Enter: use the text */
    PROMPT_CANCELLED,       /* Esc: forget it */
};

typedef struct PromptLine {
    enum PromptKind kind;
    char text[PROMPT_LINE_MAX];     /* UTF-8, printable characters only */
} PromptLine;

/* Opens the prompt with `initial` text (NULL = empty). */
void promptline_open(PromptLine *p, enum PromptKind kind, const char *initial);

/* Applies one key: a printable code point is appended (as UTF-8, if it
 * fits), Backspace removes the last character, Enter accepts, Esc cancels;
 * control characters and other keys are ignored. The prompt closes
 * (kind = PROMPT_NONE) on accept and cancel. */
enum PromptResult promptline_key(PromptLine *p, int key);

/* The words in front of the text: "Search: " ... */
const char *promptline_label(enum PromptKind kind);

/* A refresh delay typed in seconds, 0.1 .. 3600 (decimal point '.',
 * surrounding spaces allowed), as milliseconds. False for anything else:
 * empty, signs, exponents, nan, inf, trailing junk, out of range. */
bool promptline_parse_delay_ms(const char *s, unsigned *ms);

#endif
