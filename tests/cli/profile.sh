#!/bin/sh
# walens profile list | show | set and workload add --profile: the shipped
# profile, golden diagnostics of broken profile files, priority marks and
# counts in status and reports, and profiles carried by bundles (round
# trip, and damaged or hostile profile parts refused without a change).
SUITE=cli
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to damage bundles"
   exit 77
fi

DB="$TMP/walens.db"
P="$top_srcdir/tests/fixtures/profiles"
L="$top_srcdir/tests/fixtures/lenses"
OUT="$TMP/profile.out"
: > "$OUT"

# run ARGS...: appends the command, its output and exit status to $OUT.
run() {
   printf '$ walens' >> "$OUT"
   printf ' %s' "$@" | sed -e "s|$top_srcdir|SRC|g" -e "s|$TMP|TMP|g" >> "$OUT"
   printf '\n' >> "$OUT"
   "$WALENS" --user tester --db "$DB" "$@" > "$TMP/run.out" 2>&1
   rc=$?
   sed -e "s|$top_srcdir|SRC|g" -e "s|$TMP|TMP|g" "$TMP/run.out" >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}

run profile list
run profile show machine-learning-context
for f in err-syntax err-missing err-type err-dup err-priority err-unknown-question err-lens-key \
   warn-keys; do
   run profile show "$P/$f.yaml"
done
run profile show no-such-profile
golden profile-files "$OUT"

# ---- a workload with the shipped profile ----
: > "$OUT"
run workload add chat --profile machine-learning-context --context people=nobody
run workload add chat --profile "$P/small.yaml"
run workload add chat --context people=people_decides
run workload list
run workload add chat --profile machine-learning-context \
   --context people=people_decides,genai=genai_finetune
run answer chat MLOPS01 --select MLOPS01_BP01
run answer chat MLCOST01 --select MLCOST01_BP01
run answer chat MLREL03 --select MLREL03_BP01,MLREL03_BP02
run status chat
run profile set chat --context inference=inference_realtime,genai=genai_prompt
run profile set chat --context scale=huge
run history chat
run report chat --format csv
golden profile-workload "$OUT"

# ---- bundles ----
"$WALENS" --db "$DB" export chat -o "$TMP/chat.bundle" || fail "export chat"
"$WALENS" --user importer --db "$TMP/copy.db" import "$TMP/chat.bundle" > /dev/null ||
   fail "import chat"
"$WALENS" --db "$TMP/copy.db" export chat > "$TMP/chat.again"
# The lens key of a built-in lens brought by a bundle changes (bundle.md);
# the profile part must come back byte for byte.
part() {
   python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["profile"]))' "$1"
}
if [ "$(part "$TMP/chat.bundle")" = "$(part "$TMP/chat.again")" ] &&
   grep -q '"people": "people_decides"' "$TMP/chat.bundle"; then
   pass "a bundle carries the profile and its answers: export, import, export is the same"
else
   fail "a bundle carries the profile: export, import, export is the same" \
      "$(diff "$TMP/chat.bundle" "$TMP/chat.again" | head -n 20)"
fi
# The imported copy's lens came with the bundle (from_bundle, issue 19);
# everything else must read the same.
"$WALENS" --db "$DB" status chat --format json | grep -v '"from_bundle"' > "$TMP/a.json"
"$WALENS" --db "$TMP/copy.db" status chat --format json | grep -v '"from_bundle"' > "$TMP/b.json"
if cmp -s "$TMP/a.json" "$TMP/b.json" && grep -q '"priority_counts"' "$TMP/b.json"; then
   pass "the imported workload has the same priorities"
else
   fail "the imported workload has the same priorities" "$(diff "$TMP/a.json" "$TMP/b.json")"
fi

# Damaged and hostile profile parts: each refused, the database unchanged.
python3 - "$TMP/chat.bundle" "$TMP" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
base = json.load(open(src, encoding="utf-8"))
def write(name, change):
    b = json.loads(json.dumps(base))
    change(b)
    with open("%s/bad-%s.bundle" % (tmp, name), "w", encoding="utf-8") as f:
        json.dump(b, f)
def text(b, t):
    import hashlib
    b["profile"]["text"] = t
    b["profile"]["sha256"] = hashlib.sha256(t.encode()).hexdigest()
write("sha", lambda b: b["profile"].update(text=b["profile"]["text"] + "\n# edited\n"))
write("choice", lambda b: b["profile"]["context"].update(people="people_everyone"))
write("question", lambda b: b["profile"]["context"].update(mood="happy"))
write("context-type", lambda b: b["profile"]["context"].update(people=3))
write("not-object", lambda b: b.update(profile=[1]))
write("yaml", lambda b: text(b, "id: [broken\n"))
write("unknown-id", lambda b: text(b, b["profile"]["text"].replace("MLOPS01,", "MLOPS77,", 1)))
write("other-lens", lambda b: text(b, b["profile"]["text"].replace("id: machine-learning\n", "id: serverless\n", 1)))
write("nul", lambda b: b["profile"].update(text="id: a\u0000b\n"))
PY
: > "$OUT"
for f in sha choice question context-type not-object yaml unknown-id other-lens nul; do
   run import "$TMP/bad-$f.bundle" --as "bad-$f"
done
golden profile-bundle-refused "$OUT"
if "$WALENS" --db "$DB" workload list --all | grep -q bad-; then
   fail "refused bundles leave no workload behind"
else
   pass "refused bundles leave no workload behind"
fi

finish
