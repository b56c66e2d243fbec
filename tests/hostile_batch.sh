#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# hostile_batch.sh - processes whose names and command lines are made of
# escape sequences (ESC, CSI, OSC title and OSC 52 clipboard), C1 controls
# written as UTF-8, tab, newline, backspace, DEL, invalid UTF-8, bidi
# overrides, emoji and double-width CJK, plus a 4 KiB argument; then
# `oomtop -b` as text (with and without -c), JSON and CSV. The output may
# hold no control byte of theirs, each process stays on one line, JSON and
# CSV parse, and the COMMAND column starts at the same display column on
# every row (widths measured with Unicode's East Asian Width).
set -u
: "${OOMTOP:?}" "${TESTS_HELPERS:?}"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to parse and measure the output"; exit 77; }
[ -x "$TESTS_HELPERS/memchild" ] || { echo "FAIL: helper $TESTS_HELPERS/memchild missing"; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
    [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Each name is at most 15 bytes (the kernel's comm); the command line of
# every child carries all of them, and the last child's a 4 KiB argument.
names=(
    $'\e]2;PWNED\a\e[2J'        # window title, then clear screen
    $'\e]52;c;cHdu\a'           # OSC 52: write the clipboard
    $'\xc2\x9b31m\xc2\x85c1'    # C1 CSI and NEL as UTF-8
    $'t\tn\nb\bd\x7f'           # tab, newline, backspace, DEL
    $'bad\xff\xfe\xc0\xaf'      # invalid and overlong UTF-8
    $'\xe2\x80\xaeRLO\xe2\x81\xa6'   # bidi override and isolate
    '😀漢字wide'                 # emoji and double-width CJK
)
long=$(printf 'x%.0s' $(seq 4096))

mkfifo "$tmp/stdin"
exec {hold}<>"$tmp/stdin"       # keeps every child waiting until the end
for i in "${!names[@]}"; do
    extra=()
    [ "$i" -eq $((${#names[@]} - 1)) ] && extra=("$long")
    "$TESTS_HELPERS/memchild" 1 0 "${names[$i]}" "${names[@]}" "${extra[@]}" \
        <"$tmp/stdin" >"$tmp/child.$i" 2>&1 &
    pids+=($!)
done
for i in "${!pids[@]}"; do
    for _ in $(seq 100); do grep -q READY "$tmp/child.$i" && break; sleep 0.1; done
    grep -q READY "$tmp/child.$i" || fail "child $i never got ready: $(cat "$tmp/child.$i")"
done
list=$(IFS=,; echo "${pids[*]}")

run() {
    local out=$1; shift
    "$OOMTOP" -b -n 1 "$@" > "$tmp/$out" 2> "$tmp/$out.err" || fail "oomtop -b $* exited $?: $(cat "$tmp/$out.err")"
}
run text.out -p "$list"
run cmd.out -c -p "$list"
run all.out -c              # every process: nothing anywhere may leak
run json.out -c -o json -p "$list"
run csv.out -c -o csv -p "$list"

python3 - "$tmp" "$list" <<'EOF' || exit 1
import csv, io, json, sys, unicodedata

tmp, pids = sys.argv[1], [int(p) for p in sys.argv[2].split(',')]
failed = False

def fail(msg):
    global failed
    print('FAIL: ' + msg)
    failed = True

def bad_char(c):
    o = ord(c)
    return o < 0x20 or o == 0x7f or 0x80 <= o <= 0x9f or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069

def check_bytes(name, raw):
    """No C0 but newline, no DEL, no C1 as UTF-8, valid UTF-8."""
    for i, b in enumerate(raw):
        if (b < 0x20 and b != 0x0a) or b == 0x7f:
            return fail('%s: control byte 0x%02x at offset %d' % (name, b, i))
        if b == 0xc2 and i + 1 < len(raw) and 0x80 <= raw[i + 1] <= 0x9f:
            return fail('%s: C1 control c2 %02x at offset %d' % (name, raw[i + 1], i))
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        return fail('%s: invalid UTF-8: %s' % (name, e))
    for c in text:
        if c != '\n' and bad_char(c):
            return fail('%s: U+%04X in the output' % (name, ord(c)))
    return text

def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)

def check_table(name, text, want):
    lines = text.split('\n')
    head = [i for i, l in enumerate(lines) if l.split()[:1] == ['PID'] and 'COMMAND' in l]
    if not head:
        return fail('%s: no column titles' % name)
    title = lines[head[0]]
    ncells = title[:title.index('COMMAND')].split().__len__()
    col = width(title[:title.index('COMMAND')])
    rows = [l for l in lines[head[0] + 1:] if l.strip()]
    seen = [int(r.split()[0]) for r in rows if r.split()[0].isdigit()]
    if sorted(seen) != sorted(pids) or len(rows) != len(pids):
        return fail('%s: expected one line per process %s, got %d lines for pids %s'
                    % (name, pids, len(rows), seen))
    for r in rows:
        # The command starts after the fixed cells (none of which holds a blank).
        i, cells = 0, 0
        while cells < ncells:
            while r[i] == ' ': i += 1
            while r[i] != ' ': i += 1
            cells += 1
        i += 1
        while i < len(r) and r[i] == ' ' and width(r[:i]) < col: i += 1
        if width(r[:i]) != col:
            fail('%s: COMMAND of pid %s starts at column %d, the title at %d'
                 % (name, r.split()[0], width(r[:i]), col))
    return rows

text = check_bytes('text', open(tmp + '/text.out', 'rb').read())
cmd = check_bytes('text -c', open(tmp + '/cmd.out', 'rb').read())
check_bytes('text -c, all processes', open(tmp + '/all.out', 'rb').read())
if text:
    rows = check_table('text', text, pids)
    if rows and not any('😀漢字wide' in r for r in rows):
        fail('text: the emoji/CJK name was not kept whole')
    if rows and not any('t?n?b?d?' in r for r in rows):
        fail('text: tab/newline/backspace/DEL were not each replaced by one "?"')
if cmd:
    rows = check_table('text -c', cmd, pids)
    if rows and not any('x' * 1000 in r for r in rows):
        fail('text -c: the 4 KiB argument is missing')

def check_fields(name, rec):
    for k, v in rec.items():
        if isinstance(v, str) and any(bad_char(c) for c in v):
            fail('%s: field %s of pid %s holds a control character: %r' % (name, k, rec.get('pid'), v))

raw = open(tmp + '/json.out', 'rb').read()
if check_bytes('json', raw) is not None:
    docs = [json.loads(l) for l in raw.decode().splitlines() if l.strip()]
    if len(docs) != 1:
        fail('json: expected one document, got %d' % len(docs))
    procs = docs[0].get('processes', []) if docs else []
    if sorted(p['pid'] for p in procs) != sorted(pids):
        fail('json: processes %s, expected %s' % ([p['pid'] for p in procs], pids))
    for p in procs:
        check_fields('json', p)

raw = open(tmp + '/csv.out', 'rb').read()
if check_bytes('csv', raw) is not None:
    lines = raw.decode().splitlines()
    recs = list(csv.DictReader(io.StringIO(raw.decode())))
    if len(recs) != len(lines) - 1:
        fail('csv: %d records on %d lines: a record spans lines' % (len(recs), len(lines) - 1))
    if sorted(int(r['pid']) for r in recs) != sorted(pids):
        fail('csv: processes %s, expected %s' % ([r['pid'] for r in recs], pids))
    for r in recs:
        check_fields('csv', r)

sys.exit(1 if failed else 0)
EOF
echo "hostile names and command lines of ${#pids[@]} processes: text, -c, JSON and CSV clean and aligned"
exit 0
