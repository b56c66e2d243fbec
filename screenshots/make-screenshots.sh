#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make-screenshots.sh [OUTDIR] - pictures of the real oomtop for the README.
# Starts a few test processes of known size and oom_score_adj (one named
# "mysqld" as the database stand-in), runs oomtop in a private tmux server
# (160x45, xterm-256color, UTF-8), captures the screen with its colours,
# turns each capture into HTML with aha and photographs that with headless
# Chromium: main.png (the default view), help.png (h), whatif.png (w, then
# strict mode 2) and explain.png (Enter on the top row).
# Run it through `make screenshots` (OOMTOP and TESTS_HELPERS set by make).
# Needs tmux, aha and chromium (Debian packages); as root it installs the
# missing ones with apt-get.
set -u
out=${1:-$(cd "$(dirname "$0")" && pwd)}
: "${OOMTOP:?set OOMTOP to the oomtop binary (make screenshots does)}"
: "${TESTS_HELPERS:?set TESTS_HELPERS to the tests/helpers directory of the build}"
COLS=${SHOT_COLS:-160}
ROWS=${SHOT_ROWS:-45}
FONT_PX=15

die() { echo "make-screenshots: $*" >&2; exit 1; }

need_packages() {
    local missing=()
    command -v tmux >/dev/null || missing+=(tmux)
    command -v aha >/dev/null || missing+=(aha)
    command -v chromium >/dev/null || missing+=(chromium)
    fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono' || missing+=(fonts-dejavu-core)
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "make-screenshots: installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
            die "apt-get could not install ${missing[*]}"
    else
        die "missing ${missing[*]}: run 'sudo apt-get install ${missing[*]}' (Debian 12)"
    fi
}

need_packages
[ -x "$OOMTOP" ] || die "$OOMTOP is not an executable"
[ -x "$TESTS_HELPERS/memchild" ] || die "$TESTS_HELPERS/memchild missing (make tests/helpers/memchild)"
mkdir -p "$out" || die "cannot create $out"

tmp=$(mktemp -d)
sock=oomtop-shots-$$
children=()
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null
    [ ${#children[@]} -gt 0 ] && kill "${children[@]}" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# The scenario: MiB, oom_score_adj, name.
scenario=(
    "300 0 mysqld"
    "120 0 nginx"
    "200 500 batch-import"
    "80 1000 cache-warmer"
    "40 300 report-cron"
)
mkfifo "$tmp/stdin"
exec {hold}<>"$tmp/stdin"
for s in "${scenario[@]}"; do
    set -- $s
    "$TESTS_HELPERS/memchild" "$1" "$2" "$3" <"$tmp/stdin" >"$tmp/child.$3" 2>&1 &
    children+=($!)
done
for s in "${scenario[@]}"; do
    set -- $s
    for _ in $(seq 100); do grep -q READY "$tmp/child.$3" && break; sleep 0.1; done
    grep -q READY "$tmp/child.$3" || die "test process $3 did not start: $(cat "$tmp/child.$3")"
done

tmx() { tmux -L "$sock" "$@"; }
screen() { tmx capture-pane -p -t shots; }
wait_for() {
    for _ in $(seq 100); do screen | grep -q -E "$1" && return 0; sleep 0.1; done
    screen
    die "the screen never showed /$1/"
}

tmx -f /dev/null new-session -d -s shots -x "$COLS" -y "$ROWS" \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 '$OOMTOP' -d 1"
tmx set-option -t shots status off >/dev/null
wait_for '^Commit'
sleep 2.5       # a second refresh: rates and PSI filled in

# aha's colour names, turned into xterm's palette (black text on a coloured
# bar stays black, as a terminal shows it; aha would make it grey).
cat > "$tmp/palette.sed" <<'EOF'
s/color:dimgray;background-color/color:#000000;background-color/g
s/:red;/:#cd0000;/g
s/:lime;/:#00cd00;/g
s/:yellow;/:#cdcd00;/g
s/:#3333FF;/:#5c5cff;/g
s/:fuchsia;/:#cd00cd;/g
s/:aqua;/:#00cdcd;/g
s/:white;/:#e5e5e5;/g
EOF

# capture NAME: the pane as it is now, with its colours.
capture() {
    tmx capture-pane -e -p -t shots > "$tmp/$1.ans"
}

# render NAME: NAME.ans -> HTML (aha) -> NAME.png (headless Chromium). All
# captures are taken first, so that no Chromium process is in any of them.
render() {
    local name=$1 w h
    {
        printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>oomtop</title><style>\n'
        printf 'body { margin: 0; background: #000; }\n'
        printf 'pre { margin: 10px; font: %dpx/1.2 "DejaVu Sans Mono", monospace; color: #d0d0d0; }\n' "$FONT_PX"
        printf '</style></head><body><pre>'
        aha --black --no-header < "$tmp/$name.ans" | sed -f "$tmp/palette.sed"
        printf '</pre></body></html>\n'
    } > "$tmp/$name.html"
    # DejaVu Sans Mono is 0.602 em wide; 1.2 em per line; 10 px margins.
    w=$(awk -v c="$COLS" -v f="$FONT_PX" 'BEGIN { printf "%d", c * f * 0.602 + 21 }')
    h=$(awk -v r="$ROWS" -v f="$FONT_PX" 'BEGIN { printf "%d", r * f * 1.2 + 21 }')
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$tmp/chromium" --window-size="$w,$h" \
        --screenshot="$out/$name.png" "file://$tmp/$name.html" > "$tmp/chromium.log" 2>&1
    [ -s "$out/$name.png" ] || { cat "$tmp/chromium.log" >&2; die "chromium wrote no $name.png"; }
    echo "make-screenshots: $out/$name.png (${w}x${h})"
}

capture main
tmx send-keys -t shots h
wait_for 'Help|help|Keys|keys'
capture help
tmx send-keys -t shots Escape
sleep 0.5
tmx send-keys -t shots w
sleep 0.5
tmx send-keys -t shots 2
wait_for 'WHAT.IF|What.if|what-if|What-if'
sleep 1.2
capture whatif
tmx send-keys -t shots w
sleep 0.5
tmx send-keys -t shots Enter
sleep 1
capture explain
tmx send-keys -t shots Escape
tmx send-keys -t shots q
for name in main help whatif explain; do
    render "$name"
done
exit 0
