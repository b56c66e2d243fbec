#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_mouse.sh - the mouse in a real terminal. oomtop asks tmux for mouse
# reports; the test then writes the reports a terminal would send (X10
# encoding for TERM=screen, SGR 1006 for TERM=xterm-256color) into the
# pane: a click on the RES title sorts by RES (again: reverse), a click on a
# row selects that process, the wheel moves the selection, a click in the
# column picker toggles a column, and the keys still work. A terminal
# without mouse support (vt100) gets no mouse mode at all, and quitting
# turns mouse mode off again.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

P="tm$$"
P=${P:0:10}
tui_spawn_child 8 900 "${P}big"
A=$CHILD_PID
tui_spawn_child 32 600 "${P}mid"
B=$CHILD_PID

flag() {
    tui_pane_flag "$1"
}

# click X Y / wheel_down X Y: screen cells counted from 0, encoded as the
# terminal in the pane would (X10 reports are bytes 32 + value, so this
# test keeps to the first 94 columns and rows).
report() {      # report BUTTON X Y PRESS(M|m)
    if [ "$(flag mouse_sgr_flag)" = 1 ]; then
        tui_type $'\e'"[<$1;$(($2 + 1));$(($3 + 1))$4"
    else
        local b=$1
        [ "$4" = m ] && b=3
        tui_type $'\e'"[M$(printf "\\x$(printf %x $((32 + b)))\\x$(printf %x $((33 + $2)))\\x$(printf %x $((33 + $3)))")"
    fi
}
click() {
    report 0 "$1" "$2" M
    report 0 "$1" "$2" m
}
wheel_down() {
    report 65 "$1" "$2" M
}

# Screen row (from 0) of the first line matching REGEX.
row_of() {
    tui_screen | awk -v re="$1" '$0 ~ re { print NR - 1; exit }'
}
# Screen column (from 0) where TEXT starts on the title row.
title_x() {
    tui_screen | awk -v t="$1" '/^ *PID .*COMMAND/ { print index($0, t) - 1; exit }'
}
selected_pid() {
    tui_reverse_lines | grep -v 'PID.*COMMAND' | awk 'NR == 1 { print $1 }'
}

run_term() {    # run_term TERM
    local term=$1 y x yb ya
    # A long delay keeps the rows where they are between the clicks.
    tui_start 90 40 env NO_COLOR=1 TERM="$term" "$OOMTOP" --readonly -d 100
    tui_wait_for 'OOM▼' "started ($term)"
    tui_poll eval '[ "$(flag mouse_any_flag)" = 1 ]' ||
        tui_fail "$term: oomtop did not ask the terminal for mouse reports"
    local enc=X10
    [ "$(flag mouse_sgr_flag)" = 1 ] && enc=SGR

    # Title clicks sort; the same title again reverses.
    y=$(row_of '^ *PID .*COMMAND')
    x=$(title_x RES)
    [ -n "$y" ] && [ "$x" -gt 0 ] || tui_fail "no title row"
    click $((x + 1)) "$y"
    tui_wait_for 'RES▼' "$term: click on RES sorts by RES"
    click $((x + 1)) "$y"
    tui_wait_for 'RES▲' "$term: second click reverses"
    click "$(title_x PID)" "$y"
    tui_wait_for 'PID▲' "$term: click on PID sorts by PID"
    tui_log "$term ($enc): title clicks sort by RES, reverse, then PID"

    # The wheel moves the selection by three rows. (A click selects the
    # first row on screen: tmux sends Home as xterm's Find key.)
    local first fourth i
    first=$(tui_column PID | sed -n 1p)
    fourth=$(tui_column PID | sed -n 4p)
    click 3 $((y + 1))
    tui_poll eval '[ "$(selected_pid)" = "$first" ]' || tui_fail "$term: click did not select the first row on screen"
    wheel_down 10 $((y + 2))
    tui_poll eval '[ "$(selected_pid)" = "$fourth" ]' ||
        tui_fail "$term: wheel down did not move the selection to the fourth row ($fourth)"
    tui_log "$term: wheel down moves the selection from $first to $fourth"

    # Row clicks select (the two children alone, by a search).
    tui_keys / && tui_type "$P" && tui_keys Enter
    tui_poll eval '[ "$(tui_column PID | wc -l)" = 2 ]' || tui_fail "search did not leave the two children"
    yb=$(row_of "^ *$B ")
    [ -n "$yb" ] || tui_fail "child $B not on screen"
    click 3 "$yb"
    tui_poll eval '[ "$(selected_pid)" = "$B" ]' || tui_fail "$term: click on $B's row did not select it"
    ya=$(row_of "^ *$A ")
    click 40 "$ya"
    tui_poll eval '[ "$(selected_pid)" = "$A" ]' || tui_fail "$term: click on $A's row did not select it"
    tui_log "$term: row clicks select $B, then $A"

    tui_keys /
    for i in $(seq $(( ${#P} + 3 ))); do tui_keys BSpace; done
    tui_keys Enter
    tui_poll eval '[ "$(tui_column PID | wc -l)" -gt 4 ]' || tui_fail "search not cleared"

    # The keys still work after mouse reports.
    tui_keys O
    tui_wait_for 'OOM▼' "$term: keys still work"
    local before
    before=$(selected_pid)
    tui_keys Down
    tui_poll eval '[ "$(selected_pid)" != "$before" ]' || tui_fail "Down did nothing after the mouse"

    # In the column picker a click on a mark toggles that column.
    tui_keys F2
    tui_wait_for '^Columns \(shown first' "picker"
    local ys
    ys=$(row_of '^\[x\] SWAP ')
    click 1 "$ys"
    tui_wait_for '^\[ \] SWAP ' "$term: click on SWAP's mark hides it"
    tui_keys Enter
    tui_wait_for '^ +PID +USER +NI +VIRT +RES +SHR +%MEM +OOM. +ADJ' "$term: table without SWAP"
    tui_log "$term: a click in the picker toggles a column"

    tui_keys q
    tui_poll tui_session_gone || tui_fail "q did not quit"
}

run_term screen
run_term xterm-256color

# --- no mouse support in terminfo: no mouse mode, the keys as ever
tui_start 90 40 env NO_COLOR=1 TERM=vt100 "$OOMTOP"
tui_wait_for 'OOM.' "started on a vt100"
[ "$(flag mouse_any_flag)" = 0 ] || tui_fail "mouse mode asked of a vt100"
tui_keys M
tui_wait_for 'RES.' "keys work on a vt100"
tui_keys q
tui_poll tui_session_gone || tui_fail "q did not quit"
tui_log "vt100: no mouse mode, keys work"

# --- quitting hands the terminal back without mouse mode
tui_start_shell 90 40
tui_type "NO_COLOR=1 TERM=screen $OOMTOP" && tui_keys Enter
tui_wait_for 'OOM▼' "started from the shell"
tui_poll eval '[ "$(flag mouse_any_flag)" = 1 ]' || tui_fail "no mouse mode while running"
tui_keys q
tui_wait_for '^tui\$' "shell prompt after q"
tui_poll eval '[ "$(flag mouse_any_flag)" = 0 ]' || tui_fail "mouse mode left on after q"
tui_log "mouse mode off again after q"
exit 0
