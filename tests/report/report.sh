#!/bin/sh
# walens report: golden files for every format on a fixed review, the
# printer rules of the text format (width, page length, header, footer,
# page numbers) on short and long reports, the CSV read back by Python's csv
# module, the JSON parsed back, atomic output files and the errors.
SUITE=report
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/report/fixture.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to read the reports back"
   exit 77
fi

DB="$TMP/walens.db"
DATE=2026-11-28
make_fraud "$DB"
make_ml "$DB"

r() {
   "$WALENS" --user tester --db "$DB" "$@"
}

# run ARGS...: appends the command, its output and exit status to $OUT.
run() {
   printf '$ walens' > "$TMP/cmd"
   printf ' %s' "$@" >> "$TMP/cmd"
   printf '\n' >> "$TMP/cmd"
   sed -e "s|$TMP|TMP|g" "$TMP/cmd" >> "$OUT"
   r "$@" > "$TMP/run.out" 2>&1
   rc=$?
   sed -e "s|$TMP|TMP|g" "$TMP/run.out" >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}

check() { # NAME COMMAND...: passes when the command succeeds, else shows its output
   name=$1
   shift
   if "$@" > "$TMP/check.out" 2>&1; then
      pass "$name"
   else
      fail "$name" "$(head -n 20 "$TMP/check.out")"
   fi
}

# ---- golden files ----
for fmt in text md html csv json; do
   r report fraud-model --format "$fmt" > "$TMP/fraud.$fmt" 2>&1
   golden "fraud-$fmt" "$TMP/fraud.$fmt"
done
r report fraud-model --plan-only > "$TMP/plan.text" 2>&1
golden fraud-plan-only-text "$TMP/plan.text"
r report fraud-model --plan-only --format md > "$TMP/plan.md" 2>&1
golden fraud-plan-only-md "$TMP/plan.md"
r report fraud-model --plan-only --format json > "$TMP/plan.json" 2>&1
golden fraud-plan-only-json "$TMP/plan.json"
r report fraud-model --milestone baseline > "$TMP/milestone.text" 2>&1
golden fraud-milestone-text "$TMP/milestone.text"
r report fraud-model --width 50 --page-length 30 > "$TMP/narrow.text" 2>&1
golden fraud-narrow-text "$TMP/narrow.text"
# "My open items, paginated" (issue 18): the plan filtered by owner and status.
r report fraud-model --plan-only --owner carol --status open > "$TMP/mine.text" 2>&1
golden fraud-plan-carol-text "$TMP/mine.text"
r report fraud-model --format csv --owner bob > "$TMP/mine.csv" 2>&1
golden fraud-plan-bob-csv "$TMP/mine.csv"
r report fraud-model --status nope > "$TMP/badstatus.out" 2>&1
golden report-bad-status "$TMP/badstatus.out"

# ---- the printer rules ----
check "text: fraud-model, 80x66" \
   python3 "$top_srcdir/tests/report/check_text.py" "$TMP/fraud.text" 80 66 fraud-model $DATE
check "text: fraud-model, 50x30" \
   python3 "$top_srcdir/tests/report/check_text.py" "$TMP/narrow.text" 50 30 fraud-model $DATE
check "text: fraud-model plan only" \
   python3 "$top_srcdir/tests/report/check_text.py" "$TMP/plan.text" 80 66 fraud-model $DATE
for size in "80 66" "132 88" "40 12" "45 20"; do
   set -- $size
   r report ml-platform --width "$1" --page-length "$2" > "$TMP/ml.text"
   check "text: ml-platform, $1x$2" \
      python3 "$top_srcdir/tests/report/check_text.py" "$TMP/ml.text" "$1" "$2" ml-platform $DATE
done
# Every link of the JSON report stands whole on some line of the 40-column
# text report (issue 18: a URL cut in two cannot be typed from paper).
r report ml-platform --width 40 --page-length 12 > "$TMP/ml40.text"
r report ml-platform --format json | grep -o '"https://[^"]*"' | tr -d '"' | sort -u > "$TMP/urls"
cut_urls=0
while read -r url; do
   grep -qF -- "$url" "$TMP/ml40.text" || { cut_urls=$((cut_urls + 1)); echo "$url"; }
done < "$TMP/urls" > "$TMP/cut-urls"
if [ -s "$TMP/urls" ] && [ "$cut_urls" -eq 0 ]; then
   pass "text: no URL is cut at 40 columns"
else
   fail "text: no URL is cut at 40 columns" "$(head -n 3 "$TMP/cut-urls") ($cut_urls cut)"
fi
# A line that continues a sentence or a table cell is indented (issue 18):
# none starts flush left with a lower-case word ("identification",
# "applicable, 27 unanswered.").  The page header and footer start with
# the workload's name; a table row (a milestone's name) has its columns
# apart by two blanks.
r report ml-platform > "$TMP/ml80.text"
if grep -nE '^[a-z(]' "$TMP/ml80.text" | grep -v '^[0-9]*:ml-platform' | grep -v '[^ ]  ' > "$TMP/flush"; then
   fail "text: continuation lines are indented" "$(head -n 3 "$TMP/flush")"
else
   pass "text: continuation lines are indented"
fi
pages=$(r report ml-platform | tr -cd '\f' | wc -c)
if [ "$pages" -ge 10 ]; then
   pass "text: the long report has many pages"
else
   fail "text: the long report has many pages" "only $((pages + 1)) pages"
fi

# ---- CSV and JSON read back ----
check "csv: fraud-model read back by the csv module" \
   python3 "$top_srcdir/tests/report/check_csv.py" "$TMP/fraud.csv" "$TMP/fraud.json"
r report ml-platform --format csv > "$TMP/ml.csv"
r report ml-platform --format json > "$TMP/ml.json"
check "csv: ml-platform read back by the csv module" \
   python3 "$top_srcdir/tests/report/check_csv.py" "$TMP/ml.csv" "$TMP/ml.json"
check "json: parses, and holds the whole review" python3 - "$TMP/ml.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "walens-report" and d["version"] == 2, d["format"]
assert d["workload"]["name"] == "ml-platform"
assert d["lens"]["key"] == "machine-learning"
assert len(d["questions"]) == 35, len(d["questions"])
assert len(d["matrix"]) == 36, len(d["matrix"])
# Version 2 counts are the milestone snapshot's: answered = questions - unanswered.
c = d["counts"]
assert c["questions"] - c["unanswered"] == 29, c
active = [p for p in d["plan"] if p["state"] == "active"]
assert len(active) == c["plan_active"], (len(active), c)
assert sum(c["plan_status"].values()) == c["plan_active"], c
assert d["pillars"][0]["counts"].keys() == c.keys(), d["pillars"][0]
snap_keys = ["questions", "high", "medium", "none", "not_applicable", "unanswered",
             "practices", "practices_selected", "plan_active", "plan_overdue", "plan_status"]
assert list(c.keys()) == snap_keys, list(c.keys())
assert [m["counts"] for m in d["milestones"] if m["counts"]][0].keys() == c.keys()
assert [m["name"] for m in d["milestones"]] == ["first-pass", None], d["milestones"]
for q in d["questions"]:
    assert q["risk"] in ("HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE", "UNANSWERED")
EOF

# ---- output files ----
mkdir "$TMP/out"
r report fraud-model -o "$TMP/out/report.txt"
if cmp -s "$TMP/out/report.txt" "$TMP/fraud.text" && [ "$(ls -A "$TMP/out")" = report.txt ]; then
   pass "-o FILE writes the report and nothing else"
else
   fail "-o FILE writes the report and nothing else" "$(ls -A "$TMP/out")"
fi
r report fraud-model --format md -o - > "$TMP/dash.md"
check "-o - writes to standard output" cmp "$TMP/dash.md" "$TMP/fraud.md"
r report fraud-model --milestone no-such -o "$TMP/out/report.txt" 2> /dev/null
if cmp -s "$TMP/out/report.txt" "$TMP/fraud.text" && [ "$(ls -A "$TMP/out")" = report.txt ]; then
   pass "a failed report leaves the existing file intact"
else
   fail "a failed report leaves the existing file intact" "$(ls -A "$TMP/out")"
fi
# A write that fails half way (the file size limit) leaves no partial file.
(
   trap '' XFSZ
   ulimit -f 100
   exec "$WALENS" --db "$DB" report ml-platform --format json --force -o "$TMP/out/report.txt"
) > /dev/null 2> "$TMP/xfsz.err"
rc=$?
if [ $rc -eq 1 ] && cmp -s "$TMP/out/report.txt" "$TMP/fraud.text" &&
   [ "$(ls -A "$TMP/out")" = report.txt ] && grep -q "cannot write" "$TMP/xfsz.err"; then
   pass "a write error keeps the old file and leaves no temporary file"
else
   fail "a write error keeps the old file and leaves no temporary file" \
      "exit $rc; $(cat "$TMP/xfsz.err"); $(ls -A "$TMP/out")"
fi
if [ -w /dev/full ]; then
   r report fraud-model > /dev/full 2> "$TMP/full.err"
   rc=$?
   if [ $rc -eq 1 ] && grep -q "cannot write to standard output" "$TMP/full.err"; then
      pass "a full standard output is an error"
   else
      fail "a full standard output is an error" "exit $rc; $(cat "$TMP/full.err")"
   fi
fi

# ---- errors ----
OUT="$TMP/errors.out"
: > "$OUT"
run report
run report fraud-model --format pdf
run report fraud-model --width 20
run report fraud-model --width abc
run report fraud-model --page-length 5
run report no-such-workload
run report fraud-model --milestone no-such
run report fraud-model -o "$TMP/missing-dir/report.txt"
run report fraud-model -o "$TMP"
golden errors "$OUT"
[ ! -e "$TMP/missing-dir" ] && pass "no directory is created" || fail "no directory is created"

finish
