#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_resize.sh - the layout follows the window: 200x50, 80x24, 40x10 keep
# the gauge, the titles and aligned rows, nothing wider than the window;
# below the minimum a one-line notice; growing again restores everything.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

tui_start 200 50 "$OOMTOP"
tui_wait_for '^Commit:' "start-up"

width_is() {
    [ "$(tui_pane_flag pane_width)x$(tui_pane_flag pane_height)" = "$1x$2" ]
}

# A sane screen at W x H: gauge first, titles once, every process row
# starting with a right-aligned PID that ends at the PID title's end, and
# the key bar or a message on the last line.
layout_ok() {
    local w=$1 h=$2 screen titles pid_end
    screen=$(tui_screen)
    [ "$(printf '%s\n' "$screen" | head -1 | cut -c1-6)" = "Commit" ] || return 1
    titles=$(printf '%s\n' "$screen" | grep -c 'PID')
    [ "$titles" = 1 ] || return 1
    pid_end=$(printf '%s\n' "$screen" | awk '/PID/ { print index($0, "PID") + 2; exit }')
    printf '%s\n' "$screen" | awk -v e="$pid_end" '
        on && NF && !/^(delay|h Help)/ {
            if (!match($0, /^ *[0-9]+ /) || RLENGTH - 1 != e) bad = 1
        }
        /PID/ { on = 1 }
        END { exit bad }' || return 1
    [ "$(printf '%s\n' "$screen" | wc -L)" -le "$w" ] || return 1
    [ "$(printf '%s\n' "$screen" | wc -l)" -le "$h" ]
}

check_size() {
    local w=$1 h=$2
    tmx resize-window -t "$TUI_TARGET" -x "$w" -y "$h" || tui_fail "resize to ${w}x$h"
    tui_poll width_is "$w" "$h" || tui_fail "window did not become ${w}x$h"
    tui_poll layout_ok "$w" "$h" || tui_fail "layout broken at ${w}x$h"
    tui_log "${w}x$h: gauge, titles and aligned rows"
}

check_size 200 50
tui_wait_for '^\[.*\] . RAM\+swap' "gauge legend at 200 columns"
check_size 80 24
tui_wait_for '^\[' "gauge bar at 80 columns"
check_size 40 10
check_size 30 6

tmx resize-window -t "$TUI_TARGET" -x 25 -y 5
tui_wait_for '^Too small 25x5 \(min 30x6\)' "notice below the minimum"
[ "$(tui_screen | grep -c .)" = 1 ] || tui_fail "more than a one-line notice below the minimum"
tmx resize-window -t "$TUI_TARGET" -x 12 -y 3
tui_wait_for '^Too small 12' "notice at 12x3"
tmx resize-window -t "$TUI_TARGET" -x 1 -y 1
tui_poll width_is 1 1 || tui_fail "window did not become 1x1"
sleep 0.2
kill -0 "$(tui_pane_pid)" || tui_fail "oomtop died at 1x1"
tui_log "below the minimum: a one-line notice, no crash"

check_size 80 24
tui_keys q
tui_poll tui_session_gone || tui_fail "q did not quit after the resizes"
exit 0
