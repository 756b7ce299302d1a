/* match.c: lens text search (see match.h). */
#include "config.h"

#include "tui/match.h"

#include <stdlib.h>
#include <wctype.h>

#include "tui/text.h"

static bool wideContains(const wchar_t *h, size_t hn, const wchar_t *n, size_t nn)
{
   if (nn == 0)
      return true;
   for (size_t i = 0; i + nn <= hn; i++) {
      size_t k = 0;
      while (k < nn && towlower((wint_t)h[i + k]) == towlower((wint_t)n[k]))
         k++;
      if (k == nn)
         return true;
   }
   return false;
}

bool Match_text(const char *hay, const char *needle)
{
   size_t hn, nn;
   wchar_t *h, *n;
   bool found;

   if (!hay || !needle)
      return false;
   h = WText_cleanStr(hay, 0, &hn);
   n = WText_cleanStr(needle, 0, &nn);
   found = wideContains(h, hn, n, nn);
   free(h);
   free(n);
   return found;
}

bool Match_question(const Question *q, const char *needle, int *choice)
{
   if (choice)
      *choice = -1;
   if (Match_text(q->title, needle) || Match_text(q->description, needle))
      return true;
   for (size_t i = 0; i < q->n_choices; i++)
      if (Match_text(q->choices[i].title, needle)) {
         if (choice)
            *choice = (int)i;
         return true;
      }
   return false;
}

long Match_find(const Lens *lens, const size_t *order, size_t from, const char *needle,
                bool backward, int *choice)
{
   size_t n = lens->n_questions;

   if (n == 0 || !needle || !needle[0])
      return -1;
   if (from >= n)
      from = backward ? 0 : n - 1;
   for (size_t step = 1; step <= n; step++) {
      size_t pos = backward ? (from + n - step % n) % n : (from + step) % n;
      if (Match_question(&lens->questions[order[pos]], needle, choice))
         return (long)pos;
   }
   return -1;
}
