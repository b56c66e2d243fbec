#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_hostile.sh - a process whose name and command line are made of escape
# sequences (title, clipboard OSC 52, screen clear, C1 CSI), tabs, newlines,
# backspace, DEL, invalid UTF-8, bidi overrides, emoji, double-width CJK and
# 4 KiB of text: nothing of it may act on the terminal, and the row stays in
# its columns. Everything oomtop writes to the pane is recorded and searched.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

comm=$'\e]2;PWNED\a\e[2J'
long=$(printf 'x%.0s' $(seq 4096))
tui_spawn_child 1 0 "$comm" $'\e]52;c;cHduZWQ=\a' $'\xc2\x9b31m\xc2\x85' $'\xe2\x80\xaeRLO\xe2\x81\xa6' \
    $'tab\tnl\nbs\bdel\x7f' $'bad\xff\xfe\xc0\xafutf8' '😀漢字' "$long"
EVIL=$CHILD_PID

tui_start 400 30 "$OOMTOP"
tmx set-option -g set-clipboard on
title_before=$(tui_pane_flag pane_title)
raw="$TUI_TMP/pane.raw"
tmx pipe-pane -o -t "$TUI_TARGET" "cat >'$raw'"
tui_wait_for '^Commit:' "start-up"
tui_keys / && tui_type PWNED && tui_keys Enter
tui_poll tui_rows_are "$EVIL" || tui_fail "the hostile process is not the one row shown"
tui_keys c
tui_wait_for 'memchild 1 0 ' "command line shown"
tui_wait_for '😀漢字 x' "emoji and CJK kept"
tui_keys C
sleep 0.3

# Columns stay put: the row's COMMAND starts under the COMMAND title, and
# no line is wider than the window.
title_col=$(tui_screen | awk '/PID.*COMMAND/ { print index($0, "COMMAND"); exit }')
row=$(tui_screen | grep -E "^ +$EVIL ")
[ -n "$row" ] || tui_fail "row of $EVIL missing"
prefix=$(printf '%s' "$row" | cut -c1-$((title_col - 1)))
printf '%s' "$prefix" | grep -q -E "^ +$EVIL +[a-z0-9_-]+ +-?[0-9]+ " || tui_fail "row cells moved: '$prefix'"
[ "$(tui_screen | wc -L)" -le 400 ] || tui_fail "a line is wider than the window"
[ "$(tui_screen | grep -c -E '^ +[0-9]+ ')" = 1 ] || tui_fail "the hostile row spilled onto other lines"

# Nothing acted on the terminal.
[ "$(tui_pane_flag pane_title)" = "$title_before" ] || tui_fail "the window title was changed"
[ -z "$(tmx list-buffers)" ] || tui_fail "OSC 52 reached the clipboard"
tui_keys q
tui_poll tui_session_gone || tui_fail "q did not quit"
[ -s "$raw" ] || tui_fail "nothing recorded from the pane"
LC_ALL=C grep -q -a -F 'PWNED' "$raw" || tui_fail "the name never reached the screen at all"
for bad in $'\e]2;' $'\e]52' $'\e[2J' $'\xc2\x9b' $'\xc2\x85' $'\xe2\x80\xae' $'\xe2\x81\xa6' \
    $'\xff' $'\xfe' $'\x7f' $'tab\t' $'bs\b'; do
    if LC_ALL=C grep -q -a -F -e "$bad" "$raw"; then
        printf 'FAIL: the terminal received %q from a process name\n' "$bad"
        exit 1
    fi
done
# Each control byte became one '?' (the newline too: grep -F cannot look
# for a newline inside a pattern, so the replacement is looked for instead).
LC_ALL=C grep -q -a -F 'tab?nl?bs?del?' "$raw" || tui_fail "tab, newline, backspace, DEL not replaced"
tui_log "hostile name and command line: no control byte reached the terminal, columns kept"
exit 0
