#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# syscalls.sh - the sampler's design budget, counted, not timed: once warm,
# one refresh costs per process one pread each of statm and oom_score_adj
# (held fds) and one getpriority, plus an open/read/close of status and one
# of oom_score every 8th refresh (STATUS_EVERY in src/sample_proc.c):
# 3 + 6/8 = 3.75 syscalls. Fails above 4 per process per refresh, which the
# previous design (oom_score held and re-read on every refresh: 4.375) and
# anything costlier would exceed.
set -u
: "${OOMTOP:?}"
SPAWN=${SPAWN_IDLE:-$(dirname "$OOMTOP")/bench/spawn_idle}
PER_PROC_MAX=4.0        # the design's number, with room for processes that
                        # changed (their status and oom_score are read at
                        # once) and for scores near a step (sample_proc.c)
FIXED_MAX=100           # per refresh, whatever the process count: system
                        # files (about 30), getdents64, output writes, the sleep

command -v strace >/dev/null || { echo "SKIP: strace is not installed"; exit 77; }
if [ -n "${OOMTOP_SANITIZED:-}" ]; then
    echo "SKIP: syscall counts are not the design's under a sanitizer runtime (checked in the plain build)"
    exit 77
fi
[ -x "$SPAWN" ] || { echo "SKIP: $SPAWN not built"; exit 77; }

tmp=$(mktemp -d)
spawn_pid=
cleanup() {
    [ -n "$spawn_pid" ] && { kill -TERM "$spawn_pid" 2>/dev/null; wait "$spawn_pid" 2>/dev/null; }
    rm -rf "$tmp"
}
trap cleanup EXIT

# Enough processes that the per-process term dominates.
"$SPAWN" 300 > "$tmp/ready" &
spawn_pid=$!
for _ in $(seq 100); do grep -q READY "$tmp/ready" 2>/dev/null && break; sleep 0.1; done
grep -q 'READY 300' "$tmp/ready" || { echo "FAIL: spawn_idle did not start"; exit 1; }

# total syscalls of one run (strace -c summary, last line)
calls() {
    strace -f -c -o "$tmp/trace" "$OOMTOP" -b -d 0.1 -n "$1" > /dev/null ||
        { echo "FAIL: oomtop -b -n $1 exited $?"; exit 1; }
    awk '$NF == "total" { print $4 }' "$tmp/trace" | tail -n 1
}
short=$(calls 2)
long=$(calls 8)
if [ -z "$short" ] || [ -z "$long" ]; then echo "FAIL: no strace summary"; exit 1; fi
pids=(/proc/[0-9]*)
procs=${#pids[@]}
per_refresh=$(( (long - short) / 6 ))
limit=$(awk -v p="$procs" -v m="$PER_PROC_MAX" -v f="$FIXED_MAX" 'BEGIN { printf "%d", p * m + f }')
echo "processes: $procs  syscalls per refresh: $per_refresh  limit: $limit" \
     "($PER_PROC_MAX per process + $FIXED_MAX)"
awk -v r="$per_refresh" -v p="$procs" 'BEGIN { printf "per process per refresh: %.2f\n", r / p }'
[ "$per_refresh" -le "$limit" ] || { echo "FAIL: more syscalls per refresh than the design allows"; exit 1; }
echo PASS
