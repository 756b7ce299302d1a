#!/bin/sh
# What walens writes to its terminal, byte for byte, on a pty of our own
# (tests/term/ptyrun.py; tmux would hide what it swallows).  A lens, a
# workload description and notes full of escape sequences (cursor moves, a
# title set, OSC 52, OSC 8, CSI 6n, DCS, C1 CSI/OSC/DCS, CR, BS, BEL, bidi
# overrides) are shown on every screen that shows them; the byte stream must
# hold none of it (tests/term/checkbytes.py says what may be there).  Then:
# invalid UTF-8 keystrokes, a storm of resizes, TERM=dumb and an unknown
# TERM, and the C and Latin-1 locales.  What tmux shows (the pane title,
# the clipboard, the screens after a resize storm, 20x5) is screens.sh;
# SIGHUP while editing notes keeps the text as a draft: tests/tui/notes.sh.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "python3 not found: skipped"
   exit 77
fi
PTYRUN="$top_srcdir/tests/term/ptyrun.py"
LENS="$top_srcdir/tests/term/hostile.yaml"
SMALL="$top_srcdir/tests/fixtures/lenses/small.yaml"
DB="$TMP/term.db"

# run NAME SCRIPT OUT [ENV...] -- ARGS: walens --db $DB ARGS on an 80x24 pty.
run() {
   _script=$1 _out=$2
   shift 2
   _env=""
   while [ "$1" != "--" ]; do _env="$_env $1"; shift; done
   shift
   env TERM=xterm-256color $_env python3 "$PTYRUN" --out "$_out" --script "$_script" -- \
      "$WALENS" --db "$DB" "$@"
}

# check NAME MODE FILE: the byte stream is clean.
check() {
   if python3 "$top_srcdir/tests/term/checkbytes.py" "$2" "$3" > "$TMP/problems"; then
      pass "$1"
   else
      fail "$1" "$(cat "$TMP/problems")"
   fi
}

# shown NAME FILE TEXT...: each text was drawn (as harmless text): the
# hostile content really was on the screen.
shown() {
   _n=$1 _f=$2 _miss=""
   shift 2
   for _t in "$@"; do
      grep -qaF -- "$_t" "$_f" || _miss="$_miss [$_t]"
   done
   if [ -z "$_miss" ]; then pass "$_n"; else fail "$_n" "not drawn:$_miss"; fi
}

"$WALENS" --db "$DB" --lens "$LENS" workload add hostile \
   --description "$(printf 'desc \033]2;pwned-desc\007 \302\233 6n')" > /dev/null 2>&1
"$WALENS" --db "$DB" answer hostile H1 --none \
   --notes "$(printf 'note \033]52;c;cHduZWQ=\007 \033[6n \033P1$r\033\\ \302\233 99;97H \342\200\256 rlo \r cr end')" \
   > /dev/null 2>&1
"$WALENS" --db "$DB" milestone add hostile first > /dev/null 2>&1
"$WALENS" --db "$DB" --lens "$SMALL" workload add keys > /dev/null 2>&1
"$WALENS" --db "$DB" --lens "$SMALL" workload add latin > /dev/null 2>&1
[ "$("$WALENS" --db "$DB" status hostile --format json | grep -c 'cHduZWQ=')" = 1 ] &&
   pass "hostile notes stored" || fail "hostile notes stored"

# Every screen that shows lens or user text: the list (description), the
# dashboard, the question (title, description, practices, details, notes),
# its history, the notes editor, the plan and an item, the milestones and a
# milestone's dashboard, help.
cat > "$TMP/tour" << 'EOF'
wait  quit
quiet 100
send \r
wait  back
quiet 100
send \r
quiet 100
send \r
quiet 100
send d
quiet 100
send H
quiet 150
send \x1b
quiet 100
send e
quiet 150
send \x1b
quiet 150
send \x1b
quiet 100
send \x1b
quiet 100
send p
quiet 150
send \r
quiet 150
send \x1b
quiet 100
send \x1b
quiet 100
send m
quiet 150
send \r
quiet 150
send \x1b
quiet 100
send \x1b
quiet 100
send ?
quiet 100
send \x1b
quiet 100
send Q
EOF
MARKS="pwned-title cHduZWQ= c1-pwned evil.example pwned-desc 99;97H pwned-too"
for term in xterm-256color screen-256color; do
   out="$TMP/tour-$term.bin"
   got=$(run "$TMP/tour" "$out" TERM=$term --)
   [ "$got" = "exit 0" ] && pass "$term: every screen, then Q" || fail "$term: every screen, then Q" "$got"
   check "$term: no escape sequence, C1 or bidi control from the content" utf8 "$out"
   shown "$term: the hostile texts were drawn, as text" "$out" $MARKS "Notes for H1" \
      "to improve:" "Milestones"
done

# Outside UTF-8: C is 7-bit, Latin-1 gets no C1 byte (0x80..0x9f), since
# UTF-8 continuation bytes would be C1 controls there.
got=$(run "$TMP/tour" "$TMP/tour-C.bin" LC_ALL=C --)
[ "$got" = "exit 0" ] && pass "LC_ALL=C: every screen" || fail "LC_ALL=C: every screen" "$got"
check "LC_ALL=C: 7-bit output only" ascii "$TMP/tour-C.bin"
LATIN1=""
# localedef builds one from the sources (glibc's locales data) when none is
# installed; it may warn and exit 1 yet make a usable locale.
mkdir -p "$TMP/locale"
for l in en_US de_DE fr_FR; do
   command -v localedef > /dev/null 2>&1 || break
   localedef -i $l -f ISO-8859-1 "$TMP/locale/$l.ISO-8859-1" > /dev/null 2>&1
   if [ "$(LOCPATH=$TMP/locale LC_ALL=$l.ISO-8859-1 locale charmap 2> /dev/null)" = ISO-8859-1 ]; then
      LATIN1="LOCPATH=$TMP/locale LC_ALL=$l.ISO-8859-1"
      break
   fi
done
if [ -n "$LATIN1" ]; then
   :
elif locale -a 2> /dev/null | grep -qi '^[a-z_]*\.iso88591$'; then
   LATIN1="LC_ALL=$(locale -a | grep -i '^[a-z_]*\.iso88591$' | head -n 1)"
fi
if [ -n "$LATIN1" ]; then
   got=$(run "$TMP/tour" "$TMP/tour-latin1.bin" $LATIN1 --)
   [ "$got" = "exit 0" ] && pass "Latin-1: every screen" || fail "Latin-1: every screen" "$got"
   check "Latin-1: no C1 byte" latin1 "$TMP/tour-latin1.bin"
   # ASCII typed there is stored; walens itself keeps writing UTF-8.
   printf 'wait  back\nsend \\r\nquiet 100\nsend \\r\nquiet 100\nsend e\nquiet 100\nsend latin one\nquiet 100\nsend \\x13\nwait Notes stored\nsend Q\n' > "$TMP/latin1-keys"
   got=$(run "$TMP/latin1-keys" "$TMP/latin1-keys.bin" $LATIN1 -- latin)
   [ "$got" = "exit 0" ] && pass "Latin-1: notes typed and stored" ||
      fail "Latin-1: notes typed and stored" "$got"
   "$WALENS" --db "$DB" status latin --format json | grep -q '"notes": "latin one"' &&
      pass "Latin-1: the notes are in the database" ||
      fail "Latin-1: the notes are in the database" "$("$WALENS" --db "$DB" status latin --format json | grep notes)"
else
   echo "# SKIP Latin-1: no localedef and no ISO-8859-1 locale"
fi

# Invalid UTF-8 typed through the pty: dropped, the keys around them kept.
# On the dashboard first (nothing may happen), then in the notes editor:
# a stray byte, a truncated sequence, a surrogate, a code point past
# U+10FFFF, an overlong slash, then a valid e-acute.
cat > "$TMP/keys" << 'EOF'
wait  back
quiet 100
send \xff\xc3\xed\xa0\x80\xf4\x90\x80\x80\xc0\xaf\x80
quiet 150
send \r
quiet 100
send \r
quiet 100
send e
wait Notes for Q1
send a\xffb\xc3c\xed\xa0\x80d\xf4\x90\x80\x80e\xc0\xaff\xc3\xa9
quiet 150
send \x13
wait Notes stored
send Q
EOF
got=$(run "$TMP/keys" "$TMP/keys.bin" -- keys)
[ "$got" = "exit 0" ] && pass "invalid UTF-8 keys: walens goes on" || fail "invalid UTF-8 keys: walens goes on" "$got"
notes=$("$WALENS" --db "$DB" status keys --format json | awk '/"id": "Q1"/ { q = 1 } q && /"notes"/ { print; exit }')
case $notes in
*'"notes": "abcdefé"'*) pass "invalid UTF-8 keys: dropped, the keys around them stored" ;;
*) fail "invalid UTF-8 keys: dropped, the keys around them stored" "$notes" ;;
esac
check "invalid UTF-8 keys: nothing odd echoed" utf8 "$TMP/keys.bin"

# A storm of resizes (SIGWINCH after SIGWINCH, down to 1x1 and 20x5), then
# 80x24 again: walens draws a whole dashboard and still takes keys.
cat > "$TMP/storm" << 'EOF'
wait  back
quiet 100
storm 400
wait  back
quiet 300
send j
quiet 100
send Q
EOF
got=$(run "$TMP/storm" "$TMP/storm.bin" -- keys)
[ "$got" = "exit 0" ] && pass "400 resizes, then a whole frame at 80x24 and Q" ||
   fail "400 resizes, then a whole frame at 80x24 and Q" "$got"
check "400 resizes: a clean byte stream" utf8 "$TMP/storm.bin"

# Terminals walens cannot draw on: a clear error, exit 1, no crash.
printf 'sleep 2\n' > "$TMP/idle"
for t in dumb no-such-terminal-xyz; do
   got=$(run "$TMP/idle" "$TMP/term.bin" TERM=$t -- keys)
   msg=$(tr -d '\r' < "$TMP/term.bin")
   if [ "$got" = "exit 1" ] && [ "$msg" = "walens: cannot use the terminal type $t" ]; then
      pass "TERM=$t: a clear error, exit 1"
   else
      fail "TERM=$t: a clear error, exit 1" "$got: $(od -c "$TMP/term.bin" | head -n 5)"
   fi
done
finish
