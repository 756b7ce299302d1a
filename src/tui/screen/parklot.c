/* parklot.c: the workshop's parking lot (issue 13): anyone parks a point
 * (the park key, or :park TEXT) with who, when and the question it came
 * from; the parking-lot screen lists the workload's points, and the leader
 * (anyone while nobody leads, as the CLI) turns an open one into a plan
 * item with an owner or closes it with a word.
 *
 * The points are the room's state, not the review's: they add no history,
 * so the list is read again on the workshop tick while the screen is on top
 * (ParkLot_tick). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "tui/screens.h"
#include "tui/text.h"

/* The list as last read; one App per process. */
static struct {
   Parked *pts;
   size_t n, cur, first;
   int64_t pick;          /* the point a prompt is about */
   char *plan_q, *plan_c; /* the plan item it becomes, between two prompts */
} lot;

void ParkLot_free(App *app)
{
   (void)app;
   Parked_freeArray(lot.pts, lot.n);
   free(lot.plan_q);
   free(lot.plan_c);
   memset(&lot, 0, sizeof lot);
}

static void load(App *app)
{
   Parked *p = NULL;
   size_t n = 0;
   if (!app->have_doc)
      return;
   if (Store_listParked(app->store, app->doc.workload.id, &p, &n) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
      return;
   }
   Parked_freeArray(lot.pts, lot.n);
   lot.pts = p;
   lot.n = n;
   if (lot.cur >= n)
      lot.cur = n ? n - 1 : 0;
}

bool Workshop_mayLead(App *app, const char *what)
{
   SessionLead l;
   StoreStatus st = Store_getLead(app->store, app->doc.workload.id, &l);
   if (st == STORE_NOT_FOUND)
      return true;
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
      return false;
   }
   bool ok = strcmp(l.user, app->opts->user) == 0;
   if (!ok)
      App_message(app, ROLE_ERROR, _("%s leads the session: only the leader can %s"), l.user, what);
   SessionLead_free(&l);
   return ok;
}

static Stale doPark(App *app, const char *text)
{
   ScreenId s = App_screen(app);
   const char *qid = NULL;
   int64_t id = 0;
   if (s == SCREEN_QUESTION || s == SCREEN_POLL)
      qid = app->doc.lens->questions[app->q].id;
   else if (s == SCREEN_LIST && app->list_cur < app->n_list)
      qid = app->doc.lens->questions[app->list[app->list_cur]].id;
   if (Store_park(app->store, app->doc.workload.id, app->opts->user, qid, text, &id) != STORE_OK)
      App_message(app, ROLE_ERROR, _("Not parked: %s"), Store_lastError(app->store));
   else if (qid)
      App_message(app, ROLE_NOTICE, _("Parked as point %lld (from %s)"), (long long)id, qid);
   else
      App_message(app, ROLE_NOTICE, _("Parked as point %lld"), (long long)id);
   load(app);
   return STALE_ALL;
}

static Stale gotPark(App *app, const char *text)
{
   if (!text || !*text)
      return STALE_FOOTER;
   return doPark(app, text);
}

Stale ParkLot_park(App *app, const char *arg)
{
   if (!app->have_doc)
      return STALE_NONE;
   if (arg && *arg)
      return doPark(app, arg);
   Prompt_open(app, _("Park a point (Esc cancels): "), NULL, gotPark);
   return STALE_FOOTER;
}

Stale ParkLot_show(App *app, const char *arg)
{
   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   load(app);
   lot.first = 0;
   if (App_screen(app) != SCREEN_PARKING)
      App_push(app, SCREEN_PARKING);
   return STALE_ALL;
}

/* A cheap fingerprint of the list: the points and their states. */
static size_t fingerprint(void)
{
   size_t h = lot.n;
   for (size_t i = 0; i < lot.n; i++)
      h = h * 31 + (size_t)lot.pts[i].id * 7 + strlen(lot.pts[i].state);
   return h;
}

Stale ParkLot_tick(App *app, double now)
{
   static double next;
   if (App_screen(app) != SCREEN_PARKING || app->prompt.active || now < next)
      return STALE_NONE;
   next = now + 1.0;
   size_t before = fingerprint();
   load(app);
   return fingerprint() != before ? STALE_BODY : STALE_NONE;
}

static const char *stateWord(const Parked *p)
{
   if (strcmp(p->state, "open") == 0)
      return _("open");
   if (strcmp(p->state, "planned") == 0)
      return _("planned");
   return _("closed");
}

/* A point's row from x on, column by column in display widths (a name
 * with accents padded by its bytes shifted the columns, and one cut inside
 * a character showed a replacement); without "when" on a narrow screen. */
static void drawPointRow(int y, int x, int width, const Parked *p, bool when, attr_t a)
{
   char at[17], id[24];
   char *tail, *point;
   int end = x + width;

   snprintf(id, sizeof id, "%4lld", (long long)p->id);
   snprintf(at, sizeof at, "%.10s %.5s", p->at ? p->at : "",
            p->at && strlen(p->at) > 11 ? p->at + 11 : "");
   if (p->plan_question)
      tail = xasprintf(_(" -> plan %s/%s"), p->plan_question, p->plan_choice);
   else if (p->word)
      tail = xasprintf(" (%s)", p->word);
   else
      tail = xstrdup("");
   point = xasprintf("%s%s", p->text ? p->text : "", tail);
   Text_draw(stdscr, y, x, 4, id, a);
   Text_draw(stdscr, y, x + 5, 8, stateWord(p), a);
   Text_draw(stdscr, y, x + 14, 12, p->user ? p->user : "?", a);
   x += 27;
   if (when) {
      Text_draw(stdscr, y, x, 16, at, a);
      x += 17;
   }
   Text_draw(stdscr, y, x, 8, p->question_id ? p->question_id : "-", a);
   x += 9;
   if (x < end)
      Text_draw(stdscr, y, x, end - x, point, a);
   free(point);
   free(tail);
}

void ParkLot_draw(App *app, int top, int height)
{
   attr_t title = Theme_attr(&app->theme, ROLE_TITLE);
   attr_t normal = Theme_attr(&app->theme, ROLE_NORMAL);
   size_t open = 0, rows = height > 4 ? (size_t)height - 4 : 1;
   for (size_t i = 0; i < lot.n; i++)
      open += strcmp(lot.pts[i].state, "open") == 0;
   char *head = xasprintf(_("Parking lot: %zu open, %zu in all"), open, lot.n);
   Text_draw(stdscr, top, 1, app->cols - 2, head, title);
   free(head);
   /* Below 80 columns the time goes, so that the point has room. */
   bool when = app->cols >= 80;
   Text_draw(stdscr, top + 1, 1, app->cols - 2,
             when ? _("   # state    by           when             question point")
                  : _("   # state    by           question point"),
             title);
   if (lot.n == 0)
      Text_draw(stdscr, top + 2, 1, app->cols - 2,
                _("Nothing parked yet: Z (or :park TEXT) parks a point."), normal);
   if (lot.cur < lot.first)
      lot.first = lot.cur;
   if (lot.cur >= lot.first + rows)
      lot.first = lot.cur - rows + 1;
   for (size_t i = 0; i < rows && lot.first + i < lot.n; i++) {
      const Parked *p = &lot.pts[lot.first + i];
      bool sel = lot.first + i == lot.cur;
      attr_t a = strcmp(p->state, "open") == 0 ? normal : Theme_attr(&app->theme, ROLE_DIM);
      Text_fill(stdscr, top + 2 + (int)i, 0, app->cols, sel ? a | A_REVERSE : a);
      /* The cursor reads without colour too. */
      Text_draw(stdscr, top + 2 + (int)i, 0, 1, sel ? ">" : " ", sel ? a | A_REVERSE : a);
      drawPointRow(top + 2 + (int)i, 1, app->cols - 2, p, when, sel ? a | A_REVERSE : a);
   }
   Text_draw(stdscr, top + height - 1, 1, app->cols - 2,
             _("Enter on an open point: into a plan item, or closed with a word (the leader)"),
             Theme_attr(&app->theme, ROLE_DIM));
}

Stale ParkLot_move(App *app, Move m)
{
   size_t page = app->lines > 8 ? (size_t)app->lines - 8 : 1;
   Layout_moveCursor(&lot.cur, lot.n, page, m);
   return STALE_BODY;
}

/* The tracking of one plan item as stored, or NULL (untracked). */
static PlanTracking *findTracking(PlanTracking *t, size_t n, const char *q, const char *c)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(t[i].question_id, q) == 0 && strcmp(t[i].choice_id, c) == 0)
         return &t[i];
   return NULL;
}

static const Parked *picked(void)
{
   for (size_t i = 0; i < lot.n; i++)
      if (lot.pts[i].id == lot.pick)
         return &lot.pts[i];
   return NULL;
}

/* The point becomes plan item plan_q/plan_c, its text the item's note, as
 * `walens park W plan` does. */
static Stale toPlan(App *app, const char *owner)
{
   const Parked *p = picked();
   PlanTracking *t = NULL;
   size_t nt = 0;
   int64_t rid = app->doc.workload.review_id;
   StoreStatus st = p ? Store_getPlanTracking(app->store, rid, &t, &nt) : STORE_NOT_FOUND;
   if (st == STORE_OK) {
      PlanTracking *cur = findTracking(t, nt, lot.plan_q, lot.plan_c);
      PlanTracking want = cur ? *cur : (PlanTracking){0};
      want.question_id = lot.plan_q;
      want.choice_id = lot.plan_c;
      if (owner)
         want.owner = (char *)owner;
      want.note = p->text;
      st = Store_putPlanTracking(app->store, rid, &want, cur ? cur->version : 0, app->opts->user,
                                 NULL);
      if (st == STORE_OK)
         st = Store_closeParked(app->store, app->doc.workload.id, lot.pick, NULL, lot.plan_q,
                                lot.plan_c, app->opts->user);
   }
   PlanTracking_freeArray(t, nt);
   if (st == STORE_OK) {
      App_message(app, ROLE_NOTICE, _("Parked point %lld is now plan item %s/%s"),
                  (long long)lot.pick, lot.plan_q, lot.plan_c);
      app->plan_stale = true;
   } else
      App_message(app, ROLE_ERROR, _("Not stored: %s"), Store_lastError(app->store));
   load(app);
   return STALE_ALL;
}

static Stale gotOwner(App *app, const char *text)
{
   char *norm = NULL;
   if (!text)
      return STALE_FOOTER;
   if (*text) {
      char *why = Names_check(NAME_USER, text, &norm);
      if (why) {
         Prompt_open(app, _("Owner (Enter: none): "), text, gotOwner);
         Prompt_setError(app, why);
         free(why);
         return STALE_FOOTER;
      }
   }
   Stale s = toPlan(app, norm);
   free(norm);
   return s;
}

static Stale gotPlanItem(App *app, const char *text)
{
   if (!text || !*text)
      return STALE_FOOTER;
   const char *slash = strchr(text, '/');
   char *qid = slash ? xstrndup(text, (size_t)(slash - text)) : xstrdup(text);
   const Question *q = Lens_findQuestion(app->doc.lens, qid, NULL);
   int c = q && slash ? Question_findChoice(q, slash + 1) : -1;
   if (c < 0) {
      char *why = xasprintf(_("no practice '%s' in the lens"), text);
      Prompt_open(app, _("Plan item, QUESTION/PRACTICE: "), text, gotPlanItem);
      Prompt_setError(app, why);
      free(why);
      free(qid);
      return STALE_FOOTER;
   }
   free(lot.plan_q);
   free(lot.plan_c);
   lot.plan_q = xstrdup(q->id);
   lot.plan_c = xstrdup(q->choices[c].id);
   free(qid);
   Prompt_open(app, _("Owner (Enter: none): "), NULL, gotOwner);
   return STALE_FOOTER;
}

static Stale gotWord(App *app, const char *text)
{
   if (!text)
      return STALE_FOOTER;
   if (Store_closeParked(app->store, app->doc.workload.id, lot.pick, text, NULL, NULL,
                         app->opts->user) != STORE_OK)
      App_message(app, ROLE_ERROR, _("Not stored: %s"), Store_lastError(app->store));
   else
      App_message(app, ROLE_NOTICE, _("Closed parked point %lld"), (long long)lot.pick);
   load(app);
   return STALE_ALL;
}

static Stale gotWhat(App *app, const char *key)
{
   const Parked *p = picked();
   if (!key || !*key || !p)
      return STALE_FOOTER;
   if (*key == 'c') {
      Prompt_open(app, _("Closing word (Enter: none): "), NULL, gotWord);
      return STALE_FOOTER;
   }
   char *initial = p->question_id ? xasprintf("%s/", p->question_id) : NULL;
   Prompt_openTyped(app, _("Plan item, QUESTION/PRACTICE: "), initial ? initial : "", gotPlanItem);
   free(initial);
   return STALE_FOOTER;
}

Stale ParkLot_open(App *app)
{
   if (lot.cur >= lot.n)
      return STALE_NONE;
   const Parked *p = &lot.pts[lot.cur];
   if (strcmp(p->state, "open") != 0) {
      App_message(app, ROLE_NOTICE, _("Parked point %lld is %s already"), (long long)p->id,
                  stateWord(p));
      return STALE_FOOTER;
   }
   if (App_refuseReadOnly(app) || !Workshop_mayLead(app, _("settle a parked point")))
      return STALE_FOOTER;
   lot.pick = p->id;
   char *label = xasprintf(_("Point %lld: p into a plan item, c close with a word, Esc cancels "),
                           (long long)p->id);
   Prompt_openMenu(app, label, "pc", gotWhat);
   free(label);
   return STALE_FOOTER;
}
