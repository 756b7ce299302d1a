/* import.h: a whole review written into the database in one transaction
 * (walens import).  The bundle reader (report/bundle.h) checks a bundle
 * against its lens; this checks what the store cares about and writes
 * (src/store/store_import.c). */
#ifndef WALENS_STORE_IMPORT_H
#define WALENS_STORE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Bounds on what one import may bring (documented in walens(1)): the bundle
 * reader also bounds plan items by the practices of the bundle's lens. */
#define STORE_IMPORT_MAX_MILESTONES 1000
#define STORE_IMPORT_MAX_HISTORY 200000
#define STORE_IMPORT_MAX_PLAN 100000

typedef struct StoreImport {
   /* name, description, environment, owner, created_at, updated_at,
    * updated_by, archived are used; ids are ignored. */
   const Workload *workload;
   const char *created_by;
   /* key, version, name, sha256, text, text_len; a row with the same
    * sha256 is shared. */
   const StoreLens *lens;
   const StoredAnswer *answers; /* versions >= 1, times and users kept */
   size_t n_answers;
   const PlanTracking *plan;
   size_t n_plan;
   const Milestone *milestones; /* name, created_at, created_by, snapshot */
   size_t n_milestones;
   const HistoryEntry *history; /* at, user, kind, object, before, after; oldest first */
   size_t n_history;
   char *const *marks; /* question ids marked for re-review */
   size_t n_marks;
   const char *user; /* who imports: recorded on the re-review marks */
   /* The template the review was made from (store/template.h), or NULL. */
   const struct TemplateImport *template_in;
} StoreImport;

/* Validates every field (names, UTF-8, times "YYYY-MM-DDTHH:MM:SSZ", due
 * dates, statuses, reasons, versions, duplicate keys, the counts above, the
 * lens text against its sha256), then writes the lens (a new one with
 * origin 'bundle', under another key when its key is the built-in one or a
 * local lens's: see bundleKey), 
 * the workload and its review, the answers, plan tracking, milestones,
 * history rows (times and users as given) and marks in one BEGIN IMMEDIATE
 * transaction.  STORE_EXISTS when the workload name is taken; STORE_INVALID
 * with Store_lastError() naming the field.  On any failure nothing is
 * written.  *workload_id may be NULL. */
StoreStatus Store_importReview(Store *s, const StoreImport *in, int64_t *workload_id);

/* For a bundle merged back into its workload (report/bundle.h,
 * Bundle_mergeInto): one history entry, or one milestone, written to
 * review_id as the other database recorded it (time and user kept), in the
 * caller's transaction or one of its own.  STORE_INVALID when a field is
 * not what the store keeps; STORE_EXISTS for a milestone name taken. */
StoreStatus Store_bringHistory(Store *s, int64_t review_id, const HistoryEntry *h);
StoreStatus Store_bringMilestone(Store *s, int64_t review_id, const Milestone *m);

#endif
