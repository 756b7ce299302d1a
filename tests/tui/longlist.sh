#!/bin/sh
# A workloads list longer than the terminal: walens reads the first page,
# draws it, then reads the rest before the first key (App_loadWorkloadsFirst).
# What shows must be what a list read whole shows: the count of all of them,
# the same rows and columns, and the rows beyond the first page reachable
# with their counts and last change.
. "$top_srcdir/tests/tui/tuilib.sh"

# 20 workloads on a 16-line terminal (the smallest walens draws): the first
# page is 16 rows.  One name far down is the longest: the name column is
# sized for it from the first frame on.
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19; do
   "$WALENS" --db "$DB" --lens "$SMALL" workload add "w$i" > /dev/null 2>&1
done
"$WALENS" --db "$DB" --lens "$SMALL" workload add "w20-with-a-long-name" > /dev/null 2>&1
"$WALENS" --db "$DB" --user carol answer w01 Q1 --select Q1_a > /dev/null 2>&1
"$WALENS" --db "$DB" --user dave answer w20-with-a-long-name Q4 --select Q4_no > /dev/null 2>&1
"$WALENS" --db "$DB" --user erin answer w20-with-a-long-name Q1 --select Q1_a > /dev/null 2>&1

tui_start a 80 16 --user bob
expect a "Workloads (20)" "the title counts every workload, not the first page"
expect a ">w01 " "the first row is selected"
expect a "1/5" "its counts"
# The column as the long name sizes it: the lens starts at column 24.
row=$(screen a | grep '^>w01 ')
[ "$(printf '%s' "$row" | cut -c24-28)" = Small ] && pass "the name column fits the longest name" ||
   fail "the name column fits the longest name" "$row"
keys a G
expect a ">w20-with-a-long-name" "the last row, beyond the first page, is there"
row=$(screen a | grep '^>w20')
case $row in
*"2/5"*erin*) pass "with its counts and last change" ;;
*) fail "with its counts and last change" "$row" ;;
esac
keys a g
expect a ">w01 " "back to the first"
keys a Enter
expect a "Questions 1/5 answered" "Enter opens it"
keys a q
expect a "Workloads (20)" "q comes back to the whole list"
keys a Q
[ "$(wait_exit a)" = 0 ] && pass "quits" || fail "quits" "$(screen a)"
finish
