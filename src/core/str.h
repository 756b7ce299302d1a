/* str.h: comparing strings that may be NULL. */
#ifndef WALENS_CORE_STR_H
#define WALENS_CORE_STR_H

#include <stdbool.h>

/* Equal strings, or both NULL: a NULL differs from "". */
bool Str_eq(const char *a, const char *b);
/* Equal text, where NULL reads as "" (an empty note is no note). */
bool Str_eqText(const char *a, const char *b);

#endif
