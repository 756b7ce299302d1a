/* report_text.c: the report for a printer.
 *
 * The body is first laid out as blocks of lines, none wider than the page;
 * a block may ask to start a new page (a major section) or to be kept on
 * one page when it fits (a plan item, a table).  Pagination then cuts the
 * blocks into pages of page_length lines: a two-line header, the body, a
 * two-line footer with "page N of M".  Every page but the last ends with a
 * form feed in place of its last newline, so that a printer ejects exactly
 * one sheet a page. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/rtext.h"
#include "report/writers.h"

enum { HEADER_LINES = 2, FOOTER_LINES = 2 };

typedef struct Block {
   char **lines;
   size_t n, cap;
   bool keep;       /* keep on one page when it fits */
   bool page_break; /* start on a new page */
} Block;

typedef struct Layout {
   Block *blocks;
   size_t n, cap;
   size_t width;
} Layout;

static Block *block(Layout *l, bool keep, bool page_break)
{
   l->blocks = xgrow(l->blocks, &l->cap, l->n + 1, sizeof *l->blocks);
   Block *b = &l->blocks[l->n++];
   memset(b, 0, sizeof *b);
   b->keep = keep;
   b->page_break = page_break;
   return b;
}

/* Takes s (allocated). */
static void addLine(Block *b, char *s)
{
   b->lines = xgrow(b->lines, &b->cap, b->n + 1, sizeof *b->lines);
   b->lines[b->n++] = s;
}

static void blank(Block *b)
{
   addLine(b, xstrdup(""));
}

/* text wrapped at the page width less indent; continuation lines are
 * indented by hang more.  The text is cleaned of control characters. */
static void para(Layout *l, Block *b, size_t indent, size_t hang, const char *text)
{
   char **lines;
   size_t n;
   size_t room = l->width > indent + hang + 8 ? l->width - indent - hang : 8;
   Rtext_wrapKeepUrls(text ? text : "", room, &lines, &n);
   for (size_t i = 0; i < n; i++) {
      Sbuf s = {0};
      Sbuf_repeat(&s, " ", indent + (i ? hang : 0));
      Sbuf_add(&s, lines[i]);
      if (!*lines[i])
         s.len = 0, s.s[0] = '\0'; /* no blanks on an empty line */
      addLine(b, Sbuf_take(&s));
   }
   Rtext_freeLines(lines, n);
}

/* "Label: value", wrapped with a hanging indent. */
static void field(Layout *l, Block *b, size_t indent, const char *label, const char *value)
{
   if (!value || !*value)
      return;
   char *clean = Rtext_clean(value, false);
   char *s = xasprintf("%s: %s", label, clean);
   para(l, b, indent, 2, s);
   free(s);
   free(clean);
}

static void heading(Layout *l, Block *b, const char *title, char underline)
{
   char **lines;
   size_t n;
   Rtext_wrap(title, l->width, &lines, &n);
   size_t w = 0;
   for (size_t i = 0; i < n; i++) {
      size_t lw = Rtext_width(lines[i]);
      w = lw > w ? lw : w;
      addLine(b, lines[i]);
   }
   free(lines);
   Sbuf s = {0};
   char u[2] = {underline, '\0'};
   Sbuf_repeat(&s, u, w);
   addLine(b, Sbuf_take(&s));
   blank(b);
}

/* ---- tables ---- */

typedef struct Col {
   const char *head;
   bool right; /* numbers: right-aligned, never wrapped */
   size_t min; /* narrowest a wrapped column may get */
} Col;

static size_t longestWord(const char *s)
{
   size_t best = 0, cur = 0;
   uint32_t cp;
   for (size_t k; (k = Utf8_next(s, &cp)) > 0; s += k) {
      if (cp == ' ' || cp == '\n')
         cur = 0;
      else
         cur += (size_t)Rtext_cpWidth(cp);
      best = cur > best ? cur : best;
   }
   return best;
}

/* Column widths within the page (two blanks between columns): natural
 * widths when they fit, else the widest wrapped columns shrink, first down
 * to their longest word, then down to their minimum.  False when even that
 * does not fit. */
static bool layoutTable(const Col *cols, size_t nc, char **cells, size_t nrows, size_t width,
                        size_t *w)
{
   size_t floor_w[64];
   if (nc == 0 || nc > 64)
      return false;
   size_t total = 2 * (nc - 1);
   for (size_t c = 0; c < nc; c++) {
      w[c] = Rtext_width(cols[c].head);
      floor_w[c] = longestWord(cols[c].head);
      for (size_t r = 0; r < nrows; r++) {
         size_t cw = Rtext_width(cells[r * nc + c]), lw = longestWord(cells[r * nc + c]);
         w[c] = cw > w[c] ? cw : w[c];
         floor_w[c] = lw > floor_w[c] ? lw : floor_w[c];
      }
      if (cols[c].right || floor_w[c] < cols[c].min)
         floor_w[c] = cols[c].right ? w[c] : cols[c].min;
      total += w[c];
   }
   for (int pass = 0; pass < 2 && total > width; pass++) {
      while (total > width) {
         size_t widest = nc;
         for (size_t c = 0; c < nc; c++) {
            size_t lim = pass == 0 ? floor_w[c] : cols[c].right ? w[c] : cols[c].min;
            if (w[c] > lim && (widest == nc || w[c] > w[widest]))
               widest = c;
         }
         if (widest == nc)
            break;
         w[widest]--;
         total--;
      }
   }
   return total <= width;
}

/* A cell's lines: a text cell that needs more than one line is wrapped two
 * columns narrower and its continuation lines indented by two, so that
 * "Business goal" / "  identification" reads as one cell. */
static void cellLines(const char *text, size_t width, bool hang, char ***lines, size_t *n)
{
   Rtext_wrap(text, width, lines, n);
   if (!hang || *n < 2 || width < 6)
      return;
   Rtext_freeLines(*lines, *n);
   Rtext_wrap(text, width - 2, lines, n);
   for (size_t i = 1; i < *n; i++) {
      char *t = xasprintf("  %s", (*lines)[i]);
      free((*lines)[i]);
      (*lines)[i] = t;
   }
}

static void tableRow(Block *b, const Col *cols, size_t nc, char *const *cells, const size_t *w)
{
   char **lines[64];
   size_t n[64], height = 0;
   for (size_t c = 0; c < nc; c++) {
      cellLines(cells[c], w[c], !cols[c].right, &lines[c], &n[c]);
      height = n[c] > height ? n[c] : height;
   }
   for (size_t i = 0; i < height; i++) {
      Sbuf s = {0};
      Sbuf_add(&s, "");
      for (size_t c = 0; c < nc; c++) {
         const char *t = i < n[c] ? lines[c][i] : "";
         size_t pad = w[c] - Rtext_width(t);
         if (c)
            Sbuf_add(&s, "  ");
         if (cols[c].right)
            Sbuf_repeat(&s, " ", pad);
         Sbuf_add(&s, t);
         if (!cols[c].right)
            Sbuf_repeat(&s, " ", pad);
      }
      while (s.len && s.s[s.len - 1] == ' ')
         s.s[--s.len] = '\0';
      addLine(b, Sbuf_take(&s));
   }
   for (size_t c = 0; c < nc; c++)
      Rtext_freeLines(lines[c], n[c]);
}

/* A table as one block kept on a page; when it cannot fit the width, each
 * row becomes its first cell followed by "head: value" lines. */
static void table(Layout *l, Block *b, const Col *cols, size_t nc, char **cells, size_t nrows)
{
   size_t w[64];
   if (layoutTable(cols, nc, cells, nrows, l->width, w)) {
      char *heads[64] = {NULL};
      for (size_t c = 0; c < nc; c++)
         heads[c] = (char *)cols[c].head;
      tableRow(b, cols, nc, heads, w);
      Sbuf s = {0};
      for (size_t c = 0; c < nc; c++) {
         if (c)
            Sbuf_add(&s, "  ");
         Sbuf_repeat(&s, "-", w[c]);
      }
      addLine(b, Sbuf_take(&s));
      for (size_t r = 0; r < nrows; r++)
         tableRow(b, cols, nc, cells + r * nc, w);
   } else {
      for (size_t r = 0; r < nrows; r++) {
         para(l, b, 0, 2, cells[r * nc]);
         for (size_t c = 1; c < nc; c++)
            field(l, b, 2, cols[c].head, cells[r * nc + c]);
      }
   }
   blank(b);
}

static void freeCells(char **cells, size_t n)
{
   for (size_t i = 0; i < n; i++)
      free(cells[i]);
   free(cells);
}

/* ---- sections ---- */

static void workloadSection(const Report *r, Layout *l)
{
   Block *b = block(l, true, false);
   char *title = Report_title(r);
   heading(l, b, title, '=');
   ReportFact facts[REPORT_MAX_FACTS];
   size_t n = Report_facts(r, facts);
   for (size_t i = 0; i < n; i++)
      field(l, b, 0, facts[i].label, facts[i].value);
   Report_freeFacts(facts, n);
   blank(b);
   free(title);
}

static void summarySection(const Report *r, Layout *l)
{
   Block *b = block(l, true, false);
   heading(l, b, _("Summary"), '-');
   char *lines[REPORT_SUMMARY_LINES];
   size_t n = Report_summary(r, lines);
   for (size_t i = 0; i < n; i++) {
      /* Each summary line is a record: its continuation is indented. */
      para(l, b, 0, 2, lines[i]);
      free(lines[i]);
   }
   blank(b);
}

static char *num(size_t n)
{
   return xasprintf("%zu", n);
}

static void matrixSection(const Report *r, Layout *l)
{
   const Snapshot *s = &r->snap;
   size_t nc = r->cols + 1;
   if (nc > 64 || r->cols == 0)
      return;
   Block *b = block(l, true, false);
   heading(l, b, _("Risk matrix: phase x pillar"), '-');
   char **cells = xcalloc(r->rows * nc + 1, sizeof *cells);
   for (size_t row = 0; row < r->rows; row++) {
      cells[row * nc] = Rtext_clean(s->n_phases ? s->phases[row].name : _("All questions"), true);
      for (size_t c = 0; c < r->cols; c++)
         cells[row * nc + c + 1] = Report_cellText(&r->cells[row * r->cols + c]);
   }
   Col cols[64];
   char *heads[64];
   cols[0] = (Col){_("Phase"), false, 8};
   for (size_t c = 0; c < r->cols; c++) {
      heads[c] = Rtext_clean(s->pillars[c].name, true);
      cols[c + 1] = (Col){heads[c], false, 5};
   }
   /* Pillar names as headings only when no word of them has to break;
    * otherwise numbers, with the names in a legend. */
   size_t w[64];
   bool names = layoutTable(cols, nc, cells, r->rows, l->width, w);
   for (size_t c = 0; names && c < r->cols; c++)
      names = w[c + 1] >= longestWord(heads[c]);
   char *numbers[64];
   for (size_t c = 0; c < r->cols; c++) {
      numbers[c] = xasprintf("[%zu]", c + 1);
      if (!names)
         cols[c + 1].head = numbers[c];
   }
   table(l, b, cols, nc, cells, r->rows);
   if (!names)
      for (size_t c = 0; c < r->cols; c++) {
         char *legend = xasprintf("[%zu] %s", c + 1, heads[c]);
         para(l, b, 0, 4, legend);
         free(legend);
      }
   para(l, b, 0, 0,
        _("Each cell: questions answered/total; H, M: questions at high and medium risk."));
   blank(b);
   for (size_t c = 0; c < r->cols; c++) {
      free(heads[c]);
      free(numbers[c]);
   }
   freeCells(cells, r->rows * nc);
}

/* Risk totals of the pillars or the phases. */
static void groupSection(const Report *r, Layout *l, const char *title, const char *what,
                         const SnapGroup *g, size_t n)
{
   if (n == 0)
      return;
   Block *b = block(l, true, false);
   heading(l, b, title, '-');
   enum { NC = 8 };
   Col cols[NC] = {
      {what, false, 8},     {_("Questions"), true, 0},  {_("Answered"), true, 0},
      {_("High"), true, 0}, {_("Medium"), true, 0},     {_("None"), true, 0},
      {_("N/A"), true, 0},  {_("Plan items"), true, 0},
   };
   char **cells = xcalloc((n + 1) * NC, sizeof *cells);
   for (size_t i = 0; i <= n; i++) {
      const SnapCounts *c = i < n ? &g[i].counts : &r->snap.total;
      char **row = cells + i * NC;
      row[0] = i < n ? Rtext_clean(g[i].name, true) : xstrdup(_("Total"));
      row[1] = num(c->questions);
      row[2] = num(c->questions - c->by_risk[RISK_UNANSWERED]);
      row[3] = num(c->by_risk[RISK_HIGH]);
      row[4] = num(c->by_risk[RISK_MEDIUM]);
      row[5] = num(c->by_risk[RISK_NONE]);
      row[6] = num(c->by_risk[RISK_NOT_APPLICABLE]);
      row[7] = num(c->plan_active);
   }
   table(l, b, cols, NC, cells, n + 1);
   freeCells(cells, (n + 1) * NC);
}

static void trendSection(const Report *r, Layout *l)
{
   if (r->n_trend == 0)
      return;
   Block *b = block(l, true, false);
   heading(l, b, _("Trend across milestones"), '-');
   enum { NC = 7 };
   Col cols[NC] = {
      {_("Milestone"), false, 8}, {_("Date"), false, 10}, {_("Answered"), true, 0},
      {_("High"), true, 0},       {_("Medium"), true, 0}, {_("Plan open"), true, 0},
      {_("Done"), true, 0},
   };
   char **cells = xcalloc(r->n_trend * NC + 1, sizeof *cells);
   for (size_t i = 0; i < r->n_trend; i++) {
      const ReportTrend *t = &r->trend[i];
      char **row = cells + i * NC;
      char *name = t->name ? Rtext_clean(t->name, true) : xstrdup(_("(now)"));
      row[0] = t->reported && t->name ? xasprintf(_("%s (this report)"), name)
               : t->damaged           ? xasprintf(_("%s (damaged, not readable)"), name)
                                      : xstrdup(name);
      free(name);
      row[1] = xstrdup(t->date);
      if (t->damaged) {
         for (size_t c = 2; c < NC; c++)
            row[c] = xstrdup("-");
         continue;
      }
      row[2] = xasprintf("%zu/%zu", t->counts.questions - t->counts.by_risk[RISK_UNANSWERED],
                         t->counts.questions);
      row[3] = num(t->counts.by_risk[RISK_HIGH]);
      row[4] = num(t->counts.by_risk[RISK_MEDIUM]);
      row[5] =
         num(t->counts.plan_by_status[PLAN_OPEN] + t->counts.plan_by_status[PLAN_IN_PROGRESS]);
      row[6] = num(t->counts.plan_by_status[PLAN_DONE]);
   }
   table(l, b, cols, NC, cells, r->n_trend);
   freeCells(cells, r->n_trend * NC);
}

static size_t digits(size_t n)
{
   size_t d = 1;
   while (n >= 10) {
      n /= 10;
      d++;
   }
   return d;
}

static void planItem(const Report *r, Layout *l, Block *b, const PlanItem *it, size_t number,
                     size_t indent)
{
   const SnapQuestion *q = &r->snap.questions[it->question];
   const SnapChoice *c = &q->choices[it->choice];
   const Choice *lc = Report_lensChoice(r, it->question, it->choice);
   /* Numbers right-aligned, titles and details in one column. */
   char *head = Report_isPriority(r, it->question)
                   ? xasprintf(_("%zu. [priority] %s"), number, c->title)
                   : xasprintf("%zu. %s", number, c->title);
   size_t pad = indent - digits(number) - 2;
   para(l, b, pad, indent - pad, head);
   free(head);
   char *s = it->weight != WEIGHT_NONE
                ? xasprintf(_("Practice %s, weight %s"), c->id, Weight_label(it->weight))
                : xasprintf(_("Practice %s"), c->id);
   para(l, b, indent, 2, s);
   free(s);
   s = xasprintf(_("Question %s: %s"), q->id, q->title);
   para(l, b, indent, 2, s);
   free(s);
   const char *phase = Report_phaseName(r, q);
   s = *phase ? xasprintf(_("Phase: %s; pillar: %s"), phase, Report_pillarName(r, q))
              : xasprintf(_("Pillar: %s"), Report_pillarName(r, q));
   para(l, b, indent, 2, s);
   free(s);
   s = Report_trackingLine(r, it);
   para(l, b, indent, 2, s);
   free(s);
   field(l, b, indent, _("Note"), it->track.note);
   if (lc)
      field(l, b, indent, _("How to improve"), lc->improvement.text);
   field(l, b, indent, _("Link"), Report_practiceLink(r, it->question, it->choice));
   blank(b);
}

/* The impact x effort grid, when someone rated the plan: rows by impact
 * (high first), columns by effort (low first), so the quick wins sit top left. */
static void gridSection(const Report *r, Layout *l, Block *b)
{
   size_t n[REPORT_GRID_N][REPORT_GRID_N];
   if (!Report_grid(r, n))
      return;
   heading(l, b, _("Impact x effort"), '-');
   enum { NC = REPORT_GRID_N + 1 };
   Col cols[NC];
   char *heads[NC];
   heads[0] = xstrdup("");
   cols[0] = (Col){heads[0], false, 8};
   for (size_t e = 0; e < REPORT_GRID_N; e++) {
      heads[e + 1] = Report_gridLabel(false, REPORT_GRID_EFFORT[e]);
      cols[e + 1] = (Col){heads[e + 1], true, 0};
   }
   char **cells = xcalloc(REPORT_GRID_N * NC, sizeof *cells);
   for (size_t i = 0; i < REPORT_GRID_N; i++) {
      cells[i * NC] = Report_gridLabel(true, REPORT_GRID_IMPACT[i]);
      for (size_t e = 0; e < REPORT_GRID_N; e++)
         cells[i * NC + e + 1] = num(n[i][e]);
   }
   table(l, b, cols, NC, cells, REPORT_GRID_N);
   para(l, b, 0, 0,
        _("Active plan items by impact and effort; quick wins: high impact, low effort."));
   blank(b);
   freeCells(cells, REPORT_GRID_N * NC);
   for (size_t c = 0; c < NC; c++)
      free(heads[c]);
}

static void planSection(const Report *r, const ReportOptions *o, Layout *l)
{
   const Plan *p = &r->snap.plan;
   Block *b = block(l, true, !o->plan_only);
   heading(l, b, _("Improvement plan"), '=');
   if (p->n_active == 0) {
      para(l, b, 0, 0, _("Nothing to improve: no question is at high or medium risk."));
      blank(b);
   }
   gridSection(r, l, b); /* in the heading's block: the block list is in order */
   size_t indent = digits(p->n_active) + 2, number = 0;
   for (size_t g = 0; g < REPORT_PLAN_GROUPS; g++) {
      const Risk risk = REPORT_PLAN_GROUP[g];
      char *title = Report_planGroupTitle(r, risk);
      if (!title)
         continue;
      bool first = true;
      for (size_t i = 0; i < p->n_active; i++) {
         const PlanItem *it = &p->items[i];
         if (it->risk != risk || it->question >= r->snap.n_questions)
            continue;
         if (!first || number > 0)
            b = block(l, true, false);
         if (first)
            heading(l, b, title, '-');
         first = false;
         planItem(r, l, b, it, ++number, indent);
      }
      free(title);
   }
   if (p->n > p->n_active) {
      b = block(l, true, false);
      heading(l, b, _("Tracked items no longer in the plan"), '-');
      for (size_t i = p->n_active; i < p->n; i++) {
         const PlanItem *it = &p->items[i];
         char *t = Report_trackingLine(r, it);
         char *s = xasprintf("%s/%s: %s. %s", it->track.question_id, it->track.choice_id,
                             PlanItemState_label(it->state), t);
         para(l, b, 0, 2, s);
         free(s);
         free(t);
      }
      blank(b);
   }
}

static const char *choiceMark(ChoiceState s)
{
   return s == CHOICE_SELECTED ? "[x]" : s == CHOICE_NA ? "[-]" : "[ ]";
}

static void questionsSection(const Report *r, Layout *l)
{
   const Snapshot *s = &r->snap;
   for (size_t k = 0; k < s->n_questions; k++) {
      size_t i = r->order[k];
      const SnapQuestion *q = &s->questions[i];
      Block *b = block(l, true, k == 0);
      if (k == 0) {
         heading(l, b, _("Questions and answers"), '=');
         para(l, b, 0, 0, _("[x] in place, [ ] not in place, [-] not applicable."));
         blank(b);
      }
      char *h = xasprintf("%s: %s (%s)", q->id, q->title, Report_riskLabel(q->risk));
      para(l, b, 0, 2, h);
      free(h);
      const char *phase = Report_phaseName(r, q);
      h = *phase ? xasprintf(_("Phase: %s; pillar: %s"), phase, Report_pillarName(r, q))
                 : xasprintf(_("Pillar: %s"), Report_pillarName(r, q));
      para(l, b, 2, 2, h);
      free(h);
      if (q->not_applicable) {
         h = Report_naLine(q);
         para(l, b, 2, 2, h);
         free(h);
      }
      for (size_t c = 0; c < q->n_choices; c++) {
         h = xasprintf("%s %s", choiceMark(q->choices[c].state), q->choices[c].title);
         para(l, b, 2, 4, h);
         free(h);
         field(l, b, 6, _("Notes"), q->choices[c].notes); /* the practice's evidence */
      }
      field(l, b, 2, _("Notes"), q->notes);
      if (!r->milestone && r->doc.stored && r->doc.stored[0].question_id) {
         const Question *lq = Report_lensQuestion(r, i);
         size_t qi = lq ? (size_t)(lq - r->doc.lens->questions) : 0;
         const StoredAnswer *sa = lq ? &r->doc.stored[qi] : NULL;
         if (sa && sa->version > 0) {
            h = xasprintf(_("Last answered %s by %s"), sa->updated_at, sa->updated_by);
            para(l, b, 2, 2, h);
            free(h);
         }
      }
      blank(b);
   }
}

/* ---- pages ---- */

typedef struct Page {
   const char **lines; /* borrowed from the blocks */
   size_t n;
} Page;

static Page *paginate(const Layout *l, size_t body, size_t *npages)
{
   size_t cap = 0, n = 0;
   Page *pages = NULL;
#define NEW_PAGE()                                                \
   do {                                                           \
      pages = xgrow(pages, &cap, n + 1, sizeof *pages);           \
      pages[n].lines = xcalloc(body + 1, sizeof *pages[n].lines); \
      pages[n++].n = 0;                                           \
   } while (0)
   NEW_PAGE();
   for (size_t i = 0; i < l->n; i++) {
      const Block *b = &l->blocks[i];
      Page *p = &pages[n - 1];
      if ((b->page_break && p->n > 0) || (b->keep && b->n <= body && p->n + b->n > body))
         NEW_PAGE();
      for (size_t k = 0; k < b->n; k++) {
         p = &pages[n - 1];
         if (p->n == body)
            NEW_PAGE();
         p = &pages[n - 1];
         if (p->n == 0 && !*b->lines[k])
            continue; /* no blank line at the top of a page */
         p->lines[p->n++] = b->lines[k];
      }
   }
#undef NEW_PAGE
   *npages = n;
   return pages;
}

static bool writePages(const Report *r, const Page *pages, size_t n, size_t body, size_t width,
                       FILE *f)
{
   char *title = xasprintf("%s - %s", r->doc.workload.name, r->snap.lens_name);
   char *who = r->milestone ? xasprintf(_("%s, milestone %s, %s"), r->doc.workload.name,
                                        r->milestone, r->date)
                            : xasprintf("%s, %s", r->doc.workload.name, r->date);
   Sbuf rule = {0};
   Sbuf_repeat(&rule, "-", width);
   bool ok = true;
   for (size_t i = 0; i < n && ok; i++) {
      char *head = Rtext_sides(title, r->date, width);
      char *pg = xasprintf(_("page %zu of %zu"), i + 1, n);
      char *foot = Rtext_sides(who, pg, width);
      ok = Rtext_putLine(f, head, "\n") && Rtext_putLine(f, rule.s, "\n");
      for (size_t k = 0; k < body && ok; k++)
         ok = Rtext_putLine(f, k < pages[i].n ? pages[i].lines[k] : "", "\n");
      if (ok)
         ok = Rtext_putLine(f, rule.s, "\n") && Rtext_putLine(f, foot, i + 1 < n ? "\f" : "\n");
      free(head);
      free(pg);
      free(foot);
   }
   free(rule.s);
   free(title);
   free(who);
   return ok && !ferror(f);
}

bool ReportText_write(const Report *r, const ReportOptions *o, FILE *f)
{
   Layout l = {.width = o->width ? o->width : REPORT_DEFAULT_WIDTH};
   size_t length = o->page_length ? o->page_length : REPORT_DEFAULT_PAGE_LENGTH;
   size_t body = length - HEADER_LINES - FOOTER_LINES;
   if (!o->plan_only) {
      workloadSection(r, &l);
      summarySection(r, &l);
      matrixSection(r, &l);
      groupSection(r, &l, _("Risk by pillar"), _("Pillar"), r->snap.pillars, r->snap.n_pillars);
      groupSection(r, &l, _("Risk by phase"), _("Phase"), r->snap.phases, r->snap.n_phases);
      trendSection(r, &l);
   }
   planSection(r, o, &l);
   if (!o->plan_only)
      questionsSection(r, &l);
   size_t npages;
   Page *pages = paginate(&l, body, &npages);
   bool ok = writePages(r, pages, npages, body, l.width, f);
   for (size_t i = 0; i < npages; i++)
      free(pages[i].lines);
   free(pages);
   for (size_t i = 0; i < l.n; i++) {
      for (size_t k = 0; k < l.blocks[i].n; k++)
         free(l.blocks[i].lines[k]);
      free(l.blocks[i].lines);
   }
   free(l.blocks);
   return ok;
}
