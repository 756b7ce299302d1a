/* clashes.c: the clashes of a bundle merged back into this workload
 * (walens import BUNDLE --into WORKLOAD) that wait for a decision.
 *
 * The command keeps such a bundle whole in the database (store/pending.h)
 * and writes nothing of it.  This screen lists its clashes, each with both
 * values and who made the change here; the reviewer decides each with the
 * keys of the notes merge view: Y keeps ours, T takes the bundle's, b keeps
 * both (notes, a plan item's note, a milestone), e edits the value.  Enter
 * merges the bundle with those decisions (report/bundle.h), one
 * transaction with the history of the rest; until then nothing of it
 * lands, and leaving loses nothing: the bundle still waits.
 *
 * The clashes are found by merging without writing (a dry run), each time
 * the screen opens; decisions live here (static, one session has one open
 * review) until they are stored or the review closes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/bundle.h"
#include "store/pending.h"
#include "tui/lib/layout.h"
#include "tui/lib/when.h"
#include "tui/lib/wtext.h"
#include "tui/screens.h"
#include "tui/text.h"

enum { CL_HEAD = 3, CL_ROW = 3 };

static struct {
   PendingImport *p; /* the review's waiting bundles; the first is shown */
   size_t n_p;
   BundleMerge m; /* its clashes, from a dry run */
   BundleTake *take;
   char **text; /* an edited value per clash, or NULL */
   size_t cur, first;
} cl;

void Clashes_free(App *app)
{
   (void)app;
   for (size_t i = 0; i < cl.m.n_clashes; i++)
      free(cl.text[i]);
   free(cl.text);
   free(cl.take);
   BundleMerge_free(&cl.m);
   PendingImport_freeArray(cl.p, cl.n_p);
   memset(&cl, 0, sizeof cl);
}

static StoreStatus loadPending(App *app)
{
   Clashes_free(app);
   return Store_pendingImports(app->store, app->doc.workload.review_id, &cl.p, &cl.n_p);
}

/* The clashes of the first waiting bundle, undecided.  False with a
 * message when there is nothing to decide. */
static bool findClashes(App *app)
{
   char *err = NULL;
   const PendingImport *p = &cl.p[0];
   StoreStatus st =
      Bundle_mergeDecided(app->store, p->bundle, strlen(p->bundle), app->doc.workload.name, NULL, 0,
                          true, app->opts->user, &cl.m, &err);
   if (st != STORE_OK && st != STORE_CONFLICT) {
      App_message(app, ROLE_ERROR, _("The bundle from %s cannot be merged: %s"), p->source,
                  err ? err : Store_statusText(st));
      free(err);
      return false;
   }
   free(err);
   if (cl.m.nothing) {
      /* Merged meanwhile (with --prefer, or by someone else): it waits no more. */
      Store_dropImport(app->store, app->doc.workload.review_id, p->bundle);
      App_message(app, ROLE_NOTICE, _("Every change of the bundle from %s is here already"),
                  p->source);
      return false;
   }
   cl.take = xcalloc(cl.m.n_clashes + 1, sizeof *cl.take);
   cl.text = xcalloc(cl.m.n_clashes + 1, sizeof *cl.text);
   return true;
}

void Clashes_reload(App *app, bool opened)
{
   PendingImport *p = NULL;
   size_t n = 0, clashes = 0;
   if (!opened || !app->have_doc ||
       Store_pendingImports(app->store, app->doc.workload.review_id, &p, &n) != STORE_OK)
      return;
   for (size_t i = 0; i < n; i++)
      clashes += p[i].clashes;
   if (n)
      App_message(app, ROLE_NOTICE,
                  ngettext("An import waits for a decision on %zu clash: C shows it",
                           "An import waits for decisions on %zu clashes: C shows them", clashes),
                  clashes);
   PendingImport_freeArray(p, n);
}

Stale Clashes_show(App *app, const char *arg)
{
   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   if (loadPending(app) != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot read the waiting imports: %s"),
                  Store_lastError(app->store));
      return STALE_FOOTER;
   }
   if (!cl.n_p) {
      App_message(app, ROLE_NOTICE, "%s", _("No import waits for a decision on this workload"));
      return STALE_FOOTER;
   }
   if (!findClashes(app)) {
      Clashes_free(app);
      return STALE_ALL;
   }
   App_push(app, SCREEN_CLASHES);
   return STALE_ALL;
}

static const char *takeWord(BundleTake t)
{
   switch (t) {
   case BUNDLE_TAKE_OURS: return _("keep ours");
   case BUNDLE_TAKE_THEIRS: return _("take the bundle's");
   case BUNDLE_TAKE_BOTH: return _("keep both");
   case BUNDLE_TAKE_EDIT: return _("edited");
   default: return _("undecided");
   }
}

static size_t undecided(void)
{
   size_t n = 0;
   for (size_t i = 0; i < cl.m.n_clashes; i++)
      n += cl.take[i] == BUNDLE_TAKE_NONE;
   return n;
}

static size_t visibleRows(const App *app, int height)
{
   (void)app;
   int n = (height - CL_HEAD) / CL_ROW;
   return n < 1 ? 1 : (size_t)n;
}

static void drawClash(App *app, int y, size_t i)
{
   const BundleClash *c = &cl.m.clashes[i];
   bool cur = i == cl.cur;
   attr_t base = cur ? Theme_attr(&app->theme, ROLE_SELECTED) : A_NORMAL;
   const char *word = takeWord(cl.take[i]);
   int w = WText_widthStr(word);
   char ago[64];
   Text_fill(stdscr, y, 0, app->cols, base);
   if (cur)
      Text_draw(stdscr, y, 0, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), base);
   Text_draw(stdscr, y, 1, app->cols - 3 - w, c->what, base);
   Text_draw(stdscr, y, app->cols - 1 - w, w, word,
             cl.take[i] ? base : (cur ? base : Theme_attr(&app->theme, ROLE_ERROR)));
   char *here = xasprintf(_("here:   %s (%s, %s)"), c->ours, c->by,
                          When_ago(c->at, app->now, ago, sizeof ago));
   Text_draw(stdscr, y + 1, 4, app->cols - 5, here, A_NORMAL);
   free(here);
   char *there = cl.take[i] == BUNDLE_TAKE_EDIT ? xasprintf(_("edited: %s"), cl.text[i])
                                                : xasprintf(_("bundle: %s"), c->theirs);
   Text_draw(stdscr, y + 2, 4, app->cols - 5, there, A_NORMAL);
   free(there);
}

void Clashes_draw(App *app, int top, int height)
{
   const PendingImport *p = cl.n_p ? &cl.p[0] : NULL;
   char ago[64];
   if (!p)
      return;
   const char *slash = strrchr(p->source, '/');
   char *head =
      xasprintf(ngettext("%s from %s, %s: %zu clash, %zu undecided",
                         "%s from %s, %s: %zu clashes, %zu undecided", cl.m.n_clashes),
                slash && slash[1] ? slash + 1 : p->source, p->imported_by,
                When_ago(p->imported_at, app->now, ago, sizeof ago), cl.m.n_clashes, undecided());
   Text_draw(stdscr, top, 1, app->cols - 2, head, Theme_attr(&app->theme, ROLE_TITLE));
   free(head);
   Text_draw(stdscr, top + 1, 1, app->cols - 2,
             _("Y keep ours  T take the bundle's  b keep both  e edit  Enter merge  q later"),
             Theme_attr(&app->theme, ROLE_DIM));
   if (!cl.m.n_clashes) {
      Text_draw(stdscr, top + CL_HEAD, 1, app->cols - 2,
                _("No clash is left: Enter merges the bundle."), A_NORMAL);
      return;
   }
   size_t vis = visibleRows(app, height);
   cl.first = Layout_scroll(cl.cur, vis, cl.m.n_clashes, cl.first);
   for (size_t i = cl.first; i < cl.m.n_clashes && i < cl.first + vis; i++)
      drawClash(app, top + CL_HEAD + (int)(i - cl.first) * CL_ROW, i);
}

Stale Clashes_move(App *app, Move m)
{
   size_t vis = visibleRows(app, app->lines - 2);
   return Layout_moveCursor(&cl.cur, cl.m.n_clashes, vis, m) ? STALE_BODY : STALE_NONE;
}

static bool onClashes(const App *app)
{
   return App_screen(app) == SCREEN_CLASHES && cl.n_p && cl.cur < cl.m.n_clashes;
}

/* Which decisions a clash takes (report/bundle.h says the same). */
static bool takes(const BundleClash *c, BundleTake t)
{
   const char *colon = strrchr(c->what, ':');
   switch (t) {
   case BUNDLE_TAKE_BOTH:
      return c->kind == BUNDLE_CLASH_NOTES || c->kind == BUNDLE_CLASH_MILESTONE ||
             (c->kind == BUNDLE_CLASH_PLAN && colon && strcmp(colon, ": note") == 0);
   case BUNDLE_TAKE_EDIT: return c->kind == BUNDLE_CLASH_NOTES || c->kind == BUNDLE_CLASH_PLAN;
   default: return true;
   }
}

/* Records a decision and moves on to the next undecided clash. */
static Stale decide(App *app, BundleTake t, char *text)
{
   size_t i = cl.cur;
   free(cl.text[i]);
   cl.text[i] = text;
   cl.take[i] = t;
   for (size_t k = 1; k <= cl.m.n_clashes; k++) {
      size_t j = (i + k) % cl.m.n_clashes;
      if (cl.take[j] == BUNDLE_TAKE_NONE) {
         cl.cur = j;
         break;
      }
   }
   if (!undecided())
      App_message(app, ROLE_NOTICE, "%s", _("Every clash is decided: Enter merges the bundle"));
   return STALE_ALL;
}

Stale Clashes_take(App *app, int take)
{
   if (!onClashes(app))
      return STALE_NONE;
   if (!takes(&cl.m.clashes[cl.cur], (BundleTake)take)) {
      App_message(app, ROLE_ERROR, "%s",
                  _("Both can be kept only of notes, a plan item's note or a milestone"));
      return STALE_FOOTER;
   }
   return decide(app, (BundleTake)take, NULL);
}

static Stale gotEdit(App *app, const char *text)
{
   if (!onClashes(app))
      return STALE_NONE;
   return decide(app, BUNDLE_TAKE_EDIT, xstrdup(text ? text : ""));
}

Stale Clashes_edit(App *app, const char *arg)
{
   (void)arg;
   if (!onClashes(app))
      return STALE_NONE;
   const BundleClash *c = &cl.m.clashes[cl.cur];
   if (!takes(c, BUNDLE_TAKE_EDIT)) {
      App_message(app, ROLE_ERROR, "%s",
                  _("Only notes and plan fields can be edited; Y or T decides this clash"));
      return STALE_FOOTER;
   }
   /* Notes start as both texts, ours first; a plan field as the bundle's. */
   char *initial = cl.text[cl.cur] ? xstrdup(cl.text[cl.cur])
                   : c->kind == BUNDLE_CLASH_NOTES
                      ? xasprintf("%s %s", strcmp(c->ours, "-") ? c->ours : "",
                                  strcmp(c->theirs, "-") ? c->theirs : "")
                      : xstrdup(strcmp(c->theirs, "-") ? c->theirs : "");
   Prompt_open(app, _("Value: "), initial, gotEdit);
   free(initial);
   return STALE_ALL;
}

/* Enter: the bundle merged with every decision, then it waits no more. */
Stale Clashes_open(App *app)
{
   char *err = NULL;
   BundleMerge m = {0};
   if (App_screen(app) != SCREEN_CLASHES || !cl.n_p || App_refuseReadOnly(app))
      return STALE_FOOTER;
   if (undecided()) {
      App_message(app, ROLE_ERROR,
                  ngettext("%zu clash is not decided yet: nothing is merged",
                           "%zu clashes are not decided yet: nothing is merged", undecided()),
                  undecided());
      return STALE_ALL;
   }
   BundleDecision *d = xcalloc(cl.m.n_clashes + 1, sizeof *d);
   for (size_t i = 0; i < cl.m.n_clashes; i++)
      d[i] = (BundleDecision){cl.m.clashes[i].what, cl.take[i], cl.text[i]};
   const PendingImport *p = &cl.p[0];
   StoreStatus st =
      Bundle_mergeDecided(app->store, p->bundle, strlen(p->bundle), app->doc.workload.name, d,
                          cl.m.n_clashes, false, app->opts->user, &m, &err);
   free(d);
   if (st == STORE_CONFLICT) {
      /* Someone changed the review meanwhile: the clashes as they are now. */
      App_message(app, ROLE_ERROR, "%s",
                  _("The review changed meanwhile: here are its clashes now; nothing is merged"));
      if (loadPending(app) == STORE_OK && cl.n_p)
         findClashes(app);
      BundleMerge_free(&m);
      return STALE_ALL;
   }
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Nothing is merged: %s"), err ? err : Store_statusText(st));
      free(err);
      BundleMerge_free(&m);
      return STALE_ALL;
   }
   free(err);
   char *source = xstrdup(p->source);
   if (Store_dropImport(app->store, app->doc.workload.review_id, p->bundle) != STORE_OK)
      App_message(app, ROLE_ERROR, _("Merged, but the bundle still waits: %s"),
                  Store_lastError(app->store));
   else
      App_message(app, ROLE_NOTICE,
                  _("Merged %s: %zu answers, %zu plan items, %zu milestones, %zu history entries"),
                  source, m.answers, m.plan, m.milestones, m.brought);
   free(source);
   BundleMerge_free(&m);
   Clashes_free(app);
   App_pop(app);
   App_reload(app);
   return STALE_ALL;
}
