#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz_regressions.sh - every fuzz harness, built with the normal compiler
# and tests/fuzz/replay_main.c instead of libFuzzer, run over its seed
# corpus and over every input that once crashed it (tests/fuzz/
# regressions/NAME). A crash, a sanitizer report (in the sanitizer build)
# or a broken property fails the test.
set -u
src=${srcdir:-.}
. "$src/tests/fuzz/seeds.sh"
status=0
for h in $FUZZ_HARNESSES; do
    bin=tests/fuzz/fuzz_$h
    if [ ! -x "$bin" ]; then
        echo "FAIL: $bin was not built"
        status=1
        continue
    fi
    mapfile -t seeds < <(fuzz_seeds "$src" "$h")
    if ! "$bin" "${seeds[@]}" > "$bin.replay.log" 2>&1; then
        echo "FAIL: fuzz_$h crashed on a replayed input:"
        grep -v '^replay: .* bytes)$' "$bin.replay.log" | tail -n 30
        echo "  last input: $(grep '^replay: ' "$bin.replay.log" | tail -n1)"
        status=1
        continue
    fi
    echo "fuzz_$h: $(tail -n1 "$bin.replay.log")"
done
exit $status
