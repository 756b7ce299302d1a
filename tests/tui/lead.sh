#!/bin/sh
# The facilitated workshop in the terminal (issue 13): three sessions on one
# database, alice leading (--lead), bob and carol following.  The leader
# opens a question and scrolls its text: the followers' screens show it; a
# follower who moves on their own stops following; following writes
# nothing; a second leader is refused; the agenda's clock counts in the
# header and its next item moves the followers; bad agenda files name
# FILE:LINE:COL; the dashboard marks what the agenda covered; hand-over and
# a leader who quits free or pass the lead.
. "$top_srcdir/tests/tui/tuilib.sh"

# A copy under $TMP: its errors name the file, and a VPATH build's long
# source path (the sanitizer stage) would wrap them on the 100-column screen.
cp -R "$top_srcdir/tests/workshop/agenda" "$TMP/agenda" || exit 99
chmod -R u+w "$TMP/agenda" # distcheck's source is read-only; $TMP is removed at the end
AGENDAS="$TMP/agenda"
# The small lens, with a question whose text is long enough to scroll.
LENS="$TMP/long.yaml"
long="Secrets stay secret."
i=1
while [ "$i" -le 60 ]; do
   long="$long Line $i of the secrets text."
   i=$((i + 1))
done
sed "s/description: Secrets stay secret\./description: $long/" "$SMALL" > "$LENS"
"$WALENS" --db "$DB" --lens "$LENS" --user carol workload add payments > /dev/null 2>&1 ||
   fail "set-up: the workload"

# Everything but presence (every session's heartbeat) and the lead row (the
# leader's moves): what a follower must never change.
dump() {
   sqlite3 "$DB" .dump | grep -v -e '^INSERT INTO presence' -e '^INSERT INTO session_lead' |
      grep '^INSERT'
}

# The sessions run on the real clock, so that the agenda's clock runs.
TUI_ENV="WALENS_NOW="
tui_start alice 100 30 --user alice --lead payments
tui_start bob 100 30 --user bob payments
tui_start carol 100 30 --user carol payments
expect alice "alice leads" "--lead: alice leads, her header says so"
expect bob "alice leads" "bob's header shows who leads" 8
expect carol "alice leads" "carol's header too" 8

keys carol :
typed carol lead
keys carol Enter
expect carol "alice leads this session already" "a second leader without hand-over is refused"
lead=$(sqlite3 "$DB" "SELECT user_name FROM session_lead")
[ "$lead" = alice ] && pass "and the lead stays alice's" || fail "and the lead stays alice's" "$lead"

keys bob J
expect bob "following alice" "J: bob follows alice"
keys carol :
typed carol follow
keys carol Enter
expect carol "following alice" ":follow: carol follows alice"
dump > "$TMP/before.sql"

keys alice :
typed alice "goto Q3"
keys alice Enter
expect alice "How do you protect secrets?" "alice opens Q3"
expect bob "How do you protect secrets?" "bob's screen goes to Q3"
expect carol "How do you protect secrets?" "carol's screen goes to Q3"
keys alice ]
expect alice "Line 2" "alice scrolls the question's text"
scroll=$(sqlite3 "$DB" "SELECT scroll FROM session_lead")
[ "${scroll:-0}" -gt 0 ] && pass "the leader's scroll is published" || fail "the leader's scroll is published" "$scroll"
line=$(screen alice | grep -o 'Line [0-9]* of' | head -n 1)
expect bob "$line" "bob's text scrolls with hers"
expect carol "$line" "carol's too"

keys carol Right
expect carol "How do you budget?" "carol moves on her own"
expect_gone carol "following alice" "and no longer follows (the header drops it)"
keys alice Left
expect alice "How do you build?" "alice goes to the question before"
expect bob "How do you build?" "bob still follows her"
sleep 1
expect_not carol "How do you build?" "carol stays where she went"
dump > "$TMP/after.sql"
if cmp -s "$TMP/before.sql" "$TMP/after.sql"; then
   pass "following wrote nothing"
else
   fail "following wrote nothing" "$(diff "$TMP/before.sql" "$TMP/after.sql" | head -n 20)"
fi
who=$(sqlite3 "$DB" "SELECT user_name || ' ' || screen || ' ' || question FROM session_lead")
[ "$who" = "alice question Q1" ] && pass "the lead row is the leader's place alone" ||
   fail "the lead row is the leader's place alone" "$who"

# Following reaches the question list (the same cell, the cursor on the
# same question) and the dashboard's selected cell; it still writes nothing.
dump > "$TMP/before2.sql"
keys alice q q
expect alice "All phases" "alice goes back to the dashboard"
keys alice Right Right Right
keys alice Enter
expect alice "Build, all pillars" "alice opens the Build row's question list"
keys alice Down
expect bob "Build, all pillars" "bob's screen goes to the same list"
sel=$(screen alice | grep '^>' | head -n 1)
case $sel in
*"How do you build?"*) fail "alice's cursor moves down the list" "$(screen alice)" ;;
*) pass "alice's cursor moves down the list" ;;
esac
expect bob "$sel" "bob's cursor is on the same question"
keys alice q
expect alice "All phases" "alice goes back to the dashboard"
keys alice Left Left Down
expect alice "Security · Run — How do you patch?" "alice selects the Run/Security cell"
expect bob "Security · Run — How do you patch?" "bob's dashboard selects the same cell"
dump > "$TMP/after2.sql"
if cmp -s "$TMP/before2.sql" "$TMP/after2.sql"; then
   pass "following the list and the dashboard wrote nothing"
else
   fail "following the list and the dashboard wrote nothing" \
      "$(diff "$TMP/before2.sql" "$TMP/after2.sql" | head -n 20)"
fi

# The agenda built in the TUI: the leader adds where they are.
agenda_rows() { sqlite3 "$DB" "SELECT kind || ' ' || target || ' ' || minutes FROM agenda_item ORDER BY position" | tr '\n' ';'; }
keys alice :
typed alice "agenda add 5"
keys alice Enter
expect alice "Agenda item 1: Run · Security (5 min)" ":agenda add on a cell adds the cell"
keys alice Right Right
keys alice :
typed alice "agenda add 10"
keys alice Enter
expect alice "Agenda item 2: Run (10 min)" "on a phase's All column: the phase"
keys alice Down
keys alice :
typed alice "agenda add 5"
keys alice Enter
expect alice "Choose a cell, phase or pillar" "on All/All: refused, it names what to choose"
keys alice Left
keys alice :
typed alice "agenda add 15"
keys alice Enter
expect alice "Agenda item 3: " "on a pillar's All row: the pillar"
keys alice :
typed alice "agenda add 0"
keys alice Enter
expect alice "Usage: :agenda add MINUTES (1 to 1440)" "minutes out of range are refused"
keys alice :
typed alice "agenda add"
keys alice Enter
expect alice "Usage: :agenda add MINUTES (1 to 1440)" "and so is no number"
keys alice :
typed alice "goto Q2"
keys alice Enter
expect alice "How do you run?" "alice opens Q2"
keys alice :
typed alice "agenda add 3"
keys alice Enter
expect alice "Agenda item 4: Q2 (3 min)" "on a question: that question"
rows=$(agenda_rows)
[ "$rows" = "cell run/sec 5;phase run 10;pillar cost 15;questions Q2 3;" ] &&
   pass "the agenda is stored as walens session agenda stores it" ||
   fail "the agenda is stored as walens session agenda stores it" "$rows"
"$WALENS" --db "$DB" session show payments > "$TMP/show-agenda.txt"
grep -q "Q2" "$TMP/show-agenda.txt" && pass "walens session show lists it" ||
   fail "walens session show lists it" "$(cat "$TMP/show-agenda.txt")"
keys carol :
typed carol "agenda add 5"
keys carol Enter
expect carol "alice leads the session: only the leader can set the agenda" \
   "only the leader adds to the agenda"
keys alice :
typed alice "agenda clear"
keys alice Enter
expect alice "The agenda is empty" ":agenda clear empties it"
n=$(sqlite3 "$DB" "SELECT count(*) FROM agenda_item")
[ "$n" = 0 ] && pass "no item is left" || fail "no item is left" "$n items"

# The agenda: a bad file names its errors, a good one is set, > starts it.
keys alice :
typed alice "agenda $AGENDAS/bad-keys.yaml"
keys alice Enter
expect alice "bad-keys.yaml:2:12: error: no phase 'deploy' in the lens" "a bad agenda: FILE:LINE:COL"
expect alice "bad-keys.yaml:14:5: error: unknown key 'colour'" "every error is listed"
n=$(sqlite3 "$DB" "SELECT count(*) FROM agenda_item")
[ "$n" = 0 ] && pass "and nothing is written" || fail "and nothing is written" "$n items"
keys alice q
keys alice :
typed alice "agenda $AGENDAS/good.yaml"
keys alice Enter
expect alice "Agenda: 4 items, 65 minutes" ":agenda sets the agenda"
keys alice ">"
expect alice "Build · " "> starts the first item: its name in the header"
expect bob "following alice · Build · " "bob's header shows the item too"
expect alice "(1 of 4)" "and its place"
clock=$(screen bob | grep -o '[0-9]*:[0-9]* left' | head -n 1)
[ -n "$clock" ] && pass "the header shows the clock ($clock)" || fail "the header shows the clock" "$(screen bob)"
expect_gone bob "$clock" "the clock counts" 8
expect bob " left (1 of 4)" "down"
keys alice ">" ">"
expect alice "(3 of 4)" "> twice: the third item"
expect alice "How do you run?" "the leader goes to the item's first question"
expect bob "How do you run?" "and so does bob"
expect_not carol "How do you run?" "carol, who stopped following, does not"
# An item counts as covered once its clock has run a second (spent_s > 0).
sleep 2
keys alice "<"
expect alice "(2 of 4)" "< goes back an item"
keys bob ">"
expect bob "alice leads the session: only the leader can move through the agenda" \
   "a follower cannot move the agenda"

keys alice q q
expect alice "covered by the agenda so far: 3 of 4 items" "the dashboard says what the agenda covered"
# Items 1 to 3 run: the phase build, the pillar ops, the cell run/ops: every
# cell but Run/Security (Cost has no Run question).
row=$(screen alice | grep '^ *Run ')
case $row in
*"0/1⊙"*"0/1 "*) pass "the cells it covered carry the mark, the others not" ;;
*) fail "the cells it covered carry the mark, the others not" "$(screen alice)" ;;
esac

# Hand-over: carol leads (her session claims the lead), bob follows the new
# leader; alice takes it back; a leader who quits frees it.
keys alice :
typed alice "handover carol"
keys alice Enter
expect alice "carol leads" "alice hands the lead to carol"
expect carol "carol leads" "carol's header says she leads" 8
expect bob "following carol" "bob follows the new leader" 8
i=0
while [ "$i" -lt 50 ] && [ "$(sqlite3 "$DB" "SELECT pid FROM session_lead")" != "$(cat "$TMP/pid-carol")" ]; do
   sleep 0.1
   i=$((i + 1))
done
[ "$(sqlite3 "$DB" "SELECT pid FROM session_lead")" = "$(cat "$TMP/pid-carol")" ] &&
   pass "carol's session claims the handed lead" ||
   fail "carol's session claims the handed lead" "$(sqlite3 "$DB" "SELECT * FROM session_lead")"
keys alice :
typed alice "lead take"
keys alice Enter
expect carol "★ alice leads" ":lead take: alice takes the lead back" 8
expect bob "following alice" "bob follows her again" 8
keys alice Q
expect alice "see the recap before you leave" "a leader who quits is offered the recap"
keys alice n
wait_exit alice > /dev/null
expect_gone carol "★ alice leads" "a leader who quits frees the lead" 8
expect_gone bob "following alice" "and bob no longer follows anyone" 8
"$WALENS" --db "$DB" session show payments > "$TMP/show.txt"
grep -q "Nobody leads" "$TMP/show.txt" && pass "walens session show: nobody leads" ||
   fail "walens session show: nobody leads" "$(cat "$TMP/show.txt")"
finish
