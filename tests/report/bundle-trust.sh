#!/bin/sh
# What a bundle may bring in (issue 19).  A lens text carried by a bundle
# serves the imported workload only: one claiming to be a newer built-in
# lens is stored under its own visibly different key, shown as "bundle",
# never offered as an upgrade nor taken by key.  An import refuses what
# `walens answer` and `walens plan` would refuse, and counts beyond the
# documented bounds.  A lens text altered in the database is refused when
# read, naming the workload and the lens.
SUITE=report
. "$top_srcdir/tests/lib.sh"

for tool in python3 sqlite3; do
   command -v $tool > /dev/null 2>&1 || { echo "SKIP: $tool is needed"; exit 77; }
done

SMALL="$top_srcdir/tests/fixtures/lenses/small.yaml"
SRC="$TMP/src.db"
DB="$TMP/walens.db"
"$WALENS" --db "$SRC" workload add ml > /dev/null || fail "workload add ml"
"$WALENS" --db "$SRC" workload add small --lens "$SMALL" > /dev/null || fail "workload add small"
"$WALENS" --db "$SRC" answer small Q1 --select Q1_a > /dev/null || fail "answer"
"$WALENS" --db "$SRC" plan set small Q1 Q1_b --owner bob > /dev/null || fail "plan set"
"$WALENS" --db "$SRC" export ml -o "$TMP/ml.bundle" || fail "export ml"
"$WALENS" --db "$SRC" export small -o "$TMP/small.bundle" || fail "export small"
"$WALENS" --db "$DB" workload add victim > /dev/null || fail "workload add victim"
# The built-in lens's version, whatever it is now.
BUILTIN=$("$WALENS" --db "$SRC" lens list | awk '$1 == "machine-learning" && $3 == "built-in" { print $2 }')
[ -n "$BUILTIN" ] || fail "the built-in lens's version"

python3 - "$TMP" "$BUILTIN" <<'PY'
import copy, hashlib, json, sys
tmp, builtin = sys.argv[1], sys.argv[2]
def load(name):
    return json.load(open("%s/%s.bundle" % (tmp, name)))
def save(d, name):
    json.dump(d, open("%s/%s.bundle" % (tmp, name), "w"), indent=1)
def relens(d, old, new):
    t = d["lens"]["text"]
    assert old in t, old
    t = t.replace(old, new, 1)
    d["lens"]["text"] = t
    d["lens"]["sha256"] = hashlib.sha256(t.encode()).hexdigest()

# The built-in lens "upgraded" with altered text.
d = load("ml")
relens(d, 'version: "%s"' % builtin, 'version: "2099.1"')
relens(d, "name: Machine Learning Lens", "name: Machine Learning Lens (trust me)")
save(d, "newer-builtin")

base = load("small")
def forge(name, change):
    d = copy.deepcopy(base)
    change(d)
    save(d, name)
def ans(d):
    return d["answers"][0]
item = base["plan"][0]
forge("plan-on-none", lambda d: d["plan"].append(dict(item, choice="Q1_no")))
forge("none-beside-practice", lambda d: ans(d)["selected"].append("Q1_no"))
forge("na-without-reason", lambda d: ans(d).update(not_applicable=True, reason=None))
forge("na-reason-none", lambda d: ans(d).update(not_applicable=True, reason="NONE"))
forge("selected-and-na", lambda d: ans(d).update(not_applicable_choices=["Q1_a"]))
forge("orphan-flood", lambda d: d["plan"].extend(
    dict(item, question="ghost%d" % i, choice="c%d" % i) for i in range(5000)))
ms = base["milestones"][0] if base["milestones"] else None
forge("too-many-history", lambda d: d["history"].extend(
    {"at": "2026-11-28T10:00:00Z", "user": "x", "kind": "answer", "object": "Q1",
     "before": None, "after": None} for i in range(200001)))
forge("too-many-marks", lambda d: d.update(review_marks=["Q1"] * 50))
# User names are names: what --user would refuse or normalise is refused,
# wherever in the bundle it stands.
hist = base["history"][0]
def by(name, user):
    forge(name, lambda d: d["history"].append(dict(hist, user=user)))
by("history-user-blank", "bob ")
by("history-user-fullwidth", "\uff42\uff4f\uff42")
by("history-user-nfd", "Rene\u0301")
by("history-user-invisible", "bo\u200db")
by("history-user-long", "x" * 65)
by("history-user-line", "bob\nQ1 NONE")
forge("answer-user-blank", lambda d: ans(d).update(updated_by=" alice"))
forge("plan-user-fullwidth", lambda d: d["plan"][0].update(updated_by="\uff41lice"))
forge("workload-user-invisible", lambda d: d["workload"].update(created_by="al\u00adice"))
PY

# ---- a lens claiming to be the built-in one, newer ----
"$WALENS" --db "$DB" import "$TMP/newer-builtin.bundle" --as trojan > "$TMP/out" 2>&1 ||
   fail "the bundle itself imports (its lens serves it)" "$(cat "$TMP/out")"
"$WALENS" --db "$DB" upgrade victim --check > "$TMP/out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "machine-learning $BUILTIN is the newest available" "$TMP/out"; then
   pass "its lens is not offered as an upgrade to the others"
else
   fail "its lens is not offered as an upgrade to the others" "exit $rc: $(cat "$TMP/out")"
fi
"$WALENS" --db "$DB" upgrade victim --dry-run > "$TMP/out" 2>&1
[ $? -ne 0 ] && ! grep -q 2099 "$TMP/out" && pass "nor taken by upgrade" ||
   fail "nor taken by upgrade" "$(cat "$TMP/out")"
"$WALENS" --db "$DB" lens list > "$TMP/out" 2>&1
key=$(sed -n 's/^\(machine-learning~bundle-[0-9a-f]\{8\}\) .*/\1/p' "$TMP/out")
if [ -n "$key" ] && grep -q "^$key *2099.1 *bundle " "$TMP/out"; then
   pass "lens list shows it under its own key, from a bundle"
else
   fail "lens list shows it under its own key, from a bundle" "$(cat "$TMP/out")"
fi
"$WALENS" --db "$DB" upgrade victim --lens "$key" > "$TMP/out" 2>&1
[ $? -eq 1 ] && grep -q "no lens with key" "$TMP/out" && pass "its key is not taken for another workload" ||
   fail "its key is not taken for another workload" "$(cat "$TMP/out")"
"$WALENS" --db "$DB" workload add fresh --lens "$key" > "$TMP/out" 2>&1
[ $? -ne 0 ] && pass "nor for a new workload" || fail "nor for a new workload" "$(cat "$TMP/out")"
"$WALENS" --db "$DB" workload add fresh2 --lens machine-learning > /dev/null 2>&1
"$WALENS" --db "$DB" status fresh2 | grep -q "lens Machine Learning Lens $BUILTIN$" &&
   pass "the key machine-learning is still the built-in lens" ||
   fail "the key machine-learning is still the built-in lens" "$("$WALENS" --db "$DB" status fresh2 | head -1)"
"$WALENS" --db "$DB" status trojan | grep -q "(trust me) 2099.1" &&
   pass "the imported workload keeps its own lens" ||
   fail "the imported workload keeps its own lens" "$("$WALENS" --db "$DB" status trojan 2>&1 | head -2)"
"$WALENS" --db "$DB" status trojan 2>&1 | sed -n 2p | grep -q "^The lens came with an imported bundle: not a trusted lens$" &&
   pass "status says the lens came with a bundle" ||
   fail "status says the lens came with a bundle" "$("$WALENS" --db "$DB" status trojan 2>&1 | head -3)"
"$WALENS" --db "$DB" status fresh2 2>&1 | grep -q "imported bundle" &&
   fail "status of a workload on the built-in lens says nothing of bundles" ||
   pass "status of a workload on the built-in lens says nothing of bundles"
"$WALENS" --db "$DB" status trojan --format json | tr -d ' \n' | grep -q '"name":"MachineLearningLens(trustme)","from_bundle":true}' &&
   "$WALENS" --db "$DB" status fresh2 --format json | tr -d ' \n' | grep -q '"from_bundle":false}' &&
   pass "status --format json: from_bundle" ||
   fail "status --format json: from_bundle" "$("$WALENS" --db "$DB" status trojan --format json | head -8)"
# The genuine built-in text in a bundle is shared, not renamed.
"$WALENS" --db "$DB" import "$TMP/ml.bundle" --as genuine > /dev/null 2>&1 || fail "import genuine"
n=$(sqlite3 "$DB" "SELECT count(*) FROM lens WHERE key = 'machine-learning'")
[ "$n" = 1 ] && pass "a bundle of the built-in lens shares its row" || fail "a bundle of the built-in lens shares its row" "$n rows"

# ---- forgeries: refused with the reason, nothing written ----
"$WALENS" --db "$DB" workload list --all > "$TMP/before"
sqlite3 "$DB" "SELECT count(*) FROM lens" >> "$TMP/before"
for f in plan-on-none:'cannot have a plan item' \
         none-beside-practice:'"None of these" beside a practice' \
         na-without-reason:'not applicable without a reason' \
         na-reason-none:'not applicable without a reason' \
         selected-and-na:'both selected and not applicable' \
         orphan-flood:'5001 plan items, more than the 10 practices of its lens' \
         too-many-history:'history entries, more than 200000' \
         too-many-marks:'50 re-review marks, more than the 5 questions' \
         history-user-blank:"'bob ' is not in normal form (it would be 'bob')" \
         history-user-fullwidth:"is not in normal form (it would be 'bob')" \
         history-user-nfd:"is not in normal form (it would be 'Ren" \
         history-user-invisible:'invisible character' \
         history-user-long:'longer than 64 characters' \
         history-user-line:'invalid user' \
         answer-user-blank:"answers[0]: ' alice' is not in normal form" \
         plan-user-fullwidth:"plan[0]: " \
         workload-user-invisible:'invisible character'; do
   name=${f%%:*} want=${f#*:}
   timeout 60 "$WALENS" --db "$DB" import "$TMP/$name.bundle" --as "x-$name" > "$TMP/out" 2>&1
   rc=$?
   if [ $rc -eq 1 ] && grep -qF "$want" "$TMP/out"; then
      pass "refused: $name"
   else
      fail "refused: $name" "exit $rc: $(head -c 300 "$TMP/out")"
   fi
done
"$WALENS" --db "$DB" workload list --all > "$TMP/after"
sqlite3 "$DB" "SELECT count(*) FROM lens" >> "$TMP/after"
cmp -s "$TMP/before" "$TMP/after" && pass "the forgeries changed nothing" ||
   fail "the forgeries changed nothing" "$(diff "$TMP/before" "$TMP/after")"

# ---- a lens text altered in the database ----
sqlite3 "$DB" "UPDATE lens SET text = replace(text, 'trust me', 'trust us') WHERE version = '2099.1'" ||
   fail "tamper"
"$WALENS" --db "$DB" status trojan > "$TMP/out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "workload 'trojan': lens '$key' 2099.1 (id [0-9]*): the stored text does not match its SHA-256" "$TMP/out"; then
   pass "an altered lens text is refused, naming the workload and the lens"
else
   fail "an altered lens text is refused, naming the workload and the lens" "exit $rc: $(cat "$TMP/out")"
fi
"$WALENS" --db "$DB" status victim > /dev/null 2>&1 && pass "the others still open" ||
   fail "the others still open"
finish
