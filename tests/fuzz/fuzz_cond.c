/* fuzz_cond.c: the risk-condition parser.  Properties checked, beyond "no
 * crash, no leak, no undefined behaviour":
 *   - an error offset lies within the text;
 *   - the canonical text (Cond_format) parses back to the same text;
 *   - bound to a question with choices a..h, the condition and its canonical
 *     text agree on every one of the 256 selections. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/review.h"
#include "core/xalloc.h"
#include "fuzz.h"

#define N_IDS 8

static void checkSame(Cond *c, Cond *again)
{
   static const char *ids[N_IDS] = {"a", "b", "c", "d", "e", "f", "g", "h"};
   Choice choices[N_IDS];
   memset(choices, 0, sizeof choices);
   for (size_t i = 0; i < N_IDS; i++)
      choices[i].id = (char *)ids[i];
   Question q = {.id = (char *)"q", .choices = choices, .n_choices = N_IDS};
   const char *unknown = NULL;
   bool bound = Cond_bind(c, &q, &unknown);
   if (bound != Cond_bind(again, &q, &unknown))
      abort();
   if (!bound)
      return;
   unsigned char state[N_IDS];
   for (unsigned bits = 0; bits < (1u << N_IDS); bits++) {
      for (size_t i = 0; i < N_IDS; i++)
         state[i] = (bits >> i) & 1 ? CHOICE_SELECTED : CHOICE_UNSELECTED;
      if (Cond_eval(c, state) != Cond_eval(again, state))
         abort();
   }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
   if (size > 4096)
      return 0; /* conditions are one line; longer inputs only slow the search */
   char *text = xmalloc(size + 1);
   memcpy(text, data, size);
   text[size] = '\0';
   char *error = NULL;
   size_t pos = (size_t)-1;
   Cond *c = Cond_parse(text, &error, &pos);
   if (!c) {
      if (!error || pos > strlen(text))
         abort();
      free(error);
      free(text);
      return 0;
   }
   if (error)
      abort();
   char *canon = Cond_format(c);
   Cond *again = Cond_parse(canon, NULL, NULL);
   if (!again)
      abort();
   char *canon2 = Cond_format(again);
   if (strcmp(canon, canon2) != 0 || Cond_isDefault(c) != Cond_isDefault(again))
      abort();
   checkSame(c, again);
   free(canon2);
   free(canon);
   Cond_free(again);
   Cond_free(c);
   free(text);
   return 0;
}
