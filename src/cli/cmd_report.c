/* cmd_report.c: walens report — the review for printing, publishing,
 * spreadsheets and tools. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/report.h"

enum {
   OPT_FORMAT = 100,
   OPT_MILESTONE,
   OPT_PLAN_ONLY,
   OPT_OUTPUT,
   OPT_WIDTH,
   OPT_PAGE_LENGTH,
   OPT_FORCE,
   OPT_STATUS,
   OPT_OWNER
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
   {"status", 0, N_("S"), N_("only the plan items with this status"), OPT_STATUS},
   {"owner", 0, N_("NAME"), N_("only the plan items this person owns"), OPT_OWNER},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct ReportArgs {
   ReportOptions opts;
   const char *format, *output, *width, *page_length;
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
   case OPT_STATUS: a->opts.status = value; break;
   case OPT_OWNER: a->opts.owner = value; break;
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
   if (!Report_checkOptions(&a->opts, &err)) {
      Cli_error("%s", err);
      free(err);
      return false;
   }
   return true;
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
   } else if (npos != 1) {
      Cli_usageError("report", NULL);
      rc = EXIT_USAGE;
   } else if (!checkArgs(&a)) {
      rc = EXIT_USAGE;
   } else {
      Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE);
      char *err = NULL;
      if (s && Report_writeFile(s, pos[0], &a.opts, a.output, &err))
         rc = EXIT_OK;
      else if (s)
         Cli_error("%s", err);
      free(err);
      Store_close(s);
   }
   free(pos);
   return rc;
}
