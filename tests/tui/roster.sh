#!/bin/sh
# Who is here (issue 12): five reviewers and one read-only observer on one
# workload: the header always counts them (names while they fit, observers
# marked), W (and :who)
# lists every one with where they are and whether they only watch, and
# `walens who` prints the same.
. "$top_srcdir/tests/tui/tuilib.sh"

"$WALENS" --db "$DB" --lens "$SMALL" --user carol workload add payments > /dev/null 2>&1
for u in alice-anderson bernadette-b carol-cartwright dmitri-d eleanor-e; do
   tui_start "$u" 80 24 --user "$u" payments
done
tui_start watcher 80 24 --user watcher --read-only payments
expect alice-anderson "6 here (W: who)" "the header counts six people when their names do not fit" 10
keys bernadette-b Enter Enter
expect bernadette-b "1 [ ]" "bernadette opens Q1"
keys alice-anderson W
expect alice-anderson "Who is here: 6 on this workload" "W opens the roster"
for u in bernadette-b carol-cartwright dmitri-d eleanor-e watcher; do
   expect alice-anderson "$u" "the roster lists $u" 8
done
expect alice-anderson "question    Q1" "with where bernadette is" 8
screen alice-anderson | grep "^ *watcher" | grep -q "read-only" &&
   pass "the observer is marked read-only" || fail "the observer is marked read-only" "$(screen alice-anderson)"
keys alice-anderson q
keys carol-cartwright :
typed carol-cartwright who
keys carol-cartwright Enter
expect carol-cartwright "Who is here: 6 on this workload" ":who opens it too"

"$WALENS" --db "$DB" who payments --format json > "$TMP/who.json"
n=$(grep -c '"user"' "$TMP/who.json")
[ "$n" = 6 ] && pass "walens who lists the six sessions" || fail "walens who lists the six sessions" "$(cat "$TMP/who.json")"
grep -A5 '"user": "watcher"' "$TMP/who.json" | grep -q '"read_only": true' &&
   pass "walens who marks the observer" || fail "walens who marks the observer" "$(cat "$TMP/who.json")"
"$WALENS" --db "$DB" who > "$TMP/who.txt"
grep -q "^watcher .*read-only" "$TMP/who.txt" && pass "walens who in text" || fail "walens who in text" "$(cat "$TMP/who.txt")"
"$WALENS" --db "$DB" who elsewhere > "$TMP/who.txt"
grep -q "nobody is here" "$TMP/who.txt" && pass "nobody on another workload" || fail "nobody on another workload" "$(cat "$TMP/who.txt")"

keys watcher Q
wait_exit watcher > /dev/null
# Fewer people: the names fit, the observer is marked, the count stays.
for u in carol-cartwright dmitri-d eleanor-e; do
   keys "$u" Q
   wait_exit "$u" > /dev/null
done
tui_start watcher2 80 24 --user w2 --read-only payments
expect bernadette-b "w2 (read-only)" "the header names an observer as read-only" 10
expect bernadette-b "alice-anderson, w2 (read-only) | 3 here" "and counts every one on the workload, observers too" 10
"$WALENS" --db "$DB" who payments --format json > "$TMP/who.json"
grep -q '"watcher"' "$TMP/who.json" && fail "the observer leaves with its session" "$(cat "$TMP/who.json")" ||
   pass "the observer leaves with its session"

# A workshop of thirty and more: the roster scrolls to every one of them.
# Their sessions are rows as other processes write them (seen in the
# future, so that no clean-up of old rows takes them while the test runs).
i=1 sql=""
while [ "$i" -le 34 ]; do
   sql="$sql INSERT INTO presence (pid, user_name, workload, question, seen_at, screen, read_only)
      VALUES ($((4000000 + i)), 'reviewer$(printf %02d "$i")', 'payments', NULL,
      '2099-01-01T00:00:00Z', 'dashboard', 0);"
   i=$((i + 1))
done
sqlite3 "$DB" "$sql" || fail "set-up: 34 more sessions"
keys alice-anderson W
# (alice, bernadette and w2 are left, and the 34)
expect alice-anderson "Who is here: 37 on this workload" "the roster counts 37" 10
expect alice-anderson "of 36 (arrows, PgUp/PgDn scroll)" "and says it scrolls"
if screen alice-anderson | grep -q "reviewer34"; then
   fail "the last one is below the fold at first" "$(screen alice-anderson)"
else
   pass "the last one is below the fold at first"
fi
keys alice-anderson PgDn PgDn
expect alice-anderson "reviewer34" "PgDn scrolls down to the last one"
keys alice-anderson Home
sleep 0.5
screen alice-anderson | grep -qE " 1-[0-9]+ of 36 " && pass "Home goes back to the top" ||
   fail "Home goes back to the top" "$(screen alice-anderson)"
finish
