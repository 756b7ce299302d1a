/* suggest.c: edit distance and the closest candidate (see suggest.h). */
#include "config.h"

#include "core/suggest.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static int lower(int c)
{
   return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
   size_t m = a < b ? a : b;
   return m < c ? m : c;
}

/* Optimal string alignment over three rows of the table: the row before
 * the previous one is needed for a swap of neighbours. */
size_t Suggest_distance(const char *a, const char *b)
{
   size_t n = strlen(a), m = strlen(b);
   size_t *rows = xcalloc(3 * (m + 1), sizeof *rows);
   size_t *two = rows, *prev = rows + (m + 1), *cur = rows + 2 * (m + 1);
   for (size_t j = 0; j <= m; j++)
      prev[j] = j;
   for (size_t i = 1; i <= n; i++) {
      cur[0] = i;
      for (size_t j = 1; j <= m; j++) {
         int x = lower((unsigned char)a[i - 1]), y = lower((unsigned char)b[j - 1]);
         size_t d = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y));
         if (i > 1 && j > 1 && x == lower((unsigned char)b[j - 2]) &&
             lower((unsigned char)a[i - 2]) == y && two[j - 2] + 1 < d)
            d = two[j - 2] + 1;
         cur[j] = d;
      }
      size_t *t = two;
      two = prev;
      prev = cur;
      cur = t;
   }
   size_t result = prev[m];
   free(rows);
   return result;
}

const char *Suggest_closest(const char *word, const char *const *candidates)
{
   size_t len = strlen(word);
   /* A guess that needs more edits than this is a different word. */
   size_t limit = len < 6 ? 1 : len / 3;
   if (len > 256)
      return NULL;
   const char *best = NULL;
   size_t bestDist = limit + 1;
   for (; *candidates; candidates++) {
      size_t d = Suggest_distance(word, *candidates);
      if (d < bestDist && strcmp(word, *candidates) != 0) {
         best = *candidates;
         bestDist = d;
      }
   }
   return best;
}
