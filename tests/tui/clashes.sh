#!/bin/sh
# A bundle merged back (walens import BUNDLE --into WORKLOAD) whose clashes
# wait for a decision in the TUI (issue 14): the command writes nothing of
# it and keeps it; opening the workload says so; C lists each clash with
# both values; Y keeps ours, T takes the bundle's, b keeps both (notes
# only), e edits; Enter refuses while one is undecided, then merges with
# the decisions and the laptop's history; the bundle waits no more.
. "$top_srcdir/tests/tui/tuilib.sh"

LAPTOP="$TMP/laptop.db"
office() { "$WALENS" --db "$DB" --user ann "$@"; }
laptop() { WALENS_NOW=2026-11-29T10:00:00Z "$WALENS" --db "$LAPTOP" --user bob "$@"; }
q() { "$@" > /dev/null 2>&1 || fail "$*"; }

q office workload add fraud
q office answer fraud MLOPS02 --select MLOPS02_BP01
q office answer fraud MLOPS03 --select MLOPS03_BP02 --notes "$(printf 'one\ntwo\nthree')"
q office plan set fraud MLOPS02 MLOPS02_BP02 --owner carol
q office export fraud -o "$TMP/base.bundle"
q laptop import "$TMP/base.bundle"
# Both sides: the same selection, the same line of notes, the same owner.
q office answer fraud MLOPS02 --select MLOPS02_BP02
q laptop answer fraud MLOPS02 --none
q office answer fraud MLOPS03 --notes "$(printf 'one\nTWO here\nthree')"
q laptop answer fraud MLOPS03 --notes "$(printf 'one\nTWO there\nthree')"
q office plan set fraud MLOPS02 MLOPS02_BP02 --owner dave
q laptop plan set fraud MLOPS02 MLOPS02_BP02 --owner erin
# And one change only the laptop made.
q laptop answer fraud MLOPS01 --select MLOPS01_BP02
q laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
[ $? -eq 1 ] && grep -q "press C" "$TMP/out" && pass "the import waits for a decision" ||
   fail "the import waits for a decision" "$(cat "$TMP/out")"
check_q "nothing of the bundle is written yet" fraud MLOPS01 '"selected": []'

tui_start a 80 24 --user ann
expect a " walens  fraud" "the one workload opens by itself"
expect a "An import waits for decisions on 3 clashes: C shows them" "opening the workload says so"
keys a C
expect a " laptop.bundle from ann, 2026-11-28: 3 clashes, 3 undecided" \
   "C shows the waiting bundle, with its clashes"
expect a ">MLOPS02: selected practices" "the first clash under the cursor"
expect a "here:   MLOPS02_BP01 MLOPS02_BP02 (ann, 2026-11-28)" "this database's value and who set it"
expect a "bundle: MLOPS02_no" "the bundle's value"
expect a "MLOPS03: notes" "the notes clash"
expect a "MLOPS02/MLOPS02_BP02: owner" "the plan clash"

keys a Enter
expect a "3 clashes are not decided yet: nothing is merged" "Enter refuses while undecided"
keys a b
expect a "Both can be kept only of notes" "b does not take a selection"
keys a T
expect a "2 undecided" "T decides the first"
expect a "take the bundle's" "and says how"
expect a ">MLOPS03: notes" "the cursor goes to the next undecided"
keys a b
expect a "keep both" "b keeps both notes"
expect a ">MLOPS02/MLOPS02_BP02: owner" "then the plan clash"
keys a e
expect a "Value: erin" "e offers the bundle's value to edit"
keys a C-u
typed a "frank"
keys a Enter
expect a "edited: frank" "the edited value is shown"
expect a "Every clash is decided: Enter merges the bundle" "every clash decided"
keys a Enter
expect a "Merged $TMP/laptop.bundle" "Enter merges"
expect_gone a "undecided" "back from the clashes"

check_q "T: the bundle's selection" fraud MLOPS02 '"MLOPS02_no"'
check_q "b: both notes, ours first" fraud MLOPS03 \
   '"notes": "one\nTWO here\nthree\none\nTWO there\nthree"'
check_q "what did not clash lands too" fraud MLOPS01 '"MLOPS01_BP02"'
office plan fraud --format json 2> /dev/null | grep -q '"owner": "frank"' &&
   pass "e: the edited owner" || fail "e: the edited owner" "$(office plan fraud --format json)"
office history fraud MLOPS01 | grep -q bob && pass "the laptop's history came along" ||
   fail "the laptop's history came along" "$(office history fraud MLOPS01)"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
grep -q "nothing to import" "$TMP/out" && pass "importing it again changes nothing" ||
   fail "importing it again changes nothing" "$(cat "$TMP/out")"
keys a C
expect a "No import waits for a decision on this workload" "the bundle waits no more"
finish
