#!/bin/sh
# The milestones screen: the list with its counts, adding one (a taken name
# is refused and kept), the trend chart (block characters, and the ASCII
# fallback outside UTF-8), per-pillar and per-phase trends, the difference
# between a milestone and now and between two milestones, a milestone opened
# read-only on its own dashboard (its report too), --read-only, and a list
# longer than the screen opening with the newest milestone and now in view.
. "$top_srcdir/tests/tui/tuilib.sh"

q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1; }
q --lens "$SMALL" workload add payments
q --user carol answer payments Q1 --select Q1_a
q --user carol answer payments Q3 --select Q3_vault
q --user carol milestone add payments sprint-1
q --user carol answer payments Q1 --select Q1_a,Q1_b
q --user carol answer payments Q2 --select Q2_a
q --user carol answer payments Q5 --select Q5_test
q --user carol answer payments Q4 --select Q4_no
q --user carol plan set payments Q1 Q1_c --owner bob

tui_start a 80 24 --user alice payments
expect a "Trend (milestones)  ▲ ▄█  ◆ ▃█  · █   last: 'sprint-1' 2026-11-28" \
   "the dashboard shows the trend"
keys a m
expect a "Milestones  1 milestone   Space marks one, d compares" "m opens the milestones"
expect a "   milestone   taken      by         ▲ HIGH  ◆ MEDIUM  · unanswered  to improve" \
   "the columns"
expect a ">  sprint-1    2026-11-28 carol         1       1         3             3" \
   "a milestone with its counts"
expect a "   (now)       2026-11-28               2       3         0             5" "and now"

# Adding: a name, a refusal for a taken one (what was typed stays).
keys a a
expect a "Milestone name:" "a asks for a name"
typed a "sprint-1"
keys a Enter
expect a "workload 'payments' already has a milestone named 'sprint-1'" "a taken name is refused"
expect a "Milestone name: sprint-1" "and kept"
keys a C-u
typed a "sprint-2"
keys a Enter
expect a "Milestone 'sprint-2' saved: HIGH 2, MEDIUM 3, unanswered 0" "the milestone is saved"
expect a ">  sprint-2    2026-11-28 alice         2       3         0             5" "and listed"
"$WALENS" --db "$DB" milestone list payments --format json | tr -d ' \n' > "$TMP/ms.json"
case $(cat "$TMP/ms.json") in
*'"name":"sprint-1"'*'"name":"sprint-2","created_at":"2026-11-28T10:00:00Z","created_by":"alice"'*)
   pass "the CLI lists it" ;;
*) fail "the CLI lists it" "$(cat "$TMP/ms.json")" ;;
esac

# The trend: three series, drawn with block characters.
expect a "Trend           ▲ HIGH              ◆ MEDIUM            · unanswered" "the chart's heads"
expect a "All questions   ███ 1→2             ███ 1→3             █   3→0" "the whole review"
expect a " Operations     █   1→0              ██ 0→2             █   1→0" "a pillar's trend"
expect a " Security        ██ 0→1             ███ 1→1             █   1→0" "every pillar"
expect a " Cost            ██ 0→1                 0→0             █   1→0" "even a small one"
keys a t
expect a "Trends by phase" "t switches to phases"
expect a " Build " "a phase's trend"
keys a t

# Differences: the selected milestone and now, then two milestones.
keys a k
expect a ">  sprint-1" "the cursor on the first milestone"
keys a d
expect a "Changes from 'sprint-1' (2026-11-28 10:00) to now (2026-11-28)" "d compares with now"
expect a "Risk changes (4): 1 better, 0 worse, 3 newly answered" "the risk changes"
expect a "Q1       ▲ HIGH → ◆ MEDIUM  How do you build?" "a question's risk"
expect a "+ Q1       Review changes" "a practice selected"
expect a "Plan items opened (3)" "plan items opened"
keys a End
expect a "Plan items changed (1)" "plan items changed (End scrolls)"
expect a "owner - → bob" "what changed"
expect a "HIGH         1 → 2" "the totals"
keys a q Space
expect a "Marked 'sprint-1'" "Space marks a milestone"
expect a ">• sprint-1" "the mark shows"
keys a j d
expect a "Changes from 'sprint-1' (2026-11-28 10:00) to 'sprint-2' (2026-11-28 10:00)" \
   "d compares the marked one with the selected one"
keys a q

# A milestone read-only on its own dashboard.
keys a k Enter
expect a "walens  payments  Small test lens 1.0   milestone sprint-1 (read-only)" \
   "Enter opens it, labelled read-only, with the lens and its version"
expect a "Build      ▲ 1/1 ▲1      ◆ 1/1 ◆1      · 0/1" "the matrix as it was"
expect a "Questions 2/5 answered   ▲ 1  ◆ 1  ✓ 0  – 0  · 3" "its counts"
expect a "milestone sprint-1 (read-only), 2026-11-28 by carol" "who took it and when"
keys a Enter
expect a "[x] H  Automate builds" "Enter lists a cell as it was"
expect a "[ ] H  Review changes" "the practices then"
keys a q Space a '?'
expect a "Keys: Milestone (read-only)" "Space and a do nothing there (help comes up)"
expect_not a "Save the review" "no key edits a milestone"
keys a q
keys a r
expect a "Write the report to (.txt .md .html .csv .json): payments-sprint-1.txt" \
   "r offers a name for the milestone's report"
keys a C-u
typed a "$TMP/sprint-1.json"
keys a Enter
expect a "Report written to $TMP/sprint-1.json (json)" "r writes the milestone's report"
if tr -d ' \n' < "$TMP/sprint-1.json" | grep -q '"milestone":{"name":"sprint-1"'; then
   pass "of the milestone"
else
   fail "of the milestone" "$(head -c 600 "$TMP/sprint-1.json")"
fi
keys a q
expect a "Milestones  2 milestones" "q leads back to the list"
keys a q
expect a "Questions 5/5 answered   ▲ 2  ◆ 3" "then to the dashboard, now"
keys a Q
wait_exit a > /dev/null

# Outside UTF-8 the chart falls back to ASCII.
TUI_ENV="LC_ALL=C"
tui_start b 80 24 --user alice payments
expect b "Trend (milestones)  H =##  M -##  . #    last: 'sprint-2'" "the dashboard's trend in ASCII"
keys b m
expect b "All questions   ### 1->2            ### 1->3            #   3->0" "the chart in ASCII"
keys b Q
wait_exit b > /dev/null
# At 60x20 in ASCII the question's footer keeps its prev/next hint.
tui_start b2 60 20 --user alice payments
expect b2 "Questions " "walens at 60x20 in ASCII"
keys b2 :
typed b2 "goto Q1"
keys b2 Enter
expect b2 "h/l prev/next" "the footer keeps prev/next, in its short ASCII form"
keys b2 Q
wait_exit b2 > /dev/null
TUI_ENV=

# Read-only: the milestones are shown, none can be added.
tui_start c 80 24 --read-only --user bob payments
keys c m
expect c "Milestones  2 milestones" "read-only shows the milestones"
keys c a
expect c "Read-only: nothing can be changed in this session" "adding is refused"
keys c Q
wait_exit c > /dev/null
"$WALENS" --db "$DB" milestone list payments > "$TMP/list"
[ "$(grep -c sprint "$TMP/list")" = 2 ] && pass "still two milestones" ||
   fail "still two milestones" "$(cat "$TMP/list")"

# More milestones than the list has lines: it opens on the newest, with
# the review now under it, both in view.
i=3
while [ $i -le 20 ]; do
   q --user carol milestone add payments "sprint-$i"
   i=$((i + 1))
done
tui_start d 80 24 --user alice payments
keys d m
expect d "Milestones  20 milestones" "twenty milestones"
expect d ">  sprint-20" "the cursor on the newest"
expect d "   (now)       2026-11-28" "the review now in view below it"
expect d "   sprint-19" "the list ends there, older ones above"
keys d Q
wait_exit d > /dev/null

# A name is saved in its normal form: blanks around it dropped.
tui_start e 80 24 --user alice payments
keys e m
keys e a
expect e "Milestone name:" "a asks for a name"
typed e "  spaced  "
keys e Enter
expect e "Milestone 'spaced' saved" "saved without the blanks"
keys e Q
wait_exit e > /dev/null

# A damaged snapshot (issue 19): the screen still lists every milestone and
# names the damaged one.
trig=$(sqlite3 "$DB" "SELECT sql FROM sqlite_master WHERE name = 'milestone_immutable'")
sqlite3 "$DB" "DROP TRIGGER milestone_immutable;
   UPDATE milestone SET snapshot = '{not json' WHERE name = 'sprint-5';
   $trig;" || fail "damage a milestone"
tui_start f 80 24 --user alice payments
expect f "Damaged milestone, not readable: milestone 'sprint-5'" "the dashboard names it"
keys f m
expect f "Milestones  21 milestones" "the milestones screen lists them all"
expect f "Damaged milestone, not readable: milestone 'sprint-5'" "and names the damaged one"
keys f Q
wait_exit f > /dev/null
finish
