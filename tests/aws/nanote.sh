#!/bin/sh
# The text beside a question's not-applicable reason and AWS (issue 18).
# AWS has a Reason beside a question that does not apply but no text of
# its own beside it, so the export writes the text as the first line of the
# question's Notes ("N/A: TEXT", src/report/aws.h) and `import --from-aws`
# takes it back out: a workload pushed and pulled keeps its text, its notes
# and its reason; a first line that is not such a text stays in the notes.
. "$top_srcdir/tests/aws/awslib.sh"

# show FILE: the question-level fields of an UpdateAnswer or GetAnswer file.
show() {
   python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
a = d.get("Answer", d)
print(json.dumps({k: a.get(k) for k in ("QuestionId", "IsApplicable", "Reason", "Notes")},
                 ensure_ascii=False))' "$1" >> "$OUT"
}

quiet workload add shop --description "Product recommendations" --environment production \
   --owner "Dana Ops"
quiet answer shop MLSEC01 --not-applicable OUT_OF_SCOPE --reason "No user data — Datenschutz (EU)" \
   --notes "$(printf 'Reviewed with legal.\nSee ticket SEC-7.')"
quiet answer shop MLSEC02 --not-applicable OTHER --reason "Covered by the platform team"
quiet answer shop MLSEC03 --not-applicable BUSINESS_PRIORITIES
quiet answer shop MLOPS01 --select MLOPS01_BP01 --notes "N/A: this first line is the user's own"
"$WALENS" --db "$DB" export shop --format aws -o "$TMP/push" --region eu-west-1 > /dev/null ||
   fail "export --format aws"
python3 "$HERE/validate.py" "$TMP/push" >> "$OUT" 2>&1 || fail "the files fit the AWS model"
for q in MLSEC01 MLSEC02 MLSEC03 MLOPS01; do show "$TMP/push/answers/$q.json"; done

python3 "$HERE/reshape.py" "$TMP/push" "$TMP/got" get-answer || fail "reshape get-answer"
run import --from-aws "$TMP/got" --as pulled

"$WALENS" --db "$DB" status pulled --format json | python3 -c 'import json, sys
for q in json.load(sys.stdin)["questions"]:
    if q["id"] in ("MLSEC01", "MLSEC02", "MLSEC03", "MLOPS01"):
        print(q["id"], q.get("not_applicable_reason"), repr(q.get("not_applicable_text")),
              repr(q["notes"]))' >> "$OUT"
# Pulled again into the workload it came from: nothing changed.
run import --from-aws "$TMP/got" --into shop

golden nanote "$OUT"
finish
