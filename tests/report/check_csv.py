#!/usr/bin/env python3
"""Reads a CSV report back with Python's csv module and compares it with the
JSON report of the same review.

usage: check_csv.py CSV JSON

The CSV must be RFC 4180 (CRLF record ends), have the documented header,
twelve fields in every record, and one record per active plan item of the
JSON report, in the same order and with the same values.  Fields that a
spreadsheet would take for a formula carry a leading apostrophe.
"""
import csv
import json
import sys

# Bidi embeddings, overrides, isolates and marks: shown as U+FFFD, as controls are.
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}

COLUMNS = ["key", "phase", "pillar", "question", "practice", "risk", "weight",
           "status", "owner", "due", "note", "link", "priority", "impact", "effort",
           "profile_priority"]


def plain(s):
    """What a CSV field holds for a value: cleaned and formula-guarded."""
    if s is None:
        return ""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\r":
            out.append("\n")
            if s[i + 1:i + 2] == "\n":
                i += 1
        elif c == "\t":
            out.append(" ")
        elif c in "\u2028\u2029":
            out.append("\n")
        elif c != "\n" and (ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or ord(c) in BIDI):
            out.append("\ufffd")
        else:
            out.append(c)
        i += 1
    s = "".join(out)
    if s[:1] in ("=", "+", "-", "@"):
        s = "'" + s
    return s


def main():
    raw = open(sys.argv[1], "rb").read()
    report = json.load(open(sys.argv[2], encoding="utf-8"))
    problems = []
    if raw and not raw.endswith(b"\r\n"):
        problems.append("the last record does not end with CRLF")
    rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), strict=True))
    if not rows or rows[0] != COLUMNS:
        problems.append("header is %r" % (rows[0] if rows else None))
    items = [p for p in report["plan"] if p["state"] == "active"]
    phases = {p["id"]: p["name"] for p in report.get("phases", [])}
    pillars = {p["id"]: p["name"] for p in report.get("pillars", [])}
    if len(rows) - 1 != len(items):
        problems.append("%d records for %d active plan items" % (len(rows) - 1, len(items)))
    for n, (row, item) in enumerate(zip(rows[1:], items), 1):
        if len(row) != len(COLUMNS):
            problems.append("record %d has %d fields" % (n, len(row)))
            continue
        want = [item["key"], phases.get(item["phase"], ""), pillars.get(item["pillar"], ""),
                item["question_title"], item["practice"], item["risk"], item["weight"] or "",
                item["status"], item["owner"], item["due"], item["note"], item["link"],
                str(item["priority"]) if item.get("priority") else "",
                item["impact"], item["effort"],
                "yes" if item["profile_priority"] else ""]
        for col, got, exp in zip(COLUMNS, row, want):
            if got != plain(exp):
                problems.append("record %d %s: %r, expected %r" % (n, col, got, plain(exp)))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
