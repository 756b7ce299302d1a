/* concurrent.c: many writers on one database, through the store.
 *
 *   concurrent [DB] [PROCS] [CHANGES]      (defaults: a temporary file, 8, 300)
 *
 * Phase 1: PROCS processes make CHANGES answer changes each, every process
 * on questions of its own.  Every change must commit: none refused as busy
 * (busy_timeout and BEGIN IMMEDIATE must absorb the contention), none stale.
 * Afterwards the history holds exactly PROCS * CHANGES answer rows, each
 * change's note once, and every answer's version is its number of writes.
 *
 * Phase 2: the same processes change one shared question (CHANGES / 6 each),
 * re-reading and retrying when another got there first, as the CLI and the
 * TUI do.  Nothing may be lost: the final version counts every change.
 *
 * Prints "ok - ..." lines and "N passed, N failed" like tests/lib.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "store/store.h"

#define QUESTIONS_PER_PROC 10
#define SHA "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e"

static int passed, failed;

static void check(bool ok, const char *name, const char *detail)
{
   if (ok) {
      passed++;
      printf("ok - %s\n", name);
   } else {
      failed++;
      printf("not ok - %s\n#   %s\n", name, detail ? detail : "");
   }
}

static double now(void)
{
   struct timeval tv;
   gettimeofday(&tv, NULL);
   return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static Store *openStore(const char *path)
{
   Store *s = NULL;
   char *err = NULL;
   StoreStatus st = Store_open(path, 0, &s, &err);
   if (st != STORE_OK) {
      fprintf(stderr, "concurrent: open %s: %s\n", path, err ? err : Store_statusText(st));
      free(err);
      return NULL;
   }
   return s;
}

/* One workload on a made-up lens; returns its review id, 0 on failure. */
static int64_t prepare(const char *path)
{
   Store *s = openStore(path);
   if (!s)
      return 0;
   int64_t lens = 0, wid = 0;
   Workload w = {.name = (char *)"stress"};
   Workload got = {0};
   int64_t review = 0;
   static const char text[] = "id: stress\n";
   if (Store_putLens(s, "stress", "1", "Stress", SHA, text, sizeof text - 1, &lens) == STORE_OK &&
       Store_addWorkload(s, &w, lens, "setup", &wid) == STORE_OK &&
       Store_findWorkload(s, "stress", &got) == STORE_OK)
      review = got.review_id;
   else
      fprintf(stderr, "concurrent: setup: %s\n", Store_lastError(s));
   Workload_free(&got);
   Store_close(s);
   return review;
}

/* Exit status of a child: 0 all committed, 1 some refused, 2 could not open. */
static int ownQuestions(const char *path, int64_t review, int proc, int changes)
{
   Store *s = openStore(path);
   if (!s)
      return 2;
   int64_t version[QUESTIONS_PER_PROC] = {0};
   int refused = 0;
   char qid[32], note[64], user[32];
   snprintf(user, sizeof user, "writer%d", proc);
   for (int i = 0; i < changes; i++) {
      int q = i % QUESTIONS_PER_PROC;
      snprintf(qid, sizeof qid, "P%dQ%d", proc, q);
      snprintf(note, sizeof note, "proc %d change %d", proc, i);
      char *sel[] = {(char *)(i % 2 ? "a" : "b")};
      StoredAnswer a = {.question_id = qid, .selected = sel, .n_selected = 1, .notes = note};
      int64_t v = 0;
      StoreStatus st = Store_putAnswer(s, review, &a, version[q], user, &v);
      if (st != STORE_OK) {
         fprintf(stderr, "concurrent: proc %d change %d: %s (%s)\n", proc, i, Store_statusText(st),
                 Store_lastError(s));
         refused++;
         continue;
      }
      version[q] = v;
   }
   Store_close(s);
   return refused ? 1 : 0;
}

/* Re-reads and retries on STORE_CONFLICT; anything else is a refusal. */
static int sharedQuestion(const char *path, int64_t review, int proc, int changes)
{
   Store *s = openStore(path);
   if (!s)
      return 2;
   int refused = 0;
   char note[64], user[32];
   snprintf(user, sizeof user, "writer%d", proc);
   for (int i = 0; i < changes; i++) {
      snprintf(note, sizeof note, "shared: proc %d change %d", proc, i);
      StoreStatus st = STORE_CONFLICT;
      for (int attempt = 0; attempt < 1000 && st == STORE_CONFLICT; attempt++) {
         StoredAnswer cur = {0};
         st = Store_getAnswer(s, review, "SHARED", &cur);
         if (st == STORE_OK || st == STORE_NOT_FOUND) {
            StoredAnswer a = {.question_id = (char *)"SHARED", .notes = note};
            int64_t v = 0;
            st = Store_putAnswer(s, review, &a, cur.version, user, &v);
         }
         StoredAnswer_free(&cur);
      }
      if (st != STORE_OK) {
         fprintf(stderr, "concurrent: shared, proc %d change %d: %s (%s)\n", proc, i,
                 Store_statusText(st), Store_lastError(s));
         refused++;
      }
   }
   Store_close(s);
   return refused ? 1 : 0;
}

typedef int (*Work)(const char *, int64_t, int, int);

/* Forks procs children running work; returns how many failed. */
static int runAll(Work work, const char *path, int64_t review, int procs, int changes)
{
   pid_t *pids = xcalloc((size_t)procs, sizeof *pids);
   fflush(NULL);
   for (int p = 0; p < procs; p++) {
      pids[p] = fork();
      if (pids[p] == 0)
         exit(work(path, review, p, changes));
      if (pids[p] < 0) {
         perror("concurrent: fork");
         exit(2);
      }
   }
   int bad = 0;
   for (int p = 0; p < procs; p++) {
      int status;
      if (waitpid(pids[p], &status, 0) != pids[p] || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
         bad++;
   }
   free(pids);
   return bad;
}

/* Counts history rows of kind answer whose object starts with prefix, and
 * checks that each note of phase 1 appears exactly once. */
static void verifyOwn(Store *s, int64_t review, int procs, int changes)
{
   HistoryEntry *h = NULL;
   size_t n = 0;
   char msg[256];
   if (Store_history(s, review, NULL, &h, &n) != STORE_OK) {
      check(false, "history readable", Store_lastError(s));
      return;
   }
   char *seen = xcalloc((size_t)procs * (size_t)changes, 1);
   size_t rows = 0, dup = 0;
   for (size_t i = 0; i < n; i++) {
      int p, c;
      if (strcmp(h[i].kind, "answer") != 0 || !h[i].after)
         continue;
      const char *note = strstr(h[i].after, "proc ");
      if (!note || h[i].object[0] != 'P' || sscanf(note, "proc %d change %d", &p, &c) != 2)
         continue;
      if (p < 0 || p >= procs || c < 0 || c >= changes)
         continue;
      rows++;
      if (seen[p * changes + c]++)
         dup++;
   }
   size_t missing = 0;
   for (size_t i = 0; i < (size_t)procs * (size_t)changes; i++)
      missing += !seen[i];
   snprintf(msg, sizeof msg, "%zu answer rows for %d changes, %zu missing, %zu twice", rows,
            procs * changes, missing, dup);
   check(rows == (size_t)(procs * changes) && !missing && !dup, "history holds every change once",
         msg);
   free(seen);
   HistoryEntry_freeArray(h, n);

   StoredAnswer *a = NULL;
   n = 0;
   if (Store_getAnswers(s, review, &a, &n) != STORE_OK) {
      check(false, "answers readable", Store_lastError(s));
      return;
   }
   size_t wrong = 0, own = 0;
   for (size_t i = 0; i < n; i++) {
      int p, q;
      if (sscanf(a[i].question_id, "P%dQ%d", &p, &q) != 2)
         continue;
      own++;
      /* Question q of a process got the changes i with i % 10 == q. */
      int64_t want = changes / QUESTIONS_PER_PROC + (q < changes % QUESTIONS_PER_PROC);
      wrong += a[i].version != want;
   }
   snprintf(msg, sizeof msg, "%zu answers, %zu with a wrong version", own, wrong);
   check(own == (size_t)(procs * QUESTIONS_PER_PROC) && !wrong,
         "every answer's version counts its writes", msg);
   StoredAnswer_freeArray(a, n);
}

int main(int argc, char **argv)
{
   char tmpl[] = "/tmp/walens-concurrent-XXXXXX";
   char *dir = NULL, *path;
   if (argc > 1) {
      path = xstrdup(argv[1]);
   } else {
      dir = mkdtemp(tmpl);
      if (!dir) {
         perror("concurrent: mkdtemp");
         return 2;
      }
      path = xasprintf("%s/walens.db", dir);
   }
   int procs = argc > 2 ? atoi(argv[2]) : 8, changes = argc > 3 ? atoi(argv[3]) : 300;
   if (procs < 1 || changes < QUESTIONS_PER_PROC) {
      fprintf(stderr, "usage: concurrent [DB] [PROCS >= 1] [CHANGES >= 10]\n");
      return 2;
   }
   int64_t review = prepare(path);
   check(review > 0, "set-up", path);
   if (review > 0) {
      char msg[128];
      double t0 = now();
      int bad = runAll(ownQuestions, path, review, procs, changes);
      double t1 = now();
      snprintf(msg, sizeof msg, "%d of %d writers had a change refused (see above)", bad, procs);
      check(bad == 0, "no change refused (busy or stale)", msg);
      printf("# phase 1: %d x %d changes in %.1f s (%.0f commits/s)\n", procs, changes, t1 - t0,
             procs * changes / (t1 - t0));

      int shared = changes / 6 > 0 ? changes / 6 : 1;
      bad = runAll(sharedQuestion, path, review, procs, shared);
      double t2 = now();
      snprintf(msg, sizeof msg, "%d of %d writers gave up", bad, procs);
      check(bad == 0, "contended question: every change retried to success", msg);
      printf("# phase 2: %d x %d changes on one question in %.1f s\n", procs, shared, t2 - t1);

      Store *s = openStore(path);
      check(s != NULL, "database opens afterwards", path);
      if (s) {
         verifyOwn(s, review, procs, changes);
         StoredAnswer a = {0};
         StoreStatus st = Store_getAnswer(s, review, "SHARED", &a);
         snprintf(msg, sizeof msg, "status %s, version %lld, want %d", Store_statusText(st),
                  (long long)a.version, procs * shared);
         check(st == STORE_OK && a.version == procs * shared, "contended question: no change lost",
               msg);
         StoredAnswer_free(&a);
         Store_close(s);
      }
   }
   if (dir) {
      char *side[] = {xasprintf("%s-wal", path), xasprintf("%s-shm", path)};
      for (int i = 0; i < 2; i++) {
         unlink(side[i]);
         free(side[i]);
      }
      unlink(path);
      rmdir(dir);
   }
   free(path);
   printf("%d passed, %d failed\n", passed, failed);
   return failed ? 1 : 0;
}
