/* store_portkeep.c: the kept portfolio rows of reviews (portkeep.h).
 *
 * In the row, cells is one digit per cell (its PORTKEEP_CELL_* bits), gaps
 * the numbers of PortKeep.gaps in decimal joined by ',', dues the due dates
 * joined by '\n' (a due date is YYYY-MM-DD: Store_putPlanTracking refuses
 * any other).  Text rather than blobs so that sqlite3 shows a row as it is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/portkeep.h"
#include "store/store_internal.h"

/* ---- writing ---- */

static char *encodeCells(const PortKeep *k)
{
   char *t = xmalloc(k->n_cells + 1);
   for (size_t i = 0; i < k->n_cells; i++)
      t[i] = (char)('0' + (k->cells[i] & 7));
   t[k->n_cells] = '\0';
   return t;
}

static char *encodeGaps(const PortKeep *k)
{
   char *t = xmalloc(k->n_gaps * 21 + 1), *p = t;
   *p = '\0';
   for (size_t i = 0; i < k->n_gaps; i++)
      p += sprintf(p, i ? ",%zu" : "%zu", k->gaps[i]);
   return t;
}

/* NULL when a date holds a '\n' (it could not be read back). */
static char *encodeDues(const PortKeep *k)
{
   size_t len = 1;
   for (size_t i = 0; i < k->n_dues; i++) {
      if (strchr(k->dues[i], '\n'))
         return NULL;
      len += strlen(k->dues[i]) + 1;
   }
   char *t = xmalloc(len), *p = t;
   *p = '\0';
   for (size_t i = 0; i < k->n_dues; i++)
      p += sprintf(p, i ? "\n%s" : "%s", k->dues[i]);
   return t;
}

StoreStatus Store_putPortKeep(Store *s, int64_t review_id, const PortKeep *k)
{
   char *dues = encodeDues(k);
   if (!dues) /* no row: the report counts the review from its answers */
      return StoreSql_run(s, "DELETE FROM review_portfolio WHERE review_id = ?", "i", review_id);
   char *cells = encodeCells(k), *gaps = encodeGaps(k);
   StoreStatus st = StoreSql_beginWrite(s);
   if (st == STORE_OK)
      st = StoreSql_run(
         s,
         "INSERT OR REPLACE INTO review_portfolio (review_id, lens_id, answers_gen, plan_gen,"
         " questions, answered, high, medium, none, na, unanswered, plan_open, plan_in_progress,"
         " plan_done, cells, gaps, dues) SELECT id, lens_id, answers_gen, plan_gen,"
         " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM review WHERE id = ?",
         "iiiiiiiiiittti", (int64_t)k->questions, (int64_t)k->answered,
         (int64_t)k->by_risk[RISK_HIGH], (int64_t)k->by_risk[RISK_MEDIUM],
         (int64_t)k->by_risk[RISK_NONE], (int64_t)k->by_risk[RISK_NOT_APPLICABLE],
         (int64_t)k->by_risk[RISK_UNANSWERED], (int64_t)k->plan_open, (int64_t)k->plan_in_progress,
         (int64_t)k->plan_done, cells, gaps, dues, review_id);
   st = StoreSql_end(s, st);
   free(cells);
   free(gaps);
   free(dues);
   return st;
}

/* ---- reading ---- */

/* Buffers reused from row to row: a row's PortKeep points into them. */
typedef struct Decode {
   unsigned char *cells;
   size_t cap_cells;
   size_t *gaps;
   size_t cap_gaps;
   char *dues_text;
   size_t cap_text;
   char **dues;
   size_t cap_dues;
} Decode;

static bool decodeCells(Decode *d, const char *t, PortKeep *k)
{
   size_t n = strlen(t);
   d->cells = xgrow(d->cells, &d->cap_cells, n + 1, 1);
   for (size_t i = 0; i < n; i++) {
      if (t[i] < '0' || t[i] > '7')
         return false;
      d->cells[i] = (unsigned char)(t[i] - '0');
   }
   k->cells = d->cells;
   k->n_cells = n;
   return true;
}

static bool decodeGaps(Decode *d, const char *t, PortKeep *k)
{
   size_t n = 0;
   while (*t) {
      if (*t < '0' || *t > '9')
         return false;
      char *end;
      unsigned long long v = strtoull(t, &end, 10);
      if (end - t > 9) /* no lens has a billion practices */
         return false;
      d->gaps = xgrow(d->gaps, &d->cap_gaps, n + 1, sizeof *d->gaps);
      d->gaps[n++] = (size_t)v;
      if (*end == ',' && end[1])
         end++;
      else if (*end)
         return false;
      t = end;
   }
   k->gaps = d->gaps;
   k->n_gaps = n;
   return true;
}

static void decodeDues(Decode *d, const char *t, PortKeep *k)
{
   size_t len = strlen(t), n = 0;
   d->dues_text = xgrow(d->dues_text, &d->cap_text, len + 1, 1);
   memcpy(d->dues_text, t, len + 1);
   for (char *p = d->dues_text; *t && p;) {
      d->dues = xgrow(d->dues, &d->cap_dues, n + 1, sizeof *d->dues);
      d->dues[n++] = p;
      p = strchr(p, '\n');
      if (p)
         *p++ = '\0';
   }
   k->dues = d->dues;
   k->n_dues = n;
}

static size_t nonNegative(int64_t v)
{
   return v > 0 ? (size_t)v : 0;
}

static bool decodeRow(Decode *d, sqlite3_stmt *q, int c, PortKeep *k)
{
   size_t *f[] = {&k->questions,
                  &k->answered,
                  &k->by_risk[RISK_HIGH],
                  &k->by_risk[RISK_MEDIUM],
                  &k->by_risk[RISK_NONE],
                  &k->by_risk[RISK_NOT_APPLICABLE],
                  &k->by_risk[RISK_UNANSWERED],
                  &k->plan_open,
                  &k->plan_in_progress,
                  &k->plan_done};
   size_t n = sizeof f / sizeof f[0];
   for (size_t i = 0; i < n; i++)
      *f[i] = nonNegative(sqlite3_column_int64(q, c + (int)i));
   const char *cells = (const char *)sqlite3_column_text(q, c + (int)n);
   const char *gaps = (const char *)sqlite3_column_text(q, c + (int)n + 1);
   const char *dues = (const char *)sqlite3_column_text(q, c + (int)n + 2);
   if (!cells || !gaps || !dues || !decodeCells(d, cells, k) || !decodeGaps(d, gaps, k))
      return false;
   decodeDues(d, dues, k);
   return true;
}

StoreStatus Store_scanPortKeep(Store *s, void (*fn)(const PortKeepRow *, void *), void *ctx)
{
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   sqlite3_stmt *q =
      StoreSql_query(s, &st,
                     "SELECT r.id, r.lens_id, r.last_at, r.last_by,"
                     " coalesce(k.answers_gen = r.answers_gen AND k.plan_gen = r.plan_gen"
                     "  AND k.lens_id = r.lens_id, 0),"
                     " k.questions, k.answered, k.high, k.medium, k.none, k.na, k.unanswered,"
                     " k.plan_open, k.plan_in_progress, k.plan_done, k.cells, k.gaps, k.dues"
                     " FROM review r LEFT JOIN review_portfolio k ON k.review_id = r.id"
                     " WHERE r.is_current ORDER BY r.id",
                     "");
   Decode d = {0};
   bool row = q != NULL;
   while (q && (st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      PortKeepRow r = {
         .review_id = sqlite3_column_int64(q, 0),
         .lens_id = sqlite3_column_int64(q, 1),
         .last_at = (const char *)sqlite3_column_text(q, 2),
         .last_by = (const char *)sqlite3_column_text(q, 3),
         .fresh = sqlite3_column_int(q, 4) != 0,
      };
      if (!r.last_at || !r.last_by)
         r.last_at = r.last_by = NULL;
      if (r.fresh && !decodeRow(&d, q, 5, &r.keep)) {
         r.fresh = false;
         memset(&r.keep, 0, sizeof r.keep);
      }
      fn(&r, ctx);
   }
   StoreSql_finalize(s, q);
   free(d.cells);
   free(d.gaps);
   free(d.dues_text);
   free(d.dues);
   return StoreSql_end(s, st);
}
