/* profiles.c: profile discovery across the user, installed and built-in
 * sources, and resolving a --profile argument (a path or a key). */
#include "config.h"

#include "core/profiles.h"

#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "core/xalloc.h"
#include "i18n.h"

/* Generated from data/profiles/machine-learning.yaml by build-aux/embed.sh. */
extern const unsigned char walens_default_profile[];
extern const size_t walens_default_profile_len;

const char *Profiles_defaultText(size_t *len)
{
   *len = walens_default_profile_len;
   return (const char *)walens_default_profile;
}

char *Profiles_userDir(void)
{
   char *lenses = Paths_userLensDir(); /* .../walens/lenses */
   if (!lenses)
      return NULL;
   char *slash = strrchr(lenses, '/');
   char *dir = slash ? xasprintf("%.*s/profiles", (int)(slash - lenses), lenses) : NULL;
   free(lenses);
   return dir;
}

/* Beside the installed lens directory, so that a moved installation
 * (main.c sets $WALENS_LENSDIR) finds its profiles as well. */
char *Profiles_systemDir(void)
{
   const char *env = getenv("WALENS_PROFILEDIR");
   if (env && *env)
      return xstrdup(env);
   char *lenses = Paths_systemLensDir();
   char *slash = strrchr(lenses, '/');
   char *dir =
      slash ? xasprintf("%.*s/profiles", (int)(slash - lenses), lenses) : xstrdup("profiles");
   free(lenses);
   return dir;
}

static void addEntry(Profiles *list, const Profile *p, const char *path, LensSource src)
{
   list->items = xgrow(list->items, &list->cap, list->count + 1, sizeof *list->items);
   ProfileEntry *e = &list->items[list->count++];
   e->key = xstrdup(p->key);
   e->version = xstrdup(p->version);
   e->title = xstrdup(p->title);
   e->lens_key = xstrdup(p->lens_key);
   e->path = xstrdup(path);
   e->source = src;
   e->shadowed = Profiles_find(list, p->key) != e;
}

static bool hasSuffix(const char *name)
{
   size_t n = strlen(name);
   return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
          (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static void loadInto(void *ctx, const char *path, LensSource src, DiagList *diags)
{
   Profiles *list = ctx;
   DiagList local;
   DiagList_init(&local);
   Profile *p = Profile_loadFile(path, &local);
   if (p)
      addEntry(list, p, path, src);
   else
      DiagList_add(diags, DIAG_WARNING, path, 0, 0, NULL, "%s",
                   _("profile file has errors and is not offered (see 'walens profile show')"));
   Profile_free(p);
   DiagList_free(&local);
}

void Profiles_scan(Profiles *list, DiagList *diags)
{
   memset(list, 0, sizeof *list);
   char *user = Profiles_userDir();
   char *system = Profiles_systemDir();
   static const char *const suffixes[] = {".yaml", ".yml", NULL};
   Catalog_walkDirs(user, system, suffixes, loadInto, list, diags);
   free(user);
   free(system);
   size_t len;
   const char *text = Profiles_defaultText(&len);
   DiagList local;
   DiagList_init(&local);
   Profile *p = Profile_loadBuffer(PROFILE_DEFAULT_NAME, text, len, &local);
   if (p)
      addEntry(list, p, NULL, LENS_SRC_BUILTIN);
   Profile_free(p);
   DiagList_free(&local);
}

void Profiles_free(Profiles *list)
{
   for (size_t i = 0; i < list->count; i++) {
      ProfileEntry *e = &list->items[i];
      free(e->key);
      free(e->version);
      free(e->title);
      free(e->lens_key);
      free(e->path);
   }
   free(list->items);
   memset(list, 0, sizeof *list);
}

const ProfileEntry *Profiles_find(const Profiles *list, const char *key)
{
   for (size_t i = 0; i < list->count; i++)
      if (strcmp(list->items[i].key, key) == 0)
         return &list->items[i];
   return NULL;
}

static bool isPath(const char *arg)
{
   return strchr(arg, '/') || hasSuffix(arg);
}

static char *readText(const char *path, size_t *len, DiagList *diags)
{
   char *err = NULL;
   char *buf = File_readLens(path, PROFILE_MAX_FILE_SIZE, len, &err);
   if (!buf) {
      DiagList_add(diags, DIAG_ERROR, path, 0, 0, NULL, _("cannot read the file: %s"), err);
      free(err);
   }
   return buf;
}

Profile *Profiles_resolve(const char *arg, char **text, size_t *len, char **name, DiagList *diags)
{
   *text = NULL;
   *name = NULL;
   const char *path = arg;
   Profiles list = {0};
   if (!isPath(arg)) {
      Profiles_scan(&list, diags);
      const ProfileEntry *e = Profiles_find(&list, arg);
      if (!e) {
         DiagList_add(diags, DIAG_ERROR, arg, 0, 0, NULL, "%s",
                      _("no such profile (see 'walens profile list')"));
         Profiles_free(&list);
         return NULL;
      }
      path = e->path; /* NULL: built in */
   }
   if (path) {
      *text = readText(path, len, diags);
      *name = xstrdup(path);
   } else {
      const char *t = Profiles_defaultText(len);
      *text = xstrndup(t, *len);
      *name = xstrdup(PROFILE_DEFAULT_NAME);
   }
   Profiles_free(&list);
   Profile *p = *text ? Profile_loadBuffer(*name, *text, *len, diags) : NULL;
   if (!p) {
      free(*text);
      *text = NULL;
   }
   return p;
}
