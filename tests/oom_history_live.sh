#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# oom_history_live.sh - a real memory-cgroup OOM kill read back through
# `oomtop -b --oom-history` (JSON parsed by python3, and the text table),
# with the cgroup's limit, usage and the hog's rank shown by `oomtop -b -o
# json` before the kill and the oom_kill counters moved after it.
set -u
: "${OOMTOP:?}" "${TESTS_HELPERS:?}"
. "${srcdir:-.}/tests/cgroup_lib.sh"
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || cg_skip "python3 is needed to parse the JSON output"

tmp=$(mktemp -d)
cleanup() { cg_cleanup; rm -rf "$tmp"; }
trap cleanup EXIT

# Without the kernel log there is nothing to test: say why, as oomtop does.
if ! "$OOMTOP" -b --oom-history -o json >"$tmp/before" 2>"$tmp/err"; then
    cg_skip "oomtop cannot read the kernel log here: $(cat "$tmp/err")"
fi
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/before" ||
    fail "--oom-history -o json is not one JSON object per line"

cg_make "oomtop-ohl-$$"
name="ohl$$"
name=${name:0:15}
cg_hog "$name" hog_fd
hog=$HOG_PID

# Before the kill: the hog's cgroup with its limit and usage, ranked first there.
"$OOMTOP" -b -n 1 -o json -p "$hog" >"$tmp/proc" || fail "oomtop -b -o json exited $?"
python3 - "$tmp/proc" "$hog" "$CG_REL" <<'PY' || fail "cgroup fields before the kill"
import json, sys
doc = json.loads(open(sys.argv[1]).read())
pid, rel = int(sys.argv[2]), sys.argv[3]
assert isinstance(doc["oom_kills"], int), doc["oom_kills"]
p = [p for p in doc["processes"] if p["pid"] == pid][0]
m = p["memcg"]
assert m["path"] == rel, m
assert m["limit_kb"] == 32 * 1024, m
assert 8 * 1024 <= m["usage_kb"] <= 32 * 1024, m
assert m["oom_kills"] == 0, m
assert m["domain"] == rel, m
assert p["oom_rank_in_memcg"] == 1, p
print(f"before: {m['path']} limit {m['limit_kb']} kB usage {m['usage_kb']} kB "
      f"oom_kills {m['oom_kills']}, rank in memcg {p['oom_rank_in_memcg']}, "
      f"vmstat oom_kill {doc['oom_kills']}")
PY
vm_before=$(awk '$1 == "oom_kill" { print $2 }' /proc/vmstat)

cg_grow "$hog_fd" "$hog"

# The kernel logs the kill within moments: poll the history until it is there.
found=
for _ in $(seq 50); do
    "$OOMTOP" -b --oom-history -o json >"$tmp/after" || fail "--oom-history exited $?"
    if grep -q "\"pid\":$hog," "$tmp/after"; then found=1; break; fi
    sleep 0.1
done
[ -n "$found" ] || fail "no kill of pid $hog in --oom-history -o json"
python3 - "$tmp/after" "$hog" "$name" "$CG_REL" <<'PY' || fail "history JSON"
import json, sys, time
pid, name, rel = int(sys.argv[2]), sys.argv[3], sys.argv[4]
events = [json.loads(l) for l in open(sys.argv[1])]
for e in events:
    for k in ("kind", "time", "pid", "command", "uid", "total_vm_kb", "anon_rss_kb",
              "file_rss_kb", "shmem_rss_kb", "oom_score_adj", "constraint", "cgroup",
              "invoked_by"):
        assert k in e, (k, e)
    assert e["kind"] in ("kill", "refusal"), e
kills = [e for e in events if e["kind"] == "kill" and e["pid"] == pid]
assert len(kills) == 1, kills
e = kills[0]
assert e["command"] == name, e
assert e["constraint"] == "memcg", e
assert e["cgroup"] == rel, e
assert e["invoked_by"] == name, e
assert e["uid"] in (0, None), e
assert e["oom_score_adj"] in (1000, None), e
assert e["anon_rss_kb"] >= 8 * 1024, e
assert abs(e["time"] - time.time()) < 120, e
print(f"history: pid {e['pid']} ({e['command']}) {e['constraint']} in {e['cgroup']}, "
      f"anon-rss {e['anon_rss_kb']} kB, adj {e['oom_score_adj']}, by {e['invoked_by']}")
PY

# The text table has the same kill on one row.
"$OOMTOP" -b --oom-history >"$tmp/text" || fail "--oom-history (text) exited $?"
grep -q '^OOM history: [0-9]* kills*, [0-9]* refusals* in the kernel log' "$tmp/text" || fail "no heading in the text history"
awk -v pid="$hog" -v name="$name" -v rel="$CG_REL" \
    '$3 == pid && $4 == name && $5 == "memcg" && $NF == rel { ok = 1 } END { exit !ok }' \
    "$tmp/text" || { cat "$tmp/text"; fail "no text row for pid $hog"; }

# The counters moved: vmstat since boot, and the cgroup's own.
vm_after=$(awk '$1 == "oom_kill" { print $2 }' /proc/vmstat)
[ "$vm_after" -gt "$vm_before" ] || fail "vmstat oom_kill did not move ($vm_before -> $vm_after)"
"$OOMTOP" -b -n 1 -o json -p 1 >"$tmp/doc" || fail "oomtop -b -o json exited $?"
python3 - "$tmp/doc" "$vm_before" <<'PY' || fail "oom_kills after the kill"
import json, sys
doc = json.loads(open(sys.argv[1]).read())
assert doc["oom_kills"] > int(sys.argv[2]), doc["oom_kills"]
print(f"after: vmstat oom_kill {sys.argv[2]} -> {doc['oom_kills']}")
PY
if [ -e "$CG_DIR/memory.oom_control" ]; then
    kills=$(awk '$1 == "oom_kill" { print $2 }' "$CG_DIR/memory.oom_control")
else
    kills=$(awk '$1 == "oom_kill" { print $2 }' "$CG_DIR/memory.events")
fi
[ "${kills:-0}" -ge 1 ] || fail "the cgroup's own oom_kill count is '$kills'"
echo "ok: the memcg OOM kill of pid $hog ($name) in $CG_REL is in the history"
exit 0
