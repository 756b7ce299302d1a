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

/* Notes as pager lines under their label: "(none)" for none. */
static void notesLines(App *app, const char *label, const char *notes)
{
   if (!notes) {
      Pager_add(app, ROLE_DIM, 4, "%s %s", label, _("(none)"));
      return;
   }
   Pager_addText(app, ROLE_DIM, 4, label);
   for (const char *p = notes; *p;) {
      size_t len = strcspn(p, "\n");
      char *line = xstrndup(p, len);
      Pager_add(app, ROLE_NORMAL, 6, "| %s", line);
      free(line);
      p += len + (p[len] == '\n');
   }
}

void History_free(App *app)
{
   free(app->hist_base);
   app->hist_base = NULL;
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
   else
      Pager_addText(app, ROLE_DIM, 0,
                    _("B restores the notes as they were after a change (give its #, and a "
                      "practice id for that practice's notes)."));
   for (size_t i = n; i-- > 0;) {
      char *line = History_line(&e[i]), *before, *after;
      Pager_add(app, ROLE_NORMAL, 0, "#%lld  %s", (long long)e[i].id, line);
      free(line);
      if (HistoryEntry_notes(&e[i], &before, &after)) {
         notesLines(app, _("notes before:"), before);
         notesLines(app, _("notes after:"), after);
         free(before);
         free(after);
      }
   }
   HistoryEntry_freeArray(e, n);
   /* Restoring starts from the notes shown now, as any edit does. */
   History_free(app);
   app->hist_q = q;
   app->hist_base = xstrdup(app->doc.stored[q].notes ? app->doc.stored[q].notes : "");
   Pager_show(app, SCREEN_HISTORY);
   return STALE_ALL;
}

/* After a restore of question qid's notes (or a practice's): false, said
 * and nothing written, when it failed (err is freed); else back where H was
 * pressed, the change on the undo list. */
static bool restoreDone(App *app, StoreStatus st, char *err, const StoreMerge *m, const char *qid)
{
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not restored: %s"), err ? err : Store_statusText(st));
      free(err);
      return false;
   }
   App_pop(app); /* back where H was pressed */
   if (m->wrote)
      Undo_push(app, m->history_id, SCREEN_QUESTION, qid);
   return true;
}

/* "12 Q1_b": a practice's notes as change #12 left them, as a new change
 * from the note on screen; someone else's change of that note since is
 * said and nothing is written. */
static Stale restorePractice(App *app, size_t q, long long id, const char *practice)
{
   const Question *qq = &app->doc.lens->questions[q];
   size_t c = qq->n_choices;
   for (size_t i = 0; i < qq->n_choices; i++)
      if (strcmp(qq->choices[i].id, practice) == 0)
         c = i;
   if (c == qq->n_choices) {
      App_message(app, ROLE_ERROR, _("Not restored: %s is not a practice of %s"), practice, qq->id);
      return STALE_FOOTER;
   }
   StoreMerge m;
   char *restored = NULL, *err = NULL;
   StoreStatus st = ReviewDoc_restoreChoiceNote(app->store, &app->doc, q, c, id, NULL,
                                                app->opts->user, &m, &restored, &err);
   if (!restoreDone(app, st, err, &m, qq->id))
      return STALE_FOOTER;
   if (m.n_clashes)
      App_message(app, ROLE_ERROR, _("Not restored: %s"), m.message);
   else if (m.wrote)
      App_message(app, ROLE_NOTICE, _("Notes of %s as after change #%lld"), practice, id);
   else
      App_message(app, ROLE_NOTICE, _("The notes of %s are as after change #%lld already"),
                  practice, id);
   StoreMerge_free(&m);
   free(restored);
   App_rebuild(app);
   return STALE_ALL;
}

/* The # typed: the notes as that change left them, as a new change; "# ID"
 * the notes of that practice. */
static Stale gotRestore(App *app, const char *text)
{
   char *end = NULL;
   long long id = text ? strtoll(text, &end, 10) : 0;

   if (!text)
      return STALE_FOOTER;
   if (*text == '#')
      id = strtoll(text + 1, &end, 10);
   const char *practice = end;
   while (practice && *practice == ' ')
      practice++;
   if (!*text || !end || (*end && *end != ' ') || id <= 0) {
      App_message(app, ROLE_ERROR, _("Not a change number: %s"), text);
      return STALE_FOOTER;
   }
   if (App_refuseReadOnly(app))
      return STALE_FOOTER;
   size_t q = app->hist_q;
   if (*practice)
      return restorePractice(app, q, id, practice);
   StoreMerge m;
   char *restored = NULL, *err = NULL;
   StoreStatus st = ReviewDoc_restoreNotes(app->store, &app->doc, q, id, app->hist_base,
                                           app->opts->user, &m, &restored, &err);
   if (!restoreDone(app, st, err, &m, app->doc.lens->questions[q].id))
      return STALE_FOOTER;
   if (m.notes_theirs) /* someone changed the same lines since: both shown */
      MergeView_open(app, q, restored, &m);
   else if (m.notes_merged)
      App_message(app, ROLE_NOTICE, _("Notes as after change #%lld, merged with %s's changes"), id,
                  m.notes_by ? m.notes_by : "?");
   else if (m.wrote)
      App_message(app, ROLE_NOTICE, _("Notes as after change #%lld"), id);
   else
      App_message(app, ROLE_NOTICE, _("The notes are as after change #%lld already"), id);
   StoreMerge_free(&m);
   free(restored);
   App_rebuild(app);
   return STALE_ALL;
}

Stale History_restore(App *app, const char *arg)
{
   if (!app->have_doc || app->hist_q >= app->doc.lens->n_questions)
      return STALE_NONE;
   if (arg)
      return gotRestore(app, arg);
   Prompt_open(app, _("Restore the notes as after change # (then a practice id for its notes): "),
               NULL, gotRestore);
   return STALE_FOOTER;
}
