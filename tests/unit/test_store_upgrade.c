/* test_store_upgrade.c: store/upgrade.h, moving a review to a newer lens:
 * the upgrade with its re-review marks, refusals, finding a newer lens.
 * tests/unit/test_store_upgrade --filter 'upgrade/?*' (SUITE/TEST). */
#include "config.h"

#include "store_fixture.h"

TestSuite(upgrade, .init = setup, .fini = teardown);

/* ---- lens upgrade ---- */

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
