#!/bin/sh
# What a real terminal (tmux) is left with: the hostile lens and notes of
# tests/term/hostile.yaml on every screen leave the pane title and the
# clipboard alone (tmux accepts OSC 52 here: set-clipboard on); a resize
# storm (100 sizes in about a second) ends on the very screen it started
# from; a 20x5 terminal says it is too small, keeps the notes editor
# working, and quits.  The byte stream itself: bytes.sh.
. "$top_srcdir/tests/tui/tuilib.sh"

LENS="$top_srcdir/tests/term/hostile.yaml"
# tmux takes what programs write to the clipboard, so a leak would show.
tt set-option -g set-clipboard on
tt set-option -g allow-rename on

"$WALENS" --db "$DB" --lens "$LENS" workload add hostile \
   --description "$(printf 'desc \033]2;pwned-desc\007 \302\233 6n')" > /dev/null 2>&1
"$WALENS" --db "$DB" answer hostile H1 --none \
   --notes "$(printf 'note \033]52;c;cHduZWQ=\007 \033]0;pwned-notes\007 \302\2330;pwned-c1\302\234 end')" \
   > /dev/null 2>&1
"$WALENS" --db "$DB" milestone add hostile first > /dev/null 2>&1
"$WALENS" --db "$DB" --lens "$SMALL" workload add pay > /dev/null 2>&1

# Session names with a digit: tmux reads "-t b" as the window "bash" of the
# newest session when it can.
tui_start t1 80 24 --user alice
expect t1 "Workloads (2)" "the list"
title=$(tt display-message -p -t t1 '#{pane_title}')
keys t1 Enter
expect t1 "walens  hostile  Hostile" "the hostile dashboard"
keys t1 Enter Enter i
expect t1 "A link" "the question with the practice's details"
expect t1 "note �]52;c;cHduZWQ=� �]0;pwned-notes� �0;pwned-c1� end" "the notes, escapes replaced"
keys t1 H
expect t1 "History" "its history"
keys t1 Escape e
expect t1 "Notes for H1" "the notes editor"
keys t1 Escape
keys t1 Escape Escape p
expect t1 "1 to improve:" "the plan"
keys t1 Escape m
expect t1 "Milestones" "the milestones"
keys t1 Enter
expect t1 "first" "a milestone's dashboard"
keys t1 Escape Escape
# The milestone's top bar starts as the live one does: wait for what only
# the live dashboard shows.
expect t1 "plan: 1 open" "back on the dashboard"
now=$(tt display-message -p -t t1 '#{pane_title}')
if [ -n "$now" ] && [ "$now" = "$title" ]; then pass "the pane title is unchanged ($title)"; else
   fail "the pane title is unchanged" "was \"$title\", now \"$now\""
fi
# list-buffers prints nothing for a dead server too: ask a live one.
if tt has-session -t =t1 && [ -z "$(tt list-buffers)" ]; then pass "nothing reached the clipboard (no tmux buffer)"; else
   fail "nothing reached the clipboard (no tmux buffer)" "$(tt list-buffers)"
fi
expect t1 " Questions 1/1 answered" "the screen was not moved or cleared by the content"

# A resize storm, then the size it started at: the same screen, to the byte.
before=$(screen t1)
i=0
start=$(date +%s)
while [ $i -lt 100 ]; do
   tt resize-window -t t1 -x $((20 + (i * 37) % 160)) -y $((5 + (i * 13) % 50))
   i=$((i + 1))
done
storm=$(( $(date +%s) - start ))
tt resize-window -t t1 -x 80 -y 24
i=0
while [ $i -lt 50 ] && [ "$(screen t1)" != "$before" ]; do
   sleep 0.1
   i=$((i + 1))
done
if [ "$(screen t1)" = "$before" ]; then
   pass "100 resizes in ${storm}s, then the same screen at 80x24"
else
   fail "100 resizes in ${storm}s, then the same screen at 80x24" "before:
$before
after:
$(screen t1)"
fi
keys t1 j
expect t1 "Ops" "and keys still work"
keys t1 Q
[ "$(wait_exit t1)" = 0 ] && pass "quits" || fail "quits" "$(screen t1)"

# 20x5.
tui_start t2 20 5 --user bob pay
expect t2 "walens needs 60x16" "20x5: says the terminal is too small"
keys t2 j Enter l e
expect t2 "walens needs 60x16" "20x5: keys do nothing there"
tt resize-window -t t2 -x 80 -y 24
expect t2 "Questions 0/5 answered" "80x24: the dashboard"
keys t2 Enter Enter e
expect t2 "Notes for Q1" "the notes editor"
tt resize-window -t t2 -x 20 -y 5
typed t2 "small "
expect t2 "Notes for Q1: How" "20x5: the editor goes on"
typed t2 "screen"
tt resize-window -t t2 -x 80 -y 24
expect t2 "small screen" "80x24: all that was typed at 20x5"
keys t2 C-s
expect t2 "Notes stored" "and stored"
check_q "the notes typed at 20x5 are in the database" pay Q1 '"notes": "small screen"'
tt resize-window -t t2 -x 20 -y 5
expect t2 "walens needs 60x16" "20x5 again"
keys t2 q
[ "$(wait_exit t2)" = 0 ] && pass "20x5: q quits" || fail "20x5: q quits" "$(screen t2)"
finish
