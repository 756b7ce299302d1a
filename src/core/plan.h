/* plan.h: the improvement plan joined with the user's tracking.
 *
 * The list of items is derived from risk (Plan_derive in review.h); what the
 * user records about an item (status, owner, due date, priority, note) is
 * kept apart, keyed by question id and choice id, so it survives answer
 * changes and lens upgrades.  Plan_build joins the two: every derived item
 * with its tracking (or the defaults), then every tracked item that is no
 * longer derived, with the reason why (resolved by the answer, no longer at
 * risk, question not answered yet, or gone from the lens).
 *
 * Pure computation: no SQL.  The store layer converts its rows to PlanTrack
 * (store/plan.h); snapshots (snapshot.h) embed a Plan.  A Plan owns its items
 * and each item owns its PlanTrack strings; Plan_free() releases them. */
#ifndef WALENS_CORE_PLAN_H
#define WALENS_CORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/review.h"

typedef enum {
   PLAN_OPEN = 0,
   PLAN_IN_PROGRESS,
   PLAN_DONE,
   PLAN_RISK_ACCEPTED,
   PLAN_WONT_DO,
} PlanStatus;
#define PLAN_STATUS_COUNT 5

/* API names as the store keeps them: "open", "in_progress", "done",
 * "risk_accepted", "wont_do".  Parse takes those, the English labels
 * ("won't do") and the labels of the current language ("in Arbeit"), with
 * '-', ' ' and '_' alike and any letter case ("in-progress", "Risk Accepted"). */
const char *PlanStatus_name(PlanStatus s);
bool PlanStatus_parse(const char *name, PlanStatus *out);
/* True when s is a status exactly as PlanStatus_name() writes it (stored data). */
bool PlanStatus_isName(const char *s);
/* Translated, for screens: "open", "in progress", "done", "risk accepted",
 * "won't do". */
const char *PlanStatus_label(PlanStatus s);
/* Open and in progress count as still to do (overdue applies to them). */
bool PlanStatus_isPending(PlanStatus s);

/* "YYYY-MM-DD" naming a real calendar day (the form due dates take). */
bool Plan_validDate(const char *ymd);

/* A priority as typed: a whole number from 0 (none) to PLAN_PRIORITY_MAX,
 * 1 the first.  The CLI and the TUI take the same words; an empty text is
 * refused here (the TUI reads it as "none" before asking). */
#define PLAN_PRIORITY_MAX 1000000
bool Plan_parsePriority(const char *text, int *out);

/* Impact and effort of an item, for a plan people can schedule: unset, or
 * low, medium, high.  Names as stored and in CSV/JSON: "low", "medium",
 * "high" (unset has none: NULL). */
typedef enum {
   PLAN_LEVEL_NONE = 0,
   PLAN_LEVEL_LOW,
   PLAN_LEVEL_MEDIUM,
   PLAN_LEVEL_HIGH,
} PlanLevel;
#define PLAN_LEVEL_COUNT 4

/* "low", "medium", "high"; NULL for PLAN_LEVEL_NONE. */
const char *PlanLevel_name(PlanLevel l);
/* Translated, for screens and reports: "low", "medium", "high", "-" when unset. */
const char *PlanLevel_label(PlanLevel l);
/* Takes the names, their first letters (l, m, h), the labels of the
 * current language, any case; "none", "-" and "" read as PLAN_LEVEL_NONE. */
bool PlanLevel_parse(const char *name, PlanLevel *out);
/* Exactly as PlanLevel_name() writes it (stored data). */
bool PlanLevel_isName(const char *s);

/* The user's tracking of one item.  All strings owned (NULL when unset),
 * question_id and choice_id always set. */
typedef struct PlanTrack {
   char *question_id, *choice_id;
   PlanStatus status;
   char *owner, *due, *note; /* due: YYYY-MM-DD */
   int priority;             /* 0 = unset, else >= 1 */
   PlanLevel impact, effort; /* PLAN_LEVEL_NONE when unset */
   int64_t version;          /* store row version; 0 = never written */
   char *updated_at, *updated_by;
} PlanTrack;

void PlanTrack_free(PlanTrack *t);
/* Deep copy into *dst. */
void PlanTrack_copy(PlanTrack *dst, const PlanTrack *src);
/* Why an item is (or is no longer) in the plan. */
typedef enum {
   PLAN_ITEM_ACTIVE = 0, /* derived from the current risk: to be improved */
   PLAN_ITEM_RESOLVED,   /* the practice is now selected: resolved by the answer */
   PLAN_ITEM_NOT_NEEDED, /* not selected, but the question is no longer HIGH or
                             MEDIUM, or it or the practice is marked not applicable */
   PLAN_ITEM_UNANSWERED, /* nothing selected, and neither the question nor the
                             practice marked not applicable: not answered (yet) */
   PLAN_ITEM_ORPHANED,   /* the lens has no such question or choice (any more) */
} PlanItemState;
#define PLAN_ITEM_STATE_COUNT 5

/* "active", "resolved", "not_needed", "unanswered", "orphaned" / translated
 * labels. */
const char *PlanItemState_name(PlanItemState s);
bool PlanItemState_parse(const char *name, PlanItemState *out);
const char *PlanItemState_label(PlanItemState s);

#define PLAN_NO_INDEX ((size_t)-1)

typedef struct PlanItem {
   size_t question, choice; /* into the lens (or snapshot); PLAN_NO_INDEX when orphaned */
   PlanItemState state;
   Risk risk;       /* the question's risk now; RISK_UNANSWERED when orphaned */
   Weight weight;   /* the practice's weight; WEIGHT_NONE when orphaned */
   bool tracked;    /* the user recorded something (track.version > 0) */
   PlanTrack track; /* the tracking, or the defaults (status open) when untracked */
} PlanItem;

typedef struct Plan {
   PlanItem *items; /* NULL when n == 0 */
   size_t n;
   /* items[0 .. n_active) are the derived plan, in Plan_derive order;
    * items[n_active .. n) are the tracked items no longer derived, ordered by
    * question id then choice id. */
   size_t n_active;
} Plan;

/* Joins Plan_derive(r) with tracks (any order; duplicates keep the first).
 * The tracks are copied. */
void Plan_build(const Review *r, const PlanTrack *tracks, size_t n_tracks, Plan *out);
void Plan_free(Plan *p);
/* Why an item that Plan_derive does not give is out of the plan: sets its
 * question, choice, state, risk and weight from it->track's ids. */
void PlanItem_classify(const Review *r, PlanItem *it);
/* The item with this key, or NULL. */
const PlanItem *Plan_find(const Plan *p, const char *question_id, const char *choice_id);
/* Plan items sorted by key, for many lookups in one plan (Plan_find is a
 * linear search, fine for one). */
typedef struct PlanIndex {
   const Plan *plan; /* borrowed; must outlive the index */
   size_t *idx;      /* owned: positions in plan->items, by key */
} PlanIndex;

void PlanIndex_build(PlanIndex *ix, const Plan *p);
/* The first item with this key (as Plan_find), or NULL; O(log n). */
const PlanItem *PlanIndex_find(const PlanIndex *ix, const char *question_id, const char *choice_id);
void PlanIndex_free(PlanIndex *ix);
/* Due strictly before today (YYYY-MM-DD), still pending, and active. */
bool PlanItem_isOverdue(const PlanItem *it, const char *today);

#endif
