#!/bin/sh
# A new user's pass at 60x20 and 80x24: the plan's practice column and the
# dashboard's plan counts readable at 60 columns, a message longer than the
# footer wrapped whole over the lines above it (and the screen back under
# it after the next key).
. "$top_srcdir/tests/tui/tuilib.sh"

q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1; }
q workload add ml
for qid in MLOPS01 MLOPS02 MLSEC01 MLSEC03 MLREL01 MLPERF01 MLCOST01; do
   q --user carol answer ml "$qid" --none
done
q --user carol plan set ml MLOPS01 MLOPS01_BP01 --owner "Margarete Schön" --due 2026-11-01 \
   --status in_progress
q --user carol plan set ml MLSEC01 MLSEC01_BP01 --owner bob --priority 2 --status done

# An undo that meets someone else's change says why at length: at 80
# columns the whole of it reads, on two lines above the footer's place.
tui_start a 80 24 --user alice ml
expect a "Questions 7/35 answered" "the dashboard"
keys a Enter
expect a "(1/35)" "the first question"
keys a 1
expect a "1 [x]" "alice selects its first practice"
q --user bob answer ml MLOPS01 --na-choice MLOPS01_BP01
expect a "1 [-]" "bob marks it not applicable meanwhile"
keys a u
expect a "Undone in part; kept theirs: not written, changed meanwhile: choice" \
   "the undo's message, its first line"
expect a " MLOPS01_BP01: bob changed it at " "and the rest on the next line: nothing cut"
[ "$(screen a | tail -n 1 | cut -c1-14)" = " MLOPS01_BP01:" ] &&
   pass "the message ends on the last line" || fail "the message ends on the last line" "$(screen a)"
keys a j
expect_gone a "kept theirs" "the next key takes the message away"
expect a "changed by " "and the screen under it comes back"
expect a "? help" "with the footer's keys"
keys a q q
finish
