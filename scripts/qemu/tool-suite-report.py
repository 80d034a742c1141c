#!/usr/bin/env python3
"""Merges the results of scripts/qemu/tool-suite.sh (target/qemu/tool-suite/<kernel>/<run>/
{bccrs,bcc}.tsv) into one markdown table, tool × kernel, bccrs beside BCC:

    python3 scripts/qemu/tool-suite-report.py [TARGET/qemu/tool-suite] > table.md

A cell is `status first-output-seconds/events` (e.g. `ok 14s/28`); failures carry a footnote
with the error line. When a kernel was run more than once, the newest TSV of each engine wins
per tool (by the time of its output). Where both engines ran a tool on one kernel, it compares what they printed: the
lines before the workload (the header), and the shape (field count) of the event lines.
"""
import csv
import glob
import os
import re
import sys

KERNELS = ["5.10", "6.1", "6.12", "host"]


def load(root):
    res = {}  # (kernel, engine) -> tool -> row
    files = sorted(glob.glob(os.path.join(root, "*", "*", "*.tsv")), key=os.path.getmtime)
    when = {}  # (kernel, engine, tool) -> when that row's tool ran (its .out's time)
    for path in files:
        kernel = path.split(os.sep)[-3]
        engine = os.path.basename(path)[:-4]
        with open(path) as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if (row["header"].startswith(("ERROR", "Failed to attach"))
                        and row["status"] == "ok"):
                    row["status"] = "error"
                    row["error"] = row["error"] or row["header"]
                row["out"] = os.path.join(os.path.dirname(path), engine, row["tool"] + ".out")
                try:
                    t = os.path.getmtime(row["out"])
                except OSError:
                    t = os.path.getmtime(path)
                key = (kernel, engine, row["tool"])
                if key in when and when[key] > t:
                    continue
                when[key] = t
                res.setdefault((kernel, engine), {})[row["tool"]] = row
    return res


def printed(row):
    """The tool's header lines (printed before the workload) and its event lines."""
    try:
        with open(row["out"], errors="replace") as f:
            lines = [l.rstrip("\n")[9:] for l in f]
    except OSError:
        return None, None
    n_head = max(0, int(row["lines"] or 0) - int(row["events"] or 0))
    return header(lines[:n_head]), lines[n_head:]


def header(lines):
    """The first line, and up to the column header among the first three (`PID COMM …`): what
    a tool prints before any data (periodic tools print data before the workload too)."""
    for i, l in enumerate(lines[:3]):
        words = [w for w in l.split() if re.search(r"[A-Za-z]", w)]
        if len(words) >= 2 and sum(w.isupper() for w in words) * 2 > len(words):
            return lines[:i + 1]
    return lines[:1]


# Values that differ from run to run in a header: times, dates, pids, counts, addresses.
VOLATILE = re.compile(r"\d+(\.\d+)?|0x[0-9a-f]+|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|"
                      r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


# Tools whose event lines are the traced data itself (ttysnoop prints what was written).
VERBATIM = {"ttysnoop"}


def shapes(events):
    """The field counts of the event lines."""
    return {len(l.split()) for l in events if l.strip()}


def compare(a, b):
    """How bccrs's output (a) differs from BCC's (b) for one tool; empty when alike."""
    (ha, ea), (hb, eb) = printed(a), printed(b)
    if ha is None or hb is None:
        return ["no output kept to compare"]
    diffs = []
    n = max(1, min(len(ha), len(hb)))  # one may have started its output before the workload
    na = [VOLATILE.sub("N", l).split() for l in ha[:n]]
    nb = [VOLATILE.sub("N", l).split() for l in hb[:n]]
    if na != nb:
        diffs.append("header: bccrs `%s`, BCC `%s`" % (" / ".join(ha)[:160], " / ".join(hb)[:160]))
    if bool(ea) != bool(eb):
        diffs.append("events: bccrs %d, BCC %d" % (len(ea), len(eb)))
    elif ea and not shapes(ea) & shapes(eb) and a["tool"] not in VERBATIM:
        diffs.append("event lines of %s fields on bccrs, %s on BCC" % (sorted(shapes(ea)), sorted(shapes(eb))))
    return diffs


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "target", "qemu", "tool-suite")
    res = load(root)
    cols = [(k, e) for k in KERNELS for e in ("bccrs", "bcc") if (k, e) in res]
    tools = sorted({t for d in res.values() for t in d})
    notes = []
    print("| tool | " + " | ".join("%s %s" % (k, "BCC" if e == "bcc" else e) for k, e in cols) + " |")
    print("|---|" + "---|" * len(cols))
    for t in tools:
        cells = []
        for c in cols:
            r = res[c].get(t)
            if r is None:
                cells.append("")
                continue
            if r["status"] == "ok":
                cells.append("ok %ss/%s" % (str(round(float(r["first_output_s"] or 0))), r["events"]))
            else:
                cell = r["status"]
                if r["error"]:
                    notes.append("%s (%s %s): %s" % (t, c[0], c[1], r["error"]))
                    cell += " [%d]" % len(notes)
                cells.append(cell)
        print("| %s | %s |" % (t, " | ".join(cells)))
    print()
    for i, n in enumerate(notes, 1):
        print("%d. %s" % (i, n.replace("|", "\\|")))
    print()
    for k in KERNELS:
        a, b = res.get((k, "bccrs")), res.get((k, "bcc"))
        if not a or not b:
            continue
        both = [t for t in tools if t in a and t in b and a[t]["status"] == b[t]["status"] == "ok"]
        only_bcc = [t for t in tools if t in a and t in b and b[t]["status"] == "ok" != a[t]["status"]]
        only_bccrs = [t for t in tools if t in a and t in b and a[t]["status"] == "ok" != b[t]["status"]]
        differ = [(t, compare(a[t], b[t])) for t in both]
        differ = [(t, d) for t, d in differ if d]
        print("- %s: %d tools ok on both, %d with the same header and event lines of the same "
              "shape; ok only on BCC: %s; ok only on bccrs: %s" % (
                  k, len(both), len(both) - len(differ), ", ".join(only_bcc) or "none",
                  ", ".join("%s (BCC %s)" % (t, b[t]["status"]) for t in only_bccrs) or "none"))
        for t, d in differ:
            print("  - %s: %s" % (t, "; ".join(x.replace("|", "\\|") for x in d)))
    for c in cols:
        rows = res[c].values()
        ok = sum(1 for r in rows if r["status"] == "ok")
        print("- %s %s: %d ok of %d" % (c[0], c[1], ok, len(rows)))


if __name__ == "__main__":
    main()
