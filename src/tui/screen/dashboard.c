/* dashboard.c: the phase x pillar matrix of one review; the same drawing
 * serves a milestone's frozen matrix (milestonedash.c) through a Dash. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lead.h"
#include "tui/lib/chart.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"

static void liveDash(App *app, Dash *d)
{
   d->app = app;
   d->m = &app->matrix;
   d->snap = NULL;
   d->row = &app->row;
   d->col = &app->col;
   d->first_row = &app->first_row;
   d->first_col = &app->first_col;
}

static const char *rowLabel(const Dash *d, size_t r)
{
   if (d->snap)
      return d->snap->n_phases ? d->snap->phases[r].name : _("All questions");
   return d->app->doc.lens->n_phases ? d->app->doc.lens->phases[r].name : _("All questions");
}

static const char *pillarName(const Dash *d, size_t c)
{
   return d->snap ? d->snap->pillars[c].name : d->app->doc.lens->pillars[c].name;
}

/* The pillars' names over columns width wide (caller frees heads[c] and
 * heads): shortened (WText_abbrev) where they must be, cut like any text
 * instead where two would read the same. */
static void pillarHeads(const Dash *d, int width, wchar_t ***heads, size_t **lens)
{
   size_t n = d->m->cols;
   wchar_t **h = xcalloc(n ? n : 1, sizeof *h);
   size_t *len = xcalloc(n ? n : 1, sizeof *len);
   bool *same = xcalloc(n ? n : 1, sizeof *same);

   for (size_t c = 0; c < n; c++)
      h[c] = WText_abbrev(pillarName(d, c), width, &len[c]);
   for (size_t c = 0; c < n; c++)
      for (size_t o = c + 1; o < n; o++)
         if (len[o] == len[c] && wmemcmp(h[o], h[c], len[c]) == 0)
            same[c] = same[o] = true;
   for (size_t c = 0; c < n; c++)
      if (same[c]) {
         free(h[c]);
         h[c] = WText_truncate(pillarName(d, c), width, &len[c]);
      }
   free(same);
   *heads = h;
   *lens = len;
}

static bool hasTotalCol(const Dash *d)
{
   return d->m->cols > 1;
}

static bool hasTotalRow(const Dash *d)
{
   return d->m->rows > 1;
}

static void layout(const Dash *d, DashLayout *dl)
{
   int longest = hasTotalRow(d) ? WText_widthStr(_("All phases")) : 0;

   for (size_t r = 0; r < d->m->rows; r++) {
      int w = WText_widthStr(rowLabel(d, r));
      longest = w > longest ? w : longest;
   }
   Layout_dashboard(d->app->cols, d->app->lines, d->m->rows, d->m->cols, longest, dl);
   int head = 0;
   for (size_t c = 0; c < d->m->cols; c++) {
      int w = WText_widthStr(pillarName(d, c));
      head = w > head ? w : head;
   }
   Layout_matrixWiden(&dl->m, d->app->cols, d->m->cols, hasTotalCol(d), head);
}

static const MatrixCell *cellAt(const Dash *d, size_t r, size_t c)
{
   const Matrix *m = d->m;
   if (r >= m->rows && c >= m->cols)
      return &m->total;
   if (r >= m->rows)
      return &m->col_totals[c];
   if (c >= m->cols)
      return &m->row_totals[r];
   return Matrix_cell(m, r, c);
}

/* Whether lens question q sits in cell r,c (a total row or column takes
 * every row or column). */
static bool inCell(const App *app, size_t q, size_t r, size_t c)
{
   const Lens *l = app->doc.lens;
   size_t qr = Matrix_rowOf(l, &l->questions[q]);

   return (r >= app->matrix.rows || qr == r) &&
          (c >= app->matrix.cols || l->questions[q].pillar == c);
}

/* Whether any question of the cell passes the filter (cells without one
 * read dim while a filter is on).  A milestone is shown whole. */
static bool cellMatches(const Dash *d, size_t r, size_t c)
{
   const App *app = d->app;

   if (d->snap || app->filter == FILTER_ALL)
      return true;
   for (size_t q = 0; q < app->doc.lens->n_questions; q++)
      if (inCell(app, q, r, c) && App_filterMatch(app, q))
         return true;
   return false;
}

/* Whether a question of the cell is marked for re-review (lens upgrade). */
static bool cellNeedsReview(const Dash *d, size_t r, size_t c)
{
   const App *app = d->app;

   if (d->snap || !app->doc.needs_review)
      return false;
   for (size_t q = 0; q < app->doc.lens->n_questions; q++)
      if (app->doc.needs_review[q] && inCell(app, q, r, c))
         return true;
   return false;
}

/* "▲2 ◆1" in their colours, each only where it is not zero: a matrix of
 * "▲0 ◆0" is busy and says nothing.  Returns the columns drawn. */
static int drawCounts(App *app, int y, int x, int width, const MatrixCell *cell, attr_t over)
{
   int used = 0;

   for (int k = 0; k < 2; k++) {
      Risk r = k == 0 ? RISK_HIGH : RISK_MEDIUM;
      size_t n = k == 0 ? cell->high : cell->medium;
      attr_t a = over ? over : Theme_attr(&app->theme, Theme_riskRole(r));
      char num[32];
      if (n == 0)
         continue;
      snprintf(num, sizeof num, "%zu", n);
      if (used > 0)
         used += Text_draw(stdscr, y, x + used, width - used, " ", a);
      used += Text_draw(stdscr, y, x + used, width - used, Theme_riskGlyph(&app->theme, r), a);
      used += Text_draw(stdscr, y, x + used, width - used, num, a);
   }
   return used;
}

static void drawCell(const Dash *dd, const DashLayout *d, int y, int x, int w, size_t r, size_t c)
{
   App *app = dd->app;
   const MatrixCell *cell = cellAt(dd, r, c);
   bool sel = r == *dd->row && c == *dd->col;
   attr_t risk = A_NORMAL, a, over = sel ? Theme_attr(&app->theme, ROLE_SELECTED) : 0;
   char buf[64];
   int used;

   if (cell->total > 0)
      risk =
         Theme_attr(&app->theme, cellMatches(dd, r, c) ? Theme_riskRole(cell->worst) : ROLE_DIM);
   a = sel ? over : risk;
   /* The selected cell's first line only: a move rewrites two lines, not
    * four, and the counts below keep their colours.  The blanks after the
    * text, and the one between the cells, take the risk's attributes,
    * which look the same on a blank: few changes of attributes, and none
    * of the separator's when the selection moves. */
   Text_fill(stdscr, y, x, w - 1, a);
   Text_fill(stdscr, y, x + w - 1, 1, risk);
   if (cell->total == 0)
      return; /* no questions: blank, never "no risk" */
   used = Text_draw(stdscr, y, x, w - 1, Theme_riskGlyph(&app->theme, cell->worst), a);
   snprintf(buf, sizeof buf, " %zu/%zu", cell->answered, cell->total);
   used += Text_draw(stdscr, y, x + used, w - 1 - used, buf, a);
   if (cellNeedsReview(dd, r, c)) /* the lens changed under an answer here */
      used += Text_draw(stdscr, y, x + used, w - 1 - used, Theme_glyph(&app->theme, GLYPH_REVIEW),
                        over ? over | A_BOLD : Theme_attr(&app->theme, ROLE_NOTICE));
   if (!dd->snap && Lead_cellCovered(app, r, c)) /* the workshop's agenda has been here */
      used += Text_draw(stdscr, y, x + used, w - 1 - used, Lead_coveredGlyph(app), a);
   /* The counts of every cell, one question or many: on a line of their
    * own they never change with the selection, and cost nothing to move. */
   if (d->m.counts_inline && (cell->high || cell->medium)) {
      used += Text_draw(stdscr, y, x + used, w - 1 - used, " ", a);
      drawCounts(app, y, x + used, w - 1 - used, cell, over);
   } else if (d->row_h == 2) {
      Text_fill(stdscr, y + 1, x, w - 1, A_NORMAL);
      drawCounts(app, y + 1, x, w - 1, cell, 0);
   }
}

/* A phase's name; the selected phase's has the cursor glyph in the margin,
 * as the selected line of a list has: a move to another phase writes the
 * glyph and a blank, not both names again. */
static void drawLabel(App *app, const DashLayout *d, int y, const char *label, bool sel)
{
   int w = d->m.label_w - 1;
   size_t n, nl;
   wchar_t *ws = WText_cleanStr(label, 0, &n);
   TextLine *lines;

   if (sel && d->m.x0 > 0)
      Text_draw(stdscr, y, d->m.x0 - 1, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), A_NORMAL);
   if (d->row_h < 2) {
      Text_drawW(stdscr, y, d->m.x0, w, ws, n, A_NORMAL, true);
      free(ws);
      return;
   }
   nl = WText_wrap(ws, n, w, &lines);
   for (size_t i = 0; i < nl && i < 2; i++) {
      size_t len = i == 1 ? n - lines[1].start : lines[i].len; /* the rest, cut */
      Text_drawW(stdscr, y + (int)i, d->m.x0, w, ws + lines[i].start, len, A_NORMAL, true);
   }
   free(lines);
   free(ws);
}

/* The counts of what the dashboard shows. */
static void counts(const Dash *d, RiskCounts *rc)
{
   if (!d->snap) {
      Review_counts(&d->app->doc.review, rc);
      return;
   }
   memset(rc, 0, sizeof *rc);
   memcpy(rc->by_risk, d->snap->total.by_risk, sizeof rc->by_risk);
   rc->questions = d->snap->total.questions;
   rc->answered = rc->questions - rc->by_risk[RISK_UNANSWERED];
   rc->practices = d->snap->total.practices;
   rc->practices_selected = d->snap->total.practices_selected;
}

/* The plan's counts in pieces, "plan: 3 open, 1 in progress, 2 done",
 * then ", 1 risk accepted", ", 1 won't do" and ", 1 overdue !" where there
 * are any, so that they add up to the items to improve, as on the plan
 * screen.  Placed from x on y, a piece that does not fit starts the next
 * line (at most lines of them; the last is cut).  Returns the lines they
 * take; draws only when draw. */
static int drawPlanPieces(App *app, int y, int x, int lines, bool draw)
{
   size_t st[PLAN_STATUS_COUNT], overdue;
   char *piece[4];
   bool late[4] = {false, false, false, false};
   int n = 0, line = 1;

   PlanView_counts(app, st, &overdue);
   piece[n++] = xasprintf(_("plan: %zu open, %zu in progress, %zu done"), st[PLAN_OPEN],
                          st[PLAN_IN_PROGRESS], st[PLAN_DONE]);
   if (st[PLAN_RISK_ACCEPTED])
      piece[n++] = xasprintf(_(", %zu risk accepted"), st[PLAN_RISK_ACCEPTED]);
   if (st[PLAN_WONT_DO])
      piece[n++] = xasprintf(_(", %zu won't do"), st[PLAN_WONT_DO]);
   if (overdue) {
      late[n] = true;
      piece[n++] =
         xasprintf(_(", %zu overdue %s"), overdue, Theme_glyph(&app->theme, GLYPH_OVERDUE));
   }
   for (int i = 0; i < n; i++) {
      const char *t = piece[i];
      if (i > 0 && x + WText_widthStr(t) > app->cols - 1 && line < lines) {
         line++;
         x = 3;
         t += strncmp(t, ", ", 2) == 0 ? 2 : 0; /* a line does not start with ", " */
      }
      if (draw)
         x += Text_draw(stdscr, y + line - 1, x, app->cols - x - 1, t,
                        late[i] ? Theme_attr(&app->theme, ROLE_OVERDUE) : A_NORMAL);
      else
         x += WText_widthStr(t);
      free(piece[i]);
   }
   return x > app->cols - 1 && line == lines ? lines + 1 : line;
}

/* Whether the plan's counts fit whole from x on; on a narrow screen they
 * go to a line of their own under the detail (EXTRA_PLAN). */
static bool planCountsFit(App *app, int x)
{
   return !app->pv.loaded || drawPlanPieces(app, 0, x, 1, false) == 1;
}

/* "plan: 3 open, 1 in progress, 2 done, 1 overdue !" on one line. */
static int drawPlanCounts(App *app, int y, int x)
{
   if (!app->pv.loaded || x >= app->cols - 1)
      return 0;
   return drawPlanPieces(app, y, x, 1, true);
}

/* Where the summary's second line leaves the plan's counts: after the
 * practices and the filter. */
static int planCountsX(const Dash *dd)
{
   App *app = dd->app;
   RiskCounts rc;
   char *s;
   int x;

   counts(dd, &rc);
   s = xasprintf(_("Practices %zu/%zu in place"), rc.practices_selected, rc.practices);
   x = 1 + WText_widthStr(s) + 3;
   free(s);
   if (app->filter != FILTER_ALL) {
      s = xasprintf(_("filter: %s"), App_filterName(app->filter));
      x += WText_widthStr(s) + 3;
      free(s);
   }
   return x;
}

/* The plan's counts do not fit on the summary's second line. */
static bool planCountsApart(const Dash *dd, const DashLayout *d)
{
   return !dd->snap && dd->app->pv.loaded &&
          (d->summary_h < 2 || !planCountsFit(dd->app, planCountsX(dd)));
}

/* The priority questions' high and medium risks, apart from the rest:
 * "★ priority ▲ 2 ◆ 1" (ASCII "P priority H 2 M 1").  Returns the columns
 * it takes; draws only when draw. */
static int drawPriorityCounts(App *app, int y, int x, bool draw)
{
   static const Risk shown[] = {RISK_HIGH, RISK_MEDIUM};
   attr_t notice = Theme_attr(&app->theme, ROLE_NOTICE);
   char *s = xasprintf(_("%s priority"), Theme_glyph(&app->theme, GLYPH_PRIORITY));
   int x0 = x;
   RiskCounts pc;

   ProfileDoc_counts(&app->profile, &app->doc.review, &pc);
   x += (draw ? Text_draw(stdscr, y, x, app->cols - x - 1, s, notice) : WText_widthStr(s)) + 1;
   free(s);
   for (size_t i = 0; i < 2; i++) {
      char num[32];
      const char *g = Theme_riskGlyph(&app->theme, shown[i]);
      attr_t a = Theme_attr(&app->theme, Theme_riskRole(shown[i]));
      snprintf(num, sizeof num, " %zu", pc.by_risk[shown[i]]);
      if (draw) {
         x += Text_draw(stdscr, y, x, app->cols - x - 1, g, a);
         x += Text_draw(stdscr, y, x, app->cols - x - 1, num, a) + 1;
      } else {
         x += WText_widthStr(g) + WText_widthStr(num) + 1;
      }
   }
   return x - x0 - 1;
}

static const Risk summaryOrder[] = {RISK_HIGH, RISK_MEDIUM, RISK_NONE, RISK_NOT_APPLICABLE,
                                    RISK_UNANSWERED};

/* Where the summary's first line leaves the priority counts: after the
 * answered questions and the counts by risk. */
static int priorityCountsX(const Dash *dd)
{
   App *app = dd->app;
   RiskCounts rc;
   char *s;
   int x;

   counts(dd, &rc);
   s = xasprintf(_("Questions %zu/%zu answered"), rc.answered, rc.questions);
   x = 1 + WText_widthStr(s) + 3;
   free(s);
   for (size_t i = 0; i < sizeof summaryOrder / sizeof summaryOrder[0]; i++) {
      char num[32];
      snprintf(num, sizeof num, " %zu", rc.by_risk[summaryOrder[i]]);
      x += WText_widthStr(Theme_riskGlyph(&app->theme, summaryOrder[i])) + WText_widthStr(num) + 2;
   }
   return x;
}

/* The priority counts do not fit whole on the summary's first line: they
 * take a line of their own under the selected cell (EXTRA_PRIORITY). */
static bool priorityCountsApart(const Dash *dd)
{
   App *app = dd->app;

   return !dd->snap && app->profile.profile &&
          priorityCountsX(dd) + drawPriorityCounts(app, 0, 0, false) > app->cols - 1;
}

static void drawSummary(const Dash *dd, const DashLayout *d)
{
   App *app = dd->app;
   RiskCounts rc;
   char *s;
   int x = 1, y = d->summary_y;

   counts(dd, &rc);
   s = xasprintf(_("Questions %zu/%zu answered"), rc.answered, rc.questions);
   x += Text_draw(stdscr, y, x, app->cols - x - 1, s, A_BOLD) + 3;
   free(s);
   for (size_t i = 0; i < sizeof summaryOrder / sizeof summaryOrder[0]; i++) {
      char num[32];
      attr_t a = Theme_attr(&app->theme, Theme_riskRole(summaryOrder[i]));
      x += Text_draw(stdscr, y, x, app->cols - x - 1, Theme_riskGlyph(&app->theme, summaryOrder[i]),
                     a);
      snprintf(num, sizeof num, " %zu", rc.by_risk[summaryOrder[i]]);
      x += Text_draw(stdscr, y, x, app->cols - x - 1, num, a) + 2;
   }
   if (!dd->snap && app->profile.profile && !priorityCountsApart(dd))
      drawPriorityCounts(app, y, x, true);
   if (d->summary_h < 2)
      return;
   s = xasprintf(_("Practices %zu/%zu in place"), rc.practices_selected, rc.practices);
   x = 1 + Text_draw(stdscr, y + 1, 1, app->cols - 2, s, A_NORMAL) + 3;
   free(s);
   if (dd->snap) {
      char when[11];
      snprintf(when, sizeof when, "%.10s",
               app->sv.ms.row.created_at ? app->sv.ms.row.created_at : "");
      s = xasprintf(_("milestone %s (read-only), %s by %s"), app->sv.ms.row.name, when,
                    app->sv.ms.row.created_by ? app->sv.ms.row.created_by : "?");
      Text_draw(stdscr, y + 1, x, app->cols - x - 1, s, Theme_attr(&app->theme, ROLE_READONLY));
      free(s);
      return;
   }
   if (app->filter != FILTER_ALL) {
      s = xasprintf(_("filter: %s"), App_filterName(app->filter));
      x += Text_draw(stdscr, y + 1, x, app->cols - x - 1, s, Theme_attr(&app->theme, ROLE_NOTICE)) +
           3;
      free(s);
   }
   if (!planCountsApart(dd, d))
      drawPlanCounts(app, y + 1, x);
}

/* The title of the one question of a cell, whatever the filter says;
 * *priority says whether the workload's profile marks it. */
static const char *onlyQuestion(const Dash *d, size_t row, size_t col, bool *priority)
{
   App *app = d->app;
   const Matrix *m = d->m;

   if (d->snap) {
      for (size_t i = 0; i < d->snap->n_questions; i++) {
         const SnapQuestion *q = &d->snap->questions[i];
         size_t r = q->phase >= 0 && (size_t)q->phase < m->rows ? (size_t)q->phase : 0;
         if ((row >= m->rows || r == row) && (col >= m->cols || q->pillar == col))
            return q->title ? q->title : q->id;
      }
      return "";
   }
   for (size_t q = 0; q < app->doc.lens->n_questions; q++)
      if (inCell(app, q, row, col)) {
         *priority = ProfileDoc_isPriority(&app->profile, q);
         return app->doc.lens->questions[q].title;
      }
   return "";
}

/* The selected cell in words. */
static void drawDetail(const Dash *dd, const DashLayout *d, int detail_h)
{
   App *app = dd->app;
   const Matrix *m = dd->m;
   size_t row = *dd->row, col = *dd->col;
   const MatrixCell *cell = cellAt(dd, row, col);
   const char *dot = Theme_glyph(&app->theme, GLYPH_DOT);
   char *where, *text;
   size_t n, nl;
   wchar_t *ws;
   TextLine *lines;
   int x;

   if (row < m->rows && col < m->cols)
      where = xasprintf("%s%s%s", pillarName(dd, col), dot, rowLabel(dd, row));
   else if (col < m->cols)
      where = xasprintf(_("%s, all phases"), pillarName(dd, col));
   else if (row < m->rows)
      where = xasprintf(_("%s, all pillars"), rowLabel(dd, row));
   else
      where = xstrdup(_("The whole lens"));
   if (cell->total == 0) {
      text = xasprintf(_("%s: no questions"), where);
   } else if (cell->total == 1) {
      bool priority = false;
      const char *title = onlyQuestion(dd, row, col, &priority);
      text = xasprintf("%s%s%s%s%s", where, Theme_glyph(&app->theme, GLYPH_DASH),
                       priority ? Theme_glyph(&app->theme, GLYPH_PRIORITY) : "",
                       priority ? " " : "", title);
   } else {
      text = xasprintf(
         ngettext("%s: %zu question, %zu answered", "%s: %zu questions, %zu answered", cell->total),
         where, cell->total, cell->answered);
   }
   x = 1 +
       Chrome_risk(app, d->detail_y, 1, app->cols - 2, cell->total ? cell->worst : RISK_UNANSWERED,
                   true) +
       2;
   if (cell->total > 1 && (cell->high || cell->medium))
      x += drawCounts(app, d->detail_y, x, app->cols - x - 1, cell, 0) + 2;
   ws = WText_cleanStr(text, 0, &n);
   nl = WText_wrap(ws, n, app->cols - x - 1, &lines);
   for (size_t i = 0; i < nl && (int)i < detail_h; i++) {
      size_t len = (int)i == detail_h - 1 ? n - lines[i].start : lines[i].len;
      Text_drawW(stdscr, d->detail_y + (int)i, x, app->cols - x - 1, ws + lines[i].start, len,
                 A_NORMAL, true);
   }
   free(lines);
   free(ws);
   free(text);
   free(where);
}

/* A line of the trend over the milestones and now: "Trend ▲ █▆▄▂ ◆ ▃▄▄▅ · █▅▂▁". */
static void drawTrendLine(App *app, int y)
{
   static const Risk series[3] = {RISK_HIGH, RISK_MEDIUM, RISK_UNANSWERED};
   const MilestonesView *mv = &app->mv;
   size_t k = mv->n + 1, first = 0, v[9];
   RiskCounts rc;
   int x = 1;
   char *s;

   if (k > 9) { /* the latest milestones */
      first = k - 9;
      k = 9;
   }
   Review_counts(&app->doc.review, &rc);
   x += Text_draw(stdscr, y, x, app->cols - 2, _("Trend (milestones)"), A_BOLD) + 2;
   for (int i = 0; i < 3; i++) {
      attr_t a = Theme_attr(&app->theme,
                            series[i] == RISK_UNANSWERED ? ROLE_CHART : Theme_riskRole(series[i]));
      char *bars;
      for (size_t p = 0; p < k; p++)
         v[p] = first + p < mv->n ? mv->ms[first + p].snap.total.by_risk[series[i]]
                                  : rc.by_risk[series[i]];
      bars = Chart_row(v, k, Chart_max(v, k), 1, 0, app->theme.utf8);
      x +=
         Text_draw(stdscr, y, x, app->cols - x - 1, Theme_riskGlyph(&app->theme, series[i]), a) + 1;
      x += Text_draw(stdscr, y, x, app->cols - x - 1, bars, a) + 2;
      free(bars);
   }
   s = xasprintf(_("last: '%s' %.10s"), mv->ms[mv->n - 1].row.name,
                 mv->ms[mv->n - 1].row.created_at ? mv->ms[mv->n - 1].row.created_at : "");
   Text_draw(stdscr, y, x, app->cols - x - 1, s, Theme_attr(&app->theme, ROLE_DIM));
   free(s);
}

/* The selected cell's questions, one a line from y down to the footer, when
 * a tall screen leaves room for at least CELL_LIST_MIN of them: risk, id and
 * the whole question, so that a wide terminal reads them without Enter.
 * Questions that do not fit end in "(N more)" (no ellipsis: ASCII has none). */
#define CELL_LIST_MIN 4
static void drawCellQuestions(const Dash *dd, int y)
{
   App *app = dd->app;
   const MatrixCell *cell = cellAt(dd, *dd->row, *dd->col);
   int last = app->lines - 2; /* the footer is on app->lines - 1 */
   size_t shown = 0;

   if (dd->snap || cell->total < 2 || last - y + 1 < CELL_LIST_MIN)
      return;
   for (size_t q = 0; q < app->doc.lens->n_questions; q++) {
      if (!inCell(app, q, *dd->row, *dd->col))
         continue;
      if (y == last && cell->total - shown > 1) {
         char *more = xasprintf(_("(%zu more)"), cell->total - shown);
         Text_draw(stdscr, y, 3, app->cols - 4, more, Theme_attr(&app->theme, ROLE_DIM));
         free(more);
         return;
      }
      const Question *qq = &app->doc.lens->questions[q];
      int x = 3 + Chrome_risk(app, y, 3, app->cols - 4, App_risk(app, q), false) + 1;
      if (app->profile.profile) { /* a column for the mark only when there is a profile */
         if (ProfileDoc_isPriority(&app->profile, q))
            Text_draw(stdscr, y, x, 2, Theme_glyph(&app->theme, GLYPH_PRIORITY),
                      Theme_attr(&app->theme, ROLE_NOTICE));
         x += 2;
      }
      x += Text_draw(stdscr, y, x, app->cols - x - 1, qq->id, A_BOLD) + 2;
      Text_draw(stdscr, y, x, app->cols - x - 1, qq->title, A_NORMAL);
      shown++;
      y++;
   }
}

/* News under the matrix, most important first. */
typedef enum {
   EXTRA_UPGRADE,
   EXTRA_REVIEW,
   EXTRA_PRIORITY,
   EXTRA_PLAN,
   EXTRA_PLAN_MORE, /* the plan's counts' second line */
   EXTRA_TREND,
   EXTRA_AGENDA
} Extra;

/* The news there is (0 .. 6 lines); the priority and the plan's counts
 * when the summary has no room for them (priority_apart, plan_apart). */
static int extraLines(App *app, bool priority_apart, bool plan_apart, Extra *lines)
{
   int n = 0;
   char *agenda = Lead_coveredLegend(app);

   if (app->have_upgrade)
      lines[n++] = EXTRA_UPGRADE;
   if (Upgrade_marked(app) > 0)
      lines[n++] = EXTRA_REVIEW;
   if (priority_apart)
      lines[n++] = EXTRA_PRIORITY;
   if (plan_apart) {
      lines[n++] = EXTRA_PLAN;
      if (drawPlanPieces(app, 0, 1, 2, false) > 1)
         lines[n++] = EXTRA_PLAN_MORE;
   }
   if (app->mv.loaded && app->mv.n > 0)
      lines[n++] = EXTRA_TREND;
   if (agenda)
      lines[n++] = EXTRA_AGENDA;
   free(agenda);
   return n;
}

static void drawExtra(App *app, int y, Extra what, bool more)
{
   char *s = NULL;

   if (what == EXTRA_UPGRADE) {
      s = xasprintf(_("Newer lens: %s %s  (U shows what changes, then upgrades)"),
                    app->upgrade.name ? app->upgrade.name : app->upgrade.key,
                    app->upgrade.version ? app->upgrade.version : "");
      Text_draw(stdscr, y, 1, app->cols - 2, s, Theme_attr(&app->theme, ROLE_NOTICE));
   } else if (what == EXTRA_REVIEW) {
      size_t n = Upgrade_marked(app);
      s = xasprintf(ngettext("%zu question marked %s to review again after the lens upgrade "
                             "(c confirms it)",
                             "%zu questions marked %s to review again after the lens upgrade "
                             "(c confirms one)",
                             n),
                    n, Theme_glyph(&app->theme, GLYPH_REVIEW));
      Text_draw(stdscr, y, 1, app->cols - 2, s, Theme_attr(&app->theme, ROLE_NOTICE));
   } else if (what == EXTRA_PRIORITY) {
      drawPriorityCounts(app, y, 1, true);
   } else if (what == EXTRA_PLAN) {
      drawPlanPieces(app, y, 1, more ? 2 : 1, true);
   } else if (what == EXTRA_PLAN_MORE) {
      /* drawn with EXTRA_PLAN */
   } else if (what == EXTRA_AGENDA) {
      s = Lead_coveredLegend(app); /* the mark's legend */
      Text_draw(stdscr, y, 1, app->cols - 2, s ? s : "", A_NORMAL);
   } else {
      drawTrendLine(app, y);
   }
   free(s);
}

void Dashboard_drawDash(const Dash *dd, int top)
{
   App *app = dd->app;
   DashLayout d;
   const Matrix *m = dd->m;
   int x, y, detail_h, free_lines, n_extra;
   size_t vis_cols, vis_rows, *head_len;
   wchar_t **heads;
   Extra extra[7];

   if (m->cols == 0 || (!dd->snap && app->doc.lens->n_questions == 0)) {
      Text_draw(stdscr, top + 1, 1, app->cols - 2, _("This lens has no questions."), A_NORMAL);
      return;
   }
   layout(dd, &d);
   vis_cols = d.m.visible_cols;
   vis_rows = d.visible_rows;
   if (*dd->col < m->cols)
      *dd->first_col = Layout_scroll(*dd->col, vis_cols, m->cols, *dd->first_col);
   if (*dd->row < m->rows)
      *dd->first_row = Layout_scroll(*dd->row, vis_rows, m->rows, *dd->first_row);
   /* Pillar names, bold; the blanks between them too (they look the same
    * and no change of attributes comes between the names). */
   x = d.m.x0 + d.m.label_w;
   pillarHeads(dd, d.m.cell_w - 1, &heads, &head_len);
   for (size_t c = *dd->first_col; c < m->cols && c < *dd->first_col + vis_cols; c++) {
      attr_t a = c == *dd->col ? A_BOLD | A_UNDERLINE : A_BOLD;
      Text_fill(stdscr, d.heads_y, x, d.m.cell_w, A_BOLD);
      Text_drawW(stdscr, d.heads_y, x, d.m.cell_w - 1, heads[c], head_len[c], a, true);
      x += d.m.cell_w;
   }
   for (size_t c = 0; c < m->cols; c++)
      free(heads[c]);
   free(heads);
   free(head_len);
   if (hasTotalCol(dd))
      Text_draw(stdscr, d.heads_y, x, d.m.total_w - 1, _("All"),
                *dd->col == m->cols ? A_BOLD | A_UNDERLINE : A_BOLD);
   if (*dd->first_col > 0)
      Text_draw(stdscr, d.heads_y, d.m.x0 + d.m.label_w - 2, 1,
                app->theme.utf8 ? "\xe2\x86\x90" : "<", A_DIM);
   if (*dd->first_col + vis_cols < m->cols)
      Text_draw(stdscr, d.heads_y, x - 1, 1, app->theme.utf8 ? "\xe2\x86\x92" : ">", A_DIM);
   /* Rows, then the totals row. */
   y = d.matrix_y;
   for (size_t r = *dd->first_row; r < m->rows && r < *dd->first_row + vis_rows; r++) {
      drawLabel(app, &d, y, rowLabel(dd, r), r == *dd->row);
      x = d.m.x0 + d.m.label_w;
      for (size_t c = *dd->first_col; c < m->cols && c < *dd->first_col + vis_cols; c++) {
         drawCell(dd, &d, y, x, d.m.cell_w, r, c);
         x += d.m.cell_w;
      }
      if (hasTotalCol(dd))
         drawCell(dd, &d, y, x, d.m.total_w, r, m->cols);
      y += d.row_h;
   }
   if (hasTotalRow(dd) && d.totals_y >= 0) {
      drawLabel(app, &d, d.totals_y, _("All phases"), *dd->row == m->rows);
      x = d.m.x0 + d.m.label_w;
      for (size_t c = *dd->first_col; c < m->cols && c < *dd->first_col + vis_cols; c++) {
         drawCell(dd, &d, d.totals_y, x, d.m.cell_w, m->rows, c);
         x += d.m.cell_w;
      }
      if (hasTotalCol(dd))
         drawCell(dd, &d, d.totals_y, x, d.m.total_w, m->rows, m->cols);
   }
   drawSummary(dd, &d);
   /* The news goes below the detail; without room, it takes the detail's
    * last lines (the detail keeps one). */
   n_extra =
      dd->snap ? 0 : extraLines(app, priorityCountsApart(dd), planCountsApart(dd, &d), extra);
   detail_h = d.detail_h;
   free_lines = app->lines - 1 - (d.detail_y + d.detail_h);
   while (n_extra > free_lines && detail_h > 1) {
      detail_h--;
      free_lines++;
   }
   if (n_extra > free_lines)
      n_extra = free_lines;
   drawDetail(dd, &d, detail_h);
   for (int i = 0; i < n_extra; i++)
      drawExtra(app, d.detail_y + detail_h + (free_lines > n_extra ? 1 : 0) + i, extra[i],
                i + 1 < n_extra && extra[i + 1] == EXTRA_PLAN_MORE);
   drawCellQuestions(dd, d.detail_y + detail_h + (free_lines > n_extra ? 1 : 0) + n_extra + 1);
}

void Dashboard_draw(App *app, int top, int height)
{
   Dash d;

   (void)height;
   if (!app->have_doc)
      return;
   liveDash(app, &d);
   Dashboard_drawDash(&d, top);
}

Stale Dashboard_moveDash(const Dash *dd, Move m)
{
   size_t max_r, max_c, r = *dd->row, c = *dd->col;

   if (dd->m->cols == 0)
      return STALE_NONE;
   max_r = dd->m->rows - (hasTotalRow(dd) ? 0 : 1);
   max_c = dd->m->cols - (hasTotalCol(dd) ? 0 : 1);
   switch (m) {
   case MOVE_UP: r = r > 0 ? r - 1 : 0; break;
   case MOVE_DOWN: r = r < max_r ? r + 1 : max_r; break;
   case MOVE_LEFT: c = c > 0 ? c - 1 : 0; break;
   case MOVE_RIGHT: c = c < max_c ? c + 1 : max_c; break;
   case MOVE_HOME:
   case MOVE_PGUP: r = 0; break;
   case MOVE_END:
   case MOVE_PGDN: r = max_r; break;
   }
   if (r == *dd->row && c == *dd->col)
      return STALE_NONE;
   *dd->row = r;
   *dd->col = c;
   return STALE_BODY;
}

Stale Dashboard_move(App *app, Move m)
{
   Dash d;

   liveDash(app, &d);
   return Dashboard_moveDash(&d, m);
}

Stale Dashboard_openDash(const Dash *dd)
{
   App *app = dd->app;
   const Matrix *m = dd->m;
   const MatrixCell *cell;

   if (m->cols == 0)
      return STALE_NONE;
   cell = cellAt(dd, *dd->row, *dd->col);
   if (cell->total == 0) {
      App_message(app, ROLE_NOTICE, "%s", _("No questions in this cell"));
      return STALE_FOOTER;
   }
   if (dd->snap)
      return MilestoneDash_openCell(app, *dd->row, *dd->col);
   if (app->row < m->rows && app->col < m->cols)
      app->scope = LIST_CELL;
   else if (app->col < m->cols)
      app->scope = LIST_COLUMN;
   else if (app->row < m->rows)
      app->scope = LIST_ROW;
   else
      app->scope = LIST_ALL;
   app->list_cur = app->list_first = 0;
   List_refill(app);
   App_push(app, SCREEN_LIST);
   /* A cell of one question: straight to it, one Enter, not two.  The
    * list stays beneath, so that going back passes the cell as ever. */
   if (app->scope == LIST_CELL && app->n_list == 1)
      List_open(app);
   return STALE_ALL;
}

Stale Dashboard_open(App *app)
{
   Dash d;

   liveDash(app, &d);
   return Dashboard_openDash(&d);
}

Stale Dashboard_allQuestions(App *app, const char *arg)
{
   app->scope = LIST_ALL;
   app->list_cur = app->list_first = 0;
   List_refill(app);
   App_push(app, SCREEN_LIST);
   return STALE_ALL;
}

Stale Dashboard_clickDash(const Dash *dd, int y, int x, bool again)
{
   DashLayout d;
   const Matrix *m = dd->m;
   size_t r, c;
   int cx;

   if (m->cols == 0)
      return STALE_NONE;
   layout(dd, &d);
   if (d.totals_y >= 0 && y >= d.totals_y && y < d.totals_y + d.row_h)
      r = m->rows;
   else if (y >= d.matrix_y && y < d.matrix_y + (int)d.visible_rows * d.row_h)
      r = *dd->first_row + (size_t)((y - d.matrix_y) / d.row_h);
   else
      return STALE_NONE;
   cx = x - d.m.x0 - d.m.label_w;
   if (cx < 0)
      return STALE_NONE;
   c = *dd->first_col + (size_t)(cx / d.m.cell_w);
   if ((size_t)(cx / d.m.cell_w) >= d.m.visible_cols || c >= m->cols)
      c = hasTotalCol(dd) ? m->cols : m->cols - 1;
   if (r >= m->rows && !hasTotalRow(dd))
      return STALE_NONE;
   if ((r == *dd->row && c == *dd->col) || again)
      return Dashboard_openDash(dd);
   *dd->row = r;
   *dd->col = c;
   return STALE_BODY;
}

Stale Dashboard_click(App *app, int y, int x, bool again)
{
   Dash d;

   liveDash(app, &d);
   return Dashboard_clickDash(&d, y, x, again);
}
