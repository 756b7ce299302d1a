#!/bin/sh
# CLI golden tests: each case runs a few walens commands and compares the
# transcript (commands, stdout, stderr, exit codes) with tests/cli/golden/.
SUITE=cli
. "$top_srcdir/tests/lib.sh"

FIX="$top_srcdir/tests/fixtures/lenses"
DB="$TMP/walens.db"

# run ARGS...: appends "$ walens ARGS", the output and the exit status.
run() {
   printf '$ walens' > "$TMP/cmd"
   printf ' %s' "$@" >> "$TMP/cmd"
   printf '\n' >> "$TMP/cmd"
   "$WALENS" --user tester --db "$DB" "$@" > "$TMP/run.out" 2>&1
   rc=$?
   # --version names the libraries loaded; their versions vary by machine.
   cat "$TMP/cmd" "$TMP/run.out" | sed -e "s|$TMP|TMP|g" -e "s|$top_srcdir/||g" \
      -e 's/^ncurses [^,]*, libyaml [^,]*, SQLite [^,]*, jansson .*$/ncurses V, libyaml V, SQLite V, jansson V/' \
      >> "$OUT"
   printf '[exit %d]\n' "$rc" >> "$OUT"
}

# case NAME: starts a transcript; the next case (or end) compares it.
start() {
   [ -z "${CASE:-}" ] || golden "$CASE" "$OUT"
   CASE=$1
   OUT="$TMP/$1.out"
   : > "$OUT"
}

start help
run --help
run workload --help
run frobnicate
run workload add
run --version

start lens-check
run lens check "$FIX/small.yaml"
run lens check "$FIX/small.json"
run lens check --strict "$FIX/small.yaml"
run lens check "$top_srcdir/data/lenses/machine-learning.yaml"
run lens check --strict "$top_srcdir/data/lenses/machine-learning.yaml"
run lens check "$TMP/missing.yaml"
run lens check
run lens check --bogus "$FIX/small.yaml"
run lens frob

start workload
run workload list
run workload add fraud-model --lens "$FIX/small.yaml" --description "Card fraud scoring" --environment production --owner alice
run workload add fraud-model --lens "$FIX/small.yaml"
run workload add staging-model --lens "$FIX/small.yaml" --environment staging
run workload add default-lens
run workload list
run workload list --format json
run workload rename fraud-model fraud-scoring
run workload rename nothing-here other
run workload archive default-lens
run workload list
run workload list --all
run workload archive default-lens --undo
run workload list --format xml

start lens-list
run lens list

start answer
run answer fraud-scoring Q1 --select Q1_a
run answer fraud-scoring Q1 --select Q1_b
run answer fraud-scoring Q1 --select Q1_c
run answer fraud-scoring Q1 --unselect Q1_b
run answer fraud-scoring Q2 --none
run answer fraud-scoring Q2 --select Q2_a
run answer fraud-scoring Q3 --select Q3_vault --notes "Vault for prod only; dev keys in env files."
run answer fraud-scoring Q4 --not-applicable OUT_OF_SCOPE
run answer fraud-scoring Q4 --applicable
run answer fraud-scoring Q4 --not-applicable BUSINESS_PRIORITIES
run answer fraud-scoring Q9 --select x
run answer fraud-scoring Q1 --select Q1_zzz
run answer fraud-scoring Q1
run answer fraud-scoring Q1 --none --select Q1_a
run answer fraud-scoring Q1 --not-applicable BECAUSE
run answer no-such-workload Q1 --select Q1_a

start status
run status fraud-scoring
run status fraud-scoring --format json
run status default-lens
run status fraud-scoring --format yaml
run status

golden "$CASE" "$OUT"
finish
