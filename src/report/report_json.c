/* report_json.c: the whole review as JSON for tools (doc/report-json.md).
 * Keys keep a fixed order; absent values are null, never left out. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/json.h"
#include "report/rtext.h"
#include "report/workload_json.h"
#include "report/writers.h"

#define REPORT_JSON_VERSION 2

/* The counts and groups are the milestone snapshot's own writer: one shape
 * for what is stored and what is reported (doc/report-json.md, version 2). */
static json_t *countsJson(const SnapCounts *c)
{
   return Json_checked(SnapCounts_toJson(c));
}

static json_t *groupsJson(const SnapGroup *g, size_t n)
{
   return Json_checked(SnapGroups_toJson(g, n));
}

static json_t *lensJson(const Report *r)
{
   const Snapshot *s = &r->snap;
   json_t *o = Json_checked(json_object());
   Json_setString(o, "key", s->lens_key);
   Json_setString(o, "version", s->lens_version);
   Json_setString(o, "name", s->lens_name);
   Json_setString(o, "sha256", s->lens_sha256);
   return o;
}

static const char *phaseId(const Snapshot *s, size_t row)
{
   return s->n_phases ? s->phases[row].id : NULL;
}

static json_t *matrixJson(const Report *r)
{
   json_t *a = Json_checked(json_array());
   for (size_t row = 0; row < r->rows; row++)
      for (size_t c = 0; c < r->cols; c++) {
         const MatrixCell *cell = &r->cells[row * r->cols + c];
         json_t *o = Json_checked(json_object());
         Json_setString(o, "phase", phaseId(&r->snap, row));
         Json_setString(o, "pillar", r->snap.pillars[c].id);
         Json_setInt(o, "questions", (long long)cell->total);
         Json_setInt(o, "answered", (long long)cell->answered);
         Json_setInt(o, "high", (long long)cell->high);
         Json_setInt(o, "medium", (long long)cell->medium);
         Json_setInt(o, "none", (long long)cell->none);
         Json_setInt(o, "not_applicable", (long long)cell->na);
         Json_setInt(o, "unanswered", (long long)cell->unanswered);
         Json_setString(o, "worst", cell->total ? Risk_name(cell->worst) : NULL);
         Json_append(a, o);
      }
   return a;
}

static const char *stateName(ChoiceState s)
{
   return s == CHOICE_SELECTED ? "selected" : s == CHOICE_NA ? "not_applicable" : "unselected";
}

static json_t *questionJson(const Report *r, size_t i)
{
   const Snapshot *s = &r->snap;
   const SnapQuestion *q = &s->questions[i];
   json_t *o = Json_checked(json_object()), *choices = Json_checked(json_array());
   Json_setString(o, "id", q->id);
   Json_setString(o, "title", q->title);
   Json_setString(o, "phase",
                  s->n_phases && q->phase >= 0 && (size_t)q->phase < s->n_phases
                     ? s->phases[q->phase].id
                     : NULL);
   Json_setString(o, "pillar", q->pillar < s->n_pillars ? s->pillars[q->pillar].id : NULL);
   Json_setString(o, "risk", Risk_name(q->risk));
   Json_setBool(o, "profile_priority", Report_isPriority(r, i));
   Json_setBool(o, "not_applicable", q->not_applicable);
   Json_setString(o, "reason", q->not_applicable ? NaReason_name(q->reason) : NULL);
   if (q->na_note) /* absent when none, as before the text existed */
      Json_setString(o, "reason_text", q->na_note);
   Json_setString(o, "notes", q->notes);
   for (size_t c = 0; c < q->n_choices; c++) {
      const SnapChoice *ch = &q->choices[c];
      json_t *co = Json_checked(json_object());
      Json_setString(co, "id", ch->id);
      Json_setString(co, "title", ch->title);
      Json_setString(co, "weight", ch->weight != WEIGHT_NONE ? Weight_name(ch->weight) : NULL);
      Json_setBool(co, "none_of_these", ch->is_none);
      Json_setString(co, "state", stateName(ch->state));
      if (ch->notes)
         Json_setString(co, "notes", ch->notes);
      Json_append(choices, co);
   }
   Json_set(o, "choices", choices);
   const StoredAnswer *sa = NULL;
   const Question *lq = r->milestone ? NULL : Report_lensQuestion(r, i);
   if (lq && r->doc.stored)
      sa = &r->doc.stored[lq - r->doc.lens->questions];
   Json_setString(o, "updated_at", sa && sa->version ? sa->updated_at : NULL);
   Json_setString(o, "updated_by", sa && sa->version ? sa->updated_by : NULL);
   return o;
}

static json_t *itemJson(const Report *r, const PlanItem *it)
{
   const Snapshot *s = &r->snap;
   const PlanTrack *t = &it->track;
   bool known = it->question < s->n_questions && it->choice < s->questions[it->question].n_choices;
   const SnapQuestion *q = known ? &s->questions[it->question] : NULL;
   const Choice *lc = known ? Report_lensChoice(r, it->question, it->choice) : NULL;
   json_t *o = Json_checked(json_object());
   char *key = xasprintf("%s/%s", t->question_id, t->choice_id);
   Json_setString(o, "key", key);
   free(key);
   Json_setString(o, "question", t->question_id);
   Json_setString(o, "choice", t->choice_id);
   Json_setString(o, "question_title", q ? q->title : NULL);
   Json_setString(o, "practice", q ? q->choices[it->choice].title : NULL);
   Json_setString(o, "phase",
                  q && s->n_phases && q->phase >= 0 && (size_t)q->phase < s->n_phases
                     ? s->phases[q->phase].id
                     : NULL);
   Json_setString(o, "pillar", q && q->pillar < s->n_pillars ? s->pillars[q->pillar].id : NULL);
   Json_setString(o, "state", PlanItemState_name(it->state));
   Json_setString(o, "risk", Risk_name(it->risk));
   Json_setString(o, "weight", it->weight != WEIGHT_NONE ? Weight_name(it->weight) : NULL);
   Json_setBool(o, "profile_priority", known && Report_isPriority(r, it->question));
   Json_setString(o, "status", PlanStatus_name(t->status));
   Json_setString(o, "owner", t->owner);
   Json_setString(o, "due", t->due);
   Json_setBool(o, "overdue", PlanItem_isOverdue(it, s->today ? s->today : r->date));
   if (t->priority > 0)
      Json_setInt(o, "priority", t->priority);
   else
      Json_set(o, "priority", json_null());
   Json_setString(o, "note", t->note);
   Json_setString(o, "improvement", lc ? lc->improvement.text : NULL);
   Json_setString(o, "link", known ? Report_practiceLink(r, it->question, it->choice) : NULL);
   Json_setBool(o, "tracked", it->tracked);
   Json_setString(o, "updated_at", it->tracked ? t->updated_at : NULL);
   Json_setString(o, "updated_by", it->tracked ? t->updated_by : NULL);
   Json_setString(o, "impact", PlanLevel_name(t->impact));
   Json_setString(o, "effort", PlanLevel_name(t->effort));
   return o;
}

static json_t *trendJson(const Report *r)
{
   json_t *a = Json_checked(json_array());
   for (size_t i = 0; i < r->n_trend; i++) {
      const ReportTrend *t = &r->trend[i];
      json_t *o = Json_checked(json_object());
      Json_setString(o, "name", t->name);
      Json_setString(o, "date", t->date);
      Json_setBool(o, "reported", t->reported);
      if (t->damaged)
         Json_setBool(o, "damaged", true);
      Json_set(o, "counts", t->damaged ? json_null() : countsJson(&t->counts));
      Json_append(a, o);
   }
   return a;
}

bool ReportJson_write(const Report *r, const ReportOptions *opts, FILE *f)
{
   json_t *root = Json_checked(json_object());
   Json_setString(root, "format", "walens-report");
   Json_setInt(root, "version", REPORT_JSON_VERSION);
   Json_setString(root, "date", r->date);
   Json_set(root, "workload", Workload_toJson(&r->doc.workload, NULL));
   Json_set(root, "lens", lensJson(r));
   if (r->milestone) {
      json_t *m = Json_checked(json_object());
      Json_setString(m, "name", r->milestone);
      Json_setString(m, "created_at", r->milestone_at);
      Json_setString(m, "created_by", r->milestone_by);
      Json_set(root, "milestone", m);
   } else {
      Json_set(root, "milestone", json_null());
   }
   Json_setString(root, "profile", r->profile_key);
   Json_setBool(root, "plan_only", opts->plan_only);
   if (!opts->plan_only) {
      Json_set(root, "counts", countsJson(&r->snap.total));
      Json_set(root, "phases", groupsJson(r->snap.phases, r->snap.n_phases));
      Json_set(root, "pillars", groupsJson(r->snap.pillars, r->snap.n_pillars));
      Json_set(root, "matrix", matrixJson(r));
      json_t *qs = Json_checked(json_array());
      for (size_t k = 0; k < r->snap.n_questions; k++)
         Json_append(qs, questionJson(r, r->order[k]));
      Json_set(root, "questions", qs);
   }
   json_t *plan = Json_checked(json_array());
   for (size_t i = 0; i < r->snap.plan.n; i++)
      Json_append(plan, itemJson(r, &r->snap.plan.items[i]));
   Json_set(root, "plan", plan);
   if (!opts->plan_only)
      Json_set(root, "milestones", trendJson(r));
   char *text = Json_dump(root);
   json_decref(root);
   bool ok = Rtext_put(f, text);
   free(text);
   return ok && !ferror(f);
}
