#!/bin/sh
# The notes editor: typing (wide and combining characters, invalid bytes),
# cursor keys, wrapping, a large paste, $EDITOR, a hang-up that keeps
# what was typed as a draft, and notes with tabs, CRLF and bidi characters
# that go back as they were.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" workload add payments > /dev/null 2>&1
tui_start a 80 24 --user alice payments
expect a "Questions 0/5 answered" "the dashboard"
keys a Enter Enter e
expect a "Notes for Q1: How do you build?" "e opens the notes editor"
typed a "first line"
expect_cursor a 11 3 "the editor shows the cursor after what is typed"
keys a Enter
typed a "日本語 and é"
keys a Home
typed a ">"
keys a End
typed a "<"
expect a ">日本語 and é<" "Home and End on a line with wide characters"
keys a Up BSpace
expect a "first lin" "Up, then Backspace"
keys a Down End Left DC
expect a ">日本語 and é" "Delete removes the character under the cursor"
expect_gone a "é<" "the last character is gone"
typed a "ok"
tt send-keys -t a -H ff
typed a "go"
tt send-keys -t a -H e2 82
typed a "!"
expect a ">日本語 and éokgo!" "invalid input bytes are dropped, the keys after them are not"
expect a "line 2 of 2  (not stored yet)" "the editor says nothing is stored yet"
keys a C-s
expect a "Notes stored" "^S stores"
check_q "the notes are in the database" payments Q1 '"notes": "first lin\n>日本語 and éokgo!"'

keys a e
expect a "line 2 of 2" "the editor opens on the stored notes"
keys a C-Home
long="This line is long enough that it has to wrap at the edge of an eighty column screen and go on."
typed a " $long"
expect a "eighty column screen and" "a long line wraps"
expect a "line 3 of 3" "over several lines"
expect a "first lin" "C-Home (unknown here) is swallowed, not read as Esc"
keys a Escape
expect a "Store the notes? y store, n throw away" "Esc asks before throwing text away"
keys a n
expect a "Notes not stored" "n throws it away"
check_q "nothing changed" payments Q1 '"notes": "first lin\n>日本語 and éokgo!"'

# A paste of 40 lines arrives whole.
i=1
: > "$TMP/paste.txt"
while [ $i -le 40 ]; do
   printf 'paste line %02d: the quick brown fox jumps over the lazy dog and keeps running\n' $i >> "$TMP/paste.txt"
   i=$((i + 1))
done
printf 'the end' >> "$TMP/paste.txt"
keys a l e
expect a "Notes for Q3: How do you protect secrets?" "the next question's notes"
tt load-buffer -b p "$TMP/paste.txt"
tt paste-buffer -b p -t a
expect a "line 41 of 41" "the whole paste arrived"
keys a C-s
expect a "Notes stored" "and is stored"
got=$(qjson payments Q3)
case $got in
*'"notes": "paste line 01: the quick'*'paste line 40: the quick brown fox jumps over the lazy dog and keeps running\nthe end"'*)
   pass "the stored paste is complete" ;;
*) fail "the stored paste is complete" "$got" ;;
esac

# $VISUAL: E runs it on the notes and stores the result.
keys a q q q q
wait_exit a > /dev/null
TUI_ENV="VISUAL=$top_srcdir/tests/fixtures/tui/fake-editor.sh"
tui_start b 80 24 --user alice payments
expect b "Questions 0/5 answered" "walens again"
keys b Enter Enter E
expect b "Notes stored" "E runs \$VISUAL and stores what it wrote"
check_q "the editor's text is stored" payments Q1 '"notes": "first lin\n>日本語 and éokgo!\nedited by the script"'
keys b e C-o
expect b "Back from the editor; ^S stores the notes" "^O in the editor runs \$VISUAL too"
keys b C-s
expect b "Notes stored" "and ^S stores it"
check_q "twice edited" payments Q1 'edited by the script\nedited by the script"'
keys b q q q q
wait_exit b > /dev/null

# A dropped connection: what was typed becomes a draft, walens leaves.
TUI_ENV=
tui_start c 80 24 --user alice payments
expect c "Questions 0/5 answered" "walens a third time"
keys c j Enter Enter e
expect c "Notes for Q2: How do you run?" "the editor on Q2"
typed c "typed before the hangup"
expect c "typed before the hangup" "text typed"
pid=$(cat "$TMP/pid-c")
tt kill-session -t c
i=0
while [ $i -lt 20 ] && kill -0 "$pid" 2> /dev/null && [ "$(ps -o stat= -p "$pid" | cut -c1)" != Z ]; do
   sleep 0.1
   i=$((i + 1))
done
if [ $i -lt 20 ]; then pass "walens leaves within two seconds of a hang-up"; else
   fail "walens leaves within two seconds of a hang-up" "$(ps -o pid,stat,time,args -p "$pid")"
fi
if grep -rqF "typed before the hangup" "$XDG_DATA_HOME/walens/drafts" 2> /dev/null; then
   pass "the text is saved as a draft"
else
   fail "the text is saved as a draft" "$(ls -la "$XDG_DATA_HOME/walens/drafts" 2>&1)"
fi
check_q "nothing was stored" payments Q2 '"notes": null'

tui_start d 80 24 --user alice payments
expect d "Questions 0/5 answered" "walens after the hang-up"
keys d j Enter Enter
expect d "an unsaved draft is waiting (e resumes it, D discards it)" "the draft is offered"
keys d e
expect d "typed before the hangup" "e resumes it"
keys d C-s
expect d "Notes stored" "and ^S stores it"
check_q "the draft is stored" payments Q2 '"notes": "typed before the hangup"'
if ls "$XDG_DATA_HOME/walens/drafts/"*.txt > /dev/null 2>&1; then
   fail "the draft is gone once stored" "$(ls "$XDG_DATA_HOME/walens/drafts/")"
else
   pass "the draft is gone once stored"
fi
keys d q q q q
[ "$(wait_exit d)" = 0 ] && pass "quits" || fail "quits" "$(screen d)"

# The same with SIGHUP ignored (nohup): the reads fail, walens notices.
TUI_PRE="trap '' HUP;"
tui_start e 80 24 --user alice payments
expect e "Questions 0/5 answered" "walens with hang-ups ignored"
keys e j l Enter Enter e
expect e "Notes for Q5: How do you patch?" "the editor on Q5"
typed e "typed while nohup"
expect e "typed while nohup" "text typed"
pid=$(cat "$TMP/pid-e")
tt kill-session -t e
i=0
while [ $i -lt 20 ] && kill -0 "$pid" 2> /dev/null && [ "$(ps -o stat= -p "$pid" | cut -c1)" != Z ]; do
   sleep 0.1
   i=$((i + 1))
done
if [ $i -lt 20 ]; then pass "failing reads end walens within two seconds"; else
   fail "failing reads end walens within two seconds" "$(ps -o pid,stat,time,args -p "$pid")"
fi
if grep -rqF "typed while nohup" "$XDG_DATA_HOME/walens/drafts" 2> /dev/null; then
   pass "and the text is saved as a draft"
else
   fail "and the text is saved as a draft" "$(ls -la "$XDG_DATA_HOME/walens/drafts" 2>&1)"
fi

# Notes with a tab, a CRLF and a bidi override (set by the CLI): the editor
# shows them cleaned, and stores them as they were plus what was typed.
TUI_PRE=
raw=$(printf 'col1\tcol2\r\nline2 \342\200\256rtl')
"$WALENS" --db "$DB" --user bob answer payments Q4 --notes "$raw" > /dev/null
tui_start f 80 24 --user alice payments
expect f "Questions 0/5 answered" "walens for the raw notes"
keys f :
typed f "goto Q4"
keys f Enter e
expect f "Notes for Q4: How do you budget?" "the editor on Q4"
expect f "col1 col2" "a tab shows as a blank"
expect f "line2 �rtl" "a bidi override shows as the replacement"
expect f "line 2 of 2" "a CRLF ends one line"
typed f "X"
keys f C-s
expect f "Notes stored" "^S stores the raw notes"
check_q "what was not typed is stored as it was" payments Q4 '"notes": "col1\tcol2\r\nline2 ‮rtlX"'
keys f e
typed f "Y"
expect f "rtlXY" "typed before a hang-up"
pid=$(cat "$TMP/pid-f")
tt kill-session -t f
i=0
while [ $i -lt 20 ] && kill -0 "$pid" 2> /dev/null && [ "$(ps -o stat= -p "$pid" | cut -c1)" != Z ]; do
   sleep 0.1
   i=$((i + 1))
done
printf '%srtlXY' "${raw%rtl}" > "$TMP/want"
draft=$(grep -lF "rtlXY" "$XDG_DATA_HOME/walens/drafts/"*.txt 2> /dev/null | head -n 1)
if [ -n "$draft" ] && tail -c "$(wc -c < "$TMP/want")" "$draft" | cmp -s - "$TMP/want"; then
   pass "the draft keeps the raw text"
else
   fail "the draft keeps the raw text" "$(od -c "${draft:-/dev/null}" | tail -n 5)"
fi
# Under LANG=C the terminal still sends UTF-8: what is typed is taken as
# UTF-8 and stored as typed (shown as '?', the locale has no other way),
# never dropped ("Müller" once became "Mller").
"$WALENS" --db "$DB" --lens "$SMALL" workload add clocale > /dev/null 2>&1
TUI_ENV="LC_ALL=C LANG=C"
tui_start g 80 24 --user alice clocale
expect g "Questions 0/5 answered" "walens in the C locale"
keys g :
typed g "goto Q1"
keys g Enter e
expect g "Notes for Q1:" "the editor in the C locale"
typed g "Müller"
expect g "M?ller" "a non-ASCII character typed shows (as ?)"
keys g C-s
expect g "Notes stored" "^S stores them"
check_q "and is stored as typed, not dropped" clocale Q1 '"notes": "Müller"'
keys g Q
wait_exit g > /dev/null
TUI_ENV=

# A loop too busy to read the signal flag: another process holds the
# database's write lock, so walens's ^S waits in SQLite's busy handler (the
# 5 s busy timeout) when SIGTERM comes.  The 2 s grace alarm ends it as
# SIGTERM would, and what was typed is still saved as a draft, by the alarm
# itself.
tui_start h 80 24 --user alice payments
expect h "Questions" "walens before the lock"
keys h G Enter Enter e
expect h "Notes for Q1" "the editor on Q1"
typed h "typed as the alarm rang"
expect h "typed as the alarm rang" "text typed"
rm -f "$TMP/locked"
(
   printf 'BEGIN IMMEDIATE;\n.shell touch %s\n.shell sleep 12\nCOMMIT;\n' "$TMP/locked" |
      sqlite3 "$DB"
) > /dev/null 2>&1 &
locker=$!
i=0
while [ $i -lt 50 ] && [ ! -e "$TMP/locked" ]; do
   sleep 0.1
   i=$((i + 1))
done
[ -e "$TMP/locked" ] && pass "another process holds the write lock" || fail "another process holds the write lock"
keys h C-s
sleep 0.5
kill -TERM "$(cat "$TMP/pid-h")"
sleep 1
[ ! -s "$TMP/exit-h" ] && pass "busy in SQLite, it does not act on SIGTERM" ||
   fail "busy in SQLite, it does not act on SIGTERM" "exit $(cat "$TMP/exit-h")"
st=$(wait_exit h 5)
[ "$st" = 143 ] && pass "the grace alarm ends it as SIGTERM would" || fail "the grace alarm ends it as SIGTERM would" "exit $st"
if grep -rqF "typed as the alarm rang" "$XDG_DATA_HOME/walens/drafts" 2> /dev/null; then
   pass "the alarm saved the draft"
else
   fail "the alarm saved the draft" "$(ls -la "$XDG_DATA_HOME/walens/drafts" 2>&1)"
fi
wait "$locker"
tui_start i 80 24 --user alice payments
expect i "Questions" "walens after the alarm"
keys i G Enter Enter
expect i "an unsaved draft is waiting (e resumes it, D discards it)" "the alarm's draft is offered"
keys i e
expect i "typed as the alarm rang" "and resumes as any draft"
keys i Escape
keys i q q q q
wait_exit i > /dev/null

# E on a waiting draft: the text from $VISUAL is an edit of the draft's
# base, not of the notes stored since.  alice's draft started from carol's
# line; bob rewrote that line meanwhile: E must show bob's text (the merge
# view), never store over it unseen.
"$WALENS" --db "$DB" --lens "$SMALL" workload add extdraft > /dev/null 2>&1
"$WALENS" --db "$DB" --user carol answer extdraft Q1 --notes "carol's line" > /dev/null 2>&1
tui_start j 80 24 --user alice extdraft
expect j "Questions" "walens on extdraft"
keys j Enter Enter e
expect j "carol's line" "alice edits carol's notes"
typed j " (alice)"
expect j "carol's line (alice)" "on carol's line"
tt kill-session -t j
i=0
while [ $i -lt 50 ] && ! grep -rqF "carol's line (alice)" "$XDG_DATA_HOME/walens/drafts" 2> /dev/null; do
   sleep 0.1
   i=$((i + 1))
done
[ $i -lt 50 ] && pass "the hang-up keeps her text as a draft" || fail "the hang-up keeps her text as a draft"
"$WALENS" --db "$DB" --user bob answer extdraft Q1 --notes "bob's line" > /dev/null 2>&1 ||
   fail "set-up: bob rewrites the line"
TUI_ENV="VISUAL=$top_srcdir/tests/fixtures/tui/fake-editor.sh"
tui_start k 80 24 --user alice extdraft
expect k "Questions" "walens on extdraft again"
keys k Enter Enter
expect k "an unsaved draft is waiting" "the draft is offered"
keys k E
expect k "bob changed the same lines while you edited" "E merges from the draft's base: bob's text is shown first"
check_q "bob's notes are not overwritten by E" extdraft Q1 '"notes": "bob'"'"'s line"'
keys k Y
expect k "Your notes are stored" "stored once alice chose hers, having seen bob's"
check_q "alice's text, with the editor's line" extdraft Q1 '"notes": "carol'"'"'s line (alice)\nedited by the script"'
keys k q q q q
wait_exit k > /dev/null
TUI_ENV=

finish
