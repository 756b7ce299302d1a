#!/bin/sh
# CLI golden tests for the improvement plan, milestones, history and lens
# upgrades: each case runs a few walens commands and compares the transcript
# (commands, stdout, stderr, exit codes) with tests/plan/golden/.
SUITE=plan
. "$top_srcdir/tests/lib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
DB="$TMP/walens.db"
# run, quiet and start: tests/lib.sh.

quiet workload add fraud --lens "$FIX/small.yaml"
quiet answer fraud Q1 --select Q1_c
quiet answer fraud Q2 --select Q2_a
quiet answer fraud Q3 --select Q3_rotate
quiet answer fraud Q4 --none
quiet answer fraud Q5 --select Q5_test

start plan
run plan fraud
run plan set fraud Q1 Q1_b --status in-progress --owner alice --due 2026-11-01 --priority 2 --note "Second reader on every merge"
run plan set fraud Q4 Q4_tag --owner bob --due 2026-12-15
run plan set fraud Q1 Q1_b --owner ""
run plan set fraud Q1 Q1_b --owner carol
run plan fraud
run plan fraud --status in_progress
run plan fraud --owner bob
run plan fraud --format json

start plan-resolved
run answer fraud Q1 --select Q1_b
run plan fraud
run answer fraud Q1 --unselect Q1_b
run plan fraud --status in_progress

start plan-errors
run plan set fraud Q1 Q1_a --due 2026-02-30
run plan set fraud Q1 Q1_a --due 01/12/2026
run plan set fraud Q1 Q1_a --status started
run plan set fraud Q1 Q1_a --priority -1
run plan set fraud Q1 Q1_a --priority high
run plan set fraud Q1 Q1_a
run plan set fraud Q9 Q9_a --status done
run plan set fraud Q1 Q1_zzz --status done
run plan set fraud Q1 Q1_no --status done
run plan set fraud Q1 Q1_a --status done --format json
run plan set fraud Q1
run plan fraud --due 2026-12-01
run plan fraud --format xml
run plan fraud --status nope
run plan nothing-here
run plan

start milestone
run milestone add fraud baseline
run milestone add fraud baseline
run milestone add fraud ""
run answer fraud Q1 --select Q1_a
run answer fraud Q3 --select Q3_vault
run answer fraud Q2 --none
run plan set fraud Q4 Q4_tag --status done --note "tagged by policy"
run milestone add fraud "after sprint 1"
run milestone list fraud
run milestone list fraud --format json
run milestone diff fraud baseline
run milestone diff fraud baseline "after sprint 1"
run milestone diff fraud baseline --format json
run milestone diff fraud "after sprint 1"
run milestone diff fraud nothing
run milestone diff fraud
run milestone frob fraud

start history
# Saving what is there already changes nothing and adds no history.
run answer fraud Q1 --select Q1_a
run plan set fraud Q4 Q4_tag --status done
run plan set fraud Q3 Q3_rotate --owner ""
run history fraud
run history fraud Q1
run history fraud Q4 --format json
run history fraud --format yaml
run history nothing-here

quiet workload add up --lens "$FIX/upgrade-v1.yaml"
quiet answer up UP1 --select UP1_a
quiet answer up UP2 --select UP2_a,UP2_old --notes "by hand on Fridays"
quiet answer up UP3 --select UP3_vault
quiet answer up UP4 --select UP4_log
quiet answer up UP5 --select UP5_a
quiet plan set up UP4 UP4_review --owner bob
quiet plan set up UP2 UP2_b --owner carol

start upgrade
run upgrade up --check
run upgrade up --lens "$FIX/small.yaml"
run upgrade up --lens "$FIX/upgrade-v2.yaml" --dry-run
run upgrade up --lens "$FIX/upgrade-v2.yaml" --dry-run --format json
run upgrade up --lens "$FIX/upgrade-v2.yaml"
run upgrade up --lens "$FIX/upgrade-v2.yaml"
run status up
run status up --format json
run plan up
run history up UP2
run milestone list up
run milestone diff up before-upgrade-to-2.0
run upgrade up --lens "$FIX/upgrade-v1.yaml"
run upgrade up --lens "$FIX/upgrade-v1.yaml" --allow-older --dry-run
run workload add up-two --lens "$FIX/upgrade-v1.yaml"
run upgrade up-two --check
run upgrade up-two --lens upgrade --milestone "v1 final"
run upgrade

# Tracked before anyone answered: never at risk, not answered yet.
start plan-unanswered
quiet workload add shop --lens "$FIX/small.yaml"
run plan set shop Q2 Q2_b --owner z
run plan shop
run plan shop --format json

# A status as shown is taken as typed ("won't do"); text shows labels, JSON
# and the history's store the API words.
quiet workload add spell --lens "$FIX/small.yaml"
quiet answer spell Q1 --select Q1_c
start plan-labels
run plan set spell Q1 Q1_a --status "won't do"
run plan set spell Q1 Q1_a --status "Risk Accepted"
run plan set spell Q1 Q1_b --status "in progress"
run plan set spell Q1 Q1_b --status "won't"
run plan spell
run plan spell --status "risk accepted" --format json
run plan spell --status "won't do"
run history spell

# The built-in Machine Learning Lens moves from 2025.11.1 (kept as a fixture)
# to 2025.12.0 under a fully answered review: nothing the review held is
# lost, exactly the questions whose practices carry a new changeNote are
# marked for re-review (not those whose wording alone changed), and the
# preview shows each note.
ML_OLD="$FIX/machine-learning-2025.11.1.yaml"
quiet workload add ml-review --lens "$ML_OLD"
i=0
for qid in $(sed -n 's/^      - id: \(ML[A-Z]*[0-9][0-9]\)$/\1/p' "$ML_OLD"); do
   i=$((i + 1))
   case $((i % 7)) in
   3) quiet answer ml-review "$qid" --none --notes "note on $qid" ;;
   5) quiet answer ml-review "$qid" --not-applicable OUT_OF_SCOPE --notes "note on $qid" ;;
   *) more=""
      [ $((i % 2)) -eq 0 ] && grep -q "id: ${qid}_BP02\$" "$ML_OLD" && more=",${qid}_BP02"
      quiet answer ml-review "$qid" --select "${qid}_BP01$more" --notes "note on $qid" ;;
   esac
done
[ "$i" -eq 35 ] && pass "ml upgrade: the fixture review answers 35 questions" ||
   fail "ml upgrade: the fixture review answers 35 questions" "$i answered"
# The answers as status shows them, without what an upgrade may change.
answers() {
   "$WALENS" --db "$DB" status ml-review --format json |
      grep -v -e '"version":' -e '"needs_review":'
}
answers > "$TMP/ml-before.json"
start upgrade-mllens
run upgrade ml-review --check
run upgrade ml-review --dry-run
run upgrade ml-review
run status ml-review
answers > "$TMP/ml-after.json"
if diff -u "$TMP/ml-before.json" "$TMP/ml-after.json" > "$TMP/ml.diff"; then
   pass "ml upgrade: every answer, N/A and note is kept"
else
   fail "ml upgrade: every answer, N/A and note is kept" "$(cat "$TMP/ml.diff")"
fi
marked=$("$WALENS" --db "$DB" status ml-review --format json | tr -d ' \n' |
   sed 's/},{/}\n{/g' | sed -n 's/.*"id":"\(ML[A-Z]*[0-9]*\)".*"needs_review":true.*/\1/p' |
   tr '\n' ' ')
want="MLOPS01 MLOPS02 MLSEC01 MLSEC02 MLSEC03 MLSEC04 MLSEC05 MLSEC06 MLREL03 MLPERF01 MLPERF04 MLCOST05 MLCOST06 MLSUS04 MLSUS06 "
[ "$marked" = "$want" ] && pass "ml upgrade: exactly the questions with new change notes are marked" ||
   fail "ml upgrade: exactly the questions with new change notes are marked" \
      "marked: $marked
wanted: $want"

# The built-in lens's long titles (issue 18): a difference wraps at 80
# columns with its continuation lines under the text column, and the
# heading's continuation is indented.
start diff-wrap
quiet workload add wide-diff
quiet answer wide-diff MLOPS03 --select MLOPS03_BP01
quiet milestone add wide-diff "first pass of the platform team review"
quiet answer wide-diff MLOPS03 --select MLOPS03_BP02
quiet answer wide-diff MLOPS04 --select MLOPS04_BP01
run milestone diff wide-diff "first pass of the platform team review"
awk 'length > 80 { print "too wide: " $0; bad = 1 } END { exit bad }' "$OUT" &&
   pass "milestone diff: no line wider than 80" ||
   fail "milestone diff: no line wider than 80" "$(awk 'length > 80' "$OUT")"

golden "$CASE" "$OUT"

# A change of only impact and effort is named in the diff's JSON fields
# (they once stopped at note).
start diff-impact
quiet workload add rated --lens "$FIX/small.yaml"
quiet answer rated Q1 --select Q1_c
quiet milestone add rated before
quiet plan set rated Q1 Q1_a --impact high --effort low
run milestone diff rated before --format json
golden "$CASE" "$OUT"
finish
