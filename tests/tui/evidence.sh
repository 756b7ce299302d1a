#!/bin/sh
# Notes of a single practice (evidence): v on the question screen opens the
# editor on the practice under the cursor; the stored note shows under the
# practices, wrapped so that a link shows whole, and the practice is marked;
# the question's own notes stay as they were.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" workload add payments > /dev/null 2>&1
"$WALENS" --db "$DB" answer payments Q1 --notes "question notes" > /dev/null 2>&1
tui_start a 80 24 --user alice payments
expect a "Questions" "the dashboard"
keys a Enter Enter Down V
expect a "Notes for practice Q1_b: Review changes" "v opens the editor on the practice"
url="https://dashboards.example.com/d/ml-latency/serving-errors?from=now-7d&to=now"
typed a "Runbook and dashboard: $url"
keys a C-s
expect a "Notes stored" "^S stores the practice's notes"
expect a "Practice notes (V): Runbook and dashboard:" "the note shows under the practices"
expect a "$url" "the link shows whole, on a line of its own"
expect a "question notes" "the question's notes are still there"
expect a "alice: notes of Q1_b added" "the change is listed as what it was"
"$WALENS" --db "$DB" export payments > "$TMP/b.json"
if grep -q "\"Q1_b\": \"Runbook and dashboard: $url\"" "$TMP/b.json" &&
   grep -q '"notes": "question notes"' "$TMP/b.json"; then
   pass "stored as the practice's notes, the question's untouched"
else
   fail "stored as the practice's notes, the question's untouched" "$(grep -n notes "$TMP/b.json")"
fi
keys a Up
expect_gone a "Practice notes (V)" "another practice shows no note"
keys a Down V
expect a "Notes for practice Q1_b" "v again"
tt send-keys -t "=a:" -N 120 BSpace
keys a C-s
expect a "Notes stored" "an emptied note is stored"
expect_gone a "Practice notes (V)" "and is gone"
keys a q
finish
