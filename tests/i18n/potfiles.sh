#!/bin/sh
# po/POTFILES.in lists exactly the source files that hold translatable
# strings (_(), N_(), ngettext()): a file missing there would leave its
# strings out of the catalogue, untranslated, without anyone noticing.
# 'make update-potfiles' rewrites the list.
SUITE=i18n
. "$top_srcdir/tests/lib.sh"

if ! command -v xgettext > /dev/null 2>&1; then
   echo "xgettext not found: skipped"
   exit 77
fi
sh "$top_srcdir/build-aux/potfiles.sh" "$top_srcdir" > "$TMP/want"
grep -v -e '^#' -e '^$' "$top_srcdir/po/POTFILES.in" | LC_ALL=C sort > "$TMP/have"

missing=$(LC_ALL=C comm -23 "$TMP/want" "$TMP/have")
extra=$(LC_ALL=C comm -13 "$TMP/want" "$TMP/have")
if [ -z "$missing" ]; then
   pass "every file with translatable strings is in po/POTFILES.in"
else
   fail "every file with translatable strings is in po/POTFILES.in" \
      "missing (run 'make update-potfiles'):
$missing"
fi
if [ -z "$extra" ]; then
   pass "po/POTFILES.in lists no file without translatable strings"
else
   fail "po/POTFILES.in lists no file without translatable strings" "$extra"
fi
# i18n.h defines the macros and holds no string: it must not count.
if grep -qx 'src/i18n.h' "$TMP/have"; then
   fail "src/i18n.h is not in po/POTFILES.in"
else
   pass "src/i18n.h is not in po/POTFILES.in"
fi
finish
