/* pending.h: bundles whose merge back (walens import BUNDLE --into
 * WORKLOAD) met clashes and wait, whole, for a reviewer to decide each in
 * the TUI (src/store/store_pending.c).  Nothing of them is written into the
 * review until then; the bundle is kept so that nothing of it is lost. */
#ifndef WALENS_STORE_PENDING_H
#define WALENS_STORE_PENDING_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* One waiting bundle.  Owns its strings: PendingImport_freeArray. */
typedef struct PendingImport {
   int64_t id;
   char *source; /* the file it was imported from, as given */
   char *bundle; /* the bundle's text */
   size_t clashes;
   char *imported_at, *imported_by;
} PendingImport;

/* Keeps a bundle for review_id (a JSON text; the same text kept again
 * replaces the older row, so importing one file twice waits once).
 * Appends no history: nothing of the review changed. */
StoreStatus Store_keepImport(Store *s, int64_t review_id, const char *source, const char *bundle,
                             size_t clashes, const char *user);
/* The bundles waiting for review_id, oldest first. */
StoreStatus Store_pendingImports(Store *s, int64_t review_id, PendingImport **out, size_t *n);
/* Forgets the waiting bundles of review_id with this text (merged, or
 * settled with --prefer). */
StoreStatus Store_dropImport(Store *s, int64_t review_id, const char *bundle);
void PendingImport_freeArray(PendingImport *a, size_t n);

#endif
