/* app.c: session state shared by the screens (see app.h). */
#include "config.h"

#include "tui/app.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/count.h"
#include "tui/lead.h"
#include "tui/lib/draft.h"
#include "tui/loop.h"
#include "tui/screens.h"
#include "tui/lib/when.h"

ScreenId App_screen(const App *app)
{
   return app->depth ? app->stack[app->depth - 1] : SCREEN_WORKLOADS;
}

ScreenId App_baseScreen(const App *app)
{
   if (app->depth >= 2 && app->stack[app->depth - 1] == SCREEN_HELP)
      return app->stack[app->depth - 2];
   return App_screen(app);
}

void App_push(App *app, ScreenId s)
{
   if (app->depth < sizeof app->stack / sizeof app->stack[0])
      app->stack[app->depth++] = s;
   else
      app->stack[app->depth - 1] = s;
   Screens_shown(app, s);
}

void App_pop(App *app)
{
   if (app->depth > 1)
      app->depth--;
   Screens_shown(app, App_screen(app));
}

void App_message(App *app, Role role, const char *fmt, ...)
{
   va_list ap;
   char buf[512];

   va_start(ap, fmt);
   vsnprintf(buf, sizeof buf, fmt, ap);
   va_end(ap);
   free(app->msg);
   app->msg = xstrdup(buf);
   app->msg_role = role;
}

void App_clearMessage(App *app)
{
   free(app->msg);
   app->msg = NULL;
}

bool App_refuseReadOnly(App *app)
{
   if (!app->read_only)
      return false;
   App_message(app, ROLE_ERROR, "%s", _("Read-only: nothing can be changed in this session"));
   return true;
}

/* ---- workloads ---------------------------------------------------------- */

static void freeRow(WorkloadRow *r)
{
   Workload_free(&r->w);
   free(r->last_at);
   free(r->last_by);
}

void App_freeWorkloads(App *app)
{
   for (size_t i = 0; i < app->n_wl; i++)
      freeRow(&app->wl[i]);
   free(app->wl);
   app->wl = NULL;
   app->n_wl = 0;
   for (size_t i = 0; i < app->n_wl_labels; i++)
      free(app->wl_labels[i]);
   free(app->wl_labels);
   app->wl_labels = NULL;
   app->n_wl_labels = app->cap_wl_labels = 0;
}

/* The list's one copy of a lens label: 10,000 rows on one lens share it. */
static const char *internLabel(App *app, const char *label)
{
   for (size_t i = 0; i < app->n_wl_labels; i++)
      if (strcmp(app->wl_labels[i], label) == 0)
         return app->wl_labels[i];
   app->wl_labels =
      xgrow(app->wl_labels, &app->cap_wl_labels, app->n_wl_labels + 1, sizeof *app->wl_labels);
   return app->wl_labels[app->n_wl_labels++] = xstrdup(label);
}

/* The lenses of the listed reviews, each parsed once: a thousand workloads
 * share one lens row, and parsing it is most of the cost of a review. */
typedef struct LensSeen {
   int64_t id;
   Lens *lens;  /* NULL when it does not load */
   char *label; /* "name version" */
} LensSeen;

static LensSeen *lensOf(Store *s, int64_t id, LensSeen **seen, size_t *n, size_t *cap)
{
   LensSeen *e;

   for (size_t i = 0; i < *n; i++)
      if ((*seen)[i].id == id)
         return &(*seen)[i];
   *seen = xgrow(*seen, cap, *n + 1, sizeof **seen);
   e = &(*seen)[(*n)++];
   memset(e, 0, sizeof *e);
   e->id = id;
   e->lens = ReviewDoc_loadLens(s, id);
   if (e->lens)
      e->label = e->lens->version ? xasprintf("%s %s", e->lens->name, e->lens->version)
                                  : xstrdup(e->lens->name);
   return e;
}

/* The lens labels ("name version") by lens id, from the lens table: no
 * text read, nothing parsed.  Returns a borrowed label or NULL. */
typedef struct LensLabel {
   int64_t id;
   char *label;
} LensLabel;

static LensLabel *lensLabels(Store *s, size_t *n)
{
   StoreLens *all = NULL;
   LensLabel *out;

   *n = 0;
   if (Store_listLensNames(s, &all, n) != STORE_OK)
      return NULL;
   out = xcalloc(*n ? *n : 1, sizeof *out);
   for (size_t i = 0; i < *n; i++) {
      const char *name = all[i].name ? all[i].name : all[i].key;
      out[i].id = all[i].id;
      out[i].label = all[i].version ? xasprintf("%s %s", name, all[i].version) : xstrdup(name);
   }
   StoreLens_freeArray(all, *n);
   return out;
}

static const char *labelOf(const LensLabel *l, size_t n, int64_t id)
{
   for (size_t i = 0; i < n; i++)
      if (l[i].id == id)
         return l[i].label;
   return NULL;
}

/* What loadRows keeps while the store hands rows over one at a time. */
typedef struct RowTaker {
   App *app;           /* keeps the labels (internLabel) */
   WorkloadRow **rows; /* app->wl, or a row read alone (App_refreshWorkloadRow) */
   size_t *n;
   size_t cap;
   LensLabel *labels;
   size_t n_labels;
   size_t *stale; /* rows whose kept counts must be counted again */
   size_t n_stale, cap_stale;
} RowTaker;

/* Takes one row of the store's list (and its strings): the counts kept for
 * its review.  A fresh row keeps no more than it shows (its workload's own
 * time and author go: its last change is the review's); a stale one keeps
 * them, to be counted on its lens afterwards (countStale). */
static void takeRow(StoreListRow *r, void *ctx)
{
   RowTaker *t = ctx;
   *t->rows = xgrow(*t->rows, &t->cap, *t->n + 1, sizeof **t->rows);
   WorkloadRow *row = &(*t->rows)[(*t->n)++];
   memset(row, 0, sizeof *row);
   row->w = r->w; /* the row takes over the strings */
   if (!r->fresh) {
      free(r->last_at);
      free(r->last_by);
      t->stale = xgrow(t->stale, &t->cap_stale, t->n_stale + 1, sizeof *t->stale);
      t->stale[t->n_stale++] = *t->n - 1;
      return;
   }
   const char *label = labelOf(t->labels, t->n_labels, row->w.lens_id);
   ReviewDoc_countsFromKept(&r->counts, &row->counts);
   if (r->last_at) {
      row->last_at = r->last_at;
      row->last_by = r->last_by;
      free(row->w.updated_at);
      free(row->w.updated_by);
   } else { /* no history: the workload row's own */
      row->last_at = row->w.updated_at;
      row->last_by = row->w.updated_by;
   }
   row->w.updated_at = row->w.updated_by = NULL;
   row->lens = internLabel(t->app, label ? label : "?");
}

/* The stale rows counted again on their lens (each lens parsed once) and
 * recorded (ReviewDoc_summaries).  A row whose lens does not load shows
 * what its workload row knows. */
static void countStale(const RowTaker *t)
{
   WorkloadRow *rows = *t->rows;
   App *app = t->app;
   Store *store = app->store;
   size_t n_seen = 0, cap_seen = 0, n = 0;
   LensSeen *seen = NULL;
   ReviewSummary *sums = xcalloc(t->n_stale ? t->n_stale : 1, sizeof *sums);
   size_t *at = xcalloc(t->n_stale ? t->n_stale : 1, sizeof *at);

   for (size_t k = 0; k < t->n_stale; k++) {
      WorkloadRow *row = &rows[t->stale[k]];
      const LensSeen *l = lensOf(store, row->w.lens_id, &seen, &n_seen, &cap_seen);
      if (l->lens) {
         sums[n] = (ReviewSummary){.w = &row->w, .lens = l->lens};
         at[n++] = t->stale[k];
      }
   }
   if (n && ReviewDoc_summaries(store, sums, n) == STORE_OK)
      for (size_t k = 0; k < n; k++) {
         WorkloadRow *row = &rows[at[k]];
         const char *label = labelOf(t->labels, t->n_labels, row->w.lens_id);
         row->counts = sums[k].counts;
         row->last_at = sums[k].last_at;
         row->last_by = sums[k].last_by;
         row->lens = internLabel(app, label ? label : "?");
      }
   for (size_t k = 0; k < t->n_stale; k++) {
      WorkloadRow *row = &rows[t->stale[k]];
      if (!row->lens) {
         row->last_at = xstrdup(row->w.updated_at);
         row->last_by = xstrdup(row->w.updated_by);
      }
   }
   free(sums);
   free(at);
   for (size_t i = 0; i < n_seen; i++) {
      Lens_free(seen[i].lens);
      free(seen[i].label);
   }
   free(seen);
}

static void freeTaker(RowTaker *t)
{
   free(t->stale);
   for (size_t i = 0; i < t->n_labels; i++)
      free(t->labels[i].label);
   free(t->labels);
}

/* Reads the list's first `limit` rows (0: all) in one query
 * (Store_scanWorkloadRows), a lens parsed only when a review on it must be
 * counted again (store/count.h): a list of 10,000 workloads holds their
 * rows and nothing else.  False after an error, shown. */
static bool loadRows(App *app, size_t limit)
{
   RowTaker t = {.app = app, .rows = &app->wl, .n = &app->n_wl};
   StoreStatus st;

   t.labels = lensLabels(app->store, &t.n_labels);
   st = Store_scanWorkloadRows(app->store, app->show_archived, 0, limit, takeRow, &t);
   if (st == STORE_OK)
      countStale(&t);
   else {
      App_message(app, ROLE_ERROR, _("Cannot list workloads: %s"), Store_lastError(app->store));
      App_freeWorkloads(app);
   }
   freeTaker(&t);
   return st == STORE_OK;
}

/* The rows hold names, counts and last changes only (Store_scanWorkloadRows):
 * what the selected row alone shows is read when it is drawn. */
void App_loadWorkloads(App *app)
{
   char *keep = NULL;

   if (app->wl_cur < app->n_wl)
      keep = xstrdup(app->wl[app->wl_cur].w.name);
   App_freeWorkloads(app);
   app->wl_partial = false;
   app->wl_total = 0;
   if (!loadRows(app, 0)) {
      free(keep);
      return;
   }
   app->wl_total = app->n_wl;
   app->wl_cur = 0;
   for (size_t i = 0; keep && i < app->n_wl; i++)
      if (strcmp(app->wl[i].w.name, keep) == 0)
         app->wl_cur = i;
   free(keep);
}

/* The row of workload `id` read alone, as loadRows would read it; false
 * when it is gone or cannot be read. */
static bool readOneRow(App *app, int64_t id, WorkloadRow *out)
{
   WorkloadRow *got = NULL;
   size_t n = 0;
   RowTaker t = {.app = app, .rows = &got, .n = &n};
   StoreStatus st;

   t.labels = lensLabels(app->store, &t.n_labels);
   st = Store_scanWorkloadRow(app->store, id, takeRow, &t);
   if (st == STORE_OK)
      countStale(&t);
   freeTaker(&t);
   for (size_t i = 1; i < n; i++) /* one row by id; never more */
      freeRow(&got[i]);
   if (st == STORE_OK && n > 0)
      *out = got[0];
   else if (n > 0)
      freeRow(&got[0]);
   free(got);
   return st == STORE_OK && n > 0;
}

bool App_refreshWorkloadRow(App *app, int64_t id)
{
   size_t i = 0;
   WorkloadRow fresh;

   while (i < app->n_wl && app->wl[i].w.id != id)
      i++;
   /* Not listed (created from the list, or never read: walens WORKLOAD). */
   if (i == app->n_wl || app->wl_partial)
      return false;
   if (!readOneRow(app, id, &fresh))
      return false;
   /* Renamed or archived: its place in the list (or its being there) changed. */
   if (strcmp(fresh.w.name, app->wl[i].w.name) != 0 || fresh.w.archived != app->wl[i].w.archived) {
      freeRow(&fresh);
      return false;
   }
   freeRow(&app->wl[i]);
   app->wl[i] = fresh;
   app->wl_cur = i;
   return true;
}

void App_listBehind(App *app)
{
   if (App_screen(app) == SCREEN_WORKLOADS)
      app->reload_pending = true;
   else
      app->wl_behind = app->n_wl > 0;
}

void App_backToWorkloads(App *app)
{
   int64_t left = app->have_doc ? app->doc.workload.id : 0;

   App_closeWorkload(app);
   App_pop(app);
   if (!left || !App_refreshWorkloadRow(app, left)) {
      App_loadWorkloads(app);
      for (size_t i = 0; left && i < app->n_wl; i++)
         if (app->wl[i].w.id == left)
            app->wl_cur = i;
      app->wl_behind = false;
   } else if (app->wl_behind) {
      /* Others committed while the dashboard was shown: the refresh tick
       * reads the list again, as it does for a change seen on the list. */
      app->reload_pending = true;
      app->wl_behind = false;
   }
}

void App_loadWorkloadsFirst(App *app, size_t rows)
{
   size_t total = 0, longest = 0, longest_archived = 0;

   if (rows == 0 ||
       Store_countWorkloads(app->store, app->show_archived, &total, &longest, &longest_archived) !=
          STORE_OK ||
       total <= rows) {
      App_loadWorkloads(app);
      return;
   }
   App_freeWorkloads(app);
   app->wl_cur = 0;
   if (!loadRows(app, rows))
      return;
   app->wl_total = total;
   app->wl_partial = true;
   /* The name column as the whole list will size it (workloads.c), so
    * that reading the rest moves nothing; names of wide characters may
    * still widen it then. */
   if (longest_archived > 0 && longest_archived + 11 > longest)
      longest = longest_archived + 11; /* "(archived)" follows the name */
   app->wl_name_hint = longest;
}

/* ---- the open review ---------------------------------------------------- */

bool App_openWorkload(App *app, const char *name, char **err)
{
   DiagList diags;
   StoreStatus st;
   size_t n;

   App_closeWorkload(app);
   DiagList_init(&diags);
   memset(&app->doc, 0, sizeof app->doc);
   st = ReviewDoc_load(app->store, name, &app->doc, &diags, err);
   DiagList_free(&diags);
   if (st != STORE_OK) {
      if (err && !*err)
         *err = xasprintf(_("cannot open workload %s: %s"), name, Store_statusText(st));
      return false;
   }
   app->have_doc = true;
   App_loadProfile(app);
   n = app->doc.lens->n_questions;
   app->order = xcalloc(n ? n : 1, sizeof *app->order);
   app->rank = xcalloc(n ? n : 1, sizeof *app->rank);
   Lens_reviewOrder(app->doc.lens, app->order);
   for (size_t i = 0; i < n; i++)
      app->rank[app->order[i]] = i;
   memset(&app->matrix, 0, sizeof app->matrix);
   Matrix_build(&app->doc.review, &app->matrix);
   app->row = app->col = app->first_row = app->first_col = 0;
   app->q = app->choice = 0;
   app->scope = LIST_CELL;
   Draft_forgetKnown(); /* a review opened: its drafts are read again */
   Screens_reload(app, true);
   /* The stack becomes workloads -> dashboard. */
   app->depth = 0;
   App_push(app, SCREEN_WORKLOADS);
   App_push(app, SCREEN_DASHBOARD);
   return true;
}

void App_closeWorkload(App *app)
{
   Lead_close(app); /* a leader who leaves frees the lead */
   Draft_forgetKnown();
   /* What hangs on the review: plan, milestones, pages, the upgrade. */
   Screens_free(app);
   free(app->report_path);
   app->report_path = NULL;
   if (!app->have_doc)
      return;
   Matrix_free(&app->matrix);
   ProfileDoc_free(&app->profile);
   ReviewDoc_free(&app->doc);
   free(app->order);
   free(app->rank);
   free(app->list);
   app->order = app->rank = app->list = NULL;
   app->n_list = 0;
   app->have_doc = false;
}

void App_loadProfile(App *app)
{
   DiagList d;
   DiagList_init(&d);
   ProfileDoc_free(&app->profile);
   if (ProfileDoc_load(app->store, app->doc.workload.id, app->doc.lens, &app->profile, &d) !=
       STORE_OK)
      App_message(app, ROLE_ERROR, "%s", _("The workload's profile no longer loads"));
   DiagList_free(&d);
}

Risk App_risk(const App *app, size_t q)
{
   return Question_risk(&app->doc.lens->questions[q], &app->doc.review.answers[q]);
}

bool App_filterMatch(const App *app, size_t q)
{
   Risk r = App_risk(app, q);

   switch (app->filter) {
   case FILTER_UNANSWERED: return r == RISK_UNANSWERED;
   case FILTER_HIGH: return r == RISK_HIGH;
   case FILTER_MEDIUM: return r == RISK_MEDIUM;
   case FILTER_PRIORITY: return ProfileDoc_isPriority(&app->profile, q);
   case FILTER_ALL:
   default: return true;
   }
}

const char *App_filterName(Filter f)
{
   switch (f) {
   case FILTER_UNANSWERED: return _("unanswered");
   case FILTER_HIGH: return _("HIGH");
   case FILTER_MEDIUM: return _("MEDIUM");
   case FILTER_PRIORITY: return _("priority");
   case FILTER_ALL:
   default: return _("all");
   }
}

size_t App_collect(const App *app, ListScope scope, size_t row, size_t col, size_t **out)
{
   const Lens *lens = app->doc.lens;
   size_t n = 0;

   *out = xcalloc(lens->n_questions ? lens->n_questions : 1, sizeof **out);
   for (size_t i = 0; i < lens->n_questions; i++) {
      size_t q = app->order[i];
      const Question *qq = &lens->questions[q];
      size_t r = Matrix_rowOf(lens, qq);
      bool in = scope == LIST_ALL || (scope == LIST_ROW && r == row) ||
                (scope == LIST_COLUMN && qq->pillar == col) ||
                (scope == LIST_CELL && r == row && qq->pillar == col);
      if (in && App_filterMatch(app, q))
         (*out)[n++] = q;
   }
   return n;
}

void App_rebuild(App *app)
{
   if (!app->have_doc)
      return;
   app->hist_gen++; /* the question screen's changes */
   Matrix_free(&app->matrix);
   memset(&app->matrix, 0, sizeof app->matrix);
   Matrix_build(&app->doc.review, &app->matrix);
   Screens_reload(app, false);
}

Stale App_reload(App *app)
{
   if (App_screen(app) == SCREEN_WORKLOADS) {
      App_loadWorkloads(app);
      app->wl_behind = false;
   } else if (app->n_wl) {
      app->wl_behind = true; /* App_backToWorkloads */
   }
   if (app->have_doc) {
      StoreStatus st = ReviewDoc_reloadAnswers(app->store, &app->doc);
      if (st != STORE_OK)
         App_message(app, ROLE_ERROR, _("Cannot reload answers: %s"), Store_statusText(st));
      App_loadProfile(app); /* another reviewer may have changed the context answers */
      App_rebuild(app);
   }
   return STALE_ALL;
}

void App_copyAnswer(const App *app, size_t q, Answer *out)
{
   const Answer *a = &app->doc.review.answers[q];
   size_t n = app->doc.lens->questions[q].n_choices;

   out->not_applicable = a->not_applicable;
   out->reason = a->reason;
   out->choices = xmalloc(n + 1);
   if (n)
      memcpy(out->choices, a->choices, n);
}

StoreStatus App_putAnswer(App *app, size_t q, const Answer *a, const char *notes)
{
   return App_putAnswerNa(app, q, a, notes, NULL);
}

StoreStatus App_putAnswerNa(App *app, size_t q, const Answer *a, const char *notes,
                            const char *na_note)
{
   StoreMerge m;
   StoreStatus st;

   if (App_refuseReadOnly(app))
      return STORE_READONLY;
   st = ReviewDoc_mergeAnswerNa(app->store, &app->doc, q, a, notes, NULL, na_note, app->opts->user,
                                NULL, &m);
   if (st == STORE_OK && m.n_clashes) {
      /* The rest is stored; the doc shows the other person's part. */
      App_message(app, ROLE_ERROR, _("Kept theirs (shown): %s"), m.message);
      st = STORE_CONFLICT;
   } else if (st == STORE_OK && m.notes_merged) {
      App_message(app, ROLE_NOTICE, "%s", _("Stored; the notes were merged with another edit"));
   } else if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not stored: %s"), Store_statusText(st));
   }
   if ((st == STORE_OK || st == STORE_CONFLICT) && m.wrote)
      Undo_push(app, m.history_id, SCREEN_QUESTION, app->doc.lens->questions[q].id);
   if (st == STORE_OK || st == STORE_CONFLICT)
      StoreMerge_free(&m);
   App_rebuild(app);
   return st;
}

/* Notes typed in the editor and not stored. */
static bool draftPending(const App *app)
{
   bool editing = false;
   for (size_t i = 0; i < app->depth; i++)
      if (app->stack[i] == SCREEN_EDITOR)
         editing = true;
   return editing && app->have_doc && app->ed.buf.modified;
}

void App_keepRescue(App *app)
{
   char *path = NULL, *bytes = NULL;
   size_t len = 0;
   if (draftPending(app)) {
      char *text = EdBuf_text(&app->ed.buf), *key = Editor_draftKey(app);
      bytes = Draft_render(app->db_key, app->doc.workload.id, key, text,
                           app->ed.base_notes ? app->ed.base_notes : "", &path, &len);
      free(key);
      free(text);
   }
   Tui_keepRescue(path, bytes, len);
}

void App_saveDraft(App *app)
{
   char *text;

   if (!draftPending(app))
      return;
   text = EdBuf_text(&app->ed.buf);
   char *key = Editor_draftKey(app);
   Draft_saveBase(app->db_key, app->doc.workload.id, key, text,
                  app->ed.base_notes ? app->ed.base_notes : "");
   free(key);
   free(text);
}
