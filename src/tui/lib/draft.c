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
/* Format 2 adds the notes the edit started from (its base), after the key:
 * "walens-draft 2 KEYLEN BASELEN\nKEY\nBASE\nTEXT".  Format 1 files (no
 * base) still read, with the base unknown. */
#define DRAFT_MAGIC2 "walens-draft 2"
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
                   const char *base, char **path, size_t *len)
{
   char *dir = Draft_dir(), *key, header[96];
   size_t klen, tlen = text ? strlen(text) : 0, blen = base ? strlen(base) : 0, hlen;

   *path = NULL;
   if (!dir)
      return NULL;
   if (!makeDirs(dir)) {
      free(dir);
      return NULL;
   }
   key = makeKey(db_key, workload_id, question, &klen);
   *path = draftPath(dir, key, klen);
   if (base)
      snprintf(header, sizeof header, DRAFT_MAGIC2 " %zu %zu\n", klen, blen);
   else
      snprintf(header, sizeof header, DRAFT_MAGIC " %zu\n", klen);
   hlen = strlen(header);
   size_t bpart = base ? blen + 1 : 0;
   char *bytes = xmalloc(hlen + klen + 1 + bpart + tlen + 1);
   char *w = bytes;
   memcpy(w, header, hlen);
   w += hlen;
   memcpy(w, key, klen);
   w += klen;
   *w++ = '\n';
   if (base) {
      memcpy(w, base, blen);
      w += blen;
      *w++ = '\n';
   }
   if (tlen)
      memcpy(w, text, tlen);
   w += tlen;
   *len = (size_t)(w - bytes);
   *w = '\0';
   free(key);
   free(dir);
   return bytes;
}

bool Draft_saveBase(const char *db_key, int64_t workload_id, const char *question, const char *text,
                    const char *base)
{
   char *path, *tmp;
   size_t len;
   bool ok = false;
   int fd;

   Draft_forgetKnown(); /* what was known of this draft no longer holds */
   char *bytes = Draft_render(db_key, workload_id, question, text, base, &path, &len);

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

bool Draft_save(const char *db_key, int64_t workload_id, const char *question, const char *text)
{
   return Draft_saveBase(db_key, workload_id, question, text, NULL);
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

/* The text (and base, format 2) after a header whose key matches. */
static char *parseDraft(const char *buf, size_t len, const char *key, size_t klen, char **base)
{
   char header[96];
   size_t hlen, blen = 0;
   int used = 0;

   snprintf(header, sizeof header, DRAFT_MAGIC " %zu\n", klen);
   hlen = strlen(header);
   if (len >= hlen + klen + 1 && memcmp(buf, header, hlen) == 0 &&
       memcmp(buf + hlen, key, klen) == 0 && buf[hlen + klen] == '\n')
      return xstrdup(buf + hlen + klen + 1);
   snprintf(header, sizeof header, DRAFT_MAGIC2 " %zu ", klen);
   hlen = strlen(header);
   if (len < hlen || memcmp(buf, header, hlen) != 0 ||
       sscanf(buf + hlen, "%zu\n%n", &blen, &used) != 1 || used == 0 ||
       buf[hlen + (size_t)used - 1] != '\n')
      return NULL;
   hlen += (size_t)used;
   if (blen > len || len - blen < hlen + klen + 2 || memcmp(buf + hlen, key, klen) != 0 ||
       buf[hlen + klen] != '\n' || buf[hlen + klen + 1 + blen] != '\n')
      return NULL;
   if (base)
      *base = xstrndup(buf + hlen + klen + 1, blen);
   return xstrdup(buf + hlen + klen + 1 + blen + 1);
}

char *Draft_loadBase(const char *db_key, int64_t workload_id, const char *question,
                     time_t *saved_at, char **base)
{
   char *dir = Draft_dir(), *key, *path, *buf, *text = NULL;
   size_t klen, len;

   if (base)
      *base = NULL;
   if (!dir)
      return NULL;
   key = makeKey(db_key, workload_id, question, &klen);
   path = draftPath(dir, key, klen);
   buf = readFile(path, &len, saved_at);
   if (buf)
      text = parseDraft(buf, len, key, klen, base);
   free(buf);
   free(path);
   free(key);
   free(dir);
   return text;
}

char *Draft_load(const char *db_key, int64_t workload_id, const char *question, time_t *saved_at)
{
   return Draft_loadBase(db_key, workload_id, question, saved_at, NULL);
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

   Draft_forgetKnown();

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

/* ---- whether a draft waits, asked on every frame ---- */

/* The answers Draft_known gave since the last Draft_forgetKnown, by key
 * ("DB\nWORKLOAD\nQUESTION").  A screen shows a handful of them. */
enum { KNOWN_MAX = 64 };
static struct {
   char *key[KNOWN_MAX];
   bool exists[KNOWN_MAX];
   size_t n;
} known;

bool Draft_known(const char *db_key, int64_t workload_id, const char *question)
{
   char *key = xasprintf("%s\n%" PRId64 "\n%s", db_key, workload_id, question);
   for (size_t i = 0; i < known.n; i++)
      if (strcmp(known.key[i], key) == 0) {
         free(key);
         return known.exists[i];
      }
   if (known.n == KNOWN_MAX)
      Draft_forgetKnown();
   bool yes = Draft_exists(db_key, workload_id, question);
   known.key[known.n] = key;
   known.exists[known.n++] = yes;
   return yes;
}

void Draft_forgetKnown(void)
{
   for (size_t i = 0; i < known.n; i++)
      free(known.key[i]);
   known.n = 0;
}
