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
q --user carol plan set ml MLOPS01 MLOPS01_BP01 --owner "Margarete Schön" --due 2020-11-01 \
   --status in_progress
q --user carol plan set ml MLSEC01 MLSEC01_BP01 --owner bob --priority 2 --status done

q --user carol plan set ml MLOPS01 MLOPS01_BP02 --status risk_accepted

# Passes when line N of session S (1 is the top bar) reads TEXT, trailing
# blanks aside, in time.
line_is() {
   _i=0
   while [ "$_i" -lt 50 ]; do
      [ "$(screen "$1" | sed -n "${2}p" | sed 's/ *$//')" = "$3" ] && { pass "$4"; return 0; }
      sleep 0.1
      _i=$((_i + 1))
   done
   fail "$4" "line $2 is: \"$(screen "$1" | sed -n "${2}p")\"
$(screen "$1")"
}

# The dashboard at 60x20: the plan's counts do not fit after the practices,
# so they take lines of their own under the selected cell, whole.
tui_start n 60 20 --user alice ml
expect n "Questions 7/35 answered" "the dashboard at 60x20"
line_is n 12 " Practices 0/105 in place" "the practices alone on their line"
line_is n 18 " plan: 17 open, 1 in progress, 1 done, 1 risk accepted" \
   "the plan's counts below, adding up to the 20 to improve"
line_is n 19 "   1 overdue !" "the overdue count on a second line, not cut"

# Alone on the roster: "1 session", not "1 sessions".
keys n W
expect n "Who is here: 1 on this workload, 1 session in all" "one session, singular"
keys n Escape
expect n "Questions 7/35 answered" "back on the dashboard"

# The parking lot at 60x20: the time goes so that the point reads; a name
# with accents is cut by its width, not its bytes ("Jürgen Mül" and the
# columns after it two to the left before).
q --user "Jürgen Müller-Lüdenscheid" park ml add "ethics sign-off" --question MLOPS02
keys n O
expect n "   # state    by           question point" "no 'when' column at 60"
expect n ">   1 open     Jürgen Müll… MLOPS02  ethics sign-off" \
   "the name cut by width, the point whole"
keys n Escape
expect n "Questions 7/35 answered" "back from the parking lot"

# The plan at 60x20: owner and due date leave the rows for the selected
# item's own line, so the practice reads; the title's counts take a
# second line rather than being cut; "risk accepted" is whole.
keys n p
expect n " Plan  20 to improve: 17 open  1 in progress  1 done" "the plan at 60x20"
line_is n 3 " 1 risk accepted  1 overdue !" "the rest of its counts on a second line"
line_is n 5 " risk wt pri practice                         status" "no owner or due column"
line_is n 6 ">▲    H    - Build ML skills, clear owners… ! in progress" \
   "the practice has room; the overdue mark stays"
line_is n 7 " ▲    H    - Agree with stakeholders on ho…   risk accepted" "a whole status"
expect n " owner: Margarete Schön   due: 2020-11-01 !" "the selected item's owner and due date"
expect n " changed by carol, " "and who changed it, under them"
keys n j
expect n " owner: -   due: -" "the next item's: nobody, none"
keys n k
tt resize-window -t n -x 80 -y 24
expect n "Margaret… 2020-11-01 ! in progress" "at 80x24 the owner and due columns are back"
expect n "Agree with stakehol… -         -            risk accepted" "the status whole there too"
expect_not n "owner: Margarete" "and no line of their own"
# At 200x50 the owner is whole: the practice keeps 60 columns and more.
tt resize-window -t n -x 200 -y 50
expect n "Margarete Schön 2020-11-01 ! in progress" "at 200x50 the owner reads whole"
keys n q q

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
# A new user at 60x20 with an empty database: the workload made in the
# TUI with the shipped profile.  The profile is named by its title, and the
# priority counts, cut after the risks on the summary's first line before,
# take a line of their own.
DB="$TMP/new.db"
tui_start w 60 20 --user alice
expect w "New workload name:" "an empty database asks for a workload at once"
typed w "fraud"
keys w Enter
expect w "Description (Enter for none):" "a description"
keys w Enter
expect w "Environment:" "an environment"
keys w Enter
expect w "Owner (empty: nobody):" "an owner"
keys w Enter
expect w "Profile for the review (1-9, Enter or Esc: none):" "a profile"
keys w 1
for i in 1 2 3 4 5; do
   expect w "Context $i/5" "context question $i"
   keys w 1
done
expect w "Profile Machine learning workload context: " "the profile by its title, not its key"
expect_not w "Profile machine-learning-context" "not by the key"
keys w j
expect w " ★ priority ▲ 0 ◆ 0" "the priority counts whole, on their own line"
line_is w 11 " Questions 0/35 answered   ▲ 0  ◆ 0  ✓ 0  – 0  · 35" "the first summary line ends with the risks"
# The question's header at 60 columns: pillar and phase both shortened,
# the phase not cut away ("Operational excellence …" before).
keys w k Enter
expect w "(1/35)" "the first question"
line_is w 2 " Operat. · Business goal  · unanswered   0/3         (1/35)" \
   "its pillar and phase both read, shortened"
# Milestones at 60 columns: the name reads whole; the counts' heads keep
# their glyphs, and "by" goes ("first …" under "milest…" before).
keys w Escape Escape m
expect w "No milestones yet" "the milestones"
keys w a
expect w "Milestone name:" "a name is asked"
typed w "first workshop"
keys w Enter
expect w "Milestone 'first workshop' saved" "saved"
keys w j
line_is w 3 "   milestone       taken         ▲     ◆     ·  to improve" "glyphs for heads"
expect w "   first workshop  20" "the whole name"
keys w q

# The report's prompt at 60 columns: its long label takes the line above,
# so the file name offered reads whole (9 columns of it showed before).
expect w "r report" "back on the dashboard"
keys w r
line_is w 19 " Write the report to (.txt .md .html .csv .json):" "the label on its own line"
line_is w 20 " fraud-report.txt" "the file name whole on the last"
keys w Escape
expect_gone w "Write the report to" "Esc: the label's line is the body's again"
expect w "r report" "the footer back"

# The portfolio at 60 columns: the legend of the three numbers in short
# words, the phases named by the one shortening rule, the selected cell's
# counts on a line of their own (all three were cut before).
keys w w M
expect w " Workloads per cell: HIGH / MEDIUM / not answered" "the legend whole"
expect w " ML problem framing  " "a phase's name whole where it fits"
expect w " Operational excellence · Business goal identification:" "the selected cell"
expect w " HIGH 0, MEDIUM 0, not answered 1" "and its counts under it"
keys w q q
finish
