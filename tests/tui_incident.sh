#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_incident.sh - the incident context on a real screen: the PSI line and
# the OOM kill counters in the header, the CGROUP columns, the one-OOM-domain
# view with the cgroup's limit and usage, and real memory-cgroup OOM kills
# appearing in the history view (open, and closed: then flagged in the
# header until the view is opened).
. "${srcdir:-.}/tests/tui_lib.sh"
. "${srcdir:-.}/tests/cgroup_lib.sh"
tui_require
[ -x "$TESTS_HELPERS/memhog" ] || tui_fail "helper $TESTS_HELPERS/memhog missing"
trap 'cg_cleanup; tui_cleanup' EXIT

# Without the kernel log the history cannot show a kill: say why.
if ! "$OOMTOP" -b --oom-history -o json >/dev/null 2>"$TUI_TMP/err"; then
    cg_skip "oomtop cannot read the kernel log here: $(cat "$TUI_TMP/err")"
fi
cg_make "oomtop-tui-$$"
name="tui$$"
name=${name:0:15}
cg_hog "$name" hog_fd
hog=$HOG_PID

tui_start 160 45 "$OOMTOP" -d 1
# --- header: PSI (or why not) and the OOM kill counters
tui_wait_for '^PSI: (some [0-9.]+% [0-9.]+% [0-9.]+%, full [0-9.]+% [0-9.]+% [0-9.]+%|not available)' \
    "PSI line with avg10/60/300 on a wide screen"
tui_wait_for 'Swap in [0-9.]+ [KMGT]iB/s, out [0-9.]+ [KMGT]iB/s  Major faults [0-9]+/s' \
    "swap and major fault rates after the second refresh"
tui_wait_for '^OOM kills: [0-9]+ since boot, 0 since oomtop started$' "OOM kill counters"
tui_log "header shows PSI, vmstat rates and the OOM kill counters"

# --- cgroup columns, then the hog's OOM domain alone
tui_keys G
tui_wait_for 'CGROUP +CG% COMMAND' "G shows the CGROUP and CG% columns"
tui_keys / && tui_type "$name" && tui_keys Enter
tui_poll tui_rows_are "$hog" || tui_fail "search did not select the hog alone"
tui_wait_for "^ +$hog .* $CG_REL +[0-9]+ $name" "the hog's row shows its cgroup and fill"
tui_keys o
tui_wait_for "^OOM domain $CG_REL: limit 32.0 MiB, usage [0-9.]+ MiB \([0-9]+%\), 0 OOM kills; 1 process" \
    "o shows the hog's OOM domain with its limit and usage"
tui_wait_for "CGROUP +CG% +CGRANK. COMMAND" "the domain view adds CGRANK and sorts by it"
tui_wait_for "^ +$hog .* $CG_REL +[0-9]+ +1 $name" "the hog is first in its domain"
tui_keys /
for _ in $(seq ${#name}); do tui_keys BSpace; done
tui_keys Enter
tui_wait_gone "search '" "the search is cleared"
tui_poll tui_rows_are "$hog" || tui_fail "with no search the domain view shows more than its one process"
tui_keys o
tui_wait_for "Every process, ranked for a system-wide OOM" "o again: every process"
tui_wait_gone "^OOM domain " "the domain line goes"
tui_log "cgroup columns and the OOM-domain view show the limit and usage before the kill"

# --- a kill while the history view is open: it appears at once, flagged
tui_keys L
tui_wait_for '^OOM history: [0-9]+ kills?, [0-9]+ refusals? in the kernel log' "L opens the history"
tui_wait_for '^TIME +PID COMMAND +SCOPE' "history titles"
tui_lacks "^[-0-9]+ [0-9:]+ +$hog $name " || tui_fail "the hog is in the history before its kill"
cg_grow "$hog_fd" "$hog"
TUI_TIMEOUT=20 tui_wait_for "^[-0-9]+ [0-9:]+ +$hog $name +memcg +" "the kill in the open view"
TUI_TIMEOUT=20 tui_wait_for '; [0-9]+ new OOM kills? \(L\)$' "the header flags the new kill"
tui_wait_for '[1-9][0-9]* since oomtop started' "the since-start counter moved"
if tui_screen | awk -v p="$hog" '/^TIME +PID/ { getline; exit !($3 == p) }'; then
    tui_wait_for "^Killed pid $hog \($name\), uid 0 at " "details of the newest kill"
    tui_wait_for "^memcg OOM, victim in $CG_REL, limit hit in $CG_REL; invoked by $name" \
        "its memcg and invoker"
fi
tui_keys Escape
tui_wait_for 'CG% COMMAND' "Esc goes back to the table"
tui_wait_gone 'new OOM kill' "leaving the view acknowledges the new kills"
tui_log "a kill in the open history view appears at once and is flagged"

# --- a kill while the view is closed: flagged until the view is opened
cg_hog "${name}b" hog2_fd
hog2=$HOG_PID
cg_grow "$hog2_fd" "$hog2"
TUI_TIMEOUT=20 tui_wait_for '; 1 new OOM kill \(L\)$' "header flag for a kill in the closed view"
tui_keys L
tui_wait_for "^[-0-9]+ [0-9:]+ +$hog2 ${name}b +memcg" "the second kill in the history"
tui_keys q
tui_wait_gone 'new OOM kill' "opening the view acknowledged it"
tui_wait_for 'CG% COMMAND' "q closes the history, not oomtop"
tui_log "a kill while the view is closed is flagged in the header until L"

tui_keys F10
tui_poll tui_session_gone || tui_fail "F10 did not quit"

# --- without permission for the kernel log: the header and the view say
# why and what is needed, and the vmstat counters still work
if command -v setpriv >/dev/null && [ "$(cat /proc/sys/kernel/dmesg_restrict 2>/dev/null)" = 1 ] &&
    setpriv --reuid 65534 --regid 65534 --clear-groups "$OOMTOP" --version >/dev/null 2>&1; then
    tui_start 120 30 setpriv --reuid 65534 --regid 65534 --clear-groups "$OOMTOP"
    tui_wait_for '^OOM kills: [0-9]+ since boot, 0 since oomtop started; kernel log not readable \(L: why\)'         "the header says the log is not readable"
    tui_keys L
    tui_wait_for '^OOM history: the kernel log cannot be read' "the view says it cannot read"
    tui_wait_for 'needs root or CAP_SYSLOG' "and what is needed"
    tui_wait_for '^OOM kills since boot \(/proc/vmstat, no log needed\): [0-9]+' "vmstat still counts"
    tui_keys Escape F10
    tui_poll tui_session_gone || tui_fail "F10 did not quit"
    tui_log "without CAP_SYSLOG the history says why and what is needed"
else
    echo "note: the unprivileged case is not checked here (needs setpriv, kernel.dmesg_restrict = 1" \
        "and a binary user nobody may run)"
fi
exit 0
