#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_columns.sh - the column picker (F2, f) in a real terminal: it hides
# SWAP, shows CGROUP, moves a column left and right, refuses to hide PID or
# to move COMMAND, and the table follows; the sort keys walk the new order;
# G still adds and removes the cgroup columns in the same list; PSS shows a
# child's proportional set size; cgroup and smaps_rollup files are read only
# while a column that needs them is shown.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

P="tc$$"
P=${P:0:10}
tui_spawn_child 16 100 "${P}col"
A=$CHILD_PID

tui_start 200 45 env NO_COLOR=1 "$OOMTOP" --readonly -d 0.5
tui_wait_for 'OOM▼' "started"
DEFAULT='PID USER NI VIRT RES SHR SWAP %MEM OOM ADJ RANK COMMAND'

# The picker line under the cursor (reverse video).
picker_cursor() {
    tui_reverse_lines | grep '^\[[x ]\] '
}
# picker_to TITLE: the cursor onto TITLE's line, from the top.
picker_to() {
    local i
    tui_keys Home
    for i in $(seq 24); do
        TUI_TIMEOUT=1 tui_poll eval "picker_cursor | grep -q '^\\[[x ]\\] $1 '" && return 0
        tui_keys Down
    done
    tui_fail "picker cursor never reached $1"
}
preview_is() {
    tui_has "^Table: $1\$"
}

tui_keys F2
tui_wait_for '^Columns \(shown first, in table order\)' "F2 opens the picker"
tui_poll preview_is "$DEFAULT" || tui_fail "preview is not the default columns"
tui_wait_for '^\[ \] CGROUP +cgroup +memory cgroup' "optional columns listed, hidden"
tui_wait_for '^\[x\] SWAP +swap +swapped-out' "SWAP listed, shown"

# --- hide SWAP, show CGROUP
picker_to SWAP
tui_keys Space
tui_wait_for 'SWAP hidden' "Space hides SWAP"
tui_poll preview_is 'PID USER NI VIRT RES SHR %MEM OOM ADJ RANK COMMAND' || tui_fail "SWAP still previewed"
tui_wait_for '^\[ \] SWAP ' "SWAP marked hidden"
picker_to CGROUP
tui_keys Space
tui_wait_for 'CGROUP shown' "Space shows CGROUP"
tui_poll preview_is 'PID USER NI VIRT RES SHR %MEM OOM ADJ RANK CGROUP COMMAND' ||
    tui_fail "CGROUP not added before COMMAND"

# --- reorder: [ and - move left, ] and + right
tui_keys '['
tui_poll preview_is 'PID USER NI VIRT RES SHR %MEM OOM ADJ CGROUP RANK COMMAND' || tui_fail "[ did not move CGROUP left"
tui_keys '-'
tui_poll preview_is 'PID USER NI VIRT RES SHR %MEM OOM CGROUP ADJ RANK COMMAND' || tui_fail "- did not move CGROUP left"
tui_keys ']'
tui_poll preview_is 'PID USER NI VIRT RES SHR %MEM OOM ADJ CGROUP RANK COMMAND' || tui_fail "] did not move CGROUP right"
tui_keys '+'
tui_poll preview_is 'PID USER NI VIRT RES SHR %MEM OOM ADJ RANK CGROUP COMMAND' || tui_fail "+ did not move CGROUP right"
tui_keys '+'
tui_wait_for 'CGROUP is already last before COMMAND' "nothing passes COMMAND"
tui_keys '[' '['
FINAL='PID USER NI VIRT RES SHR %MEM OOM CGROUP ADJ RANK COMMAND'
tui_poll preview_is "$FINAL" || tui_fail "CGROUP not back after OOM"
tui_log "picker: SWAP hidden, CGROUP shown and moved: $FINAL"

# --- what must stay
picker_to PID
tui_keys Space
tui_wait_for 'PID stays shown' "PID cannot be hidden"
picker_to COMMAND
tui_keys '['
tui_wait_for 'COMMAND stays last' "COMMAND cannot move"
picker_to RES
tui_wait_for '^\[x\] RES .*$'
tui_poll preview_is "$FINAL" || tui_fail "refused edits changed the columns"

# --- Enter applies: the table follows
tui_keys Enter
tui_wait_gone '^Columns \(shown first' "Enter closes the picker"
tui_wait_for '^ +PID +USER +NI +VIRT +RES +SHR +%MEM +OOM. +CGROUP +ADJ +RANK +COMMAND' "table titles in the new order"
tui_lacks ' SWAP ' || tui_fail "SWAP still in the table"
# The child's CGROUP cell is (the start of) its memory cgroup, or its unit.
path=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3; exit }' "/proc/$A/cgroup")
[ -n "$path" ] || path=$(awk -F: '$1 == "0" { print $3 }' "/proc/$A/cgroup")
tui_keys / && tui_type "${P}col" && tui_keys Enter
tui_poll tui_rows_are "$A" || tui_fail "search did not leave the child alone"
cell_ok() {
    local cell
    cell=$(tui_column CGROUP | head -1)
    cell=${cell%…}
    [ -n "$cell" ] && [ "$cell" != "-" ] && [[ "$path" == *"$cell"* ]]
}
if [ -n "$path" ]; then
    tui_poll cell_ok || tui_fail "CGROUP cell '$(tui_column CGROUP | head -1)' is not from $path"
    tui_log "child's CGROUP cell: $(tui_column CGROUP | head -1) (memory cgroup $path)"
fi
tui_keys /
for i in $(seq $(( ${#P} + 3 ))); do tui_keys BSpace; done
tui_keys Enter
tui_poll eval '[ "$(tui_column PID | wc -l)" -gt 1 ]' || tui_fail "search not cleared"
tui_log "table shows the picked columns in the picked order"

# --- the sort keys walk the columns on screen
tui_keys P O
tui_wait_for 'OOM▼' "O"
tui_keys '>'
tui_wait_for 'CGROUP▲' "> from OOM goes to CGROUP, next on screen"
tui_keys '>'
tui_wait_for 'ADJ▼' "> from CGROUP to ADJ"
tui_keys '<' '<' '<'
tui_wait_for '%MEM▼' "< walks back past CGROUP"
tui_log "sort keys follow the new column order"

# --- G adds CG% to the same list and takes both cgroup columns away again
tui_keys G
tui_wait_for '^ +PID .* +CGROUP +ADJ +RANK +CG% +COMMAND' "G adds CG% before COMMAND"
tui_keys G
tui_wait_for '^ +PID +USER +NI +VIRT +RES +SHR +%MEM.? +OOM +ADJ +RANK +COMMAND' "G again hides CGROUP and CG%"
tui_log "G works on the one column list"

# --- f opens the picker too; Esc closes and applies as well
tui_keys f
tui_wait_for '^Columns \(shown first' "f opens the picker"
picker_to SWAP
tui_keys Space Escape
tui_wait_for '^ +PID +USER +NI +VIRT +RES +SHR +%MEM.? +OOM +ADJ +RANK +SWAP +COMMAND' \
    "Esc applies: SWAP back, before COMMAND"

# --- PSS: the child's proportional set size covers the 16 MiB it touched
tui_keys f
tui_wait_for '^\[ \] PSS +pss +proportional set size' "PSS listed"
picker_to PSS
tui_keys Space Enter
tui_wait_for '^ +PID .* +SWAP +PSS +COMMAND' "PSS shown before COMMAND"
tui_keys / && tui_type "${P}col" && tui_keys Enter
tui_poll tui_rows_are "$A" || tui_fail "search did not leave the child alone"
pss_ok() {
    local pss res
    pss=$(tui_kb "$(tui_column PSS | head -1)")
    res=$(tui_kb "$(tui_column RES | head -1)")
    [ "$pss" -ge $((16 * 1024)) ] && [ "$pss" -le "$res" ]
}
tui_poll pss_ok || tui_fail "child's PSS '$(tui_column PSS | head -1)' is not 16 MiB .. RES"
tui_log "child's PSS $(tui_column PSS | head -1) KiB, RES $(tui_column RES | head -1) KiB"
tui_keys /
for i in $(seq $(( ${#P} + 3 ))); do tui_keys BSpace; done
tui_keys Enter

# --- cgroup and smaps_rollup files are read only while their column is shown
pane=$(tui_pane_pid)
pid=$(tui_child_oomtop "$pane")
[ -z "$pid" ] && pid=$pane
opens() {    # opens PID: the files opened during 1.5 s (three refreshes)
    timeout 1.5 strace -f -qq -e trace=openat -p "$1" 2>&1
}
can_trace() {
    command -v strace >/dev/null 2>&1 &&
        ! timeout 0.5 strace -qq -e trace=none -p "$1" 2>&1 | grep -q -i 'attach\|not permitted'
}
if can_trace "$pid"; then
    before=$(opens "$pid")
    tui_keys G f
    tui_wait_for '^Columns \(shown first' "picker"
    picker_to PSS
    tui_keys Space Enter
    tui_wait_for 'CGROUP +CG% COMMAND' "G shows the cgroup columns, PSS hidden"
    tui_lacks ' PSS ' || tui_fail "PSS still shown"
    after=$(opens "$pid")
    n_cg0=$(grep -c '/cgroup"' <<<"$before")
    n_cg1=$(grep -c '/cgroup"' <<<"$after")
    n_ps0=$(grep -c '/smaps_rollup"' <<<"$before")
    n_ps1=$(grep -c '/smaps_rollup"' <<<"$after")
    [ "$n_cg0" -eq 0 ] || tui_fail "$n_cg0 cgroup files opened while no cgroup column is shown"
    [ "$n_cg1" -gt 0 ] || tui_fail "no cgroup file opened while CGROUP is shown"
    [ "$n_ps0" -gt 0 ] || tui_fail "no smaps_rollup opened while PSS is shown"
    [ "$n_ps1" -eq 0 ] || tui_fail "$n_ps1 smaps_rollup files opened while PSS is hidden"
    tui_log "opened in 1.5 s: cgroup $n_cg0 hidden / $n_cg1 shown; smaps_rollup $n_ps0 shown / $n_ps1 hidden"
else
    echo "note: strace cannot attach here; the read-only-while-shown check is not run"
fi

tui_keys q
tui_poll tui_session_gone || tui_fail "q did not quit"
exit 0
