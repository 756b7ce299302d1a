/* cmd_template.c: walens template create | list | show | apply — review
 * templates, answers and notes a platform team owns (store/template.h).
 *
 *   walens template create NAME --from WORKLOAD [--questions ID,...]
 *   walens template list
 *   walens template show NAME
 *   walens template apply NAME [--yes]
 *
 * create stores the workload's answers (all it has, or the questions
 * given) as the template, or as its next revision; apply lists what a new
 * revision changes in the workloads made from it and, with --yes, writes
 * it where they still hold the old answer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"
#include "store/template.h"

enum { OPT_FROM = 100, OPT_QUESTIONS, OPT_YES };

static const OptSpec templateOptions[] = {
   {"from", 0, N_("WORKLOAD"), N_("create: the workload whose answers become the template"),
    OPT_FROM},
   {"questions", 0, N_("ID,..."), N_("create: only these questions (default: every answered one)"),
    OPT_QUESTIONS},
   {"yes", 'y', NULL, N_("apply: write the changes (without it, only list them)"), OPT_YES},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct TemplateArgs {
   const char *from, *questions;
   bool yes;
} TemplateArgs;

static bool templateOption(int id, const char *value, void *ctx)
{
   TemplateArgs *a = ctx;
   switch (id) {
   case OPT_FROM: a->from = value; break;
   case OPT_QUESTIONS: a->questions = value; break;
   case OPT_YES: a->yes = true; break;
   }
   return true;
}

/* ---- create ---- */

/* An answer was written for question i of the workload. */
static bool answered(const ReviewDoc *doc, size_t i)
{
   return doc->stored && doc->stored[i].version > 0;
}

/* The answers to take: every answered question, or those listed (each
 * must be in the lens and answered).  Borrowed from doc. */
static bool pickAnswers(const ReviewDoc *doc, const char *list, StoredAnswer *out, size_t *n)
{
   *n = 0;
   if (!list) {
      for (size_t i = 0; i < doc->lens->n_questions; i++)
         if (answered(doc, i))
            out[(*n)++] = doc->stored[i];
      return true;
   }
   char *copy = xstrdup(list), *save = NULL;
   bool ok = true;
   for (char *id = strtok_r(copy, ",", &save); id && ok; id = strtok_r(NULL, ",", &save)) {
      size_t qi = 0;
      if (!Lens_findQuestion(doc->lens, id, &qi)) {
         Cli_error(_("workload '%s' has no question '%s'"), doc->workload.name, id);
         ok = false;
      } else if (!answered(doc, qi)) {
         Cli_error(_("question %s of workload '%s' is not answered: nothing to take"), id,
                   doc->workload.name);
         ok = false;
      } else {
         bool dup = false;
         for (size_t k = 0; k < *n; k++)
            dup = dup || strcmp(out[k].question_id, id) == 0;
         if (!dup)
            out[(*n)++] = doc->stored[qi];
      }
   }
   free(copy);
   if (ok && *n == 0) {
      Cli_error("%s", _("--questions names no question"));
      ok = false;
   }
   return ok;
}

static int templateCreate(CliEnv *env, const TemplateArgs *a, const char *given)
{
   if (!a->from) {
      Cli_error("%s", _("give the workload to take the answers from: --from WORKLOAD"));
      return EXIT_USAGE;
   }
   char *name = Cli_name(NAME_TEMPLATE, given);
   if (!name)
      return EXIT_USAGE;
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, a->from, &doc);
   if (!s) {
      free(name);
      return EXIT_FAIL;
   }
   StoredAnswer *picked = xcalloc(doc.lens->n_questions + 1, sizeof *picked);
   size_t n = 0;
   int rc = EXIT_USAGE;
   if (pickAnswers(&doc, a->questions, picked, &n)) {
      if (n == 0) {
         Cli_error(_("workload '%s' has no answers to make a template of"), doc.workload.name);
      } else {
         int rev = 0;
         StoreStatus st =
            StoreTemplate_save(s, name, doc.workload.lens_id, picked, n, Cli_user(env), &rev);
         if (st == STORE_OK) {
            Cli_printf(ngettext("Template '%s' revision %d: %zu answer from %s\n",
                                "Template '%s' revision %d: %zu answers from %s\n", n),
                       name, rev, n, doc.workload.name);
            rc = EXIT_OK;
         } else {
            Cli_error("%s", Store_lastError(s));
            rc = st == STORE_INVALID ? EXIT_USAGE : EXIT_FAIL;
         }
      }
   }
   free(picked);
   ReviewDoc_free(&doc);
   Store_close(s);
   free(name);
   return rc;
}

/* ---- list and show ---- */

static int templateList(CliEnv *env)
{
   Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE);
   if (!s)
      return EXIT_FAIL;
   TemplateInfo *t = NULL;
   size_t n = 0;
   StoreStatus st = StoreTemplate_list(s, &t, &n);
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      Store_close(s);
      return EXIT_FAIL;
   }
   int w = Cli_width(_("TEMPLATE"));
   for (size_t i = 0; i < n; i++)
      w = Cli_width(t[i].name) > w ? Cli_width(t[i].name) : w;
   if (n) {
      Cli_cell(_("TEMPLATE"), w);
      Cli_printf("%s\n", _("REV QUESTIONS WORKLOADS UPDATED"));
   } else
      Cli_printf("%s\n", _("No templates yet: walens template create NAME --from WORKLOAD"));
   for (size_t i = 0; i < n; i++) {
      char num[64];
      Cli_cell(t[i].name, w);
      snprintf(num, sizeof num, "%3d %9zu %9zu ", t[i].revision, t[i].n_questions,
               t[i].n_workloads);
      Cli_printf("%s%s %s\n", num, t[i].updated_at, t[i].updated_by);
   }
   TemplateInfo_freeArray(t, n);
   Store_close(s);
   return EXIT_OK;
}

static void showAnswer(const StoredAnswer *a)
{
   Cli_printf("  %s:", a->question_id);
   if (a->not_applicable)
      Cli_printf(_(" not applicable (%s)"), a->na_reason ? a->na_reason : "NONE");
   for (size_t i = 0; i < a->n_selected; i++)
      Cli_printf("%s%s", i ? "," : _(" selected "), a->selected[i]);
   for (size_t i = 0; i < a->n_na_choices; i++)
      Cli_printf("%s%s", i ? "," : _("; not applicable "), a->na_choices[i]);
   Cli_printf("\n");
   if (a->na_note)
      Cli_printf(_("    reason text: %s\n"), a->na_note);
   if (a->notes)
      Cli_printf(_("    notes: %s\n"), a->notes);
   for (size_t i = 0; i < a->n_choice_notes; i++)
      Cli_printf(_("    notes of %s: %s\n"), a->note_choices[i], a->choice_notes[i]);
}

/* The template by its name as typed: STORE_NOT_FOUND printed. */
static Store *openTemplate(CliEnv *env, const char *given, unsigned flags, TemplateInfo *t)
{
   char *name = Cli_name(NAME_TEMPLATE, given);
   if (!name)
      return NULL;
   Store *s = Cli_openStore(env, flags);
   if (s && StoreTemplate_find(s, name, t) != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      Store_close(s);
      s = NULL;
   }
   free(name);
   return s;
}

static int templateShow(CliEnv *env, const char *given)
{
   TemplateInfo t;
   Store *s = openTemplate(env, given, STORE_OPEN_NOCREATE, &t);
   if (!s)
      return EXIT_FAIL;
   StoreLens lens = {0};
   StoredAnswer *a = NULL;
   size_t n = 0;
   StoreStatus st = Store_getLens(s, t.lens_id, &lens);
   if (st == STORE_OK)
      st = StoreTemplate_answers(s, t.id, t.revision, &a, &n);
   if (st == STORE_OK) {
      Cli_printf(_("Template %s, revision %d, lens %s %s\n"), t.name, t.revision, lens.key,
                 lens.version ? lens.version : "-");
      Cli_printf(_("Changed %s by %s; workloads made from it: %zu\n"), t.updated_at, t.updated_by,
                 t.n_workloads);
      for (size_t i = 0; i < n; i++)
         showAnswer(&a[i]);
   } else
      Cli_error("%s", Store_lastError(s));
   StoredAnswer_freeArray(a, n);
   StoreLens_free(&lens);
   TemplateInfo_free(&t);
   Store_close(s);
   return st == STORE_OK ? EXIT_OK : EXIT_FAIL;
}

/* ---- apply ---- */

static int templateApply(CliEnv *env, const TemplateArgs *a, const char *given)
{
   TemplateInfo t;
   Store *s = openTemplate(env, given, a->yes ? 0 : STORE_OPEN_NOCREATE, &t);
   if (!s)
      return EXIT_FAIL;
   TemplateOffer *o = NULL;
   size_t n = 0, updates = 0;
   StoreStatus st = StoreTemplate_apply(s, &t, a->yes, Cli_user(env), &o, &n);
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
   } else {
      for (size_t i = 0; i < n; i++)
         updates += o[i].kind == TEMPLATE_UPDATE;
      if (n == 0)
         Cli_printf(_("Every workload made from %s has revision %d's answers\n"), t.name,
                    t.revision);
      for (size_t i = 0; i < n; i++)
         if (o[i].kind == TEMPLATE_UPDATE)
            Cli_printf(a->yes ? _("updated  %s %s (revision %d -> %d)\n")
                              : _("offered  %s %s (revision %d -> %d)\n"),
                       o[i].workload, o[i].question_id, o[i].from_revision, t.revision);
      for (size_t i = 0; i < n; i++)
         if (o[i].kind == TEMPLATE_KEPT)
            Cli_printf(_("kept     %s %s: a reviewer changed the answer\n"), o[i].workload,
                       o[i].question_id);
      if (!a->yes && updates)
         Cli_printf(_("Nothing written: run again with --yes to write the %zu offered answers\n"),
                    updates);
   }
   TemplateOffer_freeArray(o, n);
   TemplateInfo_free(&t);
   Store_close(s);
   return st == STORE_OK ? EXIT_OK : EXIT_FAIL;
}

int Cmd_template(CliEnv *env, int argc, char **argv)
{
   TemplateArgs args = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, templateOptions, templateOption, &args, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_USAGE;
   const char *verb = npos ? pos[0] : NULL;
   if (env->help) {
      Cli_printCommandHelp("template", templateOptions);
      rc = EXIT_OK;
   } else if (verb && strcmp(verb, "create") == 0 && npos == 2)
      rc = templateCreate(env, &args, pos[1]);
   else if (verb && strcmp(verb, "list") == 0 && npos == 1)
      rc = templateList(env);
   else if (verb && strcmp(verb, "show") == 0 && npos == 2)
      rc = templateShow(env, pos[1]);
   else if (verb && strcmp(verb, "apply") == 0 && npos == 2)
      rc = templateApply(env, &args, pos[1]);
   else
      Cli_usageError("template", verb && strcmp(verb, "create") == 0  ? "create"
                                 : verb && strcmp(verb, "show") == 0  ? "show"
                                 : verb && strcmp(verb, "apply") == 0 ? "apply"
                                                                      : NULL);
   free(pos);
   return rc;
}
