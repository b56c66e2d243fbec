#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# prometheus_check.py - a strict reader of the Prometheus text exposition
# format (0.0.4) as oomtop writes it, then the figures against /proc.
#
# usage: prometheus_check.py METRICS [--before DIR [--top N] [--pid PID
#        --name NAME --adj ADJ --touched-mib MIB]]
# Without --before only the format is checked. DIR holds meminfo, vmstat
# and pressure copied from /proc just before the metrics were written; /proc
# is read again now, and every system figure must lie between the two
# readings (with a margin for gauges that move both ways). Exits 1 naming
# the first bad line.
import argparse
import os
import re
import sys

NAME_RE = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*\Z")
VALUE_RE = re.compile(r"(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)\Z")
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


class Bad(Exception):
    pass


def parse_help(text):
    """HELP docstrings may only escape backslash and newline."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            if i + 1 >= len(text) or text[i + 1] not in "\\n":
                raise Bad("bad escape in HELP text")
            out.append("\\" if text[i + 1] == "\\" else "\n")
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_labels(s, i):
    """Parses '{a="b",...}' from s[i] == '{'. Returns (dict, index after)."""
    labels = {}
    i += 1
    while True:
        if i < len(s) and s[i] == "}":
            return labels, i + 1
        m = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*").match(s, i)
        if not m:
            raise Bad("bad label name at column %d" % (i + 1))
        name = m.group(0)
        if name.startswith("__"):
            raise Bad("reserved label name %r" % name)
        if name in labels:
            raise Bad("label %r twice" % name)
        i = m.end()
        if s[i:i + 2] != '="':
            raise Bad("label %r not followed by =\"" % name)
        i += 2
        val = []
        while True:
            if i >= len(s):
                raise Bad("unterminated label value")
            c = s[i]
            if c == "\\":
                nxt = s[i + 1:i + 2]
                if nxt not in ("\\", '"', "n"):
                    raise Bad("bad escape \\%s in label value" % nxt)
                val.append({"\\": "\\", '"': '"', "n": "\n"}[nxt])
                i += 2
            elif c == '"':
                i += 1
                break
            else:
                val.append(c)
                i += 1
        labels[name] = "".join(val)
        if i < len(s) and s[i] == ",":
            i += 1
        elif i < len(s) and s[i] == "}":
            continue
        else:
            raise Bad("expected , or } after label %r" % name)


def parse(data):
    """Returns {family: {"type", "help", "samples": [(labels, value)]}}."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Bad("not UTF-8: %s" % e)
    if not text.endswith("\n"):
        raise Bad("no newline at the end")
    families, order, current = {}, [], None
    seen_series = set()
    for n, line in enumerate(text[:-1].split("\n"), 1):
        try:
            if line == "":
                raise Bad("empty line")
            if line.startswith("#"):
                parts = line.split(" ", 3)
                if len(parts) < 4 or parts[0] != "#" or parts[1] not in ("HELP", "TYPE"):
                    raise Bad("comment that is not HELP or TYPE")
                name = parts[2]
                if not NAME_RE.match(name):
                    raise Bad("bad metric name %r" % name)
                fam = families.setdefault(name, {"type": None, "help": None, "samples": []})
                if fam["samples"]:
                    raise Bad("%s after samples of %s" % (parts[1], name))
                if name not in order:
                    order.append(name)
                if current != name and (fam["type"] or fam["help"]):
                    raise Bad("%s of %s is not next to its other metadata" % (parts[1], name))
                current = name
                if parts[1] == "TYPE":
                    if fam["type"]:
                        raise Bad("second TYPE for %s" % name)
                    if parts[3] not in TYPES:
                        raise Bad("unknown type %r" % parts[3])
                    fam["type"] = parts[3]
                else:
                    if fam["help"] is not None:
                        raise Bad("second HELP for %s" % name)
                    fam["help"] = parse_help(parts[3])
                continue
            m = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*").match(line)
            if not m:
                raise Bad("sample without a metric name")
            name, i = m.group(0), m.end()
            labels = {}
            if i < len(line) and line[i] == "{":
                labels, i = parse_labels(line, i)
            if line[i:i + 1] != " ":
                raise Bad("no single space before the value")
            rest = line[i + 1:].split(" ")
            if len(rest) != 1:
                raise Bad("a timestamp (the textfile collector refuses them) or junk")
            if not VALUE_RE.match(rest[0]):
                raise Bad("bad value %r" % rest[0])
            value = float(rest[0])
            fam = families.get(name)
            if fam is None or fam["type"] is None:
                raise Bad("sample of %s before its TYPE" % name)
            if current != name:
                raise Bad("samples of %s are not together" % name)
            key = (name, tuple(sorted(labels.items())))
            if key in seen_series:
                raise Bad("series repeated: %s %s" % key)
            seen_series.add(key)
            fam["samples"].append((labels, value))
        except Bad as e:
            raise Bad("line %d: %s: %r" % (n, e, line))
    for name, fam in families.items():
        if not name.startswith("oomtop_"):
            raise Bad("%s: not in the oomtop_ namespace" % name)
        if fam["help"] is None or fam["type"] is None:
            raise Bad("%s: HELP and TYPE are both required here" % name)
        if fam["type"] == "counter" and not name.endswith("_total"):
            raise Bad("%s: a counter's name must end in _total" % name)
        if not fam["samples"]:
            raise Bad("%s: family without samples" % name)
    return families


def keyed_file(path):
    out = {}
    with open(path) as f:
        for line in f:
            parts = line.replace(":", " ").split()
            if len(parts) >= 2 and parts[1].lstrip("-").isdigit():
                out[parts[0]] = int(parts[1])
    return out


def psi_totals(path):
    out = {}
    with open(path) as f:
        for line in f:
            fields = line.split()
            out[fields[0]] = dict(kv.split("=") for kv in fields[1:])
    return out


def one(families, name):
    fam = families.get(name)
    if not fam or len(fam["samples"]) != 1:
        raise Bad("%s: expected exactly one sample" % name)
    return fam["samples"][0][1]


def between(name, value, a, b, margin=0.0):
    lo, hi = min(a, b) - margin, max(a, b) + margin
    if not lo <= value <= hi:
        raise Bad("%s = %s, but /proc said %s before and %s after" % (name, value, a, b))


def check_system(fam, before_dir):
    mb, ma = keyed_file(os.path.join(before_dir, "meminfo")), keyed_file("/proc/meminfo")
    kib = 1024
    between("oomtop_commit_limit_bytes", one(fam, "oomtop_commit_limit_bytes"),
            mb["CommitLimit"] * kib, ma["CommitLimit"] * kib)
    between("oomtop_memory_total_bytes", one(fam, "oomtop_memory_total_bytes"),
            mb["MemTotal"] * kib, ma["MemTotal"] * kib)
    between("oomtop_swap_total_bytes", one(fam, "oomtop_swap_total_bytes"),
            mb["SwapTotal"] * kib, ma["SwapTotal"] * kib)
    # Moves both ways under other tests: a 256 MiB margin around the bracket.
    between("oomtop_committed_as_bytes", one(fam, "oomtop_committed_as_bytes"),
            mb["Committed_AS"] * kib, ma["Committed_AS"] * kib, 256 << 20)
    between("oomtop_memory_available_bytes", one(fam, "oomtop_memory_available_bytes"),
            mb["MemAvailable"] * kib, ma["MemAvailable"] * kib, 512 << 20)
    for key, metric, scale in (("overcommit_memory", "oomtop_overcommit_memory", 1),
                               ("overcommit_ratio", "oomtop_overcommit_ratio_percent", 1),
                               ("overcommit_kbytes", "oomtop_overcommit_kbytes_bytes", kib)):
        with open("/proc/sys/vm/" + key) as f:
            want = int(f.read()) * scale
        if one(fam, metric) != want:
            raise Bad("%s = %s, /proc/sys/vm/%s says %s" % (metric, one(fam, metric), key, want))
    vb, va = keyed_file(os.path.join(before_dir, "vmstat")), keyed_file("/proc/vmstat")
    if "oom_kill" in va:
        between("oomtop_oom_kills_total", one(fam, "oomtop_oom_kills_total"),
                vb["oom_kill"], va["oom_kill"])
    elif "oomtop_oom_kills_total" in fam:
        raise Bad("oomtop_oom_kills_total without oom_kill in /proc/vmstat")
    if os.path.exists("/proc/pressure/memory"):
        pb = psi_totals(os.path.join(before_dir, "pressure"))
        pa = psi_totals("/proc/pressure/memory")
        samples = fam["oomtop_memory_pressure_stalled_seconds_total"]["samples"]
        for labels, value in samples:
            k = labels["kind"]
            between("stalled_seconds_total{kind=%s}" % k, value,
                    int(pb[k]["total"]) / 1e6, int(pa[k]["total"]) / 1e6, 1e-6)
        ratios = fam["oomtop_memory_pressure_ratio"]["samples"]
        if len(ratios) != 6 or any(not 0 <= v <= 1 for _, v in ratios):
            raise Bad("oomtop_memory_pressure_ratio: want 6 samples in 0..1")
    elif any(n.startswith("oomtop_memory_pressure") for n in fam):
        raise Bad("pressure metrics without /proc/pressure/memory")


def proc_value(pid, name):
    with open("/proc/%s/%s" % (pid, name)) as f:
        return f.read()


def proc_age_s(pid):
    stat = proc_value(pid, "stat")
    start_ticks = int(stat[stat.rindex(")") + 2:].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def status_kb(pid, key):
    for line in proc_value(pid, "status").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def check_processes(fam, args):
    proc_fams = [n for n in fam if n.startswith("oomtop_process_")]
    by_pid = {}
    for name in proc_fams:
        for labels, value in fam[name]["samples"]:
            if not labels.get("pid", "").isdigit() or "name" not in labels:
                raise Bad("%s: sample without pid and name labels" % name)
            entry = by_pid.setdefault(labels["pid"], {"labels": labels})
            if entry["labels"] != labels:
                raise Bad("pid %s: labels differ between families" % labels["pid"])
            entry[name] = value
    ranks = [(e["oomtop_process_oom_rank"], e.get("oomtop_process_oom_score"), pid)
             for pid, e in by_pid.items() if "oomtop_process_oom_rank" in e]
    ranks.sort()
    if [r for r, _, _ in ranks] != list(range(1, len(ranks) + 1)):
        raise Bad("ranks are not 1..%d" % len(ranks))
    if ranks and list(by_pid) != [p for _, _, p in ranks]:
        raise Bad("processes are not listed in rank order")
    for (_, s1, p1), (_, s2, p2) in zip(ranks, ranks[1:]):
        if s1 is not None and s2 is not None and s2 > s1 + 5:
            raise Bad("rank order against oom_score: pid %s (%d) before %s (%d)" % (p1, s1, p2, s2))
    checked = 0
    for pid, e in by_pid.items():
        try:
            if proc_age_s(pid) < 10 and pid != args.pid:
                continue    # may still be starting (touching memory, setting adj)
            adj = int(proc_value(pid, "oom_score_adj"))
            score = int(proc_value(pid, "oom_score"))
            rss_kb = status_kb(pid, "VmRSS")
            comm = proc_value(pid, "comm")[:-1]
        except (FileNotFoundError, ProcessLookupError):
            continue        # gone since
        if e["oomtop_process_oom_score_adj"] != adj:
            raise Bad("pid %s: oom_score_adj %s, /proc says %d" % (pid, e["oomtop_process_oom_score_adj"], adj))
        if abs(e["oomtop_process_oom_score"] - score) > 20:
            raise Bad("pid %s: oom_score %s, /proc says %d" % (pid, e["oomtop_process_oom_score"], score))
        res = e["oomtop_process_resident_bytes"]
        if rss_kb is not None and abs(res - rss_kb * 1024) > max(16 << 20, rss_kb * 1024 // 4):
            raise Bad("pid %s: resident %s bytes, /proc says %d KiB" % (pid, res, rss_kb))
        if comm.isprintable() and comm.isascii() and e["labels"]["name"] != comm:
            raise Bad("pid %s: name %r, /proc says %r" % (pid, e["labels"]["name"], comm))
        checked += 1
    if args.pid:
        e = by_pid.get(args.pid)
        if not e:
            raise Bad("the test process %s is not among the metrics" % args.pid)
        if e["labels"]["name"] != args.name:
            raise Bad("test process name label %r, want %r" % (e["labels"]["name"], args.name))
        if e["oomtop_process_oom_score_adj"] != args.adj:
            raise Bad("test process oom_score_adj %s, want %d" % (e["oomtop_process_oom_score_adj"], args.adj))
        # It is idle once ready, so its VmRSS now is the one oomtop read
        # (a sanitizer runtime adds its own pages beyond what it touched).
        touched = args.touched_mib << 20
        rss = status_kb(args.pid, "VmRSS") * 1024
        res = e["oomtop_process_resident_bytes"]
        if not (touched <= res and res == rss):
            raise Bad("test process resident %s, /proc VmRSS %d, touched %d" % (res, rss, touched))
        if e["oomtop_process_oom_score"] != int(proc_value(args.pid, "oom_score")):
            raise Bad("test process oom_score differs from /proc")
    return len(by_pid), checked


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("metrics")
    ap.add_argument("--before")
    ap.add_argument("--pid")
    ap.add_argument("--name")
    ap.add_argument("--adj", type=int)
    ap.add_argument("--touched-mib", type=int, default=0)
    ap.add_argument("--top", type=int)
    args = ap.parse_args()
    try:
        with open(args.metrics, "rb") as f:
            fam = parse(f.read())
        nproc, checked = 0, 0
        if args.before:
            check_system(fam, args.before)
            nproc, checked = check_processes(fam, args)
        if args.top is not None and nproc > args.top:
            raise Bad("%d processes listed, --top %d" % (nproc, args.top))
    except Bad as e:
        print("prometheus_check: %s: %s" % (args.metrics, e), file=sys.stderr)
        return 1
    print("prometheus_check: %s: %d families, %d processes (%d checked against /proc): ok"
          % (args.metrics, len(fam), nproc, checked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
