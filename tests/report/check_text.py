#!/usr/bin/env python3
"""Checks a text report against the printer rules.

usage: check_text.py FILE WIDTH PAGE_LENGTH WORKLOAD DATE

Every page has exactly PAGE_LENGTH lines, pages are separated by form feeds
(the last page ends with a newline), no line is wider than WIDTH columns,
the header names the workload and the date, the footer names them too and
says "page N of M" with the right N and M, and no control character other
than newline and form feed, and no bidi control, is left.  Prints one line
per problem and exits 1 when there is any.
"""
import re
import sys
import unicodedata


# Bidi embeddings, overrides, isolates and marks reorder a printed line.
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def main():
    path, maxw, length, workload, date = sys.argv[1:6]
    maxw, length = int(maxw), int(length)
    text = open(path, encoding="utf-8").read()
    problems = []
    bad = sorted({hex(ord(c)) for c in text
                  if (ord(c) < 32 and c not in "\n\f") or 0x7F <= ord(c) < 0xA0
                  or ord(c) in BIDI})
    if bad:
        problems.append("control characters: " + " ".join(bad))
    if not text.endswith("\n"):
        problems.append("the last page does not end with a newline")
    pages = text.split("\f")
    total = len(pages)
    for n, page in enumerate(pages, 1):
        if n == total:
            page = page[:-1] if page.endswith("\n") else page
        lines = page.split("\n")
        if len(lines) != length:
            problems.append("page %d has %d lines, not %d" % (n, len(lines), length))
        for k, line in enumerate(lines, 1):
            # A URL is never cut (issue 18): one wider than the page
            # stands alone on its line, and only such a line may be wider.
            if width(line) > maxw and not re.fullmatch(r" *https?://\S+", line):
                problems.append("page %d line %d is %d columns wide: %r"
                                % (n, k, width(line), line))
        head, foot = lines[0], lines[-1]
        if workload not in head or date not in head:
            problems.append("page %d header lacks the workload or date: %r" % (n, head))
        if workload not in foot or date not in foot:
            problems.append("page %d footer lacks the workload or date: %r" % (n, foot))
        if not foot.endswith("page %d of %d" % (n, total)):
            problems.append("page %d footer does not say page %d of %d: %r"
                            % (n, n, total, foot))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
