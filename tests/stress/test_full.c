/* test_full.c: a full disk, seen through one long-lived Store (as the TUI
 * holds it): the change that does not fit fails with STORE_FULL and a
 * message naming the file, the answers before it stay intact, and the same
 * connection writes again once there is room.
 *
 * Two ways to fill up: SQLite's max_page_count (everywhere), and a real
 * 2 MiB tmpfs filled with a file (root only, in a private mount namespace;
 * skipped when that is not allowed). */
#define _GNU_SOURCE /* unshare(CLONE_NEWNS): a mount nobody else sees */
#include "config.h"

#include <criterion/criterion.h>
#include <sched.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"
#include "support.h"
#include "store/store_internal.h" /* the sqlite3 handle, for max_page_count */

#define SHA "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0"

static char dir[64], db[128];
static bool mounted;

static void setup(void)
{
   Support_tempDir(dir, sizeof dir, "full");
   snprintf(db, sizeof db, "%s/full.db", dir);
   mounted = false;
}

static void teardown(void)
{
   if (mounted)
      umount2(dir, MNT_DETACH);
   Support_removeTree(dir);
}

TestSuite(full, .init = setup, .fini = teardown);

static Store *openWithWorkload(int64_t *review)
{
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(db, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_setNow(s, "2026-01-01T00:00:00Z");
   int64_t lens, wid;
   cr_assert_eq(Store_putLens(s, "full", "1", "Full", SHA, "id: full\n", 9, &lens), STORE_OK);
   Workload w = {.name = "w"};
   cr_assert_eq(Store_addWorkload(s, &w, lens, "alice", &wid), STORE_OK);
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "w", &got), STORE_OK);
   *review = got.review_id;
   Workload_free(&got);
   return s;
}

static StoreStatus put(Store *s, int64_t review, const char *q, const char *notes, int64_t expected)
{
   StoredAnswer a = {.question_id = (char *)q, .notes = (char *)notes};
   return Store_putAnswer(s, review, &a, expected, "alice", NULL);
}

/* The answers written before the failure, unchanged. */
static void earlierIntact(Store *s, int64_t review, size_t want)
{
   StoredAnswer *a;
   size_t n;
   cr_assert_eq(Store_getAnswers(s, review, &a, &n), STORE_OK, "%s", Store_lastError(s));
   cr_assert_eq(n, want);
   for (size_t i = 0; i < n; i++) {
      char q[32];
      snprintf(q, sizeof q, "q%zu", i);
      cr_assert_str_eq(a[i].question_id, q);
      cr_assert_str_eq(a[i].notes, "before");
      cr_assert_eq(a[i].version, 1);
   }
   StoredAnswer_freeArray(a, n);
}

static char *bigText(size_t n)
{
   char *t = malloc(n + 1);
   memset(t, 'x', n);
   t[n] = '\0';
   return t;
}

Test(full, max_page_count_then_room_again)
{
   int64_t review;
   Store *s = openWithWorkload(&review);
   for (int i = 0; i < 3; i++) {
      char q[16];
      snprintf(q, sizeof q, "q%d", i);
      cr_assert_eq(put(s, review, q, "before", 0), STORE_OK);
   }
   cr_assert_eq(sqlite3_exec(s->db, "PRAGMA max_page_count = 1", NULL, NULL, NULL), SQLITE_OK);
   char *big = bigText(200000);
   cr_assert_eq(put(s, review, "q9", big, 0), STORE_FULL);
   char want[256];
   snprintf(want, sizeof want, "%s: database or disk is full", db);
   cr_assert_str_eq(Store_lastError(s), want);
   earlierIntact(s, review, 3);
   cr_assert_eq(sqlite3_exec(s->db, "PRAGMA max_page_count = 1000000", NULL, NULL, NULL),
                SQLITE_OK);
   cr_assert_eq(put(s, review, "q9", big, 0), STORE_OK, "%s", Store_lastError(s));
   free(big);
   Store_close(s);
}

/* In a mount namespace of this test process alone: the tmpfs is private to
 * it and goes away with it, whatever happens. */
static void mountTmpfs(void)
{
   if (geteuid() != 0)
      cr_skip_test("mounting a small tmpfs needs root");
   if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
      cr_skip_test("no private mount namespace here: %s", strerror(errno));
   if (mount("tmpfs", dir, "tmpfs", 0, "size=2m,mode=0700") != 0)
      cr_skip_test("cannot mount a tmpfs here: %s", strerror(errno));
   mounted = true;
}

/* Writes zeros to path until the file system is full. */
static void fill(const char *path)
{
   int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
   cr_assert_geq(fd, 0);
   char block[4096];
   memset(block, 0, sizeof block);
   ssize_t n;
   while ((n = write(fd, block, sizeof block)) > 0)
      ;
   cr_assert_eq(errno, ENOSPC);
   /* Byte by byte for the last partial block. */
   while (write(fd, block, 1) == 1)
      ;
   cr_assert_eq(close(fd), 0);
}

Test(full, real_disk_full_then_room_again)
{
   mountTmpfs();
   int64_t review;
   Store *s = openWithWorkload(&review);
   for (int i = 0; i < 3; i++) {
      char q[16];
      snprintf(q, sizeof q, "q%d", i);
      cr_assert_eq(put(s, review, q, "before", 0), STORE_OK);
   }
   char filler[128];
   snprintf(filler, sizeof filler, "%s/filler", dir);
   fill(filler);
   /* The note and its history row: some 200 KiB, room enough once the
    * filler is gone. */
   char *big = bigText(100000);
   StoreStatus st = put(s, review, "q9", big, 0);
   cr_assert_eq(st, STORE_FULL, "status %d: %s", st, Store_lastError(s));
   char want[256];
   snprintf(want, sizeof want, "%s: ", db);
   cr_assert(strncmp(Store_lastError(s), want, strlen(want)) == 0, "%s", Store_lastError(s));
   cr_assert(strstr(Store_lastError(s), "full") || strstr(Store_lastError(s), "no space"), "%s",
             Store_lastError(s));
   earlierIntact(s, review, 3);
   cr_assert_eq(unlink(filler), 0);
   cr_assert_eq(put(s, review, "q9", big, 0), STORE_OK, "%s", Store_lastError(s));
   free(big);
   Store_close(s);
   /* And the file is sound. */
   Store *again = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(db, 0, &again, &err), STORE_OK, "%s", err ? err : "");
   Store_close(again);
}
