#!/bin/bash
# actions_cli_live.sh - the one-shot actions through the real binary:
# --set-adj / --renice / --dry-run / --readonly / --protect on a live child.
set -u
: "${OOMTOP:?}" "${TESTS_HELPERS:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
child=
cleanup() { exec 3>&-; [ -n "$child" ] && kill "$child" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
mkfifo "$tmp/in"
"$TESTS_HELPERS/memchild" 1 100 oomtest-cli < "$tmp/in" > "$tmp/ready" &
child=$!
exec 3> "$tmp/in"
for _ in $(seq 50); do grep -q READY "$tmp/ready" 2>/dev/null && break; sleep 0.1; done
adj() { cat "/proc/$child/oom_score_adj"; }
nice_of() { awk '{print $19}' "/proc/$child/stat"; }

"$OOMTOP" --dry-run --set-adj 700 "$child" > "$tmp/out" 2>&1 || fail "dry run exited $?"
[ "$(adj)" = 100 ] || fail "--dry-run changed oom_score_adj to $(adj)"
grep -q "100 -> 700" "$tmp/out" || fail "dry run does not show old -> new: $(cat "$tmp/out")"

"$OOMTOP" --set-adj 700 oomtest-cli > "$tmp/out" 2>&1 || fail "--set-adj by name exited $?"
[ "$(adj)" = 700 ] || fail "--set-adj left $(adj)"

"$OOMTOP" --renice 5 "$child" > "$tmp/out" 2>&1 || fail "--renice exited $?"
[ "$(nice_of)" = 5 ] || fail "--renice left nice $(nice_of)"

"$OOMTOP" --readonly --set-adj 800 "$child" > "$tmp/out" 2>&1; rc=$?
[ "$rc" = 1 ] || fail "--readonly exited $rc"
[ "$(adj)" = 700 ] || fail "--readonly changed oom_score_adj"
grep -q "read-only" "$tmp/out" || fail "no read-only message"

"$OOMTOP" --set-adj 1001 "$child" > "$tmp/out" 2>&1; rc=$?
[ "$rc" = 2 ] || fail "out-of-range value exited $rc"
[ "$(adj)" = 700 ] || fail "out-of-range value changed oom_score_adj"

"$OOMTOP" --protect "$child" > "$tmp/out" 2>&1; rc=$?
capeff=$(awk '/^CapEff:/{print $2}' /proc/self/status)
if (( (16#$capeff >> 24) & 1 )); then   # CAP_SYS_RESOURCE is bit 24
    [ "$rc" = 0 ] && [ "$(adj)" = -1000 ] || fail "--protect with CAP_SYS_RESOURCE: rc $rc adj $(adj)"
else
    [ "$rc" = 1 ] || fail "--protect without CAP_SYS_RESOURCE exited $rc"
    grep -q "CAP_SYS_RESOURCE" "$tmp/out" || fail "no capability named: $(cat "$tmp/out")"
    [ "$(adj)" = 700 ] || fail "failed --protect changed oom_score_adj"
fi
echo "PASS: one-shot actions on pid $child"
