#!/bin/sh
# Back from a dashboard to a workloads list read before (App_backToWorkloads):
# the list keeps its rows and reads again only the workload just left, at
# once; what others changed elsewhere while the dashboard was shown (the
# dashboard took that notice for itself) still reaches the list with the
# refresh tick.  And a list never read (walens WORKLOAD) is read whole.
. "$top_srcdir/tests/tui/tuilib.sh"

for w in w01 w02 w03 w04; do
   "$WALENS" --db "$DB" --lens "$SMALL" workload add "$w" > /dev/null 2>&1
done

tui_start a 100 24 --user bob
expect a "Workloads (4)" "the list"
keys a j
expect a ">w02 " "the second row selected"
keys a Enter
expect a "Questions 0/5 answered" "Enter opens w02"
# Others write while the dashboard is shown: to w03, w04 and last to w02
# itself.  Once the dashboard shows that last change, its reload has taken
# the notice of all of them: the list must not depend on another one.
"$WALENS" --db "$DB" --user dave answer w03 Q1 --select Q1_a > /dev/null 2>&1
"$WALENS" --db "$DB" --user dave answer w03 Q2 --select Q2_a > /dev/null 2>&1
"$WALENS" --db "$DB" --user erin workload archive w04 > /dev/null 2>&1
"$WALENS" --db "$DB" --user carol answer w02 Q1 --select Q1_a > /dev/null 2>&1
expect a "Questions 1/5 answered" "the dashboard shows carol's answer (its own reload)"
keys a q
expect a ">w02 " "q: back on the list, on the workload left"
row=$(screen a | grep '^>w02 ')
case $row in
*"1/5"*carol*) pass "the row left shows its change" ;;
*) fail "the row left shows its change" "$(screen a)" ;;
esac
# w03's change and w04's archiving came while the list was not shown.
wait_for a "2/5" 5
row=$(screen a | grep '^ w03 ')
case $row in
*"2/5"*dave*) pass "another workload's change shows after the return" ;;
*) fail "another workload's change shows after the return" "$(screen a)" ;;
esac
expect a "Workloads (3)" "a workload archived meanwhile leaves the list"
expect_not a "w04" "w04 is gone"
expect a ">w02 " "the cursor stayed on w02"
keys a Q
[ "$(wait_exit a)" = 0 ] && pass "quits" || fail "quits" "$(screen a)"

# A list never read: walens w03, then q reads it whole, on w03.
tui_start b 100 24 --user bob w03
expect b "Questions 2/5 answered" "walens w03 opens its dashboard"
keys b q
expect b "Workloads (3)" "q reads the list"
expect b ">w03 " "on the workload left"
keys b Q
[ "$(wait_exit b)" = 0 ] && pass "quits" || fail "quits" "$(screen b)"
finish
