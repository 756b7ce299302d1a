/* undo.c: u undoes this session's own most recent change on the question
 * or plan screen.  Each change this session wrote is remembered by its
 * history id; undoing reverts that row (ReviewDoc_revert), merged with
 * whatever others changed since, and the history records it as undo_of. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/screens.h"

typedef struct UndoEntry {
   int64_t history_id;
   ScreenId screen; /* SCREEN_QUESTION (answers) or SCREEN_PLAN (plan items) */
   char *question;  /* the question it changed */
} UndoEntry;

struct UndoStack {
   UndoEntry *e;
   size_t n, cap;
};

void Undo_push(App *app, int64_t history_id, ScreenId screen, const char *question)
{
   struct UndoStack *u;

   if (history_id <= 0)
      return;
   if (!app->undo)
      app->undo = xcalloc(1, sizeof *app->undo);
   u = app->undo;
   u->e = xgrow(u->e, &u->cap, u->n + 1, sizeof *u->e);
   u->e[u->n++] = (UndoEntry){history_id, screen, xstrdup(question ? question : "")};
}

void Undo_free(App *app)
{
   if (!app->undo)
      return;
   for (size_t i = 0; i < app->undo->n; i++)
      free(app->undo->e[i].question);
   free(app->undo->e);
   free(app->undo);
   app->undo = NULL;
}

/* The newest entry for this screen (and, on the question screen, for the
 * question shown); removed from the stack.  0 when none. */
static int64_t popFor(App *app, ScreenId screen, const char *question)
{
   struct UndoStack *u = app->undo;

   for (size_t i = u ? u->n : 0; i-- > 0;) {
      UndoEntry *e = &u->e[i];
      if (e->screen != screen || (question && strcmp(e->question, question) != 0))
         continue;
      int64_t id = e->history_id;
      free(e->question);
      memmove(e, e + 1, (u->n - i - 1) * sizeof *e);
      u->n--;
      return id;
   }
   return 0;
}

Stale Undo_last(App *app, const char *arg)
{
   ScreenId screen = App_screen(app);
   const char *question = NULL;
   StoreMerge m;
   char *err = NULL;
   int64_t id;

   if (!app->have_doc)
      return STALE_NONE;
   if (screen == SCREEN_QUESTION)
      question = app->doc.lens->questions[app->q].id;
   id = popFor(app, screen, question);
   if (!id) {
      App_message(app, ROLE_NOTICE, "%s", _("Nothing of yours to undo here"));
      return STALE_FOOTER;
   }
   StoreStatus st =
      ReviewDoc_revert(app->store, &app->doc, id, "undo_of", app->opts->user, &m, &err);
   if (st != STORE_OK)
      App_message(app, ROLE_ERROR, _("Cannot undo: %s"), err ? err : Store_statusText(st));
   else if (m.n_clashes && !m.wrote) /* all of it was changed since: nothing undone */
      App_message(app, ROLE_ERROR, _("Not undone, changed since; kept theirs: %s"), m.message);
   else if (m.n_clashes)
      App_message(app, ROLE_ERROR, _("Undone in part; kept theirs: %s"), m.message);
   else if (!m.wrote)
      App_message(app, ROLE_NOTICE, "%s", _("Nothing to undo: it is as it was already"));
   else
      App_message(app, ROLE_NOTICE, "%s", _("Undone: your last change here"));
   if (st == STORE_OK)
      StoreMerge_free(&m);
   free(err);
   app->plan_stale = true;
   App_rebuild(app);
   if (screen == SCREEN_PLAN)
      PlanView_refresh(app);
   return STALE_ALL;
}
