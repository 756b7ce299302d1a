/* test_portfolio.c: the portfolio model (report --all).  It reads every
 * review in one pass merged by review id; each row must equal what the
 * workloads list (ReviewDoc_summaries) and the review's own matrix and
 * plan give for that workload alone, however the answers of different
 * reviews were interleaved when written, with tracking on a review that
 * has no answers, and with archived workloads and filters. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/review.h"
#include "report/portfolio.h"
#include "store/reviewdoc.h"
#include "store/store.h"
#include "support.h"

static char dir[64];

static void setup(void)
{
   Support_tempDir(dir, sizeof dir, "pf");
}

static void teardown(void)
{
   Support_removeTree(dir);
}

TestSuite(portfolio, .init = setup, .fini = teardown);

static Store *openStore(const char *name)
{
   char p[128];
   Store *s = NULL;
   char *err = NULL;
   snprintf(p, sizeof p, "%s/%s", dir, name);
   cr_assert_eq(Store_open(p, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_setNow(s, "2026-11-28T10:00:00Z");
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

static void addWorkload(Store *s, const char *name, int64_t lens_id, const char *env)
{
   Workload w = {.name = (char *)name, .environment = (char *)env};
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

static void answer(Store *s, const char *workload, const char *qid, const char *selected)
{
   char *sel = strdup(selected), *save = NULL, *ids[8];
   StoredAnswer a = {.question_id = (char *)qid, .selected = ids};
   for (char *t = strtok_r(sel, " ", &save); t; t = strtok_r(NULL, " ", &save))
      ids[a.n_selected++] = t;
   cr_assert_eq(Store_putAnswer(s, reviewOf(s, workload), &a, 0, "ann", NULL), STORE_OK, "%s",
                Store_lastError(s));
   free(sel);
}

static void track(Store *s, const char *workload, const char *q, const char *c, const char *status,
                  const char *due)
{
   PlanTracking t = {.question_id = (char *)q,
                     .choice_id = (char *)c,
                     .status = (char *)status,
                     .due = (char *)due};
   cr_assert_eq(Store_putPlanTracking(s, reviewOf(s, workload), &t, 0, "ann", NULL), STORE_OK, "%s",
                Store_lastError(s));
}

/* Answers of different reviews interleaved, so that answer ids do not come
 * grouped by review; two lenses; tracking on a review without answers. */
static void fill(Store *s)
{
   int64_t small = lensId(s, "small.yaml"), other = lensId(s, "upgrade-v1.yaml");
   addWorkload(s, "alpha", small, "production");
   addWorkload(s, "beta", small, NULL);
   addWorkload(s, "gamma", other, "production");
   addWorkload(s, "delta", small, NULL);
   addWorkload(s, "old", small, "production");
   answer(s, "alpha", "Q1", "Q1_a");
   answer(s, "beta", "Q2", "Q2_no");
   answer(s, "alpha", "Q2", "Q2_no");
   answer(s, "beta", "Q1", "Q1_a Q1_b Q1_c");
   answer(s, "alpha", "Q5", "Q5_test");
   answer(s, "old", "Q1", "Q1_no");
   track(s, "alpha", "Q1", "Q1_b", "in_progress", "2026-01-01");
   track(s, "alpha", "Q2", "Q2_a", "done", NULL);
   track(s, "delta", "Q1", "Q1_b", "open", "2026-01-01"); /* not in its plan: unanswered */
   cr_assert_eq(Store_archiveWorkload(s, "old", true, "ann"), STORE_OK);
}

static const PortfolioRow *findRow(const Portfolio *p, const char *name, size_t *group)
{
   for (size_t i = 0; i < p->n_lenses; i++)
      for (size_t j = 0; j < p->lenses[i].n_wl; j++)
         if (strcmp(p->lenses[i].wl[j].name, name) == 0) {
            *group = i;
            return &p->lenses[i].wl[j];
         }
   return NULL;
}

/* Every row against the review loaded alone. */
static void checkRows(Store *s, const Portfolio *p)
{
   size_t total_missing = 0, derived = 0;
   for (size_t i = 0; i < p->n_lenses; i++)
      for (size_t k = 0; k < p->lenses[i].n_top; k++)
         total_missing += p->lenses[i].top[k].count;
   for (size_t i = 0; i < p->n_lenses; i++)
      for (size_t j = 0; j < p->lenses[i].n_wl; j++) {
         const PortfolioLens *g = &p->lenses[i];
         const PortfolioRow *r = &g->wl[j];
         ReviewDoc doc;
         DiagList d;
         char *err = NULL;
         DiagList_init(&d);
         cr_assert_eq(ReviewDoc_load(s, r->name, &doc, &d, &err), STORE_OK);
         DiagList_free(&d);
         RiskCounts c;
         Review_counts(&doc.review, &c);
         for (int k = 0; k < RISK_COUNT; k++)
            cr_assert_eq(r->by_risk[k], c.by_risk[k], "%s: risk %d", r->name, k);
         cr_assert_eq(r->answered, c.answered, "%s", r->name);
         Matrix m;
         Matrix_build(&doc.review, &m);
         cr_assert_eq(m.rows, g->rows);
         cr_assert_eq(m.cols, g->cols);
         for (size_t k = 0; k < g->rows * g->cols; k++) {
            const MatrixCell *mc = &m.cells[k];
            unsigned want = (mc->high ? PORTFOLIO_CELL_HIGH : 0) |
                            (mc->medium ? PORTFOLIO_CELL_MEDIUM : 0) |
                            (mc->unanswered ? PORTFOLIO_CELL_UNANSWERED : 0);
            cr_assert_eq(r->cells[k], want, "%s: cell %zu", r->name, k);
         }
         Matrix_free(&m);
         PlanEntry *e = NULL;
         size_t n = Plan_derive(&doc.review, &e);
         derived += n;
         cr_assert_eq(r->plan_open + r->plan_in_progress + r->plan_done, n, "%s", r->name);
         free(e);
         ReviewDoc_free(&doc);
      }
   /* With at most PORTFOLIO_TOP practices, the top is every missing one. */
   cr_assert_eq(total_missing, derived);
}

Test(portfolio, rows_match_each_review_alone)
{
   Store *s = openStore("walens.db");
   fill(s);
   Portfolio p;
   char *err = NULL;
   Portfolio_init(&p, NULL);
   p.keep_cells = true;
   cr_assert_eq(Portfolio_add(&p, s, "walens.db", &err), STORE_OK, "%s", err ? err : "");
   Portfolio_finish(&p);
   cr_assert_eq(p.n_lenses, 2, "one group a lens");
   size_t g;
   cr_assert_null(findRow(&p, "old", &g), "archived workloads stay out");
   const PortfolioRow *a = findRow(&p, "alpha", &g);
   cr_assert_not_null(a);
   cr_assert_eq(a->plan_in_progress, 1);
   cr_assert_eq(a->plan_done, 1);
   cr_assert_eq(a->plan_overdue, 1, "in progress, due before the day");
   const PortfolioRow *d = findRow(&p, "delta", &g);
   cr_assert_not_null(d);
   cr_assert_eq(d->answered, 0, "tracking alone answers nothing");
   cr_assert_eq(d->plan_open + d->plan_overdue, 0, "an unanswered item is not in the plan");
   checkRows(s, &p);
   Portfolio_free(&p);
   Store_close(s);
}

Test(portfolio, filters_and_archived)
{
   Store *s = openStore("walens.db");
   fill(s);
   PortfolioFilter f = {.lens = "small", .environment = "production", .archived = true};
   Portfolio p;
   char *err = NULL;
   Portfolio_init(&p, &f);
   p.keep_cells = true;
   cr_assert_eq(Portfolio_add(&p, s, "walens.db", &err), STORE_OK, "%s", err ? err : "");
   Portfolio_finish(&p);
   cr_assert_eq(p.n_lenses, 1, "the other lens's group is left out");
   cr_assert_eq(p.lenses[0].n_wl, 2);
   cr_assert_str_eq(p.lenses[0].wl[0].name, "alpha");
   cr_assert_str_eq(p.lenses[0].wl[1].name, "old");
   cr_assert(p.lenses[0].wl[1].archived);
   checkRows(s, &p);
   Portfolio_free(&p);
   Store_close(s);
}

Test(portfolio, two_databases_mark_colliding_names)
{
   Store *a = openStore("a.db"), *b = openStore("b.db");
   fill(a);
   addWorkload(b, "alpha", lensId(b, "small.yaml"), NULL);
   addWorkload(b, "only-b", lensId(b, "small.yaml"), NULL);
   Portfolio p;
   char *err = NULL;
   Portfolio_init(&p, NULL);
   cr_assert_eq(Portfolio_add(&p, a, "a.db", &err), STORE_OK);
   cr_assert_eq(Portfolio_add(&p, b, "b.db", &err), STORE_OK);
   Portfolio_finish(&p);
   cr_assert_eq(p.n_lenses, 2, "the same lens text in both is one group");
   size_t clashes = 0;
   for (size_t i = 0; i < p.n_lenses; i++)
      for (size_t j = 0; j < p.lenses[i].n_wl; j++) {
         const PortfolioRow *r = &p.lenses[i].wl[j];
         char *shown = Portfolio_rowName(&p, r);
         if (strcmp(r->name, "alpha") == 0) {
            cr_assert(r->clash);
            cr_assert_str_eq(shown, r->db == 0 ? "alpha (a.db)" : "alpha (b.db)");
            clashes++;
         } else {
            cr_assert_not(r->clash, "%s", r->name);
            cr_assert_str_eq(shown, r->name);
         }
         free(shown);
      }
   cr_assert_eq(clashes, 2);
   Portfolio_free(&p);
   Store_close(a);
   Store_close(b);
}
