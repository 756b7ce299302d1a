/* store.c: opening, checking and migrating the walens database.
 *
 * Schema (version 1, built by store_schema.c; PRAGMA user_version numbers
 * it, PRAGMA application_id 0x57614C6E "WaLn" marks the file as ours):
 *
 *   lens          every lens text a review has used: key, version, name,
 *                 sha256 (unique: identical texts share a row), text,
 *                 added_at.  Rows never change, so they need no history.
 *   workload      name (unique), description, environment (production |
 *                 preproduction), owner, created/updated at+by, archived.
 *   review        workload x lens; a partial unique index keeps one
 *                 is_current review per workload.
 *   answer        per (review, question): not_applicable, na_reason (an AWS
 *                 reason), notes, version (row version, 1 on first write),
 *                 updated_at/by.
 *   answer_choice per answer: each selected or not-applicable choice, with
 *                 its position (the order the caller gave).
 *   plan_item     the user's tracking of one improvement (review, question,
 *                 choice): status (open | in_progress | done | risk_accepted |
 *                 wont_do), owner, due (a real YYYY-MM-DD), priority, note,
 *                 version, updated_at/by.  The list of items is derived.
 *   milestone     immutable named snapshot of a review (JSON text); a
 *                 trigger refuses updates.  Table only for now.
 *   history       append-only (triggers refuse UPDATE and DELETE): at, user,
 *                 kind (workload | answer | plan | milestone), object,
 *                 before/after JSON, review.  Every write appends one row in
 *                 its own transaction, so the highest history id doubles as
 *                 a change counter (see Store_changedElsewhere).
 *   presence      one row per running process (pid): user, workload,
 *                 question, seen_at.  Not history: it is chatter.
 *
 * CHECK constraints and foreign keys (PRAGMA foreign_keys=ON) guard what
 * the C code validates as well, so a hand-edited database stays sane.
 * Timestamps are ISO 8601 UTC text ("2026-01-01T00:00:00Z").
 *
 * Opening never writes to a file it refuses: the file's type is checked
 * with lstat(), its header, schema and table roots are read (rootCheck),
 * and only then is WAL mode set and the schema migrated. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

static const struct {
   StoreStatus code;
   const char *name;
   const char *text;
} statusTable[] = {
   {STORE_OK, "ok", N_("success")},
   {STORE_NOT_FOUND, "not_found", N_("not found")},
   {STORE_EXISTS, "exists", N_("the name is already taken")},
   {STORE_CONFLICT, "stale", N_("someone else changed it meanwhile")},
   {STORE_BUSY, "busy", N_("the database stayed locked")},
   {STORE_READONLY, "readonly", N_("the database is read-only")},
   {STORE_INVALID, "invalid", N_("invalid value")},
   {STORE_NOT_WALENS, "not_walens", N_("not a walens database, or damaged")},
   {STORE_TOO_NEW, "too_new", N_("the database was made by a newer walens")},
   {STORE_FULL, "full", N_("the disk or the database is full")},
   {STORE_ERROR, "error", N_("database error")},
};

const char *Store_statusText(StoreStatus s)
{
   for (size_t i = 0; i < sizeof statusTable / sizeof statusTable[0]; i++)
      if (statusTable[i].code == s)
         return _(statusTable[i].text);
   return _("unknown database status");
}

/* ---- validation shared by the writers ---- */

/* Length of the well-formed UTF-8 sequence at p (0 if ill-formed); *cp its
 * code point.  Overlong forms, surrogates and values past U+10FFFF are
 * ill-formed. */
static size_t utf8Next(const unsigned char *p, uint32_t *cp)
{
   static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
   size_t n = p[0] < 0x80                    ? 1
              : p[0] >= 0xC2 && p[0] <= 0xDF ? 2
              : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
              : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                             : 0;
   if (n <= 1) {
      *cp = p[0];
      return n;
   }
   uint32_t c = p[0] & (0x7F >> n);
   for (size_t i = 1; i < n; i++) {
      if ((p[i] & 0xC0) != 0x80)
         return 0;
      c = (c << 6) | (p[i] & 0x3F);
   }
   if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      return 0;
   *cp = c;
   return n;
}

/* Walks text; false on ill-formed UTF-8 or, when no_controls, on C0, DEL or C1. */
static bool utf8Ok(const char *text, bool no_controls, bool *printable)
{
   const unsigned char *p = (const unsigned char *)text;
   *printable = false;
   while (*p) {
      uint32_t cp;
      size_t n = utf8Next(p, &cp);
      if (n == 0)
         return false;
      if (no_controls && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)))
         return false;
      if (cp != ' ')
         *printable = true;
      p += n;
   }
   return true;
}

bool Store_validName(const char *name)
{
   bool printable;
   return name && utf8Ok(name, true, &printable) && printable;
}

bool Store_validText(const char *text)
{
   bool printable;
   return !text || utf8Ok(text, false, &printable);
}

/* ---- opening ---- */

static StoreStatus checkPath(Store *s, bool may_create);

/* Creates the file before SQLite sees it: SQLite would create it 0644. */
static StoreStatus createFile(Store *s)
{
   int fd = open(s->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
   if (fd < 0 && errno == EEXIST)
      return checkPath(s, false); /* another process was faster */
   if (fd < 0)
      return StoreSql_error(s, STORE_ERROR, _("%s: cannot create: %s"), s->path, strerror(errno));
   /* open() applied the umask; the mode must be 0600 exactly, whatever it is. */
   int rc = fchmod(fd, 0600);
   int saved = errno;
   if (close(fd) != 0 && rc == 0) {
      rc = -1;
      saved = errno;
   }
   if (rc != 0)
      return StoreSql_error(s, STORE_ERROR, _("%s: cannot create: %s"), s->path, strerror(saved));
   return STORE_OK;
}

/* Refuses what SQLite would mishandle: a directory, a device, and a dangling
 * symbolic link (SQLite would create its target). */
static StoreStatus checkPath(Store *s, bool may_create)
{
   struct stat st;
   if (lstat(s->path, &st) != 0) {
      if (errno != ENOENT)
         return StoreSql_error(s, STORE_ERROR, "%s: %s", s->path, strerror(errno));
      if (!may_create)
         return StoreSql_error(s, STORE_NOT_FOUND, _("%s: no such database file"), s->path);
      return createFile(s);
   }
   if (S_ISLNK(st.st_mode) && stat(s->path, &st) != 0) {
      if (errno == ENOENT)
         return StoreSql_error(s, STORE_NOT_FOUND,
                               _("%s: symbolic link to a missing file; not creating it"), s->path);
      return StoreSql_error(s, STORE_ERROR, "%s: %s", s->path, strerror(errno));
   }
   if (S_ISDIR(st.st_mode))
      return StoreSql_error(s, STORE_INVALID, _("%s: is a directory, not a database file"),
                            s->path);
   if (!S_ISREG(st.st_mode))
      return StoreSql_error(s, STORE_INVALID, _("%s: not a regular file"), s->path);
   return STORE_OK;
}

/* ---- shared databases (workshops) ----
 *
 * SQLite creates the -wal and -shm files beside the database with the
 * database's mode, owned by the user whose process creates them and, unless
 * the directory is set-group-ID, by that user's own group.  In a workshop
 * (a group-writable database) such a file locks the others out for as long
 * as it exists.  These checks run before SQLite sees the file and name the
 * fix; they create nothing. */

static char *groupName(gid_t gid)
{
   struct group *g = getgrgid(gid);
   return g ? xstrdup(g->gr_name) : xasprintf("%ld", (long)gid);
}

/* An existing -wal or -shm we cannot use: another user's, in another group. */
static StoreStatus checkSidecar(Store *s, const char *db, const char *dir, const char *suffix,
                                int need)
{
   char *file = xasprintf("%s%s", db, suffix);
   struct stat st;
   StoreStatus rc = STORE_OK;
   if (stat(file, &st) == 0 && access(file, need) != 0 && errno == EACCES) {
      char *group = groupName(st.st_gid);
      struct passwd *pw = getpwuid(st.st_uid);
      rc = StoreSql_error(s, STORE_READONLY,
                          _("%s: %s (owner %s, group %s): another user's walens created it "
                            "while the directory was not set-group-ID; fix: chmod g+s %s, "
                            "and chgrp the -wal and -shm files to the database's group "
                            "(they go away once every walens using the database has quit)"),
                          file, need & W_OK ? _("not writable by you") : _("not readable by you"),
                          pw ? pw->pw_name : "?", group, dir);
      free(group);
   }
   free(file);
   return rc;
}

static StoreStatus checkShared(Store *s)
{
   char *db = realpath(s->path, NULL); /* SQLite puts -wal beside the link's target */
   if (!db)
      return STORE_OK; /* SQLite will report it */
   char *slash = strrchr(db, '/');
   char *dir = slash == db ? xstrdup("/") : xstrndup(db, (size_t)(slash - db));
   int need = s->readonly ? R_OK : R_OK | W_OK;
   StoreStatus rc = checkSidecar(s, db, dir, "-wal", need);
   if (rc == STORE_OK)
      rc = checkSidecar(s, db, dir, "-shm", need);
   struct stat fst, dst;
   /* Root's files are handed to the database's owner by SQLite; a directory
    * we cannot write to gets no files from us. */
   if (rc == STORE_OK && geteuid() != 0 && stat(db, &fst) == 0 && (fst.st_mode & S_IWGRP) &&
       fst.st_gid != getegid() && stat(dir, &dst) == 0 && !(dst.st_mode & S_ISGID) &&
       access(dir, W_OK) == 0) {
      char *shared = groupName(fst.st_gid), *mine = groupName(getegid());
      rc = StoreSql_error(s, STORE_READONLY,
                          _("%s: the database is shared with group %s, but its directory is "
                            "not set-group-ID: the -wal and -shm files walens makes there "
                            "would belong to your group %s and lock the others out; fix: "
                            "chmod g+s %s"),
                          s->path, shared, mine, dir);
      free(shared);
      free(mine);
   }
   free(dir);
   free(db);
   return rc;
}

/* "file:PATH?immutable=1", PATH with the characters a URI gives meaning escaped. */
static char *immutableUri(const char *path)
{
   size_t n = strlen(path);
   char *uri = xmalloc(n * 3 + sizeof "file:?immutable=1"), *o = uri;
   o += sprintf(o, "file:");
   for (const char *p = path; *p; p++)
      o += strchr("%?#", *p) ? sprintf(o, "%%%02X", (unsigned char)*p) : sprintf(o, "%c", *p);
   strcpy(o, "?immutable=1");
   return uri;
}

/* A file nobody may write (no w bit) with no -wal beside it has no writer:
 * read it as immutable, so that SQLite creates no -wal and -shm files (a
 * read-only connection could not remove them again) and needs no writable
 * directory. */
static bool isImmutable(const Store *s)
{
   struct stat st;
   if (!s->readonly || stat(s->path, &st) != 0 || (st.st_mode & 0222))
      return false;
   char *real = realpath(s->path, NULL);
   char *wal = xasprintf("%s-wal", real ? real : s->path);
   bool none = lstat(wal, &st) != 0 && errno == ENOENT;
   free(wal);
   free(real);
   return none;
}

/* SQLite's own busy handler sleeps longer and longer, up to 100 ms a try:
 * while writers hand the lock on from one to the next, a process polling
 * that rarely can wait out the whole timeout (8 busy writers starve a
 * ninth).  Polling every 1-2 ms, each process at its own phase, gives every
 * waiter its turn.  A try sleeps 1.5 ms on average: so many tries wait the
 * timeout (longer when the machine is loaded and sleeps overrun). */
static int busyWait(void *unused, int count)
{
   (void)unused;
   if (count >= STORE_BUSY_TIMEOUT_MS * 2 / 3)
      return 0;
   unsigned jitter = ((unsigned)getpid() * 7919u + (unsigned)count * 104729u) % 1000u;
   struct timespec ts = {0, (long)(1000 + jitter) * 1000L};
   nanosleep(&ts, NULL);
   return 1;
}

static StoreStatus connectDb(Store *s)
{
   /* Never SQLITE_OPEN_CREATE: checkPath() made the file, so if it vanished
    * meanwhile, failing beats letting SQLite create it 0644.  An observer
    * who could write opens read-write under query_only: reading a WAL
    * database makes the -wal and -shm files, and only a connection that may
    * write removes them when it closes (a refused file is left as it was,
    * with nothing beside it).  The store's own read-only flag guards writes. */
   bool query_only = s->readonly && access(s->path, W_OK) == 0;
   int flags = s->readonly && !query_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
   /* One thread per connection (walens starts none): without the
    * connection's mutex, every step and column read skips a lock and an
    * unlock, a sixth of reading a thousand reviews' answers. */
   flags |= SQLITE_OPEN_NOMUTEX;
   char *uri = !query_only && isImmutable(s) ? immutableUri(s->path) : NULL;
   int rc = sqlite3_open_v2(uri ? uri : s->path, &s->db, flags | (uri ? SQLITE_OPEN_URI : 0), NULL);
   free(uri);
   if (rc != SQLITE_OK)
      return StoreSql_fail(s, rc);
   rc = sqlite3_extended_result_codes(s->db, 1);
   if (rc == SQLITE_OK)
      rc = sqlite3_busy_handler(s->db, busyWait, NULL);
   if (rc == SQLITE_OK && query_only)
      rc = sqlite3_exec(s->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
   if (rc != SQLITE_OK)
      return StoreSql_fail(s, rc);
   /* SQLITE_OPEN_READWRITE falls back to read-only on a write-protected file. */
   if (!s->readonly && sqlite3_db_readonly(s->db, "main") == 1)
      return StoreSql_error(s, STORE_READONLY, _("%s: not writable (open it read-only to look)"),
                            s->path);
   return STORE_OK;
}

static StoreStatus notWalens(Store *s)
{
   return StoreSql_error(s, STORE_NOT_WALENS, _("%s: not a walens database, or damaged (%s)"),
                         s->path, sqlite3_errmsg(s->db));
}

/* "SELECT 1 FROM "name" NOT INDEXED LIMIT 1", the name quoted as an SQL
 * identifier: NOT INDEXED, or SQLite reads a smaller covering index instead. */
static char *selectOne(const char *name)
{
   static const char head[] = "SELECT 1 FROM \"", tail[] = "\" NOT INDEXED LIMIT 1";
   size_t n = name ? strlen(name) : 0;
   char *sql = xmalloc(sizeof head + 2 * n + sizeof tail), *o = sql;
   memcpy(o, head, sizeof head - 1);
   o += sizeof head - 1;
   for (size_t i = 0; i < n; i++) {
      if (name[i] == '"')
         *o++ = '"';
      *o++ = name[i];
   }
   memcpy(o, tail, sizeof tail);
   return sql;
}

/* Touches the root of every table: reads the schema and a few pages per
 * table, not the whole file.  Opening used to run PRAGMA quick_check, which
 * reads every page: about 1 s for a database of 1,000 reviews (see
 * doc/PERFORMANCE.md), paid by every command.  A file shorter than its
 * header says is refused by SQLite itself on the first read (lockBtree), a
 * damaged table root or schema here; damage deeper in the file is reported
 * when a read reaches it, as SQLITE_CORRUPT (STORE_NOT_WALENS), and every
 * write is a transaction that such an error rolls back. */
static StoreStatus rootCheck(Store *s)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                                    "");
   bool row = q != NULL, reported = false;
   while (st == STORE_OK && row) {
      st = StoreSql_step(s, q, &row);
      if (st != STORE_OK || !row)
         break;
      char *sql = selectOne((const char *)sqlite3_column_text(q, 0));
      bool any;
      sqlite3_stmt *t = StoreSql_query(s, &st, sql, "");
      free(sql);
      if (t)
         st = StoreSql_step(s, t, &any);
      if (st == STORE_NOT_WALENS) {
         st = notWalens(s); /* before finalizing: sqlite3_errmsg() still says why */
         reported = true;
      }
      StoreSql_finalize(s, t);
   }
   if (st == STORE_NOT_WALENS && !reported)
      st = notWalens(s);
   StoreSql_finalize(s, q);
   return st;
}

/* Reads, never writes: decides whether the file is ours, new, or to refuse. */
static StoreStatus checkContents(Store *s)
{
   int64_t app = 0, ver = 0, objects = 0;
   StoreStatus st = StoreSql_int(s, &app, NULL, "PRAGMA application_id", "");
   if (st == STORE_OK)
      st = StoreSql_int(s, &ver, NULL, "PRAGMA user_version", "");
   if (st == STORE_OK)
      st = StoreSql_int(s, &objects, NULL, "SELECT count(*) FROM sqlite_master", "");
   if (st == STORE_NOT_WALENS)
      return notWalens(s);
   /* SQLite's "attempt to write a readonly database" on a first read: a
    * WAL database someone may write needs its -shm file, even to read. */
   if (st == STORE_READONLY && s->readonly)
      return StoreSql_error(s, st,
                            _("%s: cannot be read: a reader must create or open %s-shm beside "
                              "it, and the directory is not writable for you (copy the file, "
                              "or ask for write access to the directory)"),
                            s->path, s->path);
   if (st != STORE_OK)
      return st;
   bool fresh = app == 0 && ver == 0 && objects == 0;
   if (!fresh && (app != STORE_APPLICATION_ID || ver < 1))
      return StoreSql_error(s, STORE_NOT_WALENS, _("%s: not a walens database"), s->path);
   if (ver > STORE_SCHEMA_VERSION)
      return StoreSql_error(s, STORE_TOO_NEW,
                            _("%s: made by a newer walens (schema %d; this one knows %d)"), s->path,
                            (int)ver, STORE_SCHEMA_VERSION);
   s->schema_version = (int)ver;
   return rootCheck(s);
}

static StoreStatus useWal(Store *s)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, "PRAGMA journal_mode = WAL", "");
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   const char *mode = row ? (const char *)sqlite3_column_text(q, 0) : NULL;
   if (st == STORE_OK && (!mode || strcmp(mode, "wal") != 0))
      st = StoreSql_error(s, STORE_ERROR, _("%s: cannot use write-ahead logging (mode %s)"),
                          s->path, mode ? mode : "?");
   StoreSql_finalize(s, q);
   return st;
}

/* Re-reads the version under the write lock: another process may have
 * created or migrated the file since checkContents(). */
static StoreStatus migrateLocked(Store *s)
{
   int64_t ver = 0;
   StoreStatus st = StoreSql_int(s, &ver, NULL, "PRAGMA user_version", "");
   if (st == STORE_OK && ver > STORE_SCHEMA_VERSION)
      st = StoreSql_error(s, STORE_TOO_NEW,
                          _("%s: made by a newer walens (schema %d; this one knows %d)"), s->path,
                          (int)ver, STORE_SCHEMA_VERSION);
   if (st == STORE_OK && ver < STORE_SCHEMA_VERSION)
      st = StoreSchema_migrate(s, (int)ver);
   return st;
}

static StoreStatus setupFile(Store *s)
{
   StoreStatus st = StoreSql_exec(s, "PRAGMA foreign_keys = ON");
   if (st != STORE_OK)
      return st;
   if (s->readonly) {
      if (s->schema_version != STORE_SCHEMA_VERSION)
         return StoreSql_error(s, STORE_READONLY,
                               _("%s: the database needs to be created or upgraded (schema "
                                 "%d to %d); open it once without read-only mode"),
                               s->path, s->schema_version, STORE_SCHEMA_VERSION);
      return STORE_OK;
   }
   st = useWal(s);
   /* A current schema needs no write lock: taking one here would make every
    * open wait in line behind the writers (SQLite's busy handler is not
    * fair, and a busy workshop could starve an opener past the timeout).
    * The version only ever grows, so an older one is read again under the
    * lock before migrating. */
   if (st != STORE_OK || s->schema_version == STORE_SCHEMA_VERSION)
      return st;
   st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_end(s, migrateLocked(s));
   if (st == STORE_OK)
      s->schema_version = STORE_SCHEMA_VERSION;
   return st;
}

static StoreStatus readDataVersion(Store *s, int64_t *out)
{
   bool row;
   StoreStatus st = StoreSql_step(s, s->data_version, &row);
   if (st == STORE_OK && row)
      *out = sqlite3_column_int64(s->data_version, 0);
   int rc = sqlite3_reset(s->data_version);
   if (st == STORE_OK && rc != SQLITE_OK)
      st = StoreSql_fail(s, rc);
   return st;
}

static StoreStatus initPolling(Store *s)
{
   StoreStatus st;
   s->data_version = StoreSql_query(s, &st, "PRAGMA data_version", "");
   if (st == STORE_OK)
      st = readDataVersion(s, &s->last_data_version);
   if (st == STORE_OK)
      st = StoreSql_int(s, &s->seen_history, NULL, "SELECT coalesce(max(id), 0) FROM history", "");
   return st;
}

StoreStatus Store_open(const char *path, unsigned flags, Store **out, char **err)
{
   *out = NULL;
   if (err)
      *err = NULL;
   Store *s = xcalloc(1, sizeof *s);
   s->path = xstrdup(path ? path : "");
   s->err = xstrdup("");
   s->readonly = (flags & STORE_OPEN_READONLY) != 0;
   StoreStatus st = STORE_OK;
   if (!path || !*path)
      st = StoreSql_error(s, STORE_INVALID, _("no database file given"));
   if (st == STORE_OK)
      st = checkPath(s, !(flags & (STORE_OPEN_READONLY | STORE_OPEN_NOCREATE)));
   if (st == STORE_OK)
      st = checkShared(s);
   if (st == STORE_OK)
      st = connectDb(s);
   if (st == STORE_OK)
      st = checkContents(s);
   if (st == STORE_OK)
      st = setupFile(s);
   if (st == STORE_OK)
      st = initPolling(s);
   if (st != STORE_OK) {
      if (err)
         *err = xstrdup(s->err);
      Store_close(s);
      return st;
   }
   *out = s;
   return STORE_OK;
}

void Store_close(Store *s)
{
   if (!s)
      return;
   StoreSql_finalize(s, s->data_version);
   StoreSql_dropCache(s);
   /* Every statement is finalized by now, so sqlite3_close() cannot be
    * busy; close_v2 is the fallback that still releases the handle. */
   if (sqlite3_close(s->db) != SQLITE_OK)
      (void)sqlite3_close_v2(s->db);
   free(s->path);
   free(s->err);
   free(s);
}

const char *Store_lastError(const Store *s)
{
   return s->err;
}

void Store_setNow(Store *s, const char *iso8601)
{
   time_t t;
   if (iso8601 && StoreTime_parse(iso8601, &t))
      memcpy(s->now, iso8601, STORE_TIME_LEN);
   else
      s->now[0] = '\0';
}

/* data_version moves on any commit by another connection, presence
 * heartbeats included; only a new history row (every real change appends
 * one) counts as a change worth reloading for. */
bool Store_changedElsewhere(Store *s)
{
   bool changed = s->pending_change;
   s->pending_change = false;
   int64_t v = s->last_data_version;
   if (readDataVersion(s, &v) != STORE_OK || v == s->last_data_version)
      return changed;
   int64_t top = 0;
   if (StoreSql_int(s, &top, NULL, "SELECT coalesce(max(id), 0) FROM history", "") != STORE_OK)
      return changed; /* look again on the next tick */
   s->last_data_version = v;
   if (top > s->seen_history) {
      s->seen_history = top;
      changed = true;
   }
   return changed;
}

int Store_schemaVersion(const Store *s)
{
   return s->schema_version;
}

bool Store_isReadOnly(const Store *s)
{
   return s->readonly;
}
