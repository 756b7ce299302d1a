/* snapshot_json.c: the JSON form of a snapshot, as milestones store it.
 *
 *   { "format": 1, "workload": "...", "today": "YYYY-MM-DD",
 *     "lens": { "key", "version", "name", "sha256" },
 *     "total": COUNTS,
 *     "phases": [ { "id", "name", "counts": COUNTS } ], "pillars": [ same ],
 *     "questions": [ { "id", "title", "pillar": "<id>", "phase": "<id>"|null,
 *                      "risk": "HIGH", "not_applicable", "reason", "notes",
 *                      "choices": [ { "id", "title", "weight": "high"|"medium"|null,
 *                                     "none": bool, "state": "selected"|... } ] } ],
 *     "plan": [ { "question", "choice", "state": "active"|..., "risk", "weight",
 *                 "tracked", "status", "owner", "due", "priority", "note",
 *                 "version", "updated_at", "updated_by" } ] }
 *
 * COUNTS: { "questions", "high", "medium", "none", "not_applicable",
 * "unanswered", "practices", "practices_selected", "plan_active",
 * "plan_overdue", "plan_status": { "open", "in_progress", ... } }.
 * The counts are read back as written (never recomputed), so a milestone
 * reads the same whatever later versions of walens count. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "core/xalloc.h"
#include "i18n.h"

/* ---- writing: one ok flag per document; jansson fails only on bad UTF-8
 * or exhausted memory, and either makes the whole text NULL ---- */

typedef struct Out {
   bool ok;
} Out;

static void put(Out *o, json_t *obj, const char *key, json_t *v)
{
   /* json_object_set_new() releases v even when it fails; NULL v fails. */
   if (json_object_set_new(obj, key, v) != 0)
      o->ok = false;
}

static json_t *str(const char *s)
{
   return s ? json_string(s) : json_null();
}

static void putStr(Out *o, json_t *obj, const char *key, const char *s)
{
   put(o, obj, key, str(s));
}

static void putInt(Out *o, json_t *obj, const char *key, long long v)
{
   put(o, obj, key, json_integer(v));
}

static void append(Out *o, json_t *arr, json_t *v)
{
   if (json_array_append_new(arr, v) != 0)
      o->ok = false;
}

static const char *const riskKeys[RISK_COUNT] = {
   [RISK_UNANSWERED] = "unanswered",
   [RISK_HIGH] = "high",
   [RISK_MEDIUM] = "medium",
   [RISK_NONE] = "none",
   [RISK_NOT_APPLICABLE] = "not_applicable",
};

/* Output order of the risk keys. */
static const Risk riskOrder[RISK_COUNT] = {
   RISK_HIGH, RISK_MEDIUM, RISK_NONE, RISK_NOT_APPLICABLE, RISK_UNANSWERED,
};

static const char *const choiceStates[3] = {"unselected", "selected", "not_applicable"};

static json_t *countsJson(Out *o, const SnapCounts *c)
{
   json_t *j = json_object(), *st = json_object();
   putInt(o, j, "questions", (long long)c->questions);
   for (int i = 0; i < RISK_COUNT; i++)
      putInt(o, j, riskKeys[riskOrder[i]], (long long)c->by_risk[riskOrder[i]]);
   putInt(o, j, "practices", (long long)c->practices);
   putInt(o, j, "practices_selected", (long long)c->practices_selected);
   putInt(o, j, "plan_active", (long long)c->plan_active);
   putInt(o, j, "plan_overdue", (long long)c->plan_overdue);
   for (int i = 0; i < PLAN_STATUS_COUNT; i++)
      putInt(o, st, PlanStatus_name((PlanStatus)i), (long long)c->plan_by_status[i]);
   put(o, j, "plan_status", st);
   return j;
}

json_t *SnapCounts_toJson(const SnapCounts *c)
{
   Out o = {true};
   json_t *j = countsJson(&o, c);
   if (!o.ok) {
      json_decref(j);
      return NULL;
   }
   return j;
}

static json_t *groupsJson(Out *o, const SnapGroup *g, size_t n)
{
   json_t *arr = json_array();
   for (size_t i = 0; i < n; i++) {
      json_t *j = json_object();
      putStr(o, j, "id", g[i].id);
      putStr(o, j, "name", g[i].name);
      put(o, j, "counts", countsJson(o, &g[i].counts));
      append(o, arr, j);
   }
   return arr;
}

json_t *SnapGroups_toJson(const SnapGroup *g, size_t n)
{
   Out o = {true};
   json_t *j = groupsJson(&o, g, n);
   if (!o.ok) {
      json_decref(j);
      return NULL;
   }
   return j;
}

static const char *weightName(Weight w)
{
   return w == WEIGHT_NONE ? NULL : Weight_name(w);
}

static json_t *choiceJson(Out *o, const SnapChoice *c)
{
   json_t *j = json_object();
   putStr(o, j, "id", c->id);
   putStr(o, j, "title", c->title);
   putStr(o, j, "weight", weightName(c->weight));
   put(o, j, "none", json_boolean(c->is_none));
   putStr(o, j, "state", choiceStates[(unsigned)c->state < 3 ? c->state : 0]);
   if (c->notes) /* absent when none: older snapshots read the same */
      putStr(o, j, "notes", c->notes);
   return j;
}

static json_t *questionJson(Out *o, const Snapshot *s, const SnapQuestion *q)
{
   json_t *j = json_object(), *choices = json_array();
   putStr(o, j, "id", q->id);
   putStr(o, j, "title", q->title);
   putStr(o, j, "pillar", q->pillar < s->n_pillars ? s->pillars[q->pillar].id : NULL);
   putStr(o, j, "phase",
          q->phase >= 0 && (size_t)q->phase < s->n_phases ? s->phases[q->phase].id : NULL);
   putStr(o, j, "risk", Risk_name(q->risk));
   put(o, j, "not_applicable", json_boolean(q->not_applicable));
   putStr(o, j, "reason", q->not_applicable ? NaReason_name(q->reason) : NULL);
   putStr(o, j, "notes", q->notes);
   if (q->na_note) /* absent when none: older snapshots read the same */
      putStr(o, j, "reason_text", q->na_note);
   for (size_t c = 0; c < q->n_choices; c++)
      append(o, choices, choiceJson(o, &q->choices[c]));
   put(o, j, "choices", choices);
   return j;
}

static json_t *itemJson(Out *o, const PlanItem *it)
{
   json_t *j = json_object();
   const PlanTrack *t = &it->track;
   putStr(o, j, "question", t->question_id);
   putStr(o, j, "choice", t->choice_id);
   putStr(o, j, "state", PlanItemState_name(it->state));
   putStr(o, j, "risk", Risk_name(it->risk));
   putStr(o, j, "weight", weightName(it->weight));
   put(o, j, "tracked", json_boolean(it->tracked));
   putStr(o, j, "status", PlanStatus_name(t->status));
   putStr(o, j, "owner", t->owner);
   putStr(o, j, "due", t->due);
   putInt(o, j, "priority", t->priority);
   /* Written only when set, so snapshots of plans without them stay as
    * they were; absent reads as unset. */
   if (t->impact != PLAN_LEVEL_NONE)
      putStr(o, j, "impact", PlanLevel_name(t->impact));
   if (t->effort != PLAN_LEVEL_NONE)
      putStr(o, j, "effort", PlanLevel_name(t->effort));
   putStr(o, j, "note", t->note);
   putInt(o, j, "version", (long long)t->version);
   putStr(o, j, "updated_at", t->updated_at);
   putStr(o, j, "updated_by", t->updated_by);
   return j;
}

char *Snapshot_toJson(const Snapshot *s)
{
   Out o = {true};
   json_t *root = json_object(), *lens = json_object(), *qs = json_array(), *plan = json_array();
   putInt(&o, root, "format", SNAPSHOT_FORMAT);
   putStr(&o, root, "workload", s->workload);
   putStr(&o, root, "today", s->today);
   putStr(&o, lens, "key", s->lens_key);
   putStr(&o, lens, "version", s->lens_version);
   putStr(&o, lens, "name", s->lens_name);
   putStr(&o, lens, "sha256", s->lens_sha256);
   put(&o, root, "lens", lens);
   put(&o, root, "total", countsJson(&o, &s->total));
   put(&o, root, "phases", groupsJson(&o, s->phases, s->n_phases));
   put(&o, root, "pillars", groupsJson(&o, s->pillars, s->n_pillars));
   for (size_t i = 0; i < s->n_questions; i++)
      append(&o, qs, questionJson(&o, s, &s->questions[i]));
   put(&o, root, "questions", qs);
   for (size_t i = 0; i < s->plan.n; i++)
      append(&o, plan, itemJson(&o, &s->plan.items[i]));
   put(&o, root, "plan", plan);
   char *text = o.ok && root ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
   json_decref(root);
   return text;
}

/* ---- reading: every field checked; the first problem names its path ---- */

typedef struct In {
   char *err; /* first problem, or NULL */
} In;

static void bad(In *in, const char *what)
{
   if (!in->err)
      in->err = xasprintf(_("snapshot: missing or invalid %s"), what);
}

/* A string member: required ones must be strings, optional ones may be null/absent. */
static char *getStr(In *in, json_t *obj, const char *key, bool required)
{
   json_t *v = json_object_get(obj, key);
   if (json_is_string(v))
      return xstrdup(json_string_value(v));
   if (required || (v && !json_is_null(v)))
      bad(in, key);
   return NULL;
}

/* An impact or effort: absent or null is unset; anything but a stored name is bad. */
static PlanLevel getLevel(In *in, json_t *obj, const char *key)
{
   json_t *v = json_object_get(obj, key);
   if (!v || json_is_null(v))
      return PLAN_LEVEL_NONE;
   PlanLevel l = PLAN_LEVEL_NONE;
   if (!json_is_string(v) || !PlanLevel_isName(json_string_value(v)) ||
       !PlanLevel_parse(json_string_value(v), &l))
      bad(in, key);
   return l;
}

static long long getInt(In *in, json_t *obj, const char *key)
{
   json_t *v = json_object_get(obj, key);
   if (!json_is_integer(v) || json_integer_value(v) < 0) {
      bad(in, key);
      return 0;
   }
   return json_integer_value(v);
}

static bool getBool(In *in, json_t *obj, const char *key)
{
   json_t *v = json_object_get(obj, key);
   if (!json_is_boolean(v))
      bad(in, key);
   return json_is_true(v);
}

static json_t *getArray(In *in, json_t *obj, const char *key)
{
   json_t *v = json_object_get(obj, key);
   if (!json_is_array(v))
      bad(in, key);
   return json_is_array(v) ? v : NULL;
}

static Risk getRisk(In *in, json_t *obj, const char *key)
{
   Risk r = RISK_UNANSWERED;
   json_t *v = json_object_get(obj, key);
   if (!json_is_string(v) || !Risk_parse(json_string_value(v), &r))
      bad(in, key);
   return r;
}

static Weight getWeight(In *in, json_t *obj)
{
   json_t *v = json_object_get(obj, "weight");
   if (!v || json_is_null(v))
      return WEIGHT_NONE;
   const char *w = json_string_value(v);
   if (w && strcmp(w, "high") == 0)
      return WEIGHT_HIGH;
   if (w && strcmp(w, "medium") == 0)
      return WEIGHT_MEDIUM;
   bad(in, "weight");
   return WEIGHT_NONE;
}

static void readCounts(In *in, json_t *j, SnapCounts *c)
{
   if (!json_is_object(j)) {
      bad(in, "counts");
      return;
   }
   c->questions = (size_t)getInt(in, j, "questions");
   for (int i = 0; i < RISK_COUNT; i++)
      c->by_risk[i] = (size_t)getInt(in, j, riskKeys[i]);
   c->practices = (size_t)getInt(in, j, "practices");
   c->practices_selected = (size_t)getInt(in, j, "practices_selected");
   c->plan_active = (size_t)getInt(in, j, "plan_active");
   c->plan_overdue = (size_t)getInt(in, j, "plan_overdue");
   json_t *st = json_object_get(j, "plan_status");
   if (!json_is_object(st)) {
      bad(in, "plan_status");
      return;
   }
   for (int i = 0; i < PLAN_STATUS_COUNT; i++)
      c->plan_by_status[i] = (size_t)getInt(in, st, PlanStatus_name((PlanStatus)i));
}

static SnapGroup *readGroups(In *in, json_t *root, const char *key, size_t *n)
{
   json_t *arr = getArray(in, root, key);
   *n = arr ? json_array_size(arr) : 0;
   SnapGroup *g = xcalloc(*n + 1, sizeof *g);
   for (size_t i = 0; i < *n; i++) {
      json_t *j = json_array_get(arr, i);
      g[i].id = getStr(in, j, "id", true);
      g[i].name = getStr(in, j, "name", false);
      readCounts(in, json_object_get(j, "counts"), &g[i].counts);
   }
   return g;
}

static size_t groupIndex(const SnapGroup *g, size_t n, const char *id)
{
   for (size_t i = 0; id && i < n; i++)
      if (g[i].id && strcmp(g[i].id, id) == 0)
         return i;
   return n;
}

/* A required id; "" after a reported error, so that lookups over a damaged
 * snapshot (which go on to find every problem) never meet a NULL id. */
static char *getId(In *in, json_t *obj, const char *key)
{
   char *id = getStr(in, obj, key, true);
   return id ? id : xstrdup("");
}

static void readChoice(In *in, json_t *j, SnapChoice *c)
{
   c->id = getId(in, j, "id");
   c->title = getStr(in, j, "title", false);
   c->weight = getWeight(in, j);
   c->is_none = getBool(in, j, "none");
   c->notes = getStr(in, j, "notes", false);
   const char *state = json_string_value(json_object_get(j, "state"));
   c->state = CHOICE_UNSELECTED;
   for (int i = 0; state && i < 3; i++)
      if (strcmp(state, choiceStates[i]) == 0)
         c->state = (ChoiceState)i;
   if (!state || (c->state == CHOICE_UNSELECTED && strcmp(state, choiceStates[0]) != 0))
      bad(in, "state");
}

static void readQuestion(In *in, const Snapshot *s, json_t *j, SnapQuestion *q)
{
   q->id = getId(in, j, "id");
   q->title = getStr(in, j, "title", false);
   char *pillar = getStr(in, j, "pillar", true), *phase = getStr(in, j, "phase", false);
   q->pillar = groupIndex(s->pillars, s->n_pillars, pillar);
   if (q->pillar >= s->n_pillars)
      bad(in, "pillar");
   size_t ph = groupIndex(s->phases, s->n_phases, phase);
   q->phase = ph < s->n_phases ? (int)ph : -1;
   free(pillar);
   free(phase);
   q->risk = getRisk(in, j, "risk");
   q->not_applicable = getBool(in, j, "not_applicable");
   const char *reason = json_string_value(json_object_get(j, "reason"));
   q->reason = NA_NONE;
   if (reason && !NaReason_parse(reason, &q->reason))
      bad(in, "reason");
   q->notes = getStr(in, j, "notes", false);
   q->na_note = getStr(in, j, "reason_text", false);
   json_t *arr = getArray(in, j, "choices");
   q->n_choices = arr ? json_array_size(arr) : 0;
   q->choices = xcalloc(q->n_choices + 1, sizeof *q->choices);
   for (size_t c = 0; c < q->n_choices; c++)
      readChoice(in, json_array_get(arr, c), &q->choices[c]);
}

static void readItem(In *in, const Snapshot *s, json_t *j, PlanItem *it)
{
   PlanTrack *t = &it->track;
   t->question_id = getId(in, j, "question");
   t->choice_id = getId(in, j, "choice");
   const char *state = json_string_value(json_object_get(j, "state"));
   if (!PlanItemState_parse(state, &it->state))
      bad(in, "plan state");
   it->risk = getRisk(in, j, "risk");
   it->weight = getWeight(in, j);
   it->tracked = getBool(in, j, "tracked");
   const char *status = json_string_value(json_object_get(j, "status"));
   if (!PlanStatus_parse(status, &t->status))
      bad(in, "status");
   t->owner = getStr(in, j, "owner", false);
   t->due = getStr(in, j, "due", false);
   t->priority = (int)getInt(in, j, "priority");
   t->impact = getLevel(in, j, "impact");
   t->effort = getLevel(in, j, "effort");
   t->note = getStr(in, j, "note", false);
   t->version = getInt(in, j, "version");
   t->updated_at = getStr(in, j, "updated_at", false);
   t->updated_by = getStr(in, j, "updated_by", false);
   int q = Snapshot_findQuestion(s, t->question_id);
   int c = q >= 0 ? SnapQuestion_findChoice(&s->questions[q], t->choice_id) : -1;
   it->question = c >= 0 ? (size_t)q : PLAN_NO_INDEX;
   it->choice = c >= 0 ? (size_t)c : PLAN_NO_INDEX;
}

static void readPlan(In *in, Snapshot *s, json_t *root)
{
   json_t *arr = getArray(in, root, "plan");
   size_t n = arr ? json_array_size(arr) : 0;
   if (n == 0)
      return;
   s->plan.items = xcalloc(n, sizeof *s->plan.items);
   bool tail = false; /* active items come first; the rest follow */
   for (size_t i = 0; i < n; i++) {
      PlanItem *it = &s->plan.items[s->plan.n++];
      readItem(in, s, json_array_get(arr, i), it);
      if (it->state != PLAN_ITEM_ACTIVE)
         tail = true;
      else if (tail)
         bad(in, "plan order");
      else
         s->plan.n_active++;
   }
}

static void readRoot(In *in, json_t *root, Snapshot *s)
{
   json_t *lens = json_object_get(root, "lens");
   if (!json_is_object(lens)) {
      bad(in, "lens");
      return;
   }
   s->workload = getStr(in, root, "workload", false);
   s->today = getStr(in, root, "today", false);
   s->lens_key = getStr(in, lens, "key", true);
   s->lens_version = getStr(in, lens, "version", false);
   s->lens_name = getStr(in, lens, "name", false);
   s->lens_sha256 = getStr(in, lens, "sha256", false);
   readCounts(in, json_object_get(root, "total"), &s->total);
   s->phases = readGroups(in, root, "phases", &s->n_phases);
   s->pillars = readGroups(in, root, "pillars", &s->n_pillars);
   json_t *qs = getArray(in, root, "questions");
   s->n_questions = qs ? json_array_size(qs) : 0;
   s->questions = xcalloc(s->n_questions + 1, sizeof *s->questions);
   for (size_t i = 0; i < s->n_questions; i++)
      readQuestion(in, s, json_array_get(qs, i), &s->questions[i]);
   readPlan(in, s, root);
}

bool Snapshot_fromJson(const char *text, Snapshot *out, char **err)
{
   memset(out, 0, sizeof *out);
   json_error_t jerr;
   json_t *root = json_loads(text ? text : "", JSON_REJECT_DUPLICATES, &jerr);
   if (!json_is_object(root)) {
      *err = root ? xstrdup(_("snapshot: not a JSON object"))
                  : xasprintf(_("snapshot: %d:%d: %s"), jerr.line, jerr.column, jerr.text);
      json_decref(root);
      return false;
   }
   In in = {NULL};
   json_t *format = json_object_get(root, "format");
   if (!json_is_integer(format) || json_integer_value(format) < 1)
      bad(&in, "format");
   else if (json_integer_value(format) > SNAPSHOT_FORMAT)
      in.err = xasprintf(_("snapshot: format %lld is newer than this walens (%d)"),
                         (long long)json_integer_value(format), SNAPSHOT_FORMAT);
   else {
      out->format = (int)json_integer_value(format);
      readRoot(&in, root, out);
   }
   json_decref(root);
   if (in.err) {
      Snapshot_free(out);
      *err = in.err;
      return false;
   }
   return true;
}
