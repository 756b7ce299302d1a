# tests/report/fixture.sh: the reviews the report tests print (sourced
# after tests/lib.sh, which pins the clock, the user and the locale).
#
#   make_fraud DB    the small test lens: answers with notes, tracked plan
#                    items (one overdue), a milestone, then more answers
#   make_ml DB       the built-in Machine Learning Lens, most questions
#                    answered, so that the plan runs over several pages
#   make_evil DB     tests/fixtures/report/hostile.yaml, with hostile notes

FIXTURES="$top_srcdir/tests/fixtures"

wl() {
   "$WALENS" --user tester --db "$DB" "$@" > /dev/null || {
      echo "fixture: walens $* failed" >&2
      exit 99
   }
}

make_fraud() {
   DB=$1
   wl workload add fraud-model --lens "$FIXTURES/lenses/small.yaml" \
      --description "Card fraud scoring, batch and real time" --environment production --owner alice
   wl answer fraud-model Q1 --select Q1_a --notes "Builds run in CI; reviews are informal."
   wl answer fraud-model Q2 --none
   wl answer fraud-model Q3 --select Q3_vault --notes "Vault for prod only; dev keys in env files."
   wl answer fraud-model Q5 --select Q5_test
   wl plan set fraud-model Q1 Q1_b --status in_progress --owner bob --due 2026-11-01 \
      --note "Second reader for model code, starting with the feature pipeline."
   wl plan set fraud-model Q3 Q3_rotate --owner carol --due 2027-01-15 --priority 1
   wl milestone add fraud-model baseline
   wl answer fraud-model Q4 --not-applicable OUT_OF_SCOPE
   wl answer fraud-model Q2 --select Q2_a
   wl plan set fraud-model Q2 Q2_b --status risk_accepted --note "Paging is covered by the platform team."
}

make_ml() {
   DB=$1
   wl workload add ml-platform --description "Recommendation models" --owner dana
   # Every question of the first five pillars gets its first practice; the
   # sustainability questions stay unanswered.
   "$WALENS" --db "$DB" status ml-platform --format json > "$TMP/ml-status.json"
   python3 - "$TMP/ml-status.json" > "$TMP/ml-answers" <<'PY'
import json, sys
lens = json.load(open(sys.argv[1]))
for q in lens["questions"]:
    if q["pillar"] != "sustainability":
        print(q["id"])
PY
   while read -r q; do
      wl answer ml-platform "$q" --select "${q}_BP01"
   done < "$TMP/ml-answers"
   wl plan set ml-platform MLOPS01 MLOPS01_BP02 --status in_progress --owner erin --due 2026-12-15
   wl milestone add ml-platform first-pass
}

make_evil() {
   DB=$1
   wl workload add evil --lens "$FIXTURES/report/hostile.yaml" \
      --description "$(printf 'Desc <script>x</script>, "q"\nsecond line\033[2J\007')"
   wl answer evil HQ1 --select HQ1_ctl \
      --notes "$(printf 'Note <script>alert("n")</script>, comma\nline2 \033]0;title\007 =1+1 \302\205C1')"
   wl answer evil HQ2 --select HQ2_a
   long=0123456789abcdefghijklmnopqrstuvwxyz
   long=$long$long$long$long$long$long$long$long
   wl plan set evil HQ1 HQ1_formula --owner "=evil()" --note "$(printf 'a,"b"\nc <b>bold</b> %s' "$long")"
   wl answer evil HQ2 --notes "One word longer than any page: $long$long"
}
