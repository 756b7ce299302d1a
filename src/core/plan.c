/* plan.c: the derived improvement plan joined with the user's tracking. */
#include "config.h"

#include "core/plan.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"

/* ---- statuses and states ---- */

static const char *const statusNames[PLAN_STATUS_COUNT] = {
   "open", "in_progress", "done", "risk_accepted", "wont_do",
};

static const char *const statusLabels[PLAN_STATUS_COUNT] = {
   /* In context: other languages say the status "open" unlike the verb. */
   NC_("plan status", "open"),     NC_("plan status", "in progress"),
   NC_("plan status", "done"),     NC_("plan status", "risk accepted"),
   NC_("plan status", "won't do"),
};

static const char *const stateNames[PLAN_ITEM_STATE_COUNT] = {
   "active", "resolved", "not_needed", "unanswered", "orphaned",
};

static const char *const stateLabels[PLAN_ITEM_STATE_COUNT] = {
   N_("to improve"),
   N_("resolved by the answer"),
   N_("no longer at risk"),
   N_("question not answered yet"),
   N_("no longer in the lens"),
};

const char *PlanStatus_name(PlanStatus s)
{
   return (unsigned)s < PLAN_STATUS_COUNT ? statusNames[s] : statusNames[PLAN_OPEN];
}

const char *PlanStatus_label(PlanStatus s)
{
   return C_("plan status", statusLabels[(unsigned)s < PLAN_STATUS_COUNT ? s : PLAN_OPEN]);
}

/* One character of a status word as compared: '-', ' ' and '_' are one, and
 * letter case does not count (ASCII only: other bytes compare as they are). */
static char fold(char c)
{
   return c == '-' || c == ' ' ? '_' : (char)tolower((unsigned char)c);
}

/* Equal after fold(). */
static bool sameName(const char *given, const char *name)
{
   for (; *given && *name; given++, name++)
      if (fold(*given) != fold(*name))
         return false;
   return *given == '\0' && *name == '\0';
}

/* The status whose word in table (names, or labels translated or not)
 * given is; -1 when none. */
static int findStatus(const char *given, const char *const *table, bool translate)
{
   for (int i = 0; i < PLAN_STATUS_COUNT; i++)
      if (sameName(given, translate ? C_("plan status", table[i]) : table[i]))
         return i;
   return -1;
}

/* The API names win over the labels, so no translation can take one away. */
bool PlanStatus_parse(const char *name, PlanStatus *out)
{
   int i = -1;
   if (name && *name && (i = findStatus(name, statusNames, false)) < 0 &&
       (i = findStatus(name, statusLabels, false)) < 0)
      i = findStatus(name, statusLabels, true);
   if (i < 0)
      return false;
   if (out)
      *out = (PlanStatus)i;
   return true;
}

bool PlanStatus_isName(const char *s)
{
   for (int i = 0; s && i < PLAN_STATUS_COUNT; i++)
      if (strcmp(s, statusNames[i]) == 0)
         return true;
   return false;
}

bool PlanStatus_isPending(PlanStatus s)
{
   return s == PLAN_OPEN || s == PLAN_IN_PROGRESS;
}

const char *PlanItemState_name(PlanItemState s)
{
   return (unsigned)s < PLAN_ITEM_STATE_COUNT ? stateNames[s] : stateNames[0];
}

const char *PlanItemState_label(PlanItemState s)
{
   return _(stateLabels[(unsigned)s < PLAN_ITEM_STATE_COUNT ? s : 0]);
}

bool PlanItemState_parse(const char *name, PlanItemState *out)
{
   for (int i = 0; name && i < PLAN_ITEM_STATE_COUNT; i++)
      if (sameName(name, stateNames[i])) {
         if (out)
            *out = (PlanItemState)i;
         return true;
      }
   return false;
}

/* ---- dates ---- */

static bool digits(const char *p, int n, int *out)
{
   int v = 0;
   for (int i = 0; i < n; i++) {
      if (p[i] < '0' || p[i] > '9')
         return false;
      v = v * 10 + (p[i] - '0');
   }
   *out = v;
   return true;
}

bool Plan_validDate(const char *ymd)
{
   static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
   int y, m, d;
   if (!ymd || strlen(ymd) != 10 || ymd[4] != '-' || ymd[7] != '-' || !digits(ymd, 4, &y) ||
       !digits(ymd + 5, 2, &m) || !digits(ymd + 8, 2, &d))
      return false;
   if (m < 1 || m > 12 || d < 1)
      return false;
   bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
   int max = mdays[m - 1] + (m == 2 && leap);
   return d <= max;
}

/* ---- priorities ---- */

bool Plan_parsePriority(const char *text, int *out)
{
   char *end;
   long v;
   if (!text)
      return false;
   errno = 0;
   v = strtol(text, &end, 10);
   if (errno || end == text || *end || v < 0 || v > PLAN_PRIORITY_MAX)
      return false;
   if (out)
      *out = (int)v;
   return true;
}

/* ---- impact and effort ---- */

static const char *const levelNames[PLAN_LEVEL_COUNT] = {NULL, "low", "medium", "high"};
static const char *const levelLabels[PLAN_LEVEL_COUNT] = {
   "-",
   NC_("impact or effort", "low"),
   NC_("impact or effort", "medium"),
   NC_("impact or effort", "high"),
};

const char *PlanLevel_name(PlanLevel l)
{
   return (unsigned)l < PLAN_LEVEL_COUNT ? levelNames[l] : NULL;
}

const char *PlanLevel_label(PlanLevel l)
{
   if ((unsigned)l >= PLAN_LEVEL_COUNT || l == PLAN_LEVEL_NONE)
      return "-";
   return C_("impact or effort", levelLabels[l]);
}

bool PlanLevel_parse(const char *name, PlanLevel *out)
{
   if (!name)
      return false;
   PlanLevel found = PLAN_LEVEL_COUNT;
   if (!*name || strcmp(name, "-") == 0 || sameName(name, "none"))
      found = PLAN_LEVEL_NONE;
   for (int l = PLAN_LEVEL_LOW; l < PLAN_LEVEL_COUNT && found == PLAN_LEVEL_COUNT; l++)
      if (sameName(name, levelNames[l]) || sameName(name, PlanLevel_label(l)) ||
          (name[1] == '\0' && fold(name[0]) == levelNames[l][0]))
         found = (PlanLevel)l;
   if (found == PLAN_LEVEL_COUNT)
      return false;
   if (out)
      *out = found;
   return true;
}

bool PlanLevel_isName(const char *s)
{
   for (int l = PLAN_LEVEL_LOW; s && l < PLAN_LEVEL_COUNT; l++)
      if (strcmp(s, levelNames[l]) == 0)
         return true;
   return false;
}

/* ---- tracking ---- */

void PlanTrack_free(PlanTrack *t)
{
   if (!t)
      return;
   free(t->question_id);
   free(t->choice_id);
   free(t->owner);
   free(t->due);
   free(t->note);
   free(t->updated_at);
   free(t->updated_by);
   memset(t, 0, sizeof *t);
}

void PlanTrack_copy(PlanTrack *dst, const PlanTrack *src)
{
   *dst = *src;
   dst->question_id = xstrdup(src->question_id);
   dst->choice_id = xstrdup(src->choice_id);
   dst->owner = xstrdup(src->owner);
   dst->due = xstrdup(src->due);
   dst->note = xstrdup(src->note);
   dst->updated_at = xstrdup(src->updated_at);
   dst->updated_by = xstrdup(src->updated_by);
}

/* ---- the join ---- */

/* The tracks' indexes sorted by key (question id, choice id), ties by index
 * so that the first of duplicates sorts first; tracks without ids are left
 * out.  Lets the join find a track in log time: a bundle may bring hundreds
 * of thousands of tracks, and a search per item would be quadratic. */
typedef struct TrackIndex {
   const PlanTrack *tracks;
   size_t *idx;
   size_t n;
} TrackIndex;

static int cmpKey(const char *qa, const char *ca, const char *qb, const char *cb)
{
   int c = strcmp(qa, qb);
   return c ? c : strcmp(ca, cb);
}

static const PlanTrack *sortBase; /* qsort has no context argument */

static int cmpTrackIdx(const void *pa, const void *pb)
{
   size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
   int c = cmpKey(sortBase[a].question_id, sortBase[a].choice_id, sortBase[b].question_id,
                  sortBase[b].choice_id);
   return c ? c : (a > b) - (a < b);
}

static void trackIndexBuild(TrackIndex *ix, const PlanTrack *tracks, size_t n)
{
   ix->tracks = tracks;
   ix->idx = xcalloc(n + 1, sizeof *ix->idx);
   ix->n = 0;
   for (size_t i = 0; i < n; i++)
      if (tracks[i].question_id && tracks[i].choice_id)
         ix->idx[ix->n++] = i;
   sortBase = tracks;
   qsort(ix->idx, ix->n, sizeof *ix->idx, cmpTrackIdx);
   sortBase = NULL;
}

/* The position in ix->idx of the first track with this key, or ix->n. */
static size_t trackIndexLower(const TrackIndex *ix, const char *qid, const char *cid)
{
   size_t lo = 0, hi = ix->n;
   while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      const PlanTrack *t = &ix->tracks[ix->idx[mid]];
      if (cmpKey(t->question_id, t->choice_id, qid, cid) < 0)
         lo = mid + 1;
      else
         hi = mid;
   }
   return lo;
}

static const PlanTrack *findTrack(const TrackIndex *ix, const char *qid, const char *cid)
{
   size_t i = trackIndexLower(ix, qid, cid);
   if (i < ix->n) {
      const PlanTrack *t = &ix->tracks[ix->idx[i]];
      if (strcmp(t->question_id, qid) == 0 && strcmp(t->choice_id, cid) == 0)
         return t;
   }
   return NULL;
}

static void setTrack(PlanItem *it, const PlanTrack *t, const char *qid, const char *cid)
{
   if (t) {
      PlanTrack_copy(&it->track, t);
      it->tracked = t->version > 0;
   } else {
      memset(&it->track, 0, sizeof it->track);
      it->track.question_id = xstrdup(qid);
      it->track.choice_id = xstrdup(cid);
      it->tracked = false;
   }
}

static bool anySelected(const Question *q, const Answer *a)
{
   return memchr(a->choices, CHOICE_SELECTED, q->n_choices) != NULL;
}

void PlanItem_classify(const Review *r, PlanItem *it)
{
   const Lens *lens = r->lens;
   size_t qi;
   const Question *q = Lens_findQuestion(lens, it->track.question_id, &qi);
   int ci = q ? Question_findChoice(q, it->track.choice_id) : -1;
   if (!q || ci < 0 || q->choices[ci].is_none) {
      it->question = it->choice = PLAN_NO_INDEX;
      it->state = PLAN_ITEM_ORPHANED;
      it->risk = RISK_UNANSWERED;
      it->weight = WEIGHT_NONE;
      return;
   }
   const Answer *a = &r->answers[qi];
   it->question = qi;
   it->choice = (size_t)ci;
   it->risk = Question_risk(q, a);
   it->weight = q->choices[ci].weight;
   if (a->choices[ci] == CHOICE_SELECTED)
      it->state = PLAN_ITEM_RESOLVED;
   else if (a->not_applicable || a->choices[ci] == CHOICE_NA || anySelected(q, a))
      it->state = PLAN_ITEM_NOT_NEEDED;
   else /* it never was at risk: nobody answered yet */
      it->state = PLAN_ITEM_UNANSWERED;
}

void Plan_build(const Review *r, const PlanTrack *tracks, size_t n_tracks, Plan *out)
{
   memset(out, 0, sizeof *out);
   PlanEntry *entries = NULL;
   size_t n = Plan_derive(r, &entries);
   out->items = xcalloc(n + n_tracks + 1, sizeof *out->items);
   bool *used = xcalloc(n_tracks + 1, sizeof *used);
   TrackIndex ix;
   trackIndexBuild(&ix, tracks, n_tracks);
   const Lens *lens = r->lens;
   for (size_t i = 0; i < n; i++) {
      const Question *q = &lens->questions[entries[i].question];
      const Choice *c = &q->choices[entries[i].choice];
      PlanItem *it = &out->items[out->n++];
      const PlanTrack *t = findTrack(&ix, q->id, c->id);
      if (t)
         used[t - tracks] = true;
      it->question = entries[i].question;
      it->choice = entries[i].choice;
      it->state = PLAN_ITEM_ACTIVE;
      it->risk = entries[i].risk;
      it->weight = c->weight;
      setTrack(it, t, q->id, c->id);
   }
   out->n_active = out->n;
   /* In key order, the first of each run of equal keys: the items no
    * longer derived come out sorted and without duplicates. */
   for (size_t k = 0; k < ix.n; k++) {
      size_t i = ix.idx[k];
      const PlanTrack *prev = k ? &tracks[ix.idx[k - 1]] : NULL;
      if (used[i] || (prev && strcmp(prev->question_id, tracks[i].question_id) == 0 &&
                      strcmp(prev->choice_id, tracks[i].choice_id) == 0))
         continue;
      PlanItem *it = &out->items[out->n++];
      setTrack(it, &tracks[i], NULL, NULL);
      PlanItem_classify(r, it);
   }
   if (out->n == 0) {
      free(out->items);
      out->items = NULL;
   }
   free(ix.idx);
   free(used);
   free(entries);
}

void Plan_free(Plan *p)
{
   if (!p)
      return;
   for (size_t i = 0; i < p->n; i++)
      PlanTrack_free(&p->items[i].track);
   free(p->items);
   memset(p, 0, sizeof *p);
}

const PlanItem *Plan_find(const Plan *p, const char *question_id, const char *choice_id)
{
   for (size_t i = 0; i < p->n; i++)
      if (strcmp(p->items[i].track.question_id, question_id) == 0 &&
          strcmp(p->items[i].track.choice_id, choice_id) == 0)
         return &p->items[i];
   return NULL;
}

static const Plan *indexBase; /* qsort has no context argument */

static int cmpItemIdx(const void *pa, const void *pb)
{
   size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
   const PlanTrack *ta = &indexBase->items[a].track, *tb = &indexBase->items[b].track;
   int c = cmpKey(ta->question_id, ta->choice_id, tb->question_id, tb->choice_id);
   return c ? c : (a > b) - (a < b);
}

void PlanIndex_build(PlanIndex *ix, const Plan *p)
{
   ix->plan = p;
   ix->idx = xcalloc(p->n + 1, sizeof *ix->idx);
   for (size_t i = 0; i < p->n; i++)
      ix->idx[i] = i;
   indexBase = p;
   qsort(ix->idx, p->n, sizeof *ix->idx, cmpItemIdx);
   indexBase = NULL;
}

const PlanItem *PlanIndex_find(const PlanIndex *ix, const char *question_id, const char *choice_id)
{
   size_t lo = 0, hi = ix->plan->n;
   while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      const PlanTrack *t = &ix->plan->items[ix->idx[mid]].track;
      if (cmpKey(t->question_id, t->choice_id, question_id, choice_id) < 0)
         lo = mid + 1;
      else
         hi = mid;
   }
   if (lo < ix->plan->n) {
      const PlanItem *it = &ix->plan->items[ix->idx[lo]];
      if (strcmp(it->track.question_id, question_id) == 0 &&
          strcmp(it->track.choice_id, choice_id) == 0)
         return it;
   }
   return NULL;
}

void PlanIndex_free(PlanIndex *ix)
{
   free(ix->idx);
   memset(ix, 0, sizeof *ix);
}

bool PlanItem_isOverdue(const PlanItem *it, const char *today)
{
   return it->state == PLAN_ITEM_ACTIVE && PlanStatus_isPending(it->track.status) &&
          it->track.due && today && strcmp(it->track.due, today) < 0;
}
