/* test_lens_export.c: lenses written back out.
 *
 * AWS form: for the built-in lens and every corpus lens that loads, the
 * export stays within the AWS limits, carries no walens extension, loads
 * again, and gives the same risk as the original for the same answers
 * (every subset of choices for questions of up to 12 choices; for larger
 * ones none, all, each single choice, all but each one, and choices marked
 * not applicable).  Native YAML: the export loads back to the very same
 * lens, field for field, including strings a YAML writer must quote. */
#include "config.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/lens.h"
#include "core/review.h"
#include "report/lens_export.h"
#include "report/rtext.h"

static char *path(const char *rel)
{
   const char *top = getenv("top_srcdir");
   size_t n = strlen(top ? top : ".") + strlen(rel) + 2;
   char *p = malloc(n);
   snprintf(p, n, "%s/%s", top ? top : ".", rel);
   return p;
}

static Lens *load(const char *file)
{
   DiagList d;
   DiagList_init(&d);
   Lens *l = Lens_loadFile(file, &d);
   DiagList_free(&d);
   return l;
}

static Lens *reload(const char *name, const char *text, size_t len)
{
   DiagList d;
   DiagList_init(&d);
   Lens *l = Lens_loadBuffer(name, text, len, &d);
   if (!l)
      for (size_t i = 0; i < d.count; i++) {
         char *m = Diag_format(&d.items[i]);
         fprintf(stderr, "%s\n", m);
         free(m);
      }
   DiagList_free(&d);
   return l;
}

static char *render(const Lens *l, LensExportFormat f, size_t *len, size_t *errors)
{
   DiagList d;
   DiagList_init(&d);
   char *text = LensExport_render(l, f, "test", &d, len);
   if (errors)
      *errors = d.errors;
   DiagList_free(&d);
   return text;
}

/* ---- same risks ---- */

static void compareOne(const Question *a, const Question *b, const unsigned char *state, bool na,
                       const char *what)
{
   Answer ans = {.not_applicable = na, .reason = NA_NONE, .choices = (unsigned char *)state};
   Risk ra = Question_risk(a, &ans), rb = Question_risk(b, &ans);
   cr_assert_eq(ra, rb, "question %s, %s: %s before, %s after the export", a->id, what,
                Risk_name(ra), Risk_name(rb));
}

static void compareQuestion(const Question *a, const Question *b)
{
   size_t n = a->n_choices;
   cr_assert_eq(n, b->n_choices, "question %s: choice count", a->id);
   for (size_t i = 0; i < n; i++)
      cr_assert_str_eq(a->choices[i].id, b->choices[i].id, "question %s choice %zu", a->id, i);
   unsigned char *s = calloc(n + 1, 1);
   compareOne(a, b, s, true, "not applicable");
   if (n <= 12) {
      for (unsigned long mask = 0; mask < (1ul << n); mask++) {
         for (size_t i = 0; i < n; i++)
            s[i] = (mask >> i) & 1 ? CHOICE_SELECTED : CHOICE_UNSELECTED;
         compareOne(a, b, s, false, "a subset");
      }
   } else {
      compareOne(a, b, s, false, "none");
      memset(s, CHOICE_SELECTED, n);
      compareOne(a, b, s, false, "all");
      for (size_t k = 0; k < n; k++) {
         memset(s, CHOICE_UNSELECTED, n);
         s[k] = CHOICE_SELECTED;
         compareOne(a, b, s, false, "one");
         memset(s, CHOICE_SELECTED, n);
         s[k] = CHOICE_UNSELECTED;
         compareOne(a, b, s, false, "all but one");
      }
   }
   /* A choice marked not applicable counts as unselected, on both sides. */
   for (size_t k = 0; k < n; k++) {
      memset(s, CHOICE_SELECTED, n);
      s[k] = CHOICE_NA;
      compareOne(a, b, s, false, "one marked not applicable");
   }
   free(s);
}

static void compareRisks(const Lens *a, const Lens *b)
{
   cr_assert_eq(a->n_questions, b->n_questions);
   cr_assert_eq(a->n_pillars, b->n_pillars);
   for (size_t i = 0; i < a->n_questions; i++) {
      const Question *qb = Lens_findQuestion(b, a->questions[i].id, NULL);
      cr_assert_not_null(qb, "question %s is gone", a->questions[i].id);
      cr_assert_eq(a->questions[i].pillar, qb->pillar, "question %s pillar", qb->id);
      compareQuestion(&a->questions[i], qb);
   }
}

/* ---- AWS rules ---- */

static bool only(json_t *o, const char *const *keys)
{
   const char *k;
   json_t *v;
   json_object_foreach(o, k, v)
   {
      bool found = false;
      for (size_t i = 0; keys[i] && !found; i++)
         found = strcmp(keys[i], k) == 0;
      if (!found) {
         fprintf(stderr, "unexpected key %s\n", k);
         return false;
      }
   }
   return true;
}

static size_t chars(json_t *s)
{
   return json_is_string(s) ? Utf8_chars(json_string_value(s)) : 9999;
}

static void checkAws(const char *text, size_t len, const char *name)
{
   static const char *const top[] = {"schemaVersion", "name", "description", "pillars", NULL};
   static const char *const pillar[] = {"id", "name", "questions", NULL};
   static const char *const question[] = {"id",      "title",     "description", "helpfulResource",
                                          "choices", "riskRules", NULL};
   static const char *const choice[] = {
      "id", "title", "helpfulResource", "improvementPlan", "additionalResources", NULL};
   cr_assert_leq(len, AWS_MAX_FILE, "%s: %zu bytes", name, len);
   json_error_t e;
   json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
   cr_assert_not_null(root, "%s: %s", name, e.text);
   cr_assert(only(root, top), "%s: top-level keys", name);
   cr_assert_str_eq(json_string_value(json_object_get(root, "schemaVersion")), "2021-11-01");
   cr_assert_leq(chars(json_object_get(root, "name")), 128);
   cr_assert_leq(chars(json_object_get(root, "description")), 2048);
   json_t *pillars = json_object_get(root, "pillars");
   cr_assert_leq(json_array_size(pillars), 10);
   size_t i, j, k;
   json_t *p, *q, *c;
   json_array_foreach(pillars, i, p)
   {
      cr_assert(only(p, pillar), "%s: pillar %zu keys", name, i);
      cr_assert_leq(json_array_size(json_object_get(p, "questions")), 20);
      json_array_foreach(json_object_get(p, "questions"), j, q)
      {
         cr_assert(only(q, question), "%s: question keys", name);
         cr_assert_leq(chars(json_object_get(q, "title")), 128, "%s: title of %s", name,
                       json_string_value(json_object_get(q, "id")));
         json_t *d = json_object_get(q, "description");
         cr_assert(!d || chars(d) <= 2048);
         cr_assert_leq(json_array_size(json_object_get(q, "choices")), 15);
         size_t rules = json_array_size(json_object_get(q, "riskRules"));
         cr_assert(rules >= 1 && rules <= 3);
         json_array_foreach(json_object_get(q, "choices"), k, c)
         {
            cr_assert(only(c, choice), "%s: choice keys", name);
            cr_assert_leq(chars(json_object_get(c, "title")), 128);
            const char *id = json_string_value(json_object_get(c, "id"));
            size_t n = strlen(id);
            bool none = n >= 3 && strcmp(id + n - 3, "_no") == 0;
            cr_assert(none || json_object_get(c, "improvementPlan"), "%s: %s has no plan", name,
                      id);
         }
      }
   }
   json_decref(root);
}

static void awsRoundTrip(const Lens *orig, const char *name)
{
   size_t len = 0, errors = 0;
   char *text = render(orig, LENS_EXPORT_AWS_JSON, &len, &errors);
   cr_assert_not_null(text, "%s: not exported (%zu errors)", name, errors);
   checkAws(text, len, name);
   Lens *back = reload(name, text, len);
   cr_assert_not_null(back, "%s: the export does not load", name);
   cr_assert_eq(back->format, LENS_JSON);
   compareRisks(orig, back);
   Lens_free(back);
   free(text);
}

Test(aws, builtin_lens)
{
   DiagList d;
   DiagList_init(&d);
   Lens *l = Lens_loadDefault(&d);
   DiagList_free(&d);
   cr_assert_not_null(l);
   awsRoundTrip(l, "machine-learning");
   /* Phases survive as title prefixes, and every title fits with its
    * prefix: the built-in lens exports without a warning. */
   size_t len = 0;
   DiagList_init(&d);
   char *text = LensExport_render(l, LENS_EXPORT_AWS_JSON, "ml", &d, &len);
   cr_assert_not_null(text);
   for (size_t i = 0; i < d.count; i++) {
      char *m = Diag_format(&d.items[i]);
      cr_assert_fail("the built-in lens exports with a diagnostic: %s", m);
      free(m);
   }
   DiagList_free(&d);
   Lens *back = reload("ml", text, len);
   const Question *q = Lens_findQuestion(back, "MLOPS01", NULL);
   cr_assert_str_eq(q->title, "[Business goal identification] How do you prepare your "
                              "organization and stakeholders before committing to an ML "
                              "solution?");
   Lens_free(back);
   free(text);
   Lens_free(l);
}

/* A title too long with its phase prefix is shortened with an ellipsis, with
 * a warning, and starts the description in full; a title that fits is kept. */
Test(aws, title_too_long_with_its_prefix)
{
   char *p = path("tests/fixtures/lenses/long-titles.yaml");
   Lens *l = load(p);
   cr_assert_not_null(l);
   const char *full = l->questions[0].title;
   cr_assert_gt(strlen("[Model development] ") + Utf8_chars(full), 128,
                "the fixture still needs shortening");
   DiagList d;
   DiagList_init(&d);
   size_t len = 0;
   char *text = LensExport_render(l, LENS_EXPORT_AWS_JSON, "long", &d, &len);
   cr_assert_not_null(text);
   cr_assert_eq(d.count, 1);
   char *m = Diag_format(&d.items[0]);
   cr_assert_str_eq(m, "long: warning: pillars[0].questions[0]: title of question 'LONG_1' "
                       "shortened to 128 characters; the full title starts its description");
   free(m);
   DiagList_free(&d);
   Lens *back = reload("long", text, len);
   cr_assert_not_null(back);
   const Question *q = Lens_findQuestion(back, "LONG_1", NULL);
   cr_assert_leq(Utf8_chars(q->title), 128);
   cr_assert_eq(strncmp(q->title, "[Model development] How do you make sure", 40), 0, "%s",
                q->title);
   cr_assert(strstr(q->title, "\xE2\x80\xA6") != NULL, "shortened with an ellipsis: %s", q->title);
   cr_assert_str_eq(q->description, "How do you make sure that every model you train can be "
                                    "rebuilt, step by step, from the same data, code and "
                                    "settings?\n\nRebuilding a model is how you find out what "
                                    "changed.");
   cr_assert_str_eq(Lens_findQuestion(back, "SHORT_1", NULL)->title,
                    "[Run] How do you roll back a model?");
   Lens_free(back);
   free(text);
   Lens_free(l);
   free(p);
}

Test(aws, test_lenses)
{
   static const char *const files[] = {
      "tests/fixtures/lenses/small.yaml", "tests/fixtures/lenses/small.json",
      "tests/fixtures/report/hostile.yaml", "tests/fixtures/report/quoting.yaml", NULL};
   for (size_t i = 0; files[i]; i++) {
      char *p = path(files[i]);
      Lens *l = load(p);
      cr_assert_not_null(l, "%s does not load", p);
      awsRoundTrip(l, files[i]);
      Lens_free(l);
      free(p);
   }
}

Test(aws, corpus)
{
   char *dir = path("../shared/corpus/custom-lenses");
   DIR *d = opendir(dir);
   if (!d) {
      free(dir);
      cr_skip_test("the lens corpus (../shared/corpus/custom-lenses) is absent");
   }
   size_t tried = 0;
   struct dirent *e;
   while ((e = readdir(d))) {
      size_t n = strlen(e->d_name);
      if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
         continue;
      char *file = malloc(strlen(dir) + n + 2);
      sprintf(file, "%s/%s", dir, e->d_name);
      Lens *l = load(file);
      if (l) {
         awsRoundTrip(l, e->d_name);
         tried++;
      }
      Lens_free(l);
      free(file);
   }
   closedir(d);
   free(dir);
   cr_assert_geq(tried, 8, "only %zu corpus lenses load", tried);
}

Test(aws, limits_that_cannot_be_met_are_errors)
{
   /* Eleven pillars: AWS allows ten. */
   char yaml[8192] = "id: big\nname: Big\npillars:\n";
   for (int p = 0; p < 11; p++)
      snprintf(yaml + strlen(yaml), sizeof yaml - strlen(yaml),
               "  - id: pil%d\n    name: P%d\n    questions:\n      - id: que%d\n"
               "        title: Q\n        choices:\n          - id: cho%d\n            title: C\n"
               "            improvementPlan:\n              displayText: Do it.\n",
               p, p, p, p);
   Lens *l = reload("big", yaml, strlen(yaml));
   cr_assert_not_null(l);
   DiagList d;
   DiagList_init(&d);
   char *text = LensExport_render(l, LENS_EXPORT_AWS_JSON, "big", &d, NULL);
   cr_assert_null(text);
   cr_assert_eq(d.errors, 1);
   char *m = Diag_format(&d.items[d.count - 1]);
   cr_assert_str_eq(m, "big: error: pillars: the lens has 11 pillars; AWS allows 10");
   free(m);
   DiagList_free(&d);
   /* The native form has no such limit. */
   size_t len;
   text = render(l, LENS_EXPORT_YAML, &len, NULL);
   cr_assert_not_null(text);
   free(text);
   Lens_free(l);
}

/* An id outside [A-Za-z0-9_] loads with a warning, but a derived rule naming
 * it would not parse: the AWS export refuses instead of writing a lens that
 * neither AWS nor walens could read back (found by fuzz_yaml's round trip). */
Test(aws, ids_aws_cannot_hold_are_errors)
{
   const char *yaml = "id: ids\nname: Ids\npillars:\n  - id: pil\n    name: P\n    questions:\n"
                      "      - id: que\n        title: Q\n        choices:\n"
                      "          - id: bad-id\n            title: C\n            risk: high\n"
                      "            improvementPlan:\n              displayText: Do it.\n";
   Lens *l = reload("ids", yaml, strlen(yaml));
   cr_assert_not_null(l);
   DiagList d;
   DiagList_init(&d);
   char *text = LensExport_render(l, LENS_EXPORT_AWS_JSON, "ids", &d, NULL);
   cr_assert_null(text);
   cr_assert_eq(d.errors, 1);
   char *m = Diag_format(&d.items[d.count - 1]);
   cr_assert_str_eq(m, "ids: error: pillars[0].questions[0].choices[0]: choice id 'bad-id' has "
                       "characters an AWS lens does not allow (A-Z, a-z, 0-9, _)");
   free(m);
   DiagList_free(&d);
   Lens_free(l);
}

/* ---- native YAML: the same lens ---- */

static void sameStr(const char *a, const char *b, const char *what)
{
   if (!a || !b)
      cr_assert(a == b, "%s: %s vs %s", what, a ? a : "(null)", b ? b : "(null)");
   else
      cr_assert_str_eq(a, b, "%s", what);
}

static void sameLink(const Link *a, const Link *b, const char *what)
{
   sameStr(a->text, b->text, what);
   sameStr(a->url, b->url, what);
}

static void sameLens(const Lens *a, const Lens *b)
{
   sameStr(a->key, b->key, "key");
   sameStr(a->version, b->version, "version");
   sameStr(a->name, b->name, "name");
   sameStr(a->description, b->description, "description");
   sameStr(a->schema_version, b->schema_version, "schemaVersion");
   cr_assert_eq(a->n_phases, b->n_phases);
   for (size_t i = 0; i < a->n_phases; i++) {
      sameStr(a->phases[i].id, b->phases[i].id, "phase id");
      sameStr(a->phases[i].name, b->phases[i].name, "phase name");
      sameStr(a->phases[i].description, b->phases[i].description, "phase description");
   }
   cr_assert_eq(a->n_pillars, b->n_pillars);
   for (size_t i = 0; i < a->n_pillars; i++) {
      sameStr(a->pillars[i].id, b->pillars[i].id, "pillar id");
      sameStr(a->pillars[i].name, b->pillars[i].name, "pillar name");
      sameStr(a->pillars[i].description, b->pillars[i].description, "pillar description");
      cr_assert_eq(a->pillars[i].first, b->pillars[i].first);
      cr_assert_eq(a->pillars[i].count, b->pillars[i].count);
   }
   cr_assert_eq(a->n_questions, b->n_questions);
   for (size_t i = 0; i < a->n_questions; i++) {
      const Question *qa = &a->questions[i], *qb = &b->questions[i];
      sameStr(qa->id, qb->id, "question id");
      sameStr(qa->title, qb->title, qa->id);
      sameStr(qa->description, qb->description, qa->id);
      sameLink(&qa->helpful, &qb->helpful, qa->id);
      cr_assert_eq(qa->pillar, qb->pillar);
      cr_assert_eq(qa->phase, qb->phase);
      cr_assert_eq(qa->rules_derived, qb->rules_derived, "%s: rules derived", qa->id);
      cr_assert_eq(qa->has_default, qb->has_default);
      cr_assert_eq(qa->n_rules, qb->n_rules);
      for (size_t r = 0; r < qa->n_rules; r++) {
         sameStr(qa->rules[r].condition, qb->rules[r].condition, qa->id);
         cr_assert_eq(qa->rules[r].risk, qb->rules[r].risk);
      }
      cr_assert_eq(qa->n_choices, qb->n_choices);
      for (size_t c = 0; c < qa->n_choices; c++) {
         const Choice *ca = &qa->choices[c], *cb = &qb->choices[c];
         sameStr(ca->id, cb->id, "choice id");
         sameStr(ca->title, cb->title, ca->id);
         sameStr(ca->description, cb->description, ca->id);
         cr_assert_eq(ca->weight, cb->weight, "%s: weight", ca->id);
         cr_assert_eq(ca->is_none, cb->is_none);
         sameLink(&ca->helpful, &cb->helpful, ca->id);
         sameLink(&ca->improvement, &cb->improvement, ca->id);
         cr_assert_eq(ca->n_more_helpful, cb->n_more_helpful);
         for (size_t k = 0; k < ca->n_more_helpful; k++)
            sameLink(&ca->more_helpful[k], &cb->more_helpful[k], ca->id);
         cr_assert_eq(ca->n_more_improvement, cb->n_more_improvement);
         for (size_t k = 0; k < ca->n_more_improvement; k++)
            sameLink(&ca->more_improvement[k], &cb->more_improvement[k], ca->id);
      }
   }
}

static void yamlRoundTrip(const Lens *orig, const char *name)
{
   size_t len = 0;
   char *text = render(orig, LENS_EXPORT_YAML, &len, NULL);
   cr_assert_not_null(text, "%s: not exported", name);
   Lens *back = reload(name, text, len);
   cr_assert_not_null(back, "%s: the YAML export does not load", name);
   cr_assert_eq(back->format, LENS_YAML);
   sameLens(orig, back);
   compareRisks(orig, back);
   /* Exporting the re-read lens gives the same text. */
   size_t len2 = 0;
   char *again = render(back, LENS_EXPORT_YAML, &len2, NULL);
   cr_assert_eq(len, len2);
   cr_assert_str_eq(text, again);
   free(again);
   Lens_free(back);
   free(text);
}

Test(yaml, builtin_and_test_lenses)
{
   DiagList d;
   DiagList_init(&d);
   Lens *l = Lens_loadDefault(&d);
   DiagList_free(&d);
   yamlRoundTrip(l, "machine-learning");
   Lens_free(l);
   static const char *const files[] = {
      "tests/fixtures/lenses/small.yaml", "tests/fixtures/lenses/small.json",
      "tests/fixtures/report/hostile.yaml", "tests/fixtures/report/quoting.yaml", NULL};
   for (size_t i = 0; files[i]; i++) {
      char *p = path(files[i]);
      l = load(p);
      cr_assert_not_null(l, "%s does not load", p);
      yamlRoundTrip(l, files[i]);
      Lens_free(l);
      free(p);
   }
}

Test(yaml, corpus)
{
   char *dir = path("../shared/corpus/custom-lenses");
   DIR *d = opendir(dir);
   if (!d) {
      free(dir);
      cr_skip_test("the lens corpus (../shared/corpus/custom-lenses) is absent");
   }
   struct dirent *e;
   while ((e = readdir(d))) {
      size_t n = strlen(e->d_name);
      if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
         continue;
      char *file = malloc(strlen(dir) + n + 2);
      sprintf(file, "%s/%s", dir, e->d_name);
      Lens *l = load(file);
      if (l)
         yamlRoundTrip(l, e->d_name);
      Lens_free(l);
      free(file);
   }
   closedir(d);
   free(dir);
}

Test(yaml, typed_looking_strings_are_quoted)
{
   char *p = path("tests/fixtures/report/quoting.yaml");
   Lens *l = load(p);
   size_t len;
   char *text = render(l, LENS_EXPORT_YAML, &len, NULL);
   cr_assert(strstr(text, "\nname: 'null'\n"), "%s", text);
   cr_assert(strstr(text, "version: '2.10'\n"));
   cr_assert(strstr(text, "title: 'no'\n"));
   cr_assert(strstr(text, "- id: '123'\n"));
   free(text);
   Lens_free(l);
   free(p);
}

Test(formats, names)
{
   LensExportFormat f;
   cr_assert(LensExport_parseFormat("aws-json", &f) && f == LENS_EXPORT_AWS_JSON);
   cr_assert(LensExport_parseFormat("yaml", &f) && f == LENS_EXPORT_YAML);
   cr_assert_not(LensExport_parseFormat("json", &f));
}
