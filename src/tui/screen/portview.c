/* portview.c: the portfolio on the workloads screen.  The matrix
 * (SCREEN_PORTFOLIO) shows, for the lens of the workload selected in the
 * list, how many workloads have a HIGH or MEDIUM risk in each phase x
 * pillar cell and how many have not answered it; Enter on a cell lists
 * those at risk there (SCREEN_PORTCELL), Enter on one opens it with the
 * dashboard's cursor on that cell.
 *
 * The model is report --all's (report/portfolio.h), read again each time
 * the matrix comes on top: one streaming pass over the database, the same
 * few queries at any number of workloads.  It stays in this file (static,
 * one session has one portfolio) until it is read again. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/portfolio.h"
#include "tui/lib/layout.h"
#include "tui/lib/wtext.h"
#include "tui/screens.h"
#include "tui/text.h"

enum { PF_HEAD = 3, PHASE_W = 18, CELL_W = 9 };

static struct {
   bool loaded;
   Portfolio p;
   size_t group;    /* the lens shown */
   char *chosen;    /* owned: the title of the lens picked with Tab, or NULL */
   size_t row, col; /* the cursor on the matrix */
   size_t *at;      /* the rows at risk in the cell, by risk then name */
   size_t n_at, cur, first;
} pf;

static const PortfolioLens *group(void)
{
   return pf.loaded && pf.group < pf.p.n_lenses ? &pf.p.lenses[pf.group] : NULL;
}

static void unload(void)
{
   if (pf.loaded)
      Portfolio_free(&pf.p);
   free(pf.at);
   pf.at = NULL;
   pf.n_at = pf.cur = pf.first = 0;
   pf.loaded = false;
}

/* The lens picked with Tab (kept while the matrix is read again), else the
 * group holding the workload selected in the list, else the first. */
static size_t groupOf(const App *app)
{
   for (size_t i = 0; pf.chosen && i < pf.p.n_lenses; i++) {
      char *t = Portfolio_lensTitle(&pf.p.lenses[i]);
      bool same = strcmp(t, pf.chosen) == 0;
      free(t);
      if (same)
         return i;
   }
   const char *name = app->wl_cur < app->n_wl ? app->wl[app->wl_cur].w.name : NULL;
   for (size_t i = 0; name && i < pf.p.n_lenses; i++)
      for (size_t j = 0; j < pf.p.lenses[i].n_wl; j++)
         if (strcmp(pf.p.lenses[i].wl[j].name, name) == 0)
            return i;
   return 0;
}

void PortView_shown(App *app)
{
   PortfolioFilter f = {.archived = app->show_archived};
   char *err = NULL;
   unload();
   Portfolio_init(&pf.p, &f);
   pf.p.keep_cells = true;
   if (Portfolio_add(&pf.p, app->store, Store_path(app->store), &err) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", err ? err : _("cannot read the portfolio"));
      free(err);
      Portfolio_free(&pf.p);
      return;
   }
   Portfolio_finish(&pf.p);
   pf.loaded = true;
   pf.group = groupOf(app);
   const PortfolioLens *g = group();
   if (g && (pf.row >= g->rows || pf.col >= g->cols))
      pf.row = pf.col = 0;
}

Stale PortView_toggle(App *app, const char *arg)
{
   (void)arg;
   if (App_screen(app) == SCREEN_WORKLOADS) {
      App_push(app, SCREEN_PORTFOLIO);
      return STALE_ALL;
   }
   while (app->depth > 1 && App_screen(app) != SCREEN_WORKLOADS)
      App_pop(app);
   unload();
   free(pf.chosen);
   pf.chosen = NULL;
   return STALE_ALL;
}

/* Workloads on different lenses are counted per lens: Tab shows the next. */
Stale PortView_nextLens(App *app, const char *arg)
{
   (void)arg;
   if (!pf.loaded || pf.p.n_lenses < 2) {
      App_message(app, ROLE_NOTICE, "%s", _("Every workload here is on the same lens"));
      return STALE_FOOTER;
   }
   pf.group = (pf.group + 1) % pf.p.n_lenses;
   free(pf.chosen);
   pf.chosen = Portfolio_lensTitle(group());
   const PortfolioLens *g = group();
   if (pf.row >= g->rows || pf.col >= g->cols)
      pf.row = pf.col = 0;
   return STALE_BODY;
}

/* z on the matrix: archived workloads in or out, the lens kept. */
Stale PortView_toggleArchived(App *app, const char *arg)
{
   (void)arg;
   if (!pf.chosen && group())
      pf.chosen = Portfolio_lensTitle(group());
   app->show_archived = !app->show_archived;
   App_loadWorkloads(app);
   PortView_shown(app);
   App_message(app, ROLE_NOTICE, "%s",
               app->show_archived ? _("Archived workloads are counted")
                                  : _("Archived workloads are left out"));
   return STALE_ALL;
}

static attr_t cellAttr(App *app, const PortfolioCell *c, bool cur)
{
   if (cur)
      return Theme_attr(&app->theme, ROLE_SELECTED);
   if (!c->questions)
      return Theme_attr(&app->theme, ROLE_DIM);
   if (c->high)
      return Theme_attr(&app->theme, ROLE_HIGH);
   return c->medium ? Theme_attr(&app->theme, ROLE_MEDIUM) : A_NORMAL;
}

static char *cellName(const PortfolioLens *g, size_t r, size_t c, const char *dot)
{
   const char *phase = Portfolio_phaseName(g, r);
   return *phase ? xasprintf("%s%s%s", g->lens->pillars[c].name, dot, phase)
                 : xstrdup(g->lens->pillars[c].name);
}

void PortView_draw(App *app, int top, int height)
{
   const PortfolioLens *g = group();
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);
   if (!g) {
      Text_draw(stdscr, top, 1, app->cols - 2,
                _("No workload to show (a adds one; M goes back to the list)."), A_NORMAL);
      return;
   }
   char *lt = Portfolio_lensTitle(g);
   char *head;
   if (pf.p.n_lenses > 1)
      /* Several lenses, a matrix each: which one this is (Tab: the next). */
      head = xasprintf(ngettext("Portfolio %zu/%zu: %s, %zu workload",
                                "Portfolio %zu/%zu: %s, %zu workloads", g->n_wl),
                       pf.group + 1, pf.p.n_lenses, lt, g->n_wl);
   else
      head =
         xasprintf(ngettext("Portfolio: %s, %zu workload", "Portfolio: %s, %zu workloads", g->n_wl),
                   lt, g->n_wl);
   Text_draw(stdscr, top, 1, app->cols - 2, head, Theme_attr(&app->theme, ROLE_TITLE));
   free(head);
   free(lt);
   /* The legend of the cells' three numbers: in short words where the
    * long ones would be cut (60 columns). */
   const char *legend =
      _("Workloads with a HIGH / MEDIUM risk / a question not answered in each cell");
   if (WText_widthStr(legend) > app->cols - 2)
      legend = _("Workloads per cell: HIGH / MEDIUM / not answered");
   Text_draw(stdscr, top + 1, 1, app->cols - 2, legend, dim);
   int first = g->lens->n_phases ? PHASE_W : 0, cw = CELL_W;
   if (g->cols && first + 1 + (int)g->cols * (cw + 1) > app->cols)
      cw = (app->cols - first - 2) / (int)g->cols - 1;
   /* Room to spare (a wide terminal): the phases' names whole. */
   for (size_t r = 0; first && r < g->rows; r++) {
      int w = WText_widthStr(Portfolio_phaseName(g, r)) + 1;
      if (w > first && 1 + w + (int)g->cols * (cw + 1) < app->cols)
         first = w;
   }
   cw = cw < 5 ? 5 : cw;
   int y = top + PF_HEAD - 1, x = 1 + first;
   if (first)
      Text_draw(stdscr, y, 1, first - 1, _("Phase"), dim);
   for (size_t c = 0; c < g->cols && x + cw < app->cols; c++, x += cw + 1)
      Text_drawName(stdscr, y, x + 1, cw, g->lens->pillars[c].name,
                    c == pf.col ? Theme_attr(&app->theme, ROLE_TITLE) : dim);
   for (size_t r = 0; r < g->rows && (int)r < height - PF_HEAD - 2; r++) {
      y = top + PF_HEAD + (int)r;
      if (first)
         Text_drawName(stdscr, y, 1, first - 1, Portfolio_phaseName(g, r),
                       r == pf.row ? Theme_attr(&app->theme, ROLE_TITLE) : A_NORMAL);
      x = 1 + first;
      for (size_t c = 0; c < g->cols && x + cw < app->cols; c++, x += cw + 1) {
         const PortfolioCell *pc = &g->cells[r * g->cols + c];
         bool cur = r == pf.row && c == pf.col;
         char buf[64];
         if (pc->questions)
            snprintf(buf, sizeof buf, "%zu/%zu/%zu", pc->high, pc->medium, pc->unanswered);
         else
            snprintf(buf, sizeof buf, "-");
         attr_t a = cellAttr(app, pc, cur);
         Text_fill(stdscr, y, x + 1, cw, a);
         int w = WText_widthStr(buf);
         Text_draw(stdscr, y, x + 1 + (w < cw ? cw - w : 0), cw, buf, a);
      }
   }
   const PortfolioCell *pc = &g->cells[pf.row * g->cols + pf.col];
   char *where = cellName(g, pf.row, pf.col, Theme_glyph(&app->theme, GLYPH_DOT));
   char *line = xasprintf(_("%s: HIGH %zu, MEDIUM %zu, not answered %zu"), where, pc->high,
                          pc->medium, pc->unanswered);
   /* The selected cell in words, on two lines where one would cut its
    * counts; the second is the body's last. */
   size_t n, nl, wl = strlen(where);
   if (WText_widthStr(line) > app->cols - 2 && strncmp(line, where, wl) == 0 &&
       strncmp(line + wl, ": ", 2) == 0)
      line[wl + 1] = '\n'; /* the cell, then its counts */
   wchar_t *ws = WText_cleanStr(line, TEXT_MULTILINE, &n);
   TextLine *tl;
   nl = WText_wrap(ws, n, app->cols - 2, &tl);
   int rows = nl > 1 ? 2 : 1;
   for (int i = 0; i < rows; i++)
      Text_drawW(stdscr, top + height - rows + i, 1, app->cols - 2, ws + tl[i].start,
                 i == rows - 1 ? n - tl[i].start : tl[i].len, A_NORMAL, true);
   free(tl);
   free(ws);
   free(line);
   free(where);
}

Stale PortView_move(App *app, Move m)
{
   const PortfolioLens *g = group();
   (void)app;
   if (!g || !g->cols)
      return STALE_NONE;
   size_t r = pf.row, c = pf.col;
   switch (m) {
   case MOVE_UP: r = r ? r - 1 : r; break;
   case MOVE_DOWN: r = r + 1 < g->rows ? r + 1 : r; break;
   case MOVE_LEFT: c = c ? c - 1 : c; break;
   case MOVE_RIGHT: c = c + 1 < g->cols ? c + 1 : c; break;
   case MOVE_HOME:
   case MOVE_PGUP: r = 0; break;
   case MOVE_END:
   case MOVE_PGDN: r = g->rows - 1; break;
   }
   if (r == pf.row && c == pf.col)
      return STALE_NONE;
   pf.row = r;
   pf.col = c;
   return STALE_BODY;
}

static const PortfolioLens *sortGroup;
static size_t sortCell;

static int atRisk(const void *a, const void *b)
{
   const PortfolioRow *x = &sortGroup->wl[*(const size_t *)a];
   const PortfolioRow *y = &sortGroup->wl[*(const size_t *)b];
   bool hx = x->cells[sortCell] & PORTFOLIO_CELL_HIGH,
        hy = y->cells[sortCell] & PORTFOLIO_CELL_HIGH;
   if (hx != hy)
      return hx ? -1 : 1;
   return strcmp(x->name, y->name);
}

Stale PortView_open(App *app)
{
   const PortfolioLens *g = group();
   if (!g || !g->cols)
      return STALE_NONE;
   size_t cell = pf.row * g->cols + pf.col;
   free(pf.at);
   pf.at = xcalloc(g->n_wl + 1, sizeof *pf.at);
   pf.n_at = pf.cur = pf.first = 0;
   for (size_t i = 0; i < g->n_wl; i++)
      if (g->wl[i].cells && (g->wl[i].cells[cell] & (PORTFOLIO_CELL_HIGH | PORTFOLIO_CELL_MEDIUM)))
         pf.at[pf.n_at++] = i;
   sortGroup = g;
   sortCell = cell;
   if (pf.n_at)
      qsort(pf.at, pf.n_at, sizeof *pf.at, atRisk);
   sortGroup = NULL;
   App_push(app, SCREEN_PORTCELL);
   return STALE_ALL;
}

/* ---- the workloads at risk in one cell ---- */

enum { PC_HEAD = 2 };

static size_t visibleAt(const App *app)
{
   int n = app->lines - 2 - PC_HEAD - 1;
   return n < 1 ? 1 : (size_t)n;
}

void PortView_cellDraw(App *app, int top, int height)
{
   const PortfolioLens *g = group();
   (void)height;
   if (!g)
      return;
   size_t cell = pf.row * g->cols + pf.col;
   char *where = cellName(g, pf.row, pf.col, Theme_glyph(&app->theme, GLYPH_DOT));
   char *head = xasprintf(
      ngettext("%s: %zu workload at risk", "%s: %zu workloads at risk", pf.n_at), where, pf.n_at);
   Text_draw(stdscr, top, 1, app->cols - 2, head, Theme_attr(&app->theme, ROLE_TITLE));
   free(head);
   free(where);
   if (!pf.n_at) {
      Text_draw(stdscr, top + PC_HEAD, 1, app->cols - 2,
                _("No workload has a HIGH or MEDIUM risk here."), A_NORMAL);
      return;
   }
   size_t vis = visibleAt(app);
   pf.first = Layout_scroll(pf.cur, vis, pf.n_at, pf.first);
   for (size_t i = pf.first; i < pf.n_at && i < pf.first + vis; i++) {
      const PortfolioRow *r = &g->wl[pf.at[i]];
      int y = top + PC_HEAD + (int)(i - pf.first);
      bool cur = i == pf.cur;
      attr_t base = cur ? Theme_attr(&app->theme, ROLE_SELECTED) : A_NORMAL;
      Risk risk = (r->cells[cell] & PORTFOLIO_CELL_HIGH) ? RISK_HIGH : RISK_MEDIUM;
      Text_fill(stdscr, y, 0, app->cols, base);
      if (cur) {
         Text_draw(stdscr, y, 0, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), base);
         Text_draw(stdscr, y, 1, 2, Theme_riskGlyph(&app->theme, risk), base);
         Text_draw(stdscr, y, 3, 9, Theme_riskWord(risk), base);
      } else {
         Chrome_risk(app, y, 1, 12, risk, true);
      }
      char *name = Portfolio_rowName(&pf.p, r);
      Text_draw(stdscr, y, 14, app->cols - 14 - 32, name, base);
      free(name);
      char *counts =
         xasprintf(_("HIGH %zu  MEDIUM %zu  %3u%% answered"), r->by_risk[RISK_HIGH],
                   r->by_risk[RISK_MEDIUM], Portfolio_percent(r->answered, r->questions));
      int w = WText_widthStr(counts);
      Text_draw(stdscr, y, app->cols - 1 - w, w, counts, base);
      free(counts);
   }
}

Stale PortView_cellMove(App *app, Move m)
{
   return Layout_moveCursor(&pf.cur, pf.n_at, visibleAt(app), m) ? STALE_BODY : STALE_NONE;
}

Stale PortView_cellOpen(App *app)
{
   const PortfolioLens *g = group();
   char *err = NULL;
   if (!g || pf.cur >= pf.n_at)
      return STALE_NONE;
   char *name = xstrdup(g->wl[pf.at[pf.cur]].name);
   size_t row = pf.row, col = pf.col;
   if (!App_openWorkload(app, name, &err)) {
      App_message(app, ROLE_ERROR, "%s", err ? err : _("cannot open the workload"));
      free(err);
      free(name);
      return STALE_FOOTER;
   }
   free(err);
   free(name);
   /* The dashboard's cursor on the cell the workload was picked from. */
   if (row < app->matrix.rows && col < app->matrix.cols) {
      app->row = row;
      app->col = col;
   }
   unload();
   return STALE_ALL;
}
