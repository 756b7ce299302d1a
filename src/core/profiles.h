/* profiles.h: the profiles walens can offer, from every place they live.
 *
 * Sources, in order of precedence for one key, as for lenses (catalog.h):
 * the user's profile directory ($XDG_DATA_HOME/walens/profiles), the
 * installed one ($WALENS_PROFILEDIR, else "profiles" beside the installed
 * lens directory), the profile built into the binary
 * (data/profiles/machine-learning.yaml).  A Profiles list owns its entries
 * and their strings. */
#ifndef WALENS_CORE_PROFILES_H
#define WALENS_CORE_PROFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalog.h"
#include "core/diag.h"
#include "core/profile.h"

typedef struct ProfileEntry {
   char *key, *version, *title, *lens_key;
   char *path; /* NULL for the built-in profile */
   LensSource source;
   bool shadowed; /* a source of higher precedence has the same key */
} ProfileEntry;

typedef struct Profiles {
   ProfileEntry *items;
   size_t count, cap;
} Profiles;

/* Scans every source; files that do not load are warnings in diags. */
void Profiles_scan(Profiles *list, DiagList *diags);
void Profiles_free(Profiles *list);
/* The first non-shadowed entry with this key, or NULL. */
const ProfileEntry *Profiles_find(const Profiles *list, const char *key);

/* The built-in profile's text and its name in diagnostics. */
const char *Profiles_defaultText(size_t *len);
#define PROFILE_DEFAULT_NAME "machine-learning.yaml (built-in profile)"

/* A profile by argument: a file path (contains '/' or ends in .yaml or
 * .yml), else a key (Profiles_scan).  Its text is returned too (*text,
 * *len, allocated) so that it can be stored as it was read; *name gets the
 * name diagnostics use (allocated).  NULL after reporting to diags. */
Profile *Profiles_resolve(const char *arg, char **text, size_t *len, char **name, DiagList *diags);

/* $XDG_DATA_HOME/walens/profiles and the installed directory (allocated). */
char *Profiles_userDir(void);
char *Profiles_systemDir(void);

#endif
