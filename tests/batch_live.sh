#!/bin/bash
# batch_live.sh - oomtop -b against the real kernel: a child with known memory
# and oom_score_adj must appear with the kernel's own figures, in text and JSON.
set -u
: "${OOMTOP:?}" "${TESTS_HELPERS:?}"
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to parse the JSON output"; exit 77; }

tmp=$(mktemp -d)
child=
cleanup() { exec 3>&-; [ -n "$child" ] && kill "$child" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# memchild lives until its stdin closes: we hold the fifo's write end on fd 3.
mkfifo "$tmp/in"
"$TESTS_HELPERS/memchild" 64 500 oomtest-batch < "$tmp/in" > "$tmp/ready" &
child=$!
exec 3> "$tmp/in"
for _ in $(seq 50); do grep -q READY "$tmp/ready" 2>/dev/null && break; sleep 0.1; done
grep -q READY "$tmp/ready" || fail "memchild did not start"

# text: exactly one row for the child, with the kernel's figures
"$OOMTOP" -b -n 1 -p "$child" > "$tmp/text" || fail "oomtop -b exited $?"
row=$(awk -v pid="$child" '$1 == pid' "$tmp/text")
[ -n "$row" ] || { cat "$tmp/text"; fail "no row for pid $child"; }
set -- $row
[ "$#" -eq 12 ] || fail "row has $# fields: $row"
kernel_score=$(cat /proc/$child/oom_score)
rss_kb=$(awk '/^VmRSS:/{print $2}' /proc/$child/status)
[ "${10}" = 500 ] || fail "ADJ column is ${10}, expected 500"
[ "${12}" = oomtest-batch ] || fail "COMMAND column is ${12}"
[ "${11}" -ge 1 ] 2>/dev/null || fail "RANK column is ${11}, expected a rank"
[ "$9" = "$kernel_score" ] || fail "OOM column $9 != kernel oom_score $kernel_score"
# a sanitizer runtime adds its own resident memory to the child
slack=$(( ${OOMTOP_SANITIZED:-0} ? 32768 : 4096 ))
[ "$5" -ge 65536 ] && [ "$5" -le $((65536 + slack)) ] || fail "RES $5 not within 64 MiB + $slack KiB"
[ "$5" -le "$rss_kb" ] && [ "$5" -ge $((rss_kb - 256)) ] || fail "RES $5 vs VmRSS $rss_kb"
grep -q '^Commit: ' "$tmp/text" || fail "no commit line"
grep -q '^Policy: vm.overcommit_memory = ' "$tmp/text" || fail "no policy line"
grep -q '    PID USER' "$tmp/text" || fail "no column titles"

# JSON: parsed by a real parser and compared with /proc
"$OOMTOP" -b -n 2 -d 0.1 -o json -p "$child" > "$tmp/json" || fail "oomtop -o json exited $?"
python3 - "$tmp/json" "$child" <<'PY' || fail "JSON check"
import json, os, sys
lines = open(sys.argv[1]).read().splitlines()
pid = int(sys.argv[2])
assert len(lines) == 2, f"expected 2 documents, got {len(lines)}"
for line in lines:
    doc = json.loads(line)
    for k in ("mem_total_kb", "mem_available_kb", "swap_total_kb", "swap_free_kb",
              "committed_as_kb", "commit_limit_kb"):
        assert isinstance(doc["memory"][k], int), k
    meminfo = dict(l.split(":", 1) for l in open("/proc/meminfo"))
    assert doc["memory"]["mem_total_kb"] == int(meminfo["MemTotal"].split()[0])
    assert doc["memory"]["commit_limit_kb"] == int(meminfo["CommitLimit"].split()[0])
    pol = doc["policy"]
    assert pol["overcommit_memory"] == int(open("/proc/sys/vm/overcommit_memory").read())
    assert pol["overcommit_ratio"] == int(open("/proc/sys/vm/overcommit_ratio").read())
    assert pol["overcommit_kbytes"] == int(open("/proc/sys/vm/overcommit_kbytes").read())
    procs = doc["processes"]
    assert [p["pid"] for p in procs] == [pid], procs
    p = procs[0]
    for k in ("pid", "user", "nice", "virt_kb", "res_kb", "shr_kb", "swap_kb", "mem_pct",
              "oom_score", "oom_score_adj", "command"):
        assert k in p, k
    assert p["oom_score_adj"] == 500 and p["command"] == "oomtest-batch"
    assert p["oom_score"] == int(open(f"/proc/{pid}/oom_score").read())
    status = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status"))
    assert p["virt_kb"] == int(status["VmSize"].split()[0])
    slack = 32768 if os.environ.get("OOMTOP_SANITIZED") else 4096
    assert 65536 <= p["res_kb"] <= 65536 + slack
    assert isinstance(doc["time"], int)
    # incident context: PSI (null without it), kills since boot, the cgroup
    pressure = open("/proc/pressure/memory").read() if __import__("os").path.exists(
        "/proc/pressure/memory") else None
    if pressure:
        some = dict(kv.split("=") for kv in pressure.splitlines()[0].split()[1:])
        assert set(doc["pressure"]) >= {"some_avg10", "some_avg60", "full_avg10", "full_avg60"}
        assert abs(doc["pressure"]["some_avg60"] - float(some["avg60"])) < 5
    else:
        assert doc["pressure"] is None
    vm = dict(l.split() for l in open("/proc/vmstat"))
    assert doc["oom_kills"] <= int(vm["oom_kill"]) and doc["oom_kills"] >= 0
    cg = [l.split(":", 2)[2].strip() for l in open(f"/proc/{pid}/cgroup")
          if l.split(":", 2)[1] in ("memory", "") or "memory" in l.split(":", 2)[1].split(",")]
    assert p["memcg"] is not None and p["memcg"]["path"] in cg, (p["memcg"], cg)
    assert "oom_rank_in_memcg" in p
print("json ok")
PY

# CSV: the same field names as JSON, read back with Python's csv module
"$OOMTOP" -b -n 1 -o csv -p "$child" > "$tmp/csv" || fail "oomtop -o csv exited $?"
"$OOMTOP" -b -n 1 -o json -p "$child" > "$tmp/json1" || fail "oomtop -o json exited $?"
python3 - "$tmp/csv" "$tmp/json1" "$child" <<'PY' || fail "CSV check"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
doc = json.loads(open(sys.argv[2]).read())
pid = int(sys.argv[3])
assert len(rows) == 1, rows
row, jp = rows[0], doc["processes"][0]
# JSON nests the memcg object; CSV flattens it to memcg_path, memcg_limit_kb ...
memcg_keys = ("path", "unit", "limit_kb", "usage_kb", "oom_kills", "domain")
flat = {}
for k, v in jp.items():
    if k == "memcg":
        flat.update({"memcg_" + m: (v or {}).get(m) for m in memcg_keys})
    else:
        flat[k] = v
assert list(row.keys()) == ["time"] + list(flat.keys()), (list(row.keys()), list(flat.keys()))
for m in ("path", "unit", "limit_kb", "domain"):     # usage moves between the two runs
    v = flat["memcg_" + m]
    assert row["memcg_" + m] == ("" if v is None else str(v)), (m, row["memcg_" + m], v)
assert int(row["pid"]) == pid == jp["pid"]
for k in ("user", "command"):
    assert row[k] == jp[k], k
for k in ("uid", "virt_kb", "oom_score_adj", "start_ticks"):
    assert int(row[k]) == jp[k], k
assert int(row["oom_score_adj"]) == int(open(f"/proc/{pid}/oom_score_adj").read())
print("csv ok")
PY

# a bad option: one line of error, usage, exit 2
"$OOMTOP" -b -n zero > "$tmp/out" 2> "$tmp/err"; rc=$?
[ "$rc" = 2 ] || fail "bad -n exited $rc, expected 2"
head -n1 "$tmp/err" | grep -q "^oomtop: -n: 'zero'" || fail "bad -n message: $(head -n1 "$tmp/err")"
grep -q '^Usage: oomtop' "$tmp/err" || fail "no usage after the error"
[ ! -s "$tmp/out" ] || fail "bad option printed to stdout"

# interactive mode on a non-terminal says to use -b
"$OOMTOP" < /dev/null > "$tmp/out" 2> "$tmp/err"; rc=$?
[ "$rc" != 0 ] || fail "interactive on a pipe exited 0"
grep -q -- "-b" "$tmp/err" || fail "no hint to use -b: $(cat "$tmp/err")"
echo "PASS: batch text and JSON match the kernel for pid $child"
