/* reviewdoc.c: a stored review turned into a lens plus answers, and back. */
#include "config.h"

#include "store/reviewdoc.h"
#include "store/portkeep.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/suggest.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/count.h"
#include "store/upgrade.h"

/* Fills a core Answer from its stored form; unknown choice ids (a lens text
 * never changes under a review, so only a damaged row has them) are skipped. */
static void answerFromStored(const Question *q, const StoredAnswer *sa, Answer *a)
{
   memset(a->choices, CHOICE_UNSELECTED, q->n_choices);
   a->not_applicable = sa->not_applicable;
   a->reason = NA_NONE;
   if (sa->na_reason)
      NaReason_parse(sa->na_reason, &a->reason);
   for (size_t i = 0; i < sa->n_na_choices; i++) {
      int c = Question_findChoice(q, sa->na_choices[i]);
      if (c >= 0)
         a->choices[c] = CHOICE_NA;
   }
   for (size_t i = 0; i < sa->n_selected; i++) {
      int c = Question_findChoice(q, sa->selected[i]);
      if (c >= 0)
         a->choices[c] = CHOICE_SELECTED;
   }
}

void ReviewDoc_answerFromStored(const Question *q, const StoredAnswer *sa, Answer *a)
{
   answerFromStored(q, sa, a);
}

/* The stored form of an answer: choice ids in lens order.  The strings it
 * points to are borrowed from the lens; only the arrays are allocated. */
static void answerToStored(const Question *q, const Answer *a, const char *notes, StoredAnswer *sa)
{
   memset(sa, 0, sizeof *sa);
   sa->question_id = q->id;
   sa->not_applicable = a->not_applicable;
   sa->na_reason = a->not_applicable ? (char *)NaReason_name(a->reason) : NULL;
   sa->notes = (char *)notes;
   sa->selected = xcalloc(q->n_choices + 1, sizeof *sa->selected);
   sa->na_choices = xcalloc(q->n_choices + 1, sizeof *sa->na_choices);
   for (size_t i = 0; i < q->n_choices; i++) {
      if (a->choices[i] == CHOICE_SELECTED)
         sa->selected[sa->n_selected++] = q->choices[i].id;
      else if (a->choices[i] == CHOICE_NA)
         sa->na_choices[sa->n_na_choices++] = q->choices[i].id;
   }
}

static void resetStored(ReviewDoc *doc, size_t q)
{
   StoredAnswer_free(&doc->stored[q]);
   memset(&doc->stored[q], 0, sizeof doc->stored[q]);
   doc->stored[q].question_id = xstrdup(doc->lens->questions[q].id);
   memset(doc->review.answers[q].choices, CHOICE_UNSELECTED, doc->lens->questions[q].n_choices);
   doc->review.answers[q].not_applicable = false;
   doc->review.answers[q].reason = NA_NONE;
}

/* Takes ownership of sa's contents. */
static void adoptStored(ReviewDoc *doc, size_t q, StoredAnswer *sa)
{
   StoredAnswer_free(&doc->stored[q]);
   doc->stored[q] = *sa;
   answerFromStored(&doc->lens->questions[q], sa, &doc->review.answers[q]);
}

/* The re-review marks a lens upgrade left (store/upgrade.h). */
static StoreStatus reloadMarks(Store *s, ReviewDoc *doc)
{
   char **ids = NULL;
   size_t n = 0;
   StoreStatus st = Store_getReviewMarks(s, doc->workload.review_id, &ids, &n);
   if (st != STORE_OK)
      return st;
   if (!doc->needs_review)
      doc->needs_review = xcalloc(doc->lens->n_questions + 1, sizeof *doc->needs_review);
   memset(doc->needs_review, 0, doc->lens->n_questions * sizeof *doc->needs_review);
   for (size_t i = 0; i < n; i++) {
      size_t q;
      if (Lens_findQuestion(doc->lens, ids[i], &q))
         doc->needs_review[q] = true;
      free(ids[i]);
   }
   free(ids);
   return STORE_OK;
}

StoreStatus ReviewDoc_reloadAnswers(Store *s, ReviewDoc *doc)
{
   StoredAnswer *rows = NULL;
   size_t n = 0;
   StoreStatus st = reloadMarks(s, doc);
   if (st == STORE_OK)
      st = Store_getAnswers(s, doc->workload.review_id, &rows, &n);
   if (st != STORE_OK)
      return st;
   for (size_t q = 0; q < doc->lens->n_questions; q++)
      resetStored(doc, q);
   for (size_t i = 0; i < n; i++) {
      size_t q;
      if (Lens_findQuestion(doc->lens, rows[i].question_id, &q)) {
         adoptStored(doc, q, &rows[i]);
         memset(&rows[i], 0, sizeof rows[i]);
      }
   }
   StoredAnswer_freeArray(rows, n);
   return STORE_OK;
}

/* "no workload named 'X'", with the nearest name of a workload (archived
 * ones too) when one is close: "(did you mean 'Y'?)". */
static char *noWorkload(Store *s, const char *name)
{
   Workload *w = NULL;
   size_t n = 0;
   char *msg = NULL;
   if (Store_listWorkloads(s, true, &w, &n) == STORE_OK && n) {
      const char **names = xcalloc(n, sizeof *names);
      for (size_t i = 0; i < n; i++)
         names[i] = w[i].name;
      const char *best = Suggest_best(name, names, n);
      if (best)
         msg = xasprintf(_("no workload named '%s' (did you mean '%s'?)"), name, best);
      free(names);
   }
   Workload_freeArray(w, n);
   return msg ? msg : xasprintf(_("no workload named '%s'"), name);
}

StoreStatus ReviewDoc_load(Store *s, const char *workload, ReviewDoc *out, DiagList *diags,
                           char **err)
{
   memset(out, 0, sizeof *out);
   StoreStatus st = Store_findWorkload(s, workload, &out->workload);
   if (st != STORE_OK) {
      *err = st == STORE_NOT_FOUND ? noWorkload(s, workload) : xstrdup(Store_lastError(s));
      return st;
   }
   StoreLens sl;
   st = Store_getLens(s, out->workload.lens_id, &sl);
   if (st != STORE_OK) {
      *err = xasprintf(_("workload '%s': %s"), workload, Store_lastError(s));
      Workload_free(&out->workload);
      return st;
   }
   char *name = xasprintf(_("lens '%s' stored for %s"), sl.key, workload);
   out->lens = Lens_loadStored(name, sl.text, sl.text_len, diags);
   out->lens_from_bundle = sl.from_bundle;
   free(name);
   StoreLens_free(&sl);
   if (!out->lens) {
      *err = xasprintf(_("the lens of workload '%s' no longer loads"), workload);
      Workload_free(&out->workload);
      return STORE_INVALID;
   }
   Review_init(&out->review, out->lens);
   out->stored = xcalloc(out->lens->n_questions ? out->lens->n_questions : 1, sizeof *out->stored);
   st = ReviewDoc_reloadAnswers(s, out);
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      ReviewDoc_free(out);
   }
   return st;
}

StoreStatus ReviewDoc_readReview(Store *s, int64_t review_id, const Lens *lens, Review *out)
{
   StoredAnswer *rows = NULL;
   size_t n = 0;
   StoreStatus st = Store_getAnswers(s, review_id, &rows, &n);

   if (st != STORE_OK)
      return st;
   Review_init(out, lens);
   for (size_t i = 0; i < n; i++) {
      size_t q;
      if (Lens_findQuestion(lens, rows[i].question_id, &q))
         answerFromStored(&lens->questions[q], &rows[i], &out->answers[q]);
   }
   StoredAnswer_freeArray(rows, n);
   return STORE_OK;
}

/* The risk counts of one review's answers as stored now, on its lens. */
static StoreStatus countReview(Store *s, int64_t review_id, const Lens *lens, RiskCounts *counts)
{
   Review r;
   StoreStatus st = ReviewDoc_readReview(s, review_id, lens, &r);

   if (st != STORE_OK)
      return st;
   Review_counts(&r, counts);
   Review_free(&r);
   return STORE_OK;
}

StoreStatus ReviewDoc_summary(Store *s, const Workload *w, const Lens *lens, RiskCounts *counts,
                              char **last_at, char **last_by)
{
   StoreStatus st = countReview(s, w->review_id, lens, counts);

   *last_at = *last_by = NULL;
   if (st != STORE_OK)
      return st;
   st = Store_lastChange(s, w->review_id, last_at, last_by);
   if (st == STORE_NOT_FOUND) { /* no history at all: the workload row is all there is */
      *last_at = xstrdup(w->updated_at);
      *last_by = xstrdup(w->updated_by);
   } else if (st != STORE_OK) {
      return st;
   }
   return STORE_OK;
}

static void toStoreCounts(const RiskCounts *c, StoreCounts *out)
{
   *out = (StoreCounts){
      .questions = (int64_t)c->questions,
      .answered = (int64_t)c->answered,
      .unanswered = (int64_t)c->by_risk[RISK_UNANSWERED],
      .high = (int64_t)c->by_risk[RISK_HIGH],
      .medium = (int64_t)c->by_risk[RISK_MEDIUM],
      .none = (int64_t)c->by_risk[RISK_NONE],
      .na = (int64_t)c->by_risk[RISK_NOT_APPLICABLE],
      .practices = (int64_t)c->practices,
      .selected = (int64_t)c->practices_selected,
   };
}

static size_t nonNegative(int64_t v)
{
   return v > 0 ? (size_t)v : 0;
}

static void fromStoreCounts(const StoreCounts *c, RiskCounts *out)
{
   memset(out, 0, sizeof *out);
   out->questions = nonNegative(c->questions);
   out->answered = nonNegative(c->answered);
   out->by_risk[RISK_UNANSWERED] = nonNegative(c->unanswered);
   out->by_risk[RISK_HIGH] = nonNegative(c->high);
   out->by_risk[RISK_MEDIUM] = nonNegative(c->medium);
   out->by_risk[RISK_NONE] = nonNegative(c->none);
   out->by_risk[RISK_NOT_APPLICABLE] = nonNegative(c->na);
   out->practices = nonNegative(c->practices);
   out->practices_selected = nonNegative(c->selected);
}

/* Counts review_id's answers on lens and records them, inside the caller's
 * write transaction (the counts and the answers they describe commit
 * together). */
static StoreStatus keepCounts(Store *s, int64_t review_id, const Lens *lens)
{
   RiskCounts rc;
   StoreCounts sc;
   Review r;
   StoreStatus st = ReviewDoc_readReview(s, review_id, lens, &r);
   if (st != STORE_OK)
      return st;
   Review_counts(&r, &rc);
   toStoreCounts(&rc, &sc);
   st = Store_putReviewCounts(s, review_id, &sc);
   /* The portfolio's row of the review too (portkeep.h), from the same
    * read of the answers. */
   if (st == STORE_OK)
      st = PortKeep_keepReview(s, review_id, &r);
   Review_free(&r);
   return st;
}

/* ---- many summaries at once -------------------------------------------- */

/* One row's review while the answers of every review stream past. */
typedef struct Tally {
   int64_t review_id;
   ReviewSummary *row;
   Review review;
   char *at, *by; /* its newest history row, NULL without one */
   size_t next_q; /* the question after its previous answer's */
} Tally;

/* An answer handed over, for its choices that follow. */
typedef struct TallyAnswer {
   int64_t id;
   const Question *q;
   Answer *a;
} TallyAnswer;

typedef struct TallyPass {
   Tally *t; /* sorted by review id */
   size_t n;
   Tally *cur;           /* the previous answer's review: a review's answers mostly come together */
   TallyAnswer *answers; /* by id, as the store hands them over */
   size_t n_answers, cap_answers, next; /* next: where the previous choice's answer was */
} TallyPass;

static int byReview(const void *a, const void *b)
{
   int64_t x = ((const Tally *)a)->review_id, y = ((const Tally *)b)->review_id;
   return (x > y) - (x < y);
}

static int byAnswer(const void *a, const void *b)
{
   int64_t x = ((const TallyAnswer *)a)->id, y = ((const TallyAnswer *)b)->id;
   return (x > y) - (x < y);
}

/* The tally of a review, or NULL when it was not asked for. */
static Tally *tallyOf(TallyPass *p, int64_t review_id)
{
   if (!p->cur || p->cur->review_id != review_id) {
      Tally key = {.review_id = review_id};
      p->cur = bsearch(&key, p->t, p->n, sizeof *p->t, byReview);
   }
   return p->cur;
}

static void tallyAnswer(const AnswerScanRow *r, void *ctx)
{
   TallyPass *p = ctx;
   const Lens *lens;
   TallyAnswer *ta;
   size_t q;

   if (!tallyOf(p, r->review_id))
      return;
   lens = p->cur->row->lens;
   /* Answers mostly come in the order they were written, often the lens's. */
   q = p->cur->next_q;
   if (q >= lens->n_questions || strcmp(lens->questions[q].id, r->question_id) != 0)
      if (!Lens_findQuestion(lens, r->question_id, &q))
         return;
   p->cur->next_q = q + 1;
   p->answers = xgrow(p->answers, &p->cap_answers, p->n_answers + 1, sizeof *p->answers);
   ta = &p->answers[p->n_answers++];
   ta->id = r->answer_id;
   ta->q = &lens->questions[q];
   ta->a = &p->cur->review.answers[q];
   ta->a->not_applicable = r->not_applicable;
   ta->a->reason = NA_NONE;
   if (r->na_reason)
      NaReason_parse(r->na_reason, &ta->a->reason);
}

static void tallyChoice(int64_t answer_id, const char *choice_id, bool selected, void *ctx)
{
   TallyPass *p = ctx;
   TallyAnswer *ta = NULL;
   int c;

   /* Choices come by answer: the previous one's answer, or the next. */
   for (size_t i = p->next; i < p->next + 2 && i < p->n_answers; i++)
      if (p->answers[i].id == answer_id)
         ta = &p->answers[i];
   if (!ta) {
      TallyAnswer key = {.id = answer_id};
      /* No answer kept (every one of another review): bsearch must not
       * see the NULL array, even for zero elements. */
      ta = p->n_answers ? bsearch(&key, p->answers, p->n_answers, sizeof *p->answers, byAnswer)
                        : NULL;
      if (!ta)
         return; /* a question the lens does not have, or a review not asked for */
   }
   p->next = (size_t)(ta - p->answers);
   c = Question_findChoice(ta->q, choice_id);
   if (c >= 0)
      ta->a->choices[c] = selected ? CHOICE_SELECTED : CHOICE_NA;
}

static void tallyChange(int64_t review_id, const char *at, const char *by, void *ctx)
{
   Tally *t = tallyOf(ctx, review_id);
   if (!t)
      return;
   t->at = xstrdup(at);
   t->by = xstrdup(by);
}

/* As ReviewDoc_summary: the workload row only when there is no history. */
static void tallyFinish(Tally *t)
{
   const Workload *w = t->row->w;
   Review_counts(&t->review, &t->row->counts);
   t->row->last_at = xstrdup(t->at ? t->at : w->updated_at);
   t->row->last_by = xstrdup(t->at ? t->by : w->updated_by);
}

/* Every row's counts and last change from one read of every answer. */
static StoreStatus summariesByScan(Store *s, ReviewSummary *rows, size_t n)
{
   TallyPass p = {.t = xcalloc(n ? n : 1, sizeof *p.t), .n = n};
   AnswerScanVisitor v = {
      .answer = tallyAnswer, .choice = tallyChoice, .change = tallyChange, .ctx = &p};
   StoreStatus st;

   for (size_t i = 0; i < n; i++) {
      memset(&rows[i].counts, 0, sizeof rows[i].counts);
      rows[i].last_at = rows[i].last_by = NULL;
      p.t[i].review_id = rows[i].w->review_id;
      p.t[i].row = &rows[i];
      Review_init(&p.t[i].review, rows[i].lens);
   }
   qsort(p.t, n, sizeof *p.t, byReview);
   st = Store_scanAnswers(s, &v);
   for (size_t i = 0; i < n; i++) {
      if (st == STORE_OK)
         tallyFinish(&p.t[i]);
      Review_free(&p.t[i].review);
      free(p.t[i].at);
      free(p.t[i].by);
   }
   free(p.t);
   free(p.answers);
   return st;
}

/* The kept counts, matched to the rows asked for. */
typedef struct KeptPass {
   ReviewSummary **by_review; /* sorted by review id */
   size_t n;
   bool *stale; /* aligned with by_review */
} KeptPass;

static int bySummaryReview(const void *a, const void *b)
{
   int64_t x = (*(ReviewSummary *const *)a)->w->review_id;
   int64_t y = (*(ReviewSummary *const *)b)->w->review_id;
   return (x > y) - (x < y);
}

static void keptRow(const StoreCountRow *r, void *ctx)
{
   KeptPass *p = ctx;
   Workload key = {.review_id = r->review_id};
   ReviewSummary probe = {.w = &key}, *pp = &probe, **hit;

   hit = p->n ? bsearch(&pp, p->by_review, p->n, sizeof *p->by_review, bySummaryReview) : NULL;
   if (!hit)
      return;
   ReviewSummary *row = *hit;
   const Workload *w = row->w;
   row->last_at = xstrdup(r->last_at ? r->last_at : w->updated_at);
   row->last_by = xstrdup(r->last_at ? r->last_by : w->updated_by);
   /* Kept on another lens than the one the caller parsed: count again. */
   if (r->fresh && r->lens_id == w->lens_id)
      fromStoreCounts(&r->counts, &row->counts);
   else
      p->stale[hit - p->by_review] = true;
}

/* Counts the stale rows again; when the store may be written, records them
 * in one transaction (the list of a database just migrated pays once). */
static StoreStatus recountStale(Store *s, ReviewSummary **stale, size_t n)
{
   bool write = n > 0 && !Store_isReadOnly(s) && Store_batchBegin(s) == STORE_OK;
   StoreStatus st = STORE_OK;

   if (n > 32) {
      /* Many (a first list after the migration): one read of every answer. */
      ReviewSummary *tmp = xcalloc(n, sizeof *tmp);
      for (size_t i = 0; i < n; i++)
         tmp[i] = (ReviewSummary){.w = stale[i]->w, .lens = stale[i]->lens};
      st = summariesByScan(s, tmp, n);
      for (size_t i = 0; i < n; i++) {
         if (st == STORE_OK)
            stale[i]->counts = tmp[i].counts;
         free(tmp[i].last_at);
         free(tmp[i].last_by);
      }
      free(tmp);
   } else {
      for (size_t i = 0; i < n && st == STORE_OK; i++)
         st = countReview(s, stale[i]->w->review_id, stale[i]->lens, &stale[i]->counts);
   }
   for (size_t i = 0; write && st == STORE_OK && i < n; i++) {
      StoreCounts sc;
      toStoreCounts(&stale[i]->counts, &sc);
      st = Store_putReviewCounts(s, stale[i]->w->review_id, &sc);
   }
   if (write) {
      /* Not recording them is no failure of the list: it counts again next time. */
      StoreStatus wst = Store_batchEnd(s, st);
      (void)wst;
   }
   return st;
}

StoreStatus ReviewDoc_summaries(Store *s, ReviewSummary *rows, size_t n)
{
   KeptPass p = {.by_review = xcalloc(n ? n : 1, sizeof *p.by_review),
                 .n = n,
                 .stale = xcalloc(n ? n : 1, sizeof *p.stale)};
   ReviewSummary **stale = xcalloc(n ? n : 1, sizeof *stale);
   size_t n_stale = 0;
   StoreStatus st;

   for (size_t i = 0; i < n; i++) {
      memset(&rows[i].counts, 0, sizeof rows[i].counts);
      rows[i].last_at = rows[i].last_by = NULL;
      rows[i].stale = false;
      p.by_review[i] = &rows[i];
   }
   qsort(p.by_review, n, sizeof *p.by_review, bySummaryReview);
   st = Store_scanReviewCounts(s, keptRow, &p);
   for (size_t i = 0; st == STORE_OK && i < n; i++) {
      ReviewSummary *row = p.by_review[i];
      if (!row->last_at) { /* not a current review: as ReviewDoc_summary would say */
         row->last_at = xstrdup(row->w->updated_at);
         row->last_by = xstrdup(row->w->updated_by);
         p.stale[i] = true;
      }
      row->stale = p.stale[i] && !row->lens;
      if (p.stale[i] && row->lens)
         stale[n_stale++] = row;
   }
   if (st == STORE_OK)
      st = recountStale(s, stale, n_stale);
   if (st != STORE_OK)
      for (size_t i = 0; i < n; i++) {
         free(rows[i].last_at);
         free(rows[i].last_by);
         rows[i].last_at = rows[i].last_by = NULL;
      }
   free(stale);
   free(p.stale);
   free(p.by_review);
   return st;
}

void ReviewDoc_countsFromKept(const StoreCounts *kept, RiskCounts *out)
{
   fromStoreCounts(kept, out);
}

/* What the doctor compares: a review's kept row, by review id. */
typedef struct KeptRow {
   int64_t review_id;
   bool have, fresh;
   StoreCounts counts;
} KeptRow;

typedef struct KeptList {
   KeptRow *rows;
   size_t n, cap;
} KeptList;

static void collectKept(const StoreCountRow *r, void *ctx)
{
   KeptList *l = ctx;
   l->rows = xgrow(l->rows, &l->cap, l->n + 1, sizeof *l->rows);
   l->rows[l->n++] =
      (KeptRow){.review_id = r->review_id, .have = r->have, .fresh = r->fresh, .counts = r->counts};
}

static int byKeptReview(const void *a, const void *b)
{
   int64_t x = ((const KeptRow *)a)->review_id, y = ((const KeptRow *)b)->review_id;
   return (x > y) - (x < y);
}

static bool sameCounts(const StoreCounts *a, const StoreCounts *b)
{
   return a->questions == b->questions && a->answered == b->answered &&
          a->unanswered == b->unanswered && a->high == b->high && a->medium == b->medium &&
          a->none == b->none && a->na == b->na && a->practices == b->practices &&
          a->selected == b->selected;
}

/* Counts every row on its lens and compares; repairs inside the caller's
 * transaction. */
static StoreStatus checkRows(Store *s, ReviewSummary *rows, size_t n, bool repair, size_t *drifted)
{
   KeptList kept = {0};
   StoreStatus st = summariesByScan(s, rows, n);
   if (st == STORE_OK)
      st = Store_scanReviewCounts(s, collectKept, &kept);
   for (size_t i = 0; st == STORE_OK && i < n; i++) {
      StoreCounts now;
      KeptRow key = {.review_id = rows[i].w->review_id};
      const KeptRow *k =
         kept.n ? bsearch(&key, kept.rows, kept.n, sizeof *kept.rows, byKeptReview) : NULL;
      toStoreCounts(&rows[i].counts, &now);
      if (k && k->have && k->fresh && sameCounts(&k->counts, &now))
         continue;
      (*drifted)++;
      if (repair)
         st = Store_putReviewCounts(s, rows[i].w->review_id, &now);
   }
   for (size_t i = 0; i < n; i++) {
      free(rows[i].last_at);
      free(rows[i].last_by);
   }
   free(kept.rows);
   return st;
}

StoreStatus ReviewDoc_checkCounts(Store *s, bool repair, size_t *checked, size_t *drifted)
{
   Workload *ws = NULL;
   size_t n = 0, n_rows = 0, n_lenses = 0;
   ReviewSummary *rows;
   Lens **lenses;
   int64_t *lens_ids;
   StoreStatus st;

   *checked = *drifted = 0;
   st = repair ? Store_batchBegin(s) : Store_readBegin(s);
   if (st != STORE_OK)
      return st;
   st = Store_listWorkloads(s, true, &ws, &n);
   if (st != STORE_OK) {
      StoreStatus end = repair ? Store_batchEnd(s, st) : Store_readEnd(s);
      (void)end;
      return st;
   }
   rows = xcalloc(n ? n : 1, sizeof *rows);
   lenses = xcalloc(n ? n : 1, sizeof *lenses);
   lens_ids = xcalloc(n ? n : 1, sizeof *lens_ids);
   for (size_t i = 0; i < n; i++) {
      size_t l = 0;
      while (l < n_lenses && lens_ids[l] != ws[i].lens_id)
         l++;
      if (l == n_lenses) {
         lens_ids[n_lenses++] = ws[i].lens_id;
         lenses[l] = ReviewDoc_loadLens(s, ws[i].lens_id);
      }
      if (lenses[l])
         rows[n_rows++] = (ReviewSummary){.w = &ws[i], .lens = lenses[l]};
   }
   st = checkRows(s, rows, n_rows, repair, drifted);
   *checked = n_rows;
   if (repair)
      st = Store_batchEnd(s, st);
   else {
      StoreStatus end = Store_readEnd(s);
      if (st == STORE_OK)
         st = end;
   }
   for (size_t i = 0; i < n_lenses; i++)
      Lens_free(lenses[i]);
   free(lenses);
   free(lens_ids);
   free(rows);
   Workload_freeArray(ws, n);
   return st;
}

void ReviewDoc_free(ReviewDoc *doc)
{
   if (doc->lens) {
      StoredAnswer_freeArray(doc->stored, doc->lens->n_questions);
      Review_free(&doc->review);
      Lens_free(doc->lens);
   }
   free(doc->needs_review);
   Workload_free(&doc->workload);
   memset(doc, 0, sizeof *doc);
}

/* Re-reads one question after a write or a refusal. */
static StoreStatus refreshOne(Store *s, ReviewDoc *doc, size_t q)
{
   StoredAnswer sa;
   StoreStatus st = Store_getAnswer(s, doc->workload.review_id, doc->lens->questions[q].id, &sa);
   if (st == STORE_NOT_FOUND) {
      StoredAnswer_free(&sa);
      resetStored(doc, q);
      return STORE_OK;
   }
   if (st == STORE_OK)
      adoptStored(doc, q, &sa);
   return st;
}

/* Ends the batch around an answer's write: the review's counts are taken
 * again in the same transaction, so they commit with the answer. */
static StoreStatus finishCounted(Store *s, const ReviewDoc *doc, StoreStatus st)
{
   if (st == STORE_OK)
      st = keepCounts(s, doc->workload.review_id, doc->lens);
   StoreStatus end = Store_batchEnd(s, st);
   return st == STORE_OK ? end : st;
}

/* The practices' notes of q as doc holds them (borrowed): handed in both
 * base and want, they tell the merge "not changed", so that whatever is
 * stored now stays. */
static void borrowChoiceNotes(const ReviewDoc *doc, size_t q, StoredAnswer *sa)
{
   sa->note_choices = doc->stored[q].note_choices;
   sa->choice_notes = doc->stored[q].choice_notes;
   sa->n_choice_notes = doc->stored[q].n_choice_notes;
}

/* The text beside the reason as doc holds it (borrowed), kept while sa
 * stays not applicable: a writer that only changes the reason, the choices
 * or the notes leaves it as it is. */
static void keepNaNote(const ReviewDoc *doc, size_t q, StoredAnswer *sa)
{
   sa->na_note = sa->not_applicable ? doc->stored[q].na_note : NULL;
}

/* doc's answer to q as the writer saw it, in the form answerToStored gives
 * (so that an unchanged part compares equal), with notes as given. */
static void baseOf(const ReviewDoc *doc, size_t q, const char *notes, Answer *tmp, StoredAnswer *sa)
{
   const Question *question = &doc->lens->questions[q];
   tmp->choices = xmalloc(question->n_choices + 1);
   answerFromStored(question, &doc->stored[q], tmp);
   answerToStored(question, tmp, notes, sa);
   sa->version = doc->stored[q].version;
   borrowChoiceNotes(doc, q, sa);
   keepNaNote(doc, q, sa);
}

/* Store_mergeAnswer in a batch that keeps the review's counts right
 * (finishCounted); out is zeroed when the batch could not begin. */
static StoreStatus mergeCounted(Store *s, const ReviewDoc *doc, const StoredAnswer *base,
                                const StoredAnswer *want, const char *user, const char *extra,
                                StoreMerge *out)
{
   StoreStatus st = Store_batchBegin(s);
   if (st != STORE_OK) {
      memset(out, 0, sizeof *out);
      return st;
   }
   st = Store_mergeAnswer(s, doc->workload.review_id, base, want, user, extra, out);
   return finishCounted(s, doc, st);
}

/* After a merging write of question q (status st): one that stored all of
 * it clears q's re-review mark (any write of an answer does), and q is read
 * again; when that read fails, out is freed and its error wins. */
static StoreStatus afterMerge(Store *s, ReviewDoc *doc, size_t q, StoreStatus st, StoreMerge *out)
{
   if (st != STORE_OK)
      return st;
   if (doc->needs_review && out->n_clashes == 0)
      doc->needs_review[q] = false;
   StoreStatus rst = refreshOne(s, doc, q);
   if (rst != STORE_OK)
      StoreMerge_free(out);
   return rst;
}

StoreStatus ReviewDoc_mergeAnswer(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                  const char *notes, const char *notes_base, const char *user,
                                  const char *extra, StoreMerge *out)
{
   return ReviewDoc_mergeAnswerNa(s, doc, q, a, notes, notes_base, NULL, user, extra, out);
}

StoreStatus ReviewDoc_mergeAnswerNa(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                    const char *notes, const char *notes_base, const char *na_note,
                                    const char *user, const char *extra, StoreMerge *out)
{
   const Question *question = &doc->lens->questions[q];
   const char *seen = notes_base ? notes_base : doc->stored[q].notes;
   Answer tmp;
   StoredAnswer base, want;
   baseOf(doc, q, seen, &tmp, &base);
   answerToStored(question, a, notes ? notes : seen, &want);
   borrowChoiceNotes(doc, q, &want);
   keepNaNote(doc, q, &want);
   if (na_note && want.not_applicable)
      want.na_note = *na_note ? (char *)na_note : NULL;
   StoreStatus st = mergeCounted(s, doc, &base, &want, user, extra, out);
   free(tmp.choices);
   free(base.selected);
   free(base.na_choices);
   free(want.selected);
   free(want.na_choices);
   return afterMerge(s, doc, q, st, out);
}

StoreStatus ReviewDoc_putAnswer(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                const char *notes, const char *user)
{
   StoreMerge m;
   StoreStatus st = ReviewDoc_mergeAnswer(s, doc, q, a, notes, NULL, user, NULL, &m);
   if (st == STORE_OK && m.n_clashes)
      st = STORE_CONFLICT;
   StoreMerge_free(&m);
   return st;
}

/* The question a history object names: "Q" or "Q/choice". */
static bool objectQuestion(const ReviewDoc *doc, const char *object, size_t *q)
{
   const char *slash = strchr(object, '/');
   char *id = slash ? xstrndup(object, (size_t)(slash - object)) : xstrdup(object);
   bool found = Lens_findQuestion(doc->lens, id, q);
   free(id);
   return found;
}

StoreStatus ReviewDoc_revert(Store *s, ReviewDoc *doc, int64_t history_id, const char *mark,
                             const char *user, StoreMerge *out, char **err)
{
   memset(out, 0, sizeof *out);
   HistoryEntry e;
   int64_t review_id = 0;
   size_t q = 0;
   StoreStatus st = Store_historyEntry(s, history_id, &e, &review_id);
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      HistoryEntry_free(&e);
      return st;
   }
   if (review_id != doc->workload.review_id) {
      *err = xasprintf(_("history id %lld is not a change of workload '%s'"), (long long)history_id,
                       doc->workload.name);
      st = STORE_NOT_FOUND;
   } else if (strcmp(e.kind, "answer") != 0 && strcmp(e.kind, "plan") != 0) {
      *err = xasprintf(_("history id %lld is a %s change: only answer and plan changes can be "
                         "reverted"),
                       (long long)history_id, e.kind);
      st = STORE_INVALID;
   } else if (!objectQuestion(doc, e.object, &q)) {
      *err = xasprintf(_("history id %lld changed %s, which the workload's lens (%s) no longer "
                         "has; nothing was written"),
                       (long long)history_id, e.object, doc->lens->key);
      st = STORE_INVALID;
   } else {
      st = Store_revert(s, doc->workload.review_id, &e, mark, user, out);
      if (st != STORE_OK)
         *err = xstrdup(Store_lastError(s));
      else if (strcmp(e.kind, "answer") == 0)
         st = refreshOne(s, doc, q);
   }
   HistoryEntry_free(&e);
   return st;
}

/* The question's notes in a history state (allocated, "" for none);
 * NULL when the state is not a readable answer. */
static char *notesIn(const char *json)
{
   json_t *o = json ? json_loads(json, 0, NULL) : NULL;
   char *notes = NULL;
   if (json_is_object(o) && !json_object_get(o, "needs_review") &&
       !json_is_true(json_object_get(o, "deleted"))) {
      const char *n = json_string_value(json_object_get(o, "notes"));
      notes = xstrdup(n ? n : "");
   }
   json_decref(o);
   return notes;
}

/* The note of practice id in a history state (allocated, "" for none);
 * NULL when the state is not a readable answer. */
static char *choiceNoteIn(const char *json, const char *id)
{
   json_t *o = json ? json_loads(json, 0, NULL) : NULL;
   char *note = NULL;
   if (json_is_object(o) && !json_object_get(o, "needs_review") &&
       !json_is_true(json_object_get(o, "deleted"))) {
      json_t *ids = json_object_get(o, "note_choices"), *texts = json_object_get(o, "choice_notes");
      size_t i;
      json_t *v;
      json_array_foreach(ids, i, v)
      {
         const char *t = json_string_value(json_array_get(texts, i));
         if (!note && json_string_value(v) && strcmp(json_string_value(v), id) == 0 && t)
            note = xstrdup(t);
      }
      if (!note)
         note = xstrdup("");
   }
   json_decref(o);
   return note;
}

/* The text a recorded change of question q's answer left: its notes, or
 * with cid the note of that practice (*text owned).  An id of another
 * workload, or of another kind of change, is refused with *err. */
static StoreStatus restoredText(Store *s, const ReviewDoc *doc, size_t q, int64_t history_id,
                                const char *cid, char **text, char **err)
{
   const char *qid = doc->lens->questions[q].id;
   HistoryEntry e;
   int64_t review_id = 0;
   StoreStatus st = Store_historyEntry(s, history_id, &e, &review_id);
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
   } else if (review_id != doc->workload.review_id) {
      *err = xasprintf(_("history id %lld is not a change of workload '%s'"), (long long)history_id,
                       doc->workload.name);
      st = STORE_NOT_FOUND;
   } else if (!e.kind || strcmp(e.kind, "answer") != 0 || !e.object || strcmp(e.object, qid) != 0 ||
              !(*text = cid ? choiceNoteIn(e.after, cid) : notesIn(e.after))) {
      *err = xasprintf(_("history id %lld is not a change of the answer to %s"),
                       (long long)history_id, qid);
      st = STORE_INVALID;
   }
   HistoryEntry_free(&e);
   return st;
}

StoreStatus ReviewDoc_restoreNotes(Store *s, ReviewDoc *doc, size_t q, int64_t history_id,
                                   const char *notes_base, const char *user, StoreMerge *out,
                                   char **text, char **err)
{
   memset(out, 0, sizeof *out);
   *text = NULL;
   *err = NULL;
   char *notes = NULL;
   StoreStatus st = restoredText(s, doc, q, history_id, NULL, &notes, err);
   if (st != STORE_OK)
      return st;
   /* A new change from the notes the user saw to the old text, merged like
    * any other edit of the notes. */
   const Question *question = &doc->lens->questions[q];
   Answer a = {.choices = xmalloc(question->n_choices + 1)};
   answerFromStored(question, &doc->stored[q], &a);
   char *extra = xasprintf("{\"restore_of\": %lld}", (long long)history_id);
   st = ReviewDoc_mergeAnswer(s, doc, q, &a, notes, notes_base, user, extra, out);
   free(extra);
   free(a.choices);
   if (st == STORE_OK)
      *text = notes;
   else {
      *err = xstrdup(Store_lastError(s));
      free(notes);
   }
   return st;
}

/* cur's practice notes with practice id's set to text (NULL or "": none),
 * sorted by choice id; the strings are borrowed, the arrays allocated. */
static void notesWith(const StoredAnswer *cur, const char *id, const char *text, StoredAnswer *out)
{
   out->note_choices = xcalloc(cur->n_choice_notes + 2, sizeof *out->note_choices);
   out->choice_notes = xcalloc(cur->n_choice_notes + 2, sizeof *out->choice_notes);
   out->n_choice_notes = 0;
   bool placed = !text || !*text;
   for (size_t i = 0; i <= cur->n_choice_notes; i++) {
      const char *cid = i < cur->n_choice_notes ? cur->note_choices[i] : NULL;
      if (!placed && (!cid || strcmp(id, cid) < 0)) {
         out->note_choices[out->n_choice_notes] = (char *)id;
         out->choice_notes[out->n_choice_notes++] = (char *)text;
         placed = true;
      }
      if (cid && strcmp(cid, id) != 0) {
         out->note_choices[out->n_choice_notes] = (char *)cid;
         out->choice_notes[out->n_choice_notes++] = cur->choice_notes[i];
      }
   }
}

StoreStatus ReviewDoc_mergeChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                      const char *text, const char *base_text, const char *user,
                                      const char *extra, StoreMerge *out)
{
   const Question *question = &doc->lens->questions[q];
   const StoredAnswer *cur = &doc->stored[q];
   const char *id = question->choices[choice].id;
   Answer tmp;
   StoredAnswer base, want;
   baseOf(doc, q, cur->notes, &tmp, &base);
   want = base;
   notesWith(cur, id, text, &want);
   notesWith(cur, id, base_text, &base);
   /* A merge like any answer write: what others changed meanwhile (other
    * practices, their notes, the question's notes) stays. */
   StoreStatus st = mergeCounted(s, doc, &base, &want, user, extra, out);
   free(tmp.choices);
   free(base.selected);
   free(base.na_choices);
   free(base.note_choices);
   free(base.choice_notes);
   free(want.note_choices);
   free(want.choice_notes);
   return afterMerge(s, doc, q, st, out);
}

StoreStatus ReviewDoc_putChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                    const char *text, const char *user)
{
   StoreMerge m;
   StoreStatus st = ReviewDoc_mergeChoiceNote(s, doc, q, choice, text,
                                              ReviewDoc_choiceNote(doc, q, choice), user, NULL, &m);
   if (st == STORE_OK && m.n_clashes)
      st = STORE_CONFLICT;
   StoreMerge_free(&m);
   return st;
}

const char *ReviewDoc_choiceNote(const ReviewDoc *doc, size_t q, size_t choice)
{
   return StoredAnswer_choiceNote(&doc->stored[q], doc->lens->questions[q].choices[choice].id);
}

/* Parses text to learn its key, version and name, then stores it. */
static StoreStatus storeLensText(Store *s, const char *name, const char *text, size_t len,
                                 int64_t *lens_id, DiagList *diags, char **err)
{
   Lens *lens = Lens_loadBuffer(name, text, len, diags);
   if (!lens) {
      *err = xasprintf(_("%s: the lens has errors"), name);
      return STORE_INVALID;
   }
   StoreStatus st =
      Store_putLens(s, lens->key, lens->version, lens->name, lens->sha256, text, len, lens_id);
   if (st != STORE_OK)
      *err = xstrdup(Store_lastError(s));
   Lens_free(lens);
   return st;
}

static StoreStatus storeLensFile(Store *s, const char *path, int64_t *lens_id, DiagList *diags,
                                 char **err)
{
   size_t len = 0;
   char *text = File_readLens(path, LENS_MAX_FILE_SIZE, &len, err);
   if (!text)
      return STORE_INVALID;
   StoreStatus st = storeLensText(s, path, text, len, lens_id, diags, err);
   free(text);
   return st;
}

/* The newest stored lens with this key (highest row id). */
static StoreStatus findStoredLens(Store *s, const char *key, int64_t *lens_id)
{
   StoreLens *all = NULL;
   size_t n = 0;
   StoreStatus st = Store_listLenses(s, &all, &n);
   if (st != STORE_OK)
      return st;
   st = STORE_NOT_FOUND;
   for (size_t i = 0; i < n; i++)
      if (!all[i].from_bundle && strcmp(all[i].key, key) == 0 &&
          (st != STORE_OK || all[i].id > *lens_id)) {
         *lens_id = all[i].id;
         st = STORE_OK;
      }
   StoreLens_freeArray(all, n);
   return st;
}

/* "no lens with key 'X'", with the nearest key of the catalogue or the
 * database when one is close. */
static char *noLensKey(Store *s, const Catalog *cat, const char *key)
{
   StoreLens *all = NULL;
   size_t n = 0;
   if (Store_listLenses(s, &all, &n) != STORE_OK)
      n = 0;
   const char **keys = xcalloc(cat->count + n + 1, sizeof *keys);
   size_t k = 0;
   for (size_t i = 0; i < cat->count; i++)
      keys[k++] = cat->items[i].key;
   for (size_t i = 0; i < n; i++)
      if (!all[i].from_bundle)
         keys[k++] = all[i].key;
   const char *best = Suggest_best(key, keys, k);
   char *msg = best ? xasprintf(_("no lens with key '%s' (did you mean '%s'?)"), key, best)
                    : xasprintf(_("no lens with key '%s' (see 'walens lens list')"), key);
   free(keys);
   StoreLens_freeArray(all, n);
   return msg;
}

StoreStatus ReviewDoc_resolveLens(Store *s, const char *lens_arg, int64_t *lens_id, DiagList *diags,
                                  char **err)
{
   if (lens_arg && Catalog_looksLikePath(lens_arg))
      return storeLensFile(s, lens_arg, lens_id, diags, err);
   const char *key = lens_arg ? lens_arg : "machine-learning";
   Catalog cat;
   DiagList ignored; /* unrelated broken files in the lens directories */
   DiagList_init(&ignored);
   Catalog_scan(&cat, &ignored);
   DiagList_free(&ignored);
   const CatalogEntry *e = Catalog_find(&cat, key);
   StoreStatus st;
   if (e && e->path) {
      st = storeLensFile(s, e->path, lens_id, diags, err);
   } else if (e) {
      size_t len = 0;
      const char *text = Lens_defaultText(&len);
      st = storeLensText(s, _("built-in lens"), text, len, lens_id, diags, err);
   } else {
      st = findStoredLens(s, key, lens_id);
      if (st == STORE_NOT_FOUND)
         *err = noLensKey(s, &cat, key);
      else if (st != STORE_OK)
         *err = xstrdup(Store_lastError(s));
   }
   Catalog_free(&cat);
   return st;
}

StoreStatus ReviewDoc_acceptPoll(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                 const char *user, const char *extra)
{
   const Question *question = &doc->lens->questions[q];
   Answer tmp;
   StoredAnswer base, want;
   StoreMerge m;
   baseOf(doc, q, doc->stored[q].notes, &tmp, &base);
   answerToStored(question, a, doc->stored[q].notes, &want);
   borrowChoiceNotes(doc, q, &want);
   keepNaNote(doc, q, &want);
   StoreStatus st = Store_batchBegin(s);
   if (st == STORE_OK) {
      st = Store_acceptPoll(s, doc->workload.review_id, &base, &want, user, extra, &m);
      st = finishCounted(s, doc, st);
      StoreMerge_free(&m);
   }
   free(tmp.choices);
   free(base.selected);
   free(base.na_choices);
   free(want.selected);
   free(want.na_choices);
   if (st == STORE_OK && doc->needs_review)
      doc->needs_review[q] = false;
   if (st == STORE_OK || st == STORE_CONFLICT) {
      StoreStatus rst = refreshOne(s, doc, q);
      if (rst != STORE_OK)
         return rst;
   }
   return st;
}

StoreStatus ReviewDoc_restoreChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                        int64_t history_id, const char *base_text, const char *user,
                                        StoreMerge *out, char **text, char **err)
{
   memset(out, 0, sizeof *out);
   *text = NULL;
   *err = NULL;
   const char *cid = doc->lens->questions[q].choices[choice].id;
   char *note = NULL;
   StoreStatus st = restoredText(s, doc, q, history_id, cid, &note, err);
   if (st != STORE_OK)
      return st;
   /* A new change from the note the user saw to the old one, merged like
    * any edit of a practice's note: someone else's change of the same note
    * since is a clash, nothing of it overwritten. */
   const char *base = base_text ? base_text : ReviewDoc_choiceNote(doc, q, choice);
   char *seen = xstrdup(base ? base : "");
   char *extra = xasprintf("{\"restore_of\": %lld}", (long long)history_id);
   st = ReviewDoc_mergeChoiceNote(s, doc, q, choice, note, seen, user, extra, out);
   free(extra);
   free(seen);
   if (st == STORE_OK) {
      *text = note;
   } else {
      *err = xstrdup(Store_lastError(s));
      free(note);
   }
   return st;
}

Lens *ReviewDoc_loadLens(Store *s, int64_t id)
{
   StoreLens sl;
   Lens *lens = NULL;
   if (Store_getLens(s, id, &sl) == STORE_OK) {
      DiagList d;
      DiagList_init(&d);
      lens = Lens_loadStored(sl.key, sl.text, sl.text_len, &d);
      DiagList_free(&d);
      StoreLens_free(&sl);
   }
   return lens;
}
