#!/usr/bin/env python3
"""Merges the results of scripts/qemu/tool-suite.sh (target/qemu/tool-suite/<kernel>/<run>/
{bccrs,bcc}.tsv) into one markdown table, tool × kernel, bccrs beside BCC:

    python3 scripts/qemu/tool-suite-report.py [TARGET/qemu/tool-suite] > table.md

A cell is `status first-output-seconds/events` (e.g. `ok 14s/28`); failures carry a footnote
with the error line. When a kernel was run more than once, the newest TSV of each engine wins
per tool.
"""
import csv
import glob
import os
import sys

KERNELS = ["5.10", "6.1", "6.12", "host"]


def load(root):
    res = {}  # (kernel, engine) -> tool -> row
    files = sorted(glob.glob(os.path.join(root, "*", "*", "*.tsv")), key=os.path.getmtime)
    for path in files:
        kernel = path.split(os.sep)[-3]
        engine = os.path.basename(path)[:-4]
        with open(path) as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if (row["header"].startswith(("ERROR", "Failed to attach"))
                        and row["status"] == "ok"):
                    row["status"] = "error"
                    row["error"] = row["error"] or row["header"]
                res.setdefault((kernel, engine), {})[row["tool"]] = row
    return res


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
        differ = [t for t in both if a[t]["header"] != b[t]["header"] and b[t]["header"]]
        print("- %s: %d tools ok on both; first line differs for: %s" % (
            k, len(both), ", ".join("%s (bccrs `%s`, BCC `%s`)" % (t, a[t]["header"], b[t]["header"])
                                    for t in differ) or "none"))
    for c in cols:
        rows = res[c].values()
        ok = sum(1 for r in rows if r["status"] == "ok")
        print("- %s %s: %d ok of %d" % (c[0], c[1], ok, len(rows)))


if __name__ == "__main__":
    main()
