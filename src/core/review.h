/* review.h: answers and what follows from them (risk, plan, counts, matrix).
 *
 * Pure computation over a Lens: no SQL, no curses.  An Answer owns its
 * choices array; a Review owns its answers. */
#ifndef WALENS_CORE_REVIEW_H
#define WALENS_CORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lens.h"

typedef enum {
   CHOICE_UNSELECTED = 0,
   CHOICE_SELECTED = 1,
   CHOICE_NA = 2, /* the practice is marked not applicable */
} ChoiceState;

/* The AWS reasons for "does not apply". */
typedef enum {
   NA_NONE = 0,
   NA_OUT_OF_SCOPE,
   NA_BUSINESS_PRIORITIES,
   NA_ARCHITECTURE_CONSTRAINTS,
   NA_OTHER,
} NaReason;
#define NA_REASON_COUNT 5

typedef struct Answer {
   bool not_applicable;
   NaReason reason;
   unsigned char *choices; /* n_choices of its question, ChoiceState each */
} Answer;

/* "OUT_OF_SCOPE", ... ("NONE" for NA_NONE); parse accepts those names in any
 * letter case. */
const char *NaReason_name(NaReason r);
bool NaReason_parse(const char *name, NaReason *out);
/* True when s is a reason exactly as NaReason_name() writes it (stored data). */
bool NaReason_isName(const char *s);
const char *NaReason_label(NaReason r); /* translated, for screens */

/* The short text a person may give beside the reason (AWS keeps one per
 * choice as its Notes, at most 250 characters): one line of at most
 * NA_NOTE_MAX characters (code points, not bytes). */
#define NA_NOTE_MAX 250
/* NULL when text (not NULL, not empty) may stand beside a reason, else why
 * not, translated and allocated (caller frees): not UTF-8, a line break or
 * another control or bidi character, blanks only, or too long. */
char *NaNote_problem(const char *text);

/* What people read for a risk or a weight (translated): the screens, the
 * CLI's text and the reports.  Risk_name and Weight_name (lens.h) stay the
 * API words for JSON, CSV and what is typed.
 *   risk:   "HIGH", "MEDIUM", "OK", "n/a", "unanswered"
 *   weight: "high", "medium", "none" */
const char *Risk_label(Risk r);
const char *Weight_label(Weight w);

/* Risk as AWS computes it: N/A question -> NOT_APPLICABLE; nothing selected ->
 * UNANSWERED; else the first rule that holds; no rule holds -> UNANSWERED. */
Risk Question_risk(const Question *q, const Answer *a);

/* Toggles choice i, keeping "None of these" exclusive: selecting a `_no`
 * choice clears the others, selecting another clears `_no`.  Selecting a
 * choice marked N/A replaces the mark; N/A marks on the other choices stay.
 * Unselecting leaves an N/A mark alone.  The question's own not_applicable
 * flag is never changed here.  An index out of range does nothing. */
void Answer_toggle(const Question *q, Answer *a, size_t i);
void Answer_select(const Question *q, Answer *a, size_t i, bool on);
/* Nothing selected, no choice marked N/A, question not N/A: an answer that
 * can be dropped without losing anything. */
bool Answer_isEmpty(const Question *q, const Answer *a);

/* One answer per question of a lens, in Lens.questions order. */
typedef struct Review {
   const Lens *lens; /* borrowed */
   Answer *answers;
} Review;

void Review_init(Review *r, const Lens *lens); /* every question unanswered */
void Review_free(Review *r);

typedef struct RiskCounts {
   size_t by_risk[RISK_COUNT];           /* indexed by Risk */
   size_t questions, answered;           /* answered = not UNANSWERED */
   size_t practices, practices_selected; /* over all non-`_no` choices */
} RiskCounts;

void Review_counts(const Review *r, RiskCounts *out);

/* The phase x pillar matrix.  A lens without phases has one row (phase -1). */
typedef struct MatrixCell {
   size_t total, answered;
   size_t high, medium, none, na, unanswered;
   Risk worst; /* by Risk_severity over its questions; RISK_UNANSWERED when total == 0 */
} MatrixCell;

typedef struct Matrix {
   size_t rows, cols;                   /* rows = max(1, n_phases), cols = n_pillars */
   MatrixCell *cells;                   /* rows * cols, row-major */
   MatrixCell *row_totals, *col_totals; /* rows, cols */
   MatrixCell total;
} Matrix;

void Matrix_build(const Review *r, Matrix *m);
/* A matrix built by hand (a milestone's frozen risks): Matrix_init gives
 * rows x cols empty cells (rows 0 reads as 1), Matrix_add counts one
 * question's risk in a cell (ignored out of range), Matrix_sum fills the
 * row, column and grand totals once every question is added. */
void Matrix_init(Matrix *m, size_t rows, size_t cols);
void Matrix_add(Matrix *m, size_t row, size_t col, Risk risk);
void Matrix_sum(Matrix *m);
void Matrix_free(Matrix *m);
MatrixCell *Matrix_cell(const Matrix *m, size_t row, size_t col); /* NULL out of range */
/* The row of a question: its phase, or 0 for a lens without phases.  A
 * question without a (valid) phase in a lens with phases counts in row 0,
 * the first phase, here and in Lens_reviewOrder. */
size_t Matrix_rowOf(const Lens *lens, const Question *q);

/* Improvement plan: for every HIGH or MEDIUM question, each choice that is not
 * selected, not `_no` and not marked N/A.  Ordered by question risk (HIGH
 * first), then the practice's weight (high first), then phase, pillar and file
 * order, then choice order.  *out is allocated (caller frees; NULL when the
 * count is 0); returns the count. */
typedef struct PlanEntry {
   size_t question; /* index into lens->questions */
   size_t choice;   /* index into that question's choices */
   Risk risk;       /* the question's risk */
} PlanEntry;

size_t Plan_derive(const Review *r, PlanEntry **out);

/* Review order: by phase (Matrix_rowOf), then pillar, then file order; the
 * sequence that next/previous question walks, cell after cell of the matrix.
 * Fills order[n_questions] with indexes. */
void Lens_reviewOrder(const Lens *lens, size_t *order);

#endif
