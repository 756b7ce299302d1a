/* portkeep.h: what the portfolio report (report --all) needs of one review,
 * kept at write time (schema step 14, table review_portfolio), so that a
 * portfolio of 10,000 workloads reads one row a review instead of every
 * answer, choice and plan item.
 *
 * A PortKeep is computed from the review's answers and plan tracking on its
 * lens (PortKeep_build, the one computation: the report's own count of a
 * review without a fresh row uses it too); the store remembers at which
 * answers generation, plan generation and lens it was taken, and hands a
 * row over as fresh only while all three still hold (as count.h does for
 * the risk counts).  What depends on the day (which plan items are overdue)
 * is kept as the due dates themselves and counted when read. */
#ifndef WALENS_STORE_PORTKEEP_H
#define WALENS_STORE_PORTKEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/plan.h"
#include "core/review.h"
#include "store/store.h"

/* Bits of a heat-map cell: the review has a HIGH / MEDIUM / unanswered
 * question there (the same values as PORTFOLIO_CELL_*). */
enum { PORTKEEP_CELL_HIGH = 1, PORTKEEP_CELL_MEDIUM = 2, PORTKEEP_CELL_UNANSWERED = 4 };

typedef struct PortKeep {
   size_t by_risk[RISK_COUNT];
   size_t questions, answered;
   unsigned char *cells; /* rows x cols (row-major), PORTKEEP_CELL_* bits */
   size_t n_cells;
   /* The plan items Plan_derive gives, in its order: the practice's index
    * among all the lens's choices (question by question), times 2, plus 1
    * when its question is HIGH. */
   size_t *gaps;
   size_t n_gaps;
   size_t plan_open, plan_in_progress, plan_done;
   /* The due dates of those items still pending, in gaps order. */
   char **dues;
   size_t n_dues;
} PortKeep;

/* One plan tracking row as the build needs it (borrowed strings; due NULL
 * or "" when unset). */
typedef struct PortKeepTrack {
   const char *question, *choice, *due;
   PlanStatus status;
} PortKeepTrack;

/* The heat-map's size for lens: phases (1 without phases) x pillars. */
void PortKeep_shape(const Lens *lens, size_t *rows, size_t *cols);
/* Fills k (owned by the caller: PortKeep_free) from rv's answers and the
 * tracking rows, the first row of a practice counting. */
void PortKeep_build(PortKeep *k, const Review *rv, const PortKeepTrack *tracks, size_t n_tracks);
/* How many of the pending items were due before today (YYYY-MM-DD). */
size_t PortKeep_overdue(const PortKeep *k, const char *today);
bool PortKeep_equal(const PortKeep *a, const PortKeep *b);
void PortKeep_free(PortKeep *k);

/* ---- the kept rows (store_portkeep.c) ---- */

/* One current review as Store_scanPortKeep hands it over; strings belong
 * to SQLite and last until the visitor returns. */
typedef struct PortKeepRow {
   int64_t review_id, lens_id;
   bool fresh;                    /* kept at the present answers, plan and lens */
   PortKeep keep;                 /* decoded when fresh; else zero */
   const char *last_at, *last_by; /* the review's newest change, NULL without one */
} PortKeepRow;

/* Hands every current review to fn, by review id, in one query.  A row
 * whose text does not decode (a damaged file) is handed over as not fresh. */
StoreStatus Store_scanPortKeep(Store *s, void (*fn)(const PortKeepRow *, void *), void *ctx);

/* Records k as review_id's row at its present generations and lens: the
 * caller computed k from what it read inside the same transaction, or the
 * row would claim a state it never saw. */
StoreStatus Store_putPortKeep(Store *s, int64_t review_id, const PortKeep *k);

/* Builds k (PortKeep_free) from review_id's answers and plan tracking as
 * stored now, on lens, inside the caller's transaction if any. */
StoreStatus PortKeep_read(Store *s, int64_t review_id, const Lens *lens, PortKeep *k);

/* Records review_id's row from rv (its answers as the caller just read them
 * inside its write transaction) and its plan tracking. */
StoreStatus PortKeep_keepReview(Store *s, int64_t review_id, const Review *rv);

/* Reads review_id's answers and plan tracking, builds its row on lens and
 * records it, in one write transaction (nested in the caller's batch when
 * there is one). */
StoreStatus PortKeep_keep(Store *s, int64_t review_id, const Lens *lens);

/* The check behind `walens doctor`: every current review counted again on
 * its lens and compared with its kept row; *drifted those missing, out of
 * date or different, recorded again when repair (the caller's batch).  A
 * review whose lens does not load is left out. */
StoreStatus PortKeep_check(Store *s, bool repair, size_t *checked, size_t *drifted);

#endif
