/* reloc.c: finding the installed data after the installed tree moved. */
#include "config.h"

#include "reloc.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"

/* The part of path below root ("/bin" for "/usr/bin" below "/usr"), or NULL
 * when path is not below root. */
static const char *below(const char *path, const char *root)
{
   size_t n = strlen(root);
   while (n > 0 && root[n - 1] == '/') /* "/" and "/usr/" as prefixes */
      n--;
   if (strncmp(path, root, n) != 0 || (path[n] != '/' && path[n] != '\0'))
      return NULL;
   return path + n;
}

static bool endsWith(const char *s, const char *tail)
{
   size_t ns = strlen(s), nt = strlen(tail);
   return ns >= nt && strcmp(s + ns - nt, tail) == 0;
}

char *Reloc_prefix(const char *exe_dir, const char *prefix, const char *bindir)
{
   const char *tail = below(bindir, prefix);
   if (!exe_dir || strcmp(exe_dir, bindir) == 0 || !tail || !*tail || !endsWith(exe_dir, tail))
      return NULL;
   return xasprintf("%.*s", (int)(strlen(exe_dir) - strlen(tail)), exe_dir);
}

char *Reloc_path(const char *dir, const char *prefix, const char *new_prefix)
{
   const char *tail = new_prefix ? below(dir, prefix) : NULL;
   return tail ? xasprintf("%s%s", new_prefix, tail) : xstrdup(dir);
}

char *Reloc_exeDir(void)
{
   char buf[PATH_MAX];
   ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
   if (n <= 0 || (size_t)n >= sizeof buf - 1)
      return NULL;
   buf[n] = '\0';
   char *slash = strrchr(buf, '/');
   if (!slash)
      return NULL;
   *slash = '\0';
   return xstrdup(slash == buf ? "/" : buf);
}
