#!/bin/sh
# An answer that came from a review template says so on the question screen
# ("from template NAME") and in its changes; once a reviewer changes it,
# the mark goes.
. "$top_srcdir/tests/tui/tuilib.sh"

q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1 || fail "set-up: walens $*"; }
q --user carol --lens "$SMALL" workload add platform
q --user carol answer platform Q1 --select Q1_a,Q1_b
q --user carol template create platform-baseline --from platform --questions Q1
q --user carol workload add fraud --template platform-baseline

tui_start a 80 24 --user alice fraud
keys a :
typed a "goto Q1"
keys a Enter
expect a "from template platform-baseline   changed by carol" "the question screen names the template"
expect a "selected Q1_a, Q1_b; from template platform-baseline" "and so do its changes"
keys a 3
expect a "Changes  (H all)" "the answer changed"
expect a "changed by alice" "alice's change is shown"
expect_gone a "from template platform-baseline   changed by" "a reviewer's change ends the mark"
keys a Q
wait_exit a > /dev/null
finish
