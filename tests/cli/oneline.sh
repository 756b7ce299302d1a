#!/bin/sh
# One record, one line (issue 19): line breaks of every kind (LF, CR, VT,
# FF, NEL, U+2028, U+2029) in a lens's names and titles, an owner, a plan
# note, a description and words on the command line never start a line of
# their own in line-per-record output: each shows as the mark U+23CE.  The
# fields carry "FORGED", so that the check is simple: FORGED never begins a
# line, it always follows the mark, and no separator but LF reaches the
# output.  Then the names people give: look-alikes are one name or refused.
SUITE=cli
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 > /dev/null 2>&1; then
   echo "SKIP: python3 is needed to read the lines back"
   exit 77
fi

DB="$TMP/oneline.db"
LENS="$TMP/oneline.yaml"
# YAML double-quoted escapes: \n LF, \r CR, \v VT, \f FF, \N NEL, \L LS, \P PS.
cat > "$LENS" << 'EOF'
id: oneline
name: "One\nFORGED line lens"
version: "1"
pillars:
  - id: ops
    name: "Operations\rFORGED"
    questions:
      - id: QB1
        title: "How do you operate?\nFORGED QB1 NONE"
        choices:
          - id: QB1_a
            title: "Automate\LFORGED"
            improvementPlan:
              displayText: "Automate it.\PFORGED"
          - id: QB1_b
            title: "Review\vFORGED"
            improvementPlan:
              displayText: "Review it.\fFORGED"
          - id: QB1_no
            title: "None of these\NFORGED"
EOF

cat > "$TMP/check.py" << 'EOF'
import sys

# check.py FILE [quiet]: every FORGED follows the mark; no line starts with
# it; no line separator but LF.  Unless quiet, at least one FORGED is shown.
path = sys.argv[1]
quiet = len(sys.argv) > 2
text = open(path, "rb").read().decode("utf-8", "replace")
problems = []
for sep in "\r\v\f\x85\u2028\u2029\x1c\x1d\x1e":
    if sep in text:
        problems.append("separator U+%04X in the output" % ord(sep))
shown = 0
for n, line in enumerate(text.split("\n"), 1):
    if line.startswith("FORGED"):
        problems.append("line %d starts with a field's text: %r" % (n, line))
    i = line.find("FORGED")
    while i >= 0:
        if i == 0 or line[i - 1] != "\u23ce":
            problems.append("line %d: FORGED without the mark: %r" % (n, line))
        shown += 1
        i = line.find("FORGED", i + 1)
if not quiet and shown == 0:
    problems.append("no field with a line break was shown")
for p in problems[:10]:
    print(p)
sys.exit(1 if problems else 0)
EOF

# l NAME RC [quiet] -- ARGS...: walens ARGS; exit status RC; one record a line.
l() {
   _name=$1 _rc=$2
   shift 2
   _quiet=
   if [ "$1" = quiet ]; then _quiet=quiet; shift; fi
   [ "$1" = -- ] && shift
   "$WALENS" --user tester --db "$DB" "$@" > "$TMP/out" 2>&1
   _got=$?
   if [ "$_got" -ne "$_rc" ]; then
      fail "$_name" "exit $_got, not $_rc: $(head -n 8 "$TMP/out")"
   elif python3 "$TMP/check.py" "$TMP/out" $_quiet > "$TMP/problems"; then
      pass "$_name"
   else
      fail "$_name" "$(cat "$TMP/problems"; head -n 20 "$TMP/out")"
   fi
}

NL=$(printf 'al\nFORGED')
CR=$(printf 'x\rFORGED')
NEL=$(printf 'n\302\205FORGED')
LS=$(printf 'n\342\200\250FORGED')
PS=$(printf 'n\342\200\251FORGED')
VT=$(printf 'v\013FORGED')

l "workload add" 0 quiet -- workload add w1 --lens "$LENS" --owner "$NL" --description "$VT"
l "answer" 0 quiet -- answer w1 QB1 --select QB1_a --notes "$NL"
l "answer: valid choices listed on one line" 2 quiet -- answer w1 QB1 --select nope
l "answer: an unknown question, with a line break" 2 -- answer w1 "$NL" --none
l "workload list" 0 -- workload list
l "status" 0 -- status w1
l "plan set: owner and note" 0 quiet -- plan set w1 QB1 QB1_b --owner "$NEL" --note "$LS"
l "plan" 0 -- plan w1
l "plan set: a note with PS" 0 quiet -- plan set w1 QB1 QB1_b --note "$PS"
l "history" 0 -- history w1
l "history of a question" 0 -- history w1 QB1
l "milestone add" 0 quiet -- milestone add w1 m1
l "milestone list" 0 quiet -- milestone list w1
l "plan set: a later change" 0 quiet -- plan set w1 QB1 QB1_b --owner "$CR" --note "$NL"
l "milestone diff" 0 -- milestone diff w1 m1
l "lens check" 0 quiet -- lens check "$LENS"

# A lens in the user's directory (lens list) and a newer version (upgrade).
mkdir -p "$XDG_DATA_HOME/walens/lenses"
sed -e 's/^version: "1"/version: "2"/' -e 's/How do you operate?/How do you run it?/' "$LENS" \
   > "$XDG_DATA_HOME/walens/lenses/oneline.yaml"
l "lens list" 0 -- lens list
l "upgrade --dry-run" 0 -- upgrade w1 --dry-run

# Diagnostics: an id with a line break is an error; titles quoted stay on
# their line.
BAD="$TMP/bad.yaml"
sed -e 's/- id: QB1_b/- id: "QB1\\nFORGED"/' "$LENS" > "$BAD"
l "lens check: an id with a line break" 1 -- lens check "$BAD"
l "workload add: a lens with such an id" 1 -- workload add w2 --lens "$BAD"

# Error messages echo what was typed on one line.
l "error: no such workload" 1 -- status "$NL"
l "error: no such workload (CR)" 1 -- status "$CR"
l "error: an unknown option" 2 -- status w1 "--$NL"
l "error: an unknown command" 2 -- "$NL" w1
l "error: a bad due date" 2 -- plan set w1 QB1 QB1_b --due "$LS"
l "error: a milestone name with a line break" 2 -- milestone add w1 "$NL"
l "error: a user name with a line break" 2 -- --user "$NL" status w1
l "error: a workload name with NEL" 2 -- workload add "$NEL"
l "error: no such milestone" 1 -- milestone diff w1 "$PS"

# Reports keep the paragraphs of prose: a note's second paragraph still
# starts a line of the text report.
"$WALENS" --db "$DB" answer w1 QB1 --select QB1_a --notes "$(printf 'First.\n\nSecond paragraph.')" \
   > /dev/null 2>&1
"$WALENS" --db "$DB" report w1 --format text > "$TMP/report.txt" 2>&1
if grep -q '^ *Second paragraph\.' "$TMP/report.txt"; then
   pass "report: prose keeps its paragraphs"
else
   fail "report: prose keeps its paragraphs" "$(grep -n 'paragraph' "$TMP/report.txt")"
fi

# Outside a UTF-8 locale the mark is "\n", literally.
LC_ALL=C "$WALENS" --db "$DB" status "$NL" > "$TMP/c.out" 2>&1
if grep -qF "'al\\nFORGED'" "$TMP/c.out" && [ "$(wc -l < "$TMP/c.out")" -eq 1 ]; then
   pass "C locale: the mark is \\n"
else
   fail "C locale: the mark is \\n" "$(od -c "$TMP/c.out" | head -n 5)"
fi

# ---- names: look-alikes are one name, or refused ----

# n NAME RC EXPECT ARGS...: walens ARGS; exit status RC; output holds EXPECT.
n() {
   _name=$1 _rc=$2 _want=$3
   shift 3
   "$WALENS" --user tester --db "$DB" "$@" > "$TMP/out" 2>&1
   _got=$?
   if [ "$_got" -ne "$_rc" ]; then
      fail "$_name" "exit $_got, not $_rc: $(head -n 5 "$TMP/out")"
   elif [ -n "$_want" ] && ! grep -qF -- "$_want" "$TMP/out"; then
      fail "$_name" "no '$_want' in: $(head -n 5 "$TMP/out")"
   else
      pass "$_name"
   fi
}

NFC=$(printf '\303\251t\303\251')        # "été", composed
NFD=$(printf 'e\314\201te\314\201')      # "été", decomposed
FULL=$(printf '\357\275\222\357\275\211\357\275\203\357\275\210') # "ｒｉｃｈ"
ZW=$(printf 'ri\342\200\213ch')          # ZERO WIDTH SPACE inside
NBSP=$(printf 'rich\302\240')            # a trailing no-break space
LONG=$(printf '%0101d' 0)
OK100=$(printf '%0100d' 0)

n "names: trailing blanks are dropped" 0 "" workload add "  rich  "
n "names: the list shows the name without them" 0 "rich " workload list
n "names: 'rich' is the same workload" 1 "exists already" workload add rich
n "names: full-width letters are the same workload" 1 "exists already" workload add "$FULL"
n "names: a trailing no-break space is the same workload" 1 "exists already" workload add "$NBSP"
n "names: a name with a zero-width space is refused" 2 "invisible character" workload add "$ZW"
n "names: NFD is stored as NFC" 0 "" workload add "$NFD"
n "names: ... so NFC is the same workload" 1 "exists already" workload add "$NFC"
n "names: looked up by the NFC form" 0 "Workload $NFC," status "$NFC"
n "names: looked up by the NFD form" 0 "Workload $NFC," status "$NFD"
n "names: looked up with blanks and full-width forms" 0 "Workload rich," status " $FULL "
n "names: inner blanks are squeezed" 0 "" workload rename rich "rich   fraud"
n "names: the renamed workload" 0 "Workload rich fraud," status "rich fraud"
n "names: 101 characters are too many" 2 "longer than 100 characters" workload add "$LONG"
n "names: 100 characters are enough" 0 "" workload add "$OK100"
n "names: a milestone with blanks around" 0 "Milestone 'm2' saved" milestone add w1 "  m2 "
n "names: the same milestone in full-width forms" 1 "already has a milestone named" \
   milestone add w1 "$(printf '\357\275\215\357\274\222')"
n "names: an invisible milestone name is refused" 2 "invisible character" \
   milestone add w1 "$(printf 'm\342\200\2143')"
n "names: a user with trailing blanks" 0 "" --user "bob  " plan set w1 QB1 QB1_b --priority 2
n "names: ... is recorded as bob" 0 "bob " history w1
users=$(sqlite3 "$DB" "SELECT DISTINCT quote(user_name) FROM history WHERE user_name LIKE 'bob%'")
if [ "$users" = "'bob'" ]; then
   pass "names: the history holds 'bob', no blanks"
else
   fail "names: the history holds 'bob', no blanks" "$users"
fi
n "names: a user with a zero-width joiner is refused" 2 "invisible character" \
   --user "$(printf 'bo\342\200\215b')" status w1
n "names: 65 characters are too many for a user" 2 "longer than 64 characters" \
   --user "$(printf '%065d' 0)" status w1
"$WALENS" --db "$DB" export w1 -o "$TMP/w1.bundle" || fail "export w1"
n "names: import --as normalises too" 1 "named 'w1' exists already" \
   import "$TMP/w1.bundle" --as "$(printf '\357\275\227\357\274\221')"
n "names: import --as refuses an invisible name" 2 "invisible character" \
   import "$TMP/w1.bundle" --as "$ZW"

# ---- robust starts: a global option without its value ----

# Without --user the login name is the user: normalised and refused as
# --user is.  A uid with no passwd entry makes walens take $USER, which the
# test can choose (root only: setpriv changes the uid).
lid=4242
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null 2>&1 && ! getent passwd $lid > /dev/null; then
   LD=$(mktemp -d /tmp/walens-login.XXXXXX)
   chmod 0777 "$LD"
   asLogin() { # USER ARGS...
      _u=$1
      shift
      env USER="$_u" HOME="$LD" XDG_DATA_HOME="$LD/xdg" \
         setpriv --reuid=$lid --regid=$lid --clear-groups "$WALENS" --db "$LD/l.db" "$@" > "$TMP/out" 2>&1
   }
   cp "$LENS" "$LD/l.yaml"
   asLogin "$(printf '\357\275\202\357\275\217\357\275\202 ')" workload add lw --lens "$LD/l.yaml" &&
      asLogin "bob  " answer lw QB1 --select QB1_a
   rc=$?
   users=$(sqlite3 "$LD/l.db" "SELECT DISTINCT quote(user_name) FROM history" 2>&1)
   if [ $rc -eq 0 ] && [ "$users" = "'bob'" ]; then
      pass "login name: full-width letters and blanks become 'bob'"
   else
      fail "login name: full-width letters and blanks become 'bob'" "exit $rc: $users $(cat "$TMP/out")"
   fi
   asLogin "$(printf 'bo\342\200\215b')" answer lw QB1 --select QB1_b
   rc=$?
   if [ $rc -ne 0 ] && grep -q "invisible character.*(the login name; give a user name with --user NAME)" "$TMP/out" &&
      [ "$(sqlite3 "$LD/l.db" "SELECT count(*) FROM history")" = 2 ]; then
      pass "login name: an invisible character is refused, nothing written"
   else
      fail "login name: an invisible character is refused, nothing written" "exit $rc: $(cat "$TMP/out")"
   fi
   asLogin "$(printf 'bo\342\200\215b')" --user carol answer lw QB1 --select QB1_b &&
      pass "login name: --user stands in for a refused one" ||
      fail "login name: --user stands in for a refused one" "$(cat "$TMP/out")"
   asLogin "$(printf 'bob\nQB1 NONE')" lw < /dev/null
   rc=$?
   [ $rc -eq 2 ] && grep -q "control character" "$TMP/out" &&
      pass "login name: the dashboard does not start under a refused one" ||
      fail "login name: the dashboard does not start under a refused one" "exit $rc: $(cat "$TMP/out")"
   rm -rf "$LD"
else
   echo "# login name cases skipped (they need root, setpriv and a free uid $lid)"
fi

for opt in --db --lens --user; do
   "$WALENS" $opt > "$TMP/out" 2>&1
   rc=$?
   if [ $rc -eq 2 ] && grep -q "option '$opt' needs a value" "$TMP/out"; then
      pass "walens $opt: a usage error"
   else
      fail "walens $opt: a usage error" "exit $rc: $(cat "$TMP/out")"
   fi
done
for args in "--read-only --db" "--db x --user" "--list-workloads --db" "status --db"; do
   "$WALENS" $args > "$TMP/out" 2>&1
   rc=$?
   if [ $rc -eq 2 ] && grep -q "needs a value" "$TMP/out"; then
      pass "walens $args: a usage error"
   else
      fail "walens $args: a usage error" "exit $rc: $(cat "$TMP/out")"
   fi
done

finish
