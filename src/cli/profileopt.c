/* profileopt.c: profiles on the command line (profileopt.h). */
#include "config.h"

#include "cli/profileopt.h"

#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/profiles.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/profiledoc.h"

static bool looksLikePath(const char *arg)
{
   size_t n = strlen(arg);
   return strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
          (n > 4 && strcmp(arg + n - 4, ".yml") == 0) ||
          (n > 5 && strcmp(arg + n - 5, ".json") == 0);
}

/* A lens's own warnings are for 'lens check'; its errors say why the
 * profile could not be checked. */
static Lens *loadQuiet(const char *path, DiagList *d)
{
   DiagList local;
   DiagList_init(&local);
   Lens *lens = path ? Lens_loadFile(path, &local) : Lens_loadDefault(&local);
   for (size_t i = 0; !lens && i < local.count; i++)
      if (local.items[i].level == DIAG_ERROR)
         DiagList_add(d, DIAG_ERROR, local.items[i].file, local.items[i].line, local.items[i].col,
                      local.items[i].path, "%s", local.items[i].message);
   DiagList_free(&local);
   return lens;
}

Lens *ProfileOpt_lens(const char *lens_arg, const Profile *p, DiagList *d)
{
   if (lens_arg && looksLikePath(lens_arg))
      return loadQuiet(lens_arg, d);
   const char *key = lens_arg ? lens_arg : p->lens_key;
   Catalog cat;
   DiagList scan;
   DiagList_init(&scan);
   Catalog_scan(&cat, &scan);
   DiagList_free(&scan);
   const CatalogEntry *e = Catalog_find(&cat, key);
   Lens *lens = NULL;
   if (!e)
      DiagList_add(d, DIAG_WARNING, key, 0, 0, NULL, "%s",
                   _("no such lens on offer; the profile's lens question ids are not checked"));
   else
      lens = loadQuiet(e->path, d);
   Catalog_free(&cat);
   return lens;
}

void ProfilePlan_free(ProfilePlan *plan)
{
   Profile_free(plan->profile);
   free(plan->text);
   ContextAnswer_freeArray(plan->answers, plan->n_answers);
   memset(plan, 0, sizeof *plan);
}

bool ProfileOpt_prepare(const char *profile_arg, const char *context, const Lens *lens,
                        ProfilePlan *out)
{
   memset(out, 0, sizeof *out);
   DiagList d;
   DiagList_init(&d);
   char *name = NULL, *err = NULL;
   size_t len = 0;
   out->profile = Profiles_resolve(profile_arg, &out->text, &len, &name, &d);
   if (out->profile)
      Profile_check(out->profile, lens, name, &d);
   DiagList_print(&d, stderr);
   bool ok = out->profile && !d.errors;
   if (ok &&
       !ProfileDoc_parseContext(out->profile, context, &out->answers, &out->n_answers, &err)) {
      Cli_error("%s", err);
      ok = false;
   }
   free(err);
   free(name);
   DiagList_free(&d);
   if (!ok)
      ProfilePlan_free(out);
   return ok;
}

int ProfileOpt_store(CliEnv *env, Store *s, int64_t workload_id, const char *workload,
                     const Lens *lens, const ProfilePlan *plan)
{
   char *err = NULL;
   if (ProfileDoc_attach(s, workload_id, plan->profile, plan->text, plan->answers, plan->n_answers,
                         Cli_user(env), &err) != STORE_OK) {
      Cli_error("%s", err);
      free(err);
      return EXIT_FAIL;
   }
   bool *marks = xcalloc(lens->n_questions ? lens->n_questions : 1, sizeof *marks);
   size_t n = Profile_mark(plan->profile, lens, plan->answers, plan->n_answers, marks);
   free(marks);
   Cli_printf(ngettext("workload '%s': profile %s, %zu of %zu context questions answered, %zu "
                       "priority question\n",
                       "workload '%s': profile %s, %zu of %zu context questions answered, %zu "
                       "priority questions\n",
                       n),
              workload, plan->profile->key, plan->n_answers, plan->profile->n_questions, n);
   return EXIT_OK;
}

/* Keeps the workload's answers to the questions `given` does not answer. */
static void mergeOld(ProfilePlan *plan, const ProfileDoc *old)
{
   for (size_t i = 0; i < old->n_answers; i++) {
      const ContextAnswer *o = &old->answers[i];
      bool given = false;
      for (size_t k = 0; k < plan->n_answers && !given; k++)
         given = strcmp(plan->answers[k].question, o->question) == 0;
      if (given)
         continue;
      plan->answers = xrealloc(plan->answers, (plan->n_answers + 1) * sizeof *plan->answers);
      plan->answers[plan->n_answers].question = xstrdup(o->question);
      plan->answers[plan->n_answers++].choice = xstrdup(o->choice);
   }
}

static bool planFromStored(ProfileDoc *old, const char *context, const Lens *lens,
                           ProfilePlan *plan)
{
   memset(plan, 0, sizeof *plan);
   char *err = NULL;
   if (!ProfileDoc_parseContext(old->profile, context, &plan->answers, &plan->n_answers, &err)) {
      Cli_error("%s", err);
      free(err);
      return false;
   }
   mergeOld(plan, old);
   plan->profile = old->profile;
   plan->text = old->text;
   old->profile = NULL;
   old->text = NULL;
   (void)lens;
   return true;
}

int ProfileOpt_apply(CliEnv *env, Store *s, ReviewDoc *doc, const char *profile_arg,
                     const char *context)
{
   DiagList d;
   DiagList_init(&d);
   ProfileDoc old;
   StoreStatus st = ProfileDoc_load(s, doc->workload.id, doc->lens, &old, &d);
   DiagList_print(&d, stderr);
   DiagList_free(&d);
   if (st != STORE_OK && !profile_arg) {
      Cli_error(_("workload '%s': its profile no longer loads"), doc->workload.name);
      return EXIT_FAIL;
   }
   ProfilePlan plan;
   bool ok;
   if (profile_arg) {
      ok = ProfileOpt_prepare(profile_arg, context, doc->lens, &plan);
      /* The same profile again keeps the answers not given now. */
      if (ok && old.profile && strcmp(old.profile->sha256, plan.profile->sha256) == 0)
         mergeOld(&plan, &old);
   } else if (!old.profile) {
      Cli_error(_("workload '%s' has no profile; give one with --profile FILE|KEY"),
                doc->workload.name);
      ok = false;
   } else {
      ok = planFromStored(&old, context, doc->lens, &plan);
   }
   int rc = ok ? ProfileOpt_store(env, s, doc->workload.id, doc->workload.name, doc->lens, &plan)
               : EXIT_FAIL;
   if (ok)
      ProfilePlan_free(&plan);
   ProfileDoc_free(&old);
   return rc;
}
