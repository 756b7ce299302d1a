/* test_bundle.c: review bundles in process: a round trip through an empty
 * database gives the same text; thousands of damaged bundles (truncated
 * at every length, bytes flipped, fields swapped) are refused or imported
 * whole, never half, and never crash. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/diag.h"
#include "report/bundle.h"
#include "store/plan.h"
#include "store/reviewdoc.h"
#include "store/store.h"

#define NOW "2026-11-28T10:00:00Z"

static char dir[64];

static void setup(void)
{
   strcpy(dir, "/tmp/walens-bundle-XXXXXX");
   cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
   char cmd[128];
   snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
   cr_assert_eq(system(cmd), 0);
}

TestSuite(bundle, .init = setup, .fini = teardown);

static Store *openDb(const char *name)
{
   char path[128];
   snprintf(path, sizeof path, "%s/%s", dir, name);
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(path, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_setNow(s, NOW);
   return s;
}

static void answer(Store *s, ReviewDoc *doc, const char *qid, const char *const *sel,
                   const char *notes)
{
   size_t q;
   cr_assert_not_null(Lens_findQuestion(doc->lens, qid, &q));
   Answer a = doc->review.answers[q];
   a.choices = calloc(doc->lens->questions[q].n_choices + 1, 1);
   for (size_t i = 0; sel[i]; i++)
      Answer_select(&doc->lens->questions[q], &a,
                    (size_t)Question_findChoice(&doc->lens->questions[q], sel[i]), true);
   cr_assert_eq(ReviewDoc_putAnswer(s, doc, q, &a, notes, "tester"), STORE_OK);
   free(a.choices);
}

/* A review with answers, notes, tracked plan items, a milestone and a
 * history; returns its bundle. */
static char *fixture(Store *s)
{
   char *top = getenv("top_srcdir"), lens[512];
   snprintf(lens, sizeof lens, "%s/tests/fixtures/lenses/small.yaml", top ? top : ".");
   DiagList d;
   DiagList_init(&d);
   int64_t lens_id = 0;
   char *err = NULL;
   cr_assert_eq(ReviewDoc_resolveLens(s, lens, &lens_id, &d, &err), STORE_OK);
   Workload w = {.name = "fraud", .description = "Card \"fraud\"\nscoring", .owner = "alice"};
   cr_assert_eq(Store_addWorkload(s, &w, lens_id, "tester", NULL), STORE_OK);
   ReviewDoc doc;
   cr_assert_eq(ReviewDoc_load(s, "fraud", &doc, &d, &err), STORE_OK);
   answer(s, &doc, "Q1", (const char *[]){"Q1_a", NULL}, "notes <b>1</b>");
   answer(s, &doc, "Q3", (const char *[]){"Q3_vault", NULL}, NULL);
   answer(s, &doc, "Q2", (const char *[]){"Q2_no", NULL}, "none, yet");
   PlanTrack t = {.question_id = "Q1",
                  .choice_id = "Q1_b",
                  .status = PLAN_IN_PROGRESS,
                  .owner = "bob",
                  .due = "2026-12-01",
                  .note = "a, \"b\"",
                  .priority = 2};
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, &err), STORE_OK);
   cr_assert_eq(StorePlan_addMilestone(s, &doc, "baseline", "tester", NULL, &err), STORE_OK);
   answer(s, &doc, "Q3", (const char *[]){"Q3_vault", "Q3_rotate", NULL}, "rotated");
   ReviewDoc_free(&doc);
   DiagList_free(&d);
   char *text = NULL;
   cr_assert_eq(Bundle_export(s, "fraud", &text, &err), STORE_OK);
   return text;
}

static size_t workloads(Store *s)
{
   Workload *w = NULL;
   size_t n = 0;
   cr_assert_eq(Store_listWorkloads(s, true, &w, &n), STORE_OK);
   Workload_freeArray(w, n);
   return n;
}

static size_t lenses(Store *s)
{
   StoreLens *l = NULL;
   size_t n = 0;
   cr_assert_eq(Store_listLenses(s, &l, &n), STORE_OK);
   StoreLens_freeArray(l, n);
   return n;
}

Test(bundle, round_trip_is_exact)
{
   Store *a = openDb("a.db"), *b = openDb("b.db");
   char *one = fixture(a), *two = NULL, *err = NULL, *name = NULL;
   cr_assert_eq(Bundle_import(b, one, strlen(one), NULL, "importer", &name, &err), STORE_OK, "%s",
                err ? err : "");
   cr_assert_str_eq(name, "fraud");
   free(name);
   cr_assert_eq(Bundle_export(b, "fraud", &two, &err), STORE_OK);
   cr_assert_str_eq(one, two);
   free(two);
   /* Twice: refused, nothing duplicated. */
   cr_assert_eq(Bundle_import(b, one, strlen(one), NULL, "importer", NULL, &err), STORE_EXISTS);
   cr_assert_str_eq(err, "a workload named 'fraud' exists already; import it under another "
                         "name with --as NAME");
   free(err);
   err = NULL;
   cr_assert_eq(workloads(b), 1);
   cr_assert_eq(lenses(b), 1);
   /* Under another name: a second workload on the same lens row. */
   cr_assert_eq(Bundle_import(b, one, strlen(one), "copy", "importer", NULL, &err), STORE_OK);
   cr_assert_eq(workloads(b), 2);
   cr_assert_eq(lenses(b), 1);
   free(one);
   Store_close(a);
   Store_close(b);
}

/* Tries one damaged bundle: refused (nothing written) or imported whole. */
static void attempt(Store *s, const char *text, size_t len, size_t *accepted, size_t *refused)
{
   size_t before = workloads(s), lens_rows = lenses(s);
   char *err = NULL, as[32];
   snprintf(as, sizeof as, "w%zu", *accepted + *refused);
   StoreStatus st = Bundle_import(s, text, len, as, "fuzzer", NULL, &err);
   if (st == STORE_OK) {
      cr_assert_eq(workloads(s), before + 1);
      (*accepted)++;
   } else {
      cr_assert_not_null(err, "a refusal says why");
      cr_assert_eq(workloads(s), before, "refused, yet a workload was written: %s", err);
      cr_assert_eq(lenses(s), lens_rows, "refused, yet a lens was written: %s", err);
      (*refused)++;
   }
   free(err);
}

Test(bundle, every_truncation_is_refused)
{
   Store *a = openDb("a.db"), *b = openDb("b.db");
   char *text = fixture(a);
   size_t len = strlen(text), accepted = 0, refused = 0;
   /* Every length near both ends, every 7th in between. */
   for (size_t n = 0; n + 1 < len; n += n < 300 || n + 300 > len ? 1 : 7)
      attempt(b, text, n, &accepted, &refused);
   cr_assert_eq(accepted, 0, "%zu truncated bundles were accepted", accepted);
   /* The last byte is the newline after the closing brace. */
   attempt(b, text, len - 1, &accepted, &refused);
   cr_assert_eq(accepted, 1);
   free(text);
   Store_close(a);
   Store_close(b);
}

/* A small deterministic generator, so a failure can be reproduced. */
static unsigned long next(unsigned long *seed)
{
   *seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
   return *seed >> 33;
}

Test(bundle, damaged_bytes_never_crash)
{
   Store *a = openDb("a.db"), *b = openDb("b.db");
   char *text = fixture(a);
   size_t len = strlen(text), accepted = 0, refused = 0;
   char *copy = malloc(len + 1);
   static const char junk[] = {'"', '\\', '{',  '}',    '[',    ']',    ',', ':', '0', '9',
                               '-', 'x',  '\0', '\x1b', '\x80', '\xff', 'n', 't', 'Q', '_'};
   unsigned long seed = 42;
   for (int round = 0; round < 1500; round++) {
      memcpy(copy, text, len + 1);
      int flips = 1 + (int)(next(&seed) % 4);
      for (int f = 0; f < flips; f++)
         copy[next(&seed) % len] = junk[next(&seed) % sizeof junk];
      attempt(b, copy, len, &accepted, &refused);
   }
   cr_assert_gt(refused, 500, "%zu refused, %zu accepted", refused, accepted);
   free(copy);
   free(text);
   Store_close(a);
   Store_close(b);
}

Test(bundle, validate_without_a_database)
{
   Store *a = openDb("a.db");
   char *text = fixture(a), *err = NULL;
   cr_assert(Bundle_validate(text, strlen(text), &err));
   cr_assert_null(err);
   cr_assert_not(Bundle_validate(text, 10, &err));
   cr_assert_str_eq(err, "bundle: line 2, column 8: premature end of input near '\"forma'");
   free(err);
   cr_assert_not(Bundle_validate("{}", 2, NULL));
   free(text);
   Store_close(a);
}

Test(bundle, export_of_a_missing_workload)
{
   Store *a = openDb("a.db");
   char *text = NULL, *err = NULL;
   cr_assert_eq(Bundle_export(a, "nope", &text, &err), STORE_NOT_FOUND);
   cr_assert_str_eq(err, "no workload named 'nope'");
   cr_assert_null(text);
   free(err);
   Store_close(a);
}

/* Found by fuzz_bundle: a milestone snapshot whose question has no "id" made
 * the snapshot reader compare a NULL id while it looked for more problems. */
Test(bundle, snapshot_question_without_id_is_refused)
{
   char *top = getenv("top_srcdir"), path[512];
   snprintf(path, sizeof path, "%s/tests/fuzz/crashes/bundle/snapshot-question-without-id.json",
            top ? top : ".");
   FILE *f = fopen(path, "rb");
   cr_assert_not_null(f, "%s", path);
   static char text[65536];
   size_t len = fread(text, 1, sizeof text - 1, f);
   fclose(f);
   char *err = NULL;
   cr_assert_not(Bundle_validate(text, len, &err));
   cr_assert_str_eq(err, "bundle: milestones[0].snapshot: snapshot: missing or invalid "
                         "practices_selected");
   free(err);
}
