#!/bin/sh
# The portfolio's kept rows (src/store/portkeep.h, schema step 14): report
# --all reads one row a review when it is fresh, counts the review from its
# answers and plan items when it is not (one by one for a few, in one pass
# over the file for many), and all three ways print the same report in
# every format.  Answer and plan writes keep the rows fresh; a row that
# drifted from what the answers say is found by `walens doctor --check` and
# repaired by `walens doctor`.
SUITE=report
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/report/fixture.sh"

if ! command -v sqlite3 > /dev/null 2>&1; then
   echo "SKIP: sqlite3 is needed to damage the kept rows"
   exit 77
fi

SMALL="$FIXTURES/lenses/small.yaml"
cd "$TMP" || exit 99

# ---- a portfolio of more workloads than are read one by one (64) ----
DB=kept.db
make_fraud "$DB"
make_evil "$DB"
make_ml "$DB"
wl workload add never-answered --lens "$SMALL" --owner erin
i=0
while [ $i -lt 70 ]; do
   i=$((i + 1))
   name=$(printf 'w%02d' $i)
   wl workload add "$name" --lens "$SMALL" --owner "o$((i % 3))"
   case $((i % 4)) in
   0) wl answer "$name" Q1 --select Q1_a ;;
   1) wl answer "$name" Q2 --none ;;
   2) wl answer "$name" Q1 --none && wl answer "$name" Q3 --select Q3_vault ;;
   3) ;;
   esac
   case $((i % 5)) in
   0) wl plan set "$name" Q2 Q2_a --status in_progress --due 2026-01-0$((i % 9 + 1)) ;;
   1) wl plan set "$name" Q1 Q1_b --status done ;;
   esac
   [ $((i % 7)) -ne 0 ] || WALENS_NOW=2026-10-0$((i % 9 + 1))T08:00:00Z wl milestone add "$name" m$i
done

r() {
   "$WALENS" --user tester "$@"
}

fresh() { # DB: how many current reviews have a fresh kept row
   sqlite3 "$1" "SELECT count(*) FROM review r JOIN review_portfolio k ON k.review_id = r.id
      WHERE r.is_current AND k.answers_gen = r.answers_gen AND k.plan_gen = r.plan_gen
      AND k.lens_id = r.lens_id"
}

# Every answered or planned workload got its row as it was written.
n=$(fresh "$DB")
if [ "$n" -ge 60 ]; then
   pass "answer and plan writes keep the rows fresh ($n)"
else
   fail "answer and plan writes keep the rows fresh" "$n fresh rows"
fi

report_all() { # DB PREFIX: every format into PREFIX.FORMAT
   # Read as "p.db" from a folder of its own: CSV and JSON name the database.
   rm -rf read && mkdir read && cp "$1" read/p.db || exit 99
   for fmt in text md html csv json; do
      (cd read && r --db p.db report --all --archived --format "$fmt") > "$2.$fmt" 2>&1
   done
   (cd read && r --db p.db report --all --owner o1 --format text) > "$2.owner" 2>&1
}

same() { # NAME A B: every format of A and B alike
   bad=
   for ext in text md html csv json owner; do
      cmp -s "$2.$ext" "$3.$ext" || bad="$bad $ext"
   done
   if [ -z "$bad" ]; then
      pass "$1"
   else
      fail "$1" "differs in:$bad
$(diff "$2.text" "$3.text" | head -20)"
   fi
}

report_all "$DB" kept

# The same database without any kept row: counted from every answer.
cp "$DB" whole.db
sqlite3 whole.db "DELETE FROM review_portfolio"
report_all whole.db whole
same "kept rows and one pass over every answer print the same report" kept whole

# Three rows missing: those reviews are read one by one.
cp "$DB" few.db
sqlite3 few.db "DELETE FROM review_portfolio WHERE review_id IN (SELECT id FROM review LIMIT 3)"
report_all few.db few
same "kept rows and reviews read one by one print the same report" kept few

# A row out of date (its generation moved on) is not trusted.
cp "$DB" stale.db
sqlite3 stale.db "UPDATE review_portfolio SET high = high + 5, answers_gen = answers_gen - 1"
report_all stale.db stale
same "rows of an older generation are not trusted" kept stale

# ---- drift: a fresh row that says something else ----
cp "$DB" drift.db
"$WALENS" --db drift.db doctor > /dev/null 2>&1 # rows for the never answered too
# (fraud-model has missing practices: its row is read with them.)
sqlite3 drift.db "UPDATE review_portfolio SET high = high + 1, plan_done = plan_done + 2
   WHERE review_id = (SELECT r.id FROM review r JOIN workload w ON w.id = r.workload_id
                      WHERE w.name = 'fraud-model')"
report_all drift.db drifted
if cmp -s kept.text drifted.text; then
   fail "a drifted row shows in the report (the test damages what is read)"
else
   pass "a drifted row shows in the report (the test damages what is read)"
fi
r --db drift.db doctor --check > check.out 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q '^portfolio figures: 1 review kept out of date or wrong$' check.out; then
   pass "doctor --check finds the drifted row"
else
   fail "doctor --check finds the drifted row" "exit $rc: $(cat check.out)"
fi
r --db drift.db doctor > repair.out 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '^portfolio figures: 1 review counted again and repaired$' repair.out; then
   pass "doctor repairs the drifted row"
else
   fail "doctor repairs the drifted row" "exit $rc: $(cat repair.out)"
fi
report_all drift.db repaired
same "the repaired rows print the report as before" kept repaired
r --db drift.db doctor --check > check2.out 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '^portfolio figures: all as the answers and plans say$' check2.out; then
   pass "after the repair doctor --check finds nothing"
else
   fail "after the repair doctor --check finds nothing" "exit $rc: $(cat check2.out)"
fi

# A plan change through the CLI keeps the row fresh and right.
DB=drift.db
wl plan set fraud-model Q1 Q1_b --status done
wl answer w01 Q2 --select Q2_a
r --db drift.db doctor --check > check3.out 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '^portfolio figures: all as the answers and plans say$' check3.out; then
   pass "plan and answer writes keep the rows as the doctor counts them"
else
   fail "plan and answer writes keep the rows as the doctor counts them" "exit $rc: $(cat check3.out)"
fi

# Damaged text in a row: not trusted, counted from the answers.
cp "$DB" bad.db
sqlite3 bad.db "UPDATE review_portfolio SET cells = 'x', gaps = '1,,2'"
report_all drift.db good
report_all bad.db bad
same "rows whose text does not read are counted from the answers" good bad

finish
