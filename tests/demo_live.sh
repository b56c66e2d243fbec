#!/bin/bash
# demo_live.sh - oomtop-demo driven through a pipe, one newline per step;
# after every step its memory is read from /proc independently and compared
# with what the step must do. Then the option errors and the cleanup on
# end of input and on signals.
set -u
: "${OOMTOP:?}"
DEMO="$(dirname "$OOMTOP")/oomtop-demo"
fail() { echo "FAIL: $*"; exit 1; }
[ -x "$DEMO" ] || fail "no $DEMO"

SIZE_MIB=128
SIZE_KB=$((SIZE_MIB * 1024))
THREADS=3
TOL_KB=$((32 * 1024))       # Committed_AS is system-wide: other work adds noise
# The demo's own figures are exact; a sanitizer runtime maps a little more
# for each thread and fork, so only then they get a small allowance.
EXACT_TOL=$(( ${OOMTOP_SANITIZED:-0} ? 4096 : 0 ))

tmp=$(mktemp -d)
demo=
cleanup() { exec 3>&- 2>/dev/null; [ -n "$demo" ] && kill -KILL "$demo" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# ------------------------------------------------------------ options
"$DEMO" --help | grep -q -- '--size MIB' || fail "--help"
"$DEMO" --version | grep -q '^oomtop-demo [0-9]' || fail "--version"
for bad in "--size 0" "--size abc" "--size 12x" "--threads 257" "--threads -1" "--bogus" \
           "--size" "extra"; do
    # shellcheck disable=SC2086
    "$DEMO" $bad > "$tmp/out" 2> "$tmp/err" < /dev/null
    rc=$?
    [ "$rc" = 2 ] || fail "'$bad' exited $rc, expected 2"
    [ "$(wc -l < "$tmp/err")" = 1 ] || fail "'$bad': not one line: $(cat "$tmp/err")"
    [ -s "$tmp/out" ] && fail "'$bad' printed on stdout"
done
avail_mib=$(awk '/^MemAvailable:/{print int($2/1024)}' /proc/meminfo)
"$DEMO" --size "$avail_mib" --step-all > "$tmp/out" 2> "$tmp/err" < /dev/null
[ $? = 2 ] || fail "--size of all MemAvailable was not refused"
grep -q -- '--force' "$tmp/err" || fail "refusal does not mention --force: $(cat "$tmp/err")"

# ------------------------------------------------------------ helpers
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
# Σ sizes of VMAs carrying VmFlags $2 (and not $3), from smaps
smaps_kb() {
    awk -v want="$2" -v not="${3:-}" '
        /^[0-9a-f]+-[0-9a-f]+ / { split($1, r, "-"); size = 0; next }
        /^Size:/ { size = $2 }
        /^VmFlags:/ { has = 0; hasnot = 0
            for (i = 2; i <= NF; i++) { if ($i == want) has = 1; if ($i == not) hasnot = 1 }
            if (has && !hasnot) sum += size }
        END { printf "%.0f\n", sum }' "/proc/$1/smaps"
}
committed() { awk '/^Committed_AS:/{print $2}' /proc/meminfo; }
snap() { # pid -> VAR_virt VAR_rss VAR_shr VAR_ac VAR_nr VAR_fork
    v_virt=$(status_kb "$1" VmSize); v_rss=$(status_kb "$1" VmRSS)
    v_shr=$(status_kb "$1" RssShmem); v_ac=$(smaps_kb "$1" ac)
    v_nr=$(smaps_kb "$1" nr); v_fork=$(smaps_kb "$1" ac dc); v_commit=$(committed)
}
within() { local d=$(( $1 - $2 )); [ "${d#-}" -le "$3" ]; }
# Committed_AS is one figure for the whole machine, so another process can
# move it during a step. Such a mismatch ends the attempt with status 3 and
# the steps are run again (at most 3 times); a mismatch in the demo's own
# figures (smaps, status) fails at once.
noisy() { echo "NOISE: $*"; exit 3; }
# Reads the demo's output up to its next key prompt; keeps the last Measured line.
measured=
wait_prompt() {
    local line
    while IFS= read -r -t 20 line <&4; do
        echo "$line" >> "$tmp/log"
        case "$line" in *Measured:*) measured=$line ;; *"[Enter/space"*) return 0 ;; esac
    done
    cat "$tmp/log"; fail "no prompt from the demo"
}
next_step() { measured=; echo >&3; wait_prompt; }
# Committed_AS the demo measured around the step vs what it expected
check_reported() {
    local got want
    got=$(sed -n 's/.*Committed_AS \([+-][0-9]*\) kB (expected \([+-][0-9]*\) kB).*/\1/p' <<< "$measured")
    want=$(sed -n 's/.*Committed_AS \([+-][0-9]*\) kB (expected \([+-][0-9]*\) kB).*/\2/p' <<< "$measured")
    [ -n "$got" ] && [ -n "$want" ] || fail "step $1: no figures in: $measured"
    within "$got" "$want" "$TOL_KB" || noisy "step $1: Committed_AS $got kB, expected $want kB"
}

# ------------------------------------------------------------ the steps
mode=$(cat /proc/sys/vm/overcommit_memory)
mkfifo "$tmp/fin" "$tmp/fout"
run_steps() {
trap '[ -n "$demo" ] && kill -KILL "$demo" 2>/dev/null' EXIT
: > "$tmp/log"
"$DEMO" --size "$SIZE_MIB" --threads "$THREADS" < "$tmp/fin" > "$tmp/fout" 2>&1 &
demo=$!
exec 3> "$tmp/fin" 4< "$tmp/fout"
wait_prompt
snap "$demo"; b_virt=$v_virt b_rss=$v_rss b_shr=$v_shr b_ac=$v_ac b_nr=$v_nr b_commit=$v_commit

# 1: untouched block: charged and mapped, not resident
next_step; snap "$demo"; check_reported 1
within $((v_ac - b_ac)) "$SIZE_KB" "$EXACT_TOL" || fail "step 1: smaps ac +$((v_ac - b_ac)) kB"
within $((v_virt - b_virt)) "$SIZE_KB" "$EXACT_TOL" || fail "step 1: VmSize +$((v_virt - b_virt)) kB"
[ $((v_rss - b_rss)) -lt 1024 ] || fail "step 1: VmRSS +$((v_rss - b_rss)) kB"
within $((v_commit - b_commit)) "$SIZE_KB" "$TOL_KB" || noisy "step 1: Committed_AS +$((v_commit - b_commit))"
b_virt=$v_virt b_rss=$v_rss b_ac=$v_ac b_commit=$v_commit

# 2: touched: resident, no new charge
next_step; snap "$demo"; check_reported 2
[ $((v_rss - b_rss)) -ge "$SIZE_KB" ] || fail "step 2: VmRSS +$((v_rss - b_rss)) kB"
within "$v_ac" "$b_ac" "$EXACT_TOL" || fail "step 2: smaps ac moved by $((v_ac - b_ac))"
within $((v_commit - b_commit)) 0 "$TOL_KB" || noisy "step 2: Committed_AS +$((v_commit - b_commit))"
fork_cost=$v_fork b_commit=$v_commit b_ac=$v_ac b_virt=$v_virt

# 3: fork: the child is charged the parent's ac-without-dc again
next_step; check_reported 3
child=$(sed -n 's/.*child pid \([0-9]*\).*/\1/p' <<< "$measured")
[ -n "$child" ] && [ -d "/proc/$child" ] || fail "step 3: no child ($measured)"
child_ac=$(smaps_kb "$child" ac)
# exact, except that a sanitizer runtime maps a little more in the child
within "$child_ac" "$fork_cost" "$EXACT_TOL" ||
    fail "step 3: child ac $child_ac kB, parent's fork cost $fork_cost kB"
within $(( $(committed) - b_commit )) "$fork_cost" "$TOL_KB" || noisy "step 3: Committed_AS"
snap "$demo"; b_ac=$v_ac b_virt=$v_virt b_commit=$v_commit

# 4: threads: one charged stack each (glibc uses RLIMIT_STACK when it is finite)
next_step; snap "$demo"; check_reported 4
[ "$(awk '/^Threads:/{print $2}' /proc/$demo/status)" = $((THREADS + 1)) ] || fail "step 4: threads"
stack=$(ulimit -s)
if [ "$stack" != unlimited ]; then
    within $((v_ac - b_ac)) $((THREADS * stack)) "$EXACT_TOL" || fail "step 4: ac +$((v_ac - b_ac)), want $((THREADS * stack))"
fi
b_ac=$v_ac b_virt=$v_virt b_nr=$v_nr

# 5: MAP_NORESERVE: mapped, charged only in mode 2
next_step; snap "$demo"; check_reported 5
within $((v_virt - b_virt)) "$SIZE_KB" "$EXACT_TOL" || fail "step 5: VmSize +$((v_virt - b_virt))"
if [ "$mode" = 2 ]; then
    within $((v_ac - b_ac)) "$SIZE_KB" "$EXACT_TOL" || fail "step 5: mode 2 ac +$((v_ac - b_ac))"
else
    within "$v_ac" "$b_ac" "$EXACT_TOL" || fail "step 5: ac moved by $((v_ac - b_ac))"
    within $((v_nr - b_nr)) "$SIZE_KB" "$EXACT_TOL" || fail "step 5: nr +$((v_nr - b_nr))"
fi
b_shr=$v_shr b_commit=$v_commit

# 6: memfd: shmem resident and charged page by page
next_step; snap "$demo"; check_reported 6
within $((v_shr - b_shr)) "$SIZE_KB" "$EXACT_TOL" || fail "step 6: RssShmem +$((v_shr - b_shr))"
within $((v_commit - b_commit)) "$SIZE_KB" "$TOL_KB" || noisy "step 6: Committed_AS +$((v_commit - b_commit))"

# 7: oom_score_adj raised; the kernel's score follows
score_before=$(cat /proc/$demo/oom_score)
next_step
[ "$(cat /proc/$demo/oom_score_adj)" = 500 ] || fail "step 7: adj $(cat /proc/$demo/oom_score_adj)"
[ "$(cat /proc/$demo/oom_score)" -gt "$score_before" ] || fail "step 7: oom_score did not rise"

# q frees everything: the child is reaped, the demo exits 0
echo q >&3
wait "$demo"; rc=$?
demo=
[ "$rc" = 0 ] || fail "exit status $rc after q"
[ -d "/proc/$child" ] && fail "child $child still there after q"
exec 3>&- 4<&-
}

for attempt in 1 2 3; do
    ( run_steps ); rc=$?
    [ "$rc" = 0 ] && break
    [ "$rc" = 3 ] || exit "$rc"
    [ "$attempt" = 3 ] && fail "Committed_AS moved by other work in all 3 attempts"
    echo "attempt $attempt disturbed by other work on the machine; again"
done

# ------------------------------------------------------------ signals and EOF
for sig in TERM HUP INT EOF; do
    "$DEMO" --size 16 --threads 1 < "$tmp/fin" > "$tmp/fout" 2>&1 &
    demo=$!
    exec 3> "$tmp/fin" 4< "$tmp/fout"
    : > "$tmp/log"
    wait_prompt; next_step; next_step; next_step    # through the fork
    child=$(sed -n 's/.*child pid \([0-9]*\).*/\1/p' <<< "$measured")
    [ -n "$child" ] || fail "$sig: no child"
    if [ "$sig" = EOF ]; then exec 3>&-; else kill -s "$sig" "$demo"; fi
    wait "$demo" 2>/dev/null; rc=$?
    demo=
    cat <&4 >> "$tmp/log"
    exec 3>&- 4<&-
    grep -q 'everything freed' "$tmp/log" || fail "$sig: no cleanup message"
    for _ in $(seq 20); do [ -d "/proc/$child" ] || break; sleep 0.1; done
    [ -d "/proc/$child" ] && fail "$sig: child $child survived"
    case $sig in
        EOF) want=0 ;;
        *) want=$((128 + $(kill -l "$sig"))) ;;
    esac
    [ "$rc" = "$want" ] || fail "$sig: exit status $rc, expected $want"
done

# --step-all: seven measured steps, no keys
"$DEMO" --size 16 --threads 1 --step-all < /dev/null > "$tmp/all" 2>&1 || fail "--step-all exited $?"
[ "$(grep -c 'Measured:' "$tmp/all")" = 7 ] || fail "--step-all: $(cat "$tmp/all")"
echo "PASS: demo steps, options, cleanup on q/TERM/HUP/INT/EOF"
