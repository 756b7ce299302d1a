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

# Our own write to other workloads from a dashboard (a template applied):
# their rows are read again on the way back too.  t1 and t2 are made from
# revision 1 of a template; revision 2 selects Q1_b as well.
q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1 || fail "set-up: walens $*"; }
q --user carol --lens "$SMALL" workload add base
q --user carol answer base Q1 --select Q1_a
q --user carol template create tb --from base --questions Q1
q --user carol workload add t1 --template tb
q --user carol workload add t2 --template tb
q --user carol answer base Q1 --select Q1_a,Q1_b
q --user carol template create tb --from base --questions Q1
tui_start c 100 24 --user alice
expect c "Workloads (6)" "the list with the template's workloads"
keys c j j
expect c ">t2 " "t2 selected"
keys c Enter
expect c "Questions 1/5 answered" "t2 opened"
keys c :
typed c "template apply tb"
keys c Enter
expect c "Write the 2 offered answers of template tb? y/n" "asked"
keys c y
expect c "Template tb applied: written 2" "applied to t1 and t2"
keys c Escape
keys c q
expect c ">t2 " "back on t2"
i=0
while [ $i -lt 25 ] && ! screen c | grep '^ t1 ' | grep -q alice; do
   sleep 0.2
   i=$((i + 1))
done
row=$(screen c | grep '^ t1 ')
case $row in
*alice*) pass "t1, changed by our own template write, shows it" ;;
*) fail "t1, changed by our own template write, shows it" "$(screen c)" ;;
esac
keys c Q
[ "$(wait_exit c)" = 0 ] && pass "quits" || fail "quits" "$(screen c)"

# A list never read: walens w03, then q reads it whole, on w03.
tui_start b 100 24 --user bob w03
expect b "Questions 2/5 answered" "walens w03 opens its dashboard"
keys b q
expect b "Workloads (6)" "q reads the list"
expect b ">w03 " "on the workload left"
keys b Q
[ "$(wait_exit b)" = 0 ] && pass "quits" || fail "quits" "$(screen b)"
finish
