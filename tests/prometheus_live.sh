#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# prometheus_live.sh - the metrics file of the running system: a strict
# parser of the exposition format (and promtool where installed), every
# system figure against /proc, a process with a hostile name (quote,
# backslash, newline) among the top victims with its exact labels and
# values, the file replaced atomically while a reader polls it, a stop
# signal between writes, and the example alerting rules.
set -u
: "${OOMTOP:?}" "${TESTS_HELPERS:?}" "${srcdir:=.}"
promwrite=$TESTS_HELPERS/promwrite
check=$srcdir/tests/prometheus_check.py
rules=$srcdir/src/prometheus/oomtop-rules.yml

fail() { echo "prometheus_live: FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "prometheus_live: python3 missing, skipped"; exit 77; }
[ -x "$promwrite" ] || fail "$promwrite not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-prom-XXXXXX") || exit 1
child=
cleanup() {
    exec 9>&- 2>/dev/null
    [ -n "$child" ] && kill "$child" 2>/dev/null && wait "$child" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# A process the OOM killer would pick early: 128 MiB touched, adj 1000,
# named with every byte the label escaping must handle.
name=$'q"u\\o\nte\'x'
want_label=$'q"u\\o?te\'x'      # the sampler turns the newline into '?'
mkfifo "$tmp/hold"
"$TESTS_HELPERS/memchild" 128 1000 "$name" <"$tmp/hold" >"$tmp/child.out" &
child=$!
exec 9>"$tmp/hold"
for _ in $(seq 100); do
    grep -q READY "$tmp/child.out" 2>/dev/null && break
    sleep 0.05
done
grep -q READY "$tmp/child.out" || fail "memchild did not start"

snapshot_before() {
    rm -rf "$tmp/before" && mkdir "$tmp/before"
    cp /proc/meminfo "$tmp/before/meminfo"
    cp /proc/vmstat "$tmp/before/vmstat"
    [ -r /proc/pressure/memory ] && cp /proc/pressure/memory "$tmp/before/pressure"
    return 0
}

verify() {     # FILE TOP
    python3 "$check" "$1" --before "$tmp/before" --top "$2" --pid "$child" \
        --name "$want_label" --adj 1000 --touched-mib 128 || fail "$1 rejected"
    if command -v promtool >/dev/null; then
        promtool check metrics <"$1" || fail "promtool check metrics rejects $1"
        echo "prometheus_live: promtool check metrics: ok"
    fi
}

# 1. The writer itself (the library's loop, one refresh).
snapshot_before
"$promwrite" "$tmp/a.prom" 500 1 0 || fail "promwrite exit status $?"
verify "$tmp/a.prom" 500
grep -qF "oomtop_process_oom_score_adj{pid=\"$child\",name=\"q\\\"u\\\\o?te'x\"" "$tmp/a.prom" ||
    fail "the hostile name is not escaped as expected: $(grep "pid=\"$child\"" "$tmp/a.prom" | head -1)"

# 2. The command line, once the option is there.
if "$OOMTOP" --help 2>/dev/null | grep -q -- '--prometheus'; then
    snapshot_before
    "$OOMTOP" --prometheus "$tmp/b.prom" --top 500 -n 1 || fail "oomtop --prometheus exit status $?"
    verify "$tmp/b.prom" 500
    "$OOMTOP" --prometheus "$tmp/c.prom" -n 1 || fail "oomtop --prometheus (default top)"
    n=$(grep -c '^oomtop_process_oom_rank{' "$tmp/c.prom")
    [ "$n" -ge 1 ] && [ "$n" -le 10 ] || fail "default --top: $n processes, want 1..10"
    # Cgroup labels: the child's is its memory cgroup, and only the written
    # processes' cgroup files are read (not one per process on the machine).
    cg=$(awk -F: '$2 == "memory" || ($1 == "0" && $2 == "") {print $3; exit}' "/proc/$child/cgroup")
    if [ -n "$cg" ] && { [ -d /sys/fs/cgroup/memory ] || [ -f /sys/fs/cgroup/cgroup.controllers ]; }; then
        "$OOMTOP" --prometheus "$tmp/d.prom" --top 3 -n 1 || fail "oomtop --prometheus --top 3"
        grep -qF "{pid=\"$child\",name=\"q\\\"u\\\\o?te'x\",cgroup=\"$cg\"" "$tmp/d.prom" ||
            fail "the child's cgroup label is not $cg: $(grep -m1 "pid=\"$child\"" "$tmp/d.prom")"
        if command -v strace >/dev/null; then
            # LeakSanitizer cannot run under ptrace (the sanitizer pass)
            ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
                strace -f -e trace=openat -o "$tmp/trace" \
                "$OOMTOP" --prometheus "$tmp/e.prom" --top 3 -n 1 || fail "under strace"
            reads=$(grep -c '[0-9]/cgroup"' "$tmp/trace")
            [ "$reads" -le 3 ] || fail "$reads /proc/PID/cgroup files read for --top 3"
            echo "prometheus_live: --top 3 read $reads cgroup files"
        fi
    else
        echo "prometheus_live: note: no memory cgroup here; cgroup labels not checked"
    fi
    "$OOMTOP" --prometheus "$tmp/nodir/x.prom" -n 1 2>"$tmp/err" && fail "a missing directory was accepted"
    grep -q "No such file or directory" "$tmp/err" || fail "no reason given: $(cat "$tmp/err")"
else
    echo "prometheus_live: note: $OOMTOP has no --prometheus option yet;" \
         "the writer was tested through tests/helpers/promwrite only"
fi

# 3. A missing directory: exit 1, a reason, nothing created.
"$promwrite" "$tmp/nodir/x.prom" 5 1 0 2>"$tmp/err" && fail "promwrite into a missing directory succeeded"
grep -q "cannot open directory .*nodir: No such file or directory" "$tmp/err" ||
    fail "unexpected message: $(cat "$tmp/err")"

# 4. Every 0.1 s for a while, with a reader polling: each read is a whole,
# valid file; SIGTERM ends it between two writes with status 0 and no
# temporary file left behind.
mkdir "$tmp/loop"
"$promwrite" "$tmp/loop/oomtop.prom" 20 0 100 &
writer=$!
for _ in $(seq 100); do [ -s "$tmp/loop/oomtop.prom" ] && break; sleep 0.05; done
reads=0
for i in $(seq 15); do
    cp "$tmp/loop/oomtop.prom" "$tmp/read.prom" || fail "read $i failed"
    python3 "$check" "$tmp/read.prom" >/dev/null || fail "read $i saw an incomplete or bad file"
    reads=$((reads + 1))
    sleep 0.07
done
kill -TERM "$writer"
wait "$writer"
status=$?
[ "$status" -eq 0 ] || fail "writer ended with status $status after SIGTERM"
left=$(ls -A "$tmp/loop")
[ "$left" = "oomtop.prom" ] || fail "left in the directory: $left"
python3 "$check" "$tmp/loop/oomtop.prom" >/dev/null || fail "final file bad"
[ "$(stat -c %a "$tmp/loop/oomtop.prom")" = 644 ] || fail "metrics file is not 0644"
echo "prometheus_live: $reads reads during rewrites, all complete"

# 5. The example rules.
if command -v promtool >/dev/null; then
    promtool check rules "$rules" || fail "promtool check rules"
    promtool test rules "$srcdir/tests/fixtures/oomtop-rules.test.yml" || fail "promtool test rules"
else
    echo "prometheus_live: promtool not installed (Debian package prometheus):" \
         "rules not checked, metrics checked by the strict parser only"
fi
echo "prometheus_live: ok"
