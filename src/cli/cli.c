/* cli.c: the subcommand table and what every subcommand shares. */
#include "config.h"

#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "core/review.h"
#include "core/suggest.h"
#include "report/rtext.h"
#include "core/utf8.h"
#include "store/reviewdoc.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "version.h"

const OptSpec Cli_globalOptions[] = {
   {"db", 0, N_("FILE"),
    N_("the database (default: $WALENS_DB, else $XDG_DATA_HOME/walens/walens.db)"), OPT_DB},
   {"lens", 0, N_("KEY|FILE"), N_("the lens for new workloads (default: machine-learning)"),
    OPT_LENS},
   {"user", 0, N_("NAME"), N_("who the changes are recorded as (default: the login name)"),
    OPT_USER},
   {"read-only", 0, NULL, N_("open the database for reading only"), OPT_READ_ONLY},
   {"no-mouse", 0, NULL, N_("do not use the mouse in the terminal UI"), OPT_NO_MOUSE},
   {"lead", 0, NULL, N_("in the terminal UI, lead the session of the workload opened"), OPT_LEAD},
   {"help", 'h', NULL, N_("show this help and exit"), OPT_HELP},
   {"version", 'V', NULL, N_("show the version and exit"), OPT_VERSION},
   {NULL, 0, NULL, NULL, 0},
};

const CliCommand Cli_commands[] = {
   {"lens",
    N_("check [--strict] FILE... | list | export [LENS] [--format aws-json|yaml] [-o FILE]"),
    N_("validate lens files, list the lenses available, export a lens"), Cmd_lens},
   {"workload",
    N_("add NAME [options] | list [--all] [--format text|json] | rename OLD NEW | archive NAME "
       "[--undo]"),
    N_("create, list, rename and archive workloads"), Cmd_workload},
   {"answer",
    N_("WORKLOAD QUESTION_ID [--select ID,...] [--unselect ID,...] [--none] [--not-applicable "
       "REASON] [--applicable] [--na-choice ID,...] [--applicable-choice ID,...] [--notes TEXT] "
       "[--base-version N] | WORKLOAD QUESTION_ID --choice-notes ID TEXT"),
    N_("record the answer to one question"), Cmd_answer},
   {"status", N_("WORKLOAD [--format text|json]"),
    N_("the phase x pillar matrix and each question's risk"), Cmd_status},
   {"plan",
    N_("WORKLOAD [--status S] [--owner NAME] [--format text|json] | set WORKLOAD QUESTION_ID "
       "CHOICE_ID [--status S] [--owner NAME] [--due DATE] [--priority N] [--impact LEVEL] "
       "[--effort LEVEL] [--note TEXT]"),
    N_("list the improvement plan, track one item"), Cmd_plan},
   {"milestone",
    N_("add WORKLOAD NAME | list WORKLOAD [--format text|json] | diff WORKLOAD A [B] [--format "
       "text|json]"),
    N_("save, list and compare snapshots of a review"), Cmd_milestone},
   {"history", N_("WORKLOAD [QUESTION_ID] [--format text|json]"), N_("who changed what and when"),
    Cmd_history},
   {"who", N_("[WORKLOAD] [--format text|json]"),
    N_("who has the database open: where, idle time, read-only or not"), Cmd_who},
   {"revert", N_("WORKLOAD HISTORY_ID"),
    N_("undo one recorded answer or plan change, keeping what others changed since"), Cmd_revert},
   {"upgrade",
    N_("WORKLOAD [--lens FILE|KEY] [--dry-run] [--check] [--milestone NAME] [--format text|json]"),
    N_("move a workload to a newer version of its lens"), Cmd_upgrade},
   {"report",
    N_("WORKLOAD [--format text|md|html|csv|json] [--milestone NAME] [--plan-only] [--status S] "
       "[--owner NAME] [-o FILE] [--width N] [--page-length N] | WORKLOAD --recap [--since DATE] "
       "[--format text|md|html|json] [-o FILE] | --all [--lens KEY] [--environment ENV] [--owner "
       "NAME] [--archived] [--db FILE]... [--format text|md|html|csv|json] [-o FILE] [--width N] "
       "[--page-length N]"),
    N_("write the review, its plan, a workshop's recap or the portfolio (--all)"), Cmd_report},
   {"export",
    N_("WORKLOAD [-o FILE] | WORKLOAD --format aws -o DIR [--region REGION]... [--review-owner "
       "OWNER] [--environment ENV] [--description TEXT] [--workload-id ID] [--milestones]"),
    N_("write a workload's review as a bundle for another database, or for the AWS CLI"),
    Cmd_export},
   {"import",
    N_("FILE [--as NAME] | FILE --into WORKLOAD [--prefer ours|theirs] | --from-aws FILE|DIR "
       "[--as NAME | --into WORKLOAD [--prefer ours|theirs]]"),
    N_("load a review bundle written by 'walens export', or answers printed by the AWS CLI"),
    Cmd_import},
   {"doctor", N_("[--check]"),
    N_("check the counts the database keeps beside the answers, and repair them"), Cmd_doctor},
   {"session",
    N_("lead WORKLOAD [--take] | handover WORKLOAD USER | leave WORKLOAD | show WORKLOAD "
       "[--format text|json] | agenda WORKLOAD FILE | next WORKLOAD | prev WORKLOAD | stop "
       "WORKLOAD"),
    N_("lead a workshop on a workload, set its agenda and move through it"), Cmd_session},
   {"park",
    N_("WORKLOAD [list] [--format text|json] | WORKLOAD add TEXT [--question QUESTION_ID] | "
       "WORKLOAD close ID [--word TEXT] | WORKLOAD plan ID QUESTION_ID CHOICE_ID [--owner NAME]"),
    N_("park points for later, list them, close them or make them plan items"), Cmd_park},
   {"poll",
    N_("WORKLOAD QUESTION_ID open | WORKLOAD QUESTION_ID vote ID,... | WORKLOAD QUESTION_ID "
       "[status] | WORKLOAD QUESTION_ID reveal [--format text|json] | WORKLOAD QUESTION_ID "
       "accept [ID,...] | WORKLOAD QUESTION_ID close"),
    N_("silent polls on a question: open, vote privately, reveal, accept the consensus"), Cmd_poll},
   {"template",
    N_("create NAME --from WORKLOAD [--questions ID,...] | list | show NAME | apply NAME [--yes]"),
    N_("review templates: answers a platform team owns, pre-filled into new workloads"),
    Cmd_template},
   {"profile", N_("list | show FILE|KEY | set WORKLOAD [--profile FILE|KEY] [--context Q=C,...]"),
    N_("list and show review profiles, set a workload's profile and context answers"), Cmd_profile},
   {"restore", N_("WORKLOAD HISTORY_ID [--practice CHOICE_ID]"),
    N_("bring back a question's notes, or a practice's, as a recorded change left them"),
    Cmd_restore},
   {NULL, NULL, NULL, NULL},
};

void Cli_errorLines(const char *head, const char *details)
{
   Cli_error("%s", head);
   for (const char *p = details; p && *p;) {
      const char *end = strchr(p, '\n');
      size_t n = end ? (size_t)(end - p) : strlen(p);
      char *line = xstrndup(p, n);
      Cli_fprintf(stderr, "%s\n", line);
      free(line);
      p = end ? end + 1 : p + n;
   }
}

void Cli_usageError(const char *command, const char *form)
{
   const CliCommand *c = Cli_find(command);
   size_t flen = form ? strlen(form) : 0;
   char *usage, *shown;

   if (!c) {
      Cli_error("usage: walens %s", command);
      return;
   }
   /* Forms are separated by " | " ("[--format text|json]" keeps its bar). */
   usage = xstrdup(_(c->usage));
   shown = xstrdup("");
   for (char *f = usage, *end; f; f = end ? end + 3 : NULL) {
      end = strstr(f, " | ");
      if (end)
         *end = '\0';
      if (!form || (strncmp(f, form, flen) == 0 && (f[flen] == ' ' || f[flen] == '\0'))) {
         char *next = xasprintf("%s%s%s", shown, *shown ? " | " : "", f);
         free(shown);
         shown = next;
      }
   }
   Cli_error(_("usage: walens %s %s"), command, *shown ? shown : _(c->usage));
   free(shown);
   free(usage);
}

const CliCommand *Cli_find(const char *name)
{
   for (const CliCommand *c = Cli_commands; c->name; c++)
      if (strcmp(c->name, name) == 0)
         return c;
   return NULL;
}

void Cli_printUsage(void)
{
   Cli_printf(_("Usage: walens [OPTIONS] [WORKLOAD]\n"
                "       walens [OPTIONS] COMMAND [ARGS]\n\n"
                "Without a command, walens opens the terminal dashboard.\n\n"
                "Commands:\n"));
   for (const CliCommand *c = Cli_commands; c->name; c++)
      Cli_printf("  %-10s %s\n", c->name, _(c->help));
   Cli_printf(_("\nOptions:\n"));
   Args_printHelp(Cli_globalOptions);
   Cli_printf(_("\n'walens COMMAND --help' shows the arguments of a command.\n"));
}

void Cli_printCommandHelp(const char *name, const OptSpec *specs)
{
   const CliCommand *c = Cli_find(name);
   Cli_printf(_("Usage: walens %s %s\n%s\n"), name, c ? _(c->usage) : "", c ? _(c->help) : "");
   if (specs && specs->name) {
      Cli_printf(_("\nOptions:\n"));
      Args_printHelp(specs);
   }
   Cli_printf(_("\nGlobal options:\n"));
   Args_printHelp(Cli_globalOptions);
}

/* ---- safe text ---- */

/* One record, one line: a line break inside an argument (a title, a name,
 * a note, a word from the command line) is shown as a mark and cannot
 * start a line of its own; the format's line ends stay. */
enum { CLI_KEEP = UTF8_KEEP_NL | UTF8_KEEP_TAB | UTF8_ONE_LINE };

__attribute__((format(printf, 3, 0))) static void vwrite(FILE *f, const char *prefix,
                                                         const char *fmt, va_list ap)
{
   if (prefix)
      fputs(prefix, f);
   (void)Utf8_vfprintf(f, CLI_KEEP, fmt, ap);
}

void Cli_printf(const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   vwrite(stdout, NULL, fmt, ap);
   va_end(ap);
}

void Cli_fprintf(FILE *f, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   vwrite(f, NULL, fmt, ap);
   va_end(ap);
}

void Cli_error(const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   vwrite(stderr, "walens: ", fmt, ap);
   va_end(ap);
   fputc('\n', stderr);
}

char *Cli_name(NameKind kind, const char *name)
{
   char *norm = NULL;
   char *msg = Names_check(kind, name, &norm);
   if (msg) {
      Cli_error("%s", msg);
      free(msg);
      char *allowed = Names_allowedText(kind);
      Cli_fprintf(stderr, "%s\n", allowed);
      free(allowed);
   }
   return norm;
}

/* --user NAME: kept in its normal form (env->user_default owns it). */
static bool setUser(CliEnv *env, const char *value)
{
   if (!*value) { /* "--user ''": the login name, as without the option */
      env->user = value;
      return true;
   }
   char *norm = Cli_name(NAME_USER, value);
   if (!norm)
      return false;
   free(env->user_default);
   env->user_default = norm;
   env->user = norm;
   return true;
}

bool Cli_globalOption(CliEnv *env, int id, const char *value)
{
   switch (id) {
   case OPT_DB:
      if (env->n_db_all == CLI_MAX_DBS) {
         Cli_error(_("at most %d databases (--db)"), CLI_MAX_DBS);
         return false;
      }
      env->db_all[env->n_db_all++] = value;
      env->db_path = value;
      return true;
   case OPT_LENS: env->lens_arg = value; return true;
   case OPT_USER: return setUser(env, value);
   case OPT_READ_ONLY: env->read_only = true; return true;
   case OPT_NO_MOUSE: env->no_mouse = true; return true;
   case OPT_LEAD: env->lead = true; return true;
   case OPT_HELP: env->help = true; return true;
   case OPT_VERSION: Version_print(stdout); exit(EXIT_OK);
   }
   return false;
}

typedef struct ParseCtx {
   CliEnv *env;
   OptHandler fn;
   void *ctx;
} ParseCtx;

static bool dispatchOption(int id, const char *value, void *p)
{
   ParseCtx *pc = p;
   if (id < 100)
      return Cli_globalOption(pc->env, id, value);
   return pc->fn(id, value, pc->ctx);
}

static size_t countSpecs(const OptSpec *s)
{
   size_t n = 0;
   while (s && s[n].name)
      n++;
   return n;
}

bool Cli_parse(CliEnv *env, int argc, char **argv, const OptSpec *specs, OptHandler fn, void *ctx,
               char ***pos, size_t *npos)
{
   size_t n = countSpecs(specs), g = countSpecs(Cli_globalOptions);
   OptSpec *all = xcalloc(n + g + 1, sizeof *all);
   if (n)
      memcpy(all, specs, n * sizeof *all);
   memcpy(all + n, Cli_globalOptions, g * sizeof *all);
   ParseCtx pc = {env, fn, ctx};
   bool ok = Args_parse(argc, argv, 1, all, dispatchOption, &pc, pos, npos);
   free(all);
   if (!ok)
      Cli_fprintf(stderr, _("Try 'walens %s --help'.\n"), argv[0]);
   return ok;
}

/* The login name stands for the user when --user is absent; it is
 * foreign text as much as --user is (a $USER of "rich " or full-width
 * letters), so it is normalised by the same rules, or refused once with a
 * message that says how to give a name. */
const char *Cli_user(CliEnv *env)
{
   if (env->user && *env->user)
      return env->user;
   if (!env->user_default && !env->login_refused) {
      char *login = Paths_userName(), *msg = Names_check(NAME_USER, login, &env->user_default);
      if (msg) {
         Cli_error(_("%s (the login name; give a user name with --user NAME)"), msg);
         env->login_refused = true;
      }
      free(msg);
      free(login);
   }
   return env->user_default;
}

Store *Cli_openStore(CliEnv *env, unsigned flags)
{
   char *err = NULL;
   char *path = env->db_path ? xstrdup(env->db_path) : Paths_defaultDb(!env->read_only, &err);
   if (!path) {
      Cli_error("%s", err);
      free(err);
      return NULL;
   }
   if (env->read_only)
      flags |= STORE_OPEN_READONLY;
   Store *s = NULL;
   StoreStatus st = Store_open(path, flags, &s, &err);
   free(path);
   if (st != STORE_OK) {
      Cli_error("%s", err ? err : Store_statusText(st));
      free(err);
      return NULL;
   }
   const char *now = getenv("WALENS_NOW"); /* fixed clock for golden tests */
   if (now && *now)
      Store_setNow(s, now);
   return s;
}

Store *Cli_openReview(CliEnv *env, unsigned flags, const char *workload, ReviewDoc *doc)
{
   Store *s = Cli_openStore(env, flags);
   if (!s)
      return NULL;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   if (ReviewDoc_load(s, workload, doc, &d, &err) != STORE_OK) {
      DiagList_print(&d, stderr);
      Cli_error("%s", err);
      free(err);
      Store_close(s);
      s = NULL;
   }
   DiagList_free(&d);
   return s;
}

char *Cli_riskWords(const size_t by_risk[])
{
   static const Risk order[] = {RISK_HIGH, RISK_MEDIUM, RISK_NONE, RISK_NOT_APPLICABLE,
                                RISK_UNANSWERED};
   Sbuf b = {0};
   for (size_t i = 0; i < sizeof order / sizeof *order; i++)
      Sbuf_printf(&b, "%s%s %zu", i ? ", " : "", Risk_label(order[i]), by_risk[order[i]]);
   return b.s ? b.s : xstrdup("");
}

void Cli_suggest(const char *word, const char *const *cands, size_t n)
{
   const char *best = Suggest_best(word, cands, n);
   if (best)
      Cli_fprintf(stderr, _("did you mean '%s'?\n"), best);
}

/* ---- text tables ---- */

/* A cell's text: one line, nothing a terminal would obey. */
static char *cellText(const char *s)
{
   return Utf8_sanitizeStr(s ? s : "", UTF8_ONE_LINE);
}

int Cli_width(const char *s)
{
   char *t = cellText(s);
   int w = (int)Utf8_width(t);
   free(t);
   return w;
}

static void blanks(int n)
{
   for (int i = 0; i < n; i++)
      putchar(' ');
}

void Cli_cell(const char *s, int width)
{
   char *t = cellText(s);
   fputs(t, stdout);
   blanks(width - (int)Utf8_width(t));
   putchar(' ');
   free(t);
}

void Cli_cellRight(const char *s, int width)
{
   char *t = cellText(s);
   blanks(width - (int)Utf8_width(t));
   fputs(t, stdout);
   putchar(' ');
   free(t);
}

void Cli_clip(const char *s, int width)
{
   char *t = cellText(s);
   size_t n = Utf8_fit(t, width > 0 ? (size_t)width : 0);
   fwrite(t, 1, n, stdout);
   /* The columns of what was kept. */
   blanks(width - (int)(Utf8_width(t) - Utf8_width(t + n)));
   free(t);
}

bool Cli_mayLead(Store *s, const Workload *w, const char *user, const char *what)
{
   SessionLead l;
   StoreStatus st = Store_getLead(s, w->id, &l);
   if (st == STORE_NOT_FOUND)
      return true;
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      return false;
   }
   bool ok = strcmp(l.user, user) == 0;
   if (!ok)
      Cli_error(_("%s leads the session on %s: only the leader can %s"), l.user, w->name, what);
   SessionLead_free(&l);
   return ok;
}

bool Cli_parseId(const char *text, int64_t *id)
{
   char *end = NULL;
   errno = 0;
   long long v = strtoll(text, &end, 10);
   if (errno || !*text || *end || v <= 0)
      return false;
   *id = v;
   return true;
}

int Cli_historyCommand(CliEnv *env, const char *name, int argc, char **argv, const OptSpec *specs,
                       OptHandler fn, void *ctx, CliHistoryRun run)
{
   char **pos;
   size_t npos;
   int64_t id = 0;
   if (!Cli_parse(env, argc, argv, specs, fn, ctx, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp(name, specs);
      rc = EXIT_OK;
   } else if (npos != 2) {
      Cli_usageError(name, NULL);
      rc = EXIT_USAGE;
   } else if (!Cli_parseId(pos[1], &id)) {
      Cli_error(_("'%s' is not a history id (a number from 'walens history --format json')"),
                pos[1]);
      rc = EXIT_USAGE;
   } else {
      rc = run(env, pos[0], id, ctx);
   }
   free(pos);
   return rc;
}
