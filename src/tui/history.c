/* history.c: who changed a question (its answer, notes and plan items), when
 * and what, newest first, on the pager. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/histfmt.h"
#include "tui/screens.h"

/* The question the key was pressed on: the question screen's, or the plan
 * item's. */
static bool questionOf(const App *app, size_t *q)
{
   if (App_screen(app) == SCREEN_PLAN) {
      const PlanView *pv = &app->pv;
      const PlanItem *it = pv->cur < pv->n_rows ? &pv->plan.items[pv->rows[pv->cur]] : NULL;
      if (!it || it->question == PLAN_NO_INDEX || it->question >= app->doc.lens->n_questions)
         return false;
      *q = it->question;
      return true;
   }
   *q = app->q;
   return app->q < app->doc.lens->n_questions;
}

char *History_line(const HistoryEntry *e)
{
   char *what = HistoryEntry_describe(e), *line;
   const char *slash = e->object ? strchr(e->object, '/') : NULL;
   /* "2026-11-28T10:00:00Z" reads "2026-11-28 10:00". */
   const char *at = e->at ? e->at : "";
   char when[17];

   snprintf(when, sizeof when, "%.10s %.5s", at, strlen(at) > 11 ? at + 11 : "");
   if (slash) /* a plan item of the question */
      line = xasprintf(_("%s  %s: plan %s: %s"), when, e->user ? e->user : "?", slash + 1, what);
   else
      line = xasprintf("%s  %s: %s", when, e->user ? e->user : "?", what);
   free(what);
   return line;
}

Stale History_show(App *app, const char *arg)
{
   const Question *qq;
   HistoryEntry *e = NULL;
   size_t n = 0, q;
   char *title;

   (void)arg;
   if (!app->have_doc || !questionOf(app, &q)) {
      App_message(app, ROLE_NOTICE, "%s", _("No question here"));
      return STALE_FOOTER;
   }
   qq = &app->doc.lens->questions[q];
   if (Store_history(app->store, app->doc.workload.review_id, qq->id, &e, &n) != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot read the history: %s"), Store_lastError(app->store));
      return STALE_FOOTER;
   }
   title =
      xasprintf(ngettext("History of %s: %zu change", "History of %s: %zu changes", n), qq->id, n);
   Pager_begin(app, title);
   free(title);
   Pager_addText(app, ROLE_DIM, 0, qq->title);
   Pager_addText(app, ROLE_NORMAL, 0, "");
   if (n == 0)
      Pager_addText(app, ROLE_DIM, 0, _("No changes yet."));
   for (size_t i = n; i-- > 0;) {
      char *line = History_line(&e[i]);
      Pager_addText(app, ROLE_NORMAL, 0, line);
      free(line);
   }
   HistoryEntry_freeArray(e, n);
   Pager_show(app, SCREEN_PAGER);
   return STALE_ALL;
}
