/* match.h: searching a lens's text (pure; unit-tested). */
#ifndef WALENS_TUI_LIB_MATCH_H
#define WALENS_TUI_LIB_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lens.h"

/* Case-insensitive substring test of needle in the cleaned UTF-8 text hay. */
bool Match_text(const char *hay, const char *needle);

/* Whether question q matches needle in its title, description or a
 * choice's title.  *choice (may be NULL) gets the first matching choice's
 * index, or -1 when the match is in the question itself. */
bool Match_question(const Question *q, const char *needle, int *choice);

/* The next question, in the given review order, that matches: starting
 * after position from (or before it when backward), wrapping around.
 * Returns the position in order, or -1 when nothing matches. */
long Match_find(const Lens *lens, const size_t *order, size_t from, const char *needle,
                bool backward, int *choice);

#endif
