/* test_profile.c: review profiles: one fixture per error and warning class
 * (message and position, the golden diagnostics), the checks against a
 * lens, the shipped profile against the shipped lens, priority marks, and
 * a workload's profile through the store. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lens.h"
#include "core/profile.h"
#include "core/profiles.h"
#include "core/xalloc.h"
#include "store/profiledoc.h"
#include "store/reviewdoc.h"
#include "support.h"

static char *profilePath(const char *name)
{
   char *rel = xasprintf("tests/fixtures/profiles/%s", name);
   char *p = Support_srcPath(rel);
   free(rel);
   return p;
}

/* want[] are the expected diagnostics without the file name they start with. */
static void expect(const char *file, const DiagList *d, const char *const *want)
{
   size_t n = 0;
   while (want[n])
      n++;
   for (size_t i = 0; i < d->count && i < n; i++) {
      char *got = Diag_format(&d->items[i]);
      size_t flen = strlen(file);
      cr_assert_eq(strncmp(got, file, flen), 0, "diagnostic %zu names another file: %s", i, got);
      cr_assert_str_eq(got + flen, want[i], "diagnostic %zu of %s", i, file);
      free(got);
   }
   cr_assert_eq(d->count, n, "%s: %zu diagnostics, expected %zu", file, d->count, n);
}

/* Loads a fixture, checks it against the built-in lens when it loads, and
 * compares every diagnostic. */
static void checkFixture(const char *name, const char *const *want)
{
   char *path = profilePath(name);
   DiagList d;
   DiagList_init(&d);
   Profile *p = Profile_loadFile(path, &d);
   size_t structural = d.errors;
   if (p) {
      Lens *lens = Lens_loadDefault(&d);
      cr_assert_not_null(lens);
      Profile_check(p, lens, path, &d);
      Lens_free(lens);
   }
   expect(path, &d, want);
   cr_assert_eq(p == NULL, structural > 0, "%s: loaded despite errors, or refused without", name);
   Profile_free(p);
   DiagList_free(&d);
   free(path);
}

Test(diagnostics, syntax)
{
   checkFixture("err-syntax.yaml",
                (const char *const[]){":3:1: error: did not find expected ',' or ']' while parsing "
                                      "a flow sequence (started at 2:8)",
                                      NULL});
}

Test(diagnostics, not_a_mapping)
{
   checkFixture(
      "err-not-map.yaml",
      (const char *const[]){":1:1: error: a profile must be a mapping, not a list", NULL});
}

Test(diagnostics, empty_file)
{
   checkFixture(
      "err-empty-file.yaml",
      (const char *const[]){": error: the file is empty (nothing but blanks and comments)", NULL});
}

Test(diagnostics, missing_keys)
{
   checkFixture("err-missing.yaml",
                (const char *const[]){
                   ":1:1: error: missing required key 'title' in the profile",
                   ":1:1: error: missing required key 'lens' in the profile",
                   ":3:5: error: missing required key 'title' in a context question", NULL});
}

Test(diagnostics, wrong_types)
{
   checkFixture(
      "err-type.yaml",
      (const char *const[]){":2:8: error: 'title': expected text, found a number; quote it: \"42\"",
                            ":3:7: error: 'lens' must be a mapping, not a string",
                            ":4:12: error: 'questions' must be a list, not a string", NULL});
}

Test(diagnostics, bad_ids)
{
   checkFixture(
      "err-id.yaml",
      (const char *const[]){":1:5: error: id 'has space' does not match [A-Za-z0-9_.-]{1,64}",
                            ":6:9: error: id 'q/1' does not match [A-Za-z0-9_.-]{1,64}", NULL});
}

Test(diagnostics, duplicates)
{
   checkFixture("err-dup.yaml",
                (const char *const[]){
                   ":11:13: error: duplicate choice id 'a' (first at 9:13)",
                   ":13:9: error: duplicate context question id 'q' (first at 6:9)", NULL});
}

Test(diagnostics, empty_lists)
{
   checkFixture("err-empty.yaml",
                (const char *const[]){
                   ":8:14: error: 'choices' is an empty list",
                   ":9:5: error: a context question must be a mapping, not a string", NULL});
}

Test(diagnostics, priorities_of_wrong_kind)
{
   checkFixture(
      "err-priority.yaml",
      (const char *const[]){":11:31: error: a priority must be the id of a lens question, as text",
                            ":11:35: error: a priority must be the id of a lens question, as text",
                            ":11:50: warning: question 'MLOPS01' is listed twice",
                            ":14:21: error: 'priorities' must be a list, not a string", NULL});
}

Test(diagnostics, anchors)
{
   checkFixture("err-anchor.yaml",
                (const char *const[]){":2:8: error: YAML anchors are not supported ('&t')",
                                      ":7:12: error: YAML aliases are not supported ('*t')", NULL});
}

Test(diagnostics, unknown_lens_questions)
{
   checkFixture("err-unknown-question.yaml",
                (const char *const[]){":11:31: error: lens 'machine-learning' version 2025.12.0 "
                                      "has no question 'MLOPS99'",
                                      ":16:13: error: lens 'machine-learning' version 2025.12.0 "
                                      "has no question 'mlsec02'",
                                      NULL});
}

Test(diagnostics, another_lens)
{
   checkFixture(
      "err-lens-key.yaml",
      (const char *const[]){
         ":4:7: error: the profile is for lens 'serverless', not 'machine-learning'", NULL});
}

Test(diagnostics, warnings_unknown_keys_and_version)
{
   checkFixture(
      "warn-keys.yaml",
      (const char *const[]){":3:1: warning: unknown key 'owner' in the profile is ignored",
                            ":10:5: warning: unknown key 'weight' in a context question is ignored",
                            ":14:9: warning: unknown key 'priority' in a choice is ignored",
                            ":5:3: warning: the profile is for versions * to 2020.1 of lens "
                            "'machine-learning', not 2025.12.0",
                            NULL});
}

Test(diagnostics, too_large)
{
   size_t n = PROFILE_MAX_FILE_SIZE + 1;
   char *buf = xmalloc(n);
   memset(buf, '#', n);
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(Profile_loadBuffer("big", buf, n, &d));
   expect(
      "big", &d,
      (const char *const[]){
         ": error: the file is larger than 1 MiB (1048576 bytes), the limit for a profile", NULL});
   DiagList_free(&d);
   free(buf);
}

/* ---- the shipped profile ---- */

static Profile *shipped(void)
{
   size_t len;
   const char *text = Profiles_defaultText(&len);
   DiagList d;
   DiagList_init(&d);
   Profile *p = Profile_loadBuffer(PROFILE_DEFAULT_NAME, text, len, &d);
   cr_assert_not_null(p);
   cr_assert_eq(d.count, 0, "the shipped profile has %zu diagnostics", d.count);
   DiagList_free(&d);
   return p;
}

/* Fails when a question the profile names leaves the shipped lens. */
Test(shipped, every_priority_is_a_question_of_the_shipped_lens)
{
   Profile *p = shipped();
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadDefault(&d);
   cr_assert(Profile_check(p, lens, "shipped", &d));
   for (size_t i = 0; i < d.count; i++) {
      char *msg = Diag_format(&d.items[i]);
      cr_log_error("%s", msg);
      free(msg);
   }
   cr_assert_eq(d.count, 0);
   /* The same in the installed copy, which the build embeds. */
   char *path = Support_srcPath("data/profiles/machine-learning.yaml");
   Profile *file = Profile_loadFile(path, &d);
   cr_assert_not_null(file);
   cr_assert_str_eq(file->sha256, p->sha256);
   Profile_free(file);
   free(path);
   Lens_free(lens);
   Profile_free(p);
   DiagList_free(&d);
}

/* The topics the issue asks for, each with a choice that marks questions. */
Test(shipped, covers_the_required_contexts)
{
   Profile *p = shipped();
   cr_assert_str_eq(p->lens_key, "machine-learning");
   const char *const topics[] = {"people", "genai", "inference", "data", "scale"};
   for (size_t i = 0; i < sizeof topics / sizeof *topics; i++) {
      const ProfileQuestion *q = Profile_findQuestion(p, topics[i], NULL);
      cr_assert_not_null(q, "no context question '%s'", topics[i]);
      cr_assert_gt(q->choices[0].n_priorities, 0, "'%s' marks nothing", topics[i]);
   }
   /* Fairness and explainability for decisions about people; guardrails
    * (MLSEC05) and lineage (MLOPS02) for fine-tuned foundation models. */
   const ProfileQuestion *people = Profile_findQuestion(p, "people", NULL);
   const ProfileChoice *decides = &people->choices[0];
   bool bias = false;
   for (size_t i = 0; i < decides->n_priorities; i++)
      bias = bias || strcmp(decides->priorities[i], "MLREL03") == 0;
   cr_assert(bias);
   const ProfileQuestion *genai = Profile_findQuestion(p, "genai", NULL);
   int ft = ProfileQuestion_findChoice(genai, "genai_finetune");
   cr_assert_geq(ft, 0);
   size_t found = 0;
   for (size_t i = 0; i < genai->choices[ft].n_priorities; i++)
      found += strcmp(genai->choices[ft].priorities[i], "MLSEC05") == 0 ||
               strcmp(genai->choices[ft].priorities[i], "MLOPS02") == 0;
   cr_assert_eq(found, 2);
   Profile_free(p);
}

/* ---- marks ---- */

static Lens *smallLens(void)
{
   char *path = Support_lensPath("small.yaml");
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadFile(path, &d);
   cr_assert_not_null(lens);
   DiagList_free(&d);
   free(path);
   return lens;
}

static Profile *smallProfile(void)
{
   char *path = profilePath("small.yaml");
   DiagList d;
   DiagList_init(&d);
   Profile *p = Profile_loadFile(path, &d);
   cr_assert_not_null(p);
   cr_assert_eq(d.count, 0);
   DiagList_free(&d);
   free(path);
   return p;
}

Test(marks, chosen_choices_mark_their_questions)
{
   Lens *lens = smallLens();
   Profile *p = smallProfile();
   bool marks[16] = {true, true, true};
   cr_assert_lt(lens->n_questions, 16);
   cr_assert_eq(Profile_mark(p, lens, NULL, 0, marks), 0);
   for (size_t i = 0; i < lens->n_questions; i++)
      cr_assert_not(marks[i]);
   ContextAnswer a[] = {
      {"people", "people_yes"}, {"data", "data_yes"}, {"nope", "x"}, {"people", "unknown"}};
   cr_assert_eq(Profile_mark(p, lens, a, 4, marks), 2);
   size_t q1, q2, q3;
   Lens_findQuestion(lens, "Q1", &q1);
   Lens_findQuestion(lens, "Q2", &q2);
   Lens_findQuestion(lens, "Q3", &q3);
   cr_assert(marks[q1] && marks[q2]);
   cr_assert_not(marks[q3]);
   ContextAnswer no[] = {{"people", "people_no"}, {"data", "data_no"}};
   cr_assert_eq(Profile_mark(p, lens, no, 2, marks), 0);
   Profile_free(p);
   Lens_free(lens);
}

Test(marks, parse_context)
{
   Profile *p = smallProfile();
   ContextAnswer *a = NULL;
   size_t n = 0;
   char *err = NULL;
   cr_assert(ProfileDoc_parseContext(p, "people=people_yes,data=data_no", &a, &n, &err));
   cr_assert_eq(n, 2);
   cr_assert_str_eq(a[1].choice, "data_no");
   ContextAnswer_freeArray(a, n);
   const char *const bad[] = {
      "people", "=x", "people=", "people=data_yes", "who=x", "people=people_yes,people=people_no"};
   for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
      cr_assert_not(ProfileDoc_parseContext(p, bad[i], &a, &n, &err), "%s", bad[i]);
      cr_assert_not_null(err);
      cr_assert_null(a);
      free(err);
      err = NULL;
   }
   Profile_free(p);
}

/* ---- stored with a workload ---- */

static char dir[64];

static void setup(void)
{
   Support_tempDir(dir, sizeof dir, "prof");
   char buf[128];
   snprintf(buf, sizeof buf, "%s/xdg", dir);
   setenv("XDG_DATA_HOME", buf, 1);
   snprintf(buf, sizeof buf, "%s/system-lenses", dir);
   setenv("WALENS_LENSDIR", buf, 1);
}

static void teardown(void)
{
   Support_removeTree(dir);
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, workload_profile_round_trip)
{
   char db[128];
   snprintf(db, sizeof db, "%s/walens.db", dir);
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(db, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   DiagList d;
   DiagList_init(&d);
   int64_t lens_id, wid;
   char *lensPath = Support_lensPath("small.yaml");
   cr_assert_eq(ReviewDoc_resolveLens(s, lensPath, &lens_id, &d, &err), STORE_OK);
   free(lensPath);
   Workload w = {.name = "fraud"};
   cr_assert_eq(Store_addWorkload(s, &w, lens_id, "alice", &wid), STORE_OK);
   ReviewDoc doc;
   cr_assert_eq(ReviewDoc_load(s, "fraud", &doc, &d, &err), STORE_OK);

   ProfileDoc pd;
   cr_assert_eq(ProfileDoc_load(s, wid, doc.lens, &pd, &d), STORE_OK);
   cr_assert_null(pd.profile, "a new workload has no profile");
   cr_assert_eq(ProfileDoc_isPriority(&pd, 0), 0);

   char *path = profilePath("small.yaml");
   char *text;
   size_t len;
   char *name;
   Profile *p = Profiles_resolve(path, &text, &len, &name, &d);
   cr_assert_not_null(p);
   ContextAnswer a[] = {{"data", "data_yes"}};
   cr_assert_eq(ProfileDoc_attach(s, wid, p, text, a, 1, "alice", &err), STORE_OK, "%s", err);
   ContextAnswer bad[] = {{"data", "people_yes"}};
   cr_assert_eq(ProfileDoc_attach(s, wid, p, text, bad, 1, "alice", &err), STORE_INVALID);
   free(err);
   err = NULL;

   cr_assert_eq(ProfileDoc_load(s, wid, doc.lens, &pd, &d), STORE_OK);
   cr_assert_not_null(pd.profile);
   cr_assert_str_eq(pd.profile->key, "small-context");
   cr_assert_eq(pd.n_answers, 1);
   cr_assert_str_eq(ProfileDoc_choice(&pd, "data"), "data_yes");
   cr_assert_null(ProfileDoc_choice(&pd, "people"));
   cr_assert_eq(pd.n_priority, 2);
   size_t q1;
   Lens_findQuestion(doc.lens, "Q1", &q1);
   cr_assert_eq(ProfileDoc_isPriority(&pd, q1), 1);
   ProfileDoc_free(&pd);

   /* The same text is stored once. */
   int64_t again = 0;
   StoreProfile sp = {
      .key = p->key, .title = p->title, .lens_key = p->lens_key, .sha256 = p->sha256, .text = text};
   cr_assert_eq(Store_putProfile(s, &sp, &again), STORE_OK);
   ProfileDoc_load(s, wid, doc.lens, &pd, &d);
   cr_assert_eq(again, pd.profile_id);
   ProfileDoc_free(&pd);

   Profile_free(p);
   free(text);
   free(name);
   free(path);
   ReviewDoc_free(&doc);
   DiagList_free(&d);
   Store_close(s);
}
