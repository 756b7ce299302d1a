/* milestones.c: the milestones of a review: the list with its counts, a
 * trend of HIGH, MEDIUM and unanswered questions (whole review, then by
 * pillar or phase), the difference between two milestones or one and now,
 * and a milestone opened read-only on a dashboard of its own. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/names.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/chart.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"

/* Reads the milestones when the list changed (cheap otherwise). */
static void milestonesRefresh(App *app);

/* The three series of every trend. */
static const Risk series[3] = {RISK_HIGH, RISK_MEDIUM, RISK_UNANSWERED};

#define MS_LABEL_W 16 /* the first column of the trends */

/* ---- loading ----------------------------------------------------------- */

static void freeNow(MilestonesView *mv)
{
   if (mv->have_now)
      Snapshot_free(&mv->now);
   mv->have_now = false;
}

/* The review now, frozen, for the last point of the trends and diffs. */
static void takeNow(App *app)
{
   MilestonesView *mv = &app->mv;
   char *err = NULL;

   freeNow(mv);
   if (StorePlan_snapshot(app->store, &app->doc, &mv->now, &err) == STORE_OK) {
      mv->have_now = true;
   } else {
      App_message(app, ROLE_ERROR, _("Cannot freeze the review: %s"), err ? err : "?");
      free(err);
   }
}

void Milestones_free(App *app)
{
   MilestonesView *mv = &app->mv;

   if (mv->loaded)
      MilestoneSnap_freeArray(mv->ms, mv->n);
   freeNow(mv);
   memset(mv, 0, sizeof *mv);
}

void Milestones_leave(App *app)
{
   freeNow(&app->mv);
   app->mv.marked = false;
}

static void milestonesRefresh(App *app)
{
   MilestonesView *mv = &app->mv;
   Milestone *rows = NULL;
   size_t n = 0;
   int64_t last;
   char *err = NULL;
   MilestoneSnap *ms = NULL;

   ScreenId scr = App_screen(app);
   bool full;
   StoreStatus st;

   if (!app->have_doc)
      return;
   /* The dashboard's trend needs the totals alone; whole snapshots cost
    * 40 ms for twenty milestones, so they are read for these screens only. */
   full = scr == SCREEN_MILESTONES || scr == SCREEN_SNAPSHOT || (mv->loaded && !mv->light);
   if (mv->have_now)
      takeNow(app); /* answers may have changed */
   /* Milestones never change: only a new (or a deleted) one means reading
    * the snapshots again. */
   if (Store_listMilestones(app->store, app->doc.workload.review_id, false, &rows, &n) != STORE_OK)
      return;
   last = n ? rows[n - 1].id : 0;
   Milestone_freeArray(rows, n);
   if (mv->loaded && n == mv->n && last == mv->last_id && (mv->light == !full))
      return;
   st = full ? StorePlan_milestones(app->store, &app->doc, &ms, &n, &err)
             : StorePlan_milestoneTotals(app->store, &app->doc, &ms, &n, &err);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot read the milestones: %s"), err ? err : "?");
      free(err);
      return;
   }
   for (size_t i = 0; i < n; i++)
      if (ms[i].damage) { /* shown with empty counts; say which, once a load */
         App_message(app, ROLE_ERROR, _("Damaged milestone, not readable: %s"), ms[i].damage);
         break;
      }
   if (mv->loaded)
      MilestoneSnap_freeArray(mv->ms, mv->n);
   mv->ms = ms;
   mv->n = n;
   mv->last_id = last;
   mv->loaded = true;
   mv->light = !full;
   if (mv->cur > n)
      mv->cur = n;
   if (mv->marked && mv->mark >= n)
      mv->marked = false;
}

/* ---- the trend ----------------------------------------------------------- */

/* A point of the trends: a milestone, then now. */
static size_t nPoints(const App *app)
{
   return app->mv.n + (app->mv.have_now ? 1 : 0);
}

static const Snapshot *point(const App *app, size_t i)
{
   return i < app->mv.n ? &app->mv.ms[i].snap : &app->mv.now;
}

/* The counts of group id (a pillar, or a phase) in s; NULL when s has none. */
static const SnapCounts *groupCounts(const Snapshot *s, bool phase, const char *id)
{
   const SnapGroup *g = phase ? s->phases : s->pillars;
   size_t n = phase ? s->n_phases : s->n_pillars;

   for (size_t i = 0; i < n; i++)
      if (strcmp(g[i].id, id) == 0)
         return &g[i].counts;
   return NULL;
}

/* The groups the small trends show: those of the newest point. */
static const Snapshot *newest(const App *app)
{
   size_t n = nPoints(app);
   return n ? point(app, n - 1) : NULL;
}

/* Values of one series over the last k points (group NULL: the whole review). */
static void values(const App *app, size_t first, size_t k, Risk r, const char *group, size_t *out)
{
   for (size_t i = 0; i < k; i++) {
      const Snapshot *s = point(app, first + i);
      const SnapCounts *c = group ? groupCounts(s, app->mv.by_phase, group) : &s->total;
      out[i] = c ? c->by_risk[r] : 0;
   }
}

static Role seriesRole(Risk r)
{
   return r == RISK_UNANSWERED ? ROLE_CHART : Theme_riskRole(r);
}

/* One series at y,x: height rows of bars, then "first→last" on the bottom row. */
static void drawSeries(App *app, int y, int x, int width, int height, const size_t *v, size_t k,
                       Risk r)
{
   size_t max = Chart_max(v, k);
   attr_t a = Theme_attr(&app->theme, seriesRole(r));
   char num[64];

   for (int row = 0; row < height; row++) {
      char *bars = Chart_row(v, k, max, height, row, app->theme.utf8);
      Text_draw(stdscr, y + row, x, width, bars, a);
      free(bars);
   }
   if (k == 0)
      return;
   snprintf(num, sizeof num, "%zu%s%zu", v[0], app->theme.utf8 ? "\xe2\x86\x92" : "->", v[k - 1]);
   if ((int)k + 1 < width)
      Text_draw(stdscr, y + height - 1, x + (int)k + 1, width - (int)k - 1, num, A_NORMAL);
}

typedef struct TrendCols {
   int x[3], w;     /* where each series starts, and its width */
   size_t first, k; /* the points shown: the last k */
} TrendCols;

static void trendCols(const App *app, TrendCols *t)
{
   size_t n = nPoints(app);
   int room = app->cols - 2 - MS_LABEL_W;

   t->w = room / 3;
   for (int i = 0; i < 3; i++)
      t->x[i] = 1 + MS_LABEL_W + i * t->w;
   /* Bars and the "12→3" after them. */
   t->k = t->w > 10 ? (size_t)(t->w - 9) : 1;
   if (t->k > n)
      t->k = n;
   t->first = n - t->k;
}

static void drawTrendHeads(App *app, int y, const TrendCols *t)
{
   Text_draw(stdscr, y, 1, MS_LABEL_W - 1, _("Trend"), Theme_attr(&app->theme, ROLE_TITLE));
   for (int i = 0; i < 3; i++)
      Chrome_risk(app, y, t->x[i], t->w - 1, series[i], true);
}

/* The whole review: a chart height rows tall. */
static void drawTrend(App *app, int y, int height, const TrendCols *t)
{
   size_t *v = xcalloc(t->k + 1, sizeof *v);

   Text_draw(stdscr, y + height - 1, 1, MS_LABEL_W - 1, _("All questions"), A_BOLD);
   for (int i = 0; i < 3; i++) {
      values(app, t->first, t->k, series[i], NULL, v);
      drawSeries(app, y, t->x[i], t->w - 1, height, v, t->k, series[i]);
   }
   free(v);
}

/* One line per pillar (or phase): small trends. */
static void drawGroups(App *app, int y, int height, const TrendCols *t)
{
   const Snapshot *s = newest(app);
   const SnapGroup *g;
   size_t n, *v = xcalloc(t->k + 1, sizeof *v);

   if (!s || height <= 0) {
      free(v);
      return;
   }
   g = app->mv.by_phase ? s->phases : s->pillars;
   n = app->mv.by_phase ? s->n_phases : s->n_pillars;
   for (size_t gi = 0; gi < n && (int)gi < height; gi++) {
      Text_drawName(stdscr, y + (int)gi, 2, MS_LABEL_W - 2, g[gi].name ? g[gi].name : g[gi].id,
                    A_NORMAL);
      for (int i = 0; i < 3; i++) {
         values(app, t->first, t->k, series[i], g[gi].id, v);
         drawSeries(app, y + (int)gi, t->x[i], t->w - 1, 1, v, t->k, series[i]);
      }
   }
   free(v);
}

/* ---- the list ------------------------------------------------------------ */

typedef struct MsCols {
   int name, date, by, num[3];
} MsCols;

static void msCols(const App *app, MsCols *c)
{
   int longest = WText_widthStr(_("(now)"));

   for (size_t i = 0; i < app->mv.n; i++) {
      int w = WText_widthStr(app->mv.ms[i].row.name);
      longest = w > longest ? w : longest;
   }
   c->date = 11; /* "2026-11-20" */
   c->by = 11;
   c->num[0] = 8;  /* "▲ HIGH" */
   c->num[1] = 10; /* "◆ MEDIUM" */
   c->num[2] = 14; /* "· unanswered" */
   /* The name is what a row is read by: where the longest does not fit,
    * the counts' heads keep their glyphs only (the trend below names
    * them), then who took it goes (the diff and the milestone's own
    * dashboard say it). */
   for (int step = 0; step < 3; step++) {
      if (step == 1)
         c->num[0] = c->num[1] = c->num[2] = 6;
      if (step == 2)
         c->by = 0;
      c->name = app->cols - 3 - c->date - c->by - c->num[0] - c->num[1] - c->num[2] - 11;
      if (c->name >= longest + 2)
         break;
   }
   if (c->name > longest + 2)
      c->name = longest + 2 < 12 ? 12 : longest + 2;
   if (c->name < 8)
      c->name = 8;
}

static void drawListHeads(App *app, int y, const MsCols *c)
{
   int x = 3;
   attr_t a = A_BOLD;

   Text_draw(stdscr, y, x, c->name - 1, _("milestone"), a);
   x += c->name;
   Text_draw(stdscr, y, x, c->date - 1, _("taken"), a);
   x += c->date;
   if (c->by)
      Text_draw(stdscr, y, x, c->by - 1, _("by"), a);
   x += c->by;
   for (int i = 0; i < 3; i++) {
      /* A glyph alone sits over the count's last digit. */
      Chrome_risk(app, y, c->num[i] < 8 ? x + 3 : x, c->num[i] - 1, series[i], c->num[i] >= 8);
      x += c->num[i];
   }
   Text_draw(stdscr, y, x, app->cols - x - 1, _("to improve"), a);
}

/* A count under its heading, right-aligned a little in. */
static void drawNumber(int y, int x, int w, size_t v, attr_t a)
{
   char num[32];

   snprintf(num, sizeof num, "%4zu", v);
   Text_draw(stdscr, y, x, w - 1, num, a);
}

static void drawListRow(App *app, int y, size_t i, const MsCols *c)
{
   MilestonesView *mv = &app->mv;
   bool cur = i == mv->cur, now = i == mv->n;
   attr_t base = cur ? Theme_attr(&app->theme, ROLE_SELECTED) : A_NORMAL;
   const Snapshot *s = now ? (mv->have_now ? &mv->now : NULL) : &mv->ms[i].snap;
   int x = 3;
   char when[32];

   Text_fill(stdscr, y, 0, app->cols, base);
   if (cur)
      Text_draw(stdscr, y, 0, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), base);
   if (mv->marked && mv->mark == i)
      Text_draw(stdscr, y, 1, 1, Theme_glyph(&app->theme, GLYPH_MARK),
                cur ? base : Theme_attr(&app->theme, ROLE_NOTICE));
   if (now) {
      Text_draw(stdscr, y, x, c->name - 1, _("(now)"),
                cur ? base : Theme_attr(&app->theme, ROLE_DIM));
      snprintf(when, sizeof when, "%s", app->pv.today);
   } else {
      Text_draw(stdscr, y, x, c->name - 1, mv->ms[i].row.name, base | A_BOLD);
      snprintf(when, sizeof when, "%.10s",
               mv->ms[i].row.created_at ? mv->ms[i].row.created_at : "");
      if (c->by)
         Text_draw(stdscr, y, x + c->name + c->date, c->by - 1, mv->ms[i].row.created_by, base);
   }
   Text_draw(stdscr, y, x + c->name, c->date - 1, when, base);
   x += c->name + c->date + c->by;
   if (!s)
      return;
   for (int k = 0; k < 3; k++) {
      drawNumber(y, x, c->num[k], s->total.by_risk[series[k]],
                 cur ? base : Theme_attr(&app->theme, seriesRole(series[k])));
      x += c->num[k];
   }
   drawNumber(y, x, app->cols - x, s->total.plan_active, base);
}

/* Where the parts of the screen go. */
typedef struct MsLayout {
   int list_y, list_h, trend_y, trend_h, groups_y, groups_h;
} MsLayout;

static void msLayout(const App *app, int top, int height, MsLayout *l)
{
   const Snapshot *s = newest(app);
   int groups = s ? (int)(app->mv.by_phase ? s->n_phases : s->n_pillars) : 0;
   int rows = (int)app->mv.n + 1, h[6];
   /* Mins first, then wants, in this order: some list, the chart, its
    * heading, the groups, a gap, the rest of the list. */
   LayoutPart parts[6] = {
      {rows < 3 ? rows : 3, rows < 3 ? rows : 3},
      {1, 1},
      {nPoints(app) ? 1 : 0, nPoints(app) ? 3 : 0},
      {0, groups},
      {0, 1},
      {0, rows > 3 ? rows - 3 : 0},
   };

   Layout_stack(height - 2, parts, 6, h);
   l->list_y = top + 2;
   l->list_h = h[0] + h[5];
   l->trend_y = l->list_y + l->list_h + h[4] + h[1]; /* after the gap and the heading */
   l->trend_h = h[2];
   l->groups_y = l->trend_y + l->trend_h;
   l->groups_h = h[3];
}

void Milestones_draw(App *app, int top, int height)
{
   MilestonesView *mv = &app->mv;
   MsCols c;
   MsLayout l;
   TrendCols t;
   char *title;
   size_t rows = mv->n + 1;

   if (!app->have_doc)
      return;
   title = xasprintf(ngettext("Milestones  %zu milestone   Space marks one, d compares",
                              "Milestones  %zu milestones   Space marks one, d compares", mv->n),
                     mv->n);
   Text_draw(stdscr, top, 1, app->cols - 2, title, Theme_attr(&app->theme, ROLE_TITLE));
   free(title);
   msCols(app, &c);
   drawListHeads(app, top + 1, &c);
   msLayout(app, top, height, &l);
   mv->first = Layout_scroll(mv->cur, (size_t)(l.list_h > 0 ? l.list_h : 1), rows, mv->first);
   for (size_t i = mv->first; i < rows && (int)(i - mv->first) < l.list_h; i++)
      drawListRow(app, l.list_y + (int)(i - mv->first), i, &c);
   if (mv->n == 0)
      Text_draw(stdscr, l.list_y + 1, 3, app->cols - 4,
                _("No milestones yet: a saves the review as it is now."),
                Theme_attr(&app->theme, ROLE_DIM));
   if (l.trend_h <= 0)
      return;
   trendCols(app, &t);
   drawTrendHeads(app, l.trend_y - 1, &t);
   drawTrend(app, l.trend_y, l.trend_h, &t);
   drawGroups(app, l.groups_y, l.groups_h, &t);
}

Stale Milestones_move(App *app, Move m)
{
   /* The rows are the milestones and "now" after them; a page jumps to an end. */
   return Layout_moveCursor(&app->mv.cur, app->mv.n + 1, 0, m) ? STALE_BODY : STALE_NONE;
}

Stale Milestones_click(App *app, int y, int x, bool again)
{
   MsLayout l;
   size_t i;

   (void)x;
   msLayout(app, 1, app->lines - 2, &l);
   if (y < l.list_y || y >= l.list_y + l.list_h)
      return STALE_NONE;
   i = app->mv.first + (size_t)(y - l.list_y);
   if (i > app->mv.n)
      return STALE_NONE;
   if (i == app->mv.cur || again)
      return Milestones_open(app);
   app->mv.cur = i;
   return STALE_BODY;
}

Stale Milestones_show(App *app, const char *arg)
{
   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   App_push(app, SCREEN_MILESTONES); /* first: the refresh reads whole snapshots for it */
   milestonesRefresh(app);
   takeNow(app);
   /* The newest milestone: d compares it with now at once.  The list
    * opens at its end, so that the "(now)" row shows below the cursor. */
   app->mv.cur = app->mv.n ? app->mv.n - 1 : 0;
   app->mv.first = app->mv.n;
   return STALE_ALL;
}

/* ---- adding -------------------------------------------------------------- */

static Stale gotName(App *app, const char *text)
{
   char *err = NULL;
   StoreStatus st;
   RiskCounts rc;

   if (!text)
      return STALE_FOOTER;
   if (App_refuseReadOnly(app))
      return STALE_FOOTER;
   st = StorePlan_addMilestone(app->store, &app->doc, text, app->opts->user, NULL, &err);
   if (st != STORE_OK) {
      Prompt_openTyped(app, _("Milestone name: "), text, gotName);
      Prompt_setError(app, err ? err : Store_statusText(st));
      free(err);
      return STALE_FOOTER;
   }
   milestonesRefresh(app);
   if (App_screen(app) == SCREEN_MILESTONES && app->mv.n) {
      app->mv.cur = app->mv.n - 1;
      app->mv.first = app->mv.n; /* the new one and "(now)" in view */
   }
   Review_counts(&app->doc.review, &rc);
   char *saved = NULL; /* the name as stored: normalised (core/names.h) */
   if (Names_normalize(NAME_MILESTONE, text, &saved) != NAME_OK)
      saved = xstrdup(text);
   App_message(app, ROLE_NOTICE, _("Milestone '%s' saved: HIGH %zu, MEDIUM %zu, unanswered %zu"),
               saved, rc.by_risk[RISK_HIGH], rc.by_risk[RISK_MEDIUM], rc.by_risk[RISK_UNANSWERED]);
   free(saved);
   return STALE_ALL;
}

Stale Milestones_add(App *app, const char *arg)
{
   if (arg)
      return gotName(app, arg);
   Prompt_open(app, _("Milestone name: "), NULL, gotName);
   return STALE_FOOTER;
}

/* ---- marking and comparing ------------------------------------------------ */

Stale Milestones_mark(App *app, const char *arg)
{
   MilestonesView *mv = &app->mv;

   (void)arg;
   if (mv->cur >= mv->n) {
      App_message(app, ROLE_NOTICE, "%s", _("Mark a milestone: now is always the other end"));
      return STALE_FOOTER;
   }
   if (mv->marked && mv->mark == mv->cur) {
      mv->marked = false;
      App_message(app, ROLE_NOTICE, "%s", _("Mark cleared: d compares a milestone with now"));
   } else {
      mv->marked = true;
      mv->mark = mv->cur;
      App_message(app, ROLE_NOTICE,
                  _("Marked '%s': move to another milestone (or now) and press d"),
                  mv->ms[mv->cur].row.name);
   }
   return STALE_ALL;
}

static const char *riskText(const App *app, Risk r, char *buf, size_t size)
{
   snprintf(buf, size, "%s %s", Theme_riskGlyph(&app->theme, r), Theme_riskWord(r));
   return buf;
}

static const char *orDash(const char *s)
{
   return s && *s ? s : "-";
}

/* A blank line between sections (not before the first). */
static void gap(App *app)
{
   if (app->pager.n > 0)
      Pager_addText(app, ROLE_NORMAL, 0, "");
}

static void diffRisks(App *app, const SnapshotDiff *d)
{
   char a[64], b[64];

   gap(app);
   if (d->n_risks == 0) {
      Pager_addText(app, ROLE_TITLE, 0, _("Risk changes: none"));
      return;
   }
   Pager_add(app, ROLE_TITLE, 0, _("Risk changes (%zu): %zu better, %zu worse, %zu newly answered"),
             d->n_risks, d->n_better, d->n_worse, d->n_answered);
   for (size_t i = 0; i < d->n_risks; i++) {
      const SnapRiskChange *r = &d->risks[i];
      const SnapQuestion *q = r->to ? r->to : r->from;
      Pager_add(app, r->to ? Theme_riskRole(r->to->risk) : ROLE_DIM, 2, "%-8s %s%s%s  %s", q->id,
                r->from ? riskText(app, r->from->risk, a, sizeof a) : _("(new)"),
                Theme_glyph(&app->theme, GLYPH_ARROW),
                r->to ? riskText(app, r->to->risk, b, sizeof b) : _("(removed)"), orDash(q->title));
   }
}

static void diffPractices(App *app, const SnapshotDiff *d)
{
   for (int sel = 1; sel >= 0; sel--) {
      size_t n = sel ? d->n_selected : d->n_unselected;
      gap(app);
      if (n == 0) {
         Pager_addText(app, ROLE_TITLE, 0,
                       sel ? _("Practices selected: none") : _("Practices unselected: none"));
         continue;
      }
      Pager_add(app, ROLE_TITLE, 0,
                sel ? _("Practices selected (%zu)") : _("Practices unselected (%zu)"), n);
      for (size_t i = 0; i < d->n_practices; i++) {
         const SnapPracticeChange *p = &d->practices[i];
         if (p->selected == (sel == 1))
            Pager_add(app, sel ? ROLE_NONE : ROLE_MEDIUM, 2, "%s %-8s %s", sel ? "+" : "-",
                      p->question->id, orDash(p->choice->title));
      }
   }
}

static const char *planTitle(const Snapshot *s, const PlanItem *it)
{
   const SnapQuestion *q;

   if (!it || it->question == PLAN_NO_INDEX || it->question >= s->n_questions)
      return NULL;
   q = &s->questions[it->question];
   return it->choice < q->n_choices ? q->choices[it->choice].title : NULL;
}

static void diffPlan(App *app, const Snapshot *from, const Snapshot *to, const SnapshotDiff *d)
{
   static const char *const heads[3] = {N_("Plan items opened"), N_("Plan items closed"),
                                        N_("Plan items changed")};
   const size_t counts[3] = {d->n_opened, d->n_closed, d->n_changed};

   for (int k = 0; k < 3; k++) {
      gap(app);
      if (counts[k] == 0) {
         Pager_add(app, ROLE_TITLE, 0, _("%s: none"), _(heads[k]));
         continue;
      }
      Pager_add(app, ROLE_TITLE, 0, "%s (%zu)", _(heads[k]), counts[k]);
      for (size_t i = 0; i < d->n_plan; i++) {
         const SnapPlanChange *c = &d->plan[i];
         const PlanItem *it = c->to ? c->to : c->from;
         const char *title;
         if ((int)c->kind != k)
            continue;
         title = planTitle(to, c->to);
         if (!title)
            title = planTitle(from, c->from);
         Pager_add(app, ROLE_NORMAL, 2, "%-8s %s", it->track.question_id,
                   title ? title : it->track.choice_id);
         if (c->fields) {
            char *f = SnapPlanChange_describe(c, Theme_glyph(&app->theme, GLYPH_ARROW));
            Pager_addText(app, ROLE_DIM, 11, f);
            free(f);
         }
      }
   }
}

static void diffTotals(App *app, const Snapshot *from, const Snapshot *to, const SnapshotDiff *d)
{
   static const Risk order[] = {RISK_HIGH, RISK_MEDIUM, RISK_NONE, RISK_NOT_APPLICABLE,
                                RISK_UNANSWERED};
   const char *arrow = Theme_glyph(&app->theme, GLYPH_ARROW);

   gap(app);
   Pager_addText(app, ROLE_TITLE, 0, _("Totals"));
   for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
      Pager_add(app, Theme_riskRole(order[i]), 2, "%s %-12s %zu%s%zu",
                Theme_riskGlyph(&app->theme, order[i]), Theme_riskWord(order[i]),
                from->total.by_risk[order[i]], arrow, to->total.by_risk[order[i]]);
   Pager_add(app, ROLE_NORMAL, 2, _("items to improve %zu%s%zu, practices in place %zu%s%zu"),
             from->total.plan_active, arrow, to->total.plan_active, from->total.practices_selected,
             arrow, to->total.practices_selected);
   Pager_add(app, ROLE_NORMAL, 2,
             _("practices %zu selected, %zu unselected; plan items %zu opened, %zu closed, "
               "%zu changed"),
             d->n_selected, d->n_unselected, d->n_opened, d->n_closed, d->n_changed);
}

/* "2026-11-20T10:00:00Z" as "2026-11-20 10:00". */
static void shortTime(const char *iso, char *buf, size_t size)
{
   snprintf(buf, size, "%.10s %.5s", iso ? iso : "", iso && strlen(iso) > 11 ? iso + 11 : "");
}

static char *sideName(const App *app, size_t i)
{
   char when[32];

   if (i >= app->mv.n)
      return xasprintf(_("now (%s)"), app->pv.today);
   shortTime(app->mv.ms[i].row.created_at, when, sizeof when);
   return xasprintf("'%s' (%s)", app->mv.ms[i].row.name, when);
}

Stale Milestones_diff(App *app, const char *arg)
{
   MilestonesView *mv = &app->mv;
   size_t a, b;
   const Snapshot *from, *to;
   SnapshotDiff d;
   char *na, *nb, *title;

   (void)arg;
   if (mv->marked) {
      a = mv->mark;
      b = mv->cur;
   } else {
      a = mv->cur;
      b = mv->n; /* now */
   }
   if (a >= mv->n) {
      App_message(app, ROLE_NOTICE, "%s",
                  _("Choose a milestone to compare with now, or mark one with Space"));
      return STALE_FOOTER;
   }
   if (a == b) {
      App_message(app, ROLE_NOTICE, "%s",
                  _("That is the marked milestone: move to another one, or to now"));
      return STALE_FOOTER;
   }
   if (b >= mv->n && !mv->have_now)
      takeNow(app);
   if (b >= mv->n && !mv->have_now)
      return STALE_FOOTER;
   from = &mv->ms[a].snap;
   to = b < mv->n ? &mv->ms[b].snap : &mv->now;
   Snapshot_diff(from, to, &d);
   na = sideName(app, a);
   nb = sideName(app, b);
   title = xasprintf(_("Changes from %s to %s"), na, nb);
   Pager_begin(app, title);
   if (SnapshotDiff_isEmpty(&d)) {
      Pager_addText(app, ROLE_NOTICE, 0, _("Nothing changed."));
   } else {
      diffRisks(app, &d);
      diffPractices(app, &d);
      diffPlan(app, from, to, &d);
   }
   diffTotals(app, from, to, &d);
   SnapshotDiff_free(&d);
   free(title);
   free(na);
   free(nb);
   Pager_show(app, SCREEN_PAGER);
   return STALE_ALL;
}

Stale Milestones_groups(App *app, const char *arg)
{
   (void)arg;
   app->mv.by_phase = !app->mv.by_phase;
   App_message(app, ROLE_NOTICE, "%s",
               app->mv.by_phase ? _("Trends by phase") : _("Trends by pillar"));
   return STALE_BODY | STALE_FOOTER;
}

Stale Milestones_open(App *app)
{
   MilestonesView *mv = &app->mv;

   if (mv->cur >= mv->n) {
      App_message(app, ROLE_NOTICE, "%s", _("Now is the dashboard itself: q goes back to it"));
      return STALE_FOOTER;
   }
   return MilestoneDash_enter(app, mv->ms[mv->cur].row.name);
}

void Milestones_reload(App *app, bool opened)
{
   (void)opened;
   milestonesRefresh(app);
}
