#!/bin/sh
# An answer that came from a review template says so on the question screen
# ("from template NAME") and in its changes; once a reviewer changes it,
# the mark goes.  Then the TUI's :template commands: a new revision made
# from the open workload, and applied with a preview that lists the
# workloads offered the change and those a reviewer changed, written only
# after y.
. "$top_srcdir/tests/tui/tuilib.sh"

q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1 || fail "set-up: walens $*"; }
q --user carol --lens "$SMALL" workload add platform
q --user carol answer platform Q1 --select Q1_a,Q1_b
q --user carol template create platform-baseline --from platform --questions Q1
q --user carol workload add fraud --template platform-baseline
q --user carol workload add payments --template platform-baseline
q --user carol workload add billing --template platform-baseline
q --user bob answer billing Q1 --unselect Q1_a

tui_start a 80 24 --user alice fraud
keys a :
typed a "goto Q1"
keys a Enter
expect a "from template platform-baseline   changed by carol" "the question screen names the template"
expect a "selected Q1_a, Q1_b; from template platform-baseline" "and so do its changes"
keys a 3
expect a "Changes  (H all)" "the answer changed"
expect a "changed by alice" "alice's change is shown"
expect_gone a "from template platform-baseline   changed by" "a reviewer's change ends the mark"

# Commands the TUI refuses, with what it takes.
keys a :
typed a "template create"
keys a Enter
expect a "Usage: :template create NAME (from the open workload) | :template apply NAME" \
   "a :template without a name says how it is used"
keys a :
typed a "template apply no-such-template"
keys a Enter
expect a "no-such-template" "an unknown template is refused by name"

# fraud's answer (Q1_a, Q1_b, Q1_c) becomes the template's revision 2.
keys a :
typed a "template create platform-baseline"
keys a Enter
expect a "Template 'platform-baseline' revision 2: 1 answer from fraud" \
   ":template create stores the next revision from the open workload"
got=$("$WALENS" --db "$DB" template show platform-baseline 2>&1)
case $got in
*"revision 2"*"Q1: selected Q1_a,Q1_b,Q1_c"*) pass "the revision holds fraud's answer" ;;
*) fail "the revision holds fraud's answer" "$got" ;;
esac

# The preview: payments still holds revision 1's answer, bob changed billing's.
keys a :
typed a "template apply platform-baseline"
keys a Enter
expect a "preview: nothing is written yet" "apply shows a preview first"
expect a "Answers offered (1): the workload still holds the old revision's answer" \
   "the offered answers are counted"
expect a "payments Q1 (revision 1 -> 2)" "the workload that held the old answer is offered it"
expect a "Left alone (1): a reviewer changed the answer" "those a reviewer changed are counted"
expect a "billing Q1" "and listed"
expect a "Write the 1 offered answer of template platform-baseline? y/n" "it asks before writing"
keys a n
expect a "Template platform-baseline not applied: nothing written" "n writes nothing"
got=$("$WALENS" --db "$DB" template apply platform-baseline 2>&1)
case $got in
*"offered  payments Q1"*) pass "after n the offer still stands" ;;
*) fail "after n the offer still stands" "$got" ;;
esac
keys a q

keys a :
typed a "template apply platform-baseline"
keys a Enter
expect a "Write the 1 offered answer of template platform-baseline? y/n" "asked again"
keys a y
expect a "Template platform-baseline applied: written 1, left alone 1" "y writes the offered answer"
expect a "Answers written (1): the workload still held the old revision's answer" \
   "the page says what was written"
got=$("$WALENS" --db "$DB" status payments --format json | python3 -c 'import json, sys
s = json.load(sys.stdin)
print([q["selected"] for q in s["questions"] if q["id"] == "Q1"][0])' 2>&1)
[ "$got" = "['Q1_a', 'Q1_b', 'Q1_c']" ] && pass "payments has revision 2's answer" ||
   fail "payments has revision 2's answer" "$got"
expect a "Left alone (1): a reviewer changed the answer" "and what it left alone"
got=$("$WALENS" --db "$DB" status billing --format json | python3 -c 'import json, sys
s = json.load(sys.stdin)
print([q["selected"] for q in s["questions"] if q["id"] == "Q1"][0])' 2>&1)
[ "$got" = "['Q1_b']" ] && pass "billing keeps bob's answer" || fail "billing keeps bob's answer" "$got"
got=$("$WALENS" --db "$DB" template apply platform-baseline 2>&1)
[ "$got" = "Every workload made from platform-baseline has revision 2's answers" ] &&
   pass "applied: every workload moved to revision 2" ||
   fail "applied: every workload moved to revision 2" "$got"
keys a Q
wait_exit a > /dev/null

# A read-only session sees the preview of a revision 3 but is not asked to
# write.
q --user carol answer platform Q1 --unselect Q1_b
q --user carol template create platform-baseline --from platform --questions Q1
tui_start r 80 24 --user alice --read-only fraud
keys r :
typed r "template create other"
keys r Enter
expect r "Read-only: nothing can be changed in this session" "read-only: create is refused"
keys r :
typed r "template apply platform-baseline"
keys r Enter
expect r "Answers offered (2): the workload still holds the old revision's answer" \
   "read-only: the preview is shown"
expect r "Left alone (1): a reviewer changed the answer" "read-only: with what is left alone"
expect_not r "y/n" "read-only: no question to write"
keys r Q
wait_exit r > /dev/null
finish
