# SPDX-License-Identifier: GPL-2.0-or-later
# tui_lib.sh - shared by the tests/tui_*.sh end-to-end tests: drive the real
# oomtop in a private tmux server and look at the screen as a user would.
# Every wait polls capture-pane with a deadline instead of sleeping blindly.
#
# Sourced, not run. Expects OOMTOP (the binary) and TESTS_HELPERS (the
# helper programs' directory) from the test environment.

: "${OOMTOP:=./oomtop}"
: "${TESTS_HELPERS:=./tests/helpers}"
TUI_SOCKET="oomtop-tui-$$"
TUI_TARGET="tui"
TUI_PIDS=""
TUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-tui.XXXXXX") || exit 99

tmx() {
    tmux -L "$TUI_SOCKET" -f /dev/null "$@"
}

tui_cleanup() {
    tmx kill-server 2>/dev/null
    for p in $TUI_PIDS; do
        kill "$p" 2>/dev/null
    done
    rm -rf "$TUI_TMP"
}
trap tui_cleanup EXIT

# Skips (exit 77) with a message when the test cannot run here.
tui_require() {
    if ! command -v tmux >/dev/null 2>&1; then
        echo "SKIP: tmux is not installed (Debian package tmux)"
        exit 77
    fi
    if [ ! -x "$OOMTOP" ]; then
        echo "FAIL: oomtop binary not found at '$OOMTOP'"
        exit 99
    fi
}

tui_screen() {
    tmx capture-pane -p -t "$TUI_TARGET" 2>/dev/null
}

# Fails the test: the message, then the screen as it was.
tui_fail() {
    echo "FAIL: $*"
    echo "---- screen ----"
    tui_screen
    echo "----------------"
    exit 1
}

tui_log() {
    echo "ok: $*"
}

# Seconds since the epoch with a fraction, for deadlines.
tui_now() {
    date +%s.%N
}

tui_before() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'
}

# tui_poll CMD...: polls until CMD succeeds (CMD is run again each time, so
# it must read the screen itself, not be given a captured value), for TUI_TIMEOUT seconds (default 5). Returns 1 on timeout.
tui_poll() {
    local deadline
    deadline=$(awk -v n="$(tui_now)" -v t="${TUI_TIMEOUT:-5}" 'BEGIN { printf "%.3f", n + t }')
    while :; do
        "$@" && return 0
        tui_before "$(tui_now)" "$deadline" || return 1
        sleep 0.05
    done
}

tui_has() {
    tui_screen | grep -E -q -- "$1"
}

tui_lacks() {
    ! tui_has "$1"
}

# tui_wait_for REGEX [what]: the screen shows REGEX in time, or the test fails.
tui_wait_for() {
    tui_poll tui_has "$1" || tui_fail "screen never showed /$1/ (${2:-})"
}

tui_wait_gone() {
    tui_poll tui_lacks "$1" || tui_fail "screen still shows /$1/ (${2:-})"
}

tui_keys() {
    tmx send-keys -t "$TUI_TARGET" "$@"
}

# Literal text, then nothing else (no key names interpreted).
tui_type() {
    tmx send-keys -t "$TUI_TARGET" -l -- "$1"
}

# tui_start W H CMD...: a new private session of W x H running CMD in the
# test's environment (locale, TERM=screen unless TERM_FOR_TUI says).
tui_start() {
    local w=$1 h=$2
    shift 2
    # A server that was just killed may still be leaving: try again briefly.
    local try
    for try in 1 2 3 4 5; do
        tmx new-session -d -s "$TUI_TARGET" -x "$w" -y "$h" \
            env TERM="${TERM_FOR_TUI:-screen}" "$@" 2>/dev/null && return 0
        sleep 0.2
    done
    tui_fail "tmux could not start"
}

# A plain shell in the pane, for tests that look at the terminal afterwards.
tui_start_shell() {
    tui_start "$1" "$2" env PS1='tui$ ' bash --norc --noprofile -i
    tui_wait_for '^tui\$' "shell prompt"
}

tui_session_gone() {
    ! tmx has-session -t "$TUI_TARGET" 2>/dev/null
}

# True when the table shows exactly the rows whose PIDs are given, in order.
tui_rows_are() {
    [ "$(tui_column PID | tr '\n' ' ')" = "$* " ]
}

tui_pane_pid() {
    tmx display-message -p -t "$TUI_TARGET" '#{pane_pid}'
}

tui_pane_flag() {
    tmx display-message -p -t "$TUI_TARGET" "#{$1}"
}

# The pid of the first child of $1 running oomtop, or nothing.
tui_child_oomtop() {
    ps -o pid=,comm= --ppid "$1" 2>/dev/null | awk '$2 == "oomtop" { print $1; exit }'
}

tui_pid_gone() {
    ! kill -0 "$1" 2>/dev/null
}

# tui_spawn_child MIB ADJ NAME [ARGS...]: memchild with known memory, adj and
# name; sets CHILD_PID once it has touched its memory.
tui_spawn_child() {
    local out="$TUI_TMP/child.$3.out"
    [ -x "$TESTS_HELPERS/memchild" ] || tui_fail "helper $TESTS_HELPERS/memchild missing"
    local fifo="$TUI_TMP/stdin.$3" fd
    mkfifo "$fifo"
    "$TESTS_HELPERS/memchild" "$@" <"$fifo" >"$out" 2>&1 &
    CHILD_PID=$!
    TUI_PIDS="$TUI_PIDS $CHILD_PID"
    # Opening the fifo for writing lets the child start; keeping it open
    # keeps the child waiting.
    exec {fd}>"$fifo"
    TUI_TIMEOUT=10 tui_poll grep -q READY "$out" || tui_fail "child $3 never got ready: $(cat "$out")"
}

# The visible table as "fields" lines: the title row, then every process
# row, each with the titles' columns split on blanks (COMMAND last).
tui_table() {
    tui_screen | awk '
        /^ *PID.*COMMAND/ { on = 1 }
        on && /^(delay|search|user|Search:|User|Delay|Unknown|Showing|Refreshing|Kernel|Memory)/ { exit }
        on { print }'
}

# A table figure in KiB: plain KiB, or with top's m/g/t suffix.
tui_kb() {
    awk -v v="$1" 'BEGIN {
        m = 1; s = substr(v, length(v))
        if (s == "m") m = 1024; else if (s == "g") m = 1048576; else if (s == "t") m = 1073741824
        if (m > 1) v = substr(v, 1, length(v) - 1)
        printf "%.0f\n", v * m }'
}

# tui_column TITLE: the values under TITLE (arrow stripped) in screen order.
tui_column() {
    tui_table | awk -v want="$1" '
        NR == 1 {
            for (i = 1; i <= NF; i++) {
                t = $i; gsub(/[^A-Za-z%]/, "", t)
                if (t == want) col = i
            }
            next
        }
        col && NF >= col { print $col }'
}

# True if the screen holds any colour SGR: 30-37/40-47 alone or combined
# with other attributes (1;31), or 256-colour (38;5;N).
tui_has_colour() {
    tmx capture-pane -e -p -t "$TUI_TARGET" | grep -q -E $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+)(;[0-9;]*)?m'
}

# The screen lines whose first visible character is in reverse video, with
# the attributes stripped. capture-pane -e carries attributes over from the
# previous line, so the state is tracked through the whole screen.
tui_reverse_lines() {
    tmx capture-pane -e -p -t "$TUI_TARGET" | awk '
        {
            line = $0; out = ""; sel = 0; seen = 0
            while (length(line) > 0) {
                if (match(line, /^\033\[[0-9;]*m/)) {
                    n = split(substr(line, 3, RLENGTH - 3), p, ";")
                    if (n == 0) rev = 0
                    for (i = 1; i <= n; i++) {
                        if (p[i] == "0" || p[i] == "" || p[i] == "27") rev = 0
                        else if (p[i] == "7") rev = 1
                    }
                    line = substr(line, RLENGTH + 1)
                    continue
                }
                c = substr(line, 1, 1); line = substr(line, 2)
                if (c != " " && !seen) { seen = 1; sel = rev }
                out = out c
            }
            if (sel) print out
        }'
}
