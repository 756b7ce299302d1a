/* catalog.c: lens discovery across the user, installed and built-in sources. */
#include "config.h"

#include "core/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/lens.h"
#include "core/paths.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "i18n.h"

static char *readFrom(FILE *f, const char *path, size_t max, size_t *len, char **err);

char *File_readAll(const char *path, size_t max, size_t *len, char **err)
{
   FILE *f = fopen(path, "rb");
   if (!f) {
      *err = xasprintf("%s: %s", path, strerror(errno));
      return NULL;
   }
   return readFrom(f, path, max, len, err);
}

char *File_readLens(const char *path, size_t max, size_t *len, char **err)
{
   bool not_regular;
   FILE *f = Lens_openFile(path, &not_regular);
   if (!f) {
      *err = not_regular
                ? xasprintf(_("%s: not a regular file (a FIFO, a device or a socket)"), path)
                : xasprintf("%s: %s", path, strerror(errno));
      return NULL;
   }
   return readFrom(f, path, max, len, err);
}

static char *readFrom(FILE *f, const char *path, size_t max, size_t *len, char **err)
{
   size_t cap = 8192, n = 0;
   char *buf = xmalloc(cap + 1);
   size_t got;
   while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
      n += got;
      if (n > max) {
         *err = xasprintf(_("%s: file is larger than %zu bytes"), path, max);
         goto fail;
      }
      if (n == cap) {
         cap *= 2;
         buf = xrealloc(buf, cap + 1); /* + 1 for the terminating NUL */
      }
   }
   if (ferror(f)) {
      *err = xasprintf("%s: %s", path, strerror(errno));
      goto fail;
   }
   fclose(f);
   buf[n] = '\0';
   *len = n;
   return buf;
fail:
   fclose(f);
   free(buf);
   return NULL;
}

static bool hasSuffix(const char *name, const char *const *suffixes)
{
   size_t n = strlen(name);
   for (size_t i = 0; suffixes[i]; i++) {
      size_t k = strlen(suffixes[i]);
      if (n > k && strcmp(name + n - k, suffixes[i]) == 0)
         return true;
   }
   return false;
}

static void addEntry(Catalog *c, const Lens *lens, const char *path, LensSource src)
{
   c->items = xgrow(c->items, &c->cap, c->count + 1, sizeof *c->items);
   CatalogEntry *e = &c->items[c->count++];
   e->key = xstrdup(lens->key);
   e->version = xstrdup(lens->version);
   e->name = xstrdup(lens->name);
   e->path = xstrdup(path);
   e->source = src;
   e->shadowed = Catalog_find(c, lens->key) != e;
}

static int compareNames(const void *a, const void *b)
{
   return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walkDir(const char *dir, const char *const *suffixes, LensSource src,
                    Catalog_visitFn *visit, void *ctx, DiagList *diags)
{
   DIR *d = dir ? opendir(dir) : NULL;
   if (!d)
      return; /* a missing lens or profile directory is normal */
   char **names = NULL;
   size_t n = 0, cap = 0;
   struct dirent *de;
   while ((de = readdir(d)) != NULL) {
      if (de->d_name[0] == '.' || !hasSuffix(de->d_name, suffixes))
         continue;
      char *path = xasprintf("%s/%s", dir, de->d_name);
      struct stat st;
      /* A FIFO or a device named like a lens would block or never end. */
      if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
         DiagList_add(diags, DIAG_WARNING, path, 0, 0, NULL, "%s",
                      _("not a regular file (a FIFO, a device or a socket); skipped"));
         free(path);
         continue;
      }
      names = xgrow(names, &cap, n + 1, sizeof *names);
      names[n++] = path;
   }
   closedir(d);
   qsort(names, n, sizeof *names, compareNames); /* stable listing order */
   for (size_t i = 0; i < n; i++) {
      visit(ctx, names[i], src, diags);
      free(names[i]);
   }
   free(names);
}

void Catalog_walkDirs(const char *user_dir, const char *system_dir, const char *const *suffixes,
                      Catalog_visitFn *visit, void *ctx, DiagList *diags)
{
   walkDir(user_dir, suffixes, LENS_SRC_USER, visit, ctx, diags);
   walkDir(system_dir, suffixes, LENS_SRC_SYSTEM, visit, ctx, diags);
}

static void visitLens(void *ctx, const char *path, LensSource src, DiagList *diags)
{
   DiagList local;
   DiagList_init(&local);
   Lens *lens = Lens_loadFile(path, &local);
   if (lens)
      addEntry(ctx, lens, path, src);
   else
      DiagList_add(diags, DIAG_WARNING, path, 0, 0, NULL, "%s",
                   _("lens file has errors and is not offered (see 'walens lens check')"));
   Lens_free(lens);
   DiagList_free(&local);
}

void Catalog_scan(Catalog *c, DiagList *diags)
{
   Catalog_scanWith(c, diags, NULL);
}

void Catalog_scanWith(Catalog *c, DiagList *diags, const Lens *known)
{
   memset(c, 0, sizeof *c);
   char *user = Paths_userLensDir();
   char *system = Paths_systemLensDir();
   static const char *const suffixes[] = {".yaml", ".yml", ".json", NULL};
   Catalog_walkDirs(user, system, suffixes, visitLens, c, diags);
   free(user);
   free(system);
   /* Hashing the built-in text costs a tenth of parsing it. */
   if (known) {
      size_t len;
      const char *text = Lens_defaultText(&len);
      char hex[65];
      Sha256_hex(text, len, hex);
      if (strcmp(hex, known->sha256) == 0) {
         addEntry(c, known, NULL, LENS_SRC_BUILTIN);
         return;
      }
   }
   DiagList local;
   DiagList_init(&local);
   Lens *builtin = Lens_loadDefault(&local);
   if (builtin)
      addEntry(c, builtin, NULL, LENS_SRC_BUILTIN);
   Lens_free(builtin);
   DiagList_free(&local);
}

void Catalog_free(Catalog *c)
{
   for (size_t i = 0; i < c->count; i++) {
      free(c->items[i].key);
      free(c->items[i].version);
      free(c->items[i].name);
      free(c->items[i].path);
   }
   free(c->items);
   memset(c, 0, sizeof *c);
}

const CatalogEntry *Catalog_find(const Catalog *c, const char *key)
{
   for (size_t i = 0; i < c->count; i++)
      if (strcmp(c->items[i].key, key) == 0)
         return &c->items[i];
   return NULL;
}

const char *LensSource_label(LensSource s)
{
   switch (s) {
   case LENS_SRC_USER: return _("user");
   case LENS_SRC_SYSTEM: return _("installed");
   case LENS_SRC_BUILTIN: return _("built-in");
   }
   return "";
}

bool Catalog_looksLikePath(const char *arg)
{
   size_t n = strlen(arg);
   return strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
          (n > 4 && strcmp(arg + n - 4, ".yml") == 0) ||
          (n > 5 && strcmp(arg + n - 5, ".json") == 0);
}
