#!/bin/sh
# --read-only shows everything and changes nothing; mouse clicks and wheel,
# and --no-mouse.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" workload add payments > /dev/null 2>&1
"$WALENS" --db "$DB" --user carol answer payments Q1 --select Q1_a --notes "carol's notes" > /dev/null 2>&1

tui_start a 80 24 --read-only --user bob payments
expect a "walens  read-only   payments  Small test lens 1.0" "the header says read-only"
expect a "Questions 1/5 answered   ▲ 1" "everything is visible"
keys a Enter Enter
expect a "1 [x] H  Automate builds" "the answer"
expect a "carol's notes" "the notes"
expect a "changed by carol" "who changed it"
expect_not a "Space toggle" "the footer offers no change"
keys a Space
expect a "Read-only: nothing can be changed in this session" "a toggle is refused"
keys a j e
expect a "Read-only: nothing can be changed in this session" "editing notes is refused"
keys a X
expect a "Read-only: nothing can be changed in this session" "not applicable is refused"
check_q "nothing changed" payments Q1 '"selected": ["Q1_a"],"notes": "carol'"'"'s notes"'
keys a q q q
expect a "Workloads (1)" "the workloads"
expect_not a "a add" "no create in the footer"
keys a a
expect a "Read-only: nothing can be changed in this session" "create is refused"
keys a Q
[ "$(wait_exit a)" = 0 ] && pass "quits" || fail "quits" "$(screen a)"

# Mouse: X10 reports as the terminal would send them (button 1 press, release).
click() {
   tt send-keys -t "$1" -H 1b 5b 4d 20 "$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))" \
      1b 5b 4d 23 "$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))"
}
wheel_down() {
   tt send-keys -t "$1" -H 1b 5b 4d 61 "$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))"
}
tui_start b 80 24 --user bob payments
expect b "Questions 1/5 answered" "walens with the mouse"
click b 27 3
expect b "Security · Run — How do you patch?" "a click selects a cell"
click b 27 3
expect b "Q5_auto" "a second click opens it (its one question at once)"
keys b Escape
expect b "Security · Run   1 question" "the cell's list is beneath"
click b 30 3
expect b "1 [ ]    Patch automatically" "a click on a question opens it"
click b 12 5
expect b ">2 [ ]    Test patches first" "a click on a practice moves the cursor"
click b 12 5
expect b ">2 [x]    Test patches first" "a second click toggles it"
check_q "the click is stored" payments Q5 '"selected": ["Q5_test"]'
keys b q q
wheel_down b 20 5
expect b "Security, all phases: 2 questions, 1 answered" "the wheel moves the cursor" 3
keys b Q
wait_exit b > /dev/null

tui_start c 80 24 --no-mouse --user bob payments
expect c "Questions 2/5 answered" "walens without the mouse"
click c 27 3
sleep 0.5
expect c "Operations · Build — How do you build?" "clicks are ignored with --no-mouse"
keys c Q
wait_exit c > /dev/null

"$WALENS" --db "$TMP/none.db" --read-only > "$TMP/out" 2> "$TMP/err" < /dev/null
rc=$?
if [ $rc -ne 0 ] && grep -q "^walens: " "$TMP/err"; then pass "a missing database in read-only mode is an error"; else
   fail "a missing database in read-only mode is an error" "rc=$rc $(cat "$TMP/err")"
fi
[ ! -e "$TMP/none.db" ] && pass "and is not created" || fail "and is not created"
finish
