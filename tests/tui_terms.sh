#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_terms.sh - terminals and locales: common TERMs work, a dumb or unknown
# terminal and a non-terminal are refused with a message, LANG=C gets an
# ASCII screen, UTF-8 gets block characters, NO_COLOR and monochrome
# terminals get no colour but keep the selection visible (reverse video).
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

quit_now() {
    tui_keys q
    tui_poll tui_session_gone || tui_fail "q did not quit ($1)"
}

for t in xterm-256color screen vt100 linux; do
    if ! infocmp "$t" >/dev/null 2>&1; then
        echo "note: no terminfo entry for $t here, not tried"
        continue
    fi
    TERM_FOR_TUI=$t tui_start 100 30 "$OOMTOP"
    tui_wait_for '^Commit:' "start-up with TERM=$t"
    tui_wait_for 'PID.*COMMAND' "titles with TERM=$t"
    if [ "$t" = vt100 ]; then
        # No colours on a vt100: the selection is reverse video.
        tui_has_colour && tui_fail "colour codes sent to a vt100"
        [ -n "$(tui_reverse_lines | grep -v 'PID.*COMMAND')" ] || tui_fail "no visible selection on vt100"
    fi
    quit_now "TERM=$t"
    tui_log "TERM=$t works"
done

# Refusals, seen from a shell: message and status 1, terminal untouched.
tui_start_shell 120 20
tui_type "TERM=dumb $OOMTOP; echo rc=\$?" && tui_keys Enter
tui_wait_for "terminal 'dumb' cannot move the cursor; use -b" "dumb terminal refused"
tui_wait_for '^rc=1$' "status 1 for a dumb terminal"
tui_keys C-l
tui_type "TERM=no-such-term-$$ $OOMTOP; echo rc=\$?" && tui_keys Enter
tui_wait_for "unknown terminal type 'no-such-term-$$'; use -b" "unknown terminal refused"
tui_wait_for '^rc=1$' "status 1 for an unknown terminal"
tui_keys C-l
tui_type "$OOMTOP </dev/null; echo rc=\$?" && tui_keys Enter
tui_wait_for 'use -b' "stdin not a terminal refused"
tui_wait_for '^rc=1$' "status 1 without a terminal on stdin"
tui_keys C-l
tui_type "$OOMTOP | cat; echo rc=\${PIPESTATUS[0]}" && tui_keys Enter
tui_wait_for 'use -b' "stdout not a terminal refused"
tui_wait_for '^rc=1$' "status 1 without a terminal on stdout"
[ "$(tui_pane_flag alternate_on)" = 0 ] || tui_fail "a refusal switched the screen"
tmx kill-server
tui_log "dumb, unknown and non-terminals refused with a message"

# LANG=C: nothing but ASCII reaches the screen.
tui_start 100 30 env LC_ALL=C LANG=C "$OOMTOP"
tui_wait_for '^\[[#.]+.*\]' "ASCII bar"
tui_wait_for 'OOMv' "ASCII sort arrow"
tui_screen | LC_ALL=C grep -q '[^ -~]' && tui_fail "non-ASCII on screen under LANG=C"
quit_now "LANG=C"
tui_log "LANG=C: ASCII gauge and arrows"

# UTF-8 with colours, then NO_COLOR.
tui_start 100 30 "$OOMTOP"
tui_wait_for '^\[[█▏▎▍▌▋▊▉·]+' "UTF-8 block bar"
tui_wait_for 'OOM▼' "UTF-8 sort arrow"
tui_poll tui_has_colour || tui_fail "no colour on a colour terminal"
quit_now "UTF-8"
tui_start 100 30 env NO_COLOR=1 "$OOMTOP"
tui_wait_for '^Commit:' "start-up with NO_COLOR"
tui_has_colour && tui_fail "colour codes despite NO_COLOR"
[ -n "$(tui_reverse_lines | grep -v 'PID.*COMMAND')" ] || tui_fail "no visible selection with NO_COLOR"
quit_now "NO_COLOR"
tui_log "UTF-8 blocks and colours; NO_COLOR keeps a reverse-video selection"
exit 0
