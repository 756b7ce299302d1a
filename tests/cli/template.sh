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

run() {
   printf '$ walens' > "$TMP/cmd"
   printf ' %s' "$@" >> "$TMP/cmd"
   printf '\n' >> "$TMP/cmd"
   "$WALENS" --user tester --db "$DB" "$@" > "$TMP/run.out" 2>&1
   rc=$?
   cat "$TMP/cmd" "$TMP/run.out" | sed -e "s|$TMP|TMP|g" -e "s|$top_srcdir/||g" >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}
quiet() {
   "$WALENS" --user tester --db "$DB" "$@" > /dev/null 2>&1 || fail "set-up: walens $*"
}
start() {
   [ -z "${CASE:-}" ] || golden "$CASE" "$OUT"
   CASE=$1
   OUT="$TMP/$1.out"
   : > "$OUT"
}

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

golden "$CASE" "$OUT"
finish
