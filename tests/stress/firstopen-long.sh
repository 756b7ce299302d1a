#!/bin/sh
# firstopen-long.sh: the heavier loop of firstopen.sh (make check-stress):
# 40 processes, 20 rounds, creating and migrating.
. "${top_srcdir:-.}/tests/lib.sh"
tool=${top_builddir:-.}/tests/stress/firstopen
if "$tool" 40 20 > "$TMP/out" 2>&1; then pass "create at once"; else fail "create at once" "$(tail -n 20 "$TMP/out")"; fi
if "$tool" --migrate 40 20 > "$TMP/out" 2>&1; then pass "migrate at once"; else fail "migrate at once" "$(tail -n 20 "$TMP/out")"; fi
finish
