#!/bin/sh
# An empty database: create a workload, walk the matrix, answer a question
# (risk follows), not applicable, next question, help, search, filter, quit.
. "$top_srcdir/tests/tui/tuilib.sh"

tui_start a 80 24 --lens "$SMALL" --user alice
expect a "No workloads yet" "an empty database says so"
expect a "New workload name:" "and offers to create one"
typed a "payments"
keys a Enter
expect a "Description (Enter for none):" "asks for a description"
typed a "Fraud model"
keys a Enter
expect a "Environment: p production" "asks for the environment"
keys a p
expect a "Owner (empty: nobody): alice" "offers the user as the owner"
typed a "carol"
expect a "Owner (empty: nobody): carol" "what is typed replaces the offer"
keys a Enter
expect a "walens  payments  Small test lens 1.0" "the dashboard names workload, lens and version"
expect a "Build      · 0/1         · 0/1         · 0/1         · 0/3" \
   "a row of the matrix: worst risk, answered/total, HIGH and MEDIUM counts"
expect a "Run        · 0/1         · 0/1                       · 0/2" \
   "a cell without questions is blank"
expect a "All phases · 0/2         · 0/2         · 0/1         · 0/5" "column totals"
expect a "Questions 0/5 answered   ▲ 0  ◆ 0  ✓ 0  – 0  · 5" "the summary line"
# Each field as typed: the description with its space, the owner typed
# over the offer (not appended to it).
"$WALENS" --db "$DB" workload list --format json > "$TMP/wl.json"
got=$(python3 -c 'import json, sys
for w in json.load(sys.stdin):
    print("|".join(str(w[k]) for k in ("name", "description", "environment", "owner")))' \
   < "$TMP/wl.json")
[ "$got" = "payments|Fraud model|production|carol" ] \
   && pass "the workload is stored with the description, environment and owner typed" \
   || fail "the workload is stored with the description, environment and owner typed" "$got"

keys a l
expect a "Security · Build — How do you protect secrets?" "walking right"
keys a j
expect a "Security · Run — How do you patch?" "walking down"
keys a h k
expect a "Operations · Build — How do you build?" "walking back with h and k"
keys a Enter
expect a "1 [ ] H  Automate builds" "a cell of one question opens the question at once"
keys a Enter
expect a "1 [ ] H  Automate builds" "a second Enter does nothing more"
expect a "4 [ ]    None of these" "and None of these"
expect a "not answered yet" "an unanswered question says so"

keys a Space
expect a "▲ HIGH         1/3" "one of two high practices: HIGH"
check_q "stored at once" payments Q1 '"selected": ["Q1_a"]'
keys a 2
expect a "◆ MEDIUM       2/3" "both high practices: MEDIUM"
keys a 3
expect a "✓ OK           3/3" "every practice: no risk"
check_q "the risk is stored" payments Q1 '"risk": "NONE"'
check_q "with its practices" payments Q1 '"selected": ["Q1_a","Q1_b","Q1_c"]'
expect a "changed by alice" "who changed it"
keys a 4
expect a "4 [x]    None of these" "None of these is selected"
expect a "1 [ ] H  Automate builds" "and clears the others"
check_q "None of these is stored alone" payments Q1 '"selected": ["Q1_no"]'

keys a a
expect_not a "Architecture constraints" "a is not not-applicable on a question (one key map)"
keys a X
expect a "3  Architecture constraints" "not applicable asks for a reason"
keys a 3
expect a "Not applicable: Architecture constraints" "the reason shows"
# The text beside the reason is optional (tests/tui/nanote.sh): Esc skips it.
expect a "Reason text (optional" "a short text is offered"
keys a Escape
check_q "not applicable is stored" payments Q1 '"risk": "NOT_APPLICABLE"'
keys a X
expect a "▲ HIGH" "applicable again"
check_q "and stored" payments Q1 '"risk": "HIGH"'

keys a l
expect a "How do you protect secrets?" "next question in review order"
expect a "(2/5)" "its place in the review order"
keys a x
expect a "1 [-]    Use a vault" "a practice marked not applicable"
keys a h
expect a "(1/5)" "previous question"
keys a i
expect a "Improvement plan: Write a pipeline." "details of a practice"
expect a "Link: About automation https://example.org/q1a" "with its link"
# The wrapped texts are kept between frames: each move must still show its own.
keys a j
expect a "Improvement plan: Require a second reader." "the next practice's details"
expect_not a "Write a pipeline." "not the previous practice's"
keys a l
expect a "How do you protect secrets?" "the next question's title"
expect a "Improvement plan: Move secrets into a vault." "and its first practice's details"
keys a h k
expect a "Improvement plan: Write a pipeline." "back to the first practice of Q1"

keys a '?'
expect a "Keys: Question" "help for the question screen"
expect a "Select or clear: the practice" "from the action table"
keys a q
expect a "Operations · Build" "help closes"
keys a Escape
expect a "Operations · Build   1 question" "Esc goes back to the cell"
keys a q
expect a "Questions 1/5 answered   ▲ 1" "the dashboard counts the answer"
expect a ">Build      ▲ 1/1 ▲1      · 0/1" "a cell of one question counts it too"
# The dashboard's help starts with the way through a review, then what
# Enter does here (issue 18: it came last and spoke of every screen).
keys a '?'
expect a "Keys: Dashboard" "help for the dashboard"
expect a "The way through a review: pick a cell with the arrow keys," "the main flow first"
expect a "Enter            Open the selected cell: the list of its questions, or the" \
   "Enter, first of the keys, in the dashboard's words"
keys a q
expect a "Questions 1/5 answered" "help closes"

expect_cursor a - - "no cursor shows on the dashboard"
keys a /
typed a "patch"
keys a Left Left
expect_cursor a 5 23 "the search prompt shows the cursor where it edits"
keys a Enter
expect a "How do you patch?" "search finds a title"
expect a "/patch: match 1 of 1" "and counts the matches"
expect_cursor a - - "the cursor is hidden again"
keys a /
typed a "rotate"
keys a Enter
expect a ">2 [ ]    Rotate keys" "search finds a practice and puts the cursor on it"
keys a /
typed a "stay secret"
keys a Enter
expect a "How do you protect secrets?" "search finds a description"
keys a /
typed a "nothing like this"
keys a Enter
expect a "Not found: nothing like this" "a search without a match says so"
keys a /
typed a "how do"
keys a Enter
expect a "match 3 of 5" "a new search starts after the question on screen"
keys a n n
expect a "match 5 of 5" "n goes to the next match"
keys a n
expect a "match 1 of 5" "and wraps around"
keys a N
expect a "match 5 of 5" "N goes back"

keys a Escape Escape
expect a "Questions 1/5 answered" "back on the dashboard"
keys a f
expect a "Filter: unanswered (4 questions)" "the filter cycles to unanswered"
keys a L
expect a "All questions   filter: unanswered (4 shown)" "the list of all questions, filtered"
expect_not a "How do you build?" "the answered question is filtered out"
keys a :
typed a "filter high"
keys a Enter
expect a "Filter: HIGH (1 question)" "a filter by command"
expect a "How do you build?" "shows the HIGH question"
keys a :
typed a "nonsense"
keys a Enter
expect a "No such command: nonsense" "an unknown command says so"
keys a q q
expect a "Workloads (1)" "back to the workloads"
expect a "Small test lens 1.0" "the workload's lens"
expect a "1/5" "its answered share"
expect a "alice" "who changed it last"

# Rename, archive, show archived, restore.  r is the report key on the
# dashboard: on the workloads it does nothing, rename is R and asks first.
keys a r
sleep 0.3
expect_not a "Rename to:" "r does not rename (it is the report key)"
keys a R
expect a "Rename to: payments" "rename offers the current name"
typed a "payments-v2"
expect a "Rename to: payments-v2" "typing replaces it"
keys a Enter
expect a "Rename payments to payments-v2? y/n" "rename asks before it acts"
keys a n
expect a "Not renamed" "n keeps the name"
keys a R
typed a "payments-v2"
keys a Enter y
expect a "Renamed to payments-v2" "renamed"
"$WALENS" --db "$DB" workload list > "$TMP/list.txt" 2>&1
grep -q "payments-v2" "$TMP/list.txt" && pass "the new name is stored" || fail "the new name is stored" "$(cat "$TMP/list.txt")"
keys a A
expect a "Archive payments-v2? y/n" "archive asks first"
keys a y
expect a "Workloads (0)" "an archived workload leaves the list"
keys a z
expect a "payments-v2 (archived)" "z shows archived workloads"
keys a A
expect a "Restore payments-v2? y/n" "an archived one can be restored"
keys a y
keys a z
expect a "Workloads (1)" "restored"
"$WALENS" --db "$DB" workload list > "$TMP/list.txt" 2>&1
grep -q "payments-v2" "$TMP/list.txt" && pass "restored in the database" || fail "restored in the database" "$(cat "$TMP/list.txt")"
keys a q
status=$(wait_exit a)
[ "$status" = 0 ] && pass "q quits with status 0" || fail "q quits with status 0" "status $status"

# A lens without phases: one row; a second workload, opened by name.
"$WALENS" --db "$DB" --lens "$top_srcdir/tests/fixtures/tui/nophases.json" workload add flat > /dev/null 2>&1
tui_start b 80 24 --user alice flat
expect b "walens  flat  Flat lens" "the WORKLOAD argument opens its dashboard"
expect b ">All questions · 0/1         · 0/2         · 0/3" "a lens without phases has one row"
expect_not b "All phases" "and no totals row"
keys b l Enter
expect b "Security   2 questions" "the cell of a lens without phases"
keys b Enter Space
expect b "✓ OK" "answered"
check_q "stored" flat sec_q1 '"selected": ["sec_q1_a"]'
keys b q q q
expect b "Workloads (2)" "two workloads now"

# The owner offered when creating: Enter takes it, Backspace then Enter
# gives none, a move keeps it to edit.
newWorkload() { # NAME OWNER-KEYS...
   _wname=$1
   shift
   keys b a
   expect b "New workload name:" "a asks for a name ($_wname)"
   typed b "$_wname"
   keys b Enter Enter Enter
   expect b "Owner (empty: nobody): alice" "the owner is offered ($_wname)"
   keys b "$@"
   expect b "walens  $_wname  " "created ($_wname)"
   # The built-in lens has a profile: it is offered (tests/tui/profile.sh);
   # Esc gives the workload none.
   expect b "Profile for the review (1-9, Enter or Esc: none):" "a profile is offered ($_wname)"
   keys b Escape
   expect_gone b "Profile for the review" "none taken ($_wname)"
   keys b q
   expect b "Workloads (" "back to the list ($_wname)"
}
newWorkload w-enter Enter
newWorkload w-none BSpace Enter
newWorkload w-edit End 2 Enter
"$WALENS" --db "$DB" workload list --format json | tr -d ' \n' > "$TMP/wl.json"
for want in '"name":"w-edit","description":null,"environment":null,"owner":"alice2"' \
   '"name":"w-enter","description":null,"environment":null,"owner":"alice"' \
   '"name":"w-none","description":null,"environment":null,"owner":null'; do
   case $(cat "$TMP/wl.json") in
   *"$want"*) pass "stored: $want" ;;
   *) fail "stored: $want" "$(cat "$TMP/wl.json")" ;;
   esac
done
keys b q
[ "$(wait_exit b)" = 0 ] && pass "quits" || fail "quits" "$(screen b)"

# Without --lens and with more than one lens at hand, creating a workload
# offers the lenses (before, only `workload add --lens` could choose).
mkdir -p "$XDG_DATA_HOME/walens/lenses"
cp "$SMALL" "$XDG_DATA_HOME/walens/lenses/small.yaml"
tui_start c 80 24 --user alice
expect c "Workloads (" "walens without --lens"
keys c a
typed c "picked"
keys c Enter
expect c "Lens (1-9, Enter: the first, Esc cancels):" "the lenses are offered"
expect c "Small test lens 1.0  (small, " "the user's lens among them"
expect c "Machine Learning Lens" "and the built-in one"
n=$(screen c | sed -n 's/^ *\([1-9]\)  Small test lens 1.0 .*/\1/p' | head -n 1)
keys c "${n:-9}"
expect c "Description (Enter for none):" "a lens chosen, the description next"
keys c Enter Enter Enter
expect c "walens  picked  Small test lens 1.0" "the workload has the lens chosen"
keys c Q
wait_exit c > /dev/null

finish
