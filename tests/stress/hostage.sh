#!/bin/sh
# Nothing may take the CPU hostage (issue 19): a review with a huge number
# of orphan plan items (what a forged bundle once brought in) is listed,
# reported and exported in near-linear time; such a bundle is refused at
# once; and a dashboard busy with it still ends within seconds of SIGTERM or
# SIGHUP (a dropped SSH session).  Not in `make check` (it builds databases
# of 200,000 and 1,000,000 plan items): `make check-stress` and .ci/run.
SUITE=stress
. "$top_srcdir/tests/tui/tuilib.sh" # and tests/lib.sh

for tool in sqlite3 python3 tmux timeout; do
   if ! command -v "$tool" > /dev/null; then
      echo "# SKIP hostage: $tool not found"
      finish
      exit 77
   fi
done

# orphans DB N: workload "fraud" on the built-in lens with N plan items of
# practices no lens has, written straight into the database.
orphans() {
   "$WALENS" --db "$1" workload add fraud > /dev/null || fail "workload add ($1)"
   sqlite3 "$1" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $2)
      INSERT INTO plan_item (review_id, question_id, choice_id, status, version, updated_at,
      updated_by) SELECT 1, 'ghost' || i, 'c' || i, 'open', 1, '2026-01-01T00:00:00Z', 'eve'
      FROM c;" || fail "orphan rows ($1)"
}

# within NAME SECONDS COMMAND...: the command succeeds before the timeout.
within() {
   name=$1 secs=$2
   shift 2
   start=$(date +%s)
   if timeout "$secs" "$@" > "$TMP/out" 2> "$TMP/err"; then
      pass "$name ($(($(date +%s) - start)) s)"
   else
      fail "$name" "exit $? after $(($(date +%s) - start)) s: $(head -c 400 "$TMP/err")"
   fi
}

DB="$TMP/big.db"
orphans "$DB" 200000
# Once 400 s for `plan` (a search per item); now a few seconds.  The
# limits are generous for a loaded machine, far below quadratic.
within "plan lists 200,000 orphan items" 60 "$WALENS" --db "$DB" plan fraud
n=$(grep -c '^no longer in the lens ' "$TMP/out")
[ "$n" -ge 200000 ] && pass "every orphan item is listed" || fail "every orphan item is listed" "$n lines"
within "status" 30 "$WALENS" --db "$DB" status fraud
within "report (text) to a file" 120 "$WALENS" --db "$DB" report fraud -o "$TMP/r.txt"
within "report (csv)" 120 "$WALENS" --db "$DB" report fraud --format csv
within "report (json)" 240 "$WALENS" --db "$DB" report fraud --format json
within "export" 240 "$WALENS" --db "$DB" export fraud -o "$TMP/big.bundle"
within "milestone add" 240 "$WALENS" --db "$DB" milestone add fraud m1
within "milestone list" 240 "$WALENS" --db "$DB" milestone list fraud

# The bundle of that review (42 MB, under the 64 MiB cap) is refused: no
# review of the built-in lens can have more plan items than it has practices.
start=$(date +%s)
timeout 60 "$WALENS" --db "$TMP/other.db" import "$TMP/big.bundle" > "$TMP/out" 2> "$TMP/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "200000 plan items, more than the [0-9]* practices of its lens" "$TMP/err"; then
   pass "a bundle of 200,000 orphan items is refused ($(($(date +%s) - start)) s)"
else
   fail "a bundle of 200,000 orphan items is refused" "exit $rc: $(cat "$TMP/out" "$TMP/err")"
fi

# ---- a busy dashboard ends on SIGTERM and SIGHUP ----
DB="$TMP/huge.db"
orphans "$DB" 1000000
for sig in TERM HUP; do
   tui_start "$sig" 100 30 fraud
   expect "$sig" "Business goal" "the dashboard of a million plan items ($sig)" 90
   pid=$(cat "$TMP/pid-$sig")
   keys "$sig" p # the plan screen: seconds of work for a million items
   sleep 1
   kill -"$sig" "$pid"
   i=0
   while [ $i -lt 40 ] && kill -0 "$pid" 2> /dev/null && [ "$(ps -o stat= -p "$pid" | cut -c1)" != Z ]; do
      sleep 0.1
      i=$((i + 1))
   done
   if [ $i -lt 40 ]; then
      pass "busy walens ends within 4 s of SIG$sig ($((i / 10)).$((i % 10)) s)"
   else
      fail "busy walens ends within 4 s of SIG$sig" "$(ps -o pid,stat,time,args -p "$pid")"
      kill -KILL "$pid" 2> /dev/null
   fi
   st=$(wait_exit "$sig" 5)
   case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
   [ "$st" = "$want" ] && pass "exit status $want" || fail "exit status $want" "got $st"
done
# SIGTERM with notes being typed: they become a draft, as on a hang-up.
tui_start D 100 30 fraud
expect D "Business goal" "the dashboard again" 90
keys D Enter
sleep 1
keys D Enter
sleep 1
keys D e
expect D "Notes for" "the notes editor"
typed D "typed before SIGTERM"
expect D "typed before SIGTERM" "text typed"
kill -TERM "$(cat "$TMP/pid-D")"
[ "$(wait_exit D 5)" = 143 ] && pass "SIGTERM ends the editor too" || fail "SIGTERM ends the editor too"
if grep -rqF "typed before SIGTERM" "$XDG_DATA_HOME/walens/drafts" 2> /dev/null; then
   pass "the notes are saved as a draft"
else
   fail "the notes are saved as a draft" "$(ls -la "$XDG_DATA_HOME/walens/drafts" 2>&1)"
fi
finish
