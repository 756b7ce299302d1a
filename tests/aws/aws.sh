#!/bin/sh
# The AWS Well-Architected Tool, offline: `export --format aws` writes
# inputs the service model accepts (botocore's validator, with enums,
# maxima and patterns); push.sh runs the AWS CLI (a stub that records its
# arguments) in the documented order, stops at a failing step and goes on
# where it stopped; the answers, reshaped into get-answer and list-answers
# output, come back through `import --from-aws` as they were; bad input is
# a clear error and writes nothing.
. "$top_srcdir/tests/aws/awslib.sh"

# run ARGS...: appends the command, its output and exit status to $OUT.
run() {
   printf '$ walens' > "$TMP/cmd"
   printf ' %s' "$@" >> "$TMP/cmd"
   printf '\n' >> "$TMP/cmd"
   sed -e "s|$TMP|TMP|g" "$TMP/cmd" >> "$OUT"
   "$WALENS" --user tester --db "$DB" "$@" > "$TMP/run.out" 2>&1
   rc=$?
   sed -e "s|$TMP|TMP|g" "$TMP/run.out" >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}

wl() {
   "$WALENS" --user tester --db "$DB" "$@" > /dev/null || {
      echo "fixture: walens $* failed" >&2
      exit 99
   }
}

# ---- the fixture: every kind of answer on the Machine Learning Lens ----
wl workload add shop-recs --description "Product recommendations" --environment production \
   --owner "Dana Ops"
wl answer shop-recs MLOPS01 --select MLOPS01_BP01,MLOPS01_BP03 \
   --notes "$(printf 'Two lines,\nthen Zürich, naïve, 日本語 ✓ and "quotes" \\ backslash')"
wl answer shop-recs MLOPS02 --none --notes "Nothing yet."
wl answer shop-recs MLSEC01 --not-applicable OUT_OF_SCOPE --notes "Handled by the platform."
wl answer shop-recs MLREL01 --not-applicable BUSINESS_PRIORITIES
wl answer shop-recs MLPERF01 --not-applicable ARCHITECTURE_CONSTRAINTS
wl answer shop-recs MLCOST01 --not-applicable OTHER
wl answer shop-recs MLSUS01 --notes "Only notes here so far."
wl answer shop-recs MLOPS03 --select MLOPS03_BP02
wl answer shop-recs MLREL02 --select MLREL02_BP01
wl answer shop-recs MLOPS01 --choice-notes MLOPS01_BP01 \
   "Runbook: https://wiki.example.com/ml/runbooks/stakeholder-review?rev=12#sign-off"
wl answer shop-recs MLOPS01 --choice-notes MLOPS01_BP03 "$(printf 'Ticket ML-42\nÉtude de cas ✓')"
wl answer shop-recs MLOPS03 --choice-notes MLOPS03_no "Not this one."
wl milestone add shop-recs "first pass"
# Practices marked not applicable: through a bundle, as the TUI would store them.
"$WALENS" --db "$DB" export shop-recs > "$TMP/b.json"
python3 - "$TMP/b.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
for a in b["answers"]:
    if a["question"] == "MLOPS01":
        a["not_applicable_choices"] = ["MLOPS01_BP02"]
        a["choice_notes"]["MLOPS01_BP02"] = "(OUT_OF_SCOPE)"
    if a["question"] == "MLOPS03":
        a["not_applicable_choices"] = ["MLOPS03_BP01"]
        # Why a practice is set aside: the first line of its notes.
        a.setdefault("choice_notes", {})["MLOPS03_BP01"] = \
            "(ARCHITECTURE_CONSTRAINTS)\nNo GPUs in that region."
    if a["question"] == "MLREL02":
        a["not_applicable_choices"] = ["MLREL02_BP02"]
json.dump(b, open(sys.argv[1], "w"))
PY
wl import "$TMP/b.json" --as fixture

# ---- practice notes in the reports, under their practice ----
for f in json md html text; do
   "$WALENS" --db "$DB" report fixture --format $f > "$TMP/report.$f" || fail "report --format $f"
done
if python3 - "$TMP" <<'PY'
import json, sys
t = sys.argv[1]
url = "https://wiki.example.com/ml/runbooks/stakeholder-review?rev=12#sign-off"
q = [q for q in json.load(open(t + "/report.json"))["questions"] if q["id"] == "MLOPS01"][0]
notes = {c["id"]: c.get("notes") for c in q["choices"]}
assert notes == {"MLOPS01_BP01": "Runbook: " + url, "MLOPS01_BP02": "(OUT_OF_SCOPE)",
                 "MLOPS01_BP03": "Ticket ML-42\nÉtude de cas ✓", "MLOPS01_no": None}, notes
md = open(t + "/report.md").read().splitlines()
i = [k for k, l in enumerate(md) if "Runbook:" in l][0]
assert md[i].startswith("  *Notes:* Runbook: https") and md[i - 1].startswith("- [x] "), md[i-1:i+1]
html = open(t + "/report.html").read()
assert "<div class=\"pre\"><em>Notes:</em> Runbook: " + url + "</div></li>" in html
text = open(t + "/report.text").read().splitlines()
i = [k for k, l in enumerate(text) if "Notes: Runbook:" in l][0]
assert text[i - 1].lstrip().startswith("[x] "), text[i - 1:i + 1]
PY
then
   pass "practice notes appear under their practice in every report"
else
   fail "practice notes appear under their practice in every report"
fi

# ---- export ----
run export fixture --format aws -o "$TMP/push" --region eu-west-1 --region us-east-1 --milestones
(cd "$TMP/push" && find . -type f | LC_ALL=C sort) >> "$OUT"
if python3 "$HERE/validate.py" "$TMP/push" > "$TMP/valid.out" 2>&1; then
   pass "every input validates against the wellarchitected model"
else
   fail "every input validates against the wellarchitected model" "$(cat "$TMP/valid.out")"
fi
golden answer-MLOPS01 "$TMP/push/answers/MLOPS01.json"
golden answer-MLSEC01 "$TMP/push/answers/MLSEC01.json"
# A practice's own reason goes to AWS as its Reason, the rest as its notes;
# one without a reason goes as NONE.
if python3 - "$TMP/push/answers" <<'PY'
import json, sys
u = json.load(open(sys.argv[1] + "/MLOPS03.json"))["ChoiceUpdates"]
assert u["MLOPS03_BP01"] == {"Status": "NOT_APPLICABLE", "Reason": "ARCHITECTURE_CONSTRAINTS",
                             "Notes": "No GPUs in that region."}, u["MLOPS03_BP01"]
u = json.load(open(sys.argv[1] + "/MLOPS01.json"))["ChoiceUpdates"]
assert u["MLOPS01_BP02"] == {"Status": "NOT_APPLICABLE", "Reason": "OUT_OF_SCOPE"}, u["MLOPS01_BP02"]
u = json.load(open(sys.argv[1] + "/MLREL02.json"))["ChoiceUpdates"]
assert u["MLREL02_BP02"] == {"Status": "NOT_APPLICABLE", "Reason": "NONE"}, u["MLREL02_BP02"]
PY
then
   pass "a practice's not-applicable reason goes as its own Reason"
else
   fail "a practice's not-applicable reason goes as its own Reason"
fi
golden workload "$TMP/push/workload.json"

# The validator fails on a field the model does not have, a wrong type and
# a wrong enum value.
cp -R "$TMP/push" "$TMP/broken"
python3 - "$TMP/broken/answers/MLOPS03.json" "$TMP/broken/workload.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
a["Risk"] = "HIGH"
a["IsApplicable"] = "true"
a["ChoiceUpdates"]["MLOPS03_BP01"]["Status"] = "N/A"
json.dump(a, open(sys.argv[1], "w"))
w = json.load(open(sys.argv[2]))
w["Environment"] = "production"
json.dump(w, open(sys.argv[2], "w"))
PY
python3 "$HERE/validate.py" "$TMP/broken" > "$TMP/broken.out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'Unknown parameter in input: "Risk"' "$TMP/broken.out" &&
   grep -q 'Invalid type for parameter IsApplicable' "$TMP/broken.out" &&
   grep -q "Status: 'N/A' is not one of" "$TMP/broken.out" &&
   grep -q "Environment: 'production' is not one of" "$TMP/broken.out"; then
   pass "the validator refuses unknown fields, wrong types and enums"
else
   fail "the validator refuses unknown fields, wrong types and enums" "$(cat "$TMP/broken.out")"
fi

# ---- push.sh against a stub aws ----
mkdir -p "$TMP/bin"
cp "$HERE/aws-stub" "$TMP/bin/aws"
chmod +x "$TMP/bin/aws"
push() { # DIR [ENV=VALUE...]: runs DIR/push.sh from elsewhere, logs to $OUT
   dir=$1
   shift
   printf '$ sh push.sh %s\n' "$*" >> "$OUT"
   (cd "$TMP" && env PATH="$TMP/bin:$PATH" AWS_STUB_LOG="$TMP/aws.log" "$@" sh "$dir/push.sh") \
      >> "$OUT" 2>&1
   printf '[exit %d]\n' "$?" >> "$OUT"
   sed -e "s|$TMP|TMP|g" "$TMP/aws.log" >> "$OUT"
   : > "$TMP/aws.log"
}
cp -R "$TMP/push" "$TMP/push2"
push "$TMP/push"
printf -- '--- again: the steps done are skipped ---\n' >> "$OUT"
push "$TMP/push"
printf -- '--- a failing step stops the script; the next run goes on from it ---\n' >> "$OUT"
push "$TMP/push2" AWS_STUB_FAIL=associate-lenses
push "$TMP/push2"
if command -v shellcheck > /dev/null 2>&1; then
   if shellcheck -s sh "$TMP/push/push.sh" > "$TMP/sc.out" 2>&1; then
      pass "push.sh passes shellcheck"
   else
      fail "push.sh passes shellcheck" "$(cat "$TMP/sc.out")"
   fi
fi
run export fixture --format aws -o "$TMP/existing" --workload-id 00112233445566778899aabbccddeeff
ls "$TMP/existing" >> "$OUT"
push "$TMP/existing"

# ---- round trip: get-answer output back in ----
python3 "$HERE/reshape.py" "$TMP/push" "$TMP/got" get-answer || fail "reshape get-answer"
python3 "$HERE/reshape.py" "$TMP/push" "$TMP/listed" list-answers || fail "reshape list-answers"
run import --from-aws "$TMP/got" --as back
run import --from-aws "$TMP/listed/list.json" --as listed
# answers DB WORKLOAD [notes]: the answers as a sorted, comparable text.
answers() {
   "$WALENS" --db "$DB" export "$1" | python3 -c '
import json, sys
notes = len(sys.argv) > 1
for a in json.load(sys.stdin)["answers"]:
    print(a["question"], a["not_applicable"], a["reason"], sorted(a["selected"]),
          sorted(a["not_applicable_choices"]), repr(a["notes"]) if notes else "",
          sorted(a.get("choice_notes", {}).items()) if notes else "")
' $2
}
answers fixture notes > "$TMP/a.txt"
answers back notes > "$TMP/b.txt"
if cmp -s "$TMP/a.txt" "$TMP/b.txt"; then
   pass "get-answer output imports to the same answers and notes"
else
   fail "get-answer output imports to the same answers and notes" "$(diff "$TMP/a.txt" "$TMP/b.txt")"
fi
# list-answers has no notes: the notes-only answer is not in it, the rest is.
answers fixture | grep -v '^MLSUS01 ' > "$TMP/a.txt"
answers listed > "$TMP/b.txt"
if cmp -s "$TMP/a.txt" "$TMP/b.txt"; then
   pass "list-answers output (two pages) imports to the same selections"
else
   fail "list-answers output (two pages) imports to the same selections" \
      "$(diff "$TMP/a.txt" "$TMP/b.txt")"
fi
cp "$TMP/got/MLOPS01.json" "$TMP/one.json"
run import --from-aws "$TMP/one.json"

# ---- a custom lens: the ids are the lens file's ----
# small.yaml with ids AWS takes (three characters at least): Q1 -> QQ1.
sed 's/\bQ\([0-9]\)/QQ\1/g' "$top_srcdir/tests/fixtures/lenses/small.yaml" > "$TMP/small.yaml"
wl workload add custom --lens "$TMP/small.yaml" --description "A custom lens" \
   --environment preproduction --owner "Al Ops"
wl answer custom QQ1 --select QQ1_a --notes "on the custom lens"
wl answer custom QQ1 --choice-notes QQ1_a "https://ci.example.com/pipelines/42"
wl answer custom QQ4 --not-applicable OTHER
run export custom --format aws -o "$TMP/custom" --region eu-central-1
python3 "$HERE/validate.py" "$TMP/custom" > "$TMP/valid2.out" 2>&1 ||
   fail "the custom lens export validates" "$(cat "$TMP/valid2.out")"
python3 "$HERE/reshape.py" "$TMP/custom" "$TMP/custom-got" get-answer
run import --from-aws "$TMP/custom-got" --as custom-back
run import --from-aws "$TMP/custom-got" --as custom-back --lens "$TMP/small.yaml"
answers custom notes > "$TMP/a.txt"
answers custom-back notes > "$TMP/b.txt"
if cmp -s "$TMP/a.txt" "$TMP/b.txt"; then
   pass "a custom lens's answers come back with --lens"
else
   fail "a custom lens's answers come back with --lens" "$(diff "$TMP/a.txt" "$TMP/b.txt")"
fi
run lens check "$TMP/custom/lens.json"
printf -- '--- ids AWS does not take ---\n' >> "$OUT"
wl workload add short-ids --lens "$top_srcdir/tests/fixtures/lenses/small.yaml" \
   --description "Ids of two characters" --environment production --owner "Al Ops"
wl answer short-ids Q1 --select Q1_a
run export short-ids --format aws -o "$TMP/short" --region eu-central-1
[ ! -e "$TMP/short" ] && pass "ids AWS refuses write nothing" || fail "ids AWS refuses write nothing"

# ---- bad input: a clear error, nothing written ----
"$WALENS" --db "$DB" workload list --all > "$TMP/before"
printf -- '--- list-answers of another lens ---\n' >> "$OUT"
cat > "$TMP/other.json" <<'EOF'
{"WorkloadId": "0123456789abcdef0123456789abcdef",
 "LensAlias": "arn:aws:wellarchitected:eu-west-1:111122223333:lens/other",
 "LensArn": "arn:aws:wellarchitected:eu-west-1:111122223333:lens/other",
 "AnswerSummaries": [
   {"QuestionId": "MLOPS01", "SelectedChoices": ["MLOPS01_BP01"], "IsApplicable": true},
   {"QuestionId": "SERVERLESS_1", "SelectedChoices": ["sl_a"], "IsApplicable": true},
   {"QuestionId": "SERVERLESS_2", "SelectedChoices": [], "IsApplicable": true}]}
EOF
run import --from-aws "$TMP/other.json"
printf -- '--- an AWS catalogue lens ---\n' >> "$OUT"
sed 's|"LensAlias": "arn:[^"]*"|"LensAlias": "wellarchitected"|; /LensArn/d' "$TMP/other.json" \
   > "$TMP/catalogue.json"
run import --from-aws "$TMP/catalogue.json"
printf -- '--- truncated JSON ---\n' >> "$OUT"
head -c 300 "$TMP/got/MLOPS01.json" > "$TMP/trunc.json"
run import --from-aws "$TMP/trunc.json"
printf -- '--- unknown choice ids, one good file beside them ---\n' >> "$OUT"
mkdir "$TMP/mixed"
cp "$TMP/got/MLOPS02.json" "$TMP/mixed/a.json"
sed 's/MLOPS01_BP03/MLOPS01_BP99/g; s/"MLOPS01_no"/"MLOPS01_never"/' "$TMP/got/MLOPS01.json" \
   > "$TMP/mixed/b.json"
run import --from-aws "$TMP/mixed"
printf -- '--- two workloads ---\n' >> "$OUT"
sed 's/0123456789abcdef0123456789abcdef/ffffffffffffffffffffffffffffffff/' \
   "$TMP/got/MLOPS02.json" > "$TMP/mixed/c.json"
rm "$TMP/mixed/b.json"
run import --from-aws "$TMP/mixed"
printf -- '--- not AWS output, --into ---\n' >> "$OUT"
run import --from-aws "$TMP/b.json"
run import --from-aws "$TMP/got" --into fixture
"$WALENS" --db "$DB" workload list --all > "$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then
   pass "refused imports write nothing"
else
   fail "refused imports write nothing" "$(diff "$TMP/before" "$TMP/after")"
fi

printf -- '--- export: what AWS requires is missing ---\n' >> "$OUT"
wl workload add bare
wl answer bare MLOPS01 --select MLOPS01_BP01
run export bare --format aws -o "$TMP/bare"
run export bare --format aws -o "$TMP/bare" --environment staging --description ab --region eu-west-1 \
   --review-owner Al
run export bare --format aws -o "$TMP/bare" --workload-id 42
[ ! -e "$TMP/bare" ] && pass "a refused export writes nothing" ||
   fail "a refused export writes nothing" "$(ls -R "$TMP/bare")"
printf -- '--- notes past the AWS limit ---\n' >> "$OUT"
long=$(python3 -c 'print("é" * 2085)')
wl answer fixture MLREL01 --notes "$long"
run export fixture --format aws -o "$TMP/long" --region eu-west-1
[ ! -e "$TMP/long" ] && pass "notes past the limit write nothing" ||
   fail "notes past the limit write nothing"
wl answer fixture MLREL01 --notes "short again"
long=$(python3 -c 'print("ü" * 251)')
wl answer fixture MLREL01 --choice-notes MLREL01_BP01 "$long"
run export fixture --format aws -o "$TMP/long" --region eu-west-1
wl answer fixture MLREL01 --choice-notes MLREL01_BP01 ""
[ ! -e "$TMP/long" ] && pass "practice notes past the limit write nothing" ||
   fail "practice notes past the limit write nothing"
printf -- '--- symbolic links in the output directory are not followed ---\n' >> "$OUT"
mkdir -p "$TMP/linked" "$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$TMP/linked/answers"
run export fixture --format aws -o "$TMP/linked" --region eu-west-1
ln -s "$TMP/elsewhere" "$TMP/dirlink"
run export fixture --format aws -o "$TMP/dirlink" --region eu-west-1
if [ -z "$(ls "$TMP/elsewhere")" ] && [ "$(ls "$TMP/linked")" = answers ]; then
   pass "nothing written through a symbolic link"
else
   fail "nothing written through a symbolic link" "$(ls -R "$TMP/linked" "$TMP/elsewhere")"
fi
run export fixture --format aws
run export fixture --region eu-west-1

golden transcript "$OUT"
finish
