#!/bin/sh
# A lens whose text holds escape sequences, controls and bidi overrides:
# they show as a harmless replacement character and never reach the terminal.
. "$top_srcdir/tests/tui/tuilib.sh"

LENS="$top_srcdir/tests/fixtures/lenses/escapes.yaml"
"$WALENS" --db "$DB" --lens "$LENS" workload add hostile > /dev/null 2>&1
tui_start a 80 24 --user alice hostile
expect a "Escapes �[31mRED�[0m lens 1" "ESC in the lens name shows as a replacement"
expect a "Ops�desrever" "a bidi override shows as a replacement"
expect a "Phase �]0;pwned� one" "an OSC title sequence shows as text"
# The title tmux keeps for the pane equals the one of a pane walens never
# ran in (a failed query must not read as "untouched").
title=$(tt display-message -p -t "=a:" '#{pane_title}')
untouched=$(tt display-message -p -t "=keep:" '#{pane_title}')
[ -n "$title" ] && [ "$title" = "$untouched" ] && pass "the terminal title is untouched" ||
   fail "the terminal title is untouched" "title '$title', expected '$untouched'"
keys a Enter
expect a "ESC1_no" "a cell of one question opens it at once"
keys a Escape
expect a "Title with �[2J clear, �31m C1 CSI, bell� and back�s… ESC1" "C0, C1 and ESC in a title, cut to fit"
keys a Enter
expect a "Title with �[2J clear, �31m C1 CSI, bell� and back�space" "the whole title on the question screen"
expect a "Line one" "a CRLF line end is a line end"
expect a "line two�carriage �isolate� end" "a lone CR and bidi isolates are replaced"
expect a "walens  hostile  Escapes" "the screen was not cleared by the lens"
expect a "1 [ ] H  Choice �[5mblink�[0m and �right-to-left" "a practice's title"
if tt capture-pane -e -p -t a | grep -q "$(printf '\033')\[5m"; then
   fail "no blinking text reached the terminal" "$(tt capture-pane -e -p -t a | od -c | head -20)"
else
   pass "no blinking text reached the terminal"
fi
keys a i
expect a "Tabs and�next line" "a tab is a blank, NEL (C1) is replaced"
keys a Space
expect a "✓ OK" "answering works as ever"
check_q "and is stored" hostile ESC1 '"selected": ["ESC1_a"]'
keys a q q q q
[ "$(wait_exit a)" = 0 ] && pass "quits" || fail "quits" "$(screen a)"
finish
