/* plan.h (store): the improvement plan of a loaded review, with the user's
 * tracking from the database, and the milestones built on it.  Shared by the
 * CLI, the TUI (plan and milestone screens) and the reports.
 *
 * Functions that fail return the status and set *err (caller frees) when err
 * is not NULL; the message names the item or milestone. */
#ifndef WALENS_STORE_PLAN_H
#define WALENS_STORE_PLAN_H

#include "core/plan.h"
#include "core/snapshot.h"
#include "store/reviewdoc.h"
#include "store/store.h"

/* Today as YYYY-MM-DD (UTC) by the store's clock: the Store_setNow override
 * (WALENS_NOW in the CLI) or the real clock.  Overdue is judged against it. */
void StorePlan_today(const Store *s, char out[11]);

/* The plan of doc's review now: Plan_derive joined with the stored tracking
 * (see core/plan.h for the order and the item states). */
StoreStatus StorePlan_load(Store *s, const ReviewDoc *doc, Plan *out, char **err);

/* Records the tracking of one item with the row version t->version (0 when
 * never written): STORE_CONFLICT when someone else wrote it meanwhile, and
 * nothing changes.  Validates status, due date (a real YYYY-MM-DD), priority
 * (>= 0) and that the lens has this question and choice (STORE_INVALID,
 * *err says which).  The item need not be active: tracking a resolved item
 * is allowed.  *new_version gets the new row version (the same one when
 * the tracking is unchanged: then nothing is written, see
 * Store_putPlanTracking). */
StoreStatus StorePlan_put(Store *s, const ReviewDoc *doc, const PlanTrack *t, const char *user,
                          int64_t *new_version, char **err);

/* Merges the change from base (the item as the writer saw it; NULL: never
 * tracked) to want into the stored tracking field by field
 * (Store_mergePlanTracking), after the same checks as StorePlan_put.
 * *out says what clashed and was not written (StoreMerge_free). */
StoreStatus ReviewDoc_mergePlan(Store *s, const ReviewDoc *doc, const PlanTrack *base,
                                const PlanTrack *want, const char *user, const char *extra,
                                StoreMerge *out, char **err);

/* ---- milestones ---- */

/* The review as it is now, with its plan, frozen (StorePlan_today for overdue). */
StoreStatus StorePlan_snapshot(Store *s, const ReviewDoc *doc, Snapshot *out, char **err);

/* Saves the current snapshot under name (unique per workload: STORE_EXISTS,
 * *err "workload 'W' already has a milestone named 'N'").  The name is
 * normalised first (core/names.h); one that cannot be is STORE_INVALID. */
StoreStatus StorePlan_addMilestone(Store *s, const ReviewDoc *doc, const char *name,
                                   const char *user, int64_t *id, char **err);

/* A milestone with its snapshot parsed. */
typedef struct MilestoneSnap {
   Milestone row; /* row.snapshot is NULL: the text is parsed into snap */
   Snapshot snap;
   /* NULL, or (owned) why the stored snapshot could not be read, naming
    * the milestone: snap is then empty (all counts zero, no lens), and a
    * list or trend shows the milestone as damaged instead of failing. */
   char *damage;
} MilestoneSnap;

/* One milestone by name: STORE_NOT_FOUND ("workload 'W' has no milestone
 * named 'N'"), STORE_INVALID when its snapshot does not parse. */
StoreStatus StorePlan_milestone(Store *s, const ReviewDoc *doc, const char *name,
                                MilestoneSnap *out, char **err);
/* Every milestone of the review, oldest first, parsed (for lists and
 * trends: snap.total / snap.pillars[].counts / snap.phases[].counts).  A
 * milestone whose snapshot does not parse stays in the list with damage
 * set: one damaged milestone does not hide the others. */
StoreStatus StorePlan_milestones(Store *s, const ReviewDoc *doc, MilestoneSnap **out, size_t *n,
                                 char **err);
/* The same list for trends only: each snap holds just its total counts
 * (snap.total; the rest empty), read without parsing whole snapshots (a
 * snapshot that is not a JSON object gets damage set, as above). */
StoreStatus StorePlan_milestoneTotals(Store *s, const ReviewDoc *doc, MilestoneSnap **out,
                                      size_t *n, char **err);
void MilestoneSnap_free(MilestoneSnap *m);
void MilestoneSnap_freeArray(MilestoneSnap *a, size_t n);

#endif
