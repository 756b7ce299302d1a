/* paths.c: the default locations of the database, lens directories and user. */
#include "config.h"

#include "core/paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"

#ifndef LENSDIR
#define LENSDIR "/usr/local/share/walens/lenses"
#endif

static const char *nonEmptyEnv(const char *name)
{
   const char *v = getenv(name);
   return v && *v ? v : NULL;
}

static const char *homeDir(void)
{
   const char *home = nonEmptyEnv("HOME");
   if (home)
      return home;
   struct passwd *pw = getpwuid(getuid());
   return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

/* $XDG_DATA_HOME/walens, or ~/.local/share/walens; NULL without a home. */
static char *dataDir(void)
{
   const char *xdg = nonEmptyEnv("XDG_DATA_HOME");
   if (xdg)
      return xasprintf("%s/walens", xdg);
   const char *home = homeDir();
   return home ? xasprintf("%s/.local/share/walens", home) : NULL;
}

/* mkdir -p with mode 0700 for the directories it creates. */
static int makeDirs(const char *path)
{
   char *p = xstrdup(path);
   int rc = 0;
   for (char *s = p + 1;; s++) {
      if (*s != '/' && *s != '\0')
         continue;
      char saved = *s;
      *s = '\0';
      if (mkdir(p, 0700) != 0 && errno != EEXIST) {
         rc = -1;
         break;
      }
      *s = saved;
      if (saved == '\0')
         break;
   }
   free(p);
   return rc;
}

char *Paths_defaultDb(int create_dir, char **err)
{
   const char *env = nonEmptyEnv("WALENS_DB");
   if (env)
      return xstrdup(env);
   char *dir = dataDir();
   if (!dir) {
      *err = xstrdup(
         _("cannot find a home directory for the database; use --db FILE or set WALENS_DB"));
      return NULL;
   }
   if (create_dir && makeDirs(dir) != 0) {
      *err = xasprintf(_("cannot create %s: %s"), dir, strerror(errno));
      free(dir);
      return NULL;
   }
   char *db = xasprintf("%s/walens.db", dir);
   free(dir);
   return db;
}

char *Paths_userLensDir(void)
{
   char *dir = dataDir();
   if (!dir)
      return NULL;
   char *lenses = xasprintf("%s/lenses", dir);
   free(dir);
   return lenses;
}

char *Paths_systemLensDir(void)
{
   const char *env = nonEmptyEnv("WALENS_LENSDIR");
   return xstrdup(env ? env : LENSDIR);
}

char *Paths_userName(void)
{
   struct passwd *pw = getpwuid(geteuid());
   if (pw && pw->pw_name && *pw->pw_name)
      return xstrdup(pw->pw_name);
   const char *user = nonEmptyEnv("USER");
   return xstrdup(user ? user : "unknown");
}
