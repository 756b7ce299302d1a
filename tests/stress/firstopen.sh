#!/bin/sh
# firstopen.sh: a few rounds of a workshop's first use at once (make check):
# 24 processes creating one new database, then 24 migrating an old one.
. "${top_srcdir:-.}/tests/lib.sh"
tool=${top_builddir:-.}/tests/stress/firstopen
if "$tool" 24 4 > "$TMP/out" 2>&1; then pass "create at once"; else fail "create at once" "$(tail -n 20 "$TMP/out")"; fi
if "$tool" --migrate 24 4 > "$TMP/out" 2>&1; then pass "migrate at once"; else fail "migrate at once" "$(tail -n 20 "$TMP/out")"; fi
finish
