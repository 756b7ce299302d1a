#!/bin/sh
# Hostile text in every report format: a lens (tests/fixtures/report/
# hostile.yaml) and notes holding script and image tags, Markdown syntax,
# CSV separators, spreadsheet formulas, quotes, newlines and control
# characters must come out as inert text.
SUITE=report
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/report/fixture.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to read the reports back"
   exit 77
fi

DB="$TMP/walens.db"
make_evil "$DB"
for fmt in text md html csv json; do
   "$WALENS" --db "$DB" report evil --format "$fmt" > "$TMP/evil.$fmt" ||
      fail "report --format $fmt" "exit $?"
done
golden evil-md "$TMP/evil.md"
golden evil-html "$TMP/evil.html"

check() { # NAME COMMAND...
   name=$1
   shift
   if "$@" > "$TMP/check.out" 2>&1; then
      pass "$name"
   else
      fail "$name" "$(head -n 20 "$TMP/check.out")"
   fi
}

check "text: printable, within the page" \
   python3 "$top_srcdir/tests/report/check_text.py" "$TMP/evil.text" 80 66 evil 2026-11-28
"$WALENS" --db "$DB" report evil --width 40 --page-length 14 > "$TMP/evil-narrow.text"
check "text: printable, within a small page" \
   python3 "$top_srcdir/tests/report/check_text.py" "$TMP/evil-narrow.text" 40 14 evil 2026-11-28
check "csv: read back field for field, formulas guarded" \
   python3 "$top_srcdir/tests/report/check_csv.py" "$TMP/evil.csv" "$TMP/evil.json"


check "html: no markup from lens or notes, the text intact" python3 "$top_srcdir/tests/report/check_html.py" "$TMP/evil.html" \
   "<script>alert(1)</script>" "<img src=x onerror=alert(1)>" "Pillar <b>A</b> & co" \
   "<script>alert(\"n\")</script>" '=HYPERLINK("http://evil.example/","click")' \
   "[link](javascript:alert(1)) ![img](x) \`code\` **bold** | pipe | \$math\$" "<i>Phase two</i>"
if grep -q '<script' "$TMP/evil.html"; then
   fail "html: no <script in the file at all"
else
   pass "html: no <script in the file at all"
fi

# Markdown: no unescaped '<' or '|' from user text; rendered by a real GFM
# renderer when one is installed.
check "md: every < and | of the text escaped" python3 - "$TMP/evil.md" <<'EOF'
import re, sys
problems = []
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    # Table rows start and end with our own pipes; inside, every pipe is escaped.
    body = line.rstrip("\n")
    if body.startswith("|") and body.endswith("|"):
        body = body[1:-1].replace(" | ", " ")
        if re.search(r"(?<!\\)\|", body):
            problems.append("line %d: bare |: %r" % (n, line))
    if re.search(r"(?<!\\)<(?!https?://)", line):
        problems.append("line %d: bare <: %r" % (n, line))
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", line):
        problems.append("line %d: control character" % n)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
if command -v cmark-gfm > /dev/null 2>&1; then
   cmark-gfm -e table -e strikethrough -e autolink -e tasklist "$TMP/evil.md" > "$TMP/evil.md.html"
   check "md: rendered by cmark-gfm, no markup from lens or notes" python3 "$top_srcdir/tests/report/check_html.py" \
      "$TMP/evil.md.html" \
      "<script>alert(1)</script>" "<img src=x onerror=alert(1)>" "Pillar <b>A</b> & co" \
      '=HYPERLINK("http://evil.example/","click")' \
      "[link](javascript:alert(1)) ![img](x) \`code\` **bold** | pipe | \$math\$" \
      "<i>Phase two</i>" "- list item? 1. or # heading === setext"
   check "md: rendered by cmark-gfm, tables keep their columns" python3 - "$TMP/evil.md.html" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
widths = {len(re.findall(r"<t[dh][ >]", r)) for r in rows}
# Workload facts (2), matrix (3: phase + two pillars), risk tables (8).
assert widths <= {2, 3, 8}, widths
EOF
else
   echo "# SKIP: cmark-gfm is not installed; the Markdown was not rendered"
fi

check "json: parses, hostile strings kept exactly" python3 - "$TMP/evil.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
titles = [p["practice"] for p in d["plan"]]
assert '=HYPERLINK("http://evil.example/","click")' in titles, titles
assert d["workload"]["description"].startswith('Desc <script>x</script>, "q"\nsecond line'), d["workload"]
EOF

finish
