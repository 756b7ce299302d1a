#!/bin/sh
# The improvement plan screen: the derived plan with its tracking, overdue
# items, editing status, owner, due date (an invalid one too), priority (an
# invalid one too) and note, a change made meanwhile by someone else, filter
# and sort (by priority too), the details, the
# jump to the question, resolved items, the history, the report key, and
# --read-only.  Every change is checked through the CLI as well.
. "$top_srcdir/tests/tui/tuilib.sh"

q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1; }
q --lens "$SMALL" workload add payments
q --user carol answer payments Q1 --select Q1_a
q --user carol answer payments Q3 --select Q3_vault
q --user carol answer payments Q5 --select Q5_test
q --user carol plan set payments Q1 Q1_c --owner bob --due 2026-11-01

# One plan item as one line of `walens plan W --format json`.
pjson() {
   "$WALENS" --db "$DB" plan "$1" --format json |
      awk '/^    [{]/ { buf = ""; on = 1 } on { s = $0; sub(/^ */, "", s); buf = buf s }
           /^    [}]/ { if (on) print buf; on = 0 }' | grep -F "\"choice\": \"$2\""
}
# Passes when line N of the screen (1 is the top bar) holds TEXT in time.
line_is() {
   _i=0
   while [ "$_i" -lt 50 ]; do
      case $(screen "$1" | sed -n "${2}p") in
      *"$3"*) pass "$4"; return 0 ;;
      esac
      sleep 0.1
      _i=$((_i + 1))
   done
   fail "$4" "line $2 is: $(screen "$1" | sed -n "${2}p")"
}
check_p() {
   _got=$(pjson "$2" "$3")
   case $_got in
   *"$4"*) pass "$1" ;;
   *) fail "$1" "expected $4 in: $_got" ;;
   esac
}

tui_start a 80 24 --user alice payments
expect a "plan: 4 open, 0 in progress, 0 done, 1 overdue !" "the dashboard counts the plan"
keys a p
expect a "Plan  4 to improve: 4 open  0 in progress  0 done  1 overdue !" "the plan screen"
expect a " risk wt pri where    practice             owner     due          status" "its columns"
expect a ">▲    H    - BUI/OPS  Review changes       -         -            open" "the first item"
expect a " ▲    M    - BUI/OPS  Keep notes           bob       2026-11-01 ! open" \
   "an overdue item is marked !"
expect a " ◆         - BUI/SEC  Rotate keys" "a MEDIUM item"
expect a "Improve: Require a second reader." "the selected item's improvement"

# Status, owner, due date, note: each stored at once.
keys a s
expect a "Status (1-5, Esc cancels):" "s asks for the status"
expect a "2  in progress" "with the choices"
keys a 2
expect a "Stored: Q1_b is in progress" "the status is stored"
expect a ">▲    H    - BUI/OPS  Review changes       -         -            in progress" \
   "and shown"
check_p "the CLI sees the status" payments Q1_b '"status": "in_progress"'
keys a o
expect a "Owner (empty: nobody):" "o asks for the owner"
typed a "carol"
keys a Enter
expect a "Stored: owner of Q1_b is carol" "the owner is stored"
check_p "the CLI sees the owner" payments Q1_b '"owner": "carol"'
keys a D
typed a "2026-02-30"
keys a Enter
expect a "Not a date: give a real day as YYYY-MM-DD." "an invalid date is refused"
expect a "Due date YYYY-MM-DD (empty: none): 2026-02-30" "and what was typed stays"
check_p "nothing is stored" payments Q1_b '"due": null'
keys a C-u
typed a "2026-12-15"
keys a Enter
expect a "Stored: Q1_b is due 2026-12-15" "a valid date is stored"
expect a "Review changes       carol     2026-12-15   in progress" "and shown"
check_p "the CLI sees the due date" payments Q1_b '"due": "2026-12-15","overdue": false'
keys a e
typed a "needs a second pair of eyes"
keys a Enter
expect a "Stored: the note of Q1_b" "the note is stored"
expect a "Note: needs a second pair of eyes" "and shown"
check_p "the CLI sees the note" payments Q1_b '"note": "needs a second pair of eyes"'

# Priority: a whole number, 1 first; what is not one is refused and kept.
keys a P
expect a "Priority, 1 first (empty or 0: none):" "P asks for the priority"
typed a "first"
keys a Enter
expect a "Not a priority: give a whole number from 1 (first) to 1000000, or 0 for none." \
   "a word is refused"
expect a "Priority, 1 first (empty or 0: none): first" "and what was typed stays"
check_p "no priority is stored" payments Q1_b '"priority": 0,'
keys a Escape
expect_gone a "Priority, 1 first" "Esc closes the prompt"
keys a :
typed a "plan-priority 1000001"
keys a Enter
expect a "Priority, 1 first (empty or 0: none): 1000001" \
   "too large a number is refused, from a command as well, and kept"
check_p "still no priority" payments Q1_b '"priority": 0,'
keys a C-u
typed a "2"
keys a Enter
expect a "Stored: priority of Q1_b is 2" "a priority is stored"
expect a ">▲    H    2 BUI/OPS  Review changes       carol" "and shown in its column"
check_p "the CLI sees the priority" payments Q1_b \
   '"priority": 2,"note": "needs a second pair of eyes"'
keys a j :
typed a "plan-priority 1"
keys a Enter
expect a "Stored: priority of Q1_c is 1" ":plan-priority sets it too"
expect a ">▲    M    1 BUI/OPS  Keep notes" "on the item under the cursor"
check_p "the CLI sees that one" payments Q1_c '"priority": 1,'
keys a P
expect a "Priority, 1 first (empty or 0: none): 1" "the prompt starts from the priority"
keys a C-u Enter
expect a "Stored: Q1_c has no priority" "an empty priority clears it"
check_p "the CLI sees it cleared" payments Q1_c '"priority": 0,'
keys a P
typed a "1"
keys a Enter
expect a "Stored: priority of Q1_c is 1" "and it is set again"
keys a k
expect a ">▲    H    2 BUI/OPS  Review changes" "back on the first item"

# Someone else changes the item while the owner prompt is open: refused,
# shown, and what was typed is kept; Enter again stores it knowingly.
keys a o
expect a "Owner (empty: nobody): carol" "the owner prompt offers the owner"
typed a "dave"
expect a "Owner (empty: nobody): dave" "typing replaces the offer"
"$WALENS" --db "$DB" --user erin plan set payments Q1 Q1_b --owner erin > /dev/null
expect a "Review changes       erin" "their change shows while the prompt is open"
keys a Enter
expect a "Not stored: erin changed it meanwhile (shown). Enter stores yours:" \
   "a stale write is refused"
expect a "Owner (empty: nobody): dave" "and what was typed is kept"
check_p "their owner stays" payments Q1_b '"owner": "erin"'
keys a Enter
expect a "Stored: owner of Q1_b is dave" "Enter again stores it"
check_p "over theirs, knowingly" payments Q1_b '"owner": "dave"'

# Filter and sort.
keys a f
expect a "Filter (open done high medium overdue owner:NAME phase:ID pillar:ID):" "f asks"
typed a "overdue"
keys a Enter
expect a "filter: overdue   sort: risk   1 shown" "filter: overdue"
expect_not a "Review changes" "other items are filtered out"
keys a f C-u
typed a "medium,nonsense"
keys a Enter
expect a "Unknown filter word 'nonsense'" "an unknown word is refused"
keys a C-u
typed a "in progress"
keys a Enter
expect a "filter: in progress   sort: risk   1 shown" "a status of two words is one term"
keys a f C-u
typed a "high owner:dave"
keys a Enter
expect a "filter: high,owner:dave   sort: risk   1 shown" "risk and owner"
expect a ">▲    H    2 BUI/OPS  Review changes" "dave's item"
keys a f C-u
typed a "pillar:sec"
keys a Enter
expect a "filter: pillar:sec   sort: risk   2 shown" "a pillar"
keys a f C-u Enter
expect a "filter: none   sort: risk   4 shown" "an empty filter shows all"
keys a Home
expect a ">▲    H    2 BUI/OPS  Review changes" "Home goes to the first item"
keys a S
expect a "Sorted by due" "S sorts by due date"
line_is a 5 " ▲    M    1 BUI/OPS  Keep notes           bob       2026-11-01 ! open" \
   "the earliest due date first"
line_is a 6 ">▲    H    2 BUI/OPS  Review changes" "the cursor stays on its item"
keys a S S S S
expect a "Sorted by priority" "S sorts by priority after place"
line_is a 3 "sort: priority" "the sort is shown"
line_is a 5 " ▲    M    1 BUI/OPS  Keep notes" "priority 1 first"
line_is a 6 ">▲    H    2 BUI/OPS  Review changes" "then 2"
line_is a 7 " ▲         - RUN/SEC  Patch automatically" "then the items without one, by risk"
keys a S
expect a "Sorted by quick wins" "S sorts by quick wins after priority"
keys a S
expect a "Sorted by risk" "and cycles back to risk"
line_is a 5 ">▲    H    2 BUI/OPS  Review changes" "in the plan's order again"

# Details, then the question.
keys a v
expect a ">2 [ ] H  Review changes" "v opens the item's question on its practice"
keys a Space
expect a "◆ MEDIUM       2/3" "selecting the practice"
keys a H
expect a "History of Q1: 13 changes" "H lists the question's changes, plan items too"
expect a "alice: plan Q1_c: priority cleared" "priorities among them"
expect a "alice: selected Q1_b" "who changed what"
expect a "carol: selected Q1_a" "oldest last"
keys a q
expect a "◆ MEDIUM       2/3" "q leaves the history for the question"
keys a q
expect a "Plan  3 to improve:" "q goes straight back to the plan"
expect a "4 shown, 1 of them no longer in the plan" "the rows shown add up with the items to improve"
expect a ">✓    H    2 BUI/OPS  Review changes       dave      2026-12-15   resolved" \
   "the item is resolved by the answer"
keys a z
expect a "Items no longer in the plan are hidden" "z hides resolved items"
expect_not a "Review changes" "they are gone"
keys a z
expect a "Review changes       dave      2026-12-15   resolved" "z shows them again"
# Every status counts, so the counts add up to the items to improve.
keys a Home j j
keys a s 4
expect a "Plan  3 to improve: 2 open  0 in progress  0 done  1 risk accepted" \
   "a risk accepted item is in the counts"
keys a s 1
expect a "Plan  3 to improve: 3 open  0 in progress  0 done  1 overdue" "open again"
keys a End Enter
expect a "Question Q1: How do you build?" "Enter shows the item's details"
expect a "Risk MEDIUM, practice weight high: resolved by the answer" "its state"
expect a "Status in progress   priority 2   owner dave   due 2026-12-15" "its tracking"
expect a "Improvement plan" "its improvement plan"
expect a "Require a second reader." "in the lens's words"
keys a q H
expect a "plan Q1_b: owner erin -> dave" "the history shows plan changes"
keys a q

# The report key: the plan alone, format from the extension.
keys a r
expect a "Write the report to (.txt .md .html .csv .json): payments-plan.txt" "r offers a name"
keys a C-u
typed a "$TMP/plan.csv"
keys a Enter
expect a "Report written to $TMP/plan.csv (csv)" "the report is written"
if grep -q "Q1_c" "$TMP/plan.csv" && head -n 1 "$TMP/plan.csv" | grep -q "^key,phase,pillar,question,practice,"; then
   pass "the file is a CSV plan"
else
   fail "the file is a CSV plan" "$(head -n 3 "$TMP/plan.csv" 2> /dev/null)"
fi
keys a r C-u
typed a "$TMP/plan.csv"
keys a Enter
expect a "plan.csv exists: y replaces it, n keeps it" "an existing file is not replaced silently"
keys a n
expect a "Nothing written" "n keeps it"
keys a r C-u
typed a "$TMP/nodir/plan.md"
keys a Enter
expect a "Report not written:" "a failure says why"
keys a r C-u
typed a "$TMP/plan.csv"
keys a Enter
expect a "plan.csv exists: y replaces it, n keeps it" "asked again"
keys a y
expect a "Report written to $TMP/plan.csv (csv)" "y replaces it"
# A link planted where the report goes (issue 19): never written through.
printf 'secret\n' > "$TMP/victim"
ln -s "$TMP/victim" "$TMP/l.md"
keys a r C-u
typed a "$TMP/l.md"
keys a Enter
expect a "l.md exists: y replaces it, n keeps it" "a link to a file is asked about"
keys a y
expect a "Report not written:" "and refused"
if [ "$(cat "$TMP/victim")" = secret ] && [ -L "$TMP/l.md" ]; then
   pass "the file behind the link is untouched"
else
   fail "the file behind the link is untouched" "$(ls -l "$TMP/l.md"; cat "$TMP/victim")"
fi
# Tab completes the report's file name, and ':' a command's name.
mkdir "$TMP/tabdir"
: > "$TMP/tabdir/plan-one.md"
: > "$TMP/tabdir/plan-two.md"
keys a r C-u
typed a "$TMP/tabdir/pl"
keys a Tab
expect a "tabdir/plan-" "Tab completes what the files share"
expect a "plan-one.md  plan-two.md" "and lists them"
typed a "t"
keys a Tab
expect a "tabdir/plan-two.md" "Tab completes the one file"
keys a Escape
keys a :
typed a "plan-so"
keys a Tab
expect a ":plan-sort" "Tab completes a command name"
keys a C-u
typed a "zzz"
keys a Tab
expect a "No command starts so" "and says when nothing matches"
keys a Escape
keys a Q
wait_exit a > /dev/null

# Read-only: shown, never changed.
tui_start b 80 24 --read-only --user bob payments
expect b "walens  read-only   payments" "read-only"
keys b p
expect b "Plan  3 to improve:" "the plan is shown"
expect_not b "s status  o owner" "no editing keys in the footer"
expect b "Enter open  v question  r report  f filter  ? help  q back" "the others are"
keys b s
expect b "Read-only: nothing can be changed in this session" "status is refused"
keys b D
expect b "Read-only: nothing can be changed in this session" "due date is refused"
keys b Q
wait_exit b > /dev/null
check_p "nothing changed" payments Q1_c '"status": "open","owner": "bob","due": "2026-11-01"'

# A practice chosen on the question screen leaves the plan, and the
# dashboard's counts follow when it comes back (the plan is reloaded only
# for the screens that show it, not on every toggle).
tui_start c 80 24 --user carol payments
expect c "plan: " "the dashboard again"
open=$(screen c | sed -n 's/.*plan: \([0-9]*\) open.*/\1/p' | head -n 1)
keys c Enter Enter 3
expect c "3 [x] M  Keep notes" "Q1_c chosen on the question screen"
# The question screen lists its newest changes, answers and plan items.
expect c "Changes  (H all)" "the question screen lists its changes"
expect c "carol: selected Q1_c" "the newest first, as it happens"
expect c "plan Q1_b: " "plan changes of its items too"
keys c Escape Escape
expect c "plan: $((open - 1)) open" "the dashboard's plan counts follow"
keys c Enter Enter 3
expect c "3 [ ] M  Keep notes" "and unchosen"
keys c Escape Escape
expect c "plan: $open open" "the item is back in the counts"
keys c Q
wait_exit c > /dev/null
check_p "with its tracking" payments Q1_c '"status": "open","owner": "bob","due": "2026-11-01"'
finish
