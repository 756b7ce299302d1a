#!/bin/sh
# A newer version of the review's lens: the dashboard says so, U previews
# what changes (nothing written), y upgrades (a milestone first), the
# questions marked for re-review show in the matrix, the list and the
# question, H shows the mark in the history, c confirms an answer, and
# --read-only refuses it.  Checked through the CLI as well.
. "$top_srcdir/tests/tui/tuilib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1; }
q --lens "$FIX/upgrade-v1.yaml" workload add up
q --user carol answer up UP1 --select UP1_a
q --user carol answer up UP2 --select UP2_a,UP2_old --notes "by hand on Fridays"
q --user carol answer up UP3 --select UP3_vault
q --user carol answer up UP4 --select UP4_log
q --user carol answer up UP5 --select UP5_a
# The newer version where walens looks for lenses.
mkdir -p "$WALENS_LENSDIR"
cp "$FIX/upgrade-v2.yaml" "$WALENS_LENSDIR/"

lensVersion() {
   "$WALENS" --db "$DB" status up --format json | tr -d ' \n' |
      sed -n 's/.*"lens":{"key":"upgrade","version":"\([^"]*\)".*/\1/p'
}

tui_start a 80 24 --user alice up
expect a "walens  up  Upgrade test lens 1.0" "the review on lens 1.0"
expect a "Newer lens: Upgrade test lens 2.0  (U shows what changes, then upgrades)" \
   "the dashboard says a newer lens is there"
keys a U
expect a "Upgrade up: lens upgrade 1.0 → 2.0 (preview: nothing is written yet)" "U previews"
expect a "First the milestone 'before-upgrade-to-2.0' is saved" "the milestone it saves first"
expect a "Answers carried over: 4 (1 lose a practice that is gone)." "what happens to answers"
expect a "UP2      practices, risk rules changed; review it again" "a changed question"
expect a "dropped from the answer: UP2_old" "what an answer loses"
expect a "y upgrade  ? help  q back" "y upgrades"
[ "$(lensVersion)" = 1.0 ] && pass "the preview writes nothing" ||
   fail "the preview writes nothing" "version $(lensVersion)"
"$WALENS" --db "$DB" milestone list up > "$TMP/ms"
grep -q "Milestones of up: 0" "$TMP/ms" && pass "no milestone yet" || fail "no milestone yet" "$(cat "$TMP/ms")"
keys a q
expect a "Newer lens: Upgrade test lens 2.0" "q leaves it as it is"

keys a U y
expect a "Upgraded to upgrade 2.0; milestone 'before-upgrade-to-2.0' saved first" "y upgrades"
expect a "walens  up  Upgrade test lens 2.0" "the review is on lens 2.0"
expect a "Build      ▲ 1/2* ▲1     ◆ 1/1* ◆1" "questions to review again are marked in the matrix"
expect a "3 questions marked * to review again after the lens upgrade (c confirms one)" \
   "and counted"
expect_not a "Newer lens:" "no newer lens any more"
[ "$(lensVersion)" = 2.0 ] && pass "the CLI sees lens 2.0" || fail "the CLI sees lens 2.0" "version $(lensVersion)"
"$WALENS" --db "$DB" milestone list up --format json | tr -d ' \n' > "$TMP/ms.json"
case $(cat "$TMP/ms.json") in
*'"name":"before-upgrade-to-2.0","created_at":"2026-11-28T10:00:00Z","created_by":"alice"'*)
   pass "the milestone is saved" ;;
*) fail "the milestone is saved" "$(cat "$TMP/ms.json")" ;;
esac
keys a U
expect a "Lens upgrade 2.0 is the newest there is" "U again: nothing newer"

keys a Enter
expect a "(review) How do you build and test?" "the list marks the question"
keys a Enter
expect a "The lens changed: review this answer, then c confirms it" "so does the question, with the key that confirms it"
keys a H
expect a "History of UP1: 2 changes" "H shows the question's history"
expect a "alice: marked for re-review after lens upgrade" "with the mark"
keys a q c
expect a "Confirmed: the answer to UP1 stands after the lens upgrade" "c confirms the answer"
expect_not a "The lens changed" "the mark is gone"
"$WALENS" --db "$DB" history up UP1 --format json | tr -d '\n' > "$TMP/h.json"
case $(cat "$TMP/h.json") in
*'"user": "alice"'*'"change": "re-review confirmed"'*) pass "the history says so" ;;
*) fail "the history says so" "$(cat "$TMP/h.json")" ;;
esac
keys a c
expect a "This question is not marked for re-review" "c on an unmarked question"
keys a q q
expect a "2 questions marked * to review again" "two left"
keys a Q
wait_exit a > /dev/null

tui_start b 80 24 --read-only --user bob up
expect b "2 questions marked * to review again" "read-only shows the marks"
keys b j Enter Enter
expect b "How do you deploy?" "a marked question"
expect b "The lens changed: review this answer" "marked"
keys b c
expect b "Read-only: nothing can be changed in this session" "confirming is refused"
keys b Q
wait_exit b > /dev/null
# The last change to UP2 is still the mark the upgrade set (an empty or
# failed history must not count as "nothing confirmed").
"$WALENS" --db "$DB" history up UP2 --format json > "$TMP/h2.json"
last=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["history"][-1]["change"])' \
   < "$TMP/h2.json")
[ "$last" = "marked for re-review after lens upgrade" ] && pass "nothing is confirmed" ||
   fail "nothing is confirmed" "last change: $last"
# The built-in Machine Learning Lens, 2025.11.1 -> 2025.12.0: the preview
# says per question what changed in substance, from the lens's change notes.
q --lens "$FIX/machine-learning-2025.11.1.yaml" workload add ml
q --user carol answer ml MLOPS01 --select MLOPS01_BP01
q --user carol answer ml MLOPS03 --select MLOPS03_BP01
tui_start m 160 40 --user alice ml
expect m "Newer lens: Machine Learning Lens 2025.12.0" "the built-in lens is offered"
keys m U
expect m "Upgrade ml: lens machine-learning 2025.11.1 → 2025.12.0" "U previews the ML upgrade"
expect m "MLOPS02  substance changed" "an unanswered question changed in substance"
expect_not m "MLOPS02  substance changed; review it again" "is not marked: it has no answer"
expect m "MLOPS01  practices, substance changed; review it again" "a question changed in substance"
expect m "MLOPS01_BP03: Now continuous monitoring against the business requirement" \
   "its change note, in one line"
expect_not m "MLOPS03 " "a question whose wording alone changed is not listed"
keys m y
expect m "Upgraded to machine-learning 2025.12.0" "y upgrades"
expect m "1 question marked * to review again" "one mark"
keys m Q
wait_exit m > /dev/null

# A lens that came with a bundle is not one anyone here chose: the top line
# says so beside its name, on every screen of the review.
sed 's/^name: .*/name: Carried lens/' "$SMALL" > "$TMP/carried.yaml"
"$WALENS" --db "$TMP/other.db" --lens "$TMP/carried.yaml" workload add carried > /dev/null 2>&1
"$WALENS" --db "$TMP/other.db" export carried -o "$TMP/carried.bundle" ||
   fail "export a bundle to import"
"$WALENS" --db "$DB" import "$TMP/carried.bundle" --as carried > /dev/null 2>&1 ||
   fail "import the bundle"
tui_start t 80 24 --user alice carried
expect t "carried  Carried lens 1.0  from a bundle" "the header marks a lens from a bundle"
keys t Enter
expect t "from a bundle" "and keeps the mark on a question's screen"
keys t Q
wait_exit t > /dev/null
tui_start u 80 24 --user alice up
expect u "Questions" "a review on a lens chosen here"
expect_not u "from a bundle" "has no such mark"
keys u Q
wait_exit u > /dev/null
finish
