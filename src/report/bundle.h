/* bundle.h: one workload's review as a single JSON file, to carry it to
 * another database (walens export / walens import).
 *
 * A bundle holds the workload, the exact lens text its review is pinned to,
 * the answers, the plan tracking, the milestones, the history and the
 * re-review marks, with the times and users recorded in the database it
 * came from.  Its format is described in doc/bundle.md.  Exporting,
 * importing into an empty database and exporting again gives the same
 * text. */
#ifndef WALENS_REPORT_BUNDLE_H
#define WALENS_REPORT_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

#define BUNDLE_FORMAT_NAME "walens-bundle"
#define BUNDLE_VERSION 1
/* Larger files are refused before parsing. */
#define BUNDLE_MAX_SIZE (64u * 1024u * 1024u)

/* The bundle of the named workload (caller frees *text).  On failure
 * returns the status with *err (caller frees). */
StoreStatus Bundle_export(Store *s, const char *workload, char **text, char **err);

/* Checks the whole bundle first (JSON syntax, types, the lens text against
 * its sha256 and the loader, every answer against the lens, snapshots,
 * times, names), then writes it in one transaction: a refused bundle
 * changes nothing.  name_as (or NULL) imports under another name; a name
 * that is taken is refused with STORE_EXISTS.  user is recorded on the
 * re-review marks.  On success *name (caller frees, may be NULL) is the
 * new workload's name.  Never crashes on any input. */
StoreStatus Bundle_import(Store *s, const char *text, size_t len, const char *name_as,
                          const char *user, char **name, char **err);

/* The checks Bundle_import makes before touching the database, without
 * one (the store's own checks of times, names and dates are not made):
 * false with *err (caller frees; err may be NULL).  For fuzzing and for
 * tools that only want to know whether a file is a sound bundle. */
bool Bundle_validate(const char *text, size_t len, char **err);

#endif
