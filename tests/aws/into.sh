#!/bin/sh
# AWS's answers merged into an existing workload (`import --from-aws PATH
# --into WORKLOAD`): pushed, edited in AWS and here at once, pulled back.
# The first pull has no common base, so a part both sides hold otherwise
# is a clash; a refused pull writes nothing; --prefer settles the clashes;
# the same answers again are a no-op; a later pull merges three-way from
# what the last pull brought (a deselection in AWS lands, notes edited on
# other lines combine).  Bad input names the file and the answer.
. "$top_srcdir/tests/aws/awslib.sh"

# answers WORKLOAD: the workload's answers as a sorted, comparable text, into $OUT too.
answers() {
   "$WALENS" --db "$DB" export "$1" | python3 -c '
import json, sys
for a in sorted(json.load(sys.stdin)["answers"], key=lambda a: a["question"]):
    print(a["question"], "n/a" if a["not_applicable"] else "", a["reason"] or "",
          sorted(a["selected"]), sorted(a["not_applicable_choices"]), repr(a["notes"]),
          sorted(a.get("choice_notes", {}).items()))
'
}

# edit DIR PYTHON: runs PYTHON with `a` bound to a loader/saver of DIR/QUESTION.json.
edit() {
   python3 - "$1" "$2" <<'PY'
import json, os, sys
d = sys.argv[1]
def a(q, f):
    p = os.path.join(d, q + ".json")
    doc = json.load(open(p)) if os.path.exists(p) else None
    doc = f(doc)
    json.dump(doc, open(p, "w"), ensure_ascii=False)
exec(sys.argv[2])
PY
}

# ---- pushed to AWS ----
quiet workload add shop --description "Product recommendations" --environment production \
   --owner "Dana Ops"
quiet answer shop MLOPS01 --select MLOPS01_BP01,MLOPS01_BP03 \
   --notes "$(printf 'Line one\nLine two\nLine three, Zürich ✓')"
quiet answer shop MLOPS02 --none --notes "Nothing yet."
quiet answer shop MLSEC01 --not-applicable OUT_OF_SCOPE
quiet answer shop MLOPS03 --select MLOPS03_BP02
quiet answer shop MLOPS03 --choice-notes MLOPS03_BP02 "ticket ML-1"
"$WALENS" --db "$DB" export shop --format aws -o "$TMP/push" --region eu-west-1 > /dev/null ||
   fail "export --format aws"
python3 "$HERE/reshape.py" "$TMP/push" "$TMP/got" get-answer || fail "reshape get-answer"

# ---- the same answers come back: nothing to do ----
run import --from-aws "$TMP/got" --into shop

# ---- edited in AWS ... ----
edit "$TMP/got" '
def ops01(d):
    x = d["Answer"]
    x["SelectedChoices"] = ["MLOPS01_BP01", "MLOPS01_BP02"]
    for c in x["ChoiceAnswers"]:
        if c["ChoiceId"] == "MLOPS01_BP02": c["Status"] = "SELECTED"
        if c["ChoiceId"] == "MLOPS01_BP03": c["Status"] = "UNSELECTED"
    x["Notes"] = "Line one\nLine two\nLine three, Zürich ✓ (AWS)"
    return d
a("MLOPS01", ops01)
def ops03(d):
    for c in d["Answer"]["ChoiceAnswers"]:
        if c["ChoiceId"] == "MLOPS03_BP02": c["Notes"] = "ticket ML-2 (AWS)"
    return d
a("MLOPS03", ops03)
'
# ... and here, at the same time
quiet answer shop MLOPS01 --notes "$(printf 'Line one (here)\nLine two\nLine three, Zürich ✓')"
quiet answer shop MLOPS03 --choice-notes MLOPS03_BP02 "ticket ML-1 (here)"
quiet answer shop MLREL01 --select MLREL01_BP01

# ---- the first pull: no common base, so both notes clash; nothing written ----
answers shop > "$TMP/before"
run import --from-aws "$TMP/got" --into shop
answers shop > "$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then
   pass "a pull with clashes and no --prefer writes nothing"
else
   fail "a pull with clashes and no --prefer writes nothing" "$(diff "$TMP/before" "$TMP/after")"
fi
run import --from-aws "$TMP/got" --into shop --prefer theirs
answers shop >> "$OUT"
# Once pulled, the same answers are the base: again, nothing to do.
run import --from-aws "$TMP/got" --into shop

# ---- a second pull merges three-way from what the first one brought ----
# MLOPS01_BP01 unselected in AWS since the first pull goes; MLOPS01_BP03,
# unselected in AWS before the first pull (no base then: a practice
# selected on either side stays), stays.
edit "$TMP/got" '
def ops01(d):
    x = d["Answer"]
    x["SelectedChoices"] = ["MLOPS01_BP02"]
    for c in x["ChoiceAnswers"]:
        if c["ChoiceId"] == "MLOPS01_BP01": c["Status"] = "UNSELECTED"
    x["Notes"] = x["Notes"] + "\nLine four (AWS)"
    return d
a("MLOPS01", ops01)
def sec01(d):
    d["Answer"]["Reason"] = "BUSINESS_PRIORITIES"
    return d
a("MLSEC01", sec01)
'
quiet answer shop MLOPS01 --notes "$(printf 'Line one (here, again)\nLine two\nLine three, Zürich ✓ (AWS)')"
quiet answer shop MLSEC01 --not-applicable OTHER
run import --from-aws "$TMP/got" --into shop
run import --from-aws "$TMP/got" --into shop --prefer ours
answers shop >> "$OUT"
if answers shop | grep -q "^MLSEC01 n/a OTHER " &&
   answers shop |
   grep -q "^MLOPS01  .*\['MLOPS01_BP02', 'MLOPS01_BP03'\] .*Line one (here, again).*Line four (AWS)"; then
   pass "a second pull applies AWS's changes since the first, keeps ours on --prefer ours"
else
   fail "a second pull applies AWS's changes since the first, keeps ours on --prefer ours" \
      "$(answers shop)"
fi
"$WALENS" --db "$DB" history shop MLOPS01 > "$TMP/hist" 2>&1 || fail "history after a pull"

# ---- list-answers prints no notes: a pull of it keeps the notes ----
python3 - "$TMP/got" "$TMP/list.json" <<'PY'
import json, os, sys
d, out = sys.argv[1], sys.argv[2]
docs = [json.load(open(os.path.join(d, f))) for f in sorted(os.listdir(d))]
sums = []
for doc in docs:
    a = doc["Answer"]
    sums.append({k: a[k] for k in ("QuestionId", "SelectedChoices", "IsApplicable", "Reason")
                 if k in a})
    sums[-1]["ChoiceAnswerSummaries"] = [
        {k: c[k] for k in ("ChoiceId", "Status", "Reason") if k in c}
        for c in a.get("ChoiceAnswers", [])]
top = {k: docs[0][k] for k in ("WorkloadId", "LensAlias", "LensArn") if k in docs[0]}
json.dump(dict(top, AnswerSummaries=sums), open(out, "w"))
PY
answers shop > "$TMP/before"
run import --from-aws "$TMP/list.json" --into shop --prefer ours
answers shop > "$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then
   pass "list-answers output (no notes) leaves the notes as they are"
else
   fail "list-answers output (no notes) leaves the notes as they are" \
      "$(diff "$TMP/before" "$TMP/after")"
fi

# ---- bad input: a clear error naming the file and the answer, nothing written ----
answers shop > "$TMP/before"
mkdir "$TMP/bad"
cp "$TMP/got/MLOPS02.json" "$TMP/bad/a.json"
sed 's/"MLOPS01"/"MLOPS99"/; s/MLOPS01_BP02/MLOPS01_BP99/g' "$TMP/got/MLOPS01.json" > "$TMP/bad/b.json"
run import --from-aws "$TMP/bad/b.json" --into shop
printf -- '--- unknown choice ids beside a good file ---\n' >> "$OUT"
sed 's/MLOPS01_BP02/MLOPS01_BP99/g' "$TMP/got/MLOPS01.json" > "$TMP/bad/b.json"
run import --from-aws "$TMP/bad" --into shop
printf -- '--- a workload on another lens ---\n' >> "$OUT"
sed 's/\bQ\([0-9]\)/QQ\1/g' "$top_srcdir/tests/fixtures/lenses/small.yaml" > "$TMP/small.yaml"
quiet workload add custom --lens "$TMP/small.yaml"
run import --from-aws "$TMP/got" --into custom
printf -- '--- an AWS catalogue lens, truncated JSON, no such workload ---\n' >> "$OUT"
sed 's|"LensAlias": "arn:[^"]*"|"LensAlias": "wellarchitected"|; s|"LensArn": "[^"]*", *||' \
   "$TMP/got/MLOPS02.json" > "$TMP/catalogue.json"
run import --from-aws "$TMP/catalogue.json" --into shop
head -c 200 "$TMP/got/MLOPS01.json" > "$TMP/trunc.json"
run import --from-aws "$TMP/trunc.json" --into shop
run import --from-aws "$TMP/got" --into nosuch
printf -- '--- what does not go together ---\n' >> "$OUT"
run import --from-aws "$TMP/got" --into shop --as other
run import --from-aws "$TMP/got" --into shop --lens machine-learning
run import --from-aws "$TMP/got" --into shop --prefer mine
run import --from-aws "$TMP/got" --into shop extra.json
answers shop > "$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then
   pass "refused pulls write nothing"
else
   fail "refused pulls write nothing" "$(diff "$TMP/before" "$TMP/after")"
fi

golden into "$OUT"
finish
