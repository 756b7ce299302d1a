#!/bin/sh
# potfiles.sh [SRCDIR]: prints the source files that hold translatable
# strings, one a line, sorted: what po/POTFILES.in must list.  A file counts
# when xgettext finds a string in it with the keywords of po/Makevars, so a
# _() in a comment does not.  Used by 'make update-potfiles' and
# tests/i18n/potfiles.sh.
set -eu
cd "${1:-.}"
for f in $(find src -name '*.[ch]' ! -name lens_default.c | LC_ALL=C sort); do
   if xgettext -o - --omit-header --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
         --from-code=UTF-8 "$f" 2>/dev/null | grep -q '^msgid'; then
      printf '%s\n' "$f"
   fi
done
