#!/bin/sh
# Review templates through the CLI: create, list, show, workload add
# --template, history "from template", a new revision applied to workloads
# made from it (those that hold the old answer updated, one a reviewer
# changed left alone and listed), and every refusal with its message.
# Golden transcripts in tests/template/golden/.
SUITE=template
. "$top_srcdir/tests/lib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
DB="$TMP/walens.db"
# run, quiet and start: tests/lib.sh.

quiet workload add platform --lens "$FIX/small.yaml"
quiet answer platform Q1 --select Q1_a,Q1_b --notes "CI runs on the platform"
quiet answer platform Q3 --select Q3_vault
quiet answer platform Q3 --choice-notes Q3_vault "https://runbook.example/vault"
quiet answer platform Q5 --select Q5_test
quiet workload add other --lens "$FIX/upgrade-v1.yaml"
quiet answer other UP1 --select UP1_a

start create
run template list
run template create platform-baseline --from platform --questions Q1,Q3
run template list
run template show platform-baseline
run workload add fraud --template platform-baseline
run workload add churn --template platform-baseline
run workload add ads --template platform-baseline --owner dana
run status fraud
run history fraud Q1
run template create platform-baseline --from platform --questions Q1,Q3

start errors
run template create "bad	name" --from platform
run template create "  " --from platform
run template create base
run template create base --from nothing-here
run template create base --from platform --questions Q9
run template create base --from platform --questions Q2
run template create base --from platform --questions ,
run template create platform-baseline --from other
run template show nothing-here
run template apply nothing-here
run template frob
run template
run workload add lost --template nothing-here
run workload add lost --template platform-baseline --lens "$FIX/upgrade-v1.yaml"
run workload list

start apply
# churn's reviewer changes Q1; ads keeps the template's answers.
run answer churn Q1 --unselect Q1_b
run answer platform Q3 --select Q3_rotate
run answer platform Q1 --select Q1_c
run template create platform-baseline --from platform --questions Q1,Q3
run template apply platform-baseline
run status ads
run template apply platform-baseline --yes
run status ads
run status churn
run history churn Q3
run template apply platform-baseline
run template list

# Templates travel in bundles: the workload's template (the revision it
# has) and which answers are still the template's.
start bundle
"$WALENS" --db "$DB" export ads -o "$TMP/ads.json" > /dev/null 2>&1 || fail "export ads"
"$WALENS" --db "$DB" export churn -o "$TMP/churn.json" > /dev/null 2>&1 || fail "export churn"
sed -n '/"template": {/,$p' "$TMP/churn.json" >> "$OUT"
OTHER="$TMP/other.db"
run --db "$OTHER" import "$TMP/ads.json"
run --db "$OTHER" template list
run --db "$OTHER" template show platform-baseline
run --db "$OTHER" history ads Q3
# churn's Q1 is its reviewer's: no longer marked as the template's.
run --db "$OTHER" import "$TMP/churn.json"
run --db "$OTHER" template list
# The same template under the same name in this database: linked, not copied.
run import "$TMP/ads.json" --as ads-copy
run template list
"$WALENS" --db "$OTHER" export ads -o "$TMP/ads2.json" > /dev/null 2>&1 || fail "export again"
if cmp -s "$TMP/ads.json" "$TMP/ads2.json"; then
   pass "bundle: export, import, export gives the same file with a template"
else
   fail "bundle: export, import, export gives the same file with a template" \
      "$(diff "$TMP/ads.json" "$TMP/ads2.json" | head)"
fi

# Hostile until checked: each forged template is refused, naming where.
forge() { # NAME SED-EXPRESSION
   sed "$2" "$TMP/churn.json" > "$TMP/$1.json"
   run --db "$TMP/forged.db" import "$TMP/$1.json"
}
forge badname 's/"name": "platform-baseline"/"name": " platform-baseline"/'
forge badrevision 's/"revision": 2/"revision": 0/'
forge badchoice '/"template": {/,$ s/"Q3_rotate"/"Q3_nothing"/'
forge badquestion '/"template": {/,$ s/"question": "Q3"/"question": "Q9"/'
forge badfrom '/"from_template": \[/,/\]/ s/"Q3"/"Q2"/'
# The template's first answer twice.
python3 - "$TMP/churn.json" "$TMP/twice.json" << 'PY'
import json, sys
b = json.load(open(sys.argv[1], encoding="utf-8"))
b["template"]["answers"].append(b["template"]["answers"][0])
json.dump(b, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
PY
run --db "$TMP/forged.db" import "$TMP/twice.json"
# A different template by that name in the target database is refused.
run --db "$OTHER" workload add base2 --lens "$FIX/small.yaml"
run --db "$OTHER" answer base2 Q5 --select Q5_test
run --db "$OTHER" template create elsewhere --from base2
sed 's/"name": "platform-baseline"/"name": "elsewhere"/' "$TMP/churn.json" > "$TMP/clash.json"
run --db "$OTHER" import "$TMP/clash.json" --as churn2
run --db "$OTHER" workload list

golden "$CASE" "$OUT"
finish
