#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_whatif.sh - what-if mode in a real terminal: the banner names the
# simulated and the live policy, 2 turns the gauge into the hard limit, the
# ratio keys give the exact CommitLimit the kernel would compute (worked out
# here from /proc/meminfo), kbytes and grow prompts refuse bad sizes, the
# simulated protection of the top child names the runner-up, and leaving
# gives the live view back. Nothing under /proc/sys/vm or any
# oom_score_adj may change.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

vm_settings() {
    local f
    for f in /proc/sys/vm/overcommit_memory /proc/sys/vm/overcommit_ratio \
        /proc/sys/vm/overcommit_kbytes /proc/sys/vm/admin_reserve_kbytes \
        /proc/sys/vm/user_reserve_kbytes; do
        printf '%s=%s ' "$f" "$(cat "$f")"
    done
}
for f in overcommit_memory overcommit_ratio overcommit_kbytes; do
    [ -r /proc/sys/vm/$f ] || { echo "SKIP: /proc/sys/vm/$f is not readable here"; exit 77; }
done
BEFORE=$(vm_settings)
M0=$(cat /proc/sys/vm/overcommit_memory)
R0=$(cat /proc/sys/vm/overcommit_ratio)
K0=$(cat /proc/sys/vm/overcommit_kbytes)

# The kernel's vm_commit_limit() in kB, in pages with its truncation.
meminfo() {
    awk -v k="$1:" '$1 == k { print $2; exit }' /proc/meminfo
}
PAGE_KB=$(( $(getconf PAGESIZE) / 1024 ))
MEM_PAGES=$(( $(meminfo MemTotal) / PAGE_KB ))
HUGE_PAGES=$(( $(meminfo Hugetlb || echo 0) / PAGE_KB ))
SWAP_PAGES=$(( $(meminfo SwapTotal) / PAGE_KB ))
limit_for_ratio() {
    echo $(( ((MEM_PAGES - HUGE_PAGES) * $1 / 100 + SWAP_PAGES) * PAGE_KB ))
}
limit_for_kbytes() {
    echo $(( ($1 / PAGE_KB + SWAP_PAGES) * PAGE_KB ))
}

# proc_column TITLE: tui_column for the process rows only (the status
# line may hold a what-if message).
proc_column() {
    tui_table | awk -v want="$1" '
        NR == 1 { for (i = 1; i <= NF; i++) { t = $i; gsub(/[^A-Za-z%]/, "", t); if (t == want) col = i }; next }
        /^ *[0-9]+ / && col && NF >= col { print $col }'
}

# Two children far ahead of anything else (adj 1000): A first, B second.
P="wi$$"
P=${P:0:9}
tui_spawn_child 300 1000 "${P}a"
A=$CHILD_PID
tui_spawn_child 200 1000 "${P}b"
B=$CHILD_PID

tui_start 200 50 env NO_COLOR=1 "$OOMTOP"
tui_wait_for '^Policy: vm\.overcommit_memory' "live policy line"

# --- the banner: simulated and live settings, in reverse video
if [ "$K0" -gt 0 ]; then LIVE="mode $M0, kbytes $K0"; else LIVE="mode $M0, ratio $R0"; fi
tui_keys w
tui_wait_for "^WHAT-IF $LIVE  \\(live: $LIVE\\) +SIMULATION, nothing is written" "banner"
tui_poll eval 'tui_reverse_lines | grep -q "^WHAT-IF mode"' || tui_fail "banner not in reverse video"
tui_wait_for "^Live: mode $M0 " "live figures kept for comparison"
tui_wait_for '^MAP_NORESERVE gap: [0-9.]+ [KMGTP]iB \([0-9]+ process(es)? unreadable\)' "noreserve gap"
tui_lacks '^Policy: vm\.overcommit_memory' || tui_fail "live policy line still shown in what-if"
tui_log "w shows the banner: $(tui_screen | head -1 | cut -c1-60)"

# --- mode 2: the hard limit, in words and in the gauge
tui_keys 2
tui_wait_for "^WHAT-IF mode 2, [a-z]+ [0-9]+  \\(live: $LIVE\\)" "banner says mode 2"
tui_wait_for 'RAM\+swap( beyond)?; hard limit \(mode 2\)' "gauge words for the hard limit"
tui_wait_for '^strict: committed [0-9.]+ [KMGT]iB of [0-9.]+ [KMGT]iB \([0-9.]+%\), (headroom|deficit) ' "mode 2 sentence"
tui_wait_for '^ +PID .*COMMAND +FORK$' "FORK column in mode 2"
tui_log "2 switches the gauge to: $(tui_screen | grep -o 'hard limit (mode 2)' | head -1)"

# --- the ratio keys: the exact simulated CommitLimit
if [ "$K0" -gt 0 ]; then R=$(( R0 > 0 ? R0 : 50 )); else R=$R0; fi
expect_ratio() {
    local want
    want=$(limit_for_ratio "$R")
    tui_wait_for "^Limit: CommitLimit $want kB \\([0-9.]+ [KMGT]iB\\) = \\(MemTotal - Hugetlb\\) x $R% \\+ SwapTotal; enforced in mode 2" "ratio $R -> $want kB"
    tui_wait_for "^WHAT-IF mode 2, ratio $R  " "banner ratio $R"
}
step() {     # step KEY DELTA
    tui_keys "$1"
    R=$(( R + $2 ))
    [ "$R" -lt 0 ] && R=0
    expect_ratio
}
step + 5
step } 1
step { -1
step { -1
step - -5
step - -5
tui_log "ratio keys: CommitLimit $(limit_for_ratio "$R") kB at ratio $R, as computed from /proc/meminfo"

# --- kbytes: a size prompt; bad input changes nothing
tui_keys B
tui_wait_for '^What-if overcommit_kbytes' "kbytes prompt"
tui_type "lots"
tui_keys Enter
tui_wait_for "overcommit_kbytes: 'lots' is not a size \\(e\\.g\\. 512M, 2G, 100K\\): unchanged" "bad kbytes refused"
tui_wait_for "^WHAT-IF mode 2, ratio $R  " "bad kbytes left the ratio"
tui_keys B
tui_type "8G"
tui_keys Enter
tui_wait_for "^Limit: CommitLimit $(limit_for_kbytes 8388608) kB \\([0-9.]+ [KMGT]iB\\) = overcommit_kbytes 8388608 \\+ SwapTotal" "kbytes 8G"
tui_wait_for "^WHAT-IF mode 2, kbytes 8388608  " "banner kbytes"
tui_keys B
tui_type "0"
tui_keys Enter
tui_wait_for "^WHAT-IF mode 2, ratio $R  " "kbytes 0 gives the ratio back"
tui_log "kbytes prompt: 8G -> CommitLimit $(limit_for_kbytes 8388608) kB; bad input refused"

# --- the grow question: a bad amount gives a message, a good one a column
tui_keys g
tui_wait_for '^What-if: could each process grow by' "grow prompt"
tui_type "12Q"
tui_keys Enter
tui_wait_for "grow amount: '12Q' has no known unit \\(K, M, G or T\\): unchanged" "bad grow amount"
tui_lacks 'FORK \+' || tui_fail "a grow column appeared after bad input"
tui_keys g
tui_type "512M"
tui_keys Enter
tui_wait_for '^ +PID .*COMMAND +FORK \+512M$' "grow column"
grow_cells() {   # every process row answers yes, no, ? or - in both columns
    tui_table | awk '/^ *[0-9]+ / { n++; if (!($(NF-1) ~ /^(yes|no|\?|-)$/ && $NF ~ /^(yes|no|\?|-)$/)) bad = 1 }
                     END { exit bad || n == 0 }'
}
tui_poll grow_cells || tui_fail "FORK/+512M cells are not yes/no/?/-"
tui_log "grow: '12Q' refused with a message; 512M gives the +512M column"

# --- modes 0 and 1 in words
tui_keys 0
tui_wait_for '^heuristic: any single request up to [0-9.]+ [KMGT]iB \(RAM\+swap\) succeeds' "mode 0 words"
tui_wait_for 'RAM\+swap( beyond)?; limit not enforced in mode 0' "mode 0 gauge"
tui_keys 1
tui_wait_for "^always: no commit limit; only the OOM killer stops memory running out: it would kill ${P}a \\(pid $A\\) first" "mode 1 words"
tui_log "modes 0 and 1 described"

# --- simulated protection of the top child: B becomes the next victim
tui_keys / && tui_type "$P" && tui_keys Enter
tui_poll tui_rows_are "$A" "$B" || tui_fail "search did not show the two children"
tui_keys Home
tui_wait_for "^next OOM victim: ${P}a \\(pid $A\\) .* then: ${P}b \\(pid $B\\)" "A first before the simulation"
# No refresh until Z is checked: the keys alone must put the ranks right.
tui_keys d && tui_type "3600" && tui_keys Enter
tui_wait_for 'Refreshing every 3600\.0 s' "refreshes paused"
tui_keys z
tui_wait_for "^next OOM victim: ${P}b \\(pid $B\\) .*\\[simulated oom_score_adj on 1 process\\]" "B next after simulated protection of A"
tui_poll eval '[ "$(proc_column RANK | tr "\n" " ")" = "- 1 " ]' || tui_fail "RANK not recomputed (want '-' for A, 1 for B)"
tui_wait_for "^ +$A .* ${P}a +-1000( |\$)" "SIMADJ -1000 on A"
[ "$(cat /proc/$A/oom_score_adj)" = 1000 ] || tui_fail "A's oom_score_adj changed"
tui_log "z on ${P}a: next victim ${P}b (pid $B); /proc/$A/oom_score_adj still $(cat /proc/$A/oom_score_adj)"
tui_keys Z
tui_wait_for "^next OOM victim: ${P}a \\(pid $A\\)" "Z gives A back its live adj"
tui_poll eval '[ "$(proc_column RANK | tr "\n" " ")" = "1 2 " ]' || tui_fail "live RANK not back after Z"
tui_keys d && tui_type "2" && tui_keys Enter
tui_wait_for 'Refreshing every 2\.0 s' "refreshes again"
tui_keys =
tui_wait_for "^What-if oom_score_adj for ${P}a \\(pid $A, now 1000\\)" "adj prompt"
tui_type "abc"
tui_keys Enter
tui_wait_for "oom_score_adj: 'abc' is not a number: nothing simulated" "bad adj refused"
tui_wait_for "^next OOM victim: ${P}a \\(pid $A\\)" "bad adj changed nothing"
tui_keys =
tui_type "500"
tui_keys Enter
tui_wait_for "^next OOM victim: ${P}b \\(pid $B\\)" "adj 500 on A puts B first"
tui_wait_for "^ +$A .* ${P}a +500( |\$)" "SIMADJ 500 on A"
tui_log "= 500 on ${P}a: next victim ${P}b; bad value refused"

# --- leaving: the live view, the live ranks, nothing written
tui_keys w
tui_wait_gone '^WHAT-IF' "banner gone"
tui_wait_for "^Policy: vm\\.overcommit_memory = $M0 " "live policy line back"
tui_wait_for "^next OOM victim: ${P}a \\(pid $A\\)" "live victim back"
tui_poll eval '[ "$(proc_column RANK | head -1)" = 1 ]' || tui_fail "live RANK not back"
tui_lacks 'FORK' || tui_fail "what-if columns still shown"
tui_keys 2
tui_wait_for "Key 2 works in what-if mode only: press w first" "what-if keys outside what-if"
[ "$(cat /proc/$A/oom_score_adj) $(cat /proc/$B/oom_score_adj)" = "1000 1000" ] ||
    tui_fail "children's oom_score_adj changed"
AFTER=$(vm_settings)
[ "$BEFORE" = "$AFTER" ] || tui_fail "/proc/sys/vm changed: before '$BEFORE' after '$AFTER'"
tui_log "w leaves: live line back; /proc/sys/vm unchanged ($AFTER)"

# --- the help page explains the three modes with this machine's numbers
tui_keys h End
tui_wait_for '^Overcommit modes, with this machine.s figures' "help section"
tui_wait_for '^  0 heuristic \(default\): only a single request larger than RAM\+swap \([0-9.]+ [KMGT]iB here\)' "mode 0 help"
tui_wait_for '^  1 always: ' "mode 1 help"
tui_wait_for '^  2 strict: a request fails once Committed_AS would reach CommitLimit' "mode 2 help"
tui_wait_for "In force now: vm\\.overcommit_memory = $M0 " "live mode in the help"
tui_wait_for 'found with kcmp' "processes sharing an mm are documented"
tui_log "help explains the three modes with live figures"
exit 0
