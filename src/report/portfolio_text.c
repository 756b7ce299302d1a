/* portfolio_text.c: the portfolio for a printer, laid out like the report
 * of one workload (report_text.c): lines no wider than the width, pages of
 * page_length lines with a two-line header and a two-line footer ("page N
 * of M"), a form feed in place of the last newline of every page but the
 * last.  Every name and title is cleaned (Rtext_clean) before it is cut or
 * wrapped, and every line is cleaned once more on its way out. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/portfolio.h"
#include "report/rtext.h"

enum { HEADER_LINES = 2, FOOTER_LINES = 2, CELL_WIDTH = 9, PHASE_WIDTH = 18 };

typedef struct Lines {
   char **l;
   size_t *keep; /* per line: how many lines from it stay on one page (0: no rule) */
   size_t n, cap, cap_keep;
   size_t width;
} Lines;

static void add(Lines *t, char *line) /* takes line */
{
   t->l = xgrow(t->l, &t->cap, t->n + 1, sizeof *t->l);
   t->keep = xgrow(t->keep, &t->cap_keep, t->n + 1, sizeof *t->keep);
   t->keep[t->n] = 0;
   t->l[t->n++] = line;
}

/* The lines added since line `from` stay on one page when they fit. */
static void keepFrom(Lines *t, size_t from)
{
   if (from < t->n)
      t->keep[from] = t->n - from;
}

/* s wrapped to the width after indent spaces (lens and user text cleaned). */
static void addWrapped(Lines *t, const char *s, size_t indent)
{
   char **w;
   size_t n;
   Rtext_wrap(s, t->width > indent ? t->width - indent : 1, &w, &n);
   for (size_t i = 0; i < n; i++) {
      add(t, xasprintf("%*s%s", (int)indent, "", w[i]));
   }
   Rtext_freeLines(w, n);
}

/* s wrapped after prefix, its further lines indented as wide as prefix. */
static void addHanging(Lines *t, const char *prefix, const char *s)
{
   char **w;
   size_t n, indent = strlen(prefix);
   Rtext_wrap(s, t->width > indent ? t->width - indent : 1, &w, &n);
   for (size_t i = 0; i < n; i++)
      add(t, xasprintf("%s%s", i ? "" : prefix, w[i]));
   for (size_t i = 1; i < n; i++) {
      char *l = t->l[t->n - n + i];
      t->l[t->n - n + i] = xasprintf("%*s%s", (int)indent, "", l);
      free(l);
   }
   Rtext_freeLines(w, n);
}

/* s cleaned to one line, cut to width columns, padded to exactly width. */
static void cell(Sbuf *b, const char *s, size_t width, bool right)
{
   char *clean = Rtext_clean(s, true);
   char *cut = Rtext_cut(clean, width);
   size_t pad = width - Rtext_width(cut);
   if (right)
      Sbuf_repeat(b, " ", pad);
   Sbuf_add(b, cut);
   if (!right)
      Sbuf_repeat(b, " ", pad);
   free(cut);
   free(clean);
}

static void heading(Lines *t, const char *s)
{
   add(t, xstrdup(""));
   size_t from = t->n;
   addWrapped(t, s, 0);
   char *clean = Rtext_clean(s, true);
   size_t w = Rtext_width(clean);
   free(clean);
   Sbuf u = {0};
   Sbuf_repeat(&u, "=", w < t->width ? w : t->width);
   add(t, Sbuf_take(&u));
   t->keep[from] = t->n - from + 2; /* never the last lines of a page */
}

static void matrixSection(const PortfolioLens *g, Lines *t)
{
   heading(t, _("Heat-map by phase and pillar"));
   addWrapped(t,
              _("Each cell: workloads with a HIGH risk there / with a MEDIUM risk / with "
                "a question not answered; '-' where the lens has no question."),
              0);
   add(t, xstrdup(""));
   size_t first = g->lens->n_phases ? PHASE_WIDTH : 0;
   if (first + g->cols * (CELL_WIDTH + 1) > t->width) {
      /* Too narrow for a table: one line per cell. */
      for (size_t r = 0; r < g->rows; r++)
         for (size_t c = 0; c < g->cols; c++) {
            const PortfolioCell *pc = &g->cells[r * g->cols + c];
            if (!pc->questions)
               continue;
            char *s = xasprintf(_("%s%s%s: HIGH %zu, MEDIUM %zu, not answered %zu"),
                                Portfolio_phaseName(g, r), g->lens->n_phases ? " / " : "",
                                g->lens->pillars[c].name, pc->high, pc->medium, pc->unanswered);
            addWrapped(t, s, 0);
            free(s);
         }
      return;
   }
   Sbuf b = {0};
   size_t from = t->n;
   if (first)
      cell(&b, _("Phase"), first, false);
   for (size_t c = 0; c < g->cols; c++) {
      Sbuf_add(&b, " ");
      cell(&b, g->lens->pillars[c].name, CELL_WIDTH, true);
   }
   add(t, Sbuf_take(&b));
   for (size_t r = 0; r < g->rows; r++) {
      if (first)
         cell(&b, Portfolio_phaseName(g, r), first, false);
      for (size_t c = 0; c < g->cols; c++) {
         const PortfolioCell *pc = &g->cells[r * g->cols + c];
         char *s = pc->questions ? xasprintf("%zu/%zu/%zu", pc->high, pc->medium, pc->unanswered)
                                 : xstrdup("-");
         Sbuf_add(&b, " ");
         cell(&b, s, CELL_WIDTH, true);
         free(s);
      }
      add(t, Sbuf_take(&b));
   }
   keepFrom(t, from);
}

static void practiceSection(const PortfolioLens *g, Lines *t)
{
   heading(t, _("Practices most often missing"));
   if (!g->n_top) {
      addWrapped(t, _("No workload misses a practice where its question is at risk."), 0);
      return;
   }
   for (size_t i = 0; i < g->n_top; i++) {
      const PortfolioPractice *pp = &g->top[i];
      const Question *q = &g->lens->questions[pp->question];
      const Choice *c = &q->choices[pp->choice];
      char *s = xasprintf(ngettext("%s (%s/%s): missing in %zu workload where the question is "
                                   "HIGH or MEDIUM (%zu HIGH). Question: %s",
                                   "%s (%s/%s): missing in %zu workloads where the question is "
                                   "HIGH or MEDIUM (%zu HIGH). Question: %s",
                                   pp->count),
                          c->title, q->id, c->id, pp->count, pp->high, q->title);
      char num[32];
      snprintf(num, sizeof num, "%2zu. ", i + 1);
      size_t from = t->n;
      addHanging(t, num, s);
      keepFrom(t, from);
      free(s);
   }
}

static void workloadSection(const Portfolio *p, const PortfolioLens *g, Lines *t)
{
   heading(t, _("Workloads"));
   for (size_t i = 0; i < g->n_wl; i++) {
      const PortfolioRow *r = &g->wl[i];
      char *name = Portfolio_rowName(p, r);
      char *clean = Rtext_clean(name, true);
      add(t, xstrdup(""));
      size_t from = t->n;
      addWrapped(t, clean, 0);
      Sbuf b = {0};
      Sbuf_printf(&b, _("HIGH %zu, MEDIUM %zu, answered %u%% (%zu of %zu)."), r->by_risk[RISK_HIGH],
                  r->by_risk[RISK_MEDIUM], Portfolio_percent(r->answered, r->questions),
                  r->answered, r->questions);
      Sbuf_printf(&b, _(" Last change %s by %s."), r->last_at, r->last_by);
      Sbuf_printf(&b, _(" Plan: %zu open, %zu in progress, %zu done, %zu overdue."), r->plan_open,
                  r->plan_in_progress, r->plan_done, r->plan_overdue);
      if (r->milestone)
         Sbuf_printf(&b, _(" Latest milestone: %s (%.10s)."), r->milestone, r->milestone_at);
      if (r->environment)
         Sbuf_printf(&b, _(" Environment: %s."), r->environment);
      if (r->owner)
         Sbuf_printf(&b, _(" Owner: %s."), r->owner);
      if (r->archived)
         Sbuf_add(&b, _(" Archived."));
      addWrapped(t, b.s, 2);
      keepFrom(t, from);
      free(b.s);
      free(clean);
      free(name);
   }
}

static void trendSection(const PortfolioLens *g, Lines *t)
{
   heading(t, _("Trend at each month's end, from milestones"));
   if (!g->n_trend) {
      addWrapped(t, _("No workload has a milestone yet."), 0);
      return;
   }
   const char *head[] = {_("Month"), _("Workloads"), _("HIGH"), _("MEDIUM"), _("Answered")};
   size_t w[] = {8, 10, 8, 8, 10};
   Sbuf b = {0};
   for (size_t k = 0; k < 5; k++) {
      if (k)
         Sbuf_add(&b, " ");
      cell(&b, head[k], w[k], k > 0);
   }
   add(t, Sbuf_take(&b));
   for (size_t i = 0; i < g->n_trend; i++) {
      const PortfolioMonth *m = &g->trend[i];
      char num[4][32];
      snprintf(num[0], sizeof num[0], "%zu", m->workloads);
      snprintf(num[1], sizeof num[1], "%zu", m->by_risk[RISK_HIGH]);
      snprintf(num[2], sizeof num[2], "%zu", m->by_risk[RISK_MEDIUM]);
      snprintf(num[3], sizeof num[3], "%zu", m->questions - m->by_risk[RISK_UNANSWERED]);
      cell(&b, m->month, w[0], false);
      for (size_t k = 0; k < 4; k++) {
         Sbuf_add(&b, " ");
         cell(&b, num[k], w[k + 1], true);
      }
      add(t, Sbuf_take(&b));
   }
}

static void body(const Portfolio *p, Lines *t)
{
   size_t n = 0;
   for (size_t i = 0; i < p->n_lenses; i++)
      n += p->lenses[i].n_wl;
   char *s = Portfolio_countLine(p);
   addWrapped(t, s, 0);
   free(s);
   if (p->n_dbs > 1)
      for (size_t i = 0; i < p->n_dbs; i++) {
         s = xasprintf(_("Database: %s"), p->dbs[i]);
         addWrapped(t, s, 0);
         free(s);
      }
   if (!n)
      addWrapped(t, _("No workload matches."), 0);
   for (size_t i = 0; i < p->n_lenses; i++) {
      const PortfolioLens *g = &p->lenses[i];
      char *title = Portfolio_lensTitle(g);
      s = xasprintf(ngettext("Lens %s: %zu workload", "Lens %s: %zu workloads", g->n_wl), title,
                    g->n_wl);
      heading(t, s);
      free(s);
      free(title);
      matrixSection(g, t);
      practiceSection(g, t);
      workloadSection(p, g, t);
      trendSection(g, t);
   }
}

bool PortfolioText_write(const Portfolio *p, const ReportOptions *o, FILE *f)
{
   Lines t = {.width = o->width ? o->width : REPORT_DEFAULT_WIDTH};
   size_t length = o->page_length ? o->page_length : REPORT_DEFAULT_PAGE_LENGTH;
   size_t lines_a_page = length - HEADER_LINES - FOOTER_LINES;
   body(p, &t);
   /* Pages: no blank line at the top of a page. */
   size_t *start = xcalloc(t.n + 2, sizeof *start), pages = 0, used = lines_a_page;
   for (size_t i = 0; i < t.n; i++) {
      if (t.keep[i] && t.keep[i] <= lines_a_page && used + t.keep[i] > lines_a_page)
         used = lines_a_page; /* a kept block that does not fit starts a page */
      if (used == lines_a_page) {
         if (!*t.l[i])
            continue;
         start[pages++] = i;
         used = 0;
      }
      used++;
   }
   if (!pages)
      start[pages++] = t.n;
   start[pages] = t.n;
   Sbuf rule = {0};
   Sbuf_repeat(&rule, "-", t.width);
   bool ok = true;
   for (size_t pg = 0; pg < pages && ok; pg++) {
      char *head = Rtext_sides(_("Well-Architected portfolio"), p->date, t.width);
      char *num = xasprintf(_("page %zu of %zu"), pg + 1, pages);
      char *who = xasprintf(_("portfolio of %s"), p->date);
      char *foot = Rtext_sides(who, num, t.width);
      free(who);
      ok = Rtext_putLine(f, head, "\n") && Rtext_putLine(f, rule.s, "\n");
      size_t k = start[pg], shown = 0;
      for (; shown < lines_a_page && ok; shown++) {
         while (k < start[pg + 1] && shown == 0 && !*t.l[k])
            k++;
         ok = Rtext_putLine(f, k < start[pg + 1] ? t.l[k] : "", "\n");
         if (k < start[pg + 1])
            k++;
      }
      if (ok)
         ok =
            Rtext_putLine(f, rule.s, "\n") && Rtext_putLine(f, foot, pg + 1 < pages ? "\f" : "\n");
      free(head);
      free(num);
      free(foot);
   }
   free(rule.s);
   free(start);
   for (size_t i = 0; i < t.n; i++)
      free(t.l[i]);
   free(t.l);
   free(t.keep);
   return ok && !ferror(f);
}
