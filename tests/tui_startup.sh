#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_startup.sh - oomtop in a real terminal: within a second the gauge, the
# policy line and the column titles are on screen, and a child with known
# memory, name and oom_score_adj shows the kernel's own figures. The first
# frame is drawn before the kernel log's backlog is read.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

NAME="tuistart$$"
NAME=${NAME:0:15}
tui_spawn_child 64 500 "$NAME"

# Sets ELAPSED: seconds from launch until the gauge, the policy line and the titles show.
time_startup() {
    local start
    start=$(tui_now)
    tui_start 120 40 "$OOMTOP"
    TUI_TIMEOUT=3 tui_wait_for '^Commit: [0-9.]+ [KMGT]iB of [0-9.]+ [KMGT]iB \([0-9.]+%\)' "commit gauge"
    tui_wait_for '^Policy: vm\.overcommit_memory = [0-2] \((heuristic|always|strict)\), overcommit_(ratio|kbytes) = [0-9]+ -> CommitLimit [0-9.]+ [KMGT]iB' "policy line"
    tui_wait_for '^ +PID +USER +NI +VIRT +RES +SHR +SWAP +%MEM +OOM. +ADJ .*COMMAND' "column titles"
    ELAPSED=$(awk -v a="$start" -v b="$(tui_now)" 'BEGIN { printf "%.2f", b - a }')
}
limit=${TUI_STARTUP_LIMIT:-1.0}
time_startup
elapsed=$ELAPSED
if ! tui_before "$elapsed" "$limit"; then
    # One more try: a busy machine (a parallel make check) may have stalled
    # the first; a slow start-up is slow twice.
    echo "note: first start-up took ${elapsed}s, trying once more"
    tmx kill-server
    tui_poll tui_session_gone
    time_startup
    elapsed=$ELAPSED
    tui_before "$elapsed" "$limit" || tui_fail "start-up took ${elapsed}s (limit ${limit}s)"
fi
tui_log "gauge, policy and titles in ${elapsed}s (${limit}s allowed)"

# The gauge words for the mode in force.
mode=$(cat /proc/sys/vm/overcommit_memory)
case $mode in
    2) tui_wait_for 'hard limit \(mode 2\)' "mode 2 words" ;;
    *) tui_wait_for "limit not enforced in mode $mode" "mode $mode words" ;;
esac
tui_wait_for '^\[[█·]*[┃▶][█·]*\] [┃▶] RAM\+swap' "bar with the RAM+swap mark"
# The mark: at the right edge, an arrow, when RAM+swap exceeds CommitLimit.
if awk '/^MemTotal:/ { r += $2 } /^SwapTotal:/ { r += $2 } /^CommitLimit:/ { l = $2 }
        END { exit !(r > l) }' /proc/meminfo; then
    tui_wait_for '▶\] ▶ RAM\+swap beyond; ' "RAM+swap beyond the limit shown at the edge"
else
    tui_wait_for '┃[█·]*\] ┃ RAM\+swap; ' "RAM+swap mark inside the bar"
fi
if grep -q '^SwapTotal: *0 kB' /proc/meminfo; then
    tui_wait_for 'Swap: none' "no-swap wording"
fi
tui_wait_for '^Mem: [0-9.]+ [KMGT]iB total, .* used, .* available' "memory line"
tui_wait_for '^[Nn]ext OOM victim: ' "victim line"
tui_wait_for '^Tasks: [0-9]+ total, [0-9]+ shown' "tasks line"
tui_wait_for '^oomtop - [0-9]{2}:[0-9]{2}:[0-9]{2} up .* load average: [0-9.]+, [0-9.]+, [0-9.]+' "clock line"

# The CommitLimit shown must be the kernel's (no mismatch warning).
tui_lacks 'WARNING: recomputed' || tui_fail "recomputed CommitLimit differs from /proc/meminfo"

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

# An operator who starts oomtop during an incident waits for the table,
# not for history: a kernel log full of OOM reports, each listing every
# process, takes milliseconds to read and parse, so it is read after the
# first frame. Under strace: the first write that holds the column titles
# comes before the first read of /dev/kmsg.
# The trace line of the first read of the kernel log (empty: none yet).
first_kmsg_read() {
    grep -n 'read([0-9]*</dev/kmsg>' "$TUI_TMP/trace" | head -n 1 | cut -d: -f1
}
kmsg_read() {
    [ -n "$(first_kmsg_read)" ]
}
if ! command -v strace >/dev/null || ! (exec 9</dev/kmsg) 2>/dev/null; then
    tui_log "SKIP (part): strace missing or /dev/kmsg unreadable: the order of frame and log is not checked"
    exit 0
fi
tui_start 120 40 strace -f -y -s 65536 -e trace=read,write -o "$TUI_TMP/trace" "$OOMTOP"
TUI_TIMEOUT=15 tui_wait_for '^ +PID +USER' "column titles under strace"
TUI_TIMEOUT=15 tui_poll kmsg_read || tui_fail "the kernel log was never read"
tui_keys q
TUI_TIMEOUT=15 tui_poll tui_session_gone || tui_fail "q did not end oomtop under strace"
frame_line=$(grep -n 'write(1<[^>]*>, ".*PID' "$TUI_TMP/trace" | head -n 1 | cut -d: -f1)
kmsg_line=$(first_kmsg_read)
[ -n "$frame_line" ] || tui_fail "no write of the column titles in the trace"
[ "$frame_line" -lt "$kmsg_line" ] ||
    tui_fail "the kernel log was read (trace line $kmsg_line) before the first frame (line $frame_line)"
tui_log "first frame at trace line $frame_line, first read of the kernel log at line $kmsg_line"
exit 0
