/* cmd_status.c: walens status — the matrix and every question's risk. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/profiledoc.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"

enum { OPT_FORMAT = 100 };

static const OptSpec statusOptions[] = {
   {"format", 0, N_("FORMAT"), N_("text (default) or json"), OPT_FORMAT},
   {NULL, 0, NULL, NULL, 0},
};

static bool statusOption(int id, const char *value, void *ctx)
{
   if (id == OPT_FORMAT)
      *(const char **)ctx = value;
   return true;
}

static const char *phaseId(const Lens *lens, const Question *q)
{
   return q->phase >= 0 ? lens->phases[q->phase].id : NULL;
}

static json_t *countsJson(const RiskCounts *c)
{
   json_t *o = json_object();
   Json_setInt(o, "high", (long long)c->by_risk[RISK_HIGH]);
   Json_setInt(o, "medium", (long long)c->by_risk[RISK_MEDIUM]);
   Json_setInt(o, "none", (long long)c->by_risk[RISK_NONE]);
   Json_setInt(o, "not_applicable", (long long)c->by_risk[RISK_NOT_APPLICABLE]);
   Json_setInt(o, "unanswered", (long long)c->by_risk[RISK_UNANSWERED]);
   return o;
}

static json_t *questionJson(const ReviewDoc *doc, const ProfileDoc *pd, size_t i)
{
   const Lens *lens = doc->lens;
   const Question *q = &lens->questions[i];
   const Answer *a = &doc->review.answers[i];
   json_t *o = json_object(), *sel = json_array();
   Json_setString(o, "id", q->id);
   Json_setString(o, "phase", phaseId(lens, q));
   Json_setString(o, "pillar", lens->pillars[q->pillar].id);
   Json_setString(o, "risk", Risk_name(Question_risk(q, a)));
   for (size_t c = 0; c < q->n_choices; c++)
      if (a->choices[c] == CHOICE_SELECTED)
         Json_append(sel, Json_string(q->choices[c].id));
   Json_set(o, "selected", sel);
   if (a->not_applicable)
      Json_setString(o, "not_applicable_reason", NaReason_name(a->reason));
   if (a->not_applicable && doc->stored[i].na_note) /* absent when none, as before */
      Json_setString(o, "not_applicable_text", doc->stored[i].na_note);
   Json_setString(o, "notes", doc->stored[i].notes);
   Json_setString(o, "updated_by", doc->stored[i].updated_by);
   Json_setString(o, "updated_at", doc->stored[i].updated_at);
   /* Marked by a lens upgrade until someone answers or confirms it again. */
   Json_setBool(o, "needs_review", doc->needs_review[i]);
   if (pd->profile) /* the keys of a review without a profile stay as they were */
      Json_setBool(o, "profile_priority", ProfileDoc_isPriority(pd, i));
   return o;
}

static json_t *matrixJson(const Lens *lens, const Matrix *m)
{
   json_t *cells = json_array();
   for (size_t r = 0; r < m->rows; r++)
      for (size_t c = 0; c < m->cols; c++) {
         const MatrixCell *cell = Matrix_cell(m, r, c);
         json_t *o = json_object();
         Json_setString(o, "phase", lens->n_phases ? lens->phases[r].id : NULL);
         Json_setString(o, "pillar", lens->pillars[c].id);
         Json_setInt(o, "total", (long long)cell->total);
         Json_setInt(o, "answered", (long long)cell->answered);
         Json_setInt(o, "high", (long long)cell->high);
         Json_setInt(o, "medium", (long long)cell->medium);
         Json_setString(o, "worst", cell->total ? Risk_name(cell->worst) : NULL);
         Json_append(cells, o);
      }
   return cells;
}

static void statusJson(const ReviewDoc *doc, const ProfileDoc *pd, const Matrix *m,
                       const RiskCounts *counts)
{
   json_t *root = json_object(), *lens = json_object(), *qs = json_array();
   Json_setString(root, "workload", doc->workload.name);
   Json_setString(lens, "key", doc->lens->key);
   Json_setString(lens, "version", doc->lens->version);
   Json_setString(lens, "name", doc->lens->name);
   Json_setBool(lens, "from_bundle", doc->lens_from_bundle);
   Json_set(root, "lens", lens);
   Json_set(root, "counts", countsJson(counts));
   if (pd->profile) {
      RiskCounts pc;
      ProfileDoc_counts(pd, &doc->review, &pc);
      Json_setString(root, "profile", pd->profile->key);
      Json_set(root, "priority_counts", countsJson(&pc));
   }
   for (size_t i = 0; i < doc->lens->n_questions; i++)
      Json_append(qs, questionJson(doc, pd, i));
   Json_set(root, "questions", qs);
   Json_set(root, "matrix", matrixJson(doc->lens, m));
   Json_print(root);
   json_decref(root);
}

/* A cell as "answered/total H# M#", or blank when it holds no question. */
static void printCell(const MatrixCell *cell)
{
   char buf[32];
   if (cell->total == 0)
      buf[0] = '\0';
   else
      snprintf(buf, sizeof buf, "%zu/%zu H%zu M%zu", cell->answered, cell->total, cell->high,
               cell->medium);
   Cli_printf(" %-12s", buf);
}

static void statusText(const ReviewDoc *doc, const ProfileDoc *pd, const Matrix *m,
                       const RiskCounts *c)
{
   const Lens *lens = doc->lens;
   if (lens->version)
      Cli_printf(_("Workload %s, lens %s %s\n"), doc->workload.name, lens->name, lens->version);
   else
      Cli_printf(_("Workload %s, lens %s\n"), doc->workload.name, lens->name);
   /* A lens that came with a bundle was nobody's choice here: say so. */
   if (doc->lens_from_bundle)
      Cli_printf("%s\n", _("The lens came with an imported bundle: not a trusted lens"));
   char *words = Cli_riskWords(c->by_risk);
   Cli_printf(_("Questions %zu/%zu answered: %s\n"), c->answered, c->questions, words);
   free(words);
   if (pd->profile) {
      RiskCounts pc;
      ProfileDoc_counts(pd, &doc->review, &pc);
      Cli_printf(_("Priority questions (profile %s) %zu/%zu answered: HIGH %zu, MEDIUM %zu\n"),
                 pd->profile->key, pc.answered, pc.questions, pc.by_risk[RISK_HIGH],
                 pc.by_risk[RISK_MEDIUM]);
   }
   Cli_printf(_("Practices %zu/%zu selected\n\n"), c->practices_selected, c->practices);
   /* Pillar and phase names are cut to their columns, by what they take on
    * the screen: "Sécurité" or "信頼性" line up as "Security" does. */
   Cli_printf("%-18s", "");
   for (size_t p = 0; p < m->cols; p++) {
      putchar(' ');
      Cli_clip(lens->pillars[p].name, 12);
   }
   putchar('\n');
   for (size_t r = 0; r < m->rows; r++) {
      Cli_clip(lens->n_phases ? lens->phases[r].name : _("All questions"), 18);
      for (size_t p = 0; p < m->cols; p++)
         printCell(Matrix_cell(m, r, p));
      putchar('\n');
   }
   putchar('\n');
   for (size_t i = 0; i < lens->n_questions; i++) {
      const Question *q = &lens->questions[i];
      Cli_cell(q->id, 16);
      Cli_cell(Risk_label(Question_risk(q, &doc->review.answers[i])), 14);
      if (ProfileDoc_isPriority(pd, i))
         Cli_printf("%s ", _("[priority]"));
      if (doc->needs_review[i]) /* a lens upgrade changed it since it was answered */
         Cli_printf(_("%s  (re-review)\n"), q->title);
      else
         Cli_printf("%s\n", q->title);
   }
}

int Cmd_status(CliEnv *env, int argc, char **argv)
{
   const char *format = NULL;
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, statusOptions, statusOption, &format, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_FAIL;
   if (env->help) {
      Cli_printCommandHelp("status", statusOptions);
      rc = EXIT_OK;
   } else if (npos != 1) {
      Cli_usageError("status", NULL);
      rc = EXIT_USAGE;
   } else if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text, json)"), format);
      rc = EXIT_USAGE;
   } else {
      ReviewDoc doc;
      Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, pos[0], &doc);
      if (s) {
         Matrix m;
         RiskCounts counts;
         Matrix_build(&doc.review, &m);
         Review_counts(&doc.review, &counts);
         ProfileDoc pd;
         DiagList d;
         DiagList_init(&d);
         if (ProfileDoc_load(s, doc.workload.id, doc.lens, &pd, &d) != STORE_OK)
            DiagList_print(&d, stderr); /* the review still shows, unmarked */
         DiagList_free(&d);
         if (format && strcmp(format, "json") == 0)
            statusJson(&doc, &pd, &m, &counts);
         else
            statusText(&doc, &pd, &m, &counts);
         ProfileDoc_free(&pd);
         Matrix_free(&m);
         ReviewDoc_free(&doc);
         rc = EXIT_OK;
         Store_close(s);
      }
   }
   free(pos);
   return rc;
}
