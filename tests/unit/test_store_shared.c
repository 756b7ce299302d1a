/* test_store_shared.c: Store_open on a workshop database (group-writable),
 * as users other than root: a directory that is not set-group-ID, and -wal or
 * -shm files another user left, are refused with a message naming the fix;
 * a set-group-ID directory and a private database are not.
 *
 * Root ignores mode bits, so each open runs in a child that drops to a
 * made-up user (uids and gids below, no passwd entry needed).  Skipped when
 * not run as root. */
#include "config.h"

#include <criterion/criterion.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"

#define ALICE 47101    /* uid, and gid of her own group */
#define WORKSHOP 47102 /* the shared group; alice is a member */
#define BOB 47103      /* another user, not in the workshop group */

static char top[64], dir[128], db[160];

static void setup(void)
{
   if (geteuid() != 0)
      return;
   strcpy(top, "/tmp/walens-shared-XXXXXX");
   cr_assert_not_null(mkdtemp(top));
   cr_assert_eq(chmod(top, 0755), 0);
   snprintf(dir, sizeof dir, "%s/workshop", top);
   snprintf(db, sizeof db, "%s/review.db", dir);
   cr_assert_eq(mkdir(dir, 0770), 0);
   cr_assert_eq(chown(dir, 0, WORKSHOP), 0);
   cr_assert_eq(chmod(dir, 0770), 0); /* no set-group-ID bit */
   /* The facilitator makes the database and shares it with the group. */
   Store *s = NULL;
   char *err = NULL;
   cr_assert_eq(Store_open(db, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_close(s);
   cr_assert_eq(chown(db, 0, WORKSHOP), 0);
   cr_assert_eq(chmod(db, 0660), 0);
}

static void teardown(void)
{
   if (geteuid() != 0)
      return;
   char cmd[128];
   snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
   cr_assert_eq(system(cmd), 0);
}

TestSuite(shared, .init = setup, .fini = teardown);

static void needRoot(void)
{
   if (geteuid() != 0)
      cr_skip_test("needs root to act as other users");
}

/* Opens db as alice (group alice, member of workshop) in a child process;
 * returns the status and the message ("" on success; caller frees). */
static StoreStatus openAsAlice(unsigned flags, char **msg)
{
   int fd[2];
   cr_assert_eq(pipe(fd), 0);
   pid_t pid = fork();
   cr_assert_geq(pid, 0);
   if (pid == 0) {
      gid_t groups[] = {WORKSHOP};
      close(fd[0]);
      if (setgroups(1, groups) != 0 || setgid(ALICE) != 0 || setuid(ALICE) != 0)
         _exit(100);
      Store *s = NULL;
      char *err = NULL;
      StoreStatus st = Store_open(db, flags, &s, &err);
      Store_close(s);
      const char *text = err ? err : "";
      ssize_t n = write(fd[1], text, strlen(text));
      free(err);
      close(fd[1]);
      /* _exit: after setuid the process is not dumpable, and LeakSanitizer,
       * which must attach to it, would only warn (valgrind checks it still). */
      _exit(n < 0 ? 101 : (int)st);
   }
   close(fd[1]);
   char buf[2048];
   size_t len = 0;
   ssize_t n;
   while ((n = read(fd[0], buf + len, sizeof buf - 1 - len)) > 0)
      len += (size_t)n;
   close(fd[0]);
   buf[len] = '\0';
   int status;
   cr_assert_eq(waitpid(pid, &status, 0), pid);
   cr_assert(WIFEXITED(status), "child died");
   cr_assert_lt(WEXITSTATUS(status), 100, "child could not become alice (%d)", WEXITSTATUS(status));
   *msg = strdup(buf);
   return (StoreStatus)WEXITSTATUS(status);
}

static bool exists(const char *path)
{
   struct stat st;
   return lstat(path, &st) == 0;
}

static void sidecars(bool want)
{
   char p[200];
   snprintf(p, sizeof p, "%s-wal", db);
   cr_assert_eq(exists(p), want, "%s", p);
   snprintf(p, sizeof p, "%s-shm", db);
   cr_assert_eq(exists(p), want, "%s", p);
}

Test(shared, directory_not_setgid_is_refused_with_the_fix)
{
   needRoot();
   char *msg;
   cr_assert_eq(openAsAlice(0, &msg), STORE_READONLY);
   char want[1024];
   snprintf(want, sizeof want,
            "%s: the database is shared with group %d, but its directory is not "
            "set-group-ID: the -wal and -shm files walens makes there would belong to your "
            "group %d and lock the others out; fix: chmod g+s %s",
            db, WORKSHOP, ALICE, dir);
   cr_assert_str_eq(msg, want);
   free(msg);
   sidecars(false); /* refused before SQLite created anything */
   /* Observers would create the -shm file just the same. */
   cr_assert_eq(openAsAlice(STORE_OPEN_READONLY, &msg), STORE_READONLY);
   cr_assert_str_eq(msg, want);
   free(msg);
}

Test(shared, setgid_directory_opens)
{
   needRoot();
   cr_assert_eq(chmod(dir, 02770), 0);
   char *msg;
   cr_assert_eq(openAsAlice(0, &msg), STORE_OK, "%s", msg);
   cr_assert_str_eq(msg, "");
   free(msg);
   cr_assert_eq(openAsAlice(STORE_OPEN_READONLY, &msg), STORE_OK, "%s", msg);
   free(msg);
}

Test(shared, database_in_own_group_opens)
{
   needRoot();
   /* Alice's own group is the database's: what she creates matches it. */
   cr_assert_eq(chown(db, ALICE, ALICE), 0);
   cr_assert_eq(chown(dir, ALICE, ALICE), 0);
   char *msg;
   cr_assert_eq(openAsAlice(0, &msg), STORE_OK, "%s", msg);
   free(msg);
}

Test(shared, private_database_opens)
{
   needRoot();
   cr_assert_eq(chown(db, ALICE, WORKSHOP), 0);
   cr_assert_eq(chmod(db, 0600), 0);
   char *msg;
   cr_assert_eq(openAsAlice(0, &msg), STORE_OK, "%s", msg);
   free(msg);
}

/* Bob's walens left its files behind (crashed, or still running). */
static void leaveSidecar(const char *suffix, mode_t mode)
{
   char p[200];
   snprintf(p, sizeof p, "%s%s", db, suffix);
   FILE *f = fopen(p, "w");
   cr_assert_not_null(f);
   fclose(f);
   cr_assert_eq(chown(p, BOB, BOB), 0);
   cr_assert_eq(chmod(p, mode), 0);
}

Test(shared, another_users_wal_is_refused_with_the_fix)
{
   needRoot();
   cr_assert_eq(chmod(dir, 02770), 0);
   leaveSidecar("-wal", 0660);
   char *msg;
   cr_assert_eq(openAsAlice(0, &msg), STORE_READONLY);
   char want[1024];
   snprintf(want, sizeof want,
            "%s-wal: not writable by you (owner ?, group %d): another user's walens created "
            "it while the directory was not set-group-ID; fix: chmod g+s %s, and chgrp the "
            "-wal and -shm files to the database's group (they go away once every walens "
            "using the database has quit)",
            db, BOB, dir);
   cr_assert_str_eq(msg, want);
   free(msg);
}

Test(shared, another_users_shm_is_refused)
{
   needRoot();
   cr_assert_eq(chmod(dir, 02770), 0);
   leaveSidecar("-shm", 0640);
   char *msg;
   cr_assert_eq(openAsAlice(0, &msg), STORE_READONLY);
   cr_assert(strstr(msg, "review.db-shm: not writable by you (owner ?, group 47103)"), "%s", msg);
   free(msg);
   /* Reading needs no write access, but reading a 0640 file of bob's group does. */
   cr_assert_eq(openAsAlice(STORE_OPEN_READONLY, &msg), STORE_READONLY, "%s", msg);
   free(msg);
}
