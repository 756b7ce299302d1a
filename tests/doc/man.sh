#!/bin/sh
# The manuals: the shipped walens.1 is what the program's tables give (so
# the page cannot drift from the commands, options and keys), both pages are
# clean troff for groff and mandoc, and every message the lens loader can
# print is documented in walens-lens.5.
SUITE=doc
. "$top_srcdir/tests/lib.sh"

MAN1="$top_srcdir/doc/walens.1"
MAN5="$top_srcdir/doc/walens-lens.5"
MANP="$top_srcdir/doc/walens-profile.5"

skip() { printf 'ok - %s # SKIP %s\n' "$1" "$2"; }

# 1. doc/walens.1 as shipped equals what build-aux/mkman.sh makes now.
if sh "$top_srcdir/build-aux/mkman.sh" "$WALENS" "$top_srcdir/doc/walens.1.in" \
      > "$TMP/walens.1" 2> "$TMP/mkman.err"; then
   if diff -u "$MAN1" "$TMP/walens.1" > "$TMP/diff"; then
      pass "doc/walens.1 matches the command, option and action tables"
   else
      fail "doc/walens.1 matches the command, option and action tables" \
         "doc/walens.1 is out of date: run 'make update-man' and commit it
$(head -n 60 "$TMP/diff")"
   fi
else
   fail "build-aux/mkman.sh runs" "$(cat "$TMP/mkman.err")"
fi

# The generated page really holds the tables: a key, a command, an option.
for want in '(\fB:toggle\fR)' '.SS "walens report"' '\fB\-\-page\-length\fR' \
   '.SS "The notes editor"'; do
   if grep -qF -- "$want" "$TMP/walens.1"; then
      pass "the page lists $want"
   else
      fail "the page lists $want"
   fi
done

# 2. Both pages format without a warning.
for page in "$MAN1" "$MAN5" "$MANP"; do
   name=$(basename "$page")
   if command -v groff > /dev/null 2>&1; then
      for dev in utf8 ascii; do
         groff -man -ww -z -T"$dev" "$page" > "$TMP/groff.out" 2>&1
         if [ -s "$TMP/groff.out" ]; then
            fail "groff -ww -T$dev: $name" "$(head -n 20 "$TMP/groff.out")"
         else
            pass "groff -ww -T$dev: $name"
         fi
      done
   else
      skip "groff: $name" "groff not installed"
   fi
   if command -v mandoc > /dev/null 2>&1; then
      mandoc -Tlint -W warning "$page" > "$TMP/mandoc.out" 2>&1
      if [ -s "$TMP/mandoc.out" ]; then
         fail "mandoc -Tlint: $name" "$(head -n 20 "$TMP/mandoc.out")"
      else
         pass "mandoc -Tlint: $name"
      fi
   else
      skip "mandoc -Tlint: $name" "mandoc not installed"
   fi
done

# msgids PATTERN...: the translatable messages of these sources, one a
# line.  The patterns are expanded in $top_srcdir (quote them), not here: in
# a VPATH build the build tree has generated sources of its own
# (src/core/lens_default.c) that a glob here would name.
msgids() {
   (cd "$top_srcdir" && xgettext -o - --omit-header --no-location --keyword=_ --keyword=N_ \
      --keyword=C_:1c,2 --keyword=NC_:1c,2 --from-code=UTF-8 $*) > "$TMP/msgs.po"
   awk '
      function unquote(s) {
         s = substr(s, 2, length(s) - 2)
         gsub(/\\"/, "\"", s)
         gsub(/\\\\/, "\\", s)
         return s
      }
      /^msgid "/ { id = unquote(substr($0, 7)); on = 1; next }
      /^"/ && on { id = id unquote($0); next }
      /^msgstr/ { if (id != "") print id; on = 0 }
   ' "$TMP/msgs.po"
}

# plain PAGE: the page's text with font changes and escapes removed.
plain() {
   sed -e 's/\\f[BIRP]//g' -e 's/\\&//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\(aq/'"'"'/g' "$1"
}

# missing PAGE_TEXT WANTED: the messages of WANTED that no line of
# PAGE_TEXT shows (a printf conversion stands for any text).
missing() {
   awk '
      function regex(s,   out, c, i, rest) {
         out = ""
         while (s != "") {
            if (match(s, /^%[-+ #0]*[0-9]*(\.[0-9]+)?(hh|h|ll|l|z|j|t)?[diouxXcsfgeEp]/)) {
               out = out ".+"
               s = substr(s, RLENGTH + 1)
               continue
            }
            c = substr(s, 1, 1)
            s = substr(s, 2)
            if (c == "%" && substr(s, 1, 1) == "%")
               s = substr(s, 2)
            if (index("\\^$.|?*+()[]{}", c))
               out = out "\\" c
            else
               out = out c
         }
         return "^" out "$"
      }
      FNR == NR { page[++lines] = $0; next }
      {
         re = regex($0)
         for (i = 1; i <= lines; i++)
            if (page[i] ~ re)
               next
         print
      }
   ' "$1" "$2"
}

# 3. Every translatable message of the lens loader, the condition parser and
#    the lens export is a line of walens-lens.5 (font changes and escapes
#    removed; a printf conversion stands for any text, so the page may name
#    it as it likes).
if command -v xgettext > /dev/null 2>&1; then
   msgids 'src/core/lens*.c' src/core/cond.c src/core/catalog.c src/report/lens_export.c \
      > "$TMP/msgids"
   plain "$MAN5" > "$TMP/page.txt"
   # Messages that are not diagnostics: where the lens comes from (lens list).
   grep -v -x -e 'user' -e 'installed' -e 'built-in' -e '%s: file is larger than %zu bytes' \
      "$TMP/msgids" > "$TMP/wanted"
   n=$(wc -l < "$TMP/wanted")
   missing "$TMP/page.txt" "$TMP/wanted" > "$TMP/missing"
   if [ "$n" -lt 40 ]; then
      fail "the loader's messages were found" \
         "only $n messages in src/core/lens*.c, cond.c and src/report/lens_export.c"
   elif [ -s "$TMP/missing" ]; then
      fail "walens-lens.5 lists every message of the lens loader and export ($n)" \
         "not in doc/walens-lens.5 (DIAGNOSTICS):
$(cat "$TMP/missing")"
   else
      pass "walens-lens.5 lists every message of the lens loader and export ($n)"
   fi
else
   skip "walens-lens.5 lists every message of the lens loader" "xgettext not installed"
fi

# 4. The same for the profile loader and walens-profile.5; the profile scan
#    walks its directories with the lens catalogue's walker (core/catalog.c),
#    so that walker's warning is the profile scan's too.
if command -v xgettext > /dev/null 2>&1; then
   msgids src/core/profile.c src/core/profiles.c > "$TMP/pwanted"
   msgids src/core/catalog.c | grep -x 'not a regular file.*skipped' >> "$TMP/pwanted"
   plain "$MANP" > "$TMP/ppage.txt"
   missing "$TMP/ppage.txt" "$TMP/pwanted" > "$TMP/pmissing"
   n=$(wc -l < "$TMP/pwanted")
   if [ "$n" -lt 25 ]; then
      fail "the profile loader's messages were found" "only $n"
   elif [ -s "$TMP/pmissing" ]; then
      fail "walens-profile.5 lists every message of the profile loader ($n)" \
         "not in doc/walens-profile.5 (DIAGNOSTICS):
$(cat "$TMP/pmissing")"
   else
      pass "walens-profile.5 lists every message of the profile loader ($n)"
   fi
else
   skip "walens-profile.5 lists every message of the profile loader" "xgettext not installed"
fi

finish
