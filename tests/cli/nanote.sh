#!/bin/sh
# The short text beside a not-applicable reason (issue 18): `answer
# --reason`, what status, history, undo and the reports show of it, a
# bundle that carries it, and each refusal with its message and nothing
# written.  Golden transcripts in tests/nanote/golden/.
SUITE=nanote
. "$top_srcdir/tests/lib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
DB="$TMP/walens.db"
# run, quiet and start: tests/lib.sh.

# qstatus WORKLOAD Q: the question's entry of `status --format json` (the
# rest of the document is the status suite's).
qstatus() {
   printf '$ walens status %s --format json  (question %s)\n' "$1" "$2" >> "$OUT"
   "$WALENS" --user tester --db "$DB" status "$1" --format json > "$TMP/status.json" 2>&1
   printf '[exit %d]\n' "$?" >> "$OUT"
   python3 -c 'import json, sys
for q in json.load(open(sys.argv[1]))["questions"]:
    if q["id"] == sys.argv[2]:
        print(json.dumps(q, indent=2, ensure_ascii=False))' "$TMP/status.json" "$2" >> "$OUT"
}
# chars N: N times "ü" (2 bytes, 1 character each).
chars() {
   python3 -c 'import sys; sys.stdout.write("\u00fc" * int(sys.argv[1]))' "$1"
}

quiet workload add fraud --lens "$FIX/small.yaml"

start answer
run answer fraud Q1 --not-applicable OUT_OF_SCOPE --reason "Batch scoring only — no online endpoint"
qstatus fraud Q1
# Another reason keeps the text; --reason alone changes it.
run answer fraud Q1 --not-applicable BUSINESS_PRIORITIES
run answer fraud Q1 --reason "Moved to the Q3 plan (Datenschutz first)"
run history fraud Q1
run revert fraud 3
qstatus fraud Q1
run answer fraud Q1 --reason ""
run answer fraud Q1 --applicable
run history fraud Q1

start refused
quiet answer fraud Q2 --not-applicable OTHER --reason "kept as it is"
run answer fraud Q2 --reason "two
lines"
run answer fraud Q2 --reason "$(printf 'red \033[31malert')"
run answer fraud Q2 --reason "$(printf 'tab\there')"
run answer fraud Q2 --reason "   "
run answer fraud Q2 --reason "$(printf '\377\376')"
run answer fraud Q2 --reason "$(chars 251)"
run answer fraud Q3 --reason "not marked"
run answer fraud Q2 --applicable --reason "both"
run answer fraud Q3 --select Q3_vault --reason "not marked"
# Nothing of the above was written.
run history fraud Q2
run history fraud Q3
# 250 characters (500 bytes) are allowed.
run answer fraud Q2 --reason "$(chars 250)"
qstatus fraud Q2

start report
quiet answer fraud Q2 --applicable
quiet answer fraud Q1 --not-applicable OUT_OF_SCOPE --reason "Batch scoring only <no endpoint> & \"Datenschutz\""
# report WORKLOAD FORMAT [ARGS]: the lines of the report that tell Q1's mark.
report() {
   w=$1 f=$2
   shift 2
   printf '$ walens report %s --format %s %s  (lines about not applicable)\n' "$w" "$f" "$*" >> "$OUT"
   "$WALENS" --user tester --db "$DB" report "$w" --format "$f" "$@" > "$TMP/report" 2>&1
   printf '[exit %d]\n' "$?" >> "$OUT"
   grep -i -e 'not applicable:' -e '"reason' "$TMP/report" >> "$OUT"
}
report fraud text --width 120
report fraud md
report fraud html
report fraud json
quiet milestone add fraud m1
quiet answer fraud Q1 --reason "changed after m1"
report fraud text --milestone m1 --width 120
report fraud text --width 120

start template
quiet answer fraud Q3 --not-applicable OUT_OF_SCOPE --reason "Secrets live in the platform vault"
run template create platform --from fraud --questions Q3
run template show platform
run workload add churn --template platform
qstatus churn Q3

start bundle
quiet answer fraud Q1 --not-applicable ARCHITECTURE_CONSTRAINTS --reason "GPU quota is fixed"
"$WALENS" --user tester --db "$DB" export fraud -o "$TMP/fraud.json" || fail "export"
grep -o '"reason_text": *"GPU quota is fixed"' "$TMP/fraud.json" >> "$OUT"
DB="$TMP/other.db"
run import "$TMP/fraud.json" --as copy
qstatus copy Q1
# A bundle from before the text (no reason_text) imports as it did.
python3 - "$TMP/fraud.json" "$TMP/old.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
for a in b["answers"]:
    a.pop("reason_text", None)
for h in b["history"]:
    for k in ("before", "after"):
        if isinstance(h.get(k), str) and h[k].startswith("{"):
            o = json.loads(h[k])
            o.pop("na_note", None)
            h[k] = json.dumps(o)
json.dump(b, open(sys.argv[2], "w"))
PY
run import "$TMP/old.json" --as old
qstatus old Q1
# A text with a line break, or on a question that applies, is refused.
python3 - "$TMP/fraud.json" "$TMP/bad.json" "$TMP/bad2.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
for a in b["answers"]:
    if a["question"] == "Q1":
        a["reason_text"] = "two\nlines"
json.dump(b, open(sys.argv[2], "w"))
for a in b["answers"]:
    if a["question"] == "Q1":
        a["reason_text"] = "fine"
        a["not_applicable"] = False
        a["reason"] = None
json.dump(b, open(sys.argv[3], "w"))
PY
run import "$TMP/bad.json" --as bad
run import "$TMP/bad2.json" --as bad
run workload list

# Merged back: the text changed here and in the bundle is a clash that
# names it; nothing of it is written.
start into
DB="$TMP/laptop.db"
quiet import "$TMP/fraud.json"
quiet answer fraud Q1 --reason "laptop: quota still fixed"
quiet export fraud -o "$TMP/theirs.json"
DB="$TMP/walens.db"
quiet answer fraud Q1 --reason "here: quota raised in May"
run import "$TMP/theirs.json" --into fraud
qstatus fraud Q1
run import "$TMP/theirs.json" --into fraud --prefer theirs
qstatus fraud Q1
golden "$CASE" "$OUT"

finish
