#!/bin/sh
# make install into a DESTDIR with another prefix, then the installed
# binary, run from there: it finds its lens and its translations below the
# moved tree (src/reloc.h), shows the installed lens in `lens list`, and
# speaks German when asked.  make uninstall leaves no file behind.
SUITE=install
. "$top_srcdir/tests/lib.sh"

PREFIX=/opt/walens-installcheck
DEST="$TMP/dest"
ROOT="$DEST$PREFIX"

# A make of its own: not the jobserver of the `make check` running us.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "${MAKE:-make}" -s -C "$top_builddir" "$@"; }

if mk install DESTDIR="$DEST" prefix="$PREFIX" > "$TMP/install.log" 2>&1; then
   pass "make install DESTDIR=... prefix=$PREFIX"
else
   fail "make install DESTDIR=... prefix=$PREFIX" "$(tail -n 30 "$TMP/install.log")"
   finish
   exit 1
fi

for f in bin/walens share/walens/lenses/machine-learning.yaml share/man/man1/walens.1 \
   share/man/man5/walens-lens.5 share/man/man5/walens-profile.5 \
   share/walens/profiles/machine-learning.yaml share/locale/de/LC_MESSAGES/walens.mo \
   share/bash-completion/completions/walens; do
   if [ -f "$ROOT/$f" ]; then
      pass "installs $f"
   else
      fail "installs $f" "$(cd "$DEST" && find . -type f | sort)"
   fi
done

# The installed binary, in an empty home, with no lens directory forced.
run() {
   env -u WALENS_LENSDIR -u WALENS_LOCALEDIR -u LANGUAGE XDG_DATA_HOME="$TMP/home" "$@"
}
W="$ROOT/bin/walens"

run LC_ALL=C.UTF-8 "$W" lens list > "$TMP/list.out" 2>&1
if grep -q '^machine-learning .* installed  Machine Learning Lens$' "$TMP/list.out"; then
   pass "lens list shows the installed lens"
else
   fail "lens list shows the installed lens" "$(cat "$TMP/list.out")"
fi
if grep -q '^machine-learning .* built-in   Machine Learning Lens (overridden)$' "$TMP/list.out"; then
   pass "which overrides the built-in one"
else
   fail "which overrides the built-in one" "$(cat "$TMP/list.out")"
fi

# Translations: de_DE.UTF-8 when the machine has it, else LANGUAGE=de
# (which gettext honours in any locale but C and POSIX).
if locale -a 2> /dev/null | grep -qi '^de_DE\.utf-\?8$'; then
   de="LC_ALL=de_DE.UTF-8"
else
   de="LC_ALL=C.UTF-8 LANGUAGE=de"
fi
if ! grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2> /dev/null; then
   de=""
   echo "# built without NLS: the translation is not checked"
fi
if [ -n "$de" ]; then
   # shellcheck disable=SC2086 # $de is two assignments
   run $de "$W" --help > "$TMP/help.de" 2>&1
   if grep -q '^Aufruf: walens \[OPTIONEN\] \[WORKLOAD\]$' "$TMP/help.de"; then
      pass "the installed binary speaks German ($de)"
   else
      fail "the installed binary speaks German ($de)" "$(head -n 5 "$TMP/help.de")"
   fi
   # shellcheck disable=SC2086
   run $de "$W" lens list > "$TMP/list.de" 2>&1
   if grep -q '^machine-learning .* installiert ' "$TMP/list.de"; then
      pass "lens list in German names the installed lens"
   else
      fail "lens list in German names the installed lens" "$(cat "$TMP/list.de")"
   fi
fi

# The man page is the shipped one; the completion loads in bash.
if cmp -s "$ROOT/share/man/man1/walens.1" "$top_srcdir/doc/walens.1"; then
   pass "the installed walens.1 is doc/walens.1"
else
   fail "the installed walens.1 is doc/walens.1"
fi
if command -v bash > /dev/null 2>&1; then
   if bash -c ". '$ROOT/share/bash-completion/completions/walens' && complete -p walens" \
      > "$TMP/complete.out" 2>&1 && grep -q '_walens walens' "$TMP/complete.out"; then
      pass "the installed completion registers _walens"
   else
      fail "the installed completion registers _walens" "$(cat "$TMP/complete.out")"
   fi
fi

if mk uninstall DESTDIR="$DEST" prefix="$PREFIX" > "$TMP/uninstall.log" 2>&1; then
   left=$(cd "$DEST" && find . -type f | sort)
   if [ -z "$left" ]; then
      pass "make uninstall removes every file"
   else
      fail "make uninstall removes every file" "$left"
   fi
else
   fail "make uninstall" "$(tail -n 30 "$TMP/uninstall.log")"
fi
finish
