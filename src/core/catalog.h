/* catalog.h: the lenses walens can offer, from every place they live.
 *
 * Sources, in order of precedence for one key: the user's lens directory,
 * the installed lens directory, the lens built into the binary.  A catalog
 * owns its entries and their strings. */
#ifndef WALENS_CATALOG_H
#define WALENS_CATALOG_H

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
const char *LensSource_label(LensSource s); /* translated: "user", "installed", "built-in" */

/* Reads a whole file (at most max bytes; larger is an error).  Returns a
 * NUL-terminated buffer the caller frees, or NULL with *err set. */
char *File_readAll(const char *path, size_t max, size_t *len, char **err);

#endif
