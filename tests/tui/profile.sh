#!/bin/sh
# A workload created in the TUI with the shipped profile: the profile is
# offered, its context questions asked one key each, the answers stored;
# priority questions marked by a glyph (ASCII too), counted apart on the
# dashboard, filtered by "priority"; :profile changes the answers later.
. "$top_srcdir/tests/tui/tuilib.sh"

tui_start a 100 30 --user alice
expect a "New workload name:" "an empty database offers to create a workload"
typed a "chatbot"
keys a Enter
expect a "Description (Enter for none):" "asks for a description"
keys a Enter
expect a "Environment: p production" "asks for the environment"
keys a p
expect a "Owner (empty: nobody): alice" "asks for the owner"
keys a Enter
expect a "Profile for the review (1-9, Enter or Esc: none):" "a profile for the lens is offered"
expect a "1  Machine learning workload context  (machine-learning-context, built-in)" \
   "the shipped profile, by title and key"
keys a 1
expect a "Context 1/5" "its first context question"
expect a "Does the model make or shape decisions about people?" "the question's title"
expect a "1 ( ) Yes, it decides on its own" "its choices, by key"
keys a 1
expect a "Context 2/5" "the next question"
expect a "Is the workload built on a foundation model?" "generative AI"
keys a 1
expect a "Context 3/5" "real-time or batch"
keys a Enter
expect a "Context 4/5" "Enter leaves a question unanswered"
expect a "Does the workload use regulated or personal data?" "regulated data"
keys a 1
expect a "Context 5/5" "training scale"
keys a Enter
expect a "Profile Machine learning workload context: 15 priority questions" "the answers are stored"
expect a "★ priority ▲ 0 ◆ 0" "the dashboard counts the priority questions' risks apart"
expect a "★ How do you prepare your" "a cell of one priority question marks it under the matrix"

"$WALENS" --db "$DB" status chatbot --format json > "$TMP/s.json"
got=$(python3 -c 'import json, sys
s = json.load(sys.stdin)
print(s["profile"], s["priority_counts"]["unanswered"],
      sum(1 for q in s["questions"] if q["profile_priority"]))' < "$TMP/s.json")
[ "$got" = "machine-learning-context 15 15" ] \
   && pass "the profile and its marks are stored with the workload" \
   || fail "the profile and its marks are stored with the workload" "$got"

# Answer a priority question HIGH: the dashboard's priority count follows.
"$WALENS" --db "$DB" --user bob answer chatbot MLOPS01 --select MLOPS01_BP01 > /dev/null
keys a :
typed a "filter priority"
keys a Enter
expect a "Filter: priority (15 questions)" "the priority filter"
expect a "★ priority ▲ 1 ◆ 0" "another reviewer's HIGH answer is counted"
keys a L
expect a "All questions   filter: priority (15 shown)" "the list of all questions, filtered"
expect a "★ How do you prepare your organization" "a priority question is marked by a glyph"
expect_not a "How do you automate building, testing" "a question no choice made a priority is filtered out"
keys a Enter
expect a "★ priority for this workload" "the question screen says so"
keys a q q

# :profile asks again, the current answers marked; Esc changes nothing.
keys a :
typed a "profile"
keys a Enter
expect a "Context 1/5" ":profile asks the context questions again"
expect a "1 (x) Yes, it decides on its own" "the current answer is marked"
keys a Escape
expect a "Context answers not changed" "Esc stores nothing"
keys a :
typed a "profile"
keys a Enter
expect a "Context 1/5" "asked once more"
keys a 3
keys a Enter Enter Enter Enter
expect a "Profile Machine learning workload context: 12 priority questions" "the new answers are stored"
"$WALENS" --db "$DB" export chatbot > "$TMP/b.json"
got=$(python3 -c 'import json, sys
print(json.load(sys.stdin)["profile"]["context"])' < "$TMP/b.json")
[ "$got" = "{'data': 'data_regulated', 'genai': 'genai_finetune', 'people': 'people_none'}" ] \
   && pass "the changed answer replaced the old one, the others kept" \
   || fail "the changed answer replaced the old one, the others kept" "$got"
keys a Q
wait_exit a > /dev/null

# ASCII: the glyph has a fallback (MLOPS01 is no priority any more).
env LC_ALL=C tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s c -x 100 -y 30 \
   "env TERM=screen-256color LC_ALL=C $(quote "$WALENS") --db $(quote "$DB") chatbot"
expect c "P priority H 0 M 0" "ASCII: the priority glyph falls back to P"
keys c Q

finish
