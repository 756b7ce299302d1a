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
#include "report/aws.h"
#include "report/bundle.h"
#include "report/lens_export.h"
#include "report/outfile.h"
#include "store/pending.h"

enum {
   OPT_FORMAT = 100,
   OPT_OUTPUT,
   OPT_AS,
   OPT_REGION,
   OPT_OWNER,
   OPT_ENVIRONMENT,
   OPT_DESCRIPTION,
   OPT_WORKLOAD_ID,
   OPT_MILESTONES,
   OPT_FROM_AWS,
   OPT_INTO,
   OPT_FORCE,
   OPT_PREFER,
};

/* ---- walens lens export ---- */

static const OptSpec lensExportOptions[] = {
   {"format", 0, N_("FORMAT"), N_("aws-json (default: for the AWS Well-Architected Tool) or yaml"),
    OPT_FORMAT},
   {"output", 'o', N_("FILE"), N_("write to FILE instead of standard output"), OPT_OUTPUT},
   {"force", 0, NULL, N_("replace the file -o names when it exists"), OPT_FORCE},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct ExportArgs {
   const char *format, *output, *as, *from_aws, *into, *prefer;
   bool force;
   AwsOptions aws;
} ExportArgs;

static bool exportOption(int id, const char *value, void *ctx)
{
   ExportArgs *a = ctx;
   switch (id) {
   case OPT_FORMAT: a->format = value; break;
   case OPT_OUTPUT: a->output = value; break;
   case OPT_AS: a->as = value; break;
   case OPT_FORCE: a->force = true; break;
   case OPT_REGION:
      a->aws.regions = xrealloc(a->aws.regions, (a->aws.n_regions + 1) * sizeof(char *));
      a->aws.regions[a->aws.n_regions++] = (char *)value;
      break;
   case OPT_OWNER: a->aws.review_owner = value; break;
   case OPT_ENVIRONMENT: a->aws.environment = value; break;
   case OPT_DESCRIPTION: a->aws.description = value; break;
   case OPT_WORKLOAD_ID: a->aws.workload_id = value; break;
   case OPT_MILESTONES: a->aws.milestones = true; break;
   case OPT_FROM_AWS: a->from_aws = value; break;
   case OPT_INTO: a->into = value; break;
   case OPT_PREFER: a->prefer = value; break;
   }
   return true;
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
   if (Catalog_looksLikePath(arg))
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
      Cli_usageError("lens", "export");
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
      char *db = env->db_path ? xstrdup(env->db_path) : Paths_defaultDb(0, &err);
      free(err);
      err = NULL;
      OutFileRules rules = {.force = a.force, .db_path = db};
      if (text && OutFile_writeBuffer(a.output, text, len, &rules, &err))
         rc = EXIT_OK;
      else if (text)
         Cli_error("%s", err);
      else if (lens)
         Cli_error(_("%s: the lens cannot be exported in this format"), arg);
      else if (d.errors)
         Cli_error(_("%s: the lens has errors"), arg);
      free(err);
      free(db);
      free(text);
      Lens_free(lens);
      DiagList_free(&d);
   }
   free(pos);
   return rc;
}

/* ---- walens export / import ---- */

static const OptSpec exportOptions[] = {
   {"output", 'o', N_("FILE"),
    N_("write to FILE instead of standard output (with --format aws: the directory DIR)"),
    OPT_OUTPUT},
   {"format", 0, N_("FORMAT"),
    N_("bundle (default: for another walens database) or aws (inputs for the AWS CLI)"),
    OPT_FORMAT},
   {"region", 0, N_("REGION"), N_("aws: an AWS region of the workload (repeatable)"), OPT_REGION},
   {"review-owner", 0, N_("OWNER"), N_("aws: the review owner (default: the workload's owner)"),
    OPT_OWNER},
   {"environment", 0, N_("ENV"), N_("aws: production or preproduction (default: the workload's)"),
    OPT_ENVIRONMENT},
   {"description", 0, N_("TEXT"), N_("aws: the description (default: the workload's)"),
    OPT_DESCRIPTION},
   {"workload-id", 0, N_("ID"),
    N_("aws: push into this existing AWS workload instead of creating one"), OPT_WORKLOAD_ID},
   {"milestones", 0, NULL, N_("aws: write a CreateMilestone input per milestone"), OPT_MILESTONES},
   {"force", 0, NULL, N_("replace the file -o names when it exists"), OPT_FORCE},
   {NULL, 0, NULL, NULL, 0},
};

static const OptSpec importOptions[] = {
   {"as", 0, N_("NAME"), N_("import the workload under this name"), OPT_AS},
   {"from-aws", 0, N_("PATH"),
    N_("read what 'aws wellarchitected get-answer' or 'list-answers' printed (a file or a "
       "directory)"),
    OPT_FROM_AWS},
   {"into", 0, N_("WORKLOAD"),
    N_("merge a bundle exported from WORKLOAD and changed elsewhere, or AWS's answers, into "
       "WORKLOAD"),
    OPT_INTO},
   {"prefer", 0, N_("SIDE"),
    N_("with --into: settle clashes for ours (this database) or theirs (the bundle or AWS)"),
    OPT_PREFER},
   {NULL, 0, NULL, NULL, 0},
};

/* walens export WORKLOAD --format aws -o DIR */
static int exportAws(CliEnv *env, const char *workload, ExportArgs *a)
{
   if (!a->output || OutFile_isStdout(a->output)) {
      Cli_error("%s", _("--format aws writes a directory: give it with -o DIR"));
      return EXIT_USAGE;
   }
   Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE | STORE_OPEN_READONLY);
   if (!s)
      return EXIT_FAIL;
   int rc = EXIT_FAIL;
   DiagList d;
   DiagList_init(&d);
   AwsExport x;
   char *err = NULL;
   bool built = AwsExport_build(s, workload, &a->aws, &x, &d, &err);
   DiagList_print(&d, stderr);
   if (!built) {
      char *head = xasprintf(_("%s: cannot be written for AWS; nothing was written:"), workload);
      Cli_errorLines(head, err);
      free(head);
   } else if (!AwsExport_write(&x, a->output,
                               &(OutFileRules){.force = a->force, .db_path = Store_path(s)},
                               &err)) {
      Cli_error("%s", err);
   } else {
      Cli_printf(_("wrote %zu files to %s; run %s/push.sh to send them to AWS\n"), x.n, a->output,
                 a->output);
      rc = EXIT_OK;
   }
   AwsExport_free(&x);
   DiagList_free(&d);
   free(err);
   Store_close(s);
   return rc;
}

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
      Cli_usageError("export", NULL);
      rc = EXIT_USAGE;
   } else if (a.format && strcmp(a.format, "aws") == 0) {
      rc = exportAws(env, pos[0], &a);
   } else if (a.format && strcmp(a.format, "bundle") != 0) {
      Cli_error(_("unknown format '%s' (bundle, aws)"), a.format);
      rc = EXIT_USAGE;
   } else if (a.aws.n_regions || a.aws.review_owner || a.aws.environment || a.aws.description ||
              a.aws.workload_id || a.aws.milestones) {
      Cli_error("%s", _("--region, --review-owner, --environment, --description, --workload-id "
                        "and --milestones go with --format aws"));
      rc = EXIT_USAGE;
   } else {
      Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE);
      char *text = NULL, *err = NULL;
      OutFileRules rules = {.force = a.force, .db_path = s ? Store_path(s) : NULL};
      if (s && Bundle_export(s, pos[0], &text, &err) == STORE_OK &&
          OutFile_writeBuffer(a.output, text, strlen(text), &rules, &err))
         rc = EXIT_OK;
      else if (s)
         Cli_error("%s", err);
      free(text);
      free(err);
      Store_close(s);
   }
   free(a.aws.regions);
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

/* aws: the other side is AWS's answers, not a bundle. */
static void printClashes(const BundleMerge *m, bool aws)
{
   for (size_t i = 0; i < m->n_clashes; i++) {
      const BundleClash *c = &m->clashes[i];
      if (aws)
         Cli_printf(_("  %s\n    here:   %s (%s, %s)\n    AWS:    %s\n"), c->what, c->ours, c->by,
                    c->at, c->theirs);
      else
         Cli_printf(_("  %s\n    here:   %s (%s, %s)\n    bundle: %s\n"), c->what, c->ours, c->by,
                    c->at, c->theirs);
   }
}

/* A bundle whose clashes wait for a decision is kept whole in the
 * database, for the TUI's clashes screen (C on the dashboard). */
static bool keepPending(CliEnv *env, Store *s, const char *name, const char *file, const char *text,
                        size_t clashes)
{
   Workload w;
   StoreStatus st = Store_findWorkload(s, name, &w);
   if (st == STORE_OK) {
      st = Store_keepImport(s, w.review_id, file, text, clashes, Cli_user(env));
      Workload_free(&w);
   }
   if (st != STORE_OK)
      Cli_error(_("the bundle could not be kept for a decision: %s"), Store_lastError(s));
   return st == STORE_OK;
}

/* Once a bundle is merged, nothing of it waits any more. */
static void dropPending(Store *s, const char *name, const char *text)
{
   Workload w;
   if (Store_findWorkload(s, name, &w) != STORE_OK)
      return;
   if (Store_dropImport(s, w.review_id, text) != STORE_OK)
      Cli_error(_("the bundle is merged, but its waiting copy stays: %s"), Store_lastError(s));
   Workload_free(&w);
}

static BundlePrefer preferOf(const char *prefer)
{
   return !prefer                       ? BUNDLE_PREFER_NONE
          : strcmp(prefer, "ours") == 0 ? BUNDLE_PREFER_OURS
                                        : BUNDLE_PREFER_THEIRS;
}

/* The clashes that stopped an import, then the verdict; waiting: the
 * bundle was kept for a decision in the TUI. */
static void refuseClashes(const BundleMerge *m, const char *name, const char *from, bool aws,
                          bool waiting)
{
   Cli_printf(_("clashes between '%s' here and %s:\n"), name, from);
   printClashes(m, aws);
   if (waiting)
      Cli_printf(_("the bundle waits in the database: open '%s' in walens and press C to "
                   "decide each clash\n"),
                 name);
   fflush(stdout); /* the list, then the verdict, in that order in one file */
   Cli_error(ngettext("%s: nothing was imported: %zu clash; decide with --prefer ours or "
                      "--prefer theirs",
                      "%s: nothing was imported: %zu clashes; decide with --prefer ours or "
                      "--prefer theirs",
                      m->n_clashes),
             from, m->n_clashes);
}

/* walens import --from-aws FILE|DIR --into WORKLOAD [--prefer ours|theirs] */
static int importAwsInto(CliEnv *env, const char *path, const char *into, const char *prefer)
{
   char *err = NULL, *name = Cli_name(NAME_WORKLOAD, into);
   if (!name)
      return EXIT_USAGE;
   int rc = EXIT_FAIL;
   Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE);
   BundlePrefer p = preferOf(prefer);
   BundleMerge m = {0};
   StoreStatus st = s ? AwsImport_into(s, path, name, p, Cli_user(env), &m, &err) : STORE_ERROR;
   if (!s) {
      /* Cli_openStore said why */
   } else if (st == STORE_OK && m.nothing) {
      Cli_printf(_("nothing to import: every answer in %s is in '%s' already\n"), path, name);
      rc = EXIT_OK;
   } else if (st == STORE_OK) {
      Cli_printf(ngettext("merged %s into '%s': %zu answer changed\n",
                          "merged %s into '%s': %zu answers changed\n", m.answers),
                 path, name, m.answers);
      if (m.n_clashes) {
         Cli_printf(p == BUNDLE_PREFER_OURS ? _("clashes settled for this database:\n")
                                            : _("clashes settled for AWS's answers:\n"));
         printClashes(&m, true);
      }
      rc = EXIT_OK;
   } else if (st == STORE_CONFLICT) {
      refuseClashes(&m, name, path, true, false);
   } else {
      char *head = xasprintf(_("%s: nothing was imported:"), path);
      Cli_errorLines(head, err ? err : Store_statusText(st));
      free(head);
   }
   BundleMerge_free(&m);
   Store_close(s);
   free(err);
   free(name);
   return rc;
}

/* walens import FILE --into WORKLOAD [--prefer ours|theirs] */
static int importInto(CliEnv *env, const char *file, const char *into, const char *prefer)
{
   char *err = NULL, *name = Cli_name(NAME_WORKLOAD, into);
   size_t len = 0;
   int rc = EXIT_FAIL;
   if (!name)
      return EXIT_USAGE;
   char *text = strcmp(file, "-") == 0 ? readStdin(&len, &err)
                                       : File_readAll(file, BUNDLE_MAX_SIZE, &len, &err);
   Store *s = text ? Cli_openStore(env, STORE_OPEN_NOCREATE) : NULL;
   BundlePrefer p = preferOf(prefer);
   BundleMerge m = {0};
   StoreStatus st =
      s ? Bundle_mergeInto(s, text, len, name, p, Cli_user(env), &m, &err) : STORE_ERROR;
   if (!text) {
      Cli_error("%s", err);
   } else if (!s) {
      /* Cli_openStore said why */
   } else if (st == STORE_OK && m.nothing) {
      dropPending(s, name, text);
      Cli_printf(_("nothing to import: every change in %s is in '%s' already\n"), file, name);
      rc = EXIT_OK;
   } else if (st == STORE_OK) {
      Cli_printf(_("merged %s into '%s': %zu answers, %zu plan items, %zu milestones, %zu history "
                   "entries brought (%zu shared)\n"),
                 file, name, m.answers, m.plan, m.milestones, m.brought, m.shared);
      dropPending(s, name, text);
      if (m.n_clashes) {
         Cli_printf(p == BUNDLE_PREFER_OURS ? _("clashes settled for this database:\n")
                                            : _("clashes settled for the bundle:\n"));
         printClashes(&m, false);
      }
      rc = EXIT_OK;
   } else if (st == STORE_CONFLICT) {
      refuseClashes(&m, name, file, false, keepPending(env, s, name, file, text, m.n_clashes));
   } else {
      Cli_error("%s: %s", file, err ? err : Store_statusText(st));
   }
   BundleMerge_free(&m);
   Store_close(s);
   free(text);
   free(err);
   free(name);
   return rc;
}

int Cmd_import(CliEnv *env, int argc, char **argv)
{
   ExportArgs a = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, importOptions, exportOption, &a, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_FAIL;
   char *as = NULL; /* --as in its normal form */
   if (env->help) {
      Cli_printCommandHelp("import", importOptions);
      rc = EXIT_OK;
   } else if (a.into && (npos != (a.from_aws ? 0u : 1u) || a.as)) {
      Cli_usageError("import", NULL);
      rc = EXIT_USAGE;
   } else if (a.prefer &&
              (!a.into || (strcmp(a.prefer, "ours") != 0 && strcmp(a.prefer, "theirs") != 0))) {
      Cli_error("%s", _("--prefer takes ours or theirs, with --into"));
      rc = EXIT_USAGE;
   } else if (a.into && a.from_aws && env->lens_arg) {
      Cli_error(_("--lens does not go with --into: the answers are checked against the lens of "
                  "'%s'"),
                a.into);
      rc = EXIT_USAGE;
   } else if (a.into && a.from_aws) {
      rc = importAwsInto(env, a.from_aws, a.into, a.prefer);
   } else if (a.into) {
      rc = importInto(env, pos[0], a.into, a.prefer);
   } else if (a.from_aws && npos == 0) {
      char *err = NULL, *name = NULL;
      Store *s = Cli_openStore(env, 0);
      if (s && AwsImport_run(s, a.from_aws, env->lens_arg, a.as, Cli_user(env), &name, &err)) {
         Cli_printf(_("imported workload '%s'\n"), name);
         rc = EXIT_OK;
      } else if (s) {
         char *head = xasprintf(_("%s: nothing was imported:"), a.from_aws);
         Cli_errorLines(head, err);
         free(head);
      }
      free(name);
      free(err);
      Store_close(s);
   } else if (npos != 1 || a.from_aws) {
      Cli_usageError("import", NULL);
      rc = EXIT_USAGE;
   } else if (a.as && !(as = Cli_name(NAME_WORKLOAD, a.as))) {
      rc = EXIT_USAGE;
   } else {
      char *err = NULL, *name = NULL;
      size_t len = 0;
      char *text = strcmp(pos[0], "-") == 0 ? readStdin(&len, &err)
                                            : File_readAll(pos[0], BUNDLE_MAX_SIZE, &len, &err);
      Store *s = text ? Cli_openStore(env, 0) : NULL;
      if (!text) {
         Cli_error("%s", err);
      } else if (s && Bundle_import(s, text, len, as, Cli_user(env), &name, &err) == STORE_OK) {
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
   free(as);
   free(pos);
   return rc;
}
