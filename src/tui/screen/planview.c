/* planview.c: the improvement plan screen: every practice still missing on
 * a HIGH or MEDIUM question, with the user's tracking (status, owner, due
 * date, priority, note), filtered and sorted; each change is stored at once
 * with the row version it was read at. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"
#include "tui/lib/when.h"

/* Re-reads the plan and its tracking (after any change); keeps the cursor
 * on the same item. */
static void planViewRead(App *app);

/* "BU/OPS": a short phase/pillar tag of lens question q (into buf). */
static const char *planViewPlace(const App *app, size_t q, char *buf, size_t size);

#define PLAN_HEAD 3 /* title, filter and sort, column heads */
#define PLAN_FOOT 4 /* blank, the selected item in three lines */
/* The practice's title is what a row is read by: the fewest columns it
 * keeps before owner and due date leave the rows for the selected item's
 * own line under them. */
#define PLAN_PRACTICE_MIN 20

/* Column widths (each includes its trailing blank); the practice takes
 * what is left.  Below 80 columns the place goes and the owner narrows;
 * where the practice would still get fewer than PLAN_PRACTICE_MIN columns
 * (60 columns), owner and due date go too (owner and due 0): the selected
 * item shows them on a line of its own, and the overdue mark stays. */
typedef struct PlanCols {
   int risk, pri, place, practice, owner, due, flag, status;
} PlanCols;

/* Where the weight letter sits in the risk column. */
#define PLAN_WEIGHT_X 5

static const char *stateShort(PlanItemState s);

/* The widest word the status column shows, and its blank: "risk accepted"
 * was cut to "risk accept…" at 80 columns. */
static int statusWidth(void)
{
   int w = 0;

   for (int s = 0; s < PLAN_STATUS_COUNT; s++) {
      int sw = WText_widthStr(PlanStatus_label((PlanStatus)s));
      w = sw > w ? sw : w;
   }
   for (int s = 0; s < PLAN_ITEM_STATE_COUNT; s++) {
      int sw = WText_widthStr(stateShort((PlanItemState)s));
      w = sw > w ? sw : w;
   }
   return w + 1;
}

#define PLAN_PRACTICE_WIDE 60
#define PLAN_OWNER_MAX 25

/* The widest owner of the plan's items, in columns. */
static int longestOwner(const App *app)
{
   int w = 0;

   for (size_t i = 0; app->pv.loaded && i < app->pv.plan.n; i++) {
      const char *o = app->pv.plan.items[i].track.owner;
      int ow = o ? WText_widthStr(o) : 0;
      w = ow > w ? ow : w;
   }
   return w;
}

static void planCols(const App *app, PlanCols *c)
{
   bool wide = app->cols >= 80;
   int sw = statusWidth();

   c->risk = 8; /* the risk glyph, then the practice's weight under "wt" */
   c->pri = 4;
   c->place = wide ? 9 : 0;
   c->owner = wide ? 10 : 8;
   c->due = 11;
   c->flag = 2;
   c->status = wide ? 13 : 12;
   if (c->status < sw)
      c->status = sw;
   c->practice =
      app->cols - 1 - c->risk - c->pri - c->place - c->owner - c->due - c->flag - c->status;
   /* A wide screen: the owners whole (up to PLAN_OWNER_MAX), the practice
    * keeping PLAN_PRACTICE_WIDE columns ("Margaret…" at 200 columns, with
    * a hundred blank after the practice). */
   if (c->owner && c->practice > PLAN_PRACTICE_WIDE) {
      int want = longestOwner(app) + 1, more;
      want = want > PLAN_OWNER_MAX ? PLAN_OWNER_MAX : want;
      more = want - c->owner;
      if (more > c->practice - PLAN_PRACTICE_WIDE)
         more = c->practice - PLAN_PRACTICE_WIDE;
      if (more > 0) {
         c->owner += more;
         c->practice -= more;
      }
   }
   if (c->practice < PLAN_PRACTICE_MIN) {
      c->practice += c->owner + c->due;
      c->owner = c->due = 0;
   }
   if (c->practice < 8)
      c->practice = 8;
}

/* ---- the data ---------------------------------------------------------- */

static const PlanItem *itemAt(const App *app, size_t row)
{
   const PlanView *pv = &app->pv;
   return row < pv->n_rows ? &pv->plan.items[pv->rows[row]] : NULL;
}

const PlanItem *PlanView_current(const App *app)
{
   return itemAt(app, app->pv.cur);
}

/* Rebuilds the rows; the cursor stays on the item keyed q/c when shown. */
static void refillAt(App *app, const char *q, const char *c)
{
   PlanView *pv = &app->pv;

   free(pv->rows);
   pv->n_rows = PlanFilter_rows(&pv->plan, app->doc.lens, &pv->filter, pv->sort, !pv->hide_inactive,
                                pv->today, &pv->rows);
   if (pv->cur >= pv->n_rows)
      pv->cur = pv->n_rows ? pv->n_rows - 1 : 0;
   for (size_t i = 0; q && i < pv->n_rows; i++) {
      const PlanTrack *t = &pv->plan.items[pv->rows[i]].track;
      if (strcmp(t->question_id, q) == 0 && strcmp(t->choice_id, c) == 0)
         pv->cur = i;
   }
}

/* The current item's key (copies; NULL when there is none). */
static void currentKey(const App *app, char **q, char **c)
{
   const PlanItem *it = PlanView_current(app);

   *q = it ? xstrdup(it->track.question_id) : NULL;
   *c = it ? xstrdup(it->track.choice_id) : NULL;
}

static void refill(App *app)
{
   char *q, *c;

   currentKey(app, &q, &c);
   refillAt(app, q, c);
   free(q);
   free(c);
}

/* Re-reads the plan; the cursor keeps to the same item by key. */
void PlanView_refresh(App *app)
{
   PlanView *pv = &app->pv;
   char *q, *c, *err = NULL;
   Plan fresh;

   StorePlan_today(app->store, pv->today);
   if (StorePlan_load(app->store, &app->doc, &fresh, &err) != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot read the plan: %s"), err ? err : "?");
      free(err);
      return;
   }
   currentKey(app, &q, &c);
   if (pv->loaded)
      Plan_free(&pv->plan);
   pv->plan = fresh;
   pv->loaded = true;
   refillAt(app, q, c);
   free(q);
   free(c);
}

static void planViewRead(App *app)
{
   if (app->have_doc) {
      app->hist_gen++; /* a plan change is one of its question's changes */
      PlanView_refresh(app);
   }
}

/* Reading the plan cost 0.9 M of the 2.1 M instructions of a toggle on
 * the question screen, which does not show it: after a change it waits
 * until a screen that shows it comes on top. */
void PlanView_settle(App *app)
{
   ScreenId s = App_screen(app);

   if (app->plan_stale && (s == SCREEN_DASHBOARD || s == SCREEN_PLAN)) {
      app->plan_stale = false;
      planViewRead(app);
   }
}

void PlanView_reload(App *app, bool opened)
{
   if (opened) {
      planViewRead(app);
      app->plan_stale = false;
   } else {
      app->plan_stale = true; /* risks changed: items come and go */
      PlanView_settle(app);
   }
}

void PlanView_free(App *app)
{
   PlanView *pv = &app->pv;

   app->plan_stale = false;

   if (pv->loaded)
      Plan_free(&pv->plan);
   free(pv->rows);
   free(pv->edit_q);
   free(pv->edit_c);
   PlanFilter_free(&pv->filter);
   memset(pv, 0, sizeof *pv);
   PlanFilter_init(&pv->filter);
}

void PlanView_counts(const App *app, size_t by_status[PLAN_STATUS_COUNT], size_t *overdue)
{
   const PlanView *pv = &app->pv;

   memset(by_status, 0, PLAN_STATUS_COUNT * sizeof *by_status);
   *overdue = 0;
   for (size_t i = 0; pv->loaded && i < pv->plan.n_active; i++) {
      const PlanItem *it = &pv->plan.items[i];
      by_status[it->track.status]++;
      *overdue += PlanItem_isOverdue(it, pv->today);
   }
}

/* "BU", "MON", "OE": initials of a multi-word id, else its first letters. */
static void abbreviate(const char *id, char *out, size_t size)
{
   size_t n = 0, words = 0;
   char initials[8];
   size_t ni = 0;

   for (const char *p = id; *p; p++) {
      bool start = p == id || p[-1] == '_' || p[-1] == '-' || p[-1] == ' ' ||
                   (isupper((unsigned char)*p) && islower((unsigned char)p[-1]));
      if (*p == '_' || *p == '-' || *p == ' ')
         continue;
      if (start) {
         words++;
         if (ni < 3 && isalnum((unsigned char)*p))
            initials[ni++] = (char)toupper((unsigned char)*p);
      }
   }
   if (words >= 2 && ni >= 2) {
      n = ni < size - 1 ? ni : size - 1;
      memcpy(out, initials, n);
   } else {
      for (const char *p = id; *p && n < 3 && n < size - 1; p++)
         if (isalnum((unsigned char)*p))
            out[n++] = (char)toupper((unsigned char)*p);
   }
   out[n] = '\0';
}

static const char *planViewPlace(const App *app, size_t q, char *buf, size_t size)
{
   const Lens *l = app->doc.lens;
   const Question *qq;
   char ph[8], pi[8];

   if (q == PLAN_NO_INDEX || q >= l->n_questions) {
      snprintf(buf, size, "-");
      return buf;
   }
   qq = &l->questions[q];
   abbreviate(l->pillars[qq->pillar].id, pi, sizeof pi);
   if (qq->phase >= 0) {
      abbreviate(l->phases[qq->phase].id, ph, sizeof ph);
      snprintf(buf, size, "%s/%s", ph, pi);
   } else {
      snprintf(buf, size, "%s", pi);
   }
   return buf;
}

/* ---- drawing ----------------------------------------------------------- */

/* The lines under the rows: one more where the rows have no owner and due
 * date, for the selected item's. */
static int footLines(const App *app)
{
   PlanCols c;

   planCols(app, &c);
   return PLAN_FOOT + (c.owner == 0);
}

static int headLines(App *app);

static size_t visibleRows(App *app)
{
   int n = app->lines - 2 - headLines(app) - footLines(app);
   return n < 1 ? 1 : (size_t)n;
}

static const char *practiceTitle(const App *app, const PlanItem *it)
{
   if (it->question == PLAN_NO_INDEX || it->question >= app->doc.lens->n_questions)
      return it->track.choice_id; /* gone from the lens: its id is all there is */
   return app->doc.lens->questions[it->question].choices[it->choice].title;
}

/* Short words for items no longer in the plan. */
static const char *stateShort(PlanItemState s)
{
   switch (s) {
   case PLAN_ITEM_RESOLVED: return _("resolved");
   case PLAN_ITEM_NOT_NEEDED: return _("not at risk");
   case PLAN_ITEM_UNANSWERED: return _("not answered");
   case PLAN_ITEM_ORPHANED: return _("not in lens");
   case PLAN_ITEM_ACTIVE:
   default: return "";
   }
}

static Role statusRole(PlanStatus s)
{
   switch (s) {
   case PLAN_IN_PROGRESS: return ROLE_NOTICE;
   case PLAN_DONE:
   case PLAN_RISK_ACCEPTED:
   case PLAN_WONT_DO: return ROLE_DONE;
   case PLAN_OPEN:
   default: return ROLE_NORMAL;
   }
}

/* "3", or "-" for no priority (as owner and due date show theirs). */
static const char *priorityText(int priority, char *buf, size_t size)
{
   if (priority > 0)
      snprintf(buf, size, "%d", priority);
   else
      snprintf(buf, size, "-");
   return buf;
}

/* The priority right-aligned in its column, so that 1 and 12 line up; a
 * number wider than the column is cut like any text. */
static void drawPriority(int y, int x, int width, int priority, attr_t a)
{
   char buf[16];
   int w = WText_widthStr(priorityText(priority, buf, sizeof buf));

   Text_draw(stdscr, y, w < width ? x + width - w : x, width, buf, a);
}

/* The first letter of a level's label ("h"), "-" when unset. */
static const char *levelInitial(PlanLevel l, char *buf, size_t size)
{
   const char *label = PlanLevel_label(l);
   uint32_t cp;
   size_t n = Utf8_next(label, &cp); /* one character, whatever its bytes */
   snprintf(buf, size, "%.*s", (int)n, label);
   return buf;
}

/* "h/l": impact and effort, for the quick-wins order (in the place column). */
static const char *levelsText(const PlanTrack *t, char *buf, size_t size)
{
   char i[8], e[8]; /* one character each: 4 bytes at most */
   snprintf(buf, size, "%s/%s", levelInitial(t->impact, i, sizeof i),
            levelInitial(t->effort, e, sizeof e));
   return buf;
}

static void drawRow(App *app, int y, size_t row)
{
   const PlanItem *it = itemAt(app, row);
   const PlanTrack *t = &it->track;
   bool cur = row == app->pv.cur, active = it->state == PLAN_ITEM_ACTIVE;
   bool overdue = PlanItem_isOverdue(it, app->pv.today);
   attr_t sel = Theme_attr(&app->theme, ROLE_SELECTED);
   attr_t base = cur ? sel : active ? A_NORMAL : Theme_attr(&app->theme, ROLE_DIM);
   attr_t a;
   int x = 1;
   char place[24];
   PlanCols c;
   Risk shown = it->state == PLAN_ITEM_RESOLVED ? RISK_NONE : it->risk;

   planCols(app, &c);
   Text_fill(stdscr, y, 0, app->cols, base);
   if (cur)
      Text_draw(stdscr, y, 0, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), base);
   a = cur ? base : Theme_attr(&app->theme, Theme_riskRole(shown));
   Text_draw(stdscr, y, x, 1, Theme_riskGlyph(&app->theme, shown), a);
   if (it->weight != WEIGHT_NONE)
      Text_draw(stdscr, y, x + PLAN_WEIGHT_X, 1, it->weight == WEIGHT_HIGH ? "H" : "M", a);
   x += c.risk;
   drawPriority(y, x, c.pri - 1, t->priority, base);
   x += c.pri;
   if (c.place && app->pv.sort == PLAN_SORT_QUICK_WINS)
      Text_draw(stdscr, y, x, c.place - 1, levelsText(t, place, sizeof place), base);
   else if (c.place)
      Text_draw(stdscr, y, x, c.place - 1, planViewPlace(app, it->question, place, sizeof place),
                cur ? base : Theme_attr(&app->theme, ROLE_DIM));
   x += c.place;
   if (it->question != PLAN_NO_INDEX && ProfileDoc_isPriority(&app->profile, it->question) &&
       c.practice > 3) {
      Text_draw(stdscr, y, x, 2, Theme_glyph(&app->theme, GLYPH_PRIORITY),
                cur ? base : Theme_attr(&app->theme, ROLE_NOTICE));
      Text_draw(stdscr, y, x + 2, c.practice - 3, practiceTitle(app, it), base);
   } else {
      Text_draw(stdscr, y, x, c.practice - 1, practiceTitle(app, it), base);
   }
   x += c.practice;
   if (c.owner)
      Text_draw(stdscr, y, x, c.owner - 1, t->owner && *t->owner ? t->owner : "-", base);
   x += c.owner;
   a = cur ? base : overdue ? Theme_attr(&app->theme, ROLE_OVERDUE) : base;
   if (c.due)
      Text_draw(stdscr, y, x, c.due - 1, t->due && *t->due ? t->due : "-", a);
   x += c.due;
   if (overdue)
      Text_draw(stdscr, y, x, 1, Theme_glyph(&app->theme, GLYPH_OVERDUE),
                cur ? base | A_BOLD : Theme_attr(&app->theme, ROLE_OVERDUE));
   x += c.flag;
   if (active)
      Text_draw(stdscr, y, x, app->cols - x - 1, PlanStatus_label(t->status),
                cur ? base : Theme_attr(&app->theme, statusRole(t->status)));
   else
      Text_draw(stdscr, y, x, app->cols - x - 1, stateShort(it->state),
                cur ? base : Theme_attr(&app->theme, ROLE_DONE));
}

/* Owner and due date of the selected item, where the rows have no room
 * for them: "owner: Margarete Schön   due: 2026-11-01 !". */
static void drawOwnerDue(App *app, int y, const PlanItem *it)
{
   const PlanTrack *t = &it->track;
   bool overdue = PlanItem_isOverdue(it, app->pv.today);
   char *s = xasprintf(_("owner: %s   due: %s"), t->owner && *t->owner ? t->owner : "-",
                       t->due && *t->due ? t->due : "-");
   int x = 1 + Text_draw(stdscr, y, 1, app->cols - 2, s, A_NORMAL);

   free(s);
   if (overdue && x < app->cols - 2)
      Text_draw(stdscr, y, x + 1, app->cols - x - 2, Theme_glyph(&app->theme, GLYPH_OVERDUE),
                Theme_attr(&app->theme, ROLE_OVERDUE));
}

/* The selected item in three lines: its question, how to improve, who;
 * four on a narrow screen, owner and due date before who. */
static void drawDetail(App *app, int y)
{
   const PlanItem *it = PlanView_current(app);
   const Lens *l = app->doc.lens;
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);
   const PlanTrack *t;
   char *line, *who, ago[64];
   int who_y = y + 2;

   if (!it)
      return;
   t = &it->track;
   if (footLines(app) > PLAN_FOOT) {
      drawOwnerDue(app, y + 2, it);
      who_y++;
   }
   if (it->question != PLAN_NO_INDEX && it->question < l->n_questions) {
      const Question *q = &l->questions[it->question];
      const Choice *c = &q->choices[it->choice];
      line = xasprintf("%s%s%s", q->id, Theme_glyph(&app->theme, GLYPH_DASH), q->title);
      Text_draw(stdscr, y, 1, app->cols - 2, line, A_BOLD);
      free(line);
      line =
         xasprintf(_("Improve: %s%s%s"), c->improvement.text ? c->improvement.text : c->title,
                   c->improvement.url ? "  " : "", c->improvement.url ? c->improvement.url : "");
      Text_draw(stdscr, y + 1, 1, app->cols - 2, line, A_NORMAL);
      free(line);
   } else {
      line = xasprintf(_("%s / %s is no longer in the lens"), t->question_id, t->choice_id);
      Text_draw(stdscr, y, 1, app->cols - 2, line, A_BOLD);
      free(line);
   }
   if (it->state != PLAN_ITEM_ACTIVE)
      who = xstrdup(PlanItemState_label(it->state));
   else if (t->version > 0 && (t->impact != PLAN_LEVEL_NONE || t->effort != PLAN_LEVEL_NONE))
      who = xasprintf(_("impact %s, effort %s; changed by %s, %s"), PlanLevel_label(t->impact),
                      PlanLevel_label(t->effort), t->updated_by ? t->updated_by : "?",
                      When_ago(t->updated_at, app->now, ago, sizeof ago));
   else if (t->version > 0)
      who = xasprintf(_("changed by %s, %s"), t->updated_by ? t->updated_by : "?",
                      When_ago(t->updated_at, app->now, ago, sizeof ago));
   else
      who = xstrdup(_("not tracked yet: s status, o owner, D due date, P priority, e note"));
   if (t->note)
      line = xasprintf(_("Note: %s%s%s"), t->note, Theme_glyph(&app->theme, GLYPH_DOT), who);
   else
      line = xstrdup(who);
   free(who);
   Text_draw(stdscr, who_y, 1, app->cols - 2, line, dim);
   free(line);
}

/* The title's counts, piece by piece: a piece that does not fit after the
 * others starts a second line, so that the counts read whole (and add up)
 * on a narrow screen too.  Returns the lines taken; draws only when draw. */
static int drawTitle(App *app, int y, bool draw)
{
   size_t st[PLAN_STATUS_COUNT], overdue, active = app->pv.plan.n_active;
   char *piece[4];
   int x = 1, lines = 1, n = 0;

   PlanView_counts(app, st, &overdue);
   piece[n++] = xasprintf(_("Plan  %zu to improve: %zu open  %zu in progress  %zu done"), active,
                          st[PLAN_OPEN], st[PLAN_IN_PROGRESS], st[PLAN_DONE]);
   /* The counts add up to the items to improve: the other statuses too,
    * where there are any. */
   if (st[PLAN_RISK_ACCEPTED])
      piece[n++] = xasprintf(_("%zu risk accepted"), st[PLAN_RISK_ACCEPTED]);
   if (st[PLAN_WONT_DO])
      piece[n++] = xasprintf(_("%zu won't do"), st[PLAN_WONT_DO]);
   if (overdue)
      piece[n++] = xasprintf(_("%zu overdue %s"), overdue, Theme_glyph(&app->theme, GLYPH_OVERDUE));
   for (int i = 0; i < n; i++) {
      int w = WText_widthStr(piece[i]);
      Role r = i == n - 1 && overdue ? ROLE_OVERDUE : ROLE_TITLE;
      if (i > 0 && x + w > app->cols - 1 && lines < 2) {
         lines++;
         x = 1;
      }
      if (draw)
         Text_draw(stdscr, y + lines - 1, x, app->cols - x - 1, piece[i],
                   Theme_attr(&app->theme, r));
      x += w + 2;
      free(piece[i]);
   }
   return lines;
}

/* Title, filter and sort, column heads: one line more when the title's
 * counts take two. */
static int headLines(App *app)
{
   return PLAN_HEAD - 1 + drawTitle(app, 0, false);
}

static void drawSettings(App *app, int y)
{
   PlanView *pv = &app->pv;
   char *f = PlanFilter_format(&pv->filter, app->doc.lens), *s;
   size_t hidden = pv->hide_inactive ? pv->plan.n - pv->plan.n_active : 0, gone = 0;
   char *shown;

   /* "shown" counts the rows; those no longer in the plan are not among
    * the items to improve, so they are counted apart. */
   for (size_t i = 0; i < pv->n_rows; i++)
      gone += pv->plan.items[pv->rows[i]].state != PLAN_ITEM_ACTIVE;
   /* In the words that fit: the short ones on a narrow screen. */
   for (int brief = 0; brief < 2; brief++) {
      if (gone)
         shown =
            brief ? xasprintf(_("%zu shown, %zu no longer planned"), pv->n_rows, gone)
                  : xasprintf(_("%zu shown, %zu of them no longer in the plan"), pv->n_rows, gone);
      else
         shown = xasprintf(_("%zu shown"), pv->n_rows);
      s = xasprintf(_("filter: %s   sort: %s   %s%s"), *f ? f : _("none"), PlanSort_name(pv->sort),
                    shown,
                    !hidden ? ""
                    : brief ? _("   (z shows resolved)")
                            : _("   (resolved items hidden: z)"));
      free(shown);
      if (brief || WText_widthStr(s) <= app->cols - 2)
         break;
      free(s);
   }
   Text_draw(stdscr, y, 1, app->cols - 2, s,
             *f ? Theme_attr(&app->theme, ROLE_NOTICE) : Theme_attr(&app->theme, ROLE_DIM));
   free(s);
   free(f);
}

static void drawHeads(App *app, int y)
{
   attr_t a = A_BOLD;
   int x = 1;
   PlanCols c;

   planCols(app, &c);
   Text_draw(stdscr, y, x, PLAN_WEIGHT_X - 1, _("risk"), a);
   /* TRANSLATORS: the plan screen's column of the practice's weight (H, M):
    * two columns wide. */
   Text_draw(stdscr, y, x + PLAN_WEIGHT_X, c.risk - PLAN_WEIGHT_X - 1, _("wt"), a);
   x += c.risk;
   /* TRANSLATORS: the plan screen's priority column: three columns wide. */
   Text_draw(stdscr, y, x, c.pri - 1, _("pri"), a);
   x += c.pri;
   /* TRANSLATORS: the plan screen's impact/effort column in the quick-wins
    * order ("h/l"): eight columns wide. */
   if (c.place && app->pv.sort == PLAN_SORT_QUICK_WINS)
      Text_draw(stdscr, y, x, c.place - 1, _("imp/eff"), a);
   else if (c.place)
      Text_draw(stdscr, y, x, c.place - 1, _("where"), a);
   x += c.place;
   Text_draw(stdscr, y, x, c.practice - 1, _("practice"), a);
   x += c.practice;
   if (c.owner)
      Text_draw(stdscr, y, x, c.owner - 1, _("owner"), a);
   x += c.owner;
   if (c.due)
      Text_draw(stdscr, y, x, c.due - 1, _("due"), a);
   x += c.due + c.flag;
   Text_draw(stdscr, y, x, app->cols - x - 1, _("status"), a);
}

/* ---- the impact x effort grid ----------------------------------------- */

static const PlanLevel gridImpact[4] = {PLAN_LEVEL_HIGH, PLAN_LEVEL_MEDIUM, PLAN_LEVEL_LOW,
                                        PLAN_LEVEL_NONE};
static const PlanLevel gridEffort[4] = {PLAN_LEVEL_LOW, PLAN_LEVEL_MEDIUM, PLAN_LEVEL_HIGH,
                                        PLAN_LEVEL_NONE};

static size_t gridPos(const PlanLevel *order, PlanLevel l)
{
   for (size_t i = 0; i < 4; i++)
      if (order[i] == l)
         return i;
   return 3;
}

/* A grid heading: the level's label, "unset" for none. */
static const char *gridLabel(PlanLevel l)
{
   return l == PLAN_LEVEL_NONE ? _("unset") : PlanLevel_label(l);
}

/* The shown items to improve (the filter applies) counted by impact (rows,
 * high first) and effort (columns, low first): the quick wins top left.
 * Under it, the quick wins themselves, as many as fit. */
static void drawGrid(App *app, int top, int height)
{
   PlanView *pv = &app->pv;
   size_t n[4][4] = {{0}};
   int cw = 12, x0 = 16, y = top;
   attr_t bold = A_BOLD, dim = Theme_attr(&app->theme, ROLE_DIM);

   for (size_t i = 0; i < pv->n_rows; i++) {
      const PlanItem *it = &pv->plan.items[pv->rows[i]];
      if (it->state == PLAN_ITEM_ACTIVE)
         n[gridPos(gridImpact, it->track.impact)][gridPos(gridEffort, it->track.effort)]++;
   }
   /* TRANSLATORS: the corner of the plan's grid: rows are impact, columns effort. */
   Text_draw(stdscr, y, 1, x0 - 2, _("impact/effort"), bold);
   for (int e = 0; e < 4; e++)
      Text_draw(stdscr, y, x0 + e * cw, cw - 1, gridLabel(gridEffort[e]), bold);
   for (int i = 0; i < 4 && ++y < top + height; i++) {
      Text_draw(stdscr, y, 1, x0 - 2, gridLabel(gridImpact[i]), bold);
      for (int e = 0; e < 4; e++) {
         char buf[32];
         snprintf(buf, sizeof buf, "%zu", n[i][e]);
         attr_t a = i == 0 && e == 0 && n[i][e] ? Theme_attr(&app->theme, ROLE_NOTICE) | A_BOLD
                    : n[i][e]                   ? A_NORMAL
                                                : dim;
         Text_draw(stdscr, y, x0 + e * cw, cw - 1, buf, a);
      }
   }
   y += 2;
   if (y >= top + height)
      return;
   Text_draw(stdscr, y, 1, app->cols - 2,
             n[0][0] ? _("Quick wins (high impact, low effort):")
                     : _("No quick wins yet: I sets an item's impact, F its effort."),
             bold);
   for (size_t i = 0; i < pv->n_rows && ++y < top + height; i++) {
      const PlanItem *it = &pv->plan.items[pv->rows[i]];
      if (it->state != PLAN_ITEM_ACTIVE || it->track.impact != PLAN_LEVEL_HIGH ||
          it->track.effort != PLAN_LEVEL_LOW) {
         y--;
         continue;
      }
      char *line = xasprintf("%s%s%s", it->track.question_id, Theme_glyph(&app->theme, GLYPH_DASH),
                             practiceTitle(app, it));
      Text_draw(stdscr, y, 3, app->cols - 4, line, A_NORMAL);
      free(line);
   }
}

Stale PlanView_toggleGrid(App *app, const char *arg)
{
   (void)arg;
   app->pv.grid = !app->pv.grid;
   App_message(app, ROLE_NOTICE, "%s",
               app->pv.grid ? _("Impact x effort grid (# shows the list again)")
                            : _("The plan as a list"));
   return STALE_ALL;
}

Stale PlanView_quickWins(App *app, const char *arg)
{
   (void)arg;
   return PlanView_sort(app, "quick-wins");
}

void PlanView_draw(App *app, int top, int height)
{
   PlanView *pv = &app->pv;
   size_t vis;
   int head;

   if (!app->have_doc || !pv->loaded)
      return;
   vis = visibleRows(app);
   head = headLines(app);

   drawTitle(app, top, true);
   drawSettings(app, top + head - 2);
   if (pv->grid) {
      drawGrid(app, top + head - 1, height - head + 1);
      return;
   }
   drawHeads(app, top + head - 1);
   if (pv->n_rows == 0) {
      const char *why = pv->plan.n == 0
                           ? _("Nothing to improve: no question is at HIGH or MEDIUM risk.")
                           : _("No plan items match the filter (f changes it, z shows resolved).");
      Text_draw(stdscr, top + head, 1, app->cols - 2, why, A_NORMAL);
      return;
   }
   pv->first = Layout_scroll(pv->cur, vis, pv->n_rows, pv->first);
   for (size_t i = pv->first; i < pv->n_rows && i < pv->first + vis; i++)
      drawRow(app, top + head + (int)(i - pv->first), i);
   if (pv->first + vis < pv->n_rows)
      Text_draw(stdscr, top + head + (int)vis - 1, app->cols - 1, 1,
                Theme_glyph(&app->theme, GLYPH_MORE_DOWN), Theme_attr(&app->theme, ROLE_DIM));
   drawDetail(app, top + height - (footLines(app) - 1));
}

/* ---- moving and opening ------------------------------------------------ */

Stale PlanView_move(App *app, Move m)
{
   return Layout_moveCursor(&app->pv.cur, app->pv.n_rows, visibleRows(app), m) ? STALE_BODY
                                                                               : STALE_NONE;
}

Stale PlanView_click(App *app, int y, int x, bool again)
{
   int top = 1 + headLines(app);
   size_t i;

   (void)x;
   if (y < top || y >= top + (int)visibleRows(app))
      return STALE_NONE;
   i = app->pv.first + (size_t)(y - top);
   if (i >= app->pv.n_rows)
      return STALE_NONE;
   if (i == app->pv.cur || again)
      return PlanView_open(app);
   app->pv.cur = i;
   return STALE_BODY;
}

/* "label text <url>": the URL whole, in brackets, so it can be copied. */
static void addLink(App *app, const char *label, const Link *l)
{
   if (!l->text && !l->url)
      return;
   Pager_add(app, ROLE_NORMAL, 2, "%s%s%s%s%s%s", label, l->text ? l->text : "",
             l->text && l->url ? " " : "", l->url ? "<" : "", l->url ? l->url : "",
             l->url ? ">" : "");
}

/* The selected item's details: its question, improvement text and links. */
Stale PlanView_open(App *app)
{
   const PlanItem *it = PlanView_current(app);
   const Lens *l = app->doc.lens;
   const PlanTrack *t;
   char ago[64], pri[16];

   if (!it)
      return STALE_NONE;
   t = &it->track;
   priorityText(t->priority, pri, sizeof pri);
   Pager_begin(app, practiceTitle(app, it));
   if (it->question != PLAN_NO_INDEX && it->question < l->n_questions) {
      const Question *q = &l->questions[it->question];
      const Choice *c = &q->choices[it->choice];
      Pager_add(app, ROLE_NORMAL, 0, _("Question %s: %s"), q->id, q->title);
      if (q->phase >= 0)
         Pager_add(app, ROLE_DIM, 0, "%s%s%s", l->pillars[q->pillar].name,
                   Theme_glyph(&app->theme, GLYPH_DOT), l->phases[q->phase].name);
      else
         Pager_addText(app, ROLE_DIM, 0, l->pillars[q->pillar].name);
      Pager_add(app, Theme_riskRole(it->risk), 0, _("Risk %s, practice weight %s: %s"),
                Theme_riskWord(it->risk),
                c->weight == WEIGHT_HIGH     ? _("high")
                : c->weight == WEIGHT_MEDIUM ? _("medium")
                                             : _("none"),
                PlanItemState_label(it->state));
      Pager_add(app, PlanItem_isOverdue(it, app->pv.today) ? ROLE_OVERDUE : ROLE_NORMAL, 0,
                _("Status %s   priority %s   owner %s   due %s%s"), PlanStatus_label(t->status),
                pri, t->owner ? t->owner : "-", t->due ? t->due : "-",
                PlanItem_isOverdue(it, app->pv.today) ? _(" (overdue !)") : "");
      if (t->note)
         Pager_add(app, ROLE_NORMAL, 0, _("Note: %s"), t->note);
      Pager_addText(app, ROLE_NORMAL, 0, "");
      Pager_addText(app, ROLE_TITLE, 0, _("Improvement plan"));
      Pager_addText(app, ROLE_NORMAL, 2,
                    c->improvement.text ? c->improvement.text : _("(none in the lens)"));
      if (c->improvement.url)
         Pager_addText(app, ROLE_NORMAL, 2, c->improvement.url);
      for (size_t i = 0; i < c->n_more_improvement; i++)
         addLink(app, _("See also: "), &c->more_improvement[i]);
      if (c->description || c->helpful.url || c->helpful.text || c->n_more_helpful) {
         Pager_addText(app, ROLE_NORMAL, 0, "");
         Pager_addText(app, ROLE_TITLE, 0, _("About the practice"));
         if (c->description)
            Pager_addText(app, ROLE_NORMAL, 2, c->description);
         addLink(app, _("Link: "), &c->helpful);
         for (size_t i = 0; i < c->n_more_helpful; i++)
            addLink(app, _("See also: "), &c->more_helpful[i]);
      }
   } else {
      Pager_add(app, ROLE_NORMAL, 0, _("Question %s, practice %s: no longer in the lens"),
                t->question_id, t->choice_id);
      Pager_add(app, ROLE_NORMAL, 0, _("Status %s   priority %s   owner %s   due %s"),
                PlanStatus_label(t->status), pri, t->owner ? t->owner : "-", t->due ? t->due : "-");
   }
   Pager_addText(app, ROLE_NORMAL, 0, "");
   if (t->version > 0)
      Pager_add(app, ROLE_DIM, 0, _("Tracking changed by %s, %s"),
                t->updated_by ? t->updated_by : "?",
                When_ago(t->updated_at, app->now, ago, sizeof ago));
   else
      Pager_addText(app, ROLE_DIM, 0, _("Not tracked yet."));
   Pager_show(app, SCREEN_PAGER);
   return STALE_ALL;
}

Stale PlanView_show(App *app, const char *arg)
{
   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   planViewRead(app);
   App_push(app, SCREEN_PLAN);
   return STALE_ALL;
}

/* ---- going to the question, filtering, sorting ------------------------- */

Stale PlanView_gotoQuestion(App *app, const char *arg)
{
   const PlanItem *it = PlanView_current(app);
   const Question *qq;

   (void)arg;
   if (!it)
      return STALE_NONE;
   if (it->question == PLAN_NO_INDEX || it->question >= app->doc.lens->n_questions) {
      App_message(app, ROLE_ERROR, "%s", _("This practice is no longer in the lens"));
      return STALE_FOOTER;
   }
   /* The question right above the plan: q leads back here, to this item
    * (the cell's list is filled for moving between its questions). */
   qq = &app->doc.lens->questions[it->question];
   app->row = Matrix_rowOf(app->doc.lens, qq);
   app->col = qq->pillar;
   app->scope = LIST_CELL;
   List_refill(app);
   for (size_t i = 0; i < app->n_list; i++)
      if (app->list[i] == it->question)
         app->list_cur = i;
   app->q = it->question;
   app->choice = it->choice;
   app->desc_first = 0;
   app->choices_first = 0;
   App_push(app, SCREEN_QUESTION);
   return STALE_ALL;
}

static Stale applyFilter(App *app, const char *text, bool from_prompt);

static Stale gotFilter(App *app, const char *text)
{
   return text ? applyFilter(app, text, true) : STALE_FOOTER;
}

static Stale applyFilter(App *app, const char *text, bool from_prompt)
{
   PlanFilter f;
   char *err = NULL;

   if (!PlanFilter_parse(text, app->doc.lens, &f, &err)) {
      if (from_prompt) {
         Prompt_openTyped(app, _("Filter: "), text, gotFilter);
         Prompt_setError(app, err);
      } else {
         App_message(app, ROLE_ERROR, "%s", err);
      }
      free(err);
      return STALE_FOOTER;
   }
   PlanFilter_free(&app->pv.filter);
   app->pv.filter = f;
   app->pv.cur = 0;
   refill(app);
   App_message(
      app, ROLE_NOTICE,
      ngettext("Plan filter: %zu item shown", "Plan filter: %zu items shown", app->pv.n_rows),
      app->pv.n_rows);
   return STALE_ALL;
}

Stale PlanView_filter(App *app, const char *arg)
{
   char *now;

   if (arg)
      return applyFilter(app, arg, false);
   now = PlanFilter_format(&app->pv.filter, app->doc.lens);
   Prompt_open(app, _("Filter (open done high medium overdue owner:NAME phase:ID pillar:ID): "),
               now, gotFilter);
   free(now);
   return STALE_FOOTER;
}

Stale PlanView_sort(App *app, const char *arg)
{
   PlanSort s;

   if (arg) {
      if (!PlanSort_parse(arg, &s)) {
         App_message(app, ROLE_ERROR, "%s",
                     _("Sort by: risk, due, owner, status, place, priority, quick-wins"));
         return STALE_FOOTER;
      }
   } else {
      s = (PlanSort)((app->pv.sort + 1) % PLAN_SORT_COUNT);
   }
   app->pv.sort = s;
   refill(app);
   App_message(app, ROLE_NOTICE, _("Sorted by %s"), PlanSort_name(s));
   return STALE_ALL;
}

Stale PlanView_toggleInactive(App *app, const char *arg)
{
   (void)arg;
   app->pv.hide_inactive = !app->pv.hide_inactive;
   refill(app);
   App_message(app, ROLE_NOTICE, "%s",
               app->pv.hide_inactive ? _("Items no longer in the plan are hidden")
                                     : _("Items no longer in the plan are shown (dimmed)"));
   return STALE_ALL;
}
