#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_keys.sh - the keys of the interactive view, checked on the screen:
# sort keys move the marked column and reorder the rows, the selection
# follows its process across a re-sort, search filters as you type, the user
# filter, kernel threads, delay and the help screen. Runs with NO_COLOR, so
# the selection must show as reverse video alone.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

# Two children with the same prefix: A has the larger adj, so the larger
# oom_score and the first row under the default sort.
P="tk$$"
P=${P:0:10}
tui_spawn_child 8 900 "${P}big"
A=$CHILD_PID
tui_spawn_child 32 600 "${P}mid"
B=$CHILD_PID

tui_start 200 40 env NO_COLOR=1 "$OOMTOP"
tui_wait_for 'OOM▼' "default sort mark on OOM"

# --- sorting: the mark moves and the order follows
numeric_sorted() {   # numeric_sorted TITLE asc|desc: the column is in order
    local prev="" v
    [ -n "$(tui_column "$1")" ] || return 1
    for v in $(tui_column "$1"); do
        v=$(tui_kb "$v")
        if [ -n "$prev" ]; then
            if [ "$2" = asc ]; then [ "$v" -ge "$prev" ] || return 1
            else [ "$v" -le "$prev" ] || return 1; fi
        fi
        prev=$v
    done
}
tui_poll numeric_sorted OOM desc || tui_fail "default order is not OOM descending"
tui_keys M
tui_wait_for 'RES▼' "M marks RES"
tui_lacks 'OOM▼' || tui_fail "OOM still marked after M"
tui_poll numeric_sorted RES desc || tui_fail "M does not sort by RES descending"
tui_keys P
tui_wait_for 'PID▲' "P marks PID ascending"
tui_poll numeric_sorted PID asc || tui_fail "P does not sort by PID ascending"
tui_keys R
tui_wait_for 'PID▼' "R reverses"
tui_poll numeric_sorted PID desc || tui_fail "R does not reverse the PID order"
tui_keys '>'
tui_wait_for 'USER▲' "> moves the sort to USER"
tui_keys '<' '<'
tui_wait_for 'PID▲' "< moves back to PID (and stops at the first column)"
tui_keys O
tui_wait_for 'OOM▼' "O marks OOM"
tui_keys '>'
tui_wait_for 'ADJ▼' "> from OOM to ADJ"
tui_poll numeric_sorted ADJ desc || tui_fail "ADJ not descending"
tui_log "sort keys mark their column and order the rows"

# --- incremental search: filters while typing, Esc restores
tui_keys O /
tui_wait_for '^Search:' "search prompt"
tui_type "$P"
tui_poll tui_rows_are "$A" "$B" || tui_fail "typing '$P' did not filter to the two children"
tui_type "m"
tui_poll tui_rows_are "$B" || tui_fail "typing more did not narrow the filter"
tui_keys Escape
tui_wait_gone '^Search:' "Esc closes the prompt"
tui_poll numeric_sorted OOM desc || tui_fail "no rows after Esc"
[ "$(tui_column PID | wc -l)" -gt 2 ] || tui_fail "Esc did not cancel the search"
tui_keys / && tui_type "$P" && tui_keys Enter
tui_wait_for "search '$P'" "Enter keeps the search"
tui_poll tui_rows_are "$A" "$B" || tui_fail "search not kept"
tui_log "search filters as you type; Esc cancels, Enter keeps"

# --- the selection follows the process across a re-sort
selected_line() {
    tui_reverse_lines | grep -v 'PID.*COMMAND' | head -1
}
selection_on() {
    selected_line | grep -q "$1"
}
tui_keys Home
tui_poll selection_on "${P}big" || tui_fail "Home did not select the first row (reverse video)"
tui_keys Down
tui_poll selection_on "${P}mid" || tui_fail "Down did not select the second row"
tui_keys R
tui_poll tui_rows_are "$B" "$A" || tui_fail "R did not reverse the two rows"
tui_poll selection_on "${P}mid" || tui_fail "selection did not follow ${P}mid to the first row"
tui_keys R Home
tui_poll selection_on "${P}big" || tui_fail "Home did not select the first row after R"
tui_keys End
tui_poll selection_on "${P}mid" || tui_fail "End did not select the last row"
tui_log "selection follows the process across a re-sort; Home/End/Down"

# --- full command line
tui_keys c
tui_wait_for "memchild 32 600 ${P}mid" "c shows the command line"
tui_keys c
tui_wait_gone "memchild 32 600" "c back to the command name"

# --- user filter: unknown user changes nothing, a known one filters
tui_keys u
tui_wait_for '^User ' "user prompt"
tui_type "no_such_user_$$" && tui_keys Enter
tui_wait_for "Unknown user 'no_such_user_$$': filter unchanged" "unknown user message"
tui_poll tui_rows_are "$A" "$B" || tui_fail "unknown user changed the table"
me=$(id -un)
tui_keys u && tui_type "$me" && tui_keys Enter
tui_wait_for "Showing processes of $me" "user filter message"
tui_poll tui_rows_are "$A" "$B" || tui_fail "own children hidden by -u $me"
users_are() {
    [ -n "$(tui_column USER)" ] && [ -z "$(tui_column USER | grep -v -x "$1")" ]
}
tui_keys / C-u
for i in $(seq ${#P}); do tui_keys BSpace; done
tui_keys Enter
tui_poll users_are "$me" || tui_fail "rows of other users shown under the user filter"
if [ "$me" = root ] && id nobody >/dev/null 2>&1; then
    tui_keys u && tui_type nobody && tui_keys Enter
    tui_wait_for "Showing processes of nobody" "user nobody"
    tui_lacks " root " || tui_fail "root rows under the nobody filter"
fi
tui_keys u Enter
tui_wait_for "Showing every user" "empty user = everyone"
tui_log "user filter: unknown user refused, known user filters, empty shows all"

# --- kernel threads are hidden until K
tui_keys P Home
tui_wait_for 'PID▲'
tui_wait_for '^ +1 ' "PID 1 at the top"
tui_lacks ' kthreadd *$' || tui_fail "kernel thread shown by default"
tui_keys K Home
tui_wait_for '^ +2 .* kthreadd *$' "K shows kernel threads"
tui_keys K Home
tui_wait_gone ' kthreadd *$' "K hides them again"
tui_log "K toggles kernel threads"

# --- refresh delay: bad values change nothing
tui_keys d && tui_type "abc" && tui_keys Enter
tui_wait_for "Delay 'abc' is not a number of seconds from 0.1 to 3600: unchanged" "bad delay"
tui_keys s && tui_type "0.01" && tui_keys Enter
tui_wait_for "Delay '0.01' is not" "too small a delay"
tui_keys Space
tui_wait_for 'delay 2\.0s' "delay unchanged"
tui_keys d && tui_type "0.5" && tui_keys Enter
tui_wait_for 'Refreshing every 0\.5 s' "good delay"

# --- help: every key and every column, generated from the tables
tui_keys h
tui_wait_for '^Keys' "help screen"
tui_wait_for '^  q, F10 +quit' "quit key in help"
tui_wait_for '^  M +sort by RES' "sort key in help"
# The page grows with every feature: page down until each part shows.
help_find() {    # help_find REGEX WHAT
    local i
    for i in 1 2 3 4 5 6 7 8; do
        TUI_TIMEOUT=1 tui_poll tui_has "$1" && return 0
        tui_keys PageDown
    done
    tui_fail "help never showed /$1/ ($2)"
}
help_find '^  OOM +the kernel' "OOM column explained"
help_find '^  Commit +Committed_AS' "header figures explained"
tui_keys x
tui_wait_for 'OOM.|PID.' "any other key leaves help"
tui_log "help lists keys, columns and header figures"

tui_keys F10
tui_poll tui_session_gone || tui_fail "F10 did not quit"
exit 0
