/* test_busy.c: the store and a database another process is writing to.
 *   - opening a current database takes no write lock, so it succeeds at
 *     once while a writer holds the lock (it used to queue behind the
 *     writers, and 8 busy writers could starve an opener past the timeout);
 *   - a write waits for the lock while another transaction holds it, and
 *     goes through once it is released;
 *   - a writer looping without pause leaves the others their turn. */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"

#define SHA "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0"

static char dir[64], db[128];

static void setup(void)
{
   strcpy(dir, "/tmp/walens-busy-XXXXXX");
   cr_assert_not_null(mkdtemp(dir));
   snprintf(db, sizeof db, "%s/busy.db", dir);
}

static void teardown(void)
{
   char cmd[128];
   snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
   cr_assert_eq(system(cmd), 0);
}

TestSuite(busy, .init = setup, .fini = teardown);

static double now(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static Store *openOk(void)
{
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(db, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   return s;
}

/* A database with workload "w"; returns its review id. */
static int64_t makeDb(void)
{
   Store *s = openOk();
   int64_t lens, wid;
   cr_assert_eq(Store_putLens(s, "busy", "1", "Busy", SHA, "id: busy\n", 9, &lens), STORE_OK);
   Workload w = {.name = "w"};
   cr_assert_eq(Store_addWorkload(s, &w, lens, "setup", &wid), STORE_OK);
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "w", &got), STORE_OK);
   int64_t review = got.review_id;
   Workload_free(&got);
   Store_close(s);
   return review;
}

/* Another process's connection holding the write lock. */
static sqlite3 *holdWriteLock(void)
{
   sqlite3 *raw;
   cr_assert_eq(sqlite3_open_v2(db, &raw, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
   cr_assert_eq(sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
   return raw;
}

Test(busy, open_does_not_wait_for_writers)
{
   int64_t review = makeDb();
   sqlite3 *raw = holdWriteLock();
   double t0 = now();
   Store *s = openOk();
   double took = now() - t0;
   cr_assert_lt(took, 1.0, "open waited %.1f s for the writer", took);
   /* Reading needs no lock in WAL mode either. */
   StoredAnswer *a;
   size_t n;
   cr_assert_eq(Store_getAnswers(s, review, &a, &n), STORE_OK, "%s", Store_lastError(s));
   StoredAnswer_freeArray(a, n);
   cr_assert_eq(sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
   sqlite3_close(raw);
   StoredAnswer w = {.question_id = "q1", .notes = "after"};
   cr_assert_eq(Store_putAnswer(s, review, &w, 0, "alice", NULL), STORE_OK, "%s",
                Store_lastError(s));
   Store_close(s);
}

Test(busy, write_waits_for_the_lock)
{
   int64_t review = makeDb();
   Store *s = openOk();
   fflush(NULL);
   pid_t pid = fork();
   cr_assert_geq(pid, 0);
   if (pid == 0) {
      /* The child holds the lock for 300 ms. */
      sqlite3 *raw;
      if (sqlite3_open_v2(db, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
         _exit(1);
      struct timespec ts = {0, 300 * 1000000L};
      nanosleep(&ts, NULL);
      int rc = sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL);
      sqlite3_close(raw);
      _exit(rc == SQLITE_OK ? 0 : 2);
   }
   /* Give the child the lock first. */
   for (int i = 0; i < 200; i++) {
      sqlite3 *probe;
      cr_assert_eq(sqlite3_open_v2(db, &probe, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
      int rc = sqlite3_exec(probe, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
         sqlite3_exec(probe, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close(probe);
      if (rc == SQLITE_BUSY)
         break;
      struct timespec ts = {0, 1000000L};
      nanosleep(&ts, NULL);
   }
   double t0 = now();
   StoredAnswer a = {.question_id = "q1", .notes = "waited"};
   cr_assert_eq(Store_putAnswer(s, review, &a, 0, "alice", NULL), STORE_OK, "%s",
                Store_lastError(s));
   double took = now() - t0;
   int status;
   cr_assert_eq(waitpid(pid, &status, 0), pid);
   cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child failed");
   cr_assert_gt(took, 0.05, "did not wait (%.3f s): the child never held the lock", took);
   Store_close(s);
}

/* Two processes writing without pause for a second: each makes progress
 * all along, none is refused. */
Test(busy, looping_writers_take_turns)
{
   int64_t review = makeDb();
   fflush(NULL);
   pid_t pid[2];
   for (int p = 0; p < 2; p++) {
      pid[p] = fork();
      cr_assert_geq(pid[p], 0);
      if (pid[p] == 0) {
         Store *s = NULL;
         char *err = NULL;
         if (Store_open(db, 0, &s, &err) != STORE_OK)
            _exit(2);
         char q[16];
         snprintf(q, sizeof q, "p%d", p);
         int64_t v = 0;
         int refused = 0, turn = 0;
         double end = now() + 1.0;
         while (now() < end) {
            char note[32]; /* a new one each turn: saving the same is no write */
            snprintf(note, sizeof note, "loop %d", turn++);
            StoredAnswer a = {.question_id = q, .notes = note};
            if (Store_putAnswer(s, review, &a, v, "loop", &v) != STORE_OK)
               refused++;
         }
         Store_close(s);
         _exit(refused ? 1 : 0);
      }
   }
   for (int p = 0; p < 2; p++) {
      int status;
      cr_assert_eq(waitpid(pid[p], &status, 0), pid[p]);
      cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer %d: status %d", p,
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
   }
   Store *s = openOk();
   StoredAnswer *a;
   size_t n;
   cr_assert_eq(Store_getAnswers(s, review, &a, &n), STORE_OK);
   cr_assert_eq(n, 2);
   /* Both got many turns: neither was shut out by the other. */
   cr_assert_gt(a[0].version, 20, "p0 made %lld changes", (long long)a[0].version);
   cr_assert_gt(a[1].version, 20, "p1 made %lld changes", (long long)a[1].version);
   StoredAnswer_freeArray(a, n);
   Store_close(s);
}
