#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# packaging.sh - make install into a DESTDIR puts the binary, the man pages,
# the bash completion and the example rules where they belong; make
# uninstall leaves no file behind; the completion offers the options of
# --help, the column names for -s and a running process's name for
# --protect.
set -u
: "${OOMTOP:?}" "${srcdir:=.}"
builddir=$(cd "$(dirname "$OOMTOP")" && pwd)
completion=$srcdir/src/completion/oomtop.bash

fail() { echo "packaging: FAIL: $*" >&2; exit 1; }
command -v bash >/dev/null || { echo "packaging: bash missing, skipped"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/oomtop-pkg-XXXXXX") || exit 1
proc=
cleanup() {
    [ -n "$proc" ] && kill "$proc" 2>/dev/null && wait "$proc" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# ---------------------------------------------------------- install
dest=$tmp/dest
# A make of our own, not a job of the make running this test.
unset MAKEFLAGS MFLAGS MAKELEVEL
${MAKE:-make} -s -C "$builddir" install DESTDIR="$dest" >"$tmp/install.log" 2>&1 ||
    fail "make install: $(tail -5 "$tmp/install.log")"
find "$dest" -type f | sed "s|^$dest||" | sort >"$tmp/installed"
expect() {     # PATTERN WHAT
    grep -qE "$1" "$tmp/installed" || fail "$2 not installed (pattern $1); installed: $(cat "$tmp/installed")"
}
expect '/bin/oomtop$' "the binary"
expect '/man/man1/oomtop\.1$' "oomtop(1)"
expect '/man/man5/oomtoprc\.5$' "oomtoprc(5)"
expect '/share/bash-completion/completions/oomtop$' "the bash completion"
expect '/share/doc/oomtop/oomtop-rules\.yml$' "the example alerting rules"
bin=$dest$(grep '/bin/oomtop$' "$tmp/installed")
"$bin" --version | grep -q '^oomtop ' || fail "the installed binary does not run"
cmp -s "$dest$(grep 'completions/oomtop$' "$tmp/installed")" "$completion" ||
    fail "installed completion differs from $completion"
echo "packaging: installed $(wc -l <"$tmp/installed") files"

${MAKE:-make} -s -C "$builddir" uninstall DESTDIR="$dest" >"$tmp/uninstall.log" 2>&1 ||
    fail "make uninstall: $(tail -5 "$tmp/uninstall.log")"
left=$(find "$dest" -type f -o -type l)
[ -z "$left" ] || fail "left after make uninstall: $left"
echo "packaging: uninstall left no file"

# ------------------------------------------------------- completion
# A process with a name of its own, to be offered for --protect.
pname=oomtopcmp$$
cp /bin/sleep "$tmp/$pname"
"$tmp/$pname" 300 &
proc=$!
for _ in $(seq 50); do
    [ "$(cat /proc/$proc/comm 2>/dev/null)" = "$pname" ] && break
    sleep 0.05
done

complete_words() {     # COMMAND WORD... : prints COMPREPLY, one per line
    bash --norc --noprofile -c '
        source "$1" || exit 3
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_POINT=${#COMP_LINE}
        _oomtop oomtop "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" || exit 4
        printf "%s\n" "${COMPREPLY[@]}"' completion "$completion" "$@"
}

# Column names: exactly those --help lists for -s, asked from the binary.
want_cols=$("$OOMTOP" --help | sed -n '/--sort COLUMN/,/^  -[^ ]/p' |
    sed -n 's/.*(\(.*\)/\1/p; s/^ *\([a-z ]*\))$/\1/p' | tr ' ' '\n' | grep . | sort)
[ -n "$want_cols" ] || fail "could not read the column names from --help"
got_cols=$(complete_words "$OOMTOP" -s "" | sort)
[ "$want_cols" = "$got_cols" ] ||
    fail "-s completion offers: $(echo $got_cols); --help lists: $(echo $want_cols)"
[ "$(complete_words "$OOMTOP" --sort re)" = res ] || fail "--sort re does not complete to res"
[ "$(complete_words "$OOMTOP" --sort=sw)" = "--sort=swap" ] || fail "--sort=sw"

# Every option of --help is offered.
want_opts=$("$OOMTOP" --help | grep -oE -- '(^|[ ,])--?[a-zA-Z][a-z-]*' | sed 's/^[ ,]*//' | sort -u)
got_opts=$(complete_words "$OOMTOP" -)
for opt in $want_opts; do
    grep -qxE -- "$opt=?" <<<"$got_opts" || fail "option $opt is not completed"
done
complete_words "$OOMTOP" --pro | grep -qx -- --protect || fail "--pro does not offer --protect"

# Without a binary to ask, the lists in the file serve; say when they lag.
fb_cols=$(complete_words /nonexistent/oomtop -s "" | sort)
fb_opts=$(complete_words /nonexistent/oomtop -)
[ -n "$fb_cols" ] && [ -n "$fb_opts" ] || fail "no fallback lists"
lag=$(comm -23 <(echo "$want_cols") <(echo "$fb_cols"))
for opt in $want_opts; do
    grep -qxE -- "$opt=?" <<<"$fb_opts" || lag="$lag $opt"
done
[ -z "$(echo $lag)" ] ||
    echo "packaging: NOTE: the fallback lists in oomtop.bash lack:" $lag

# A running process's name for --protect (and for --set-adj VALUE).
complete_words "$OOMTOP" --protect "${pname:0:9}" | grep -qx "$pname" ||
    fail "--protect ${pname:0:9} does not offer $pname: $(complete_words "$OOMTOP" --protect "${pname:0:9}")"
complete_words "$OOMTOP" --set-adj -500 "${pname:0:9}" | grep -qx "$pname" ||
    fail "--set-adj -500 does not offer $pname"
complete_words "$OOMTOP" --protect "$proc" | grep -qx "$proc" || fail "--protect PID not offered"
complete_words "$OOMTOP" -o "" | tr '\n' ' ' | grep -qx "text json csv " || fail "-o values"
complete_words "$OOMTOP" -u ro | grep -qx root || fail "-u does not offer root"
echo "packaging: completion offers $(echo "$got_cols" | wc -w) columns, options, $pname"
echo "packaging: ok"
