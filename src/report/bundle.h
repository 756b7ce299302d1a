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

/* What a clash is about, and so which decisions it takes. */
typedef enum {
   BUNDLE_CLASH_ANSWER,    /* a practice, the selection, N/A: ours or theirs */
   BUNDLE_CLASH_NOTES,     /* a question's notes: also both, or an edited text */
   BUNDLE_CLASH_PLAN,      /* a plan field: also an edited value (both: the note only) */
   BUNDLE_CLASH_MILESTONE, /* a milestone of the same name: theirs and both keep both */
} BundleClashKind;

/* A part both sides changed to different values. */
typedef struct BundleClash {
   char *what;          /* "MLOPS01: practice MLOPS01_a", "MLOPS01/MLOPS01_a: owner", ... */
   char *ours, *theirs; /* both values, as short text (notes whole) */
   char *by, *at;       /* who made the change here, when ("?" when unknown) */
   BundleClashKind kind;
} BundleClash;

/* A reviewer's decision on one clash (the TUI's Y, T, b, e). */
typedef enum {
   BUNDLE_TAKE_NONE, /* not decided */
   BUNDLE_TAKE_OURS,
   BUNDLE_TAKE_THEIRS,
   BUNDLE_TAKE_BOTH, /* notes and plan notes: ours, then theirs on the next line */
   BUNDLE_TAKE_EDIT, /* notes or a plan field: text */
} BundleTake;

typedef struct BundleDecision {
   const char *what; /* a BundleClash's what */
   BundleTake take;
   const char *text; /* BUNDLE_TAKE_EDIT only */
} BundleDecision;

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

/* Bundle_mergeInto with each clash settled by its own decision, matched by
 * what: a clash without one (or with a decision its kind does not take)
 * leaves nothing written and STORE_CONFLICT, as BUNDLE_PREFER_NONE does.
 * The decided parts are written with the merge rules (a write over what is
 * here now, in the history like the rest of the merge).  dry_run lists the
 * clashes and writes nothing (STORE_CONFLICT when there are clashes, else
 * STORE_OK). */
StoreStatus Bundle_mergeDecided(Store *s, const char *text, size_t len, const char *workload,
                                const BundleDecision *d, size_t n, bool dry_run, const char *user,
                                BundleMerge *out, char **err);

#endif
