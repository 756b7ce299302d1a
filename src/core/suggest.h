/* suggest.h: "did you mean" for a misspelt word (a lens key, a command).
 *
 * No Debian-packaged C library offers a small edit distance with a
 * suggestion rule, so this one is written here (see DESIGN). */
#ifndef WALENS_CORE_SUGGEST_H
#define WALENS_CORE_SUGGEST_H

#include <stddef.h>

/* Edits (insert, delete, replace, swap two neighbours) that turn a into b,
 * counted in bytes, case-insensitively for ASCII letters. */
size_t Suggest_distance(const char *a, const char *b);

/* The candidate closest to word when it is close enough to be a likely
 * typo (one edit for short words, about one in three for longer ones), or
 * NULL.  candidates ends with NULL; the result points into it.  Ties go to
 * the earlier candidate. */
const char *Suggest_closest(const char *word, const char *const *candidates);

#endif
