/* SPDX-License-Identifier: GPL-2.0-or-later
 * fuzz.h - what the fuzz harnesses share: the libFuzzer entry point each
 * one defines, and the checks that turn a broken property into a crash.
 */
#ifndef OOMTOP_FUZZ_H
#define OOMTOP_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Runs one input through the harness's parsers. Returns 0; a property that
 * does not hold aborts (libFuzzer and the replay driver both report it). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated heap copy of the input (the parsers take C strings);
 * aborts when memory runs out. The caller frees it. */
char *fuzz_strdup(const uint8_t *data, size_t size);

/* Prints "fuzz: property failed: WHAT" and aborts when `ok` is false. */
void fuzz_check(bool ok, const char *what);

/* True if s (NUL-terminated) is valid UTF-8 holding nothing a terminal
 * could act on: no C0 control (tab and newline included), no DEL, no C1
 * control (U+0080..U+009F), no bidi override or isolate. */
bool fuzz_terminal_safe(const char *s);

#endif
