/* cmd_export.c: walens export | import (review bundles) and walens lens
 * export (an AWS custom lens or native YAML). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/catalog.h"
#include "core/lens.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/bundle.h"
#include "report/lens_export.h"
#include "report/outfile.h"

enum { OPT_FORMAT = 100, OPT_OUTPUT, OPT_AS };

/* ---- walens lens export ---- */

static const OptSpec lensExportOptions[] = {
   {"format", 0, N_("FORMAT"), N_("aws-json (default: for the AWS Well-Architected Tool) or yaml"),
    OPT_FORMAT},
   {"output", 'o', N_("FILE"), N_("write to FILE instead of standard output"), OPT_OUTPUT},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct ExportArgs {
   const char *format, *output, *as;
} ExportArgs;

static bool exportOption(int id, const char *value, void *ctx)
{
   ExportArgs *a = ctx;
   switch (id) {
   case OPT_FORMAT: a->format = value; break;
   case OPT_OUTPUT: a->output = value; break;
   case OPT_AS: a->as = value; break;
   }
   return true;
}

static bool looksLikePath(const char *arg)
{
   size_t n = strlen(arg);
   return strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
          (n > 4 && strcmp(arg + n - 4, ".yml") == 0) ||
          (n > 5 && strcmp(arg + n - 5, ".json") == 0);
}

/* The newest lens stored in the database under key; never creates the
 * database. */
static Lens *storedLens(CliEnv *env, const char *key, DiagList *d)
{
   char *err = NULL;
   char *path = env->db_path ? xstrdup(env->db_path) : Paths_defaultDb(0, &err);
   free(err);
   err = NULL;
   Store *s = NULL;
   if (!path || access(path, F_OK) != 0 ||
       Store_open(path, STORE_OPEN_READONLY | STORE_OPEN_NOCREATE, &s, &err) != STORE_OK) {
      free(err);
      free(path);
      return NULL;
   }
   free(path);
   StoreLens *all = NULL;
   size_t n = 0;
   int64_t best = 0;
   if (Store_listLenses(s, &all, &n) == STORE_OK)
      for (size_t i = 0; i < n; i++)
         if (strcmp(all[i].key, key) == 0 && all[i].id > best)
            best = all[i].id;
   StoreLens_freeArray(all, n);
   Lens *lens = NULL;
   StoreLens sl;
   if (best && Store_getLens(s, best, &sl) == STORE_OK) {
      char *name = xasprintf(_("lens '%s' in the database"), key);
      lens = Lens_loadStored(name, sl.text, sl.text_len, d);
      free(name);
      StoreLens_free(&sl);
   }
   Store_close(s);
   return lens;
}

/* LENS as `workload add --lens` takes it: a file, a key of the lens
 * directories or the built-in lens, or a key stored in the database. */
static Lens *resolveLens(CliEnv *env, const char *arg, DiagList *d)
{
   if (looksLikePath(arg))
      return Lens_loadFile(arg, d);
   Catalog cat;
   DiagList ignored; /* unrelated broken files in the lens directories */
   DiagList_init(&ignored);
   Catalog_scan(&cat, &ignored);
   DiagList_free(&ignored);
   const CatalogEntry *e = Catalog_find(&cat, arg);
   Lens *lens = NULL;
   if (e && e->path)
      lens = Lens_loadFile(e->path, d);
   else if (e)
      lens = Lens_loadDefault(d);
   else if (!(lens = storedLens(env, arg, d)) && d->errors == 0)
      Cli_error(_("no lens with key '%s' (see 'walens lens list')"), arg);
   Catalog_free(&cat);
   return lens;
}

int Cmd_lensExport(CliEnv *env, int argc, char **argv)
{
   ExportArgs a = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, lensExportOptions, exportOption, &a, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_FAIL;
   LensExportFormat format = LENS_EXPORT_AWS_JSON;
   if (env->help) {
      Cli_printCommandHelp("lens", lensExportOptions);
      rc = EXIT_OK;
   } else if (npos > 2) {
      Cli_error("%s", _("usage: walens lens export [LENS] [--format aws-json|yaml] [-o FILE]"));
      rc = EXIT_USAGE;
   } else if (a.format && !LensExport_parseFormat(a.format, &format)) {
      Cli_error(_("unknown format '%s' (aws-json, yaml)"), a.format);
      rc = EXIT_USAGE;
   } else {
      const char *arg = npos == 2 ? pos[1] : env->lens_arg ? env->lens_arg : "machine-learning";
      DiagList d;
      DiagList_init(&d);
      Lens *lens = resolveLens(env, arg, &d);
      char *text = NULL, *err = NULL;
      size_t len = 0;
      if (lens)
         text = LensExport_render(lens, format, arg, &d, &len);
      DiagList_print(&d, stderr);
      if (text && OutFile_writeBuffer(a.output, text, len, &err))
         rc = EXIT_OK;
      else if (text)
         Cli_error("%s", err);
      else if (lens)
         Cli_error(_("%s: the lens cannot be exported in this format"), arg);
      else if (d.errors)
         Cli_error(_("%s: the lens has errors"), arg);
      free(err);
      free(text);
      Lens_free(lens);
      DiagList_free(&d);
   }
   free(pos);
   return rc;
}

/* ---- walens export / import ---- */

static const OptSpec exportOptions[] = {
   {"output", 'o', N_("FILE"), N_("write to FILE instead of standard output"), OPT_OUTPUT},
   {NULL, 0, NULL, NULL, 0},
};

static const OptSpec importOptions[] = {
   {"as", 0, N_("NAME"), N_("import the workload under this name"), OPT_AS},
   {NULL, 0, NULL, NULL, 0},
};

int Cmd_export(CliEnv *env, int argc, char **argv)
{
   ExportArgs a = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, exportOptions, exportOption, &a, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_FAIL;
   if (env->help) {
      Cli_printCommandHelp("export", exportOptions);
      rc = EXIT_OK;
   } else if (npos != 1) {
      Cli_error("%s", _("usage: walens export WORKLOAD [-o FILE]"));
      rc = EXIT_USAGE;
   } else {
      Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE);
      char *text = NULL, *err = NULL;
      if (s && Bundle_export(s, pos[0], &text, &err) == STORE_OK &&
          OutFile_writeBuffer(a.output, text, strlen(text), &err))
         rc = EXIT_OK;
      else if (s)
         Cli_error("%s", err);
      free(text);
      free(err);
      Store_close(s);
   }
   free(pos);
   return rc;
}

/* All of standard input, at most BUNDLE_MAX_SIZE bytes. */
static char *readStdin(size_t *len, char **err)
{
   size_t cap = 0;
   char *buf = NULL;
   *len = 0;
   for (;;) {
      buf = xgrow(buf, &cap, *len + 65536 + 1, 1);
      size_t n = fread(buf + *len, 1, 65536, stdin);
      *len += n;
      if (*len > BUNDLE_MAX_SIZE) {
         *err = xasprintf(_("standard input: larger than %u bytes"), BUNDLE_MAX_SIZE);
         free(buf);
         return NULL;
      }
      if (n < 65536)
         break;
   }
   if (ferror(stdin)) {
      *err = xstrdup(_("standard input: read error"));
      free(buf);
      return NULL;
   }
   buf[*len] = '\0';
   return buf;
}

int Cmd_import(CliEnv *env, int argc, char **argv)
{
   ExportArgs a = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, importOptions, exportOption, &a, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_FAIL;
   if (env->help) {
      Cli_printCommandHelp("import", importOptions);
      rc = EXIT_OK;
   } else if (npos != 1) {
      Cli_error("%s", _("usage: walens import FILE [--as NAME]"));
      rc = EXIT_USAGE;
   } else {
      char *err = NULL, *name = NULL;
      size_t len = 0;
      char *text = strcmp(pos[0], "-") == 0 ? readStdin(&len, &err)
                                            : File_readAll(pos[0], BUNDLE_MAX_SIZE, &len, &err);
      Store *s = text ? Cli_openStore(env, 0) : NULL;
      if (!text) {
         Cli_error("%s", err);
      } else if (s && Bundle_import(s, text, len, a.as, Cli_user(env), &name, &err) == STORE_OK) {
         Cli_printf(_("imported workload '%s'\n"), name);
         rc = EXIT_OK;
      } else if (s) {
         Cli_error("%s: %s", pos[0], err);
      }
      free(name);
      free(text);
      free(err);
      Store_close(s);
   }
   free(pos);
   return rc;
}
