#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_signals.sh - leaving oomtop never leaves a broken terminal: after q,
# SIGTERM, SIGHUP and SIGINT the shell it ran from has echo and canonical
# mode back, no alternate screen, a visible cursor, and the exit status says
# why; a crash signal restores it too and dies of that signal. A dropped session (the shell hung up) takes oomtop with it.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require
command -v ps >/dev/null || { echo "SKIP: ps (Debian package procps) missing"; exit 77; }

# Runs oomtop from the pane's shell; sets OOMTOP_PID.
run_from_shell() {
    tui_keys C-l
    tui_type "${1:-}$OOMTOP; echo \"rc=\$?\"" && tui_keys Enter
    tui_wait_for '^Commit:' "oomtop on screen"
    [ "$(tui_pane_flag alternate_on)" = 1 ] || tui_fail "oomtop did not use the alternate screen"
    local shell_pid
    shell_pid=$(tui_pane_pid)
    OOMTOP_PID=$(tui_child_oomtop "$shell_pid")
    [ -n "$OOMTOP_PID" ] || tui_fail "no oomtop process under the shell $shell_pid"
}

# The shell's terminal is as it was: echo, icanon, no alternate screen,
# cursor shown, and oomtop's exit status was $1.
check_restored() {
    local how=$1 rc=$2
    tui_wait_for "^rc=$rc\$" "exit status $rc after $how"
    [ "$(tui_pane_flag alternate_on)" = 0 ] || tui_fail "alternate screen left on after $how"
    [ "$(tui_pane_flag cursor_flag)" = 1 ] || tui_fail "cursor left hidden after $how"
    tui_keys C-l
    tui_type "echo \"modes: \$(stty -a | tr ' ;' '\\n\\n' | grep -x -E -- '-?(echo|icanon|icrnl|opost)' | tr '\\n' ' ')\""
    tui_keys Enter
    tui_wait_for '^modes: .*icanon' "stty output after $how"
    local modes
    modes=$(tui_screen | grep '^modes: ' | tail -1)
    for m in echo icanon icrnl opost; do
        case " $modes " in
            *" $m "*) ;;
            *) tui_fail "terminal mode $m not restored after $how (stty: $modes)" ;;
        esac
    done
    tui_log "$how: exit $rc, terminal restored ($modes)"
}

tui_start_shell 100 30

run_from_shell
tui_keys q
tui_poll tui_pid_gone "$OOMTOP_PID" || tui_fail "q did not end oomtop"
check_restored "q" 0

for sig in TERM HUP INT QUIT SEGV; do
    run_from_shell
    kill -s "$sig" "$OOMTOP_PID"
    tui_poll tui_pid_gone "$OOMTOP_PID" || tui_fail "oomtop $OOMTOP_PID survived SIG$sig"
    check_restored "SIG$sig" $((128 + $(kill -l "$sig")))
done

# A dropped connection: the shell gets SIGHUP, then the terminal is gone.
run_from_shell
shell_pid=$(tui_pane_pid)
kill -s HUP "$shell_pid"
tui_poll tui_pid_gone "$OOMTOP_PID" || tui_fail "oomtop survived the shell's hangup"
tui_log "shell hung up: oomtop $OOMTOP_PID gone"

# The terminal closed under it (window killed): oomtop must not linger.
# In the sanitizer build, LeakSanitizer's exit-time tracer can spin forever
# once the controlling terminal is gone (seen: oomtop had left its loop and
# was exiting, the tracer ptracing it never finished); leaks are checked by
# every other test of that build and by valgrind, so only here it is off.
tui_start_shell 100 30
run_from_shell "${OOMTOP_SANITIZED:+ASAN_OPTIONS=detect_leaks=0 }"
tmx kill-server
tui_poll tui_pid_gone "$OOMTOP_PID" || tui_fail "oomtop survived its terminal closing"
tui_log "terminal closed: oomtop $OOMTOP_PID gone"
exit 0
