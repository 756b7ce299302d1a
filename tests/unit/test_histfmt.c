/* test_histfmt.c: store/histfmt.h, history entries as short readable
 * changes, an upgrade's among them.
 * tests/unit/test_histfmt --filter 'history/?*' (SUITE/TEST). */
#include "config.h"

#include "store_fixture.h"

TestSuite(history, .init = setup, .fini = teardown);

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
                   "question marked not applicable (Out of scope)");
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
