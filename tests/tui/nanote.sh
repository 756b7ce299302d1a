#!/bin/sh
# The short text beside a not-applicable reason (issue 18): after the
# reason, X offers a one-line text; it shows beside the reason, is stored,
# is listed in the history, and a text too long is refused with the reason
# while what was typed stays in the prompt.  Esc leaves the question without
# a text.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" workload add payments > /dev/null 2>&1
tui_start a 80 24 --user alice payments
expect a "Questions" "the dashboard"
keys a Enter
expect a "1 [ ] H  Automate builds" "the question"
keys a X
expect a "1  Out of scope" "not applicable asks for a reason"
keys a 1
expect a "Reason text (optional" "then offers a short text beside it"
expect a "Not applicable: Out of scope" "the reason is stored at once"
long=$(python3 -c 'import sys; sys.stdout.write("ü" * 251)')
typed a "$long"
keys a Enter
expect a "at most 250 are allowed" "a text too long is refused, counted in characters"
expect a "üüüüüüüüüü" "and what was typed stays in the prompt"
check_q "nothing of it was stored" payments Q1 '"not_applicable_reason": "OUT_OF_SCOPE","notes"'
keys a C-u
typed a "Batch scoring only — no online endpoint"
keys a Enter
expect a "Not applicable: Out of scope — Batch scoring only — no online endpoint" \
   "the text shows beside the reason"
check_q "the text is stored" payments Q1 \
   '"not_applicable_text": "Batch scoring only — no online endpoint"'
keys a H
expect a 'alice: reason text "Batch scoring only — no online' "the history lists the text"
keys a Escape
expect a "Not applicable: Out of scope — Batch" "back on the question"

# Esc at the text: the reason alone.
keys a l
expect a "How do you protect secrets?" "the next question"
keys a X
expect a "2  Business priorities" "the reasons again"
keys a 2
expect a "Reason text (optional" "the text is offered"
keys a Escape
expect a "Not applicable: Business priorities" "Esc keeps the reason"
expect_not a "Business priorities —" "without a text"
check_q "stored without a text" payments Q3 '"not_applicable_reason": "BUSINESS_PRIORITIES","notes"'

keys a q
finish
