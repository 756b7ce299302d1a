/* cmd_lens.c: walens lens check | list (export is in cmd_export.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/catalog.h"
#include "core/lens.h"
#include "core/paths.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"

enum { OPT_STRICT = 100 };

static const OptSpec checkOptions[] = {
   {"strict", 0, NULL, N_("treat warnings as errors"), OPT_STRICT},
   {NULL, 0, NULL, NULL, 0},
};

static bool checkOption(int id, const char *value, void *ctx)
{
   if (id == OPT_STRICT)
      *(bool *)ctx = true;
   return true;
}

static size_t countChoices(const Lens *lens)
{
   size_t n = 0;
   for (size_t i = 0; i < lens->n_questions; i++)
      n += lens->questions[i].n_choices;
   return n;
}

/* The last line for one file, so that a pass is visible and a long list of
 * diagnostics ends with its totals. */
static void printSummary(const char *path, const Lens *lens, size_t errors, size_t warnings)
{
   char *w = xasprintf(ngettext("%zu warning", "%zu warnings", warnings), warnings);
   char *line;
   if (!errors && lens) {
      size_t choices = countChoices(lens);
      char *q =
         xasprintf(ngettext("%zu question", "%zu questions", lens->n_questions), lens->n_questions);
      char *c = xasprintf(ngettext("%zu choice", "%zu choices", choices), choices);
      line = warnings ? xasprintf(_("%s: ok: %s, %s; %s"), path, q, c, w)
                      : xasprintf(_("%s: ok: %s, %s"), path, q, c);
      free(q);
      free(c);
   } else {
      char *e = xasprintf(ngettext("%zu error", "%zu errors", errors), errors);
      line = xasprintf(_("%s: failed: %s, %s"), path, e, w);
      free(e);
   }
   Utf8_fputs(line, stdout, UTF8_ONE_LINE);
   fputc('\n', stdout);
   free(line);
   free(w);
}

/* Prints one file's diagnostics and its summary; returns true when the
 * file passes. */
static bool checkFile(const char *path, bool strict)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadFile(path, &d);
   DiagList_printAs(&d, stdout, strict);
   size_t errors = d.errors + (strict ? d.warnings : 0);
   size_t warnings = strict ? 0 : d.warnings;
   /* A loader that gives up without a diagnostic still fails. */
   if (!lens && !errors)
      errors = 1;
   printSummary(path, lens, errors, warnings);
   bool ok = lens && errors == 0;
   Lens_free(lens);
   DiagList_free(&d);
   return ok;
}

static int lensCheck(CliEnv *env, int argc, char **argv)
{
   bool strict = false;
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, checkOptions, checkOption, &strict, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_OK;
   if (env->help) {
      Cli_printCommandHelp("lens", checkOptions);
   } else if (npos < 2) {
      Cli_error("%s", _("lens check needs at least one FILE"));
      rc = EXIT_USAGE;
   } else {
      for (size_t i = 1; i < npos; i++)
         if (!checkFile(pos[i], strict))
            rc = EXIT_FAIL;
   }
   free(pos);
   return rc;
}

static void printRow(const char *key, const char *version, const char *source, const char *name)
{
   Cli_cell(key, 24);
   Cli_cell(version && *version ? version : "-", 12);
   Cli_cell(source, 10);
   Cli_printf("%s\n", name);
}

/* Lenses stored in the database, when there is one (never created here). */
static void listStored(CliEnv *env)
{
   char *err = NULL;
   char *path = env->db_path ? xstrdup(env->db_path) : Paths_defaultDb(0, &err);
   free(err);
   if (!path || access(path, F_OK) != 0) {
      free(path);
      return;
   }
   Store *s = NULL;
   StoreStatus st = Store_open(path, STORE_OPEN_READONLY | STORE_OPEN_NOCREATE, &s, &err);
   if (st != STORE_OK) {
      Cli_error("%s", err ? err : Store_statusText(st));
      free(err);
      free(path);
      return;
   }
   StoreLens *lenses = NULL;
   size_t n = 0;
   if (Store_listLenses(s, &lenses, &n) == STORE_OK)
      for (size_t i = 0; i < n; i++)
         printRow(lenses[i].key, lenses[i].version,
                  lenses[i].from_bundle ? _("bundle") : _("database"), lenses[i].name);
   StoreLens_freeArray(lenses, n);
   Store_close(s);
   free(path);
}

static int lensList(CliEnv *env, int argc, char **argv)
{
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, NULL, NULL, NULL, &pos, &npos))
      return EXIT_USAGE;
   free(pos);
   if (env->help) {
      Cli_printCommandHelp("lens", NULL);
      return EXIT_OK;
   }
   Catalog cat;
   DiagList d;
   DiagList_init(&d);
   Catalog_scan(&cat, &d);
   DiagList_print(&d, stderr);
   printRow(_("KEY"), _("VERSION"), _("SOURCE"), _("NAME"));
   for (size_t i = 0; i < cat.count; i++) {
      const CatalogEntry *e = &cat.items[i];
      char *name = e->shadowed ? xasprintf(_("%s (overridden)"), e->name) : xstrdup(e->name);
      printRow(e->key, e->version, LensSource_label(e->source), name);
      free(name);
   }
   listStored(env);
   Catalog_free(&cat);
   DiagList_free(&d);
   return EXIT_OK;
}

int Cmd_lens(CliEnv *env, int argc, char **argv)
{
   if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
      Cli_printCommandHelp("lens", checkOptions);
      return argc < 2 ? EXIT_USAGE : EXIT_OK;
   }
   if (strcmp(argv[1], "check") == 0)
      return lensCheck(env, argc, argv);
   if (strcmp(argv[1], "list") == 0)
      return lensList(env, argc, argv);
   if (strcmp(argv[1], "export") == 0)
      return Cmd_lensExport(env, argc, argv);
   Cli_error(_("unknown lens command '%s' (check, list, export)"), argv[1]);
   return EXIT_USAGE;
}
