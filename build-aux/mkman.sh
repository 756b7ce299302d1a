#!/bin/sh
# mkman.sh WALENS TEMPLATE: writes the man page to standard output.
#
# The template is troff with four lines replaced here from the program's own
# tables, so the page cannot drift from the program:
#   @VERSION@ (anywhere)  the first line of `walens --version`
#   @OPTIONS@             the global options (walens --help)
#   @COMMANDS@            every subcommand, its forms and options
#                         (walens --list-commands, walens CMD [SUB] --help)
#   @KEYS@                the keys of every screen (walens --list-keys)
# walens runs in the C locale (untranslated) with a private, empty data
# directory, so the page does not depend on the machine that builds it.
set -eu

walens=$1
template=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/walens-mkman.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
XDG_DATA_HOME=$tmp/xdg
WALENS_LENSDIR=$tmp/lenses
WALENS_DB=$tmp/xdg/none.db
export LC_ALL XDG_DATA_HOME WALENS_LENSDIR WALENS_DB
unset LANGUAGE LANG NO_COLOR VISUAL EDITOR

w() { "$walens" "$@"; }

version=$(w --version | sed -n '1s/^walens //p')
[ -n "$version" ] || { echo "mkman.sh: $walens --version printed nothing" >&2; exit 1; }

# Shared awk functions: roff escaping and the usage formatter.
cat > "$tmp/lib.awk" <<'EOF'
function esc(s) {
   gsub(/\\/, "\\e", s)
   gsub(/-/, "\\-", s)
   if (s ~ /^[.']/)
      s = "\\&" s
   return s
}
function sentence(s) {
   s = toupper(substr(s, 1, 1)) substr(s, 2)
   if (s !~ /[.!?]$/)
      s = s "."
   return s
}
# Options bold, placeholders (upper case words) italic, the rest roman.
function usage(s,   out, pre, tok, c) {
   out = ""
   while (match(s, /-?-[a-z][a-z-]*|[A-Z][A-Z_]*/)) {
      pre = substr(s, 1, RSTART - 1)
      tok = substr(s, RSTART, RLENGTH)
      c = RSTART > 1 ? substr(s, RSTART - 1, 1) : " "
      s = substr(s, RSTART + RLENGTH)
      if (c ~ /[A-Za-z0-9_-]/)
         out = out esc(pre tok)
      else if (substr(tok, 1, 1) == "-")
         out = out esc(pre) "\\fB" esc(tok) "\\fR"
      else
         out = out esc(pre) "\\fI" esc(tok) "\\fR"
   }
   return out esc(s)
}
# An option line of --help: "  -o, --output FILE   help" -> .TP paragraph.
function option(line,   short, name, arg, rest, head) {
   sub(/^ +/, "", line)
   short = ""
   if (line ~ /^-[^-], /) {
      short = substr(line, 1, 2)
      line = substr(line, 5)
   }
   if (!match(line, /^--[a-z][a-z-]*/))
      return ""
   name = substr(line, 1, RLENGTH)
   rest = substr(line, RLENGTH + 1)
   arg = ""
   if (match(rest, /^ [A-Z][A-Z0-9_|.,]*/)) {
      arg = substr(rest, 2, RLENGTH - 1)
      rest = substr(rest, RLENGTH + 1)
   }
   sub(/^ +/, "", rest)
   head = (short != "" ? "\\fB" esc(short) "\\fR, " : "") "\\fB" esc(name) "\\fR"
   if (arg != "")
      head = head " \\fI" esc(arg) "\\fR"
   return ".TP\n" head "\n" esc(rest)
}
EOF

# The option lines of one --help text (its "Options:" block only).
options_of() { w "$@" --help | sed -n '/^Options:$/,/^$/{/^  /p;}'; }

printf '%s\n' '{ s = option($0); if (s != "") print s }' > "$tmp/opt.awk"

# The forms of one command's usage, one a line.
cat > "$tmp/forms.awk" <<'EOF'
{
   print ".SS \"walens " name "\""
   print esc(sentence(help))
   n = split($0, alt, / \| /)
   for (i = 1; i <= n; i++) {
      a = alt[i]
      head = "walens " name
      if (match(a, /^[a-z][a-z-]*/)) {
         head = head " " substr(a, 1, RLENGTH)
         a = substr(a, RLENGTH + 1)
         sub(/^ /, "", a)
      }
      print ".SY \"" esc(head) "\""
      if (a != "")
         print usage(a)
      print ".YS"
   }
}
EOF

# The keys: the actions that work on every screen one browses (those of the
# first action, help), then each screen's own.  An action's name is a ':'
# command where the "command" action works.
cat > "$tmp/keys.awk" <<'EOF'
function title(id) {
   if (id in titles)
      return titles[id]
   return toupper(substr(id, 1, 1)) substr(id, 2) " screen"
}
function has(list, id) { return ("," list ",") ~ ("," id ",") }
function covers(list, set,   n, a, i) {
   n = split(set, a, ",")
   for (i = 1; i <= n; i++)
      if (!has(list, a[i]))
         return 0
   return 1
}
# One action: its keys (on screen id, only those no earlier action of the
# table takes there: the first binding wins), its ':' name, its help.
function entry(i, id,   n, k, j, head, shown) {
   head = ""
   shown = 0
   n = split(keys[i], k, " ")
   for (j = 1; j <= n; j++) {
      if (id != "" && ((id, k[j]) in bound) && bound[id, k[j]] != i)
         continue
      head = head (shown++ ? ", " : "") "\\fB" esc(k[j]) "\\fR"
   }
   if (cmdable[i])
      head = head (shown ? "  " : "") "(\\fB:" esc(name[i]) "\\fR)"
   if (head == "")
      return ""
   return ".TP\n" head "\n" esc(sentence(help[i])) "\n"
}
BEGIN {
   titles["workloads"] = "The workload list"
   titles["dashboard"] = "The dashboard (phase \\(mu pillar matrix)"
   titles["questions"] = "The questions of a cell"
   titles["question"] = "One question"
   titles["editor"] = "The notes editor"
   titles["help"] = "The help screen"
   titles["prompt"] = "A prompt (one line of text)"
   titles["plan"] = "The improvement plan"
   titles["milestones"] = "The milestones"
   titles["milestone"] = "A milestone's dashboard (read-only)"
   titles["page"] = "A page of text (a difference, a history, details)"
   titles["upgrade"] = "A lens upgrade (preview)"
   titles["merge"] = "Notes changed by two people on the same lines"
   titles["roster"] = "Who is here"
}
{
   n++
   screens[n] = $1; keys[n] = $2; name[n] = $3; help[n] = $4
   if (n == 1)
      browse = $1
   if ($3 == "command")
      cmdscreens = $1
   m = split($1, s, ",")
   nk = split($2, k, " ")
   for (j = 1; j <= m; j++) {
      if (!(s[j] in known)) {
         known[s[j]] = 1
         order[++nscreens] = s[j]
      }
      for (kk = 1; kk <= nk; kk++)
         if (!((s[j], k[kk]) in bound))
            bound[s[j], k[kk]] = n
   }
}
END {
   for (i = 1; i <= n; i++) {
      m = split(screens[i], s, ",")
      for (j = 1; j <= m; j++)
         if (has(cmdscreens, s[j]))
            cmdable[i] = 1
   }
   print ".SS \"Every screen but the notes editor and prompts\""
   for (i = 1; i <= n; i++)
      if (covers(screens[i], browse))
         printf "%s", entry(i, "")
   for (o = 1; o <= nscreens; o++) {
      id = order[o]
      out = ""
      for (i = 1; i <= n; i++)
         if (has(screens[i], id) && !(has(browse, id) && covers(screens[i], browse)))
            out = out entry(i, id)
      if (out != "")
         printf ".SS \"%s\"\n%s", title(id), out
   }
}
EOF

# Global options: the "Options:" block of walens --help.
options_of | awk -f "$tmp/lib.awk" -f "$tmp/opt.awk" > "$tmp/options"

# Commands: each form of the usage on its own line, then the union of the
# options that `walens CMD --help` and `walens CMD SUB --help` list.
w --list-commands > "$tmp/commands"
: > "$tmp/commands.roff"
while IFS='	' read -r name use help; do
   subs=$(printf '%s\n' "$use" | awk '{ n = split($0, a, / \| /);
      for (i = 1; i <= n; i++) if (a[i] ~ /^[a-z][a-z-]*( |$)/) { split(a[i], b, " "); print b[1] } }')
   { options_of "$name"; for s in $subs; do options_of "$name" "$s"; done; } |
      awk '{ k = $0; sub(/^ +(-[^-], )?/, "", k); sub(/[ =].*/, "", k); if (!seen[k]++) print }' |
      awk -f "$tmp/lib.awk" -f "$tmp/opt.awk" > "$tmp/cmdopts"
   printf '%s\n' "$use" | awk -v name="$name" -v help="$help" -f "$tmp/lib.awk" -f "$tmp/forms.awk" \
      >> "$tmp/commands.roff"
   # .SY leaves groff's prevailing indent at the width of the command's
   # name: the first .TP says its own.
   sed '1s/^\.TP$/.TP 7n/' "$tmp/cmdopts" >> "$tmp/commands.roff"
done < "$tmp/commands"

# Keys.
w --list-keys | awk -F '\t' -f "$tmp/lib.awk" -f "$tmp/keys.awk" > "$tmp/keys"

awk -v version="$version" -v dir="$tmp" '
   /^@OPTIONS@$/ { while ((getline l < (dir "/options")) > 0) print l; next }
   /^@COMMANDS@$/ { while ((getline l < (dir "/commands.roff")) > 0) print l; next }
   /^@KEYS@$/ { while ((getline l < (dir "/keys")) > 0) print l; next }
   { gsub(/@VERSION@/, version); print }
' "$template"
