/* store_presence.c: who else is in the database, for workshops.
 *
 * Each process keeps one row keyed by its pid, refreshed on its input tick.
 * Presence is chatter, not a change: it appends no history, so it does not
 * make other screens reload (see Store_changedElsewhere). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

StoreStatus Store_heartbeat(Store *s, const char *user, const char *workload, const char *question)
{
   if (!Store_validName(user) || !Store_validText(workload) || !Store_validText(question))
      return StoreSql_error(s, STORE_INVALID, _("presence: invalid user, workload or question"));
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_run(s,
                     "INSERT OR REPLACE INTO presence (pid, user_name, workload, question, seen_at)"
                     " VALUES (?, ?, ?, ?, ?)",
                     "itttt", (int64_t)getpid(), user, workload, question, now);
   return StoreSql_end(s, st);
}

StoreStatus Store_leave(Store *s)
{
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_run(s, "DELETE FROM presence WHERE pid = ?", "i", (int64_t)getpid());
   return StoreSql_end(s, st);
}

static void readPresence(sqlite3_stmt *q, Presence *p)
{
   p->pid = (long)sqlite3_column_int64(q, 0);
   p->user = StoreSql_colText(q, 1);
   p->workload = StoreSql_colText(q, 2);
   p->question = StoreSql_colText(q, 3);
   p->seen_at = StoreSql_colText(q, 4);
}

/* Lists the rows seen at or after cutoff, other than ours; counts the older. */
static StoreStatus listFresh(Store *s, const char *cutoff, Presence **out, size_t *n, size_t *stale)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT pid, user_name, workload, question, seen_at"
                                    " FROM presence ORDER BY user_name, pid",
                                    "");
   if (!q)
      return st;
   long me = (long)getpid();
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      const char *seen = (const char *)sqlite3_column_text(q, 4);
      if (!seen || strcmp(seen, cutoff) < 0)
         (*stale)++;
      else if (sqlite3_column_int64(q, 0) != me) {
         *out = xgrow(*out, &cap, *n + 1, sizeof **out);
         readPresence(q, &(*out)[(*n)++]);
      }
   }
   StoreSql_finalize(s, q);
   return st;
}

StoreStatus Store_presence(Store *s, int max_age_s, Presence **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   char now[STORE_TIME_LEN], cutoff[STORE_TIME_LEN];
   time_t t;
   StoreTime_now(s, now);
   if (max_age_s < 0 || !StoreTime_parse(now, &t))
      return StoreSql_error(s, STORE_INVALID, _("presence: invalid age"));
   StoreTime_format(t - max_age_s, cutoff);
   size_t stale = 0;
   StoreStatus st = listFresh(s, cutoff, out, n, &stale);
   if (st != STORE_OK) {
      Presence_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
      return st;
   }
   if (stale > 0 && !s->readonly && StoreSql_beginWrite(s) == STORE_OK) {
      /* Housekeeping: when it fails (busy), the next tick tries again and the
       * list returned is right either way. */
      StoreStatus del = StoreSql_run(s, "DELETE FROM presence WHERE seen_at < ?", "t", cutoff);
      (void)StoreSql_end(s, del);
   }
   return STORE_OK;
}

void Presence_freeArray(Presence *a, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      free(a[i].user);
      free(a[i].workload);
      free(a[i].question);
      free(a[i].seen_at);
   }
   free(a);
}
