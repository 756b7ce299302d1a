/* test_reviewdoc.c: the workloads list's summaries.  ReviewDoc_summaries
 * reads the counts kept for every review (counting again those another
 * writer left stale); each row must equal what ReviewDoc_summary gives for
 * that review alone, whatever the rows hold.  And the doctor's check finds
 * and repairs a kept count that drifted. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/reviewdoc.h"
#include "store/store.h"
#include "support.h"

static char dir[64];

static void setup(void)
{
   Support_tempDir(dir, sizeof dir, "rd");
}

static void teardown(void)
{
   Support_removeTree(dir);
}

TestSuite(summaries, .init = setup, .fini = teardown);

static Store *openStore(void)
{
   char p[128];
   Store *s = NULL;
   char *err = NULL;
   snprintf(p, sizeof p, "%s/walens.db", dir);
   cr_assert_eq(Store_open(p, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   return s;
}

static int64_t lensId(Store *s, const char *file)
{
   char *p = Support_lensPath(file);
   DiagList d;
   char *err = NULL;
   int64_t id = 0;
   DiagList_init(&d);
   cr_assert_eq(ReviewDoc_resolveLens(s, p, &id, &d, &err), STORE_OK, "%s", err ? err : "");
   DiagList_free(&d);
   free(p);
   return id;
}

static void addWorkload(Store *s, const char *name, int64_t lens_id, const char *at)
{
   Workload w = {.name = (char *)name};
   Store_setNow(s, at);
   cr_assert_eq(Store_addWorkload(s, &w, lens_id, "creator", NULL), STORE_OK, "%s",
                Store_lastError(s));
}

static int64_t reviewOf(Store *s, const char *name)
{
   Workload w;
   cr_assert_eq(Store_findWorkload(s, name, &w), STORE_OK);
   int64_t id = w.review_id;
   Workload_free(&w);
   return id;
}

/* Writes one answer (a first write): selected and na are space-separated
 * choice ids ("" for none); na_reason NULL for an answered question. */
static void answer(Store *s, const char *workload, const char *qid, const char *selected,
                   const char *na, const char *na_reason, const char *user, const char *at)
{
   char *sel = strdup(selected), *nas = strdup(na), *save = NULL;
   char *sel_ids[8], *na_ids[8];
   StoredAnswer a = {.question_id = (char *)qid,
                     .selected = sel_ids,
                     .na_choices = na_ids,
                     .not_applicable = na_reason != NULL,
                     .na_reason = (char *)na_reason};
   for (char *t = strtok_r(sel, " ", &save); t; t = strtok_r(NULL, " ", &save))
      sel_ids[a.n_selected++] = t;
   for (char *t = strtok_r(nas, " ", &save); t; t = strtok_r(NULL, " ", &save))
      na_ids[a.n_na_choices++] = t;
   Store_setNow(s, at);
   cr_assert_eq(Store_putAnswer(s, reviewOf(s, workload), &a, 0, user, NULL), STORE_OK, "%s",
                Store_lastError(s));
   free(sel);
   free(nas);
}

/* A database whose reviews differ in every way a summary can see. */
static void fill(Store *s)
{
   int64_t small = lensId(s, "small.yaml"), other = lensId(s, "upgrade-v1.yaml");

   addWorkload(s, "alpha", small, "2026-01-01T00:00:00Z");
   answer(s, "alpha", "Q1", "Q1_a Q1_b", "Q1_c", NULL, "ann", "2026-01-02T00:00:00Z");
   answer(s, "alpha", "Q3", "Q3_vault", "", NULL, "bob", "2026-01-05T00:00:00Z");
   answer(s, "alpha", "Q2", "", "", "OUT_OF_SCOPE", "cy", "2026-01-03T00:00:00Z");
   answer(s, "alpha", "Q5", "Q5_auto Q5_test", "", NULL, "dee", "2026-01-04T00:00:00Z");
   /* Its last change is a plan item's, not an answer. */
   PlanTracking t = {.question_id = "Q3", .choice_id = "Q3_rotate", .owner = "hank"};
   Store_setNow(s, "2026-01-06T00:00:00Z");
   cr_assert_eq(Store_putPlanTracking(s, reviewOf(s, "alpha"), &t, 0, "hank", NULL), STORE_OK, "%s",
                Store_lastError(s));

   /* An answer to a question the lens does not have, and a choice it does
    * not have; then two answers of the same second: the later written
    * wins (here the lower question id). */
   addWorkload(s, "beta", small, "2026-01-01T00:00:00Z");
   answer(s, "beta", "Q1", "Q1_zz Q1_c", "", NULL, "hal", "2026-01-10T00:00:00Z");
   answer(s, "beta", "GONE", "GONE_a", "", NULL, "gus", "2026-01-20T00:00:00Z");
   answer(s, "beta", "Q4", "Q4_no", "", NULL, "eve", "2026-02-01T00:00:00Z");
   answer(s, "beta", "Q2", "Q2_a", "", NULL, "fay", "2026-02-01T00:00:00Z");

   addWorkload(s, "gamma", small, "2026-01-07T00:00:00Z"); /* no answers */

   /* Archived, and on another lens; its last change is the archiving. */
   addWorkload(s, "delta", other, "2026-01-01T00:00:00Z");
   answer(s, "delta", "UP1", "UP1_a", "", NULL, "ivy", "2026-01-02T00:00:00Z");
   answer(s, "delta", "UP3", "UP3_vault UP3_rotate", "", NULL, "jo", "2026-01-03T00:00:00Z");
   Store_setNow(s, "2026-03-01T00:00:00Z");
   cr_assert_eq(Store_archiveWorkload(s, "delta", true, "kim"), STORE_OK);

   /* Its answer's time equals the workload's own: the answer, written
    * later, wins. */
   addWorkload(s, "eps", small, "2026-01-09T00:00:00Z");
   answer(s, "eps", "Q4", "Q4_tag", "", NULL, "lu", "2026-01-09T00:00:00Z");

   /* Two answers of the same second, the later written with the higher
    * question id: it wins all the same. */
   addWorkload(s, "zeta", small, "2026-01-08T00:00:00Z");
   answer(s, "zeta", "Q2", "Q2_a", "", NULL, "mo", "2026-01-11T00:00:00Z");
   answer(s, "zeta", "Q4", "Q4_no", "", NULL, "ned", "2026-01-11T00:00:00Z");

   /* A clock that went back: the last change is the last one written. */
   addWorkload(s, "theta", small, "2026-01-08T00:00:00Z");
   answer(s, "theta", "Q1", "Q1_a", "", NULL, "oz", "2026-02-05T00:00:00Z");
   answer(s, "theta", "Q2", "Q2_a", "", NULL, "pia", "2026-01-15T00:00:00Z");
}

/* The parsed lenses of the rows (one per workload: enough here). */
static Lens *lensOf(Store *s, const Workload *w)
{
   StoreLens sl;
   DiagList d;
   DiagList_init(&d);
   cr_assert_eq(Store_getLens(s, w->lens_id, &sl), STORE_OK);
   Lens *lens = Lens_loadBuffer(sl.key, sl.text, sl.text_len, &d);
   cr_assert_not_null(lens);
   StoreLens_free(&sl);
   DiagList_free(&d);
   return lens;
}

static void sameCounts(const RiskCounts *a, const RiskCounts *b, const char *name)
{
   for (int r = 0; r < RISK_COUNT; r++)
      cr_expect_eq(a->by_risk[r], b->by_risk[r], "%s: risk %d: %zu, alone %zu", name, r,
                   a->by_risk[r], b->by_risk[r]);
   cr_expect_eq(a->questions, b->questions, "%s: questions", name);
   cr_expect_eq(a->answered, b->answered, "%s: answered %zu, alone %zu", name, a->answered,
                b->answered);
   cr_expect_eq(a->practices, b->practices, "%s: practices", name);
   cr_expect_eq(a->practices_selected, b->practices_selected, "%s: selected %zu, alone %zu", name,
                a->practices_selected, b->practices_selected);
}

/* Summarises the listed workloads at once and one by one; both must agree.
 * Returns the rows (by name order) for further checks; caller frees. */
static ReviewSummary *summarise(Store *s, bool archived, Workload **ws, size_t *n, Lens ***lenses)
{
   cr_assert_eq(Store_listWorkloads(s, archived, ws, n), STORE_OK);
   ReviewSummary *rows = calloc(*n + 1, sizeof *rows);
   *lenses = calloc(*n + 1, sizeof **lenses);
   for (size_t i = 0; i < *n; i++) {
      (*lenses)[i] = lensOf(s, &(*ws)[i]);
      rows[i].w = &(*ws)[i];
      rows[i].lens = (*lenses)[i];
   }
   cr_assert_eq(ReviewDoc_summaries(s, rows, *n), STORE_OK, "%s", Store_lastError(s));
   for (size_t i = 0; i < *n; i++) {
      RiskCounts alone;
      char *at = NULL, *by = NULL;
      const char *name = (*ws)[i].name;
      cr_assert_eq(ReviewDoc_summary(s, &(*ws)[i], (*lenses)[i], &alone, &at, &by), STORE_OK);
      sameCounts(&rows[i].counts, &alone, name);
      cr_expect_str_eq(rows[i].last_at, at, "%s: last change at", name);
      cr_expect_str_eq(rows[i].last_by, by, "%s: last change by", name);
      free(at);
      free(by);
   }
   return rows;
}

static void freeRows(ReviewSummary *rows, Workload *ws, size_t n, Lens **lenses)
{
   for (size_t i = 0; i < n; i++) {
      free(rows[i].last_at);
      free(rows[i].last_by);
      Lens_free(lenses[i]);
   }
   free(rows);
   free(lenses);
   Workload_freeArray(ws, n);
}

static size_t rowNamed(const Workload *ws, size_t n, const char *name)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(ws[i].name, name) == 0)
         return i;
   cr_assert_fail("no row %s", name);
   return 0;
}

Test(summaries, equal_one_review_at_a_time)
{
   Store *s = openStore();
   fill(s);
   Workload *ws;
   Lens **lenses;
   size_t n;
   ReviewSummary *rows = summarise(s, true, &ws, &n, &lenses);
   cr_assert_eq(n, 7);

   /* Beside agreeing, the figures are the right ones. */
   const ReviewSummary *a = &rows[rowNamed(ws, n, "alpha")];
   cr_expect_eq(a->counts.questions, 5);
   cr_expect_eq(a->counts.answered, 4); /* Q2 does not apply, and counts as answered */
   cr_expect_eq(a->counts.by_risk[RISK_NOT_APPLICABLE], 1);
   cr_expect_eq(a->counts.by_risk[RISK_MEDIUM], 2); /* Q1 (Q1_c marked N/A), Q3 */
   cr_expect_eq(a->counts.by_risk[RISK_NONE], 1);   /* Q5 */
   cr_expect_str_eq(a->last_at, "2026-01-06T00:00:00Z");
   cr_expect_str_eq(a->last_by, "hank");

   const ReviewSummary *b = &rows[rowNamed(ws, n, "beta")];
   cr_expect_eq(b->counts.answered, 3);
   cr_expect_eq(b->counts.by_risk[RISK_HIGH], 2); /* Q4 none of these, Q1 Q1_c only */
   cr_expect_str_eq(b->last_at, "2026-02-01T00:00:00Z");
   cr_expect_str_eq(b->last_by, "fay"); /* written after eve's */

   const ReviewSummary *g = &rows[rowNamed(ws, n, "gamma")];
   cr_expect_eq(g->counts.answered, 0);
   cr_expect_eq(g->counts.by_risk[RISK_UNANSWERED], 5);
   cr_expect_str_eq(g->last_at, "2026-01-07T00:00:00Z");
   cr_expect_str_eq(g->last_by, "creator");

   const ReviewSummary *d = &rows[rowNamed(ws, n, "delta")];
   cr_expect_eq(d->counts.answered, 2);
   cr_expect_str_eq(d->last_by, "kim");

   const ReviewSummary *e = &rows[rowNamed(ws, n, "eps")];
   cr_expect_eq(e->counts.answered, 1);
   cr_expect_str_eq(e->last_at, "2026-01-09T00:00:00Z");
   cr_expect_str_eq(e->last_by, "lu");

   const ReviewSummary *z = &rows[rowNamed(ws, n, "zeta")];
   cr_expect_str_eq(z->last_at, "2026-01-11T00:00:00Z");
   cr_expect_str_eq(z->last_by, "ned");

   const ReviewSummary *t = &rows[rowNamed(ws, n, "theta")];
   cr_expect_str_eq(t->last_at, "2026-01-15T00:00:00Z");
   cr_expect_str_eq(t->last_by, "pia");
   freeRows(rows, ws, n, lenses);
   Store_close(s);
}

Test(summaries, rows_not_asked_for_are_left_out)
{
   Store *s = openStore();
   fill(s);
   Workload *ws;
   Lens **lenses;
   size_t n;
   /* Without the archived workload, whose answers are read all the same. */
   ReviewSummary *rows = summarise(s, false, &ws, &n, &lenses);
   cr_assert_eq(n, 6);
   freeRows(rows, ws, n, lenses);

   /* One row alone, from the middle. */
   cr_assert_eq(Store_listWorkloads(s, true, &ws, &n), STORE_OK);
   size_t i = rowNamed(ws, n, "beta");
   Lens *lens = lensOf(s, &ws[i]);
   ReviewSummary one = {.w = &ws[i], .lens = lens};
   cr_assert_eq(ReviewDoc_summaries(s, &one, 1), STORE_OK);
   cr_expect_eq(one.counts.answered, 3);
   cr_expect_str_eq(one.last_by, "fay");
   free(one.last_at);
   free(one.last_by);
   Lens_free(lens);
   Workload_freeArray(ws, n);

   cr_expect_eq(ReviewDoc_summaries(s, NULL, 0), STORE_OK);
   Store_close(s);
}

Test(summaries, an_empty_database)
{
   Store *s = openStore();
   int64_t small = lensId(s, "small.yaml");
   addWorkload(s, "only", small, "2026-01-01T00:00:00Z");
   Workload *ws;
   Lens **lenses;
   size_t n;
   ReviewSummary *rows = summarise(s, true, &ws, &n, &lenses);
   cr_assert_eq(n, 1);
   cr_expect_eq(rows[0].counts.answered, 0);
   cr_expect_str_eq(rows[0].last_by, "creator");
   freeRows(rows, ws, n, lenses);
   char *at = (char *)"x", *by = (char *)"x";
   cr_expect_eq(Store_lastChange(s, 999, &at, &by), STORE_NOT_FOUND);
   cr_expect_null(at);
   cr_expect_null(by);
   Store_close(s);
}

/* SQL straight on the file, behind the store's back. */
static void raw(const char *sql)
{
   char p[128];
   sqlite3 *db;
   snprintf(p, sizeof p, "%s/walens.db", dir);
   cr_assert_eq(sqlite3_open(p, &db), SQLITE_OK);
   cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
   sqlite3_close(db);
}

/* Lists every workload once (and checks the rows, as summarise does). */
static void listOnce(Store *s)
{
   Workload *ws;
   Lens **lenses;
   size_t n;
   ReviewSummary *rows = summarise(s, true, &ws, &n, &lenses);
   freeRows(rows, ws, n, lenses);
}

static void check(Store *s, bool repair, size_t want_checked, size_t want_drifted)
{
   size_t checked = 99, drifted = 99;
   cr_assert_eq(ReviewDoc_checkCounts(s, repair, &checked, &drifted), STORE_OK, "%s",
                Store_lastError(s));
   cr_expect_eq(checked, want_checked, "checked %zu", checked);
   cr_expect_eq(drifted, want_drifted, "drifted %zu, expected %zu", drifted, want_drifted);
}

/* The first list counts every review and keeps the counts; a write that
 * bypasses the counting (Store_putAnswer alone, as an import or an upgrade
 * writes) leaves its review's counts stale, never trusted. */
Test(summaries, kept_counts_go_stale_when_answers_change)
{
   Store *s = openStore();
   fill(s);
   check(s, false, 7, 7); /* nothing kept yet */
   listOnce(s);
   check(s, false, 7, 0);
   answer(s, "gamma", "Q1", "Q1_a", "", NULL, "rae", "2026-04-01T00:00:00Z");
   check(s, false, 7, 1);
   /* The list counts gamma again (summarise compares with a count of its own). */
   listOnce(s);
   check(s, false, 7, 0);
   Store_close(s);
}

/* ReviewDoc_putAnswer keeps its review's counts in the answer's own
 * transaction: nothing to count again afterwards. */
Test(summaries, an_answer_keeps_its_counts)
{
   Store *s = openStore();
   addWorkload(s, "kappa", lensId(s, "small.yaml"), "2026-01-01T00:00:00Z");
   ReviewDoc doc;
   DiagList d;
   char *err = NULL;
   DiagList_init(&d);
   cr_assert_eq(ReviewDoc_load(s, "kappa", &doc, &d, &err), STORE_OK, "%s", err ? err : "");
   DiagList_free(&d);
   unsigned char choices[64] = {CHOICE_SELECTED};
   Answer a = {.choices = choices};
   cr_assert_eq(ReviewDoc_putAnswer(s, &doc, 0, &a, "first", "sam"), STORE_OK);
   check(s, false, 1, 0);
   cr_assert_eq(ReviewDoc_putChoiceNote(s, &doc, 0, 0, "evidence", "sam"), STORE_OK);
   check(s, false, 1, 0);
   /* A write from a copy that missed a change is merged (issue 12), and
    * the counts follow what was merged. */
   unsigned char more[64] = {CHOICE_SELECTED, CHOICE_SELECTED};
   Answer b = {.choices = more};
   doc.stored[0].version = 1;
   cr_assert_eq(ReviewDoc_putAnswer(s, &doc, 0, &b, NULL, "tom"), STORE_OK);
   check(s, false, 1, 0);
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* A count that drifted (its generation says it is current, its numbers are
 * wrong) is what the list trusts; the doctor finds it and repairs it. */
Test(summaries, doctor_repairs_a_drifted_count)
{
   Store *s = openStore();
   fill(s);
   listOnce(s);
   Store_close(s);
   raw("UPDATE review_count SET high = high + 2, answered = answered + 2 WHERE review_id ="
       " (SELECT r.id FROM workload w JOIN review r ON r.workload_id = w.id"
       "  WHERE w.name = 'alpha')");
   s = openStore();
   check(s, false, 7, 1);
   check(s, false, 7, 1); /* checking alone repairs nothing */
   check(s, true, 7, 1);
   check(s, false, 7, 0);
   listOnce(s);
   Store_close(s);
}

/* Store_scanWorkloadRow's visitor: keeps the one row (and its strings). */
static void takeOne(StoreListRow *r, void *ctx)
{
   *(StoreListRow *)ctx = *r;
}

/* Store_listWorkloadRows (the TUI's list): one query in name order, a page
 * at a time.  Its fresh rows agree with ReviewDoc_summary (whose figures
 * equal_one_review_at_a_time checks one by one), and a row whose kept
 * counts are stale says so. */
Test(summaries, list_rows_page_by_page)
{
   static const char *const names[] = {"alpha", "beta", "delta", "eps", "gamma", "theta", "zeta"};
   Store *s = openStore();
   fill(s);
   StoreListRow *rows;
   size_t n, total, longest, longest_archived;
   cr_assert_eq(Store_listWorkloadRows(s, true, 0, 0, &rows, &n), STORE_OK);
   cr_assert_eq(n, 7);
   for (size_t i = 0; i < n; i++) {
      cr_expect(!rows[i].fresh, "%s: nothing kept yet", rows[i].w.name);
      StoreListRow_free(&rows[i]);
   }
   free(rows);

   listOnce(s); /* keeps every review's counts */
   cr_assert_eq(Store_listWorkloadRows(s, true, 0, 0, &rows, &n), STORE_OK);
   cr_assert_eq(n, 7);
   for (size_t i = 0; i < n; i++) {
      const StoreListRow *r = &rows[i];
      Lens *lens = lensOf(s, &r->w);
      RiskCounts kept, alone;
      char *at = NULL, *by = NULL;
      cr_expect_str_eq(r->w.name, names[i], "name order");
      cr_assert(r->fresh, "%s: kept counts", r->w.name);
      ReviewDoc_countsFromKept(&r->counts, &kept);
      cr_assert_eq(ReviewDoc_summary(s, &r->w, lens, &alone, &at, &by), STORE_OK);
      sameCounts(&kept, &alone, r->w.name);
      cr_expect_str_eq(r->last_at, at, "%s: last change at", r->w.name);
      cr_expect_str_eq(r->last_by, by, "%s: last change by", r->w.name);
      cr_expect_eq(r->w.archived, strcmp(r->w.name, "delta") == 0);
      free(at);
      free(by);
      Lens_free(lens);
   }

   /* One row read alone by its workload's id (a list shown again after
    * its dashboard) is the row the whole list read; archived or not. */
   for (size_t i = 0; i < n; i++) {
      StoreListRow one = {0};
      cr_assert_eq(Store_scanWorkloadRow(s, rows[i].w.id, takeOne, &one), STORE_OK);
      cr_expect_str_eq(one.w.name, rows[i].w.name);
      cr_expect_eq(one.w.review_id, rows[i].w.review_id);
      cr_expect_eq(one.w.archived, rows[i].w.archived);
      cr_expect_eq(one.fresh, rows[i].fresh);
      cr_expect_eq(one.counts.high, rows[i].counts.high);
      cr_expect_eq(one.counts.answered, rows[i].counts.answered);
      cr_expect_str_eq(one.last_at, rows[i].last_at);
      cr_expect_str_eq(one.last_by, rows[i].last_by);
      StoreListRow_free(&one);
   }
   {
      StoreListRow one = {0};
      cr_expect_eq(Store_scanWorkloadRow(s, 1000000, takeOne, &one), STORE_NOT_FOUND);
      cr_expect_null(one.w.name, "nothing handed over");
   }

   /* A page from the middle is the same rows. */
   StoreListRow *page;
   size_t n_page;
   cr_assert_eq(Store_listWorkloadRows(s, true, 2, 3, &page, &n_page), STORE_OK);
   cr_assert_eq(n_page, 3);
   for (size_t i = 0; i < n_page; i++) {
      cr_expect_str_eq(page[i].w.name, rows[2 + i].w.name);
      cr_expect_eq(page[i].counts.high, rows[2 + i].counts.high);
      StoreListRow_free(&page[i]);
   }
   free(page);
   for (size_t i = 0; i < n; i++)
      StoreListRow_free(&rows[i]);
   free(rows);

   /* Without the archived one; and the counts of rows. */
   cr_assert_eq(Store_listWorkloadRows(s, false, 0, 0, &rows, &n), STORE_OK);
   cr_assert_eq(n, 6);
   for (size_t i = 0; i < n; i++) {
      cr_expect_str_neq(rows[i].w.name, "delta");
      StoreListRow_free(&rows[i]);
   }
   free(rows);
   cr_assert_eq(Store_countWorkloads(s, true, &total, &longest, &longest_archived), STORE_OK);
   cr_expect_eq(total, 7);
   cr_expect_eq(longest, 5);          /* alpha, gamma, theta */
   cr_expect_eq(longest_archived, 5); /* delta */
   cr_assert_eq(Store_countWorkloads(s, false, &total, &longest, &longest_archived), STORE_OK);
   cr_expect_eq(total, 6);
   cr_expect_eq(longest_archived, 0);

   /* An answer written behind the counting: gamma's row is stale, and its
    * newest change is the new answer's. */
   answer(s, "gamma", "Q1", "Q1_a", "", NULL, "rae", "2026-04-01T00:00:00Z");
   cr_assert_eq(Store_listWorkloadRows(s, true, 4, 1, &rows, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_expect_str_eq(rows[0].w.name, "gamma");
   cr_expect(!rows[0].fresh);
   cr_expect_str_eq(rows[0].last_at, "2026-04-01T00:00:00Z");
   cr_expect_str_eq(rows[0].last_by, "rae");
   StoreListRow_free(&rows[0]);
   free(rows);
   Store_close(s);
}
