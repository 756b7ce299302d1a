# tests/tui/tuilib.sh: tmux helpers for the screen tests (sourced, POSIX sh).
#
# Every script gets its own tmux server (-L with a unique socket name), so
# the tests run in parallel; waiting polls the screen, never sleeps long.
#
#   tui_start SESSION COLS ROWS [ARGS...]  walens --db $DB ARGS in a new session
#                                          ($TUI_ENV: extra VAR=value words;
#                                          $TUI_PRE: shell commands run first)
#   tui_start_as SESSION USER COLS ROWS [ARGS...]  tui_start as USER, with a home
#                                          ($XDG_DATA_HOME) of their own, as on a
#                                          workshop host, so drafts are their own
#   tui_three_on_q1 COLS ROWS WORKLOAD     alice, bob and carol (sessions a, b, c)
#                                          each on Q1 of WORKLOAD (the small lens)
#   screen SESSION                         the screen's text
#   keys SESSION KEY...                    tmux send-keys
#   typed SESSION TEXT                     literal text
#   expect SESSION TEXT NAME [SECONDS]     pass when TEXT shows up in time
#   expect_not SESSION TEXT NAME           pass when TEXT is not on the screen
#   expect_gone SESSION TEXT NAME [SECONDS] pass when TEXT leaves the screen in time
#   expect_cursor SESSION X Y NAME         pass when the cursor shows at column X,
#                                          line Y (from 0) in time; "- -" for X Y:
#                                          when it is hidden
#   wait_exit SESSION [SECONDS]            waits for walens to end; prints its status
#   qjson WORKLOAD QID                     that question of `walens status --format json`, one line
#   cjson WORKLOAD                         the counts object, one line
#   check_q NAME WORKLOAD QID TEXT         pass when qjson holds TEXT

. "$top_srcdir/tests/lib.sh"

if ! command -v tmux > /dev/null 2>&1; then
   echo "tmux not found: skipped"
   exit 77
fi

unset TMUX
TUI_SOCK="walens-$(basename "$0" .sh)-$$"
tt() { tmux -L "$TUI_SOCK" -f /dev/null "$@"; }
TUI_SOCK_PATH="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SOCK"
trap 'tt kill-server > /dev/null 2>&1; rm -f "$TUI_SOCK_PATH"; rm -rf "$TMP"' EXIT

DB="$TMP/walens.db"
SMALL="$top_srcdir/tests/fixtures/lenses/small.yaml"
TUI_ENV=
TUI_PRE=

# A server that outlives the sessions, so a finished walens leaves its
# last screen and its exit status behind.
tt new-session -d -s keep -x 80 -y 24 "sleep 600"
tt set-option -g remain-on-exit on
tt set-option -g default-terminal screen-256color

quote() { printf "'%s'" "$(printf %s "$1" | sed "s/'/'\\\\''/g")"; }

# walens runs under a shell that records its exit status in $TMP/exit-SESSION
# (tmux does not always report it); $TMP/pid-SESSION holds walens's pid.
tui_start() {
   _s=$1 _w=$2 _h=$3
   shift 3
   rm -f "$TMP/exit-$_s" "$TMP/pid-$_s"
   _cmd="exec env TERM=screen-256color LC_ALL=C.UTF-8 TZ=UTC $TUI_ENV $(quote "$WALENS") --db $(quote "$DB")"
   for _a in "$@"; do _cmd="$_cmd $(quote "$_a")"; done
   _cmd="echo \$\$ > $(quote "$TMP/pid-$_s"); ${TUI_PRE:-} $_cmd"
   tt new-session -d -s "$_s" -x "$_w" -y "$_h" \
      "sh -c $(quote "$_cmd"); echo \$? > $(quote "$TMP/exit-$_s")"
}

tui_start_as() {
   _as=$2 _ac=$3 _ar=$4
   _as_s=$1
   shift 4
   mkdir -p "$TMP/home-$_as"
   TUI_ENV="XDG_DATA_HOME=$TMP/home-$_as"
   tui_start "$_as_s" "$_ac" "$_ar" --user "$_as" "$@"
   TUI_ENV=
}

tui_three_on_q1() {
   tui_start_as a alice "$1" "$2" "$3"
   tui_start_as b bob "$1" "$2" "$3"
   tui_start_as c carol "$1" "$2" "$3"
   for _t in a b c; do
      expect $_t "Questions 0/5 answered" "$_t's dashboard"
      keys $_t Enter Enter
      expect $_t "1 [ ] H  Automate builds" "$_t opens Q1"
   done
}

# "=NAME:" matches the session exactly; a bare "b" can resolve to a window named "bash".
screen() { tt capture-pane -p -t "=$1:"; }
keys() {
   _s=$1
   shift
   tt send-keys -t "=$_s:" "$@"
}
typed() { tt send-keys -t "=$1:" -l -- "$2"; }

wait_for() {
   _i=0
   _n=$(( ${3:-5} * 10 ))
   while [ "$_i" -lt "$_n" ]; do
      if screen "$1" | grep -qF -- "$2"; then return 0; fi
      sleep 0.1
      _i=$((_i + 1))
   done
   return 1
}

expect() {
   if wait_for "$1" "$2" "${4:-5}"; then
      pass "$3"
   else
      fail "$3" "expected \"$2\" on the screen:
$(screen "$1")"
   fi
}

# A screen that could be read and shows something: "not on the screen"
# must not pass because the session is gone or nothing was drawn yet.
screen_drawn() {
   _scr=$(screen "$1") && printf %s "$_scr" | grep -q '[^[:space:]]'
}

expect_not() {
   if ! screen_drawn "$1"; then
      fail "$3" "no screen to look at (session ended or blank)"
   elif screen "$1" | grep -qF -- "$2"; then
      fail "$3" "did not expect \"$2\" on the screen:
$(screen "$1")"
   else
      pass "$3"
   fi
}

expect_gone() {
   _i=0
   _n=$(( ${4:-5} * 10 ))
   while [ "$_i" -lt "$_n" ]; do
      if screen_drawn "$1" && ! screen "$1" | grep -qF -- "$2"; then
         pass "$3"
         return 0
      fi
      sleep 0.1
      _i=$((_i + 1))
   done
   fail "$3" "did not expect \"$2\" on the screen:
$(screen "$1")"
}

# The cursor where curses left it: "X,Y,1" when it shows, "-" when hidden.
cursor_at() {
   tt display-message -p -t "=$1:" '#{cursor_flag} #{cursor_x} #{cursor_y}' |
      awk '{ print $1 == 1 ? $2 "," $3 ",1" : "-" }'
}

expect_cursor() {
   _want="$2,$3,1"
   [ "$2 $3" = "- -" ] && _want=-
   _i=0
   while [ "$_i" -lt 50 ]; do
      [ "$(cursor_at "$1")" = "$_want" ] && break
      sleep 0.1
      _i=$((_i + 1))
   done
   if [ "$(cursor_at "$1")" = "$_want" ]; then
      pass "$4"
   else
      fail "$4" "cursor: expected $_want, got $(cursor_at "$1")
$(screen "$1")"
   fi
}

wait_exit() {
   _i=0
   _n=$(( ${2:-5} * 10 ))
   while [ "$_i" -lt "$_n" ]; do
      if [ -s "$TMP/exit-$1" ]; then
         cat "$TMP/exit-$1"
         return 0
      fi
      sleep 0.1
      _i=$((_i + 1))
   done
   echo running
   return 1
}

qjson() {
   "$WALENS" --db "$DB" status "$1" --format json |
      awk -v q="\"id\": \"$2\"" 'index($0, q) { on = 1 } on { print } on && /^    }/ { exit }' |
      sed 's/^ *//' | tr -d '\n'
}

cjson() {
   "$WALENS" --db "$DB" status "$1" --format json |
      awk '/"counts": \{/ { on = 1 } on { print } on && /}/ { exit }' | sed 's/^ *//' | tr -d '\n'
}

check_q() {
   _got=$(qjson "$2" "$3")
   case $_got in
   *"$4"*) pass "$1" ;;
   *) fail "$1" "expected $4 in: $_got" ;;
   esac
}

check_counts() {
   _got=$(cjson "$2")
   case $_got in
   *"$3"*) pass "$1" ;;
   *) fail "$1" "expected $3 in: $_got" ;;
   esac
}
