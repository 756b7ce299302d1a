#!/bin/sh
# Impact and effort of plan items through the CLI, every report format, a
# milestone, the history and a bundle round trip (export, import, export
# gives the same file); refused values in plan set and in a forged bundle.
# Golden transcripts in tests/impact/golden/.
SUITE=impact
. "$top_srcdir/tests/lib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
DB="$TMP/walens.db"
# run, quiet and start: tests/lib.sh.

quiet workload add fraud --lens "$FIX/small.yaml"
quiet answer fraud Q1 --select Q1_c
quiet answer fraud Q4 --none
quiet answer fraud Q5 --select Q5_test
quiet milestone add fraud before

start set
run plan set fraud Q1 Q1_b --impact high --effort low
run plan set fraud Q1 Q1_a --impact L --effort Medium
run plan set fraud Q4 Q4_tag --impact high
run plan set fraud Q4 Q4_tag --effort h --impact ""
run plan set fraud Q4 Q4_tag --impact high
run plan fraud
run plan fraud --format json
run history fraud Q4

start errors
run plan set fraud Q1 Q1_b --impact huge
run plan set fraud Q1 Q1_b --effort 3
run plan fraud --impact high

start reports
run report fraud --format md --plan-only
run report fraud --format csv
run report fraud --format text --plan-only
"$WALENS" --db "$DB" report fraud --format html -o "$TMP/r.html" > /dev/null 2>&1
sed -n '/<h3>Impact x effort/,/<\/table>/p' "$TMP/r.html" >> "$OUT"
"$WALENS" --db "$DB" report fraud --format json | grep -E '"(key|impact|effort)"' >> "$OUT"

start milestone
quiet milestone add fraud rated
run milestone diff fraud before rated

golden "$CASE" "$OUT"

# A bundle carries them, and gives the same file back.
"$WALENS" --db "$DB" export fraud -o "$TMP/b1.json" > /dev/null 2>&1 || fail "export"
"$WALENS" --db "$TMP/other.db" import "$TMP/b1.json" > /dev/null 2>&1 || fail "import"
"$WALENS" --db "$TMP/other.db" export fraud -o "$TMP/b2.json" > /dev/null 2>&1 || fail "export again"
cmp -s "$TMP/b1.json" "$TMP/b2.json" && pass "bundle: export, import, export gives the same file" ||
   fail "bundle: export, import, export gives the same file" "$(diff "$TMP/b1.json" "$TMP/b2.json" | head)"
grep -q '"impact": "high"' "$TMP/b1.json" && grep -q '"effort": "low"' "$TMP/b1.json" &&
   pass "bundle: the levels are in it" || fail "bundle: the levels are in it"
"$WALENS" --db "$TMP/other.db" plan fraud --format json > "$TMP/p2.json"
"$WALENS" --db "$DB" plan fraud --format json > "$TMP/p1.json"
cmp -s "$TMP/p1.json" "$TMP/p2.json" && pass "bundle: the imported plan lists the same" ||
   fail "bundle: the imported plan lists the same" "$(diff "$TMP/p1.json" "$TMP/p2.json" | head)"
# The levels of both milestones come back as they were saved.
"$WALENS" --db "$TMP/other.db" milestone diff fraud before rated > "$TMP/d2.txt" 2>&1
"$WALENS" --db "$DB" milestone diff fraud before rated > "$TMP/d1.txt" 2>&1
cmp -s "$TMP/d1.txt" "$TMP/d2.txt" && pass "bundle: milestones keep the levels" ||
   fail "bundle: milestones keep the levels" "$(diff "$TMP/d1.txt" "$TMP/d2.txt")"

# A forged level is refused, naming where.
sed 's/"impact": "high"/"impact": "urgent"/' "$TMP/b1.json" > "$TMP/bad.json"
"$WALENS" --db "$TMP/third.db" import "$TMP/bad.json" > "$TMP/bad.out" 2>&1
rc=$?
[ "$rc" -ne 0 ] && grep -q "impact: 'urgent' is not low, medium or high" "$TMP/bad.out" &&
   pass "bundle: a forged impact is refused" ||
   fail "bundle: a forged impact is refused" "exit $rc: $(cat "$TMP/bad.out")"
finish
