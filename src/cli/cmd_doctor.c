/* cmd_doctor.c: walens doctor — check what the database keeps beside the
 * answers (each review's risk counts, store/count.h, and its portfolio
 * figures, store/portkeep.h) and repair it. */
#include "config.h"

#include <stdlib.h>

#include "cli/cli.h"
#include "i18n.h"
#include "store/portkeep.h"
#include "store/reviewdoc.h"

enum { OPT_CHECK = 100 };

static const OptSpec doctorOptions[] = {
   {"check", 0, NULL, N_("only report what is wrong, repair nothing (exit 1 when anything is)"),
    OPT_CHECK},
   {NULL, 0, NULL, NULL, 0},
};

static bool doctorOption(int id, const char *value, void *ctx)
{
   bool *check = ctx;
   (void)value;
   if (id == OPT_CHECK)
      *check = true;
   return true;
}

/* The line on the portfolio's kept rows (store/portkeep.h). */
static void printPortfolio(bool repair, size_t drifted)
{
   if (drifted == 0)
      Cli_printf("%s\n", _("portfolio figures: all as the answers and plans say"));
   else if (repair)
      Cli_printf(ngettext("portfolio figures: %zu review counted again and repaired\n",
                          "portfolio figures: %zu reviews counted again and repaired\n", drifted),
                 drifted);
   else
      Cli_printf(ngettext("portfolio figures: %zu review kept out of date or wrong\n",
                          "portfolio figures: %zu reviews kept out of date or wrong\n", drifted),
                 drifted);
}

static int doctorRun(CliEnv *env, bool check)
{
   Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE);
   if (!s)
      return EXIT_FAIL;
   bool repair = !check && !Store_isReadOnly(s);
   size_t checked = 0, drifted = 0, port_checked = 0, port_drifted = 0;
   StoreStatus st = ReviewDoc_checkCounts(s, repair, &checked, &drifted);
   if (st == STORE_OK)
      st = PortKeep_check(s, repair, &port_checked, &port_drifted);
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      Store_close(s);
      return EXIT_FAIL;
   }
   Store_close(s);
   Cli_printf(ngettext("%zu review checked\n", "%zu reviews checked\n", checked), checked);
   if (drifted == 0)
      Cli_printf("%s\n", _("risk counts: all as the answers say"));
   else
      Cli_printf(repair ? ngettext("risk counts: %zu review counted again and repaired\n",
                                   "risk counts: %zu reviews counted again and repaired\n", drifted)
                        : ngettext("risk counts: %zu review kept out of date or wrong\n",
                                   "risk counts: %zu reviews kept out of date or wrong\n", drifted),
                 drifted);
   printPortfolio(repair, port_drifted);
   return repair || (drifted == 0 && port_drifted == 0) ? EXIT_OK : EXIT_FAIL;
}

int Cmd_doctor(CliEnv *env, int argc, char **argv)
{
   bool check = false;
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, doctorOptions, doctorOption, &check, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("doctor", doctorOptions);
      rc = EXIT_OK;
   } else if (npos != 0) {
      Cli_usageError("doctor", NULL);
      rc = EXIT_USAGE;
   } else {
      rc = doctorRun(env, check);
   }
   free(pos);
   return rc;
}
