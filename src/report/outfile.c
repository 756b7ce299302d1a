/* outfile.c: atomic output files (temporary name, fsync, rename). */
#include "config.h"

#include "report/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"

bool OutFile_isStdout(const char *path)
{
   return !path || strcmp(path, "-") == 0;
}

/* The name to rename onto: a symbolic link is followed, so that the file
 * it points to is replaced and the link stays. */
static char *finalPath(const char *path)
{
   struct stat st;
   if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
      char *real = realpath(path, NULL);
      if (real)
         return real;
   }
   return xstrdup(path);
}

static mode_t newMode(const char *path)
{
   struct stat st;
   if (stat(path, &st) == 0)
      return st.st_mode & 07777;
   /* umask() is the only way to read the mask; set it straight back. */
   mode_t mask = umask(022);
   umask(mask);
   return 0666 & ~mask;
}

bool OutFile_open(OutFile *f, const char *path, char **err)
{
   memset(f, 0, sizeof *f);
   if (OutFile_isStdout(path)) {
      f->fp = stdout;
      return true;
   }
   if (!*path) {
      *err = xstrdup(_("the output file name is empty"));
      return false;
   }
   f->path = finalPath(path);
   struct stat st;
   if (stat(f->path, &st) == 0 && S_ISDIR(st.st_mode)) {
      *err = xasprintf(_("%s: is a directory"), path);
      free(f->path);
      f->path = NULL;
      return false;
   }
   if (stat(f->path, &st) == 0 && !S_ISREG(st.st_mode)) {
      /* A device or a pipe (/dev/stdout, a FIFO): renaming onto it would
       * replace the node itself, so write to it directly. */
      if (!(f->fp = fopen(f->path, "w"))) {
         *err = xasprintf(_("cannot open %s: %s"), path, strerror(errno));
         free(f->path);
         f->path = NULL;
         return false;
      }
      return true;
   }
   const char *slash = strrchr(f->path, '/');
   if (slash)
      f->tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - f->path), f->path, slash + 1);
   else
      f->tmp = xasprintf(".%s.XXXXXX", f->path);
   int fd = mkstemp(f->tmp);
   if (fd < 0) {
      *err = xasprintf(_("cannot create %s: %s"), path, strerror(errno));
      free(f->tmp);
      free(f->path);
      memset(f, 0, sizeof *f);
      return false;
   }
   if (fchmod(fd, newMode(f->path)) != 0 || !(f->fp = fdopen(fd, "w"))) {
      *err = xasprintf(_("cannot create %s: %s"), path, strerror(errno));
      close(fd);
      unlink(f->tmp);
      free(f->tmp);
      free(f->path);
      memset(f, 0, sizeof *f);
      return false;
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
   return ok;
}

bool OutFile_finish(OutFile *f, bool ok, char **err)
{
   if (!f->fp)
      return false;
   if (!f->path)
      return finishStdout(f, ok, err);
   if (!f->tmp) {
      if ((fflush(f->fp) != 0 || ferror(f->fp)) && ok) {
         *err = xasprintf(_("cannot write %s: %s"), f->path, strerror(errno));
         ok = false;
      }
      if (fclose(f->fp) != 0 && ok) {
         *err = xasprintf(_("cannot write %s: %s"), f->path, strerror(errno));
         ok = false;
      }
      free(f->path);
      memset(f, 0, sizeof *f);
      return ok;
   }
   int saved = 0;
   if (ok && (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0)) {
      saved = errno ? errno : EIO;
      ok = false;
      *err = xasprintf(_("cannot write %s: %s"), f->path, strerror(saved));
   }
   if (fclose(f->fp) != 0 && ok) {
      ok = false;
      *err = xasprintf(_("cannot write %s: %s"), f->path, strerror(errno));
   }
   if (ok && rename(f->tmp, f->path) != 0) {
      ok = false;
      *err = xasprintf(_("cannot rename %s to %s: %s"), f->tmp, f->path, strerror(errno));
   }
   if (!ok)
      unlink(f->tmp);
   free(f->tmp);
   free(f->path);
   memset(f, 0, sizeof *f);
   return ok;
}

char *OutFile_writeError(const char *path, int errnum)
{
   if (OutFile_isStdout(path))
      return xasprintf(_("cannot write to standard output: %s"), strerror(errnum));
   return xasprintf(_("cannot write %s: %s"), path, strerror(errnum));
}

bool OutFile_writeBuffer(const char *path, const char *buf, size_t len, char **err)
{
   OutFile f;
   if (!OutFile_open(&f, path, err))
      return false;
   if (fwrite(buf, 1, len, f.fp) != len) {
      *err = OutFile_writeError(path, errno);
      OutFile_finish(&f, false, NULL);
      return false;
   }
   return OutFile_finish(&f, true, err);
}
