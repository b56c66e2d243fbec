#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_actions.sh - the action keys on real children, checked against the
# kernel: renice of every thread (prompt and F7/F8), bad prompt values that
# change nothing, oom_score_adj through the prompt and its confirmation,
# protect (refused without CAP_SYS_RESOURCE), signals, the exited-process
# guard, tags and "every process named X", and --readonly.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

P="ta$$"
P=${P:0:10}
tui_spawn_child 4 100 "${P}ren" 3
REN=$CHILD_PID
tui_spawn_child 4 100 "${P}dup"
DUP1=$CHILD_PID
# Same name: the library keeps a child's fifo under its name, so the second
# one gets a directory of its own.
LIB_TMP=$TUI_TMP
TUI_TMP=$(mktemp -d "$LIB_TMP/dup.XXXXXX")
tui_spawn_child 4 100 "${P}dup"
DUP2=$CHILD_PID
TUI_TMP=$LIB_TMP
tui_spawn_child 4 100 "${P}adj"
ADJ=$CHILD_PID
tui_spawn_child 4 100 "${P}kil"
KIL=$CHILD_PID
tui_spawn_child 4 100 "${P}gon"
GON=$CHILD_PID
tui_spawn_child 4 100 "${P}gk"
GK=$CHILD_PID

adj_of() { cat "/proc/$1/oom_score_adj"; }
# The children inherit this script's nice, which need not be 0.
BASE_NICE=$(nice)
# The nice of every thread of $1, one per line (field 19 of task/*/stat).
thread_nices() { for f in /proc/"$1"/task/*/stat; do awk '{ print $19 }' "$f"; done; }
all_threads_at() {   # all_threads_at PID NICE [COUNT]
    local n
    n=$(thread_nices "$1" | sort -u)
    [ "$n" = "$2" ] || return 1
    [ -z "$3" ] || [ "$(thread_nices "$1" | wc -l)" = "$3" ]
}
# Gone, or a zombie waiting for this shell to reap it.
exited() { ! [ -e "/proc/$1/stat" ] || [ "$(awk '{ print $3 }' "/proc/$1/stat")" = Z ]; }
sorted_words() { printf '%s\n' "$@" | sort | tr '\n' ' '; }
rows_are_any_order() { [ "$(sorted_words $(tui_column PID))" = "$(sorted_words "$@")" ]; }
# The search shows only rows named $1 (the pids given, in any order), then
# the first one is selected.
show_only() {
    tui_keys /
    tui_wait_for '^Search:' "search prompt"
    for _ in $(seq 20); do tui_keys BSpace; done
    tui_type "$1"
    tui_keys Enter
    tui_wait_gone '^Search:' "search for $1 kept"
    shift
    tui_poll rows_are_any_order "$@" || tui_fail "search did not show only $*"
    tui_keys Home
}
# Clears the prefilled input of an open dialog, then types $1 and Enter.
answer() {
    for _ in $(seq 20); do tui_keys BSpace; done
    [ -z "$1" ] || tui_type "$1"
    tui_keys Enter
}
# Lines drawn in bold (tagged rows under NO_COLOR), attributes stripped.
bold_lines() {
    tmx capture-pane -e -p -t "$TUI_TARGET" | awk '
        {
            line = $0; out = ""; b = 0; any = 0
            while (length(line) > 0) {
                if (match(line, /^\033\[[0-9;]*m/)) {
                    n = split(substr(line, 3, RLENGTH - 3), p, ";")
                    if (n == 0) b = 0
                    for (i = 1; i <= n; i++) {
                        if (p[i] == "0" || p[i] == "" || p[i] == "22") b = 0
                        else if (p[i] == "1") b = 1
                    }
                    line = substr(line, RLENGTH + 1)
                    continue
                }
                c = substr(line, 1, 1); line = substr(line, 2)
                if (c != " " && b) any = 1
                out = out c
            }
            if (any) print out
        }'
}

tui_start 200 50 env NO_COLOR=1 "$OOMTOP" -d 1
tui_wait_for 'OOM▼' "table shown"

# --- renice prompt: prefilled, every thread changes, the status says so
show_only "${P}ren" "$REN"
tui_keys r
tui_wait_for "Renice" "renice dialog"
tui_wait_for "pid $REN \\(${P}ren\\): nice $BASE_NICE, 3 threads" "target line in the dialog"
tui_wait_for "New nice \\(-20\\.\\.19\\): $BASE_NICE" "prompt prefilled with the current nice"
answer 5
tui_wait_for "pid $REN \\(${P}ren\\): nice $BASE_NICE -> 5, 3 of 3 threads changed" "renice result"
tui_poll all_threads_at "$REN" 5 3 || tui_fail "threads of $REN at $(thread_nices "$REN" | tr '\n' ' ')"
tui_log "renice prompt: 3 of 3 threads at nice 5"

tui_keys F8
tui_wait_for "nice 5 -> 6, 3 of 3 threads changed" "F8 result"
tui_poll all_threads_at "$REN" 6 3 || tui_fail "F8: threads at $(thread_nices "$REN" | tr '\n' ' ')"
capeff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
if (( (16#$capeff >> 23) & 1 )); then      # CAP_SYS_NICE: lowering allowed
    tui_keys F7
    tui_wait_for "nice 6 -> 5, 3 of 3 threads changed" "F7 result"
    tui_poll all_threads_at "$REN" 5 3 || tui_fail "F7: threads at $(thread_nices "$REN" | tr '\n' ' ')"
    tui_keys ']'
    tui_wait_for "nice 5 -> 4, 3 of 3 threads changed" "] result"
    tui_poll all_threads_at "$REN" 4 3 || tui_fail "]: threads at $(thread_nices "$REN" | tr '\n' ' ')"
    CUR=4
    tui_log "F8 / F7 / ] step the nice of every thread"
else
    CUR=6
    echo "SKIP (part): F7 lowers the nice, which needs CAP_SYS_NICE"
fi

# --- bad renice values: a message, nothing changed
for bad in 99 abc "" 1e9 -21 123456789012345678901; do
    tui_keys r
    tui_wait_for 'New nice' "renice prompt for '$bad'"
    answer "$bad"
    tui_wait_for '^nice: .*: nothing changed' "message for '$bad'"
    tui_wait_gone 'New nice' "dialog closed after '$bad'"
    all_threads_at "$REN" "$CUR" 3 || tui_fail "'$bad' changed the nice: $(thread_nices "$REN" | tr '\n' ' ')"
    tui_keys Space
done
tui_log "renice refuses 99, abc, empty, 1e9, -21 and an overlong value"

# --- Esc cancels
tui_keys r
tui_wait_for 'New nice' "renice prompt"
tui_keys Escape
tui_wait_for 'Cancelled: nothing changed' "Esc cancels"
all_threads_at "$REN" "$CUR" 3 || tui_fail "Esc changed the nice"

# --- typing over the prefilled value replaces it
tui_keys r
tui_wait_for "New nice \\(-20\\.\\.19\\): $CUR" "prefilled with $CUR"
tui_type 9
tui_wait_for 'New nice \(-20\.\.19\): 9 ' "typing replaced the prefilled value"
tui_keys Enter
tui_wait_for "nice $CUR -> 9, 3 of 3 threads changed" "renice to 9"
tui_poll all_threads_at "$REN" 9 3 || tui_fail "threads of $REN not at 9"
CUR=9
tui_log "typing over the prefilled nice replaces it"

# --- oom_score_adj through the prompt: confirmation with old -> new and the
# predicted victim, then the kernel has it
show_only "${P}adj" "$ADJ"
tui_keys a
tui_wait_for 'New oom_score_adj \(-1000\.\.1000\): 100' "adj prompt prefilled"
answer 900
tui_wait_for "pid $ADJ \\(${P}adj\\): oom_score_adj 100 -> 900" "old -> new in the confirmation"
tui_wait_for 'Next OOM victim now: ' "victim now"
tui_wait_for 'Next OOM victim after: ' "victim after"
tui_wait_for 'Enter/y: apply' "confirmation keys"
[ "$(adj_of "$ADJ")" = 100 ] || tui_fail "adj written before the confirmation"
tui_keys n
tui_wait_for 'Cancelled: nothing changed' "n cancels"
[ "$(adj_of "$ADJ")" = 100 ] || tui_fail "n changed the adj"
tui_keys a
tui_wait_for 'New oom_score_adj'
answer 900
tui_wait_for 'Next OOM victim after: ' "confirmation again"
tui_keys y
tui_wait_for "pid $ADJ \\(${P}adj\\): oom_score_adj 100 -> 900" "adj result"
tui_poll test "$(adj_of "$ADJ")" = 900 || tui_fail "kernel shows adj $(adj_of "$ADJ"), not 900"
tui_log "adj prompt: confirmed 100 -> 900, kernel agrees"

for bad in 1001 -1001 abc "" 1e9 99999999999999999999 " 5"; do
    tui_keys a
    tui_wait_for 'New oom_score_adj' "adj prompt for '$bad'"
    answer "$bad"
    tui_wait_for '^oom_score_adj: .*: nothing changed' "message for '$bad'"
    tui_wait_gone 'Next OOM victim' "no confirmation after '$bad'"
    [ "$(adj_of "$ADJ")" = 900 ] || tui_fail "'$bad' changed the adj to $(adj_of "$ADJ")"
    tui_keys Space
done
tui_log "adj prompt refuses 1001, -1001, abc, empty, 1e9, overlong, spaces"

# --- protect: -1000 needs CAP_SYS_RESOURCE
tui_keys p
tui_wait_for 'Protect from the OOM killer' "protect dialog"
tui_wait_for "pid $ADJ \\(${P}adj\\): oom_score_adj 900 -> -1000" "protect old -> new"
tui_wait_for 'Next OOM victim after: ' "protect predicts the victim"
tui_keys Enter
if (( (16#$capeff >> 24) & 1 )); then
    tui_wait_for "oom_score_adj 900 -> -1000" "protect result"
    tui_poll test "$(adj_of "$ADJ")" = -1000 || tui_fail "protect left adj $(adj_of "$ADJ")"
    tui_keys Escape     # a drop-in offer, if this runs in a service
    tui_keys p
    tui_wait_for 'Remove the protection' "p again restores"
    tui_wait_for "oom_score_adj -1000 -> 900" "restore to the value before"
    tui_keys y
    tui_poll test "$(adj_of "$ADJ")" = 900 || tui_fail "restore left adj $(adj_of "$ADJ")"
    tui_log "protect with CAP_SYS_RESOURCE: -1000, then back to 900"
else
    tui_wait_for 'protecting needs root with CAP_SYS_RESOURCE' "refusal names the capability"
    [ "$(adj_of "$ADJ")" = 900 ] || tui_fail "refused protect changed adj to $(adj_of "$ADJ")"
    tui_log "protect without CAP_SYS_RESOURCE: refused, adj still 900"
    echo "SKIP (part): protect success needs CAP_SYS_RESOURCE, which this run lacks"
fi

# --- drop-in: says why there is none here, or shows the file
tui_keys D
tui_wait_for 'systemd|drop-in' "D explains the drop-in"
tui_keys Escape

# --- kill: signal prompt (TERM), confirmation with pid, name and RES
show_only "${P}kil" "$KIL"
tui_keys F9
tui_wait_for 'Signal: TERM'
answer 0
tui_wait_for '^signal: 0 sends no signal.*nothing changed' "signal 0 refused"
tui_keys F9
tui_wait_for 'Signal: TERM'
answer NOPE
tui_wait_for "^signal: unknown signal 'NOPE'" "unknown signal refused"
exited "$KIL" && tui_fail "a refused signal was sent"
tui_keys F9
tui_wait_for "pid $KIL \\(${P}kil\\): RES [0-9.]+ MiB" "kill dialog shows RES"
tui_wait_for 'Signal: TERM' "TERM by default"
tui_keys Enter
tui_wait_for 'Send TERM \(signal 15\) to 1 process' "confirmation"
exited "$KIL" && tui_fail "signal sent before the confirmation"
tui_keys y
tui_wait_for "pid $KIL \\(${P}kil\\): sent signal TERM" "kill result"
tui_poll exited "$KIL" || tui_fail "child $KIL still alive after TERM"
tui_log "F9 sends TERM after a confirmation; bad signals refused"

# --- the process exits while its dialog is open: refused, nothing written
show_only "${P}gon" "$GON"
tui_keys a
tui_wait_for 'New oom_score_adj'
answer 700
tui_wait_for 'Next OOM victim after: ' "confirmation open"
kill -KILL "$GON"; wait "$GON" 2>/dev/null
tui_poll exited "$GON" || tui_fail "could not kill $GON"
tui_keys Space      # a refresh under the dialog: it must stay as captured
tui_wait_for "pid $GON \\(${P}gon\\): oom_score_adj 100 -> 700" "dialog keeps the captured process"
tui_keys y
tui_wait_for "process $GON \\(${P}gon\\) has exited" "exited process refused"
show_only "${P}gk" "$GK"
tui_keys F9
tui_wait_for 'Signal: TERM'
answer TERM
tui_wait_for 'Send TERM'
kill -KILL "$GK"; wait "$GK" 2>/dev/null
tui_poll exited "$GK" || tui_fail "could not kill $GK"
tui_keys Enter
tui_wait_for "process $GK \\(${P}gk\\) has exited" "kill of an exited process refused"
tui_log "a process that exits while its dialog is open is refused"

# --- tags: two processes tagged and reniced together
show_only "${P}dup" "$DUP1" "$DUP2"
FIRST=$(tui_column PID | head -1)
tui_keys t
tui_wait_for "pid $FIRST \\(${P}dup\\) tagged; 1 tagged" "t tags"
tui_keys t
tui_wait_for "pid ($DUP1|$DUP2) \\(${P}dup\\) tagged; 2 tagged" "t tags the next row"
tui_wait_for '\[2 tagged\]' "tag count in the status line"
# Tagged rows are bold; the one under the selection bar shows the bar.
row_re="^ *[0-9]+ .* ${P}dup *\$"
marked=$(bold_lines | grep -E -c "$row_re")
[ "$marked" -ge 1 ] && [ "$((marked + $(tui_reverse_lines | grep -E -c "$row_re")))" = 2 ] ||
    tui_fail "tagged rows not marked: $(bold_lines)"
tui_keys r
tui_wait_for "pid $DUP1 \\(${P}dup\\): nice $BASE_NICE, 1 thread" "first tagged in the dialog"
tui_wait_for "pid $DUP2 \\(${P}dup\\): nice $BASE_NICE, 1 thread" "second tagged in the dialog"
answer 7
tui_wait_for "all 2 processes done" "both reniced"
tui_poll all_threads_at "$DUP1" 7 || tui_fail "$DUP1 not at nice 7"
all_threads_at "$DUP2" 7 || tui_fail "$DUP2 not at nice 7"
all_threads_at "$REN" "$CUR" 3 || tui_fail "an untagged process was reniced"
tui_keys T
tui_wait_for 'Every process untagged' "T untags"
tui_wait_gone '\[2 tagged\]' "count gone"
tui_log "two tagged processes reniced together"

# --- every process named X: listed, confirmed, applied
tui_keys / && for _ in $(seq 20); do tui_keys BSpace; done && tui_keys Enter
tui_keys n
tui_wait_for 'Process name: ' "tag-by-name prompt"
answer "${P}dup"
tui_wait_for "Tagged 2 named ${P}dup: ($DUP1, $DUP2|$DUP2, $DUP1); 2 tagged in all" "both found"
tui_keys a
tui_wait_for "pid $DUP1 \\(${P}dup\\): oom_score_adj 100" "list before the value"
tui_wait_for "pid $DUP2 \\(${P}dup\\): oom_score_adj 100"
answer 600
tui_wait_for "pid $DUP1 \\(${P}dup\\): oom_score_adj 100 -> 600" "list in the confirmation"
tui_wait_for "pid $DUP2 \\(${P}dup\\): oom_score_adj 100 -> 600"
tui_keys y
tui_wait_for "all 2 processes done" "both set"
tui_poll test "$(adj_of "$DUP1")" = 600 || tui_fail "$DUP1 adj $(adj_of "$DUP1")"
[ "$(adj_of "$DUP2")" = 600 ] || tui_fail "$DUP2 adj $(adj_of "$DUP2")"
[ "$(adj_of "$REN")" = 100 ] || tui_fail "an untagged process changed"
tui_keys n
tui_wait_for 'Process name: '
answer "no_such_$P"
tui_wait_for "no process named 'no_such_$P'.*nothing tagged" "unknown name"
tui_log "n tags every process of a name; a applies to both after listing them"

tui_keys q
tui_poll tui_session_gone || tui_fail "q did not quit"

# --- --readonly: every action key refused, nothing opened or written
tui_start 200 50 env NO_COLOR=1 "$OOMTOP" --readonly
tui_wait_for 'OOM▼' "read-only table"
show_only "${P}adj" "$ADJ"
for key in r F7 F8 ']' '[' p a F9 D; do
    tui_keys Space
    tui_wait_gone 'read-only mode' "message cleared before $key"
    tui_keys "$key"
    tui_wait_for '^read-only mode: actions are disabled' "$key refused"
    tui_lacks 'Esc: cancel|Esc/n: cancel' || tui_fail "$key opened a dialog under --readonly"
done
[ "$(adj_of "$ADJ")" = 900 ] || tui_fail "read-only run changed the adj"
all_threads_at "$REN" "$CUR" 3 || tui_fail "read-only run changed the nice"
tui_log "--readonly: r F7 F8 ] [ p a F9 D all refused"
tui_keys q
tui_poll tui_session_gone || tui_fail "q did not quit"
exit 0
