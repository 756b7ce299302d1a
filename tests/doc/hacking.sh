#!/bin/sh
# doc/HACKING.md names every source file, test script and build file (so a
# newcomer finds what lives where), and the code keeps the layers it
# describes: core <- store <- report <- cli, tui; curses only in the TUI,
# SQLite only in the store.
SUITE=doc
. "$top_srcdir/tests/lib.sh"

cd "$top_srcdir" || exit 1
HACKING=doc/HACKING.md

{
   find src \( -name '*.[ch]' -o -name '*.mk' \) -type f
   find tests -path tests/fixtures -prune -o \( -name '*.sh' -o -name '*.[ch]' -o -name '*.py' \
      -o -name 'local.mk' -o -name README.md \) -type f -print
   find build-aux -name '*.sh' -type f
   find data doc po -type f \( -path 'data/*' -o -path 'doc/*' -o -name '*.po' -o -name POTFILES.in \
      -o -name LINGUAS -o -name Makevars \)
   for f in configure.ac Makefile.am quickstart README.md .ci/run; do
      [ -f "$f" ] && echo "$f"
   done
} | grep -v -e '\.o$' -e '/\.deps/' -e '\.tmp$' | LC_ALL=C sort -u > "$TMP/files"

: > "$TMP/missing"
while read -r f; do
   grep -qF "\`$f\`" "$HACKING" || echo "$f" >> "$TMP/missing"
done < "$TMP/files"
n=$(wc -l < "$TMP/files")
if [ -s "$TMP/missing" ]; then
   fail "doc/HACKING.md names every file ($n)" "add a line for:
$(cat "$TMP/missing")"
else
   pass "doc/HACKING.md names every file ($n)"
fi

# And the other way: a line that names a path which no longer exists
# misleads (files are named as `path/file.ext` at the start of a line).
# Only in a git checkout: a tarball leaves out .gitignore and the like, and
# generated files (src/core/lens_default.c) live in the build directory.
: > "$TMP/stale"
gone() {
   case $1 in
   */*|*.*) [ -e "$1" ] || [ -e "$top_builddir/$1" ] || echo "$1" >> "$TMP/stale" ;;
   esac
}
if [ -e .git ]; then
   sed -n 's/^- `\([^`]*\)`.*/\1/p' "$HACKING" | while read -r f; do gone "$f"; done
   sed -n 's/^- `[^`]*`, `\([^`]*\)`.*/\1/p' "$HACKING" | while read -r f; do gone "$f"; done
fi
if [ -s "$TMP/stale" ]; then
   fail "doc/HACKING.md names no file that is gone" "$(sort -u "$TMP/stale")"
else
   pass "doc/HACKING.md names no file that is gone"
fi

# Layers: which module's headers each module may include.
allowed() {
   case $1 in
   core) echo "core" ;;
   store) echo "core store" ;;
   report) echo "core store report" ;;
   cli) echo "core store report cli" ;;
   tui) echo "core store report tui" ;;
   esac
}
for m in core store report cli tui; do
   bad=""
   for f in src/$m/*.[ch]; do
      for inc in $(sed -n 's/^#include "\([a-z]*\)\/.*/\1/p' "$f" | sort -u); do
         case " $(allowed $m) " in
         *" $inc "*) ;;
         *) bad="$bad $f:$inc" ;;
         esac
      done
   done
   if [ -z "$bad" ]; then
      pass "src/$m includes only $(allowed $m | sed 's/ /, /g')"
   else
      fail "src/$m includes only $(allowed $m | sed 's/ /, /g')" "$bad"
   fi
done
curses=$(grep -l -E '#include <n?curses(w/curses)?\.h>' src/*.[ch] src/*/*.[ch] | grep -v -e '^src/tui/' -e '^src/version\.c$')
if [ -z "$curses" ]; then
   pass "only the TUI (and --version) include curses"
else
   fail "only the TUI (and --version) include curses" "$curses"
fi
sqlite=$(grep -l '#include <sqlite3\.h>' src/*.[ch] src/*/*.[ch] | grep -v -e '^src/store/' -e '^src/version\.c$')
if [ -z "$sqlite" ]; then
   pass "only the store (and --version) include sqlite3.h"
else
   fail "only the store (and --version) include sqlite3.h" "$sqlite"
fi
finish
