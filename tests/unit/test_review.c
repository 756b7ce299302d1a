/* test_review.c: answers, risk, counts, the matrix, the improvement plan and
 * the review order; first on lenses built by hand, then on lens files
 * (tests/fixtures/lenses/small.yaml and the Machine Learning Lens). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/cond.h"
#include "core/diag.h"
#include "core/lens.h"
#include "core/review.h"

/* ---- a lens built by hand ---- */

typedef struct ChoiceSpec {
   const char *id;
   Weight weight;
} ChoiceSpec;

#define MAX_QUESTIONS 16

static Lens *newLens(size_t n_phases, size_t n_pillars)
{
   Lens *l = calloc(1, sizeof *l);
   l->n_phases = n_phases;
   l->phases = calloc(n_phases + 1, sizeof *l->phases);
   l->n_pillars = n_pillars;
   l->pillars = calloc(n_pillars + 1, sizeof *l->pillars);
   l->questions = calloc(MAX_QUESTIONS, sizeof *l->questions);
   return l;
}

static Question *addQuestion(Lens *l, const char *id, size_t pillar, int phase,
                             const ChoiceSpec *specs, size_t n)
{
   cr_assert_lt(l->n_questions, MAX_QUESTIONS);
   Question *q = &l->questions[l->n_questions++];
   q->id = strdup(id);
   q->pillar = pillar;
   q->phase = phase;
   q->choices = calloc(n ? n : 1, sizeof *q->choices);
   q->n_choices = n;
   for (size_t i = 0; i < n; i++) {
      size_t len = strlen(specs[i].id);
      q->choices[i].id = strdup(specs[i].id);
      q->choices[i].weight = specs[i].weight;
      q->choices[i].is_none = len >= 3 && strcmp(specs[i].id + len - 3, "_no") == 0;
   }
   return q;
}

/* Explicit riskRules: n conditions with their risks, parsed and bound. */
static void setRules(Question *q, const char *const *conds, const Risk *risks, size_t n)
{
   q->rules = calloc(n, sizeof *q->rules);
   q->n_rules = n;
   for (size_t i = 0; i < n; i++) {
      char *err = NULL;
      size_t pos = 0;
      q->rules[i].condition = strdup(conds[i]);
      q->rules[i].expr = Cond_parse(conds[i], &err, &pos);
      cr_assert_not_null(q->rules[i].expr, "%s: %s at %zu", conds[i], err, pos);
      cr_assert(Cond_bind(q->rules[i].expr, q, NULL));
      q->rules[i].risk = risks[i];
      if (Cond_isDefault(q->rules[i].expr))
         q->has_default = true;
   }
}

static void freeLens(Lens *l)
{
   for (size_t i = 0; i < l->n_questions; i++) {
      Question *q = &l->questions[i];
      for (size_t r = 0; r < q->n_rules; r++) {
         free(q->rules[r].condition);
         Cond_free(q->rules[r].expr);
         free(q->rules[r].pos.path);
      }
      free(q->rules);
      for (size_t c = 0; c < q->n_choices; c++)
         free(q->choices[c].id);
      free(q->choices);
      free(q->id);
   }
   free(l->questions);
   free(l->phases);
   free(l->pillars);
   free(l);
}

/* Sets one answer: a string per choice, 'x' selected, 'n' N/A, '.' not. */
static void setAnswer(Review *r, size_t qi, const char *marks)
{
   const Question *q = &r->lens->questions[qi];
   cr_assert_eq(strlen(marks), q->n_choices, "%s: %s", q->id, marks);
   for (size_t i = 0; i < q->n_choices; i++)
      r->answers[qi].choices[i] = marks[i] == 'x'   ? CHOICE_SELECTED
                                  : marks[i] == 'n' ? CHOICE_NA
                                                    : CHOICE_UNSELECTED;
}

static void assertMarks(const Question *q, const Answer *a, const char *marks)
{
   char got[64];
   cr_assert_lt(q->n_choices, sizeof got);
   for (size_t i = 0; i < q->n_choices; i++)
      got[i] = a->choices[i] == CHOICE_SELECTED ? 'x' : a->choices[i] == CHOICE_NA ? 'n' : '.';
   got[q->n_choices] = '\0';
   cr_assert_str_eq(got, marks);
}

static const ChoiceSpec threeAndNo[] = {
   {"a", WEIGHT_HIGH},
   {"b", WEIGHT_HIGH},
   {"c", WEIGHT_MEDIUM},
   {"q_no", WEIGHT_NONE},
};

/* ---- not-applicable reasons ---- */

Test(na_reason, names_and_parse)
{
   cr_assert_str_eq(NaReason_name(NA_NONE), "NONE");
   cr_assert_str_eq(NaReason_name(NA_OUT_OF_SCOPE), "OUT_OF_SCOPE");
   cr_assert_str_eq(NaReason_name(NA_BUSINESS_PRIORITIES), "BUSINESS_PRIORITIES");
   cr_assert_str_eq(NaReason_name(NA_ARCHITECTURE_CONSTRAINTS), "ARCHITECTURE_CONSTRAINTS");
   cr_assert_str_eq(NaReason_name(NA_OTHER), "OTHER");
   cr_assert_str_eq(NaReason_name((NaReason)42), "NONE");
   for (int i = 0; i < NA_REASON_COUNT; i++) {
      NaReason r = NA_OTHER;
      cr_assert(NaReason_parse(NaReason_name((NaReason)i), &r));
      cr_assert_eq(r, (NaReason)i);
   }
   NaReason r = NA_NONE;
   cr_assert(NaReason_parse("business_priorities", &r));
   cr_assert_eq(r, NA_BUSINESS_PRIORITIES);
   r = NA_OTHER;
   cr_assert_not(NaReason_parse("OUT OF SCOPE", &r));
   cr_assert_not(NaReason_parse("", &r));
   cr_assert_not(NaReason_parse(NULL, &r));
   cr_assert_eq(r, NA_OTHER);
   cr_assert_str_eq(NaReason_label(NA_OUT_OF_SCOPE), "Out of scope");
   cr_assert_str_eq(NaReason_label(NA_ARCHITECTURE_CONSTRAINTS), "Architecture constraints");
   cr_assert_str_eq(NaReason_label(NA_NONE), "No reason given");
}

/* What people read, apart from the API words (Risk_name, Weight_name). */
Test(labels, risks_and_weights)
{
   cr_assert_str_eq(Risk_label(RISK_HIGH), "HIGH");
   cr_assert_str_eq(Risk_label(RISK_MEDIUM), "MEDIUM");
   cr_assert_str_eq(Risk_label(RISK_NONE), "OK");
   cr_assert_str_eq(Risk_label(RISK_NOT_APPLICABLE), "n/a");
   cr_assert_str_eq(Risk_label(RISK_UNANSWERED), "unanswered");
   cr_assert_str_eq(Risk_label((Risk)99), "unanswered");
   cr_assert_str_eq(Weight_label(WEIGHT_HIGH), "high");
   cr_assert_str_eq(Weight_label(WEIGHT_MEDIUM), "medium");
   cr_assert_str_eq(Weight_label(WEIGHT_NONE), "none");
   cr_assert_str_eq(Weight_label((Weight)99), "none");
}

/* ---- toggling ---- */

Test(answer, none_of_these_is_exclusive)
{
   Lens *l = newLens(0, 1);
   const Question *q = addQuestion(l, "Q", 0, -1, threeAndNo, 4);
   Review r;
   Review_init(&r, l);
   Answer *a = &r.answers[0];
   assertMarks(q, a, "....");
   Answer_toggle(q, a, 0);
   Answer_toggle(q, a, 1);
   assertMarks(q, a, "xx..");
   Answer_toggle(q, a, 3); /* None of these clears the practices */
   assertMarks(q, a, "...x");
   Answer_toggle(q, a, 2); /* a practice clears None of these */
   assertMarks(q, a, "..x.");
   Answer_toggle(q, a, 2);
   assertMarks(q, a, "....");
   Answer_toggle(q, a, 3);
   Answer_toggle(q, a, 3);
   assertMarks(q, a, "....");
   Answer_select(q, a, 0, true);
   Answer_select(q, a, 0, true); /* idempotent */
   assertMarks(q, a, "x...");
   Answer_select(q, a, 3, true);
   assertMarks(q, a, "...x");
   Answer_select(q, a, 3, false);
   assertMarks(q, a, "....");
   Answer_toggle(q, a, 4); /* out of range: nothing */
   Answer_select(q, a, 99, true);
   assertMarks(q, a, "....");
   Review_free(&r);
   freeLens(l);
}

Test(answer, not_applicable_choice)
{
   Lens *l = newLens(0, 1);
   const Question *q = addQuestion(l, "Q", 0, -1, threeAndNo, 4);
   Review r;
   Review_init(&r, l);
   Answer *a = &r.answers[0];
   setAnswer(&r, 0, "xn..");
   Answer_select(q, a, 1, false); /* unselecting leaves the mark */
   assertMarks(q, a, "xn..");
   Answer_toggle(q, a, 3); /* None of these keeps N/A marks */
   assertMarks(q, a, ".n.x");
   Answer_toggle(q, a, 1); /* selecting a marked choice un-marks it */
   assertMarks(q, a, ".x..");
   Answer_toggle(q, a, 1);
   assertMarks(q, a, "....");
   Review_free(&r);
   freeLens(l);
}

Test(answer, is_empty)
{
   Lens *l = newLens(0, 1);
   const Question *q = addQuestion(l, "Q", 0, -1, threeAndNo, 4);
   Review r;
   Review_init(&r, l);
   Answer *a = &r.answers[0];
   cr_assert(Answer_isEmpty(q, a));
   setAnswer(&r, 0, "..n.");
   cr_assert_not(Answer_isEmpty(q, a));
   setAnswer(&r, 0, "...x");
   cr_assert_not(Answer_isEmpty(q, a));
   setAnswer(&r, 0, "....");
   a->not_applicable = true;
   cr_assert_not(Answer_isEmpty(q, a));
   a->not_applicable = false;
   cr_assert(Answer_isEmpty(q, a));
   cr_assert(Answer_isEmpty(q, NULL));
   Review_free(&r);
   freeLens(l);
}

/* ---- risk ---- */

Test(risk, explicit_rules)
{
   static const ChoiceSpec specs[] = {
      {"v", WEIGHT_NONE},
      {"r", WEIGHT_NONE},
      {"s_no", WEIGHT_NONE},
   };
   static const char *const conds[] = {"v && r", "v || r", "default"};
   static const Risk risks[] = {RISK_NONE, RISK_MEDIUM, RISK_HIGH};
   Lens *l = newLens(0, 1);
   Question *q = addQuestion(l, "Q", 0, -1, specs, 3);
   setRules(q, conds, risks, 3);
   Review r;
   Review_init(&r, l);
   Answer *a = &r.answers[0];
   cr_assert_eq(Question_risk(q, a), RISK_UNANSWERED);
   setAnswer(&r, 0, "x..");
   cr_assert_eq(Question_risk(q, a), RISK_MEDIUM);
   setAnswer(&r, 0, "xx.");
   cr_assert_eq(Question_risk(q, a), RISK_NONE);
   setAnswer(&r, 0, "..x");
   cr_assert_eq(Question_risk(q, a), RISK_HIGH);
   setAnswer(&r, 0, "nn.");
   cr_assert_eq(Question_risk(q, a), RISK_UNANSWERED); /* marks are not answers */
   setAnswer(&r, 0, "nx.");
   cr_assert_eq(Question_risk(q, a), RISK_MEDIUM); /* N/A counts as unselected */
   a->not_applicable = true;
   a->reason = NA_OUT_OF_SCOPE;
   cr_assert_eq(Question_risk(q, a), RISK_NOT_APPLICABLE);
   setAnswer(&r, 0, "...");
   cr_assert_eq(Question_risk(q, a), RISK_NOT_APPLICABLE);
   cr_assert_eq(Question_risk(q, NULL), RISK_UNANSWERED);
   Review_free(&r);
   freeLens(l);
}

Test(risk, first_rule_wins_and_no_default)
{
   static const ChoiceSpec specs[] = {{"a", WEIGHT_NONE}, {"b", WEIGHT_NONE}};
   static const char *const conds[] = {"a", "a && b"};
   static const Risk risks[] = {RISK_HIGH, RISK_NONE};
   Lens *l = newLens(0, 1);
   Question *q = addQuestion(l, "Q", 0, -1, specs, 2);
   setRules(q, conds, risks, 2);
   cr_assert_not(q->has_default);
   Review r;
   Review_init(&r, l);
   setAnswer(&r, 0, "xx");
   cr_assert_eq(Question_risk(q, &r.answers[0]), RISK_HIGH); /* order, not specificity */
   setAnswer(&r, 0, ".x");
   cr_assert_eq(Question_risk(q, &r.answers[0]), RISK_UNANSWERED); /* no rule holds */
   Review_free(&r);
   freeLens(l);
}

Test(risk, derived)
{
   Lens *l = newLens(0, 1);
   Question *q = addQuestion(l, "Q", 0, -1, threeAndNo, 4);
   Question_deriveRules(q);
   Review r;
   Review_init(&r, l);
   const Answer *a = &r.answers[0];
   setAnswer(&r, 0, "xxx.");
   cr_assert_eq(Question_risk(q, a), RISK_NONE);
   setAnswer(&r, 0, "xx..");
   cr_assert_eq(Question_risk(q, a), RISK_MEDIUM);
   setAnswer(&r, 0, "xxn.");
   cr_assert_eq(Question_risk(q, a), RISK_MEDIUM); /* N/A practice is not done */
   setAnswer(&r, 0, "x.x.");
   cr_assert_eq(Question_risk(q, a), RISK_HIGH);
   setAnswer(&r, 0, "...x");
   cr_assert_eq(Question_risk(q, a), RISK_HIGH);
   r.answers[0].not_applicable = true;
   cr_assert_eq(Question_risk(q, a), RISK_NOT_APPLICABLE);
   Review_free(&r);
   freeLens(l);
}

Test(risk, derived_edge_cases)
{
   static const ChoiceSpec mediumOnly[] = {
      {"m1", WEIGHT_MEDIUM}, {"m2", WEIGHT_MEDIUM}, {"m_no", WEIGHT_NONE}};
   static const ChoiceSpec onlyNo[] = {{"z_no", WEIGHT_NONE}};
   Lens *l = newLens(0, 1);
   Question *q0 = addQuestion(l, "Q0", 0, -1, mediumOnly, 3);
   Question *q1 = addQuestion(l, "Q1", 0, -1, onlyNo, 1);
   Question_deriveRules(q0);
   Question_deriveRules(q1);
   Review r;
   Review_init(&r, l);
   setAnswer(&r, 0, "xx.");
   cr_assert_eq(Question_risk(q0, &r.answers[0]), RISK_NONE);
   setAnswer(&r, 0, "x..");
   cr_assert_eq(Question_risk(q0, &r.answers[0]), RISK_MEDIUM);
   setAnswer(&r, 0, "..x");
   cr_assert_eq(Question_risk(q0, &r.answers[0]), RISK_MEDIUM);
   cr_assert_eq(Question_risk(q1, &r.answers[1]), RISK_UNANSWERED);
   setAnswer(&r, 1, "x");
   cr_assert_eq(Question_risk(q1, &r.answers[1]), RISK_NONE);
   Review_free(&r);
   freeLens(l);
}

/* ---- counts and matrix ---- */

/* Two phases x three pillars, seven questions, cell (1,1) empty:
 *   (0,0) Q0 HIGH          (0,1) Q2 NONE, Q3 MEDIUM     (0,2) Q4 N/A
 *   (1,0) Q1 unanswered    (1,1) -                      (1,2) Q5 NONE, Q6 unanswered */
static Lens *matrixLens(Review *r)
{
   static const ChoiceSpec two[] = {
      {"a", WEIGHT_HIGH}, {"b", WEIGHT_MEDIUM}, {"x_no", WEIGHT_NONE}};
   Lens *l = newLens(2, 3);
   addQuestion(l, "Q0", 0, 0, two, 3);
   addQuestion(l, "Q1", 0, 1, two, 3);
   addQuestion(l, "Q2", 1, 0, two, 3);
   addQuestion(l, "Q3", 1, 0, two, 3);
   addQuestion(l, "Q4", 2, 0, two, 3);
   addQuestion(l, "Q5", 2, 1, two, 3);
   addQuestion(l, "Q6", 2, 1, two, 3);
   for (size_t i = 0; i < l->n_questions; i++)
      Question_deriveRules(&l->questions[i]);
   Review_init(r, l);
   setAnswer(r, 0, "..x"); /* HIGH */
   setAnswer(r, 2, "xx."); /* NONE */
   setAnswer(r, 3, "x.."); /* MEDIUM */
   r->answers[4].not_applicable = true;
   setAnswer(r, 5, "xx."); /* NONE */
   return l;
}

static void assertCell(const MatrixCell *c, size_t total, size_t answered, size_t high,
                       size_t medium, size_t none, size_t na, size_t unanswered, Risk worst)
{
   cr_assert_not_null(c);
   cr_assert_eq(c->total, total);
   cr_assert_eq(c->answered, answered);
   cr_assert_eq(c->high, high);
   cr_assert_eq(c->medium, medium);
   cr_assert_eq(c->none, none);
   cr_assert_eq(c->na, na);
   cr_assert_eq(c->unanswered, unanswered);
   cr_assert_eq(c->worst, worst, "worst %d, expected %d", c->worst, worst);
}

Test(review, counts)
{
   Review r;
   Lens *l = matrixLens(&r);
   RiskCounts rc;
   memset(&rc, 0xff, sizeof rc);
   Review_counts(&r, &rc);
   cr_assert_eq(rc.questions, 7);
   cr_assert_eq(rc.answered, 5);
   cr_assert_eq(rc.by_risk[RISK_HIGH], 1);
   cr_assert_eq(rc.by_risk[RISK_MEDIUM], 1);
   cr_assert_eq(rc.by_risk[RISK_NONE], 2);
   cr_assert_eq(rc.by_risk[RISK_NOT_APPLICABLE], 1);
   cr_assert_eq(rc.by_risk[RISK_UNANSWERED], 2);
   cr_assert_eq(rc.practices, 14);
   cr_assert_eq(rc.practices_selected, 5);
   Review_free(&r);
   freeLens(l);
}

Test(matrix, arithmetic)
{
   Review r;
   Lens *l = matrixLens(&r);
   Matrix m;
   Matrix_build(&r, &m);
   cr_assert_eq(m.rows, 2);
   cr_assert_eq(m.cols, 3);
   assertCell(Matrix_cell(&m, 0, 0), 1, 1, 1, 0, 0, 0, 0, RISK_HIGH);
   assertCell(Matrix_cell(&m, 1, 0), 1, 0, 0, 0, 0, 0, 1, RISK_UNANSWERED);
   assertCell(Matrix_cell(&m, 0, 1), 2, 2, 0, 1, 1, 0, 0, RISK_MEDIUM);
   assertCell(Matrix_cell(&m, 1, 1), 0, 0, 0, 0, 0, 0, 0, RISK_UNANSWERED);
   assertCell(Matrix_cell(&m, 0, 2), 1, 1, 0, 0, 0, 1, 0, RISK_NOT_APPLICABLE);
   assertCell(Matrix_cell(&m, 1, 2), 2, 1, 0, 0, 1, 0, 1, RISK_UNANSWERED);
   assertCell(&m.row_totals[0], 4, 4, 1, 1, 1, 1, 0, RISK_HIGH);
   assertCell(&m.row_totals[1], 3, 1, 0, 0, 1, 0, 2, RISK_UNANSWERED);
   assertCell(&m.col_totals[0], 2, 1, 1, 0, 0, 0, 1, RISK_HIGH);
   assertCell(&m.col_totals[1], 2, 2, 0, 1, 1, 0, 0, RISK_MEDIUM);
   assertCell(&m.col_totals[2], 3, 2, 0, 0, 1, 1, 1, RISK_UNANSWERED);
   assertCell(&m.total, 7, 5, 1, 1, 2, 1, 2, RISK_HIGH);
   cr_assert_null(Matrix_cell(&m, 2, 0));
   cr_assert_null(Matrix_cell(&m, 0, 3));
   cr_assert_eq(Matrix_rowOf(l, &l->questions[5]), 1);
   Matrix_free(&m);
   cr_assert_null(m.cells);
   cr_assert_eq(m.rows, 0);
   Review_free(&r);
   freeLens(l);
}

Test(matrix, severity_order)
{
   /* N/A < NONE < UNANSWERED < MEDIUM < HIGH within one cell. */
   static const ChoiceSpec one[] = {
      {"a", WEIGHT_HIGH}, {"b", WEIGHT_MEDIUM}, {"x_no", WEIGHT_NONE}};
   Lens *l = newLens(0, 1);
   for (int i = 0; i < 5; i++)
      addQuestion(l, "Q", 0, -1, one, 3);
   for (size_t i = 0; i < l->n_questions; i++)
      Question_deriveRules(&l->questions[i]);
   Review r;
   Review_init(&r, l);
   Matrix m;
   r.answers[0].not_applicable = true;
   Matrix_build(&r, &m);
   cr_assert_eq(Matrix_cell(&m, 0, 0)->worst, RISK_UNANSWERED);
   Matrix_free(&m);
   for (size_t i = 1; i < 5; i++)
      setAnswer(&r, i, "xx.");
   Matrix_build(&r, &m);
   cr_assert_eq(Matrix_cell(&m, 0, 0)->worst, RISK_NONE);
   Matrix_free(&m);
   setAnswer(&r, 1, "x..");
   Matrix_build(&r, &m);
   cr_assert_eq(Matrix_cell(&m, 0, 0)->worst, RISK_MEDIUM);
   Matrix_free(&m);
   setAnswer(&r, 2, "..x");
   Matrix_build(&r, &m);
   cr_assert_eq(Matrix_cell(&m, 0, 0)->worst, RISK_HIGH);
   assertCell(Matrix_cell(&m, 0, 0), 5, 5, 1, 1, 2, 1, 0, RISK_HIGH);
   Matrix_free(&m);
   for (size_t i = 1; i < 5; i++)
      r.answers[i].not_applicable = true;
   Matrix_build(&r, &m);
   assertCell(Matrix_cell(&m, 0, 0), 5, 5, 0, 0, 0, 5, 0, RISK_NOT_APPLICABLE);
   Matrix_free(&m);
   Review_free(&r);
   freeLens(l);
}

Test(matrix, lens_without_phases)
{
   static const ChoiceSpec one[] = {{"a", WEIGHT_NONE}, {"x_no", WEIGHT_NONE}};
   Lens *l = newLens(0, 2);
   addQuestion(l, "Q0", 0, -1, one, 2);
   addQuestion(l, "Q1", 1, -1, one, 2);
   addQuestion(l, "Q2", 1, -1, one, 2);
   for (size_t i = 0; i < l->n_questions; i++)
      Question_deriveRules(&l->questions[i]);
   Review r;
   Review_init(&r, l);
   setAnswer(&r, 1, "x.");
   setAnswer(&r, 2, ".x");
   Matrix m;
   Matrix_build(&r, &m);
   cr_assert_eq(m.rows, 1);
   cr_assert_eq(m.cols, 2);
   assertCell(Matrix_cell(&m, 0, 0), 1, 0, 0, 0, 0, 0, 1, RISK_UNANSWERED);
   assertCell(Matrix_cell(&m, 0, 1), 2, 2, 1, 0, 1, 0, 0, RISK_HIGH);
   assertCell(&m.row_totals[0], 3, 2, 1, 0, 1, 0, 1, RISK_HIGH);
   assertCell(&m.total, 3, 2, 1, 0, 1, 0, 1, RISK_HIGH);
   cr_assert_null(Matrix_cell(&m, 1, 0));
   cr_assert_eq(Matrix_rowOf(l, &l->questions[2]), 0);
   Matrix_free(&m);
   Review_free(&r);
   freeLens(l);
}

Test(matrix, empty_lens)
{
   Lens *l = newLens(0, 0);
   Review r;
   Review_init(&r, l);
   Matrix m;
   Matrix_build(&r, &m);
   cr_assert_eq(m.rows, 1);
   cr_assert_eq(m.cols, 0);
   cr_assert_eq(m.total.total, 0);
   cr_assert_null(Matrix_cell(&m, 0, 0));
   Matrix_free(&m);
   PlanEntry dummy, *plan = &dummy; /* must be reset */
   cr_assert_eq(Plan_derive(&r, &plan), 0);
   cr_assert_null(plan);
   RiskCounts rc;
   Review_counts(&r, &rc);
   cr_assert_eq(rc.questions, 0);
   Review_free(&r);
   freeLens(l);
}

/* ---- plan and review order ---- */

/* Seven questions over 2 phases x 2 pillars, in a deliberately mixed file order. */
static Lens *planLens(Review *r)
{
   static const ChoiceSpec qa[] = {
      {"a", WEIGHT_HIGH}, {"b", WEIGHT_MEDIUM}, {"c", WEIGHT_NONE}, {"A_no", WEIGHT_NONE}};
   static const ChoiceSpec qb[] = {{"x", WEIGHT_HIGH}, {"y", WEIGHT_MEDIUM}, {"z", WEIGHT_MEDIUM}};
   static const ChoiceSpec qc[] = {{"p", WEIGHT_HIGH}, {"q", WEIGHT_HIGH}, {"r", WEIGHT_MEDIUM}};
   static const ChoiceSpec qd[] = {{"s", WEIGHT_HIGH}, {"t", WEIGHT_MEDIUM}};
   static const ChoiceSpec qg[] = {{"m", WEIGHT_NONE}, {"n", WEIGHT_NONE}, {"G_no", WEIGHT_NONE}};
   static const char *const gconds[] = {"m && n", "default"};
   static const Risk grisks[] = {RISK_NONE, RISK_HIGH};
   Lens *l = newLens(2, 2);
   addQuestion(l, "QA", 1, 0, qa, 4);
   addQuestion(l, "QB", 0, 1, qb, 3);
   addQuestion(l, "QC", 0, 0, qc, 3);
   addQuestion(l, "QD", 1, 1, qd, 2);
   addQuestion(l, "QE", 0, 0, qd, 2);
   addQuestion(l, "QF", 1, -1, qd, 2); /* no phase: counts as the first */
   Question *g = addQuestion(l, "QG", 0, 1, qg, 3);
   for (size_t i = 0; i < 6; i++)
      Question_deriveRules(&l->questions[i]);
   setRules(g, gconds, grisks, 2);
   Review_init(r, l);
   setAnswer(r, 0, "..x."); /* HIGH: a, b missing */
   setAnswer(r, 1, "x..");  /* MEDIUM: y, z */
   setAnswer(r, 2, ".nx");  /* HIGH: p (q is N/A) */
   setAnswer(r, 3, "xx");   /* NONE */
   r->answers[4].not_applicable = true;
   setAnswer(r, 6, "..x"); /* HIGH: m, n */
   return l;
}

Test(plan, order)
{
   Review r;
   Lens *l = planLens(&r);
   static const struct {
      size_t question, choice;
      Risk risk;
   } expected[] = {
      {2, 0, RISK_HIGH},   /* QC.p: high weight, phase 0, pillar 0 */
      {0, 0, RISK_HIGH},   /* QA.a: high weight, phase 0, pillar 1 */
      {0, 1, RISK_HIGH},   /* QA.b: medium weight */
      {6, 0, RISK_HIGH},   /* QG.m: no weight, phase 1 */
      {6, 1, RISK_HIGH},   /* QG.n */
      {1, 1, RISK_MEDIUM}, /* QB.y */
      {1, 2, RISK_MEDIUM}, /* QB.z */
   };
   PlanEntry *plan = NULL;
   size_t n = Plan_derive(&r, &plan);
   cr_assert_eq(n, sizeof expected / sizeof *expected);
   for (size_t i = 0; i < n; i++) {
      cr_assert_eq(plan[i].question, expected[i].question, "entry %zu: question %zu", i,
                   plan[i].question);
      cr_assert_eq(plan[i].choice, expected[i].choice, "entry %zu: choice %zu", i, plan[i].choice);
      cr_assert_eq(plan[i].risk, expected[i].risk, "entry %zu", i);
   }
   free(plan);
   Review_free(&r);
   freeLens(l);
}

Test(plan, review_order)
{
   Review r;
   Lens *l = planLens(&r);
   size_t order[7];
   Lens_reviewOrder(l, order);
   static const size_t expected[] = {2, 4, 0, 5, 1, 6, 3}; /* QC QE QA QF QB QG QD */
   for (size_t i = 0; i < 7; i++)
      cr_assert_eq(order[i], expected[i], "position %zu: %zu", i, order[i]);
   Review_free(&r);
   freeLens(l);
}

/* ---- lens files ---- */

static char *srcPath(const char *rel)
{
   const char *top = getenv("top_srcdir");
   size_t n = strlen(top ? top : ".") + strlen(rel) + 2;
   char *p = malloc(n);
   snprintf(p, n, "%s/%s", top ? top : ".", rel);
   return p;
}

static Lens *loadLens(const char *rel)
{
   char *path = srcPath(rel);
   DiagList diags;
   DiagList_init(&diags);
   Lens *l = Lens_loadFile(path, &diags);
   if (!l)
      DiagList_print(&diags, stderr);
   cr_assert_not_null(l, "%s did not load", path);
   cr_assert_eq(diags.errors, 0);
   DiagList_free(&diags);
   free(path);
   return l;
}

static size_t questionIndex(const Lens *l, const char *id)
{
   for (size_t i = 0; i < l->n_questions; i++)
      if (strcmp(l->questions[i].id, id) == 0)
         return i;
   cr_assert_fail("no question %s", id);
   return 0;
}

/* Sets an answer by choice ids ("" selects nothing); na lists N/A choices. */
static void answerIds(Review *r, size_t qi, const char *const *sel, size_t n_sel,
                      const char *const *na, size_t n_na)
{
   const Question *q = &r->lens->questions[qi];
   Answer *a = &r->answers[qi];
   memset(a->choices, CHOICE_UNSELECTED, q->n_choices);
   a->not_applicable = false;
   for (size_t i = 0; i < n_sel; i++) {
      int c = Question_findChoice(q, sel[i]);
      cr_assert_geq(c, 0, "%s", sel[i]);
      a->choices[c] = CHOICE_SELECTED;
   }
   for (size_t i = 0; i < n_na; i++) {
      int c = Question_findChoice(q, na[i]);
      cr_assert_geq(c, 0, "%s", na[i]);
      a->choices[c] = CHOICE_NA;
   }
}

Test(small_lens, derived_rules_and_review)
{
   Lens *l = loadLens("tests/fixtures/lenses/small.yaml");
   cr_assert_eq(l->n_questions, 5);
   cr_assert_eq(l->n_phases, 2);
   cr_assert_eq(l->n_pillars, 3);
   const Question *q1 = &l->questions[questionIndex(l, "Q1")];
   cr_assert(q1->rules_derived);
   cr_assert_eq(q1->n_rules, 3);
   cr_assert_str_eq(q1->rules[0].condition, "Q1_a && Q1_b && Q1_c");
   cr_assert_eq(q1->rules[0].risk, RISK_NONE);
   cr_assert_str_eq(q1->rules[1].condition, "Q1_a && Q1_b");
   cr_assert_eq(q1->rules[1].risk, RISK_MEDIUM);
   cr_assert_str_eq(q1->rules[2].condition, "default");
   cr_assert_eq(q1->rules[2].risk, RISK_HIGH);
   const Question *q2 = &l->questions[questionIndex(l, "Q2")];
   cr_assert_eq(q2->n_rules, 2);
   cr_assert_str_eq(q2->rules[0].condition, "Q2_a && Q2_b");
   cr_assert_eq(q2->rules[1].risk, RISK_MEDIUM);
   const Question *q3 = &l->questions[questionIndex(l, "Q3")];
   cr_assert_not(q3->rules_derived);
   const Question *q4 = &l->questions[questionIndex(l, "Q4")];
   cr_assert_eq(q4->n_rules, 2);
   cr_assert_str_eq(q4->rules[0].condition, "Q4_tag");

   /* File order: Q1 Q2 Q3 Q5 Q4.  Review order: build (Q1 Q3 Q4), run (Q2 Q5). */
   size_t order[5];
   Lens_reviewOrder(l, order);
   static const size_t expected_order[] = {0, 2, 4, 1, 3};
   for (size_t i = 0; i < 5; i++)
      cr_assert_eq(order[i], expected_order[i], "position %zu", i);

   Review r;
   Review_init(&r, l);
   static const char *const s1[] = {"Q1_a"}, *const s2[] = {"Q2_a"},
                            *const s3[] = {"Q3_vault", "Q3_rotate"}, *const s5[] = {"Q5_test"};
   answerIds(&r, 0, s1, 1, NULL, 0);
   answerIds(&r, 1, s2, 1, NULL, 0);
   answerIds(&r, 2, s3, 2, NULL, 0);
   answerIds(&r, 3, s5, 1, NULL, 0);
   r.answers[4].not_applicable = true;
   cr_assert_eq(Question_risk(&l->questions[0], &r.answers[0]), RISK_HIGH);
   cr_assert_eq(Question_risk(&l->questions[1], &r.answers[1]), RISK_MEDIUM);
   cr_assert_eq(Question_risk(&l->questions[2], &r.answers[2]), RISK_NONE);
   cr_assert_eq(Question_risk(&l->questions[3], &r.answers[3]), RISK_HIGH); /* !Q5_auto */
   cr_assert_eq(Question_risk(&l->questions[4], &r.answers[4]), RISK_NOT_APPLICABLE);

   RiskCounts rc;
   Review_counts(&r, &rc);
   cr_assert_eq(rc.questions, 5);
   cr_assert_eq(rc.answered, 5);
   cr_assert_eq(rc.by_risk[RISK_HIGH], 2);
   cr_assert_eq(rc.by_risk[RISK_MEDIUM], 1);
   cr_assert_eq(rc.by_risk[RISK_NONE], 1);
   cr_assert_eq(rc.by_risk[RISK_NOT_APPLICABLE], 1);
   cr_assert_eq(rc.practices, 10);
   cr_assert_eq(rc.practices_selected, 5);

   Matrix m;
   Matrix_build(&r, &m);
   cr_assert_eq(m.rows, 2);
   cr_assert_eq(m.cols, 3);
   assertCell(Matrix_cell(&m, 0, 0), 1, 1, 1, 0, 0, 0, 0, RISK_HIGH);           /* Q1 */
   assertCell(Matrix_cell(&m, 1, 0), 1, 1, 0, 1, 0, 0, 0, RISK_MEDIUM);         /* Q2 */
   assertCell(Matrix_cell(&m, 0, 1), 1, 1, 0, 0, 1, 0, 0, RISK_NONE);           /* Q3 */
   assertCell(Matrix_cell(&m, 1, 1), 1, 1, 1, 0, 0, 0, 0, RISK_HIGH);           /* Q5 */
   assertCell(Matrix_cell(&m, 0, 2), 1, 1, 0, 0, 0, 1, 0, RISK_NOT_APPLICABLE); /* Q4 */
   assertCell(Matrix_cell(&m, 1, 2), 0, 0, 0, 0, 0, 0, 0, RISK_UNANSWERED);     /* empty */
   assertCell(&m.total, 5, 5, 2, 1, 1, 1, 0, RISK_HIGH);
   Matrix_free(&m);

   /* HIGH first (Q1 before Q5 by weight: Q1_b high, Q1_c medium, Q5_auto none), then Q2. */
   PlanEntry *plan = NULL;
   size_t n = Plan_derive(&r, &plan);
   cr_assert_eq(n, 4);
   const char *ids[4];
   for (size_t i = 0; i < n; i++)
      ids[i] = l->questions[plan[i].question].choices[plan[i].choice].id;
   cr_assert_str_eq(ids[0], "Q1_b");
   cr_assert_str_eq(ids[1], "Q1_c");
   cr_assert_str_eq(ids[2], "Q5_auto");
   cr_assert_str_eq(ids[3], "Q2_b");
   cr_assert_eq(plan[2].risk, RISK_HIGH);
   cr_assert_eq(plan[3].risk, RISK_MEDIUM);
   free(plan);

   Review_free(&r);
   Lens_free(l);
}

static const char *const mlcost04Practices[] = {
   "MLCOST04_BP01", "MLCOST04_BP02", "MLCOST04_BP03", "MLCOST04_BP04", "MLCOST04_BP05",
   "MLCOST04_BP06", "MLCOST04_BP07", "MLCOST04_BP08", "MLCOST04_BP09", "MLCOST04_BP10",
   "MLCOST04_BP11", "MLCOST04_BP12", "MLCOST04_BP13", "MLCOST04_BP14",
};

Test(ml_lens, mlcost04)
{
   Lens *l = loadLens("data/lenses/machine-learning.yaml");
   size_t qi = questionIndex(l, "MLCOST04");
   const Question *q = &l->questions[qi];
   cr_assert_eq(q->n_choices, 15);
   size_t practices = 0, high = 0;
   for (size_t i = 0; i < q->n_choices; i++) {
      if (q->choices[i].is_none)
         continue;
      practices++;
      if (q->choices[i].weight == WEIGHT_HIGH)
         high++;
   }
   cr_assert_eq(practices, 14);
   cr_assert_eq(high, 3);
   cr_assert(q->choices[14].is_none);
   cr_assert(q->rules_derived);
   cr_assert_eq(q->n_rules, 3);
   cr_assert_str_eq(q->rules[1].condition, "MLCOST04_BP06 && MLCOST04_BP13 && MLCOST04_BP14");
   cr_assert_eq(q->rules[1].risk, RISK_MEDIUM);
   cr_assert_eq(q->rules[2].risk, RISK_HIGH);

   Review r;
   Review_init(&r, l);
   const Answer *a = &r.answers[qi];
   cr_assert_eq(Question_risk(q, a), RISK_UNANSWERED);

   answerIds(&r, qi, mlcost04Practices, 14, NULL, 0);
   cr_assert_eq(Question_risk(q, a), RISK_NONE);

   /* Every high one (BP06, BP13, BP14) but a medium (BP01) missing. */
   answerIds(&r, qi, mlcost04Practices + 1, 13, NULL, 0);
   cr_assert_eq(Question_risk(q, a), RISK_MEDIUM);
   static const char *const highs[] = {"MLCOST04_BP06", "MLCOST04_BP13", "MLCOST04_BP14"};
   answerIds(&r, qi, highs, 3, NULL, 0);
   cr_assert_eq(Question_risk(q, a), RISK_MEDIUM);
   PlanEntry *plan = NULL;
   size_t n = Plan_derive(&r, &plan);
   cr_assert_eq(n, 11); /* the eleven medium practices, in file order */
   cr_assert_eq(plan[0].question, qi);
   cr_assert_str_eq(q->choices[plan[0].choice].id, "MLCOST04_BP01");
   cr_assert_str_eq(q->choices[plan[10].choice].id, "MLCOST04_BP12");
   free(plan);

   /* One high (BP13) missing. */
   static const char *const noBP13[] = {
      "MLCOST04_BP01", "MLCOST04_BP02", "MLCOST04_BP03", "MLCOST04_BP04", "MLCOST04_BP05",
      "MLCOST04_BP06", "MLCOST04_BP07", "MLCOST04_BP08", "MLCOST04_BP09", "MLCOST04_BP10",
      "MLCOST04_BP11", "MLCOST04_BP12", "MLCOST04_BP14",
   };
   answerIds(&r, qi, noBP13, 13, NULL, 0);
   cr_assert_eq(Question_risk(q, a), RISK_HIGH);
   n = Plan_derive(&r, &plan);
   cr_assert_eq(n, 1);
   cr_assert_str_eq(q->choices[plan[0].choice].id, "MLCOST04_BP13");
   cr_assert_eq(plan[0].risk, RISK_HIGH);
   free(plan);

   /* ...and marked not applicable: not done, still HIGH, but not in the plan. */
   static const char *const bp13[] = {"MLCOST04_BP13"};
   answerIds(&r, qi, noBP13, 13, bp13, 1);
   cr_assert_eq(Question_risk(q, a), RISK_HIGH);
   n = Plan_derive(&r, &plan);
   cr_assert_eq(n, 0);
   cr_assert_null(plan);

   static const char *const none[] = {"MLCOST04_no"};
   answerIds(&r, qi, none, 1, NULL, 0);
   cr_assert_eq(Question_risk(q, a), RISK_HIGH);
   n = Plan_derive(&r, &plan);
   cr_assert_eq(n, 14);
   cr_assert_str_eq(q->choices[plan[0].choice].id, "MLCOST04_BP06"); /* high ones first */
   cr_assert_str_eq(q->choices[plan[1].choice].id, "MLCOST04_BP13");
   cr_assert_str_eq(q->choices[plan[2].choice].id, "MLCOST04_BP14");
   cr_assert_str_eq(q->choices[plan[3].choice].id, "MLCOST04_BP01");
   free(plan);

   r.answers[qi].not_applicable = true;
   r.answers[qi].reason = NA_BUSINESS_PRIORITIES;
   cr_assert_eq(Question_risk(q, a), RISK_NOT_APPLICABLE);
   cr_assert_eq(Plan_derive(&r, &plan), 0);

   Review_free(&r);
   Lens_free(l);
}

/* MLCOST06 (monitoring): BP01 medium, BP02 high, BP03 high, BP04 medium.
 * MLCOST03 (data processing): four medium practices, no high one. */
Test(ml_lens, mlcost06_and_mlcost03)
{
   Lens *l = loadLens("data/lenses/machine-learning.yaml");
   size_t q6 = questionIndex(l, "MLCOST06"), q3 = questionIndex(l, "MLCOST03");
   const Question *q = &l->questions[q6];
   cr_assert_eq(q->n_rules, 3);
   cr_assert_str_eq(q->rules[0].condition,
                    "MLCOST06_BP01 && MLCOST06_BP02 && MLCOST06_BP03 && MLCOST06_BP04");
   cr_assert_str_eq(q->rules[1].condition, "MLCOST06_BP02 && MLCOST06_BP03");

   Review r;
   Review_init(&r, l);
   static const char *const sel[] = {"MLCOST06_BP02", "MLCOST06_BP03"};
   static const char *const na[] = {"MLCOST06_BP01"};
   answerIds(&r, q6, sel, 2, na, 1);
   cr_assert_eq(Question_risk(q, &r.answers[q6]), RISK_MEDIUM);
   static const char *const sel2[] = {"MLCOST06_BP01", "MLCOST06_BP03", "MLCOST06_BP04"};
   answerIds(&r, q6, sel2, 3, NULL, 0);
   cr_assert_eq(Question_risk(q, &r.answers[q6]), RISK_HIGH);

   const Question *p = &l->questions[q3];
   cr_assert_eq(p->n_rules, 2);
   cr_assert_eq(p->rules[1].risk, RISK_MEDIUM);
   static const char *const bp01[] = {"MLCOST03_BP01"};
   answerIds(&r, q3, bp01, 1, NULL, 0);
   cr_assert_eq(Question_risk(p, &r.answers[q3]), RISK_MEDIUM);
   static const char *const no3[] = {"MLCOST03_no"};
   answerIds(&r, q3, no3, 1, NULL, 0);
   cr_assert_eq(Question_risk(p, &r.answers[q3]), RISK_MEDIUM);

   /* Plan: MLCOST06 is HIGH (BP02 missing, high first), MLCOST03 MEDIUM after it. */
   PlanEntry *plan = NULL;
   size_t n = Plan_derive(&r, &plan);
   cr_assert_eq(n, 5);
   cr_assert_eq(plan[0].question, q6);
   cr_assert_str_eq(q->choices[plan[0].choice].id, "MLCOST06_BP02");
   cr_assert_eq(plan[1].question, q3);
   cr_assert_str_eq(p->choices[plan[1].choice].id, "MLCOST03_BP01");
   cr_assert_eq(plan[4].risk, RISK_MEDIUM);
   free(plan);
   Review_free(&r);
   Lens_free(l);
}

Test(ml_lens, matrix_shape)
{
   Lens *l = loadLens("data/lenses/machine-learning.yaml");
   cr_assert_eq(l->n_questions, 35);
   Review r;
   Review_init(&r, l);
   Matrix m;
   Matrix_build(&r, &m);
   cr_assert_eq(m.rows, 6);
   cr_assert_eq(m.cols, 6);
   int rel = Lens_findPillar(l, "reliability"), goal = Lens_findPhase(l, "business_goal");
   cr_assert_geq(rel, 0);
   cr_assert_geq(goal, 0);
   for (size_t row = 0; row < 6; row++)
      for (size_t col = 0; col < 6; col++) {
         bool empty = row == (size_t)goal && col == (size_t)rel;
         cr_assert_eq(Matrix_cell(&m, row, col)->total, empty ? 0u : 1u, "cell %zu,%zu", row, col);
      }
   assertCell(&m.total, 35, 0, 0, 0, 0, 0, 35, RISK_UNANSWERED);
   Matrix_free(&m);

   size_t order[35];
   Lens_reviewOrder(l, order);
   cr_assert_str_eq(l->questions[order[0]].id, "MLOPS01");
   cr_assert_str_eq(l->questions[order[1]].id, "MLSEC01");
   cr_assert_str_eq(l->questions[order[34]].id, "MLSUS06");
   Review_free(&r);
   Lens_free(l);
}
