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
#   - a private database is 0600, and its directory 0700, even under umask 000.
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
