/* plan.c (store): a review's plan joined with its stored tracking, and the
 * milestones built from it. */
#include "config.h"

#include "store/plan.h"

#include "store/portkeep.h"

#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/portkeep.h"
#include "store/store_internal.h"

static void setErr(char **err, char *msg)
{
   if (err)
      *err = msg;
   else
      free(msg);
}

static void storeErr(Store *s, char **err)
{
   setErr(err, xstrdup(Store_lastError(s)));
}

void StorePlan_today(const Store *s, char out[11])
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   memcpy(out, now, 10);
   out[10] = '\0';
}

/* Converts the store's rows (strings copied; an unknown status reads as open). */
static void trackFromStored(PlanTrack *dst, const PlanTracking *src)
{
   memset(dst, 0, sizeof *dst);
   dst->question_id = xstrdup(src->question_id);
   dst->choice_id = xstrdup(src->choice_id);
   if (!src->status || !PlanStatus_parse(src->status, &dst->status))
      dst->status = PLAN_OPEN;
   dst->owner = xstrdup(src->owner);
   dst->due = xstrdup(src->due);
   dst->note = xstrdup(src->note);
   dst->priority = src->priority;
   if (!src->impact || !PlanLevel_parse(src->impact, &dst->impact))
      dst->impact = PLAN_LEVEL_NONE;
   if (!src->effort || !PlanLevel_parse(src->effort, &dst->effort))
      dst->effort = PLAN_LEVEL_NONE;
   dst->version = src->version;
   dst->updated_at = xstrdup(src->updated_at);
   dst->updated_by = xstrdup(src->updated_by);
}

StoreStatus StorePlan_load(Store *s, const ReviewDoc *doc, Plan *out, char **err)
{
   memset(out, 0, sizeof *out);
   PlanTracking *rows = NULL;
   size_t n = 0;
   StoreStatus st = Store_getPlanTracking(s, doc->workload.review_id, &rows, &n);
   if (st != STORE_OK) {
      storeErr(s, err);
      return st;
   }
   PlanTrack *tracks = xcalloc(n + 1, sizeof *tracks);
   for (size_t i = 0; i < n; i++)
      trackFromStored(&tracks[i], &rows[i]);
   PlanTracking_freeArray(rows, n);
   Plan_build(&doc->review, tracks, n, out);
   for (size_t i = 0; i < n; i++)
      PlanTrack_free(&tracks[i]);
   free(tracks);
   return STORE_OK;
}

static StoreStatus checkItem(const ReviewDoc *doc, const PlanTrack *t, char **err)
{
   const Question *q = t->question_id ? Lens_findQuestion(doc->lens, t->question_id, NULL) : NULL;
   if (!q) {
      setErr(err, xasprintf(_("workload '%s' has no question '%s'"), doc->workload.name,
                            t->question_id ? t->question_id : ""));
      return STORE_INVALID;
   }
   int c = t->choice_id ? Question_findChoice(q, t->choice_id) : -1;
   if (c < 0 || q->choices[c].is_none) {
      setErr(err, xasprintf(_("question %s has no practice '%s'"), q->id,
                            t->choice_id ? t->choice_id : ""));
      return STORE_INVALID;
   }
   if (t->due && !Plan_validDate(t->due)) {
      setErr(err, xasprintf(_("invalid due date '%s' (a real date as YYYY-MM-DD)"), t->due));
      return STORE_INVALID;
   }
   if (t->priority < 0) {
      setErr(err, xasprintf(_("invalid priority %d (0 for none, or 1 and up)"), t->priority));
      return STORE_INVALID;
   }
   return STORE_OK;
}

static PlanTracking rowOf(const PlanTrack *t);

/* Ends the batch around a plan write: the review's portfolio row
 * (portkeep.h) is taken again in the same transaction.  A clash (nothing
 * written) commits nothing. */
static StoreStatus keepPortfolio(Store *s, const ReviewDoc *doc, StoreStatus st)
{
   if (st == STORE_OK)
      st = PortKeep_keep(s, doc->workload.review_id, doc->lens);
   StoreStatus end = Store_batchEnd(s, st);
   return st == STORE_OK ? end : st;
}

StoreStatus StorePlan_put(Store *s, const ReviewDoc *doc, const PlanTrack *t, const char *user,
                          int64_t *new_version, char **err)
{
   StoreStatus st = checkItem(doc, t, err);
   if (st != STORE_OK)
      return st;
   PlanTracking row = rowOf(t);
   st = Store_batchBegin(s);
   if (st == STORE_OK)
      st = Store_putPlanTracking(s, doc->workload.review_id, &row, t->version, user, new_version);
   st = keepPortfolio(s, doc, st);
   if (st != STORE_OK)
      storeErr(s, err);
   return st;
}

static PlanTracking rowOf(const PlanTrack *t)
{
   PlanTracking row = {
      .question_id = t->question_id,
      .choice_id = t->choice_id,
      .status = (char *)PlanStatus_name(t->status),
      .owner = t->owner,
      .due = t->due,
      .note = t->note,
      .priority = t->priority,
      .impact = (char *)PlanLevel_name(t->impact),
      .effort = (char *)PlanLevel_name(t->effort),
      .version = t->version,
   };
   return row;
}

StoreStatus ReviewDoc_mergePlan(Store *s, const ReviewDoc *doc, const PlanTrack *base,
                                const PlanTrack *want, const char *user, const char *extra,
                                StoreMerge *out, char **err)
{
   memset(out, 0, sizeof *out);
   StoreStatus st = checkItem(doc, want, err);
   if (st != STORE_OK)
      return st;
   PlanTracking w = rowOf(want), b;
   if (base)
      b = rowOf(base);
   st = Store_mergePlanTracking(s, doc->workload.review_id, base ? &b : NULL, &w, user, extra, out);
   /* A clash on one field still writes the others, so the merge is not
    * undone for the row: it is taken in a transaction of its own, and a
    * failure there only leaves the row out of date (portkeep.h), which the
    * report sees. */
   if (st != STORE_OK)
      storeErr(s, err);
   StoreStatus kept = PortKeep_keep(s, doc->workload.review_id, doc->lens);
   (void)kept;
   return st;
}

/* ---- milestones ---- */

StoreStatus StorePlan_snapshot(Store *s, const ReviewDoc *doc, Snapshot *out, char **err)
{
   memset(out, 0, sizeof *out);
   Plan plan;
   StoreStatus st = StorePlan_load(s, doc, &plan, err);
   if (st != STORE_OK)
      return st;
   size_t nq = doc->lens->n_questions;
   const char **notes = xcalloc(nq + 1, sizeof *notes);
   for (size_t i = 0; i < nq; i++)
      notes[i] = doc->stored ? doc->stored[i].notes : NULL;
   char today[11];
   StorePlan_today(s, today);
   Snapshot_build(&doc->review, notes, &plan, doc->workload.name, today, out);
   free(notes);
   /* The text beside a not-applicable reason, which only the store knows. */
   for (size_t i = 0; doc->stored && i < nq && i < out->n_questions; i++)
      if (out->questions[i].not_applicable && doc->stored[i].na_note)
         out->questions[i].na_note = xstrdup(doc->stored[i].na_note);
   /* The practices' notes, which only the store knows. */
   for (size_t i = 0; doc->stored && i < nq && i < out->n_questions; i++)
      for (size_t c = 0; c < out->questions[i].n_choices; c++) {
         const char *n = ReviewDoc_choiceNote(doc, i, c);
         out->questions[i].choices[c].notes = n ? xstrdup(n) : NULL;
      }
   Plan_free(&plan);
   return STORE_OK;
}

static StoreStatus addMilestone(Store *s, const ReviewDoc *doc, const char *name, const char *user,
                                int64_t *id, char **err);

/* The name is normalised first (core/names.h): "m1 " is "m1". */
StoreStatus StorePlan_addMilestone(Store *s, const ReviewDoc *doc, const char *name,
                                   const char *user, int64_t *id, char **err)
{
   char *norm = NULL, *msg = Names_check(NAME_MILESTONE, name, &norm);
   if (msg) {
      setErr(err, msg);
      return STORE_INVALID;
   }
   StoreStatus st = addMilestone(s, doc, norm, user, id, err);
   free(norm);
   return st;
}

static StoreStatus addMilestone(Store *s, const ReviewDoc *doc, const char *name, const char *user,
                                int64_t *id, char **err)
{
   Snapshot snap;
   StoreStatus st = StorePlan_snapshot(s, doc, &snap, err);
   if (st != STORE_OK)
      return st;
   char *text = Snapshot_toJson(&snap);
   Snapshot_free(&snap);
   if (!text) {
      setErr(err, xstrdup(_("milestone: the review holds text that is not UTF-8")));
      return STORE_INVALID;
   }
   st = Store_addMilestone(s, doc->workload.review_id, name, text, user, id);
   free(text);
   if (st == STORE_EXISTS)
      setErr(err, xasprintf(_("workload '%s' already has a milestone named '%s'"),
                            doc->workload.name, name));
   else if (st == STORE_INVALID)
      storeErr(s, err); /* the store says which name and why */
   else if (st != STORE_OK)
      storeErr(s, err);
   return st;
}

static StoreStatus parseInto(const ReviewDoc *doc, Milestone *row, MilestoneSnap *out, char **err)
{
   char *perr = NULL;
   out->row = *row;
   out->row.snapshot = NULL;
   bool ok = Snapshot_fromJson(row->snapshot, &out->snap, &perr);
   free(row->snapshot);
   memset(row, 0, sizeof *row);
   if (ok)
      return STORE_OK;
   setErr(err, xasprintf(_("milestone '%s' of workload '%s': %s"), out->row.name,
                         doc->workload.name, perr));
   free(perr);
   return STORE_INVALID;
}

StoreStatus StorePlan_milestone(Store *s, const ReviewDoc *doc, const char *name,
                                MilestoneSnap *out, char **err)
{
   memset(out, 0, sizeof *out);
   Milestone row;
   StoreStatus st = Store_getMilestone(s, doc->workload.review_id, name, &row);
   if (st == STORE_NOT_FOUND) {
      setErr(err,
             xasprintf(_("workload '%s' has no milestone named '%s'"), doc->workload.name, name));
      return st;
   }
   if (st != STORE_OK) {
      storeErr(s, err);
      return st;
   }
   st = parseInto(doc, &row, out, err);
   if (st != STORE_OK)
      MilestoneSnap_free(out);
   return st;
}

StoreStatus StorePlan_milestones(Store *s, const ReviewDoc *doc, MilestoneSnap **out, size_t *n,
                                 char **err)
{
   *out = NULL;
   *n = 0;
   Milestone *rows = NULL;
   size_t nrows = 0;
   StoreStatus st = Store_listMilestones(s, doc->workload.review_id, true, &rows, &nrows);
   if (st != STORE_OK) {
      storeErr(s, err);
      return st;
   }
   *out = xcalloc(nrows + 1, sizeof **out);
   for (size_t i = 0; i < nrows; i++) {
      MilestoneSnap *m = &(*out)[i];
      if (parseInto(doc, &rows[i], m, &m->damage) != STORE_OK)
         memset(&m->snap, 0, sizeof m->snap); /* parseInto left it empty */
   }
   *n = nrows;
   Milestone_freeArray(rows, nrows);
   return STORE_OK;
}

/* A count of the "total" object; 0 when absent or not a count. */
static size_t totalCount(json_t *o, const char *key)
{
   json_t *v = json_object_get(o, key);
   return json_is_integer(v) && json_integer_value(v) > 0 ? (size_t)json_integer_value(v) : 0;
}

StoreStatus StorePlan_milestoneTotals(Store *s, const ReviewDoc *doc, MilestoneSnap **out,
                                      size_t *n, char **err)
{
   static const struct {
      Risk risk;
      const char *key;
   } risks[] = {
      {RISK_HIGH, "high"},
      {RISK_MEDIUM, "medium"},
      {RISK_NONE, "none"},
      {RISK_NOT_APPLICABLE, "not_applicable"},
      {RISK_UNANSWERED, "unanswered"},
   };
   *out = NULL;
   *n = 0;
   Milestone *rows = NULL;
   size_t nrows = 0;
   StoreStatus st = Store_listMilestoneTotals(s, doc->workload.review_id, &rows, &nrows);
   if (st != STORE_OK) {
      storeErr(s, err);
      return st;
   }
   *out = xcalloc(nrows + 1, sizeof **out);
   for (size_t i = 0; i < nrows; i++) {
      MilestoneSnap *m = &(*out)[i];
      json_error_t jerr;
      json_t *o = rows[i].snapshot ? json_loads(rows[i].snapshot, 0, &jerr) : NULL;
      SnapCounts *c = &m->snap.total;
      if (!json_is_object(o))
         m->damage =
            xasprintf(_("milestone '%s' of workload '%s': %s"), rows[i].name, doc->workload.name,
                      o ? _("snapshot: not a JSON object") : _("snapshot: not JSON"));
      if (json_is_object(o)) {
         for (size_t r = 0; r < sizeof risks / sizeof risks[0]; r++)
            c->by_risk[risks[r].risk] = totalCount(o, risks[r].key);
         c->questions = totalCount(o, "questions");
         c->practices = totalCount(o, "practices");
         c->practices_selected = totalCount(o, "practices_selected");
         c->plan_active = totalCount(o, "plan_active");
         c->plan_overdue = totalCount(o, "plan_overdue");
      }
      json_decref(o);
      m->snap.format = SNAPSHOT_FORMAT;
      m->row = rows[i];
      free(m->row.snapshot);
      m->row.snapshot = NULL;
      memset(&rows[i], 0, sizeof rows[i]);
   }
   *n = nrows;
   Milestone_freeArray(rows, nrows);
   return STORE_OK;
}

void MilestoneSnap_free(MilestoneSnap *m)
{
   if (!m)
      return;
   Milestone_free(&m->row);
   Snapshot_free(&m->snap);
   free(m->damage);
   m->damage = NULL;
}

void MilestoneSnap_freeArray(MilestoneSnap *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      MilestoneSnap_free(&a[i]);
   free(a);
}
