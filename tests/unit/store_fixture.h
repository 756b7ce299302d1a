/* store_fixture.h: what the store's review-layer suites share
 * (test_store_plan.c, test_store_schema.c, test_store_upgrade.c,
 * test_histfmt.c): a scratch
 * database per test, fixture lenses, raw SQL, workloads and answers.
 * Header-only, each suite its own copy of the scratch directory. */
#ifndef WALENS_TESTS_UNIT_STORE_FIXTURE_H
#define WALENS_TESTS_UNIT_STORE_FIXTURE_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/histfmt.h"
#include "store/plan.h"
#include "store/reviewdoc.h"
#include "store/store.h"
#include "store/store_internal.h" /* STORE_SCHEMA_VERSION */
#include "store/upgrade.h"
#include "support.h"

#define T0 "2026-11-28T10:00:00Z"

static char dir[64];

static void setup(void)
{
   Support_tempDir(dir, sizeof dir, "ms");
   /* No lens directories but the ones a test makes. */
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

static inline const char *dbPath(void)
{
   static char p[128];
   snprintf(p, sizeof p, "%s/walens.db", dir);
   return p;
}

/* The lens fixture's path, valid until the next call. */
static inline const char *fixture(const char *name)
{
   static char *p;
   free(p);
   p = Support_lensPath(name);
   return p;
}

static inline Store *openStore(void)
{
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(dbPath(), 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_setNow(s, T0);
   return s;
}

static inline long long rawInt(const char *sql)
{
   sqlite3 *db;
   cr_assert_eq(sqlite3_open_v2(dbPath(), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
   sqlite3_stmt *q;
   cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
   cr_assert_eq(sqlite3_step(q), SQLITE_ROW, "%s", sqlite3_errmsg(db));
   long long v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   sqlite3_close(db);
   return v;
}

/* Runs SQL on a raw connection; returns SQLite's message on failure (caller frees). */
static inline char *rawExec(const char *sql)
{
   sqlite3 *db;
   cr_assert_eq(sqlite3_open_v2(dbPath(), &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
   char *msg = NULL;
   char *out = NULL;
   if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
      out = strdup(msg ? msg : "?");
   sqlite3_free(msg);
   sqlite3_close(db);
   return out;
}

/* Adds workload `name` on a fixture lens and loads it into doc. */
static inline void addWorkload(Store *s, const char *name, const char *lens_file, ReviewDoc *doc)
{
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   int64_t lens_id, id;
   cr_assert_eq(ReviewDoc_resolveLens(s, fixture(lens_file), &lens_id, &d, &err), STORE_OK, "%s",
                err ? err : "");
   Workload w = {.name = (char *)name};
   cr_assert_eq(Store_addWorkload(s, &w, lens_id, "tester", &id), STORE_OK, "%s",
                Store_lastError(s));
   cr_assert_eq(ReviewDoc_load(s, name, doc, &d, &err), STORE_OK, "%s", err ? err : "");
   DiagList_free(&d);
}

static inline size_t qIndex(const ReviewDoc *doc, const char *id)
{
   size_t i;
   cr_assert_not_null(Lens_findQuestion(doc->lens, id, &i), "no question %s", id);
   return i;
}

/* Selects (on) or unselects each id of a space-separated list, then writes. */
static inline void answer(Store *s, ReviewDoc *doc, const char *qid, const char *ids, bool on,
                          const char *notes)
{
   size_t q = qIndex(doc, qid);
   const Question *question = &doc->lens->questions[q];
   Answer a = {.choices = malloc(question->n_choices + 1)};
   a.not_applicable = doc->review.answers[q].not_applicable;
   a.reason = doc->review.answers[q].reason;
   memcpy(a.choices, doc->review.answers[q].choices, question->n_choices);
   char *copy = strdup(ids), *save = NULL;
   for (char *id = strtok_r(copy, " ", &save); id; id = strtok_r(NULL, " ", &save)) {
      int c = Question_findChoice(question, id);
      cr_assert_geq(c, 0, "no choice %s", id);
      Answer_select(question, &a, (size_t)c, on);
   }
   free(copy);
   cr_assert_eq(ReviewDoc_putAnswer(s, doc, q, &a, notes, "tester"), STORE_OK, "%s",
                Store_lastError(s));
   free(a.choices);
}

/* The answers the upgrade tests start from (on upgrade-v1.yaml). */
static inline void answerV1(Store *s, ReviewDoc *doc)
{
   answer(s, doc, "UP1", "UP1_a", true, NULL);
   answer(s, doc, "UP2", "UP2_a UP2_old", true, "by hand on Fridays");
   answer(s, doc, "UP3", "UP3_vault", true, NULL);
   answer(s, doc, "UP4", "UP4_log", true, NULL);
   answer(s, doc, "UP5", "UP5_a", true, "grafana");
   PlanTrack t = {.question_id = "UP4", .choice_id = "UP4_review", .owner = "bob"};
   cr_assert_eq(StorePlan_put(s, doc, &t, "tester", NULL, NULL), STORE_OK);
}

#endif
