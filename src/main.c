/* main.c: global options, then dispatch to a subcommand or the TUI. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "tui/tui.h"

static bool globalOnly(int id, const char *value, void *ctx)
{
   return Cli_globalOption(ctx, id, value);
}

static bool takesValue(const char *word)
{
   if (word[0] != '-' || word[1] != '-' || strchr(word, '='))
      return false;
   for (const OptSpec *s = Cli_globalOptions; s->name; s++)
      if (strcmp(word + 2, s->name) == 0)
         return s->arg != NULL;
   return false;
}

/* The index of the first word that is neither a global option nor its value. */
static int firstWord(int argc, char **argv)
{
   int i = 1;
   while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i], "--") != 0)
      i += takesValue(argv[i]) ? 2 : 1;
   return i < argc && strcmp(argv[i], "--") == 0 ? i + 1 : i;
}

static int runTui(CliEnv *env, int argc, char **argv)
{
   char **pos;
   size_t npos;
   if (!Args_parse(argc, argv, 1, Cli_globalOptions, globalOnly, env, &pos, &npos)) {
      fputs(_("Try 'walens --help'.\n"), stderr);
      return EXIT_USAGE;
   }
   int rc;
   if (env->help) {
      Cli_printUsage();
      rc = EXIT_OK;
   } else if (npos > 1) {
      Cli_error(_("unknown command '%s' (see 'walens --help')"), pos[0]);
      rc = EXIT_USAGE;
   } else {
      char *err = NULL;
      char *db = env->db_path ? xstrdup(env->db_path) : Paths_defaultDb(!env->read_only, &err);
      if (!db) {
         Cli_error("%s", err);
         free(err);
         rc = EXIT_FAIL;
      } else {
         TuiOptions o = { .db_path = db, .lens_arg = env->lens_arg, .user = Cli_user(env),
                          .workload = npos ? pos[0] : NULL, .read_only = env->read_only,
                          .mouse = !env->no_mouse };
         rc = Tui_run(&o);
         free(db);
      }
   }
   free(pos);
   return rc;
}

int main(int argc, char **argv)
{
   setlocale(LC_ALL, "");
#if ENABLE_NLS
   bindtextdomain(PACKAGE, LOCALEDIR);
   textdomain(PACKAGE);
#endif
   CliEnv env = { 0 };
   int k = firstWord(argc, argv);
   const CliCommand *cmd = k < argc ? Cli_find(argv[k]) : NULL;
   int rc;
   if (!cmd) {
      rc = runTui(&env, argc, argv);
   } else {
      char **pos;
      size_t npos;
      /* Global options before the command word; the command parses the rest. */
      if (!Args_parse(k, argv, 1, Cli_globalOptions, globalOnly, &env, &pos, &npos)) {
         fputs(_("Try 'walens --help'.\n"), stderr);
         rc = EXIT_USAGE;
      } else {
         free(pos);
         rc = cmd->run(&env, argc - k, argv + k);
      }
   }
   free(env.user_default);
   return rc;
}
