#!/bin/bash
# restricted_proc.sh - oomtop on a restricted /proc, in a private mount
# namespace so that nothing outside it changes: /proc mounted with hidepid=2
# and read by an unprivileged user (it sees only its own processes), no PSI
# (/proc/pressure hidden), and /proc/sys read-only. Each time: no crash, the
# system figures still right, and what cannot be seen is absent, not zero.
set -u
: "${OOMTOP:?}"
fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root to mount a private /proc"; exit 77; }
command -v unshare >/dev/null && command -v setpriv >/dev/null ||
    { echo "SKIP: unshare and setpriv (util-linux) are needed"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to read the JSON"; exit 77; }
unshare --mount --propagation private true 2>/dev/null ||
    { echo "SKIP: cannot create a mount namespace here"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp "$OOMTOP" "$tmp/oomtop"      # reachable by the unprivileged user
chmod 755 "$tmp/oomtop"

# 1. hidepid=2: the unprivileged user sees its own processes only
unshare --mount --propagation private bash -c '
    mount -t proc -o hidepid=2 proc /proc || exit 3
    setpriv --reuid=65534 --regid=65534 --clear-groups "$1/oomtop" -b -n 2 -d 0.1 -o json
' _ "$tmp" > "$tmp/hidepid.json" 2> "$tmp/hidepid.err"
rc=$?
[ "$rc" = 3 ] && { echo "SKIP: cannot mount proc with hidepid=2 here"; exit 77; }
[ "$rc" = 0 ] || fail "hidepid=2 run exited $rc: $(cat "$tmp/hidepid.err")"
python3 - "$tmp/hidepid.json" <<'PY' || fail "hidepid=2 output"
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
assert len(docs) == 2
meminfo = dict(l.split(":", 1) for l in open("/proc/meminfo"))
for d in docs:
    assert d["processes"], "not even its own process"
    assert all(p["uid"] == 65534 for p in d["processes"]), [p["pid"] for p in d["processes"]]
    assert d["memory"]["mem_total_kb"] == int(meminfo["MemTotal"].split()[0])
    assert d["memory"]["commit_limit_kb"] == int(meminfo["CommitLimit"].split()[0])
print("hidepid=2: %d processes, all the user's own" % len(docs[-1]["processes"]))
PY

# 2. no PSI and a read-only /proc/sys
unshare --mount --propagation private bash -c '
    if [ -d /proc/pressure ]; then mount -t tmpfs -o ro,size=4k none /proc/pressure || exit 3; fi
    mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys || exit 3
    "$1/oomtop" -b -n 1 -o json > "$1/nopsi.json" && "$1/oomtop" -b -n 1 > "$1/nopsi.txt"
' _ "$tmp" 2> "$tmp/nopsi.err"
rc=$?
[ "$rc" = 3 ] && { echo "SKIP: cannot hide /proc/pressure here"; exit 77; }
[ "$rc" = 0 ] || fail "no-PSI run exited $rc: $(cat "$tmp/nopsi.err")"
python3 - "$tmp/nopsi.json" <<'PY' || fail "no-PSI JSON"
import json, sys
d = json.loads(open(sys.argv[1]).read())
assert d["pressure"] is None, d["pressure"]          # absent, never zeros
assert d["policy"]["overcommit_memory"] == int(open("/proc/sys/vm/overcommit_memory").read())
assert d["processes"]
print("no PSI: pressure null, policy still read")
PY
grep -q 'PSI: not available' "$tmp/nopsi.txt" || fail "text does not say PSI is missing: $(grep PSI "$tmp/nopsi.txt")"
echo "PASS: hidepid=2, no PSI and read-only /proc/sys handled"
