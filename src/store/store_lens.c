/* store_lens.c: the lens texts reviews are pinned to.
 *
 * Rows are content-addressed by the caller's sha256 and never change, so a
 * review reads the same lens after its file was edited. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

bool StoreLens_validSha256(const char *h)
{
   if (!h || strlen(h) != 64)
      return false;
   for (size_t i = 0; i < 64; i++)
      if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
         return false;
   return true;
}

static StoreStatus putLocked(Store *s, const char *find, const char *sha256,
                             StoreLens_insertFn *insert, const void *row, int64_t *id)
{
   bool found = false;
   StoreStatus st = StoreSql_int(s, id, &found, find, "t", sha256);
   if (st != STORE_OK || found)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   st = insert(s, row, now);
   if (st == STORE_OK)
      *id = sqlite3_last_insert_rowid(s->db);
   return st;
}

StoreStatus StoreLens_putAddressed(Store *s, const char *find, const char *sha256,
                                   StoreLens_insertFn *insert, const void *row, int64_t *id)
{
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   return StoreSql_end(s, putLocked(s, find, sha256, insert, row, id));
}

/* A lens row's columns, for StoreLens_putAddressed. */
typedef struct LensRow {
   const char *key, *version, *name, *sha256, *text;
   size_t len;
} LensRow;

static StoreStatus insertLens(Store *s, const void *row, const char *now)
{
   const LensRow *r = row;
   return StoreSql_run(s,
                       "INSERT INTO lens (key, version, name, sha256, text, added_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       "ttttTt", r->key, r->version, r->name, r->sha256, r->text, r->len, now);
}

StoreStatus Store_putLens(Store *s, const char *key, const char *version, const char *name,
                          const char *sha256, const char *text, size_t len, int64_t *id)
{
   if (!Store_validName(key) || !Store_validText(version) || !Store_validText(name))
      return StoreSql_error(s, STORE_INVALID, _("lens: invalid key, version or name"));
   if (!StoreLens_validSha256(sha256))
      return StoreSql_error(s, STORE_INVALID,
                            _("lens: the sha256 must be 64 lowercase hexadecimal digits"));
   if (!text)
      return StoreSql_error(s, STORE_INVALID, _("lens: no text"));
   LensRow row = {key, version, name, sha256, text, len};
   return StoreLens_putAddressed(s, "SELECT id FROM lens WHERE sha256 = ?", sha256, insertLens,
                                 &row, id);
}

static void readLens(sqlite3_stmt *q, StoreLens *l, bool with_text)
{
   l->id = sqlite3_column_int64(q, 0);
   l->key = StoreSql_colText(q, 1);
   l->version = StoreSql_colText(q, 2);
   l->name = StoreSql_colText(q, 3);
   l->sha256 = StoreSql_colText(q, 4);
   l->text = with_text ? StoreSql_colText(q, 5) : NULL;
   l->text_len = with_text ? (size_t)sqlite3_column_bytes(q, 5) : 0;
   const unsigned char *origin = sqlite3_column_text(q, 6);
   l->from_bundle = origin && strcmp((const char *)origin, "bundle") == 0;
}

/* The text is the one its fingerprint names: a database edited behind
 * walens's back must not hand a review different questions silently. */
static bool textMatches(const StoreLens *l)
{
   char hex[65];
   Sha256_hex(l->text, l->text_len, hex);
   return l->sha256 && strcmp(hex, l->sha256) == 0;
}

StoreStatus Store_getLens(Store *s, int64_t id, StoreLens *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st, "SELECT id, key, version, name, sha256, text, origin FROM lens WHERE id = ?", "i",
      id);
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row)
      readLens(q, out, true);
   if (st == STORE_OK && row && (!out->text || !textMatches(out))) {
      st = StoreSql_error(s, STORE_INVALID,
                          _("lens '%s' %s (id %lld): the stored text does not match its "
                            "SHA-256; the database was altered"),
                          out->key ? out->key : "?", out->version ? out->version : "-",
                          (long long)id);
      StoreLens_free(out);
   } else if (st == STORE_OK && !row)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no lens with id %lld"), (long long)id);
   StoreSql_finalize(s, q);
   return st;
}

StoreStatus Store_listLenses(Store *s, StoreLens **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st,
      "SELECT id, key, version, name, sha256, NULL, origin FROM lens ORDER BY key, version, id",
      "");
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      readLens(q, &(*out)[(*n)++], false);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      StoreLens_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

StoreStatus Store_listLensNames(Store *s, StoreLens **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   /* Only the columns stored before the text: a column after it (origin)
    * is reached through the text's overflow pages, dozens per lens. */
   sqlite3_stmt *q = StoreSql_query(s, &st, "SELECT id, key, version, name FROM lens", "");
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      StoreLens *l = &(*out)[(*n)++];
      memset(l, 0, sizeof *l);
      l->id = sqlite3_column_int64(q, 0);
      l->key = StoreSql_colText(q, 1);
      l->version = StoreSql_colText(q, 2);
      l->name = StoreSql_colText(q, 3);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      StoreLens_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

void StoreLens_free(StoreLens *l)
{
   if (!l)
      return;
   free(l->key);
   free(l->version);
   free(l->name);
   free(l->sha256);
   free(l->text);
   memset(l, 0, sizeof *l);
}

void StoreLens_freeArray(StoreLens *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      StoreLens_free(&a[i]);
   free(a);
}
