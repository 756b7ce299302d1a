/* store_profile.c: profile texts and each workload's profile with its
 * context answers (schema version 5).
 *
 * Profile rows are content-addressed by the caller's sha256, like lens
 * rows, and never change.  Setting a workload's profile replaces its
 * context answers as a whole, in one transaction, with one history entry. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

static StoreStatus insertProfile(Store *s, const void *row, const char *now)
{
   const StoreProfile *p = row;
   return StoreSql_run(s,
                       "INSERT INTO profile (key, version, title, lens_key, sha256, text, added_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)",
                       "ttttttt", p->key, p->version, p->title, p->lens_key, p->sha256, p->text,
                       now);
}

StoreStatus Store_putProfile(Store *s, const StoreProfile *p, int64_t *id)
{
   if (!Profile_isId(p->key) || !Store_validText(p->version) || !Store_validText(p->title) ||
       !p->title || !Store_validName(p->lens_key))
      return StoreSql_error(s, STORE_INVALID, _("profile: invalid key, version, title or lens"));
   if (!StoreLens_validSha256(p->sha256) || !p->text || !Store_validText(p->text))
      return StoreSql_error(s, STORE_INVALID, _("profile: invalid text or sha256"));
   return StoreLens_putAddressed(s, "SELECT id FROM profile WHERE sha256 = ?", p->sha256,
                                 insertProfile, p, id);
}

static char *contextJson(int64_t profile_id, const ContextAnswer *a, size_t n)
{
   json_t *o = json_object(), *ctx = json_object();
   bool ok = o && ctx && json_object_set_new(o, "profile_id", json_integer(profile_id)) == 0;
   for (size_t i = 0; ok && i < n; i++)
      ok = StoreJson_str(ctx, a[i].question, a[i].choice);
   ok = ok && json_object_set(o, "context", ctx) == 0;
   char *text = ok ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
   json_decref(ctx);
   json_decref(o);
   return text;
}

static StoreStatus writeContext(Store *s, int64_t wid, int64_t profile_id, const ContextAnswer *a,
                                size_t n, const char *user)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (!user) /* an import: the bundle's history says who */
      user = "import";
   StoreStatus st = StoreSql_run(s, "DELETE FROM context_answer WHERE workload_id = ?", "i", wid);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT INTO workload_profile (workload_id, profile_id, updated_at,"
                        " updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (workload_id) DO UPDATE"
                        " SET profile_id = excluded.profile_id, updated_at = excluded.updated_at,"
                        " updated_by = excluded.updated_by",
                        "iitt", wid, profile_id, now, user);
   for (size_t i = 0; st == STORE_OK && i < n; i++)
      st =
         StoreSql_run(s,
                      "INSERT INTO context_answer (workload_id, question_id, choice_id)"
                      " VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET choice_id = excluded.choice_id",
                      "itt", wid, a[i].question, a[i].choice);
   return st;
}

StoreStatus Store_setWorkloadProfile(Store *s, int64_t workload_id, int64_t profile_id,
                                     const ContextAnswer *a, size_t n, const char *user)
{
   if (user && !Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   for (size_t i = 0; i < n; i++)
      if (!Profile_isId(a[i].question) || !Profile_isId(a[i].choice))
         return StoreSql_error(s, STORE_INVALID, _("profile: invalid context answer"));
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   int64_t rid = 0;
   bool found = false;
   st = StoreSql_int(s, &rid, &found,
                     "SELECT r.id FROM review r WHERE r.workload_id = ? AND r.is_current = 1", "i",
                     workload_id);
   if (st == STORE_OK && !found)
      st =
         StoreSql_error(s, STORE_NOT_FOUND, _("no workload with id %lld"), (long long)workload_id);
   char *after = st == STORE_OK ? contextJson(profile_id, a, n) : NULL;
   if (st == STORE_OK)
      st = writeContext(s, workload_id, profile_id, a, n, user);
   if (st == STORE_OK && user)
      st = StoreHist_append(s, rid, user, "workload", "profile", NULL, after);
   free(after);
   return StoreSql_end(s, st);
}

static StoreStatus readAnswers(Store *s, int64_t wid, ContextAnswer **out, size_t *n)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT question_id, choice_id FROM context_answer"
                                    " WHERE workload_id = ? ORDER BY question_id",
                                    "i", wid);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while (st == STORE_OK && (st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      (*out)[*n].question = StoreSql_colText(q, 0);
      (*out)[*n].choice = StoreSql_colText(q, 1);
      (*n)++;
   }
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus readProfile(Store *s, int64_t wid, StoreProfile *p)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st,
      "SELECT p.id, p.key, p.version, p.title, p.lens_key, p.sha256, p.text"
      " FROM workload_profile wp JOIN profile p ON p.id = wp.profile_id WHERE wp.workload_id = ?",
      "i", wid);
   if (!q)
      return st;
   bool row = false;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      p->id = sqlite3_column_int64(q, 0);
      p->key = StoreSql_colText(q, 1);
      p->version = StoreSql_colText(q, 2);
      p->title = StoreSql_colText(q, 3);
      p->lens_key = StoreSql_colText(q, 4);
      p->sha256 = StoreSql_colText(q, 5);
      p->text = StoreSql_colText(q, 6);
   } else if (st == STORE_OK) {
      st = STORE_NOT_FOUND;
   }
   StoreSql_finalize(s, q);
   if (st == STORE_OK && p->text) {
      char hex[65];
      Sha256_hex(p->text, strlen(p->text), hex);
      if (!p->sha256 || strcmp(hex, p->sha256) != 0)
         st = StoreSql_error(s, STORE_INVALID,
                             _("profile '%s': the stored text does not match its SHA-256; the "
                               "database was altered"),
                             p->key ? p->key : "?");
   }
   return st;
}

StoreStatus Store_getWorkloadProfile(Store *s, int64_t workload_id, StoreProfile *out,
                                     ContextAnswer **answers, size_t *n)
{
   memset(out, 0, sizeof *out);
   *answers = NULL;
   *n = 0;
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   st = readProfile(s, workload_id, out);
   if (st == STORE_OK)
      st = readAnswers(s, workload_id, answers, n);
   if (st != STORE_OK) {
      StoreProfile_free(out);
      ContextAnswer_freeArray(*answers, *n);
      *answers = NULL;
      *n = 0;
   }
   return StoreSql_end(s, st);
}

void StoreProfile_free(StoreProfile *p)
{
   free(p->key);
   free(p->version);
   free(p->title);
   free(p->lens_key);
   free(p->sha256);
   free(p->text);
   memset(p, 0, sizeof *p);
}
