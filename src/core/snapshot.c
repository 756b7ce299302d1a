/* snapshot.c: freezing a review, and comparing two frozen reviews.
 * The JSON form is in snapshot_json.c. */
#include "config.h"

#include "core/snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"

/* ---- building ---- */

static void copyGroup(SnapGroup *g, const char *id, const char *name)
{
   memset(g, 0, sizeof *g);
   g->id = xstrdup(id);
   g->name = xstrdup(name);
}

static void copyQuestion(const Review *r, size_t i, const char *notes, SnapQuestion *sq)
{
   const Question *q = &r->lens->questions[i];
   const Answer *a = &r->answers[i];
   sq->id = xstrdup(q->id);
   sq->title = xstrdup(q->title);
   sq->pillar = q->pillar;
   sq->phase = q->phase;
   sq->risk = Question_risk(q, a);
   sq->not_applicable = a->not_applicable;
   sq->reason = a->not_applicable ? a->reason : NA_NONE;
   sq->notes = xstrdup(notes);
   sq->n_choices = q->n_choices;
   sq->choices = xcalloc(q->n_choices + 1, sizeof *sq->choices);
   for (size_t c = 0; c < q->n_choices; c++) {
      SnapChoice *sc = &sq->choices[c];
      sc->id = xstrdup(q->choices[c].id);
      sc->title = xstrdup(q->choices[c].title);
      sc->weight = q->choices[c].weight;
      sc->is_none = q->choices[c].is_none;
      sc->state = (ChoiceState)a->choices[c];
   }
}

static void countQuestion(SnapCounts *c, const SnapQuestion *q)
{
   c->questions++;
   c->by_risk[(unsigned)q->risk < RISK_COUNT ? q->risk : RISK_UNANSWERED]++;
   for (size_t i = 0; i < q->n_choices; i++) {
      if (q->choices[i].is_none)
         continue;
      c->practices++;
      if (q->choices[i].state == CHOICE_SELECTED)
         c->practices_selected++;
   }
}

static void countItem(SnapCounts *c, const PlanItem *it, const char *today)
{
   if (it->state != PLAN_ITEM_ACTIVE)
      return;
   c->plan_active++;
   c->plan_by_status[(unsigned)it->track.status < PLAN_STATUS_COUNT ? it->track.status : 0]++;
   if (PlanItem_isOverdue(it, today))
      c->plan_overdue++;
}

/* The phase group a question counts in: Matrix_rowOf's rule (a question
 * without a valid phase counts in the first one). */
static SnapGroup *phaseGroup(Snapshot *s, const SnapQuestion *q)
{
   if (s->n_phases == 0)
      return NULL;
   return &s->phases[q->phase >= 0 && (size_t)q->phase < s->n_phases ? (size_t)q->phase : 0];
}

static void countAll(Snapshot *s)
{
   for (size_t i = 0; i < s->n_questions; i++) {
      const SnapQuestion *q = &s->questions[i];
      SnapGroup *ph = phaseGroup(s, q);
      countQuestion(&s->total, q);
      if (q->pillar < s->n_pillars)
         countQuestion(&s->pillars[q->pillar].counts, q);
      if (ph)
         countQuestion(&ph->counts, q);
   }
   for (size_t i = 0; i < s->plan.n; i++) {
      const PlanItem *it = &s->plan.items[i];
      countItem(&s->total, it, s->today);
      if (it->question == PLAN_NO_INDEX || it->question >= s->n_questions)
         continue;
      const SnapQuestion *q = &s->questions[it->question];
      SnapGroup *ph = phaseGroup(s, q);
      if (q->pillar < s->n_pillars)
         countItem(&s->pillars[q->pillar].counts, it, s->today);
      if (ph)
         countItem(&ph->counts, it, s->today);
   }
}

static void copyPlan(Plan *dst, const Plan *src)
{
   memset(dst, 0, sizeof *dst);
   if (!src || src->n == 0)
      return;
   dst->items = xcalloc(src->n, sizeof *dst->items);
   for (size_t i = 0; i < src->n; i++) {
      dst->items[i] = src->items[i];
      PlanTrack_copy(&dst->items[i].track, &src->items[i].track);
   }
   dst->n = src->n;
   dst->n_active = src->n_active;
}

void Snapshot_build(const Review *r, const char *const *notes, const Plan *plan,
                    const char *workload, const char *today, Snapshot *out)
{
   const Lens *lens = r->lens;
   memset(out, 0, sizeof *out);
   out->format = SNAPSHOT_FORMAT;
   out->workload = xstrdup(workload);
   out->lens_key = xstrdup(lens->key);
   out->lens_version = xstrdup(lens->version);
   out->lens_name = xstrdup(lens->name);
   out->lens_sha256 = xstrdup(lens->sha256);
   out->today = xstrdup(today);
   out->n_phases = lens->n_phases;
   out->phases = xcalloc(lens->n_phases + 1, sizeof *out->phases);
   for (size_t i = 0; i < lens->n_phases; i++)
      copyGroup(&out->phases[i], lens->phases[i].id, lens->phases[i].name);
   out->n_pillars = lens->n_pillars;
   out->pillars = xcalloc(lens->n_pillars + 1, sizeof *out->pillars);
   for (size_t i = 0; i < lens->n_pillars; i++)
      copyGroup(&out->pillars[i], lens->pillars[i].id, lens->pillars[i].name);
   out->n_questions = lens->n_questions;
   out->questions = xcalloc(lens->n_questions + 1, sizeof *out->questions);
   for (size_t i = 0; i < lens->n_questions; i++)
      copyQuestion(r, i, notes ? notes[i] : NULL, &out->questions[i]);
   copyPlan(&out->plan, plan);
   countAll(out);
}

static void freeGroups(SnapGroup *g, size_t n)
{
   for (size_t i = 0; g && i < n; i++) {
      free(g[i].id);
      free(g[i].name);
   }
   free(g);
}

void Snapshot_free(Snapshot *s)
{
   if (!s)
      return;
   free(s->workload);
   free(s->lens_key);
   free(s->lens_version);
   free(s->lens_name);
   free(s->lens_sha256);
   free(s->today);
   freeGroups(s->phases, s->n_phases);
   freeGroups(s->pillars, s->n_pillars);
   for (size_t i = 0; s->questions && i < s->n_questions; i++) {
      SnapQuestion *q = &s->questions[i];
      free(q->id);
      free(q->title);
      free(q->notes);
      free(q->na_note);
      for (size_t c = 0; q->choices && c < q->n_choices; c++) {
         free(q->choices[c].id);
         free(q->choices[c].title);
         free(q->choices[c].notes);
      }
      free(q->choices);
   }
   free(s->questions);
   Plan_free(&s->plan);
   memset(s, 0, sizeof *s);
}

int Snapshot_findQuestion(const Snapshot *s, const char *id)
{
   for (size_t i = 0; id && i < s->n_questions; i++)
      if (strcmp(s->questions[i].id, id) == 0)
         return (int)i;
   return -1;
}

int SnapQuestion_findChoice(const SnapQuestion *q, const char *id)
{
   for (size_t i = 0; id && i < q->n_choices; i++)
      if (strcmp(q->choices[i].id, id) == 0)
         return (int)i;
   return -1;
}

/* ---- the difference ---- */

static const SnapQuestion *counterpart(const Snapshot *s, const char *id)
{
   int i = Snapshot_findQuestion(s, id);
   return i >= 0 ? &s->questions[i] : NULL;
}

static void addRisk(SnapshotDiff *d, size_t *cap, const SnapQuestion *from, const SnapQuestion *to)
{
   d->risks = xgrow(d->risks, cap, d->n_risks + 1, sizeof *d->risks);
   d->risks[d->n_risks].from = from;
   d->risks[d->n_risks++].to = to;
   if (!from)
      d->n_added++;
   else if (!to)
      d->n_removed++;
   else if (from->risk == RISK_UNANSWERED) /* answering is not getting worse */
      d->n_answered++;
   else if (to->risk == RISK_UNANSWERED)
      d->n_unanswered++;
   else if (Risk_severity(to->risk) > Risk_severity(from->risk))
      d->n_worse++;
   else
      d->n_better++;
}

static void diffRisks(const Snapshot *a, const Snapshot *b, SnapshotDiff *d)
{
   size_t cap = 0;
   for (size_t i = 0; i < b->n_questions; i++) {
      const SnapQuestion *to = &b->questions[i], *from = counterpart(a, to->id);
      if (!from || from->risk != to->risk)
         addRisk(d, &cap, from, to);
   }
   for (size_t i = 0; i < a->n_questions; i++)
      if (!counterpart(b, a->questions[i].id))
         addRisk(d, &cap, &a->questions[i], NULL);
}

typedef struct PracticeList {
   SnapPracticeChange *v;
   size_t n, cap;
} PracticeList;

static void pushPractice(PracticeList *l, const SnapQuestion *q, const SnapChoice *c, bool sel)
{
   l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
   l->v[l->n].question = q;
   l->v[l->n].choice = c;
   l->v[l->n++].selected = sel;
}

static bool isSelected(const SnapQuestion *q, const char *choice_id)
{
   int c = q ? SnapQuestion_findChoice(q, choice_id) : -1;
   return c >= 0 && q->choices[c].state == CHOICE_SELECTED;
}

static void diffPractices(const Snapshot *a, const Snapshot *b, SnapshotDiff *d)
{
   PracticeList on = {0}, off = {0};
   for (size_t i = 0; i < b->n_questions; i++) {
      const SnapQuestion *to = &b->questions[i], *from = counterpart(a, to->id);
      for (size_t c = 0; c < to->n_choices; c++) {
         if (to->choices[c].is_none)
            continue; /* "None of these" is no practice (see SnapCounts) */
         bool now = to->choices[c].state == CHOICE_SELECTED;
         if (now != isSelected(from, to->choices[c].id))
            pushPractice(now ? &on : &off, to, &to->choices[c], now);
      }
      for (size_t c = 0; from && c < from->n_choices; c++)
         if (from->choices[c].state == CHOICE_SELECTED && !from->choices[c].is_none &&
             SnapQuestion_findChoice(to, from->choices[c].id) < 0)
            pushPractice(&off, from, &from->choices[c], false);
   }
   for (size_t i = 0; i < a->n_questions; i++) {
      const SnapQuestion *from = &a->questions[i];
      if (counterpart(b, from->id))
         continue;
      for (size_t c = 0; c < from->n_choices; c++)
         if (from->choices[c].state == CHOICE_SELECTED && !from->choices[c].is_none)
            pushPractice(&off, from, &from->choices[c], false);
   }
   d->n_selected = on.n;
   d->n_unselected = off.n;
   d->n_practices = on.n + off.n;
   if (d->n_practices) {
      d->practices = xcalloc(d->n_practices, sizeof *d->practices);
      if (on.n)
         memcpy(d->practices, on.v, on.n * sizeof *on.v);
      if (off.n)
         memcpy(d->practices + on.n, off.v, off.n * sizeof *off.v);
   }
   free(on.v);
   free(off.v);
}

static unsigned changedFields(const PlanItem *a, const PlanItem *b)
{
   static const PlanTrack none = {0};
   const PlanTrack *x = a ? &a->track : &none, *y = b ? &b->track : &none;
   unsigned f = 0;
   if (x->status != y->status)
      f |= SNAP_FIELD_STATUS;
   if (!(x->owner == y->owner || (x->owner && y->owner && strcmp(x->owner, y->owner) == 0)))
      f |= SNAP_FIELD_OWNER;
   if (!(x->due == y->due || (x->due && y->due && strcmp(x->due, y->due) == 0)))
      f |= SNAP_FIELD_DUE;
   if (x->priority != y->priority)
      f |= SNAP_FIELD_PRIORITY;
   if (x->impact != y->impact)
      f |= SNAP_FIELD_IMPACT;
   if (x->effort != y->effort)
      f |= SNAP_FIELD_EFFORT;
   if (!(x->note == y->note || (x->note && y->note && strcmp(x->note, y->note) == 0)))
      f |= SNAP_FIELD_NOTE;
   return f;
}

static bool isActive(const PlanItem *it)
{
   return it && it->state == PLAN_ITEM_ACTIVE;
}

typedef struct PlanList {
   SnapPlanChange *v;
   size_t n, cap;
} PlanList;

static void pushPlan(PlanList *l, SnapPlanChangeKind kind, const PlanItem *from, const PlanItem *to)
{
   l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
   l->v[l->n].kind = kind;
   l->v[l->n].from = from;
   l->v[l->n].to = to;
   l->v[l->n++].fields = changedFields(from, to);
}

static void appendList(SnapshotDiff *d, PlanList *l)
{
   if (l->n) {
      d->plan = xrealloc(d->plan, (d->n_plan + l->n) * sizeof *d->plan);
      memcpy(d->plan + d->n_plan, l->v, l->n * sizeof *l->v);
      d->n_plan += l->n;
   }
   free(l->v);
}

static void diffPlan(const Snapshot *a, const Snapshot *b, SnapshotDiff *d)
{
   PlanList opened = {0}, closed = {0}, changed = {0};
   PlanIndex ia, ib;
   PlanIndex_build(&ia, &a->plan);
   PlanIndex_build(&ib, &b->plan);
   for (size_t i = 0; i < b->plan.n; i++) {
      const PlanItem *to = &b->plan.items[i];
      const PlanItem *from = PlanIndex_find(&ia, to->track.question_id, to->track.choice_id);
      if (isActive(to) && !isActive(from))
         pushPlan(&opened, SNAP_PLAN_OPENED, from, to);
      else if (isActive(from) && !isActive(to))
         pushPlan(&closed, SNAP_PLAN_CLOSED, from, to);
      else if (changedFields(from, to))
         pushPlan(&changed, SNAP_PLAN_CHANGED, from, to);
   }
   for (size_t i = 0; i < a->plan.n; i++) {
      const PlanItem *from = &a->plan.items[i];
      if (PlanIndex_find(&ib, from->track.question_id, from->track.choice_id))
         continue;
      if (isActive(from))
         pushPlan(&closed, SNAP_PLAN_CLOSED, from, NULL);
      else if (changedFields(from, NULL))
         pushPlan(&changed, SNAP_PLAN_CHANGED, from, NULL);
   }
   PlanIndex_free(&ia);
   PlanIndex_free(&ib);
   d->n_opened = opened.n;
   d->n_closed = closed.n;
   d->n_changed = changed.n;
   appendList(d, &opened);
   appendList(d, &closed);
   appendList(d, &changed);
}

void Snapshot_diff(const Snapshot *from, const Snapshot *to, SnapshotDiff *out)
{
   memset(out, 0, sizeof *out);
   diffRisks(from, to, out);
   diffPractices(from, to, out);
   diffPlan(from, to, out);
}

void SnapshotDiff_free(SnapshotDiff *d)
{
   if (!d)
      return;
   free(d->risks);
   free(d->practices);
   free(d->plan);
   memset(d, 0, sizeof *d);
}

bool SnapshotDiff_isEmpty(const SnapshotDiff *d)
{
   return d->n_risks == 0 && d->n_practices == 0 && d->n_plan == 0;
}

void Snapshot_matrix(const Snapshot *s, Matrix *m)
{
   Matrix_init(m, s->n_phases, s->n_pillars);
   for (size_t i = 0; i < s->n_questions; i++) {
      const SnapQuestion *q = &s->questions[i];
      size_t row = q->phase >= 0 && (size_t)q->phase < m->rows ? (size_t)q->phase : 0;
      Matrix_add(m, row, q->pillar, q->risk);
   }
   Matrix_sum(m);
}

static const struct {
   unsigned bit;
   const char *name;
} snapFields[] = {
   {SNAP_FIELD_STATUS, "status"},     {SNAP_FIELD_OWNER, "owner"},   {SNAP_FIELD_DUE, "due"},
   {SNAP_FIELD_PRIORITY, "priority"}, {SNAP_FIELD_IMPACT, "impact"}, {SNAP_FIELD_EFFORT, "effort"},
   {SNAP_FIELD_NOTE, "note"},
};

const char *SnapField_name(unsigned field)
{
   for (size_t i = 0; i < sizeof snapFields / sizeof snapFields[0]; i++)
      if (snapFields[i].bit == field)
         return snapFields[i].name;
   return NULL;
}

static const char *orDash(const char *s)
{
   return s && *s ? s : "-";
}

static char *describeField(unsigned field, const PlanTrack *x, const PlanTrack *y,
                           const char *arrow)
{
   switch (field) {
   case SNAP_FIELD_STATUS:
      return xasprintf(_("status %s%s%s"), PlanStatus_label(x->status), arrow,
                       PlanStatus_label(y->status));
   case SNAP_FIELD_OWNER:
      return xasprintf(_("owner %s%s%s"), orDash(x->owner), arrow, orDash(y->owner));
   case SNAP_FIELD_DUE: return xasprintf(_("due %s%s%s"), orDash(x->due), arrow, orDash(y->due));
   case SNAP_FIELD_PRIORITY:
      return xasprintf(_("priority %d%s%d"), x->priority, arrow, y->priority);
   case SNAP_FIELD_IMPACT:
      return xasprintf(_("impact %s%s%s"), PlanLevel_label(x->impact), arrow,
                       PlanLevel_label(y->impact));
   case SNAP_FIELD_EFFORT:
      return xasprintf(_("effort %s%s%s"), PlanLevel_label(x->effort), arrow,
                       PlanLevel_label(y->effort));
   default: return xstrdup(_("note changed"));
   }
}

char *SnapPlanChange_describe(const SnapPlanChange *c, const char *arrow)
{
   static const PlanTrack none = {0};
   const PlanTrack *x = c->from ? &c->from->track : &none, *y = c->to ? &c->to->track : &none;
   char *out = xstrdup("");
   for (size_t i = 0; i < sizeof snapFields / sizeof snapFields[0]; i++) {
      if (!(c->fields & snapFields[i].bit))
         continue;
      char *part = describeField(snapFields[i].bit, x, y, arrow);
      char *next = xasprintf("%s%s%s", out, *out ? "; " : "", part);
      free(out);
      free(part);
      out = next;
   }
   return out;
}
