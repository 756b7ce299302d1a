/* store_workload.c: workloads and their current review. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

/* The columns readWorkload() expects, joined to the current review. */
#define WORKLOAD_SELECT                                                           \
   "SELECT w.id, r.id, r.lens_id, w.name, w.description, w.environment, w.owner," \
   " w.created_at, w.updated_at, w.updated_by, w.archived"                        \
   " FROM workload w LEFT JOIN review r ON r.workload_id = w.id AND r.is_current = 1"

static void readWorkload(sqlite3_stmt *q, Workload *w)
{
   w->id = sqlite3_column_int64(q, 0);
   w->review_id = sqlite3_column_int64(q, 1);
   w->lens_id = sqlite3_column_int64(q, 2);
   w->name = StoreSql_colText(q, 3);
   w->description = StoreSql_colText(q, 4);
   w->environment = StoreSql_colText(q, 5);
   w->owner = StoreSql_colText(q, 6);
   w->created_at = StoreSql_colText(q, 7);
   w->updated_at = StoreSql_colText(q, 8);
   w->updated_by = StoreSql_colText(q, 9);
   w->archived = sqlite3_column_int(q, 10) != 0;
}

static StoreStatus validateWorkload(Store *s, const Workload *w, const char *user)
{
   if (!Store_validName(w->name))
      return StoreSql_error(s, STORE_INVALID, _("invalid workload name"));
   if (w->environment && strcmp(w->environment, "production") != 0 &&
       strcmp(w->environment, "preproduction") != 0)
      return StoreSql_error(s, STORE_INVALID,
                            _("invalid environment \"%s\" (production or preproduction)"),
                            w->environment);
   if (!Store_validText(w->description) || !Store_validText(w->owner))
      return StoreSql_error(s, STORE_INVALID, _("workload: text is not valid UTF-8"));
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   return STORE_OK;
}

static StoreStatus nameTaken(Store *s, const char *name)
{
   return StoreSql_error(s, STORE_EXISTS, _("a workload named \"%s\" already exists"), name);
}

static char *workloadJson(const Workload *w, int64_t lens_id)
{
   json_t *o = json_object();
   bool ok = StoreJson_str(o, "name", w->name) && StoreJson_str(o, "description", w->description) &&
             StoreJson_str(o, "environment", w->environment) &&
             StoreJson_str(o, "owner", w->owner) && StoreJson_int(o, "lens_id", lens_id) &&
             StoreJson_bool(o, "archived", false);
   return StoreJson_finish(o, ok);
}

static StoreStatus insertReview(Store *s, int64_t wid, int64_t lens_id, const char *user,
                                const char *now, int64_t *rid)
{
   StoreStatus st = StoreSql_run(s,
                                 "INSERT INTO review (workload_id, lens_id, is_current,"
                                 " created_at, created_by) VALUES (?, ?, 1, ?, ?)",
                                 "iitt", wid, lens_id, now, user);
   *rid = sqlite3_last_insert_rowid(s->db);
   return st;
}

static StoreStatus insertWorkload(Store *s, const Workload *w, int64_t lens_id, const char *user,
                                  int64_t *id)
{
   bool found = false;
   int64_t dummy;
   StoreStatus st =
      StoreSql_int(s, &dummy, &found, "SELECT 1 FROM lens WHERE id = ?", "i", lens_id);
   if (st == STORE_OK && !found)
      return StoreSql_error(s, STORE_NOT_FOUND, _("no lens with id %lld"), (long long)lens_id);
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT INTO workload (name, description, environment, owner,"
                        " created_at, created_by, updated_at, updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
                        "tttttt", w->name, w->description, w->environment, w->owner, now, user);
   if (st == STORE_EXISTS)
      return nameTaken(s, w->name);
   if (st != STORE_OK)
      return st;
   *id = sqlite3_last_insert_rowid(s->db);
   int64_t rid = 0;
   st = insertReview(s, *id, lens_id, user, now, &rid);
   char *after = st == STORE_OK ? workloadJson(w, lens_id) : NULL;
   if (st == STORE_OK)
      st = StoreHist_append(s, rid, user, "workload", w->name, NULL, after);
   free(after);
   return st;
}

StoreStatus Store_addWorkload(Store *s, const Workload *w, int64_t lens_id, const char *user,
                              int64_t *id)
{
   StoreStatus st = validateWorkload(s, w, user);
   if (st == STORE_OK)
      st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   int64_t new_id = 0;
   st = StoreSql_end(s, insertWorkload(s, w, lens_id, user, &new_id));
   if (st == STORE_OK && id)
      *id = new_id;
   return st;
}

StoreStatus Store_findWorkload(Store *s, const char *name, Workload *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, WORKLOAD_SELECT " WHERE w.name = ?", "t", name);
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row)
      readWorkload(q, out);
   else if (st == STORE_OK)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no workload named \"%s\""), name ? name : "");
   StoreSql_finalize(s, q);
   return st;
}

StoreStatus Store_listWorkloads(Store *s, bool include_archived, Workload **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q =
      StoreSql_query(s, &st, WORKLOAD_SELECT " WHERE ?1 OR w.archived = 0 ORDER BY w.name", "d",
                     include_archived ? 1 : 0);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      readWorkload(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      Workload_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

/* The ids and archived flag of a workload, inside a transaction. */
static StoreStatus lookup(Store *s, const char *name, int64_t *wid, int64_t *rid, bool *archived)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, WORKLOAD_SELECT " WHERE w.name = ?", "t", name);
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      *wid = sqlite3_column_int64(q, 0);
      *rid = sqlite3_column_int64(q, 1);
      *archived = sqlite3_column_int(q, 10) != 0;
   } else if (st == STORE_OK)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no workload named \"%s\""), name);
   StoreSql_finalize(s, q);
   return st;
}

/* One workload field before and after, as two JSON objects. */
static StoreStatus appendChange(Store *s, int64_t rid, const char *user, const char *object,
                                json_t *before, json_t *after)
{
   char *b = StoreJson_finish(before, true);
   char *a = StoreJson_finish(after, true);
   StoreStatus st = b && a
                       ? StoreHist_append(s, rid, user, "workload", object, b, a)
                       : StoreSql_error(s, STORE_INVALID, _("workload: text is not valid UTF-8"));
   free(b);
   free(a);
   return st;
}

static StoreStatus renameLocked(Store *s, const char *old_name, const char *new_name,
                                const char *user)
{
   int64_t wid, rid;
   bool archived;
   StoreStatus st = lookup(s, old_name, &wid, &rid, &archived);
   if (st != STORE_OK || strcmp(old_name, new_name) == 0)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   st = StoreSql_run(s, "UPDATE workload SET name = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                     "ttti", new_name, now, user, wid);
   if (st == STORE_EXISTS)
      return nameTaken(s, new_name);
   if (st != STORE_OK)
      return st;
   json_t *before = json_object(), *after = json_object();
   if (!StoreJson_str(before, "name", old_name) || !StoreJson_str(after, "name", new_name)) {
      json_decref(before);
      json_decref(after);
      return StoreSql_error(s, STORE_INVALID, _("workload: text is not valid UTF-8"));
   }
   return appendChange(s, rid, user, new_name, before, after);
}

StoreStatus Store_renameWorkload(Store *s, const char *old_name, const char *new_name,
                                 const char *user)
{
   if (!Store_validName(new_name))
      return StoreSql_error(s, STORE_INVALID, _("invalid workload name"));
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   if (!old_name)
      return StoreSql_error(s, STORE_INVALID, _("invalid workload name"));
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   return StoreSql_end(s, renameLocked(s, old_name, new_name, user));
}

static StoreStatus archiveLocked(Store *s, const char *name, bool archived, const char *user)
{
   int64_t wid, rid;
   bool was;
   StoreStatus st = lookup(s, name, &wid, &rid, &was);
   if (st != STORE_OK || was == archived)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   st = StoreSql_run(s,
                     "UPDATE workload SET archived = ?, updated_at = ?, updated_by = ?"
                     " WHERE id = ?",
                     "dtti", archived ? 1 : 0, now, user, wid);
   if (st != STORE_OK)
      return st;
   json_t *before = json_object(), *after = json_object();
   if (!StoreJson_bool(before, "archived", was) || !StoreJson_bool(after, "archived", archived)) {
      json_decref(before);
      json_decref(after);
      return StoreSql_error(s, STORE_ERROR, _("out of memory"));
   }
   return appendChange(s, rid, user, name, before, after);
}

StoreStatus Store_archiveWorkload(Store *s, const char *name, bool archived, const char *user)
{
   if (!name)
      return StoreSql_error(s, STORE_INVALID, _("invalid workload name"));
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   return StoreSql_end(s, archiveLocked(s, name, archived, user));
}

void Workload_free(Workload *w)
{
   if (!w)
      return;
   free(w->name);
   free(w->description);
   free(w->environment);
   free(w->owner);
   free(w->created_at);
   free(w->updated_at);
   free(w->updated_by);
   memset(w, 0, sizeof *w);
}

void Workload_freeArray(Workload *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      Workload_free(&a[i]);
   free(a);
}
