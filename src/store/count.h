/* count.h: each review's risk counts, kept at write time, so that a list
 * of 10,000 workloads reads one row a review instead of every answer.
 *
 * The store keeps no lens structures: the counts come from the caller
 * (reviewdoc.c computes them on the review's lens) and the store only
 * remembers at which generation of the review's answers (review.answers_gen,
 * raised by a trigger on every change of an answer or a choice, whoever
 * writes it) and on which lens they were taken.  A row whose generation or
 * lens no longer matches is handed over as stale, never as true. */
#ifndef WALENS_STORE_COUNT_H
#define WALENS_STORE_COUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

typedef struct StoreCounts {
   int64_t questions, answered, unanswered, high, medium, none, na;
   int64_t practices, selected;
} StoreCounts;

/* One current review as Store_scanReviewCounts hands it over; the strings
 * belong to SQLite and last until the visitor returns. */
typedef struct StoreCountRow {
   int64_t review_id, lens_id;
   bool fresh;                    /* counts were taken at the review's present answers and lens */
   bool have;                     /* a row exists (fresh or stale) */
   StoreCounts counts;            /* valid when have */
   const char *last_at, *last_by; /* the review's newest history row, NULL without one */
} StoreCountRow;

/* Hands every current review's counts and newest change to fn, by review
 * id, in one read. */
StoreStatus Store_scanReviewCounts(Store *s, void (*fn)(const StoreCountRow *, void *), void *ctx);

/* Records c as review_id's counts at its present generation and lens: the
 * caller computed c from the answers inside the same write transaction
 * (Store_batchBegin), or the row would claim a state it never saw. */
StoreStatus Store_putReviewCounts(Store *s, int64_t review_id, const StoreCounts *c);

/* Store_listWorkloads with only what a list of every workload needs: ids,
 * name, archived, updated_at and updated_by (description, environment,
 * owner and created_at NULL); the same order. */
StoreStatus Store_listWorkloadNames(Store *s, bool include_archived, Workload **out, size_t *n);

/* One row of the workloads list as Store_listWorkloadRows reads it: the
 * workload (as Store_listWorkloadNames fills it), its current review's kept
 * counts and its newest change.  Owns its strings (StoreListRow_free). */
typedef struct StoreListRow {
   Workload w;
   bool fresh;              /* counts were taken at the present answers and lens */
   StoreCounts counts;      /* valid when fresh */
   char *last_at, *last_by; /* the review's newest history row; NULL without one */
} StoreListRow;

/* The workloads list in one query, in name order: rows first .. first +
 * limit - 1 (limit 0: every row from first on), so that a screen can show
 * its first page before it reads the rest.  A row whose counts are not
 * fresh must be counted on its lens (ReviewDoc_summaries). */
StoreStatus Store_listWorkloadRows(Store *s, bool include_archived, size_t first, size_t limit,
                                   StoreListRow **out, size_t *n);

/* The same rows handed to fn one at a time, in the same order; fn takes
 * over the row's strings (so that no second array of every row is held). */
StoreStatus Store_scanWorkloadRows(Store *s, bool include_archived, size_t first, size_t limit,
                                   void (*fn)(StoreListRow *, void *), void *ctx);

/* The one row of workload_id, as Store_scanWorkloadRows would hand it
 * over, archived or not (a list shown again after one workload changed);
 * STORE_NOT_FOUND when no such workload is left. */
StoreStatus Store_scanWorkloadRow(Store *s, int64_t workload_id, void (*fn)(StoreListRow *, void *),
                                  void *ctx);

/* How many workloads the list holds (archived ones only when asked), and
 * the longest name in characters of those not archived and of those
 * archived: what sizes a list's name column before its rows are read. */
StoreStatus Store_countWorkloads(Store *s, bool include_archived, size_t *n, size_t *longest,
                                 size_t *longest_archived);

/* Frees the strings of a row (the row itself belongs to the caller). */
void StoreListRow_free(StoreListRow *r);

#endif
