/* snapshot.h: a review frozen in time (what a milestone stores), and the
 * difference between two of them.
 *
 * A Snapshot is self-contained: it copies the titles, answers, notes, risks
 * as computed when it was taken, the plan with its tracking, and counts per
 * risk, pillar and phase.  It never points into a Lens, so it reads the same
 * after the lens or the answers change; the JSON form (Snapshot_toJson) is
 * what the store keeps, and Snapshot_fromJson reads it back without
 * recomputing anything.
 *
 * Pure data and computation: no SQL (jansson for the JSON form).  A Snapshot
 * owns everything it holds; Snapshot_free() releases it. */
#ifndef WALENS_CORE_SNAPSHOT_H
#define WALENS_CORE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lens.h"
#include "core/plan.h"
#include "core/review.h"

/* The "format" field of the JSON; a newer number is refused by fromJson. */
#define SNAPSHOT_FORMAT 1

typedef struct SnapCounts {
   size_t questions;
   size_t by_risk[RISK_COUNT];               /* indexed by Risk */
   size_t practices, practices_selected;     /* non-`_no` choices */
   size_t plan_active;                       /* derived plan items */
   size_t plan_by_status[PLAN_STATUS_COUNT]; /* of the active items */
   size_t plan_overdue;                      /* active, pending, due before the day taken */
} SnapCounts;

typedef struct SnapGroup {
   char *id, *name;
   SnapCounts counts; /* over its questions and their plan items */
} SnapGroup;

typedef struct SnapChoice {
   char *id, *title;
   Weight weight;
   bool is_none;
   ChoiceState state;
   char *notes; /* the practice's own notes (evidence), or NULL */
} SnapChoice;

typedef struct SnapQuestion {
   char *id, *title;
   size_t pillar; /* index into Snapshot.pillars */
   int phase;     /* index into Snapshot.phases, -1 when the lens has none */
   Risk risk;
   bool not_applicable;
   NaReason reason;
   char *notes; /* or NULL */
   SnapChoice *choices;
   size_t n_choices;
   char *na_note; /* the short text beside the reason (only when not applicable), or NULL */
} SnapQuestion;

typedef struct Snapshot {
   int format;
   char *workload;
   char *lens_key, *lens_version, *lens_name, *lens_sha256; /* version may be NULL */
   char *today;       /* YYYY-MM-DD the overdue counts were computed for, or NULL */
   SnapGroup *phases; /* n_phases == 0 for a lens without phases */
   size_t n_phases;
   SnapGroup *pillars;
   size_t n_pillars;
   SnapQuestion *questions; /* in lens order */
   size_t n_questions;
   /* Items index into questions[] / their choices[]; orphaned items carry
    * PLAN_NO_INDEX and only their ids. */
   Plan plan;
   SnapCounts total;
} Snapshot;

/* Freezes r (its lens gives titles and structure) with plan (built by
 * Plan_build on the same review; copied).  notes: one per question in lens
 * order (entries may be NULL), or NULL for none.  workload may be NULL;
 * today (YYYY-MM-DD or NULL) decides the overdue counts. */
void Snapshot_build(const Review *r, const char *const *notes, const Plan *plan,
                    const char *workload, const char *today, Snapshot *out);
void Snapshot_free(Snapshot *s);
/* The phase x pillar matrix of the risks the snapshot froze (never
 * recomputed: the lens may have changed since).  Free with Matrix_free. */
void Snapshot_matrix(const Snapshot *s, Matrix *m);

/* Compact JSON text (caller frees), keys in a fixed order; NULL only when a
 * string is not valid UTF-8 (never for a snapshot of a loaded lens). */
char *Snapshot_toJson(const Snapshot *s);
/* Parses what toJson wrote.  On failure returns false, *out is left empty
 * (safe to free) and *err (caller frees) says what is wrong, e.g.
 * "snapshot: format 2 is newer than this walens (1)". */
bool Snapshot_fromJson(const char *text, Snapshot *out, char **err);

/* Lookups: index or -1. */
int Snapshot_findQuestion(const Snapshot *s, const char *id);
int SnapQuestion_findChoice(const SnapQuestion *q, const char *id);

/* ---- the difference between two snapshots ---- */

/* A question whose risk changed, or that exists in one snapshot only (from
 * or to NULL).  Both point into the snapshots given to Snapshot_diff. */
typedef struct SnapRiskChange {
   const SnapQuestion *from, *to;
} SnapRiskChange;

/* A practice (not a "None of these" choice) selected or unselected between
 * the two; question and choice
 * point into the `to` snapshot, or into `from` when unselected by removal
 * from the lens. */
typedef struct SnapPracticeChange {
   const SnapQuestion *question;
   const SnapChoice *choice;
   bool selected;
} SnapPracticeChange;

typedef enum {
   SNAP_PLAN_OPENED = 0, /* active in `to`, not in `from` */
   SNAP_PLAN_CLOSED,     /* active in `from`, not in `to` */
   SNAP_PLAN_CHANGED,    /* active (or not) in both, tracking changed */
} SnapPlanChangeKind;

/* Tracking fields that changed (bits of SnapPlanChange.fields). */
enum {
   SNAP_FIELD_STATUS = 1 << 0,
   SNAP_FIELD_OWNER = 1 << 1,
   SNAP_FIELD_DUE = 1 << 2,
   SNAP_FIELD_PRIORITY = 1 << 3,
   SNAP_FIELD_NOTE = 1 << 4,
   SNAP_FIELD_IMPACT = 1 << 5,
   SNAP_FIELD_EFFORT = 1 << 6,
};

typedef struct SnapPlanChange {
   SnapPlanChangeKind kind;
   const PlanItem *from, *to; /* into the snapshots' plans; NULL when absent there */
   unsigned fields;           /* SNAP_FIELD_* that differ (may be set for opened/closed too) */
} SnapPlanChange;

/* The counts as the snapshot text keeps them (questions, one key per risk,
 * practices, plan_active, plan_overdue, plan_status by status): the shape
 * milestone listings print too.  NULL when memory ran out; the caller owns
 * the reference. */
struct json_t *SnapCounts_toJson(const SnapCounts *c);
/* Phases or pillars as the snapshot text keeps them: an array of
 * { "id", "name", "counts": SnapCounts_toJson }, in the given order.  The one
 * writer of the groups for milestone listings and report JSON too.  NULL
 * when memory ran out or a name is not UTF-8; the caller owns the reference. */
struct json_t *SnapGroups_toJson(const SnapGroup *g, size_t n);

/* The name of one SNAP_FIELD_* bit ("status", "owner", "due", "priority",
 * "note", "impact", "effort"), for JSON; NULL for anything else. */
const char *SnapField_name(unsigned field);
/* What changed, in words: "status open -> done; owner - -> alice; note
 * changed", each field's old and new value joined by arrow (" -> ", or the
 * TUI's glyph).  Translated; caller frees. */
char *SnapPlanChange_describe(const SnapPlanChange *c, const char *arrow);

typedef struct SnapshotDiff {
   SnapRiskChange *risks; /* in `to` question order, then questions only in `from` */
   size_t n_risks;
   SnapPracticeChange *practices; /* selected first, then unselected; question order */
   size_t n_practices;
   SnapPlanChange *plan; /* opened, closed, changed; each in the `to` (or `from`) plan order */
   size_t n_plan;
   /* Totals. */
   size_t n_better, n_worse;  /* risk changes by Risk_severity, both present and answered */
   size_t n_added, n_removed; /* questions in one snapshot only */
   size_t n_selected, n_unselected;
   size_t n_opened, n_closed, n_changed;
   /* Risk changes from unanswered to an answer (n_answered) and back
    * (n_unanswered): neither better nor worse, so not in those counts. */
   size_t n_answered, n_unanswered;
} SnapshotDiff;

/* Compares from -> to.  The diff borrows from both: keep them alive while
 * using it.  Empty arrays are NULL. */
void Snapshot_diff(const Snapshot *from, const Snapshot *to, SnapshotDiff *out);
void SnapshotDiff_free(SnapshotDiff *d);
/* Nothing changed at all. */
bool SnapshotDiff_isEmpty(const SnapshotDiff *d);

#endif
