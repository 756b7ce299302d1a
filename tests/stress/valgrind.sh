#!/bin/sh
# tests/stress/valgrind.sh: the suite under valgrind memcheck (`make
# check-valgrind`, and .ci/run): every Criterion binary of tests/unit and
# tests/stress, the fuzz regressions and the CLI golden test, with walens
# wrapped in valgrind.  A memory error or a definite leak in any process
# fails; "still reachable" and "possibly lost" (libraries' caches) do not.
#
# Criterion runs each test in a child process (and re-executes itself for
# it), so valgrind follows children; each process writes its own log in
# $VGLOG (default valgrind-logs/), and every log is checked at the end.
# Prints one line per binary and "N passed, N failed"; exits 1 on failure.
SUITE=valgrind
. "$top_srcdir/tests/lib.sh"

command -v valgrind > /dev/null || { echo "# valgrind not found: apt-get install valgrind"; fail "valgrind present"; finish; exit; }
VGLOG=${VGLOG:-$top_builddir/valgrind-logs}
rm -rf "$VGLOG"
mkdir -p "$VGLOG"
VGLOG=$(cd "$VGLOG" && pwd)
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --track-fds=no"

# clean PREFIX: no log of PREFIX.* reports an error or a definite leak.
clean() {
   bad=$(grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|Invalid (read|write|free)|uninitialised|Mismatched free' "$VGLOG/$1".* 2>/dev/null | head -n 3)
   [ -z "$bad" ] && return 0
   for f in $bad; do echo "--- $f"; head -n 40 "$f"; done
   return 1
}

# Criterion binaries.
for t in "$top_builddir"/tests/unit/test_* "$top_builddir"/tests/stress/test_*; do
   [ -f "$t" ] && [ -x "$t" ] || continue
   name=$(basename "$t")
   start=$(date +%s)
   $VG --trace-children=yes --log-file="$VGLOG/$name.%p.log" "$t" > "$TMP/$name.out" 2>&1
   rc=$?
   secs=$(( $(date +%s) - start ))
   synth=$(grep 'Synthesis' "$TMP/$name.out" | sed 's/.*Synthesis: //')
   if [ "$rc" -eq 0 ] && clean "$name" > "$TMP/$name.vg" 2>&1; then
      pass "$name under valgrind (${secs}s; $synth)"
   else
      fail "$name under valgrind (exit $rc; $synth)" "$(grep -E 'FAIL|CRASH|Warning' "$TMP/$name.out" | head -n 10; cat "$TMP/$name.vg" 2>/dev/null)"
   fi
done

# Fuzz regressions (harnesses built with driver.c; skipped in libFuzzer builds).
. "$top_srcdir/tests/fuzz/targets.sh"
for t in $FUZZ_TARGETS; do
   bin=$top_builddir/tests/fuzz/fuzz_$t
   [ -x "$bin" ] || continue
   if "$bin" -help=1 2>&1 | grep -q libFuzzer; then continue; fi
   seeds "$t" | tr '\n' '\0' | xargs -0 $VG --log-file="$VGLOG/fuzz_$t.%p.log" "$bin" > "$TMP/fuzz_$t.out" 2>&1
   rc=$?
   if [ "$rc" -eq 0 ] && clean "fuzz_$t" > "$TMP/fuzz_$t.vg" 2>&1; then
      pass "fuzz_$t regressions under valgrind ($(tail -n 1 "$TMP/fuzz_$t.out" | sed 's/.*: //'))"
   else
      fail "fuzz_$t regressions under valgrind (exit $rc)" "$(tail -n 5 "$TMP/fuzz_$t.out"; cat "$TMP/fuzz_$t.vg" 2>/dev/null)"
   fi
done

# The CLI golden test with walens in valgrind: an error changes the exit
# status in the transcript, and its log is checked as well.
REAL=$WALENS
cat > "$TMP/walens" <<EOS
#!/bin/sh
exec $VG --log-file="$VGLOG/walens.%p.log" "$REAL" "\$@"
EOS
chmod +x "$TMP/walens"
start=$(date +%s)
WALENS="$TMP/walens" "${SHELL:-/bin/sh}" "$top_srcdir/tests/cli/cli.sh" > "$TMP/cli.out" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
if [ "$rc" -eq 0 ] && clean walens > "$TMP/cli.vg" 2>&1; then
   pass "CLI golden test under valgrind (${secs}s; $(tail -n 1 "$TMP/cli.out"))"
else
   fail "CLI golden test under valgrind (exit $rc)" "$(grep -A 20 '^not ok' "$TMP/cli.out" | head -n 40; cat "$TMP/cli.vg" 2>/dev/null)"
fi
finish
