/* store_history.c: the append-only history and the JSON of its before and
 * after states. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

bool StoreJson_str(json_t *o, const char *key, const char *v)
{
   json_t *j = v ? json_string(v) : json_null();
   /* json_object_set_new() releases j even when it fails. */
   return j && json_object_set_new(o, key, j) == 0;
}

bool StoreJson_strs(json_t *o, const char *key, char *const *v, size_t n)
{
   json_t *arr = json_array();
   bool ok = arr != NULL;
   for (size_t i = 0; ok && i < n; i++) {
      json_t *j = json_string(v[i]);
      ok = j && json_array_append_new(arr, j) == 0;
   }
   if (!ok) {
      json_decref(arr);
      return false;
   }
   return json_object_set_new(o, key, arr) == 0;
}

bool StoreJson_int(json_t *o, const char *key, int64_t v)
{
   json_t *j = json_integer((json_int_t)v);
   return j && json_object_set_new(o, key, j) == 0;
}

bool StoreJson_bool(json_t *o, const char *key, bool v)
{
   json_t *j = json_boolean(v);
   return j && json_object_set_new(o, key, j) == 0;
}

char *StoreJson_finish(json_t *o, bool ok)
{
   char *text = ok && o ? json_dumps(o, JSON_COMPACT) : NULL;
   json_decref(o);
   return text;
}

/* The new row's id is max(id) + 1 (history rows are never deleted), so a gap
 * after the last id this connection knew means another connection wrote. */
StoreStatus StoreHist_append(Store *s, int64_t review_id, const char *user, const char *kind,
                             const char *object, const char *before, const char *after)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   StoreStatus st = StoreSql_run(s,
                                 "INSERT INTO history (at, user_name, kind, object, before_json,"
                                 " after_json, review_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 "ttttttI", now, user, kind, object, before, after, review_id);
   if (st != STORE_OK)
      return st;
   int64_t id = sqlite3_last_insert_rowid(s->db);
   if (id != s->tx_seen + 1)
      s->tx_other = true;
   s->tx_seen = id;
   return STORE_OK;
}

StoreStatus Store_lastChange(Store *s, int64_t review_id, char **at, char **by)
{
   *at = *by = NULL;
   StoreStatus st;
   /* Kept on the review row by the history_last trigger (schema step 10):
    * one look-up, where max(id) walked the review's whole history in the
    * index and then read its row, a page of its own in a large file. */
   sqlite3_stmt *q =
      StoreSql_query(s, &st,
                     "SELECT last_at, last_by FROM review WHERE id = ? AND last_at IS NOT NULL"
                     " AND last_by IS NOT NULL",
                     "i", review_id);
   if (!q)
      return st;
   bool row = false;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      *at = StoreSql_colText(q, 0);
      *by = StoreSql_colText(q, 1);
   } else if (st == STORE_OK)
      st = STORE_NOT_FOUND;
   StoreSql_finalize(s, q);
   return st;
}

/* max(id) per review reads only the history_review index, in review order
 * (no sort); each review's row is then one look-up by id. */
StoreStatus StoreHist_scanLast(Store *s, const AnswerScanVisitor *v)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT h.review_id, h.at, h.user_name FROM"
                                    " (SELECT max(id) AS id FROM history"
                                    "  WHERE review_id IS NOT NULL GROUP BY review_id) m"
                                    " JOIN history h ON h.id = m.id ORDER BY h.review_id",
                                    "");
   if (!q)
      return st;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      const char *at = (const char *)sqlite3_column_text(q, 1);
      const char *by = (const char *)sqlite3_column_text(q, 2);
      if (at && by) /* NOT NULL in the schema: NULL is a failed allocation */
         v->change(sqlite3_column_int64(q, 0), at, by, v->ctx);
   }
   StoreSql_finalize(s, q);
   return st;
}

static void readEntry(sqlite3_stmt *q, HistoryEntry *e)
{
   e->id = sqlite3_column_int64(q, 0);
   e->at = StoreSql_colText(q, 1);
   e->user = StoreSql_colText(q, 2);
   e->kind = StoreSql_colText(q, 3);
   e->object = StoreSql_colText(q, 4);
   e->before = StoreSql_colText(q, 5);
   e->after = StoreSql_colText(q, 6);
}

/* Reads up to limit rows of q into *out (grown as needed) and releases q;
 * on a failure nothing is kept. */
static StoreStatus readEntries(Store *s, sqlite3_stmt *q, size_t limit, HistoryEntry **out,
                               size_t *n)
{
   StoreStatus st = STORE_OK;
   size_t cap = 0;
   bool row = true;
   while (*n < limit && (st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      readEntry(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      HistoryEntry_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

StoreStatus Store_history(Store *s, int64_t review_id, const char *question_id, HistoryEntry **out,
                          size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q =
      StoreSql_query(s, &st,
                     "SELECT id, at, user_name, kind, object, before_json, after_json FROM history"
                     " WHERE review_id = ?1 AND (?2 IS NULL OR (kind IN ('answer', 'plan') AND"
                     " (object = ?2 OR substr(object, 1, length(?2) + 1) = ?2 || '/')))"
                     " ORDER BY id",
                     "it", review_id, question_id);
   return q ? readEntries(s, q, SIZE_MAX, out, n) : st;
}

StoreStatus Store_historyRecent(Store *s, int64_t review_id, const char *question_id, size_t limit,
                                HistoryEntry **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   /* The question's rows as two ranges of the history_review index (its
    * answer, then its plan items "Q/..."; '0' follows '/'), newest first,
    * so that only the rows shown are read. */
   sqlite3_stmt *q =
      StoreSql_query(s, &st,
                     "SELECT id, at, user_name, kind, object, before_json, after_json FROM history"
                     " WHERE review_id = ?1 AND kind IN ('answer', 'plan') AND"
                     " (object = ?2 OR (object > ?2 || '/' AND object < ?2 || '0'))"
                     " ORDER BY id DESC LIMIT ?3",
                     "iti", review_id, question_id, (int64_t)limit);
   if (!q)
      return st;
   st = readEntries(s, q, limit, out, n);
   for (size_t i = 0; i < *n / 2; i++) { /* oldest first, as Store_history */
      HistoryEntry t = (*out)[i];
      (*out)[i] = (*out)[*n - 1 - i];
      (*out)[*n - 1 - i] = t;
   }
   return st;
}

StoreStatus Store_historyEntry(Store *s, int64_t id, HistoryEntry *out, int64_t *review_id)
{
   memset(out, 0, sizeof *out);
   *review_id = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT id, at, user_name, kind, object, before_json,"
                                    " after_json, review_id FROM history WHERE id = ?",
                                    "i", id);
   if (!q)
      return st;
   bool row = false;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      readEntry(q, out);
      *review_id = sqlite3_column_int64(q, 7);
   } else if (st == STORE_OK)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no change with history id %lld"), (long long)id);
   StoreSql_finalize(s, q);
   return st;
}

void HistoryEntry_free(HistoryEntry *e)
{
   if (!e)
      return;
   free(e->at);
   free(e->user);
   free(e->kind);
   free(e->object);
   free(e->before);
   free(e->after);
   memset(e, 0, sizeof *e);
}

void HistoryEntry_freeArray(HistoryEntry *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      HistoryEntry_free(&a[i]);
   free(a);
}
