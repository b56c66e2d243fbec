#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# valgrind_batch.sh - batch mode under valgrind's memcheck, as text, JSON
# and with the what-if simulation: no invalid access, no use of an
# uninitialised value, no definitely or indirectly lost block. (Memory
# still reachable at exit is not a leak and not counted.)
set -u
: "${OOMTOP:?}"
command -v valgrind >/dev/null || { echo "SKIP: valgrind not installed (Debian package valgrind)"; exit 77; }
if ldd "$OOMTOP" 2>/dev/null | grep -q -E 'lib(a|ub|l)san'; then
    echo "SKIP: $OOMTOP is built with a sanitizer, which cannot run under valgrind (the plain build runs this test)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

check() {
    local name=$1; shift
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --track-origins=yes --log-file="$tmp/$name.vg" \
        "$OOMTOP" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
    local rc=$?
    if [ $rc -ne 0 ] || [ -s "$tmp/$name.vg" ]; then
        echo "FAIL: oomtop $* under valgrind: exit $rc"
        head -n 80 "$tmp/$name.vg" "$tmp/$name.err"
        status=1
        return
    fi
    if [ ! -s "$tmp/$name.out" ]; then
        echo "FAIL: oomtop $* printed nothing under valgrind"
        status=1
        return
    fi
    echo "ok: oomtop $* ($(wc -l < "$tmp/$name.out") lines, no valgrind error, no leak)"
}

check text -b -n 3 -d 0.1
check json -b -n 3 -d 0.1 -o json -c
check whatif -b -n 3 -d 0.1 --what-if=2,ratio=80
check csv -b -n 2 -d 0.1 -o csv
if command -v python3 >/dev/null && [ -s "$tmp/json.out" ]; then
    python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/json.out" ||
        { echo "FAIL: the JSON written under valgrind does not parse"; status=1; }
fi
exit $status
