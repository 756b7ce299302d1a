/* driver.c: main() for the fuzz harnesses when libFuzzer is not linked in
 * (a plain `./configure`, gcc, valgrind).  Runs the harness once on each
 * file named, or on each file of a directory named; prints how many. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/xalloc.h"
#include "fuzz.h"

/* The whole file, or NULL with a message. */
static uint8_t *readFile(const char *path, size_t *len)
{
   FILE *f = fopen(path, "rb");
   if (!f) {
      fprintf(stderr, "%s: %s\n", path, strerror(errno));
      return NULL;
   }
   size_t cap = 4096, n = 0;
   uint8_t *buf = xmalloc(cap);
   size_t got;
   while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
      n += got;
      if (n == cap)
         buf = xgrow(buf, &cap, cap + 1, 1);
   }
   bool bad = ferror(f);
   fclose(f);
   if (bad) {
      fprintf(stderr, "%s: read error\n", path);
      free(buf);
      return NULL;
   }
   *len = n;
   return buf;
}

static int runFile(const char *path, size_t *count)
{
   size_t len = 0;
   uint8_t *data = readFile(path, &len);
   if (!data)
      return 1;
   LLVMFuzzerTestOneInput(data, len);
   free(data);
   ++*count;
   return 0;
}

static int compareNames(const void *a, const void *b)
{
   return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of dir, sorted by name so that runs are repeatable. */
static int runDir(const char *dir, size_t *count)
{
   DIR *d = opendir(dir);
   if (!d) {
      fprintf(stderr, "%s: %s\n", dir, strerror(errno));
      return 1;
   }
   char **names = NULL;
   size_t n = 0, cap = 0;
   struct dirent *e;
   while ((e = readdir(d))) {
      if (e->d_name[0] == '.')
         continue;
      if (n == cap)
         names = xgrow(names, &cap, n + 1, sizeof *names);
      names[n++] = xasprintf("%s/%s", dir, e->d_name);
   }
   closedir(d);
   if (n)
      qsort(names, n, sizeof *names, compareNames);
   int rc = 0;
   for (size_t i = 0; i < n; i++) {
      struct stat st;
      if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
         rc |= runFile(names[i], count);
      free(names[i]);
   }
   free(names);
   return rc;
}

int main(int argc, char **argv)
{
   size_t count = 0;
   int rc = 0;
   for (int i = 1; i < argc; i++) {
      struct stat st;
      if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
         rc |= runDir(argv[i], &count);
      else
         rc |= runFile(argv[i], &count);
   }
   printf("%s: %zu inputs\n", argv[0], count);
   return rc;
}
