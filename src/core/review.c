/* review.c: answers and what follows from them: risk, counts, the phase x
 * pillar matrix, the improvement plan and the review order.
 *
 * Everything here is a pure function of a Lens and its answers; nothing is
 * cached, so a caller that changes an answer simply asks again. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "core/cond.h"
#include "core/review.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"

/* ---- not-applicable reasons ---- */

static const char *const naReasonNames[NA_REASON_COUNT] = {
   "NONE", "OUT_OF_SCOPE", "BUSINESS_PRIORITIES", "ARCHITECTURE_CONSTRAINTS", "OTHER",
};

static const char *const naReasonLabels[NA_REASON_COUNT] = {
   N_("No reason given"),          N_("Out of scope"), N_("Business priorities"),
   N_("Architecture constraints"), N_("Other"),
};

const char *NaReason_name(NaReason r)
{
   return (unsigned)r < NA_REASON_COUNT ? naReasonNames[r] : naReasonNames[NA_NONE];
}

bool NaReason_parse(const char *name, NaReason *out)
{
   if (!name)
      return false;
   for (int i = 0; i < NA_REASON_COUNT; i++) {
      if (strcasecmp(name, naReasonNames[i]) == 0) {
         if (out)
            *out = (NaReason)i;
         return true;
      }
   }
   return false;
}

bool NaReason_isName(const char *s)
{
   for (int i = 0; s && i < NA_REASON_COUNT; i++)
      if (strcmp(s, naReasonNames[i]) == 0)
         return true;
   return false;
}

const char *NaReason_label(NaReason r)
{
   return _(naReasonLabels[(unsigned)r < NA_REASON_COUNT ? r : NA_NONE]);
}

/* The text is checked by code point: a byte count would let 250 letters
 * of one script pass and refuse 100 of another.  Unsafe characters
 * (Utf8_isUnsafe: controls, bidi overrides) are refused, not cleaned, so
 * that what is stored is what the person typed. */
char *NaNote_problem(const char *text)
{
   if (!text || u8_check((const uint8_t *)text, strlen(text)) != NULL)
      return xstrdup(_("the reason text is not valid UTF-8"));
   size_t chars = 0;
   bool blank = true;
   for (const char *p = text; *p; chars++) {
      uint32_t cp;
      p += Utf8_next(p, &cp);
      if (cp == '\n' || cp == '\r')
         return xstrdup(_("the reason text must be one line"));
      if (Utf8_isUnsafe(cp))
         return xasprintf(_("the reason text holds a control character (U+%04X)"), (unsigned)cp);
      if (cp != ' ' && cp != 0x3000 && cp != 0xA0)
         blank = false;
   }
   if (blank)
      return xstrdup(_("the reason text is blank"));
   if (chars > NA_NOTE_MAX)
      return xasprintf(_("the reason text has %zu characters; at most %d are allowed"), chars,
                       NA_NOTE_MAX);
   return NULL;
}

/* ---- risks and weights as people read them ---- */

static const char *const riskLabels[RISK_COUNT] = {
   [RISK_UNANSWERED] = N_("unanswered"), [RISK_HIGH] = N_("HIGH"),
   [RISK_MEDIUM] = N_("MEDIUM"),         [RISK_NONE] = N_("OK"),
   [RISK_NOT_APPLICABLE] = N_("n/a"),
};

static const char *const weightLabels[] = {
   [WEIGHT_NONE] = N_("none"),
   [WEIGHT_HIGH] = N_("high"),
   [WEIGHT_MEDIUM] = N_("medium"),
};

const char *Risk_label(Risk r)
{
   return _(riskLabels[(unsigned)r < RISK_COUNT ? r : RISK_UNANSWERED]);
}

const char *Weight_label(Weight w)
{
   unsigned n = sizeof weightLabels / sizeof *weightLabels;
   return _(weightLabels[(unsigned)w < n ? w : WEIGHT_NONE]);
}

/* ---- one answer ---- */

static bool answerAnySelected(const Question *q, const Answer *a)
{
   if (!a || !a->choices)
      return false;
   for (size_t i = 0; i < q->n_choices; i++)
      if (a->choices[i] == CHOICE_SELECTED)
         return true;
   return false;
}

Risk Question_risk(const Question *q, const Answer *a)
{
   if (!a)
      return RISK_UNANSWERED;
   if (a->not_applicable)
      return RISK_NOT_APPLICABLE;
   if (!answerAnySelected(q, a))
      return RISK_UNANSWERED;
   for (size_t i = 0; i < q->n_rules; i++)
      if (Cond_eval(q->rules[i].expr, a->choices))
         return q->rules[i].risk;
   return RISK_UNANSWERED;
}

void Answer_select(const Question *q, Answer *a, size_t i, bool on)
{
   if (!a || !a->choices || i >= q->n_choices)
      return;
   if (!on) {
      if (a->choices[i] == CHOICE_SELECTED)
         a->choices[i] = CHOICE_UNSELECTED;
      return;
   }
   a->choices[i] = CHOICE_SELECTED;
   /* "None of these" excludes every practice, and a practice excludes it.
    * Marks of not applicable on the others are kept: they are still true. */
   bool none = q->choices[i].is_none;
   for (size_t j = 0; j < q->n_choices; j++) {
      if (j == i || a->choices[j] != CHOICE_SELECTED)
         continue;
      if (none || q->choices[j].is_none)
         a->choices[j] = CHOICE_UNSELECTED;
   }
}

void Answer_toggle(const Question *q, Answer *a, size_t i)
{
   if (!a || !a->choices || i >= q->n_choices)
      return;
   Answer_select(q, a, i, a->choices[i] != CHOICE_SELECTED);
}

bool Answer_isEmpty(const Question *q, const Answer *a)
{
   if (!a)
      return true;
   if (a->not_applicable)
      return false;
   if (!a->choices)
      return true;
   for (size_t i = 0; i < q->n_choices; i++)
      if (a->choices[i] != CHOICE_UNSELECTED)
         return false;
   return true;
}

/* ---- a whole review ---- */

void Review_init(Review *r, const Lens *lens)
{
   r->lens = lens;
   r->answers = xcalloc(lens->n_questions ? lens->n_questions : 1, sizeof *r->answers);
   for (size_t i = 0; i < lens->n_questions; i++) {
      size_t n = lens->questions[i].n_choices;
      r->answers[i].choices = xcalloc(n ? n : 1, 1);
   }
}

void Review_free(Review *r)
{
   if (!r)
      return;
   if (r->answers && r->lens)
      for (size_t i = 0; i < r->lens->n_questions; i++)
         free(r->answers[i].choices);
   free(r->answers);
   r->answers = NULL;
   r->lens = NULL;
}

void Review_counts(const Review *r, RiskCounts *out)
{
   memset(out, 0, sizeof *out);
   const Lens *lens = r->lens;
   for (size_t i = 0; i < lens->n_questions; i++) {
      const Question *q = &lens->questions[i];
      const Answer *a = &r->answers[i];
      Risk risk = Question_risk(q, a);
      out->by_risk[(unsigned)risk < RISK_COUNT ? risk : RISK_UNANSWERED]++;
      out->questions++;
      if (risk != RISK_UNANSWERED)
         out->answered++;
      for (size_t c = 0; c < q->n_choices; c++) {
         if (q->choices[c].is_none)
            continue;
         out->practices++;
         if (a->choices && a->choices[c] == CHOICE_SELECTED)
            out->practices_selected++;
      }
   }
}

/* ---- the matrix ---- */

size_t Matrix_rowOf(const Lens *lens, const Question *q)
{
   if (q->phase >= 0 && (size_t)q->phase < lens->n_phases)
      return (size_t)q->phase;
   return 0;
}

static void matrixCellAddRisk(MatrixCell *cell, Risk risk)
{
   if (cell->total == 0 || Risk_severity(risk) > Risk_severity(cell->worst))
      cell->worst = risk;
   cell->total++;
   switch (risk) {
   case RISK_HIGH: cell->high++; break;
   case RISK_MEDIUM: cell->medium++; break;
   case RISK_NONE: cell->none++; break;
   case RISK_NOT_APPLICABLE: cell->na++; break;
   case RISK_UNANSWERED:
   default: cell->unanswered++; break;
   }
   cell->answered = cell->total - cell->unanswered;
}

static void matrixCellMerge(MatrixCell *dst, const MatrixCell *src)
{
   if (src->total == 0)
      return;
   if (dst->total == 0 || Risk_severity(src->worst) > Risk_severity(dst->worst))
      dst->worst = src->worst;
   dst->total += src->total;
   dst->answered += src->answered;
   dst->high += src->high;
   dst->medium += src->medium;
   dst->none += src->none;
   dst->na += src->na;
   dst->unanswered += src->unanswered;
}

void Matrix_init(Matrix *m, size_t rows, size_t cols)
{
   memset(m, 0, sizeof *m);
   m->rows = rows ? rows : 1;
   m->cols = cols;
   /* +1: calloc(0) may give NULL, and xcalloc treats NULL as out of memory. */
   m->cells = xcalloc(m->rows * m->cols + 1, sizeof *m->cells);
   m->row_totals = xcalloc(m->rows + 1, sizeof *m->row_totals);
   m->col_totals = xcalloc(m->cols + 1, sizeof *m->col_totals);
}

void Matrix_add(Matrix *m, size_t row, size_t col, Risk risk)
{
   MatrixCell *cell = Matrix_cell(m, row, col);
   if (cell)
      matrixCellAddRisk(cell, risk);
}

void Matrix_sum(Matrix *m)
{
   for (size_t row = 0; row < m->rows; row++) {
      for (size_t col = 0; col < m->cols; col++) {
         const MatrixCell *cell = Matrix_cell(m, row, col);
         matrixCellMerge(&m->row_totals[row], cell);
         matrixCellMerge(&m->col_totals[col], cell);
         matrixCellMerge(&m->total, cell);
      }
   }
}

void Matrix_build(const Review *r, Matrix *m)
{
   const Lens *lens = r->lens;
   Matrix_init(m, lens->n_phases, lens->n_pillars);
   for (size_t i = 0; i < lens->n_questions; i++) {
      const Question *q = &lens->questions[i];
      if (q->pillar >= m->cols)
         continue; /* not in a loaded lens; hand-made ones are not trusted */
      Matrix_add(m, Matrix_rowOf(lens, q), q->pillar, Question_risk(q, &r->answers[i]));
   }
   Matrix_sum(m);
}

void Matrix_free(Matrix *m)
{
   if (!m)
      return;
   free(m->cells);
   free(m->row_totals);
   free(m->col_totals);
   memset(m, 0, sizeof *m);
}

MatrixCell *Matrix_cell(const Matrix *m, size_t row, size_t col)
{
   if (row >= m->rows || col >= m->cols)
      return NULL;
   return &m->cells[row * m->cols + col];
}

/* ---- ordering ---- */

/* A sort key for a question: row (phase), pillar, file order. */
typedef struct QuestionKey {
   size_t row, pillar, index;
} QuestionKey;

static QuestionKey questionKeyOf(const Lens *lens, size_t index)
{
   const Question *q = &lens->questions[index];
   QuestionKey k = {Matrix_rowOf(lens, q), q->pillar, index};
   return k;
}

static int cmpSize(size_t a, size_t b)
{
   return (a > b) - (a < b);
}

static int questionKeyCmp(const QuestionKey *a, const QuestionKey *b)
{
   int c = cmpSize(a->row, b->row);
   if (!c)
      c = cmpSize(a->pillar, b->pillar);
   if (!c)
      c = cmpSize(a->index, b->index);
   return c;
}

static int questionKeyQsort(const void *a, const void *b)
{
   return questionKeyCmp(a, b);
}

void Lens_reviewOrder(const Lens *lens, size_t *order)
{
   size_t n = lens->n_questions;
   if (n == 0)
      return;
   QuestionKey *keys = xmalloc(n * sizeof *keys);
   for (size_t i = 0; i < n; i++)
      keys[i] = questionKeyOf(lens, i);
   qsort(keys, n, sizeof *keys, questionKeyQsort);
   for (size_t i = 0; i < n; i++)
      order[i] = keys[i].index;
   free(keys);
}

/* ---- improvement plan ---- */

typedef struct PlanKey {
   PlanEntry entry;
   int risk_rank;   /* 0 for HIGH, 1 for MEDIUM */
   int weight_rank; /* 0 high, 1 medium, 2 none */
   QuestionKey question;
} PlanKey;

static int planKeyQsort(const void *pa, const void *pb)
{
   const PlanKey *a = pa, *b = pb;
   int c = (a->risk_rank > b->risk_rank) - (a->risk_rank < b->risk_rank);
   if (!c)
      c = (a->weight_rank > b->weight_rank) - (a->weight_rank < b->weight_rank);
   if (!c)
      c = questionKeyCmp(&a->question, &b->question);
   if (!c)
      c = cmpSize(a->entry.choice, b->entry.choice);
   return c;
}

static int weightRank(Weight w)
{
   switch (w) {
   case WEIGHT_HIGH: return 0;
   case WEIGHT_MEDIUM: return 1;
   case WEIGHT_NONE: break;
   }
   return 2;
}

size_t Plan_derive(const Review *r, PlanEntry **out)
{
   const Lens *lens = r->lens;
   PlanKey *keys = NULL;
   size_t n = 0, cap = 0;
   for (size_t qi = 0; qi < lens->n_questions; qi++) {
      const Question *q = &lens->questions[qi];
      const Answer *a = &r->answers[qi];
      Risk risk = Question_risk(q, a);
      if (risk != RISK_HIGH && risk != RISK_MEDIUM)
         continue;
      for (size_t ci = 0; ci < q->n_choices; ci++) {
         if (q->choices[ci].is_none || a->choices[ci] != CHOICE_UNSELECTED)
            continue;
         keys = xgrow(keys, &cap, n + 1, sizeof *keys);
         PlanKey *k = &keys[n++];
         k->entry.question = qi;
         k->entry.choice = ci;
         k->entry.risk = risk;
         k->risk_rank = risk == RISK_HIGH ? 0 : 1;
         k->weight_rank = weightRank(q->choices[ci].weight);
         k->question = questionKeyOf(lens, qi);
      }
   }
   *out = NULL;
   if (n == 0) {
      free(keys);
      return 0;
   }
   qsort(keys, n, sizeof *keys, planKeyQsort);
   PlanEntry *entries = xmalloc(n * sizeof *entries);
   for (size_t i = 0; i < n; i++)
      entries[i] = keys[i].entry;
   free(keys);
   *out = entries;
   return n;
}
