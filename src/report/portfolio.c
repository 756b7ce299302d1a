/* portfolio.c: the portfolio model (portfolio.h): workloads grouped by
 * lens, the heat-map, the practices most often missing, one row per
 * workload and the monthly trend, built from one streaming pass over each
 * database. */
#include "config.h"

#include "report/portfolio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/outfile.h"
#include "store/plan.h"
#include "store/portkeep.h"
#include "store/reviewdoc.h"

_Static_assert((int)PORTFOLIO_CELL_HIGH == (int)PORTKEEP_CELL_HIGH &&
                  (int)PORTFOLIO_CELL_MEDIUM == (int)PORTKEEP_CELL_MEDIUM &&
                  (int)PORTFOLIO_CELL_UNANSWERED == (int)PORTKEEP_CELL_UNANSWERED,
               "one meaning of a cell's bits");

/* A milestone of a row, for the trend. */
typedef struct PortfolioMs {
   size_t row;
   char *at; /* created_at */
   size_t by_risk[RISK_COUNT];
   size_t questions;
} PortfolioMs;

/* A workload picked for the report, found by its review id. */
typedef struct Pick {
   int64_t review_id;
   size_t group, row;
   bool done;
} Pick;

/* The tracking of one plan item of the review being read. */
typedef struct Track {
   char *question, *choice, *due;
   PlanStatus status;
} Track;

typedef struct Pass {
   Portfolio *p;
   Pick *picks; /* by review id */
   size_t n_picks;
   int64_t cur_rid; /* the review whose rows are going by, 0 before the first */
   Pick *cur;       /* its pick, NULL when it was not picked */
   Review *reviews; /* one per group, reset after each review */
   Answer *answer;  /* the answer the next choices belong to, or NULL */
   const Question *question;
   Track *tracks;
   size_t n_tracks, cap_tracks;
   /* The milestones of the review going by (MsBuf), strings in one arena. */
   int64_t ms_rid;
   Pick *ms_pick;
   struct MsBuf *mb;
   size_t n_mb, cap_mb;
   char *arena;
   size_t n_arena, cap_arena;
} Pass;

/* One milestone of the review going by; name and at are arena offsets. */
typedef struct MsBuf {
   size_t name, at, order;
   bool valid;
   size_t by_risk[RISK_COUNT];
   size_t questions;
} MsBuf;

/* ---- groups and rows ---- */

static PortfolioLens *groupFor(Portfolio *p, Lens *lens)
{
   for (size_t i = 0; i < p->n_lenses; i++)
      if (strcmp(p->lenses[i].lens->sha256, lens->sha256) == 0) {
         Lens_free(lens);
         return &p->lenses[i];
      }
   p->lenses = xgrow(p->lenses, &p->cap_lenses, p->n_lenses + 1, sizeof *p->lenses);
   PortfolioLens *g = &p->lenses[p->n_lenses++];
   memset(g, 0, sizeof *g);
   g->lens = lens;
   g->rows = lens->n_phases ? lens->n_phases : 1;
   g->cols = lens->n_pillars;
   g->cells = xcalloc(g->rows * g->cols + 1, sizeof *g->cells);
   g->choice_base = xcalloc(lens->n_questions + 1, sizeof *g->choice_base);
   size_t total = 0;
   for (size_t q = 0; q < lens->n_questions; q++) {
      const Question *qq = &lens->questions[q];
      g->choice_base[q] = total;
      total += qq->n_choices;
      if (qq->pillar < g->cols)
         g->cells[Matrix_rowOf(lens, qq) * g->cols + qq->pillar].questions = true;
   }
   g->choice_base[lens->n_questions] = total; /* the number of practices */
   g->missing = xcalloc(total + 1, sizeof *g->missing);
   g->missing_high = xcalloc(total + 1, sizeof *g->missing_high);
   return g;
}

static bool passes(const PortfolioFilter *f, const Workload *w, const Lens *lens)
{
   if (w->archived && !f->archived)
      return false;
   if (f->lens && strcmp(f->lens, lens->key) != 0)
      return false;
   if (f->environment && (!w->environment || strcmp(f->environment, w->environment) != 0))
      return false;
   return !f->owner || (w->owner && strcmp(f->owner, w->owner) == 0);
}

static char *dupOrNull(const char *s)
{
   return s && *s ? xstrdup(s) : NULL;
}

static size_t addRow(PortfolioLens *g, const Workload *w, size_t db)
{
   g->wl = xgrow(g->wl, &g->cap_wl, g->n_wl + 1, sizeof *g->wl);
   PortfolioRow *r = &g->wl[g->n_wl];
   memset(r, 0, sizeof *r);
   r->name = xstrdup(w->name);
   r->db = db;
   r->environment = dupOrNull(w->environment);
   r->owner = dupOrNull(w->owner);
   r->archived = w->archived;
   /* Until the history says otherwise (a review without history). */
   r->last_at = xstrdup(w->updated_at);
   r->last_by = xstrdup(w->updated_by);
   return g->n_wl++;
}

/* ---- one review, once its rows have gone by ---- */

/* Adds one review's figures to its row and to the group's sums. */
static void applyKeep(Pass *ps, Pick *pk, const PortKeep *k)
{
   PortfolioLens *g = &ps->p->lenses[pk->group];
   PortfolioRow *row = &g->wl[pk->row];
   memcpy(row->by_risk, k->by_risk, sizeof row->by_risk);
   row->questions = k->questions;
   row->answered = k->answered;
   for (size_t c = 0; c < g->rows * g->cols; c++) {
      g->cells[c].high += (k->cells[c] & PORTFOLIO_CELL_HIGH) != 0;
      g->cells[c].medium += (k->cells[c] & PORTFOLIO_CELL_MEDIUM) != 0;
      g->cells[c].unanswered += (k->cells[c] & PORTFOLIO_CELL_UNANSWERED) != 0;
   }
   if (ps->p->keep_cells) {
      row->cells = xcalloc(g->rows * g->cols + 1, 1);
      memcpy(row->cells, k->cells, g->rows * g->cols);
   }
   for (int r = 0; r < RISK_COUNT; r++)
      g->by_risk[r] += row->by_risk[r];
   g->questions += row->questions;
   g->answered += row->answered;
   for (size_t i = 0; i < k->n_gaps; i++) {
      g->missing[k->gaps[i] / 2]++;
      g->missing_high[k->gaps[i] / 2] += k->gaps[i] % 2;
   }
   row->plan_open = k->plan_open;
   row->plan_in_progress = k->plan_in_progress;
   row->plan_done = k->plan_done;
   row->plan_overdue = PortKeep_overdue(k, ps->p->date);
   pk->done = true;
}

/* Whether a kept row fits the group's lens (a damaged file may say
 * anything). */
static bool keepFits(const PortfolioLens *g, const PortKeep *k)
{
   size_t total = g->choice_base[g->lens->n_questions];
   if (k->n_cells != g->rows * g->cols || k->questions != g->lens->n_questions)
      return false;
   for (size_t i = 0; i < k->n_gaps; i++)
      if (k->gaps[i] / 2 >= total)
         return false;
   return true;
}

/* A review whose kept row is not fresh: counted from its answers, by the
 * same computation that keeps the rows. */
static void countReview(Pass *ps, Pick *pk)
{
   PortKeepTrack *t = xcalloc(ps->n_tracks + 1, sizeof *t);
   for (size_t i = 0; i < ps->n_tracks; i++)
      t[i] = (PortKeepTrack){ps->tracks[i].question, ps->tracks[i].choice, ps->tracks[i].due,
                             ps->tracks[i].status};
   PortKeep k;
   PortKeep_build(&k, &ps->reviews[pk->group], t, ps->n_tracks);
   applyKeep(ps, pk, &k);
   PortKeep_free(&k);
   free(t);
}

static void resetReview(Review *rv)
{
   for (size_t i = 0; i < rv->lens->n_questions; i++) {
      rv->answers[i].not_applicable = false;
      rv->answers[i].reason = NA_NONE;
      memset(rv->answers[i].choices, 0, rv->lens->questions[i].n_choices);
   }
}

static void clearTracks(Pass *ps)
{
   for (size_t i = 0; i < ps->n_tracks; i++) {
      free(ps->tracks[i].question);
      free(ps->tracks[i].choice);
      free(ps->tracks[i].due);
   }
   ps->n_tracks = 0;
}

/* The previous review's rows are all in: count it. */
static void closeReview(Pass *ps)
{
   if (ps->cur && !ps->cur->done) {
      countReview(ps, ps->cur);
      resetReview(&ps->reviews[ps->cur->group]);
   }
   clearTracks(ps);
   ps->cur = NULL;
   ps->answer = NULL;
}

static int byReviewId(const void *a, const void *b)
{
   int64_t x = ((const Pick *)a)->review_id, y = ((const Pick *)b)->review_id;
   return (x > y) - (x < y);
}

static Pick *pickOf(Pass *ps, int64_t review_id)
{
   Pick key = {.review_id = review_id};
   return ps->n_picks ? bsearch(&key, ps->picks, ps->n_picks, sizeof *ps->picks, byReviewId) : NULL;
}

static void enterReview(Pass *ps, int64_t review_id)
{
   if (review_id == ps->cur_rid)
      return;
   closeReview(ps);
   ps->cur_rid = review_id;
   ps->cur = pickOf(ps, review_id);
   if (ps->cur && ps->cur->done) /* counted from its kept row */
      ps->cur = NULL;
}

static void onAnswer(int64_t review_id, const char *question_id, bool na, void *ctx)
{
   Pass *ps = ctx;
   size_t q;
   enterReview(ps, review_id);
   ps->answer = NULL;
   if (!ps->cur)
      return;
   Review *rv = &ps->reviews[ps->cur->group];
   if (!Lens_findQuestion(rv->lens, question_id, &q))
      return; /* a question this lens does not have */
   ps->question = &rv->lens->questions[q];
   ps->answer = &rv->answers[q];
   ps->answer->not_applicable = na;
}

static void onChoice(const char *choice_id, bool selected, void *ctx)
{
   Pass *ps = ctx;
   if (!ps->answer)
      return;
   int c = Question_findChoice(ps->question, choice_id);
   if (c >= 0)
      ps->answer->choices[c] = selected ? CHOICE_SELECTED : CHOICE_NA;
}

static void onTrack(int64_t review_id, const char *question, const char *choice, const char *status,
                    const char *due, void *ctx)
{
   Pass *ps = ctx;
   PlanStatus st;
   enterReview(ps, review_id);
   if (!ps->cur || !PlanStatus_parse(status, &st))
      return;
   ps->tracks = xgrow(ps->tracks, &ps->cap_tracks, ps->n_tracks + 1, sizeof *ps->tracks);
   ps->tracks[ps->n_tracks++] = (Track){xstrdup(question), xstrdup(choice), dupOrNull(due), st};
}

static size_t count(int64_t v)
{
   return v > 0 ? (size_t)v : 0;
}

static size_t keepText(Pass *ps, const char *t)
{
   size_t len = strlen(t) + 1, at = ps->n_arena;
   ps->arena = xgrow(ps->arena, &ps->cap_arena, at + len, 1);
   memcpy(ps->arena + at, t, len);
   ps->n_arena += len;
   return at;
}

static const char *msAt(const Pass *ps, const MsBuf *b)
{
   return ps->arena + b->at;
}

static int byMsTime(const Pass *ps, const MsBuf *x, const MsBuf *y)
{
   int c = strcmp(msAt(ps, x), msAt(ps, y));
   return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* The newest milestone by its date (a milestone brought by a bundle may be
 * older than one saved here before it); of equal dates the later one. */
static void takeNewest(Pass *ps, PortfolioRow *row)
{
   const MsBuf *best = NULL;
   for (size_t i = 0; i < ps->n_mb; i++)
      if (!best || strcmp(msAt(ps, &ps->mb[i]), msAt(ps, best)) >= 0)
         best = &ps->mb[i];
   if (row->milestone_at && strcmp(msAt(ps, best), row->milestone_at) < 0)
      return;
   free(row->milestone);
   free(row->milestone_at);
   row->milestone = xstrdup(ps->arena + best->name);
   row->milestone_at = xstrdup(msAt(ps, best));
}

/* The review's valid milestones for the trend: of those whose dates share
 * the month (the first 7 bytes), only the last in time order counts at any
 * month's end, so only it is kept (at 10,000 workloads with 20 milestones
 * each, 200,000 become one per workload and month). */
static void takeTrend(Pass *ps, PortfolioLens *g, size_t row)
{
   size_t n = 0;
   for (size_t i = 0; i < ps->n_mb; i++)
      if (ps->mb[i].valid)
         ps->mb[n++] = ps->mb[i];
   for (size_t i = 1; i < n; i++) { /* a few each: insertion sort */
      MsBuf b = ps->mb[i];
      size_t j = i;
      for (; j > 0 && byMsTime(ps, &ps->mb[j - 1], &b) > 0; j--)
         ps->mb[j] = ps->mb[j - 1];
      ps->mb[j] = b;
   }
   for (size_t i = 0; i < n; i++) {
      const MsBuf *b = &ps->mb[i];
      if (i + 1 < n && strncmp(msAt(ps, b), msAt(ps, &ps->mb[i + 1]), 7) == 0)
         continue;
      g->ms = xgrow(g->ms, &g->cap_ms, g->n_ms + 1, sizeof *g->ms);
      PortfolioMs *t = &g->ms[g->n_ms++];
      memset(t, 0, sizeof *t);
      t->row = row;
      t->at = xstrdup(msAt(ps, b));
      memcpy(t->by_risk, b->by_risk, sizeof t->by_risk);
      t->questions = b->questions;
   }
}

/* The milestones of one review are all in. */
static void flushMilestones(Pass *ps)
{
   if (ps->ms_pick && ps->n_mb) {
      PortfolioLens *g = &ps->p->lenses[ps->ms_pick->group];
      takeNewest(ps, &g->wl[ps->ms_pick->row]);
      takeTrend(ps, g, ps->ms_pick->row);
   }
   ps->n_mb = ps->n_arena = 0;
   ps->ms_pick = NULL;
}

static void onMilestone(const PortfolioMilestoneRow *m, void *ctx)
{
   Pass *ps = ctx;
   if (m->review_id != ps->ms_rid) {
      flushMilestones(ps);
      ps->ms_rid = m->review_id;
      ps->ms_pick = pickOf(ps, m->review_id);
   }
   if (!ps->ms_pick)
      return;
   ps->mb = xgrow(ps->mb, &ps->cap_mb, ps->n_mb + 1, sizeof *ps->mb);
   MsBuf *b = &ps->mb[ps->n_mb];
   memset(b, 0, sizeof *b);
   b->order = ps->n_mb++;
   b->name = keepText(ps, m->name);
   b->at = keepText(ps, m->created_at);
   b->valid = m->valid; /* a damaged snapshot adds nothing to the trend */
   b->by_risk[RISK_HIGH] = count(m->high);
   b->by_risk[RISK_MEDIUM] = count(m->medium);
   b->by_risk[RISK_NONE] = count(m->none);
   b->by_risk[RISK_NOT_APPLICABLE] = count(m->not_applicable);
   b->by_risk[RISK_UNANSWERED] = count(m->unanswered);
   b->questions = count(m->questions);
}

/* Up to this many reviews without a fresh row (an import, a bundle merged
 * in, an older walens) are read one by one (a look-up each); more (a file
 * just migrated) in one pass over every answer and plan item. */
#define PORTFOLIO_FEW_STALE 64

static StoreStatus readOne(Pass *ps, Store *s, Pick *pk)
{
   PortKeep k;
   StoreStatus st = PortKeep_read(s, pk->review_id, ps->p->lenses[pk->group].lens, &k);
   if (st == STORE_OK) {
      applyKeep(ps, pk, &k);
      PortKeep_free(&k);
   }
   return st;
}

/* A review's kept row (portkeep.h) and its newest change. */
static void onKept(const PortKeepRow *r, void *ctx)
{
   Pass *ps = ctx;
   Pick *pk = pickOf(ps, r->review_id);
   if (!pk)
      return;
   PortfolioLens *g = &ps->p->lenses[pk->group];
   PortfolioRow *row = &g->wl[pk->row];
   if (r->last_at) {
      free(row->last_at);
      free(row->last_by);
      row->last_at = xstrdup(r->last_at);
      row->last_by = xstrdup(r->last_by);
   }
   if (r->fresh && keepFits(g, &r->keep))
      applyKeep(ps, pk, &r->keep);
}

/* ---- building ---- */

void Portfolio_init(Portfolio *p, const PortfolioFilter *filter)
{
   memset(p, 0, sizeof *p);
   if (filter)
      p->filter = *filter;
}

/* The group of each lens row of the database, each lens parsed once. */
typedef struct LensMap {
   int64_t id;
   long group; /* -1: it does not load */
} LensMap;

static long groupOfLens(Portfolio *p, Store *s, int64_t id, LensMap **map, size_t *n, size_t *cap)
{
   for (size_t i = 0; i < *n; i++)
      if ((*map)[i].id == id)
         return (*map)[i].group;
   Lens *lens = ReviewDoc_loadLens(s, id);
   *map = xgrow(*map, cap, *n + 1, sizeof **map);
   (*map)[*n].id = id;
   (*map)[*n].group = lens ? (long)(groupFor(p, lens) - p->lenses) : -1;
   return (*map)[(*n)++].group;
}

/* Counts every pick: from its kept row when fresh, else from its answers
 * (one by one for a few, in one pass over every answer for many); then the
 * milestones. */
static StoreStatus countPicks(Pass *ps, Store *s)
{
   StoreStatus st = Store_scanPortKeep(s, onKept, ps);
   size_t stale = 0;
   for (size_t i = 0; i < ps->n_picks; i++)
      stale += !ps->picks[i].done;
   bool whole = stale > PORTFOLIO_FEW_STALE;
   for (size_t i = 0; !whole && i < ps->n_picks && st == STORE_OK; i++)
      if (!ps->picks[i].done)
         st = readOne(ps, s, &ps->picks[i]);
   /* Without answer callbacks the scan reads only the milestones. */
   PortfolioScanVisitor v = {whole ? onAnswer : NULL, onChoice, onTrack, onMilestone, NULL, ps};
   if (st == STORE_OK)
      st = Store_scanPortfolio(s, &v);
   closeReview(ps);
   flushMilestones(ps);
   /* Workloads never answered nor tracked: every question unanswered. */
   for (size_t i = 0; i < ps->n_picks && st == STORE_OK; i++)
      if (!ps->picks[i].done)
         countReview(ps, &ps->picks[i]);
   return st;
}

StoreStatus Portfolio_add(Portfolio *p, Store *s, const char *label, char **err)
{
   Workload *ws = NULL;
   size_t n = 0, n_map = 0, cap_map = 0;
   LensMap *map = NULL;
   if (!p->n_dbs)
      StorePlan_today(s, p->date);
   p->dbs = xrealloc(p->dbs, (p->n_dbs + 1) * sizeof *p->dbs);
   size_t db = p->n_dbs;
   p->dbs[p->n_dbs++] = xstrdup(label ? label : "");
   /* One snapshot for the workloads, their kept rows and their answers. */
   StoreStatus st = Store_readBegin(s);
   if (st == STORE_OK)
      st = Store_listWorkloads(s, p->filter.archived, &ws, &n);
   Pass ps = {.p = p, .picks = xcalloc(n + 1, sizeof *ps.picks)};
   for (size_t i = 0; i < n && st == STORE_OK; i++) {
      long gi = groupOfLens(p, s, ws[i].lens_id, &map, &n_map, &cap_map);
      if (gi < 0 || !passes(&p->filter, &ws[i], p->lenses[gi].lens))
         continue;
      ps.picks[ps.n_picks++] =
         (Pick){ws[i].review_id, (size_t)gi, addRow(&p->lenses[gi], &ws[i], db), false};
   }
   qsort(ps.picks, ps.n_picks, sizeof *ps.picks, byReviewId);
   ps.reviews = xcalloc(p->n_lenses + 1, sizeof *ps.reviews);
   for (size_t i = 0; i < p->n_lenses; i++)
      Review_init(&ps.reviews[i], p->lenses[i].lens);
   if (st == STORE_OK)
      st = countPicks(&ps, s);
   StoreStatus end = Store_readEnd(s);
   if (st == STORE_OK)
      st = end;
   if (st != STORE_OK)
      *err = xasprintf("%s: %s", label ? label : "", Store_lastError(s));
   for (size_t i = 0; i < p->n_lenses; i++)
      Review_free(&ps.reviews[i]);
   free(ps.reviews);
   free(ps.tracks);
   free(ps.mb);
   free(ps.arena);
   free(ps.picks);
   free(map);
   Workload_freeArray(ws, n);
   return st;
}

/* ---- finishing ---- */

static int byTime(const void *a, const void *b)
{
   const PortfolioMs *x = a, *y = b;
   int c = strcmp(x->at, y->at);
   return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* The month after ym ("YYYY-MM"). */
static void nextMonth(char ym[8])
{
   int y = atoi(ym), m = atoi(ym + 5) + 1;
   if (m > 12) {
      m = 1;
      y++;
   }
   char buf[32];
   snprintf(buf, sizeof buf, "%04d-%02d", (y % 10000 + 10000) % 10000, m);
   memcpy(ym, buf, 8);
   ym[7] = '\0';
}

#define PORTFOLIO_MAX_MONTHS 120

static void buildTrend(const Portfolio *p, PortfolioLens *g)
{
   if (!g->n_ms)
      return;
   qsort(g->ms, g->n_ms, sizeof *g->ms, byTime);
   PortfolioMonth cur = {0};
   PortfolioMs *last = xcalloc(g->n_wl + 1, sizeof *last); /* each row's newest so far */
   bool *has = xcalloc(g->n_wl + 1, sizeof *has);
   char ym[8];
   snprintf(ym, sizeof ym, "%.7s", g->ms[0].at);
   size_t k = 0;
   for (int guard = 0; guard < 12 * 200 && strcmp(ym, p->date) <= 0; guard++) {
      for (; k < g->n_ms && strncmp(g->ms[k].at, ym, 7) <= 0; k++) {
         const PortfolioMs *m = &g->ms[k];
         if (has[m->row]) {
            for (int r = 0; r < RISK_COUNT; r++)
               cur.by_risk[r] -= last[m->row].by_risk[r];
            cur.questions -= last[m->row].questions;
         } else {
            cur.workloads++;
         }
         has[m->row] = true;
         last[m->row] = *m;
         for (int r = 0; r < RISK_COUNT; r++)
            cur.by_risk[r] += m->by_risk[r];
         cur.questions += m->questions;
      }
      memcpy(cur.month, ym, sizeof cur.month);
      if (g->n_trend == PORTFOLIO_MAX_MONTHS) { /* keep the newest months */
         memmove(g->trend, g->trend + 1, (g->n_trend - 1) * sizeof *g->trend);
         g->n_trend--;
      }
      g->trend = xrealloc(g->trend, (g->n_trend + 1) * sizeof *g->trend);
      g->trend[g->n_trend++] = cur;
      nextMonth(ym);
   }
   free(last);
   free(has);
}

static int byPractice(const void *a, const void *b)
{
   const PortfolioPractice *x = a, *y = b;
   if (x->count != y->count)
      return x->count < y->count ? 1 : -1;
   if (x->high != y->high)
      return x->high < y->high ? 1 : -1;
   if (x->question != y->question)
      return x->question < y->question ? -1 : 1;
   return (x->choice > y->choice) - (x->choice < y->choice);
}

static void buildTop(PortfolioLens *g)
{
   const Lens *lens = g->lens;
   size_t n = 0;
   PortfolioPractice *all = NULL;
   size_t cap = 0;
   for (size_t q = 0; q < lens->n_questions; q++)
      for (size_t c = 0; c < lens->questions[q].n_choices; c++) {
         size_t k = g->choice_base[q] + c;
         if (!g->missing[k])
            continue;
         all = xgrow(all, &cap, n + 1, sizeof *all);
         all[n++] = (PortfolioPractice){q, c, g->missing[k], g->missing_high[k]};
      }
   if (n)
      qsort(all, n, sizeof *all, byPractice);
   g->n_top = n < PORTFOLIO_TOP ? n : PORTFOLIO_TOP;
   g->top = all;
}

static int byName(const void *a, const void *b)
{
   const PortfolioRow *x = a, *y = b;
   int c = strcmp(x->name, y->name);
   return c ? c : (x->db > y->db) - (x->db < y->db);
}

static int byLens(const void *a, const void *b)
{
   const Lens *x = ((const PortfolioLens *)a)->lens, *y = ((const PortfolioLens *)b)->lens;
   int c = strcmp(x->name, y->name);
   if (!c)
      c = strcmp(x->version ? x->version : "", y->version ? y->version : "");
   return c ? c : strcmp(x->sha256, y->sha256);
}

typedef struct NameRef {
   const char *name;
   PortfolioRow *row;
} NameRef;

static int byRefName(const void *a, const void *b)
{
   return strcmp(((const NameRef *)a)->name, ((const NameRef *)b)->name);
}

/* A name in more than one database is shown with its database. */
static void markClashes(Portfolio *p)
{
   size_t n = 0;
   for (size_t i = 0; i < p->n_lenses; i++)
      n += p->lenses[i].n_wl;
   if (p->n_dbs < 2 || !n)
      return;
   NameRef *refs = xcalloc(n, sizeof *refs);
   n = 0;
   for (size_t i = 0; i < p->n_lenses; i++)
      for (size_t j = 0; j < p->lenses[i].n_wl; j++)
         refs[n++] = (NameRef){p->lenses[i].wl[j].name, &p->lenses[i].wl[j]};
   qsort(refs, n, sizeof *refs, byRefName);
   for (size_t i = 0; i + 1 < n; i++)
      if (strcmp(refs[i].name, refs[i + 1].name) == 0 && refs[i].row->db != refs[i + 1].row->db)
         refs[i].row->clash = refs[i + 1].row->clash = true;
   free(refs);
}

static void freeGroup(PortfolioLens *g)
{
   for (size_t j = 0; j < g->n_wl; j++) {
      PortfolioRow *r = &g->wl[j];
      free(r->name);
      free(r->environment);
      free(r->owner);
      free(r->last_at);
      free(r->last_by);
      free(r->milestone);
      free(r->milestone_at);
      free(r->cells);
   }
   for (size_t j = 0; j < g->n_ms; j++)
      free(g->ms[j].at);
   free(g->ms);
   free(g->wl);
   free(g->cells);
   free(g->top);
   free(g->trend);
   free(g->missing);
   free(g->missing_high);
   free(g->choice_base);
   Lens_free(g->lens);
}

void Portfolio_finish(Portfolio *p)
{
   for (size_t i = 0; i < p->n_lenses; i++) {
      PortfolioLens *g = &p->lenses[i];
      buildTrend(p, g); /* before sorting: milestones name rows by index */
      buildTop(g);
      if (g->n_wl)
         qsort(g->wl, g->n_wl, sizeof *g->wl, byName);
   }
   /* A lens no workload passed the filter with is left out. */
   size_t kept = 0;
   for (size_t i = 0; i < p->n_lenses; i++) {
      if (p->lenses[i].n_wl)
         p->lenses[kept++] = p->lenses[i];
      else
         freeGroup(&p->lenses[i]);
   }
   p->n_lenses = kept;
   if (kept)
      qsort(p->lenses, kept, sizeof *p->lenses, byLens);
   markClashes(p);
}

void Portfolio_free(Portfolio *p)
{
   for (size_t i = 0; i < p->n_lenses; i++)
      freeGroup(&p->lenses[i]);
   free(p->lenses);
   for (size_t i = 0; i < p->n_dbs; i++)
      free(p->dbs[i]);
   free(p->dbs);
   memset(p, 0, sizeof *p);
}

/* ---- shared wording ---- */

char *Portfolio_rowName(const Portfolio *p, const PortfolioRow *r)
{
   return r->clash && r->db < p->n_dbs ? xasprintf("%s (%s)", r->name, p->dbs[r->db])
                                       : xstrdup(r->name);
}

char *Portfolio_lensTitle(const PortfolioLens *g)
{
   const Lens *l = g->lens;
   return l->version ? xasprintf("%s %s (%s)", l->name, l->version, l->key)
                     : xasprintf("%s (%s)", l->name, l->key);
}

const char *Portfolio_phaseName(const PortfolioLens *g, size_t row)
{
   return row < g->lens->n_phases ? g->lens->phases[row].name : "";
}

char *Portfolio_countLine(const Portfolio *p)
{
   size_t n = 0;
   for (size_t i = 0; i < p->n_lenses; i++)
      n += p->lenses[i].n_wl;
   char *w = xasprintf(ngettext("%zu workload", "%zu workloads", n), n);
   char *l = xasprintf(ngettext("%zu lens", "%zu lenses", p->n_lenses), p->n_lenses);
   /* TRANSLATORS: "3 workloads" and "2 lenses". */
   char *s = xasprintf(_("%s on %s."), w, l);
   free(w);
   free(l);
   return s;
}

unsigned Portfolio_percent(size_t answered, size_t questions)
{
   return questions ? (unsigned)((answered * 100 + questions / 2) / questions) : 0;
}

/* ---- output ---- */

static bool writeOne(const Portfolio *p, const ReportOptions *o, FILE *f)
{
   switch (o->format) {
   case REPORT_TEXT: return PortfolioText_write(p, o, f);
   case REPORT_MD: return PortfolioMd_write(p, f);
   case REPORT_HTML: return PortfolioHtml_write(p, f);
   case REPORT_CSV: return PortfolioCsv_write(p, f);
   case REPORT_JSON: return PortfolioJson_write(p, f);
   }
   return false;
}

bool Portfolio_writeFile(const Portfolio *p, const ReportOptions *o, const char *path,
                         const char *db_path, char **err)
{
   if (!Report_checkOptions(o, err))
      return false;
   OutFile f;
   OutFileRules rules = {.force = o->force,
                         .db_path = db_path,
                         .more_dbs = (const char *const *)p->dbs,
                         .n_more_dbs = p->n_dbs};
   if (!OutFile_open(&f, path, &rules, err))
      return false;
   errno = 0;
   if (!writeOne(p, o, f.fp)) {
      *err = OutFile_writeError(path, errno ? errno : EIO);
      OutFile_finish(&f, false, NULL);
      return false;
   }
   return OutFile_finish(&f, true, err);
}
