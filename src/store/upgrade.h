/* upgrade.h: moving a workload's review to a newer version of its lens, and
 * the "re-review" marks that the move leaves on changed questions.
 *
 * Decision: the review row stays and its lens_id changes.  Milestones, plan
 * tracking and history stay attached to the one review; a milestone taken
 * before the upgrade is self-contained (core/snapshot.h), so it needs no old
 * lens to read.  The old lens text stays in the lens table.
 *
 * An upgrade, in one transaction: saves a milestone of the review as it was;
 * switches the review to the new lens row; rewrites each answer that loses a
 * choice (the choice no longer exists) and deletes each answer of a question
 * that no longer exists (each with a history row, so nothing disappears
 * without a trace); marks for re-review every answered question whose title,
 * choices or rules changed; appends a "workload" history row for the lens
 * change.  Plan tracking is keyed by ids and is kept as it is (items of
 * removed practices show as PLAN_ITEM_ORPHANED). */
#ifndef WALENS_UPGRADE_H
#define WALENS_UPGRADE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lensdiff.h"
#include "store/reviewdoc.h"
#include "store/store.h"

/* ---- re-review marks (store level, ids only) ---- */

/* Question ids of the review marked for re-review, sorted.  Caller frees
 * each and the array. */
StoreStatus Store_getReviewMarks(Store *s, int64_t review_id, char ***ids, size_t *n);
/* Clears one mark (the user looked again and confirms the answer).  A
 * missing mark is STORE_OK with nothing written.  Writing the question's
 * answer (Store_putAnswer) clears its mark as well (a trigger does it), and
 * so does saving the same answer again, which confirms it this way. */
StoreStatus Store_clearReviewMark(Store *s, int64_t review_id, const char *question_id,
                                  const char *user);

/* The writes of one upgrade, computed by ReviewDoc_upgrade. */
typedef struct StoreReviewUpgrade {
   int64_t review_id;
   int64_t from_lens_id, to_lens_id; /* STORE_CONFLICT when the review is no longer on from */
   const char *workload;             /* for the history row */
   const char *milestone, *snapshot; /* saved first (STORE_EXISTS when the name is taken) */
   /* Answers that lose choices: as read (its .version must still be the
    * stored one, else STORE_CONFLICT) and as they become. */
   const StoredAnswer *rewrite_from, *rewrite_to;
   size_t n_rewrite;
   const StoredAnswer *remove; /* answers deleted, as read (version checked) */
   size_t n_remove;
   char *const *marks; /* question ids to mark */
   size_t n_marks;
} StoreReviewUpgrade;

StoreStatus Store_upgradeReview(Store *s, const StoreReviewUpgrade *u, const char *user);

/* ---- finding and applying an upgrade ---- */

/* A lens version the review could move to. */
typedef struct LensCandidate {
   char *key, *version, *name;
   char *path;      /* a lens file, or NULL (built-in, or stored in the database) */
   bool builtin;    /* the lens compiled into walens */
   int64_t lens_id; /* its row when already stored, else 0 */
} LensCandidate;

/* The newest lens with the review's key and a higher version (Version_compare)
 * than the review's, among the lens directories, the built-in lens and the
 * lenses stored in the database.  STORE_NOT_FOUND when there is none.
 * Reads only (nothing is stored), so a read-only dashboard may call it. */
StoreStatus ReviewDoc_findUpgrade(Store *s, const ReviewDoc *doc, LensCandidate *out);
void LensCandidate_free(LensCandidate *c);

/* What an upgrade did (or would do), question by question. */
typedef struct UpgradeItem {
   char *question_id;
   char *title;            /* from the new lens; the old one for a removed question */
   unsigned changes;       /* LENSDIFF_* */
   bool answered;          /* the old review had an answer (or notes) for it */
   bool marked;            /* marked for re-review */
   char **removed_choices; /* every choice of the old question gone from the new */
   size_t n_removed_choices;
   char **dropped; /* of those, the ones the answer had selected or marked N/A */
   size_t n_dropped;
} UpgradeItem;

typedef struct UpgradeReport {
   char *lens_key, *from_version, *to_version; /* versions may be NULL */
   int64_t to_lens_id;
   char *milestone;    /* the milestone saved before (the name it would get on a dry run) */
   bool same;          /* the review already uses this exact lens text: nothing to do */
   UpgradeItem *items; /* questions added, removed or changed (LensDiff order) */
   size_t n_items;
   size_t carried;   /* answers carried to the new lens */
   size_t rewritten; /* of those, answers that lost a choice */
   size_t removed;   /* answers of removed questions (deleted, kept in history and the milestone) */
   size_t marked;    /* questions marked for re-review */
} UpgradeReport;

enum {
   UPGRADE_DRY_RUN = 1 << 0,     /* compute the report, write nothing */
   UPGRADE_ALLOW_OLDER = 1 << 1, /* accept a lens older than the review's */
};

/* Upgrades doc's review to lens_arg (a file path or a key, as for
 * ReviewDoc_resolveLens; NULL: ReviewDoc_findUpgrade's candidate).  The lens
 * must have the review's key and, without UPGRADE_ALLOW_OLDER, a version no
 * older than the review's (else STORE_INVALID).  milestone NULL names the
 * milestone "before-upgrade-to-VERSION" (with "-2", "-3" ... when taken).
 * UPGRADE_DRY_RUN computes the report and writes nothing (the lens text is
 * not stored either).  On success (not dry run) doc is reloaded on the new
 * lens.  Lens problems go to diags; any failure sets *err. */
StoreStatus ReviewDoc_upgrade(Store *s, ReviewDoc *doc, const char *lens_arg, const char *milestone,
                              unsigned flags, const char *user, UpgradeReport *out, DiagList *diags,
                              char **err);
void UpgradeReport_free(UpgradeReport *r);

#endif
