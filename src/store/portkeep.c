/* portkeep.c: one review's portfolio figures (portkeep.h): built from its
 * answers and plan tracking, kept at write time, checked by the doctor. */
#include "config.h"

#include "store/portkeep.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/reviewdoc.h"

void PortKeep_shape(const Lens *lens, size_t *rows, size_t *cols)
{
   *rows = lens->n_phases ? lens->n_phases : 1;
   *cols = lens->n_pillars;
}

static void buildRisks(PortKeep *k, const Review *rv, size_t cols)
{
   const Lens *lens = rv->lens;
   for (size_t i = 0; i < lens->n_questions; i++) {
      const Question *q = &lens->questions[i];
      Risk r = Question_risk(q, &rv->answers[i]);
      k->by_risk[r]++;
      k->questions++;
      if (r != RISK_UNANSWERED)
         k->answered++;
      if (q->pillar < cols)
         k->cells[Matrix_rowOf(lens, q) * cols + q->pillar] |=
            r == RISK_HIGH         ? PORTKEEP_CELL_HIGH
            : r == RISK_MEDIUM     ? PORTKEEP_CELL_MEDIUM
            : r == RISK_UNANSWERED ? PORTKEEP_CELL_UNANSWERED
                                   : 0;
   }
}

static const PortKeepTrack *trackOf(const PortKeepTrack *t, size_t n, const Question *q,
                                    const Choice *c)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(t[i].question, q->id) == 0 && strcmp(t[i].choice, c->id) == 0)
         return &t[i];
   return NULL;
}

static void buildPlan(PortKeep *k, const Review *rv, const PortKeepTrack *tracks, size_t n_tracks)
{
   const Lens *lens = rv->lens;
   size_t *base = xcalloc(lens->n_questions + 1, sizeof *base);
   for (size_t q = 1; q <= lens->n_questions; q++)
      base[q] = base[q - 1] + lens->questions[q - 1].n_choices;
   PlanEntry *e = NULL;
   size_t n = Plan_derive(rv, &e);
   k->gaps = xcalloc(n + 1, sizeof *k->gaps);
   k->dues = xcalloc(n + 1, sizeof *k->dues);
   for (size_t i = 0; i < n; i++) {
      const Question *q = &lens->questions[e[i].question];
      k->gaps[k->n_gaps++] = (base[e[i].question] + e[i].choice) * 2 + (e[i].risk == RISK_HIGH);
      const PortKeepTrack *t = trackOf(tracks, n_tracks, q, &q->choices[e[i].choice]);
      PlanStatus st = t ? t->status : PLAN_OPEN;
      if (st == PLAN_OPEN)
         k->plan_open++;
      else if (st == PLAN_IN_PROGRESS)
         k->plan_in_progress++;
      else if (st == PLAN_DONE)
         k->plan_done++;
      if (PlanStatus_isPending(st) && t && t->due && *t->due)
         k->dues[k->n_dues++] = xstrdup(t->due);
   }
   free(e);
   free(base);
}

void PortKeep_build(PortKeep *k, const Review *rv, const PortKeepTrack *tracks, size_t n_tracks)
{
   size_t rows, cols;
   memset(k, 0, sizeof *k);
   PortKeep_shape(rv->lens, &rows, &cols);
   k->n_cells = rows * cols;
   k->cells = xcalloc(k->n_cells + 1, 1);
   buildRisks(k, rv, cols);
   buildPlan(k, rv, tracks, n_tracks);
}

size_t PortKeep_overdue(const PortKeep *k, const char *today)
{
   size_t n = 0;
   for (size_t i = 0; i < k->n_dues; i++)
      n += strcmp(k->dues[i], today) < 0;
   return n;
}

bool PortKeep_equal(const PortKeep *a, const PortKeep *b)
{
   if (memcmp(a->by_risk, b->by_risk, sizeof a->by_risk) != 0 || a->questions != b->questions ||
       a->answered != b->answered || a->n_cells != b->n_cells || a->n_gaps != b->n_gaps ||
       a->n_dues != b->n_dues || a->plan_open != b->plan_open ||
       a->plan_in_progress != b->plan_in_progress || a->plan_done != b->plan_done)
      return false;
   if (memcmp(a->cells, b->cells, a->n_cells) != 0)
      return false;
   for (size_t i = 0; i < a->n_gaps; i++)
      if (a->gaps[i] != b->gaps[i])
         return false;
   for (size_t i = 0; i < a->n_dues; i++)
      if (strcmp(a->dues[i], b->dues[i]) != 0)
         return false;
   return true;
}

void PortKeep_free(PortKeep *k)
{
   for (size_t i = 0; i < k->n_dues; i++)
      free(k->dues[i]);
   free(k->dues);
   free(k->gaps);
   free(k->cells);
   memset(k, 0, sizeof *k);
}

/* ---- keeping and checking ---- */

/* k from rv (the review's answers as stored now) and its plan tracking. */
static StoreStatus fromReview(Store *s, int64_t review_id, const Review *rv, PortKeep *k)
{
   PlanTracking *t = NULL;
   size_t n = 0;
   StoreStatus st = Store_getPlanTracking(s, review_id, &t, &n);
   if (st != STORE_OK)
      return st;
   PortKeepTrack *pt = xcalloc(n + 1, sizeof *pt);
   size_t m = 0;
   for (size_t i = 0; i < n; i++)
      if (t[i].question_id && t[i].choice_id && t[i].status &&
          PlanStatus_parse(t[i].status, &pt[m].status)) {
         pt[m].question = t[i].question_id;
         pt[m].choice = t[i].choice_id;
         pt[m++].due = t[i].due;
      }
   PortKeep_build(k, rv, pt, m);
   free(pt);
   PlanTracking_freeArray(t, n);
   return STORE_OK;
}

StoreStatus PortKeep_read(Store *s, int64_t review_id, const Lens *lens, PortKeep *k)
{
   Review rv;
   StoreStatus st = ReviewDoc_readReview(s, review_id, lens, &rv);
   if (st != STORE_OK)
      return st;
   st = fromReview(s, review_id, &rv, k);
   Review_free(&rv);
   return st;
}

StoreStatus PortKeep_keepReview(Store *s, int64_t review_id, const Review *rv)
{
   PortKeep k;
   StoreStatus st = fromReview(s, review_id, rv, &k);
   if (st != STORE_OK)
      return st;
   st = Store_putPortKeep(s, review_id, &k);
   PortKeep_free(&k);
   return st;
}

StoreStatus PortKeep_keep(Store *s, int64_t review_id, const Lens *lens)
{
   PortKeep k;
   StoreStatus st = Store_batchBegin(s);
   if (st != STORE_OK)
      return st;
   st = PortKeep_read(s, review_id, lens, &k);
   if (st == STORE_OK) {
      st = Store_putPortKeep(s, review_id, &k);
      PortKeep_free(&k);
   }
   return Store_batchEnd(s, st);
}

/* The doctor's pass: each current review's kept row, then its count. */
typedef struct CheckRow {
   int64_t review_id, lens_id;
   bool fresh;
   PortKeep keep; /* copied when fresh */
} CheckRow;

typedef struct CheckList {
   CheckRow *rows;
   size_t n, cap;
} CheckList;

static void copyKeep(PortKeep *dst, const PortKeep *src)
{
   *dst = *src;
   dst->cells = xmalloc(src->n_cells + 1);
   memcpy(dst->cells, src->cells, src->n_cells);
   dst->gaps = xcalloc(src->n_gaps + 1, sizeof *dst->gaps);
   memcpy(dst->gaps, src->gaps, src->n_gaps * sizeof *dst->gaps);
   dst->dues = xcalloc(src->n_dues + 1, sizeof *dst->dues);
   for (size_t i = 0; i < src->n_dues; i++)
      dst->dues[i] = xstrdup(src->dues[i]);
}

static void collect(const PortKeepRow *r, void *ctx)
{
   CheckList *l = ctx;
   l->rows = xgrow(l->rows, &l->cap, l->n + 1, sizeof *l->rows);
   CheckRow *c = &l->rows[l->n++];
   memset(c, 0, sizeof *c);
   c->review_id = r->review_id;
   c->lens_id = r->lens_id;
   c->fresh = r->fresh;
   if (r->fresh)
      copyKeep(&c->keep, &r->keep);
}

/* The lens of each lens id, parsed once (NULL: it does not load). */
typedef struct LensOf {
   int64_t id;
   Lens *lens;
} LensOf;

static const Lens *lensOf(Store *s, int64_t id, LensOf **map, size_t *n, size_t *cap)
{
   for (size_t i = 0; i < *n; i++)
      if ((*map)[i].id == id)
         return (*map)[i].lens;
   Lens *lens = ReviewDoc_loadLens(s, id);
   *map = xgrow(*map, cap, *n + 1, sizeof **map);
   (*map)[(*n)++] = (LensOf){id, lens};
   return lens;
}

static StoreStatus checkOne(Store *s, const CheckRow *c, const Lens *lens, bool repair,
                            size_t *drifted)
{
   PortKeep now;
   StoreStatus st = PortKeep_read(s, c->review_id, lens, &now);
   if (st != STORE_OK)
      return st;
   if (!c->fresh || !PortKeep_equal(&c->keep, &now)) {
      (*drifted)++;
      if (repair)
         st = Store_putPortKeep(s, c->review_id, &now);
   }
   PortKeep_free(&now);
   return st;
}

StoreStatus PortKeep_check(Store *s, bool repair, size_t *checked, size_t *drifted)
{
   CheckList l = {0};
   LensOf *map = NULL;
   size_t n_map = 0, cap_map = 0;
   *checked = *drifted = 0;
   StoreStatus st = repair ? Store_batchBegin(s) : Store_readBegin(s);
   if (st == STORE_OK)
      st = Store_scanPortKeep(s, collect, &l);
   for (size_t i = 0; i < l.n && st == STORE_OK; i++) {
      const Lens *lens = lensOf(s, l.rows[i].lens_id, &map, &n_map, &cap_map);
      if (!lens)
         continue;
      st = checkOne(s, &l.rows[i], lens, repair, drifted);
      (*checked)++;
   }
   if (repair) {
      st = Store_batchEnd(s, st);
   } else {
      StoreStatus end = Store_readEnd(s);
      if (st == STORE_OK)
         st = end;
   }
   for (size_t i = 0; i < l.n; i++)
      PortKeep_free(&l.rows[i].keep);
   free(l.rows);
   for (size_t i = 0; i < n_map; i++)
      Lens_free(map[i].lens);
   free(map);
   return st;
}
