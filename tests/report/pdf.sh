#!/bin/sh
# The HTML report printed to PDF by headless Chromium and read back with
# pdftotext: the plan is all there, the plan and the questions start on new
# pages, and no word runs past the right margin.  Needs Debian's chromium
# and poppler-utils; without them the test is skipped (exit 77), loudly.
SUITE=report
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/report/fixture.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
   echo "SKIP: $CHROMIUM is not installed (Debian package chromium); the HTML report was not printed"
   exit 77
fi
for tool in pdftotext python3; do
   if ! command -v $tool > /dev/null 2>&1; then
      echo "SKIP: $tool is not installed (Debian packages poppler-utils, python3)"
      exit 77
   fi
done

DB="$TMP/walens.db"
make_ml "$DB"
make_evil "$DB"
# A note in the plan's narrowest column: a word in brackets stays whole
# (it was split "(Datenschutz" / ")" when the column was too narrow).
wl plan set ml-platform MLOPS01 MLOPS01_BP02 \
   --note "Freigabe durch die Rechtsabteilung (Datenschutz) vor dem Rollout"

# print NAME: NAME.html -> NAME.pdf, NAME.txt (pages split by form feeds)
# and NAME.bbox (word boxes).
print() {
   "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --disable-dev-shm-usage --no-pdf-header-footer --user-data-dir="$TMP/chromium" \
      --print-to-pdf="$TMP/$1.pdf" "file://$TMP/$1.html" > "$TMP/$1.log" 2>&1
   if [ ! -s "$TMP/$1.pdf" ]; then
      fail "$1: printed to PDF" "$(tail -n 5 "$TMP/$1.log")"
      return 1
   fi
   pass "$1: printed to PDF"
   pdftotext -enc UTF-8 "$TMP/$1.pdf" "$TMP/$1.txt" &&
      pdftotext -enc UTF-8 -bbox "$TMP/$1.pdf" "$TMP/$1.bbox"
}

"$WALENS" --db "$DB" report ml-platform --format html -o "$TMP/ml.html"
"$WALENS" --db "$DB" report ml-platform --format json -o "$TMP/ml.json"
"$WALENS" --db "$DB" report evil --format html -o "$TMP/evil.html"
"$WALENS" --db "$DB" report evil --format json -o "$TMP/evil.json"

for name in ml evil; do
   print $name || continue
   if python3 - "$TMP/$name.txt" "$TMP/$name.bbox" "$TMP/$name.json" > "$TMP/check.out" 2>&1 <<'EOF'
import html, json, re, sys

text = open(sys.argv[1], encoding="utf-8").read()
bbox = open(sys.argv[2], encoding="utf-8").read()
report = json.load(open(sys.argv[3], encoding="utf-8"))
problems = []

def squash(s):
    return re.sub(r"\s+", "", s)

pages = text.split("\f")
if pages and not pages[-1].strip():
    pages.pop()
flat = squash(text)

# The plan is there: every active item's practice and question.
for item in report["plan"]:
    if item["state"] != "active":
        continue
    for s in (item["practice"], item["question"]):
        if squash(s) not in flat:
            problems.append("not in the PDF: %r" % s)

# The plan and the questions each start a page.
def first_line(page):
    for line in page.split("\n"):
        if line.strip():
            return line.strip()
    return ""
for heading in ("Improvement plan", "Questions and answers"):
    starts = [n for n, p in enumerate(pages, 1) if first_line(p) == heading]
    if len(starts) != 1:
        problems.append("%r starts %d pages (%s)" % (heading, len(starts),
                        [first_line(p) for p in pages]))

# Nothing past the right margin (15 mm margins: allow up to 8 mm of them).
limit_pt = 14 * 72 / 25.4 - 8 * 72 / 25.4
for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S):
    width = float(page.group(1))
    for w in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
                         page.group(3)):
        if float(w.group(2)) > width - limit_pt or float(w.group(1)) < limit_pt:
            problems.append("word %r at x %s..%s on a page %s wide"
                            % (html.unescape(w.group(3)), w.group(1), w.group(2), width))
# Words of the plan's Note column stay whole.
words = [html.unescape(w) for w in re.findall(r'<word [^>]*>(.*?)</word>', bbox)]
if "(Datenschutz)" in text.replace("\n", " ") or "Datenschutz" in text:
    if "(Datenschutz)" not in words:
        problems.append("'(Datenschutz)' split: %r" % [w for w in words if "Datenschutz" in w or w == ")"])
if len(pages) < 2:
    problems.append("only %d page(s)" % len(pages))
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
EOF
   then
      pass "$name: plan complete, sections on new pages, nothing cut at the edge"
   else
      fail "$name: plan complete, sections on new pages, nothing cut at the edge" "$(cat "$TMP/check.out")"
   fi
done

finish
