#!/bin/sh
# CLI golden tests for the facilitated workshop (issue 13): the lead and
# its hand-over, agendas from files (and their errors, with positions),
# the parking lot, silent polls, and the refusals that write nothing.
SUITE=workshop
. "$top_srcdir/tests/lib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
AG="$top_srcdir/tests/workshop/agenda"
DB="$TMP/walens.db"

# run USER ARGS...: appends "$ [USER] walens ARGS", the output and the exit status.
run() {
   who=$1
   shift
   printf '$ [%s] walens' "$who" > "$TMP/cmd"
   printf ' %s' "$@" >> "$TMP/cmd"
   printf '\n' >> "$TMP/cmd"
   "$WALENS" --user "$who" --db "$DB" "$@" > "$TMP/run.out" 2>&1
   rc=$?
   cat "$TMP/cmd" "$TMP/run.out" | sed -e "s|$TMP|TMP|g" -e "s|$top_srcdir/||g" >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}

quiet() {
   "$WALENS" --user alice --db "$DB" "$@" > /dev/null 2>&1 || fail "set-up: walens $*"
}

start() {
   [ -z "${CASE:-}" ] || golden "$CASE" "$OUT"
   CASE=$1
   OUT="$TMP/$1.out"
   : > "$OUT"
}

# The database's bytes: a refusal must leave them as they were.
sum() { sqlite3 "$DB" .dump | md5sum; }

quiet workload add fraud --lens "$FIX/small.yaml"
quiet answer fraud Q1 --select Q1_c

start lead
run alice session lead fraud
run bob session lead fraud
run bob session handover fraud carol
run alice session handover fraud bob
run bob session show fraud
run alice session lead fraud --take
run bob session leave fraud
run alice session leave fraud
run alice session show fraud

start agenda
run alice session agenda fraud "$AG/good.yaml"
run alice session show fraud
run alice session next fraud
WALENS_NOW=2026-11-28T10:12:30Z run alice session show fraud
WALENS_NOW=2026-11-28T10:31:00Z run alice session next fraud
WALENS_NOW=2026-11-28T10:53:00Z run alice session show fraud
WALENS_NOW=2026-11-28T10:53:00Z run alice session show fraud --format json
WALENS_NOW=2026-11-28T10:53:00Z run alice session prev fraud
WALENS_NOW=2026-11-28T10:54:00Z run alice session stop fraud
run alice session show fraud

start agenda-errors
before=$(sum)
run alice session agenda fraud "$AG/bad-keys.yaml"
run alice session agenda fraud "$AG/bad-syntax.yaml"
run alice session agenda fraud "$AG/bad-root.yaml"
run alice session agenda fraud "$AG/missing.yaml"
run alice session agenda nosuch "$AG/good.yaml"
quiet session lead fraud
run bob session agenda fraud "$AG/good.yaml"
run bob session next fraud
quiet session leave fraud
[ "$(sum)" = "$before" ] && pass "agenda errors write nothing" || fail "agenda errors write nothing"

export WALENS_NOW=2026-11-28T11:05:00Z
start park
run bob park fraud add "Who owns the feature store?" --question Q1
run carol park fraud add "Budget for labelling"
run carol park fraud add "Q9 story" --question Q9
run carol park fraud add "   "
run alice park fraud
run alice park fraud close 1 --word "answered in Q1"
run alice park fraud close 1
run alice park fraud plan 2 Q1 Q1_b --owner dana
run alice park fraud close 7
run alice park fraud close x
run alice park fraud list --format json
run alice plan fraud --owner dana

start park-errors
before=$(sum)
run bob park nosuch add "lost point"
run bob park nosuch
run bob park
run bob park fraud drop 1
[ "$(sum)" = "$before" ] && pass "park errors write nothing" || fail "park errors write nothing"

export WALENS_NOW=2026-11-28T11:20:00Z
start poll
run bob poll fraud Q1 vote Q1_a
run alice poll fraud Q1 open
run alice poll fraud Q2 open
run bob poll fraud Q2 vote Q2_a
run alice poll fraud Q1 vote Q1_a,Q1_b
run bob poll fraud Q1 vote Q1_a
run carol poll fraud Q1 vote Q1_c
run carol poll fraud Q1 vote Q1_a,Q1_c
run dana poll fraud Q1 vote Q1_x
run alice poll fraud Q1
run alice poll fraud Q1 reveal
run dana poll fraud Q1 vote Q1_b
run alice poll fraud Q1 reveal --format json
run alice poll fraud Q1 accept
run alice history fraud Q1
run alice poll fraud Q1
run alice status fraud

start poll-leader
quiet session lead fraud
quiet poll fraud Q2 open
before=$(sum)
run bob poll fraud Q2 reveal
run bob poll fraud Q2 accept Q2_a
run bob poll fraud Q2 close
[ "$(sum)" = "$before" ] && pass "non-leader poll steps write nothing" || fail "non-leader poll steps write nothing"
run bob poll fraud Q2 vote Q2_a,Q2_b
run alice poll fraud Q2 accept Q2_b
run alice poll fraud Q3 open
run alice poll fraud Q3 close
run alice poll fraud Q3 close

start poll-errors
before=$(sum)
run bob poll fraud Q1 vote Q1_a
run bob poll fraud Q1 accept
run bob poll nosuch Q1 vote Q1_a
run bob poll fraud Q99 open
run bob poll fraud
run bob poll fraud Q1 shout
[ "$(sum)" = "$before" ] && pass "poll errors write nothing" || fail "poll errors write nothing"

# The recap of the session above: text and JSON against golden files.
export WALENS_NOW=2026-11-28T12:00:00Z
start recap
run alice report fraud --recap
run alice report fraud --recap --format json
run alice report fraud --recap --since 2026-11-29
run alice report fraud --recap --format md -o "$TMP/recap.md"
run alice report fraud --recap --format html -o "$TMP/recap.html"
grep -c '<h2>' "$TMP/recap.html" >> "$OUT"
grep -c '^## ' "$TMP/recap.md" >> "$OUT"

start recap-errors
run alice report fraud --recap --format csv
run alice report fraud --since 2026-11-28
run alice report fraud --recap --since 2026-02-30
run alice report fraud --recap --plan-only
run alice report nosuch --recap

golden "$CASE" "$OUT"
finish
