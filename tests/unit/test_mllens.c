/* test_mllens.c: data/lenses/machine-learning.yaml against the facts of the
 * 2025 Machine Learning Lens (../shared/reference/ml-lens-facts.md §3), and
 * the copy compiled into the binary. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/diag.h"
#include "core/lens.h"

#define URL_PREFIX "https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/"

static const char *const PHASES[6] = {"business_goal",     "problem_framing", "data_processing",
                                      "model_development", "deployment",      "monitoring"};
static const char *const PILLARS[6] = {"operationalExcellence", "security",
                                       "reliability",           "performance",
                                       "costOptimization",      "sustainability"};
/* §3.2: best practices per phase (rows) x pillar (columns: OPS SEC REL PERF COST SUS). */
static const size_t CELLS[6][6] = {
   {3, 1, 0, 1, 2, 1},  /* business goal */
   {6, 1, 2, 2, 2, 2},  /* problem framing */
   {2, 5, 3, 1, 4, 3},  /* data processing */
   {2, 3, 4, 6, 14, 4}, /* model development */
   {1, 1, 2, 2, 3, 4},  /* deployment */
   {2, 2, 2, 6, 4, 2},  /* monitoring */
};

static char *ml_path(void)
{
   const char *top = getenv("top_srcdir");
   size_t n = strlen(top ? top : ".") + 64;
   char *path = malloc(n);
   snprintf(path, n, "%s/data/lenses/machine-learning.yaml", top ? top : ".");
   return path;
}

/* Loads the file and insists on a clean bill: not even a warning, as
 * `walens lens check --strict` would demand. */
static Lens *load_ml(void)
{
   char *path = ml_path();
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadFile(path, &d);
   if (d.count) {
      char *first = Diag_format(&d.items[0]);
      cr_assert_fail("%zu diagnostics, the first: %s", d.count, first);
   }
   cr_assert_not_null(lens);
   DiagList_free(&d);
   free(path);
   return lens;
}

Test(mllens, shape)
{
   Lens *l = load_ml();
   cr_assert_str_eq(l->key, "machine-learning");
   cr_assert_eq(l->format, LENS_YAML);
   cr_assert_eq(l->n_phases, 6);
   cr_assert_eq(l->n_pillars, 6);
   cr_assert_eq(l->n_questions, 35);
   for (size_t i = 0; i < 6; i++) {
      cr_assert_str_eq(l->phases[i].id, PHASES[i]);
      cr_assert_str_eq(l->pillars[i].id, PILLARS[i]);
   }
   Lens_free(l);
}

Test(mllens, practices_per_cell)
{
   Lens *l = load_ml();
   size_t cells[6][6] = {{0}}, questions[6][6] = {{0}}, total = 0;
   for (size_t i = 0; i < l->n_questions; i++) {
      const Question *q = &l->questions[i];
      cr_assert(q->phase >= 0 && q->phase < 6, "%s has a phase", q->id);
      cr_assert_gt(q->n_choices, 1, "%s has practices", q->id);
      const Choice *last = &q->choices[q->n_choices - 1];
      cr_assert(last->is_none, "%s ends with its _no choice", q->id);
      for (size_t c = 0; c + 1 < q->n_choices; c++)
         cr_assert_not(q->choices[c].is_none, "%s has one _no choice", q->id);
      cells[q->phase][q->pillar] += q->n_choices - 1;
      questions[q->phase][q->pillar]++;
      total += q->n_choices - 1;
   }
   cr_assert_eq(total, 105);
   for (size_t r = 0; r < 6; r++) {
      for (size_t c = 0; c < 6; c++) {
         cr_assert_eq(cells[r][c], CELLS[r][c], "practices in %s x %s", PHASES[r], PILLARS[c]);
         /* One question per non-empty group; the empty one (REL x business goal) has none. */
         cr_assert_eq(questions[r][c], CELLS[r][c] ? 1u : 0u, "questions in %s x %s", PHASES[r],
                      PILLARS[c]);
      }
   }
   Lens_free(l);
}

Test(mllens, weights)
{
   Lens *l = load_ml();
   size_t high = 0, medium = 0;
   for (size_t i = 0; i < l->n_questions; i++) {
      const Question *q = &l->questions[i];
      cr_assert(q->rules_derived, "%s has no riskRules of its own", q->id);
      cr_assert(q->has_default);
      for (size_t c = 0; c < q->n_choices; c++) {
         const Choice *ch = &q->choices[c];
         if (ch->is_none) {
            cr_assert_eq(ch->weight, WEIGHT_NONE, "%s", ch->id);
            continue;
         }
         cr_assert_neq(ch->weight, WEIGHT_NONE, "%s has a weight", ch->id);
         high += ch->weight == WEIGHT_HIGH;
         medium += ch->weight == WEIGHT_MEDIUM;
      }
   }
   cr_assert_eq(high, 60);
   cr_assert_eq(medium, 45);
   Lens_free(l);
}

Test(mllens, practice_texts_and_links)
{
   Lens *l = load_ml();
   for (size_t i = 0; i < l->n_questions; i++) {
      const Question *q = &l->questions[i];
      cr_assert(q->description && *q->description, "%s has a description", q->id);
      for (size_t c = 0; c < q->n_choices; c++) {
         const Choice *ch = &q->choices[c];
         if (ch->is_none)
            continue;
         cr_assert(ch->description && *ch->description, "%s has a description", ch->id);
         cr_assert(ch->improvement.text && *ch->improvement.text, "%s has a plan", ch->id);
         char want[256];
         size_t n = (size_t)snprintf(want, sizeof want, "%s", URL_PREFIX);
         for (const char *p = ch->id; *p && n < sizeof want - 8; p++)
            want[n++] = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
         snprintf(want + n, sizeof want - n, ".html");
         cr_assert_not_null(ch->helpful.url, "%s has a link", ch->id);
         cr_assert_str_eq(ch->helpful.url, want);
      }
   }
   Lens_free(l);
}

Test(mllens, ids_unique_across_the_lens)
{
   Lens *l = load_ml();
   size_t n = 0;
   for (size_t i = 0; i < l->n_questions; i++)
      n += l->questions[i].n_choices + 1;
   const char **ids = calloc(n, sizeof *ids);
   size_t k = 0;
   for (size_t i = 0; i < l->n_questions; i++) {
      ids[k++] = l->questions[i].id;
      for (size_t c = 0; c < l->questions[i].n_choices; c++)
         ids[k++] = l->questions[i].choices[c].id;
   }
   for (size_t a = 0; a < k; a++)
      for (size_t b = a + 1; b < k; b++)
         cr_assert_str_neq(ids[a], ids[b], "id %s twice", ids[a]);
   free(ids);
   Lens_free(l);
}

Test(mllens, built_in_copy)
{
   char *path = ml_path();
   FILE *f = fopen(path, "rb");
   cr_assert_not_null(f);
   fseek(f, 0, SEEK_END);
   size_t size = (size_t)ftell(f);
   fseek(f, 0, SEEK_SET);
   char *bytes = malloc(size);
   cr_assert_eq(fread(bytes, 1, size, f), size);
   fclose(f);

   size_t len = 0;
   const char *text = Lens_defaultText(&len);
   cr_assert_eq(len, size);
   cr_assert_eq(memcmp(text, bytes, size), 0, "the built-in lens is the file, byte for byte");
   cr_assert_eq(text[len], '\0');

   DiagList d;
   DiagList_init(&d);
   Lens *def = Lens_loadDefault(&d);
   cr_assert_eq(d.count, 0);
   Lens *file = load_ml();
   cr_assert_str_eq(def->sha256, file->sha256);
   cr_assert_str_eq(def->key, "machine-learning");
   cr_assert_eq(def->n_questions, 35);
   Lens_free(def);
   Lens_free(file);
   DiagList_free(&d);
   free(bytes);
   free(path);
}
