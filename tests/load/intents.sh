#!/bin/sh
# The intent-write load test (issue 12): 30 clients toggle their own
# practice of the same five questions for a minute (tests/load/intents.py).
# Nothing acknowledged may be lost, nothing refused, no busy error; the
# latency p50/p99 and the refusals by cause are printed.  Run by
# `make check-load`, not by `make check`; WALENS_LOAD_SECONDS (default 60).
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "python3 not found: skipped"
   exit 77
fi
unset WALENS_NOW
DB="$TMP/intents.db"
"$WALENS" --db "$DB" --user facilitator workload add workshop > /dev/null 2>&1 ||
   fail "workload created"
python3 "$top_srcdir/tests/load/intents.py" "$WALENS" "$DB" \
   "$top_srcdir/data/lenses/machine-learning.yaml" "${WALENS_LOAD_SECONDS:-60}" > "$TMP/res" 2>&1
rc=$?
cat "$TMP/res"
while read -r line; do
   case $line in
   "ok - "*) passed=$((passed + 1)) ;;
   "not ok - "*) failed=$((failed + 1)) ;;
   esac
done < "$TMP/res"
[ "$rc" = 0 ] || [ "$failed" -gt 0 ] || fail "intents.py exited $rc"
finish
