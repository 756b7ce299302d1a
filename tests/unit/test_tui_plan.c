/* test_tui_plan.c: the pure parts of the plan and milestones screens:
 * block-character charts (tui/lib/chart.h), the plan filter and sort
 * (tui/lib/planfilter.h), on tests/fixtures/lenses/small.yaml. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/plan.h"
#include "tui/lib/chart.h"
#include "tui/lib/planfilter.h"
#include "support.h"

/* ---- charts ---- */

Test(chart, levels)
{
   cr_assert_eq(Chart_level(0, 4, 1), 0);
   cr_assert_eq(Chart_level(4, 4, 1), 8);
   cr_assert_eq(Chart_level(1, 4, 1), 2);
   cr_assert_eq(Chart_level(3, 4, 1), 6);
   cr_assert_eq(Chart_level(1, 100, 1), 1, "a little never reads as none");
   cr_assert_eq(Chart_level(1, 2, 3), 12);
   cr_assert_eq(Chart_level(9, 3, 3), 24, "above max is full");
   cr_assert_eq(Chart_level(5, 0, 2), 16);
   cr_assert_eq(Chart_level(5, 5, 0), 0, "no height, no bar");
   size_t v[] = {3, 0, 7, 2};
   cr_assert_eq(Chart_max(v, 4), 7);
   cr_assert_eq(Chart_max(v, 0), 1, "an empty series still scales");
   size_t zeros[] = {0, 0};
   cr_assert_eq(Chart_max(zeros, 2), 1);
}

Test(chart, one_row_sparkline)
{
   size_t v[] = {4, 3, 2, 1, 0};
   char *s = Chart_row(v, 5, 4, 1, 0, true);
   cr_assert_str_eq(s, "\xe2\x96\x88\xe2\x96\x86\xe2\x96\x84\xe2\x96\x82 "); /* █▆▄▂ */
   free(s);
   s = Chart_row(v, 5, 4, 1, 0, false);
   cr_assert_str_eq(s, "#*=: ");
   free(s);
   s = Chart_row(v, 0, 4, 1, 0, true);
   cr_assert_str_eq(s, "");
   free(s);
}

Test(chart, taller_columns)
{
   size_t v[] = {1, 2, 2, 0};
   char *rows[3];

   for (int r = 0; r < 3; r++)
      rows[r] = Chart_row(v, 4, 2, 3, r, true);
   cr_assert_str_eq(rows[0], " \xe2\x96\x88\xe2\x96\x88 ");            /* " ██ " */
   cr_assert_str_eq(rows[1], "\xe2\x96\x84\xe2\x96\x88\xe2\x96\x88 "); /* "▄██ " */
   cr_assert_str_eq(rows[2], "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88 "); /* "███ " */
   for (int r = 0; r < 3; r++)
      free(rows[r]);
   char *a = Chart_row(v, 4, 2, 3, 1, false);
   cr_assert_str_eq(a, "=## ");
   free(a);
}

/* ---- the plan filter and sort ---- */

static Lens *lens;
static Review review;
static Plan plan;

static size_t qIndex(const char *id)
{
   size_t i;
   cr_assert_not_null(Lens_findQuestion(lens, id, &i), "no question %s", id);
   return i;
}

static void sel(const char *qid, const char *cid)
{
   size_t q = qIndex(qid);
   int c = Question_findChoice(&lens->questions[q], cid);
   cr_assert_geq(c, 0, "no choice %s", cid);
   Answer_select(&lens->questions[q], &review.answers[q], (size_t)c, true);
}

static PlanTrack track(const char *q, const char *c, PlanStatus st, const char *owner,
                       const char *due)
{
   PlanTrack t = {0};
   t.question_id = (char *)q;
   t.choice_id = (char *)c;
   t.status = st;
   t.owner = (char *)owner;
   t.due = (char *)due;
   t.version = 1;
   return t;
}

/* Active: Q1_b Q1_c (Q1 HIGH, build/ops), Q4_tag (HIGH, build/cost), Q5_auto
 * (HIGH, run/sec), Q3_rotate (MEDIUM, build/sec); and Q2_a resolved. */
static void setup(void)
{
   char *path = Support_lensPath("small.yaml");
   DiagList d;

   setlocale(LC_ALL, "C.UTF-8");
   DiagList_init(&d);
   lens = Lens_loadFile(path, &d);
   DiagList_free(&d);
   free(path);
   cr_assert_not_null(lens);
   Review_init(&review, lens);
   sel("Q1", "Q1_a");
   sel("Q2", "Q2_a");
   sel("Q2", "Q2_b");
   sel("Q3", "Q3_vault");
   sel("Q4", "Q4_no");
   sel("Q5", "Q5_test");
   PlanTrack t[] = {
      track("Q1", "Q1_c", PLAN_IN_PROGRESS, "bob", "2026-11-01"),
      track("Q4", "Q4_tag", PLAN_OPEN, "Alice", "2026-12-24"),
      track("Q5", "Q5_auto", PLAN_DONE, NULL, "2026-10-01"),
      track("Q2", "Q2_a", PLAN_OPEN, "carol", NULL),
   };
   t[0].priority = 2;
   t[1].priority = 2;
   t[2].priority = 1;
   t[3].priority = 1; /* resolved: still after every item to improve */
   Plan_build(&review, t, 4, &plan);
}

static void teardown(void)
{
   Plan_free(&plan);
   Review_free(&review);
   Lens_free(lens);
}

/* The rows as "Q1_c Q4_tag ..." for easy comparison. */
static char *rowsText(const PlanFilter *f, PlanSort sort, bool inactive)
{
   size_t *rows, n = PlanFilter_rows(&plan, lens, f, sort, inactive, "2026-11-28", &rows);
   char *out = calloc(1, 512);

   for (size_t i = 0; i < n; i++) {
      if (i)
         strcat(out, " ");
      strcat(out, plan.items[rows[i]].track.choice_id);
   }
   free(rows);
   return out;
}

static void expectRows(const char *filter, PlanSort sort, bool inactive, const char *want)
{
   PlanFilter f;
   char *err = NULL, *got;

   cr_assert(PlanFilter_parse(filter, lens, &f, &err), "%s: %s", filter, err ? err : "");
   got = rowsText(&f, sort, inactive);
   cr_assert_str_eq(got, want, "filter '%s' sort %s", filter, PlanSort_name(sort));
   free(got);
   PlanFilter_free(&f);
}

TestSuite(planfilter, .init = setup, .fini = teardown);

Test(planfilter, the_plan_in_its_order)
{
   cr_assert_eq(plan.n_active, 5);
   expectRows("", PLAN_SORT_RISK, true, "Q1_b Q4_tag Q1_c Q5_auto Q3_rotate Q2_a");
   expectRows("", PLAN_SORT_RISK, false, "Q1_b Q4_tag Q1_c Q5_auto Q3_rotate");
   expectRows("all", PLAN_SORT_RISK, false, "Q1_b Q4_tag Q1_c Q5_auto Q3_rotate");
}

Test(planfilter, words)
{
   expectRows("open", PLAN_SORT_RISK, true, "Q1_b Q4_tag Q3_rotate Q2_a");
   expectRows("in-progress,done", PLAN_SORT_RISK, true, "Q1_c Q5_auto");
   expectRows("pending", PLAN_SORT_RISK, false, "Q1_b Q4_tag Q1_c Q3_rotate");
   expectRows("medium", PLAN_SORT_RISK, false, "Q3_rotate");
   expectRows("high open", PLAN_SORT_RISK, false, "Q1_b Q4_tag");
   /* Q1_c is due 2026-11-01 and in progress: overdue; Q5_auto is done. */
   expectRows("overdue", PLAN_SORT_RISK, true, "Q1_c");
   expectRows("owner:alice", PLAN_SORT_RISK, true, "Q4_tag");
   expectRows("@bob", PLAN_SORT_RISK, true, "Q1_c");
   expectRows("owner:-", PLAN_SORT_RISK, false, "Q1_b Q5_auto Q3_rotate");
   expectRows("pillar:sec", PLAN_SORT_RISK, false, "Q5_auto Q3_rotate");
   expectRows("Security", PLAN_SORT_RISK, false, "Q5_auto Q3_rotate");
   expectRows("phase:run", PLAN_SORT_RISK, true, "Q5_auto Q2_a");
   expectRows("build cost", PLAN_SORT_RISK, false, "Q4_tag");
}

Test(planfilter, statuses_as_shown)
{
   PlanFilter f;
   char *err = NULL, *s;

   /* A label of several words is one term, between blanks or commas. */
   expectRows("in progress", PLAN_SORT_RISK, true, "Q1_c");
   expectRows("in progress done", PLAN_SORT_RISK, true, "Q1_c Q5_auto");
   expectRows("high  in   progress,done", PLAN_SORT_RISK, true, "Q1_c Q5_auto");
   expectRows("medium in progress", PLAN_SORT_RISK, true, "");
   expectRows("done, In Progress", PLAN_SORT_RISK, true, "Q1_c Q5_auto");
   cr_assert(PlanFilter_parse("risk accepted won't do", lens, &f, &err), "%s", err);
   cr_assert_eq(f.status, 1u << PLAN_RISK_ACCEPTED | 1u << PLAN_WONT_DO);
   s = PlanFilter_format(&f, lens);
   cr_assert_str_eq(s, "risk accepted,won't do");
   PlanFilter_free(&f);
   /* What is shown parses back to the same filter. */
   cr_assert(PlanFilter_parse(s, lens, &f, &err), "%s", err);
   cr_assert_eq(f.status, 1u << PLAN_RISK_ACCEPTED | 1u << PLAN_WONT_DO);
   PlanFilter_free(&f);
   free(s);
   /* A word of a label alone is no status. */
   cr_assert_not(PlanFilter_parse("in", lens, &f, &err));
   cr_assert_not_null(strstr(err, "Unknown filter word 'in'"), "%s", err);
   free(err);
   err = NULL;
   cr_assert_not(PlanFilter_parse("progress in", lens, &f, &err));
   cr_assert_not_null(strstr(err, "'progress'"), "%s", err);
   free(err);
   err = NULL;
   /* A comma ends a label. */
   cr_assert_not(PlanFilter_parse("in,progress", lens, &f, &err));
   free(err);
}

Test(planfilter, the_hint_lists_every_status)
{
   PlanFilter f;
   char *err = NULL, *hint = PlanFilter_hint();

   for (int i = 0; i < PLAN_STATUS_COUNT; i++) {
      const char *label = PlanStatus_label((PlanStatus)i);
      cr_assert_not_null(strstr(hint, label), "%s not in %s", label, hint);
      cr_assert(PlanFilter_parse(label, lens, &f, NULL), "%s", label);
      cr_assert_eq(f.status, 1u << i, "%s", label);
      PlanFilter_free(&f);
   }
   cr_assert_not(PlanFilter_parse("nonsense", lens, &f, &err));
   cr_assert_not_null(strstr(err, hint), "%s", err);
   free(err);
   free(hint);
}

Test(planfilter, unknown_words_and_format)
{
   PlanFilter f;
   char *err = NULL, *s;

   cr_assert_not(PlanFilter_parse("open,nonsense", lens, &f, &err));
   cr_assert_not_null(strstr(err, "Unknown filter word 'nonsense'"), "%s", err);
   cr_assert(PlanFilter_isEmpty(&f));
   free(err);
   err = NULL;
   cr_assert_not(PlanFilter_parse("phase:nowhere", lens, &f, &err));
   free(err);
   cr_assert(PlanFilter_parse("@bob high done,open overdue pillar:Operations phase:build", lens, &f,
                              NULL));
   s = PlanFilter_format(&f, lens);
   cr_assert_str_eq(s, "open,done,high,overdue,owner:bob,phase:build,pillar:ops");
   free(s);
   PlanFilter_free(&f);
   cr_assert(PlanFilter_isEmpty(&f));
   s = PlanFilter_format(&f, lens);
   cr_assert_str_eq(s, "");
   free(s);
}

Test(planfilter, sorting)
{
   PlanSort s;

   expectRows("", PLAN_SORT_DUE, true, "Q5_auto Q1_c Q4_tag Q1_b Q3_rotate Q2_a");
   expectRows("", PLAN_SORT_OWNER, false, "Q4_tag Q1_c Q1_b Q5_auto Q3_rotate");
   expectRows("", PLAN_SORT_STATUS, false, "Q1_b Q4_tag Q3_rotate Q1_c Q5_auto");
   expectRows("", PLAN_SORT_PLACE, true, "Q1_b Q1_c Q3_rotate Q4_tag Q5_auto Q2_a");
   /* Priority 1 first; Q4_tag and Q1_c tie at 2 and keep the plan's order;
    * Q1_b and Q3_rotate have none and come last. */
   expectRows("", PLAN_SORT_PRIORITY, true, "Q5_auto Q4_tag Q1_c Q1_b Q3_rotate Q2_a");
   cr_assert(PlanSort_parse("due", &s));
   cr_assert_eq(s, PLAN_SORT_DUE);
   cr_assert(PlanSort_parse("pillar", &s));
   cr_assert_eq(s, PLAN_SORT_PLACE);
   cr_assert(PlanSort_parse("Priority", &s));
   cr_assert_eq(s, PLAN_SORT_PRIORITY);
   cr_assert(PlanSort_parse("pri", &s));
   cr_assert_eq(s, PLAN_SORT_PRIORITY);
   cr_assert_not(PlanSort_parse("size", &s));
   cr_assert_str_eq(PlanSort_name(PLAN_SORT_OWNER), "owner");
   /* Every name shown is taken back. */
   for (int i = 0; i < PLAN_SORT_COUNT; i++) {
      cr_assert(PlanSort_parse(PlanSort_name((PlanSort)i), &s));
      cr_assert_eq(s, (PlanSort)i);
   }
}

/* The quick-wins rank: rated on both first, by impact less effort, more
 * impact first among equals; then rated on one; the unrated last. */
Test(planfilter, quick_wins_rank)
{
   static const struct {
      PlanLevel impact, effort;
   } order[] = {
      {PLAN_LEVEL_HIGH, PLAN_LEVEL_LOW},      {PLAN_LEVEL_HIGH, PLAN_LEVEL_MEDIUM},
      {PLAN_LEVEL_MEDIUM, PLAN_LEVEL_LOW},    {PLAN_LEVEL_HIGH, PLAN_LEVEL_HIGH},
      {PLAN_LEVEL_MEDIUM, PLAN_LEVEL_MEDIUM}, {PLAN_LEVEL_LOW, PLAN_LEVEL_LOW},
      {PLAN_LEVEL_MEDIUM, PLAN_LEVEL_HIGH},   {PLAN_LEVEL_LOW, PLAN_LEVEL_MEDIUM},
      {PLAN_LEVEL_LOW, PLAN_LEVEL_HIGH},      {PLAN_LEVEL_HIGH, PLAN_LEVEL_NONE},
      {PLAN_LEVEL_NONE, PLAN_LEVEL_HIGH},     {PLAN_LEVEL_NONE, PLAN_LEVEL_NONE},
   };
   long prev = -1;
   for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
      PlanTrack t = {.impact = order[i].impact, .effort = order[i].effort};
      long r = PlanSort_quickWin(&t);
      cr_assert_gt(r, prev, "rank %zu (%s/%s) is not after the one before", i,
                   PlanLevel_label(t.impact), PlanLevel_label(t.effort));
      prev = r;
   }
   PlanSort s;
   cr_assert(PlanSort_parse("quick-wins", &s));
   cr_assert_eq(s, PLAN_SORT_QUICK_WINS);
   cr_assert(PlanSort_parse("wins", &s));
   cr_assert_eq(s, PLAN_SORT_QUICK_WINS);
}

/* Impact and effort words: the stored names, first letters, "none". */
Test(planfilter, levels)
{
   PlanLevel l;
   cr_assert(PlanLevel_parse("high", &l));
   cr_assert_eq(l, PLAN_LEVEL_HIGH);
   cr_assert(PlanLevel_parse("M", &l));
   cr_assert_eq(l, PLAN_LEVEL_MEDIUM);
   cr_assert(PlanLevel_parse("Low", &l));
   cr_assert_eq(l, PLAN_LEVEL_LOW);
   cr_assert(PlanLevel_parse("-", &l));
   cr_assert_eq(l, PLAN_LEVEL_NONE);
   cr_assert(PlanLevel_parse("", &l));
   cr_assert_eq(l, PLAN_LEVEL_NONE);
   cr_assert_not(PlanLevel_parse("huge", &l));
   cr_assert_not(PlanLevel_parse("x", &l));
   cr_assert_not(PlanLevel_parse(NULL, &l));
   cr_assert(PlanLevel_isName("medium"));
   cr_assert_not(PlanLevel_isName("Medium"));
   cr_assert_not(PlanLevel_isName("m"));
   cr_assert_null(PlanLevel_name(PLAN_LEVEL_NONE));
   cr_assert_str_eq(PlanLevel_name(PLAN_LEVEL_LOW), "low");
}
