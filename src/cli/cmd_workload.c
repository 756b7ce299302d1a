/* cmd_workload.c: walens workload add | list | rename | archive. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/profileopt.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/template.h"
#include "report/workload_json.h"
#include "store/reviewdoc.h"

enum {
   OPT_DESCRIPTION = 100,
   OPT_ENVIRONMENT,
   OPT_OWNER,
   OPT_FORMAT,
   OPT_ALL,
   OPT_UNDO,
   OPT_TEMPLATE,
   OPT_PROFILE,
   OPT_CONTEXT
};

static const OptSpec workloadOptions[] = {
   {"description", 0, N_("TEXT"), N_("add: what the workload is"), OPT_DESCRIPTION},
   {"environment", 0, N_("ENV"), N_("add: production or preproduction"), OPT_ENVIRONMENT},
   {"owner", 0, N_("NAME"), N_("add: who owns the workload"), OPT_OWNER},
   {"format", 0, N_("FORMAT"), N_("list: text (default) or json"), OPT_FORMAT},
   {"all", 0, NULL, N_("list: include archived workloads"), OPT_ALL},
   {"undo", 0, NULL, N_("archive: bring an archived workload back"), OPT_UNDO},
   {"template", 0, N_("NAME"),
    N_("add: start from a review template's answers (on the template's lens)"), OPT_TEMPLATE},
   {"profile", 0, N_("FILE|KEY"), N_("add: review with this profile (walens profile list)"),
    OPT_PROFILE},
   {"context", 0, N_("Q=C,..."), N_("add: the profile's context answers"), OPT_CONTEXT},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct WorkloadArgs {
   const char *description, *environment, *owner, *format, *template_name;
   const char *profile, *context;
   bool all, undo;
} WorkloadArgs;

static bool workloadOption(int id, const char *value, void *ctx)
{
   WorkloadArgs *a = ctx;
   switch (id) {
   case OPT_DESCRIPTION: a->description = value; break;
   case OPT_ENVIRONMENT: a->environment = value; break;
   case OPT_OWNER: a->owner = value; break;
   case OPT_FORMAT: a->format = value; break;
   case OPT_ALL: a->all = true; break;
   case OPT_UNDO: a->undo = true; break;
   case OPT_TEMPLATE: a->template_name = value; break;
   case OPT_PROFILE: a->profile = value; break;
   case OPT_CONTEXT: a->context = value; break;
   }
   return true;
}

static bool validEnvironment(const char *env)
{
   return !env || strcmp(env, "production") == 0 || strcmp(env, "preproduction") == 0;
}

/* name: the workload looked up; taken: the name a conflict is about (the
 * new name of a rename, which differs from the one looked up). */
static int reportConflict(Store *s, StoreStatus st, const char *name, const char *taken)
{
   if (st == STORE_OK)
      return EXIT_OK;
   if (st == STORE_NOT_FOUND)
      Cli_error(_("no workload named '%s'"), name);
   else if (st == STORE_EXISTS)
      Cli_error(_("a workload named '%s' exists already"), taken);
   else
      Cli_error("%s", Store_lastError(s));
   return EXIT_FAIL;
}

static int reportStatus(Store *s, StoreStatus st, const char *name)
{
   return reportConflict(s, st, name, name);
}

/* The template --template names (its name normalised first). */
static bool findTemplate(Store *s, const char *given, TemplateInfo *out)
{
   char *name = Cli_name(NAME_TEMPLATE, given);
   if (!name)
      return false;
   bool ok = StoreTemplate_find(s, name, out) == STORE_OK;
   if (!ok)
      Cli_error("%s", Store_lastError(s));
   free(name);
   return ok;
}

/* The new workload's answers from the template, each "from template NAME". */
static int fillFromTemplate(CliEnv *env, Store *s, const char *name, const TemplateInfo *t)
{
   Workload w;
   size_t n = 0;
   StoreStatus st = Store_findWorkload(s, name, &w);
   if (st == STORE_OK)
      st = StoreTemplate_fill(s, w.review_id, t, Cli_user(env), &n);
   if (st == STORE_OK) {
      Cli_printf(ngettext("%zu answer from template %s\n", "%zu answers from template %s\n", n), n,
                 t->name);
      Workload_free(&w);
      return EXIT_OK;
   }
   Cli_error(_("workload '%s' was added, but the template's answers were not: %s"), name,
             Store_lastError(s));
   return EXIT_FAIL;
}

/* Checks the profile and its answers against the workload's lens before the
 * workload exists, so that a bad profile leaves nothing behind. */
static bool prepareProfile(Store *s, int64_t lens_id, const WorkloadArgs *a, Lens **lens,
                           ProfilePlan *plan)
{
   StoreLens sl;
   if (Store_getLens(s, lens_id, &sl) != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      return false;
   }
   DiagList d;
   DiagList_init(&d);
   *lens = Lens_loadStored(sl.key, sl.text, sl.text_len, &d);
   StoreLens_free(&sl);
   DiagList_free(&d);
   if (!*lens) {
      Cli_error("%s", _("the lens no longer loads"));
      return false;
   }
   if (ProfileOpt_prepare(a->profile, a->context, *lens, plan))
      return true;
   Lens_free(*lens);
   *lens = NULL;
   return false;
}

static int workloadAdd(CliEnv *env, Store *s, const WorkloadArgs *a, const char *name)
{
   if (!validEnvironment(a->environment)) {
      Cli_error(_("unknown environment '%s' (production, preproduction)"), a->environment);
      return EXIT_USAGE;
   }
   if (a->context && !a->profile) {
      Cli_error("%s", _("--context needs --profile"));
      return EXIT_USAGE;
   }
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   int64_t lens_id = 0;
   TemplateInfo tpl = {0};
   if (a->template_name && !findTemplate(s, a->template_name, &tpl)) {
      DiagList_free(&d);
      return EXIT_FAIL;
   }
   StoreStatus st = STORE_OK;
   if (!a->template_name || env->lens_arg)
      st = ReviewDoc_resolveLens(s, env->lens_arg, &lens_id, &d, &err);
   if (st == STORE_OK && a->template_name && env->lens_arg && lens_id != tpl.lens_id) {
      err = xasprintf(_("template '%s' is for another lens: leave out --lens"), tpl.name);
      st = STORE_INVALID;
   } else if (a->template_name)
      lens_id = tpl.lens_id;
   if (st != STORE_OK) /* warnings alone are for 'lens check', not for every add */
      DiagList_print(&d, stderr);
   DiagList_free(&d);
   if (st != STORE_OK) {
      Cli_error("%s", err);
      free(err);
      TemplateInfo_free(&tpl);
      return EXIT_FAIL;
   }
   Lens *lens = NULL;
   ProfilePlan plan = {0};
   if (a->profile && !prepareProfile(s, lens_id, a, &lens, &plan)) {
      TemplateInfo_free(&tpl);
      return EXIT_FAIL;
   }
   Workload w = {.name = (char *)name,
                 .description = (char *)a->description,
                 .environment = (char *)a->environment,
                 .owner = (char *)a->owner};
   int64_t id = 0;
   st = Store_addWorkload(s, &w, lens_id, Cli_user(env), &id);
   int rc;
   if (st == STORE_INVALID) {
      Cli_error("%s", Store_lastError(s));
      rc = EXIT_FAIL;
   } else {
      /* 'walens status' runs the command: the workload opens only after "--". */
      if (st == STORE_OK && Cli_find(name))
         Cli_error(_("warning: '%s' is also a command; open this workload with 'walens -- %s'"),
                   name, name);
      rc = reportStatus(s, st, name);
   }
   if (rc == EXIT_OK && a->template_name)
      rc = fillFromTemplate(env, s, name, &tpl);
   if (rc == EXIT_OK && plan.profile)
      rc = ProfileOpt_store(env, s, id, name, lens, &plan);
   TemplateInfo_free(&tpl);
   ProfilePlan_free(&plan);
   Lens_free(lens);
   return rc;
}

/* Who made each workload's newest change and when: its review's newest
 * history row (answers, plan, milestones, the workload itself), the
 * workload row's own time when the review has no history.  Allocated. */
typedef struct LastChange {
   char *at, *by;
} LastChange;

static LastChange *lastChanges(Store *s, const Workload *w, size_t n)
{
   LastChange *lc = xcalloc(n ? n : 1, sizeof *lc);
   for (size_t i = 0; i < n; i++)
      if (Store_lastChange(s, w[i].review_id, &lc[i].at, &lc[i].by) != STORE_OK) {
         free(lc[i].at);
         free(lc[i].by);
         lc[i].at = w[i].updated_at ? xstrdup(w[i].updated_at) : NULL;
         lc[i].by = w[i].updated_by ? xstrdup(w[i].updated_by) : NULL;
      }
   return lc;
}

static void freeLastChanges(LastChange *lc, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      free(lc[i].at);
      free(lc[i].by);
   }
   free(lc);
}

static void listJson(const Workload *w, const LastChange *lc, size_t n)
{
   json_t *arr = Json_checked(json_array());
   for (size_t i = 0; i < n; i++) {
      json_t *o = Workload_toJson(&w[i], NULL);
      /* The list has put archived last since it first shipped, and scripts
       * compare its output as text: keep it there. */
      json_t *archived = json_incref(json_object_get(o, "archived"));
      json_object_del(o, "archived");
      Json_set(o, "last_changed_at", lc[i].at ? json_string(lc[i].at) : json_null());
      Json_set(o, "last_changed_by", lc[i].by ? json_string(lc[i].by) : json_null());
      Json_set(o, "archived", archived);
      Json_append(arr, o);
   }
   Json_print(arr);
   json_decref(arr);
}

static char *listName(const Workload *w)
{
   return w->archived ? xasprintf(_("%s (archived)"), w->name) : xstrdup(w->name);
}

static int widest(int w, const char *s)
{
   int n = Cli_width(s);
   return n > w ? n : w;
}

/* Each column as wide as its widest cell, so a long owner's name pushes
 * the whole column along, never the rest of its own row only. */
static void listText(const Workload *w, const LastChange *lc, size_t n)
{
   int wn = widest(0, _("NAME")), we = widest(0, _("ENVIRONMENT")), wo = widest(0, _("OWNER"));
   for (size_t i = 0; i < n; i++) {
      char *name = listName(&w[i]);
      wn = widest(wn, name);
      we = widest(we, w[i].environment ? w[i].environment : "-");
      wo = widest(wo, w[i].owner ? w[i].owner : "-");
      free(name);
   }
   Cli_cell(_("NAME"), wn + 1);
   Cli_cell(_("ENVIRONMENT"), we + 1);
   Cli_cell(_("OWNER"), wo + 1);
   Cli_printf("%s\n", _("LAST CHANGED"));
   for (size_t i = 0; i < n; i++) {
      char *name = listName(&w[i]);
      Cli_cell(name, wn + 1);
      Cli_cell(w[i].environment ? w[i].environment : "-", we + 1);
      Cli_cell(w[i].owner ? w[i].owner : "-", wo + 1);
      Cli_printf("%s %s\n", lc[i].at ? lc[i].at : "-", lc[i].by ? lc[i].by : "");
      free(name);
   }
}

static int workloadList(Store *s, const WorkloadArgs *a)
{
   Workload *w = NULL;
   size_t n = 0;
   StoreStatus st = Store_listWorkloads(s, a->all, &w, &n);
   if (st != STORE_OK)
      return reportStatus(s, st, "");
   LastChange *lc = lastChanges(s, w, n);
   if (a->format && strcmp(a->format, "json") == 0)
      listJson(w, lc, n);
   else
      listText(w, lc, n);
   freeLastChanges(lc, n);
   Workload_freeArray(w, n);
   return EXIT_OK;
}

/* Checks the positional count of a workload subcommand. */
static bool wantArgs(size_t npos, size_t want, const char *verb)
{
   if (npos == want)
      return true;
   Cli_usageError("workload", verb);
   return false;
}

static int workloadRun(CliEnv *env, Store *s, const WorkloadArgs *a, char **pos, size_t npos)
{
   const char *sub = pos[0];
   if (strcmp(sub, "add") == 0) {
      if (!wantArgs(npos, 2, "add"))
         return EXIT_USAGE;
      char *name = Cli_name(NAME_WORKLOAD, pos[1]);
      int rc = name ? workloadAdd(env, s, a, name) : EXIT_USAGE;
      free(name);
      return rc;
   }
   if (strcmp(sub, "list") == 0)
      return wantArgs(npos, 1, "list") ? workloadList(s, a) : EXIT_USAGE;
   if (strcmp(sub, "rename") == 0) {
      if (!wantArgs(npos, 3, "rename"))
         return EXIT_USAGE;
      char *name = Cli_name(NAME_WORKLOAD, pos[2]);
      int rc = name ? reportConflict(s, Store_renameWorkload(s, pos[1], name, Cli_user(env)),
                                     pos[1], name)
                    : EXIT_USAGE;
      free(name);
      return rc;
   }
   if (strcmp(sub, "archive") == 0)
      return wantArgs(npos, 2, "archive")
                ? reportStatus(s, Store_archiveWorkload(s, pos[1], !a->undo, Cli_user(env)), pos[1])
                : EXIT_USAGE;
   static const char *const subs[] = {"add", "list", "rename", "archive"};
   Cli_error(_("unknown workload command '%s' (add, list, rename, archive)"), sub);
   Cli_suggest(sub, subs, sizeof subs / sizeof *subs);
   return EXIT_USAGE;
}

int Cmd_workload(CliEnv *env, int argc, char **argv)
{
   WorkloadArgs a = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, workloadOptions, workloadOption, &a, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help || npos == 0) {
      Cli_printCommandHelp("workload", workloadOptions);
      rc = env->help ? EXIT_OK : EXIT_USAGE;
   } else if (a.format && strcmp(a.format, "json") != 0 && strcmp(a.format, "text") != 0) {
      Cli_error(_("unknown format '%s' (text, json)"), a.format);
      rc = EXIT_USAGE;
   } else {
      Store *s = Cli_openStore(env, 0);
      rc = s ? workloadRun(env, s, &a, pos, npos) : EXIT_FAIL;
      Store_close(s);
   }
   free(pos);
   return rc;
}
