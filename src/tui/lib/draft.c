/* draft.c: unsaved notes on disk (see draft.h). */
#include "config.h"

#include "tui/lib/draft.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"

#define DRAFT_MAGIC "walens-draft 1"
#define DRAFT_MAX (4u * 1024u * 1024u)

char *Draft_dir(void)
{
   const char *xdg = getenv("XDG_DATA_HOME");
   const char *home = getenv("HOME");

   if (xdg && xdg[0] == '/')
      return xasprintf("%s/walens/drafts", xdg);
   if (home && home[0])
      return xasprintf("%s/.local/share/walens/drafts", home);
   return NULL;
}

char *Draft_dbKey(const char *db_path)
{
   char *abs = realpath(db_path, NULL);
   char *key;

   if (abs) {
      key = xstrdup(abs);
      free(abs); /* realpath's buffer comes from malloc, not xmalloc */
      return key;
   }
   return xstrdup(db_path);
}

/* The key as stored in the file: db, workload id and question, NUL-separated. */
static char *makeKey(const char *db_key, int64_t workload_id, const char *question, size_t *len)
{
   char id[32];
   size_t a = strlen(db_key), b, c = strlen(question);
   char *k;

   snprintf(id, sizeof id, "%" PRId64, workload_id);
   b = strlen(id);
   k = xmalloc(a + b + c + 3);
   memcpy(k, db_key, a + 1);
   memcpy(k + a + 1, id, b + 1);
   memcpy(k + a + b + 2, question, c + 1);
   *len = a + b + c + 2;
   return k;
}

static uint64_t fnv1a(const char *s, size_t n)
{
   uint64_t h = 1469598103934665603ULL;
   for (size_t i = 0; i < n; i++) {
      h ^= (unsigned char)s[i];
      h *= 1099511628211ULL;
   }
   return h;
}

static char *draftPath(const char *dir, const char *key, size_t klen)
{
   return xasprintf("%s/%016" PRIx64 ".txt", dir, fnv1a(key, klen));
}

/* mkdir -p with 0700 for the directories walens creates. */
static bool makeDirs(const char *dir)
{
   char *p = xstrdup(dir);
   bool ok = true;

   for (char *s = p + 1; ok; s++) {
      if (*s == '/' || *s == '\0') {
         char c = *s;
         *s = '\0';
         if (mkdir(p, 0700) != 0 && errno != EEXIST)
            ok = false;
         *s = c;
         if (c == '\0')
            break;
      }
   }
   free(p);
   return ok;
}

static bool writeAll(int fd, const char *p, size_t n)
{
   while (n > 0) {
      ssize_t w = write(fd, p, n);
      if (w < 0 && errno == EINTR)
         continue;
      if (w <= 0)
         return false;
      p += w;
      n -= (size_t)w;
   }
   return true;
}

char *Draft_render(const char *db_key, int64_t workload_id, const char *question, const char *text,
                   char **path, size_t *len)
{
   char *dir = Draft_dir(), *key, header[64];
   size_t klen, tlen = text ? strlen(text) : 0, hlen;

   *path = NULL;
   if (!dir)
      return NULL;
   if (!makeDirs(dir)) {
      free(dir);
      return NULL;
   }
   key = makeKey(db_key, workload_id, question, &klen);
   *path = draftPath(dir, key, klen);
   snprintf(header, sizeof header, DRAFT_MAGIC " %zu\n", klen);
   hlen = strlen(header);
   char *bytes = xmalloc(hlen + klen + 1 + tlen + 1);
   memcpy(bytes, header, hlen);
   memcpy(bytes + hlen, key, klen);
   bytes[hlen + klen] = '\n';
   if (tlen)
      memcpy(bytes + hlen + klen + 1, text, tlen);
   *len = hlen + klen + 1 + tlen;
   bytes[*len] = '\0';
   free(key);
   free(dir);
   return bytes;
}

bool Draft_save(const char *db_key, int64_t workload_id, const char *question, const char *text)
{
   char *path, *tmp;
   size_t len;
   bool ok = false;
   int fd;
   char *bytes = Draft_render(db_key, workload_id, question, text, &path, &len);

   if (!bytes)
      return false;
   tmp = xasprintf("%s.XXXXXX", path);
   if ((fd = mkstemp(tmp)) >= 0) {
      ok = writeAll(fd, bytes, len) && fsync(fd) == 0;
      if (close(fd) != 0)
         ok = false;
      if (ok && rename(tmp, path) != 0)
         ok = false;
      if (!ok)
         unlink(tmp);
   }
   free(tmp);
   free(path);
   free(bytes);
   return ok;
}

static char *readFile(const char *path, size_t *len, time_t *mtime)
{
   FILE *f = fopen(path, "rb");
   struct stat st;
   char *buf;
   size_t n;

   if (!f)
      return NULL;
   if (fstat(fileno(f), &st) != 0 || st.st_size < 0 || (size_t)st.st_size > DRAFT_MAX) {
      fclose(f);
      return NULL;
   }
   buf = xmalloc((size_t)st.st_size + 1);
   n = fread(buf, 1, (size_t)st.st_size, f);
   fclose(f);
   buf[n] = '\0';
   *len = n;
   if (mtime)
      *mtime = st.st_mtime;
   return buf;
}

char *Draft_load(const char *db_key, int64_t workload_id, const char *question, time_t *saved_at)
{
   char *dir = Draft_dir(), *key, *path, *buf, *text = NULL;
   size_t klen, len, hlen;
   char header[64];

   if (!dir)
      return NULL;
   key = makeKey(db_key, workload_id, question, &klen);
   path = draftPath(dir, key, klen);
   buf = readFile(path, &len, saved_at);
   snprintf(header, sizeof header, DRAFT_MAGIC " %zu\n", klen);
   hlen = strlen(header);
   if (buf && len >= hlen + klen + 1 && memcmp(buf, header, hlen) == 0 &&
       memcmp(buf + hlen, key, klen) == 0 && buf[hlen + klen] == '\n')
      text = xstrdup(buf + hlen + klen + 1);
   free(buf);
   free(path);
   free(key);
   free(dir);
   return text;
}

bool Draft_exists(const char *db_key, int64_t workload_id, const char *question)
{
   char *t = Draft_load(db_key, workload_id, question, NULL);
   bool yes = t != NULL;
   free(t);
   return yes;
}

void Draft_remove(const char *db_key, int64_t workload_id, const char *question)
{
   char *dir = Draft_dir(), *key, *path, *t;
   size_t klen;

   if (!dir)
      return;
   t = Draft_load(db_key, workload_id, question, NULL);
   if (t) { /* only our own file: never a colliding one */
      key = makeKey(db_key, workload_id, question, &klen);
      path = draftPath(dir, key, klen);
      unlink(path);
      free(path);
      free(key);
      free(t);
   }
   free(dir);
}
