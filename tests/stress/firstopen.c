/* firstopen.c: a whole workshop opening a database at the same moment.
 *
 *   firstopen [--migrate] [PROCS] [ROUNDS]       (defaults: 24, 4)
 *
 * Each round, PROCS processes wait at a barrier and then open one database
 * through the store at once, read the workload list and write a workload of
 * their own.  Without --migrate the file does not exist yet: they race to
 * create it and its schema.  With --migrate it holds an old schema (version
 * 1) in rollback-journal mode: they race to migrate it and switch it to
 * write-ahead logging.  Every process must succeed: the one that creates or
 * migrates does it in one transaction and the others wait for it; none may
 * see a half-made file ("not a walens database") or give up ("locked").
 *
 * Prints "ok - ..." lines and "N passed, N failed" like tests/lib.sh. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "store/store.h"

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

/* A child: waits until the parent closes the barrier's write end, then
 * opens, reads and writes.  Exit status 0 when all of it worked. */
static int child(const char *path, int barrier, int proc)
{
   char c;
   if (read(barrier, &c, 1) < 0)
      return 3;
   Store *s = NULL;
   char *err = NULL;
   StoreStatus st = Store_open(path, 0, &s, &err);
   if (st != STORE_OK) {
      fprintf(stderr, "firstopen: proc %d: open: %s\n", proc, err ? err : Store_statusText(st));
      free(err);
      return 1;
   }
   Workload *w = NULL;
   size_t n = 0;
   st = Store_listWorkloads(s, true, &w, &n);
   if (st == STORE_OK) {
      Workload_freeArray(w, n);
      int64_t lens = 0, wid = 0;
      static const char text[] = "id: firstopen\n";
      char name[32];
      snprintf(name, sizeof name, "proc %d", proc);
      Workload mine = {.name = name};
      st = Store_putLens(s, "firstopen", "1", "First open",
                         "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e", text,
                         sizeof text - 1, &lens);
      if (st == STORE_OK)
         st = Store_addWorkload(s, &mine, lens, "firstopen", &wid);
   }
   if (st != STORE_OK)
      fprintf(stderr, "firstopen: proc %d: %s (%s)\n", proc, Store_statusText(st),
              Store_lastError(s));
   Store_close(s);
   return st == STORE_OK ? 0 : 2;
}

static bool rawExec(const char *path, const char *sql)
{
   sqlite3 *db = NULL;
   bool ok =
      sqlite3_open(path, &db) == SQLITE_OK && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
   if (!ok)
      fprintf(stderr, "firstopen: %s: %s\n", path, db ? sqlite3_errmsg(db) : "out of memory");
   sqlite3_close(db);
   return ok;
}

/* A database as walens 1 left it: schema version 1, rollback journal. */
static bool makeOld(const char *path)
{
   Store *s = NULL;
   char *err = NULL;
   if (Store_open(path, 0, &s, &err) != STORE_OK) {
      fprintf(stderr, "firstopen: %s\n", err ? err : path);
      free(err);
      return false;
   }
   Store_close(s);
   return rawExec(
      path,
      "DROP TABLE review_portfolio; DROP TRIGGER plan_insert_gen; DROP TRIGGER plan_update_gen;"
      "DROP TRIGGER plan_delete_gen; ALTER TABLE review DROP COLUMN plan_gen;"
      "ALTER TABLE answer DROP COLUMN na_note;"
      "DROP INDEX workload_name_length;"
      "DROP TABLE import_pending; DROP TRIGGER milestone_total_insert; DROP TABLE milestone_total;"
      "ALTER TABLE review DROP COLUMN last_at;"
      "ALTER TABLE review DROP COLUMN last_by;"
      "DROP TRIGGER answer_insert_gen; DROP TRIGGER answer_update_gen;"
      "DROP TRIGGER answer_delete_gen; DROP TRIGGER choice_insert_gen;"
      "DROP TRIGGER choice_delete_gen; DROP TRIGGER history_last;"
      "DROP TABLE review_count; ALTER TABLE review DROP COLUMN answers_gen;"
      "ALTER TABLE review DROP COLUMN last_history_id;"
      "DROP TRIGGER answer_insert_clears_mark;"
      "DROP TRIGGER answer_update_clears_mark;"
      "DROP TRIGGER milestone_no_delete; DROP TABLE review_mark;"
      "ALTER TABLE lens DROP COLUMN origin; DROP TABLE choice_note;"
      "ALTER TABLE presence DROP COLUMN screen;"
      "ALTER TABLE presence DROP COLUMN read_only;"
      "ALTER TABLE presence DROP COLUMN active_at;"
      "DROP TABLE session_lead; DROP TABLE agenda_item;"
      "DROP TABLE agenda_state; DROP TABLE parked; DROP TABLE poll;"
      "DROP TABLE ballot;"
      "DROP TABLE answer_template; DROP TABLE review_template;"
      "DROP TABLE template_answer; DROP TABLE template;"
      "ALTER TABLE plan_item DROP COLUMN impact;"
      "ALTER TABLE plan_item DROP COLUMN effort;"
      "DROP TABLE context_answer; DROP TABLE workload_profile;"
      "DROP TABLE profile;"
      "PRAGMA user_version = 1; PRAGMA journal_mode = DELETE;");
}

/* One round: returns the number of processes that failed. */
static int round_(const char *path, int procs, bool migrate)
{
   int fds[2];
   if (pipe(fds) != 0)
      return procs;
   pid_t *pids = xcalloc((size_t)procs, sizeof *pids);
   for (int i = 0; i < procs; i++) {
      pids[i] = fork();
      if (pids[i] == 0) {
         close(fds[1]);
         _exit(child(path, fds[0], i));
      }
   }
   close(fds[0]);
   usleep(100000); /* let every child reach the barrier */
   close(fds[1]);
   int bad = 0;
   for (int i = 0; i < procs; i++) {
      int status = 0;
      if (pids[i] < 0 || waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
          WEXITSTATUS(status) != 0)
         bad++;
   }
   free(pids);
   (void)migrate;
   return bad;
}

int main(int argc, char **argv)
{
   bool migrate = argc > 1 && strcmp(argv[1], "--migrate") == 0;
   int a = migrate ? 2 : 1;
   int procs = argc > a ? atoi(argv[a]) : 24;
   int rounds = argc > a + 1 ? atoi(argv[a + 1]) : 4;
   char dir[] = "/tmp/walens-firstopen-XXXXXX";
   if (!mkdtemp(dir)) {
      perror("firstopen: mkdtemp");
      return 1;
   }
   int bad = 0, runs = 0;
   for (int r = 0; r < rounds; r++) {
      char *path = xasprintf("%s/r%d.db", dir, r);
      if (!migrate || makeOld(path)) {
         bad += round_(path, procs, migrate);
         runs += procs;
      } else {
         bad += procs;
      }
      char *cmd = xasprintf("rm -f '%s' '%s-wal' '%s-shm' '%s-journal'", path, path, path, path);
      if (system(cmd) != 0)
         fprintf(stderr, "firstopen: cannot remove %s\n", path);
      free(cmd);
      free(path);
   }
   rmdir(dir);
   char *name = xasprintf("%d processes %s a database at once, %d rounds: all succeed", procs,
                          migrate ? "migrate" : "create", rounds);
   char *detail = xasprintf("%d of %d failed", bad, runs);
   check(bad == 0 && runs == procs * rounds, name, detail);
   free(name);
   free(detail);
   printf("%d passed, %d failed\n", passed, failed);
   return failed ? 1 : 0;
}
