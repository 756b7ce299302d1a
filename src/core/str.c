/* str.c: comparing strings that may be NULL (see str.h). */
#include "config.h"

#include "core/str.h"

#include <string.h>

bool Str_eq(const char *a, const char *b)
{
   return a == b || (a && b && strcmp(a, b) == 0);
}

bool Str_eqText(const char *a, const char *b)
{
   return strcmp(a ? a : "", b ? b : "") == 0;
}
