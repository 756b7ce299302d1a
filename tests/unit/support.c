/* support.c: temporary directories and source paths for the Criterion
 * tests (support.h). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* nftw */
#endif
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

void Support_tempDir(char *buf, size_t size, const char *tag)
{
   int n = snprintf(buf, size, "/tmp/walens-%s-XXXXXX", tag);
   cr_assert(n > 0 && (size_t)n < size, "temporary directory name for %s too long", tag);
   cr_assert_not_null(mkdtemp(buf), "mkdtemp %s: %s", buf, strerror(errno));
}

/* nftw callback: called children first (FTW_DEPTH), so a directory is
 * empty by the time it comes. */
static int removeOne(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
   (void)st;
   (void)ftw;
   int rc = type == FTW_DP ? rmdir(path) : unlink(path);
   if (rc != 0)
      fprintf(stderr, "support: cannot remove %s: %s\n", path, strerror(errno));
   return 0; /* go on: remove what can be removed, check at the end */
}

void Support_removeTree(const char *path)
{
   struct stat st;
   if (lstat(path, &st) != 0 && errno == ENOENT)
      return;
   nftw(path, removeOne, 16, FTW_DEPTH | FTW_PHYS);
   cr_assert(lstat(path, &st) != 0 && errno == ENOENT, "%s is still there after removal", path);
}

void Support_copyFile(const char *from, const char *to)
{
   FILE *in = fopen(from, "rb");
   cr_assert_not_null(in, "%s: %s", from, strerror(errno));
   FILE *out = fopen(to, "wb");
   cr_assert_not_null(out, "%s: %s", to, strerror(errno));
   char buf[8192];
   size_t n;
   while ((n = fread(buf, 1, sizeof buf, in)) > 0)
      cr_assert_eq(fwrite(buf, 1, n, out), n, "%s: %s", to, strerror(errno));
   cr_assert_not(ferror(in), "%s: read error", from);
   fclose(in);
   cr_assert_eq(fclose(out), 0, "%s: %s", to, strerror(errno));
}

const char *Support_topSrcdir(void)
{
   const char *top = getenv("top_srcdir");
   return top && *top ? top : ".";
}

char *Support_srcPath(const char *rel)
{
   const char *top = Support_topSrcdir();
   size_t n = strlen(top) + strlen(rel) + 2;
   char *p = malloc(n);
   cr_assert_not_null(p);
   snprintf(p, n, "%s/%s", top, rel);
   return p;
}

char *Support_lensPath(const char *name)
{
   const char *dir = "tests/fixtures/lenses/";
   size_t n = strlen(dir) + strlen(name) + 1;
   char *rel = malloc(n);
   cr_assert_not_null(rel);
   snprintf(rel, n, "%s%s", dir, name);
   char *p = Support_srcPath(rel);
   free(rel);
   return p;
}
