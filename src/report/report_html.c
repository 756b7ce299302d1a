/* report_html.c: the report as one self-contained HTML file.
 *
 * No scripts and no external assets: the style sheet is inline, and a
 * Content-Security-Policy forbids everything else, should an escaping bug
 * ever let markup through.  Every lens and user text goes through
 * Rtext_html.  The print style sheet sets the page, starts the plan and the
 * questions on new pages, repeats table headers on every page, keeps table
 * rows and plan items whole, wraps long words and URLs instead of cutting
 * them at the right edge, and uses risk colours that stay distinct in
 * greyscale (dark, mid, light, white) next to a word that says the same. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/rtext.h"
#include "report/writers.h"

static const char css[] =
   "@page { size: A4; margin: 15mm 14mm 16mm 14mm; }\n"
   "* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
   "html { font: 10pt/1.35 \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #111;"
   " background: #fff; overflow-wrap: break-word; }\n"
   "body { margin: 0 auto; max-width: 62rem; padding: 1rem; }\n"
   "h1 { font-size: 17pt; margin: 0 0 .6em; }\n"
   "h2 { font-size: 13.5pt; margin: 1.2em 0 .5em; border-bottom: 1.5pt solid #111; }\n"
   "h3 { font-size: 11pt; margin: 1em 0 .4em; break-after: avoid; page-break-after: avoid; }\n"
   "h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
   "p { margin: .3em 0; }\n"
   "section.newpage { break-before: page; page-break-before: always; }\n"
   "table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }\n"
   "table.fixed { table-layout: fixed; }\n"
   "thead { display: table-header-group; }\n"
   "tr, .item, .question { break-inside: avoid; page-break-inside: avoid; }\n"
   "th, td { border: .75pt solid #555; padding: 2pt 4pt; vertical-align: top; text-align: left;"
   " overflow-wrap: break-word; word-wrap: break-word; }\n"
   "table.fixed th, table.fixed td { overflow-wrap: anywhere; }\n"
   "th { background: #e8e8e8; }\n"
   "td.num, th.num { text-align: right; }\n"
   "table.facts th { width: 10em; }\n"
   "table.matrix { font-size: 9pt; }\n"
   "table.plan { font-size: 9pt; }\n"
   "table.matrix td { text-align: center; }\n"
   ".risk-HIGH { background: #8b0000; color: #fff; font-weight: bold; }\n"
   ".risk-MEDIUM { background: #e8a200; color: #000; }\n"
   ".risk-NONE { background: #dff0df; color: #000; }\n"
   ".risk-NOT_APPLICABLE { background: #fff; color: #333; font-style: italic; }\n"
   ".risk-UNANSWERED { background: #fff; color: #333; border-style: dashed; }\n"
   ".empty { background: #fff; color: #777; }\n"
   ".tag { display: inline-block; padding: 0 3pt; border: .75pt solid #555; font-size: 8.5pt; }\n"
   ".item { margin: 0 0 .7em; }\n"
   ".muted { color: #444; font-size: 9pt; }\n"
   "ul.choices { list-style: none; padding-left: 1em; margin: .2em 0; }\n"
   ".pre { white-space: pre-wrap; }\n"
   "a { color: #003a8c; overflow-wrap: anywhere; }\n"
   "@media print { body { max-width: none; padding: 0; } a { color: #000; } }\n";

/* Escaped text (newlines kept; shown by the .pre class where it matters). */
static void text(Rout *o, const char *s)
{
   char *e = Rtext_html(s ? s : "", false);
   Rout_put(o, "%s", e);
   free(e);
}

static void textf(Rout *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void textf(Rout *o, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   Sbuf s = {0};
   Sbuf_add(&s, "");
   Sbuf_vprintf(&s, fmt, ap);
   va_end(ap);
   text(o, s.s);
   free(s.s);
}

static bool httpUrl(const char *u)
{
   return u && (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0);
}

static void link(Rout *o, const char *url)
{
   char *e = Rtext_html(url, true);
   if (httpUrl(url))
      Rout_put(o, "<a href=\"%s\">%s</a>", e, e);
   else
      Rout_put(o, "%s", e);
   free(e);
}

static void workloadSection(const Report *r, Rout *o)
{
   ReportFact facts[REPORT_MAX_FACTS];
   size_t n = Report_facts(r, facts);
   Rout_put(o, "<table class=\"facts fixed\">\n");
   for (size_t i = 0; i < n; i++) {
      Rout_put(o, "<tr><th scope=\"row\">");
      text(o, facts[i].label);
      /* Free text keeps its line breaks; the milestone line has none. */
      Rout_put(o, facts[i].milestone ? "</th><td>" : "</th><td class=\"pre\">");
      text(o, facts[i].value);
      Rout_put(o, "</td></tr>\n");
   }
   Rout_put(o, "</table>\n");
   Report_freeFacts(facts, n);
}

static void summarySection(const Report *r, Rout *o)
{
   Rout_put(o, "<h2>");
   text(o, _("Summary"));
   Rout_put(o, "</h2>\n<ul>\n");
   char *lines[REPORT_SUMMARY_LINES];
   size_t n = Report_summary(r, lines);
   for (size_t i = 0; i < n; i++) {
      Rout_put(o, "<li>");
      text(o, lines[i]);
      Rout_put(o, "</li>\n");
      free(lines[i]);
   }
   Rout_put(o, "</ul>\n");
}

static void matrixSection(const Report *r, Rout *o)
{
   const Snapshot *s = &r->snap;
   if (r->cols == 0)
      return;
   Rout_put(o, "<h2>");
   text(o, _("Risk matrix: phase x pillar"));
   Rout_put(o, "</h2>\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\">");
   text(o, _("Phase"));
   Rout_put(o, "</th>");
   for (size_t c = 0; c < r->cols; c++) {
      Rout_put(o, "<th scope=\"col\">");
      text(o, s->pillars[c].name);
      Rout_put(o, "</th>");
   }
   Rout_put(o, "</tr></thead>\n<tbody>\n");
   for (size_t rw = 0; rw < r->rows; rw++) {
      Rout_put(o, "<tr><th scope=\"row\">");
      text(o, s->n_phases ? s->phases[rw].name : _("All questions"));
      Rout_put(o, "</th>");
      for (size_t c = 0; c < r->cols; c++) {
         const MatrixCell *cell = &r->cells[rw * r->cols + c];
         char *t = Report_cellText(cell);
         if (cell->total == 0) {
            Rout_put(o, "<td class=\"empty\">-</td>");
         } else {
            Risk worst = Report_cellWorst(cell);
            Rout_put(o, "<td class=\"risk-%s\">", Risk_name(worst));
            text(o, t);
            Rout_put(o, "<br><span class=\"tag\">");
            text(o, Report_riskLabel(worst));
            Rout_put(o, "</span></td>");
         }
         free(t);
      }
      Rout_put(o, "</tr>\n");
   }
   Rout_put(o, "</tbody>\n</table>\n<p class=\"muted\">");
   text(o, _("Each cell: questions answered/total; H, M: questions at high and medium risk. The "
             "colour and the word show the worst risk in the cell:"));
   static const Risk legend[] = {RISK_HIGH, RISK_MEDIUM, RISK_NONE, RISK_NOT_APPLICABLE,
                                 RISK_UNANSWERED};
   for (size_t i = 0; i < sizeof legend / sizeof *legend; i++) {
      Rout_put(o, " <span class=\"tag risk-%s\">", Risk_name(legend[i]));
      text(o, Report_riskLabel(legend[i]));
      Rout_put(o, "</span>");
   }
   Rout_put(o, "</p>\n");
}

static void headRow(Rout *o, const char *const *heads, const bool *right, size_t n)
{
   Rout_put(o, "<thead><tr>");
   for (size_t i = 0; i < n; i++) {
      Rout_put(o, "<th scope=\"col\"%s>", right[i] ? " class=\"num\"" : "");
      text(o, heads[i]);
      Rout_put(o, "</th>");
   }
   Rout_put(o, "</tr></thead>\n<tbody>\n");
}

static void numCell(Rout *o, size_t n)
{
   Rout_put(o, "<td class=\"num\">%zu</td>", n);
}

static void groupSection(const Report *r, Rout *o, const char *title, const char *what,
                         const SnapGroup *g, size_t n)
{
   if (n == 0)
      return;
   Rout_put(o, "<h2>");
   text(o, title);
   Rout_put(o, "</h2>\n<table>\n");
   const char *heads[] = {what,        _("Questions"), _("Answered"), _("High"),
                          _("Medium"), _("None"),      _("N/A"),      _("Plan items")};
   static const bool right[] = {false, true, true, true, true, true, true, true};
   headRow(o, heads, right, 8);
   for (size_t i = 0; i <= n; i++) {
      const SnapCounts *c = i < n ? &g[i].counts : &r->snap.total;
      Rout_put(o, "<tr><th scope=\"row\">");
      text(o, i < n ? g[i].name : _("Total"));
      Rout_put(o, "</th>");
      numCell(o, c->questions);
      numCell(o, c->questions - c->by_risk[RISK_UNANSWERED]);
      numCell(o, c->by_risk[RISK_HIGH]);
      numCell(o, c->by_risk[RISK_MEDIUM]);
      numCell(o, c->by_risk[RISK_NONE]);
      numCell(o, c->by_risk[RISK_NOT_APPLICABLE]);
      numCell(o, c->plan_active);
      Rout_put(o, "</tr>\n");
   }
   Rout_put(o, "</tbody>\n</table>\n");
}

static void trendSection(const Report *r, Rout *o)
{
   if (r->n_trend == 0)
      return;
   Rout_put(o, "<h2>");
   text(o, _("Trend across milestones"));
   Rout_put(o, "</h2>\n<table>\n");
   const char *heads[] = {_("Milestone"), _("Date"),      _("Answered"), _("High"),
                          _("Medium"),    _("Plan open"), _("Done")};
   static const bool right[] = {false, false, true, true, true, true, true};
   headRow(o, heads, right, 7);
   for (size_t i = 0; i < r->n_trend; i++) {
      const ReportTrend *t = &r->trend[i];
      Rout_put(o, "<tr><td>");
      if (!t->name)
         text(o, _("(now)"));
      else if (t->reported)
         textf(o, _("%s (this report)"), t->name);
      else if (t->damaged)
         textf(o, _("%s (damaged, not readable)"), t->name);
      else
         text(o, t->name);
      Rout_put(o, "</td><td>");
      text(o, t->date);
      if (t->damaged) {
         Rout_put(o, "</td><td class=\"num\">-</td><td class=\"num\">-</td>"
                     "<td class=\"num\">-</td><td class=\"num\">-</td>"
                     "<td class=\"num\">-</td></tr>\n");
         continue;
      }
      Rout_put(o, "</td><td class=\"num\">%zu/%zu</td>",
               t->counts.questions - t->counts.by_risk[RISK_UNANSWERED], t->counts.questions);
      numCell(o, t->counts.by_risk[RISK_HIGH]);
      numCell(o, t->counts.by_risk[RISK_MEDIUM]);
      numCell(o, t->counts.plan_by_status[PLAN_OPEN] + t->counts.plan_by_status[PLAN_IN_PROGRESS]);
      numCell(o, t->counts.plan_by_status[PLAN_DONE]);
      Rout_put(o, "</tr>\n");
   }
   Rout_put(o, "</tbody>\n</table>\n");
}

static void planRow(const Report *r, Rout *o, const PlanItem *it, size_t number)
{
   const SnapQuestion *q = &r->snap.questions[it->question];
   const SnapChoice *c = &q->choices[it->choice];
   const Choice *lc = Report_lensChoice(r, it->question, it->choice);
   Rout_put(o, "<tr class=\"item\"><td class=\"num\">%zu</td><td><strong>", number);
   text(o, c->title);
   Rout_put(o, "</strong>");
   if (Report_isPriority(r, it->question)) {
      Rout_put(o, " <span class=\"priority\">");
      text(o, _("(priority)"));
      Rout_put(o, "</span>");
   }
   Rout_put(o, "<br><span class=\"muted\">");
   if (it->weight != WEIGHT_NONE)
      textf(o, _("%s, weight %s"), c->id, Weight_label(it->weight));
   else
      text(o, c->id);
   Rout_put(o, "</span>");
   if (lc && lc->improvement.text && *lc->improvement.text) {
      Rout_put(o, "<div class=\"pre\">");
      text(o, lc->improvement.text);
      Rout_put(o, "</div>");
   }
   const char *url = Report_practiceLink(r, it->question, it->choice);
   if (url) {
      Rout_put(o, "<div>");
      link(o, url);
      Rout_put(o, "</div>");
   }
   Rout_put(o, "</td><td>");
   text(o, q->id);
   Rout_put(o, ": ");
   text(o, q->title);
   const char *phase = Report_phaseName(r, q);
   Rout_put(o, "<br><span class=\"muted\">");
   if (*phase) {
      text(o, phase);
      Rout_put(o, " / ");
   }
   text(o, Report_pillarName(r, q));
   Rout_put(o, "</span></td><td>");
   char *t = Report_trackingLine(r, it);
   text(o, t);
   free(t);
   Rout_put(o, "</td><td class=\"pre\">");
   text(o, it->track.note);
   Rout_put(o, "</td></tr>\n");
}

/* The impact x effort grid when the plan is rated (see Report_grid). */
static void gridSection(const Report *r, Rout *o)
{
   size_t n[REPORT_GRID_N][REPORT_GRID_N];
   if (!Report_grid(r, n))
      return;
   Rout_put(o, "<h3>");
   text(o, _("Impact x effort"));
   Rout_put(o, "</h3>\n<table class=\"grid\">\n");
   char *heads[REPORT_GRID_N + 1];
   heads[0] = xstrdup("");
   for (size_t e = 0; e < REPORT_GRID_N; e++)
      heads[e + 1] = Report_gridLabel(false, REPORT_GRID_EFFORT[e]);
   static const bool right[REPORT_GRID_N + 1] = {false, true, true, true, true};
   headRow(o, (const char *const *)heads, right, REPORT_GRID_N + 1);
   for (size_t i = 0; i < REPORT_GRID_N; i++) {
      char *h = Report_gridLabel(true, REPORT_GRID_IMPACT[i]);
      Rout_put(o, "<tr><th scope=\"row\">");
      text(o, h);
      Rout_put(o, "</th>");
      free(h);
      for (size_t e = 0; e < REPORT_GRID_N; e++)
         numCell(o, n[i][e]);
      Rout_put(o, "</tr>\n");
   }
   Rout_put(o, "</tbody>\n</table>\n<p>");
   text(o, _("Active plan items by impact and effort; quick wins: high impact, low effort."));
   Rout_put(o, "</p>\n");
   for (size_t c = 0; c <= REPORT_GRID_N; c++)
      free(heads[c]);
}

static void planSection(const Report *r, const ReportOptions *opts, Rout *o)
{
   const Plan *p = &r->snap.plan;
   Rout_put(o, "<section%s>\n<h2>", opts->plan_only ? "" : " class=\"newpage\"");
   text(o, _("Improvement plan"));
   Rout_put(o, "</h2>\n");
   if (p->n_active == 0) {
      Rout_put(o, "<p>");
      text(o, _("Nothing to improve: no question is at high or medium risk."));
      Rout_put(o, "</p>\n");
   }
   gridSection(r, o);
   const char *heads[] = {"#", _("Practice and how to improve"), _("Question"), _("Tracking"),
                          _("Note")};
   static const bool right[] = {true, false, false, false, false};
   size_t number = 0;
   for (size_t g = 0; g < REPORT_PLAN_GROUPS; g++) {
      const Risk risk = REPORT_PLAN_GROUP[g];
      char *title = Report_planGroupTitle(r, risk);
      if (!title)
         continue;
      Rout_put(o, "<h3 class=\"risk-group\">");
      text(o, title);
      free(title);
      /* The note gets a quarter of the width: narrower, it split a
       * bracketed word such as "(Datenschutz)" before its ')'. */
      Rout_put(o, "</h3>\n<table class=\"plan fixed\">\n<colgroup><col style=\"width:2.4em\">"
                  "<col style=\"width:34%%\"><col style=\"width:20%%\"><col style=\"width:17%%\">"
                  "<col></colgroup>\n");
      headRow(o, heads, right, 5);
      for (size_t i = 0; i < p->n_active; i++)
         if (p->items[i].risk == risk && p->items[i].question < r->snap.n_questions)
            planRow(r, o, &p->items[i], ++number);
      Rout_put(o, "</tbody>\n</table>\n");
   }
   if (p->n > p->n_active) {
      Rout_put(o, "<h3>");
      text(o, _("Tracked items no longer in the plan"));
      Rout_put(o, "</h3>\n<ul>\n");
      for (size_t i = p->n_active; i < p->n; i++) {
         const PlanItem *it = &p->items[i];
         char *t = Report_trackingLine(r, it);
         Rout_put(o, "<li>");
         textf(o, "%s/%s: %s. %s", it->track.question_id, it->track.choice_id,
               PlanItemState_label(it->state), t);
         Rout_put(o, "</li>\n");
         free(t);
      }
      Rout_put(o, "</ul>\n");
   }
   Rout_put(o, "</section>\n");
}

/* "Notes: TEXT" in a preformatted block (a practice's in a div with the label
 * in em, a question's in a paragraph with it in strong). */
static void notesBlock(Rout *o, const char *block, const char *label, const char *notes)
{
   Rout_put(o, "<%s class=\"pre\"><%s>", block, label);
   text(o, _("Notes"));
   Rout_put(o, ":</%s> ", label);
   text(o, notes);
   Rout_put(o, "</%s>", block);
}

static void questionsSection(const Report *r, Rout *o)
{
   const Snapshot *s = &r->snap;
   Rout_put(o, "<section class=\"newpage\">\n<h2>");
   text(o, _("Questions and answers"));
   Rout_put(o, "</h2>\n");
   for (size_t k = 0; k < s->n_questions; k++) {
      const SnapQuestion *q = &s->questions[r->order[k]];
      Rout_put(o, "<div class=\"question\">\n<h3>");
      text(o, q->id);
      Rout_put(o, ": ");
      text(o, q->title);
      Rout_put(o, " <span class=\"tag risk-%s\">", Risk_name(q->risk));
      text(o, Report_riskLabel(q->risk));
      Rout_put(o, "</span></h3>\n<p class=\"muted\">");
      const char *phase = Report_phaseName(r, q);
      if (*phase)
         textf(o, _("Phase: %s; pillar: %s"), phase, Report_pillarName(r, q));
      else
         textf(o, _("Pillar: %s"), Report_pillarName(r, q));
      if (q->not_applicable) {
         Rout_put(o, "<br>");
         char *na = Report_naLine(q);
         textf(o, "%s", na);
         free(na);
      }
      Rout_put(o, "</p>\n<ul class=\"choices\">\n");
      for (size_t c = 0; c < q->n_choices; c++) {
         const SnapChoice *ch = &q->choices[c];
         Rout_put(o, "<li>%s ",
                  ch->state == CHOICE_SELECTED ? "[x]"
                  : ch->state == CHOICE_NA     ? "[-]"
                                               : "[&nbsp;]");
         text(o, ch->title);
         if (ch->notes && *ch->notes) /* the practice's evidence, under it */
            notesBlock(o, "div", "em", ch->notes);
         Rout_put(o, "</li>\n");
      }
      Rout_put(o, "</ul>\n");
      if (q->notes && *q->notes) {
         notesBlock(o, "p", "strong", q->notes);
         Rout_put(o, "\n");
      }
      Rout_put(o, "</div>\n");
   }
   Rout_put(o, "</section>\n");
}

bool ReportHtml_write(const Report *r, const ReportOptions *opts, FILE *f)
{
   Rout o = {f, true};
   char *title = Report_title(r);
   Rout_put(&o,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">\n<meta name=\"generator\" content=\"walens\">\n<title>");
   text(&o, title);
   Rout_put(&o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
   text(&o, title);
   Rout_put(&o, "</h1>\n");
   free(title);
   workloadSection(r, &o);
   if (!opts->plan_only) {
      summarySection(r, &o);
      matrixSection(r, &o);
      groupSection(r, &o, _("Risk by pillar"), _("Pillar"), r->snap.pillars, r->snap.n_pillars);
      groupSection(r, &o, _("Risk by phase"), _("Phase"), r->snap.phases, r->snap.n_phases);
      trendSection(r, &o);
   }
   planSection(r, opts, &o);
   if (!opts->plan_only)
      questionsSection(r, &o);
   Rout_put(&o, "</body>\n</html>\n");
   return o.ok && !ferror(f);
}
