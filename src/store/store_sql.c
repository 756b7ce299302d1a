/* store_sql.c: thin wrappers over the SQLite calls the store makes, so that
 * every return code is checked once and every failure leaves a message. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

StoreStatus StoreSql_error(Store *s, StoreStatus st, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   char buf[1024];
   vsnprintf(buf, sizeof buf, fmt, ap);
   va_end(ap);
   free(s->err);
   s->err = xstrdup(buf);
   return st;
}

StoreStatus StoreSql_status(int rc)
{
   switch (rc) {
   case SQLITE_CONSTRAINT_UNIQUE:
   case SQLITE_CONSTRAINT_PRIMARYKEY: return STORE_EXISTS;
   default: break;
   }
   switch (rc & 0xff) {
   case SQLITE_OK:
   case SQLITE_ROW:
   case SQLITE_DONE: return STORE_OK;
   case SQLITE_BUSY:
   case SQLITE_LOCKED: return STORE_BUSY;
   case SQLITE_READONLY:
   case SQLITE_PERM: return STORE_READONLY;
   case SQLITE_FULL: return STORE_FULL;
   case SQLITE_CONSTRAINT:
   case SQLITE_MISMATCH:
   case SQLITE_TOOBIG:
   case SQLITE_RANGE: return STORE_INVALID;
   case SQLITE_NOTADB:
   case SQLITE_CORRUPT: return STORE_NOT_WALENS;
   default: return STORE_ERROR;
   }
}

StoreStatus StoreSql_fail(Store *s, int rc)
{
   const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
   /* A full disk often surfaces as "disk I/O error" (growing the -shm or
    * -wal file failed); the system error says what it was. */
   if (s->db && (rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(s->db) == ENOSPC)
      return StoreSql_error(s, STORE_FULL, _("%s: no space left on the device (%s)"), s->path, msg);
   return StoreSql_error(s, StoreSql_status(rc), "%s: %s", s->path, msg);
}

static int bindText(sqlite3_stmt *st, int pos, const char *v, sqlite3_uint64 len)
{
   if (!v)
      return sqlite3_bind_null(st, pos);
   return sqlite3_bind_text64(st, pos, v, len, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static int bindAll(sqlite3_stmt *st, const char *types, va_list ap)
{
   int rc = SQLITE_OK;
   for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
      int pos = i + 1;
      const char *v;
      switch (types[i]) {
      case 't':
         v = va_arg(ap, const char *);
         rc = bindText(st, pos, v, v ? strlen(v) : 0);
         break;
      case 'T':
         v = va_arg(ap, const char *);
         rc = bindText(st, pos, v, va_arg(ap, size_t));
         break;
      case 'i': rc = sqlite3_bind_int64(st, pos, va_arg(ap, int64_t)); break;
      case 'I': {
         int64_t id = va_arg(ap, int64_t);
         rc = id ? sqlite3_bind_int64(st, pos, id) : sqlite3_bind_null(st, pos);
         break;
      }
      case 'd': rc = sqlite3_bind_int(st, pos, va_arg(ap, int)); break;
      default: rc = SQLITE_MISUSE; break;
      }
   }
   return rc;
}

/* The statement cache.  Preparing costs more than running most of the
 * store's statements (a toggle prepared twelve, a third of its time), and
 * the TUI runs the same few hundred texts for hours: each text is prepared
 * once per connection and reset when released.  Keyed by the text, not its
 * address, since some are built at run time. */
static unsigned sqlHash(const char *sql)
{
   unsigned h = 2166136261u; /* FNV-1a */
   for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
      h = (h ^ *p) * 16777619u;
   return h;
}

static StoreStmt *cacheFind(Store *s, const char *sql, unsigned hash)
{
   for (size_t i = 0; i < s->n_cached; i++) {
      StoreStmt *c = &s->cache[i];
      if (c->hash == hash && strcmp(c->sql, sql) == 0)
         return c;
   }
   return NULL;
}

/* A free slot: a new one while there is room, else the next idle one in
 * turn (its statement finalized); NULL when every one is in use. */
static StoreStmt *cacheSlot(Store *s)
{
   if (s->n_cached < STORE_STMT_CACHE)
      return &s->cache[s->n_cached++];
   for (size_t n = 0; n < STORE_STMT_CACHE; n++) {
      StoreStmt *c = &s->cache[s->next_evict];
      s->next_evict = (s->next_evict + 1) % STORE_STMT_CACHE;
      if (!c->busy) {
         (void)sqlite3_finalize(c->st);
         free(c->sql);
         memset(c, 0, sizeof *c);
         return c;
      }
   }
   return NULL;
}

static int prepare(Store *s, const char *sql, sqlite3_stmt **out)
{
   unsigned hash = sqlHash(sql);
   StoreStmt *c = cacheFind(s, sql, hash);
   if (c && !c->busy) {
      c->busy = true;
      *out = c->st;
      return SQLITE_OK;
   }
   if (c) /* in use further up the stack: a one-off copy */
      return sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
   int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
   if (rc != SQLITE_OK || !*out)
      return rc;
   c = cacheSlot(s);
   if (c) {
      c->sql = xstrdup(sql);
      c->hash = hash;
      c->st = *out;
      c->busy = true;
   }
   return SQLITE_OK;
}

void StoreSql_finalize(Store *s, sqlite3_stmt *st)
{
   if (!st)
      return;
   for (size_t i = 0; i < s->n_cached; i++) {
      StoreStmt *c = &s->cache[i];
      if (c->st == st) {
         /* reset repeats the error of the last step, which StoreSql_step
          * has already reported; clearing bindings cannot fail. */
         (void)sqlite3_reset(st);
         (void)sqlite3_clear_bindings(st);
         c->busy = false;
         return;
      }
   }
   /* As with reset: finalize only repeats an error already reported. */
   (void)sqlite3_finalize(st);
}

void StoreSql_dropCache(Store *s)
{
   for (size_t i = 0; i < s->n_cached; i++) {
      (void)sqlite3_finalize(s->cache[i].st);
      free(s->cache[i].sql);
   }
   memset(s->cache, 0, sizeof s->cache);
   s->n_cached = 0;
   s->next_evict = 0;
}

static sqlite3_stmt *vquery(Store *s, StoreStatus *status, const char *sql, const char *types,
                            va_list ap)
{
   sqlite3_stmt *st = NULL;
   int rc = prepare(s, sql, &st);
   if (rc == SQLITE_OK && !st) /* only a comment or white space */
      rc = SQLITE_MISUSE;
   if (rc == SQLITE_OK)
      rc = bindAll(st, types, ap);
   if (rc != SQLITE_OK) {
      *status = StoreSql_fail(s, rc); /* before finalize, which may reset the message */
      StoreSql_finalize(s, st);
      return NULL;
   }
   *status = STORE_OK;
   return st;
}

sqlite3_stmt *StoreSql_query(Store *s, StoreStatus *status, const char *sql, const char *types, ...)
{
   va_list ap;
   va_start(ap, types);
   sqlite3_stmt *st = vquery(s, status, sql, types, ap);
   va_end(ap);
   return st;
}

StoreStatus StoreSql_step(Store *s, sqlite3_stmt *st, bool *row)
{
   int rc = sqlite3_step(st);
   *row = (rc == SQLITE_ROW);
   if (rc == SQLITE_ROW || rc == SQLITE_DONE)
      return STORE_OK;
   return StoreSql_fail(s, rc);
}

/* One statement, stepped once: its first column goes to *out when out is
 * given and it gave a row (*found, when given, says whether it did). */
static StoreStatus vrunOnce(Store *s, int64_t *out, bool *found, const char *sql, const char *types,
                            va_list ap)
{
   StoreStatus status;
   sqlite3_stmt *st = vquery(s, &status, sql, types, ap);
   if (!st)
      return status;
   bool row;
   status = StoreSql_step(s, st, &row);
   if (out && status == STORE_OK && row)
      *out = sqlite3_column_int64(st, 0);
   if (found)
      *found = row;
   StoreSql_finalize(s, st);
   return status;
}

StoreStatus StoreSql_run(Store *s, const char *sql, const char *types, ...)
{
   va_list ap;
   va_start(ap, types);
   StoreStatus status = vrunOnce(s, NULL, NULL, sql, types, ap);
   va_end(ap);
   return status;
}

StoreStatus StoreSql_runAlone(Store *s, const char *sql, const char *types, ...)
{
   StoreStatus status = StoreSql_beginWrite(s);
   if (status != STORE_OK)
      return status;
   va_list ap;
   va_start(ap, types);
   status = vrunOnce(s, NULL, NULL, sql, types, ap);
   va_end(ap);
   return StoreSql_end(s, status);
}

StoreStatus StoreSql_exec(Store *s, const char *sql)
{
   int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
   return rc == SQLITE_OK ? STORE_OK : StoreSql_fail(s, rc);
}

StoreStatus StoreSql_int(Store *s, int64_t *out, bool *found, const char *sql, const char *types,
                         ...)
{
   va_list ap;
   va_start(ap, types);
   StoreStatus status = vrunOnce(s, out, found, sql, types, ap);
   va_end(ap);
   return status;
}

char *StoreSql_colText(sqlite3_stmt *st, int col)
{
   const unsigned char *t = sqlite3_column_text(st, col);
   if (!t)
      return NULL;
   size_t n = (size_t)sqlite3_column_bytes(st, col);
   char *copy = xmalloc(n + 1);
   memcpy(copy, t, n);
   copy[n] = '\0';
   return copy;
}

/* Why BEGIN IMMEDIATE: a deferred transaction starts as a reader and must
 * upgrade to a writer at its first write.  In WAL mode, if another
 * connection committed after our read began, our snapshot is stale and the
 * upgrade fails with SQLITE_BUSY at once: SQLite does not call the busy
 * handler, since waiting could never make that snapshot current.  Taking
 * the write lock before the first read lets the busy handler do its job,
 * and makes "read the row version, compare, write" atomic for the
 * optimistic version checks.
 *
 * Waiters poll for the write lock (busyWait in store.c, every 1-2 ms): a
 * connection taking it again at once after its commit would find it free
 * before any waiter looks, and could keep it from them until they time out
 * (8 processes writing in a loop starve one another).  Leaving it free for
 * longer than a polling interval gives every waiter its turn; at the speed
 * of people, nobody waits. */
#define STORE_WRITE_GAP_NS 3000000L

static void politeGap(const Store *s)
{
   if (s->last_commit.tv_sec == 0 && s->last_commit.tv_nsec == 0)
      return;
   struct timespec now;
   if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
      return;
   long long since = (long long)(now.tv_sec - s->last_commit.tv_sec) * 1000000000LL +
                     (now.tv_nsec - s->last_commit.tv_nsec);
   if (since >= 0 && since < STORE_WRITE_GAP_NS) {
      struct timespec ts = {0, (long)(STORE_WRITE_GAP_NS - since)};
      nanosleep(&ts, NULL);
   }
}

/* Inside a batch every transaction is a savepoint of the batch's one: a
 * write that fails rolls back to where it began, the rest stays. */
static StoreStatus batchNest(Store *s)
{
   StoreStatus st = StoreSql_run(s, "SAVEPOINT walens_batch", "");
   if (st == STORE_OK)
      s->batch_nest++;
   return st;
}

StoreStatus StoreSql_beginWrite(Store *s)
{
   if (s->batch)
      return batchNest(s);
   if (s->snapshot) /* a caller's mistake: the snapshot would stop being one */
      return StoreSql_error(s, STORE_ERROR, _("%s: cannot write while reading a snapshot"),
                            s->path);
   if (s->readonly)
      return StoreSql_error(s, STORE_READONLY, _("%s: the database is open read-only"), s->path);
   politeGap(s);
   StoreStatus st = StoreSql_run(s, "BEGIN IMMEDIATE", "");
   s->tx_seen = s->seen_history;
   s->tx_other = false;
   s->tx_write = st == STORE_OK;
   return st;
}

StoreStatus StoreSql_beginRead(Store *s)
{
   if (s->batch)
      return batchNest(s);
   if (s->snapshot) {
      s->read_nest++;
      return STORE_OK;
   }
   s->tx_seen = s->seen_history;
   s->tx_other = false;
   s->tx_write = false;
   return StoreSql_run(s, "BEGIN", "");
}

StoreStatus StoreSql_beginChecked(Store *s, StoreStatus checked)
{
   return checked == STORE_OK ? StoreSql_beginWrite(s) : checked;
}

StoreStatus StoreSql_end(Store *s, StoreStatus st)
{
   if (s->batch && s->batch_nest > 0) {
      s->batch_nest--;
      if (st != STORE_OK) {
         int rc = sqlite3_exec(s->db, "ROLLBACK TO walens_batch", NULL, NULL, NULL);
         (void)rc; /* the first error is the one to report */
      }
      int rc = sqlite3_exec(s->db, "RELEASE walens_batch", NULL, NULL, NULL);
      if (rc != SQLITE_OK && st == STORE_OK)
         st = StoreSql_fail(s, rc);
      return st;
   }
   if (s->snapshot) {
      /* Only Store_readEnd ends the snapshot; a write refused inside it
       * leaves the count alone. */
      if (s->read_nest > 0)
         s->read_nest--;
      return st;
   }
   if (st == STORE_OK) {
      st = StoreSql_run(s, "COMMIT", "");
      if (st == STORE_OK) {
         s->seen_history = s->tx_seen;
         s->pending_change |= s->tx_other;
         if (s->tx_write)
            clock_gettime(CLOCK_MONOTONIC, &s->last_commit);
         s->tx_write = false;
         return STORE_OK;
      }
   }
   if (!sqlite3_get_autocommit(s->db)) {
      /* The first error is the one to report; should the rollback fail too,
       * SQLite rolls the transaction back when the connection closes. */
      int rc = sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      (void)rc;
   }
   s->tx_seen = s->seen_history;
   s->tx_other = false;
   s->tx_write = false;
   return st;
}

StoreStatus Store_batchBegin(Store *s)
{
   if (s->batch) /* a batch inside a batch is a savepoint of it */
      return batchNest(s);
   StoreStatus st = StoreSql_beginWrite(s);
   if (st == STORE_OK) {
      s->batch = true;
      s->batch_nest = 0;
   }
   return st;
}

StoreStatus Store_batchEnd(Store *s, StoreStatus st)
{
   if (!s->batch)
      return st;
   if (s->batch_nest > 0)
      return StoreSql_end(s, st);
   s->batch = false;
   s->batch_nest = 0;
   return StoreSql_end(s, st);
}

StoreStatus Store_readBegin(Store *s)
{
   if (s->snapshot)
      return StoreSql_error(s, STORE_ERROR, _("%s: a snapshot is open already"), s->path);
   StoreStatus st = StoreSql_beginRead(s);
   if (st == STORE_OK) {
      s->snapshot = true;
      s->read_nest = 0;
   }
   return st;
}

StoreStatus Store_readEnd(Store *s)
{
   if (!s->snapshot)
      return STORE_OK;
   s->snapshot = false;
   s->read_nest = 0;
   return StoreSql_end(s, STORE_OK);
}
