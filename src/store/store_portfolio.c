/* store_portfolio.c: the rows of every review at once for the portfolio
 * report (Store_scanPortfolio): answers with their choices and the plan
 * tracking, merged by review id so that the reader keeps one review in
 * memory at a time; then milestone totals and newest changes.  Each is one
 * query over an index in its own order, so that no query sorts. */
#include "config.h"

#include <string.h>

#include "store/store_internal.h"

/* Two cursors stepped side by side, both ordered by review id. */
typedef struct Merge {
   sqlite3_stmt *answers, *tracks;
   bool more_answers, more_tracks;
   int64_t last_answer; /* the answer id handed over last, 0 for none */
} Merge;

static const char *col(sqlite3_stmt *q, int i)
{
   return (const char *)sqlite3_column_text(q, i);
}

/* Hands over the current answers row (the answer once, then its choice). */
static void giveAnswer(Merge *m, const PortfolioScanVisitor *v)
{
   sqlite3_stmt *q = m->answers;
   int64_t id = sqlite3_column_int64(q, 1);
   const char *question = col(q, 2);
   if (!question) /* NOT NULL in the schema: NULL is a failed allocation */
      return;
   if (id != m->last_answer) {
      m->last_answer = id;
      v->answer(sqlite3_column_int64(q, 0), question, sqlite3_column_int(q, 3) != 0, v->ctx);
   }
   const char *choice = col(q, 4), *state = col(q, 5);
   if (choice && state)
      v->choice(choice, strcmp(state, "selected") == 0, v->ctx);
}

static void giveTrack(Merge *m, const PortfolioScanVisitor *v)
{
   sqlite3_stmt *q = m->tracks;
   const char *question = col(q, 1), *choice = col(q, 2), *status = col(q, 3);
   if (question && choice && status)
      v->track(sqlite3_column_int64(q, 0), question, choice, status, col(q, 4), v->ctx);
}

/* Every row of one review from both cursors, answers first. */
static StoreStatus mergeOne(Store *s, Merge *m, const PortfolioScanVisitor *v)
{
   StoreStatus st = STORE_OK;
   int64_t ra = m->more_answers ? sqlite3_column_int64(m->answers, 0) : INT64_MAX;
   int64_t rt = m->more_tracks ? sqlite3_column_int64(m->tracks, 0) : INT64_MAX;
   int64_t review = ra < rt ? ra : rt;
   while (st == STORE_OK && m->more_answers && sqlite3_column_int64(m->answers, 0) == review) {
      giveAnswer(m, v);
      st = StoreSql_step(s, m->answers, &m->more_answers);
   }
   while (st == STORE_OK && m->more_tracks && sqlite3_column_int64(m->tracks, 0) == review) {
      giveTrack(m, v);
      st = StoreSql_step(s, m->tracks, &m->more_tracks);
   }
   return st;
}

static StoreStatus scanMerged(Store *s, const PortfolioScanVisitor *v)
{
   StoreStatus st;
   Merge m = {0};
   /* answer(review_id, question_id) is unique: its index gives this order. */
   m.answers = StoreSql_query(s, &st,
                              "SELECT a.review_id, a.id, a.question_id, a.not_applicable,"
                              " c.choice_id, c.state FROM answer a"
                              " LEFT JOIN answer_choice c ON c.answer_id = a.id"
                              " ORDER BY a.review_id, a.question_id, c.choice_id",
                              "");
   if (!m.answers)
      return st;
   m.tracks = StoreSql_query(s, &st,
                             "SELECT review_id, question_id, choice_id, status, due"
                             " FROM plan_item ORDER BY review_id, question_id, choice_id",
                             "");
   if (!m.tracks) {
      StoreSql_finalize(s, m.answers);
      return st;
   }
   st = StoreSql_step(s, m.answers, &m.more_answers);
   if (st == STORE_OK)
      st = StoreSql_step(s, m.tracks, &m.more_tracks);
   while (st == STORE_OK && (m.more_answers || m.more_tracks))
      st = mergeOne(s, &m, v);
   StoreSql_finalize(s, m.answers);
   StoreSql_finalize(s, m.tracks);
   return st;
}

static StoreStatus scanMilestones(Store *s, const PortfolioScanVisitor *v)
{
   StoreStatus st;
   /* The totals kept for each milestone (schema step 10), not its snapshot:
    * a snapshot that is not JSON counts as nothing rather than failing the
    * whole report (the single-workload trend marks it the same way). */
   sqlite3_stmt *q = StoreSql_query(
      s, &st,
      "SELECT review_id, name, created_at, valid, high, medium, none, not_applicable,"
      " unanswered, questions FROM milestone_total ORDER BY review_id, milestone_id",
      "");
   if (!q)
      return st;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      PortfolioMilestoneRow m = {
         .review_id = sqlite3_column_int64(q, 0),
         .name = col(q, 1),
         .created_at = col(q, 2),
         .valid = sqlite3_column_int(q, 3) != 0,
         .high = sqlite3_column_int64(q, 4),
         .medium = sqlite3_column_int64(q, 5),
         .none = sqlite3_column_int64(q, 6),
         .not_applicable = sqlite3_column_int64(q, 7),
         .unanswered = sqlite3_column_int64(q, 8),
         .questions = sqlite3_column_int64(q, 9),
      };
      if (m.name && m.created_at)
         v->milestone(&m, v->ctx);
   }
   StoreSql_finalize(s, q);
   return st;
}

/* StoreHist_scanLast speaks to an AnswerScanVisitor: pass its changes on. */
static void passChange(int64_t review_id, const char *at, const char *by, void *ctx)
{
   const PortfolioScanVisitor *v = ctx;
   v->change(review_id, at, by, v->ctx);
}

StoreStatus Store_scanPortfolio(Store *s, const PortfolioScanVisitor *v)
{
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   if (v->answer && v->choice && v->track)
      st = scanMerged(s, v);
   if (st == STORE_OK && v->milestone)
      st = scanMilestones(s, v);
   if (st == STORE_OK && v->change) {
      AnswerScanVisitor last = {.change = passChange, .ctx = (void *)v};
      st = StoreHist_scanLast(s, &last);
   }
   return StoreSql_end(s, st);
}
