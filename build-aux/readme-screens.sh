#!/bin/sh
# build-aux/readme-screens.sh: README.md's pictures of the program are the
# golden screens of tests/tui/golden.sh, copied in, never typed by hand.
#
#   readme-screens.sh [--check] README GOLDEN_DIR
#
# Between a line `<!-- screen: NAME -->` and the next `<!-- /screen -->`,
# README holds GOLDEN_DIR/NAME.screen as an indented (code) block.  Without
# --check the README is rewritten when it differs (`make update-readme`);
# with --check a difference is printed as a diff and the exit status is 1.
check=
if [ "${1:-}" = --check ]; then
   check=yes
   shift
fi
[ $# -eq 2 ] || { echo "usage: $0 [--check] README GOLDEN_DIR" >&2; exit 2; }
readme=$1 golden=$2
tmp=$(mktemp) || exit 2
trap 'rm -f "$tmp"' EXIT

awk -v dir="$golden" '
   /^<!-- screen: [a-z0-9_-]+ -->$/ {
      print
      file = dir "/" $3 ".screen"
      print ""
      n = 0
      while ((rc = getline line < file) > 0) {
         n++
         print (line == "" ? "" : "    " line)
      }
      if (rc < 0 || n == 0) {
         print "readme-screens: cannot read " file > "/dev/stderr"
         bad = 1
      }
      close(file)
      print ""
      inside = 1
      next
   }
   /^<!-- \/screen -->$/ { inside = 0 }
   !inside { print }
   END { exit bad }' "$readme" > "$tmp" || exit 2

if [ -n "$check" ]; then
   diff -u "$readme" "$tmp" && exit 0
   exit 1
fi
cmp -s "$readme" "$tmp" || cat "$tmp" > "$readme"
