/* store_count.c: each review's kept risk counts (see count.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
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
                     " r.last_at, r.last_by, c.questions, c.answered, c.unanswered, c.high,"
                     " c.medium, c.none, c.na, c.practices, c.selected"
                     " FROM review r LEFT JOIN review_count c ON c.review_id = r.id"
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
   return StoreSql_runAlone(s,
                            "INSERT OR REPLACE INTO review_count (review_id, lens_id, answers_gen,"
                            " questions, answered, unanswered, high, medium, none, na, practices,"
                            " selected) SELECT id, lens_id, answers_gen, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                            " FROM review WHERE id = ?",
                            "iiiiiiiiii", c->questions, c->answered, c->unanswered, c->high,
                            c->medium, c->none, c->na, c->practices, c->selected, review_id);
}

StoreStatus Store_listWorkloadNames(Store *s, bool include_archived, Workload **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st,
      "SELECT w.id, r.id, r.lens_id, w.name, w.updated_at, w.updated_by, w.archived"
      " FROM workload w LEFT JOIN review r ON r.workload_id = w.id AND r.is_current = 1"
      " WHERE ?1 OR w.archived = 0 ORDER BY w.name",
      "d", include_archived ? 1 : 0);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      Workload *w = &(*out)[(*n)++];
      memset(w, 0, sizeof *w);
      w->id = sqlite3_column_int64(q, 0);
      w->review_id = sqlite3_column_int64(q, 1);
      w->lens_id = sqlite3_column_int64(q, 2);
      w->name = StoreSql_colText(q, 3);
      w->updated_at = StoreSql_colText(q, 4);
      w->updated_by = StoreSql_colText(q, 5);
      w->archived = sqlite3_column_int(q, 6) != 0;
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      Workload_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

/* The columns readListRow reads, for the whole list and for one row. */
#define LIST_ROW_SELECT                                                               \
   "SELECT w.id, r.id, r.lens_id, w.name, w.updated_at, w.updated_by, w.archived,"    \
   " coalesce(c.answers_gen = r.answers_gen AND c.lens_id = r.lens_id, 0),"           \
   " c.questions, c.answered, c.unanswered, c.high, c.medium, c.none, c.na,"          \
   " c.practices, c.selected, r.last_at, r.last_by"                                   \
   " FROM workload w LEFT JOIN review r ON r.workload_id = w.id AND r.is_current = 1" \
   " LEFT JOIN review_count c ON c.review_id = r.id"

static void readListRow(sqlite3_stmt *q, StoreListRow *r)
{
   memset(r, 0, sizeof *r);
   r->w.id = sqlite3_column_int64(q, 0);
   r->w.review_id = sqlite3_column_int64(q, 1);
   r->w.lens_id = sqlite3_column_int64(q, 2);
   r->w.name = StoreSql_colText(q, 3);
   r->w.updated_at = StoreSql_colText(q, 4);
   r->w.updated_by = StoreSql_colText(q, 5);
   r->w.archived = sqlite3_column_int(q, 6) != 0;
   r->fresh = sqlite3_column_int(q, 7) != 0;
   if (r->fresh)
      readCounts(q, 8, &r->counts);
   if (sqlite3_column_type(q, 17) != SQLITE_NULL && sqlite3_column_type(q, 18) != SQLITE_NULL) {
      r->last_at = StoreSql_colText(q, 17);
      r->last_by = StoreSql_colText(q, 18);
   }
}

StoreStatus Store_scanWorkloadRows(Store *s, bool include_archived, size_t first, size_t limit,
                                   void (*fn)(StoreListRow *, void *), void *ctx)
{
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   /* One pass in name order over the name index: the current review by
    * its index, the kept counts by primary key, the newest change from the
    * review row itself (schema step 10); no second scan of every review, no
    * sort.  LIMIT -1 is SQLite's "no limit". */
   sqlite3_stmt *q = StoreSql_query(
      s, &st, LIST_ROW_SELECT " WHERE ?1 OR w.archived = 0 ORDER BY w.name LIMIT ?2 OFFSET ?3",
      "dii", include_archived ? 1 : 0, limit ? (int64_t)limit : (int64_t)-1, (int64_t)first);
   bool row = q != NULL;
   while (q && (st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      StoreListRow r;
      readListRow(q, &r);
      fn(&r, ctx);
   }
   StoreSql_finalize(s, q);
   return StoreSql_end(s, st);
}

StoreStatus Store_scanWorkloadRow(Store *s, int64_t workload_id, void (*fn)(StoreListRow *, void *),
                                  void *ctx)
{
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   sqlite3_stmt *q = StoreSql_query(s, &st, LIST_ROW_SELECT " WHERE w.id = ?1", "i", workload_id);
   bool row = q != NULL, found = false;
   while (q && (st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      StoreListRow r;
      readListRow(q, &r);
      found = true;
      fn(&r, ctx);
   }
   StoreSql_finalize(s, q);
   if (st == STORE_OK && !found)
      st = STORE_NOT_FOUND;
   return StoreSql_end(s, st);
}

typedef struct ListRows {
   StoreListRow *rows;
   size_t n, cap;
} ListRows;

static void collectRow(StoreListRow *r, void *ctx)
{
   ListRows *l = ctx;
   l->rows = xgrow(l->rows, &l->cap, l->n + 1, sizeof *l->rows);
   l->rows[l->n++] = *r;
}

StoreStatus Store_listWorkloadRows(Store *s, bool include_archived, size_t first, size_t limit,
                                   StoreListRow **out, size_t *n)
{
   ListRows l = {0};
   StoreStatus st = Store_scanWorkloadRows(s, include_archived, first, limit, collectRow, &l);
   if (st != STORE_OK) {
      for (size_t i = 0; i < l.n; i++)
         StoreListRow_free(&l.rows[i]);
      free(l.rows);
      l.rows = NULL;
      l.n = 0;
   }
   *out = l.rows;
   *n = l.n;
   return st;
}

/* One row of up to two integers from sql (bound to nothing). */
static StoreStatus countQuery(Store *s, const char *sql, int64_t *a, int64_t *b)
{
   StoreStatus st;
   bool row = true;
   sqlite3_stmt *q = StoreSql_query(s, &st, sql, "");

   if (!q)
      return st;
   if ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *a = sqlite3_column_int64(q, 0);
      if (b)
         *b = sqlite3_column_int64(q, 1);
   }
   StoreSql_finalize(s, q);
   return st;
}

StoreStatus Store_countWorkloads(Store *s, bool include_archived, size_t *n, size_t *longest,
                                 size_t *longest_archived)
{
   int64_t all = 0, archived = 0, lon = 0, lon_archived = 0;

   *n = *longest = *longest_archived = 0;
   /* Three look-ups on workload_name_length (schema step 12), none of
    * which visits every workload: the count of all rows is SQLite's count
    * of the smallest index, the archived ones are few, and the longest
    * name is the index's last entry. */
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   st = countQuery(s, "SELECT count(*) FROM workload", &all, NULL);
   if (st == STORE_OK)
      st = countQuery(s,
                      "SELECT count(*), coalesce(max(length(name)), 0) FROM workload"
                      " WHERE archived = 1",
                      &archived, &lon_archived);
   if (st == STORE_OK)
      st = countQuery(s,
                      "SELECT length(name) FROM workload WHERE archived = 0"
                      " ORDER BY length(name) DESC LIMIT 1",
                      &lon, NULL);
   st = StoreSql_end(s, st);
   if (st != STORE_OK)
      return st;
   *n = (size_t)(include_archived ? all : all - archived);
   *longest = (size_t)lon;
   *longest_archived = include_archived ? (size_t)lon_archived : 0;
   return STORE_OK;
}

void StoreListRow_free(StoreListRow *r)
{
   if (!r)
      return;
   Workload_free(&r->w);
   free(r->last_at);
   free(r->last_by);
   memset(r, 0, sizeof *r);
}
