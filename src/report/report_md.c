/* report_md.c: the report as CommonMark with GitHub tables.
 *
 * Every text from a lens or a user goes through Rtext_md (inline, every
 * Markdown special escaped, newlines as hard breaks) or Rtext_md(one_line)
 * in table cells, so nothing in them can become markup, a link or raw HTML.
 * Links are written as <autolinks> only when they are plain http(s) URLs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/rtext.h"
#include "report/writers.h"

/* Escaped text that keeps its line breaks (notes, improvement plans);
 * continuation lines are indented by indent blanks so that they stay
 * inside a list item. */
static char *mdText(const char *s, size_t indent)
{
   char *e = Rtext_md(s ? s : "", false);
   if (!indent || !strchr(e, '\n'))
      return e;
   Sbuf b = {0};
   Sbuf_add(&b, "");
   for (const char *p = e; *p; p++) {
      Sbuf_addc(&b, *p);
      if (*p == '\n')
         Sbuf_repeat(&b, " ", indent);
   }
   free(e);
   return Sbuf_take(&b);
}

/* Escaped text on one line (titles, headings, facts). */
static char *md(const char *s, size_t indent)
{
   (void)indent;
   return Rtext_md(s ? s : "", true);
}

static char *cell(const char *s)
{
   return Rtext_md(s ? s : "", true);
}

/* An http(s) URL with nothing that could end or break an autolink, and
 * nothing that Rtext_clean would change (it is written as it is). */
static bool safeUrl(const char *u)
{
   if (!u || (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0) ||
       !Utf8_isSafe(u, strlen(u), 0))
      return false;
   for (const unsigned char *p = (const unsigned char *)u; *p; p++)
      if (*p <= ' ' || *p == '<' || *p == '>' || *p == '\\' || *p == '`' || *p == 0x7F)
         return false;
   return true;
}

static char *link(const char *u)
{
   return safeUrl(u) ? xasprintf("<%s>", u) : md(u, 0);
}

/* "| a | b |" from cells already escaped (taken and freed). */
static void row(Rout *o, char **cells, size_t n)
{
   Rout_put(o, "|");
   for (size_t i = 0; i < n; i++) {
      Rout_put(o, " %s |", cells[i]);
      free(cells[i]);
   }
   Rout_put(o, "\n");
}

static void rule(Rout *o, const bool *right, size_t n)
{
   Rout_put(o, "|");
   for (size_t i = 0; i < n; i++)
      Rout_put(o, right && right[i] ? " ---: |" : " --- |");
   Rout_put(o, "\n");
}

static void workloadSection(const Report *r, Rout *o)
{
   ReportFact facts[REPORT_MAX_FACTS];
   size_t n = Report_facts(r, facts);
   Rout_put(o, "| | |\n| --- | --- |\n");
   for (size_t i = 0; i < n; i++)
      row(o, (char *[]){cell(facts[i].label), cell(facts[i].value)}, 2);
   Rout_put(o, "\n");
   Report_freeFacts(facts, n);
}

static void summarySection(const Report *r, Rout *o)
{
   Rout_put(o, "## %s\n\n", _("Summary"));
   char *lines[REPORT_SUMMARY_LINES];
   size_t n = Report_summary(r, lines);
   for (size_t i = 0; i < n; i++) {
      char *e = md(lines[i], 0);
      Rout_put(o, "- %s\n", e);
      free(e);
      free(lines[i]);
   }
   Rout_put(o, "\n");
}

static void matrixSection(const Report *r, Rout *o)
{
   const Snapshot *s = &r->snap;
   if (r->cols == 0)
      return;
   Rout_put(o, "## %s\n\n", _("Risk matrix: phase x pillar"));
   size_t nc = r->cols + 1;
   char **cells = xcalloc(nc, sizeof *cells);
   cells[0] = cell(_("Phase"));
   for (size_t c = 0; c < r->cols; c++)
      cells[c + 1] = cell(s->pillars[c].name);
   row(o, cells, nc);
   rule(o, NULL, nc);
   for (size_t rw = 0; rw < r->rows; rw++) {
      cells[0] = cell(s->n_phases ? s->phases[rw].name : _("All questions"));
      for (size_t c = 0; c < r->cols; c++) {
         char *t = Report_cellText(&r->cells[rw * r->cols + c]);
         cells[c + 1] = cell(t);
         free(t);
      }
      row(o, cells, nc);
   }
   free(cells);
   char *e =
      md(_("Each cell: questions answered/total; H, M: questions at high and medium risk."), 0);
   Rout_put(o, "\n%s\n\n", e);
   free(e);
}

static void groupSection(const Report *r, Rout *o, const char *title, const char *what,
                         const SnapGroup *g, size_t n)
{
   if (n == 0)
      return;
   Rout_put(o, "## %s\n\n", title);
   enum { NC = 8 };
   const char *heads[NC] = {what,        _("Questions"), _("Answered"), _("High"),
                            _("Medium"), _("None"),      _("N/A"),      _("Plan items")};
   static const bool right[NC] = {false, true, true, true, true, true, true, true};
   char *cells[NC];
   for (size_t c = 0; c < NC; c++)
      cells[c] = cell(heads[c]);
   row(o, cells, NC);
   rule(o, right, NC);
   for (size_t i = 0; i <= n; i++) {
      const SnapCounts *c = i < n ? &g[i].counts : &r->snap.total;
      cells[0] = i < n ? cell(g[i].name) : xasprintf("**%s**", _("Total"));
      cells[1] = xasprintf("%zu", c->questions);
      cells[2] = xasprintf("%zu", c->questions - c->by_risk[RISK_UNANSWERED]);
      cells[3] = xasprintf("%zu", c->by_risk[RISK_HIGH]);
      cells[4] = xasprintf("%zu", c->by_risk[RISK_MEDIUM]);
      cells[5] = xasprintf("%zu", c->by_risk[RISK_NONE]);
      cells[6] = xasprintf("%zu", c->by_risk[RISK_NOT_APPLICABLE]);
      cells[7] = xasprintf("%zu", c->plan_active);
      row(o, cells, NC);
   }
   Rout_put(o, "\n");
}

static void trendSection(const Report *r, Rout *o)
{
   if (r->n_trend == 0)
      return;
   Rout_put(o, "## %s\n\n", _("Trend across milestones"));
   enum { NC = 7 };
   const char *heads[NC] = {_("Milestone"), _("Date"),      _("Answered"), _("High"),
                            _("Medium"),    _("Plan open"), _("Done")};
   static const bool right[NC] = {false, false, true, true, true, true, true};
   char *cells[NC];
   for (size_t c = 0; c < NC; c++)
      cells[c] = cell(heads[c]);
   row(o, cells, NC);
   rule(o, right, NC);
   for (size_t i = 0; i < r->n_trend; i++) {
      const ReportTrend *t = &r->trend[i];
      char *name = t->name ? (t->reported  ? xasprintf(_("%s (this report)"), t->name)
                              : t->damaged ? xasprintf(_("%s (damaged, not readable)"), t->name)
                                           : xstrdup(t->name))
                           : xstrdup(_("(now)"));
      cells[0] = cell(name);
      free(name);
      cells[1] = cell(t->date);
      if (t->damaged) {
         for (size_t c = 2; c < NC; c++)
            cells[c] = xstrdup("-");
         row(o, cells, NC);
         continue;
      }
      cells[2] = xasprintf("%zu/%zu", t->counts.questions - t->counts.by_risk[RISK_UNANSWERED],
                           t->counts.questions);
      cells[3] = xasprintf("%zu", t->counts.by_risk[RISK_HIGH]);
      cells[4] = xasprintf("%zu", t->counts.by_risk[RISK_MEDIUM]);
      cells[5] = xasprintf("%zu", t->counts.plan_by_status[PLAN_OPEN] +
                                     t->counts.plan_by_status[PLAN_IN_PROGRESS]);
      cells[6] = xasprintf("%zu", t->counts.plan_by_status[PLAN_DONE]);
      row(o, cells, NC);
   }
   Rout_put(o, "\n");
}

/* One plan item as an ordered-list item: a paragraph of hard-broken lines. */
static void planItem(const Report *r, Rout *o, const PlanItem *it, size_t number)
{
   const SnapQuestion *q = &r->snap.questions[it->question];
   const SnapChoice *c = &q->choices[it->choice];
   const Choice *lc = Report_lensChoice(r, it->question, it->choice);
   size_t ind = (size_t)snprintf(NULL, 0, "%zu. ", number);
   char *title = md(c->title, ind);
   if (Report_isPriority(r, it->question))
      Rout_put(o, "%zu. **%s** %s\\\n", number, title, _("(priority)"));
   else
      Rout_put(o, "%zu. **%s**\\\n", number, title);
   free(title);
   char *s = it->weight != WEIGHT_NONE
                ? xasprintf(_("Practice %s, weight %s"), c->id, Weight_label(it->weight))
                : xasprintf(_("Practice %s"), c->id);
   char *e = md(s, ind);
   Rout_put(o, "%*s%s\\\n", (int)ind, "", e);
   free(e);
   free(s);
   s = xasprintf(_("Question %s: %s"), q->id, q->title);
   e = md(s, ind);
   Rout_put(o, "%*s%s\\\n", (int)ind, "", e);
   free(e);
   free(s);
   const char *phase = Report_phaseName(r, q);
   s = *phase ? xasprintf(_("Phase: %s; pillar: %s"), phase, Report_pillarName(r, q))
              : xasprintf(_("Pillar: %s"), Report_pillarName(r, q));
   e = md(s, ind);
   Rout_put(o, "%*s%s\\\n", (int)ind, "", e);
   free(e);
   free(s);
   s = Report_trackingLine(r, it);
   e = md(s, ind);
   Rout_put(o, "%*s%s", (int)ind, "", e);
   free(e);
   free(s);
   struct {
      const char *label, *value;
   } more[] = {
      {_("Note"), it->track.note},
      {_("How to improve"), lc ? lc->improvement.text : NULL},
   };
   for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
      if (!more[i].value || !*more[i].value)
         continue;
      char *label = md(more[i].label, 0);
      e = mdText(more[i].value, ind);
      Rout_put(o, "\\\n%*s*%s:* %s", (int)ind, "", label, e);
      free(label);
      free(e);
   }
   const char *url = Report_practiceLink(r, it->question, it->choice);
   if (url) {
      char *label = md(_("Link"), 0);
      e = link(url);
      Rout_put(o, "\\\n%*s*%s:* %s", (int)ind, "", label, e);
      free(label);
      free(e);
   }
   Rout_put(o, "\n\n");
}

/* The impact x effort grid when the plan is rated (see Report_grid). */
static void gridSection(const Report *r, Rout *o)
{
   size_t n[REPORT_GRID_N][REPORT_GRID_N];
   if (!Report_grid(r, n))
      return;
   Rout_put(o, "### %s\n\n", _("Impact x effort"));
   enum { NC = REPORT_GRID_N + 1 };
   static const bool right[NC] = {false, true, true, true, true};
   char *cells[NC];
   cells[0] = xstrdup("");
   for (size_t e = 0; e < REPORT_GRID_N; e++) {
      char *h = Report_gridLabel(false, REPORT_GRID_EFFORT[e]);
      cells[e + 1] = cell(h);
      free(h);
   }
   row(o, cells, NC);
   rule(o, right, NC);
   for (size_t i = 0; i < REPORT_GRID_N; i++) {
      char *h = Report_gridLabel(true, REPORT_GRID_IMPACT[i]);
      cells[0] = cell(h);
      free(h);
      for (size_t e = 0; e < REPORT_GRID_N; e++)
         cells[e + 1] = xasprintf("%zu", n[i][e]);
      row(o, cells, NC);
   }
   char *e =
      md(_("Active plan items by impact and effort; quick wins: high impact, low effort."), 0);
   Rout_put(o, "\n%s\n\n", e);
   free(e);
}

static void planSection(const Report *r, Rout *o)
{
   const Plan *p = &r->snap.plan;
   Rout_put(o, "## %s\n\n", _("Improvement plan"));
   if (p->n_active == 0) {
      char *e = md(_("Nothing to improve: no question is at high or medium risk."), 0);
      Rout_put(o, "%s\n\n", e);
      free(e);
   }
   gridSection(r, o);
   size_t number = 0;
   for (size_t g = 0; g < REPORT_PLAN_GROUPS; g++) {
      const Risk risk = REPORT_PLAN_GROUP[g];
      char *title = Report_planGroupTitle(r, risk);
      if (!title)
         continue;
      char *e = md(title, 0);
      Rout_put(o, "### %s\n\n", e);
      free(e);
      free(title);
      for (size_t i = 0; i < p->n_active; i++)
         if (p->items[i].risk == risk && p->items[i].question < r->snap.n_questions)
            planItem(r, o, &p->items[i], ++number);
   }
   if (p->n > p->n_active) {
      Rout_put(o, "### %s\n\n", _("Tracked items no longer in the plan"));
      for (size_t i = p->n_active; i < p->n; i++) {
         const PlanItem *it = &p->items[i];
         char *t = Report_trackingLine(r, it);
         char *s = xasprintf("%s/%s: %s. %s", it->track.question_id, it->track.choice_id,
                             PlanItemState_label(it->state), t);
         char *e = mdText(s, 2);
         Rout_put(o, "- %s\n", e);
         free(e);
         free(s);
         free(t);
      }
      Rout_put(o, "\n");
   }
}

static void questionsSection(const Report *r, Rout *o)
{
   const Snapshot *s = &r->snap;
   Rout_put(o, "## %s\n\n", _("Questions and answers"));
   for (size_t k = 0; k < s->n_questions; k++) {
      const SnapQuestion *q = &s->questions[r->order[k]];
      char *h = xasprintf("%s: %s (%s)", q->id, q->title, Report_riskLabel(q->risk));
      char *e = md(h, 0);
      Rout_put(o, "### %s\n\n", e);
      free(e);
      free(h);
      const char *phase = Report_phaseName(r, q);
      h = *phase ? xasprintf(_("Phase: %s; pillar: %s"), phase, Report_pillarName(r, q))
                 : xasprintf(_("Pillar: %s"), Report_pillarName(r, q));
      e = md(h, 0);
      Rout_put(o, "%s\n\n", e);
      free(e);
      free(h);
      if (q->not_applicable) {
         h = Report_naLine(q);
         e = md(h, 0);
         Rout_put(o, "%s\n\n", e);
         free(e);
         free(h);
      }
      for (size_t c = 0; c < q->n_choices; c++) {
         const SnapChoice *ch = &q->choices[c];
         e = md(ch->title, 6);
         /* The practice's notes follow under it, after a hard line break. */
         const char *brk = ch->notes && *ch->notes ? "\\" : "";
         if (ch->state == CHOICE_NA)
            Rout_put(o, "- [ ] ~~%s~~ (%s)%s\n", e, _("not applicable"), brk);
         else
            Rout_put(o, "- [%c] %s%s\n", ch->state == CHOICE_SELECTED ? 'x' : ' ', e, brk);
         free(e);
         if (*brk) {
            e = mdText(ch->notes, 2);
            Rout_put(o, "  *%s:* %s\n", _("Notes"), e);
            free(e);
         }
      }
      Rout_put(o, "\n");
      if (q->notes && *q->notes) {
         e = mdText(q->notes, 2);
         Rout_put(o, "> **%s:** %s\n\n", _("Notes"), e);
         free(e);
      }
   }
}

bool ReportMd_write(const Report *r, const ReportOptions *opts, FILE *f)
{
   Rout o = {f, true};
   char *title = Report_title(r);
   char *e = md(title, 0);
   Rout_put(&o, "# %s\n\n", e);
   free(e);
   free(title);
   workloadSection(r, &o);
   if (!opts->plan_only) {
      summarySection(r, &o);
      matrixSection(r, &o);
      groupSection(r, &o, _("Risk by pillar"), _("Pillar"), r->snap.pillars, r->snap.n_pillars);
      groupSection(r, &o, _("Risk by phase"), _("Phase"), r->snap.phases, r->snap.n_phases);
      trendSection(r, &o);
   }
   planSection(r, &o);
   if (!opts->plan_only)
      questionsSection(r, &o);
   return o.ok && !ferror(f);
}
