/* store_pending.c: bundles waiting for decisions on their clashes (see
 * store/pending.h). */
#include "config.h"

#include <stdlib.h>

#include "core/xalloc.h"
#include "store/pending.h"
#include "store/store_internal.h"

StoreStatus Store_keepImport(Store *s, int64_t review_id, const char *source, const char *bundle,
                             size_t clashes, const char *user)
{
   char now[STORE_TIME_LEN];
   if (!source || !bundle || !Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, "%s", "a waiting import needs a source and a user");
   StoreTime_now(s, now);
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_run(s, "DELETE FROM import_pending WHERE review_id = ? AND bundle = ?", "it",
                     review_id, bundle);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT INTO import_pending (review_id, source, bundle, clashes,"
                        " imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)",
                        "ittitt", review_id, source, bundle, (int64_t)clashes, now, user);
   return StoreSql_end(s, st);
}

StoreStatus Store_pendingImports(Store *s, int64_t review_id, PendingImport **out, size_t *n)
{
   StoreStatus st;
   bool row = false;
   size_t cap = 0;
   *out = NULL;
   *n = 0;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT id, source, bundle, clashes, imported_at, imported_by"
                                    " FROM import_pending WHERE review_id = ? ORDER BY id",
                                    "i", review_id);
   while (q && (st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      if (*n == cap)
         *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      PendingImport *p = &(*out)[(*n)++];
      p->id = sqlite3_column_int64(q, 0);
      p->source = StoreSql_colText(q, 1);
      p->bundle = StoreSql_colText(q, 2);
      p->clashes = (size_t)sqlite3_column_int64(q, 3);
      p->imported_at = StoreSql_colText(q, 4);
      p->imported_by = StoreSql_colText(q, 5);
   }
   if (q)
      StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      PendingImport_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

StoreStatus Store_dropImport(Store *s, int64_t review_id, const char *bundle)
{
   return StoreSql_runAlone(s, "DELETE FROM import_pending WHERE review_id = ? AND bundle = ?",
                            "it", review_id, bundle);
}

void PendingImport_freeArray(PendingImport *a, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      free(a[i].source);
      free(a[i].bundle);
      free(a[i].imported_at);
      free(a[i].imported_by);
   }
   free(a);
}
