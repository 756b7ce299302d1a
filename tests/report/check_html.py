#!/usr/bin/env python3
"""Checks that an HTML document holds no markup from lens or user text.

usage: check_html.py FILE TEXT...

Only the elements walens writes may appear (no script, img, b, i ...), no
event-handler or src attribute, links only to http(s) URLs; every TEXT must
be in the visible text, whole.
"""
import sys
from html.parser import HTMLParser

ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "br",
           "table", "thead", "tbody", "tr", "th", "td", "col", "colgroup", "ul", "ol", "li",
           "div", "span", "strong", "em", "a", "section", "blockquote", "input", "del",
           "code"}


class Doc(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


doc = Doc()
doc.feed(open(sys.argv[1], encoding="utf-8").read())
problems = []
if doc.tags - ALLOWED:
    problems.append("unexpected elements: %s" % sorted(doc.tags - ALLOWED))
for name, value in doc.attrs:
    if name.startswith("on") or name == "src":
        problems.append("attribute %s=%r" % (name, value))
    if name == "href" and not (value.startswith("https://") or value.startswith("http://")):
        problems.append("link to %r" % value)
text = "".join(doc.text)
# Each hostile string must be there as text, whole.
for s in sys.argv[2:]:
    if s not in text:
        problems.append("missing text %r" % s)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
