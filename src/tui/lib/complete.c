/* complete.c: Tab completion of file names and words (see complete.h).
 * glob(3) finds the files, so the prompt reads the directory as the shell
 * would; only the prefix's own pattern characters need quoting. */
#include "config.h"

#include "tui/lib/complete.h"

#include <glob.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"

char *Complete_tilde(const char *path)
{
   const char *slash, *home = NULL;
   struct passwd *pw;

   if (path[0] != '~')
      return xstrdup(path);
   slash = strchr(path, '/');
   if (!slash)
      slash = path + strlen(path);
   if (slash == path + 1) {
      home = getenv("HOME");
      if (!home || !*home) {
         pw = getpwuid(getuid());
         home = pw ? pw->pw_dir : NULL;
      }
   } else {
      char *user = xstrndup(path + 1, (size_t)(slash - path - 1));
      pw = getpwnam(user);
      home = pw ? pw->pw_dir : NULL;
      free(user);
   }
   if (!home)
      return xstrdup(path);
   return xasprintf("%s%s", home, slash);
}

size_t Complete_path(const char *prefix, char ***out)
{
   char *full = Complete_tilde(prefix), *pattern, *p;
   glob_t g;
   size_t n = 0;

   *out = NULL;
   /* Every pattern character of the prefix stands for itself. */
   pattern = xmalloc(2 * strlen(full) + 2);
   p = pattern;
   for (const char *s = full; *s; s++) {
      if (strchr("*?[]\\", *s))
         *p++ = '\\';
      *p++ = *s;
   }
   *p++ = '*';
   *p = '\0';
   free(full);
   if (glob(pattern, GLOB_MARK, NULL, &g) == 0) {
      *out = xcalloc(g.gl_pathc ? g.gl_pathc : 1, sizeof **out);
      for (size_t i = 0; i < g.gl_pathc; i++)
         (*out)[n++] = xstrdup(g.gl_pathv[i]);
      globfree(&g);
   }
   free(pattern);
   return n;
}

size_t Complete_words(const char *prefix, const char *const *list, size_t n, char ***out)
{
   size_t len = strlen(prefix), k = 0;

   *out = xcalloc(n ? n : 1, sizeof **out);
   for (size_t i = 0; i < n; i++)
      if (list[i] && strncmp(list[i], prefix, len) == 0)
         (*out)[k++] = xstrdup(list[i]);
   return k;
}

char *Complete_common(char *const *items, size_t n)
{
   size_t len;

   if (n == 0)
      return xstrdup("");
   len = strlen(items[0]);
   for (size_t i = 1; i < n; i++) {
      size_t k = 0;
      while (k < len && items[i][k] == items[0][k])
         k++;
      len = k;
   }
   /* Never end inside a character: back off continuation bytes. */
   while (len > 0 && len < strlen(items[0]) && ((unsigned char)items[0][len] & 0xC0) == 0x80)
      len--;
   return xstrndup(items[0], len);
}

void Complete_free(char **items, size_t n)
{
   for (size_t i = 0; i < n; i++)
      free(items[i]);
   free(items);
}
