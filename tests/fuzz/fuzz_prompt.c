/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz_prompt.c - what an operator types: the value parsers of the action
 * prompts (prompt_values.h), the what-if sizes (whatif_input.h), the delay
 * prompt, a target spec, and the prompt line's editing (prompt_line.h) fed
 * the input as key codes.
 * A refusal is one terminal-safe sentence and leaves the value untouched;
 * an accepted value is in range; the edited text is always safe to draw.
 */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "keymap.h"
#include "prompt_line.h"
#include "prompt_values.h"
#include "target.h"
#include "whatif_input.h"

#define UNTOUCHED 0x5eed

static void check_refusal(int r, bool untouched, const char *err)
{
    if (r == 0)
        return;
    fuzz_check(r == -1, "prompt parser result");
    fuzz_check(untouched, "refused value was changed");
    fuzz_check(err[0] != '\0', "refusal without a sentence");
    fuzz_check(fuzz_terminal_safe(err), "refusal is not a terminal-safe line");
}

static void check_values(const char *s)
{
    char err[256], name[16];
    int v = UNTOUCHED, r;

    r = prompt_parse_adj(s, &v, err, sizeof err);
    check_refusal(r, v == UNTOUCHED, err);
    fuzz_check(r != 0 || (v >= OOM_SCORE_ADJ_MIN && v <= OOM_SCORE_ADJ_MAX), "adj out of range");
    v = UNTOUCHED;
    r = prompt_parse_nice(s, &v, err, sizeof err);
    check_refusal(r, v == UNTOUCHED, err);
    fuzz_check(r != 0 || (v >= PROMPT_NICE_MIN && v <= PROMPT_NICE_MAX), "nice out of range");
    v = UNTOUCHED;
    r = prompt_parse_int(s, -5, 5, "value", &v, err, sizeof err);
    check_refusal(r, v == UNTOUCHED, err);
    fuzz_check(r != 0 || (v >= -5 && v <= 5), "int out of range");
    v = UNTOUCHED;
    r = prompt_parse_signal(s, &v, err, sizeof err);
    check_refusal(r, v == UNTOUCHED, err);
    if (r == 0) {
        fuzz_check(v >= 1 && v <= SIGRTMAX, "signal out of range");
        fuzz_check(prompt_signal_name(v, name, sizeof name)[0] != '\0', "signal without a name");
    }

    for (int zero = 0; zero <= 1; zero++) {
        long long kb = UNTOUCHED;
        r = whatif_parse_size_kb(s, "size", zero, &kb, err, sizeof err);
        check_refusal(r, kb == UNTOUCHED, err);
        fuzz_check(r != 0 || (kb >= (zero ? 0 : 1) && kb <= WHATIF_SIZE_MAX_KB),
                   "what-if size out of range");
    }

    unsigned ms = 0;
    if (promptline_parse_delay_ms(s, &ms))
        fuzz_check(ms >= 100 && ms <= 3600000, "delay out of range");
    target_is_pid(s);
}

/* Four bytes per key code, as the UI's key reader could deliver them. */
static void check_editing(const uint8_t *data, size_t size)
{
    PromptLine p;

    promptline_open(&p, PROMPT_SEARCH, "x");
    for (size_t i = 0; i + 4 <= size; i += 4) {
        int key = (int)((uint32_t)data[i] | (uint32_t)data[i + 1] << 8 |
                        (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24);
        if (promptline_key(&p, key) != PROMPT_EDITING)
            promptline_open(&p, PROMPT_DELAY, p.text);
        fuzz_check(memchr(p.text, '\0', sizeof p.text) != NULL, "prompt text unterminated");
        fuzz_check(fuzz_terminal_safe(p.text), "prompt text is not safe to draw");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_strdup(data, size);

    check_values(s);
    check_editing(data, size);
    free(s);
    return 0;
}
