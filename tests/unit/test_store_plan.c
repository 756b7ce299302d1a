/* test_store_plan.c: the review layer of the store (store/plan.h,
 * store/upgrade.h, store/histfmt.h): milestones (store and ReviewDoc level),
 * plan tracking through ReviewDoc, the schema migration to version 2, lens
 * upgrades with re-review marks, readable history.  One suite each:
 * tests/unit/test_store_plan --filter 'upgrade/?*' (SUITE/TEST). */
#include "config.h"

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

TestSuite(schema, .init = setup, .fini = teardown);
TestSuite(milestone, .init = setup, .fini = teardown);
TestSuite(tracking, .init = setup, .fini = teardown);
TestSuite(upgrade, .init = setup, .fini = teardown);
TestSuite(history, .init = setup, .fini = teardown);

static const char *dbPath(void)
{
   static char p[128];
   snprintf(p, sizeof p, "%s/walens.db", dir);
   return p;
}

/* The lens fixture's path, valid until the next call. */
static const char *fixture(const char *name)
{
   static char *p;
   free(p);
   p = Support_lensPath(name);
   return p;
}

static Store *openStore(void)
{
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(dbPath(), 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_setNow(s, T0);
   return s;
}

static long long rawInt(const char *sql)
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
static char *rawExec(const char *sql)
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
static void addWorkload(Store *s, const char *name, const char *lens_file, ReviewDoc *doc)
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

static size_t qIndex(const ReviewDoc *doc, const char *id)
{
   size_t i;
   cr_assert_not_null(Lens_findQuestion(doc->lens, id, &i), "no question %s", id);
   return i;
}

/* Selects (on) or unselects each id of a space-separated list, then writes. */
static void answer(Store *s, ReviewDoc *doc, const char *qid, const char *ids, bool on,
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

/* ---- schema ---- */

Test(schema, migrates_from_version_1)
{
   Store_close(openStore());
   cr_assert_null(rawExec("DROP TRIGGER answer_insert_clears_mark;"
                          "DROP TRIGGER answer_update_clears_mark;"
                          "DROP TRIGGER milestone_no_delete; DROP TABLE review_mark;"
                          "ALTER TABLE lens DROP COLUMN origin;"
                          "DROP TABLE choice_note; DROP TABLE context_answer;"
                          "DROP TABLE workload_profile; DROP TABLE profile;"
                          "PRAGMA user_version = 1;"));
   Store *s = openStore();
   cr_assert_eq(Store_schemaVersion(s), STORE_SCHEMA_VERSION);
   cr_assert_eq(STORE_SCHEMA_VERSION, 5);
   Store_close(s);
   cr_assert_eq(rawInt("PRAGMA user_version"), 5);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name IN ('profile',"
                       " 'workload_profile', 'context_answer')"),
                3);
   cr_assert_eq(rawInt("SELECT count(*) FROM pragma_table_info('lens') WHERE name = 'origin'"), 1);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name IN ('review_mark',"
                       " 'answer_insert_clears_mark', 'answer_update_clears_mark',"
                       " 'milestone_no_delete', 'choice_note')"),
                5);
}

/* Version 4 adds the practices' notes to a version 3 database; its answers
 * stay as they were, with no practice notes. */
Test(schema, migrates_from_version_3)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   unsigned char choices[64] = {CHOICE_SELECTED};
   Answer a = {.choices = choices};
   cr_assert_eq(ReviewDoc_putAnswer(s, &doc, 0, &a, "kept", "alice"), STORE_OK);
   ReviewDoc_free(&doc);
   Store_close(s);
   cr_assert_null(rawExec("DROP TABLE choice_note; DROP TABLE context_answer;"
                          "DROP TABLE workload_profile; DROP TABLE profile;"
                          "PRAGMA user_version = 3;"));
   s = openStore();
   cr_assert_eq(Store_schemaVersion(s), STORE_SCHEMA_VERSION);
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(ReviewDoc_load(s, "fraud", &doc, &d, &err), STORE_OK);
   DiagList_free(&d);
   cr_assert_str_eq(doc.stored[0].notes, "kept");
   cr_assert_eq(doc.stored[0].n_choice_notes, 0);
   cr_assert_eq(ReviewDoc_putChoiceNote(s, &doc, 0, 0, "https://runbook.example/a", "bob"),
                STORE_OK);
   cr_assert_eq(doc.stored[0].n_choice_notes, 1);
   cr_assert_str_eq(ReviewDoc_choiceNote(&doc, 0, 0), "https://runbook.example/a");
   cr_assert_null(ReviewDoc_choiceNote(&doc, 0, 1));
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* ---- the store API ---- */

Test(milestone, store_add_list_get)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   int64_t rid = doc.workload.review_id, id = 0;
   cr_assert_eq(Store_addMilestone(s, rid, "m1", "{\"a\":1}", "alice", &id), STORE_OK);
   cr_assert_gt(id, 0);
   Store_setNow(s, "2026-11-29T08:00:00Z");
   cr_assert_eq(Store_addMilestone(s, rid, "m2", "{\"a\":2}", "bob", NULL), STORE_OK);
   cr_assert_eq(Store_addMilestone(s, rid, "m1", "{}", "bob", NULL), STORE_EXISTS);
   cr_assert_str_eq(Store_lastError(s), "a milestone named 'm1' exists already");
   cr_assert_eq(Store_addMilestone(s, rid, "", "{}", "bob", NULL), STORE_INVALID);
   cr_assert_eq(Store_addMilestone(s, rid, "   ", "{}", "bob", NULL), STORE_INVALID);
   cr_assert_eq(Store_addMilestone(s, rid, "a\tb", "{}", "bob", NULL), STORE_INVALID);
   cr_assert_eq(Store_addMilestone(s, rid, "m3", "", "bob", NULL), STORE_INVALID);
   cr_assert_eq(Store_addMilestone(s, rid, "m3", "{}", "", NULL), STORE_INVALID);
   cr_assert_eq(Store_addMilestone(s, 999, "m3", "{}", "bob", NULL), STORE_NOT_FOUND);

   Milestone *all;
   size_t n;
   cr_assert_eq(Store_listMilestones(s, rid, false, &all, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(all[0].name, "m1");
   cr_assert_str_eq(all[0].created_by, "alice");
   cr_assert_str_eq(all[0].created_at, T0);
   cr_assert_null(all[0].snapshot);
   cr_assert_str_eq(all[1].name, "m2");
   cr_assert_str_eq(all[1].created_at, "2026-11-29T08:00:00Z");
   Milestone_freeArray(all, n);
   cr_assert_eq(Store_listMilestones(s, rid, true, &all, &n), STORE_OK);
   cr_assert_str_eq(all[1].snapshot, "{\"a\":2}");
   Milestone_freeArray(all, n);

   Milestone m;
   cr_assert_eq(Store_getMilestone(s, rid, "m1", &m), STORE_OK);
   cr_assert_eq(m.id, id);
   cr_assert_str_eq(m.snapshot, "{\"a\":1}");
   Milestone_free(&m);
   cr_assert_eq(Store_getMilestone(s, rid, "nope", &m), STORE_NOT_FOUND);
   cr_assert_str_eq(Store_lastError(s), "no milestone named 'nope'");
   /* Each addition is in the history (so other processes notice). */
   cr_assert_eq(rawInt("SELECT count(*) FROM history WHERE kind = 'milestone'"), 2);
   ReviewDoc_free(&doc);
   Store_close(s);
}

Test(milestone, notices_another_connection)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   Store *other = openStore();
   Store_changedElsewhere(other);
   cr_assert_eq(Store_addMilestone(s, doc.workload.review_id, "m", "{}", "a", NULL), STORE_OK);
   cr_assert(Store_changedElsewhere(other));
   Store_close(other);
   ReviewDoc_free(&doc);
   Store_close(s);
}

Test(milestone, rows_are_immutable)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   cr_assert_eq(StorePlan_addMilestone(s, &doc, "base", "tester", NULL, NULL), STORE_OK);
   Store_close(s);
   char *msg = rawExec("UPDATE milestone SET snapshot = '{}'");
   cr_assert_str_eq(msg, "milestones are immutable");
   free(msg);
   msg = rawExec("DELETE FROM milestone");
   cr_assert_str_eq(msg, "milestones are immutable");
   free(msg);
   cr_assert_eq(rawInt("SELECT count(*) FROM milestone"), 1);
   ReviewDoc_free(&doc);
}

/* ---- ReviewDoc level ---- */

Test(milestone, snapshot_reads_the_same_after_changes)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   answer(s, &doc, "Q1", "Q1_a", true, "notes one");
   PlanTrack t = {
      .question_id = "Q1", .choice_id = "Q1_b", .status = PLAN_IN_PROGRESS, .owner = "alice"};
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, NULL), STORE_OK);
   cr_assert_eq(StorePlan_addMilestone(s, &doc, "base", "tester", NULL, NULL), STORE_OK);
   char *err = NULL;
   cr_assert_eq(StorePlan_addMilestone(s, &doc, "base", "tester", NULL, &err), STORE_EXISTS);
   cr_assert_str_eq(err, "workload 'fraud' already has a milestone named 'base'");
   free(err);
   Milestone before;
   cr_assert_eq(Store_getMilestone(s, doc.workload.review_id, "base", &before), STORE_OK);

   answer(s, &doc, "Q1", "Q1_b Q1_c", true, "notes two");
   answer(s, &doc, "Q3", "Q3_vault", true, NULL);
   MilestoneSnap m;
   cr_assert_eq(StorePlan_milestone(s, &doc, "base", &m, &err), STORE_OK);
   cr_assert_eq(m.snap.total.by_risk[RISK_HIGH], 1);
   cr_assert_eq(m.snap.total.by_risk[RISK_UNANSWERED], 4);
   cr_assert_eq(m.snap.total.plan_active, 2);
   cr_assert_str_eq(m.snap.questions[0].notes, "notes one");
   const PlanItem *it = Plan_find(&m.snap.plan, "Q1", "Q1_b");
   cr_assert_eq(it->state, PLAN_ITEM_ACTIVE);
   cr_assert_str_eq(it->track.owner, "alice");
   cr_assert_str_eq(m.row.created_by, "tester");
   MilestoneSnap_free(&m);
   cr_assert_eq(StorePlan_milestone(s, &doc, "nope", &m, &err), STORE_NOT_FOUND);
   cr_assert_str_eq(err, "workload 'fraud' has no milestone named 'nope'");
   free(err);

   /* The text itself never changes, lens upgrade included (see below). */
   Milestone after;
   cr_assert_eq(Store_getMilestone(s, doc.workload.review_id, "base", &after), STORE_OK);
   cr_assert_str_eq(before.snapshot, after.snapshot);
   Milestone_free(&before);
   Milestone_free(&after);

   Snapshot now;
   cr_assert_eq(StorePlan_snapshot(s, &doc, &now, NULL), STORE_OK);
   cr_assert_str_eq(now.today, "2026-11-28");
   cr_assert_eq(now.total.by_risk[RISK_NONE], 1);
   cr_assert_eq(now.total.by_risk[RISK_MEDIUM], 1);
   Snapshot_free(&now);
   ReviewDoc_free(&doc);
   Store_close(s);
}

Test(milestone, a_broken_snapshot_is_reported)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   cr_assert_eq(Store_addMilestone(s, doc.workload.review_id, "bad", "{\"format\": 7}", "x", NULL),
                STORE_OK);
   MilestoneSnap m;
   char *err = NULL;
   cr_assert_eq(StorePlan_milestone(s, &doc, "bad", &m, &err), STORE_INVALID);
   cr_assert_str_eq(err, "milestone 'bad' of workload 'fraud': snapshot: format 7 is newer"
                         " than this walens (1)");
   free(err);
   /* The list keeps it, marked and named, beside the readable ones
    * (issue 19: one damaged milestone must not fail every report). */
   cr_assert_eq(StorePlan_addMilestone(s, &doc, "good", "x", NULL, &err), STORE_OK);
   MilestoneSnap *all;
   size_t n;
   err = NULL;
   cr_assert_eq(StorePlan_milestones(s, &doc, &all, &n, &err), STORE_OK);
   cr_assert_null(err);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(all[0].row.name, "bad");
   cr_assert_str_eq(all[0].damage, "milestone 'bad' of workload 'fraud': snapshot: format 7 is "
                                   "newer than this walens (1)");
   cr_assert_eq(all[0].snap.total.questions, 0);
   cr_assert_str_eq(all[1].row.name, "good");
   cr_assert_null(all[1].damage);
   cr_assert_gt(all[1].snap.total.questions, 0);
   MilestoneSnap_freeArray(all, n);
   /* The trend's light read marks what is not JSON at all. */
   cr_assert_eq(Store_addMilestone(s, doc.workload.review_id, "worse", "{not json", "x", NULL),
                STORE_OK);
   cr_assert_eq(StorePlan_milestoneTotals(s, &doc, &all, &n, &err), STORE_OK);
   cr_assert_eq(n, 3);
   cr_assert_not_null(all[2].damage);
   cr_assert(strstr(all[2].damage, "milestone 'worse'"));
   cr_assert_null(all[1].damage);
   MilestoneSnap_freeArray(all, n);
   ReviewDoc_free(&doc);
   Store_close(s);
}

static double seconds(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(milestone, a_hundred_milestones)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "ml", "small.yaml", &doc);
   const char *cycle[] = {"Q1_a", "Q1_b", "Q1_c"};
   double t0 = seconds();
   for (int i = 0; i < 100; i++) {
      answer(s, &doc, "Q1", cycle[i % 3], i % 2 == 0, NULL);
      char name[32];
      snprintf(name, sizeof name, "m%03d", i);
      cr_assert_eq(StorePlan_addMilestone(s, &doc, name, "tester", NULL, NULL), STORE_OK);
   }
   double t1 = seconds();
   MilestoneSnap *all;
   size_t n;
   char *err = NULL;
   cr_assert_eq(StorePlan_milestones(s, &doc, &all, &n, &err), STORE_OK);
   double t2 = seconds();
   cr_assert_eq(n, 100);
   for (size_t i = 0; i < n; i++) {
      char name[32];
      snprintf(name, sizeof name, "m%03zu", i);
      cr_assert_str_eq(all[i].row.name, name);
   }
   /* Milestone 0 has Q1_a; the last toggles left Q1_a off (i = 99), Q1_b
    * off (i = 97), Q1_c on (i = 98). */
   cr_assert_eq(all[0].snap.questions[0].risk, RISK_HIGH);
   cr_assert_eq(all[99].snap.questions[0].risk, RISK_HIGH);
   cr_assert_eq(all[0].snap.questions[0].choices[0].state, CHOICE_SELECTED);
   cr_assert_eq(all[99].snap.questions[0].choices[2].state, CHOICE_SELECTED);
   SnapshotDiff d;
   Snapshot_diff(&all[0].snap, &all[99].snap, &d);
   cr_assert_eq(d.n_selected, 1);
   cr_assert_str_eq(d.practices[0].choice->id, "Q1_c");
   cr_assert_eq(d.n_unselected, 1);
   cr_assert_str_eq(d.practices[1].choice->id, "Q1_a");
   cr_assert_eq(d.n_risks, 0);
   cr_assert_eq(d.n_opened, 1);
   cr_assert_eq(d.n_closed, 1);
   SnapshotDiff_free(&d);
   MilestoneSnap_freeArray(all, n);
   /* Generous bounds: this must stay interactive-fast, not be a benchmark. */
   cr_assert_lt(t1 - t0, 20.0, "100 milestones took %.2fs to add", t1 - t0);
   cr_assert_lt(t2 - t1, 2.0, "100 milestones took %.2fs to list", t2 - t1);
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* ---- plan tracking through ReviewDoc ---- */

Test(tracking, validation_errors)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   char *err = NULL;
   PlanTrack t = {.question_id = "Q1", .choice_id = "Q1_a", .due = "2026-02-30"};
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, &err), STORE_INVALID);
   cr_assert_str_eq(err, "invalid due date '2026-02-30' (a real date as YYYY-MM-DD)");
   free(err);
   t.due = "28/11/2026";
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, &err), STORE_INVALID);
   cr_assert_str_eq(err, "invalid due date '28/11/2026' (a real date as YYYY-MM-DD)");
   free(err);
   t.due = NULL;
   t.priority = -1;
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, &err), STORE_INVALID);
   cr_assert_str_eq(err, "invalid priority -1 (0 for none, or 1 and up)");
   free(err);
   t.priority = 0;
   t.question_id = "Q9";
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, &err), STORE_INVALID);
   cr_assert_str_eq(err, "workload 'fraud' has no question 'Q9'");
   free(err);
   t.question_id = "Q1";
   t.choice_id = "Q1_no";
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, &err), STORE_INVALID);
   cr_assert_str_eq(err, "question Q1 has no practice 'Q1_no'");
   free(err);
   t.choice_id = "Q1_a";
   t.status = PLAN_IN_PROGRESS; /* a change: the defaults alone write nothing */
   int64_t v = 0;
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", &v, NULL), STORE_OK);
   cr_assert_eq(v, 1);
   /* A second writer with the old version is refused. */
   cr_assert_eq(StorePlan_put(s, &doc, &t, "other", NULL, &err), STORE_CONFLICT);
   cr_assert_str_eq(err, "Q1/Q1_a was changed meanwhile by tester at " T0);
   free(err);
   cr_assert_eq(rawInt("SELECT count(*) FROM plan_item"), 1);
   ReviewDoc_free(&doc);
   Store_close(s);
}

Test(tracking, survives_answer_changes)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   answer(s, &doc, "Q1", "Q1_c", true, NULL);
   PlanTrack t = {.question_id = "Q1",
                  .choice_id = "Q1_a",
                  .status = PLAN_DONE,
                  .owner = "alice",
                  .due = "2026-12-01",
                  .priority = 2,
                  .note = "pipeline"};
   cr_assert_eq(StorePlan_put(s, &doc, &t, "tester", NULL, NULL), STORE_OK);
   Plan p;
   cr_assert_eq(StorePlan_load(s, &doc, &p, NULL), STORE_OK);
   cr_assert_eq(p.n_active, 2);
   const PlanItem *it = Plan_find(&p, "Q1", "Q1_a");
   cr_assert(it->tracked);
   cr_assert_eq(it->track.version, 1);
   cr_assert_str_eq(it->track.updated_by, "tester");
   Plan_free(&p);

   answer(s, &doc, "Q1", "Q1_a", true, NULL);
   cr_assert_eq(StorePlan_load(s, &doc, &p, NULL), STORE_OK);
   it = Plan_find(&p, "Q1", "Q1_a");
   cr_assert_eq(it->state, PLAN_ITEM_RESOLVED);
   cr_assert_str_eq(it->track.note, "pipeline");
   Plan_free(&p);

   answer(s, &doc, "Q1", "Q1_a", false, NULL);
   cr_assert_eq(StorePlan_load(s, &doc, &p, NULL), STORE_OK);
   it = Plan_find(&p, "Q1", "Q1_a");
   cr_assert_eq(it->state, PLAN_ITEM_ACTIVE);
   cr_assert_eq(it->track.status, PLAN_DONE);
   cr_assert_str_eq(it->track.due, "2026-12-01");
   cr_assert_eq(it->track.priority, 2);
   Plan_free(&p);
   char today[11];
   StorePlan_today(s, today);
   cr_assert_str_eq(today, "2026-11-28");
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* ---- lens upgrade ---- */

/* The answers the upgrade tests start from (on upgrade-v1.yaml). */
static void answerV1(Store *s, ReviewDoc *doc)
{
   answer(s, doc, "UP1", "UP1_a", true, NULL);
   answer(s, doc, "UP2", "UP2_a UP2_old", true, "by hand on Fridays");
   answer(s, doc, "UP3", "UP3_vault", true, NULL);
   answer(s, doc, "UP4", "UP4_log", true, NULL);
   answer(s, doc, "UP5", "UP5_a", true, "grafana");
   PlanTrack t = {.question_id = "UP4", .choice_id = "UP4_review", .owner = "bob"};
   cr_assert_eq(StorePlan_put(s, doc, &t, "tester", NULL, NULL), STORE_OK);
}

static const UpgradeItem *findItem(const UpgradeReport *r, const char *id)
{
   for (size_t i = 0; i < r->n_items; i++)
      if (strcmp(r->items[i].question_id, id) == 0)
         return &r->items[i];
   return NULL;
}

Test(upgrade, v1_to_v2)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "up", "upgrade-v1.yaml", &doc);
   answerV1(s, &doc);
   int64_t old_lens = doc.workload.lens_id;
   Milestone m0;
   memset(&m0, 0, sizeof m0);

   /* A dry run reports and writes nothing. */
   long long hist = rawInt("SELECT count(*) FROM history");
   UpgradeReport r;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(
      ReviewDoc_upgrade(s, &doc, fixture("upgrade-v2.yaml"), NULL, true, "tester", &r, &d, &err),
      STORE_OK, "%s", err ? err : "");
   cr_assert_str_eq(r.milestone, "before-upgrade-to-2.0");
   cr_assert_eq(r.carried, 4);
   UpgradeReport_free(&r);
   cr_assert_eq(rawInt("SELECT count(*) FROM history"), hist);
   cr_assert_eq(rawInt("SELECT count(*) FROM lens"), 1);
   cr_assert_eq(doc.workload.lens_id, old_lens);

   cr_assert_eq(
      ReviewDoc_upgrade(s, &doc, fixture("upgrade-v2.yaml"), NULL, false, "tester", &r, &d, &err),
      STORE_OK, "%s", err ? err : "");
   cr_assert_not(r.same);
   cr_assert_str_eq(r.lens_key, "upgrade");
   cr_assert_str_eq(r.from_version, "1.0");
   cr_assert_str_eq(r.to_version, "2.0");
   cr_assert_eq(r.carried, 4);   /* UP1, UP2, UP3, UP5 */
   cr_assert_eq(r.rewritten, 1); /* UP2 loses UP2_old */
   cr_assert_eq(r.removed, 1);   /* UP4 */
   cr_assert_eq(r.marked, 3);    /* UP1 title, UP2 choices, UP3 rules */
   cr_assert_eq(r.n_items, 5);
   const UpgradeItem *it = findItem(&r, "UP2");
   cr_assert_eq(it->changes, LENSDIFF_CHOICES | LENSDIFF_RULES);
   cr_assert(it->marked);
   cr_assert_eq(it->n_removed_choices, 1);
   cr_assert_str_eq(it->removed_choices[0], "UP2_old");
   cr_assert_eq(it->n_dropped, 1);
   cr_assert_str_eq(it->dropped[0], "UP2_old");
   it = findItem(&r, "UP4");
   cr_assert_eq(it->changes, LENSDIFF_REMOVED);
   cr_assert(it->answered);
   cr_assert_not(it->marked);
   cr_assert_str_eq(it->title, "How do you audit access?");
   it = findItem(&r, "UP6");
   cr_assert_eq(it->changes, LENSDIFF_ADDED);
   cr_assert_not(it->answered);
   cr_assert_null(findItem(&r, "UP5"));
   cr_assert_str_eq(findItem(&r, "UP1")->title, "How do you build and test?");

   /* doc now reads the new lens with the carried answers and the marks. */
   cr_assert_str_eq(doc.lens->version, "2.0");
   cr_assert_eq(doc.workload.lens_id, r.to_lens_id);
   cr_assert_neq(r.to_lens_id, old_lens);
   size_t up2 = qIndex(&doc, "UP2");
   cr_assert_eq(doc.review.answers[up2].choices[0], CHOICE_SELECTED);
   cr_assert_eq(doc.review.answers[up2].choices[2], CHOICE_UNSELECTED);
   cr_assert_eq(doc.stored[up2].n_selected, 1);
   cr_assert_str_eq(doc.stored[up2].notes, "by hand on Fridays");
   cr_assert_eq(doc.stored[up2].version, 2);
   cr_assert_str_eq(doc.stored[qIndex(&doc, "UP5")].notes, "grafana");
   cr_assert_eq(doc.stored[qIndex(&doc, "UP5")].version, 1);
   cr_assert(doc.needs_review[qIndex(&doc, "UP1")]);
   cr_assert(doc.needs_review[up2]);
   cr_assert(doc.needs_review[qIndex(&doc, "UP3")]);
   cr_assert_not(doc.needs_review[qIndex(&doc, "UP5")]);
   cr_assert_not(doc.needs_review[qIndex(&doc, "UP6")]);
   cr_assert_eq(rawInt("SELECT count(*) FROM answer WHERE question_id = 'UP4'"), 0);
   cr_assert_eq(rawInt("SELECT count(*) FROM review_mark"), 3);
   UpgradeReport_free(&r);

   /* The milestone holds the review as it was, on the old lens. */
   MilestoneSnap ms;
   cr_assert_eq(StorePlan_milestone(s, &doc, "before-upgrade-to-2.0", &ms, &err), STORE_OK);
   cr_assert_str_eq(ms.snap.lens_version, "1.0");
   cr_assert_geq(Snapshot_findQuestion(&ms.snap, "UP4"), 0);
   cr_assert_eq(Snapshot_findQuestion(&ms.snap, "UP6"), -1);
   cr_assert_str_eq(ms.snap.questions[Snapshot_findQuestion(&ms.snap, "UP1")].title,
                    "How do you build?");
   MilestoneSnap_free(&ms);

   /* Tracking of the removed practice stays, as an orphan. */
   Plan p;
   cr_assert_eq(StorePlan_load(s, &doc, &p, NULL), STORE_OK);
   const PlanItem *orphan = Plan_find(&p, "UP4", "UP4_review");
   cr_assert_not_null(orphan);
   cr_assert_eq(orphan->state, PLAN_ITEM_ORPHANED);
   cr_assert_str_eq(orphan->track.owner, "bob");
   Plan_free(&p);

   /* Answering clears a mark; so does confirming it. */
   answer(s, &doc, "UP1", "UP1_b", true, NULL);
   cr_assert_not(doc.needs_review[qIndex(&doc, "UP1")]);
   cr_assert_eq(Store_clearReviewMark(s, doc.workload.review_id, "UP3", "tester"), STORE_OK);
   cr_assert_eq(Store_clearReviewMark(s, doc.workload.review_id, "UP3", "tester"), STORE_OK);
   char **marks;
   size_t n;
   cr_assert_eq(Store_getReviewMarks(s, doc.workload.review_id, &marks, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert_str_eq(marks[0], "UP2");
   free(marks[0]);
   free(marks);

   /* Again: the same text, nothing to do. */
   cr_assert_eq(
      ReviewDoc_upgrade(s, &doc, fixture("upgrade-v2.yaml"), NULL, false, "tester", &r, &d, &err),
      STORE_OK);
   cr_assert(r.same);
   cr_assert_null(r.milestone);
   UpgradeReport_free(&r);
   DiagList_free(&d);
   ReviewDoc_free(&doc);
   Store_close(s);
}

Test(upgrade, refusals_and_names)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "up", "upgrade-v1.yaml", &doc);
   UpgradeReport r;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(
      ReviewDoc_upgrade(s, &doc, fixture("small.yaml"), NULL, false, "tester", &r, &d, &err),
      STORE_INVALID);
   char want[1200];
   snprintf(want, sizeof want, "%s is lens 'small', not a version of 'upgrade'",
            fixture("small.yaml"));
   cr_assert_str_eq(err, want);
   free(err);
   cr_assert_eq(ReviewDoc_upgrade(s, &doc, NULL, NULL, false, "tester", &r, &d, &err),
                STORE_NOT_FOUND);
   cr_assert_str_eq(err, "no newer version of lens 'upgrade' (1.0) is available");
   free(err);
   /* The default name is taken: a suffix is added. */
   cr_assert_eq(StorePlan_addMilestone(s, &doc, "before-upgrade-to-2.0", "tester", NULL, NULL),
                STORE_OK);
   cr_assert_eq(
      ReviewDoc_upgrade(s, &doc, fixture("upgrade-v2.yaml"), NULL, true, "tester", &r, &d, &err),
      STORE_OK);
   cr_assert_str_eq(r.milestone, "before-upgrade-to-2.0-2");
   UpgradeReport_free(&r);
   /* A name given and taken is refused, and nothing changes. */
   cr_assert_eq(ReviewDoc_upgrade(s, &doc, fixture("upgrade-v2.yaml"), "before-upgrade-to-2.0",
                                  false, "tester", &r, &d, &err),
                STORE_EXISTS);
   cr_assert_str_eq(err, "workload 'up' already has a milestone named 'before-upgrade-to-2.0'");
   free(err);
   cr_assert_str_eq(doc.lens->version, "1.0");
   cr_assert_eq(rawInt("SELECT count(*) FROM review r JOIN lens l ON l.id = r.lens_id"
                       " WHERE l.version = '1.0'"),
                1);
   DiagList_free(&d);
   ReviewDoc_free(&doc);
   Store_close(s);
}

Test(upgrade, finds_a_newer_lens)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "up", "upgrade-v1.yaml", &doc);
   LensCandidate c;
   cr_assert_eq(ReviewDoc_findUpgrade(s, &doc, &c), STORE_NOT_FOUND);
   /* Put v2 in the user's lens directory. */
   char path[256];
   snprintf(path, sizeof path, "%s/xdg", dir);
   mkdir(path, 0700);
   snprintf(path, sizeof path, "%s/xdg/walens", dir);
   mkdir(path, 0700);
   snprintf(path, sizeof path, "%s/xdg/walens/lenses", dir);
   mkdir(path, 0700);
   char copy[300];
   snprintf(copy, sizeof copy, "%s/v2.yaml", path);
   Support_copyFile(fixture("upgrade-v2.yaml"), copy);
   cr_assert_eq(ReviewDoc_findUpgrade(s, &doc, &c), STORE_OK);
   cr_assert_str_eq(c.key, "upgrade");
   cr_assert_str_eq(c.version, "2.0");
   cr_assert_not_null(strstr(c.path, "/xdg/walens/lenses/v2.yaml"));
   cr_assert_not(c.builtin);
   cr_assert_eq(c.lens_id, 0);
   LensCandidate_free(&c);
   /* NULL lens argument: the candidate found. */
   UpgradeReport r;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(ReviewDoc_upgrade(s, &doc, NULL, NULL, false, "tester", &r, &d, &err), STORE_OK,
                "%s", err ? err : "");
   cr_assert_str_eq(r.to_version, "2.0");
   UpgradeReport_free(&r);
   /* Once upgraded, nothing newer. */
   cr_assert_eq(ReviewDoc_findUpgrade(s, &doc, &c), STORE_NOT_FOUND);
   DiagList_free(&d);
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* ---- history in words ---- */

static char *describe(const char *kind, const char *before, const char *after)
{
   HistoryEntry e = {.kind = (char *)kind, .before = (char *)before, .after = (char *)after};
   return HistoryEntry_describe(&e);
}

static void assertDescribes(const char *kind, const char *before, const char *after,
                            const char *want)
{
   char *got = describe(kind, before, after);
   cr_assert_str_eq(got, want);
   free(got);
}

Test(history, describes_changes)
{
   assertDescribes("answer", NULL,
                   "{\"not_applicable\":false,\"na_reason\":null,\"selected\":[\"A\",\"B\"],"
                   "\"na_choices\":[],\"notes\":null,\"version\":1}",
                   "selected A, B");
   assertDescribes("answer",
                   "{\"not_applicable\":false,\"selected\":[\"A\",\"B\"],\"na_choices\":[],"
                   "\"notes\":\"x\"}",
                   "{\"not_applicable\":false,\"selected\":[\"A\",\"C\"],\"na_choices\":[\"D\"],"
                   "\"notes\":\"y\"}",
                   "selected C; unselected B; marked D not applicable; notes changed");
   assertDescribes("answer", "{\"not_applicable\":false,\"selected\":[]}",
                   "{\"not_applicable\":true,\"na_reason\":\"OUT_OF_SCOPE\",\"selected\":[]}",
                   "question marked not applicable (OUT_OF_SCOPE)");
   assertDescribes("answer", "{\"selected\":[\"A\"],\"notes\":\"n\"}",
                   "{\"selected\":[\"A\"],\"notes\":\"n\"}", "saved again, no change");
   assertDescribes("answer", "{\"selected\":[\"A\",\"OLD\"]}",
                   "{\"selected\":[\"A\"],\"reason\":\"lens_upgrade\"}",
                   "dropped OLD (no longer in the lens)");
   assertDescribes("answer", "{\"selected\":[\"A\"]}", "{\"deleted\":true}",
                   "answer removed by lens upgrade (question no longer in the lens)");
   assertDescribes("answer", NULL, "{\"needs_review\":true,\"reason\":\"lens_upgrade\"}",
                   "marked for re-review after lens upgrade");
   assertDescribes("answer", "{\"needs_review\":true}", "{\"needs_review\":false}",
                   "re-review confirmed");
   assertDescribes(
      "plan", NULL,
      "{\"status\":\"in_progress\",\"owner\":\"alice\",\"due\":\"2026-12-01\","
      "\"priority\":2,\"note\":\"n\",\"version\":1}",
      "status open -> in progress; owner alice; due 2026-12-01; priority 2; note added");
   /* Statuses as shown; a word from a newer walens as it is. */
   assertDescribes("plan", "{\"status\":\"wont_do\"}", "{\"status\":\"risk_accepted\"}",
                   "status won't do -> risk accepted");
   assertDescribes("plan", "{\"status\":\"frozen\"}", "{\"status\":\"done\"}",
                   "status frozen -> done");
   assertDescribes(
      "plan",
      "{\"status\":\"open\",\"owner\":\"alice\",\"due\":\"2026-12-01\",\"priority\":2,"
      "\"note\":\"n\"}",
      "{\"status\":\"open\",\"owner\":\"bob\",\"due\":null,\"priority\":0,\"note\":null}",
      "owner alice -> bob; due cleared; priority cleared; note cleared");
   assertDescribes("workload", NULL, "{\"name\":\"w\"}", "created");
   assertDescribes("workload", "{\"name\":\"a\"}", "{\"name\":\"b\"}", "renamed from a to b");
   assertDescribes("workload", "{\"archived\":false}", "{\"archived\":true}", "archived");
   assertDescribes(
      "workload", "{\"lens_id\":1,\"lens_key\":\"k\",\"lens_version\":\"1.0\"}",
      "{\"lens_id\":2,\"lens_key\":\"k\",\"lens_version\":\"2.0\",\"milestone\":\"m\"}",
      "lens k 1.0 -> 2.0; milestone m saved before");
   assertDescribes("milestone", NULL, "{\"name\":\"m\"}", "milestone saved");
   assertDescribes("answer", "not json", "{}", "changed");
}

Test(history, records_an_upgrade)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "up", "upgrade-v1.yaml", &doc);
   answerV1(s, &doc);
   UpgradeReport r;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(
      ReviewDoc_upgrade(s, &doc, fixture("upgrade-v2.yaml"), "pre", false, "tester", &r, &d, &err),
      STORE_OK);
   UpgradeReport_free(&r);
   HistoryEntry *e;
   size_t n;
   cr_assert_eq(Store_history(s, doc.workload.review_id, "UP2", &e, &n), STORE_OK);
   cr_assert_eq(n, 3);
   const char *want[] = {"selected UP2_a, UP2_old; notes added",
                         "dropped UP2_old (no longer in the lens)",
                         "marked for re-review after lens upgrade"};
   for (size_t i = 0; i < n; i++) {
      char *got = HistoryEntry_describe(&e[i]);
      cr_assert_str_eq(got, want[i]);
      free(got);
   }
   HistoryEntry_freeArray(e, n);
   cr_assert_eq(Store_history(s, doc.workload.review_id, NULL, &e, &n), STORE_OK);
   /* created, 5 answers, 1 plan, milestone, lens, UP2 rewrite, UP4 removal, 3 marks */
   cr_assert_eq(n, 14);
   char *got = HistoryEntry_describe(&e[8]);
   cr_assert_str_eq(got, "lens upgrade 1.0 -> 2.0; milestone pre saved before");
   free(got);
   HistoryEntry_freeArray(e, n);
   DiagList_free(&d);
   ReviewDoc_free(&doc);
   Store_close(s);
}
