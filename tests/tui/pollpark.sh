#!/bin/sh
# The facilitated workshop in the TUI (issue 13), three people on one
# database: points parked with Z and :park reach the parking lot, the
# plan and the recap; a silent poll with three ballots shows each person
# only their own ballot, the header counts the votes, the reveal gives the
# right counts and names, and acceptance writes the majority, merged with a
# change made meanwhile, with the tally in the history; the leader who
# quits is offered the recap.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" --user carol workload add payments > /dev/null 2>&1
"$WALENS" --db "$DB" --user alice session lead payments > /dev/null 2>&1 ||
   fail "alice leads" "session lead failed"
tui_three_on_q1 100 30 payments

# Parking: a key and a command, each keeping who and where.
keys b Z
expect b "Park a point" "Z asks bob for the point"
typed b "Who owns the build cache?"
keys b Enter
expect b "Parked as point 1 (from Q1)" "bob's point is parked from Q1"
keys a :
typed a "park Budget for GPUs"
keys a Enter
expect a "Parked as point 2 (from Q1)" ":park parks at once"
keys c O
expect c "Parking lot: 2 open, 2 in all" "carol sees both points"
expect c "bob          " "with who parked them"
expect c "Who owns the build cache?" "and the text"
# Nobody but the leader settles a point.
keys c Enter
expect c "alice leads the session: only the leader can settle a parked point" \
   "carol may not settle a point while alice leads"
keys c Escape
"$WALENS" --db "$DB" park payments --format json > "$TMP/park0.json" 2>&1
grep -q '"state": "open"' "$TMP/park0.json" && ! grep -q '"state": "closed"' "$TMP/park0.json" &&
   pass "carol's refusal wrote nothing" || fail "carol's refusal wrote nothing" "$(cat "$TMP/park0.json")"

keys a O
expect a "Parking lot: 2 open" "alice opens the parking lot"
keys a Down Enter
expect a "Point 2: p into a plan item, c close with a word" "Enter offers plan or close"
keys a c
typed a "out of scope"
keys a Enter
expect a "Closed parked point 2" "alice closes point 2 with a word"
expect a "(out of scope)" "the word shows"
keys a Up Enter p
expect a "Plan item, QUESTION/PRACTICE: Q1/" "the plan item starts at the point's question"
keys a C-u
typed a "Q2/Q2_a"
keys a Enter
expect a "Owner (Enter: none)" "then asks for an owner"
typed a "bob"
keys a Enter
expect a "Parked point 1 is now plan item Q2/Q2_a" "point 1 becomes a plan item"
"$WALENS" --db "$DB" plan payments --format json > "$TMP/plan.json" 2>&1
grep -q '"owner": "bob"' "$TMP/plan.json" && grep -q 'Who owns the build cache?' "$TMP/plan.json" &&
   pass "the plan item has bob as owner and the point as note" ||
   fail "the plan item has bob as owner and the point as note" "$(cat "$TMP/plan.json")"
keys a Escape

# The poll: only the leader opens it; everyone votes privately.
keys b %
expect b "alice leads the session: only the leader can open a poll" "bob may not open a poll"
keys a %
expect a "Poll on Q1 (opened by alice)" "alice opens a poll on Q1"
expect b "poll: 0 of 3 voted" "bob's header shows the poll"
expect c "poll: 0 of 3 voted" "carol's too"
keys b %
keys c %
expect b "Poll on Q1 (opened by alice)" "bob goes to the poll"
expect c "Poll on Q1 (opened by alice)" "carol too"
# alice: 1 and 2; bob: 1; carol: 2 and 3.
keys a ' ' Down ' '
expect a "2 [x] Review changes" "alice ticked two"
keys b ' '
expect b "1 [x] Automate builds" "bob ticked one"
keys c Down ' ' Down ' '
expect c "3 [x] Keep notes" "carol ticked two"
expect a "poll: 3 of 3 voted" "the header counts three ballots"
expect_not b "2 [x] Review changes" "bob sees his ballot only, not alice's"
expect_not c "1 [x] Automate builds" "carol sees her ballot only"
check_q "the ballots left the answer alone" payments Q1 '"selected": []'
# Someone changes the shared answer meanwhile: the acceptance merges it.
"$WALENS" --db "$DB" --user dave answer payments Q1 --notes "dave was here" > /dev/null 2>&1 ||
   fail "dave's notes" "answer failed"

# The reveal: counts, and who differed, marked without colour.
keys b Enter
expect b "only the leader can reveal a poll" "bob may not reveal"
keys a Enter
for s in a b c; do
   expect $s "Poll on Q1, revealed: 3 ballots, 3 split" "$s sees the reveal"
done
expect b "1 [x] 2/3 ~ carol said no  Automate builds" "Q1_a: two of three, carol differed"
expect b "2 [x] 2/3 ~ bob said no  Review changes" "Q1_b: two of three, bob differed"
expect b "3 [ ] 1/3 ~ only carol said yes  Keep notes" "Q1_c: only carol"
expect b "4 [ ] 0/3 = all agree  None of these" "None of these: all agree"
expect a "poll: revealed 3/3" "the header says revealed"
# The leader accepts the majority (preselected) in one step.
keys a Enter
expect a "Accepted into Q1 from 3 ballots" "alice accepts the majority"
check_q "the majority is the answer" payments Q1 '"selected": ["Q1_a","Q1_b"]'
check_q "dave's notes are merged, not refused" payments Q1 '"notes": "dave was here"'
"$WALENS" --db "$DB" history payments Q1 > "$TMP/hist.txt" 2>&1
grep -q "poll of 3 ballots" "$TMP/hist.txt" && pass "the history says it came from the poll" ||
   fail "the history says it came from the poll" "$(cat "$TMP/hist.txt")"
expect_gone b "Poll on Q1" "bob's poll screen closes when the poll ends"
expect_gone b "poll: " "and the header forgets it"

# The recap: in the TUI and as the CLI writes it; the parked points are in it.
"$WALENS" --db "$DB" report payments --recap > "$TMP/recap.txt" 2>&1
grep -q "Who owns the build cache?" "$TMP/recap.txt" && grep -q "Budget for GPUs" "$TMP/recap.txt" &&
   pass "the parked points reach the recap" || fail "the parked points reach the recap" "$(cat "$TMP/recap.txt")"
keys c :
typed c recap
keys c Enter
expect c "Recap of payments" ":recap shows the recap"
expect c "$(sed -n 1p "$TMP/recap.txt" | cut -c1-40)" "the same text as report --recap"
# Quitting: bob is not offered the recap; alice, who leads, is.
keys b Q
[ "$(wait_exit b)" = 0 ] && pass "bob quits at once" || fail "bob quits at once" "$(screen b)"
keys a Q
expect a "You lead this session: see the recap before you leave? y/n" "alice is offered the recap"
keys a y
expect a "Recap of payments" "y shows it"
keys a Q
[ "$(wait_exit a)" = 0 ] && pass "a second Q leaves" || fail "a second Q leaves" "$(screen a)"
finish
