#!/bin/sh
# check-style.sh SRCDIR: the tree is in its one style (make format-check).
#   - every C file is as clang-format (.clang-format) would write it;
#   - every header's guard names its module: src/tui/lib/wtext.h is
#     WALENS_TUI_LIB_WTEXT_H;
#   - a file-local (static) function is named in lowerCamelCase
#     (`readPath`): `Module_verb` names are for what a header exports.
# Prints each file that is not, and exits 1 if any is not.
set -u
top=${1:-.}
cd "$top" || exit 2
status=0
files=$(find src tests -name '*.[ch]' ! -path '*/.deps/*' ! -name lens_default.c ! -name profile_default.c | sort)
if ! command -v clang-format > /dev/null 2>&1; then
   echo "check-style: clang-format not found (Debian: apt-get install clang-format)" >&2
   exit 2
fi
for f in $files; do
   if ! clang-format --dry-run --Werror "$f" > /dev/null 2>&1; then
      echo "not formatted: $f (clang-format -i $f)"
      status=1
   fi
done
for h in $(find src -name '*.h' | sort); do
   want=WALENS_$(echo "$h" | sed 's#^src/##; s#[/.]#_#g' | tr 'a-z' 'A-Z')
   got=$(sed -n 's/^#ifndef \([A-Z0-9_]*\).*/\1/p' "$h" | head -n 1)
   if [ "$got" != "$want" ]; then
      echo "header guard: $h has ${got:-none}, not $want"
      status=1
   fi
done
for f in $files; do
   grep -nE '^static (inline )?[^=(]*[^A-Za-z0-9_][A-Z][A-Za-z0-9]*_[a-z][A-Za-z0-9]*\(' "$f" |
      while IFS= read -r line; do
         echo "static named like an export: $f:$line (lowerCamelCase for file-local functions)"
      done | grep . && status=1
done
[ "$status" -eq 0 ] && echo "check-style: $(echo "$files" | wc -l) files in style"
exit "$status"
