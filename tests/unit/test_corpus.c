/* test_corpus.c: the 13 public custom lenses of ../shared/corpus load as they
 * should: twelve with no error and the shape SOURCES.md gives; the EMR lens,
 * which holds a bare NaN, with exactly jansson's syntax error.  Skipped when
 * the corpus is not there (a release tarball, say). */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/diag.h"
#include "core/lens.h"

typedef struct Expected {
   const char *file;
   size_t pillars, questions, choices;
   size_t no_default; /* questions warned for lacking a `default` rule */
   const char *error; /* the one diagnostic of an invalid file, after its name */
} Expected;

#define EMR "aws-samples__custom-lens-wa-hub__custom-lens-emr-spark-v1.0.json"

/* Shapes from SOURCES.md (pillars/questions/choices); the missing defaults
 * from the reference (§7.3: ElastiCache has none, ECS NET3 lacks one). */
static const Expected EXPECTED[] = {
   {"DiscreteTom__custom-lens-gen__games-best-practice.json", 1, 1, 2, 0, NULL},
   {"aws-samples__architecture-insights-generator__lens.json", 4, 25, 100, 0, NULL},
   {"aws-samples__custom-lens-wa-hub__Amazon_ECS_Lens.json", 7, 36, 151, 1, NULL},
   {"aws-samples__custom-lens-wa-hub__Amazon_Machine_Learning_IDP_Lens.json", 6, 53, 151, 0, NULL},
   {"aws-samples__custom-lens-wa-hub__Amazon_S3_Lens.json", 6, 35, 162, 0, NULL},
   {"aws-samples__custom-lens-wa-hub__ORR-Whitepaper-Sample-PUBLISHED.json", 3, 16, 38, 0, NULL},
   {"aws-samples__custom-lens-wa-hub__Passport-Custom-Lens.json", 1, 11, 22, 0, NULL},
   {"aws-samples__custom-lens-wa-hub__custom-lens-apigw-lambda-v0.1.json", 4, 21, 63, 0, NULL},
   {"aws-samples__custom-lens-wa-hub__custom-lens-elasticache-v2.0.json", 5, 22, 85, 22, NULL},
   {EMR, 0, 0, 0, 0, ":1448:32: error: invalid token near 'NaN'"},
   {"awsdataarchitect__waf-custom-lens-automation__custom_lens.json", 5, 6, 24, 0, NULL},
   {"kdeath83__unofficial-wellarchitected-mas-mindforge-lens__mindforge-lens.json", 4, 14, 42, 0,
    NULL},
   {"sleroy__wellarchitectedtool-custom-lens-lazy-generator__customLens.json", 4, 60, 258, 0, NULL},
};
#define N_EXPECTED (sizeof EXPECTED / sizeof *EXPECTED)

static char *corpus_dir(void)
{
   const char *top = getenv("top_srcdir");
   size_t n = strlen(top ? top : ".") + 64;
   char *dir = malloc(n);
   snprintf(dir, n, "%s/../shared/corpus/custom-lenses", top ? top : ".");
   return dir;
}

static const Expected *expected_for(const char *file)
{
   for (size_t i = 0; i < N_EXPECTED; i++)
      if (strcmp(EXPECTED[i].file, file) == 0)
         return &EXPECTED[i];
   return NULL;
}

static size_t count_no_default(const DiagList *d)
{
   size_t n = 0;
   for (size_t i = 0; i < d->count; i++)
      if (strstr(d->items[i].message, "has no default rule"))
         n++;
   return n;
}

static void check_valid(const Expected *e, const Lens *lens, const DiagList *d)
{
   cr_assert_not_null(lens, "%s does not load", e->file);
   cr_assert_eq(d->errors, 0, "%s: %zu errors", e->file, d->errors);
   cr_assert_eq(lens->format, LENS_JSON);
   cr_assert_eq(lens->n_pillars, e->pillars, "%s: pillars", e->file);
   cr_assert_eq(lens->n_questions, e->questions, "%s: questions", e->file);
   size_t choices = 0;
   for (size_t i = 0; i < lens->n_questions; i++) {
      const Question *q = &lens->questions[i];
      choices += q->n_choices;
      cr_assert_gt(q->n_rules, 0, "%s: %s has rules", e->file, q->id);
      for (size_t r = 0; r < q->n_rules; r++)
         cr_assert_not_null(q->rules[r].expr);
   }
   cr_assert_eq(choices, e->choices, "%s: choices", e->file);
   cr_assert_eq(count_no_default(d), e->no_default, "%s: questions without default", e->file);
   for (size_t i = 0; i < d->count; i++)
      cr_assert_gt(d->items[i].line, 0, "%s: no position for '%s'", e->file, d->items[i].message);
}

static void check_invalid(const Expected *e, const char *path, const Lens *lens, const DiagList *d)
{
   cr_assert_null(lens, "%s loads", e->file);
   cr_assert_eq(d->count, 1, "%s: %zu diagnostics", e->file, d->count);
   char *got = Diag_format(&d->items[0]);
   size_t n = strlen(path);
   cr_assert_eq(strncmp(got, path, n), 0);
   cr_assert_str_eq(got + n, e->error);
   free(got);
}

Test(corpus, every_public_lens)
{
   char *dir = corpus_dir();
   DIR *dp = opendir(dir);
   if (!dp) {
      free(dir);
      cr_skip_test("no lens corpus next to the source tree");
   }
   size_t seen = 0;
   struct dirent *ent;
   while ((ent = readdir(dp))) {
      size_t len = strlen(ent->d_name);
      if (len < 5 || strcmp(ent->d_name + len - 5, ".json") != 0)
         continue;
      const Expected *e = expected_for(ent->d_name);
      cr_assert_not_null(e, "a corpus file this test does not know: %s", ent->d_name);
      char *path = malloc(strlen(dir) + len + 2);
      sprintf(path, "%s/%s", dir, ent->d_name);
      DiagList d;
      DiagList_init(&d);
      Lens *lens = Lens_loadFile(path, &d);
      if (e->error)
         check_invalid(e, path, lens, &d);
      else
         check_valid(e, lens, &d);
      Lens_free(lens);
      DiagList_free(&d);
      free(path);
      seen++;
   }
   closedir(dp);
   free(dir);
   cr_assert_eq(seen, N_EXPECTED, "%zu corpus files, expected %zu", seen, N_EXPECTED);
}

/* Spot checks on what the loader makes of real files' quirks. */
static Lens *load_corpus(const char *file, DiagList *d)
{
   char *dir = corpus_dir();
   char *path = malloc(strlen(dir) + strlen(file) + 2);
   sprintf(path, "%s/%s", dir, file);
   free(dir);
   FILE *probe = fopen(path, "rb");
   if (!probe) {
      free(path);
      return NULL;
   }
   fclose(probe);
   Lens *lens = Lens_loadFile(path, d);
   free(path);
   return lens;
}

/* The rest of the line at line:col (columns in characters) of a file. */
static char *text_at(const char *path, unsigned line, unsigned col)
{
   FILE *f = fopen(path, "rb");
   cr_assert_not_null(f);
   char *buf = NULL;
   size_t cap = 0;
   ssize_t n = 0;
   for (unsigned l = 0; l < line && n >= 0; l++)
      n = getline(&buf, &cap, f);
   fclose(f);
   cr_assert_geq(n, 0, "%s has no line %u", path, line);
   char *p = buf;
   for (unsigned c = 1; c < col && *p; p++)
      c += ((unsigned char)p[1] & 0xC0) != 0x80;
   char *rest = strdup(p);
   free(buf);
   return rest;
}

Test(corpus, quirks)
{
   DiagList d;
   DiagList_init(&d);
   Lens *s3 = load_corpus("aws-samples__custom-lens-wa-hub__Amazon_S3_Lens.json", &d);
   if (!s3) {
      DiagList_free(&d);
      cr_skip_test("no lens corpus next to the source tree");
   }
   cr_assert_str_eq(s3->key, "amazon-s3-well-architected-lens");
   cr_assert_str_eq(s3->version, "v3.1.0", "from _version");
   cr_assert_eq(s3->n_phases, 0);
   cr_assert_eq(s3->questions[0].phase, -1);
   size_t more = 0;
   for (size_t i = 0; i < s3->n_questions; i++)
      for (size_t c = 0; c < s3->questions[i].n_choices; c++)
         more += s3->questions[i].choices[c].n_more_helpful +
                 s3->questions[i].choices[c].n_more_improvement;
   cr_assert_gt(more, 0, "additionalResources are read");
   Lens_free(s3);
   DiagList_free(&d);

   DiagList_init(&d);
   Lens *passport = load_corpus("aws-samples__custom-lens-wa-hub__Passport-Custom-Lens.json", &d);
   cr_assert_not_null(passport);
   size_t url_key = 0;
   for (size_t i = 0; i < d.count; i++) {
      if (strcmp(d.items[i].message, "unknown key 'url' in a question is ignored") != 0)
         continue;
      url_key++;
      char *at = text_at(d.items[i].file, d.items[i].line, d.items[i].col);
      cr_assert_eq(strncmp(at, "\"url\"", 5), 0, "the position is the key's: %.20s", at);
      free(at);
   }
   cr_assert_eq(url_key, 1, "the stray question-level url key is reported once");
   Lens_free(passport);
   DiagList_free(&d);
}
