#!/bin/sh
# Workshop permissions, as real users (root only: it creates a group
# wlsgPID and two users wlsaPID and wlsbPID in it, each with a group of its
# own, and removes them at the end; root itself ignores mode bits, so every
# walens command runs through runuser).  Not in `make check`, which leaves
# the machine's users alone: `make check-stress` and .ci/run run it.
#   - a set-group-ID group directory with a 0660 database: both users write,
#     also while the -wal and -shm files the other one's connection made exist;
#   - a group directory without set-group-ID: walens refuses before making
#     files that would lock the others out, and names the fix (chmod g+s DIR);
#     -wal and -shm files another user's connection made there are explained
#     the same way; after chmod g+s both users write;
#   - a private database is 0600, and its directory 0700, even under umask 000;
#   - a sticky set-group-ID folder (3770, walens(1)'s workshop set-up): a
#     name one reviewer plants (a symbolic link to the other's file, a FIFO,
#     a hard link) is refused by the other's report, export and lens export
#     and the file behind it is untouched; nobody can remove, rename or
#     replace (even with --force) another's report or the database; reports
#     are created 0600.
# The "other user's connection" is a sqlite3 shell kept open, which makes its
# -wal and -shm files just as walens would (both are SQLite).
SUITE=stress
. "$top_srcdir/tests/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
   echo "# SKIP workshop permissions: needs root to create users and act as them"
   finish
   exit 77
fi
for tool in useradd userdel groupadd groupdel runuser sqlite3; do
   if ! command -v "$tool" > /dev/null; then
      echo "# SKIP workshop permissions: $tool not found"
      finish
      exit 77
   fi
done

G=wlsg$$ A=wlsa$$ B=wlsb$$
made=""
cleanup() {
   [ -n "${HOLDER:-}" ] && kill "$HOLDER" 2>/dev/null
   for u in $made; do
      case $u in
      group:*) groupdel "${u#group:}" 2>/dev/null ;;
      *) userdel "$u" 2>/dev/null; groupdel "$u" 2>/dev/null ;;
      esac
   done
   rm -rf "$TMP"
}
trap cleanup EXIT
if ! getent group "$G" > /dev/null; then
   groupadd "$G" || { fail "groupadd $G"; finish; exit; }
   made="group:$G"
fi
for u in $A $B; do
   if ! id "$u" > /dev/null 2>&1; then
      useradd -M -N -s /usr/sbin/nologin "$u" 2>/dev/null || { fail "useradd $u"; finish; exit; }
      groupadd "$u" 2>/dev/null
      usermod -g "$u" -G "$G" "$u" || { fail "usermod $u"; finish; exit; }
      made="$u $made"
   fi
done
pass "users $A and $B in group $G"

chmod 0711 "$TMP"
LENS="$TMP/small.yaml"
cp "$top_srcdir/tests/fixtures/lenses/small.yaml" "$LENS"
chmod 0644 "$LENS"
as() { user=$1; shift; runuser -u "$user" -- "$WALENS" --user "$user" "$@"; }

# workshop DIR MODE: a group directory and a 0660 database made by the facilitator.
workshop() {
   mkdir "$1"
   chgrp "$G" "$1"
   chmod "$2" "$1"
   "$WALENS" --db "$1/review.db" --user facilitator workload add w --lens "$LENS" > /dev/null 2>&1
   chgrp "$G" "$1/review.db"
   chmod 0660 "$1/review.db"
}

# hold USER DB: USER keeps a connection open (and its -wal and -shm files).
hold() {
   rm -f "$TMP/hold.fifo"
   mkfifo -m 0666 "$TMP/hold.fifo"
   runuser -u "$1" -- sh -c "umask ${HOLD_UMASK:-022}; exec sqlite3 '$2'" \
      < "$TMP/hold.fifo" > "$TMP/hold.out" 2>&1 &
   HOLDER=$!
   exec 4> "$TMP/hold.fifo"
   echo "SELECT count(*) FROM workload;" >&4
   i=0
   while [ ! -e "$2-shm" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
release() {
   exec 4>&-
   wait "$HOLDER"
   HOLDER=""
}

# write NAME USER DB Q CHOICE: USER's answer goes through.
write() {
   if as "$2" --db "$3" answer w "$4" --select "$5" > "$TMP/out" 2>&1; then
      pass "$1"
   else
      fail "$1" "$(cat "$TMP/out"; ls -la "$(dirname "$3")")"
   fi
}

# owned FILE USER GROUP MODE
owned() {
   got=$(stat -c '%U %G %a' "$1" 2>&1)
   if [ "$got" = "$2 $3 $4" ]; then pass "$(basename "$1") is $2 $3 $4"; else fail "$(basename "$1") is $2 $3 $4" "$got"; fi
}

# --- a set-group-ID directory ---
S="$TMP/setgid"
workshop "$S" 2770
write "setgid: $A writes" $A "$S/review.db" Q1 Q1_a
write "setgid: $B writes" $B "$S/review.db" Q2 Q2_a
hold $A "$S/review.db"
owned "$S/review.db-wal" $A $G 660
owned "$S/review.db-shm" $A $G 660
write "setgid: $B writes while $A's -wal and -shm exist" $B "$S/review.db" Q3 Q3_vault
release
hold $B "$S/review.db"
write "setgid: $A writes while $B's -wal and -shm exist" $A "$S/review.db" Q1 Q1_b
release
n=$(sqlite3 "$S/review.db" "SELECT count(*) FROM history WHERE kind = 'answer'")
if [ "$n" = 4 ]; then pass "setgid: every change recorded"; else fail "setgid: every change recorded" "$n answer rows"; fi

# --- a group directory without set-group-ID ---
N="$TMP/nosetgid"
workshop "$N" 0770
ls -A "$N" > "$TMP/before"
as $A --db "$N/review.db" answer w Q1 --select Q1_a > "$TMP/out" 2> "$TMP/err"
rc=$?
want="walens: $N/review.db: the database is shared with group $G, but its directory is not set-group-ID: the -wal and -shm files walens makes there would belong to your group $A and lock the others out; fix: chmod g+s $N"
if [ "$rc" -eq 1 ] && [ "$(cat "$TMP/err")" = "$want" ]; then
   pass "no setgid: refused with the fix"
else
   fail "no setgid: refused with the fix" "exit $rc: $(cat "$TMP/out" "$TMP/err")"
fi
ls -A "$N" > "$TMP/after"
if cmp -s "$TMP/before" "$TMP/after"; then pass "no setgid: nothing created"; else fail "no setgid: nothing created" "$(diff "$TMP/before" "$TMP/after")"; fi

# Another user's connection made its files there (sqlite3 does not check).
hold $A "$N/review.db"
owned "$N/review.db-wal" $A $A 660
as $B --db "$N/review.db" answer w Q2 --select Q2_a > "$TMP/out" 2> "$TMP/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "^walens: $N/review.db-\(wal\|shm\): not writable by you (owner $A, group $A): .*fix: chmod g+s $N, " "$TMP/err"; then
   pass "no setgid: another user's -wal explained with the fix"
else
   fail "no setgid: another user's -wal explained with the fix" "exit $rc: $(cat "$TMP/out" "$TMP/err")"
fi
release

chmod g+s "$N"
write "after chmod g+s: $A writes" $A "$N/review.db" Q1 Q1_a
hold $A "$N/review.db"
write "after chmod g+s: $B writes while $A's files exist" $B "$N/review.db" Q2 Q2_a
release

# --- a sticky set-group-ID workshop (3770) ---
K="$TMP/sticky"
workshop "$K" 3770
mkdir "$TMP/home-$A"
chown $A "$TMP/home-$A"
chmod 0700 "$TMP/home-$A"
runuser -u $A -- sh -c "printf 'ssh-ed25519 AAAA $A\n' > '$TMP/home-$A/authorized_keys'"
cp "$TMP/home-$A/authorized_keys" "$TMP/keys.orig"
# B plants names where A will write.
runuser -u $B -- ln -s "$TMP/home-$A/authorized_keys" "$K/plan.csv"
runuser -u $B -- ln -s "$TMP/home-$A/new-file" "$K/plan.md"
runuser -u $B -- mkfifo "$K/plan.txt"
# refusedAs NAME WHY ARGS...: A's command fails naming the file and why.
refusedAs() {
   n=$1 w=$2
   shift 2
   timeout 10 runuser -u $A -- "$WALENS" --user $A "$@" > "$TMP/out" 2> "$TMP/err" < /dev/null
   rc=$?
   if [ $rc -eq 1 ] && grep -qF "$w" "$TMP/err"; then pass "$n"; else fail "$n" "exit $rc: $(cat "$TMP/out" "$TMP/err")"; fi
}
for f in "" --force; do
   refusedAs "sticky: report -o $B's link to $A's file $f" "plan.csv: is a symbolic link" \
      --db "$K/review.db" report w --format csv -o "$K/plan.csv" $f
   refusedAs "sticky: export -o $B's dangling link $f" "plan.md: is a symbolic link" \
      --db "$K/review.db" export w -o "$K/plan.md" $f
   refusedAs "sticky: lens export -o $B's FIFO $f" "plan.txt: is not a regular file" \
      --db "$K/review.db" lens export -o "$K/plan.txt" $f
done
if cmp -s "$TMP/keys.orig" "$TMP/home-$A/authorized_keys" && [ ! -e "$TMP/home-$A/new-file" ]; then
   pass "sticky: $A's files behind the links are untouched"
else
   fail "sticky: $A's files behind the links are untouched" "$(ls -la "$TMP/home-$A")"
fi
# A hard link to A's file (when the kernel lets B make one at all).
if runuser -u $B -- ln "$TMP/home-$A/authorized_keys" "$K/hard.csv" 2> /dev/null; then
   refusedAs "sticky: report -o $B's hard link --force" "hard.csv: has other hard links" \
      --db "$K/review.db" report w -o "$K/hard.csv" --force
else
   pass "sticky: $B cannot hard-link $A's file (protected_hardlinks)"
fi
refusedAs "sticky: report -o the database" "is the database or one of its files" \
   --db "$K/review.db" report w -o "$K/review.db" --force
# A's report: 0600, and B can neither replace, remove nor rename it.
runuser -u $A -- "$WALENS" --user $A --db "$K/review.db" report w -o "$K/a-report.txt" \
   > "$TMP/out" 2>&1 || fail "sticky: $A writes a report" "$(cat "$TMP/out")"
owned "$K/a-report.txt" $A $G 600
cp "$K/a-report.txt" "$TMP/a-report.orig"
runuser -u $B -- "$WALENS" --user $B --db "$K/review.db" report w --format md \
   -o "$K/a-report.txt" --force > "$TMP/out" 2>&1
rc=$?
if [ $rc -eq 1 ] && cmp -s "$TMP/a-report.orig" "$K/a-report.txt"; then
   pass "sticky: $B cannot replace $A's report, even with --force"
else
   fail "sticky: $B cannot replace $A's report, even with --force" "exit $rc: $(cat "$TMP/out")"
fi
runuser -u $B -- rm -f "$K/a-report.txt" 2> /dev/null
runuser -u $B -- mv "$K/review.db" "$K/moved.db" 2> /dev/null
runuser -u $B -- rm -f "$K/review.db" 2> /dev/null
if [ -f "$K/a-report.txt" ] && [ -f "$K/review.db" ] && [ ! -e "$K/moved.db" ]; then
   pass "sticky: $B can neither remove nor rename $A's report or the database"
else
   fail "sticky: $B can neither remove nor rename $A's report or the database" "$(ls -la "$K")"
fi
write "sticky: $A still writes" $A "$K/review.db" Q1 Q1_a
write "sticky: $B still writes" $B "$K/review.db" Q2 Q2_a

# --- a private database under umask 000 ---
P="$TMP/private"
mkdir "$P"
chown $A "$P"
chmod 0755 "$P"
runuser -u $A -- sh -c "umask 000; XDG_DATA_HOME='$P/xdg' '$WALENS' --user $A workload add w --lens '$LENS'" > "$TMP/out" 2>&1 ||
   fail "private: workload add" "$(cat "$TMP/out")"
owned "$P/xdg/walens/walens.db" $A $A 600
got=$(stat -c '%a' "$P/xdg/walens" 2>&1)
if [ "$got" = 700 ]; then pass "private: data directory 0700"; else fail "private: data directory 0700" "$got"; fi
# Its -wal and -shm files follow the database's mode, not the umask.
HOLD_UMASK=000 hold $A "$P/xdg/walens/walens.db"
owned "$P/xdg/walens/walens.db-wal" $A $A 600
owned "$P/xdg/walens/walens.db-shm" $A $A 600
release
finish
