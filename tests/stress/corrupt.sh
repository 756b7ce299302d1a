#!/bin/sh
# Corruption and wrong files: a truncated database, a damaged page, random
# bytes, another program's SQLite file, a file from a newer schema, a
# read-only file, a directory, a dangling symbolic link and a FIFO given as
# the database.  Each command gets a clear error ("walens: FILE: why", exit
# 1), and nothing is overwritten or created: the file's checksum and the
# directory's listing are the same afterwards.  A damaged milestone is
# reported as such while the rest of its workload still reports.
SUITE=stress
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null || { echo "# sqlite3 (the CLI) is needed: apt-get install sqlite3"; fail "sqlite3 present"; finish; exit; }

LENS="$top_srcdir/tests/fixtures/lenses/small.yaml"
D="$TMP/files"
mkdir "$D"

# A good database with a few pages of answers.
GOOD="$TMP/good.db"
"$WALENS" --db "$GOOD" workload add w --lens "$LENS" > /dev/null 2>&1
for q in Q1 Q2 Q3 Q4 Q5; do
   "$WALENS" --db "$GOOD" answer w "$q" --notes "$(printf '%03000d' 7)" > /dev/null 2>&1
done
[ "$(sqlite3 "$GOOD" 'PRAGMA page_count')" -ge 8 ] && pass "good database made" || fail "good database made"

# fingerprint PATH: what must not change (content or type, and the directory).
fingerprint() {
   if [ -L "$1" ]; then printf 'link %s\n' "$(readlink "$1")"
   elif [ -d "$1" ]; then printf 'dir\n'; ls -A "$1"
   elif [ -p "$1" ]; then printf 'fifo\n'
   elif [ -f "$1" ]; then sha256sum < "$1"; stat -c '%a %s' "$1"
   else printf 'absent\n'
   fi
   ls -A "$(dirname "$1")"
}

# refuse NAME FILE PATTERN [USER]: every command is refused with a message
# matching "walens: FILE: PATTERN" and exit 1; nothing changes.
refuse() {
   name=$1 file=$2 pattern=$3 as=${4:-}
   fingerprint "$file" > "$TMP/before"
   ok=yes detail=""
   for cmd in "status w" "answer w Q1 --select Q1_a" "workload add x --lens $LENS" \
              "workload list" "--read-only status w"; do
      if [ -n "$as" ]; then
         runuser -u "$as" -- "$WALENS" --db "$file" $cmd > "$TMP/out" 2> "$TMP/err"
      else
         "$WALENS" --db "$file" $cmd > "$TMP/out" 2> "$TMP/err"
      fi
      rc=$?
      msg=$(cat "$TMP/err")
      if [ "$rc" -ne 1 ] || [ -s "$TMP/out" ] ||
         ! printf '%s\n' "$msg" | grep -qx "walens: $file: $pattern"; then
         ok=no
         detail="$detail
walens $cmd: exit $rc, stdout $(wc -c < "$TMP/out") bytes, stderr: $msg"
      fi
   done
   fingerprint "$file" > "$TMP/after"
   if ! cmp -s "$TMP/before" "$TMP/after"; then
      ok=no
      detail="$detail
changed: $(diff "$TMP/before" "$TMP/after")"
   fi
   if [ "$ok" = yes ]; then pass "$name"; else fail "$name" "$detail"; fi
}

PAGE=$(sqlite3 "$GOOD" 'PRAGMA page_size')

cp "$GOOD" "$D/truncated.db"
truncate -s $((PAGE * 5 + 100)) "$D/truncated.db"
refuse "truncated database" "$D/truncated.db" 'not a walens database, or damaged (.*)'

# Page 2's b-tree header: an invalid page type.
cp "$GOOD" "$D/damaged.db"
printf '\377\377\377\377' | dd of="$D/damaged.db" bs=1 seek="$PAGE" conv=notrunc 2>/dev/null
refuse "damaged page" "$D/damaged.db" '\(not a walens database, or damaged\|the database is damaged\) (.*)'

head -c 16384 /dev/urandom > "$D/random.db"
refuse "random bytes" "$D/random.db" 'not a walens database, or damaged (file is not a database)'

# Random bytes behind a valid SQLite header: SQLite reads the header first.
{ head -c 100 "$GOOD"; head -c $((PAGE * 4)) /dev/urandom; } > "$D/header-only.db"
refuse "random pages behind a good header" "$D/header-only.db" '\(not a walens database, or damaged\|the database is damaged\)\( (.*)\)\?'

sqlite3 "$D/other.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
refuse "another program's database" "$D/other.db" 'not a walens database'

cp "$GOOD" "$D/newer.db"
sqlite3 "$D/newer.db" 'PRAGMA user_version = 999'
refuse "newer schema" "$D/newer.db" 'made by a newer walens (schema 999; this one knows [0-9]*)'

mkdir "$D/dir.db"
refuse "a directory" "$D/dir.db" 'is a directory, not a database file'

ln -s "$D/nowhere/missing.db" "$D/dangling.db"
refuse "dangling symbolic link" "$D/dangling.db" 'symbolic link to a missing file; not creating it'
[ ! -e "$D/nowhere" ] && pass "link target not created" || fail "link target not created"

mkfifo "$D/fifo.db"
refuse "a FIFO" "$D/fifo.db" 'not a regular file'

# Read-only file: root ignores mode bits, so run as nobody when root.
RO="$TMP/ro"
mkdir "$RO"
cp "$GOOD" "$RO/readonly.db"
chmod 0444 "$RO/readonly.db"
AS=""
if [ "$(id -u)" -eq 0 ]; then
   if id nobody > /dev/null 2>&1 && command -v runuser > /dev/null; then
      AS=nobody
      chown nobody "$RO" "$RO/readonly.db"
      chmod 0711 "$TMP"
   else
      echo "# SKIP read-only file: root, and no user 'nobody' or runuser to drop to"
      RO=""
   fi
fi
as_user() {
   if [ -n "$AS" ]; then runuser -u "$AS" -- "$@"; else "$@"; fi
}
# readonly_case NAME OBSERVER_RC OBSERVER_PATTERN: writers are refused; an
# observer gets OBSERVER_RC and output matching the pattern; nothing changes.
readonly_case() {
   f="$RO/readonly.db"
   fingerprint "$f" > "$TMP/before"
   ok=yes detail=""
   for cmd in "answer w Q1 --select Q1_a" "workload add x --lens $LENS"; do
      as_user "$WALENS" --db "$f" $cmd > "$TMP/out" 2> "$TMP/err"
      rc=$?
      if [ "$rc" -ne 1 ] || [ "$(cat "$TMP/err")" != "walens: $f: not writable (open it read-only to look)" ]; then
         ok=no detail="$detail
walens $cmd: exit $rc: $(cat "$TMP/err")"
      fi
   done
   as_user "$WALENS" --db "$f" --read-only status w > "$TMP/out" 2>&1
   rc=$?
   if [ "$rc" -ne "$2" ] || ! head -n 1 "$TMP/out" | grep -qx "$3"; then
      ok=no detail="$detail
--read-only status: exit $rc: $(cat "$TMP/out")"
   fi
   fingerprint "$f" > "$TMP/after"
   cmp -s "$TMP/before" "$TMP/after" || { ok=no; detail="$detail
changed: $(diff "$TMP/before" "$TMP/after")"; }
   if [ "$ok" = yes ]; then pass "$1"; else fail "$1" "$detail"; fi
}
if [ -n "$RO" ]; then
   readonly_case "read-only file: writers refused, observers read" 0 'Workload w, .*'
   # A file nobody may write is read as immutable: no -shm needed.
   chmod 0555 "$RO"
   readonly_case "read-only file in a read-only directory: observers read" 0 'Workload w, .*'
   chmod 0755 "$RO"
fi
# A file its owner may write, read by another user from a directory that
# user cannot write: a WAL reader needs the -shm file, so a clear refusal.
if [ "$AS" = nobody ]; then
   chown root "$RO" "$RO/readonly.db"
   chmod 0644 "$RO/readonly.db"
   readonly_case "someone else's database in a read-only directory: clear refusal" 1 \
      "walens: $RO/readonly.db: cannot be read: a reader must create or open $RO/readonly.db-shm beside it, and the directory is not writable for you (copy the file, or ask for write access to the directory)"
else
   echo "# SKIP someone else's database: needs root to act as another user"
fi

# A damaged milestone snapshot (issue 19): every report of the workload is
# still written, naming the damaged milestone; milestone list marks it;
# only asking for that milestone itself fails, naming it.
MS="$TMP/milestones.db"
cp "$GOOD" "$MS"
for m in before broken after; do
   "$WALENS" --db "$MS" milestone add w "$m" > /dev/null 2>&1 || fail "milestone add $m"
done
# The milestone trigger refuses updates: set it aside for the damage.
trig=$(sqlite3 "$MS" "SELECT sql FROM sqlite_master WHERE name = 'milestone_immutable'")
sqlite3 "$MS" "DROP TRIGGER milestone_immutable;
   UPDATE milestone SET snapshot = substr(snapshot, 1, 50) || 'garbage' WHERE name = 'broken';
   $trig;" || fail "damage a milestone"
# damaged NAME RC PATTERN ARGS...: exit status RC, output matching PATTERN.
damaged() {
   name=$1 rc=$2 pattern=$3
   shift 3
   "$WALENS" --db "$MS" "$@" > "$TMP/out" 2>&1
   got=$?
   if [ "$got" -eq "$rc" ] && grep -q -- "$pattern" "$TMP/out"; then
      pass "$name"
   else
      fail "$name" "exit $got (want $rc), want /$pattern/: $(head -n 8 "$TMP/out")"
   fi
}
for f in text md html; do
   damaged "damaged milestone: report --format $f names it" 0 \
      'broken (damaged' report w --format "$f"
done
damaged "damaged milestone: report --format json marks it" 0 '"damaged": true' \
   report w --format json
damaged "damaged milestone: report --format csv is written" 0 '^key,phase' report w --format csv
damaged "damaged milestone: the others are in the trend" 0 '^after ' report w --format text
damaged "damaged milestone: milestone list marks it" 0 '^broken .* damaged, not readable' \
   milestone list w
damaged "damaged milestone: milestone list warns, naming it" 0 \
   "walens: warning: milestone 'broken' of workload 'w'" milestone list w
damaged "damaged milestone: milestone list --format json names it" 0 \
   "\"damaged\": \"milestone 'broken'" milestone list w --format json
damaged "damaged milestone: a diff of two good ones works" 0 "from 'before'" \
   milestone diff w before after
damaged "damaged milestone: reporting it fails, naming it" 1 \
   "milestone 'broken' of workload 'w'.*damaged" report w --milestone broken
damaged "damaged milestone: comparing it fails, naming it" 1 "milestone 'broken'" \
   milestone diff w broken after

# The good database is still good after all this.
if "$WALENS" --db "$GOOD" answer w Q1 --select Q1_a > "$TMP/out" 2>&1; then
   pass "good database still takes changes"
else
   fail "good database still takes changes" "$(cat "$TMP/out")"
fi
finish
