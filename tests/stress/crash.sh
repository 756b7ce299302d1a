#!/bin/sh
# Crash safety: SIGKILL walens at random moments of a stream of changes
# (`walens answer`, and `walens plan set` when this build has it), then:
#   - PRAGMA integrity_check says ok;
#   - every change that was acknowledged (printed its result, exit 0) is in
#     the history, and no change is there twice;
#   - each answer and plan item equals the last history row of its object
#     (the write and its history row commit together or not at all);
#   - the database still opens, reads and takes new changes.
#
# Environment: STRESS_KILLS (default 200) kills at least, STRESS_SEED for a
# repeatable run (the seed is printed).
SUITE=stress
. "$top_srcdir/tests/lib.sh"

KILLS=${STRESS_KILLS:-200}
SEED=${STRESS_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
DB="$TMP/crash.db"
LENS="$top_srcdir/tests/fixtures/lenses/small.yaml"
echo "# seed $SEED, at least $KILLS kills"

command -v sqlite3 >/dev/null || { echo "# sqlite3 (the CLI) is needed: apt-get install sqlite3"; fail "sqlite3 present"; finish; exit; }

w() { "$WALENS" --db "$DB" --user crash "$@"; }

if w workload add crash --lens "$LENS" > "$TMP/out" 2>&1; then
   pass "workload created"
else
   fail "workload created" "$(cat "$TMP/out")"
   finish
   exit
fi

PLAN=no
if w plan --help 2>/dev/null | grep -q 'plan.*set'; then
   PLAN=yes
   echo "# walens plan set found: plan changes take part"
else
   echo "# no 'walens plan set' in this build: answers only"
fi

# The changes: questions and choices of the small lens.  Each change carries
# a unique note "chg-NNNNN" that the history must show once it was acknowledged.
QUESTIONS="Q1 Q2 Q3 Q4 Q5"
choice_of() {
   case $1 in
   Q1) echo "Q1_a Q1_b Q1_c" ;; Q2) echo "Q2_a Q2_b" ;; Q3) echo "Q3_vault Q3_rotate" ;;
   Q4) echo "Q4_tag" ;; Q5) echo "Q5_auto Q5_test" ;;
   esac
}
STATUSES="open in_progress done risk_accepted wont_do"

# change N: the command line of change number N (as words).
change() {
   n=$1
   note=$(printf 'chg-%05d' "$n")
   set -- $QUESTIONS
   shift $((n % 5))
   q=$1
   set -- $(choice_of "$q")
   c=$(eval echo "\${$((n % $# + 1))}")
   if [ "$PLAN" = yes ] && [ $((n % 3)) -eq 2 ]; then
      set -- $STATUSES
      shift $((n % 5))
      echo "plan set crash $q $c --status $1 --note $note"
   elif [ $((n % 2)) -eq 0 ]; then
      echo "answer crash $q --select $c --notes $note"
   else
      echo "answer crash $q --unselect $c --notes $note"
   fi
}

# How long one change takes here, to spread the kills over a whole run.
t0=$(date +%s%N)
for n in 1 2 3 4 5; do
   w $(change $((n + 90000))) > /dev/null 2>&1 || { fail "calibration run" "$(w $(change $((n + 90000))) 2>&1)"; finish; exit; }
   echo "$(printf 'chg-%05d' $((n + 90000)))" >> "$TMP/acked"
done
t1=$(date +%s%N)
span_us=$(( (t1 - t0) / 5000 * 12 / 10 ))
echo "# one change takes about $(( (t1 - t0) / 5000000 )) ms; kills fall in 0..$((span_us / 1000)) ms"

# Delays in seconds, uniform over the span (awk: repeatable from the seed).
awk -v seed="$SEED" -v span="$span_us" 'BEGIN { srand(seed); for (i = 0; i < 20000; i++) printf "%.6f\n", rand() * span / 1e6 }' > "$TMP/delays"

kills=0 acks=0 refused=0 n=0
exec 3< "$TMP/delays"
while [ "$kills" -lt "$KILLS" ] && [ "$n" -lt 5000 ] && read -r delay <&3; do
   n=$((n + 1))
   cmd=$(change "$n")
   # A simple command, not the function w: $! must be walens itself, not a
   # subshell that would leave walens running when killed.
   # Under ASan, LeakSanitizer runs at exit and stops the process to scan
   # it; a kill that lands then makes it report that it lost the thread
   # ("Unable to get registers"), a report about our kill, not about
   # walens.  The processes this loop kills skip that scan; every other
   # test still checks leaks.
   ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
      "$WALENS" --db "$DB" --user crash $cmd > "$TMP/out" 2> "$TMP/err" &
   pid=$!
   sleep "$delay"
   kill -9 "$pid" 2>/dev/null
   { wait "$pid"; } 2>/dev/null
   rc=$?
   if [ "$rc" -eq 0 ] && [ -s "$TMP/out" ]; then
      acks=$((acks + 1))
      printf 'chg-%05d\n' "$n" >> "$TMP/acked"
   elif [ "$rc" -eq 137 ]; then
      kills=$((kills + 1))
   else
      # Not killed, not acknowledged: a refusal must say why; any is a failure
      # here, since the only other writer is dead.
      refused=$((refused + 1))
      [ "$refused" -le 3 ] && fail "change $n refused" "$cmd: exit $rc: $(cat "$TMP/err")"
   fi
done
exec 3<&-
echo "# $n changes: $kills killed, $acks acknowledged, $refused refused"
if [ "$kills" -ge "$KILLS" ]; then pass "at least $KILLS kills ($kills)"; else fail "at least $KILLS kills" "only $kills in $n changes"; fi
[ "$refused" -eq 0 ] && pass "no change refused"

check=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
if [ "$check" = ok ]; then pass "integrity_check ok"; else fail "integrity_check ok" "$check"; fi

sqlite3 "$DB" "SELECT coalesce(after_json, '') FROM history" 2>&1 | grep -o 'chg-[0-9]*' | sort > "$TMP/present"
sort -u "$TMP/acked" > "$TMP/acked.sorted"
missing=$(comm -23 "$TMP/acked.sorted" "$TMP/present" | head -n 10)
if [ -z "$missing" ]; then
   pass "every acknowledged change is in the history ($(wc -l < "$TMP/acked.sorted"))"
else
   fail "every acknowledged change is in the history" "missing: $missing"
fi
twice=$(uniq -d "$TMP/present" | head -n 5)
if [ -z "$twice" ]; then pass "no change recorded twice"; else fail "no change recorded twice" "$twice"; fi

# The stored state is the last history row of each object: a write and its
# history row are one transaction.
stale=$(sqlite3 "$DB" "
   SELECT 'answer ' || a.question_id FROM answer a
    WHERE a.notes IS NOT (SELECT json_extract(h.after_json, '\$.notes') FROM history h
                           WHERE h.kind = 'answer' AND h.object = a.question_id
                           ORDER BY h.id DESC LIMIT 1)
   UNION ALL
   SELECT 'plan ' || p.question_id || '/' || p.choice_id FROM plan_item p
    WHERE p.note IS NOT (SELECT json_extract(h.after_json, '\$.note') FROM history h
                          WHERE h.kind = 'plan' AND h.object = p.question_id || '/' || p.choice_id
                          ORDER BY h.id DESC LIMIT 1)" 2>&1)
if [ -z "$stale" ]; then pass "state matches the last history row"; else fail "state matches the last history row" "$stale"; fi

if w status crash > "$TMP/out" 2>&1; then pass "status reads the database"; else fail "status reads the database" "$(cat "$TMP/out")"; fi
if w answer crash Q1 --notes after-the-storm > "$TMP/out" 2>&1 &&
   [ "$(sqlite3 "$DB" "SELECT notes FROM answer WHERE question_id = 'Q1'")" = after-the-storm ]; then
   pass "a new change commits"
else
   fail "a new change commits" "$(cat "$TMP/out")"
fi
finish
