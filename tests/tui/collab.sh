#!/bin/sh
# Many hands on one review (issue 12): three reviewers toggling different
# practices of one question at once are all stored, none refused; notes
# edited on different lines merge; a draft resumed after kill -9 cannot
# erase another person's notes.  Each reviewer has their own home, as on a
# workshop host, so drafts are their own.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" --user carol workload add payments > /dev/null 2>&1
tui_three_on_q1 80 24 payments

# all_marked SESSION MARK: practices 1 to 3 all show MARK ("[x]" or "[ ]").
all_marked() {
   wait_for "$1" "1 $2" 5 && wait_for "$1" "2 $2" 5 && wait_for "$1" "3 $2" 5
}
refused=0 lost=0
r=1
while [ "$r" -le 20 ]; do
   keys a 1; keys b 2; keys c 3
   if [ $((r % 2)) = 1 ]; then mark="[x]"; else mark="[ ]"; fi
   for s in a b c; do
      all_marked $s "$mark" || lost=$((lost + 1))
      if screen $s | grep -qE "Kept theirs|Not stored"; then refused=$((refused + 1)); fi
   done
   r=$((r + 1))
done
[ "$lost" = 0 ] && pass "20 rounds of simultaneous toggles: every screen shows every change" \
   || fail "20 rounds of simultaneous toggles" "$lost screens missed a change: $(screen a)"
[ "$refused" = 0 ] && pass "no toggle was refused" || fail "no toggle was refused" "$refused refusals"
n=$("$WALENS" --db "$DB" history payments Q1 --format json | grep -c '"kind": "answer"')
[ "$n" = 60 ] && pass "all 60 toggles are in the history" || fail "all 60 toggles are in the history" "$n"
check_q "the last round cleared all three" payments Q1 '"selected": []'

# Notes on different lines: both edits land, merged.
"$WALENS" --db "$DB" --user carol answer payments Q2 --notes "one
two
three
four
five" > /dev/null 2>&1
goto() { keys "$1" :; typed "$1" "goto $2"; keys "$1" Enter; }
keys c Escape
goto a Q2
goto b Q2
expect a "How do you run?" "alice on Q2"
expect b "How do you run?" "bob on Q2"
# Each edit must start from carol's notes: wait until both screens have
# reloaded them (the refresh tick), as a reviewer would see them first.
expect a "carol: notes added" "alice sees carol's change"
expect b "carol: notes added" "bob sees carol's change"
expect a " three" "alice sees carol's notes"
expect b " three" "bob sees carol's notes"
keys a e
keys b e
expect a "Notes for Q2" "alice edits Q2's notes"
expect b "Notes for Q2" "bob too"
keys a Up Up Up Up Home
typed a "ALICE "
typed b " BOB"
keys a C-s
expect a "Notes stored" "alice stores the first line"
keys b C-s
expect b "Notes stored, merged with alice's changes on other lines" "bob's last line is merged with it"
check_q "both edits are kept" payments Q2 '"notes": "ALICE one\ntwo\nthree\nfour\nfive BOB"'

# A draft left by kill -9, resumed, cannot erase bob's notes.
goto a Q3
expect a "How do you protect secrets?" "alice on Q3"
keys a e
expect a "Notes for Q3" "alice edits Q3's notes"
typed a "alice's draft"
sleep 4 # the draft is saved every few seconds while typing
kill -9 "$(cat "$TMP/pid-a")"
wait_exit a > /dev/null
"$WALENS" --db "$DB" --user bob answer payments Q3 --notes "bob's decision" > /dev/null 2>&1
tui_start_as a2 alice 80 24 payments
keys a2 Enter Enter
expect a2 "1 [ ] H  Automate builds" "alice is back"
goto a2 Q3
expect a2 "an unsaved draft is waiting" "alice's draft survived kill -9"
keys a2 e
expect a2 "alice's draft" "the draft comes back"
keys a2 C-s
expect a2 "bob changed the same lines while you edited" "storing it shows bob's notes first"
expect a2 "bob's decision" "with bob's text"
check_q "bob's notes are not erased" payments Q3 '"notes": "bob'"'"'s decision"'
keys a2 b
expect a2 "Both texts are stored, theirs first" "alice keeps both"
check_q "both are stored" payments Q3 '"notes": "bob'"'"'s decision\nalice'"'"'s draft"'
# Undo: u reverts alice's own last change on the question, keeping bob's.
goto a2 Q5
goto b Q5
expect a2 "Q5" "alice on Q5"
expect b "Q5" "bob on Q5"
keys a2 1
expect b "1 [x]" "bob sees alice's practice"
keys b 2
expect a2 "2 [x]" "alice sees bob's"
keys a2 u
expect a2 "Undone: your last change here" "u undoes alice's change"
expect a2 "1 [ ]" "her practice is cleared"
expect a2 "2 [x]" "bob's stays"
"$WALENS" --db "$DB" history payments Q5 --format json > "$TMP/h5"
grep -q '"undo_of"' "$TMP/h5" && pass "the history records the undo" || fail "the history records the undo" "$(cat "$TMP/h5")"
keys a2 u
expect a2 "Nothing of yours to undo here" "a second u has nothing of alice's left on Q5"
keys b u
expect b "Undone: your last change here" "bob undoes his own"
check_q "both undone" payments Q5 '"selected": []'
# An undo whose whole target someone changed since: nothing is undone, and
# it says so (not "in part").
keys a2 1
expect b "1 [x]" "bob sees alice's practice again"
"$WALENS" --db "$DB" --user bob answer payments Q5 --na-choice Q5_auto > /dev/null 2>&1 ||
   fail "set-up: bob marks it not applicable"
keys a2 u
expect a2 "Not undone, changed since; kept theirs" "u says nothing was undone"
expect a2 "1 [-]" "bob's not applicable stays"
"$WALENS" --db "$DB" history payments Q5 --format json > "$TMP/h5"
python3 -c 'import json, sys; h = json.load(open(sys.argv[1]))["history"][-1]; sys.exit(0 if h["user"] == "bob" and h["after"]["na_choices"] == ["Q5_auto"] else 1)' "$TMP/h5" &&
   pass "and the history's last change is bob's: nothing was written" ||
   fail "and the history's last change is bob's: nothing was written" "$(cat "$TMP/h5")"

# The history shows what the notes said around each change, and brings an
# earlier version back as a new change.
"$WALENS" --db "$DB" --user carol answer payments Q4 --notes "first version" > /dev/null 2>&1
first=$("$WALENS" --db "$DB" history payments Q4 --format json | sed -n 's/^ *"id": \([0-9]*\),$/\1/p' | tail -n 1)
"$WALENS" --db "$DB" --user bob answer payments Q4 --notes "second version" > /dev/null 2>&1
goto a2 Q4
expect a2 "second version" "alice on Q4 sees bob's notes"
keys a2 H
expect a2 "notes before:" "the history shows the notes before a change"
expect a2 "| first version" "with the earlier text"
expect a2 "| second version" "and the later one"
keys a2 B
expect a2 "Restore the notes as after change #" "B asks which version"
typed a2 "$first"
keys a2 Enter
expect a2 "Notes as after change #$first" "the earlier notes are back"
check_q "stored as a new change" payments Q4 '"notes": "first version"'
"$WALENS" --db "$DB" history payments Q4 > "$TMP/h4"
grep -q "notes as after change $first" "$TMP/h4" && pass "the history says it was restored" \
   || fail "the history says it was restored" "$(cat "$TMP/h4")"
# A practice's notes come back the same way: the change's # and the
# practice's id.
"$WALENS" --db "$DB" --user carol answer payments Q4 --choice-notes Q4_tag "tags v1" > /dev/null 2>&1 ||
   fail "set-up: carol's note of Q4_tag"
tag1=$("$WALENS" --db "$DB" history payments Q4 --format json | sed -n 's/^ *"id": \([0-9]*\),$/\1/p' | tail -n 1)
"$WALENS" --db "$DB" --user bob answer payments Q4 --choice-notes Q4_tag "tags v2" > /dev/null 2>&1 ||
   fail "set-up: bob's note of Q4_tag"
sleep 2 # alice's screen reloads the question (the tick), as anyone's would
keys a2 H
expect a2 "notes of Q4_tag changed" "the history lists the practice's change"
keys a2 B
typed a2 "$tag1 Q4_nope"
keys a2 Enter
expect a2 "Q4_nope is not a practice of Q4" "an unknown practice is refused"
keys a2 B
typed a2 "$tag1 Q4_tag"
keys a2 Enter
expect a2 "Notes of Q4_tag as after change #$tag1" "the practice's earlier notes are back"
"$WALENS" --db "$DB" history payments Q4 --format json > "$TMP/h4j"
python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))["history"][-1]
a = h["after"]
notes = dict(zip(a.get("note_choices", []), a.get("choice_notes", [])))
ok = h["user"] == "alice" and notes.get("Q4_tag") == "tags v1" and a.get("restore_of") == int(sys.argv[2]) and a.get("notes") == "first version"
sys.exit(0 if ok else 1)' "$TMP/h4j" "$tag1" &&
   pass "stored as a new change by alice, the question's notes kept" ||
   fail "stored as a new change by alice, the question's notes kept" "$(cat "$TMP/h4j")"
finish
