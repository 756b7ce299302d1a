/* lensdiff.h: what changed between two versions of a lens, question by
 * question, and how an answer carries over (the lens upgrade).
 *
 * Questions and choices are matched by id.  A question "changed" when its
 * title, its choices (ids, order or titles) or its risk rules (conditions as
 * Cond_format writes them, and risks; derived rules compare as derived) differ.
 * Pure computation over two loaded lenses; a LensDiff borrows ids from them. */
#ifndef WALENS_LENSDIFF_H
#define WALENS_LENSDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lens.h"
#include "core/review.h"

/* Bits of LensQuestionDiff.changes. */
enum {
   LENSDIFF_TITLE = 1 << 0,
   LENSDIFF_CHOICES = 1 << 1,
   LENSDIFF_RULES = 1 << 2,
   LENSDIFF_ADDED = 1 << 3,   /* only in the new lens */
   LENSDIFF_REMOVED = 1 << 4, /* only in the old lens */
};

#define LENSDIFF_NONE ((size_t)-1)

typedef struct LensQuestionDiff {
   const char *id;               /* borrowed from whichever lens has it */
   size_t from, to;              /* question indexes; LENSDIFF_NONE when absent */
   unsigned changes;             /* LENSDIFF_*; 0 = identical */
   const char **removed_choices; /* ids in the old question only (borrowed; array owned) */
   size_t n_removed_choices;
   const char **added_choices; /* ids in the new question only */
   size_t n_added_choices;
} LensQuestionDiff;

typedef struct LensDiff {
   /* Every question of the new lens in its order, then the removed ones in
    * the old lens's order. */
   LensQuestionDiff *questions;
   size_t n;
   size_t n_changed, n_added, n_removed;
} LensDiff;

void LensDiff_build(const Lens *from, const Lens *to, LensDiff *out);
void LensDiff_free(LensDiff *d);
/* The entry of a question id, or NULL. */
const LensQuestionDiff *LensDiff_find(const LensDiff *d, const char *id);

/* Carries answer a of question `from` to question `to` (same id): selected
 * and not-applicable choices that still exist keep their state, the
 * question's N/A flag and reason stay.  `out` must be initialised for `to`
 * (choices sized to->n_choices).  Returns how many selected or N/A choices
 * had no counterpart (dropped). */
size_t Answer_carry(const Question *from, const Answer *a, const Question *to, Answer *out);

/* Dotted version comparison ("1.10" > "1.9"; numeric runs compare as
 * numbers, the rest bytewise; NULL sorts first).  <0, 0, >0. */
int Version_compare(const char *a, const char *b);

#endif
