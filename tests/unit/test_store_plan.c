/* test_store_plan.c: store/plan.h, a review's plan and milestones:
 * milestones (store and ReviewDoc level) and plan tracking through
 * ReviewDoc.  One suite each: tests/unit/test_store_plan --filter
 * 'milestone/?*' (SUITE/TEST).  The schema migrations are in
 * test_store_schema.c, upgrades in test_store_upgrade.c, history in words
 * in test_histfmt.c. */
#include "config.h"

#include "store_fixture.h"

TestSuite(milestone, .init = setup, .fini = teardown);
TestSuite(tracking, .init = setup, .fini = teardown);

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
