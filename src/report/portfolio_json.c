/* portfolio_json.c: the portfolio as JSON for tools (doc/report-json.md,
 * "The portfolio").  Keys keep a fixed order; absent values are null. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/xalloc.h"
#include "report/portfolio.h"
#include "report/rtext.h"

#define PORTFOLIO_JSON_VERSION 1

/* Where a lens's workload rows go, followed by its index; a control
 * character no text of the skeleton holds, and as Json_dump writes it. */
#define ROWS_MARK "\001walens-rows-"
#define ROWS_MARK_DUMPED "\\u0001walens-rows-"

static void setCount(json_t *o, const char *key, size_t v)
{
   Json_setInt(o, key, (long long)v);
}

static json_t *risksJson(const size_t *by_risk, size_t questions)
{
   json_t *o = Json_checked(json_object());
   setCount(o, "questions", questions);
   setCount(o, "answered", questions - by_risk[RISK_UNANSWERED]);
   setCount(o, "high", by_risk[RISK_HIGH]);
   setCount(o, "medium", by_risk[RISK_MEDIUM]);
   setCount(o, "none", by_risk[RISK_NONE]);
   setCount(o, "not_applicable", by_risk[RISK_NOT_APPLICABLE]);
   setCount(o, "unanswered", by_risk[RISK_UNANSWERED]);
   return o;
}

static json_t *lensJson(const Lens *l)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "key", l->key);
   Json_setString(o, "version", l->version);
   Json_setString(o, "name", l->name);
   Json_setString(o, "sha256", l->sha256);
   return o;
}

static json_t *matrixJson(const PortfolioLens *g)
{
   json_t *a = Json_checked(json_array());
   for (size_t r = 0; r < g->rows; r++)
      for (size_t c = 0; c < g->cols; c++) {
         const PortfolioCell *pc = &g->cells[r * g->cols + c];
         if (!pc->questions)
            continue;
         json_t *o = Json_checked(json_object());
         Json_setString(o, "phase", g->lens->n_phases ? g->lens->phases[r].id : NULL);
         Json_setString(o, "pillar", g->lens->pillars[c].id);
         setCount(o, "high", pc->high);
         setCount(o, "medium", pc->medium);
         setCount(o, "unanswered", pc->unanswered);
         Json_append(a, o);
      }
   return a;
}

static json_t *practicesJson(const PortfolioLens *g)
{
   json_t *a = Json_checked(json_array());
   for (size_t i = 0; i < g->n_top; i++) {
      const PortfolioPractice *pp = &g->top[i];
      const Question *q = &g->lens->questions[pp->question];
      const Choice *c = &q->choices[pp->choice];
      json_t *o = Json_checked(json_object());
      Json_setString(o, "question", q->id);
      Json_setString(o, "choice", c->id);
      Json_setString(o, "question_title", q->title);
      Json_setString(o, "title", c->title);
      setCount(o, "workloads", pp->count);
      setCount(o, "high", pp->high);
      Json_append(a, o);
   }
   return a;
}

static json_t *rowJson(const Portfolio *p, const PortfolioRow *r)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "name", r->name);
   Json_setString(o, "database", p->dbs[r->db]);
   Json_setBool(o, "name_clash", r->clash);
   Json_setString(o, "environment", r->environment);
   Json_setString(o, "owner", r->owner);
   Json_setBool(o, "archived", r->archived);
   Json_set(o, "counts", risksJson(r->by_risk, r->questions));
   setCount(o, "answered_percent", Portfolio_percent(r->answered, r->questions));
   json_t *ch = Json_checked(json_object());
   Json_setString(ch, "at", r->last_at);
   Json_setString(ch, "by", r->last_by);
   Json_set(o, "last_change", ch);
   json_t *plan = Json_checked(json_object());
   setCount(plan, "open", r->plan_open);
   setCount(plan, "in_progress", r->plan_in_progress);
   setCount(plan, "done", r->plan_done);
   setCount(plan, "overdue", r->plan_overdue);
   Json_set(o, "plan", plan);
   if (r->milestone) {
      json_t *m = Json_checked(json_object());
      Json_setString(m, "name", r->milestone);
      Json_setString(m, "created_at", r->milestone_at);
      Json_set(o, "latest_milestone", m);
   } else {
      Json_set(o, "latest_milestone", json_null());
   }
   return o;
}

static json_t *trendJson(const PortfolioLens *g)
{
   json_t *a = Json_checked(json_array());
   for (size_t i = 0; i < g->n_trend; i++) {
      const PortfolioMonth *m = &g->trend[i];
      json_t *o = Json_checked(json_object());
      Json_setString(o, "month", m->month);
      setCount(o, "workloads", m->workloads);
      Json_set(o, "counts", risksJson(m->by_risk, m->questions));
      Json_append(a, o);
   }
   return a;
}

static json_t *groupJson(const Portfolio *p, const PortfolioLens *g)
{
   json_t *o = Json_checked(json_object());
   Json_set(o, "lens", lensJson(g->lens));
   setCount(o, "workload_count", g->n_wl);
   Json_set(o, "counts", risksJson(g->by_risk, g->questions));
   Json_set(o, "matrix", matrixJson(g));
   Json_set(o, "missing_practices", practicesJson(g));
   /* The rows are written in its place one by one (writeRows). */
   char *mark = xasprintf(ROWS_MARK "%zu", (size_t)(g - p->lenses));
   Json_setString(o, "workloads", mark);
   free(mark);
   Json_set(o, "trend", trendJson(g));
   return o;
}

/* Writes text with every line after the first indented by `indent` more. */
static bool putIndented(FILE *f, const char *text, const char *indent)
{
   for (const char *nl; (nl = strchr(text, '\n')); text = nl + 1)
      if (fwrite(text, 1, (size_t)(nl + 1 - text), f) != (size_t)(nl + 1 - text) ||
          fputs(indent, f) == EOF)
         return false;
   return fputs(text, f) != EOF;
}

/* The "workloads" array of g as Json_dump would write it at its depth
 * (root, lenses, a lens: 3 levels of 2 spaces), one row at a time, so that
 * no document of 10,000 rows is built in memory. */
static bool writeRows(const Portfolio *p, const PortfolioLens *g, FILE *f)
{
   if (!g->n_wl)
      return fputs("[]", f) != EOF;
   bool ok = fputs("[", f) != EOF;
   for (size_t i = 0; ok && i < g->n_wl; i++) {
      json_t *row = rowJson(p, &g->wl[i]);
      char *text = json_dumps(row, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
      json_decref(row);
      if (!text)
         Json_checked(NULL);
      ok = fputs("\n        ", f) != EOF && putIndented(f, text, "        ") &&
           (i + 1 == g->n_wl || fputs(",", f) != EOF);
      free(text);
   }
   return ok && fputs("\n      ]", f) != EOF;
}

/* Writes text, the rows of each lens where its mark stands. */
static bool writeDocument(const Portfolio *p, const char *text, FILE *f)
{
   for (size_t i = 0; i < p->n_lenses; i++) {
      char *key = xasprintf("\"workloads\": \"" ROWS_MARK_DUMPED "%zu\"", i);
      const char *at = strstr(text, key);
      bool ok = at && fwrite(text, 1, (size_t)(at - text), f) == (size_t)(at - text) &&
                fputs("\"workloads\": ", f) != EOF && writeRows(p, &p->lenses[i], f);
      if (at)
         text = at + strlen(key);
      free(key);
      if (!ok)
         return false;
   }
   return Rtext_put(f, text);
}

bool PortfolioJson_write(const Portfolio *p, FILE *f)
{
   json_t *root = Json_checked(json_object());
   Json_setString(root, "format", "walens-portfolio");
   Json_setInt(root, "version", PORTFOLIO_JSON_VERSION);
   Json_setString(root, "date", p->date);
   json_t *dbs = Json_checked(json_array());
   for (size_t i = 0; i < p->n_dbs; i++)
      Json_append(dbs, Json_string(p->dbs[i]));
   Json_set(root, "databases", dbs);
   json_t *flt = Json_checked(json_object());
   Json_setString(flt, "lens", p->filter.lens);
   Json_setString(flt, "environment", p->filter.environment);
   Json_setString(flt, "owner", p->filter.owner);
   Json_setBool(flt, "archived", p->filter.archived);
   Json_set(root, "filter", flt);
   json_t *ls = Json_checked(json_array());
   for (size_t i = 0; i < p->n_lenses; i++)
      Json_append(ls, groupJson(p, &p->lenses[i]));
   Json_set(root, "lenses", ls);
   char *text = Json_dump(root);
   json_decref(root);
   bool ok = writeDocument(p, text, f);
   free(text);
   return ok && !ferror(f);
}
