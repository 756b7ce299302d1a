/* dashboard.c: the phase x pillar matrix of one review. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/layout.h"
#include "tui/screens.h"
#include "tui/text.h"

static const char *rowLabel(const App *app, size_t r)
{
   const Lens *l = app->doc.lens;
   return l->n_phases ? l->phases[r].name : _("All questions");
}

static bool hasTotalCol(const App *app)
{
   return app->matrix.cols > 1;
}

static bool hasTotalRow(const App *app)
{
   return app->matrix.rows > 1;
}

static void layout(const App *app, DashLayout *d)
{
   int longest = hasTotalRow(app) ? Text_widthStr(_("All phases")) : 0;

   for (size_t r = 0; r < app->matrix.rows; r++) {
      int w = Text_widthStr(rowLabel(app, r));
      longest = w > longest ? w : longest;
   }
   Layout_dashboard(app->cols, app->lines, app->matrix.rows, app->matrix.cols, longest, d);
}

static const MatrixCell *cellAt(const App *app, size_t r, size_t c)
{
   const Matrix *m = &app->matrix;
   if (r >= m->rows && c >= m->cols)
      return &m->total;
   if (r >= m->rows)
      return &m->col_totals[c];
   if (c >= m->cols)
      return &m->row_totals[r];
   return Matrix_cell(m, r, c);
}

/* Whether any question of the cell passes the filter (cells without one
 * read dim while a filter is on). */
static bool cellMatches(const App *app, size_t r, size_t c)
{
   const Lens *l = app->doc.lens;

   if (app->filter == FILTER_ALL)
      return true;
   for (size_t q = 0; q < l->n_questions; q++) {
      size_t qr = Matrix_rowOf(l, &l->questions[q]);
      if ((r >= app->matrix.rows || qr == r) &&
          (c >= app->matrix.cols || l->questions[q].pillar == c) && App_filterMatch(app, q))
         return true;
   }
   return false;
}

/* "▲2 ◆1" in their colours; returns the columns drawn. */
static int drawCounts(App *app, int y, int x, int width, const MatrixCell *cell, attr_t over)
{
   int used = 0;
   char num[32];

   for (int k = 0; k < 2; k++) {
      Risk r = k == 0 ? RISK_HIGH : RISK_MEDIUM;
      size_t n = k == 0 ? cell->high : cell->medium;
      attr_t a = over ? over : Theme_attr(&app->theme, Theme_riskRole(r));
      if (n == 0)
         continue;
      if (used)
         used += Text_draw(stdscr, y, x + used, width - used, " ", over);
      used += Text_draw(stdscr, y, x + used, width - used, Theme_riskGlyph(&app->theme, r), a);
      snprintf(num, sizeof num, "%zu", n);
      used += Text_draw(stdscr, y, x + used, width - used, num, a);
   }
   return used;
}

static void drawCell(App *app, const DashLayout *d, int y, int x, int w, size_t r, size_t c)
{
   const MatrixCell *cell = cellAt(app, r, c);
   bool sel = r == app->row && c == app->col;
   attr_t a, over = 0;
   char buf[64];
   int used;

   if (sel) {
      over = Theme_attr(&app->theme, ROLE_SELECTED);
      Text_fill(stdscr, y, x, w - 1, over);
      if (d->row_h == 2)
         Text_fill(stdscr, y + 1, x, w - 1, over);
   }
   if (cell->total == 0)
      return; /* no questions: blank, never "no risk" */
   a = over ? over : Theme_attr(&app->theme, Theme_riskRole(cell->worst));
   if (!over && !cellMatches(app, r, c))
      a = Theme_attr(&app->theme, ROLE_DIM);
   used = Text_draw(stdscr, y, x, w - 1, Theme_riskGlyph(&app->theme, cell->worst), a);
   snprintf(buf, sizeof buf, " %zu/%zu", cell->answered, cell->total);
   used += Text_draw(stdscr, y, x + used, w - 1 - used, buf, a);
   if (cell->total < 2)
      return; /* one question: the glyph says it all */
   if (d->m.counts_inline && (cell->high || cell->medium)) {
      used += Text_draw(stdscr, y, x + used, w - 1 - used, " ", a);
      drawCounts(app, y, x + used, w - 1 - used, cell, over);
   } else if (d->row_h == 2) {
      drawCounts(app, y + 1, x, w - 1, cell, over);
   }
}

static void drawLabel(App *app, const DashLayout *d, int y, const char *label, bool sel)
{
   attr_t a = sel ? A_BOLD : A_NORMAL;
   int w = d->m.label_w - 1;
   size_t n, nl;
   wchar_t *ws = Text_cleanStr(label, 0, &n);
   TextLine *lines;

   if (d->row_h < 2) {
      Text_drawW(stdscr, y, d->m.x0, w, ws, n, a, true);
      free(ws);
      return;
   }
   nl = Text_wrap(ws, n, w, &lines);
   for (size_t i = 0; i < nl && i < 2; i++) {
      size_t len = i == 1 ? n - lines[1].start : lines[i].len; /* the rest, cut */
      Text_drawW(stdscr, y + (int)i, d->m.x0, w, ws + lines[i].start, len, a, true);
   }
   free(lines);
   free(ws);
}

static void drawSummary(App *app, const DashLayout *d)
{
   RiskCounts rc;
   static const Risk order[] = {RISK_HIGH, RISK_MEDIUM, RISK_NONE, RISK_NOT_APPLICABLE,
                                RISK_UNANSWERED};
   char *s;
   int x = 1, y = d->summary_y;

   Review_counts(&app->doc.review, &rc);
   s = xasprintf(_("Questions %zu/%zu answered"), rc.answered, rc.questions);
   x += Text_draw(stdscr, y, x, app->cols - x - 1, s, A_BOLD) + 3;
   free(s);
   for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
      char num[32];
      attr_t a = Theme_attr(&app->theme, Theme_riskRole(order[i]));
      x += Text_draw(stdscr, y, x, app->cols - x - 1, Theme_riskGlyph(&app->theme, order[i]), a);
      snprintf(num, sizeof num, " %zu", rc.by_risk[order[i]]);
      x += Text_draw(stdscr, y, x, app->cols - x - 1, num, a) + 2;
   }
   if (d->summary_h < 2)
      return;
   s = xasprintf(_("Practices %zu/%zu in place"), rc.practices_selected, rc.practices);
   x = 1 + Text_draw(stdscr, y + 1, 1, app->cols - 2, s, A_NORMAL) + 3;
   free(s);
   if (app->filter != FILTER_ALL) {
      s = xasprintf(_("filter: %s"), App_filterName(app->filter));
      x += Text_draw(stdscr, y + 1, x, app->cols - x - 1, s, Theme_attr(&app->theme, ROLE_NOTICE)) + 3;
      free(s);
   }
}

/* The selected cell in words. */
static void drawDetail(App *app, const DashLayout *d)
{
   const Lens *l = app->doc.lens;
   const Matrix *m = &app->matrix;
   const MatrixCell *cell = cellAt(app, app->row, app->col);
   const char *dot = Theme_glyph(&app->theme, GLYPH_DOT);
   char *where, *text;
   size_t n, nl;
   wchar_t *ws;
   TextLine *lines;
   int x;

   if (app->row < m->rows && app->col < m->cols)
      where = xasprintf("%s%s%s", l->pillars[app->col].name, dot, rowLabel(app, app->row));
   else if (app->col < m->cols)
      where = xasprintf(_("%s, all phases"), l->pillars[app->col].name);
   else if (app->row < m->rows)
      where = xasprintf(_("%s, all pillars"), rowLabel(app, app->row));
   else
      where = xstrdup(_("The whole lens"));
   if (cell->total == 0) {
      text = xasprintf(_("%s: no questions"), where);
   } else if (cell->total == 1) {
      size_t *qs;
      size_t k = 0, cnt;
      /* The one question of the cell, whatever the filter says. */
      Filter keep = app->filter;
      app->filter = FILTER_ALL;
      cnt = App_collect(app, app->row < m->rows && app->col < m->cols ? LIST_CELL
                             : app->col < m->cols                    ? LIST_COLUMN
                             : app->row < m->rows                    ? LIST_ROW
                                                                     : LIST_ALL,
                        app->row, app->col, &qs);
      app->filter = keep;
      if (cnt > 0)
         k = qs[0];
      free(qs);
      text = xasprintf("%s%s%s", where, Theme_glyph(&app->theme, GLYPH_DASH), l->questions[k].title);
   } else {
      text = xasprintf(_("%s: %zu questions, %zu answered"), where, cell->total, cell->answered);
   }
   x = 1 + Chrome_risk(app, d->detail_y, 1, app->cols - 2, cell->total ? cell->worst : RISK_UNANSWERED,
                       true) + 2;
   if (cell->total > 1 && (cell->high || cell->medium))
      x += drawCounts(app, d->detail_y, x, app->cols - x - 1, cell, 0) + 2;
   ws = Text_cleanStr(text, 0, &n);
   nl = Text_wrap(ws, n, app->cols - x - 1, &lines);
   for (size_t i = 0; i < nl && (int)i < d->detail_h; i++) {
      size_t len = (int)i == d->detail_h - 1 ? n - lines[i].start : lines[i].len;
      Text_drawW(stdscr, d->detail_y + (int)i, x, app->cols - x - 1, ws + lines[i].start, len,
                 A_NORMAL, true);
   }
   free(lines);
   free(ws);
   free(text);
   free(where);
}

void Dashboard_draw(App *app, int top, int height)
{
   DashLayout d;
   const Lens *l = app->doc.lens;
   const Matrix *m = &app->matrix;
   int x, y;
   size_t vis_cols, vis_rows;

   if (!app->have_doc)
      return;
   if (m->cols == 0 || l->n_questions == 0) {
      Text_draw(stdscr, top + 1, 1, app->cols - 2, _("This lens has no questions."), A_NORMAL);
      return;
   }
   layout(app, &d);
   vis_cols = d.m.visible_cols;
   vis_rows = d.visible_rows;
   if (app->col < m->cols)
      app->first_col = Layout_scroll(app->col, vis_cols, m->cols, app->first_col);
   if (app->row < m->rows)
      app->first_row = Layout_scroll(app->row, vis_rows, m->rows, app->first_row);
   /* Pillar names. */
   x = d.m.x0 + d.m.label_w;
   for (size_t c = app->first_col; c < m->cols && c < app->first_col + vis_cols; c++) {
      attr_t a = c == app->col ? A_BOLD | A_UNDERLINE : A_BOLD;
      Text_draw(stdscr, d.heads_y, x, d.m.cell_w - 1, l->pillars[c].name, a);
      x += d.m.cell_w;
   }
   if (hasTotalCol(app))
      Text_draw(stdscr, d.heads_y, x, d.m.total_w - 1, _("All"),
                app->col == m->cols ? A_BOLD | A_UNDERLINE : A_BOLD);
   if (app->first_col > 0)
      Text_draw(stdscr, d.heads_y, d.m.x0 + d.m.label_w - 2, 1,
                app->theme.utf8 ? "\xe2\x86\x90" : "<", A_DIM);
   if (app->first_col + vis_cols < m->cols)
      Text_draw(stdscr, d.heads_y, x - 1, 1, app->theme.utf8 ? "\xe2\x86\x92" : ">", A_DIM);
   /* Rows, then the totals row. */
   y = d.matrix_y;
   for (size_t r = app->first_row; r < m->rows && r < app->first_row + vis_rows; r++) {
      drawLabel(app, &d, y, rowLabel(app, r), r == app->row);
      x = d.m.x0 + d.m.label_w;
      for (size_t c = app->first_col; c < m->cols && c < app->first_col + vis_cols; c++) {
         drawCell(app, &d, y, x, d.m.cell_w, r, c);
         x += d.m.cell_w;
      }
      if (hasTotalCol(app))
         drawCell(app, &d, y, x, d.m.total_w, r, m->cols);
      y += d.row_h;
   }
   if (hasTotalRow(app) && d.totals_y >= 0) {
      drawLabel(app, &d, d.totals_y, _("All phases"), app->row == m->rows);
      x = d.m.x0 + d.m.label_w;
      for (size_t c = app->first_col; c < m->cols && c < app->first_col + vis_cols; c++) {
         drawCell(app, &d, d.totals_y, x, d.m.cell_w, m->rows, c);
         x += d.m.cell_w;
      }
      if (hasTotalCol(app))
         drawCell(app, &d, d.totals_y, x, d.m.total_w, m->rows, m->cols);
   }
   drawSummary(app, &d);
   drawDetail(app, &d);
   (void)top;
   (void)height;
}

Stale Dashboard_move(App *app, Move m)
{
   if (app->matrix.cols == 0)
      return STALE_NONE;
   size_t max_r = app->matrix.rows - (hasTotalRow(app) ? 0 : 1);
   size_t max_c = app->matrix.cols - (hasTotalCol(app) ? 0 : 1);
   size_t r = app->row, c = app->col;

   switch (m) {
   case MOVE_UP:
      r = r > 0 ? r - 1 : 0;
      break;
   case MOVE_DOWN:
      r = r < max_r ? r + 1 : max_r;
      break;
   case MOVE_LEFT:
      c = c > 0 ? c - 1 : 0;
      break;
   case MOVE_RIGHT:
      c = c < max_c ? c + 1 : max_c;
      break;
   case MOVE_HOME:
   case MOVE_PGUP:
      r = 0;
      break;
   case MOVE_END:
   case MOVE_PGDN:
      r = max_r;
      break;
   }
   if (r == app->row && c == app->col)
      return STALE_NONE;
   app->row = r;
   app->col = c;
   return STALE_BODY;
}

Stale Dashboard_open(App *app)
{
   const Matrix *m = &app->matrix;
   const MatrixCell *cell;

   if (m->cols == 0)
      return STALE_NONE;
   cell = cellAt(app, app->row, app->col);
   if (cell->total == 0) {
      App_message(app, ROLE_NOTICE, "%s", _("No questions in this cell"));
      return STALE_FOOTER;
   }
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
   return STALE_ALL;
}

Stale Dashboard_allQuestions(App *app, const char *arg)
{
   app->scope = LIST_ALL;
   app->list_cur = app->list_first = 0;
   List_refill(app);
   App_push(app, SCREEN_LIST);
   return STALE_ALL;
}

Stale Dashboard_click(App *app, int y, int x, bool again)
{
   DashLayout d;
   const Matrix *m = &app->matrix;
   size_t r, c;
   int cx;

   if (m->cols == 0)
      return STALE_NONE;
   layout(app, &d);
   if (d.totals_y >= 0 && y >= d.totals_y && y < d.totals_y + d.row_h)
      r = m->rows;
   else if (y >= d.matrix_y && y < d.matrix_y + (int)d.visible_rows * d.row_h)
      r = app->first_row + (size_t)((y - d.matrix_y) / d.row_h);
   else
      return STALE_NONE;
   cx = x - d.m.x0 - d.m.label_w;
   if (cx < 0)
      return STALE_NONE;
   c = app->first_col + (size_t)(cx / d.m.cell_w);
   if ((size_t)(cx / d.m.cell_w) >= d.m.visible_cols || c >= m->cols)
      c = hasTotalCol(app) ? m->cols : m->cols - 1;
   if (r >= m->rows && !hasTotalRow(app))
      return STALE_NONE;
   if ((r == app->row && c == app->col) || again)
      return Dashboard_open(app);
   app->row = r;
   app->col = c;
   return STALE_BODY;
}
