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

static bool parseId(const char *text, int64_t *id)
{
   char *end = NULL;
   long long v = strtoll(text, &end, 10);
   if (!*text || *end || v <= 0) {
      Cli_error(_("'%s' is not a history id (a number from 'walens history --format json')"), text);
      return false;
   }
   *id = v;
   return true;
}

static int revertRun(CliEnv *env, const char *workload, int64_t id)
{
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
   char **pos;
   size_t npos;
   int64_t id = 0;
   if (!Cli_parse(env, argc, argv, revertOptions, revertOption, NULL, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("revert", revertOptions);
      rc = EXIT_OK;
   } else if (npos != 2) {
      Cli_error("%s", _("usage: walens revert WORKLOAD HISTORY_ID"));
      rc = EXIT_USAGE;
   } else if (!parseId(pos[1], &id)) {
      rc = EXIT_USAGE;
   } else {
      rc = revertRun(env, pos[0], id);
   }
   free(pos);
   return rc;
}
