#!/bin/sh
# Hostile text through every command that writes text: a lens full of escape
# sequences (tests/term/hostile.yaml), notes, names, a user, an owner and
# words on the command line holding OSC 52, OSC 2, CSI, C1 controls and bidi
# overrides.  Whatever walens writes to stdout and stderr, JSON aside, must
# hold no ESC, no other C0 control but LF and TAB (and the form feeds of the
# text report), no DEL, no C1 control and no bidi control, and must show
# the hostile text as U+FFFD where it was (core/utf8.h, Utf8_sanitize).
SUITE=cli
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to read the bytes back"
   exit 77
fi

LENS="$top_srcdir/tests/term/hostile.yaml"
DB="$TMP/hostile.db"
# OSC 52 (a clipboard write), a screen clear, C1 CSI, RIGHT-TO-LEFT OVERRIDE.
NOTE=$(printf '\033]52;c;eA==\007 \033[2J \302\233 \342\200\256')
# A word a user types: an OSC 2 title, C1 OSC, LEFT-TO-RIGHT ISOLATE, DEL.
WORD=$(printf 'x\033]2;t\007\302\235\342\201\246\177')
# Names (users, milestones, workloads) refuse controls, bidi controls and
# invisible characters (core/names.h): these are refused, and the error
# that quotes them must be clean.  The commands run as plain eve.
NAME=$(printf 'm\342\200\256\342\201\246x')
NAME2=$(printf 'u\342\200\216\342\201\251')
EVE=$(printf 'eve\342\200\217')

cat > "$TMP/check.py" << 'EOF'
import sys

# check.py MODE FILE: text (LF, TAB), page (and FF), csv (and CRLF record
# ends), quiet (no U+FFFD needed).
mode, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
allowed = {0x0A, 0x09} | ({0x0C} if mode == "page" else set())
problems = []
for i, b in enumerate(data):
    if mode == "csv" and data[i:i + 2] == b"\r\n":
        continue
    if (b < 0x20 and b not in allowed) or b == 0x7F:
        problems.append("byte 0x%02x at %d: %r" % (b, i, data[max(0, i - 20):i + 20]))
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    problems.append("not UTF-8: %s" % e)
    text = data.decode("utf-8", "replace")
bidi = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
for i, ch in enumerate(text):
    if 0x80 <= ord(ch) <= 0x9F or ord(ch) in bidi:
        problems.append("U+%04X: %r" % (ord(ch), text[max(0, i - 20):i + 20]))
if mode != "quiet" and "\ufffd" not in text:
    problems.append("no U+FFFD: the hostile text was not shown at all")
for p in problems[:10]:
    print(p)
sys.exit(1 if problems else 0)
EOF

# w NAME MODE RC ARGS...: walens ARGS as eve; exit status RC, clean bytes.
w() {
   _name=$1 _mode=$2 _rc=$3
   shift 3
   "$WALENS" --user eve --db "$DB" "$@" > "$TMP/out" 2>&1
   _got=$?
   if [ "$_got" -ne "$_rc" ]; then
      fail "$_name" "exit $_got, not $_rc: $(od -c "$TMP/out" | head -n 8)"
   elif python3 "$TMP/check.py" "$_mode" "$TMP/out" > "$TMP/problems"; then
      pass "$_name"
   else
      fail "$_name" "$(cat "$TMP/problems")"
   fi
}

w "workload add" quiet 0 workload add hw --lens "$LENS" --description "$NOTE" --owner "$WORD"
w "answer" quiet 0 answer hw H1 --none --notes "$NOTE"
w "answer: a bad choice" text 2 answer hw H1 --select "$WORD"
w "answer: a bad question" text 2 answer hw "$WORD" --none
w "workload list" text 0 workload list
w "status" text 0 status hw
w "plan set" text 0 plan set hw H1 H1_a --owner "$WORD" --note "$NOTE"
w "plan" text 0 plan hw
w "history" text 0 history hw
w "history of a question" text 0 history hw H1
w "milestone add: a hostile name is refused" text 2 milestone add hw "$NAME"
w "milestone add" quiet 0 milestone add hw m1
w "milestone list" quiet 0 milestone list hw
w "plan set after the milestone" quiet 0 plan set hw H1 H1_a --owner "${WORD}2"
w "milestone diff" text 0 milestone diff hw m1
w "milestone diff: a hostile name" text 1 milestone diff hw "$NAME"
w "a hostile user is refused" text 2 --user "$EVE" status hw
w "lens check" quiet 0 lens check "$LENS"

# A lens file whose mistakes the diagnostics quote (YAML refuses controls,
# not bidi overrides), under a name that holds an escape sequence.
BAD="$TMP/$(printf 'bad\033]2;t\007')"
printf 'id: bad\nname: x\nversion: "1"\n"key\342\200\256": 1\npillars: []\n' > "$BAD.yaml"
w "lens check: diagnostics" text 1 lens check "$BAD.yaml"
w "lens check: a file that is not there" text 1 lens check "$BAD.missing"

# A newer hostile lens in the user's lens directory: lens list, upgrade.
mkdir -p "$XDG_DATA_HOME/walens/lenses"
sed -e 's/^version: "1"/version: "2"/' -e 's/NEL end/NEL end \\u202Ev2/' "$LENS" \
   > "$XDG_DATA_HOME/walens/lenses/hostile.yaml"
w "lens list" text 0 lens list
w "upgrade --check" quiet 0 upgrade hw --check
w "upgrade --dry-run" text 0 upgrade hw --dry-run
w "upgrade: a hostile milestone name is refused" text 2 upgrade hw --milestone "$NAME2"
w "upgrade" text 0 upgrade hw --milestone before-v2

w "report text" page 0 report hw --format text
w "report text, narrow pages" page 0 report hw --format text --width 40 --page-length 14
w "report md" text 0 report hw --format md
w "report csv" csv 0 report hw --format csv
w "report html" text 0 report hw --format html
w "report text of a milestone" page 0 report hw --format text --milestone m1

"$WALENS" --db "$DB" export hw -o "$TMP/hw.bundle" || fail "export"
w "import as a hostile name: refused" text 2 import "$TMP/hw.bundle" --as "$NAME"
w "import under another name" quiet 0 import "$TMP/hw.bundle" --as hw2
w "workload list: the imported name" text 0 workload list

# Errors that echo what the user typed.
w "error: no such workload" text 1 status "$WORD"
w "error: no such workload, invalid UTF-8" text 1 status "$(printf 'a\377b\342\200')"
w "error: an unknown option" text 2 status hw "--$WORD"
w "error: an unknown option value" text 2 status hw --format "$WORD"
w "error: an unknown command" text 2 "$WORD" hw
w "error: an unknown lens command" text 2 lens "$WORD"
w "error: a bad due date" text 2 plan set hw H1 H1_a --due "$WORD"

# No command writes text past Cli_printf and friends (src/cli/cli.h).
if grep -nE '(^|[^_a-zA-Z])(printf|fprintf|vprintf|vfprintf|puts|fputs|fwrite)\(' \
      "$top_srcdir"/src/cli/cmd_*.c "$top_srcdir"/src/cli/args.c > "$TMP/raw"; then
   fail "src/cli: every text through Cli_printf" "$(cat "$TMP/raw")"
else
   pass "src/cli: every text through Cli_printf"
fi

finish
