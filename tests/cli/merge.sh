#!/bin/sh
# Merging writes from the CLI (issue 12): an answer change is an intent made
# against the version given with --base-version; others' changes to other
# parts stay, a real clash is not written and says who made it (exit 1).
SUITE=cli
. "$top_srcdir/tests/lib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
DB="$TMP/walens.db"
export WALENS_NOW=2026-03-01T10:00:00Z

w() { "$WALENS" --db "$DB" "$@"; }

# expect_rc WANT NAME CMD...: runs CMD, keeps stdout+stderr in $TMP/out.
expect_rc() {
   want=$1 name=$2
   shift 2
   "$@" > "$TMP/out" 2>&1
   rc=$?
   if [ "$rc" -eq "$want" ]; then pass "$name"; else fail "$name" "exit $rc: $(cat "$TMP/out")"; fi
}

# contains NAME TEXT: $TMP/out holds TEXT.
contains() {
   if grep -qF -- "$2" "$TMP/out"; then pass "$1"; else fail "$1" "$(cat "$TMP/out")"; fi
}

notes_of() { w status fraud --format json | grep -o "\"$1\"[^}]*" ; }

w --user carol workload add fraud --lens "$FIX/small.yaml" > /dev/null 2>&1 || fail "set-up"

expect_rc 0 "alice selects Q1_a" w --user alice answer fraud Q1 --select Q1_a --base-version 0
expect_rc 0 "bob selects Q1_b from the same base" w --user bob answer fraud Q1 --select Q1_b --base-version 0
expect_rc 0 "status" w status fraud --format json
w --user dave answer fraud Q1 --unselect Q1_c --base-version 2 > "$TMP/out" 2>&1
contains "both practices are stored" "Q1: "
expect_rc 0 "history shows two changes" w history fraud Q1

expect_rc 1 "None of these against bob's fresh practice clashes" \
   w --user alice answer fraud Q1 --none --base-version 1
contains "the clash names bob" "bob selected a practice at 2026-03-01T10:00:00Z"
contains "and says it was not written" "not written, changed meanwhile"

expect_rc 2 "an unknown base version is refused" w --user alice answer fraud Q1 --select Q1_c --base-version 9
contains "the refusal names the version" "Q1 has no version 9 in the history"
expect_rc 2 "a bad base version is a usage error" w --user alice answer fraud Q1 --select Q1_c --base-version x

expect_rc 0 "notes from the same base on other lines" w --user alice answer fraud Q2 --notes "one
two
three
four"
expect_rc 0 "bob edits the first line" w --user bob answer fraud Q2 --notes "ONE
two
three
four" --base-version 1
expect_rc 0 "alice edits the last line from version 1" w --user alice answer fraud Q2 --notes "one
two
three
FOUR" --base-version 1
contains "she is told the notes were merged" "the notes were merged with another edit"
w status fraud --format json > "$TMP/out"
contains "both edits are kept" 'ONE\ntwo\nthree\nFOUR'

expect_rc 1 "the same line from version 1 clashes" w --user carol answer fraud Q2 --notes "uno
two
three
four" --base-version 1
contains "the clash names the notes" "notes: "
w status fraud --format json > "$TMP/out"
contains "nobody's notes are replaced" 'ONE\ntwo\nthree\nFOUR'

# ---- revert ----
# hid USER OBJECT: the newest history id of USER's change to OBJECT.
hid() {
   w history "$1" --format json | python3 -c '
import json, sys
rows = [h for h in json.load(sys.stdin)["history"] if h["user"] == sys.argv[1] and h["object"] == sys.argv[2]]
print(rows[-1]["id"])' "$2" "$3"
}
count() { w history "$1" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["history"]))'; }

w --user carol workload add rev --lens "$FIX/small.yaml" > /dev/null 2>&1 || fail "set-up rev"
w --user alice answer rev Q1 --select Q1_a > /dev/null 2>&1 || fail "set-up alice"
w --user bob answer rev Q1 --select Q1_b > /dev/null 2>&1 || fail "set-up bob"
id=$(hid rev alice Q1)
expect_rc 0 "alice's change is reverted" w --user alice revert rev "$id"
contains "revert says so" "history id $id reverted"
w status rev --format json > "$TMP/out"
contains "bob's later practice stays" '"Q1_b"'
w history rev Q1 --format json > "$TMP/out"
contains "history records it as a revert" "\"revert_of\": $id"
sel=$(python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["history"][-1]["after"]["selected"]))' "$TMP/out")
[ "$sel" = Q1_b ] && pass "alice's practice is gone, bob's stays" || fail "after the revert" "selected: $sel"
expect_rc 0 "reverting it again writes nothing" w --user alice revert rev "$id"
contains "and says it is undone already" "nothing to revert"

# A revert only partly possible: bob changed part of alice's change since.
w --user alice answer rev Q3 --select Q3_vault,Q3_rotate --notes "alice's line" > /dev/null 2>&1 ||
   fail "set-up alice Q3"
id=$(hid rev alice Q3)
w --user bob answer rev Q3 --na-choice Q3_vault --notes "bob's line" > /dev/null 2>&1 || fail "set-up bob Q3"
n=$(count rev)
expect_rc 1 "a revert partly changed since exits 1" w --user alice revert rev "$id"
contains "it says the rest is reverted" "history id $id reverted in part"
contains "and names what bob changed" "choice Q3_vault: bob changed it"
contains "including the notes" "notes: bob edited the same lines"
[ "$(count rev)" = $((n + 1)) ] && pass "the part it could revert is one change" || fail "one change" "$(count rev)"
w status rev --format json > "$TMP/out"
q3=$(python3 -c '
import json, sys
for q in json.load(open(sys.argv[1]))["questions"]:
    if q["id"] == "Q3":
        a = q.get("answer") or q
        print(",".join(a.get("selected", [])), a.get("notes"))' "$TMP/out")
[ "$q3" = " bob's line" ] && pass "Q3_rotate is reverted, bob's notes stay" || fail "Q3 after the partial revert" "$q3 / $(cat "$TMP/out")"
w history rev Q3 --format json > "$TMP/out"
contains "bob's not applicable stays" '"Q3_vault"'

n=$(count rev)
expect_rc 2 "an unknown history id is refused" w --user alice revert rev 99999
contains "the refusal names the id" "no change with history id 99999"
expect_rc 2 "a history id that is no number is refused" w --user alice revert rev abc
expect_rc 2 "a history id past the largest number is refused" \
   w --user alice revert rev 99999999999999999999
contains "as no history id" "'99999999999999999999' is not a history id"
expect_rc 2 "restore takes the same history ids" w --user alice restore rev 0
contains "and says so the same way" "'0' is not a history id"
expect_rc 2 "a change of another workload is refused" w --user alice revert fraud "$id"
contains "the refusal names the workload" "is not a change of workload 'fraud'"
[ "$(count rev)" = "$n" ] && pass "refusals write nothing" || fail "refusals write nothing"

# A question's history shows what the notes said before and after each change.
w --user alice answer rev Q2 --notes "first
second" > /dev/null 2>&1 || fail "set-up Q2 notes"
w --user bob answer rev Q2 --notes "first
SECOND" > /dev/null 2>&1 || fail "set-up Q2 notes again"
expect_rc 0 "the history of Q2" w history rev Q2
contains "a first note had none before it" "notes before: (none)"
contains "the notes before bob's change" "notes before: first"
contains "and after it" "SECOND"
w history rev > "$TMP/out" 2>&1
if grep -q "notes before" "$TMP/out"; then fail "the workload's history stays one line a change" "$(cat "$TMP/out")"; else pass "the workload's history stays one line a change"; fi

# restore: a question's notes, or a practice's, as a change left them.
# note_of Q PRACTICE: the practice's note after the question's last change.
note_of() {
   w history rev "$1" --format json | python3 -c '
import json, sys
a = json.load(sys.stdin)["history"][-1]["after"]
notes = dict(zip(a.get("note_choices", []), a.get("choice_notes", [])))
print(notes.get(sys.argv[1], "(none)"))' "$2"
}
w --user alice answer rev Q1 --choice-notes Q1_a "runbook v1" > /dev/null 2>&1 || fail "set-up Q1_a v1"
v1=$(hid rev alice Q1)
w --user alice answer rev Q1 --choice-notes Q1_a "runbook v2" > /dev/null 2>&1 || fail "set-up Q1_a v2"
w --user bob answer rev Q1 --choice-notes Q1_b "bob's dashboard" > /dev/null 2>&1 || fail "set-up Q1_b"
expect_rc 0 "a practice's notes are restored" w --user alice restore rev "$v1" --practice Q1_a
contains "restore says which practice and which change" "Q1_a: notes as after history id $v1"
[ "$(note_of Q1 Q1_a)" = "runbook v1" ] && pass "Q1_a's note is v1 again" || fail "Q1_a's note" "$(note_of Q1 Q1_a)"
[ "$(note_of Q1 Q1_b)" = "bob's dashboard" ] && pass "bob's note of Q1_b stays" || fail "Q1_b's note" "$(note_of Q1 Q1_b)"
w history rev Q1 --format json > "$TMP/out"
contains "history records it as a restore" "\"restore_of\": $v1"
expect_rc 0 "restoring it again writes nothing" w --user alice restore rev "$v1" --practice Q1_a
contains "and says so" "Q1_a: the notes are as after history id $v1 already"
expect_rc 0 "a question's notes are restored" w --user bob restore rev "$(hid rev alice Q2)"
contains "restore names the question" "Q2: notes as after history id"
w status rev --format json > "$TMP/out"
contains "Q2's notes are as alice left them" '"notes": "first\nsecond"'
n=$(count rev)
expect_rc 2 "an unknown practice is refused" w --user alice restore rev "$v1" --practice Q9_x
contains "the refusal names the practice" "Q9_x is not a practice of Q1"
expect_rc 2 "an unknown history id is refused" w --user alice restore rev 99999
contains "the refusal names the id" "no change with history id 99999"
expect_rc 2 "a change of another workload is refused" w --user alice restore fraud "$v1"
[ "$(count rev)" = "$n" ] && pass "refusals write nothing" || fail "refusals write nothing"
# The CLI restores from the note stored now (it has no older view to
# start from, as the TUI has): a later note of bob's is the base, and the
# history keeps it.
w --user bob answer rev Q1 --choice-notes Q1_a "bob's runbook" > /dev/null 2>&1 || fail "set-up bob's runbook"
v2=$(w history rev Q1 --format json | python3 -c '
import json, sys
h = [e for e in json.load(sys.stdin)["history"] if (e["after"] or {}).get("choice_notes") and "runbook v2" in e["after"]["choice_notes"]]
print(h[0]["id"])')
expect_rc 0 "restoring from what the doc holds now is no clash" w --user alice restore rev "$v2" --practice Q1_a
[ "$(note_of Q1 Q1_a)" = "runbook v2" ] && pass "Q1_a's note is v2" || fail "Q1_a's note" "$(note_of Q1 Q1_a)"

w --user carol workload add up --lens "$FIX/upgrade-v1.yaml" > /dev/null 2>&1 || fail "set-up up"
w --user alice answer up UP4 --select UP4_log > /dev/null 2>&1 || fail "set-up UP4"
gone=$(hid up alice UP4)
w --user carol upgrade up --lens "$FIX/upgrade-v2.yaml" > /dev/null 2>&1 || fail "set-up upgrade"
n=$(count up)
expect_rc 2 "a change to a question the upgraded lens dropped is refused" w --user alice revert up "$gone"
contains "the refusal names the question" "changed UP4, which the workload's lens"
[ "$(count up)" = "$n" ] && pass "and writes nothing" || fail "and writes nothing"

finish
