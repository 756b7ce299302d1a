/* portfolio_out.c: the portfolio as Markdown, HTML and CSV.
 *
 * Markdown and HTML carry the same sections as the text (portfolio_text.c)
 * with every lens and user text escaped (Rtext_md, Rtext_html); the HTML
 * is one self-contained file whose Content-Security-Policy forbids
 * anything but its own style sheet, like the report of one workload.  The
 * CSV is one rectangular table, one row per workload, so that it loads in
 * a spreadsheet as is (columns: doc/report-csv.md); RFC 4180 quoting and
 * formula-safe fields come from Rtext_csv. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/portfolio.h"
#include "report/rtext.h"

static size_t totalWorkloads(const Portfolio *p)
{
   size_t n = 0;
   for (size_t i = 0; i < p->n_lenses; i++)
      n += p->lenses[i].n_wl;
   return n;
}

/* ---- Markdown ---- */

static void mdPut(Rout *o, const char *s)
{
   char *e = Rtext_md(s ? s : "", true);
   Rout_put(o, "%s", e);
   free(e);
}

static void mdMatrix(const PortfolioLens *g, Rout *o)
{
   Rout_put(o, "\n### ");
   mdPut(o, _("Heat-map by phase and pillar"));
   Rout_put(o, "\n\n");
   mdPut(o, _("Each cell: workloads with a HIGH risk there / with a MEDIUM risk / with a "
              "question not answered; '-' where the lens has no question."));
   Rout_put(o, "\n\n|");
   if (g->lens->n_phases) {
      Rout_put(o, " ");
      mdPut(o, _("Phase"));
      Rout_put(o, " |");
   }
   for (size_t c = 0; c < g->cols; c++) {
      Rout_put(o, " ");
      mdPut(o, g->lens->pillars[c].name);
      Rout_put(o, " |");
   }
   Rout_put(o, "\n|%s", g->lens->n_phases ? " --- |" : "");
   for (size_t c = 0; c < g->cols; c++)
      Rout_put(o, " ---: |");
   Rout_put(o, "\n");
   for (size_t r = 0; r < g->rows; r++) {
      Rout_put(o, "|");
      if (g->lens->n_phases) {
         Rout_put(o, " ");
         mdPut(o, Portfolio_phaseName(g, r));
         Rout_put(o, " |");
      }
      for (size_t c = 0; c < g->cols; c++) {
         const PortfolioCell *pc = &g->cells[r * g->cols + c];
         if (pc->questions)
            Rout_put(o, " %zu/%zu/%zu |", pc->high, pc->medium, pc->unanswered);
         else
            Rout_put(o, " - |");
      }
      Rout_put(o, "\n");
   }
}

static void mdPractices(const PortfolioLens *g, Rout *o)
{
   Rout_put(o, "\n### ");
   mdPut(o, _("Practices most often missing"));
   Rout_put(o, "\n\n");
   if (!g->n_top) {
      mdPut(o, _("No workload misses a practice where its question is at risk."));
      Rout_put(o, "\n");
      return;
   }
   Rout_put(o, "| # | ");
   mdPut(o, _("Practice"));
   Rout_put(o, " | ");
   mdPut(o, _("Question"));
   Rout_put(o, " | ");
   mdPut(o, _("Workloads"));
   Rout_put(o, " | ");
   mdPut(o, _("HIGH"));
   Rout_put(o, " |\n| ---: | --- | --- | ---: | ---: |\n");
   for (size_t i = 0; i < g->n_top; i++) {
      const PortfolioPractice *pp = &g->top[i];
      const Question *q = &g->lens->questions[pp->question];
      const Choice *c = &q->choices[pp->choice];
      char *key = xasprintf("%s/%s", q->id, c->id);
      Rout_put(o, "| %zu | ", i + 1);
      mdPut(o, c->title);
      Rout_put(o, " (");
      mdPut(o, key);
      Rout_put(o, ") | ");
      mdPut(o, q->title);
      Rout_put(o, " | %zu | %zu |\n", pp->count, pp->high);
      free(key);
   }
}

static void mdWorkloads(const Portfolio *p, const PortfolioLens *g, Rout *o)
{
   static const char *const head[] = {
      N_("Workload"),        N_("HIGH"), N_("MEDIUM"),      N_("Answered"), N_("Last change"),
      N_("Changed by"),      N_("Open"), N_("In progress"), N_("Done"),     N_("Overdue"),
      N_("Latest milestone")};
   Rout_put(o, "\n### ");
   mdPut(o, _("Workloads"));
   Rout_put(o, "\n\n|");
   for (size_t k = 0; k < sizeof head / sizeof *head; k++) {
      Rout_put(o, " ");
      mdPut(o, _(head[k]));
      Rout_put(o, " |");
   }
   Rout_put(o, "\n| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | --- |\n");
   for (size_t i = 0; i < g->n_wl; i++) {
      const PortfolioRow *r = &g->wl[i];
      char *name = Portfolio_rowName(p, r);
      Rout_put(o, "| ");
      mdPut(o, name);
      if (r->archived) {
         Rout_put(o, " ");
         mdPut(o, _("(archived)"));
      }
      Rout_put(o, " | %zu | %zu | %u%% | ", r->by_risk[RISK_HIGH], r->by_risk[RISK_MEDIUM],
               Portfolio_percent(r->answered, r->questions));
      mdPut(o, r->last_at);
      Rout_put(o, " | ");
      mdPut(o, r->last_by);
      Rout_put(o, " | %zu | %zu | %zu | %zu | ", r->plan_open, r->plan_in_progress, r->plan_done,
               r->plan_overdue);
      if (r->milestone) {
         char *m = xasprintf("%s (%.10s)", r->milestone, r->milestone_at);
         mdPut(o, m);
         free(m);
      }
      Rout_put(o, " |\n");
      free(name);
   }
}

static void mdTrend(const PortfolioLens *g, Rout *o)
{
   Rout_put(o, "\n### ");
   mdPut(o, _("Trend at each month's end, from milestones"));
   Rout_put(o, "\n\n");
   if (!g->n_trend) {
      mdPut(o, _("No workload has a milestone yet."));
      Rout_put(o, "\n");
      return;
   }
   Rout_put(o, "| ");
   mdPut(o, _("Month"));
   Rout_put(o, " | ");
   mdPut(o, _("Workloads"));
   Rout_put(o, " | ");
   mdPut(o, _("HIGH"));
   Rout_put(o, " | ");
   mdPut(o, _("MEDIUM"));
   Rout_put(o, " | ");
   mdPut(o, _("Answered"));
   Rout_put(o, " |\n| --- | ---: | ---: | ---: | ---: |\n");
   for (size_t i = 0; i < g->n_trend; i++) {
      const PortfolioMonth *m = &g->trend[i];
      Rout_put(o, "| %s | %zu | %zu | %zu | %zu |\n", m->month, m->workloads, m->by_risk[RISK_HIGH],
               m->by_risk[RISK_MEDIUM], m->questions - m->by_risk[RISK_UNANSWERED]);
   }
}

bool PortfolioMd_write(const Portfolio *p, FILE *f)
{
   Rout o = {f, true};
   size_t n = totalWorkloads(p);
   Rout_put(&o, "# ");
   mdPut(&o, _("Well-Architected portfolio"));
   Rout_put(&o, "\n\n");
   char *s = Portfolio_countLine(p);
   mdPut(&o, s);
   free(s);
   Rout_put(&o, "\\\n");
   s = xasprintf(_("Report date: %s"), p->date);
   mdPut(&o, s);
   free(s);
   Rout_put(&o, "\n");
   if (p->n_dbs > 1) {
      Rout_put(&o, "\n");
      for (size_t i = 0; i < p->n_dbs; i++) {
         Rout_put(&o, "- ");
         s = xasprintf(_("Database: %s"), p->dbs[i]);
         mdPut(&o, s);
         free(s);
         Rout_put(&o, "\n");
      }
   }
   if (!n) {
      Rout_put(&o, "\n");
      mdPut(&o, _("No workload matches."));
      Rout_put(&o, "\n");
   }
   for (size_t i = 0; i < p->n_lenses; i++) {
      const PortfolioLens *g = &p->lenses[i];
      char *title = Portfolio_lensTitle(g);
      s = xasprintf(ngettext("Lens %s: %zu workload", "Lens %s: %zu workloads", g->n_wl), title,
                    g->n_wl);
      Rout_put(&o, "\n## ");
      mdPut(&o, s);
      Rout_put(&o, "\n");
      free(s);
      free(title);
      mdMatrix(g, &o);
      mdPractices(g, &o);
      mdWorkloads(p, g, &o);
      mdTrend(g, &o);
   }
   return o.ok && !ferror(f);
}

/* ---- HTML ---- */

static const char css[] =
   "@page { size: A4 landscape; margin: 12mm; }\n"
   "* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
   "html { font: 10pt/1.35 \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #111;"
   " background: #fff; overflow-wrap: break-word; }\n"
   "body { margin: 0 auto; max-width: 80rem; padding: 1rem; }\n"
   "h1 { font-size: 17pt; margin: 0 0 .6em; }\n"
   "h2 { font-size: 13.5pt; margin: 1.2em 0 .5em; border-bottom: 1.5pt solid #111; }\n"
   "h3 { font-size: 11pt; margin: 1em 0 .4em; }\n"
   "h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
   "section.lens { break-before: page; page-break-before: always; }\n"
   "table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: 9pt; }\n"
   "thead { display: table-header-group; }\n"
   "tr { break-inside: avoid; page-break-inside: avoid; }\n"
   "th, td { border: .75pt solid #555; padding: 2pt 4pt; vertical-align: top; text-align: left;"
   " overflow-wrap: anywhere; }\n"
   "th { background: #e8e8e8; }\n"
   "td.num, th.num { text-align: right; }\n"
   "td.high { background: #8b0000; color: #fff; font-weight: bold; }\n"
   "td.medium { background: #e8a200; color: #000; }\n"
   "td.empty { color: #777; }\n"
   ".muted { color: #444; font-size: 9pt; }\n";

static void hPut(Rout *o, const char *s)
{
   char *e = Rtext_html(s ? s : "", true);
   Rout_put(o, "%s", e);
   free(e);
}

static void hTag(Rout *o, const char *open, const char *s, const char *close)
{
   Rout_put(o, "%s", open);
   hPut(o, s);
   Rout_put(o, "%s", close);
}

static void hMatrix(const PortfolioLens *g, Rout *o)
{
   hTag(o, "<h3>", _("Heat-map by phase and pillar"), "</h3>\n");
   hTag(o, "<p class=\"muted\">",
        _("Each cell: workloads with a HIGH risk there / with a MEDIUM risk / with a question "
          "not answered; '-' where the lens has no question."),
        "</p>\n");
   Rout_put(o, "<table class=\"matrix\">\n<thead><tr>");
   if (g->lens->n_phases)
      hTag(o, "<th scope=\"col\">", _("Phase"), "</th>");
   for (size_t c = 0; c < g->cols; c++)
      hTag(o, "<th scope=\"col\" class=\"num\">", g->lens->pillars[c].name, "</th>");
   Rout_put(o, "</tr></thead>\n<tbody>\n");
   for (size_t r = 0; r < g->rows; r++) {
      Rout_put(o, "<tr>");
      if (g->lens->n_phases)
         hTag(o, "<th scope=\"row\">", Portfolio_phaseName(g, r), "</th>");
      for (size_t c = 0; c < g->cols; c++) {
         const PortfolioCell *pc = &g->cells[r * g->cols + c];
         if (!pc->questions)
            Rout_put(o, "<td class=\"num empty\">-</td>");
         else
            Rout_put(o, "<td class=\"num%s\">%zu/%zu/%zu</td>",
                     pc->high     ? " high"
                     : pc->medium ? " medium"
                                  : "",
                     pc->high, pc->medium, pc->unanswered);
      }
      Rout_put(o, "</tr>\n");
   }
   Rout_put(o, "</tbody>\n</table>\n");
}

static void hPractices(const PortfolioLens *g, Rout *o)
{
   hTag(o, "<h3>", _("Practices most often missing"), "</h3>\n");
   if (!g->n_top) {
      hTag(o, "<p>", _("No workload misses a practice where its question is at risk."), "</p>\n");
      return;
   }
   Rout_put(o, "<table>\n<thead><tr><th class=\"num\">#</th>");
   hTag(o, "<th>", _("Practice"), "</th>");
   hTag(o, "<th>", _("Question"), "</th>");
   hTag(o, "<th class=\"num\">", _("Workloads"), "</th>");
   hTag(o, "<th class=\"num\">", _("HIGH"), "</th>");
   Rout_put(o, "</tr></thead>\n<tbody>\n");
   for (size_t i = 0; i < g->n_top; i++) {
      const PortfolioPractice *pp = &g->top[i];
      const Question *q = &g->lens->questions[pp->question];
      const Choice *c = &q->choices[pp->choice];
      char *key = xasprintf("%s/%s", q->id, c->id);
      Rout_put(o, "<tr><td class=\"num\">%zu</td><td>", i + 1);
      hPut(o, c->title);
      hTag(o, " <span class=\"muted\">", key, "</span>");
      hTag(o, "</td><td>", q->title, "</td>");
      Rout_put(o, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n", pp->count,
               pp->high);
      free(key);
   }
   Rout_put(o, "</tbody>\n</table>\n");
}

static void hWorkloads(const Portfolio *p, const PortfolioLens *g, Rout *o)
{
   static const char *const head[] = {
      N_("Workload"),        N_("HIGH"), N_("MEDIUM"),      N_("Answered"), N_("Last change"),
      N_("Changed by"),      N_("Open"), N_("In progress"), N_("Done"),     N_("Overdue"),
      N_("Latest milestone")};
   static const bool num[] = {false, true, true, true, false, false, true, true, true, true, false};
   hTag(o, "<h3>", _("Workloads"), "</h3>\n");
   Rout_put(o, "<table>\n<thead><tr>");
   for (size_t k = 0; k < sizeof head / sizeof *head; k++)
      hTag(o, num[k] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">", _(head[k]),
           "</th>");
   Rout_put(o, "</tr></thead>\n<tbody>\n");
   for (size_t i = 0; i < g->n_wl; i++) {
      const PortfolioRow *r = &g->wl[i];
      char *name = Portfolio_rowName(p, r);
      hTag(o, "<tr><th scope=\"row\">", name, "");
      if (r->archived)
         hTag(o, " <span class=\"muted\">", _("(archived)"), "</span>");
      Rout_put(o,
               "</th><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
               "<td class=\"num\">%u%%</td>",
               r->by_risk[RISK_HIGH], r->by_risk[RISK_MEDIUM],
               Portfolio_percent(r->answered, r->questions));
      hTag(o, "<td>", r->last_at, "</td>");
      hTag(o, "<td>", r->last_by, "</td>");
      Rout_put(o,
               "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
               "<td class=\"num\">%zu</td><td>",
               r->plan_open, r->plan_in_progress, r->plan_done, r->plan_overdue);
      if (r->milestone) {
         char *m = xasprintf("%s (%.10s)", r->milestone, r->milestone_at);
         hPut(o, m);
         free(m);
      }
      Rout_put(o, "</td></tr>\n");
      free(name);
   }
   Rout_put(o, "</tbody>\n</table>\n");
}

static void hTrend(const PortfolioLens *g, Rout *o)
{
   hTag(o, "<h3>", _("Trend at each month's end, from milestones"), "</h3>\n");
   if (!g->n_trend) {
      hTag(o, "<p>", _("No workload has a milestone yet."), "</p>\n");
      return;
   }
   Rout_put(o, "<table>\n<thead><tr>");
   hTag(o, "<th scope=\"col\">", _("Month"), "</th>");
   hTag(o, "<th scope=\"col\" class=\"num\">", _("Workloads"), "</th>");
   hTag(o, "<th scope=\"col\" class=\"num\">", _("HIGH"), "</th>");
   hTag(o, "<th scope=\"col\" class=\"num\">", _("MEDIUM"), "</th>");
   hTag(o, "<th scope=\"col\" class=\"num\">", _("Answered"), "</th>");
   Rout_put(o, "</tr></thead>\n<tbody>\n");
   for (size_t i = 0; i < g->n_trend; i++) {
      const PortfolioMonth *m = &g->trend[i];
      Rout_put(o,
               "<tr><td>%s</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
               "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
               m->month, m->workloads, m->by_risk[RISK_HIGH], m->by_risk[RISK_MEDIUM],
               m->questions - m->by_risk[RISK_UNANSWERED]);
   }
   Rout_put(o, "</tbody>\n</table>\n");
}

bool PortfolioHtml_write(const Portfolio *p, FILE *f)
{
   Rout o = {f, true};
   size_t n = totalWorkloads(p);
   const char *title = _("Well-Architected portfolio");
   Rout_put(&o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "style-src 'unsafe-inline'\">\n<meta name=\"generator\" content=\"walens\">\n"
                "<title>");
   hPut(&o, title);
   Rout_put(&o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
   hTag(&o, "<h1>", title, "</h1>\n<p>");
   char *s = Portfolio_countLine(p);
   hPut(&o, s);
   free(s);
   s = xasprintf(_("Report date: %s"), p->date);
   hTag(&o, "<br>", s, "</p>\n");
   free(s);
   if (p->n_dbs > 1) {
      Rout_put(&o, "<ul>\n");
      for (size_t i = 0; i < p->n_dbs; i++) {
         s = xasprintf(_("Database: %s"), p->dbs[i]);
         hTag(&o, "<li>", s, "</li>\n");
         free(s);
      }
      Rout_put(&o, "</ul>\n");
   }
   if (!n)
      hTag(&o, "<p>", _("No workload matches."), "</p>\n");
   for (size_t i = 0; i < p->n_lenses; i++) {
      const PortfolioLens *g = &p->lenses[i];
      char *lt = Portfolio_lensTitle(g);
      s = xasprintf(ngettext("Lens %s: %zu workload", "Lens %s: %zu workloads", g->n_wl), lt,
                    g->n_wl);
      Rout_put(&o, i ? "<section class=\"lens\">\n" : "<section>\n");
      hTag(&o, "<h2>", s, "</h2>\n");
      free(s);
      free(lt);
      hMatrix(g, &o);
      hPractices(g, &o);
      hWorkloads(p, g, &o);
      hTrend(g, &o);
      Rout_put(&o, "</section>\n");
   }
   Rout_put(&o, "</body>\n</html>\n");
   return o.ok && !ferror(f);
}

/* ---- CSV ---- */

static const char *const csvColumns[] = {"lens",
                                         "lens_version",
                                         "workload",
                                         "database",
                                         "environment",
                                         "owner",
                                         "archived",
                                         "high",
                                         "medium",
                                         "none",
                                         "not_applicable",
                                         "unanswered",
                                         "questions",
                                         "answered_percent",
                                         "last_changed_at",
                                         "last_changed_by",
                                         "plan_open",
                                         "plan_in_progress",
                                         "plan_done",
                                         "plan_overdue",
                                         "latest_milestone",
                                         "latest_milestone_at"};
#define NCOL (sizeof csvColumns / sizeof *csvColumns)

bool PortfolioCsv_write(const Portfolio *p, FILE *f)
{
   bool ok = Rtext_csvRecord(f, csvColumns, NCOL);
   for (size_t i = 0; i < p->n_lenses && ok; i++) {
      const PortfolioLens *g = &p->lenses[i];
      for (size_t j = 0; j < g->n_wl && ok; j++) {
         const PortfolioRow *r = &g->wl[j];
         char num[13][24];
         size_t vals[13] = {r->by_risk[RISK_HIGH],
                            r->by_risk[RISK_MEDIUM],
                            r->by_risk[RISK_NONE],
                            r->by_risk[RISK_NOT_APPLICABLE],
                            r->by_risk[RISK_UNANSWERED],
                            r->questions,
                            Portfolio_percent(r->answered, r->questions),
                            r->plan_open,
                            r->plan_in_progress,
                            r->plan_done,
                            r->plan_overdue,
                            0,
                            0};
         for (size_t k = 0; k < 11; k++)
            snprintf(num[k], sizeof num[k], "%zu", vals[k]);
         const char *fields[NCOL] = {g->lens->key,
                                     g->lens->version,
                                     r->name,
                                     p->dbs[r->db],
                                     r->environment,
                                     r->owner,
                                     r->archived ? "true" : "false",
                                     num[0],
                                     num[1],
                                     num[2],
                                     num[3],
                                     num[4],
                                     num[5],
                                     num[6],
                                     r->last_at,
                                     r->last_by,
                                     num[7],
                                     num[8],
                                     num[9],
                                     num[10],
                                     r->milestone,
                                     r->milestone_at};
         ok = Rtext_csvRecord(f, fields, NCOL);
      }
   }
   return ok && !ferror(f);
}
