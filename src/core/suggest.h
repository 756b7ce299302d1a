/* suggest.h: "did you mean": the nearest of a few known words to a mistyped one.
 *
 * The distance is Damerau-Levenshtein's in its optimal-string-alignment form
 * (insert, delete, replace, swap two neighbours: one step each), counted in
 * bytes and case-blind for ASCII.  A word is only offered when it is close
 * enough to be the one meant: at most a third of the typed word's length
 * (at least 1, at most 3 steps).  Hand-written: Debian packages no small C
 * library for it (glib and ICU have none we would keep), and it is twenty
 * lines over a few dozen candidates. */
#ifndef WALENS_CORE_SUGGEST_H
#define WALENS_CORE_SUGGEST_H

#include <stddef.h>

/* The edit distance of a and b as above; SIZE_MAX when either is longer
 * than 256 bytes (nobody mistypes that much). */
size_t Suggest_distance(const char *a, const char *b);

/* The candidate nearest to word within the limit above, the first of equals;
 * NULL when none is close enough or word is among them exactly.  NULL
 * candidates are skipped.  Borrowed from cands. */
const char *Suggest_best(const char *word, const char *const *cands, size_t n);

#endif
