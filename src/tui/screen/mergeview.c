/* mergeview.c: notes two people changed on the same lines.  Neither text is
 * stored over the other unseen: this screen shows both, who wrote which and
 * when, and lets the user keep theirs, take the other, keep both, or edit a
 * text holding both.  Until one is chosen the user's text waits as a draft
 * (with the base it started from), so a hang-up here loses nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/draft.h"
#include "tui/screens.h"
#include "tui/lib/when.h"

struct MergeView {
   size_t q;
   char *yours, *theirs, *both; /* theirs: as stored; both: with conflict marks */
   char *by, *at;               /* who stored theirs, when */
};

void MergeView_free(App *app)
{
   struct MergeView *m = app->merge;

   if (!m)
      return;
   free(m->yours);
   free(m->theirs);
   free(m->both);
   free(m->by);
   free(m->at);
   free(m);
   app->merge = NULL;
}

/* Each line of text, indented, through the pager (which cleans them). */
static void addLines(App *app, const char *text)
{
   const char *p = text && *text ? text : "";
   if (!*p) {
      Pager_add(app, ROLE_NOTICE, 4, "%s", _("(empty)"));
      return;
   }
   while (*p) {
      const char *nl = strchr(p, '\n');
      size_t n = nl ? (size_t)(nl - p) : strlen(p);
      char *line = xstrndup(p, n);
      Pager_addText(app, ROLE_NORMAL, 4, line);
      free(line);
      p += n + (nl ? 1 : 0);
   }
}

static void build(App *app)
{
   struct MergeView *m = app->merge;
   const Question *q = &app->doc.lens->questions[m->q];
   char ago[64];
   char *title = xasprintf(_("Notes of %s: changed by two people"), q->id);

   Pager_begin(app, title);
   free(title);
   Pager_add(app, ROLE_ERROR, 0,
             _("%s changed the same lines while you edited; nothing of yours is stored yet."),
             m->by);
   Pager_add(app, ROLE_NORMAL, 0, "%s",
             _("Y keep yours   T take theirs   b keep both   e edit both   Esc decide later "
               "(yours stays a draft)"));
   Pager_addText(app, ROLE_NORMAL, 0, "");
   Pager_add(app, ROLE_TITLE, 0, _("Yours (%s, not stored):"), app->opts->user);
   addLines(app, m->yours);
   Pager_addText(app, ROLE_NORMAL, 0, "");
   Pager_add(app, ROLE_TITLE, 0, _("Theirs (%s, %s, stored):"), m->by,
             When_ago(m->at, app->now, ago, sizeof ago));
   addLines(app, m->theirs);
}

void MergeView_open(App *app, size_t q, const char *yours, const StoreMerge *res)
{
   struct MergeView *m;

   MergeView_free(app);
   m = xcalloc(1, sizeof *m);
   m->q = q;
   m->yours = xstrdup(yours ? yours : "");
   m->theirs = xstrdup(res->notes_theirs ? res->notes_theirs : "");
   m->both = xstrdup(res->notes_both ? res->notes_both : "");
   m->by = xstrdup(res->notes_by ? res->notes_by : "?");
   m->at = xstrdup(res->notes_at ? res->notes_at : "");
   app->merge = m;
   build(app);
   Pager_show(app, SCREEN_MERGE);
}

static bool onMerge(App *app)
{
   return app->merge && App_screen(app) == SCREEN_MERGE && app->have_doc;
}

/* Stores text as the notes, from theirs (now seen) as the base.  A clash
 * again (someone changed them once more) shows the view anew. */
static Stale storeFromTheirs(App *app, const char *text, const char *done)
{
   struct MergeView *m = app->merge;
   const Question *q = &app->doc.lens->questions[m->q];
   StoreMerge res;
   Answer a;
   StoreStatus st;

   App_copyAnswer(app, m->q, &a);
   st = ReviewDoc_mergeAnswer(app->store, &app->doc, m->q, &a, text, m->theirs, app->opts->user,
                              NULL, &res);
   free(a.choices);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not stored: %s"), Store_statusText(st));
      return STALE_ALL;
   }
   if (res.notes_theirs) {
      char *yours = xstrdup(text);
      Draft_saveBase(app->db_key, app->doc.workload.id, q->id, yours, m->theirs);
      App_pop(app);
      MergeView_open(app, m->q, yours, &res);
      free(yours);
      StoreMerge_free(&res);
      App_message(app, ROLE_ERROR, "%s", _("They changed the notes again: here is the new text"));
      return STALE_ALL;
   }
   if (res.wrote)
      Undo_push(app, res.history_id, SCREEN_QUESTION, q->id);
   StoreMerge_free(&res);
   Draft_remove(app->db_key, app->doc.workload.id, q->id);
   App_pop(app);
   MergeView_free(app);
   App_rebuild(app);
   App_message(app, ROLE_NOTICE, "%s", done);
   return STALE_ALL;
}

Stale MergeView_keepYours(App *app, const char *arg)
{
   if (!onMerge(app))
      return STALE_NONE;
   return storeFromTheirs(app, app->merge->yours, _("Your notes are stored (theirs replaced)"));
}

Stale MergeView_takeTheirs(App *app, const char *arg)
{
   const Question *q;

   if (!onMerge(app))
      return STALE_NONE;
   q = &app->doc.lens->questions[app->merge->q];
   Draft_remove(app->db_key, app->doc.workload.id, q->id);
   App_pop(app);
   MergeView_free(app);
   App_message(app, ROLE_NOTICE, "%s", _("Their notes are kept; yours are dropped"));
   return STALE_ALL;
}

Stale MergeView_keepBoth(App *app, const char *arg)
{
   struct MergeView *m;
   char *both;
   Stale s;

   if (!onMerge(app))
      return STALE_NONE;
   m = app->merge;
   both = xasprintf("%s%s%s", m->theirs,
                    *m->theirs && m->theirs[strlen(m->theirs) - 1] != '\n' ? "\n" : "", m->yours);
   s = storeFromTheirs(app, both, _("Both texts are stored, theirs first"));
   free(both);
   return s;
}

Stale MergeView_edit(App *app, const char *arg)
{
   struct MergeView *m;

   if (!onMerge(app))
      return STALE_NONE;
   m = app->merge;
   App_pop(app);
   Editor_openFrom(app, m->q, m->both, m->theirs);
   MergeView_free(app);
   App_message(app, ROLE_NOTICE, "%s",
               _("Both versions are in the text between <<<<<<< and >>>>>>>; ^S stores it"));
   return STALE_ALL;
}

Stale MergeView_later(App *app, const char *arg)
{
   if (!app->merge)
      return STALE_NONE;
   if (App_screen(app) == SCREEN_MERGE)
      App_pop(app);
   MergeView_free(app);
   App_message(app, ROLE_NOTICE, "%s", _("Your notes are kept as a draft (e resumes it)"));
   return STALE_ALL;
}

/* Seconds between autosaves of the draft being typed. */
#define DRAFT_AUTOSAVE_S 3.0

Stale Loop_autosaveDraft(App *app, double now)
{
   bool editing =
      app->have_doc && App_screen(app) == SCREEN_EDITOR && app->ed.buf.modified && !app->read_only;

   if (!editing) {
      app->draft_due = 0;
      return STALE_NONE;
   }
   if (app->draft_due == 0) {
      app->draft_due = now + DRAFT_AUTOSAVE_S;
   } else if (now >= app->draft_due) {
      App_saveDraft(app);
      app->draft_due = now + DRAFT_AUTOSAVE_S;
   }
   return STALE_NONE;
}
