#!/bin/sh
# walens lens export: the AWS form of the built-in lens and of the test
# lenses keeps within the AWS limits and carries no walens extension; both
# forms load back; golden files for the small lens; the errors.
SUITE=report
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to read the exported lenses back"
   exit 77
fi

FIX="$top_srcdir/tests/fixtures"
DB="$TMP/walens.db"

# run ARGS...: appends the command, its output and exit status to $OUT.
run() {
   printf '$ walens' > "$TMP/cmd"
   printf ' %s' "$@" >> "$TMP/cmd"
   printf '\n' >> "$TMP/cmd"
   sed -e "s|$TMP|TMP|g" -e "s|$top_srcdir/||g" "$TMP/cmd" >> "$OUT"
   "$WALENS" --db "$DB" "$@" > "$TMP/run.out" 2>&1
   rc=$?
   sed -e "s|$TMP|TMP|g" -e "s|$top_srcdir/||g" "$TMP/run.out" >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}

check() { # NAME COMMAND...
   name=$1
   shift
   if "$@" > "$TMP/check.out" 2>&1; then
      pass "$name"
   else
      fail "$name" "$(head -n 20 "$TMP/check.out")"
   fi
}

# The AWS file rules (reference: aws-custom-lens-format.md §2-§7).
cat > "$TMP/aws.py" <<'EOF'
import json, re, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
size = len(open(sys.argv[1], "rb").read())
p = []
def keys(obj, allowed, where):
    extra = set(obj) - set(allowed)
    if extra:
        p.append("%s: keys %s" % (where, sorted(extra)))
def text(s, n, where):
    if not isinstance(s, str) or len(s) > n:
        p.append("%s: %r longer than %d" % (where, s, n))
def link(l, where):
    keys(l, ["displayText", "url"], where)
    text(l.get("displayText"), 2048, where + ".displayText")
    if "url" in l and not re.match(r"https?://", l["url"]):
        p.append("%s.url %r" % (where, l["url"]))
if size > 500000:
    p.append("%d bytes" % size)
keys(d, ["schemaVersion", "name", "description", "pillars"], "lens")
if d.get("schemaVersion") != "2021-11-01":
    p.append("schemaVersion %r" % d.get("schemaVersion"))
text(d["name"], 128, "name")
text(d["description"], 2048, "description")
if not 1 <= len(d["pillars"]) <= 10:
    p.append("%d pillars" % len(d["pillars"]))
for i, pl in enumerate(d["pillars"]):
    w = "pillars[%d]" % i
    keys(pl, ["id", "name", "questions"], w)
    text(pl["name"], 128, w + ".name")
    if not 1 <= len(pl["questions"]) <= 20:
        p.append("%s: %d questions" % (w, len(pl["questions"])))
    for j, q in enumerate(pl["questions"]):
        w = "pillars[%d].questions[%d]" % (i, j)
        keys(q, ["id", "title", "description", "helpfulResource", "choices", "riskRules"], w)
        text(q["title"], 128, w + ".title")
        if "description" in q:
            text(q["description"], 2048, w + ".description")
        if "helpfulResource" in q:
            link(q["helpfulResource"], w + ".helpfulResource")
        if not 1 <= len(q["choices"]) <= 15:
            p.append("%s: %d choices" % (w, len(q["choices"])))
        ids = set()
        for k, c in enumerate(q["choices"]):
            cw = "%s.choices[%d]" % (w, k)
            keys(c, ["id", "title", "helpfulResource", "improvementPlan", "additionalResources"], cw)
            text(c["title"], 128, cw + ".title")
            ids.add(c["id"])
            if "improvementPlan" not in c and not c["id"].endswith("_no"):
                p.append(cw + ": no improvementPlan")
            for key in ("helpfulResource", "improvementPlan"):
                if key in c:
                    link(c[key], cw + "." + key)
        rules = q["riskRules"]
        if not 1 <= len(rules) <= 3:
            p.append("%s: %d rules" % (w, len(rules)))
        if "default" not in [r["condition"] for r in rules]:
            p.append("%s: no default rule" % w)
        for r in rules:
            keys(r, ["condition", "risk"], w + ".riskRules")
            if r["risk"] not in ("HIGH_RISK", "MEDIUM_RISK", "NO_RISK"):
                p.append("%s: risk %r" % (w, r["risk"]))
            for name in re.findall(r"[A-Za-z0-9_]+", r["condition"]):
                if name != "default" and name not in ids:
                    p.append("%s: condition names %r" % (w, name))
for x in p[:20]:
    print(x)
sys.exit(1 if p else 0)
EOF

# ---- the built-in lens ----
"$WALENS" --db "$DB" lens export -o "$TMP/ml.json" 2> "$TMP/ml.err"
check "built-in lens: AWS limits, no extensions" python3 "$TMP/aws.py" "$TMP/ml.json"
check "built-in lens: the export loads without a diagnostic" "$WALENS" lens check --strict "$TMP/ml.json"
check "built-in lens: phases kept as title prefixes" python3 - "$TMP/ml.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
titles = [q["title"] for p in d["pillars"] for q in p["questions"]]
assert len(titles) == 35, len(titles)
assert all(t.startswith("[") for t in titles), titles
assert titles[0].startswith("[Business goal identification] How do you prepare"), titles[0]
EOF
"$WALENS" --db "$DB" lens export --format yaml -o "$TMP/ml.yaml"
check "built-in lens: the YAML export loads without a diagnostic" \
   "$WALENS" lens check --strict "$TMP/ml.yaml"
check "built-in lens: the YAML export is the same lens" python3 - "$TMP/ml.yaml" \
   "$top_srcdir/data/lenses/machine-learning.yaml" <<'EOF'
import sys
try:
    import yaml
except ImportError:
    print("SKIP: python3-yaml not installed; compared by walens lens check only")
    sys.exit(0)
a = yaml.safe_load(open(sys.argv[1]))
b = yaml.safe_load(open(sys.argv[2]))
assert a == b, "the YAML export differs from data/lenses/machine-learning.yaml"
EOF

# ---- the small lens, golden ----
# (The loader's warnings about the lens go to stderr and are not compared.)
"$WALENS" lens export "$FIX/lenses/small.yaml" > "$TMP/small-aws.out" 2> /dev/null
golden small-aws "$TMP/small-aws.out"
"$WALENS" lens export "$FIX/lenses/small.yaml" --format yaml > "$TMP/small-yaml.out" 2> /dev/null
golden small-yaml "$TMP/small-yaml.out"
"$WALENS" lens export "$FIX/lenses/small.yaml" -o "$TMP/small.json" 2> /dev/null
check "small lens: AWS limits, no extensions" python3 "$TMP/aws.py" "$TMP/small.json"
"$WALENS" lens export "$FIX/report/hostile.yaml" -o "$TMP/hostile.json" 2> /dev/null
check "hostile lens: AWS limits, no extensions" python3 "$TMP/aws.py" "$TMP/hostile.json"
"$WALENS" lens export "$FIX/report/hostile.yaml" --format yaml -o "$TMP/hostile.yaml" 2> /dev/null
check "hostile lens: the YAML export loads" "$WALENS" lens check "$TMP/hostile.yaml"

# ---- a lens stored in the database, by key ----
"$WALENS" --db "$DB" workload add w --lens "$FIX/lenses/small.yaml" > /dev/null
"$WALENS" --db "$DB" lens export small > "$TMP/stored.json" 2> /dev/null
"$WALENS" lens export "$FIX/lenses/small.yaml" > "$TMP/file.json" 2> /dev/null
check "a key finds the lens stored in the database" cmp "$TMP/stored.json" "$TMP/file.json"

# ---- errors ----
OUT="$TMP/errors.out"
: > "$OUT"
run lens export no-such-lens
run lens export "$TMP/missing.yaml"
run lens export "$FIX/lenses/err-dup-choice.yaml"
run lens export --format xml
run lens export a b
run lens export "$FIX/report/hostile.yaml" -o "$TMP/no-dir/x.json"
golden export-errors "$OUT"

finish
