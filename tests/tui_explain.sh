#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_explain.sh - the explain panel in a real terminal, for a child with
# known memory and oom_score_adj: the adj term is adj x totalpages/1000
# (worked out here from /proc/meminfo), the predicted oom_score is the one
# the kernel shows in /proc/PID/oom_score, the memory and committed figures
# cover what the child touched, and Esc, q and Enter close the panel
# without leaving oomtop.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

MIB=64
ADJ=500
NAME="ex$$"
NAME=${NAME:0:15}
tui_spawn_child "$MIB" "$ADJ" "$NAME"
C=$CHILD_PID

meminfo() {
    awk -v k="$1:" '$1 == k { print $2; exit }' /proc/meminfo
}
PAGE_KB=$(( $(getconf PAGESIZE) / 1024 ))
TOTALPAGES=$(( $(meminfo MemTotal) / PAGE_KB + $(meminfo SwapTotal) / PAGE_KB ))
UNIT=$(( TOTALPAGES / 1000 ))
TERM_PAGES=$(( ADJ * UNIT ))

tui_start 200 50 env NO_COLOR=1 "$OOMTOP"
tui_wait_for '^Policy: vm\.overcommit_memory' "started"
tui_keys / && tui_type "$NAME" && tui_keys Enter
tui_poll tui_rows_are "$C" || tui_fail "search did not show the child alone"
tui_keys Home Enter
tui_wait_for "Explain: $NAME \\(pid $C\\)" "panel title"

# The adj term, exactly.
tui_wait_for "adj term   \\+$ADJ x $UNIT = $TERM_PAGES pages \\([0-9.]+ [KMGT]iB\\): oom_score_adj x totalpages/1000" "adj term $ADJ x $UNIT"
tui_wait_for "badness    [0-9]+ pages \\([0-9.]+ [KMGT]iB\\) = memory \\+ adj term; totalpages $TOTALPAGES " "badness and totalpages"
tui_log "adj term: +$ADJ x $UNIT = $TERM_PAGES pages (totalpages $TOTALPAGES from /proc/meminfo)"

# The predicted score is the kernel's (read again at each look: the panel
# follows the refreshes).
score_agrees() {
    local s
    s=$(cat "/proc/$C/oom_score") || return 1
    tui_has "oom_score  predicted $s, kernel $s: the same"
}
TUI_TIMEOUT=10 tui_poll score_agrees ||
    tui_fail "panel does not show predicted = kernel = $(cat /proc/$C/oom_score)"
tui_log "oom_score: predicted = kernel = $(cat /proc/$C/oom_score) (/proc/$C/oom_score)"

# Memory and commit figures cover the touched memory.
mem_pages=$(tui_screen | sed -n 's/.*memory     \([0-9]*\) pages.*/\1/p' | head -1)
[ -n "$mem_pages" ] && [ $(( mem_pages * PAGE_KB )) -ge $(( MIB * 1024 )) ] ||
    tui_fail "memory $mem_pages pages is less than the $MIB MiB touched"
tui_wait_for 'RSS        anon [0-9.]+ MiB, file [0-9.]+ [KMGT]iB, shmem [0-9.]+ [KMGT]iB' "RSS split"
# 64 MiB touched plus the helper's own few MiB; a sanitizer runtime commits more
if [ -n "${OOMTOP_SANITIZED:-}" ]; then size='(6[4-9]|[7-9][0-9]|[1-9][0-9][0-9])\.[0-9] MiB'; else size='6[4-9]\.[0-9] MiB'; fi
tui_wait_for "committed  $size \\(private writable, charged\\), fork cost $size" "committed from smaps"
tui_wait_for "rank       [0-9]+ of [0-9]+ eligible" "rank"
tui_wait_for "safe adj   (oom_score_adj <= -?[0-9]+ keeps it behind|only -1000|any oom_score_adj)" "safe adj"
tui_wait_for "to be next (it already is|after [0-9.]+ [KMGT]iB more RSS it would be picked before)" "growth margin"
tui_log "memory $mem_pages pages; committed and fork cost from smaps; rank, safe adj, margin shown"

# Closing: Esc, q (which must not quit), Enter; E opens it too.
tui_keys Escape
tui_wait_gone "Explain: $NAME" "Esc closes"
tui_keys E
tui_wait_for "Explain: $NAME \\(pid $C\\)" "E opens"
tui_keys q
tui_wait_gone "Explain: $NAME" "q closes"
tui_session_gone && tui_fail "q in the panel quit oomtop"
tui_keys Enter
tui_wait_for "Explain: $NAME" "Enter opens"
tui_keys Enter
tui_wait_gone "Explain: $NAME" "Enter closes"
tui_wait_for '^Policy: vm\.overcommit_memory' "still running, live view"
tui_log "Esc, q and Enter close the panel; E and Enter open it"

# In what-if mode the panel says what the simulated policy allows.
tui_keys w 2 Enter
tui_wait_for "WHAT-IF    mode 2: fork\\(\\) (yes|no)" "what-if line in the panel"
tui_keys Escape w
tui_wait_gone '^WHAT-IF' "what-if left"
[ "$(cat /proc/$C/oom_score_adj)" = "$ADJ" ] || tui_fail "the child's oom_score_adj changed"
tui_log "what-if answers in the panel; nothing written"
exit 0
