/* cmd_report.c: walens report — the review for printing, publishing,
 * spreadsheets and tools. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/portfolio.h"
#include "report/recap.h"
#include "report/report.h"

enum {
   OPT_FORMAT = 100,
   OPT_MILESTONE,
   OPT_PLAN_ONLY,
   OPT_OUTPUT,
   OPT_WIDTH,
   OPT_PAGE_LENGTH,
   OPT_FORCE,
   OPT_ALL,
   OPT_ENVIRONMENT,
   OPT_OWNER,
   OPT_ARCHIVED,
   OPT_STATUS,
   OPT_RECAP,
   OPT_SINCE
};

static const OptSpec reportOptions[] = {
   {"format", 0, N_("FORMAT"), N_("text (default), md, html, csv or json"), OPT_FORMAT},
   {"milestone", 0, N_("NAME"), N_("report the review as this milestone saved it"), OPT_MILESTONE},
   {"plan-only", 0, NULL, N_("just the improvement plan"), OPT_PLAN_ONLY},
   {"output", 'o', N_("FILE"),
    N_("write to FILE (replaced only when complete) instead of "
       "standard output"),
    OPT_OUTPUT},
   {"force", 0, NULL, N_("replace the file -o names when it exists"), OPT_FORCE},
   {"width", 0, N_("COLUMNS"), N_("text: line width (default 80)"), OPT_WIDTH},
   {"page-length", 0, N_("LINES"), N_("text: lines a page (default 66)"), OPT_PAGE_LENGTH},
   {"all", 0, NULL,
    N_("the portfolio: every workload, of every --db given (read-only); --lens KEY keeps "
       "one lens"),
    OPT_ALL},
   {"environment", 0, N_("ENV"), N_("--all: only production or preproduction workloads"),
    OPT_ENVIRONMENT},
   {"owner", 0, N_("NAME"),
    N_("only the plan items this person owns; with --all, the workloads this owner owns"),
    OPT_OWNER},
   {"archived", 0, NULL, N_("--all: archived workloads too"), OPT_ARCHIVED},
   {"status", 0, N_("S"), N_("only the plan items with this status"), OPT_STATUS},
   {"recap", 0, NULL,
    N_("a workshop's recap: who came, agenda, changes, risks, parked points, polls"), OPT_RECAP},
   {"since", 0, N_("DATE"), N_("recap: only what happened from DATE (YYYY-MM-DD) on"), OPT_SINCE},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct ReportArgs {
   ReportOptions opts;
   const char *format, *output, *width, *page_length, *since;
   bool all, recap;
   PortfolioFilter filter;
} ReportArgs;

static bool reportOption(int id, const char *value, void *ctx)
{
   ReportArgs *a = ctx;
   switch (id) {
   case OPT_FORMAT: a->format = value; break;
   case OPT_MILESTONE: a->opts.milestone = value; break;
   case OPT_PLAN_ONLY: a->opts.plan_only = true; break;
   case OPT_FORCE: a->opts.force = true; break;
   case OPT_OUTPUT: a->output = value; break;
   case OPT_WIDTH: a->width = value; break;
   case OPT_PAGE_LENGTH: a->page_length = value; break;
   case OPT_ALL: a->all = true; break;
   case OPT_ENVIRONMENT: a->filter.environment = value; break;
   case OPT_OWNER:
      a->filter.owner = value; /* with --all */
      a->opts.owner = value;
      break;
   case OPT_ARCHIVED: a->filter.archived = true; break;
   case OPT_STATUS: a->opts.status = value; break;
   case OPT_RECAP: a->recap = true; break;
   case OPT_SINCE: a->since = value; break;
   }
   return true;
}

/* A positive whole number, or false. */
static bool parseCount(const char *s, unsigned *out)
{
   char *end;
   unsigned long v = strtoul(s, &end, 10);
   if (!*s || *end || *s == '-' || *s == '+' || v == 0 || v > 100000)
      return false;
   *out = (unsigned)v;
   return true;
}

/* YYYY-MM-DD naming a real day. */
static bool validDate(const char *s)
{
   struct tm t = {0};
   const char *end = strptime(s, "%Y-%m-%d", &t);
   if (!end || *end || strlen(s) != 10)
      return false;
   struct tm back = t;
   time_t when = timegm(&back);
   struct tm *again = gmtime(&when);
   return again && again->tm_mday == t.tm_mday && again->tm_mon == t.tm_mon;
}

/* Checks the options; prints why and returns false when they are wrong. */
static bool checkArgs(ReportArgs *a)
{
   char *err = NULL;
   if (a->format && !ReportFormat_parse(a->format, &a->opts.format)) {
      Cli_error(_("unknown format '%s' (text, md, html, csv, json)"), a->format);
      return false;
   }
   if (a->width && !parseCount(a->width, &a->opts.width)) {
      Cli_error(_("invalid width '%s'"), a->width);
      return false;
   }
   if (a->page_length && !parseCount(a->page_length, &a->opts.page_length)) {
      Cli_error(_("invalid page length '%s'"), a->page_length);
      return false;
   }
   if (a->opts.status && !PlanStatus_parse(a->opts.status, NULL)) {
      Cli_error(_("unknown status '%s' (open, in_progress, done, risk_accepted, wont_do)"),
                a->opts.status);
      return false;
   }
   if (a->since && (!a->recap || !validDate(a->since))) {
      Cli_error(a->recap ? _("invalid date '%s' (YYYY-MM-DD)") : _("--since goes with --recap"),
                a->since);
      return false;
   }
   if (a->recap && (a->opts.milestone || a->opts.plan_only || a->opts.format == REPORT_CSV)) {
      Cli_error(_("--recap is written as text, md, html or json, without --milestone or "
                  "--plan-only"));
      return false;
   }
   if (!Report_checkOptions(&a->opts, &err)) {
      Cli_error("%s", err);
      free(err);
      return false;
   }
   return true;
}

/* The options of --all, and no option of one workload's report with it. */
static bool checkAll(ReportArgs *a, size_t npos)
{
   if (!a->all) {
      if (a->filter.environment || a->filter.archived) {
         Cli_error(_("--environment and --archived go with --all"));
         return false;
      }
      return true;
   }
   if (npos) {
      Cli_error(_("--all reports every workload: name none"));
      return false;
   }
   if (a->opts.milestone || a->opts.plan_only || a->opts.status) {
      Cli_error(_("--milestone, --plan-only and --status report one workload, not --all"));
      return false;
   }
   const char *e = a->filter.environment;
   if (e && strcmp(e, "production") != 0 && strcmp(e, "preproduction") != 0) {
      Cli_error(_("unknown environment '%s' (production, preproduction)"), e);
      return false;
   }
   return true;
}

/* Reads every database read-only into one portfolio and writes it. */
static int reportAll(CliEnv *env, ReportArgs *a)
{
   a->filter.lens = env->lens_arg;
   Portfolio p;
   Portfolio_init(&p, &a->filter);
   const char *one[1] = {env->db_path};
   const char *const *dbs = env->n_db_all ? env->db_all : one;
   size_t n = env->n_db_all ? env->n_db_all : 1;
   int rc = EXIT_OK;
   char *err = NULL;
   const char *first = NULL;
   char *first_own = NULL;
   for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
      CliEnv one_env = *env;
      one_env.db_path = dbs[i];
      one_env.read_only = true;
      Store *s = Cli_openStore(&one_env, STORE_OPEN_NOCREATE);
      if (!s) {
         rc = EXIT_FAIL;
         break;
      }
      if (!first) {
         first_own = xstrdup(Store_path(s));
         first = first_own;
      }
      if (Portfolio_add(&p, s, Store_path(s), &err) != STORE_OK) {
         Cli_error("%s", err);
         rc = EXIT_FAIL;
      }
      Store_close(s);
   }
   if (rc == EXIT_OK) {
      Portfolio_finish(&p);
      if (!Portfolio_writeFile(&p, &a->opts, a->output, first, &err)) {
         Cli_error("%s", err);
         rc = EXIT_FAIL;
      }
   }
   free(err);
   free(first_own);
   Portfolio_free(&p);
   return rc;
}

int Cmd_report(CliEnv *env, int argc, char **argv)
{
   ReportArgs a = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, reportOptions, reportOption, &a, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_FAIL;
   if (env->help) {
      Cli_printCommandHelp("report", reportOptions);
      rc = EXIT_OK;
   } else if (!checkAll(&a, npos) || !checkArgs(&a)) {
      rc = EXIT_USAGE;
   } else if (a.all) {
      rc = reportAll(env, &a);
   } else if (npos != 1) {
      Cli_usageError("report", NULL);
      rc = EXIT_USAGE;
   } else {
      Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE);
      char *err = NULL;
      bool ok = s && (a.recap ? Recap_writeFile(s, pos[0], a.since, a.opts.format, a.output,
                                                a.opts.force, &err)
                              : Report_writeFile(s, pos[0], &a.opts, a.output, &err));
      if (ok)
         rc = EXIT_OK;
      else if (s)
         Cli_error("%s", err);
      free(err);
      Store_close(s);
   }
   free(pos);
   return rc;
}
