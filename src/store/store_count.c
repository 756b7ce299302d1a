/* store_count.c: each review's kept risk counts (see count.h). */
#include "config.h"

#include "store/count.h"
#include "store/store_internal.h"

static void readCounts(sqlite3_stmt *q, int first, StoreCounts *c)
{
   int64_t *f[] = {&c->questions, &c->answered, &c->unanswered, &c->high,    &c->medium,
                   &c->none,      &c->na,       &c->practices,  &c->selected};
   for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
      *f[i] = sqlite3_column_int64(q, first + (int)i);
}

StoreStatus Store_scanReviewCounts(Store *s, void (*fn)(const StoreCountRow *, void *), void *ctx)
{
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   sqlite3_stmt *q =
      StoreSql_query(s, &st,
                     "SELECT r.id, r.lens_id, c.review_id IS NOT NULL,"
                     " coalesce(c.answers_gen = r.answers_gen AND c.lens_id = r.lens_id, 0),"
                     " h.at, h.user_name, c.questions, c.answered, c.unanswered, c.high,"
                     " c.medium, c.none, c.na, c.practices, c.selected"
                     " FROM review r LEFT JOIN review_count c ON c.review_id = r.id"
                     " LEFT JOIN history h ON h.id = r.last_history_id"
                     " WHERE r.is_current ORDER BY r.id",
                     "");
   bool row = q != NULL;
   while (q && (st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      StoreCountRow r = {
         .review_id = sqlite3_column_int64(q, 0),
         .lens_id = sqlite3_column_int64(q, 1),
         .have = sqlite3_column_int(q, 2) != 0,
         .fresh = sqlite3_column_int(q, 3) != 0,
         .last_at = (const char *)sqlite3_column_text(q, 4),
         .last_by = (const char *)sqlite3_column_text(q, 5),
      };
      if (!r.last_at || !r.last_by)
         r.last_at = r.last_by = NULL;
      if (r.have)
         readCounts(q, 6, &r.counts);
      fn(&r, ctx);
   }
   StoreSql_finalize(s, q);
   return StoreSql_end(s, st);
}

StoreStatus Store_putReviewCounts(Store *s, int64_t review_id, const StoreCounts *c)
{
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_run(s,
                     "INSERT OR REPLACE INTO review_count (review_id, lens_id, answers_gen,"
                     " questions, answered, unanswered, high, medium, none, na, practices,"
                     " selected) SELECT id, lens_id, answers_gen, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                     " FROM review WHERE id = ?",
                     "iiiiiiiiii", c->questions, c->answered, c->unanswered, c->high, c->medium,
                     c->none, c->na, c->practices, c->selected, review_id);
   return StoreSql_end(s, st);
}
