/* store_presence.c: who else is in the database, for workshops.
 *
 * Each process keeps one row keyed by its pid, refreshed on its input tick.
 * Presence is chatter, not a change: it appends no history, so it does not
 * make other screens reload (see Store_changedElsewhere). */
#include "config.h"

#include <stdarg.h>
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
   return StoreSql_runAlone(
      s,
      "INSERT OR REPLACE INTO presence (pid, user_name, workload, question, seen_at)"
      " VALUES (?, ?, ?, ?, ?)",
      "itttt", (int64_t)getpid(), user, workload, question, now);
}

/* One statement in a write transaction for an observer: its connection is
 * under PRAGMA query_only, lifted for the presence row alone. */
static StoreStatus observerWrite(Store *s, const char *sql, const char *types, ...)
{
   if (access(s->path, W_OK) != 0)
      return StoreSql_error(s, STORE_READONLY, _("%s: the database is open read-only"), s->path);
   StoreStatus st = StoreSql_exec(s, "PRAGMA query_only = OFF");
   if (st == STORE_OK)
      st = StoreSql_exec(s, "BEGIN IMMEDIATE");
   if (st == STORE_OK) {
      va_list ap;
      va_start(ap, types);
      sqlite3_stmt *q = NULL;
      if (strcmp(types, "i") == 0)
         q = StoreSql_query(s, &st, sql, "i", va_arg(ap, int64_t));
      else {
         int64_t pid = va_arg(ap, int64_t);
         const char *u = va_arg(ap, const char *), *w = va_arg(ap, const char *);
         const char *qq = va_arg(ap, const char *), *n = va_arg(ap, const char *);
         const char *sc = va_arg(ap, const char *);
         int ro = va_arg(ap, int);
         const char *act = va_arg(ap, const char *);
         q = StoreSql_query(s, &st, sql, "itttttdt", pid, u, w, qq, n, sc, ro, act);
      }
      va_end(ap);
      bool row;
      if (q)
         st = StoreSql_step(s, q, &row);
      StoreSql_finalize(s, q);
      StoreStatus end = StoreSql_exec(s, st == STORE_OK ? "COMMIT" : "ROLLBACK");
      if (st == STORE_OK)
         st = end;
   }
   StoreStatus back = StoreSql_exec(s, "PRAGMA query_only = ON");
   return st == STORE_OK ? back : st;
}

#define BEAT_SQL                                                                           \
   "INSERT OR REPLACE INTO presence (pid, user_name, workload, question, seen_at, screen," \
   " read_only, active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

StoreStatus Store_heartbeatAt(Store *s, const PresenceBeat *b)
{
   if (!Store_validName(b->user) || !Store_validText(b->workload) ||
       !Store_validText(b->question) || !Store_validText(b->screen) || b->idle_s < 0)
      return StoreSql_error(s, STORE_INVALID, _("presence: invalid user, workload or question"));
   char now[STORE_TIME_LEN], active[STORE_TIME_LEN];
   time_t t;
   StoreTime_now(s, now);
   if (!StoreTime_parse(now, &t))
      t = 0;
   StoreTime_format(t - b->idle_s, active);
   if (s->readonly)
      return observerWrite(s, BEAT_SQL, "beat", (int64_t)getpid(), b->user, b->workload,
                           b->question, now, b->screen, 1, active);
   return StoreSql_runAlone(s, BEAT_SQL, "itttttdt", (int64_t)getpid(), b->user, b->workload,
                            b->question, now, b->screen, 0, active);
}

/* This pid's row, on a store that may write. */
static StoreStatus leaveOwn(Store *s)
{
   return StoreSql_runAlone(s, "DELETE FROM presence WHERE pid = ?", "i", (int64_t)getpid());
}

StoreStatus Store_leaveAny(Store *s)
{
   if (s->readonly)
      return observerWrite(s, "DELETE FROM presence WHERE pid = ?", "i", (int64_t)getpid());
   return leaveOwn(s);
}

static void readPresence(sqlite3_stmt *q, Presence *p)
{
   p->pid = (long)sqlite3_column_int64(q, 0);
   p->user = StoreSql_colText(q, 1);
   p->workload = StoreSql_colText(q, 2);
   p->question = StoreSql_colText(q, 3);
   p->seen_at = StoreSql_colText(q, 4);
   p->screen = StoreSql_colText(q, 5);
   p->read_only = sqlite3_column_int(q, 6) != 0;
   p->active_at = StoreSql_colText(q, 7);
}

/* Lists the rows seen at or after cutoff, other than ours; counts the older. */
static StoreStatus listFresh(Store *s, const char *cutoff, Presence **out, size_t *n, size_t *stale)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT pid, user_name, workload, question, seen_at,"
                                    " screen, read_only, active_at"
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
      free(a[i].screen);
      free(a[i].active_at);
   }
   free(a);
}
