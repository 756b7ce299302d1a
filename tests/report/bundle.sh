#!/bin/sh
# walens export / import: a bundle carries a review to another database
# and back unchanged; importing twice duplicates nothing; a taken name is
# refused unless --as renames; damaged bundles are refused with the reason
# and change nothing.
SUITE=report
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/report/fixture.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to damage bundles"
   exit 77
fi

DB="$TMP/walens.db"
make_fraud "$DB"
make_evil "$DB"
"$WALENS" --db "$DB" workload archive evil > /dev/null

# run DB ARGS...: appends the command, its output and exit status to $OUT.
run() {
   db=$1
   shift
   printf '$ walens' > "$TMP/cmd"
   printf ' %s' "$@" >> "$TMP/cmd"
   printf '\n' >> "$TMP/cmd"
   sed -e "s|$TMP|TMP|g" "$TMP/cmd" >> "$OUT"
   "$WALENS" --user importer --db "$db" "$@" > "$TMP/run.out" 2>&1
   rc=$?
   sed -e "s|$TMP|TMP|g" "$TMP/run.out" >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}

# state DB: everything a database holds about its workloads, for comparing.
state() {
   for w in $("$WALENS" --db "$1" workload list --all --format json |
              sed -n 's/^ *"name": "\(.*\)",$/\1/p'); do
      "$WALENS" --db "$1" export "$w"
   done
}

# ---- round trip ----
for w in fraud-model evil; do
   "$WALENS" --db "$DB" export "$w" -o "$TMP/$w.bundle" || fail "export $w"
   "$WALENS" --user importer --db "$TMP/copy.db" import "$TMP/$w.bundle" > "$TMP/import.out" ||
      fail "import $w" "$(cat "$TMP/import.out")"
   "$WALENS" --db "$TMP/copy.db" export "$w" > "$TMP/$w.again"
   if cmp -s "$TMP/$w.bundle" "$TMP/$w.again"; then
      pass "$w: export, import, export gives the same bundle"
   else
      fail "$w: export, import, export gives the same bundle" \
         "$(diff "$TMP/$w.bundle" "$TMP/$w.again" | head -n 20)"
   fi
done
golden fraud-bundle "$TMP/fraud-model.bundle"
for fmt in text json; do
   "$WALENS" --db "$DB" report fraud-model --format $fmt > "$TMP/a.$fmt"
   "$WALENS" --db "$TMP/copy.db" report fraud-model --format $fmt > "$TMP/b.$fmt"
   if cmp -s "$TMP/a.$fmt" "$TMP/b.$fmt"; then
      pass "the imported review reports the same ($fmt)"
   else
      fail "the imported review reports the same ($fmt)" "$(diff "$TMP/a.$fmt" "$TMP/b.$fmt" | head)"
   fi
done

# ---- refusals ----
state "$TMP/copy.db" > "$TMP/before"
OUT="$TMP/refusals.out"
: > "$OUT"
run "$TMP/copy.db" import "$TMP/fraud-model.bundle"
run "$TMP/copy.db" import "$TMP/fraud-model.bundle" --as "fraud-model"
run "$TMP/copy.db" import "$TMP/missing.bundle"
run "$TMP/copy.db" import

# Damaged bundles, each refused with its reason.
B="$TMP/fraud-model.bundle"
head -c 700 "$B" > "$TMP/truncated.bundle"
: > "$TMP/empty.bundle"
printf '[1, 2]\n' > "$TMP/array.bundle"
printf '{"format": "walens-bundle", "format": "walens-bundle", "version": 1}\n' > "$TMP/dup-key.bundle"
printf '{"format": "something-else", "version": 1}\n' > "$TMP/other.bundle"
python3 - "$B" "$TMP" <<'PY'
import copy, hashlib, json, sys
base = json.load(open(sys.argv[1]))
def make(name, change):
    d = copy.deepcopy(base)
    change(d)
    json.dump(d, open("%s/%s.bundle" % (sys.argv[2], name), "w"), indent=2)
def answer(d, q):
    return next(a for a in d["answers"] if a["question"] == q)
def badlens(d):
    d["lens"]["text"] = "id: broken\n"
    d["lens"]["sha256"] = hashlib.sha256(b"id: broken\n").hexdigest()
make("newer", lambda d: d.update(version=99))
make("no-answers", lambda d: d.pop("answers"))
make("unknown-choice", lambda d: answer(d, "Q1")["selected"].append("Q1_zzz"))
make("unknown-question", lambda d: answer(d, "Q1").update(question="Q99"))
make("twice-answered", lambda d: d["answers"].append(answer(d, "Q1")))
make("edited-lens", lambda d: d["lens"].update(text=d["lens"]["text"].replace("Small", "Big")))
make("broken-lens", badlens)
make("bad-status", lambda d: d["plan"][0].update(status="maybe"))
make("bad-due", lambda d: d["plan"][0].update(due="2026-02-30"))
make("bad-time", lambda d: answer(d, "Q3").update(updated_at="yesterday"))
make("bad-type", lambda d: answer(d, "Q3").update(question=3))
make("bad-version", lambda d: answer(d, "Q3").update(version=0))
make("bad-snapshot", lambda d: d["milestones"][0].update(snapshot="{"))
make("bad-history", lambda d: d["history"][0].update(kind="nonsense"))
make("bad-history-json", lambda d: d["history"][0].update(after="[1"))
make("control-name", lambda d: d["workload"].update(name="a\u001bb"))
PY
for f in truncated empty array dup-key other newer no-answers unknown-choice unknown-question \
         twice-answered edited-lens broken-lens bad-status bad-due bad-time bad-type bad-version \
         bad-snapshot bad-history bad-history-json; do
   run "$TMP/copy.db" import "$TMP/$f.bundle" --as "imported-$f"
done
run "$TMP/copy.db" import "$TMP/control-name.bundle"
golden refusals "$OUT"
state "$TMP/copy.db" > "$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then
   pass "refused bundles change nothing"
else
   fail "refused bundles change nothing" "$(diff "$TMP/before" "$TMP/after" | head)"
fi

# Every truncation of a bundle is refused, and none crashes walens.
size=$(wc -c < "$B")
n=0
crashes=0
accepted=0
step=$((size / 60 + 1))
while [ $n -lt "$size" ]; do
   head -c $n "$B" > "$TMP/cut.bundle"
   "$WALENS" --db "$TMP/copy.db" import "$TMP/cut.bundle" --as cut > /dev/null 2>&1
   rc=$?
   [ $rc -ge 2 ] && crashes=$((crashes + 1))
   [ $rc -eq 0 ] && accepted=$((accepted + 1))
   n=$((n + step))
done
if [ $crashes -eq 0 ] && [ $accepted -eq 0 ]; then
   pass "truncated bundles are all refused, without a crash"
else
   fail "truncated bundles are all refused, without a crash" "$crashes crashes, $accepted accepted"
fi

# ---- --as: a second copy under another name ----
OUT="$TMP/as.out"
: > "$OUT"
run "$TMP/copy.db" import "$TMP/fraud-model.bundle" --as fraud-copy
run "$TMP/copy.db" workload list --all
run "$TMP/copy.db" status fraud-copy
golden import-as "$OUT"
"$WALENS" --db "$TMP/copy.db" export fraud-copy > "$TMP/copy.bundle"
sed 's/"name": "fraud-copy"/"name": "fraud-model"/' "$TMP/copy.bundle" > "$TMP/copy.renamed"
if cmp -s "$TMP/copy.renamed" "$TMP/fraud-model.bundle"; then
   pass "--as changes the name and nothing else"
else
   fail "--as changes the name and nothing else" "$(diff "$TMP/copy.renamed" "$TMP/fraud-model.bundle" | head)"
fi

finish
