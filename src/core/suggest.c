/* suggest.c: the nearest known word to a mistyped one (suggest.h). */
#include "config.h"

#include "core/suggest.h"

#include <stdint.h>
#include <string.h>

enum { SUGGEST_MAX_LEN = 256 };

static unsigned char fold(unsigned char c)
{
   return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
   size_t m = a < b ? a : b;
   return m < c ? m : c;
}

/* Three rows of the classic table are enough: the swap looks two back. */
size_t Suggest_distance(const char *a, const char *b)
{
   size_t la = strlen(a), lb = strlen(b);
   if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
      return SIZE_MAX;
   size_t rows[3][SUGGEST_MAX_LEN + 1];
   size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
   for (size_t j = 0; j <= lb; j++)
      prev[j] = j;
   for (size_t i = 1; i <= la; i++) {
      cur[0] = i;
      for (size_t j = 1; j <= lb; j++) {
         unsigned char ca = fold((unsigned char)a[i - 1]), cb = fold((unsigned char)b[j - 1]);
         cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb));
         if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
             fold((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < cur[j])
            cur[j] = prev2[j - 2] + 1;
      }
      size_t *t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
   }
   return prev[lb];
}

const char *Suggest_best(const char *word, const char *const *cands, size_t n)
{
   if (!word || !*word)
      return NULL;
   size_t limit = strlen(word) / 3;
   limit = limit < 1 ? 1 : limit > 3 ? 3 : limit;
   const char *best = NULL;
   size_t best_d = SIZE_MAX;
   for (size_t i = 0; i < n; i++) {
      if (!cands[i])
         continue;
      if (strcmp(cands[i], word) == 0)
         return NULL;
      size_t d = Suggest_distance(word, cands[i]);
      if (d <= limit && d < best_d) {
         best = cands[i];
         best_d = d;
      }
   }
   return best;
}
