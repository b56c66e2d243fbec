#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh - what one refresh of oomtop costs next to top and htop, with N idle
# processes added (bench/spawn_idle.c: varied memory and oom_score_adj).
#
#   bench/run.sh [N ...]                     (default: 1000 5000)
#
# Sections (SECTIONS, default "batch frame interactive heap callgrind kmem files"):
#   batch        CPU per refresh in batch mode, oomtop vs top with VIRT RES
#                SHR SWAP OOMs OOMa shown and sorted by OOMs (private toprc);
#                peak RSS (VmHWM) of the same runs
#   frame        time to the first complete frame: wall time of `-b -n 1`,
#                and (interactive) exec until the table is on screen in tmux
#   interactive  CPU per refresh at each viewer's default delay in tmux:
#                oomtop vs htop with SWAP and OOM columns sorted by OOM;
#                VmHWM and RSS growth per refresh (bench/interactive.sh)
#   heap         (at HEAP_N) heap blocks allocated and peak heap growth per
#                refresh after warm-up (valgrind --tool=dhat), batch mode
#   callgrind    (at CG_N) user-space instructions per refresh
#   kmem         kernel memory a viewer pins between refreshes: growth of
#                SUnreclaim (/proc/meminfo) after its second refresh, oomtop
#                vs top (held /proc files keep a struct file each, and a page
#                of seq_file buffer each for statm or status); the growth also
#                counts the viewer's own task and whatever else the machine
#                allocates meanwhile, so top's row is the baseline
#   files        what each /proc/PID file costs per process, cold (open, read,
#                close) and kept open (pread), and what keeping it pins
#                (bench/filecost.c)
#
# Environment:
#   OOMTOP      the oomtop binary (default: ../oomtop from here, then PATH)
#   OOMTOP_REF  a second oomtop binary (e.g. before a change): adds an
#               "oomtop-ref" row to the batch section, measured in the same run
#   OOMTOP_ARGS extra oomtop options (default none)
#   REPS        repeats of each batch row, the median is reported (default 3)
#   ITER, ITER_SHORT  refreshes of the long and the short batch run (25, 5)
#   DELAY       seconds between batch refreshes (default 0.2)
#   IREPS, IWARM, IWINDOW  interactive repeats (2), warm-up (5 s), window (20 s)
#   HEAP_N, CG_N  N at which heap and callgrind run (default 1000)
#   SPAWN_KIB   largest private memory of an idle process in KiB (default
#               1024; use less for N=20000)
#
# Method, batch: each tool runs `-n ITER` and `-n ITER_SHORT` under
# bench/cputime.c (user+sys from wait4's rusage); CPU per refresh =
# (cpu(ITER) - cpu(ITER_SHORT)) / (ITER - ITER_SHORT), so start-up cancels.
# Callgrind uses (Ir(-n 3) - Ir(-n 1)) / 2 the same way; dhat compares -n 9
# with -n 3, after warm-up: blocks allocated and growth of the peak heap.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1000 5000)
SECTIONS=${SECTIONS:-"batch frame interactive heap callgrind kmem files"}
REPS=${REPS:-3}
ITER=${ITER:-25}
ITER_SHORT=${ITER_SHORT:-5}
DELAY=${DELAY:-0.2}
IREPS=${IREPS:-2}
IWARM=${IWARM:-5}
IWINDOW=${IWINDOW:-20}
HEAP_N=${HEAP_N:-1000}
CG_N=${CG_N:-1000}
OOMTOP_ARGS=${OOMTOP_ARGS:-}
OOMTOP_REF=${OOMTOP_REF:-}
CC=${CC:-cc}

want() { case " $SECTIONS " in *" $1 "*) return 0 ;; esac; return 1; }

find_oomtop() {
    local c
    for c in "${OOMTOP:-}" "$HERE/../oomtop" "$(command -v oomtop || true)"; do
        [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return; }
    done
    echo "run.sh: no oomtop binary found; set OOMTOP=path/to/oomtop" >&2
    exit 1
}
OOMTOP=$(find_oomtop)
command -v top >/dev/null || { echo "run.sh: top (procps) is not installed" >&2; exit 1; }
HTOP=$(command -v htop || true)
if want interactive || want frame; then
    command -v tmux >/dev/null || { echo "run.sh: tmux is needed for the interactive rows" >&2; exit 1; }
fi
if want heap || want callgrind; then
    command -v valgrind >/dev/null || { echo "run.sh: valgrind is needed for heap and callgrind" >&2; exit 1; }
fi

WORK=$(mktemp -d /tmp/oomtop-bench.XXXXXX)
SPAWN_PID=
cleanup() {
    tmux -L "oomtop-bench-$$" kill-server 2>/dev/null || true
    if [ -n "$SPAWN_PID" ]; then
        kill -TERM "$SPAWN_PID" 2>/dev/null || true
        wait "$SPAWN_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$CC" -O2 -o "$WORK/spawn_idle" "$HERE/spawn_idle.c"
"$CC" -O2 -o "$WORK/cputime" "$HERE/cputime.c"
"$CC" -O2 -shared -fPIC -o "$WORK/opencount.so" "$HERE/opencount.c" -ldl
"$CC" -O2 -o "$WORK/filecost" "$HERE/filecost.c"
# shellcheck source=bench/interactive.sh
. "$HERE/interactive.sh"

# top's rc file: one line per window; each field is stored as
# 2 * (field index + 37), plus 1 when shown. Field indexes (procps 4.0.x):
# PID 0, USER 3, %CPU 18, TIME+ 20, %MEM 21, VIRT 22, SWAP 23, RES 24,
# SHR 27, S 31, COMMAND 32, OOMa 39, OOMs 40.
write_toprc() {   # FILE SORT_FIELD SHOWN_FIELDS...
    local file=$1 sort=$2
    shift 2
    awk -v sort="$sort" -v shown_list="$*" '
    BEGIN {
        nf = 100; off = 37
        n = split(shown_list, v, " ")
        for (i = 1; i <= n; i++) { order[++k] = v[i]; shown[v[i]] = 1 }
        for (f = 0; f < nf; f++) if (!(f in shown)) order[++k] = f
        print "top'"'"'s Config File (Linux processes with windows)"
        print "Id:k, Mode_altscr=0, Mode_irixps=1, Delay_time=3.0, Curwin=0"
        split("Def Job Mem Usr", name, " ")
        for (w = 1; w <= 4; w++) {
            line = name[w] "\tfieldscur="
            for (i = 1; i <= nf; i++) {
                line = line sprintf("%5d", 2 * (order[i] + off) + ((order[i] in shown) ? 1 : 0))
                if (i % 20 == 0 && i < nf) { print line; line = "\t\t" }
            }
            print line
            printf "\twinflags=193844, sortindx=%d, maxtasks=0, graph_cpus=0, graph_mems=0, double_up=0, combine_cpus=0, core_types=0\n", sort
            print "\tsummclr=1, msgsclr=1, headclr=3, taskclr=1"
        }
        print "Fixed_widest=0, Summ_mscale=1, Task_mscale=0, Zero_suppress=0, Tics_scaled=0"
    }' > "$file"
}
mkdir -p "$WORK/home/procps"
write_toprc "$WORK/home/procps/toprc" 40 0 3 22 24 27 23 40 39 31 18 21 20 32
write_htoprc "$WORK/home"
ENVS=(env "HOME=$WORK/home" "XDG_CONFIG_HOME=$WORK/home")
if ! "${ENVS[@]}" top -b -n 1 -w 512 | grep -q 'OOMs'; then
    echo "run.sh: this top did not take the OOM fields from its rc file" >&2
    exit 1
fi

# run_once CMD...: "cpu_us maxrss_kb wall_us" of one run
run_once() {
    local u s rss rc wall
    "$WORK/cputime" "$@" >/dev/null 2>"$WORK/rus" </dev/null
    read -r u s rss rc wall < <(tail -n 1 "$WORK/rus")
    [ "$rc" = 0 ] || { echo "run.sh: '$*' exited with $rc" >&2; exit 1; }
    echo "$((u + s)) $rss $wall"
}

median() { sort -g | awk '{a[NR] = $1} END {if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { awk -v c="$1" '{print $c}' "$2" | median; }   # median of column C of FILE
count_procs() { local p=(/proc/[0-9]*); echo "${#p[@]}"; }

# batch_row NAME CMD... (CMD gets -n K appended): $WORK/NAME.ms, NAME.hwm
batch_row() {
    local name=$1 a b
    shift
    : > "$WORK/$name.ms"
    : > "$WORK/$name.hwm"
    for _ in $(seq 1 "$REPS"); do
        b=$(run_once "$@" -n "$ITER_SHORT")
        a=$(run_once "$@" -n "$ITER")
        awk -v a="${a%% *}" -v b="${b%% *}" -v n=$((ITER - ITER_SHORT)) \
            'BEGIN {printf "%.2f\n", (a - b) / n / 1000}' >> "$WORK/$name.ms"
        echo "$a" | awk '{print $2}' >> "$WORK/$name.hwm"
    done
}

# frame_batch NAME CMD...: wall and CPU ms of `CMD -n 1`, 5 runs
frame_batch() {
    local name=$1
    shift
    : > "$WORK/$name.bframe"
    for _ in 1 2 3 4 5; do
        run_once "$@" -n 1 | awk '{printf "%.1f %.1f\n", $3 / 1000, $1 / 1000}' >> "$WORK/$name.bframe"
    done
}

# valgrind_delta TOOL PATTERN LO HI CMD...: (X(-n HI) - X(-n LO)) / (HI - LO)
# for the number after PATTERN in valgrind's summary (commas dropped); CMD
# runs with ENVS set outside valgrind, which does not follow exec.
vg_value() {   # LOG PATTERN
    sed -n "s/.*$2 *\([0-9,]*\).*/\1/p" "$1" | tail -n 1 | tr -d ,
}
valgrind_delta() {
    local tool=$1 pat=$2 lo=$3 hi=$4 x1 x2
    shift 4
    "${ENVS[@]}" valgrind --tool="$tool" --"$tool"-out-file=/dev/null --log-file="$WORK/vg.log" \
        "$@" -n "$lo" >/dev/null 2>&1
    x1=$(vg_value "$WORK/vg.log" "$pat")
    "${ENVS[@]}" valgrind --tool="$tool" --"$tool"-out-file=/dev/null --log-file="$WORK/vg.log" \
        "$@" -n "$hi" >/dev/null 2>&1
    x2=$(vg_value "$WORK/vg.log" "$pat")
    awk -v a="$x2" -v b="$x1" -v n=$((hi - lo)) 'BEGIN {printf "%.0f\n", (a - b) / n}'
}

sunreclaim_kb() { awk '/^SUnreclaim:/ {print $2}' /proc/meminfo; }
# kmem_held NAME CMD...: KiB of SUnreclaim growth while `CMD -d 3 -n 3` is
# between its second and third refresh (1.5 s after the second is due, time
# enough for a refresh of 20000 processes), 3 runs
kmem_held() {
    local name=$1 before pid
    shift
    : > "$WORK/$name.kmem"
    for _ in 1 2 3; do
        before=$(sunreclaim_kb)
        "$@" -d 3 -n 3 >/dev/null 2>&1 &
        pid=$!
        sleep 4.5
        echo $(($(sunreclaim_kb) - before)) >> "$WORK/$name.kmem"
        wait "$pid"
    done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || a == "-" || b + 0 == 0) print "-"; else printf "%.3f", a / b}'; }
row() { printf '%-34s %12s %12s %12s %10s %10s\n' "$@"; }

OSTR="$OOMTOP${OOMTOP_ARGS:+ $OOMTOP_ARGS}"
echo "# $(uname -r), $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1))," \
     "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# oomtop=$OSTR; $(top -V | head -n 1); ${HTOP:+$($HTOP --version | head -n 1)}"
echo "# batch: CPU per refresh = (user+sys of -n $ITER minus -n $ITER_SHORT) / $((ITER - ITER_SHORT)), median of $REPS, -d $DELAY"
echo "# interactive: default delays (oomtop 2 s, htop 1.5 s), ${IWINDOW} s window after ${IWARM} s, median of $IREPS"

for n in "${NS[@]}"; do
    # coproc sets SPAWN_PID, which cleanup() uses
    coproc SPAWN { exec "$WORK/spawn_idle" "$n" "${SPAWN_KIB:-1024}"; }
    read -r ready got <&"${SPAWN[0]}"
    if [ "$ready" != READY ] || [ "$got" != "$n" ]; then
        echo "run.sh: spawn_idle started $got of $n" >&2
        exit 1
    fi
    sleep 1
    procs=$(count_procs)
    rm -f "$WORK"/*.ms "$WORK"/*.hwm "$WORK"/*.inter "$WORK"/*.frame "$WORK"/*.bframe
    o_ms='' t_ms='' r_ms='' oi_ms='' hi_ms=''

    if want batch; then
        # shellcheck disable=SC2086
        batch_row oomtop "${ENVS[@]}" "$OOMTOP" -b -d "$DELAY" $OOMTOP_ARGS
        # shellcheck disable=SC2086
        [ -z "$OOMTOP_REF" ] || batch_row oomtop-ref "${ENVS[@]}" "$OOMTOP_REF" -b -d "$DELAY" $OOMTOP_ARGS
        batch_row top "${ENVS[@]}" top -b -d "$DELAY" -w 512
        o_ms=$(median < "$WORK/oomtop.ms")
        t_ms=$(median < "$WORK/top.ms")
        [ -z "$OOMTOP_REF" ] || r_ms=$(median < "$WORK/oomtop-ref.ms")
    fi
    if want frame; then
        # shellcheck disable=SC2086
        frame_batch oomtop "${ENVS[@]}" "$OOMTOP" -b $OOMTOP_ARGS
        frame_batch top "${ENVS[@]}" top -b -w 512
        for _ in 1 2 3; do
            first_frame oomtop "$OSTR"
            [ -z "$HTOP" ] || first_frame htop "$HTOP"
        done
    fi
    if want interactive; then
        for _ in $(seq 1 "$IREPS"); do
            inter_run oomtop loadavg "$OSTR"
            [ -z "$HTOP" ] || inter_run htop /proc/meminfo "$HTOP"
        done
        oi_ms=$(col 1 "$WORK/oomtop.inter")
        [ -z "$HTOP" ] || hi_ms=$(col 1 "$WORK/htop.inter")
    fi
    if want kmem; then
        # shellcheck disable=SC2086
        kmem_held oomtop "${ENVS[@]}" "$OOMTOP" -b $OOMTOP_ARGS
        kmem_held top "${ENVS[@]}" top -b -w 512
    fi
    if want files && ! "$WORK/filecost" > "$WORK/files.txt" 2>&1; then
        echo "run.sh: filecost failed: $(cat "$WORK/files.txt")" >&2
    fi
    heap='' cg_o='' cg_t=''
    if want heap && [ "$n" = "$HEAP_N" ]; then
        # shellcheck disable=SC2086
        heap="$(valgrind_delta dhat 'Total: *[0-9,]* bytes in' 3 9 "$OOMTOP" -b -d 0.1 $OOMTOP_ARGS) blocks,"
        # shellcheck disable=SC2086
        heap="$heap $(valgrind_delta dhat 'At t-gmax:' 3 9 "$OOMTOP" -b -d 0.1 $OOMTOP_ARGS) bytes peak"
    fi
    if want callgrind && [ "$n" = "$CG_N" ]; then
        # shellcheck disable=SC2086
        cg_o=$(valgrind_delta callgrind 'Collected :' 1 3 "$OOMTOP" -b -d 0.1 $OOMTOP_ARGS)
        cg_t=$(valgrind_delta callgrind 'Collected :' 1 3 top -b -d 0.1 -w 512)
    fi
    kill -TERM "$SPAWN_PID"
    wait "$SPAWN_PID" 2>/dev/null || true
    SPAWN_PID=

    echo
    echo "N=$n ($procs processes)"
    row "" oomtop top htop oomtop/top oomtop/htop
    if want batch; then
        row "batch CPU ms/refresh" "$o_ms" "$t_ms" - "$(ratio "$o_ms" "$t_ms")" -
        row "  min-max" "$(sort -g "$WORK/oomtop.ms" | sed -n '1p;$p' | paste -sd-)" \
            "$(sort -g "$WORK/top.ms" | sed -n '1p;$p' | paste -sd-)" - - -
        [ -z "$OOMTOP_REF" ] || row "batch CPU ms/refresh, oomtop-ref" "$r_ms" "$t_ms" - \
            "$(ratio "$r_ms" "$t_ms")" -
        om=$(col 1 "$WORK/oomtop.hwm") tm=$(col 1 "$WORK/top.hwm")
        row "peak RSS KiB (batch VmHWM)" "$om" "$tm" - "$(ratio "$om" "$tm")" -
        [ -z "$OOMTOP_REF" ] || { rm_=$(col 1 "$WORK/oomtop-ref.hwm"); \
            row "peak RSS KiB, oomtop-ref" "$rm_" "$tm" - "$(ratio "$rm_" "$tm")" -; }
    fi
    if want interactive; then
        hh=-; hn=-; hg=-
        if [ -n "$HTOP" ]; then
            hh=$(col 3 "$WORK/htop.inter") hn=$(col 2 "$WORK/htop.inter") hg=$(col 4 "$WORK/htop.inter")
        fi
        row "interactive CPU ms/refresh" "$oi_ms" - "${hi_ms:--}" - "$(ratio "$oi_ms" "$hi_ms")"
        row "  refreshes in the window" "$(col 2 "$WORK/oomtop.inter")" - "$hn" - -
        row "interactive VmHWM KiB" "$(col 3 "$WORK/oomtop.inter")" - "$hh" - \
            "$(ratio "$(col 3 "$WORK/oomtop.inter")" "$hh")"
        row "interactive RSS growth KiB/refresh" "$(col 4 "$WORK/oomtop.inter")" - "$hg" - -
    fi
    if want frame; then
        ow=$(col 1 "$WORK/oomtop.bframe") tw=$(col 1 "$WORK/top.bframe")
        row "first frame -b -n 1 wall ms" "$ow" "$tw" - "$(ratio "$ow" "$tw")" -
        row "  its CPU ms" "$(col 2 "$WORK/oomtop.bframe")" "$(col 2 "$WORK/top.bframe")" - - -
        [ -z "$o_ms" ] || awk -v w="$ow" -v r="$o_ms" 'BEGIN {printf "%-34s %12.1f  (goal <= one refresh + 20 ms = %.1f)\n", "  minus one refresh ms", w - r, r + 20}'
        of=$(col 1 "$WORK/oomtop.frame") hf=$([ -z "$HTOP" ] || col 1 "$WORK/htop.frame")
        row "first frame in tmux ms" "$of" - "${hf:--}" - "$(ratio "$of" "$hf")"
    fi
    if want kmem; then
        ok=$(col 1 "$WORK/oomtop.kmem") tk=$(col 1 "$WORK/top.kmem")
        row "kernel memory held KiB" "$ok" "$tk" - - -
        row "  per process, bytes" "$(awk -v k="$ok" -v n="$procs" 'BEGIN {printf "%.0f", k * 1024 / n}')" \
            "$(awk -v k="$tk" -v n="$procs" 'BEGIN {printf "%.0f", k * 1024 / n}')" - - -
    fi
    if want files; then
        echo "/proc/PID files:"
        sed 's/^/  /' "$WORK/files.txt"
    fi
    [ -z "$heap" ] || row "heap per refresh after warm-up" "$heap" "" "" "" ""
    [ -z "$cg_o" ] || row "callgrind Ir/refresh (user)" "$cg_o" "$cg_t" - "$(ratio "$cg_o" "$cg_t")" -
    sleep 1
done
