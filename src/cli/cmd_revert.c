/* cmd_revert.c: walens revert — undo one recorded change, merged like any
 * other write. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"

static const OptSpec revertOptions[] = {
   {NULL, 0, NULL, NULL, 0},
};

static bool revertOption(int id, const char *value, void *ctx)
{
   (void)id;
   (void)value;
   (void)ctx;
   return true;
}

static int revertRun(CliEnv *env, const char *workload, int64_t id, void *ctx)
{
   (void)ctx;
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   StoreMerge m;
   char *err = NULL;
   StoreStatus st = ReviewDoc_revert(s, &doc, id, "revert_of", Cli_user(env), &m, &err);
   int rc = EXIT_OK;
   if (st != STORE_OK) {
      Cli_error("%s", err ? err : Store_statusText(st));
      rc = st == STORE_NOT_FOUND || st == STORE_INVALID ? EXIT_USAGE : EXIT_FAIL;
   } else if (m.n_clashes) {
      if (m.wrote) /* the rest of it is undone: say so before what is not */
         Cli_printf(_("history id %lld reverted in part\n"), (long long)id);
      Cli_error(_("history id %lld: %s"), (long long)id, m.message);
      rc = EXIT_FAIL;
   } else if (!m.wrote) {
      Cli_printf(_("history id %lld: nothing to revert, it is undone already\n"), (long long)id);
   } else {
      Cli_printf(_("history id %lld reverted\n"), (long long)id);
   }
   free(err);
   StoreMerge_free(&m);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_revert(CliEnv *env, int argc, char **argv)
{
   return Cli_historyCommand(env, "revert", argc, argv, revertOptions, revertOption, NULL,
                             revertRun);
}
