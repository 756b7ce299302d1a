#!/bin/sh
# The translations: every catalogue of po/LINGUAS passes msgfmt --check
# (format conversions match) with nothing fuzzy or untranslated, is complete
# for the strings the sources hold now, and keeps the words a user types or
# reads elsewhere as they are: options (--db), ':' commands, $VARIABLES.
SUITE=i18n
. "$top_srcdir/tests/lib.sh"

if ! command -v msgfmt > /dev/null 2>&1; then
   echo "msgfmt not found: skipped"
   exit 77
fi
PO="$top_srcdir/po"
langs=$(sed -e 's/#.*//' "$PO/LINGUAS")
[ -n "$langs" ] || { fail "po/LINGUAS names a language"; finish; exit 1; }

# stats FILE: msgfmt's statistics, or its errors.
stats() { LC_ALL=C msgfmt --check --statistics -o /dev/null "$1" 2>&1; }

complete() { # NAME FILE
   out=$(stats "$2")
   case $out in
   *fuzzy* | *untranslated* | *error* | *warning*) fail "$1" "$out" ;;
   *" translated message"*) pass "$1: $out" ;;
   *) fail "$1" "$out" ;;
   esac
}

if command -v xgettext > /dev/null 2>&1 && command -v msgmerge > /dev/null 2>&1; then
   (cd "$top_srcdir" && grep -v -e '^#' -e '^$' po/POTFILES.in |
      xgettext -o "$TMP/now.pot" --files-from=- --keyword=_ --keyword=N_ \
         --keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 --from-code=UTF-8 --add-comments=TRANSLATORS: 2>&1) ||
      fail "xgettext reads the sources"
else
   echo "# xgettext or msgmerge missing: the catalogues are not compared with the sources"
fi

for lang in $langs; do
   complete "po/$lang.po has no fuzzy or untranslated message" "$PO/$lang.po"
   if [ -s "$TMP/now.pot" ]; then
      msgmerge --quiet --no-fuzzy-matching -o "$TMP/$lang.po" "$PO/$lang.po" "$TMP/now.pot" 2>&1
      complete "po/$lang.po translates every string of the sources now
#   (if not: make -C po update-po, then translate what msgfmt --statistics reports)" \
         "$TMP/$lang.po"
   fi
   # Options, ':' commands and $VARIABLES of a msgid appear in its msgstr.
   LC_ALL=C msgattrib --no-obsolete "$PO/$lang.po" 2> /dev/null | awk '
      function unq(s) { s = substr(s, 2, length(s) - 2); return s }
      function flush(   n, i, t, toks) {
         if (id != "" && str != "") {
            n = split(id, toks, /[^-A-Za-z0-9_:$]+/)
            for (i = 1; i <= n; i++) {
               t = toks[i]
               if (t ~ /^--[a-z][a-z-]+$/ || t ~ /^:[a-z][a-z-]+$/ || t ~ /^\$[A-Z_]+$/)
                  if (index(str, t) == 0)
                     print t " missing in: " str
            }
         }
         id = str = ""; mode = ""
      }
      /^msgid / { flush(); mode = "id"; id = unq(substr($0, 7)); next }
      /^msgid_plural / { mode = "skip"; next }
      /^msgstr(\[0\])? / { mode = "str"; sub(/^msgstr(\[0\])? /, ""); str = unq($0); next }
      /^msgstr\[/ { mode = "skip"; next }
      /^"/ { if (mode == "id") id = id unq($0); else if (mode == "str") str = str unq($0); next }
      { flush() }
      END { flush() }
   ' > "$TMP/kept"
   if [ -s "$TMP/kept" ]; then
      fail "po/$lang.po keeps options, commands and variables" "$(head -n 20 "$TMP/kept")"
   else
      pass "po/$lang.po keeps options, commands and variables"
   fi
done
finish
