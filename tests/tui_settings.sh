#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tui_settings.sh - oomtoprc in the interactive view: W writes the live
# columns, sort, delay, units and kernel threads atomically into
# $XDG_CONFIG_HOME/oomtop/oomtoprc; a restart shows them again; the command
# line wins over the file; lines the file gets wrong are named in the status
# line and the rest still applies; W says plainly why it could not write;
# the what-if defaults are where w starts; colour=no gives the monochrome
# styles.
. "${srcdir:-.}/tests/tui_lib.sh"
tui_require

CFG="$TUI_TMP/cfg"
RC="$CFG/oomtop/oomtoprc"
mkdir -p "$CFG"

# oomtop under a given config home, monochrome, unable to change processes.
start_with() {     # start_with XDG_DIR [ARGS...]
    local dir=$1
    shift
    tui_start 160 40 env NO_COLOR=1 XDG_CONFIG_HOME="$dir" "$OOMTOP" --readonly "$@"
}

quit() {
    tui_keys q
    tui_poll tui_session_gone || tui_fail "q did not quit"
}

# --- no file: the defaults; change sort, delay, units, kernel threads; W
start_with "$CFG"
tui_wait_for 'OOM▼' "default sort"
tui_wait_for '^delay 2\.0s +units auto' "default delay and units"
[ ! -e "$RC" ] || tui_fail "oomtoprc exists before W"
tui_keys M R
tui_wait_for 'RES▲' "M R: RES ascending"
tui_keys d && tui_type "0.7" && tui_keys Enter
tui_wait_for 'Refreshing every 0\.7 s' "delay 0.7"
tui_keys e
tui_wait_for 'Memory columns in KiB' "units KiB"
tui_keys K
tui_wait_for 'Kernel threads shown' "kernel threads shown"
tui_keys W
tui_wait_for "Settings written to $RC" "W names the file written"
[ -f "$RC" ] || tui_fail "W wrote no $RC"
check_rc() {       # check_rc KEY VALUE
    grep -q -x "$1=$2" "$RC" || { echo "--- $RC"; cat "$RC"; tui_fail "$RC lacks $1=$2"; }
}
check_rc columns 'pid,user,ni,virt,res,shr,swap,mem,oom,adj,rank,command'
check_rc sort res
check_rc sort_reverse yes
check_rc delay 0.7
check_rc units KiB
check_rc kernel_threads yes
check_rc colour yes
[ "$(stat -c %a "$RC")" = 644 ] || tui_fail "mode $(stat -c %a "$RC"), not 644"
leftover=$(find "$CFG/oomtop" -name '*.tmp')
[ -z "$leftover" ] || tui_fail "temporary file left behind: $leftover"
tui_log "W wrote $(grep -c '=' "$RC") keys: $(grep -E '^(sort|delay|units)=' "$RC" | tr '\n' ' ')"
quit

# --- restart: the same sort, delay, units and kernel threads
start_with "$CFG"
tui_wait_for 'RES▲' "sort RES ascending from the file"
tui_wait_for 'delay 0\.7s +units KiB' "delay and units from the file"
tui_wait_for '\+kthreads' "kernel threads from the file"
tui_wait_for '^ +PID +USER +NI +VIRT +RES. +SHR +SWAP +%MEM +OOM +ADJ +RANK +COMMAND' "columns"
tui_log "restart shows the saved sort, delay, units and kernel threads"
quit

# --- the command line wins over the file
start_with "$CFG" -s pid -d 3
# (the file's sort_reverse=yes still applies to the column -s names)
tui_wait_for 'PID[▲▼]' "-s pid over sort=res"
tui_wait_for 'delay 3\.0s +units KiB' "-d 3 over delay=0.7; units still from the file"
tui_log "command line wins: -s pid -d 3"
quit

# --- a file with an unknown key and a bad value: named, the rest applies
cat >"$RC" <<'EOF'
# hand-edited
columns=pid,oom,res,command
frobnicate=yes
delay=fast
sort=res
EOF
start_with "$CFG"
tui_wait_for "^\\(1/2\\) $RC line 3: unknown key 'frobnicate' ignored" "unknown key named"
tui_poll eval "tui_screen | tail -1 | grep -q 'line 3'" || tui_fail "message not in the status line"
tui_wait_for '^ +PID +OOM +RES▼ +COMMAND' "columns and sort from the good lines"
tui_keys Escape
tui_wait_for "^\\(2/2\\) $RC line 4: delay = 'fast': not 0\\.1 \\.\\. 3600 seconds, ignored" \
    "bad value named"
tui_keys Escape
tui_wait_for '^delay 2\.0s' "the default delay for the bad line"
tui_log "ignored lines shown in the status line; defaults for them, the rest applied"
quit

# --- what-if defaults: where w starts; W in what-if keeps the simulation
printf 'whatif_mode=1\nwhatif_ratio=80\n' >"$RC"
start_with "$CFG"
tui_wait_for 'OOM▼' "started"
tui_keys w
TUI_TIMEOUT=20 tui_wait_for '^WHAT-IF mode 1, ratio 80  \(live: ' "w starts in mode 1, ratio 80"
tui_keys 2 +
TUI_TIMEOUT=10 tui_wait_for '^WHAT-IF mode 2, ratio 85  ' "simulated mode 2, ratio 85"
tui_keys W
tui_wait_for "Settings written to $RC" "W in what-if"
check_rc whatif_mode 2
check_rc whatif_ratio 85
check_rc whatif_kbytes live
tui_log "what-if starts from the file's mode 1 / ratio 80; W saved mode 2 / ratio 85"
quit

# --- W that cannot write says why, in plain words
BLOCKED="$TUI_TMP/blocked"
mkdir -p "$BLOCKED"
: >"$BLOCKED/oomtop"        # a file where the directory should be
start_with "$BLOCKED"
tui_wait_for 'OOM▼' "started"
tui_keys W
tui_wait_for "^Settings not written: .*$BLOCKED/oomtop.*: (Not a directory|File exists)" \
    "W names the reason"
tui_log "W failure: $(tui_screen | grep '^Settings not written' | cut -c1-100)"
quit
if unshare -m true 2>/dev/null; then
    RO="$TUI_TMP/ro"
    mkdir -p "$RO"
    tui_start 160 40 env NO_COLOR=1 XDG_CONFIG_HOME="$RO" unshare -m sh -c \
        "mount -t tmpfs -o ro tmpfs '$RO' && exec '$OOMTOP'"
    tui_wait_for 'OOM▼' "started on a read-only config home"
    tui_keys W
    tui_wait_for "^Settings not written: .*Read-only file system" "read-only home named"
    tui_log "W on a read-only home: $(tui_screen | grep '^Settings not written' | cut -c1-100)"
    quit
else
    echo "note: no mount namespace here; the read-only home case is not run"
fi

# --- colour=no: monochrome styles even where the terminal has colour
printf 'colour=no\n' >"$RC"
tui_start 160 40 env TERM=xterm-256color XDG_CONFIG_HOME="$CFG" "$OOMTOP"
tui_wait_for 'OOM▼' "started"
tui_has_colour && tui_fail "colour=no still draws colours"
tui_poll eval '[ -n "$(tui_reverse_lines)" ]' || tui_fail "no reverse video (selection) in mono"
quit
printf 'colour=yes\n' >"$RC"
tui_start 160 40 env TERM=xterm-256color XDG_CONFIG_HOME="$CFG" "$OOMTOP"
tui_wait_for 'OOM▼' "started"
tui_poll tui_has_colour || tui_fail "colour=yes draws no colours"
tui_log "colour=no draws monochrome, colour=yes in colour"
quit
exit 0
