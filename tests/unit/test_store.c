/* test_store.c: the SQLite store: schema, file handling, refusals, writes,
 * versions, history, two connections, presence. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_internal.h" /* StoreSql_status: the SQLite code mapping */
#include "support.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define T0 "2026-01-01T00:00:00Z"

static char dir[64];

static void setup(void)
{
   Support_tempDir(dir, sizeof dir, "store");
}

static void teardown(void)
{
   Support_removeTree(dir);
}

/* One suite per part of the store, so that --filter narrows a run to one
 * of them: tests/unit/test_store --filter 'answers/?*' (SUITE/TEST). */
TestSuite(schema, .init = setup, .fini = teardown);
TestSuite(files, .init = setup, .fini = teardown);
TestSuite(refusals, .init = setup, .fini = teardown);
TestSuite(readonly, .init = setup, .fini = teardown);
TestSuite(lenses, .init = setup, .fini = teardown);
TestSuite(workloads, .init = setup, .fini = teardown);
TestSuite(answers, .init = setup, .fini = teardown);
TestSuite(plan, .init = setup, .fini = teardown);
TestSuite(connections, .init = setup, .fini = teardown);
TestSuite(presence, .init = setup, .fini = teardown);
TestSuite(statuses, .init = setup, .fini = teardown);
TestSuite(clock, .init = setup, .fini = teardown);
TestSuite(sql, .init = setup, .fini = teardown);
TestSuite(history, .init = setup, .fini = teardown);

/* dir/name in a static buffer (one at a time is enough per call site). */
static const char *at(const char *name, char *buf, size_t size)
{
   snprintf(buf, size, "%s/%s", dir, name);
   return buf;
}

static Store *openOk(const char *path, unsigned flags)
{
   Store *s = NULL;
   char *err = NULL;
   StoreStatus st = Store_open(path, flags, &s, &err);
   cr_assert_eq(st, STORE_OK, "open %s: %s", path, err ? err : "");
   cr_assert_null(err);
   Store_setNow(s, T0);
   return s;
}

/* Opens expecting a refusal; returns the message (caller frees). */
static char *openFails(const char *path, unsigned flags, StoreStatus want)
{
   Store *s = (Store *)1;
   char *err = NULL;
   StoreStatus st = Store_open(path, flags, &s, &err);
   cr_assert_eq(st, want, "open %s: status %d, want %d (%s)", path, st, want, err ? err : "");
   cr_assert_null(s);
   cr_assert_not_null(err);
   cr_assert(strstr(err, path) == err, "message names the file: %s", err);
   return err;
}

static bool exists(const char *path)
{
   struct stat st;
   return lstat(path, &st) == 0;
}

static mode_t modeOf(const char *path)
{
   struct stat st;
   cr_assert_eq(stat(path, &st), 0);
   return st.st_mode & 07777;
}

static void writeFile(const char *path, const void *data, size_t n, mode_t mode)
{
   int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
   cr_assert_geq(fd, 0);
   cr_assert_eq(write(fd, data, n), (ssize_t)n);
   cr_assert_eq(fchmod(fd, mode), 0);
   cr_assert_eq(close(fd), 0);
}

static char *readFile(const char *path, size_t *n)
{
   FILE *f = fopen(path, "rb");
   cr_assert_not_null(f);
   char *buf = malloc(1 << 20);
   *n = fread(buf, 1, 1 << 20, f);
   fclose(f);
   return buf;
}

/* Integer result of one SQL query through a raw connection. */
static long long rawInt(const char *path, const char *sql)
{
   sqlite3 *db;
   cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
   sqlite3_stmt *q;
   cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
   cr_assert_eq(sqlite3_step(q), SQLITE_ROW, "%s", sqlite3_errmsg(db));
   long long v = sqlite3_column_int64(q, 0);
   sqlite3_finalize(q);
   sqlite3_close(db);
   return v;
}

static int rawExec(const char *path, const char *sql)
{
   sqlite3 *db;
   cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                SQLITE_OK);
   int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
   sqlite3_close(db);
   return rc;
}

/* A store with one lens and workload "w1"; *review gets its review id. */
static Store *withWorkload(const char *path, int64_t *review)
{
   Store *s = openOk(path, 0);
   int64_t lens;
   cr_assert_eq(Store_putLens(s, "ml", "1", "ML", SHA_A, "text", 4, &lens), STORE_OK);
   Workload w = {.name = "w1", .environment = "production"};
   int64_t id;
   cr_assert_eq(Store_addWorkload(s, &w, lens, "alice", &id), STORE_OK, "%s", Store_lastError(s));
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "w1", &got), STORE_OK);
   *review = got.review_id;
   cr_assert_gt(*review, 0);
   Workload_free(&got);
   return s;
}

/* ---- schema and files ---- */

Test(schema, migrates_a_new_file)
{
   char p[256];
   at("new.db", p, sizeof p);
   Store *s = openOk(p, 0);
   cr_assert_eq(Store_schemaVersion(s), STORE_SCHEMA_VERSION);
   cr_assert(!Store_isReadOnly(s));
   Store_close(s);
   cr_assert_eq(rawInt(p, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
   cr_assert_eq(rawInt(p, "PRAGMA application_id"), 0x57614C6E);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                          " ('lens', 'workload', 'review', 'answer', 'answer_choice',"
                          " 'plan_item', 'milestone', 'history', 'presence')"),
                9);
   /* v1: milestone_immutable, history_no_update, history_no_delete; v2: two
    * answer triggers clearing re-review marks, milestone_no_delete; v6: five
    * raising a review's answer generation, history_last; v9:
    * milestone_total_insert; v12: three raising a review's plan generation. */
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), 16);
   /* Reopening migrates nothing and keeps the data. */
   s = openOk(p, STORE_OPEN_NOCREATE);
   cr_assert_eq(Store_schemaVersion(s), STORE_SCHEMA_VERSION);
   Store_close(s);
}

Test(schema, wal_mode_and_empty_file)
{
   char p[256];
   at("empty.db", p, sizeof p);
   writeFile(p, "", 0, 0600);
   Store *s = openOk(p, STORE_OPEN_NOCREATE);
   Store_close(s);
   sqlite3 *db;
   cr_assert_eq(sqlite3_open_v2(p, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
   sqlite3_stmt *q;
   cr_assert_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
   cr_assert_eq(sqlite3_step(q), SQLITE_ROW);
   cr_assert_str_eq((const char *)sqlite3_column_text(q, 0), "wal");
   sqlite3_finalize(q);
   sqlite3_close(db);
}

Test(files, new_file_is_0600_whatever_the_umask)
{
   char p[256], wal[300];
   umask(000);
   at("mode.db", p, sizeof p);
   Store *s = openOk(p, 0);
   cr_assert_eq(modeOf(p), 0600);
   snprintf(wal, sizeof wal, "%s-wal", p);
   cr_assert(exists(wal));
   cr_assert_eq(modeOf(wal), 0600);
   Store_close(s);
   umask(0277); /* open(..., 0600) alone would give 0400 */
   at("mode2.db", p, sizeof p);
   s = openOk(p, 0);
   cr_assert_eq(modeOf(p), 0600);
   Store_close(s);
   umask(022);
}

Test(files, existing_file_keeps_its_mode)
{
   char p[256], wal[300];
   umask(000);
   at("group.db", p, sizeof p);
   writeFile(p, "", 0, 0660);
   Store *s = openOk(p, 0);
   cr_assert_eq(modeOf(p), 0660);
   snprintf(wal, sizeof wal, "%s-wal", p);
   cr_assert_eq(modeOf(wal), 0660);
   Store_close(s);
   cr_assert_eq(modeOf(p), 0660);
   umask(022);
}

/* ---- refusals: each leaves the file as it was ---- */

Test(refusals, refuses_random_bytes)
{
   char p[256], side[300];
   at("random.db", p, sizeof p);
   char junk[4096];
   for (size_t i = 0; i < sizeof junk; i++)
      junk[i] = (char)(i * 7 + 3);
   writeFile(p, junk, sizeof junk, 0644);
   char *err = openFails(p, 0, STORE_NOT_WALENS);
   char want[400];
   snprintf(want, sizeof want, "%s: not a walens database, or damaged (file is not a database)", p);
   cr_assert_str_eq(err, want);
   free(err);
   size_t n;
   char *after = readFile(p, &n);
   cr_assert_eq(n, sizeof junk);
   cr_assert_eq(memcmp(after, junk, n), 0);
   free(after);
   cr_assert_eq(modeOf(p), 0644);
   const char *sfx[] = {"-wal", "-shm", "-journal"};
   for (size_t i = 0; i < 3; i++) {
      snprintf(side, sizeof side, "%s%s", p, sfx[i]);
      cr_assert(!exists(side), "%s was created", side);
   }
}

Test(refusals, refuses_another_sqlite_database)
{
   char p[256];
   at("other.db", p, sizeof p);
   cr_assert_eq(rawExec(p, "CREATE TABLE t (x); INSERT INTO t VALUES (1);"), SQLITE_OK);
   size_t n0;
   char *before = readFile(p, &n0);
   char *err = openFails(p, 0, STORE_NOT_WALENS);
   char want[400];
   snprintf(want, sizeof want, "%s: not a walens database", p);
   cr_assert_str_eq(err, want);
   free(err);
   size_t n1;
   char *after = readFile(p, &n1);
   cr_assert_eq(n0, n1);
   cr_assert_eq(memcmp(before, after, n0), 0);
   free(before);
   free(after);
   cr_assert_eq(rawInt(p, "PRAGMA user_version"), 0);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM sqlite_master"), 1);
}

Test(refusals, refuses_a_newer_schema)
{
   char p[256];
   at("newer.db", p, sizeof p);
   Store_close(openOk(p, 0));
   cr_assert_eq(rawExec(p, "PRAGMA user_version = 99"), SQLITE_OK);
   char *err = openFails(p, 0, STORE_TOO_NEW);
   char want[400];
   snprintf(want, sizeof want, "%s: made by a newer walens (schema 99; this one knows %d)", p,
            STORE_SCHEMA_VERSION);
   cr_assert_str_eq(err, want);
   free(err);
   free(openFails(p, STORE_OPEN_READONLY, STORE_TOO_NEW));
   cr_assert_eq(rawInt(p, "PRAGMA user_version"), 99);
}

Test(refusals, refuses_a_truncated_file)
{
   char p[256];
   at("trunc.db", p, sizeof p);
   int64_t review;
   Store *s = withWorkload(p, &review);
   /* Enough rows for several pages, then checkpoint into the main file. */
   char big[3000];
   memset(big, 'x', sizeof big - 1);
   big[sizeof big - 1] = '\0';
   for (int i = 0; i < 20; i++) {
      char q[16];
      snprintf(q, sizeof q, "q%02d", i);
      StoredAnswer a = {.question_id = q, .notes = big};
      cr_assert_eq(Store_putAnswer(s, review, &a, 0, "alice", NULL), STORE_OK);
   }
   Store_close(s);
   struct stat st;
   cr_assert_eq(stat(p, &st), 0);
   cr_assert_gt(st.st_size, 16384);
   cr_assert_eq(truncate(p, st.st_size / 2), 0);
   free(openFails(p, 0, STORE_NOT_WALENS));
   cr_assert_eq(stat(p, &st), 0);
   free(openFails(p, STORE_OPEN_READONLY, STORE_NOT_WALENS));
}

Test(refusals, refuses_a_directory)
{
   char p[256];
   at("adir", p, sizeof p);
   cr_assert_eq(mkdir(p, 0700), 0);
   char *err = openFails(p, 0, STORE_INVALID);
   char want[400];
   snprintf(want, sizeof want, "%s: is a directory, not a database file", p);
   cr_assert_str_eq(err, want);
   free(err);
}

Test(refusals, refuses_a_dangling_symlink)
{
   char p[256], target[256];
   at("link.db", p, sizeof p);
   at("missing-target.db", target, sizeof target);
   cr_assert_eq(symlink(target, p), 0);
   char *err = openFails(p, 0, STORE_NOT_FOUND);
   char want[400];
   snprintf(want, sizeof want, "%s: symbolic link to a missing file; not creating it", p);
   cr_assert_str_eq(err, want);
   free(err);
   cr_assert(!exists(target), "the symlink's target was created");
}

Test(files, follows_a_symlink_to_a_database)
{
   char p[256], target[256];
   at("real.db", target, sizeof target);
   at("alias.db", p, sizeof p);
   Store_close(openOk(target, 0));
   cr_assert_eq(symlink(target, p), 0);
   Store_close(openOk(p, STORE_OPEN_NOCREATE));
}

Test(files, missing_file_with_readonly_or_nocreate)
{
   char p[256];
   at("absent.db", p, sizeof p);
   char *err = openFails(p, STORE_OPEN_READONLY, STORE_NOT_FOUND);
   char want[400];
   snprintf(want, sizeof want, "%s: no such database file", p);
   cr_assert_str_eq(err, want);
   free(err);
   free(openFails(p, STORE_OPEN_NOCREATE, STORE_NOT_FOUND));
   cr_assert(!exists(p));
}

Test(refusals, refuses_no_path)
{
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open("", 0, &s, &err), STORE_INVALID);
   cr_assert_str_eq(err, "no database file given");
   free(err);
}

/* ---- read-only ---- */

Test(readonly, read_only_never_writes)
{
   char p[256];
   at("ro.db", p, sizeof p);
   int64_t review;
   Store_close(withWorkload(p, &review));
   Store *s = openOk(p, STORE_OPEN_READONLY);
   cr_assert(Store_isReadOnly(s));
   Workload w;
   cr_assert_eq(Store_findWorkload(s, "w1", &w), STORE_OK);
   Workload_free(&w);
   StoredAnswer a = {.question_id = "q1"};
   cr_assert_eq(Store_putAnswer(s, review, &a, 0, "bob", NULL), STORE_READONLY);
   char want[400];
   snprintf(want, sizeof want, "%s: the database is open read-only", p);
   cr_assert_str_eq(Store_lastError(s), want);
   cr_assert_eq(Store_heartbeat(s, "bob", "w1", NULL), STORE_READONLY);
   Workload nw = {.name = "w2"};
   cr_assert_eq(Store_addWorkload(s, &nw, 1, "bob", NULL), STORE_READONLY);
   Presence *pr;
   size_t n;
   cr_assert_eq(Store_presence(s, 60, &pr, &n), STORE_OK);
   cr_assert_eq(n, 0);
   Presence_freeArray(pr, n);
   Store_close(s);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM answer"), 0);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM presence"), 0);
}

Test(readonly, read_only_refuses_an_uninitialised_file)
{
   char p[256];
   at("blank.db", p, sizeof p);
   writeFile(p, "", 0, 0600);
   free(openFails(p, STORE_OPEN_READONLY, STORE_READONLY));
   struct stat st;
   cr_assert_eq(stat(p, &st), 0);
   cr_assert_eq(st.st_size, 0);
}

Test(readonly, write_protected_file_needs_read_only)
{
   if (geteuid() == 0) {
      teardown(); /* a skipped test gets no .fini */
      cr_skip_test("root writes to any file");
   }
   char p[256];
   at("prot.db", p, sizeof p);
   Store_close(openOk(p, 0));
   cr_assert_eq(chmod(p, 0400), 0);
   free(openFails(p, 0, STORE_READONLY));
   Store_close(openOk(p, STORE_OPEN_READONLY));
}

/* ---- lenses and workloads ---- */

/* The real fingerprints of "a\0b" and "x": a lens is checked against its
 * sha256 when read. */
#define SHA_AB "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138"
#define SHA_X "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"

Test(lenses, rows_are_shared_by_sha256)
{
   char p[256];
   Store *s = openOk(at("lens.db", p, sizeof p), 0);
   int64_t a, b, c;
   cr_assert_eq(Store_putLens(s, "ml", "1", "ML Lens", SHA_AB, "a\0b", 3, &a), STORE_OK);
   cr_assert_eq(Store_putLens(s, "ml", "1", "ML Lens", SHA_AB, "a\0b", 3, &b), STORE_OK);
   cr_assert_eq(a, b);
   cr_assert_eq(Store_putLens(s, "ml", "2", NULL, SHA_X, "x", 1, &c), STORE_OK);
   cr_assert_neq(a, c);
   cr_assert_eq(Store_putLens(s, "ml", "3", NULL, "ABC", "x", 1, &c), STORE_INVALID);
   StoreLens l;
   cr_assert_eq(Store_getLens(s, a, &l), STORE_OK);
   cr_assert_str_eq(l.key, "ml");
   cr_assert_str_eq(l.version, "1");
   cr_assert_str_eq(l.name, "ML Lens");
   cr_assert_str_eq(l.sha256, SHA_AB);
   cr_assert_eq(l.text_len, 3);
   cr_assert_eq(memcmp(l.text, "a\0b", 3), 0);
   StoreLens_free(&l);
   cr_assert_eq(Store_getLens(s, 999, &l), STORE_NOT_FOUND);
   StoreLens *all;
   size_t n;
   cr_assert_eq(Store_listLenses(s, &all, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(all[0].version, "1");
   cr_assert_null(all[0].text);
   cr_assert_null(all[1].name);
   StoreLens_freeArray(all, n);
   /* The names alone (what labels a list of reviews), the same rows. */
   cr_assert_eq(Store_listLensNames(s, &all, &n), STORE_OK);
   cr_assert_eq(n, 2);
   for (size_t i = 0; i < n; i++) {
      cr_assert_str_eq(all[i].key, "ml");
      cr_assert_null(all[i].text);
      cr_assert_null(all[i].sha256);
      if (all[i].id == a) {
         cr_assert_str_eq(all[i].version, "1");
         cr_assert_str_eq(all[i].name, "ML Lens");
      } else {
         cr_assert_str_eq(all[i].version, "2");
         cr_assert_null(all[i].name);
      }
   }
   StoreLens_freeArray(all, n);
   Store_close(s);
}

Test(lenses, a_text_that_does_not_match_its_sha256_is_refused)
{
   char p[256];
   Store *s = openOk(at("tampered.db", p, sizeof p), 0);
   int64_t id;
   cr_assert_eq(Store_putLens(s, "ml", "7", NULL, SHA_A, "x", 1, &id), STORE_OK);
   StoreLens l;
   cr_assert_eq(Store_getLens(s, id, &l), STORE_INVALID);
   cr_assert(strstr(Store_lastError(s), "lens 'ml' 7") &&
                strstr(Store_lastError(s), "does not match its SHA-256"),
             "%s", Store_lastError(s));
   Store_close(s);
}

Test(workloads, add_find_list_rename_archive)
{
   char p[256];
   int64_t review;
   Store *s = withWorkload(at("wl.db", p, sizeof p), &review);
   Workload dup = {.name = "w1"};
   cr_assert_eq(Store_addWorkload(s, &dup, 1, "bob", NULL), STORE_EXISTS);
   cr_assert_str_eq(Store_lastError(s), "a workload named \"w1\" already exists");
   Workload bad = {.name = "w2", .environment = "staging"};
   cr_assert_eq(Store_addWorkload(s, &bad, 1, "bob", NULL), STORE_INVALID);
   Workload blank = {.name = "  "};
   cr_assert_eq(Store_addWorkload(s, &blank, 1, "bob", NULL), STORE_INVALID);
   Workload nolens = {.name = "w3"};
   cr_assert_eq(Store_addWorkload(s, &nolens, 42, "bob", NULL), STORE_NOT_FOUND);
   Workload w2 = {.name = "w2", .owner = "carol", .description = "d"};
   cr_assert_eq(Store_addWorkload(s, &w2, 1, "bob", NULL), STORE_OK);

   cr_assert_eq(Store_renameWorkload(s, "w2", "w1", "bob"), STORE_EXISTS);
   cr_assert_eq(Store_renameWorkload(s, "nope", "w9", "bob"), STORE_NOT_FOUND);
   Store_setNow(s, "2026-01-02T10:00:00Z");
   cr_assert_eq(Store_renameWorkload(s, "w2", "beta", "bob"), STORE_OK);
   cr_assert_eq(Store_archiveWorkload(s, "w1", true, "bob"), STORE_OK);

   Workload *list;
   size_t n;
   cr_assert_eq(Store_listWorkloads(s, false, &list, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert_str_eq(list[0].name, "beta");
   cr_assert_str_eq(list[0].owner, "carol");
   cr_assert_str_eq(list[0].created_at, T0);
   cr_assert_str_eq(list[0].updated_at, "2026-01-02T10:00:00Z");
   cr_assert_str_eq(list[0].updated_by, "bob");
   cr_assert_null(list[0].environment);
   cr_assert_eq(list[0].lens_id, 1);
   Workload_freeArray(list, n);
   cr_assert_eq(Store_listWorkloads(s, true, &list, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(list[1].name, "w1");
   cr_assert(list[1].archived);
   cr_assert_str_eq(list[1].environment, "production");
   Workload_freeArray(list, n);

   HistoryEntry *h;
   cr_assert_eq(Store_history(s, review, NULL, &h, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(h[0].kind, "workload");
   cr_assert_null(h[0].before);
   cr_assert_str_eq(h[0].after, "{\"name\":\"w1\",\"description\":null,\"environment\":"
                                "\"production\",\"owner\":null,\"lens_id\":1,\"archived\":false}");
   cr_assert_str_eq(h[1].before, "{\"archived\":false}");
   cr_assert_str_eq(h[1].after, "{\"archived\":true}");
   HistoryEntry_freeArray(h, n);
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "beta", &got), STORE_OK);
   cr_assert_eq(Store_history(s, got.review_id, NULL, &h, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(h[1].object, "beta");
   cr_assert_str_eq(h[1].before, "{\"name\":\"w2\"}");
   cr_assert_str_eq(h[1].after, "{\"name\":\"beta\"}");
   cr_assert_str_eq(h[1].at, "2026-01-02T10:00:00Z");
   HistoryEntry_freeArray(h, n);
   Workload_free(&got);
   cr_assert_eq(Store_findWorkload(s, "w2", &got), STORE_NOT_FOUND);
   Store_close(s);
}

/* ---- answers ---- */

Test(answers, answers_round_trip_and_history)
{
   char p[256];
   int64_t review, v;
   Store *s = withWorkload(at("ans.db", p, sizeof p), &review);
   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(s, review, "q1", &got), STORE_NOT_FOUND);
   cr_assert_eq(got.version, 0);
   cr_assert_null(got.question_id);

   char *sel[] = {"c2", "c1"}, *na[] = {"c3"};
   StoredAnswer a = {.question_id = "q1",
                     .selected = sel,
                     .n_selected = 2,
                     .na_choices = na,
                     .n_na_choices = 1,
                     .notes = "first"};
   cr_assert_eq(Store_putAnswer(s, review, &a, 0, "alice", &v), STORE_OK, "%s", Store_lastError(s));
   cr_assert_eq(v, 1);
   Store_setNow(s, "2026-01-01T00:05:00Z");
   StoredAnswer b = {.question_id = "q1", .not_applicable = true, .na_reason = "OUT_OF_SCOPE"};
   cr_assert_eq(Store_putAnswer(s, review, &b, 1, "bob", &v), STORE_OK);
   cr_assert_eq(v, 2);

   cr_assert_eq(Store_getAnswer(s, review, "q1", &got), STORE_OK);
   cr_assert(got.not_applicable);
   cr_assert_str_eq(got.na_reason, "OUT_OF_SCOPE");
   cr_assert_eq(got.n_selected, 0);
   cr_assert_null(got.notes);
   cr_assert_eq(got.version, 2);
   cr_assert_str_eq(got.updated_by, "bob");
   cr_assert_str_eq(got.updated_at, "2026-01-01T00:05:00Z");
   StoredAnswer_free(&got);

   HistoryEntry *h;
   size_t n;
   cr_assert_eq(Store_history(s, review, "q1", &h, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(h[0].kind, "answer");
   cr_assert_str_eq(h[0].object, "q1");
   cr_assert_str_eq(h[0].user, "alice");
   cr_assert_str_eq(h[0].at, T0);
   cr_assert_null(h[0].before);
   const char *first = "{\"not_applicable\":false,\"na_reason\":null,\"selected\":[\"c2\",\"c1\"],"
                       "\"na_choices\":[\"c3\"],\"notes\":\"first\",\"version\":1}";
   cr_assert_str_eq(h[0].after, first);
   cr_assert_str_eq(h[1].before, first);
   cr_assert_str_eq(h[1].after, "{\"not_applicable\":true,\"na_reason\":\"OUT_OF_SCOPE\","
                                "\"selected\":[],\"na_choices\":[],\"notes\":null,\"version\":2}");
   cr_assert_str_eq(h[1].user, "bob");
   HistoryEntry_freeArray(h, n);
   Store_close(s);
}

Test(answers, get_answers_keeps_choice_order)
{
   char p[256];
   int64_t review;
   Store *s = withWorkload(at("all.db", p, sizeof p), &review);
   char *s1[] = {"z", "a", "m"}, *s2[] = {"b"}, *n2[] = {"y", "x"};
   StoredAnswer q2 = {.question_id = "q2", .selected = s1, .n_selected = 3};
   StoredAnswer q1 = {
      .question_id = "q1", .selected = s2, .n_selected = 1, .na_choices = n2, .n_na_choices = 2};
   StoredAnswer q3 = {.question_id = "q3", .notes = "only notes"};
   cr_assert_eq(Store_putAnswer(s, review, &q2, 0, "alice", NULL), STORE_OK);
   cr_assert_eq(Store_putAnswer(s, review, &q1, 0, "alice", NULL), STORE_OK);
   cr_assert_eq(Store_putAnswer(s, review, &q3, 0, "alice", NULL), STORE_OK);
   StoredAnswer *all;
   size_t n;
   cr_assert_eq(Store_getAnswers(s, review, &all, &n), STORE_OK);
   cr_assert_eq(n, 3);
   cr_assert_str_eq(all[0].question_id, "q1");
   cr_assert_eq(all[0].n_selected, 1);
   cr_assert_str_eq(all[0].selected[0], "b");
   cr_assert_eq(all[0].n_na_choices, 2);
   cr_assert_str_eq(all[0].na_choices[0], "y");
   cr_assert_str_eq(all[0].na_choices[1], "x");
   cr_assert_str_eq(all[1].question_id, "q2");
   cr_assert_eq(all[1].n_selected, 3);
   cr_assert_str_eq(all[1].selected[0], "z");
   cr_assert_str_eq(all[1].selected[2], "m");
   cr_assert_eq(all[2].n_selected, 0);
   cr_assert_str_eq(all[2].notes, "only notes");
   StoredAnswer_freeArray(all, n);
   cr_assert_eq(Store_getAnswers(s, 999, &all, &n), STORE_OK);
   cr_assert_eq(n, 0);
   Store_close(s);
}

Test(answers, validation)
{
   char p[256];
   int64_t review;
   Store *s = withWorkload(at("val.db", p, sizeof p), &review);
   char *dup[] = {"c1", "c1"};
   StoredAnswer a = {.question_id = "q1", .selected = dup, .n_selected = 2};
   cr_assert_eq(Store_putAnswer(s, review, &a, 0, "alice", NULL), STORE_INVALID);
   StoredAnswer r = {.question_id = "q1", .not_applicable = true, .na_reason = "BORED"};
   cr_assert_eq(Store_putAnswer(s, review, &r, 0, "alice", NULL), STORE_INVALID);
   cr_assert_str_eq(Store_lastError(s), "answer: invalid reason \"BORED\"");
   StoredAnswer bad = {.question_id = "q1", .notes = "\xff"};
   cr_assert_eq(Store_putAnswer(s, review, &bad, 0, "alice", NULL), STORE_INVALID);
   StoredAnswer ok = {.question_id = "q1"};
   cr_assert_eq(Store_putAnswer(s, review, &ok, 0, "", NULL), STORE_INVALID);
   cr_assert_eq(Store_putAnswer(s, 999, &ok, 0, "alice", NULL), STORE_NOT_FOUND);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM answer"), 0);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM answer_choice"), 0);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM history WHERE kind = 'answer'"), 0);
   Store_close(s);
}

Test(answers, stale_write_is_refused)
{
   char p[256];
   int64_t review, v;
   Store *s = withWorkload(at("stale.db", p, sizeof p), &review);
   char *c1[] = {"c1"}, *c2[] = {"c2"};
   StoredAnswer mine = {.question_id = "q1", .selected = c1, .n_selected = 1};
   StoredAnswer theirs = {.question_id = "q1", .selected = c2, .n_selected = 1};
   cr_assert_eq(Store_putAnswer(s, review, &mine, 0, "alice", &v), STORE_OK);
   v = 42;
   cr_assert_eq(Store_putAnswer(s, review, &theirs, 0, "bob", &v), STORE_CONFLICT);
   cr_assert_eq(v, 42);
   cr_assert_str_eq(Store_lastError(s), "q1 was changed meanwhile by alice at " T0);
   cr_assert_eq(Store_putAnswer(s, review, &theirs, 7, "bob", NULL), STORE_CONFLICT);
   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(s, review, "q1", &got), STORE_OK);
   cr_assert_eq(got.version, 1);
   cr_assert_str_eq(got.selected[0], "c1");
   StoredAnswer_free(&got);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM history WHERE kind = 'answer'"), 1);
   Store_close(s);
}

/* Saving what is stored already must not look like a change: another
 * reviewer's open edit would be refused as stale. */
Test(answers, an_unchanged_answer_writes_nothing)
{
   char p[256];
   int64_t review, v;
   Store *s = withWorkload(at("same.db", p, sizeof p), &review);
   char *sel[] = {"c1", "c2"}, *na[] = {"c3"};
   StoredAnswer a = {.question_id = "q1",
                     .selected = sel,
                     .n_selected = 2,
                     .na_choices = na,
                     .n_na_choices = 1,
                     .notes = "n"};
   cr_assert_eq(Store_putAnswer(s, review, &a, 0, "alice", &v), STORE_OK);
   long long hist = rawInt(p, "SELECT count(*) FROM history");

   Store_setNow(s, "2026-01-01T00:05:00Z");
   v = 42;
   cr_assert_eq(Store_putAnswer(s, review, &a, 1, "script", &v), STORE_OK, "%s",
                Store_lastError(s));
   cr_assert_eq(v, 1);
   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(s, review, "q1", &got), STORE_OK);
   cr_assert_eq(got.version, 1);
   cr_assert_str_eq(got.updated_by, "alice");
   cr_assert_str_eq(got.updated_at, T0);
   StoredAnswer_free(&got);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM history"), hist);

   /* Still refused when stale, even if it is the same. */
   cr_assert_eq(Store_putAnswer(s, review, &a, 0, "script", NULL), STORE_CONFLICT);

   /* N/A with the same reason; no notes and empty notes alike. */
   StoredAnswer n = {.question_id = "q2", .not_applicable = true, .na_reason = "OTHER"};
   cr_assert_eq(Store_putAnswer(s, review, &n, 0, "alice", NULL), STORE_OK);
   n.notes = "";
   cr_assert_eq(Store_putAnswer(s, review, &n, 1, "script", &v), STORE_OK);
   cr_assert_eq(v, 1);
   /* An empty answer to a question never answered. */
   StoredAnswer e = {.question_id = "q3"};
   cr_assert_eq(Store_putAnswer(s, review, &e, 0, "script", &v), STORE_OK);
   cr_assert_eq(v, 0);
   cr_assert_eq(Store_getAnswer(s, review, "q3", &got), STORE_NOT_FOUND);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM history"), hist + 1);

   /* Any real difference is written: the reason, a choice, the notes. */
   n.na_reason = "OUT_OF_SCOPE";
   cr_assert_eq(Store_putAnswer(s, review, &n, 1, "bob", &v), STORE_OK);
   cr_assert_eq(v, 2);
   a.n_na_choices = 0;
   cr_assert_eq(Store_putAnswer(s, review, &a, 1, "bob", &v), STORE_OK);
   cr_assert_eq(v, 2);
   a.notes = "m";
   cr_assert_eq(Store_putAnswer(s, review, &a, 2, "bob", &v), STORE_OK);
   cr_assert_eq(v, 3);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM history"), hist + 4);
   Store_close(s);
}

/* On a question marked for re-review, saving the answer again confirms it:
 * the mark goes, with its history row, and the answer's version stays. */
Test(answers, an_unchanged_answer_confirms_a_mark)
{
   char p[256];
   int64_t review, v;
   Store *s = withWorkload(at("mark.db", p, sizeof p), &review);
   char *sel[] = {"c1"};
   StoredAnswer a = {.question_id = "q1", .selected = sel, .n_selected = 1};
   cr_assert_eq(Store_putAnswer(s, review, &a, 0, "alice", &v), STORE_OK);
   cr_assert_eq(rawExec(p, "INSERT INTO review_mark VALUES (1, 'q1', '" T0 "', 'alice')"),
                SQLITE_OK);
   cr_assert_eq(Store_putAnswer(s, review, &a, 1, "bob", &v), STORE_OK, "%s", Store_lastError(s));
   cr_assert_eq(v, 1);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM review_mark"), 0);
   cr_assert_eq(rawInt(p, "SELECT version FROM answer"), 1);
   HistoryEntry *h;
   size_t n;
   cr_assert_eq(Store_history(s, review, "q1", &h, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(h[1].user, "bob");
   cr_assert_str_eq(h[1].after, "{\"needs_review\":false}");
   HistoryEntry_freeArray(h, n);
   Store_close(s);
}

/* ---- plan tracking ---- */

Test(plan, tracking_and_history)
{
   char p[256];
   int64_t review, v;
   Store *s = withWorkload(at("plan.db", p, sizeof p), &review);
   PlanTracking t = {.question_id = "q1",
                     .choice_id = "c1",
                     .status = "in_progress",
                     .owner = "dana",
                     .due = "2024-02-29",
                     .priority = 2};
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 0, "alice", &v), STORE_OK, "%s",
                Store_lastError(s));
   cr_assert_eq(v, 1);
   PlanTracking u = {.question_id = "q1", .choice_id = "c1", .status = "done", .note = "ok"};
   cr_assert_eq(Store_putPlanTracking(s, review, &u, 0, "bob", NULL), STORE_CONFLICT);
   cr_assert_eq(Store_putPlanTracking(s, review, &u, 1, "bob", &v), STORE_OK);
   cr_assert_eq(v, 2);
   PlanTracking d = {.question_id = "q2", .choice_id = "c9", .note = "n"}; /* status NULL: open */
   cr_assert_eq(Store_putPlanTracking(s, review, &d, 0, "bob", NULL), STORE_OK);

   PlanTracking *all;
   size_t n;
   cr_assert_eq(Store_getPlanTracking(s, review, &all, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(all[0].status, "done");
   cr_assert_null(all[0].owner);
   cr_assert_null(all[0].due);
   cr_assert_str_eq(all[0].note, "ok");
   cr_assert_eq(all[0].priority, 0);
   cr_assert_eq(all[0].version, 2);
   cr_assert_str_eq(all[0].updated_by, "bob");
   cr_assert_str_eq(all[1].status, "open");
   PlanTracking_freeArray(all, n);

   HistoryEntry *h;
   cr_assert_eq(Store_history(s, review, "q1", &h, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(h[0].kind, "plan");
   cr_assert_str_eq(h[0].object, "q1/c1");
   cr_assert_null(h[0].before);
   const char *first = "{\"status\":\"in_progress\",\"owner\":\"dana\",\"due\":\"2024-02-29\","
                       "\"priority\":2,\"note\":null,\"version\":1}";
   cr_assert_str_eq(h[0].after, first);
   cr_assert_str_eq(h[1].before, first);
   cr_assert_str_eq(h[1].after, "{\"status\":\"done\",\"owner\":null,\"due\":null,"
                                "\"priority\":0,\"note\":\"ok\",\"version\":2}");
   HistoryEntry_freeArray(h, n);
   cr_assert_eq(Store_history(s, review, NULL, &h, &n), STORE_OK);
   cr_assert_eq(n, 4); /* workload, q1/c1 twice, q2/c9 */
   HistoryEntry_freeArray(h, n);
   Store_close(s);
}

Test(plan, unchanged_tracking_writes_nothing)
{
   char p[256];
   int64_t review, v;
   Store *s = withWorkload(at("plansame.db", p, sizeof p), &review);
   PlanTracking t = {.question_id = "q1",
                     .choice_id = "c1",
                     .status = "in_progress",
                     .due = "2026-03-01",
                     .priority = 2};
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 0, "alice", &v), STORE_OK);
   long long hist = rawInt(p, "SELECT count(*) FROM history");

   /* The same status again; no owner given as "" to an item without one. */
   Store_setNow(s, "2026-01-01T00:05:00Z");
   t.owner = "";
   v = 42;
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 1, "script", &v), STORE_OK, "%s",
                Store_lastError(s));
   cr_assert_eq(v, 1);
   PlanTracking *all;
   size_t n;
   cr_assert_eq(Store_getPlanTracking(s, review, &all, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert_eq(all[0].version, 1);
   cr_assert_str_eq(all[0].updated_by, "alice");
   cr_assert_str_eq(all[0].updated_at, T0);
   PlanTracking_freeArray(all, n);

   /* An item never tracked, given the defaults: nothing to record. */
   PlanTracking d = {.question_id = "q2", .choice_id = "c2", .status = "open", .owner = ""};
   cr_assert_eq(Store_putPlanTracking(s, review, &d, 0, "script", &v), STORE_OK);
   cr_assert_eq(v, 0);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM plan_item"), 1);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM history"), hist);

   /* A stale version is refused all the same; a real change is written. */
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 0, "script", NULL), STORE_CONFLICT);
   t.owner = "dana";
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 1, "bob", &v), STORE_OK);
   cr_assert_eq(v, 2);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM history"), hist + 1);
   Store_close(s);
}

Test(plan, validation)
{
   char p[256];
   int64_t review;
   Store *s = withWorkload(at("planv.db", p, sizeof p), &review);
   PlanTracking t = {.question_id = "q1", .choice_id = "c1", .status = "finished"};
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 0, "alice", NULL), STORE_INVALID);
   cr_assert_str_eq(Store_lastError(s), "plan: invalid status \"finished\" (open, in_progress, "
                                        "done, risk_accepted or wont_do)");
   char *bad[] = {"2023-02-29", "2026-02-30", "2026-13-01", "2026-1-01",
                  "tomorrow",   "2026-04-31", "0000-01-01", "2026-01-01x"};
   t.status = "open";
   for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
      t.due = bad[i];
      cr_assert_eq(Store_putPlanTracking(s, review, &t, 0, "alice", NULL), STORE_INVALID, "%s",
                   bad[i]);
   }
   t.due = "2026-02-30";
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 0, "alice", NULL), STORE_INVALID);
   cr_assert_str_eq(Store_lastError(s),
                    "plan: invalid due date \"2026-02-30\" (a real date as YYYY-MM-DD)");
   t.due = NULL;
   t.priority = -1;
   cr_assert_eq(Store_putPlanTracking(s, review, &t, 0, "alice", NULL), STORE_INVALID);
   Store_close(s);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM plan_item"), 0);
}

/* The CHECK constraints hold even against SQL that bypasses the C checks. */
Test(schema, schema_constraints)
{
   char p[256];
   int64_t review;
   Store_close(withWorkload(at("chk.db", p, sizeof p), &review));
   const char *ins = "PRAGMA foreign_keys = ON; INSERT INTO plan_item (review_id, question_id,"
                     " choice_id, status, due, version, updated_at, updated_by) VALUES ";
   char sql[512];
   snprintf(sql, sizeof sql, "%s (1, 'q', 'c', 'open', '2026-02-30', 1, 't', 'u')", ins);
   cr_assert_eq(rawExec(p, sql), SQLITE_CONSTRAINT);
   snprintf(sql, sizeof sql, "%s (1, 'q', 'c', 'closed', NULL, 1, 't', 'u')", ins);
   cr_assert_eq(rawExec(p, sql), SQLITE_CONSTRAINT);
   snprintf(sql, sizeof sql, "%s (99, 'q', 'c', 'open', NULL, 1, 't', 'u')", ins);
   cr_assert_eq(rawExec(p, sql), SQLITE_CONSTRAINT);
   snprintf(sql, sizeof sql, "%s (1, 'q', 'c', 'open', '2024-02-29', 1, 't', 'u')", ins);
   cr_assert_eq(rawExec(p, sql), SQLITE_OK);
   cr_assert_eq(rawExec(p, "UPDATE history SET user_name = 'mallory'"), SQLITE_CONSTRAINT);
   cr_assert_eq(rawExec(p, "DELETE FROM history"), SQLITE_CONSTRAINT);
   cr_assert_eq(rawExec(p, "INSERT INTO milestone (review_id, name, created_at, created_by,"
                           " snapshot) VALUES (1, 'm1', 't', 'u', '{}')"),
                SQLITE_OK);
   cr_assert_eq(rawExec(p, "INSERT INTO milestone (review_id, name, created_at, created_by,"
                           " snapshot) VALUES (1, 'm1', 't', 'u', '{}')"),
                SQLITE_CONSTRAINT);
   cr_assert_eq(rawExec(p, "UPDATE milestone SET snapshot = '[]'"), SQLITE_CONSTRAINT);
   cr_assert_eq(rawExec(p, "INSERT INTO review (workload_id, lens_id, created_at, created_by)"
                           " VALUES (1, 1, 't', 'u')"),
                SQLITE_CONSTRAINT); /* a second current review */
}

/* ---- two connections ---- */

Test(connections, two_connections_take_turns)
{
   char p[256];
   int64_t review, v;
   Store *a = withWorkload(at("two.db", p, sizeof p), &review);
   Store *b = openOk(p, STORE_OPEN_NOCREATE);
   cr_assert(!Store_changedElsewhere(a));
   cr_assert(!Store_changedElsewhere(b));

   StoredAnswer x = {.question_id = "q1", .notes = "from a"};
   cr_assert_eq(Store_putAnswer(a, review, &x, 0, "alice", &v), STORE_OK);
   cr_assert(!Store_changedElsewhere(a), "own writes are not elsewhere");
   cr_assert(Store_changedElsewhere(b));
   cr_assert(!Store_changedElsewhere(b), "true once per change");

   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(b, review, "q1", &got), STORE_OK);
   cr_assert_str_eq(got.notes, "from a");
   StoredAnswer y = {.question_id = "q1", .notes = "from b"};
   cr_assert_eq(Store_putAnswer(b, review, &y, got.version, "bob", &v), STORE_OK);
   StoredAnswer_free(&got);
   cr_assert_eq(v, 2);
   cr_assert(!Store_changedElsewhere(b));
   cr_assert(Store_changedElsewhere(a));
   cr_assert(!Store_changedElsewhere(a));
   cr_assert_eq(Store_getAnswer(a, review, "q1", &got), STORE_OK);
   cr_assert_str_eq(got.notes, "from b");
   cr_assert_eq(got.version, 2);
   StoredAnswer_free(&got);

   /* a writes again before polling after b's write: still told once. */
   StoredAnswer z = {.question_id = "q2", .notes = "b"};
   cr_assert_eq(Store_putAnswer(b, review, &z, 0, "bob", NULL), STORE_OK);
   StoredAnswer w = {.question_id = "q3", .notes = "a"};
   cr_assert_eq(Store_putAnswer(a, review, &w, 0, "alice", NULL), STORE_OK);
   cr_assert(Store_changedElsewhere(a));
   cr_assert(!Store_changedElsewhere(a));
   cr_assert(Store_changedElsewhere(b));

   /* Presence chatter is not a change. */
   cr_assert_eq(Store_heartbeat(a, "alice", "w1", "q1"), STORE_OK);
   cr_assert(!Store_changedElsewhere(b));
   Store_close(a);
   Store_close(b);
}

/* ---- presence ---- */

Test(presence, heartbeat_and_expiry)
{
   char p[256];
   int64_t review;
   /* No connection may cross fork(): the child opens its own, then the parent. */
   Store_close(withWorkload(at("pres.db", p, sizeof p), &review));
   pid_t child = fork();
   cr_assert_geq(child, 0);
   if (child == 0) {
      Store *c = NULL;
      char *err = NULL;
      int ok = Store_open(p, STORE_OPEN_NOCREATE, &c, &err) == STORE_OK;
      if (ok) {
         Store_setNow(c, "2026-01-01T00:00:30Z");
         ok = Store_heartbeat(c, "bob", "w1", "q7") == STORE_OK;
         Store_close(c);
      }
      free(err);
      _exit(ok ? 0 : 1);
   }
   int status;
   cr_assert_eq(waitpid(child, &status, 0), child);
   cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
   Store *s = openOk(p, STORE_OPEN_NOCREATE);
   cr_assert_eq(Store_heartbeat(s, "me", "w1", NULL), STORE_OK);

   Presence *pr;
   size_t n;
   Store_setNow(s, "2026-01-01T00:01:00Z");
   cr_assert_eq(Store_presence(s, 60, &pr, &n), STORE_OK);
   cr_assert_eq(n, 1, "others only, not me");
   cr_assert_str_eq(pr[0].user, "bob");
   cr_assert_str_eq(pr[0].workload, "w1");
   cr_assert_str_eq(pr[0].question, "q7");
   cr_assert_str_eq(pr[0].seen_at, "2026-01-01T00:00:30Z");
   cr_assert_eq(pr[0].pid, (long)child);
   Presence_freeArray(pr, n);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM presence"), 2);

   Store_setNow(s, "2026-01-01T00:01:31Z"); /* bob is 61 s old; me 91 s */
   cr_assert_eq(Store_presence(s, 60, &pr, &n), STORE_OK);
   cr_assert_eq(n, 0);
   Presence_freeArray(pr, n);
   cr_assert_eq(rawInt(p, "SELECT count(*) FROM presence"), 0, "expired rows deleted");
   cr_assert_eq(Store_presence(s, -1, &pr, &n), STORE_INVALID);
   Store_close(s);
}

/* ---- odds and ends ---- */

Test(statuses, status_texts)
{
   cr_assert_str_eq(Store_statusText(STORE_OK), "success");
   cr_assert_str_eq(Store_statusText(STORE_CONFLICT), "someone else changed it meanwhile");
   cr_assert_str_eq(Store_statusText(STORE_TOO_NEW), "the database was made by a newer walens");
   cr_assert_str_eq(Store_statusText((StoreStatus)99), "unknown database status");
   for (int i = STORE_OK; i <= STORE_ERROR; i++)
      for (int j = i + 1; j <= STORE_ERROR; j++)
         cr_assert_str_neq(Store_statusText((StoreStatus)i), Store_statusText((StoreStatus)j));
}

Test(statuses, sqlite_codes_map_to_statuses)
{
   cr_assert_eq(StoreSql_status(SQLITE_BUSY), STORE_BUSY);
   cr_assert_eq(StoreSql_status(SQLITE_BUSY_SNAPSHOT), STORE_BUSY);
   cr_assert_eq(StoreSql_status(SQLITE_FULL), STORE_FULL);
   cr_assert_eq(StoreSql_status(SQLITE_READONLY), STORE_READONLY);
   cr_assert_eq(StoreSql_status(SQLITE_READONLY_DBMOVED), STORE_READONLY);
   cr_assert_eq(StoreSql_status(SQLITE_NOTADB), STORE_NOT_WALENS);
   cr_assert_eq(StoreSql_status(SQLITE_CORRUPT), STORE_NOT_WALENS);
   cr_assert_eq(StoreSql_status(SQLITE_CONSTRAINT_UNIQUE), STORE_EXISTS);
   cr_assert_eq(StoreSql_status(SQLITE_CONSTRAINT_CHECK), STORE_INVALID);
   cr_assert_eq(StoreSql_status(SQLITE_CONSTRAINT_FOREIGNKEY), STORE_INVALID);
   cr_assert_eq(StoreSql_status(SQLITE_IOERR_WRITE), STORE_ERROR);
   cr_assert_eq(StoreSql_status(SQLITE_DONE), STORE_OK);
}

Test(clock, override)
{
   char p[256];
   Store *s = openOk(at("clock.db", p, sizeof p), 0);
   int64_t lens;
   cr_assert_eq(Store_putLens(s, "k", NULL, NULL, SHA_A, "", 0, &lens), STORE_OK);
   Store_setNow(s, "2026-13-01T00:00:00Z"); /* invalid: back to the real clock */
   Workload w = {.name = "w"};
   cr_assert_eq(Store_addWorkload(s, &w, lens, "u", NULL), STORE_OK);
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "w", &got), STORE_OK);
   cr_assert_eq(strlen(got.created_at), 20);
   cr_assert_str_neq(got.created_at, T0);
   cr_assert_eq(got.created_at[10], 'T');
   cr_assert_eq(got.created_at[19], 'Z');
   Workload_free(&got);
   Store_close(s);
}

/* The statement cache (store_sql.c): a text prepared once is handed out
 * again with fresh bindings; the same text in use twice at once gets a
 * copy; more run-time texts than slots evict idle ones and nothing breaks. */
Test(sql, statement_cache_reuses_nests_and_evicts)
{
   char p[128];
   Store *s = openOk(at("cache.db", p, sizeof p), 0);
   const char *sql = "SELECT ?1 + 1";
   StoreStatus st;
   sqlite3_stmt *a = StoreSql_query(s, &st, sql, "i", (int64_t)1);
   cr_assert_not_null(a);
   sqlite3_stmt *b = StoreSql_query(s, &st, sql, "i", (int64_t)10);
   cr_assert_not_null(b);
   cr_assert_neq(a, b, "a text in use is not handed out twice");
   bool row;
   cr_assert_eq(StoreSql_step(s, a, &row), STORE_OK);
   cr_assert_eq(sqlite3_column_int64(a, 0), 2);
   cr_assert_eq(StoreSql_step(s, b, &row), STORE_OK);
   cr_assert_eq(sqlite3_column_int64(b, 0), 11);
   StoreSql_finalize(s, b);
   StoreSql_finalize(s, a);
   sqlite3_stmt *c = StoreSql_query(s, &st, sql, "i", (int64_t)41);
   cr_assert_eq(c, a, "released, the cached statement is used again");
   cr_assert_eq(StoreSql_step(s, c, &row), STORE_OK);
   cr_assert_eq(sqlite3_column_int64(c, 0), 42, "with the new binding");
   StoreSql_finalize(s, c);

   for (int i = 0; i < 3 * STORE_STMT_CACHE; i++) {
      char q[64];
      snprintf(q, sizeof q, "SELECT %d", i);
      int64_t v = -1;
      cr_assert_eq(StoreSql_int(s, &v, NULL, q, ""), STORE_OK);
      cr_assert_eq(v, i);
   }
   int64_t v = 0;
   cr_assert_eq(StoreSql_int(s, &v, NULL, sql, "i", (int64_t)6), STORE_OK);
   cr_assert_eq(v, 7, "after evictions");
   cr_assert_null(StoreSql_query(s, &st, "SELECT nonsense FROM nowhere", ""));
   cr_assert_neq(st, STORE_OK, "a bad text is an error, and is not cached");
   cr_assert_null(StoreSql_query(s, &st, "  -- nothing", ""));
   cr_assert_neq(st, STORE_OK, "no statement at all is an error");
   Store_close(s);
}

/* Store_readBegin: several reads see one moment, whatever another
 * connection commits meanwhile; writes wait until it ends. */
Test(connections, read_snapshot_holds_one_moment)
{
   char p[256];
   int64_t review;
   Store *a = withWorkload(at("snap.db", p, sizeof p), &review);
   Store *b = openOk(p, 0);
   StoredAnswer q1 = {.question_id = "q1", .notes = "before"};
   cr_assert_eq(Store_putAnswer(b, review, &q1, 0, "bob", NULL), STORE_OK);

   cr_assert_eq(Store_readBegin(a), STORE_OK, "%s", Store_lastError(a));
   cr_assert_neq(Store_readBegin(a), STORE_OK, "no snapshot inside a snapshot");
   StoredAnswer *got = NULL;
   size_t n = 0;
   cr_assert_eq(Store_getAnswers(a, review, &got, &n), STORE_OK);
   cr_assert_eq(n, 1);
   StoredAnswer_freeArray(got, n);

   StoredAnswer q2 = {.question_id = "q2", .notes = "during"};
   cr_assert_eq(Store_putAnswer(b, review, &q2, 0, "bob", NULL), STORE_OK,
                "another connection still writes: %s", Store_lastError(b));
   cr_assert_eq(Store_getAnswers(a, review, &got, &n), STORE_OK);
   cr_assert_eq(n, 1, "the snapshot does not see the later commit");
   StoredAnswer_freeArray(got, n);
   StoredAnswer q3 = {.question_id = "q3"};
   cr_assert_neq(Store_putAnswer(a, review, &q3, 0, "alice", NULL), STORE_OK,
                 "no write inside the snapshot");
   cr_assert_eq(Store_getAnswers(a, review, &got, &n), STORE_OK);
   cr_assert_eq(n, 1, "and the refused write ended nothing");
   StoredAnswer_freeArray(got, n);

   cr_assert_eq(Store_readEnd(a), STORE_OK);
   cr_assert_eq(Store_readEnd(a), STORE_OK, "ending twice is harmless");
   cr_assert_eq(Store_getAnswers(a, review, &got, &n), STORE_OK);
   cr_assert_eq(n, 2, "after it, the commit shows");
   StoredAnswer_freeArray(got, n);
   cr_assert_eq(Store_putAnswer(a, review, &q3, 0, "alice", NULL), STORE_OK, "%s",
                Store_lastError(a));
   Store_close(b);
   Store_close(a);
}

/* Store_historyRecent: the question's newest entries only, oldest first,
 * and not those of a question whose id merely starts the same. */
Test(history, recent_of_one_question)
{
   char p[256];
   int64_t review;
   Store *s = withWorkload(at("recent.db", p, sizeof p), &review);
   const char *notes[] = {"one", "two", "three"};
   int64_t v = 0;
   for (int i = 0; i < 3; i++) {
      StoredAnswer a = {.question_id = "q1", .notes = (char *)notes[i]};
      cr_assert_eq(Store_putAnswer(s, review, &a, v, "alice", &v), STORE_OK, "%s",
                   Store_lastError(s));
   }
   StoredAnswer other = {.question_id = "q10", .notes = "other"};
   cr_assert_eq(Store_putAnswer(s, review, &other, 0, "bob", NULL), STORE_OK);
   HistoryEntry *e = NULL;
   size_t n = 0;
   cr_assert_eq(Store_historyRecent(s, review, "q1", 2, &e, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(e[0].object, "q1");
   cr_assert(strstr(e[0].after, "two"), "oldest first: %s", e[0].after);
   cr_assert(strstr(e[1].after, "three"), "then the newest: %s", e[1].after);
   HistoryEntry_freeArray(e, n);
   cr_assert_eq(Store_historyRecent(s, review, "q1", 10, &e, &n), STORE_OK);
   cr_assert_eq(n, 3, "q10 is another question");
   HistoryEntry_freeArray(e, n);
   Store_close(s);
}
