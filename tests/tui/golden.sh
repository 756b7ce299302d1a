#!/bin/sh
# Golden 80x24 screens, kept as tig keeps its own: one review, built by the
# same commands every run (fixed clock, fixed users), shown in tmux, each
# screen read back with `tmux capture-pane -p` and compared with
# tests/tui/golden/NAME.screen: the dashboard, a question, the plan, the
# milestones.  A difference fails with a unified diff.
#
#   UPDATE=1 make check TESTS=tests/tui/golden.sh   rewrites the golden files
#
# (read the diff before committing them).  README.md shows two of them;
# build-aux/readme-screens.sh copies them there (`make update-readme`), and
# the last check here fails while README.md's copies differ.
. "$top_srcdir/tests/tui/tuilib.sh"

GOLDEN="$top_srcdir/tests/tui/golden"

# The review of README.md: the built-in Machine Learning Lens, seven
# questions answered by alice, bob and carol, a milestone before the last
# four answers, two plan items tracked.  Times are fixed and long past, so
# "changed by" shows a date, whatever the real clock says.
at() {
   _now=$1 _user=$2
   shift 2
   WALENS_NOW=$_now "$WALENS" --db "$DB" --user "$_user" "$@" > "$TMP/cli.out" 2>&1 ||
      fail "fixture: walens $*" "$(cat "$TMP/cli.out")"
}
at 2025-11-03T09:00:00Z alice workload add fraud-model --description "Card fraud scoring" \
   --owner alice
at 2025-11-03T09:10:00Z alice answer fraud-model MLOPS01 \
   --select MLOPS01_BP01,MLOPS01_BP02,MLOPS01_BP03
at 2025-11-03T09:20:00Z alice answer fraud-model MLOPS02 --none
at 2025-11-03T09:30:00Z carol answer fraud-model MLREL01 --not-applicable OUT_OF_SCOPE \
   --notes "No reliability target while the model only scores offline."
at 2025-11-03T17:00:00Z alice milestone add fraud-model kickoff
at 2025-11-10T09:00:00Z bob answer fraud-model MLSEC03 --none
at 2025-11-10T09:10:00Z carol answer fraud-model MLCOST03 --select MLCOST03_BP01,MLCOST03_BP02
at 2025-11-10T09:20:00Z alice answer fraud-model MLPERF04 --none
at 2025-11-10T09:30:00Z bob answer fraud-model MLSUS05 --select MLSUS05_BP01
at 2025-11-10T10:00:00Z bob plan set fraud-model MLSEC03 MLSEC03_BP01 --status in_progress \
   --owner bob --due 2025-12-01
at 2025-11-10T10:05:00Z alice plan set fraud-model MLOPS02 MLOPS02_BP01 --status done
at 2025-11-10T17:00:00Z alice milestone add fraud-model review-1

# The screens, read by alice on 2025-11-11 (plan dates are judged by it).
TUI_ENV="WALENS_NOW=2025-11-11T09:00:00Z"
tui_start a 80 24 --user alice fraud-model

# settled SESSION FILE: the screen, once two reads 0.2 s apart agree.
settled() {
   _i=0
   screen "$1" > "$2"
   while [ "$_i" -lt 25 ]; do
      sleep 0.2
      screen "$1" > "$2.again"
      cmp -s "$2" "$2.again" && return 0
      mv "$2.again" "$2"
      _i=$((_i + 1))
   done
}

# check_screen NAME: compares the screen with golden/NAME.screen.
check_screen() {
   settled a "$TMP/$1.screen"
   if [ "${UPDATE:-}" = 1 ]; then
      cp "$TMP/$1.screen" "$GOLDEN/$1.screen"
      pass "$1: golden file rewritten"
   elif [ ! -f "$GOLDEN/$1.screen" ]; then
      fail "$1 matches tests/tui/golden/$1.screen" "no golden file (UPDATE=1 writes it)"
   elif diff -u "$GOLDEN/$1.screen" "$TMP/$1.screen" > "$TMP/$1.diff"; then
      pass "$1 matches tests/tui/golden/$1.screen"
   else
      fail "$1 matches tests/tui/golden/$1.screen" "$(cat "$TMP/$1.diff")
(UPDATE=1 rewrites the golden file)"
   fi
}

expect a "walens  fraud-model" "the dashboard"
# To Security x Data processing: two phases down, one pillar right.
keys a j j l
expect a "Security · Data processing" "the cursor on Security x Data processing"
check_screen dashboard
# A cell of one question opens it at once; its list stays below it.
keys a Enter
expect a "None of these" "Enter opens the cell's one question"
check_screen question
keys a q q
expect a "Questions 7/35 answered" "back on the dashboard"
keys a p
expect a "to improve" "the plan"
check_screen plan
keys a q m
expect a "review-1" "the milestones"
check_screen milestones
keys a q
keys a Q
wait_exit a > /dev/null

# README.md shows the dashboard and the question as they are here.
if sh "$top_srcdir/build-aux/readme-screens.sh" --check "$top_srcdir/README.md" \
   "$GOLDEN" > "$TMP/readme.diff" 2>&1; then
   pass "README.md's screens are the golden ones"
else
   fail "README.md's screens are the golden ones" "$(cat "$TMP/readme.diff")
(make update-readme copies them)"
fi
finish
