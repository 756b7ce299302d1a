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
run lens check "$FIX/err-typed.yaml"
run lens check "$FIX/err-dup-choice.json"
run lens check "$FIX/err-typo.yaml"
run lens check "$FIX/warn-number.json"
run lens check --strict "$FIX/warn-number.json"
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
run workload rename fraud-scoring default-lens
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
run answer fraud-scoring Q1 --select Q1_a --unselect Q1_a
run answer fraud-scoring Q1 --select Q1_no,Q1_a
run answer fraud-scoring Q1 --select ,
run answer fraud-scoring Q1 --unselect=
run answer no-such-workload Q1 --select Q1_a
# A list option given twice adds to the list; it used to keep the last.
run answer fraud-scoring Q1 --unselect Q1_a --unselect Q1_c
run answer fraud-scoring Q1 --select Q1_a --select Q1_c
run history fraud-scoring Q1
run history fraud-scoring NOPE
# One practice not applicable (the TUI's x), and back.
run answer fraud-scoring Q1 --na-choice Q1_b
run answer fraud-scoring Q1 --na-choice Q1_no
run answer fraud-scoring Q1 --na-choice Q1_zz
run answer fraud-scoring Q1 --applicable-choice Q1_b
run history fraud-scoring Q1

start status
run status fraud-scoring
run status fraud-scoring --format json
run status default-lens
run status fraud-scoring --format yaml
run status

# Names with accents and CJK characters take fewer columns than bytes (é one,
# 日 two): every table lines up by what shows, and status cuts a long pillar
# name between characters.
start wide-names
sed -e 's/^id: small/id: wide/' -e 's/^name: Small test lens/name: Lens à 日本/' \
   -e 's/name: Build$/name: Développement/' -e 's/name: Run$/name: 運用 (production)/' \
   -e 's/name: Operations$/name: Opérations/' -e 's/name: Security$/name: セキュリティ/' \
   -e 's/name: Cost$/name: Optimisation des coûts/' "$FIX/small.yaml" > "$TMP/wide.yaml"
run workload add café-modèle --lens "$FIX/small.yaml" --environment production --owner José
run workload add 日本-model --lens "$TMP/wide.yaml" --environment preproduction --owner 山田
run workload list
run answer 日本-model Q1 --select Q1_a
run plan set 日本-model Q1 Q1_b --owner 山田太郎 --priority 1
run plan set 日本-model Q1 Q1_c --owner Zoë --due 2026-12-01
run plan 日本-model
run status 日本-model
run milestone add 日本-model 第一版
run milestone add 日本-model première
run milestone list 日本-model
run history 日本-model Q1

# The first hour of a new user (issue 18): the list's LAST CHANGED is the
# review's newest change (bob's answer, not the workload row), its columns
# follow a long owner's name, and history names N/A reasons in words.
start first-hour
run workload add long-owner --lens "$FIX/small.yaml" --owner "Maximiliane Oberhuber-Schwarzenegger"
run --user bob answer fraud-scoring Q2 --select Q2_b
run workload list
run history fraud-scoring Q4
run workload add ''
# Did you mean: commands, subcommands, workloads, lens keys.
run stauts
run frobnicate now
run workload lst
run milestone dif fraud-scoring
run status fraud-scorng
run workload add typo --lens machne-learning
# A workload named like a command: a warning when created; "--" opens it
# (here the TUI, which needs a terminal), while without "--" the command runs.
run workload add status --lens "$FIX/small.yaml"
run -- status
run -- stauts
run status

golden "$CASE" "$OUT"
finish
