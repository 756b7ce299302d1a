/* main.c: global options, then dispatch to a subcommand or the TUI. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/paths.h"
#include "core/suggest.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "reloc.h"
#include "tui/tui.h"

#ifndef PREFIX
#define PREFIX "/usr/local"
#endif
#ifndef BINDIR
#define BINDIR PREFIX "/bin"
#endif

/* Hidden options: machine-readable listings of the tables, for the man
 * page's generator and the shell completion.  Not in --help on purpose. */
typedef enum { LIST_NONE, LIST_KEYS, LIST_COMMANDS, LIST_WORKLOADS, LIST_SCREENS } Listing;
static const char *const listingWords[] = {NULL, "--list-keys", "--list-commands",
                                           "--list-workloads", "--list-screens"};

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

/* The index of the first word that is neither a global option nor its
 * value; *dashdash tells whether "--" came before it (then it is a
 * workload's name even when a command has that name). */
static int firstWord(int argc, char **argv, bool *dashdash)
{
   *dashdash = false;
   int i = 1;
   while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i], "--") != 0)
      i += takesValue(argv[i]) ? 2 : 1;
   /* A last option missing its value ("walens --db") must not step past
    * argv's end: the parser then reports the missing value. */
   if (i >= argc)
      return argc;
   *dashdash = strcmp(argv[i], "--") == 0;
   return *dashdash ? i + 1 : i;
}

static bool workloadExists(CliEnv *env, const char *name)
{
   char *err = NULL;
   char *path = env->db_path ? xstrdup(env->db_path) : Paths_defaultDb(false, &err);
   free(err);
   Store *s = NULL;
   bool found = false;
   if (path && Store_open(path, STORE_OPEN_READONLY | STORE_OPEN_NOCREATE, &s, &err) == STORE_OK) {
      Workload w;
      found = Store_findWorkload(s, name, &w) == STORE_OK;
      if (found)
         Workload_free(&w);
      Store_close(s);
   }
   free(err);
   free(path);
   return found;
}

/* A word near a command's name ("stauts") that names no workload is a
 * mistyped command, not a workload to open: say so, with the command. */
static bool mistypedCommand(CliEnv *env, const char *word)
{
   const char *names[32];
   size_t n = 0;
   for (const CliCommand *c = Cli_commands; c->name && n < 32; c++)
      names[n++] = c->name;
   const char *best = Suggest_best(word, names, n);
   if (!best || workloadExists(env, word))
      return false;
   Cli_error(_("unknown command '%s' (see 'walens --help')"), word);
   Cli_fprintf(stderr, _("did you mean '%s'?\n"), best);
   return true;
}

static int runTui(CliEnv *env, int argc, char **argv, bool dashdash)
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
      const char *names[32];
      size_t n = 0;
      for (const CliCommand *c = Cli_commands; c->name && n < 32; c++)
         names[n++] = c->name;
      Cli_error(_("unknown command '%s' (see 'walens --help')"), pos[0]);
      Cli_suggest(pos[0], names, n);
      rc = EXIT_USAGE;
   } else if (npos == 1 && !dashdash && mistypedCommand(env, pos[0])) {
      rc = EXIT_USAGE;
   } else {
      char *err = NULL;
      char *db = NULL;
      if (!Cli_user(env))
         rc = EXIT_USAGE; /* the login name cannot be a user name: said why */
      else if (!(db = env->db_path ? xstrdup(env->db_path)
                                   : Paths_defaultDb(!env->read_only, &err))) {
         Cli_error("%s", err);
         free(err);
         rc = EXIT_FAIL;
      } else {
         TuiOptions o = {.db_path = db,
                         .lens_arg = env->lens_arg,
                         .user = Cli_user(env),
                         .workload = npos ? pos[0] : NULL,
                         .read_only = env->read_only,
                         .mouse = !env->no_mouse,
                         .lead = env->lead};
         rc = Tui_run(&o);
         free(db);
      }
   }
   free(pos);
   return rc;
}

static bool isDir(const char *path)
{
   struct stat st;
   return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An installed tree that was moved keeps its layout: find the catalogues
 * and lenses beside the binary (see reloc.h).  $WALENS_LOCALEDIR and
 * $WALENS_LENSDIR point elsewhere (the build tree's tests). */
static void findInstalledData(void)
{
   char *exe_dir = Reloc_exeDir();
   char *prefix = Reloc_prefix(exe_dir, PREFIX, BINDIR);
   const char *lensdir_env = getenv("WALENS_LENSDIR");
   if (prefix && !(lensdir_env && *lensdir_env)) {
      char *lensdir = Reloc_path(LENSDIR, PREFIX, prefix);
      if (isDir(lensdir))
         setenv("WALENS_LENSDIR", lensdir, 1); /* read by Paths_systemLensDir */
      free(lensdir);
   }
#if ENABLE_NLS
   const char *env = getenv("WALENS_LOCALEDIR");
   char *localedir = env && *env ? xstrdup(env) : Reloc_path(LOCALEDIR, PREFIX, prefix);
   if (!isDir(localedir)) {
      free(localedir);
      localedir = xstrdup(LOCALEDIR);
   }
   bindtextdomain(PACKAGE, localedir);
   textdomain(PACKAGE);
   free(localedir);
#endif
   free(prefix);
   free(exe_dir);
}

/* Finds a hidden listing option among the global options (before the first
 * word) and removes it from argv. */
static Listing takeListing(int *argc, char **argv)
{
   bool dashdash;
   int k = firstWord(*argc, argv, &dashdash);
   for (int i = 1; i < k; i++)
      for (int l = LIST_KEYS; l <= LIST_SCREENS; l++)
         if (strcmp(argv[i], listingWords[l]) == 0) {
            memmove(argv + i, argv + i + 1, (size_t)(*argc - i) * sizeof *argv);
            (*argc)--;
            return (Listing)l;
         }
   return LIST_NONE;
}

/* "NAME<TAB>USAGE<TAB>HELP" a command, in the order of the table. */
static void listCommands(void)
{
   for (const CliCommand *c = Cli_commands; c->name; c++)
      printf("%s\t%s\t%s\n", c->name, _(c->usage), _(c->help));
}

/* One workload name a line, archived ones too; silent when the database
 * cannot be read (the shell completion asks while the user types). */
static int listWorkloads(CliEnv *env)
{
   char *err = NULL;
   char *path = env->db_path ? xstrdup(env->db_path) : Paths_defaultDb(0, &err);
   Store *s = NULL;
   Workload *w = NULL;
   size_t n = 0;
   int rc = EXIT_FAIL;
   if (path && Store_open(path, STORE_OPEN_READONLY | STORE_OPEN_NOCREATE, &s, &err) == STORE_OK &&
       Store_listWorkloads(s, true, &w, &n) == STORE_OK) {
      /* A name with a line break, a tab, or anything the terminal would
       * obey (core/utf8.h) cannot be completed: it is left out. */
      for (size_t i = 0; i < n; i++)
         if (Utf8_isSafe(w[i].name, strlen(w[i].name), 0))
            puts(w[i].name);
      Workload_freeArray(w, n);
      rc = EXIT_OK;
   }
   Store_close(s);
   free(err);
   free(path);
   return rc;
}

static int runListing(Listing what, CliEnv *env, int argc, char **argv)
{
   char **pos;
   size_t npos;
   if (!Args_parse(argc, argv, 1, Cli_globalOptions, globalOnly, env, &pos, &npos)) {
      fputs(_("Try 'walens --help'.\n"), stderr);
      return EXIT_USAGE;
   }
   free(pos);
   switch (what) {
   case LIST_KEYS: Actions_listKeys(stdout); return EXIT_OK;
   case LIST_COMMANDS: listCommands(); return EXIT_OK;
   case LIST_WORKLOADS: return listWorkloads(env);
   case LIST_SCREENS: Actions_listScreens(stdout); return EXIT_OK;
   case LIST_NONE: break;
   }
   return EXIT_USAGE;
}

int main(int argc, char **argv)
{
   setlocale(LC_ALL, "");
   findInstalledData();
   CliEnv env = {0};
   Listing listing = takeListing(&argc, argv);
   if (listing != LIST_NONE) {
      int rc = runListing(listing, &env, argc, argv);
      free(env.user_default);
      return rc;
   }
   bool dashdash;
   int k = firstWord(argc, argv, &dashdash);
   const CliCommand *cmd = k < argc && !dashdash ? Cli_find(argv[k]) : NULL;
   int rc;
   if (!cmd) {
      rc = runTui(&env, argc, argv, dashdash);
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
