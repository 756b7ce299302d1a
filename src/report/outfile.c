/* outfile.c: output files that never write through a planted name: a new
 * temporary file (O_EXCL, O_NOFOLLOW) in the target's directory, fsync, and
 * a rename within that directory's descriptor. */
#include "config.h"

#include "report/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"

bool OutFile_isStdout(const char *path)
{
   return !path || strcmp(path, "-") == 0;
}

static void clear(OutFile *f)
{
   if (f->dirfd >= 0)
      close(f->dirfd);
   free(f->path);
   free(f->base);
   free(f->tmp);
   memset(f, 0, sizeof *f);
   f->dirfd = -1;
}

/* Splits path into its directory (caller frees) and last component. */
static char *dirOf(const char *path, const char **base)
{
   const char *slash = strrchr(path, '/');
   if (!slash) {
      *base = path;
      return xstrdup(".");
   }
   *base = slash + 1;
   if (slash == path)
      return xstrdup("/");
   return xasprintf("%.*s", (int)(slash - path), path);
}

/* ---- the database and its companions, under any name ---- */

static const char *const dbSuffixes[] = {"", "-wal", "-shm", "-journal"};
#define N_DB_SUFFIXES (sizeof dbSuffixes / sizeof dbSuffixes[0])

static bool sameFile(const struct stat *a, const struct stat *b)
{
   return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether the existing file st is one of the database's files. */
static bool isDbFile(const char *db, const struct stat *st)
{
   bool hit = false;
   for (size_t i = 0; i < N_DB_SUFFIXES && !hit; i++) {
      char *p = xasprintf("%s%s", db, dbSuffixes[i]);
      struct stat d;
      hit = stat(p, &d) == 0 && sameFile(&d, st);
      free(p);
   }
   return hit;
}

/* Whether base in the directory dir (stat dirst) is a name the database
 * path db gives to one of its files, existing or not (the -wal of a
 * database that has none yet). */
static bool isDbName(const char *db, const struct stat *dirst, const char *base)
{
   const char *dbbase;
   char *dir = dirOf(db, &dbbase);
   struct stat d;
   bool hit = false;
   if (stat(dir, &d) == 0 && sameFile(&d, dirst))
      for (size_t i = 0; i < N_DB_SUFFIXES && !hit; i++) {
         size_t n = strlen(dbbase);
         hit = strncmp(base, dbbase, n) == 0 && strcmp(base + n, dbSuffixes[i]) == 0;
      }
   free(dir);
   return hit;
}

static bool refusedAsOneDb(const char *db, int dirfd, const char *base, const struct stat *st)
{
   if (!db || !*db)
      return false;
   struct stat dirst;
   if (fstat(dirfd, &dirst) != 0)
      return false;
   char *real = realpath(db, NULL);
   bool hit = (st && isDbFile(db, st)) || isDbName(db, &dirst, base) ||
              (real && isDbName(real, &dirst, base));
   free(real);
   return hit;
}

static bool refusedAsDb(const OutFileRules *rules, int dirfd, const char *base,
                        const struct stat *st)
{
   if (!rules)
      return false;
   bool hit = refusedAsOneDb(rules->db_path, dirfd, base, st);
   for (size_t i = 0; i < rules->n_more_dbs && !hit; i++)
      hit = refusedAsOneDb(rules->more_dbs[i], dirfd, base, st);
   return hit;
}

/* ---- the checks ---- */

/* Why the existing entry st at the target may not be replaced, or NULL
 * (caller frees). */
static char *refusal(const char *path, const struct stat *st, const OutFileRules *rules)
{
   if (S_ISLNK(st->st_mode))
      return xasprintf(_("%s: is a symbolic link; walens does not write through links "
                         "(remove it or choose another name)"),
                       path);
   if (S_ISDIR(st->st_mode))
      return xasprintf(_("%s: is a directory"), path);
   if (!S_ISREG(st->st_mode))
      return xasprintf(_("%s: is not a regular file (a device, FIFO or socket); "
                         "use -o - to write to standard output"),
                       path);
   if (st->st_nlink > 1)
      return xasprintf(_("%s: has other hard links; walens does not replace a file "
                         "shared under another name"),
                       path);
   if (!rules || !rules->force)
      return xasprintf(_("%s: exists; use --force to replace it"), path);
   return NULL;
}

/* A new name for the temporary file; O_EXCL makes a guessed one harmless. */
static int createTemp(OutFile *f, mode_t mode)
{
   static unsigned counter;
   struct timespec ts;
   clock_gettime(CLOCK_REALTIME, &ts);
   bool shortBase = strlen(f->base) < 200;
   for (int attempt = 0; attempt < 100; attempt++) {
      uint32_t x = (uint32_t)ts.tv_nsec ^ ((uint32_t)getpid() << 16) ^ (++counter * 2654435761u);
      free(f->tmp);
      f->tmp = xasprintf(".%s.%08x", shortBase ? f->base : "walens-out", (unsigned)x);
      int fd = openat(f->dirfd, f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
      if (fd >= 0 || errno != EEXIST)
         return fd;
   }
   errno = EEXIST;
   return -1;
}

static bool failOpen(OutFile *f, char **err, char *msg)
{
   *err = msg;
   clear(f);
   return false;
}

bool OutFile_open(OutFile *f, const char *path, const OutFileRules *rules, char **err)
{
   memset(f, 0, sizeof *f);
   f->dirfd = -1;
   if (OutFile_isStdout(path)) {
      f->fp = stdout;
      return true;
   }
   if (!*path)
      return failOpen(f, err, xstrdup(_("the output file name is empty")));
   const char *base;
   char *dir = dirOf(path, &base);
   f->path = xstrdup(path);
   f->base = xstrdup(base);
   f->dirfd = *base ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
   int saved = errno;
   free(dir);
   if (!*f->base)
      return failOpen(f, err, xasprintf(_("%s: is a directory"), path));
   if (f->dirfd < 0)
      return failOpen(f, err, xasprintf(_("cannot create %s: %s"), path, strerror(saved)));
   struct stat st;
   mode_t mode = 0600;
   if (fstatat(f->dirfd, f->base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
      char *why = refusedAsDb(rules, f->dirfd, f->base, &st)
                     ? xasprintf(_("%s: is the database or one of its files; "
                                   "choose another name"),
                                 path)
                     : refusal(path, &st, rules);
      if (why)
         return failOpen(f, err, why);
      f->existed = true;
      mode = st.st_mode & 0777;
   } else if (errno != ENOENT) {
      return failOpen(f, err, xasprintf(_("cannot create %s: %s"), path, strerror(errno)));
   } else if (refusedAsDb(rules, f->dirfd, f->base, NULL)) {
      return failOpen(f, err,
                      xasprintf(_("%s: is the database or one of its files; "
                                  "choose another name"),
                                path));
   }
   int fd = createTemp(f, 0600);
   if (fd < 0)
      return failOpen(f, err, xasprintf(_("cannot create %s: %s"), path, strerror(errno)));
   if ((f->existed && fchmod(fd, mode) != 0) || !(f->fp = fdopen(fd, "w"))) {
      saved = errno;
      close(fd);
      unlinkat(f->dirfd, f->tmp, 0);
      return failOpen(f, err, xasprintf(_("cannot create %s: %s"), path, strerror(saved)));
   }
   return true;
}

static bool finishStdout(OutFile *f, bool ok, char **err)
{
   if (fflush(f->fp) != 0 || ferror(f->fp)) {
      if (ok)
         *err = xasprintf(_("cannot write to standard output: %s"), strerror(errno));
      ok = false;
   }
   memset(f, 0, sizeof *f);
   f->dirfd = -1;
   return ok;
}

/* Moves the temporary file to the target's name.  A target that was not
 * there at open must not be replaced now: link() never replaces. */
static bool moveIntoPlace(OutFile *f, char **err)
{
   if (!f->existed) {
      if (linkat(f->dirfd, f->tmp, f->dirfd, f->base, 0) == 0) {
         unlinkat(f->dirfd, f->tmp, 0);
         return true;
      }
      if (errno == EEXIST) {
         *err = xasprintf(_("%s: appeared while the output was written; not replaced"), f->path);
         return false;
      }
      /* A file system without hard links: check once more, then rename. */
      struct stat st;
      if (fstatat(f->dirfd, f->base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
         *err = xasprintf(_("%s: appeared while the output was written; not replaced"), f->path);
         return false;
      }
   }
   if (renameat(f->dirfd, f->tmp, f->dirfd, f->base) != 0) {
      *err = xasprintf(_("cannot rename %s to %s: %s"), f->tmp, f->path, strerror(errno));
      return false;
   }
   return true;
}

bool OutFile_finish(OutFile *f, bool ok, char **err)
{
   if (!f->fp)
      return false;
   if (!f->path)
      return finishStdout(f, ok, err);
   if (ok && (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0)) {
      int saved = errno ? errno : EIO;
      ok = false;
      *err = xasprintf(_("cannot write %s: %s"), f->path, strerror(saved));
   }
   if (fclose(f->fp) != 0 && ok) {
      ok = false;
      *err = xasprintf(_("cannot write %s: %s"), f->path, strerror(errno));
   }
   f->fp = NULL;
   if (ok)
      ok = moveIntoPlace(f, err);
   if (ok)
      (void)fsync(f->dirfd); /* the new name survives a crash; best effort */
   else
      unlinkat(f->dirfd, f->tmp, 0);
   clear(f);
   return ok;
}

char *OutFile_writeError(const char *path, int errnum)
{
   if (OutFile_isStdout(path))
      return xasprintf(_("cannot write to standard output: %s"), strerror(errnum));
   return xasprintf(_("cannot write %s: %s"), path, strerror(errnum));
}

bool OutFile_writeBuffer(const char *path, const char *buf, size_t len, const OutFileRules *rules,
                         char **err)
{
   OutFile f;
   if (!OutFile_open(&f, path, rules, err))
      return false;
   if (fwrite(buf, 1, len, f.fp) != len) {
      *err = OutFile_writeError(path, errno);
      OutFile_finish(&f, false, NULL);
      return false;
   }
   return OutFile_finish(&f, true, err);
}
