#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_startup.sh - oomtop in a real terminal: within a second the gauge, the
# policy line and the column titles are on screen, and a child with known
# memory, name and oom_score_adj shows the kernel's own figures.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

NAME="tuistart$$"
NAME=${NAME:0:15}
tui_spawn_child 64 500 "$NAME"

start=$(tui_now)
tui_start 120 40 "$OOMTOP"
TUI_TIMEOUT=3 tui_wait_for '^Commit .* of .*%' "commit gauge"
tui_wait_for 'vm\.overcommit_memory=[0-2] \((heuristic|always|strict)\)' "policy line"
tui_wait_for '^ +PID +USER +NI +VIRT +RES +SHR +SWAP +%MEM +OOM. +ADJ +COMMAND' "column titles"
elapsed=$(awk -v a="$start" -v b="$(tui_now)" 'BEGIN { printf "%.2f", b - a }')
limit=${TUI_STARTUP_LIMIT:-1.0}
tui_before "$elapsed" "$limit" || tui_fail "start-up took ${elapsed}s (limit ${limit}s)"
tui_log "gauge, policy and titles in ${elapsed}s"

# The gauge words for the mode in force.
mode=$(cat /proc/sys/vm/overcommit_memory)
case $mode in
    2) tui_wait_for 'hard limit \(mode 2\)' "mode 2 words" ;;
    *) tui_wait_for "limit not enforced in mode $mode" "mode $mode words" ;;
esac
tui_wait_for '^\[.*\].*RAM\+swap [0-9.]+ [KMGT]iB' "bar with the RAM+swap mark"
if grep -q '^SwapTotal: *0 kB' /proc/meminfo; then
    tui_wait_for 'no swap' "no-swap wording"
fi
tui_wait_for '^Mem [0-9.]+ [KMGT]iB total, .* used, .* available' "memory line"
tui_wait_for '^Tasks [0-9]+, [0-9]+ shown +[0-9]{2}:[0-9]{2}:[0-9]{2} up .* load [0-9.]+ [0-9.]+ [0-9.]+' "tasks line"

# The CommitLimit shown must be the kernel's (no mismatch warning).
tui_lacks 'differs from meminfo' || tui_fail "recomputed CommitLimit differs from /proc/meminfo"

# Only our child, memory columns in plain KiB (e: auto -> KiB).
tui_keys / && tui_type "$NAME" && tui_keys Enter
tui_wait_for "search '$NAME'" "search in force"
tui_keys e
tui_wait_for 'Memory columns in KiB' "units KiB"
tui_keys Space
tui_poll tui_rows_are "$CHILD_PID" || tui_fail "child $CHILD_PID not the only row"

res=$(tui_column RES)
adj=$(tui_column ADJ)
oom=$(tui_column OOM)
cmd=$(tui_column COMMAND)
kernel_rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$CHILD_PID/status")
kernel_oom=$(cat "/proc/$CHILD_PID/oom_score")
[ "$cmd" = "$NAME" ] || tui_fail "COMMAND '$cmd', expected '$NAME'"
[ "$adj" = 500 ] || tui_fail "ADJ '$adj', expected 500"
[ "$oom" = "$kernel_oom" ] || tui_fail "OOM '$oom', kernel's oom_score $kernel_oom"
[ "$res" = "$kernel_rss" ] || tui_fail "RES '$res' KiB, kernel's VmRSS $kernel_rss KiB"
[ "$res" -ge 65536 ] || tui_fail "RES $res KiB is less than the 64 MiB the child touched"
tui_log "child $CHILD_PID: RES $res KiB, ADJ $adj, OOM $oom (kernel: $kernel_rss, $kernel_oom)"

tui_keys q
tui_poll tui_session_gone || tui_fail "q did not end oomtop"
tui_log "q quits"
exit 0
