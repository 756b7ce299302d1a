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

# A practice's notes typed and not stored (a hang-up): the practice says a
# draft waits, as the question's notes do, and V resumes it.
tui_start b 80 24 --user alice payments
expect b "Questions" "walens again"
keys b Enter Enter Down Down V
expect b "Notes for practice Q1_c" "V on the third practice"
typed b "half a runbook"
pid=$(cat "$TMP/pid-b")
tt kill-session -t b
i=0
while [ $i -lt 30 ] && kill -0 "$pid" 2> /dev/null; do
   sleep 0.1
   i=$((i + 1))
done
tui_start c 80 24 --user alice payments
expect c "Questions" "walens after the hang-up"
keys c Enter Enter
expect_not c "an unsaved draft is waiting (V resumes it)" "no draft shown on another practice"
keys c Down Down
expect c "Practice notes: an unsaved draft is waiting (V resumes it)" \
   "the practice's waiting draft is shown under the practices"
keys c V
expect c "half a runbook" "V resumes it"
expect c "Your unsaved draft is back" "and says so"
keys c C-s
expect c "Practice notes (V): half a runbook" "stored, it shows as the practice's notes"
expect_gone c "an unsaved draft is waiting" "and the draft notice is gone"
keys c q
finish
