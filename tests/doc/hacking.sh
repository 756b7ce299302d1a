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

# And the other way: every backticked path on any line of HACKING.md exists
# (a glob matches something); placeholders (NAME, xxx) are not paths.
# Only in a git checkout: a tarball leaves out .gitignore and the like, and
# generated files (src/core/lens_default.c) live in the build directory.
# tokens: one line per backticked word, "LINE<TAB>WORD".
awk '{ n = split($0, f, "`"); for (i = 2; i <= n; i += 2) if (f[i] != "") printf "%d\t%s\n", NR, f[i] }' \
   "$HACKING" > "$TMP/tokens"
placeholder() {
   case $1 in *NAME* | *xxx* | *Xxx*) return 0 ;; esac
   return 1
}
: > "$TMP/stale"
if [ -e .git ]; then
   while IFS='	' read -r ln tok; do
      placeholder "$tok" && continue
      case $tok in
      *" "*) ;;
      src/* | tests/* | doc/* | data/* | build-aux/* | po/* | .ci/* | m4/*)
         # unquoted on purpose: a glob expands to what it matches
         # shellcheck disable=SC2086
         set -- $tok
         [ -e "$1" ] || [ -e "$top_builddir/$1" ] || echo "line $ln: $tok" >> "$TMP/stale" ;;
      esac
   done < "$TMP/tokens"
fi
if [ -s "$TMP/stale" ]; then
   fail "doc/HACKING.md names no file that is gone" "$(cat "$TMP/stale")"
else
   pass "doc/HACKING.md names no file that is gone"
fi

# A backticked function (Module_verb) is in the file its line is about: on a
# "- `file`: ..." line the files named before the colon, on another line any
# C file the line names; a line that names none: somewhere in src/ or tests/.
lineFiles() {
   sed -n "${1}p" "$HACKING" | sed '/^- `/s/`: .*/`/' |
      awk '{ n = split($0, f, "`"); for (i = 2; i <= n; i += 2) print f[i] }' |
      grep -E '^(src|tests)/[^ ]*\.[ch]$'
}
: > "$TMP/misplaced"
while IFS='	' read -r ln tok; do
   tok=${tok%"()"}
   placeholder "$tok" && continue
   case $tok in
   *[!A-Za-z0-9_]*) continue ;;
   [A-Z]*_*[a-z]*) ;;
   *) continue ;;
   esac
   files=$(lineFiles "$ln")
   if [ -z "$files" ]; then
      grep -rqw --include='*.[ch]' -- "$tok" src tests ||
         echo "line $ln: $tok is nowhere in src/ or tests/" >> "$TMP/misplaced"
      continue
   fi
   found=
   for f in $files; do
      [ -f "$f" ] || f=$top_builddir/$f
      [ -f "$f" ] && grep -qw -- "$tok" "$f" && found=yes
   done
   [ -n "$found" ] || echo "line $ln: $tok is not in" $files >> "$TMP/misplaced"
done < "$TMP/tokens"
if [ -s "$TMP/misplaced" ]; then
   fail "doc/HACKING.md places every function it names" "$(cat "$TMP/misplaced")"
else
   pass "doc/HACKING.md places every function it names"
fi

# A documented `--filter 'PATTERN'` selects at least one test of the
# Criterion binary before it (PATTERN against "suite/test", as Criterion
# matches it).
sed -n "s|.*\(tests/[a-z]*/test_[a-z_]*\) --filter '\([^']*\)'.*|\1 \2|p" "$HACKING" > "$TMP/filters"
while read -r bin pattern; do
   if [ ! -x "$top_builddir/$bin" ]; then
      echo "# SKIP --filter '$pattern': $bin is not built"
      continue
   fi
   # --list prints "suite: N tests" and then the tests, one a line
   n=$("$top_builddir/$bin" --list 2>&1 | awk '
      /^[^ ]*: [0-9]+ tests?$/ { suite = $1; sub(/:$/, "", suite); next }
      { t = $0; sub(/^[^a-zA-Z0-9_]*/, "", t); print suite "/" t }' |
      while read -r name; do
         # shellcheck disable=SC2254
         case $name in $pattern) echo "$name" ;; esac
      done | wc -l)
   if [ "$n" -gt 0 ]; then
      pass "$bin --filter '$pattern' selects tests ($n)"
   else
      fail "$bin --filter '$pattern' selects tests" "it matches none of: $("$top_builddir/$bin" --list 2>&1 | head -n 5)"
   fi
done < "$TMP/filters"

# store_internal.h: included outside src/store only by the files its line names.
line=$(grep -n '^- `src/store/store_internal.h`' "$HACKING" | cut -d: -f1)
extra=""
for f in $(grep -rl --include='*.[ch]' '#include "store/store_internal.h"' src tests | grep -v '^src/store/'); do
   sed -n "${line:-0}p" "$HACKING" | grep -qF "\`$f\`" || extra="$extra $f"
done
if [ -n "$line" ] && [ -z "$extra" ]; then
   pass "only the files HACKING.md names include store_internal.h outside the store"
else
   fail "only the files HACKING.md names include store_internal.h outside the store" \
      "not named on its line:${extra:- (no line for src/store/store_internal.h)}"
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
   for f in src/$m/*.[ch] src/$m/*/*.[ch]; do
      [ -e "$f" ] || continue # no subfolder in this module
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
# src/tui/lib is the TUI's curses-free half: none of its files includes
# curses, neither itself nor through a TUI header that does (at any depth).
drawing=$(grep -l -E '#include <n?curses(w/curses)?\.h>' src/tui/*.h src/tui/*/*.h |
   sed 's|^src/||' | tr '\n' ' ')
grew=1
while [ "$grew" = 1 ]; do
   grew=0
   for h in src/tui/*.h src/tui/*/*.h; do
      case " $drawing " in *" ${h#src/} "*) continue ;; esac
      for d in $drawing; do
         if grep -qF "#include \"$d\"" "$h"; then
            drawing="$drawing ${h#src/}"
            grew=1
            break
         fi
      done
   done
done
libcurses=""
for f in src/tui/lib/*.[ch]; do
   grep -q -E '#include <n?curses(w/curses)?\.h>' "$f" && libcurses="$libcurses $f"
   for h in $drawing; do
      grep -qF "#include \"$h\"" "$f" && libcurses="$libcurses $f:$h"
   done
done
if [ -z "$libcurses" ]; then
   pass "nothing under src/tui/lib includes curses"
else
   fail "nothing under src/tui/lib includes curses" "$libcurses"
fi
sqlite=$(grep -l '#include <sqlite3\.h>' src/*.[ch] src/*/*.[ch] | grep -v -e '^src/store/' -e '^src/version\.c$')
if [ -z "$sqlite" ]; then
   pass "only the store (and --version) include sqlite3.h"
else
   fail "only the store (and --version) include sqlite3.h" "$sqlite"
fi
finish
