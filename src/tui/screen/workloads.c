/* workloads.c: the list of workloads; create, rename, archive, open. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/names.h"
#include "core/catalog.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"
#include "tui/lib/when.h"

/* Lines above the rows (title, column heads) and below (the details). */
#define WL_HEAD 2
#define WL_FOOT 3

typedef struct WlColumns {
   int name, lens, answered, high, medium, last;
} WlColumns;

/* The name column fits the longest name (within bounds); the lens takes
 * what is left, the last change gets the rest. */
static void columns(const App *app, WlColumns *c)
{
   int longest = 4, rest;

   for (size_t i = 0; i < app->n_wl; i++) {
      int w = WText_widthStr(app->wl[i].w.name) + (app->wl[i].w.archived ? 11 : 0);
      longest = w > longest ? w : longest;
   }
   if (app->wl_partial && (int)app->wl_name_hint > longest) /* rows not read yet */
      longest = (int)app->wl_name_hint;
   c->name = longest + 2 < 12 ? 12 : longest + 2 > 30 ? 30 : longest + 2;
   c->answered = 10;
   c->high = 5;
   c->medium = 5;
   c->last = 22;
   rest = app->cols - 2 - c->name - c->answered - c->high - c->medium - c->last;
   c->lens = rest < 10 ? 10 : rest > 28 ? 28 : rest;
   c->last = app->cols - 2 - c->name - c->answered - c->high - c->medium - c->lens;
   if (c->last < 8) { /* narrow: the name gives way */
      c->name -= 8 - c->last;
      c->last = 8;
   }
}

static size_t visibleRows(const App *app, int height)
{
   int n = height - WL_HEAD - WL_FOOT;
   return n < 1 ? 1 : (size_t)n;
}

static void drawRow(App *app, int y, const WlColumns *c, const WorkloadRow *r, bool sel)
{
   attr_t base = sel             ? Theme_attr(&app->theme, ROLE_SELECTED)
                 : r->w.archived ? Theme_attr(&app->theme, ROLE_DIM)
                                 : A_NORMAL;
   int x = 1;
   char buf[64], ago[64];

   Text_fill(stdscr, y, 0, app->cols, base);
   if (sel)
      Text_draw(stdscr, y, 0, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), base);
   if (r->w.archived) {
      char *label = xasprintf(_("%s (archived)"), r->w.name);
      Text_draw(stdscr, y, x, c->name - 1, label, base);
      free(label);
   } else {
      Text_draw(stdscr, y, x, c->name - 1, r->w.name, base | A_BOLD);
   }
   x += c->name;
   Text_draw(stdscr, y, x, c->lens - 1, r->lens ? r->lens : _("(lens unreadable)"), base);
   x += c->lens;
   if (r->lens) {
      snprintf(buf, sizeof buf, "%zu/%zu", r->counts.answered, r->counts.questions);
      Text_draw(stdscr, y, x, c->answered - 1, buf, base);
      for (int k = 0; k < 2; k++) {
         Risk risk = k == 0 ? RISK_HIGH : RISK_MEDIUM;
         int w = k == 0 ? c->high : c->medium, used;
         attr_t a = sel ? base : Theme_attr(&app->theme, Theme_riskRole(risk));
         int xx = x + c->answered + (k == 0 ? 0 : c->high);
         used = Text_draw(stdscr, y, xx, w - 1, Theme_riskGlyph(&app->theme, risk), a);
         snprintf(buf, sizeof buf, "%zu", r->counts.by_risk[risk]);
         Text_draw(stdscr, y, xx + used, w - 1 - used, buf, a);
      }
   }
   x += c->answered + c->high + c->medium;
   if (r->last_at) {
      char *last =
         xasprintf("%s%s%s", r->last_by ? r->last_by : "", Theme_glyph(&app->theme, GLYPH_DOT),
                   When_ago(r->last_at, app->now, ago, sizeof ago));
      Text_draw(stdscr, y, x, app->cols - x - 1, last, base);
      free(last);
   }
}

void Workloads_draw(App *app, int top, int height)
{
   WlColumns c;
   size_t vis = visibleRows(app, height);
   char *title;
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);

   columns(app, &c);
   /* While only the first page is read (App_loadWorkloadsFirst), the count is all of them. */
   size_t total = app->wl_partial ? app->wl_total : app->n_wl;
   title = app->show_archived ? xasprintf(_("Workloads (%zu, archived shown)"), total)
                              : xasprintf(_("Workloads (%zu)"), total);
   Text_draw(stdscr, top, 1, app->cols - 2, title, Theme_attr(&app->theme, ROLE_TITLE));
   free(title);
   if (app->n_wl == 0) {
      const char *msg = app->read_only ? _("No workloads in this database.")
                                       : _("No workloads yet. Press a to add one.");
      Text_draw(stdscr, top + 2, 1, app->cols - 2, msg, A_NORMAL);
      return;
   }
   {
      int x = 1;
      Text_draw(stdscr, top + 1, x, c.name - 1, _("name"), dim);
      x += c.name;
      Text_draw(stdscr, top + 1, x, c.lens - 1, _("lens"), dim);
      x += c.lens;
      Text_draw(stdscr, top + 1, x, c.answered - 1, _("answered"), dim);
      x += c.answered;
      Text_draw(stdscr, top + 1, x, c.high + c.medium - 1, _("risks"), dim);
      x += c.high + c.medium;
      Text_draw(stdscr, top + 1, x, app->cols - x - 1, _("last change"), dim);
   }
   app->wl_first = Layout_scroll(app->wl_cur, vis, app->n_wl, app->wl_first);
   for (size_t i = app->wl_first; i < app->n_wl && i < app->wl_first + vis; i++)
      drawRow(app, top + WL_HEAD + (int)(i - app->wl_first), &c, &app->wl[i], i == app->wl_cur);
   if (app->wl_cur < app->n_wl) {
      /* The rows hold no details (App_loadWorkloads): the selected one's
       * are read here, one look-up by name. */
      Workload found = {0};
      const Workload *w = &found;
      if (Store_findWorkload(app->store, app->wl[app->wl_cur].w.name, &found) != STORE_OK)
         w = &app->wl[app->wl_cur].w;
      int y = top + height - 2;
      char *line = xasprintf(_("environment: %s   owner: %s   created: %.10s"),
                             w->environment ? w->environment : "-", w->owner ? w->owner : "-",
                             w->created_at ? w->created_at : "-");
      Text_draw(stdscr, y - 1, 1, app->cols - 2, w->description ? w->description : "", A_NORMAL);
      Text_draw(stdscr, y, 1, app->cols - 2, line, dim);
      free(line);
      Workload_free(&found);
   }
}

Stale Workloads_move(App *app, Move m)
{
   return Layout_moveCursor(&app->wl_cur, app->n_wl, visibleRows(app, app->lines - 2), m)
             ? STALE_BODY
             : STALE_NONE;
}

Stale Workloads_open(App *app)
{
   char *err = NULL;

   if (app->wl_cur >= app->n_wl)
      return STALE_NONE;
   if (!App_openWorkload(app, app->wl[app->wl_cur].w.name, &err)) {
      App_message(app, ROLE_ERROR, "%s", err ? err : _("cannot open the workload"));
      free(err);
      return STALE_FOOTER;
   }
   free(err);
   return STALE_ALL;
}

Stale Workloads_click(App *app, int y, int x, bool again)
{
   int top = 1 + WL_HEAD;
   size_t i;

   if (y < top || y >= top + (int)visibleRows(app, app->lines - 2))
      return STALE_NONE;
   i = app->wl_first + (size_t)(y - top);
   if (i >= app->n_wl)
      return STALE_NONE;
   if (i == app->wl_cur || again)
      return Workloads_open(app);
   app->wl_cur = i;
   return STALE_BODY;
}

Stale Workloads_show(App *app, const char *arg)
{
   App_closeWorkload(app);
   app->depth = 0;
   App_push(app, SCREEN_WORKLOADS);
   App_loadWorkloads(app);
   return STALE_ALL;
}

/* ---- creating: one prompt per field ------------------------------------- */

static void clearCreating(App *app)
{
   free(app->creating.name);
   free(app->creating.description);
   free(app->creating.environment);
   free(app->creating.lens);
   memset(&app->creating, 0, sizeof app->creating);
}

static Stale finishCreate(App *app, const char *owner)
{
   Workload w;
   int64_t lens_id = 0, id = 0;
   DiagList diags;
   char *err = NULL, *name;
   StoreStatus st;

   if (!owner) {
      clearCreating(app);
      return STALE_FOOTER;
   }
   DiagList_init(&diags);
   st = ReviewDoc_resolveLens(app->store,
                              app->creating.lens ? app->creating.lens : app->opts->lens_arg,
                              &lens_id, &diags, &err);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot load the lens: %s"),
                  err           ? err
                  : diags.count ? diags.items[0].message
                                : Store_statusText(st));
      free(err);
      DiagList_free(&diags);
      clearCreating(app);
      return STALE_ALL;
   }
   free(err);
   DiagList_free(&diags);
   memset(&w, 0, sizeof w);
   w.name = app->creating.name;
   w.description =
      app->creating.description && *app->creating.description ? app->creating.description : NULL;
   w.environment = app->creating.environment;
   w.owner = *owner ? (char *)owner : NULL;
   st = Store_addWorkload(app->store, &w, lens_id, app->opts->user, &id);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot create %s: %s"), app->creating.name,
                  st == STORE_EXISTS ? _("the name is taken") : Store_lastError(app->store));
      clearCreating(app);
      return STALE_ALL;
   }
   name = xstrdup(app->creating.name);
   clearCreating(app);
   if (!App_openWorkload(app, name, &err)) {
      App_loadWorkloads(app);
      App_message(app, ROLE_ERROR, "%s", err ? err : _("cannot open the workload"));
   } else {
      App_message(app, ROLE_NOTICE, _("Created %s"), name);
      ContextQ_offer(app); /* a profile for its lens, when one is on offer */
   }
   free(err);
   free(name);
   return STALE_ALL;
}

static Stale gotEnvironment(App *app, const char *key)
{
   if (!key) {
      clearCreating(app);
      return STALE_FOOTER;
   }
   if (key[0] == 'p')
      app->creating.environment = xstrdup("production");
   else if (key[0] == 'r')
      app->creating.environment = xstrdup("preproduction");
   /* The user is offered, selected: Enter takes it, typing replaces it. */
   Prompt_open(app, _("Owner (empty: nobody): "), app->opts->user, finishCreate);
   return STALE_FOOTER;
}

static Stale gotDescription(App *app, const char *text)
{
   if (!text) {
      clearCreating(app);
      return STALE_FOOTER;
   }
   app->creating.description = xstrdup(text);
   Prompt_openMenu(app, _("Environment: p production, r preproduction, Enter none"), "pr",
                   gotEnvironment);
   return STALE_FOOTER;
}

/* The lenses a new workload may take, once per creation. */
static Catalog lensChoice;

static Stale gotLens(App *app, const char *key)
{
   size_t pick = 0, k = 0;

   if (!key) {
      Catalog_free(&lensChoice);
      clearCreating(app);
      return STALE_FOOTER;
   }
   if (*key)
      pick = (size_t)(key[0] - '1');
   for (size_t i = 0; i < lensChoice.count; i++) {
      if (lensChoice.items[i].shadowed)
         continue;
      if (k++ == pick)
         app->creating.lens = xstrdup(lensChoice.items[i].key);
   }
   Catalog_free(&lensChoice);
   Prompt_open(app, _("Description (Enter for none): "), NULL, gotDescription);
   return STALE_FOOTER;
}

/* Without --lens, and with more than one lens to choose from, the lens is
 * asked for (as `workload add --lens`); Enter takes the first. */
static bool offerLenses(App *app)
{
   DiagList diags;
   char *items[9], keys[10];
   size_t n = 0;

   if (app->opts->lens_arg)
      return false;
   DiagList_init(&diags);
   memset(&lensChoice, 0, sizeof lensChoice);
   Catalog_scan(&lensChoice, &diags);
   DiagList_free(&diags);
   for (size_t i = 0; i < lensChoice.count && n < 9; i++) {
      const CatalogEntry *e = &lensChoice.items[i];
      if (e->shadowed)
         continue;
      items[n] = xasprintf("%zu  %s %s  (%s, %s)", n + 1, e->name ? e->name : e->key,
                           e->version ? e->version : "", e->key, LensSource_label(e->source));
      keys[n] = (char)('1' + n);
      n++;
   }
   keys[n] = '\0';
   if (n < 2) {
      for (size_t i = 0; i < n; i++)
         free(items[i]);
      Catalog_free(&lensChoice);
      return false;
   }
   Prompt_openMenu(app, _("Lens (1-9, Enter: the first, Esc cancels): "), keys, gotLens);
   Prompt_setItems(app, (const char *const *)items, n);
   for (size_t i = 0; i < n; i++)
      free(items[i]);
   return true;
}

/* The normal form of a typed name (core/names.h), or NULL after saying why
 * it is refused.  The caller frees it. */
static char *typedName(App *app, const char *text)
{
   char *norm = NULL, *msg = Names_check(NAME_WORKLOAD, text, &norm);
   if (msg)
      App_message(app, ROLE_ERROR, "%s", msg);
   free(msg);
   return norm;
}

static Stale gotNormalName(App *app, const char *text);

static Stale gotName(App *app, const char *typed)
{
   if (!typed || !*typed) {
      clearCreating(app);
      return STALE_FOOTER;
   }
   char *text = typedName(app, typed);
   Stale st = text ? gotNormalName(app, text) : STALE_FOOTER;
   free(text);
   return st;
}

static Stale gotNormalName(App *app, const char *text)
{
   Workload w;

   memset(&w, 0, sizeof w);
   if (Store_findWorkload(app->store, text, &w) == STORE_OK) {
      Workload_free(&w);
      App_message(app, ROLE_ERROR, _("A workload named %s exists already"), text);
      return STALE_FOOTER;
   }
   clearCreating(app);
   app->creating.name = xstrdup(text);
   if (offerLenses(app))
      return STALE_FOOTER;
   Prompt_open(app, _("Description (Enter for none): "), NULL, gotDescription);
   return STALE_FOOTER;
}

Stale Workloads_create(App *app, const char *arg)
{
   if (App_refuseReadOnly(app))
      return STALE_FOOTER;
   if (arg && *arg)
      return gotName(app, arg);
   Prompt_open(app, _("New workload name: "), NULL, gotName);
   return STALE_FOOTER;
}

/* The new name typed, waiting for y (owned here; one rename at a time). */
static char *renameTo;

static Stale doRename(App *app, const char *text)
{
   StoreStatus st;
   const char *old = app->wl[app->wl_cur].w.name;

   st = Store_renameWorkload(app->store, old, text, app->opts->user);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot rename: %s"),
                  st == STORE_EXISTS ? _("the name is taken") : Store_statusText(st));
      return STALE_FOOTER;
   }
   free(app->wl[app->wl_cur].w.name);
   app->wl[app->wl_cur].w.name = xstrdup(text); /* so the reload keeps the cursor */
   App_loadWorkloads(app);
   App_message(app, ROLE_NOTICE, _("Renamed to %s"), text);
   return STALE_ALL;
}

static Stale gotRenameConfirm(App *app, const char *key)
{
   char *to = renameTo;
   Stale s = STALE_FOOTER;

   renameTo = NULL;
   if (key && key[0] == 'y' && to && app->wl_cur < app->n_wl)
      s = doRename(app, to);
   else
      App_message(app, ROLE_NOTICE, "%s", _("Not renamed"));
   free(to);
   return s;
}

/* A rename asks before it acts: a name typed into the wrong prompt must
 * not become the workload's. */
static Stale gotRename(App *app, const char *typed)
{
   char *label, *text;

   if (!typed || !*typed || app->wl_cur >= app->n_wl)
      return STALE_FOOTER;
   if (!(text = typedName(app, typed)))
      return STALE_FOOTER;
   if (strcmp(app->wl[app->wl_cur].w.name, text) == 0) {
      free(text);
      return STALE_FOOTER;
   }
   free(renameTo);
   renameTo = text;
   label = xasprintf(_("Rename %s to %s? y/n "), app->wl[app->wl_cur].w.name, text);
   Prompt_openMenu(app, label, "yn", gotRenameConfirm);
   free(label);
   return STALE_FOOTER;
}

Stale Workloads_rename(App *app, const char *arg)
{
   if (app->wl_cur >= app->n_wl)
      return STALE_NONE;
   if (arg && *arg)
      return gotRename(app, arg);
   Prompt_open(app, _("Rename to: "), app->wl[app->wl_cur].w.name, gotRename);
   return STALE_FOOTER;
}

static Stale gotArchive(App *app, const char *key)
{
   const WorkloadRow *r;
   StoreStatus st;

   if (!key || key[0] != 'y' || app->wl_cur >= app->n_wl)
      return STALE_FOOTER;
   r = &app->wl[app->wl_cur];
   st = Store_archiveWorkload(app->store, r->w.name, !r->w.archived, app->opts->user);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot archive: %s"), Store_statusText(st));
      return STALE_FOOTER;
   }
   App_loadWorkloads(app);
   if (app->wl_cur >= app->n_wl && app->n_wl)
      app->wl_cur = app->n_wl - 1;
   return STALE_ALL;
}

Stale Workloads_archive(App *app, const char *arg)
{
   char *label;

   if (app->wl_cur >= app->n_wl)
      return STALE_NONE;
   label = xasprintf(app->wl[app->wl_cur].w.archived ? _("Restore %s? y/n") : _("Archive %s? y/n"),
                     app->wl[app->wl_cur].w.name);
   Prompt_openMenu(app, label, "yn", gotArchive);
   free(label);
   return STALE_FOOTER;
}

Stale Workloads_toggleArchived(App *app, const char *arg)
{
   app->show_archived = !app->show_archived;
   App_loadWorkloads(app);
   return STALE_ALL;
}
