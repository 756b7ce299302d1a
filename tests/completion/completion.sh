#!/bin/sh
# The bash completion (data/bash-completion/walens), sourced into bash and
# asked for COMPREPLY on a few command lines: subcommands, options, option
# values, workload names (from this database or the --db named), lens files
# and keys, question ids, milestone names; names with blanks and quotes
# come back quoted for the shell, the way the word was typed.
SUITE=completion
. "$top_srcdir/tests/lib.sh"

if ! command -v bash > /dev/null 2>&1; then
   echo "bash not found: skipped"
   exit 77
fi
COMPLETION="$top_srcdir/data/bash-completion/walens"
WALENS_DB="$TMP/walens.db"
export WALENS_DB
"$WALENS" workload add fraud-model > /dev/null 2>&1
"$WALENS" workload add churn > /dev/null 2>&1
"$WALENS" --db "$TMP/other.db" workload add elsewhere > /dev/null 2>&1
# Names the shell would split or unquote: completed quoted.
SPACED="$TMP/spaced.db"
"$WALENS" --db "$SPACED" workload add "Café Ünïcode 数据" > /dev/null 2>&1
"$WALENS" --db "$SPACED" workload add "it's \$HOME" > /dev/null 2>&1
"$WALENS" --db "$SPACED" milestone add "Café Ünïcode 数据" "after sprint 1" > /dev/null 2>&1
"$WALENS" --db "$SPACED" milestone add "Café Ünïcode 数据" 'say "done"' > /dev/null 2>&1
mkdir -p "$TMP/lenses/sub"
: > "$TMP/lenses/a.yaml"
: > "$TMP/lenses/b.json"
: > "$TMP/lenses/notes.txt"

# comp WORD... : the completions of the last word (may be empty), sorted,
# on one line.
comp() {
   bash -c '. "$1" || exit 1
      shift
      COMP_WORDS=("$@")
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      COMP_LINE="$*"
      COMP_POINT=${#COMP_LINE}
      _walens
      printf "%s\n" "${COMPREPLY[@]}"' _ "$COMPLETION" "$WALENS" "$@" 2>&1 |
      LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

# check NAME EXPECTED WORD...: the completions are exactly EXPECTED.
check() {
   _name=$1 _want=$2
   shift 2
   _got=$(comp "$@")
   if [ "$_got" = "$_want" ]; then
      pass "$_name"
   else
      fail "$_name" "walens $*<TAB>
expected: $_want
got:      $_got"
   fi
}

# has NAME WORD-EXPECTED WORD...: EXPECTED is among the completions.
has() {
   _name=$1 _want=$2
   shift 2
   _got=" $(comp "$@") "
   case $_got in
   *" $_want "*) pass "$_name" ;;
   *) fail "$_name" "walens $*<TAB>: no $_want in:$_got" ;;
   esac
}

check "a command by its start" "report" rep
check "two commands" "history" hi
has "the first word offers commands" "milestone" ""
has "and workloads (walens WORKLOAD)" "fraud-model" ""
check "a global option" "--db" --d
check "a workload" "churn" report ch
check "every workload" "churn fraud-model" status ""
check "the workloads of the --db named" "elsewhere" --db "$TMP/other.db" status ""
check "the workloads of --db=FILE" "elsewhere" --db="$TMP/other.db" status ""
check "report formats" "csv html json md text" report fraud-model --format ""
check "status formats" "json text" status fraud-model --format ""
has "a command's options" "--page-length" report fraud-model --
has "and the global ones after it" "--read-only" report fraud-model --
check "a command's option by its start" "--plan-only" report fraud-model --pl
check "lens subcommands" "check export list" lens ""
check "workload subcommands" "add archive list rename" workload ""
check "lens check offers lens files and directories" \
   "$TMP/lenses/a.yaml $TMP/lenses/b.json $TMP/lenses/sub/" lens check "$TMP/lenses/"
check "a second lens file" "$TMP/lenses/a.yaml $TMP/lenses/b.json $TMP/lenses/sub/" \
   lens check "$TMP/lenses/a.yaml" "$TMP/lenses/"
has "--lens offers lens keys" "machine-learning" --lens ""
check "question ids of the workload" "MLSEC01 MLSEC02 MLSEC03 MLSEC04 MLSEC05 MLSEC06" \
   answer fraud-model MLSEC
check "answer's first argument is a workload" "fraud-model" answer fr
check "workload archive takes a workload" "churn fraud-model" workload archive ""
check "workload add takes a new name" "" workload add ""
check "plan offers set and the workloads" "churn fraud-model set" plan ""
check "plan set WORKLOAD" "churn" plan set ch
check "--status values" "done in_progress open risk_accepted wont_do" plan fraud-model --status ""
check "a value nobody can guess" "" plan fraud-model --owner ""
check "nothing after a complete command" "" status fraud-model ""
check "--not-applicable reasons" "OTHER OUT_OF_SCOPE" answer fraud-model MLOPS01 --not-applicable O
check "an unknown command completes nothing" "" frobnicate ""
check "milestone subcommands" "add diff list" milestone ""
check "milestone list WORKLOAD" "fraud-model" milestone list fr
check "a workload name with blanks, escaped" 'Café\ Ünïcode\ 数据' --db "$SPACED" status Ca
check "typed escaped so far" 'Café\ Ünïcode\ 数据' --db "$SPACED" status 'Café\ Ü'
check "inside the single quote typed" 'Café Ünïcode 数据' --db "$SPACED" status "'Caf"
check "inside the double quote typed" 'Café Ünïcode 数据' --db "$SPACED" status '"Caf'
check "a quote and a dollar in a name" "it\'s\ \\\$HOME" --db "$SPACED" report it
check "the same inside single quotes" "it'\\''s \$HOME" --db "$SPACED" report "'it"
check "the same inside double quotes" "it's \\\$HOME" --db "$SPACED" report '"it'
check "question ids of a workload typed escaped" "MLSEC01 MLSEC02 MLSEC03 MLSEC04 MLSEC05 MLSEC06" \
   --db "$SPACED" answer 'Café\ Ünïcode\ 数据' MLSEC
check "the first word, quoted too" 'Café\ Ünïcode\ 数据' --db "$SPACED" C
check "milestone names of the workload" 'after\ sprint\ 1 say\ \"done\"' \
   --db "$SPACED" milestone diff 'Café\ Ünïcode\ 数据' ""
check "a second milestone" 'say\ \"done\"' \
   --db "$SPACED" milestone diff "'Café Ünïcode 数据'" 'after\ sprint\ 1' s
check "report --milestone" 'after\ sprint\ 1' \
   --db "$SPACED" report 'Café\ Ünïcode\ 数据' --milestone af
check "upgrade --milestone is a new name" "" \
   --db "$SPACED" upgrade 'Café\ Ünïcode\ 数据' --milestone ""
finish
