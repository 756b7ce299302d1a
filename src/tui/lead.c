/* lead.c: the facilitated workshop in the terminal UI (see lead.h).
 *
 * The leader's session writes where it is (screen, question, scroll of the
 * question's text) into the session's lead row on its tick; a follower
 * reads that row on every tick and goes there.  A follower's own move (a
 * key that changed where it is) ends the following; nothing a follower
 * does for following is written. */
#include "config.h"

#include "tui/lead.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/agendafile.h"
#include "core/names.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/leadline.h"
#include "tui/lib/wtext.h"
#include "tui/loop.h"
#include "tui/screens.h"

/* A session that does not follow reads the lead and the agenda this often
 * (the clock shows seconds); a follower reads the lead on every tick. */
#define LEAD_READ_S 1.0

typedef struct LeadState {
   int64_t wid; /* the workload this state is about */
   bool have_lead;
   SessionLead lead;
   Agenda agenda;    /* n 0: none */
   bool *covered;    /* per question: an agenda item under way or done covers it */
   size_t items_run; /* items under way or done */
   char *now;        /* the store's clock at the last read */
   bool following, was_following;
   char *published; /* the leader: the place last written */
   char *applied;   /* a follower: the leader's place last gone to */
   char *baseline;  /* where this session was before the pass's keys */
   char *words;     /* the header's words as last drawn */
   double next_read;
   bool tried_opt; /* --lead was tried on this workload */
} LeadState;

/* Where a session is, as the lead row says it. */
typedef struct Place {
   const char *screen, *question; /* a question's, or the list's selected one; else NULL */
   int scroll;                    /* a question: its text's scroll; else POS_ below */
} Place;

/* On the dashboard and the question list the lead row's scroll column
 * carries the cursor (no schema step for it): the dashboard's selected
 * cell as row * POS_BASE + col (rows == "All", cols == "All"), the list's
 * as ((filter * 4 + scope) * POS_BASE + row) * POS_BASE + col, its
 * selected question in the question column.  Lenses are far smaller than
 * POS_BASE phases or pillars. */
#define POS_BASE 1024

static int posOfCursor(const App *app)
{
   return (int)(app->row * POS_BASE + app->col);
}

static Place placeOf(const App *app)
{
   ScreenId s = App_screen(app);
   Place p = {Screens_id(s), NULL, 0};
   if (app->have_doc && (s == SCREEN_QUESTION || s == SCREEN_EDITOR))
      p.question = app->doc.lens->questions[s == SCREEN_EDITOR ? app->ed.q : app->q].id;
   if (s == SCREEN_QUESTION)
      p.scroll = (int)app->desc_first;
   if (app->have_doc && s == SCREEN_DASHBOARD)
      p.scroll = posOfCursor(app);
   if (app->have_doc && s == SCREEN_LIST) {
      p.scroll = ((int)app->filter * 4 + (int)app->scope) * POS_BASE * POS_BASE + posOfCursor(app);
      if (app->list_cur < app->n_list)
         p.question = app->doc.lens->questions[app->list[app->list_cur]].id;
   }
   return p;
}

/* Puts the dashboard's cursor where pos says; false when pos is out of
 * this lens's matrix (nothing changes). */
static bool setCursor(App *app, int pos)
{
   size_t r = (size_t)(pos / POS_BASE) % POS_BASE, c = (size_t)(pos % POS_BASE);

   if (pos < 0 || r > app->matrix.rows || c > app->matrix.cols)
      return false;
   app->row = r;
   app->col = c;
   return true;
}

/* A follower goes to the leader's question list: the same cell, scope and
 * filter, the cursor on the same question. */
static Stale goToList(App *app, const SessionLead *l)
{
   int kind = l->scroll / (POS_BASE * POS_BASE);
   size_t q;
   bool same;

   if (kind < 0 || kind / 4 >= FILTER_COUNT)
      return STALE_NONE;
   same = App_screen(app) == SCREEN_LIST && app->scope == (ListScope)(kind % 4) &&
          app->filter == (Filter)(kind / 4) &&
          posOfCursor(app) == l->scroll % (POS_BASE * POS_BASE);
   if (!same) {
      while (App_screen(app) != SCREEN_DASHBOARD && app->depth > 2)
         Loop_back(app, NULL);
      if (App_screen(app) != SCREEN_DASHBOARD || !setCursor(app, l->scroll % (POS_BASE * POS_BASE)))
         return STALE_NONE;
      app->scope = (ListScope)(kind % 4);
      app->filter = (Filter)(kind / 4);
      app->list_cur = app->list_first = 0;
      List_refill(app);
      App_push(app, SCREEN_LIST);
   }
   if (l->question && Lens_findQuestion(app->doc.lens, l->question, &q))
      for (size_t i = 0; i < app->n_list; i++)
         if (app->list[i] == q)
            app->list_cur = i;
   return STALE_ALL;
}

static char *placeText(Place p)
{
   return xasprintf("%s\n%s\n%d", p.screen ? p.screen : "", p.question ? p.question : "", p.scroll);
}

static void setText(char **slot, char *value)
{
   free(*slot);
   *slot = value;
}

static void freeState(LeadState *ls)
{
   SessionLead_free(&ls->lead);
   Agenda_free(&ls->agenda);
   free(ls->covered);
   free(ls->now);
   free(ls->published);
   free(ls->applied);
   free(ls->baseline);
   free(ls->words);
   free(ls);
}

/* The state of the open review, made on first use; NULL without one. */
static LeadState *state(App *app)
{
   if (!app->have_doc)
      return NULL;
   if (app->lead && app->lead->wid != app->doc.workload.id) {
      freeState(app->lead);
      app->lead = NULL;
   }
   if (!app->lead) {
      app->lead = xcalloc(1, sizeof *app->lead);
      app->lead->wid = app->doc.workload.id;
   }
   return app->lead;
}

/* Does this session hold the lead?  A lead handed over from the shell
 * (pid 0) is the named user's: their session claims it on its next move. */
static bool iLead(const App *app, const LeadState *ls)
{
   return ls->have_lead && strcmp(ls->lead.user, app->opts->user) == 0 &&
          (ls->lead.pid == 0 || ls->lead.pid == (long)getpid());
}

static void computeCovered(App *app, LeadState *ls)
{
   const Lens *l = app->doc.lens;
   const Agenda *a = &ls->agenda;

   free(ls->covered);
   ls->covered = xcalloc(l->n_questions + 1, sizeof *ls->covered);
   ls->items_run = 0;
   for (size_t i = 0; i < a->n; i++) {
      bool run = a->items[i].spent_s > 0 || (a->current >= 0 && (long)i <= a->current);
      if (!run)
         continue;
      ls->items_run++;
      for (size_t q = 0; q < l->n_questions; q++)
         if (AgendaFile_covers(l, a->items[i].kind, a->items[i].target, q))
            ls->covered[q] = true;
   }
}

/* Reads the lead and the agenda again; STALE_BODY when what the dashboard
 * marks changed. */
static Stale readState(App *app, LeadState *ls)
{
   bool led = iLead(app, ls);
   SessionLead l;
   StoreStatus st = Store_getLead(app->store, ls->wid, &l);
   Agenda a;
   Stale s = STALE_NONE;

   if (st == STORE_OK || st == STORE_NOT_FOUND) {
      SessionLead_free(&ls->lead);
      ls->lead = l;
      ls->have_lead = st == STORE_OK;
   }
   if (led && !iLead(app, ls)) {
      if (ls->have_lead)
         App_message(app, ROLE_NOTICE, _("%s leads the session now"), ls->lead.user);
      else
         App_message(app, ROLE_NOTICE, "%s", _("Nobody leads the session now"));
      setText(&ls->published, NULL);
      s |= STALE_FOOTER;
   }
   if (!led && iLead(app, ls)) {
      App_message(app, ROLE_NOTICE, "%s", _("You lead the session now"));
      s |= STALE_FOOTER;
   }
   if (ls->following && (!ls->have_lead || iLead(app, ls))) {
      ls->following = false;
      if (!ls->have_lead)
         App_message(app, ROLE_NOTICE, "%s",
                     _("Nobody leads the session any more: you no longer follow"));
      s |= STALE_FOOTER;
   }
   if (Store_getAgenda(app->store, ls->wid, &a) == STORE_OK) {
      bool changed = a.n != ls->agenda.n || a.current != ls->agenda.current;
      for (size_t i = 0; !changed && i < a.n; i++)
         changed = (a.items[i].spent_s > 0) != (ls->agenda.items[i].spent_s > 0);
      Agenda_free(&ls->agenda);
      ls->agenda = a;
      if (changed || !ls->covered) {
         computeCovered(app, ls);
         s |= STALE_BODY;
      }
   }
   setText(&ls->now, Store_now(app->store));
   return s;
}

/* The header's words at full length (what the tick compares). */
static char *wordsOf(App *app, LeadState *ls, int width);

/* Takes a follower to the leader's place: the same screen, question and
 * scroll of its text.  Places a follower cannot share (a prompt, a page of
 * the leader's) leave it where it is. */
static Stale goTo(App *app, LeadState *ls)
{
   const SessionLead *l = &ls->lead;
   const char *scr = l->screen;
   size_t q;

   if (!scr || app->prompt.active || App_screen(app) == SCREEN_EDITOR)
      return STALE_NONE;
   if ((strcmp(scr, Screens_id(SCREEN_QUESTION)) == 0 ||
        strcmp(scr, Screens_id(SCREEN_EDITOR)) == 0) &&
       l->question && Lens_findQuestion(app->doc.lens, l->question, &q)) {
      if (App_screen(app) != SCREEN_QUESTION || app->q != q)
         Question_openAt(app, q);
      app->desc_first = strcmp(scr, Screens_id(SCREEN_QUESTION)) == 0 ? (size_t)l->scroll : 0;
      return STALE_ALL;
   }
   if (strcmp(scr, Screens_id(SCREEN_LIST)) == 0)
      return goToList(app, l);
   bool dash = strcmp(scr, Screens_id(SCREEN_DASHBOARD)) == 0;
   bool plan = strcmp(scr, Screens_id(SCREEN_PLAN)) == 0;
   bool ms = strcmp(scr, Screens_id(SCREEN_MILESTONES)) == 0;
   if (!dash && !plan && !ms)
      return STALE_NONE;
   if (App_screen(app) == SCREEN_DASHBOARD && dash)
      return setCursor(app, l->scroll) ? STALE_BODY : STALE_NONE;
   if ((plan && App_screen(app) == SCREEN_PLAN) || (ms && App_screen(app) == SCREEN_MILESTONES))
      return STALE_NONE;
   while (App_screen(app) != SCREEN_DASHBOARD && app->depth > 2)
      Loop_back(app, NULL);
   if (plan)
      PlanView_show(app, NULL);
   else if (ms)
      Milestones_show(app, NULL);
   else if (App_screen(app) == SCREEN_DASHBOARD)
      setCursor(app, l->scroll);
   return STALE_ALL;
}

Stale Lead_tick(App *app, double now, bool keyed)
{
   LeadState *ls = state(app);
   Stale s = STALE_NONE;
   char *here;

   if (!ls)
      return STALE_NONE;
   if (app->opts->lead && !ls->tried_opt && !app->read_only) {
      ls->tried_opt = true; /* --lead: once for the workload walens opens */
      s |= Lead_take(app, NULL);
   }
   here = placeText(placeOf(app));
   if (keyed && ls->was_following && ls->following && ls->baseline &&
       strcmp(here, ls->baseline) != 0) {
      ls->following = false; /* moved on their own */
      App_message(app, ROLE_NOTICE, _("You no longer follow %s"),
                  ls->have_lead ? ls->lead.user : "");
      s |= STALE_HEADER | STALE_FOOTER;
   }
   if (ls->following || now >= ls->next_read) {
      ls->next_read = now + LEAD_READ_S;
      Stale r = readState(app, ls);
      /* The covered cells show on the dashboard only. */
      s |= App_screen(app) == SCREEN_DASHBOARD ? r : r & ~(Stale)STALE_BODY;
   }
   if (iLead(app, ls) && !app->read_only && (!ls->published || strcmp(here, ls->published) != 0)) {
      Place p = placeOf(app);
      if (Store_moveLead(app->store, ls->wid, app->opts->user, (long)getpid(), p.screen, p.question,
                         p.scroll) == STORE_OK) {
         setText(&ls->published, xstrdup(here));
         if (ls->lead.pid == 0)
            ls->lead.pid = (long)getpid(); /* claimed */
      } else {
         s |= readState(app, ls); /* someone took it meanwhile */
      }
   }
   if (ls->following && ls->have_lead) {
      char *there = placeText((Place){ls->lead.screen, ls->lead.question, ls->lead.scroll});
      if (!ls->applied || strcmp(there, ls->applied) != 0) {
         Stale moved = goTo(app, ls);
         if (moved || !app->prompt.active)
            setText(&ls->applied, there), there = NULL;
         s |= moved;
      }
      free(there);
   }
   free(here);
   {
      char *words = wordsOf(app, ls, 1000);
      bool same = (!words && !ls->words) || (words && ls->words && strcmp(words, ls->words) == 0);
      setText(&ls->words, words);
      if (!same)
         s |= STALE_HEADER;
   }
   return s;
}

void Lead_beforeKeys(App *app)
{
   LeadState *ls = app->have_doc ? app->lead : NULL;

   if (!ls)
      return;
   ls->was_following = ls->following;
   setText(&ls->baseline, placeText(placeOf(app)));
}

void Lead_close(App *app)
{
   LeadState *ls = app->lead;

   if (!ls)
      return;
   /* A leader who leaves frees the lead (only this process's hold). */
   if (ls->have_lead && !app->read_only && strcmp(ls->lead.user, app->opts->user) == 0)
      Store_dropLead(app->store, ls->wid, app->opts->user, (long)getpid());
   freeState(ls);
   app->lead = NULL;
}

/* ---- the header and the dashboard ---------------------------------------- */

static char *wordsOf(App *app, LeadState *ls, int width)
{
   const Agenda *a = &ls->agenda;
   LeadLine l = {.leader = ls->have_lead ? ls->lead.user : NULL,
                 .following = ls->following,
                 .utf8 = app->theme.utf8};
   char clock[64], *label = NULL, *out;

   if (a->current >= 0 && (size_t)a->current < a->n && a->started_at && ls->now) {
      const AgendaItem *it = &a->items[a->current];
      label = AgendaFile_label(app->doc.lens, it->kind, it->target, it->title);
      AgendaFile_clock(clock, sizeof clock, Agenda_spent(a, (size_t)a->current, ls->now),
                       it->minutes);
      l.item = label;
      l.clock = clock;
      l.index = (size_t)a->current + 1;
      l.count = a->n;
   }
   out = LeadLine_text(&l, width);
   free(label);
   return out;
}

char *Lead_header(App *app, char *presence, int width)
{
   LeadState *ls = app->have_doc ? app->lead : NULL;
   const char *dot = Theme_glyph(&app->theme, GLYPH_DOT);
   int dot_w = WText_widthStr(dot);
   char *words, *out;

   if (!ls || width <= 0)
      return presence;
   words = wordsOf(app, ls, width);
   if (!words)
      return presence;
   /* Who is here gives way first (to a count, then altogether), then the
    * agenda's words shorten (LeadLine_text). */
   if (presence && WText_widthStr(words) + dot_w + WText_widthStr(presence) > width) {
      free(presence);
      presence = xasprintf(_("%zu here"), Roster_hereCount(app));
      int room = width - dot_w - WText_widthStr(presence);
      free(words);
      words = wordsOf(app, ls, room);
      if (!words || WText_widthStr(words) > room) {
         free(presence);
         presence = NULL;
         free(words);
         words = wordsOf(app, ls, width);
      }
   }
   if (!words)
      return presence;
   out = presence ? xasprintf("%s%s%s", words, dot, presence) : xstrdup(words);
   free(words);
   free(presence);
   return out;
}

bool Lead_cellCovered(const App *app, size_t r, size_t c)
{
   const LeadState *ls = app->have_doc ? app->lead : NULL;
   const Lens *l;
   bool any = false;

   if (!ls || !ls->covered || ls->items_run == 0)
      return false;
   l = app->doc.lens;
   for (size_t q = 0; q < l->n_questions; q++) {
      bool in = (r >= app->matrix.rows || Matrix_rowOf(l, &l->questions[q]) == r) &&
                (c >= app->matrix.cols || l->questions[q].pillar == c);
      if (!in)
         continue;
      if (!ls->covered[q])
         return false; /* the whole cell, or it is not covered */
      any = true;
   }
   return any;
}

const char *Lead_coveredGlyph(const App *app)
{
   return app->theme.utf8 ? "\xe2\x8a\x99" : "@"; /* ⊙: no risk, review or plan mark uses it */
}

char *Lead_coveredLegend(const App *app)
{
   const LeadState *ls = app->have_doc ? app->lead : NULL;

   if (!ls || ls->items_run == 0)
      return NULL;
   return xasprintf(ngettext("%s covered by the agenda so far: %zu of %zu item",
                             "%s covered by the agenda so far: %zu of %zu items", ls->agenda.n),
                    Lead_coveredGlyph(app), ls->items_run, ls->agenda.n);
}

/* ---- actions ------------------------------------------------------------- */

Stale Lead_take(App *app, const char *arg)
{
   LeadState *ls = state(app);
   bool take = arg && (strcmp(arg, "take") == 0 || strcmp(arg, "--take") == 0);

   if (!ls)
      return STALE_NONE;
   if (arg && !take) {
      App_message(app, ROLE_ERROR, "%s", _("Usage: :lead [take]"));
      return STALE_FOOTER;
   }
   if (Store_takeLead(app->store, ls->wid, app->opts->user, (long)getpid(), take) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
      return STALE_FOOTER;
   }
   ls->following = false;
   setText(&ls->published, NULL);
   readState(app, ls);
   App_message(app, ROLE_NOTICE, _("You lead the session on %s: others follow you with J"),
               app->doc.workload.name);
   return STALE_HEADER | STALE_FOOTER;
}

Stale Lead_handover(App *app, const char *arg)
{
   LeadState *ls = state(app);
   char *to = NULL, *err;

   if (!ls)
      return STALE_NONE;
   if (!arg || !*arg) {
      App_message(app, ROLE_ERROR, "%s", _("Usage: :handover USER"));
      return STALE_FOOTER;
   }
   if ((err = Names_check(NAME_USER, arg, &to)) != NULL) {
      App_message(app, ROLE_ERROR, "%s", err);
      free(err);
      return STALE_FOOTER;
   }
   if (Store_handLead(app->store, ls->wid, app->opts->user, to) != STORE_OK)
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
   else
      App_message(app, ROLE_NOTICE, _("%s leads the session now"), to);
   free(to);
   setText(&ls->published, NULL);
   readState(app, ls);
   return STALE_HEADER | STALE_FOOTER;
}

Stale Lead_leave(App *app, const char *arg)
{
   LeadState *ls = state(app);

   (void)arg;
   if (!ls)
      return STALE_NONE;
   readState(app, ls);
   if (!ls->have_lead || strcmp(ls->lead.user, app->opts->user) != 0) {
      App_message(app, ROLE_ERROR, _("You do not lead the session on %s"), app->doc.workload.name);
      return STALE_FOOTER;
   }
   if (Store_dropLead(app->store, ls->wid, app->opts->user, 0) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
      return STALE_FOOTER;
   }
   setText(&ls->published, NULL);
   readState(app, ls);
   App_message(app, ROLE_NOTICE, "%s", _("You no longer lead the session"));
   return STALE_HEADER | STALE_FOOTER;
}

Stale Lead_follow(App *app, const char *arg)
{
   LeadState *ls = state(app);

   (void)arg;
   if (!ls)
      return STALE_NONE;
   if (ls->following) {
      ls->following = false;
      App_message(app, ROLE_NOTICE, _("You no longer follow %s"),
                  ls->have_lead ? ls->lead.user : "");
      return STALE_HEADER | STALE_FOOTER;
   }
   readState(app, ls);
   if (!ls->have_lead) {
      App_message(app, ROLE_ERROR, _("Nobody leads the session on %s: nobody to follow"),
                  app->doc.workload.name);
      return STALE_FOOTER;
   }
   if (iLead(app, ls)) {
      App_message(app, ROLE_ERROR, "%s", _("You lead this session"));
      return STALE_FOOTER;
   }
   ls->following = true;
   setText(&ls->applied, NULL); /* the tick takes us there */
   ls->next_read = 0;
   App_message(app, ROLE_NOTICE, _("Following %s: a move of your own stops it"), ls->lead.user);
   return STALE_HEADER | STALE_FOOTER;
}

/* May this session change the agenda?  Nobody leading, or this user. */
static bool mayLead(App *app, LeadState *ls, const char *what)
{
   readState(app, ls);
   if (!ls->have_lead || strcmp(ls->lead.user, app->opts->user) == 0)
      return true;
   App_message(app, ROLE_ERROR, _("%s leads the session: only the leader can %s"), ls->lead.user,
               what);
   return false;
}

static char *expandHome(const char *path)
{
   const char *home = getenv("HOME");
   if (path[0] == '~' && path[1] == '/' && home && *home)
      return xasprintf("%s%s", home, path + 1);
   return xstrdup(path);
}

static void showDiags(App *app, const char *file, const DiagList *d)
{
   char *first = d->count > 0 ? Diag_format(&d->items[0]) : NULL;

   if (d->count > 1) {
      Pager_begin(app, _("Agenda errors"));
      for (size_t i = 0; i < d->count; i++) {
         char *t = Diag_format(&d->items[i]);
         Pager_addText(app, d->items[i].level == DIAG_ERROR ? ROLE_ERROR : ROLE_NOTICE, 0, t);
         free(t);
      }
      Pager_show(app, SCREEN_PAGER);
   }
   if (first)
      App_message(app, ROLE_ERROR, "%s", first);
   else
      App_message(app, ROLE_ERROR, _("%s: the agenda has errors; nothing was changed"), file);
   free(first);
}

/* The agenda item for where this session is: the question shown, or the
 * dashboard's selected cell, or its phase or pillar on an "All" row or
 * column.  False with a message elsewhere (kind and target are owned). */
static bool itemHere(App *app, AgendaItem *it)
{
   const Lens *l = app->doc.lens;
   ScreenId s = App_screen(app);
   bool all_r = app->row >= app->matrix.rows, all_c = app->col >= app->matrix.cols;

   if (s == SCREEN_QUESTION || s == SCREEN_EDITOR) {
      it->kind = xstrdup("questions");
      it->target = xstrdup(l->questions[s == SCREEN_EDITOR ? app->ed.q : app->q].id);
      return true;
   }
   if (s == SCREEN_DASHBOARD && l->n_phases == 0 && !all_c) {
      it->kind = xstrdup("pillar"); /* one row: the pillar is the cell */
      it->target = xstrdup(l->pillars[app->col].id);
      return true;
   }
   if (s == SCREEN_DASHBOARD && l->n_phases > 0 && !(all_r && all_c)) {
      it->kind = xstrdup(all_r ? "pillar" : all_c ? "phase" : "cell");
      it->target = all_r   ? xstrdup(l->pillars[app->col].id)
                   : all_c ? xstrdup(l->phases[app->row].id)
                           : xasprintf("%s/%s", l->phases[app->row].id, l->pillars[app->col].id);
      return true;
   }
   App_message(app, ROLE_ERROR, "%s",
               _("Choose a cell, phase or pillar on the dashboard, or open a question, "
                 "then :agenda add MINUTES"));
   return false;
}

/* :agenda add MINUTES: the item for here appended; a running agenda keeps
 * its clock and the time spent (Store_addAgendaItem). */
static Stale agendaAdd(App *app, LeadState *ls, const char *arg)
{
   AgendaItem here = {0};
   Agenda a;
   char *end;
   long minutes;
   StoreStatus st;

   while (*arg == ' ')
      arg++;
   minutes = strtol(arg, &end, 10);
   while (*end == ' ')
      end++;
   if (end == arg || *end || minutes < 1 || minutes > 1440) {
      App_message(app, ROLE_ERROR, "%s", _("Usage: :agenda add MINUTES (1 to 1440)"));
      return STALE_FOOTER;
   }
   if (!mayLead(app, ls, _("set the agenda")) || !itemHere(app, &here))
      return STALE_FOOTER;
   here.minutes = (int)minutes;
   if ((st = Store_addAgendaItem(app->store, ls->wid, &here, app->opts->user)) == STORE_OK &&
       (st = Store_getAgenda(app->store, ls->wid, &a)) == STORE_OK) {
      char *label = AgendaFile_label(app->doc.lens, here.kind, here.target, NULL);
      App_message(app, ROLE_NOTICE, _("Agenda item %zu: %s (%d min); > starts the agenda"), a.n,
                  label, here.minutes);
      free(label);
      Agenda_free(&a);
   }
   free(here.kind);
   free(here.target);
   if (st != STORE_OK)
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
   readState(app, ls);
   return STALE_ALL;
}

/* :agenda clear: no agenda (an empty one, stored the same way). */
static Stale agendaClear(App *app, LeadState *ls)
{
   if (!mayLead(app, ls, _("set the agenda")))
      return STALE_FOOTER;
   if (Store_setAgenda(app->store, ls->wid, NULL, 0, app->opts->user) != STORE_OK)
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
   else
      App_message(app, ROLE_NOTICE, "%s", _("The agenda is empty: :agenda add MINUTES adds here"));
   readState(app, ls);
   return STALE_ALL;
}

Stale Lead_agenda(App *app, const char *arg)
{
   LeadState *ls = state(app);
   AgendaFileItem *items;
   DiagList d;
   size_t n;
   int minutes = 0;
   char *path;
   bool ok;

   if (!ls)
      return STALE_NONE;
   if (!arg || !*arg) {
      App_message(app, ROLE_ERROR, "%s", _("Usage: :agenda FILE | add MINUTES | clear"));
      return STALE_FOOTER;
   }
   if (strncmp(arg, "add", 3) == 0 && (arg[3] == ' ' || arg[3] == '\0'))
      return agendaAdd(app, ls, arg + 3);
   if (strcmp(arg, "clear") == 0)
      return agendaClear(app, ls);
   if (!mayLead(app, ls, _("set the agenda")))
      return STALE_FOOTER;
   path = expandHome(arg);
   DiagList_init(&d);
   ok = AgendaFile_load(path, app->doc.lens, &items, &n, &d);
   if (!ok) {
      showDiags(app, arg, &d);
      DiagList_free(&d);
      free(path);
      return STALE_ALL;
   }
   DiagList_free(&d);
   free(path);
   if (Store_setAgendaFile(app->store, ls->wid, items, n, app->opts->user, &minutes) != STORE_OK)
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
   else
      App_message(app, ROLE_NOTICE,
                  ngettext("Agenda: %zu item, %d minutes; > starts it",
                           "Agenda: %zu items, %d minutes; > starts it", n),
                  n, minutes);
   AgendaFile_free(items, n);
   readState(app, ls);
   return STALE_ALL;
}

/* The leader goes to the first question, in review order, the item covers. */
static void goToItem(App *app, const AgendaItem *it)
{
   const Lens *l = app->doc.lens;

   for (size_t k = 0; k < l->n_questions; k++)
      if (AgendaFile_covers(l, it->kind, it->target, app->order[k])) {
         Question_openAt(app, app->order[k]);
         return;
      }
}

static Stale step(App *app, int delta)
{
   LeadState *ls = state(app);
   Agenda *a;
   long to;
   bool past;

   if (!ls || !mayLead(app, ls, _("move through the agenda")))
      return STALE_FOOTER;
   a = &ls->agenda;
   if (a->n == 0) {
      App_message(app, ROLE_ERROR, "%s", _("No agenda: set one with :agenda FILE"));
      return STALE_FOOTER;
   }
   to = a->current + delta;
   if (to < 0)
      to = 0;
   past = to >= (long)a->n;
   if (Store_agendaGo(app->store, ls->wid, past ? -1 : to, app->opts->user) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
      return STALE_FOOTER;
   }
   if (past) {
      App_message(app, ROLE_NOTICE, "%s", _("The agenda is done: its clock is stopped"));
   } else {
      const AgendaItem *it = &a->items[to];
      char *label = AgendaFile_label(app->doc.lens, it->kind, it->target, it->title);
      App_message(app, ROLE_NOTICE, _("Agenda item %ld of %zu: %s (%d min)"), to + 1, a->n, label,
                  it->minutes);
      free(label);
      goToItem(app, it);
   }
   readState(app, ls);
   return STALE_ALL;
}

Stale Lead_agendaNext(App *app, const char *arg)
{
   (void)arg;
   return step(app, 1);
}

Stale Lead_agendaPrev(App *app, const char *arg)
{
   (void)arg;
   return step(app, -1);
}
