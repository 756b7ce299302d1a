#!/bin/sh
# Output files in a folder others write to (issue 19): every command that
# takes -o (report, export, lens export) refuses a planted name: a symbolic
# link to a file, to a missing file, to a directory, a hard link, a FIFO, a
# device, and the database or its -wal, -shm, -journal under any name; the
# file a link points to is never touched.  An existing file needs --force;
# a new file is 0600.  A FIFO or device in a lens folder hangs nothing.
SUITE=cli
. "$top_srcdir/tests/lib.sh"

DB="$TMP/w.db"
"$WALENS" --db "$DB" workload add w > /dev/null || fail "workload add"
"$WALENS" --db "$DB" answer w BGI1 --none > /dev/null 2>&1
D="$TMP/shared"
mkdir "$D" "$TMP/home"
printf 'ssh-ed25519 AAAA alice\n' > "$TMP/home/authorized_keys"
cp "$TMP/home/authorized_keys" "$TMP/keys.orig"

# plant NAME KIND: what another reviewer left in the shared folder.
plant() {
   rm -f "$D/$1"
   case $2 in
   symlink) ln -s "$TMP/home/authorized_keys" "$D/$1" ;;
   dangling) ln -s "$TMP/home/created-through-link" "$D/$1" ;;
   dirlink) ln -s "$TMP/home" "$D/$1" ;;
   hardlink) ln "$TMP/home/authorized_keys" "$D/$1" ;;
   fifo) mkfifo "$D/$1" ;;
   device) ln -s /dev/null "$D/$1" ;;
   esac
}

# refused NAME WHY COMMAND...: exit 1 within 10 s, an error naming the file
# and the reason, the planted entry and the victim unchanged.
refused() {
   r_name=$1 r_why=$2
   shift 2
   ls -lA "$D" "$TMP/home" > "$TMP/before" 2>&1
   timeout 10 "$WALENS" --db "$DB" "$@" > "$TMP/out" 2> "$TMP/err" < /dev/null
   rc=$?
   ls -lA "$D" "$TMP/home" > "$TMP/after" 2>&1
   if [ $rc -eq 1 ] && grep -qF "$r_why" "$TMP/err" && cmp -s "$TMP/before" "$TMP/after" &&
      cmp -s "$TMP/keys.orig" "$TMP/home/authorized_keys" &&
      [ ! -e "$TMP/home/created-through-link" ]; then
      pass "$r_name"
   else
      fail "$r_name" "exit $rc: $(cat "$TMP/err"); $(diff "$TMP/before" "$TMP/after")"
   fi
}

for kind in symlink dangling dirlink hardlink fifo device; do
   case $kind in
   symlink | dangling | dirlink | device) why="is a symbolic link" ;;
   hardlink) why="has other hard links" ;;
   fifo) why="is not a regular file" ;;
   esac
   plant out $kind
   for force in "" --force; do
      refused "report -o a $kind $force" "$D/out: $why" report w -o "$D/out" $force
      refused "report --format csv -o a $kind $force" "$D/out: $why" \
         report w --format csv -o "$D/out" $force
      refused "export -o a $kind $force" "$D/out: $why" export w -o "$D/out" $force
      refused "lens export -o a $kind $force" "$D/out: $why" lens export -o "$D/out" $force
   done
   rm -f "$D/out"
done
refused "report -o /dev/null" "/dev/null: is not a regular file" report w -o /dev/null --force

# The database, whatever the name.
"$WALENS" --db "$DB" status w > /dev/null
ln -s "$DB" "$D/db-link"
for target in "$DB" "$DB-wal" "$DB-shm" "$DB-journal" "$TMP/./w.db" "$D/../w.db-wal"; do
   for cmd in "report w" "export w" "lens export"; do
      refused "$cmd -o $(basename "$target")" "is the database or one of its files" \
         $cmd -o "$target" --force
   done
done
refused "report -o a link to the database" "is a symbolic link" report w -o "$D/db-link" --force
"$WALENS" --db "$DB" status w > /dev/null 2>&1 && pass "the database still opens" ||
   fail "the database still opens"

# Replacing needs --force; new files are 0600 whatever the umask.
(umask 022 && "$WALENS" --db "$DB" report w -o "$D/r.txt") || fail "report -o a new file"
got=$(stat -c %a "$D/r.txt")
[ "$got" = 600 ] && pass "a new report is 0600" || fail "a new report is 0600" "$got"
(umask 000 && "$WALENS" --db "$DB" export w -o "$D/w.bundle") || fail "export -o a new file"
got=$(stat -c %a "$D/w.bundle")
[ "$got" = 600 ] && pass "a new bundle is 0600 under umask 000" || fail "a new bundle is 0600 under umask 000" "$got"
for cmd in "report w" "export w" "lens export"; do
   refused "$cmd -o an existing file needs --force" "exists; use --force to replace it" \
      $cmd -o "$D/r.txt"
done
chmod 0640 "$D/r.txt"
if "$WALENS" --db "$DB" report w --format md -o "$D/r.txt" --force &&
   grep -q '^# ' "$D/r.txt" && [ "$(stat -c %a "$D/r.txt")" = 640 ]; then
   pass "--force replaces it and keeps its mode"
else
   fail "--force replaces it and keeps its mode" "$(ls -l "$D/r.txt")"
fi
[ -z "$(find "$D" -name '.*' -type f)" ] && pass "no temporary file is left" ||
   fail "no temporary file is left" "$(ls -la "$D")"

# ---- a FIFO or a device in the lens folder ----
L="$TMP/xdg/walens/lenses"
mkdir -p "$L"
cp "$top_srcdir/tests/fixtures/lenses/small.yaml" "$L/"
mkfifo "$L/evil.yaml"
ln -s /dev/zero "$L/zero.yaml"
# hangs NAME COMMAND...: done within 10 s, with a warning naming the FIFO.
hangs_not() {
   name=$1
   shift
   timeout 10 "$WALENS" --db "$TMP/lens.db" "$@" > "$TMP/out" 2> "$TMP/err" < /dev/null
   rc=$?
   if [ $rc -ne 124 ] && grep -q "evil.yaml: warning: not a regular file" "$TMP/err"; then
      pass "$name"
   else
      fail "$name" "exit $rc: $(cat "$TMP/out" "$TMP/err")"
   fi
}
hangs_not "lens list skips the FIFO" lens list
grep -q "^small " "$TMP/out" && pass "and lists the lens beside it" || fail "and lists the lens beside it" "$(cat "$TMP/out")"
grep -q "zero.yaml: warning: not a regular file" "$TMP/err" && pass "and skips the device" ||
   fail "and skips the device" "$(cat "$TMP/err")"
"$WALENS" --db "$TMP/lens.db" workload add l --lens small > /dev/null 2>&1 ||
   fail "workload add --lens small"
timeout 10 "$WALENS" --db "$TMP/lens.db" upgrade l --check > "$TMP/out" 2>&1 < /dev/null
rc=$?
[ $rc -eq 1 ] && grep -q "is the newest available" "$TMP/out" && pass "upgrade --check is not held by the FIFO" ||
   fail "upgrade --check is not held by the FIFO" "exit $rc: $(cat "$TMP/out")"
for cmd in "workload add f --lens $L/evil.yaml" "upgrade l --lens $L/evil.yaml" \
           "lens check $L/evil.yaml" "lens export $L/zero.yaml"; do
   timeout 10 "$WALENS" --db "$TMP/lens.db" $cmd > "$TMP/out" 2> "$TMP/err" < /dev/null
   rc=$?
   if [ $rc -eq 1 ] && cat "$TMP/out" "$TMP/err" | grep -q "not a regular file"; then
      pass "$cmd: refused at once"
   else
      fail "$cmd: refused at once" "exit $rc: $(cat "$TMP/err")"
   fi
done
finish
