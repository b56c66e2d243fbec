#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh [SECONDS] - builds every fuzz harness with clang's libFuzzer under
# AddressSanitizer and UndefinedBehaviorSanitizer, straight from the
# project's sources (the library lists are read from src/*.am), and runs
# each one for SECONDS (default 20) on its seeds (tests/fuzz/seeds.sh).
# Exits 1 if any harness crashed; the crashing inputs are kept in
# $FUZZ_OUT (default ./fuzz-out/crashes) and belong, once fixed, in
# tests/fuzz/regressions/NAME/ so that `make check` replays them for ever.
# Environment: FUZZ_JOBS harnesses at a time (default: CPUs), FUZZ_ONLY
# a space-separated subset of harness names, CC (default clang).
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-20}
out=${FUZZ_OUT:-$PWD/fuzz-out}
jobs=${FUZZ_JOBS:-$(nproc)}
cc=${CC:-clang}
. "$src/tests/fuzz/seeds.sh"
harnesses=${FUZZ_ONLY:-$FUZZ_HARNESSES}

case $secs in
''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

die() { echo "fuzz: $*" >&2; exit 2; }

command -v "$cc" >/dev/null || die "$cc not found: install the Debian packages clang and libclang-rt-14-dev"
work=$out/build
rm -rf "$work" "$out/logs" "$out/crashes"
mkdir -p "$work/obj" "$out/crashes" "$out/logs" "$out/corpus" || die "cannot create $out"
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }' > "$work/probe.c"
"$cc" -fsanitize=fuzzer,address,undefined "$work/probe.c" -o "$work/probe" 2>"$work/probe.log" ||
    die "$cc cannot build with -fsanitize=fuzzer: install the Debian package libclang-rt-14-dev ($(head -n1 "$work/probe.log"))"
pkg-config --exists libproc2 || die "libproc2 not found: install the Debian package libproc2-dev"

# The build's config.h holds nothing the library sources need but these.
cat > "$work/config.h" <<'EOF'
#ifndef _GNU_SOURCE
# define _GNU_SOURCE 1
#endif
#define PACKAGE_VERSION "fuzz"
#define PROC2_VERSION "fuzz"
#define CURSES_VERSION "fuzz"
EOF

san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-std=gnu11 -g -O1 -I$work -I$src/src -I$src/tests/fuzz $(pkg-config --cflags libproc2)"

# "core FILE" / "sys FILE" for every library source named in src/*.am.
lib_sources() {
    awk '
    /^src_liboom(core|sys)_a_SOURCES *\+?=/ { lib = ($1 ~ /core/) ? "core" : "sys"; on = 1; sub(/^[^=]*=/, "") }
    on { line = $0; cont = (line ~ /\\$/); sub(/\\$/, "", line)
         n = split(line, w, /[ \t]+/)
         for (i = 1; i <= n; i++) if (w[i] ~ /\.c$/) print lib, w[i]
         if (!cont) on = 0 }' "$src"/src/*.am
}

echo "fuzz: building the libraries with $cc ($(lib_sources | wc -l) sources)"
lib_sources | awk '{ print $2 }' |
    xargs -P "$jobs" -I{} sh -c 'f={}; o='"$work"'/obj/$(basename "${f%.c}").o;
        '"$cc $cflags $san"' -fsanitize=fuzzer-no-link -c "'"$src"'/$f" -o "$o" 2>"$o.log" ||
        { cat "$o.log" >&2; exit 255; }' || die "building the libraries failed"
for lib in core sys; do
    objs=$(lib_sources | awk -v l=$lib '$1 == l { n = split($2, p, "/"); sub(/\.c$/, ".o", p[n]); print p[n] }')
    (cd "$work/obj" && ar rcs "../liboom$lib.a" $objs) || die "ar liboom$lib.a failed"
done

build_harness() {
    "$cc" $cflags $san -fsanitize=fuzzer -o "$work/fuzz_$1" "$src/tests/fuzz/fuzz_$1.c" \
        "$src/tests/fuzz/fuzz_util.c" "$work/liboomsys.a" "$work/liboomcore.a" \
        $(pkg-config --libs libproc2) -lm
}

for h in $harnesses; do
    build_harness "$h" 2>"$out/logs/$h.build" || { cat "$out/logs/$h.build" >&2; die "building fuzz_$h failed"; }
done

# Runs one harness: new inputs it finds go to $out/corpus/NAME (never into
# the source tree), the seeds are copied beside them.
run_harness() {
    local h=$1 seeds=$out/seeds/$1
    rm -rf "$seeds"
    mkdir -p "$seeds" "$out/corpus/$h"
    fuzz_seeds "$src" "$h" | while read -r s; do
        if [ -d "$s" ]; then cp "$s"/* "$seeds"/ 2>/dev/null; else cp "$s" "$seeds"/; fi
    done
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$work/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -print_final_stats=1 -artifact_prefix="$out/crashes/$h-" \
        "$out/corpus/$h" "$seeds" > "$out/logs/$h.log" 2>&1
    echo $? > "$out/logs/$h.rc"
}
export -f run_harness fuzz_seeds
export out work src secs

echo "fuzz: running $(echo $harnesses | wc -w) harnesses for ${secs}s each, $jobs at a time"
printf '%s\n' $harnesses | xargs -P "$jobs" -I{} bash -c 'run_harness {}'

status=0
printf '%-14s %12s %8s %8s  %s\n' harness executions exec/s corpus result
for h in $harnesses; do
    log=$out/logs/$h.log
    rc=$(cat "$out/logs/$h.rc" 2>/dev/null || echo 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
    units=$(ls "$out/corpus/$h" "$out/seeds/$h" 2>/dev/null | grep -vc ':$')
    result=ok
    if [ "$rc" != 0 ]; then
        status=1
        result="CRASH (exit $rc): $(ls "$out/crashes/$h-"* 2>/dev/null | tr '\n' ' ')"
    fi
    printf '%-14s %12s %8s %8s  %s\n' "$h" "${execs:-?}" "${rate:-?}" "$units" "$result"
done
if [ $status -ne 0 ]; then
    for h in $harnesses; do
        [ "$(cat "$out/logs/$h.rc" 2>/dev/null)" = 0 ] && continue
        echo "---- fuzz_$h ($out/logs/$h.log)"
        grep -E -A25 '^==[0-9]+==ERROR|runtime error|fuzz: property failed|^SUMMARY' "$out/logs/$h.log" | head -n 60
    done
    echo "fuzz: replay a crash with $work/fuzz_NAME FILE; once fixed, copy the file to"
    echo "      tests/fuzz/regressions/NAME/ so that make check replays it."
fi
exit $status
