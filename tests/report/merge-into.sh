#!/bin/sh
# walens import BUNDLE --into WORKLOAD: a review exported to a laptop,
# changed there and here, merged back.  Changes to different practices,
# plan fields and notes lines all land; the same part changed both ways is
# a clash, listed with both values, and nothing is written until
# --prefer says which side wins; the laptop's history and milestones come
# along with their authors; importing the same bundle again changes
# nothing; a bundle of another workload, on another lens version or edited
# by hand is refused and changes nothing.
SUITE=report
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to read the JSON and edit a bundle"
   exit 77
fi

OFFICE="$TMP/office.db"
LAPTOP="$TMP/laptop.db"

# office ARGS / laptop ARGS: walens on either side, as ann or bob, each
# with a clock of its own.
office() { WALENS_NOW=${ONOW:-2026-12-01T09:00:00Z} "$WALENS" --db "$OFFICE" --user ann "$@"; }
laptop() { WALENS_NOW=${LNOW:-2026-12-02T09:00:00Z} "$WALENS" --db "$LAPTOP" --user bob "$@"; }

# fresh: the office's review of "fraud", exported and imported on the laptop.
fresh() {
   rm -f "$OFFICE"* "$LAPTOP"* "$TMP"/*.bundle
   office workload add fraud > /dev/null
   office answer fraud MLOPS01 --select MLOPS01_BP01 > /dev/null
   office answer fraud MLOPS02 --select MLOPS02_BP01 > /dev/null
   office answer fraud MLOPS03 --select MLOPS03_BP02 --notes "$(printf 'one\ntwo\nthree')" \
      > /dev/null
   office plan set fraud MLOPS02 MLOPS02_BP02 --owner carol > /dev/null
   office export fraud -o "$TMP/base.bundle"
   laptop import "$TMP/base.bundle" > /dev/null || fail "the laptop imports the bundle"
}

# answer DB QUESTION: "selected ids|not_applicable|notes" of one question.
answer() {
   "$WALENS" --db "$1" export fraud | python3 -c '
import json, sys
d = json.load(sys.stdin)
for a in d["answers"]:
    if a["question"] == sys.argv[1]:
        print(" ".join(sorted(a["selected"])) + "|" + str(a["not_applicable"]) + "|" +
              (a["notes"] or "").replace("\n", "/"))' "$2"
}

# plan DB QUESTION/CHOICE: "status owner due" of one plan item.
plan_item() {
   "$WALENS" --db "$1" export fraud | python3 -c '
import json, sys
d = json.load(sys.stdin)
for p in d["plan"]:
    if p["question"] + "/" + p["choice"] == sys.argv[1]:
        print(p["status"], p["owner"], p["due"])' "$2"
}

expect() { # NAME ACTUAL EXPECTED
   if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', expected '$3'"; fi
}

# ---- both sides changed different practices ----
fresh
laptop answer fraud MLOPS01 --select MLOPS01_BP02 > /dev/null
office answer fraud MLOPS02 --select MLOPS02_BP03 > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "different practices: the import succeeds" "$?" 0
expect "the laptop's practice lands" "$(answer "$OFFICE" MLOPS01)" "MLOPS01_BP01 MLOPS01_BP02|False|"
expect "the office's practice stays" "$(answer "$OFFICE" MLOPS02)" "MLOPS02_BP01 MLOPS02_BP03|False|"
if "$WALENS" --db "$OFFICE" history fraud MLOPS01 | grep -q 'bob'; then
   pass "the laptop's change is in the history under its author"
else
   fail "the laptop's change is in the history under its author" \
      "$("$WALENS" --db "$OFFICE" history fraud MLOPS01)"
fi

# ---- importing the same bundle again changes nothing ----
office export fraud > "$TMP/before"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "a second import succeeds" "$?" 0
if grep -q 'nothing to import' "$TMP/out" && office export fraud | cmp -s - "$TMP/before"; then
   pass "a second import of the same bundle changes nothing"
else
   fail "a second import of the same bundle changes nothing" "$(cat "$TMP/out")"
fi

# ---- the same practice turned opposite ways: a clash ----
fresh
office answer fraud MLOPS02 --select MLOPS02_BP02 > /dev/null
laptop answer fraud MLOPS02 --none > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office export fraud > "$TMP/before"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/clash" 2>&1
expect "a clash without --prefer fails" "$?" 1
if grep -q 'MLOPS02' "$TMP/clash" && office export fraud | cmp -s - "$TMP/before"; then
   pass "the clash is listed and nothing is written"
else
   fail "the clash is listed and nothing is written" "$(cat "$TMP/clash")"
fi
sed -e "s|$TMP|TMP|g" "$TMP/clash" > "$TMP/clash.out"
golden merge-clash "$TMP/clash.out"
# waiting DB: how many bundles wait for a decision in the TUI.
waiting() {
   python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM import_pending").fetchone()[0])' "$1"
}
expect "the clashing bundle waits for a decision" "$(waiting "$OFFICE")" 1
office import "$TMP/laptop.bundle" --into fraud > /dev/null 2>&1
expect "importing it again waits once" "$(waiting "$OFFICE")" 1
cp "$OFFICE" "$TMP/keep.db"
office import "$TMP/laptop.bundle" --into fraud --prefer ours > /dev/null 2>&1
expect "settled with --prefer, it waits no more" "$(waiting "$OFFICE")" 0
# The clash ("None of these" there, BP02 selected here) goes to this side;
# the bundle's change that did not clash (BP01 off) lands all the same.
expect "--prefer ours keeps this side" "$(answer "$OFFICE" MLOPS02)" "MLOPS02_BP02|False|"
cp "$TMP/keep.db" "$OFFICE"
rm -f "$OFFICE-wal" "$OFFICE-shm"
office import "$TMP/laptop.bundle" --into fraud --prefer theirs > /dev/null 2>&1
expect "--prefer theirs takes the bundle's" "$(answer "$OFFICE" MLOPS02)" "MLOPS02_no|False|"

# ---- notes: different lines merge, the same line clashes ----
fresh
office answer fraud MLOPS03 --notes "$(printf 'ONE\ntwo\nthree')" > /dev/null
laptop answer fraud MLOPS03 --notes "$(printf 'one\ntwo\nTHREE')" > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "notes on different lines: the import succeeds" "$?" 0
expect "notes on different lines are merged" "$(answer "$OFFICE" MLOPS03)" \
   "MLOPS03_BP02|False|ONE/two/THREE"
fresh
office answer fraud MLOPS03 --notes "$(printf 'one\nTWO here\nthree')" > /dev/null
laptop answer fraud MLOPS03 --notes "$(printf 'one\nTWO there\nthree')" > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "notes on the same line: a clash" "$?" 1
if grep -q 'TWO here' "$TMP/out" && grep -q 'TWO there' "$TMP/out"; then
   pass "the notes clash shows both texts"
else
   fail "the notes clash shows both texts" "$(cat "$TMP/out")"
fi

# ---- plan fields ----
fresh
office plan set fraud MLOPS02 MLOPS02_BP02 --status in_progress > /dev/null
laptop plan set fraud MLOPS02 MLOPS02_BP02 --due 2027-03-01 > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "different plan fields: the import succeeds" "$?" 0
expect "both plan fields land" "$(plan_item "$OFFICE" MLOPS02/MLOPS02_BP02)" \
   "in_progress carol 2027-03-01"
fresh
office plan set fraud MLOPS02 MLOPS02_BP02 --owner dave > /dev/null
laptop plan set fraud MLOPS02 MLOPS02_BP02 --owner erin > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "the same plan field: a clash" "$?" 1
office import "$TMP/laptop.bundle" --into fraud --prefer theirs > "$TMP/out" 2>&1
expect "the plan clash settled for the bundle" "$(plan_item "$OFFICE" MLOPS02/MLOPS02_BP02)" \
   "open erin None"

# impact (issue 15's plan field) set both ways: a clash that names it, with
# both values, and the bundle's value when it is preferred.
fresh
office plan set fraud MLOPS02 MLOPS02_BP02 --impact high > /dev/null
laptop plan set fraud MLOPS02 MLOPS02_BP02 --impact low > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "the same impact: a clash" "$?" 1
if grep -q 'MLOPS02/MLOPS02_BP02: impact' "$TMP/out" && grep -q 'here:   high' "$TMP/out" &&
   grep -q 'bundle: low' "$TMP/out"; then
   pass "the impact clash shows both values"
else
   fail "the impact clash shows both values" "$(cat "$TMP/out")"
fi
office import "$TMP/laptop.bundle" --into fraud --prefer theirs > /dev/null 2>&1
impact=$(office export fraud | python3 -c '
import json, sys
for p in json.load(sys.stdin)["plan"]:
    if p["question"] + "/" + p["choice"] == "MLOPS02/MLOPS02_BP02":
        print(p.get("impact"), p.get("priority"))')
expect "the impact clash settled for the bundle, the priority untouched" "$impact" "low 0"

# ---- milestones come along with their authors ----
fresh
laptop milestone add fraud "on the train" > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office import "$TMP/laptop.bundle" --into fraud > "$TMP/out" 2>&1
expect "a milestone: the import succeeds" "$?" 0
if office milestone list fraud | grep 'on the train' | grep -q bob; then
   pass "the laptop's milestone is here, by its author"
else
   fail "the laptop's milestone is here, by its author" "$(office milestone list fraud)"
fi

# ---- refusals write nothing ----
fresh
laptop answer fraud MLOPS01 --select MLOPS01_BP02 > /dev/null
laptop export fraud -o "$TMP/laptop.bundle"
office workload add other > /dev/null
office export fraud > "$TMP/before"
office export other > "$TMP/before-other"
refused() { # NAME BUNDLE WORKLOAD WORDS
   office import "$2" --into "$3" > "$TMP/out" 2>&1
   rc=$?
   if [ "$rc" -eq 1 ] && grep -q "$4" "$TMP/out" &&
      office export fraud | cmp -s - "$TMP/before" &&
      office export other | cmp -s - "$TMP/before-other"; then
      pass "$1 is refused and nothing is written"
   else
      fail "$1 is refused and nothing is written" "exit $rc: $(cat "$TMP/out")"
   fi
}
refused "a bundle of another workload" "$TMP/laptop.bundle" other "not exported from"
python3 - "$TMP/laptop.bundle" "$TMP/tampered.bundle" << 'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for a in d["answers"]:
    if a["question"] == "MLOPS01":
        a["selected"] = ["MLOPS01_BP03"]
json.dump(d, open(sys.argv[2], "w"))
EOF
refused "a bundle edited by hand" "$TMP/tampered.bundle" fraud "changed after it was exported"
python3 - "$TMP/laptop.bundle" "$TMP/broken.bundle" << 'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["lens"]["text"] += "\n# changed"
json.dump(d, open(sys.argv[2], "w"))
EOF
refused "a bundle whose lens text was changed" "$TMP/broken.bundle" fraud "sha256"
# Another lens version: the laptop upgraded its copy.
office workload add vision --lens "$top_srcdir/tests/fixtures/lenses/upgrade-v1.yaml" > /dev/null
office export vision -o "$TMP/vision.bundle"
laptop import "$TMP/vision.bundle" > /dev/null
laptop upgrade vision --lens "$top_srcdir/tests/fixtures/lenses/upgrade-v2.yaml" > /dev/null 2>&1
laptop export vision -o "$TMP/vision2.bundle"
office export vision > "$TMP/before-vision"
office import "$TMP/vision2.bundle" --into vision > "$TMP/out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'upgrade' "$TMP/out" && office export vision | cmp -s - "$TMP/before-vision"; then
   pass "a bundle on another lens version is refused, with the upgrade named"
else
   fail "a bundle on another lens version is refused, with the upgrade named" "exit $rc: $(cat "$TMP/out")"
fi

finish
