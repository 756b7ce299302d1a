#!/bin/sh
# walens report --all: the portfolio (issue 14).  Golden files for every
# format on an empty portfolio, on mixed lenses with hostile names and lens
# texts, with and without archived workloads, filtered, and over two
# databases whose workload names collide; the printer rules of the text, the
# CSV read back by Python's csv module, the JSON parsed, the HTML checked for
# markup from user text; the option errors; -o never onto a database read.
SUITE=report
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/report/fixture.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to read the reports back"
   exit 77
fi

DATE=2026-11-28
SMALL="$FIXTURES/lenses/small.yaml"
cd "$TMP" || exit 99

# ---- the fixture portfolios ----
# Paths relative to $TMP, so that the database names in reports are fixed.
EMPTY=empty.db
"$WALENS" --db "$EMPTY" workload list > /dev/null || fail "create the empty database"

DB=main.db
make_fraud "$DB"
make_evil "$DB"
HOSTILE='Risk, "quoted" <b>bold</b> =SUM(A1)'
wl workload add "$HOSTILE" --lens "$SMALL" --owner '=evil()' --environment preproduction
wl answer "$HOSTILE" Q1 --select Q1_a
wl answer "$HOSTILE" Q2 --none
wl workload add ml-platform --owner dana
# An earlier month's milestone, so that the trend spans months.
WALENS_NOW=2026-09-15T08:00:00Z wl milestone add "$HOSTILE" september
wl workload add old-model --lens "$SMALL" --owner alice --environment production
wl answer old-model Q1 --none
wl workload archive old-model

OTHER=other.db
DB=$OTHER
wl workload add fraud-model --lens "$SMALL" --owner erin --environment production
wl answer fraud-model Q1 --select Q1_a,Q1_b,Q1_c
wl workload add laptop-only --lens "$SMALL"
wl answer laptop-only Q2 --none
wl plan set laptop-only Q2 Q2_a --status done
wl plan set laptop-only Q2 Q2_b --status in_progress --due 2026-01-01

r() {
   "$WALENS" --user tester "$@"
}

# ---- golden files: every format on every fixture ----
for fmt in text md html csv json; do
   r --db "$EMPTY" report --all --format "$fmt" > "empty.$fmt" 2>&1
   golden "portfolio-empty-$fmt" "empty.$fmt"
   r --db main.db report --all --format "$fmt" > "mixed.$fmt" 2>&1
   golden "portfolio-mixed-$fmt" "mixed.$fmt"
   r --db main.db report --all --archived --format "$fmt" > "archived.$fmt" 2>&1
   golden "portfolio-archived-$fmt" "archived.$fmt"
   r report --all --db main.db --db "$OTHER" --format "$fmt" > "multi.$fmt" 2>&1
   golden "portfolio-multi-$fmt" "multi.$fmt"
done
r --db main.db report --all --lens small --environment production --archived > filter.text 2>&1
golden portfolio-filter-text filter.text
r --db main.db report --all --owner '=evil()' --format csv > owner.csv 2>&1
golden portfolio-owner-csv owner.csv
r --db main.db report --all --width 50 --page-length 24 > narrow.text 2>&1
golden portfolio-narrow-text narrow.text

# ---- what the golden files cannot show ----
check() { # NAME COMMAND...: passes when the command succeeds, else shows its output
   name=$1
   shift
   if "$@" > check.out 2>&1; then
      pass "$name"
   else
      fail "$name" "$(head -n 20 check.out)"
   fi
}

for f in empty mixed archived multi; do
   check "$f: the text keeps the printer rules" \
      python3 "$top_srcdir/tests/report/check_text.py" "$f.text" 80 66 portfolio $DATE
done
check "narrow: the text keeps the printer rules" \
   python3 "$top_srcdir/tests/report/check_text.py" narrow.text 50 24 portfolio $DATE
check "hostile lens and names: no markup in the HTML" \
   python3 "$top_srcdir/tests/report/check_html.py" archived.html "$HOSTILE" "Pillar <b>A</b> & co"

if grep -q "$(printf '\033')" mixed.text mixed.md mixed.html mixed.csv; then
   fail "no escape character reaches text, md, html or csv"
else
   pass "no escape character reaches text, md, html or csv"
fi

# The CSV as a spreadsheet reads it: one record per workload, the same
# names and counts as the JSON, formulas kept as text.
cat > csvcheck.py <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
raw = open(sys.argv[1], "rb").read()
assert raw.count(b"\r\n") == len(rows), "every record ends in CRLF"
head, body = rows[0], rows[1:]
assert all(len(r) == len(head) for r in body), "rectangular"
doc = json.load(open(sys.argv[2], encoding="utf-8"))
want = [(g["lens"]["key"], w["name"], w["database"], w["counts"]["high"], w["counts"]["medium"])
        for g in doc["lenses"] for w in g["workloads"]]
def text(v):
    return v[1:] if v[:1] == "'" and v[1:2] in "=+-@" else v
got = [(r[0], text(r[2]), r[3], int(r[7]), int(r[8])) for r in body]
assert got == want, (got, want)
for r in body:
    for v in r:
        assert not v or v[0] not in "=+-@\t", "formula-safe: %r" % v
PY
for f in mixed archived multi; do
   check "$f: the CSV reads back as the JSON says" python3 csvcheck.py "$f.csv" "$f.json"
done

# Names that collide across databases are shown with their database.
if grep -q "fraud-model (main.db)" multi.text && grep -q "fraud-model (other.db)" multi.text &&
   grep -q "^laptop-only$" multi.text; then
   pass "a colliding name shows its database, a unique one does not"
else
   fail "a colliding name shows its database, a unique one does not" "$(grep -n fraud-model multi.text)"
fi

# Read-only: the databases are not written (no -wal left, same bytes).
sum_before=$(cat main.db "$OTHER" | cksum)
r report --all --db main.db --db "$OTHER" --format json > /dev/null 2>&1
if [ "$(cat main.db "$OTHER" | cksum)" = "$sum_before" ] && [ ! -e main.db-wal ]; then
   pass "the databases read are not written"
else
   fail "the databases read are not written"
fi

# ---- files and errors ----
OUT=errors.out
: > "$OUT"
run() {
   printf '$ walens' >> "$OUT"
   printf ' %s' "$@" >> "$OUT"
   printf '\n' >> "$OUT"
   r "$@" >> "$OUT" 2>&1
   printf '[exit %d]\n' "$?" >> "$OUT"
}
run --db main.db report --all fraud-model
run --db main.db report --all --milestone baseline
run --db main.db report --all --plan-only
run --db main.db report fraud-model --environment production
run --db main.db report --all --environment staging
run --db main.db report --all --format pdf
run --db main.db report --all --width 10
run report --all --db main.db --db missing.db
run report --all --db main.db --db "$OTHER" -o other.db --force
run report --all --db main.db --db "$OTHER" -o other.db-wal
run --db main.db report --all --lens no-such-lens
run --db main.db report --all --format csv -o portfolio.csv
golden portfolio-errors "$OUT"
if cmp -s portfolio.csv mixed.csv; then
   pass "-o writes the same report as standard output"
else
   fail "-o writes the same report as standard output"
fi

finish
