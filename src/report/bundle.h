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

/* ---- merging a bundle back (walens import BUNDLE --into WORKLOAD) ---- */

typedef enum { BUNDLE_PREFER_NONE, BUNDLE_PREFER_OURS, BUNDLE_PREFER_THEIRS } BundlePrefer;

/* A part both sides changed to different values. */
typedef struct BundleClash {
   char *what;          /* "MLOPS01: practice MLOPS01_a", "MLOPS01/MLOPS01_a: owner", ... */
   char *ours, *theirs; /* both values, as short text */
   char *by, *at;       /* who made the change here, when ("?" when unknown) */
} BundleClash;

/* What a merge did or would do.  Owns its strings: BundleMerge_free(). */
typedef struct BundleMerge {
   size_t shared;     /* history rows both sides have (the common base ends there) */
   size_t brought;    /* history rows of the bundle's side written here */
   size_t answers;    /* questions the bundle changed since the base, merged */
   size_t plan;       /* plan items the bundle changed since the base, merged */
   size_t milestones; /* milestones brought */
   BundleClash *clashes;
   size_t n_clashes;
   BundlePrefer prefer; /* how the clashes were settled (NONE: they were not) */
   bool nothing;        /* every change in the bundle is here already: nothing written */
} BundleMerge;

void BundleMerge_free(BundleMerge *m);

/* Merges a bundle exported from `workload` (here or from a copy of it) and
 * changed elsewhere back into it: the bundle is checked as for
 * Bundle_import; it must share history with the workload (its first
 * entries are the workload's own), be on the same lens text, and agree
 * with its own history (each answer and plan item is what its last history
 * entry says: a bundle edited by hand is refused).  The changes the
 * bundle's side made after the last entry both sides share are applied
 * with the rules of concurrent edits (Store_mergeAnswer,
 * Store_mergePlanTracking); the history entries and milestones of that side
 * come along with their authors and times.  Clashes are listed in out; with
 * BUNDLE_PREFER_NONE a merge that has any writes nothing and returns
 * STORE_CONFLICT, else they are settled that way.  Everything is written in
 * one transaction.  Refusals are STORE_INVALID (or STORE_NOT_FOUND for the
 * workload) with *err (caller frees) saying why; nothing is written. */
StoreStatus Bundle_mergeInto(Store *s, const char *text, size_t len, const char *workload,
                             BundlePrefer prefer, const char *user, BundleMerge *out, char **err);

#endif
