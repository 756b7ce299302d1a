#!/bin/sh
# Disk full, through the CLI: the database on a small tmpfs that a filler
# file fills up.  A change that does not fit fails with a clear message
# ("walens: FILE: database or disk is full", or "no space left on the
# device"), the answers before it stay intact, and once space is freed the
# next commands work and the file passes integrity_check.
#
# Needs root to mount the tmpfs; skipped otherwise (tests/stress/test_full
# covers the store with SQLite's max_page_count everywhere).
SUITE=stress
. "$top_srcdir/tests/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
   echo "# SKIP disk full: mounting a small tmpfs needs root"
   finish
   exit 77
fi
# The tmpfs lives in a mount namespace of this script alone: nobody else
# sees it, and it goes away with the script whatever happens.
if [ -z "${WALENS_STRESS_NS:-}" ] && command -v unshare > /dev/null &&
   WALENS_STRESS_NS=1 unshare --mount --propagation private true 2>/dev/null; then
   rm -rf "$TMP"
   trap - EXIT
   WALENS_STRESS_NS=1 exec unshare --mount --propagation private sh "$0" "$@"
fi
command -v sqlite3 >/dev/null || { echo "# sqlite3 (the CLI) is needed: apt-get install sqlite3"; fail "sqlite3 present"; finish; exit; }

MNT="$TMP/mnt"
mkdir "$MNT"
if ! mount -t tmpfs -o size=512k,mode=0700 tmpfs "$MNT" 2> "$TMP/mount.err"; then
   echo "# SKIP disk full: cannot mount a tmpfs here: $(cat "$TMP/mount.err")"
   finish
   exit 77
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT

DB="$MNT/walens.db"
LENS="$top_srcdir/tests/fixtures/lenses/small.yaml"
w() { "$WALENS" --db "$DB" --user full "$@"; }
FULL_MSG="walens: $DB: \\(database or disk is full\\|no space left on the device (.*)\\)"
BIG=$(head -c 50000 /dev/zero | tr '\0' x)

w workload add w --lens "$LENS" > /dev/null 2>&1
ok=yes
for q in Q1 Q2 Q3; do
   w answer w "$q" --notes "before $q" > "$TMP/out" 2>&1 || ok=no
done
if [ "$ok" = yes ]; then pass "answers before"; else fail "answers before" "$(cat "$TMP/out")"; fi

# expect_full NAME ARGS...: walens ARGS fails with the clear message.
expect_full() {
   name=$1
   shift
   w "$@" > "$TMP/out" 2> "$TMP/err"
   rc=$?
   if [ "$rc" -eq 1 ] && [ ! -s "$TMP/out" ] && grep -qx "$FULL_MSG" "$TMP/err"; then
      pass "$name"
   else
      fail "$name" "exit $rc: $(cat "$TMP/out" "$TMP/err")"
   fi
}

# Nearly full: 16 KiB left, a 50 KB note does not fit.
dd if=/dev/zero of="$MNT/filler" bs=4096 > /dev/null 2>&1
truncate -s -16K "$MNT/filler"
expect_full "nearly full: a big change fails clearly" answer w Q4 --notes "$BIG"

# Completely full: a small change fails clearly too.
dd if=/dev/zero of="$MNT/filler2" bs=512 > /dev/null 2>&1
expect_full "full: a small change fails clearly" answer w Q5 --select Q5_auto
# Reading may need the -shm file: either it works or it says why.
w status w > "$TMP/out" 2> "$TMP/err"
rc=$?
if { [ "$rc" -eq 0 ] && grep -q '^Workload w' "$TMP/out"; } ||
   { [ "$rc" -eq 1 ] && grep -qx "$FULL_MSG" "$TMP/err"; }; then
   pass "full: reading works or fails clearly"
else
   fail "full: reading works or fails clearly" "exit $rc: $(cat "$TMP/out" "$TMP/err")"
fi

# Space again.
rm -f "$MNT/filler" "$MNT/filler2"
if w status w --format json > "$TMP/status.json" 2> "$TMP/err"; then
   pass "space again: the database opens"
else
   fail "space again: the database opens" "$(cat "$TMP/err")"
fi
notes=$(sqlite3 "$DB" "SELECT group_concat(question_id || '=' || notes, ' ') FROM (SELECT * FROM answer ORDER BY question_id)")
if [ "$notes" = "Q1=before Q1 Q2=before Q2 Q3=before Q3" ]; then
   pass "earlier answers intact, the failed ones absent"
else
   fail "earlier answers intact, the failed ones absent" "$notes"
fi
if w answer w Q4 --notes "$BIG" > "$TMP/out" 2>&1 && w answer w Q5 --select Q5_auto > "$TMP/out" 2>&1; then
   pass "space again: the changes go through"
else
   fail "space again: the changes go through" "$(cat "$TMP/out")"
fi
check=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
if [ "$check" = ok ]; then pass "integrity_check ok"; else fail "integrity_check ok" "$check"; fi
finish
