/* report.c: the report model (a snapshot plus what the writers need around
 * it), the wording the writers share, and output to a file. */
#include "config.h"

#include "report/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/outfile.h"
#include "report/rtext.h"
#include "report/writers.h"
#include "store/plan.h"
#include "store/profiledoc.h"

/* Writes r in opts->format; false on a write error (errno set). */
static bool reportWrite(const Report *r, const ReportOptions *opts, FILE *f);

static void reportFree(Report *r);

/* Loads the workload and builds the model (opts->milestone picks a
 * milestone).  Lens problems go to diags.  On failure returns the status
 * with *err (caller frees) and *out is empty. */
/* The profile's marks on the snapshot's questions (matched by id: a
 * milestone may predate a lens upgrade), then the plan's active items of
 * priority questions first, each group keeping its order. */
static StoreStatus loadPriorities(Store *s, Report *r, DiagList *diags, char **err)
{
   ProfileDoc pd;
   StoreStatus st = ProfileDoc_load(s, r->doc.workload.id, r->doc.lens, &pd, diags);
   if (st != STORE_OK) {
      *err = xasprintf(_("workload '%s': its profile no longer loads"), r->doc.workload.name);
      return st;
   }
   r->priority = xcalloc(r->snap.n_questions + 1, sizeof *r->priority);
   r->profile_key = pd.profile ? xstrdup(pd.profile->key) : NULL;
   for (size_t i = 0; pd.profile && i < r->snap.n_questions; i++) {
      size_t at;
      r->priority[i] = Lens_findQuestion(r->doc.lens, r->snap.questions[i].id, &at) &&
                       ProfileDoc_isPriority(&pd, at);
   }
   ProfileDoc_free(&pd);
   Plan *p = &r->snap.plan;
   PlanItem *sorted = xcalloc(p->n_active + 1, sizeof *sorted);
   size_t k = 0;
   for (int pass = 1; pass >= 0; pass--)
      for (size_t i = 0; i < p->n_active; i++)
         if ((int)Report_isPriority(r, p->items[i].question) == pass)
            sorted[k++] = p->items[i];
   if (p->n_active)
      memcpy(p->items, sorted, p->n_active * sizeof *sorted);
   free(sorted);
   return STORE_OK;
}

bool Report_isPriority(const Report *r, size_t sq)
{
   return r->priority && sq < r->snap.n_questions && r->priority[sq];
}

static StoreStatus reportBuild(Store *s, const char *workload, const ReportOptions *opts,
                               Report *out, DiagList *diags, char **err);

/* "Machine Learning Lens 2025.11 (machine-learning)". */
static char *reportLensLine(const Report *r);

static const char *const formatNames[] = {"text", "md", "html", "csv", "json"};

bool ReportFormat_parse(const char *name, ReportFormat *out)
{
   for (size_t i = 0; i < sizeof formatNames / sizeof *formatNames; i++)
      if (strcmp(name, formatNames[i]) == 0) {
         *out = (ReportFormat)i;
         return true;
      }
   if (strcmp(name, "markdown") == 0 || strcmp(name, "txt") == 0) {
      *out = name[0] == 'm' ? REPORT_MD : REPORT_TEXT;
      return true;
   }
   return false;
}

const char *ReportFormat_name(ReportFormat f)
{
   return (unsigned)f < sizeof formatNames / sizeof *formatNames ? formatNames[f] : "?";
}

bool Report_checkOptions(const ReportOptions *o, char **err)
{
   if (o->width && (o->width < REPORT_MIN_WIDTH || o->width > REPORT_MAX_WIDTH)) {
      *err = xasprintf(_("the width must be from %d to %d columns"), REPORT_MIN_WIDTH,
                       REPORT_MAX_WIDTH);
      return false;
   }
   if (o->page_length &&
       (o->page_length < REPORT_MIN_PAGE_LENGTH || o->page_length > REPORT_MAX_PAGE_LENGTH)) {
      *err = xasprintf(_("the page length must be from %d to %d lines"), REPORT_MIN_PAGE_LENGTH,
                       REPORT_MAX_PAGE_LENGTH);
      return false;
   }
   return true;
}

/* ---- the model ---- */

static size_t rowOf(const Snapshot *s, const SnapQuestion *q)
{
   return s->n_phases && q->phase >= 0 && (size_t)q->phase < s->n_phases ? (size_t)q->phase : 0;
}

static void countCell(MatrixCell *c, Risk risk)
{
   c->total++;
   switch (risk) {
   case RISK_HIGH: c->high++; break;
   case RISK_MEDIUM: c->medium++; break;
   case RISK_NONE: c->none++; break;
   case RISK_NOT_APPLICABLE: c->na++; break;
   default: c->unanswered++; break;
   }
   c->answered = c->total - c->unanswered;
   if (c->total == 1 || Risk_severity(risk) > Risk_severity(c->worst))
      c->worst = risk;
}

static void buildMatrix(Report *r)
{
   const Snapshot *s = &r->snap;
   r->rows = s->n_phases ? s->n_phases : 1;
   r->cols = s->n_pillars;
   r->cells = xcalloc(r->rows * r->cols + 1, sizeof *r->cells);
   for (size_t i = 0; i < s->n_questions; i++) {
      const SnapQuestion *q = &s->questions[i];
      if (q->pillar < r->cols)
         countCell(&r->cells[rowOf(s, q) * r->cols + q->pillar], q->risk);
   }
}

/* Review order: phase row, then pillar, then lens order (a stable insertion
 * sort; lenses hold at most a few hundred questions). */
static void buildOrder(Report *r)
{
   const Snapshot *s = &r->snap;
   r->order = xcalloc(s->n_questions + 1, sizeof *r->order);
   for (size_t i = 0; i < s->n_questions; i++) {
      const SnapQuestion *q = &s->questions[i];
      size_t j = i;
      while (j > 0) {
         const SnapQuestion *p = &s->questions[r->order[j - 1]];
         if (rowOf(s, p) < rowOf(s, q) || (rowOf(s, p) == rowOf(s, q) && p->pillar <= q->pillar))
            break;
         r->order[j] = r->order[j - 1];
         j--;
      }
      r->order[j] = i;
   }
}

static ReportTrend *addTrend(Report *r, const char *name, const char *date, const SnapCounts *c,
                             bool reported)
{
   ReportTrend *t = &r->trend[r->n_trend++];
   t->name = xstrdup(name);
   t->date = xstrndup(date, 10);
   t->counts = *c;
   t->reported = reported;
   return t;
}

/* Picks the reported snapshot and the trend from the milestones. */
static StoreStatus takeSnapshots(Store *s, Report *r, const ReportOptions *o, char **err)
{
   MilestoneSnap *ms = NULL;
   size_t n = 0;
   StoreStatus st = StorePlan_milestones(s, &r->doc, &ms, &n, err);
   if (st != STORE_OK)
      return st;
   long pick = -1;
   for (size_t i = 0; o->milestone && i < n; i++)
      if (strcmp(ms[i].row.name, o->milestone) == 0)
         pick = (long)i;
   if (o->milestone && pick < 0) {
      *err = xasprintf(_("workload '%s' has no milestone named '%s'"), r->doc.workload.name,
                       o->milestone);
      st = STORE_NOT_FOUND;
   } else if (pick >= 0 && ms[pick].damage) {
      *err = xasprintf(_("%s: the milestone is damaged and cannot be reported"), ms[pick].damage);
      st = STORE_INVALID;
   } else if (pick >= 0) {
      r->snap = ms[pick].snap;
      memset(&ms[pick].snap, 0, sizeof ms[pick].snap);
      r->milestone = xstrdup(ms[pick].row.name);
      r->milestone_at = xstrdup(ms[pick].row.created_at);
      r->milestone_by = xstrdup(ms[pick].row.created_by);
   } else {
      st = StorePlan_snapshot(s, &r->doc, &r->snap, err);
   }
   if (st == STORE_OK && n) {
      r->trend = xcalloc(n + 1, sizeof *r->trend);
      for (size_t i = 0; i < n; i++) {
         const SnapCounts *c = (long)i == pick ? &r->snap.total : &ms[i].snap.total;
         addTrend(r, ms[i].row.name, ms[i].row.created_at, c, (long)i == pick)->damaged =
            ms[i].damage != NULL;
      }
      if (pick < 0)
         addTrend(r, NULL, r->date, &r->snap.total, true);
   }
   MilestoneSnap_freeArray(ms, n);
   return st;
}

/* Last changed: the review's newest change, not the workload row's own time. */
static void readLastChange(Store *s, Report *r)
{
   const Workload *w = &r->doc.workload;
   if (Store_lastChange(s, w->review_id, &r->last_at, &r->last_by) == STORE_OK)
      return;
   free(r->last_at);
   free(r->last_by);
   r->last_at = w->updated_at ? xstrdup(w->updated_at) : NULL;
   r->last_by = w->updated_by ? xstrdup(w->updated_by) : NULL;
}

static bool planItemShown(const PlanItem *it, const ReportOptions *o, PlanStatus status)
{
   if (o->status && it->track.status != status)
      return false;
   return !o->owner || (it->track.owner && strcmp(it->track.owner, o->owner) == 0);
}

/* --status/--owner: "my open items, paginated".  Drops the plan items
 * that do not match, keeping the derived ones first (Plan's order). */
static void filterPlan(Report *r, const ReportOptions *o)
{
   PlanStatus status = PLAN_OPEN;
   if (!o->status && !o->owner)
      return;
   if (o->status)
      (void)PlanStatus_parse(o->status, &status);
   Plan *p = &r->snap.plan;
   size_t kept = 0, active = 0;
   for (size_t i = 0; i < p->n; i++) {
      if (planItemShown(&p->items[i], o, status)) {
         p->items[kept++] = p->items[i];
         if (i < p->n_active)
            active++;
      } else {
         PlanTrack_free(&p->items[i].track);
      }
   }
   p->n = kept;
   p->n_active = active;
   Sbuf b = {0};
   if (o->status)
      Sbuf_printf(&b, _("status %s"), PlanStatus_label(status));
   if (o->owner)
      Sbuf_printf(&b, _("%sowner %s"), o->status ? ", " : "", o->owner);
   r->plan_filter = b.s;
}

static StoreStatus reportBuild(Store *s, const char *workload, const ReportOptions *o, Report *out,
                               DiagList *diags, char **err)
{
   memset(out, 0, sizeof *out);
   /* One snapshot, so a commit between reads cannot pair the answers of
    * one moment with the plan of the next. */
   StoreStatus st = Store_readBegin(s);
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      return st;
   }
   st = ReviewDoc_load(s, workload, &out->doc, diags, err);
   if (st != STORE_OK) {
      (void)Store_readEnd(s);
      return st;
   }
   StorePlan_today(s, out->date);
   readLastChange(s, out);
   st = takeSnapshots(s, out, o, err);
   if (st == STORE_OK)
      st = loadPriorities(s, out, diags, err);
   StoreStatus end = Store_readEnd(s);
   if (st == STORE_OK && end != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      st = end;
   }
   if (st != STORE_OK) {
      reportFree(out);
      return st;
   }
   filterPlan(out, o);
   buildMatrix(out);
   buildOrder(out);
   return STORE_OK;
}

static void reportFree(Report *r)
{
   ReviewDoc_free(&r->doc);
   Snapshot_free(&r->snap);
   free(r->milestone);
   free(r->milestone_at);
   free(r->milestone_by);
   free(r->last_at);
   free(r->last_by);
   free(r->plan_filter);
   free(r->cells);
   free(r->order);
   free(r->priority);
   free(r->profile_key);
   for (size_t i = 0; i < r->n_trend; i++) {
      free(r->trend[i].name);
      free(r->trend[i].date);
   }
   free(r->trend);
   memset(r, 0, sizeof *r);
}

const Question *Report_lensQuestion(const Report *r, size_t sq)
{
   if (!r->doc.lens || sq >= r->snap.n_questions)
      return NULL;
   return Lens_findQuestion(r->doc.lens, r->snap.questions[sq].id, NULL);
}

const Choice *Report_lensChoice(const Report *r, size_t sq, size_t sc)
{
   const Question *q = Report_lensQuestion(r, sq);
   if (!q || sc >= r->snap.questions[sq].n_choices)
      return NULL;
   int c = Question_findChoice(q, r->snap.questions[sq].choices[sc].id);
   return c >= 0 ? &q->choices[c] : NULL;
}

/* Only web links are offered: a lens may hold anything in a url
 * ("javascript:...", a file path), and a report must not turn it into a
 * link a reader clicks. */
static bool webUrl(const char *u)
{
   return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

const char *Report_practiceLink(const Report *r, size_t sq, size_t sc)
{
   const Choice *c = Report_lensChoice(r, sq, sc);
   if (!c)
      return NULL;
   return webUrl(c->improvement.url) ? c->improvement.url
          : webUrl(c->helpful.url)   ? c->helpful.url
                                     : NULL;
}

/* ---- shared wording ---- */

const char *Report_riskLabel(Risk r)
{
   switch (r) {
   case RISK_HIGH: return _("High");
   case RISK_MEDIUM: return _("Medium");
   case RISK_NONE: return _("None");
   case RISK_NOT_APPLICABLE: return _("Not applicable");
   default: return _("Unanswered");
   }
}

const char *Report_phaseName(const Report *r, const SnapQuestion *q)
{
   const Snapshot *s = &r->snap;
   if (!s->n_phases)
      return "";
   return s->phases[rowOf(s, q)].name;
}

char *Report_naLine(const SnapQuestion *q)
{
   if (q->na_note)
      return xasprintf(_("Not applicable: %s — %s"), NaReason_label(q->reason), q->na_note);
   return xasprintf(_("Not applicable: %s"), NaReason_label(q->reason));
}

const char *Report_pillarName(const Report *r, const SnapQuestion *q)
{
   return q->pillar < r->snap.n_pillars ? r->snap.pillars[q->pillar].name : "";
}

char *Report_cellText(const MatrixCell *c)
{
   if (c->total == 0)
      return xstrdup("-");
   Sbuf b = {0};
   Sbuf_printf(&b, "%zu/%zu", c->answered, c->total);
   if (c->high)
      Sbuf_printf(&b, " H%zu", c->high);
   if (c->medium)
      Sbuf_printf(&b, " M%zu", c->medium);
   return Sbuf_take(&b);
}

Risk Report_cellWorst(const MatrixCell *c)
{
   return c->total ? c->worst : RISK_UNANSWERED;
}

char *Report_title(const Report *r)
{
   return xasprintf(_("Well-Architected review: %s"), r->doc.workload.name);
}

static char *reportLensLine(const Report *r)
{
   const Snapshot *s = &r->snap;
   return s->lens_version && *s->lens_version
             ? xasprintf("%s %s (%s)", s->lens_name, s->lens_version, s->lens_key)
             : xasprintf("%s (%s)", s->lens_name, s->lens_key);
}

size_t Report_facts(const Report *r, ReportFact *facts)
{
   const Workload *w = &r->doc.workload;
   char *lens = reportLensLine(r);
   char *last = r->last_at && r->last_by && *r->last_by
                   ? xasprintf(_("%s by %s"), r->last_at, r->last_by)
                   : xstrdup(r->last_at ? r->last_at : "");
   const struct {
      const char *label, *value;
   } rows[] = {
      {_("Workload"), w->name},
      {_("Description"), w->description},
      {_("Environment"), w->environment},
      {_("Owner"), w->owner},
      {_("Created"), w->created_at},
      {_("Last changed"), last},
      {_("Lens"), lens},
      {_("Report date"), r->date},
      {_("Plan items shown"), r->plan_filter},
   };
   size_t n = 0;
   for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
      if (rows[i].value && *rows[i].value)
         facts[n++] = (ReportFact){rows[i].label, xstrdup(rows[i].value), false};
   free(lens);
   free(last);
   if (r->milestone)
      facts[n++] = (ReportFact){
         _("Milestone"),
         xasprintf(_("%s, saved %s by %s"), r->milestone, r->milestone_at, r->milestone_by), true};
   return n;
}

void Report_freeFacts(ReportFact *facts, size_t n)
{
   for (size_t i = 0; i < n; i++)
      free(facts[i].value);
}

char *Report_trackingLine(const Report *r, const PlanItem *it)
{
   const PlanTrack *t = &it->track;
   Sbuf b = {0};
   Sbuf_printf(&b, _("Status: %s"), PlanStatus_label(t->status));
   if (t->owner && *t->owner)
      Sbuf_printf(&b, _("; owner: %s"), t->owner);
   if (t->due && *t->due) {
      Sbuf_printf(&b, _("; due: %s"), t->due);
      if (PlanItem_isOverdue(it, r->snap.today ? r->snap.today : r->date))
         Sbuf_add(&b, _(" (overdue)"));
   }
   if (t->priority > 0)
      Sbuf_printf(&b, _("; priority: %d"), t->priority);
   if (t->impact != PLAN_LEVEL_NONE)
      Sbuf_printf(&b, _("; impact: %s"), PlanLevel_label(t->impact));
   if (t->effort != PLAN_LEVEL_NONE)
      Sbuf_printf(&b, _("; effort: %s"), PlanLevel_label(t->effort));
   return Sbuf_take(&b);
}

const PlanLevel REPORT_GRID_IMPACT[REPORT_GRID_N] = {PLAN_LEVEL_HIGH, PLAN_LEVEL_MEDIUM,
                                                     PLAN_LEVEL_LOW, PLAN_LEVEL_NONE};
const PlanLevel REPORT_GRID_EFFORT[REPORT_GRID_N] = {PLAN_LEVEL_LOW, PLAN_LEVEL_MEDIUM,
                                                     PLAN_LEVEL_HIGH, PLAN_LEVEL_NONE};

/* Position of l in a grid order (the unset level is last in both). */
static size_t gridPos(const PlanLevel *order, PlanLevel l)
{
   for (size_t i = 0; i < REPORT_GRID_N; i++)
      if (order[i] == l)
         return i;
   return REPORT_GRID_N - 1;
}

bool Report_grid(const Report *r, size_t n[REPORT_GRID_N][REPORT_GRID_N])
{
   memset(n, 0, sizeof(size_t) * REPORT_GRID_N * REPORT_GRID_N);
   bool any = false;
   const Plan *p = &r->snap.plan;
   for (size_t i = 0; i < p->n_active; i++) {
      const PlanTrack *t = &p->items[i].track;
      n[gridPos(REPORT_GRID_IMPACT, t->impact)][gridPos(REPORT_GRID_EFFORT, t->effort)]++;
      any = any || t->impact != PLAN_LEVEL_NONE || t->effort != PLAN_LEVEL_NONE;
   }
   return any;
}

char *Report_gridLabel(bool impact, PlanLevel l)
{
   const char *v = l == PLAN_LEVEL_NONE ? _("unset") : PlanLevel_label(l);
   return xasprintf(impact ? _("Impact: %s") : _("Effort: %s"), v);
}

/* Items of the plan to show under risk r (HIGH or MEDIUM): the active
 * items whose question has that risk. */
static size_t countPlan(const Report *r, Risk risk)
{
   size_t n = 0;
   for (size_t i = 0; i < r->snap.plan.n_active; i++)
      n += r->snap.plan.items[i].risk == risk;
   return n;
}

size_t Report_summary(const Report *r, char *lines[REPORT_SUMMARY_LINES])
{
   const SnapCounts *c = &r->snap.total;
   lines[0] = xasprintf(_("%zu questions, %zu answered: %zu high risk, %zu medium risk, %zu no "
                          "risk, %zu not applicable, %zu unanswered."),
                        c->questions, c->questions - c->by_risk[RISK_UNANSWERED],
                        c->by_risk[RISK_HIGH], c->by_risk[RISK_MEDIUM], c->by_risk[RISK_NONE],
                        c->by_risk[RISK_NOT_APPLICABLE], c->by_risk[RISK_UNANSWERED]);
   lines[1] =
      xasprintf(_("%zu of %zu best practices in place."), c->practices_selected, c->practices);
   lines[2] =
      xasprintf(_("Improvement plan: %zu items; %zu open, %zu in progress, %zu done, %zu "
                  "risk accepted, %zu won't do; %zu overdue."),
                c->plan_active, c->plan_by_status[PLAN_OPEN], c->plan_by_status[PLAN_IN_PROGRESS],
                c->plan_by_status[PLAN_DONE], c->plan_by_status[PLAN_RISK_ACCEPTED],
                c->plan_by_status[PLAN_WONT_DO], c->plan_overdue);
   return REPORT_SUMMARY_LINES;
}

const Risk REPORT_PLAN_GROUP[REPORT_PLAN_GROUPS] = {RISK_HIGH, RISK_MEDIUM};

char *Report_planGroupTitle(const Report *r, Risk risk)
{
   size_t n = countPlan(r, risk);
   if (n == 0)
      return NULL;
   return xasprintf(risk == RISK_HIGH ? _("High risk (%zu items)") : _("Medium risk (%zu items)"),
                    n);
}

/* ---- output ---- */

static bool reportWrite(const Report *r, const ReportOptions *o, FILE *f)
{
   switch (o->format) {
   case REPORT_TEXT: return ReportText_write(r, o, f);
   case REPORT_MD: return ReportMd_write(r, o, f);
   case REPORT_HTML: return ReportHtml_write(r, o, f);
   case REPORT_CSV: return ReportCsv_write(r, o, f);
   case REPORT_JSON: return ReportJson_write(r, o, f);
   }
   return false;
}

bool Report_writeFile(Store *s, const char *workload, const ReportOptions *o, const char *path,
                      char **err)
{
   if (!Report_checkOptions(o, err))
      return false;
   DiagList d;
   DiagList_init(&d);
   Report r;
   StoreStatus st = reportBuild(s, workload, o, &r, &d, err);
   DiagList_free(&d);
   if (st != STORE_OK)
      return false;
   OutFile f;
   OutFileRules rules = {.force = o->force, .db_path = Store_path(s)};
   bool ok = OutFile_open(&f, path, &rules, err);
   if (ok && !reportWrite(&r, o, f.fp)) {
      *err = OutFile_writeError(path, errno);
      OutFile_finish(&f, false, NULL);
      ok = false;
   } else if (ok) {
      ok = OutFile_finish(&f, true, err);
   }
   reportFree(&r);
   return ok;
}
