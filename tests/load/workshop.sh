#!/bin/sh
# The workshop load test: 30 reviewers on one database for about
# a minute.  26 scripted writers (22 `walens answer`, 4 `walens plan set`,
# tests/load/workshop.py) and 4 walens TUIs in tmux watching: two
# dashboards, a question, the workloads list.  Afterwards: no lost write,
# no error shown to anyone (the writers' stderr, the TUI screens, sampled
# every second), every TUI shows the final state (its counts against
# `walens status --format json`), and the p50/p99 latency of one change.
#
# Run by .ci/run and `make check-load`, not by `make check`.  The database
# lives on a real disk ($TMPDIR, else /tmp): fsync costs what it costs.
# WALENS_LOAD_SECONDS (default 60) sets how long the writers write.
. "$top_srcdir/tests/tui/tuilib.sh"

SECONDS_=${WALENS_LOAD_SECONDS:-60}
ANSWER_WRITERS=22
PLAN_WRITERS=4
LENS_YAML="$top_srcdir/data/lenses/machine-learning.yaml"
unset WALENS_NOW # real clocks: "just now" on the screens, real time stamps

if ! command -v python3 > /dev/null 2>&1; then
   echo "python3 not found: skipped"
   exit 77
fi

for w in vision forecast; do
   "$WALENS" --db "$DB" --user facilitator workload add "$w" > /dev/null 2>&1 ||
      fail "workload $w created"
done
chmod 0660 "$DB"

# The watchers: two dashboards, the vision review's first question, the list.
# Session names with a digit: tmux reads "-t b" as the window "bash" of the
# newest session when it can, so single letters may name the wrong pane.
TUI_ENV="WALENS_NOW="
tui_start v1 80 24 --user watcher1 vision
tui_start v2 80 24 --user watcher2 forecast
tui_start v3 80 24 --user watcher3 vision
tui_start v4 80 24 --user watcher4
expect v1 "Questions 0/35 answered" "watcher 1 on the vision dashboard"
expect v2 "Questions 0/35 answered" "watcher 2 on the forecast dashboard"
expect v3 "Questions 0/35 answered" "watcher 3 opens vision"
keys v3 Enter Enter
expect v3 "(1/35)" "watcher 3 on its first question"
expect v4 "Workloads (2)" "watcher 4 on the workloads list"

# Errors a TUI would show: the store's busy text, SQLite's, a refused write,
# a failed reload.
ERRORS='stayed locked\|database is locked\|busy\|Cannot \|Not stored\|database error'
: > "$TMP/screens"
sample() {
   for s in v1 v2 v3 v4; do
      printf '=== %s\n' "$s"
      screen "$s"
   done >> "$TMP/screens"
}

python3 "$top_srcdir/tests/load/workshop.py" "$WALENS" "$DB" "$LENS_YAML" "$SECONDS_" \
   "$ANSWER_WRITERS" "$PLAN_WRITERS" "$TMP/results" > "$TMP/latency" 2> "$TMP/driver.err" &
driver=$!
while kill -0 "$driver" 2> /dev/null; do
   sample
   sleep 1
done
wait "$driver"
rc=$?
if [ "$rc" -eq 0 ]; then
   pass "the writers ran for $SECONDS_ s"
else
   fail "the writers ran for $SECONDS_ s" "$(tail -n 20 "$TMP/driver.err")"
fi

# The driver's checks, one line each.
while IFS= read -r line; do
   case $line in
   "ok - "*) pass "${line#ok - }" ;;
   "not ok - "*) name=${line#not ok - }; detail="" ;
      # the detail lines follow; collect them
      detail=$(awk -v n="$line" 'f && /^# / { print substr($0, 3); next } f { exit } $0 == n { f = 1 }' "$TMP/results")
      fail "$name" "$detail" ;;
   esac
done < "$TMP/results"

# Every TUI shows the final state.
keys v3 Escape Escape
counts() { # WORKLOAD -> "answered high medium none na unanswered"
   "$WALENS" --db "$DB" status "$1" --format json | python3 -c '
import json, sys
c = json.load(sys.stdin)["counts"]
print(35 - c["unanswered"], c["high"], c["medium"], c["none"], c["not_applicable"], c["unanswered"])'
}
for pair in v1:vision v2:forecast v3:vision; do
   s=${pair%%:*} w=${pair#*:}
   set -- $(counts "$w")
   expect "$s" "Questions $1/35 answered   ▲ $2  ◆ $3  ✓ $4  – $5  · $6" \
      "watcher $s shows the final counts of $w" 10
done
# The list: each row's answered count and risks (it reloads every 2 s at most).
for w in vision forecast; do
   set -- $(counts "$w")
   want="$1/35 ▲$2 ◆$3"
   i=0 got=""
   while [ $i -lt 100 ]; do
      got=$(screen v4 | awk -v w="$w" '$1 == w || $1 == ">" w { for (i = 1; i <= NF; i++) if ($i ~ /\/35$/) print $i, $(i + 1), $(i + 2) }')
      [ "$got" = "$want" ] && break
      sleep 0.1
      i=$((i + 1))
   done
   if [ "$got" = "$want" ]; then pass "the workloads list shows the final counts of $w"; else
      fail "the workloads list shows the final counts of $w" "want \"$want\", got \"$got\":
$(screen v4)"
   fi
done
sample
if grep -q "$ERRORS" "$TMP/screens"; then
   fail "no TUI showed an error during the run" "$(grep -B2 -A2 "$ERRORS" "$TMP/screens" | head -n 20)"
else
   pass "no TUI showed an error during the run ($(grep -c '^=== v1' "$TMP/screens") samples each)"
fi
for s in v1 v2 v3 v4; do
   keys "$s" Q
   [ "$(wait_exit "$s" 10)" = 0 ] && pass "watcher $s quits" || fail "watcher $s quits" "$(screen "$s")"
done
cat "$TMP/latency"
finish
