/* leadline.c: the workshop's part of the top bar (see leadline.h). */
#include "config.h"

#include "tui/lib/leadline.h"

#include <stdlib.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/wtext.h"

/* "a · b", either side may be NULL; caller frees. */
static char *joined(const char *a, const char *b, const char *dot)
{
   if (a && b)
      return xasprintf("%s%s%s", a, dot, b);
   return a ? xstrdup(a) : b ? xstrdup(b) : NULL;
}

/* The agenda's part at one of three lengths: 0 whole, 1 without the
 * item's place, 2 the clock alone; caller frees. */
static char *agendaPart(const LeadLine *l, int level, const char *dot)
{
   if (!l->item || !l->clock)
      return NULL;
   if (level == 0 && l->count > 0)
      return xasprintf(_("%s%s%s (%zu of %zu)"), l->item, dot, l->clock, l->index, l->count);
   if (level <= 1)
      return xasprintf("%s%s%s", l->item, dot, l->clock);
   return xstrdup(l->clock);
}

char *LeadLine_text(const LeadLine *l, int width)
{
   const char *dot = l->utf8 ? " \xc2\xb7 " : " - ";
   char *who = NULL, *out = NULL;

   if (l->leader) {
      char *words = l->following ? xasprintf(_("following %s"), l->leader)
                                 : xasprintf(_("%s leads"), l->leader);
      who = xasprintf("%s %s", l->utf8 ? "\xe2\x98\x85" : "*", words);
      free(words);
   }
   /* Shorter and shorter: the place, then the name, then the agenda go. */
   for (int level = 0; level <= (who ? 3 : 2); level++) { /* the clock alone stays */
      char *agenda = level < 3 ? agendaPart(l, level, dot) : NULL;
      free(out);
      out = joined(who, agenda, dot);
      free(agenda);
      if (!out || WText_widthStr(out) <= width)
         break;
   }
   free(who);
   return out;
}
