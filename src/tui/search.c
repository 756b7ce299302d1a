/* search.c: '/' search over the lens text, n/N, and the risk filter. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/match.h"
#include "tui/screens.h"

static size_t countMatches(const App *app, const char *needle)
{
   const Lens *l = app->doc.lens;
   size_t n = 0;

   for (size_t i = 0; i < l->n_questions; i++)
      n += Match_question(&l->questions[i], needle, NULL);
   return n;
}

static Stale jump(App *app, bool backward, bool from_start)
{
   const Lens *l = app->doc.lens;
   size_t from;
   int choice;
   long pos;

   if (!app->search || !*app->search) {
      App_message(app, ROLE_NOTICE, "%s", _("No search yet: / starts one"));
      return STALE_FOOTER;
   }
   if (from_start && App_screen(app) != SCREEN_QUESTION)
      from = backward ? 0 : l->n_questions - 1; /* the first match in review order */
   else
      from = app->rank[app->q];
   pos = Match_find(l, app->order, from, app->search, backward, &choice);
   if (pos < 0) {
      App_message(app, ROLE_ERROR, _("Not found: %s"), app->search);
      return STALE_FOOTER;
   }
   Question_openAt(app, app->order[pos]);
   if (choice >= 0)
      app->choice = (size_t)choice;
   {
      /* Which match this is, in review order. */
      size_t k = 0;
      for (size_t i = 0; i <= (size_t)pos; i++)
         k += Match_question(&l->questions[app->order[i]], app->search, NULL);
      App_message(app, ROLE_NOTICE, _("/%s: match %zu of %zu (n next, N previous)"), app->search, k,
                  countMatches(app, app->search));
   }
   return STALE_ALL;
}

static Stale searchDone(App *app, const char *text)
{
   if (!text || !*text)
      return STALE_FOOTER;
   free(app->search);
   app->search = xstrdup(text);
   return jump(app, false, true);
}

Stale Search_start(App *app, const char *arg)
{
   if (arg)
      return searchDone(app, arg);
   Prompt_open(app, "/", NULL, searchDone);
   return STALE_FOOTER;
}

Stale Search_next(App *app, const char *arg)
{
   return jump(app, false, false);
}

Stale Search_prev(App *app, const char *arg)
{
   return jump(app, true, false);
}

Stale Search_cycleFilter(App *app, const char *arg)
{
   size_t n = 0, *qs;

   if (arg) {
      static const char *const names[FILTER_COUNT] = {"all", "unanswered", "high", "medium",
                                                      "priority"};
      int f = -1;
      for (int i = 0; i < FILTER_COUNT && f < 0; i++)
         if (strcasecmp(arg, names[i]) == 0 || strcasecmp(arg, App_filterName((Filter)i)) == 0)
            f = i;
      if (f < 0) {
         App_message(app, ROLE_ERROR, "%s", _("Filters: all, unanswered, high, medium, priority"));
         return STALE_FOOTER;
      }
      app->filter = (Filter)f;
   } else {
      app->filter = (Filter)((app->filter + 1) % FILTER_COUNT);
   }
   List_refill(app);
   n = App_collect(app, LIST_ALL, 0, 0, &qs);
   free(qs);
   App_message(app, ROLE_NOTICE,
               ngettext("Filter: %s (%zu question)", "Filter: %s (%zu questions)", n),
               App_filterName(app->filter), n);
   return STALE_ALL;
}
