/* store_milestone.c: named, immutable snapshots of a review.
 *
 * The snapshot is JSON text built by core/snapshot.h; the store keeps it as
 * given and never rewrites it (triggers refuse UPDATE and DELETE).  Adding
 * one appends a history row, so other connections see the change. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

StoreStatus StoreMilestone_insert(Store *s, int64_t review_id, const char *name,
                                  const char *snapshot, const char *user, int64_t *id)
{
   bool found = false;
   int64_t other;
   StoreStatus st = StoreAnswer_requireReview(s, review_id);
   if (st == STORE_OK)
      st = StoreSql_int(s, &other, &found,
                        "SELECT id FROM milestone WHERE review_id = ? AND name = ?", "it",
                        review_id, name);
   if (st == STORE_OK && found)
      return StoreSql_error(s, STORE_EXISTS, _("a milestone named '%s' exists already"), name);
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT INTO milestone (review_id, name, created_at, created_by, snapshot)"
                        " VALUES (?, ?, ?, ?, ?)",
                        "itttt", review_id, name, now, user, snapshot);
   int64_t row = st == STORE_OK ? sqlite3_last_insert_rowid(s->db) : 0;
   if (st == STORE_OK) {
      json_t *o = json_object();
      bool ok = StoreJson_str(o, "name", name) && StoreJson_int(o, "id", row);
      char *after = StoreJson_finish(o, ok);
      st = after ? StoreHist_append(s, review_id, user, "milestone", name, NULL, after)
                 : StoreSql_error(s, STORE_INVALID, _("milestone: invalid name"));
      free(after);
   }
   if (st == STORE_OK && id)
      *id = row;
   return st;
}

StoreStatus Store_addMilestone(Store *s, int64_t review_id, const char *name, const char *snapshot,
                               const char *user, int64_t *id)
{
   if (!Store_validName(name) || name[strspn(name, " ")] == '\0')
      return StoreSql_error(s, STORE_INVALID, _("milestone: invalid name"));
   if (StoreName_check(s, NAME_MILESTONE, name) != STORE_OK)
      return STORE_INVALID;
   if (!snapshot || !*snapshot || !Store_validText(snapshot))
      return StoreSql_error(s, STORE_INVALID, _("milestone: invalid snapshot"));
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   return StoreSql_end(s, StoreMilestone_insert(s, review_id, name, snapshot, user, id));
}

/* Columns: id, name, created_at, created_by, snapshot (or NULL). */
static void readMilestone(sqlite3_stmt *q, Milestone *m)
{
   m->id = sqlite3_column_int64(q, 0);
   m->name = StoreSql_colText(q, 1);
   m->created_at = StoreSql_colText(q, 2);
   m->created_by = StoreSql_colText(q, 3);
   m->snapshot = StoreSql_colText(q, 4);
}

/* The review's milestones, oldest first; sql selects the five columns of
 * readMilestone() with the review as ?1 and with as ?2. */
static StoreStatus listMilestones(Store *s, const char *sql, int64_t review_id, int with,
                                  Milestone **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, sql, "id", review_id, with);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      readMilestone(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      Milestone_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

StoreStatus Store_listMilestones(Store *s, int64_t review_id, bool with_snapshots, Milestone **out,
                                 size_t *n)
{
   return listMilestones(s,
                         "SELECT id, name, created_at, created_by, CASE WHEN ?2 THEN snapshot END"
                         " FROM milestone WHERE review_id = ?1 ORDER BY id",
                         review_id, with_snapshots ? 1 : 0, out, n);
}

/* SQLite's JSON parser reads the 30-40 KB of a snapshot about fifteen times
 * faster than parsing it into a Snapshot: a trend of twenty milestones on
 * the dashboard costs 2 ms instead of 40 (doc/PERFORMANCE.md). */
StoreStatus Store_listMilestoneTotals(Store *s, int64_t review_id, Milestone **out, size_t *n)
{
   return listMilestones(s,
                         /* A snapshot that is not JSON gives NULL, not an error
                          * for the whole list (StorePlan_milestoneTotals marks it). */
                         "SELECT id, name, created_at, created_by, CASE WHEN json_valid(snapshot)"
                         " THEN coalesce(json_extract(snapshot, '$.total'), '{}') END"
                         " FROM milestone WHERE review_id = ?1 AND ?2 ORDER BY id",
                         review_id, 1, out, n);
}

StoreStatus Store_getMilestone(Store *s, int64_t review_id, const char *name, Milestone *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st;
   char *key = StoreName_key(NAME_MILESTONE, name);
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT id, name, created_at, created_by, snapshot"
                                    " FROM milestone WHERE review_id = ?1 AND name IN (?2, ?3)"
                                    " ORDER BY name = ?2 DESC LIMIT 1",
                                    "itt", review_id, name, key);
   free(key);
   if (!q)
      return st;
   bool row = false;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row)
      readMilestone(q, out);
   else if (st == STORE_OK)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no milestone named '%s'"), name ? name : "");
   StoreSql_finalize(s, q);
   return st;
}

void Milestone_free(Milestone *m)
{
   if (!m)
      return;
   free(m->name);
   free(m->created_at);
   free(m->created_by);
   free(m->snapshot);
   memset(m, 0, sizeof *m);
}

void Milestone_freeArray(Milestone *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      Milestone_free(&a[i]);
   free(a);
}
