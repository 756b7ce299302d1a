# tests/lib.sh: helpers for the shell tests (sourced, POSIX sh).
#
#   pass NAME / fail NAME [DETAIL]    count a result
#   golden NAME FILE                  compare FILE with tests/<suite>/golden/NAME.out
#                                     (WALENS_UPDATE_GOLDEN=1 rewrites the golden file)
#   finish                            print "N passed, N failed" and exit accordingly
#   run / quiet / start               CLI transcripts (see below)
#
# Each test gets a private $TMP, removed on exit.  The environment is pinned so
# output does not depend on the machine: C.UTF-8, UTC, a fixed clock and user,
# no lens directories but the ones a test makes.

: "${top_srcdir:=.}" "${top_builddir:=.}"
: "${WALENS:=$top_builddir/src/walens}"
export WALENS top_srcdir top_builddir

TMP=$(mktemp -d "${TMPDIR:-/tmp}/walens-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export XDG_DATA_HOME="$TMP/xdg" WALENS_LENSDIR="$TMP/no-system-lenses"
export WALENS_NOW="2026-11-28T10:00:00Z" LC_ALL=C.UTF-8 TZ=UTC
unset WALENS_DB NO_COLOR VISUAL EDITOR

passed=0
failed=0

pass() {
   passed=$((passed + 1))
   printf 'ok - %s\n' "$1"
}

fail() {
   failed=$((failed + 1))
   printf 'not ok - %s\n' "$1"
   [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/#   /'
}

golden() {
   name=$1 actual=$2
   expected="$top_srcdir/tests/$SUITE/golden/$name.out"
   if [ "${WALENS_UPDATE_GOLDEN:-}" = 1 ]; then
      mkdir -p "$(dirname "$expected")"
      cp "$actual" "$expected"
   fi
   if [ ! -f "$expected" ]; then
      fail "$name" "no golden file $expected"
   elif diff -u "$expected" "$actual" > "$TMP/diff" 2>&1; then
      pass "$name"
   else
      fail "$name" "$(head -n 60 "$TMP/diff")"
   fi
}

finish() {
   printf '%d passed, %d failed\n' "$passed" "$failed"
   [ "$failed" -eq 0 ]
}

# Transcripts of CLI cases (tests/cli/plan.sh and others; a script may
# define its own instead).  They use $DB, and $OUT once `start` ran:
#   run ARGS...    appends "$ walens ARGS", the output (TMP and the source
#                  path made neutral) and "[exit N]" to $OUT, as user tester
#   quiet ARGS...  runs walens for set-up, output dropped; fails the test
#                  if walens does
#   start NAME     begins case NAME, and compares the one before with its
#                  golden file (the script ends with golden "$CASE" "$OUT")
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
