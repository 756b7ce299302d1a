#!/bin/sh
# The interface in German at 80x24 (tmux), on the Machine Learning Lens: the
# screens are translated, the matrix keeps its columns, the footer keeps its
# last hints, the help lists translated actions; the CLI speaks German too,
# with counts in the right plural and the diagnostic keywords untranslated.
# tests/lib.sh pins LC_ALL=C.UTF-8: walens runs here under `env -u LC_ALL
# -u LANGUAGE LANG=de_DE.UTF-8`, as a German user's shell would start it.
. "$top_srcdir/tests/tui/tuilib.sh"

if ! locale -a 2> /dev/null | grep -qi '^de_DE\.utf-\?8$'; then
   echo "the de_DE.UTF-8 locale is not installed (./quickstart generates it): skipped"
   exit 77
fi
if ! grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" 2> /dev/null; then
   echo "built without NLS: skipped"
   exit 77
fi
# The catalogue of po/de.po as it is now (po/de.gmo is rebuilt only by
# update-po), else the built one.
mkdir -p "$TMP/locale/de/LC_MESSAGES"
MO="$TMP/locale/de/LC_MESSAGES/walens.mo"
if ! { command -v msgfmt > /dev/null 2>&1 && msgfmt -o "$MO" "$top_srcdir/po/de.po"; } &&
   ! cp "$top_builddir/po/de.gmo" "$MO" 2> /dev/null; then
   echo "no German catalogue (no msgfmt, no po/de.gmo): skipped"
   exit 77
fi
DE="env -u LC_ALL -u LANGUAGE LANG=de_DE.UTF-8 WALENS_LOCALEDIR=$TMP/locale"
TUI_ENV=$DE

w() { "$WALENS" --db "$DB" "$@" > /dev/null 2>&1; }
w --user alice workload add fraud-model --owner alice --environment production
w --user alice answer fraud-model MLOPS01 --select MLOPS01_BP01
w --user bob answer fraud-model MLSEC04 --select MLSEC04_BP01,MLSEC04_BP02
w answer fraud-model MLREL02 --not-applicable OUT_OF_SCOPE
w answer fraud-model MLCOST03 --none

line() { screen "$1" | sed -n "$2p"; }
# expect_line SESSION N TEXT NAME: line N of the screen is exactly TEXT.
expect_line() {
   _got=$(line "$1" "$2" | sed 's/ *$//')
   if [ "$_got" = "$3" ]; then
      pass "$4"
   else
      fail "$4" "line $2: expected
[$3]
got
[$_got]
$(screen "$1")"
   fi
}

tui_start a 80 24 --user carol fraud-model
expect a "Fragen 4/35 beantwortet" "the dashboard in German"
expect_line a 2 "                 Operat.  Security Reliab.  Perform. Cost     Sustain. Alle" \
   "the matrix header keeps its columns, every pillar's name short (lens text stays English)"
expect_line a 15 " Alle Phasen     ▲ 1/6    ▲ 1/6    · 1/5    · 0/6    ◆ 1/6    · 0/6    ▲ 4/35" \
   "the totals row keeps its columns"
expect_line a 19 " Methoden 3/105 umgesetzt   Plan: 7 offen, 0 in Arbeit, 0 erledigt" \
   "practices and plan in words"
expect_line a 24 " Enter öffnen  p Plan  m Meilensteine  w Workloads  / suchen  ? Hilfe  q zurück" \
   "the footer fits 80 columns with help and back last"

keys a Enter
expect a "MLOPS01_BP01" "a cell of one question opens it at once"
keys a Escape
expect a "Operational excellence · Business goal identification   1 Frage" \
   "a cell: one question, singular"
keys a Enter
expect a "Notizen  (e bearbeiten, E \$EDITOR)" "a question: notes in German"
expect_line a 24 " w Workloads  Space an/aus  ←/→ blättern  X n. z.  e Notizen  ? Hilfe  q zurück" \
   "the question's footer keeps every hint"
keys a 2
expect a "▲ HOCH         2/3" "two of three high practices: HIGH, as a German word"
check_q "the answer is stored" fraud-model MLOPS01 '"selected": ["MLOPS01_BP01","MLOPS01_BP02"]'
expect a "geändert von carol · " "who, in German"
keys a 3
expect a "✓ OK           3/3" "every practice: OK"

keys a '?'
expect a "Tasten: Frage" "the help screen's title"
expect a "Methode 1 bis 9 wählen oder abwählen" "the help lists translated actions"
keys a q q q w
expect a "Name         Lens                   Antworten Risiken   letzte Änderung" \
   "the workload list's columns"
expect_line a 24 " Enter öffnen  M Portfolio  a neu  R umbenennen  ? Hilfe  q beenden" \
   "its footer says quit, not back"
keys a Enter p
expect a "Ris. Gw Pri Ort      Methode              zuständig fällig       Status" \
   "the plan screen's columns"
expect a "offen" "plan statuses in German"
expect a "Sortierung: Risiko" "the sort's name in German"
keys a S
expect a "Sortiert nach Fälligkeit" "so is the next one's"
keys a s 2
expect a "in Arbeit" "a status set in German"
keys a f
typed a "in Arbeit"
keys a Enter
expect a "Filter: in Arbeit   Sortierung: Fälligkeit   1 gezeigt" \
   "a German status of two words filters as one"
keys a Q
[ "$(wait_exit a)" = 0 ] && pass "Q quits" || fail "Q quits"

# The command line.
# shellcheck disable=SC2086 # $DE is words for env
$DE "$WALENS" --help > "$TMP/help" 2>&1
case $(head -n 1 "$TMP/help") in
"Aufruf: walens [OPTIONEN] [WORKLOAD]") pass "walens --help in German" ;;
*) fail "walens --help in German" "$(head -n 3 "$TMP/help")" ;;
esac
grep -q '^      --db DATEI  ' "$TMP/help" && pass "option placeholders translated" ||
   fail "option placeholders translated" "$(grep -e '--db' "$TMP/help")"
# shellcheck disable=SC2086
$DE "$WALENS" lens check "$top_srcdir/tests/fixtures/lenses/warn-links.yaml" > "$TMP/check" 2>&1
grep -q "warn-links.yaml:17:20: warning: 'url' ist leer$" "$TMP/check" &&
   pass "diagnostics: keyword untranslated, message German" ||
   fail "diagnostics: keyword untranslated, message German" "$(cat "$TMP/check")"
# shellcheck disable=SC2086
$DE "$WALENS" --db "$DB" history fraud-model MLREL02 > "$TMP/hist" 2>&1
grep -q '^Verlauf von fraud-model, Frage MLREL02: 1 Änderung$' "$TMP/hist" &&
   pass "one change, singular" || fail "one change, singular" "$(head -n 2 "$TMP/hist")"
# shellcheck disable=SC2086
$DE "$WALENS" --db "$DB" history fraud-model > "$TMP/hist" 2>&1
grep -q '^Verlauf von fraud-model: [0-9]* Änderungen$' "$TMP/hist" &&
   pass "several changes, plural" || fail "several changes, plural" "$(head -n 2 "$TMP/hist")"
# shellcheck disable=SC2086
$DE "$WALENS" --db "$DB" plan set fraud-model MLCOST03 MLCOST03_BP01 --status "verworfen" \
   > "$TMP/plan" 2>&1
grep -q '^MLCOST03 MLCOST03_BP01: verworfen$' "$TMP/plan" &&
   pass "a German status label is taken and shown" ||
   fail "a German status label is taken and shown" "$(cat "$TMP/plan")"
# shellcheck disable=SC2086
$DE "$WALENS" --db "$DB" plan fraud-model > "$TMP/plan" 2>&1
grep -q '^HOCH  *hoch  *MLSEC04  *MLSEC04_BP03  *in Arbeit  ' "$TMP/plan" &&
   grep -q '^MITTEL  *mittel  *MLCOST03  *MLCOST03_BP01  *verworfen  ' "$TMP/plan" &&
   pass "plan rows: risk, weight and status in German" ||
   fail "plan rows: risk, weight and status in German" "$(cat "$TMP/plan")"
# shellcheck disable=SC2086
$DE "$WALENS" --db "$DB" plan fraud-model --status "in Arbeit" --format json > "$TMP/plan" 2>&1
grep -q '"status": "in_progress"' "$TMP/plan" &&
   pass "JSON keeps the API word" || fail "JSON keeps the API word" "$(cat "$TMP/plan")"
# shellcheck disable=SC2086
$DE "$WALENS" --db "$DB" history fraud-model MLCOST03 > "$TMP/hist" 2>&1
grep -q 'Status offen -> verworfen$' "$TMP/hist" &&
   pass "history: statuses in German" || fail "history: statuses in German" "$(cat "$TMP/hist")"
finish
