#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh - CPU time per refresh of oomtop against top, with N idle processes.
#
#   bench/run.sh [N ...]                     (default: 1000 5000)
#
# Environment:
#   OOMTOP      the oomtop binary (default: oomtop next to this script's
#               build, then in PATH)
#   OOMTOP_ARGS extra oomtop options (default none)
#   REPS        repeats per row, the median is reported (default 3)
#   ITER        refreshes in the long run (default 25); the short run has
#   ITER_SHORT  (default 5) refreshes, so start-up cost cancels out
#   DELAY       seconds between refreshes (default 0.2)
#   SPAWN_KIB   largest private memory of an idle process in KiB (default
#               1024; use less for N=20000)
# htop (3.2 here) has no batch mode and no -n, so it is not measured.
#
# Method: each tool runs in batch mode twice, `-n ITER` and `-n ITER_SHORT`,
# under bench/cputime.c, which takes user+sys from wait4()'s rusage. CPU per
# refresh = (cpu(ITER) - cpu(ITER_SHORT)) / (ITER - ITER_SHORT). top runs with
# a private toprc (VIRT RES SHR SWAP OOMs OOMa shown, sorted by OOMs) in a
# temporary XDG_CONFIG_HOME, so it reads the same files oomtop needs.
# The idle processes come from bench/spawn_idle.c (varied memory and adj).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1000 5000)
REPS=${REPS:-3}
ITER=${ITER:-25}
ITER_SHORT=${ITER_SHORT:-5}
DELAY=${DELAY:-0.2}
OOMTOP_ARGS=${OOMTOP_ARGS:-}
CC=${CC:-cc}

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

WORK=$(mktemp -d /tmp/oomtop-bench.XXXXXX)
SPAWN_PID=
cleanup() {
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
if ! HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home top -b -n 1 -w 512 | grep -q 'OOMs'; then
    echo "run.sh: this top did not take the OOM fields from its rc file" >&2
    exit 1
fi

# cpu_us CMD... : user+sys microseconds of one run; peak RSS (KiB) -> $WORK/rss
cpu_us() {
    local u s rss rc
    "$WORK/cputime" "$@" >/dev/null 2>"$WORK/rus" </dev/null
    read -r u s rss rc < <(tail -n 1 "$WORK/rus")
    [ "$rc" = 0 ] || { echo "run.sh: '$*' exited with $rc" >&2; exit 1; }
    echo "$rss" > "$WORK/rss"
    echo $((u + s))
}

count_procs() { local p=(/proc/[0-9]*); echo "${#p[@]}"; }

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# per_refresh NAME CMD... (CMD gets -n K appended): median ms per refresh
per_refresh() {
    local name=$1 a b
    shift
    : > "$WORK/$name.ms"
    for _ in $(seq 1 "$REPS"); do
        b=$(cpu_us "$@" -n "$ITER_SHORT")
        a=$(cpu_us "$@" -n "$ITER")
        awk -v a="$a" -v b="$b" -v n=$((ITER - ITER_SHORT)) \
            'BEGIN {printf "%.2f\n", (a - b) / n / 1000}' >> "$WORK/$name.ms"
    done
    cp "$WORK/rss" "$WORK/$name.rss"
    median < "$WORK/$name.ms"
}

ENVS=(env "HOME=$WORK/home" "XDG_CONFIG_HOME=$WORK/home")

echo "# $(uname -r), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo);" \
     "oomtop=$OOMTOP; top: $(top -V | head -n 1)"
echo "# CPU per refresh = (user+sys of -n $ITER minus -n $ITER_SHORT) / $((ITER - ITER_SHORT)), median of $REPS; -d $DELAY"
printf '%-7s %-7s %-8s %12s %15s %10s\n' N procs tool "ms/refresh" "min-max" "peak RSS"
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

    # shellcheck disable=SC2086
    o=$(per_refresh oomtop "${ENVS[@]}" "$OOMTOP" -b -d "$DELAY" $OOMTOP_ARGS)
    t=$(per_refresh top "${ENVS[@]}" top -b -d "$DELAY" -w 512)
    for tool in oomtop top; do
        printf '%-7s %-7s %-8s %12s %15s %8s K\n' "$n" "$procs" "$tool" \
            "$(median < "$WORK/$tool.ms")" \
            "$(sort -n "$WORK/$tool.ms" | sed -n '1p;$p' | paste -sd' ' | tr ' ' '-')" \
            "$(cat "$WORK/$tool.rss")"
    done
    awk -v o="$o" -v t="$t" -v n="$n" 'BEGIN {printf "%-7s ratio oomtop/top = %.3f\n", n, o / t}'

    kill -TERM "$SPAWN_PID"
    wait "$SPAWN_PID" 2>/dev/null || true
    SPAWN_PID=
    sleep 1
done
