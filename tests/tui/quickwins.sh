#!/bin/sh
# Impact and effort on the plan screen: I and F set them from a one-key
# menu (the CLI sees each), K orders the plan by quick wins (high impact,
# low effort first, unrated last) with the impact/effort column, and #
# shows the impact x effort grid with the quick wins listed under it.
. "$top_srcdir/tests/tui/tuilib.sh"

q() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1; }
q --lens "$SMALL" workload add payments
q --user carol answer payments Q1 --select Q1_a
q --user carol answer payments Q3 --select Q3_vault
q --user carol answer payments Q5 --select Q5_test
# Rated from the CLI: Q3_rotate high/high, Q1_c low/low; Q1_b is left to the TUI.
q --user carol plan set payments Q3 Q3_rotate --impact high --effort high
q --user carol plan set payments Q1 Q1_c --impact low --effort low

pjson() {
   "$WALENS" --db "$DB" plan "$1" --format json |
      awk '/^    [{]/ { buf = ""; on = 1 } on { s = $0; sub(/^ */, "", s); buf = buf s }
           /^    [}]/ { if (on) print buf; on = 0 }' | grep -F "\"choice\": \"$2\""
}
check_p() {
   _got=$(pjson "$2" "$3")
   case $_got in
   *"$4"*) pass "$1" ;;
   *) fail "$1" "expected $4 in: $_got" ;;
   esac
}
# Passes when the screen's item rows (after the column heads) hold the
# practices in this order (the text after the impact/effort column).
order_is() {
   _i=0
   while [ "$_i" -lt 50 ]; do
      _got=$(screen "$1" | sed -n '/imp\/eff/,/^ *$/p' | sed 1d |
         sed -n "s|^.* [hlm-]/[hlm-]  *||p" | cut -c1-14 | sed 's/ *$//' | tr '\n' '|')
      [ "$_got" = "$2" ] && { pass "$3"; return 0; }
      sleep 0.1
      _i=$((_i + 1))
   done
   fail "$3" "rows: $_got"
}

tui_start a 80 24 --user alice payments
keys a p
expect a ">▲    H    - BUI/OPS  Review changes" "the plan in its own order"
keys a I
expect a "Impact (l, m, h; - none; Esc cancels):" "I asks for the impact"
expect a "h  high" "with the levels"
keys a h
expect a "Stored: impact of Q1_b is high" "the impact is stored"
check_p "the CLI sees the impact" payments Q1_b '"impact": "high","effort": null'
keys a F
expect a "Effort (l, m, h; - none; Esc cancels):" "F asks for the effort"
keys a l
expect a "Stored: effort of Q1_b is low" "the effort is stored"
check_p "the CLI sees the effort" payments Q1_b '"impact": "high","effort": "low"'
expect a "impact high, effort low; changed by alice" "the detail line shows both"

keys a K
expect a "Sorted by quick wins" "K sorts by quick wins"
expect a "sort: quick wins" "the sort is shown"
expect a " risk wt pri imp/eff  practice" "the impact/effort column replaces the place"
order_is a "Review changes|Rotate keys|Keep notes|Patch automati|" \
   "high/low first; high/high before low/low (same balance, more impact); unrated last"
expect a " H    - h/l      Review changes" "the quick win's levels"

keys a '#'
expect a "impact/effort  low         medium      high        unset" "# shows the grid"
expect a "high           1           0           1           0" "the high-impact row"
expect a "low            1           0           0           0" "the low-impact row"
expect a "Quick wins (high impact, low effort):" "the quick wins under the grid"
expect a "Q1 — Review changes" "the quick win listed"
keys a '#'
expect a " risk wt pri imp/eff  practice" "# brings the list back"

# Clearing from the menu: '-' is none.
keys a I
keys a -
expect a "Stored: impact of Q1_b is -" "- clears the impact"
check_p "the CLI sees it cleared" payments Q1_b '"impact": null,"effort": "low"'
keys a :
typed a "plan-impact high"
keys a Enter
expect a "Stored: impact of Q1_b is high" ":plan-impact takes a word"
keys a Q
wait_exit a > /dev/null
"$WALENS" --db "$DB" history payments Q1 > "$TMP/hist" 2>&1
grep -q "Q1/Q1_b *impact cleared" "$TMP/hist" && grep -q "Q1/Q1_b *effort low" "$TMP/hist" &&
   pass "the history says what changed" || fail "the history says what changed" "$(cat "$TMP/hist")"
finish
