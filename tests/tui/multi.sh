#!/bin/sh
# Two walens processes on one database: presence (gone as soon as one
# leaves), an answer given in one shows in the other without a key press,
# notes changed on the same line open the merge view, nothing is lost.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" --user carol workload add payments > /dev/null 2>&1
tui_start a 80 24 --user alice payments
tui_start b 80 24 --user bob payments
expect a "Questions 0/5 answered" "alice's dashboard"
expect b "Questions 0/5 answered" "bob's dashboard"
expect a "bob | 2 here" "alice sees that bob is here, and that they are two" 8
expect b "alice | 2 here" "bob sees that alice is here" 8

keys a Enter Enter
expect a "1 [ ] H  Automate builds" "alice opens Q1"
keys a Space
expect a "▲ HIGH" "alice's answer"
expect b "Questions 1/5 answered   ▲ 1" "bob's dashboard shows it without a key press" 3
expect b "alice@Q1 | 2 here" "and where alice is" 8

keys b Enter Enter
expect b "1 [x] H  Automate builds" "bob opens Q1 and sees alice's choice"
keys a 2
expect b "2 [x] H  Review changes" "bob's question follows alice's next change" 3
expect b "◆ MEDIUM" "with the new risk" 3

keys a e
expect a "Notes for Q1: How do you build?" "alice opens the notes editor"
typed a "alice was here"
keys b e
expect b "Notes for Q1: How do you build?" "bob opens it too"
typed b "bob was here"
keys b C-s
expect b "Notes stored" "bob stores first"
keys a C-s
expect a "bob changed the same lines while you edited" "alice's save on the same line opens the merge view"
expect a "bob was here" "it shows bob's text"
expect a "alice was here" "and hers"
check_q "bob's notes are not overwritten" payments Q1 '"notes": "bob was here"'
keys a Escape
expect a "an unsaved draft is waiting" "Esc leaves the merge view, alice's text kept as a draft"
keys a e
expect a "alice was here" "the draft comes back in the editor"
expect a "Your unsaved draft is back" "and says so"
keys a C-s
expect a "bob changed the same lines while you edited" "the resumed draft merges from its own base, so bob's text is shown again"
check_q "still bob's notes" payments Q1 '"notes": "bob was here"'
keys a Y
expect a "Your notes are stored" "stored once alice chose hers, having seen bob's"
check_q "alice's notes, on purpose" payments Q1 '"notes": "alice was here"'
expect b "alice was here" "bob sees alice's notes without a key press" 3

"$WALENS" --db "$DB" --user dave answer payments Q1 --select Q1_c > /dev/null 2>&1
expect a "3 [x] M  Keep notes" "a change from the command line shows too" 3
expect a "✓ OK" "with its risk" 3

# Leaving takes one's presence along at once, not when it ages out (10 s):
# a quit, a SIGTERM, a hang-up.
expect b "alice@Q1 | 2 here" "bob sees alice on Q1"
keys a Q
[ "$(wait_exit a)" = 0 ] && pass "alice quits" || fail "alice quits" "$(screen a)"
expect_gone b "alice@Q1" "alice's presence goes when she quits" 3
expect b " 1 here" "bob is alone: the header still counts him" 3
# Someone on another workload: where, with the question, when it fits.
"$WALENS" --db "$DB" --lens "$SMALL" --user carol workload add ledger > /dev/null 2>&1
tui_start c 80 24 --user carol ledger
expect b "carol (ledger) | 1 here" "carol on another workload, not counted on this one" 8
keys c Enter Enter
expect c "1 [ ] H  Automate builds" "carol opens ledger's Q1"
expect b "carol@Q1 (ledger) | 1 here" "bob sees her workload and question" 8
kill -TERM "$(cat "$TMP/pid-c")"
[ "$(wait_exit c)" = 143 ] && pass "carol's walens ends on SIGTERM" || fail "carol's walens ends on SIGTERM" "$(screen c)"
expect_gone b "carol@Q1" "and her presence goes with it" 3
tui_start d 80 24 --user dave payments
expect b "dave | 2 here" "dave comes" 8
tt kill-session -t d
expect_gone b "dave |" "a hang-up takes dave's presence along" 3
keys b q q q q
[ "$(wait_exit b)" = 0 ] && pass "bob quits" || fail "bob quits" "$(screen b)"
finish
