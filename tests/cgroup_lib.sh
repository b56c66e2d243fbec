# SPDX-License-Identifier: GPL-2.0-or-later
# cgroup_lib.sh - shared by the tests that make the kernel OOM-kill a
# process inside a small memory cgroup (tui_incident.sh,
# oom_history_live.sh). The machine is never at risk: the cgroup allows
# 32 MiB and no swap, the hog stops at 92 MiB, and the hog has
# oom_score_adj 1000. The cgroup is always removed on exit.
#
# Sourced, not run. Expects TESTS_HELPERS. Skips (exit 77) with a message
# where a memory cgroup cannot be made.

CG_LIMIT_MIB=32
CG_DIR=""
CG_REL=""
CG_HOG_PIDS=""
CG_TMPS=""

cg_skip() {
    echo "SKIP: $*"
    exit 77
}

# The memory hierarchy's mount point: the v1 "memory" controller if
# mounted, else a cgroup2 mount whose root offers the memory controller.
# Prints "1 DIR" or "2 DIR", nothing when there is none.
cg_find_mount() {
    awk '{
        for (i = 7; i <= NF && $i != "-"; i++) ;
        fs = $(i + 1); opts = "," $(i + 3) ","
        if (fs == "cgroup" && opts ~ /,memory,/) { print "1 " $5; found = 1; exit }
        if (fs == "cgroup2" && !v2) v2 = $5
    }
    END { if (!found && v2 != "") print "2 " v2 }' /proc/self/mountinfo |
    while read -r ver dir; do
        if [ "$ver" = 2 ] && ! grep -qw memory "$dir/cgroup.controllers" 2>/dev/null; then
            continue
        fi
        echo "$ver $dir"
    done
}

# cg_make NAME: creates the cgroup NAME with a 32 MiB limit and no swap;
# sets CG_DIR (its directory) and CG_REL (its path inside the hierarchy,
# as the kernel log and oomtop write it). Skips where it cannot.
cg_make() {
    local found ver mnt bytes=$((CG_LIMIT_MIB * 1024 * 1024))
    [ "$(id -u)" = 0 ] || cg_skip "creating a memory cgroup needs root"
    found=$(cg_find_mount)
    [ -n "$found" ] || cg_skip "no memory cgroup hierarchy is mounted"
    read -r ver mnt <<<"$found"
    CG_REL="/$1"
    mkdir "$mnt$CG_REL" 2>/dev/null || cg_skip "cannot create the memory cgroup $mnt$CG_REL"
    CG_DIR="$mnt$CG_REL"
    if [ "$ver" = 1 ]; then
        echo "$bytes" >"$CG_DIR/memory.limit_in_bytes" 2>/dev/null ||
            cg_skip "cannot set memory.limit_in_bytes in $CG_DIR"
        if [ -e "$CG_DIR/memory.memsw.limit_in_bytes" ]; then
            echo "$bytes" >"$CG_DIR/memory.memsw.limit_in_bytes" ||
                cg_skip "cannot set memory.memsw.limit_in_bytes in $CG_DIR"
        fi
    else
        [ -e "$CG_DIR/memory.max" ] ||
            cg_skip "the memory controller is not enabled for children of $mnt"
        echo "$bytes" >"$CG_DIR/memory.max" || cg_skip "cannot set memory.max in $CG_DIR"
        [ ! -e "$CG_DIR/memory.swap.max" ] || echo 0 >"$CG_DIR/memory.swap.max"
    fi
}

# cg_hog NAME FD_VAR: starts a memhog named NAME inside the cgroup, holding
# 8 MiB, waiting for a line on its stdin (a fifo whose write end is left
# open on the fd stored in FD_VAR) before it grows past the limit. Sets
# HOG_PID once it is READY.
cg_hog() {
    local name=$1 tmp fifo out fd
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-hog.XXXXXX") || exit 99
    CG_TMPS="$CG_TMPS $tmp"
    fifo="$tmp/in"
    out="$tmp/out"
    mkfifo "$fifo"
    "$TESTS_HELPERS/memhog" 8 92 1000 "$name" "$CG_DIR/cgroup.procs" <"$fifo" >"$out" 2>&1 &
    HOG_PID=$!
    CG_HOG_PIDS="$CG_HOG_PIDS $HOG_PID"
    exec {fd}>"$fifo"
    printf -v "$2" '%s' "$fd"
    for _ in $(seq 100); do
        grep -q READY "$out" && return 0
        kill -0 "$HOG_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "FAIL: memhog $name never got ready: $(cat "$out")"
    exit 1
}

# cg_grow FD PID: tells the hog to grow; waits until the kernel killed it
# (SIGKILL) or fails the test if it survived or lived on.
cg_grow() {
    local status
    echo go >&"$1"
    status=0
    { wait "$2"; } 2>/dev/null || status=$?
    [ "$status" = 137 ] || { echo "FAIL: the hog in $CG_REL ended with status $status, not" \
                                  "SIGKILL by the OOM killer (3 = the limit did not hold)"; exit 1; }
}

cg_cleanup() {
    local p
    for p in $CG_HOG_PIDS; do
        kill -9 "$p" 2>/dev/null
    done
    for p in $CG_TMPS; do
        rm -rf "$p"
    done
    [ -n "$CG_DIR" ] || return 0
    # The kernel may need a moment to let go of a killed task.
    for _ in $(seq 50); do
        rmdir "$CG_DIR" 2>/dev/null && break
        sleep 0.1
    done
    [ ! -d "$CG_DIR" ] || echo "WARNING: could not remove $CG_DIR"
}
