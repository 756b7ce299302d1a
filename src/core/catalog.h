/* catalog.h: the lenses walens can offer, from every place they live.
 *
 * Sources, in order of precedence for one key: the user's lens directory,
 * the installed lens directory, the lens built into the binary.  A catalog
 * owns its entries and their strings. */
#ifndef WALENS_CORE_CATALOG_H
#define WALENS_CORE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

typedef enum { LENS_SRC_USER, LENS_SRC_SYSTEM, LENS_SRC_BUILTIN } LensSource;

typedef struct CatalogEntry {
   char *key, *version, *name;
   char *path; /* NULL for the built-in lens */
   LensSource source;
   bool shadowed; /* a source of higher precedence has the same key */
} CatalogEntry;

typedef struct Catalog {
   CatalogEntry *items;
   size_t count, cap;
} Catalog;

/* Scans every source.  Files that do not load are reported in diags (as
 * warnings: one bad file in a directory must not hide the others). */
void Catalog_scan(Catalog *c, DiagList *diags);
struct Lens;
/* The same, given a lens already parsed (or NULL): when the built-in text
 * is the text it was parsed from (same sha256), the built-in entry is taken
 * from it instead of parsing that text again. */
void Catalog_scanWith(Catalog *c, DiagList *diags, const struct Lens *known);
void Catalog_free(Catalog *c);
/* The first non-shadowed entry with this key, or NULL. */
const CatalogEntry *Catalog_find(const Catalog *c, const char *key);
/* True when a lens argument names a file rather than a catalogue key: it
 * has a '/' or ends in .yaml, .yml or .json. */
bool Catalog_looksLikePath(const char *arg);
const char *LensSource_label(LensSource s); /* translated: "user", "installed", "built-in" */

/* The catalogue walk, shared by the lenses (here) and the profiles
 * (profiles.h), which live in the same kind of directories: calls visit
 * with each regular file of user_dir (LENS_SRC_USER), then of system_dir
 * (LENS_SRC_SYSTEM), whose name ends in one of suffixes (NULL-terminated),
 * in name order within a directory.  A missing directory (or NULL) is
 * normal; a FIFO, device or socket named like a file is a warning in diags
 * and skipped.  path is valid during the call only. */
typedef void Catalog_visitFn(void *ctx, const char *path, LensSource src, DiagList *diags);
void Catalog_walkDirs(const char *user_dir, const char *system_dir, const char *const *suffixes,
                      Catalog_visitFn *visit, void *ctx, DiagList *diags);

/* Reads a whole file (at most max bytes; larger is an error).  Returns a
 * NUL-terminated buffer the caller frees, or NULL with *err set. */
char *File_readAll(const char *path, size_t max, size_t *len, char **err);
/* The same for a lens file: never blocks, and refuses a FIFO, a device or a
 * socket (Lens_openFile). */
char *File_readLens(const char *path, size_t max, size_t *len, char **err);

#endif
