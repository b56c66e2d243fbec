# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-or-later
# interactive.sh - interactive measurements for bench/run.sh (sourced, not
# run): each viewer runs at its own default delay in a private 200x60 tmux
# server, with HOME and XDG_CONFIG_HOME in the bench's temporary directory.
#
# CPU is the sum of sum_exec_runtime (/proc/PID/task/*/schedstat, ns) over
# every thread, taken at both ends of a window after a warm-up. Refreshes are
# counted, not assumed from the delay: bench/opencount.c (LD_PRELOAD) counts
# the opens of one file that the viewer opens exactly once per refresh.
# oomtop opens "loadavg" relative to its /proc fd once per refresh (meminfo
# stays open inside libproc2); htop 3.2 opens "/proc/meminfo" once per scan.
#
# Needs from run.sh: WORK (with opencount.so built in it), IWARM, IWINDOW.

TMUX_SOCK=oomtop-bench-$$

# htop's rc file: SWAP and OOM columns, sorted by OOM, htop's own default
# delay (15 tenths), kernel and userland threads hidden as by default.
write_htoprc() {   # DIR
    mkdir -p "$1/htop"
    cat > "$1/htop/htoprc" <<'EOF'
htop_version=3.2.2
config_reader_min_version=3
hide_kernel_threads=1
hide_userland_threads=1
delay=15
tree_view=0
screen_tabs=1
screen:Main=PID USER M_VIRT M_RESIDENT M_SHARE M_SWAP OOM STATE PERCENT_CPU PERCENT_MEM TIME Command
.sort_key=OOM
.tree_sort_key=PID
.tree_view=0
.sort_direction=-1
.tree_sort_direction=1
EOF
}

tmux_b() { tmux -L "$TMUX_SOCK" "$@"; }

tmux_stop() {   # PID: quit with q, then make sure
    local pid=$1
    tmux_b send-keys -t b q 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    tmux_b kill-server 2>/dev/null || true
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

# "cpu_ns opens rss_kb" of a running viewer
inter_snap() {   # PID COUNTFILE
    local ns
    ns=$(cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f", s}')
    echo "$ns $(od -An -tu8 "$2" 2>/dev/null | tr -d ' ' || echo 0)" \
         "$(awk '/^VmRSS:/ {print $2}' /proc/"$1"/status)"
}

# inter_run NAME COUNT_PATH CMD...: one window; appends
# "cpu_ms_per_refresh refreshes hwm_kb rss_growth_kb_per_refresh" to
# $WORK/NAME.inter
inter_run() {
    local name=$1 cpath=$2 pid a b hwm
    shift 2
    local cnt=$WORK/$name.count
    rm -f "$cnt"
    tmux_b -f /dev/null new-session -d -s b -x 200 -y 60 \
        "exec env HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home TERM=xterm-256color LANG=C.UTF-8 OPENCOUNT_PATH=$cpath OPENCOUNT_FILE=$cnt LD_PRELOAD=$WORK/opencount.so $*"
    pid=$(tmux_b list-panes -t b -F '#{pane_pid}')
    sleep "$IWARM"
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "run.sh: $name did not stay up in tmux" >&2
        tmux_b kill-server 2>/dev/null || true
        return 1
    fi
    a=$(inter_snap "$pid" "$cnt")
    sleep "$IWINDOW"
    b=$(inter_snap "$pid" "$cnt")
    hwm=$(awk '/^VmHWM:/ {print $2}' /proc/"$pid"/status)
    tmux_b capture-pane -t b -p > "$WORK/$name.screen" 2>/dev/null || true
    tmux_stop "$pid"
    read -r a_ns a_n a_rss <<<"$a"
    read -r b_ns b_n b_rss <<<"$b"
    if [ $((b_n - a_n)) -le 0 ]; then
        echo "run.sh: $name: no open of '$cpath' counted in the window" >&2
        return 1
    fi
    awk -v ns=$((b_ns - a_ns)) -v n=$((b_n - a_n)) -v hwm="$hwm" -v dr=$((b_rss - a_rss)) \
        'BEGIN {printf "%.2f %d %d %.1f\n", ns / 1e6 / n, n, hwm, dr / n}' >> "$WORK/$name.inter"
}

# first_frame NAME CMD...: milliseconds from exec until the table shows at
# least 10 process rows under its column titles; appended to
# $WORK/NAME.frame. The viewer waits on a fifo inside an already running
# tmux pane, so tmux's own start-up is not counted; the pane is polled
# every 10 ms or so (each capture takes a few ms), which bounds the error.
first_frame() {
    local name=$1 pid t0 t1 fifo=$WORK/go
    shift
    rm -f "$fifo"
    mkfifo "$fifo"
    tmux_b -f /dev/null new-session -d -s b -x 200 -y 60 \
        "read -r _ < $fifo; exec env HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home TERM=xterm-256color LANG=C.UTF-8 $*"
    pid=$(tmux_b list-panes -t b -F '#{pane_pid}')
    sleep 0.5
    t0=$(date +%s%N)
    echo go > "$fifo"
    t1=
    for _ in $(seq 1000); do
        if tmux_b capture-pane -t b -p 2>/dev/null | awk '
            /PID +USER/ { head = 1; next }
            head && /^ *[0-9]+ / { rows++ }
            END { exit !(rows >= 10) }'; then
            t1=$(date +%s%N)
            break
        fi
        sleep 0.005
    done
    tmux_stop "$pid"
    rm -f "$fifo"
    [ -n "$t1" ] || { echo "run.sh: $name: no table within the time limit" >&2; return 1; }
    echo $(((t1 - t0) / 1000000)) >> "$WORK/$name.frame"
}
