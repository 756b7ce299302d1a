#!/bin/sh
# tests/fuzz/regress.sh: each fuzz harness runs once over its seeds and every
# input that once crashed it (tests/fuzz/crashes/).  Built with libFuzzer
# or with driver.c, a harness given files runs each once and fails on a crash.
SUITE=fuzz
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fuzz/targets.sh"

for t in $FUZZ_TARGETS; do
   bin=$top_builddir/tests/fuzz/fuzz_$t
   if [ ! -x "$bin" ]; then
      fail "fuzz_$t" "$bin was not built"
      continue
   fi
   seeds "$t" > "$TMP/$t.list"
   n=$(wc -l < "$TMP/$t.list")
   if [ "$n" -eq 0 ]; then
      fail "fuzz_$t" "no seeds found under $top_srcdir"
      continue
   fi
   # One run per file; xargs keeps the command lines short.  A crash makes
   # the harness exit non-zero, which xargs passes on.
   if tr '\n' '\0' < "$TMP/$t.list" | xargs -0 "$bin" > "$TMP/$t.out" 2>&1; then
      pass "fuzz_$t ($n inputs)"
   else
      fail "fuzz_$t" "$(tail -n 40 "$TMP/$t.out")"
   fi
done
finish
