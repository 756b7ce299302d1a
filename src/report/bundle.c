/* bundle.c: review bundles, written with jansson and read back with every
 * field checked before anything is stored. */
#include "config.h"

#include "report/bundle.h"
#include "report/bundle_merge.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lens.h"
#include "core/profile.h"
#include "core/sha256.h"
#include "core/snapshot.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "core/json.h"
#include "core/names.h"
#include "store/import.h"
#include "store/template.h"
#include "store/profiledoc.h"
#include "store/upgrade.h"
#include "report/workload_json.h"

/* ==== export ==== */

static json_t *strArray(char *const *v, size_t n)
{
   json_t *a = Json_checked(json_array());
   for (size_t i = 0; i < n; i++)
      Json_append(a, Json_string(v[i]));
   return a;
}

/* The workload table's created_by is not read by the store API; the
 * history's first workload entry (the creation) tells the same. */
static const char *createdBy(const Workload *w, const HistoryEntry *h, size_t n)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(h[i].kind, "workload") == 0 && !h[i].before)
         return h[i].user;
   return w->updated_by;
}

static json_t *lensJson(const StoreLens *l)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "key", l->key);
   Json_setString(o, "version", l->version);
   Json_setString(o, "name", l->name);
   Json_setString(o, "sha256", l->sha256);
   Json_set(o, "text", json_stringn(l->text, l->text_len));
   return o;
}

static json_t *answerJson(const StoredAnswer *a)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "question", a->question_id);
   Json_setBool(o, "not_applicable", a->not_applicable);
   Json_setString(o, "reason", a->na_reason);
   Json_set(o, "selected", strArray(a->selected, a->n_selected));
   Json_set(o, "not_applicable_choices", strArray(a->na_choices, a->n_na_choices));
   Json_setString(o, "notes", a->notes);
   if (a->na_note) /* absent when none, as bundles were before */
      Json_setString(o, "reason_text", a->na_note);
   if (a->n_choice_notes) { /* absent when none, as bundles were before */
      json_t *cn = Json_checked(json_object());
      for (size_t i = 0; i < a->n_choice_notes; i++)
         Json_setString(cn, a->note_choices[i], a->choice_notes[i]);
      Json_set(o, "choice_notes", cn);
   }
   Json_setInt(o, "version", (long long)a->version);
   Json_setString(o, "updated_at", a->updated_at);
   Json_setString(o, "updated_by", a->updated_by);
   return o;
}

/* The template a review was made from: its name, the revision the review
 * has, that revision's answers (without row versions: a template has
 * none), and the questions still answered as it wrote them. */
static json_t *templateJson(const TemplateImport *t)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "name", t->name);
   Json_setInt(o, "revision", t->revision);
   json_t *a = Json_checked(json_array());
   for (size_t i = 0; i < t->n; i++) {
      json_t *one = answerJson(&t->answers[i]);
      json_object_del(one, "version");
      json_object_del(one, "updated_at");
      json_object_del(one, "updated_by");
      Json_append(a, one);
   }
   Json_set(o, "answers", a);
   Json_set(o, "from_template", strArray(t->from, t->n_from));
   return o;
}

static json_t *planJson(const PlanTracking *t)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "question", t->question_id);
   Json_setString(o, "choice", t->choice_id);
   Json_setString(o, "status", t->status);
   Json_setString(o, "owner", t->owner);
   Json_setString(o, "due", t->due);
   Json_setInt(o, "priority", t->priority);
   /* Only when set: bundles of plans without them read as before. */
   if (t->impact)
      Json_setString(o, "impact", t->impact);
   if (t->effort)
      Json_setString(o, "effort", t->effort);
   Json_setString(o, "note", t->note);
   Json_setInt(o, "version", (long long)t->version);
   Json_setString(o, "updated_at", t->updated_at);
   Json_setString(o, "updated_by", t->updated_by);
   return o;
}

static json_t *milestoneJson(const Milestone *m)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "name", m->name);
   Json_setString(o, "created_at", m->created_at);
   Json_setString(o, "created_by", m->created_by);
   /* Kept as the exact text the store holds (milestones are immutable). */
   Json_setString(o, "snapshot", m->snapshot);
   return o;
}

static json_t *historyJson(const HistoryEntry *h)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "at", h->at);
   Json_setString(o, "user", h->user);
   Json_setString(o, "kind", h->kind);
   Json_setString(o, "object", h->object);
   Json_setString(o, "before", h->before);
   Json_setString(o, "after", h->after);
   return o;
}

/* Everything a bundle holds, read from the store. */
typedef struct Parts {
   Workload w;
   StoreLens lens;
   StoredAnswer *answers;
   size_t n_answers;
   PlanTracking *plan;
   size_t n_plan;
   Milestone *milestones;
   size_t n_milestones;
   HistoryEntry *history;
   size_t n_history;
   char **marks;
   size_t n_marks;
   bool has_template; /* made from a review template */
   TemplateImport tpl;
   StoreProfile profile; /* key NULL: the workload has none */
   ContextAnswer *context;
   size_t n_context;
} Parts;

static void partsFree(Parts *p)
{
   Workload_free(&p->w);
   StoreLens_free(&p->lens);
   StoredAnswer_freeArray(p->answers, p->n_answers);
   PlanTracking_freeArray(p->plan, p->n_plan);
   Milestone_freeArray(p->milestones, p->n_milestones);
   HistoryEntry_freeArray(p->history, p->n_history);
   for (size_t i = 0; i < p->n_marks; i++)
      free(p->marks[i]);
   free(p->marks);
   if (p->has_template)
      TemplateImport_freeOwned(&p->tpl);
   StoreProfile_free(&p->profile);
   ContextAnswer_freeArray(p->context, p->n_context);
}

/* The workload's profile as it is stored: its text, the text's sha256 and
 * the context answers; null when it has none. */
static json_t *profileJson(const Parts *p)
{
   if (!p->profile.key)
      return json_null();
   json_t *o = Json_checked(json_object());
   Json_setString(o, "sha256", p->profile.sha256);
   Json_setString(o, "text", p->profile.text);
   json_t *c = Json_checked(json_object());
   for (size_t i = 0; i < p->n_context; i++)
      Json_setString(c, p->context[i].question, p->context[i].choice);
   Json_set(o, "context", c);
   return o;
}

static StoreStatus readProfilePart(Store *s, Parts *p)
{
   StoreStatus st = Store_getWorkloadProfile(s, p->w.id, &p->profile, &p->context, &p->n_context);
   return st == STORE_NOT_FOUND ? STORE_OK : st;
}

static StoreStatus readParts(Store *s, const char *workload, Parts *p, char **err)
{
   memset(p, 0, sizeof *p);
   /* One snapshot: a reviewer's commit between two reads would otherwise
    * give a bundle whose answers and plan disagree. */
   StoreStatus st = Store_readBegin(s);
   if (st == STORE_OK)
      st = Store_findWorkload(s, workload, &p->w);
   if (st == STORE_NOT_FOUND) {
      (void)Store_readEnd(s);
      *err = xasprintf(_("no workload named '%s'"), workload);
      return st;
   }
   int64_t rid = p->w.review_id;
   if (st == STORE_OK)
      st = Store_getLens(s, p->w.lens_id, &p->lens);
   if (st == STORE_OK)
      st = Store_getAnswers(s, rid, &p->answers, &p->n_answers);
   if (st == STORE_OK)
      st = Store_getPlanTracking(s, rid, &p->plan, &p->n_plan);
   if (st == STORE_OK)
      st = Store_listMilestones(s, rid, true, &p->milestones, &p->n_milestones);
   if (st == STORE_OK)
      st = Store_history(s, rid, NULL, &p->history, &p->n_history);
   if (st == STORE_OK)
      st = Store_getReviewMarks(s, rid, &p->marks, &p->n_marks);
   if (st == STORE_OK) {
      st = StoreTemplate_ofReview(s, rid, &p->tpl);
      p->has_template = st == STORE_OK;
      if (st == STORE_NOT_FOUND)
         st = STORE_OK;
   }
   if (st == STORE_OK)
      st = readProfilePart(s, p);
   if (st != STORE_OK)
      *err = xstrdup(Store_lastError(s));
   StoreStatus end = Store_readEnd(s);
   if (st == STORE_OK && end != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      st = end;
   }
   return st;
}

StoreStatus Bundle_export(Store *s, const char *workload, char **text, char **err)
{
   *text = NULL;
   Parts p;
   StoreStatus st = readParts(s, workload, &p, err);
   if (st != STORE_OK) {
      partsFree(&p);
      return st;
   }
   json_t *root = Json_checked(json_object());
   Json_setString(root, "format", BUNDLE_FORMAT_NAME);
   Json_setInt(root, "version", BUNDLE_VERSION);
   Json_set(root, "workload", Workload_toJson(&p.w, createdBy(&p.w, p.history, p.n_history)));
   Json_set(root, "lens", lensJson(&p.lens));
   json_t *a = Json_checked(json_array());
   for (size_t i = 0; i < p.n_answers; i++)
      Json_append(a, answerJson(&p.answers[i]));
   Json_set(root, "answers", a);
   a = Json_checked(json_array());
   for (size_t i = 0; i < p.n_plan; i++)
      Json_append(a, planJson(&p.plan[i]));
   Json_set(root, "plan", a);
   a = Json_checked(json_array());
   for (size_t i = 0; i < p.n_milestones; i++)
      Json_append(a, milestoneJson(&p.milestones[i]));
   Json_set(root, "milestones", a);
   a = Json_checked(json_array());
   for (size_t i = 0; i < p.n_history; i++)
      Json_append(a, historyJson(&p.history[i]));
   Json_set(root, "history", a);
   Json_set(root, "review_marks", strArray(p.marks, p.n_marks));
   if (p.has_template) /* absent when none: bundles read as before */
      Json_set(root, "template", templateJson(&p.tpl));
   Json_set(root, "profile", profileJson(&p));
   *text = Json_dump(root);
   json_decref(root);
   partsFree(&p);
   return STORE_OK;
}

/* ==== import ==== */

/* The reader keeps the first problem; every accessor is a no-op after it,
 * so the checks read straight through without a test at each step. */
typedef struct Rd {
   char *err;
} Rd;

static void problem(Rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(Rd *r, const char *fmt, ...)
{
   if (r->err)
      return;
   va_list ap;
   va_start(ap, fmt);
   char buf[512];
   vsnprintf(buf, sizeof buf, fmt, ap);
   va_end(ap);
   r->err = xasprintf(_("bundle: %s"), buf);
}

typedef enum { OPTIONAL, REQUIRED } Need;

/* A string member (borrowed from the tree), NULL when null or absent. */
static const char *str(Rd *r, json_t *o, const char *key, Need need, const char *path)
{
   json_t *v = json_object_get(o, key);
   if (!v || json_is_null(v)) {
      if (need == REQUIRED)
         problem(r, _("%s.%s is missing"), path, key);
      return NULL;
   }
   if (!json_is_string(v)) {
      problem(r, _("%s.%s must be a string"), path, key);
      return NULL;
   }
   return json_string_value(v);
}

static json_t *member(Rd *r, json_t *o, const char *key, bool array, const char *path)
{
   json_t *v = json_object_get(o, key);
   if (!v || (array ? !json_is_array(v) : !json_is_object(v))) {
      problem(r, array ? _("%s.%s must be an array") : _("%s.%s must be an object"), path, key);
      return NULL;
   }
   return v;
}

static int64_t integer(Rd *r, json_t *o, const char *key, int64_t min, const char *path)
{
   json_t *v = json_object_get(o, key);
   if (!json_is_integer(v) || json_integer_value(v) < min ||
       json_integer_value(v) > (json_int_t)INT32_MAX) {
      problem(r, _("%s.%s must be a whole number from %lld"), path, key, (long long)min);
      return min;
   }
   return (int64_t)json_integer_value(v);
}

static bool boolean(Rd *r, json_t *o, const char *key, const char *path)
{
   json_t *v = json_object_get(o, key);
   if (!json_is_boolean(v)) {
      problem(r, _("%s.%s must be true or false"), path, key);
      return false;
   }
   return json_is_true(v);
}

/* An array of strings, borrowed (the array itself is allocated). */
static char **strs(Rd *r, json_t *o, const char *key, const char *path, size_t *n)
{
   *n = 0;
   json_t *a = member(r, o, key, true, path);
   if (!a)
      return NULL;
   char **v = xcalloc(json_array_size(a) + 1, sizeof *v);
   for (size_t i = 0; i < json_array_size(a); i++) {
      json_t *e = json_array_get(a, i);
      if (!json_is_string(e)) {
         problem(r, _("%s.%s[%zu] must be a string"), path, key, i);
         break;
      }
      v[(*n)++] = (char *)json_string_value(e);
   }
   return v;
}

/* What a bundle turns into, pointing into the JSON tree. */
typedef struct In {
   Workload w;
   const char *created_by;
   StoreLens lens;
   Lens *parsed;
   StoredAnswer *answers;
   size_t n_answers;
   PlanTracking *plan;
   size_t n_plan;
   Milestone *milestones;
   size_t n_milestones;
   HistoryEntry *history;
   size_t n_history;
   char **marks;
   size_t n_marks;
   bool has_template;
   TemplateImport tpl; /* strings borrowed from the tree; tpl_answers owned */
   StoredAnswer *tpl_answers;
   size_t n_tpl;
   Profile *profile; /* NULL when the bundle has none */
   const char *profile_text;
   ContextAnswer *context; /* strings borrowed from the tree */
   size_t n_context;
} In;

static void inFree(In *in)
{
   for (size_t i = 0; i < in->n_answers; i++) {
      free(in->answers[i].selected);
      free(in->answers[i].na_choices);
      free(in->answers[i].note_choices);
      free(in->answers[i].choice_notes);
   }
   free(in->answers);
   free(in->plan);
   free(in->milestones);
   free(in->history);
   free(in->marks);
   for (size_t i = 0; i < in->n_tpl; i++) {
      free(in->tpl_answers[i].selected);
      free(in->tpl_answers[i].na_choices);
      free(in->tpl_answers[i].note_choices);
      free(in->tpl_answers[i].choice_notes);
   }
   free(in->tpl_answers);
   free((char **)in->tpl.from);
   Lens_free(in->parsed);
   Profile_free(in->profile);
   free(in->context);
}

static void readWorkload(Rd *r, json_t *root, In *in)
{
   json_t *o = member(r, root, "workload", false, "bundle");
   if (!o)
      return;
   const char *p = "workload";
   in->w.name = (char *)str(r, o, "name", REQUIRED, p);
   in->w.description = (char *)str(r, o, "description", OPTIONAL, p);
   in->w.environment = (char *)str(r, o, "environment", OPTIONAL, p);
   in->w.owner = (char *)str(r, o, "owner", OPTIONAL, p);
   in->w.archived = boolean(r, o, "archived", p);
   in->w.created_at = (char *)str(r, o, "created_at", REQUIRED, p);
   in->created_by = str(r, o, "created_by", REQUIRED, p);
   in->w.updated_at = (char *)str(r, o, "updated_at", REQUIRED, p);
   in->w.updated_by = (char *)str(r, o, "updated_by", REQUIRED, p);
}

/* The lens text must be the one its fingerprint names, and must load. */
static void readLens(Rd *r, json_t *root, In *in)
{
   json_t *o = member(r, root, "lens", false, "bundle");
   const char *sha = o ? str(r, o, "sha256", REQUIRED, "lens") : NULL;
   json_t *t = o ? json_object_get(o, "text") : NULL;
   if (r->err)
      return;
   if (!json_is_string(t)) {
      problem(r, "%s", _("lens.text must be a string"));
      return;
   }
   const char *text = json_string_value(t);
   size_t len = json_string_length(t);
   char hex[65];
   Sha256_hex(text, len, hex);
   if (strcmp(hex, sha) != 0) {
      problem(r, "%s", _("lens.text does not match lens.sha256: the bundle is damaged"));
      return;
   }
   DiagList d;
   DiagList_init(&d);
   in->parsed = Lens_loadStored(_("the bundle's lens"), text, len, &d);
   if (!in->parsed) {
      char *first = NULL;
      for (size_t i = 0; i < d.count && !first; i++)
         if (d.items[i].level == DIAG_ERROR)
            first = Diag_format(&d.items[i]);
      problem(r, _("its lens does not load: %s"), first ? first : "?");
      free(first);
   } else {
      in->lens.key = in->parsed->key;
      in->lens.version = in->parsed->version;
      in->lens.name = in->parsed->name;
      in->lens.sha256 = in->parsed->sha256;
      in->lens.text = (char *)text;
      in->lens.text_len = len;
   }
   DiagList_free(&d);
}

static void checkChoices(Rd *r, const Question *q, char *const *ids, size_t n, const char *path)
{
   for (size_t i = 0; i < n && !r->err; i++)
      if (Question_findChoice(q, ids[i]) < 0)
         problem(r, _("%s[%zu]: '%s' is not a choice of question '%s'"), path, i, ids[i], q->id);
}

/* What `walens answer` could never record: "None of these" beside a
 * practice, or one choice both selected and not applicable. */
static void checkAnswerShape(Rd *r, const Question *q, const StoredAnswer *a, const char *p)
{
   bool none = false;
   for (size_t i = 0; i < a->n_selected; i++) {
      int c = Question_findChoice(q, a->selected[i]);
      none = none || (c >= 0 && q->choices[c].is_none);
   }
   if (none && a->n_selected > 1)
      problem(r, _("%s.selected: \"None of these\" beside a practice"), p);
   /* Both lists are short (a question's choices); a pairwise check is fine. */
   for (size_t i = 0; i < a->n_selected && !r->err; i++)
      for (size_t j = 0; j < a->n_na_choices; j++)
         if (strcmp(a->selected[i], a->na_choices[j]) == 0) {
            problem(r, _("%s: '%s' is both selected and not applicable"), p, a->selected[i]);
            break;
         }
}

/* Reads root.key, an array of objects, into a new zeroed array of elements
 * of size bytes (one more than the objects, so never NULL): each(r, object,
 * element, path, ctx) reads one, with the path "key[i]" for messages.
 * Stops at the first problem; *n counts the elements begun, for inFree. */
typedef void ReadElem(Rd *r, json_t *o, void *elem, const char *path, const void *ctx);
static void *readArray(Rd *r, json_t *root, const char *key, size_t size, size_t *n, ReadElem *each,
                       const void *ctx)
{
   json_t *arr = member(r, root, key, true, "bundle");
   size_t len = arr ? json_array_size(arr) : 0;
   char *v = xcalloc(len + 1, size);
   for (size_t i = 0; i < len && !r->err; i++) {
      char *p = xasprintf("%s[%zu]", key, i);
      json_t *o = json_array_get(arr, i);
      (*n)++;
      if (!json_is_object(o))
         problem(r, _("%s must be an object"), p);
      else
         each(r, o, v + i * size, p, ctx);
      free(p);
   }
   return v;
}

/* answers[].choice_notes: {choice id: non-empty text}, choices of q,
 * sorted by id as the store keeps them; strings borrowed from o. */
static void readChoiceNotes(Rd *r, json_t *o, const Question *q, StoredAnswer *a, const char *p)
{
   json_t *cn = json_object_get(o, "choice_notes");
   if (!cn || json_is_null(cn))
      return;
   if (!json_is_object(cn)) {
      problem(r, _("%s.choice_notes must be an object"), p);
      return;
   }
   size_t n = json_object_size(cn);
   a->note_choices = xcalloc(n + 1, sizeof *a->note_choices);
   a->choice_notes = xcalloc(n + 1, sizeof *a->choice_notes);
   const char *id;
   json_t *v;
   json_object_foreach(cn, id, v)
   {
      if (r->err)
         return;
      if (Question_findChoice(q, id) < 0) {
         problem(r, _("%s.choice_notes: '%s' is not a choice of question '%s'"), p, id, q->id);
      } else if (!json_is_string(v) || !*json_string_value(v)) {
         problem(r, _("%s.choice_notes.%s must be a non-empty string"), p, id);
      } else {
         /* insertion sort by id: a question has at most a few dozen choices */
         size_t k = a->n_choice_notes++;
         while (k > 0 && strcmp(a->note_choices[k - 1], id) > 0) {
            a->note_choices[k] = a->note_choices[k - 1];
            a->choice_notes[k] = a->choice_notes[k - 1];
            k--;
         }
         a->note_choices[k] = (char *)id;
         a->choice_notes[k] = (char *)json_string_value(v);
      }
   }
}

/* reason_text: one short line (NaNote_problem), beside a not-applicable
 * mark only; a bundle written by hand or by a stranger is checked as the
 * CLI checks what is typed. */
static void checkReasonText(Rd *r, const StoredAnswer *a, const char *p)
{
   char *why = NaNote_problem(a->na_note);
   if (why)
      problem(r, _("%s.reason_text: %s"), p, why);
   else if (!a->not_applicable)
      problem(r, _("%s.reason_text: the question is not marked not applicable"), p);
   free(why);
}

/* What an answer and a template's answer have alike: the fields ... */
static void readAnswerFields(Rd *r, json_t *o, StoredAnswer *a, const char *p)
{
   a->question_id = (char *)str(r, o, "question", REQUIRED, p);
   a->not_applicable = boolean(r, o, "not_applicable", p);
   a->na_reason = (char *)str(r, o, "reason", OPTIONAL, p);
   a->selected = strs(r, o, "selected", p, &a->n_selected);
   a->na_choices = strs(r, o, "not_applicable_choices", p, &a->n_na_choices);
   a->notes = (char *)str(r, o, "notes", OPTIONAL, p);
   a->na_note = (char *)str(r, o, "reason_text", OPTIONAL, p);
   if (!r->err && a->na_note)
      checkReasonText(r, a, p);
}

/* ... and their ids checked against the lens, with the practices' notes:
 * the question, or NULL when the lens has none of that id (said). */
static const Question *checkAnswerIds(Rd *r, const Lens *lens, json_t *o, StoredAnswer *a,
                                      const char *p)
{
   const Question *q = Lens_findQuestion(lens, a->question_id, NULL);
   if (!q) {
      problem(r, _("%s: the lens has no question '%s'"), p, a->question_id);
      return NULL;
   }
   char *path = xasprintf("%s.selected", p);
   checkChoices(r, q, a->selected, a->n_selected, path);
   free(path);
   path = xasprintf("%s.not_applicable_choices", p);
   checkChoices(r, q, a->na_choices, a->n_na_choices, path);
   free(path);
   readChoiceNotes(r, o, q, a, p);
   return q;
}

/* ctx: the bundle's lens, which the answer must fit. */
static void readAnswer(Rd *r, json_t *o, void *elem, const char *p, const void *ctx)
{
   const Lens *lens = ctx;
   StoredAnswer *a = elem;
   readAnswerFields(r, o, a, p);
   a->version = integer(r, o, "version", 1, p);
   a->updated_at = (char *)str(r, o, "updated_at", REQUIRED, p);
   a->updated_by = (char *)str(r, o, "updated_by", REQUIRED, p);
   if (r->err)
      return;
   const Question *q = checkAnswerIds(r, lens, o, a, p);
   if (!q)
      return;
   NaReason reason = NA_NONE;
   if (a->na_reason && !NaReason_parse(a->na_reason, &reason))
      problem(r, _("%s.reason: unknown reason '%s'"), p, a->na_reason);
   else if (a->not_applicable && reason == NA_NONE)
      problem(r, _("%s: not applicable without a reason"), p);
   checkAnswerShape(r, q, a, p);
}

/* Plan tracking may name practices the lens no longer has (after a lens
 * upgrade they show as orphaned), so an unknown question or choice passes;
 * a known one must be a practice a plan item can be about, never "None of
 * these".  ctx: the bundle's lens. */
static void readPlanItem(Rd *r, json_t *o, void *elem, const char *p, const void *ctx)
{
   const Lens *lens = ctx;
   PlanTracking *t = elem;
   t->question_id = (char *)str(r, o, "question", REQUIRED, p);
   t->choice_id = (char *)str(r, o, "choice", REQUIRED, p);
   t->status = (char *)str(r, o, "status", REQUIRED, p);
   t->owner = (char *)str(r, o, "owner", OPTIONAL, p);
   t->due = (char *)str(r, o, "due", OPTIONAL, p);
   t->priority = (int)integer(r, o, "priority", 0, p);
   t->impact = (char *)str(r, o, "impact", OPTIONAL, p);
   t->effort = (char *)str(r, o, "effort", OPTIONAL, p);
   t->note = (char *)str(r, o, "note", OPTIONAL, p);
   t->version = integer(r, o, "version", 1, p);
   t->updated_at = (char *)str(r, o, "updated_at", REQUIRED, p);
   t->updated_by = (char *)str(r, o, "updated_by", REQUIRED, p);
   if (r->err)
      return;
   if (t->impact && !PlanLevel_isName(t->impact))
      problem(r, _("%s.impact: '%s' is not low, medium or high"), p, t->impact);
   else if (t->effort && !PlanLevel_isName(t->effort))
      problem(r, _("%s.effort: '%s' is not low, medium or high"), p, t->effort);
   const Question *q = Lens_findQuestion(lens, t->question_id, NULL);
   int c = q ? Question_findChoice(q, t->choice_id) : -1;
   if (c >= 0 && q->choices[c].is_none)
      problem(r, _("%s: '%s' (\"None of these\") cannot have a plan item"), p, t->choice_id);
}

/* The practices of lens a plan item can be about: no review can have more
 * plan items, so a bundle with more (orphans included) is forged. */
static size_t practices(const Lens *lens)
{
   size_t n = 0;
   for (size_t i = 0; i < lens->n_questions; i++)
      for (size_t c = 0; c < lens->questions[i].n_choices; c++)
         n += !lens->questions[i].choices[c].is_none;
   return n;
}

static void checkCounts(Rd *r, const In *in)
{
   if (in->n_plan > practices(in->parsed))
      problem(r, _("%zu plan items, more than the %zu practices of its lens"), in->n_plan,
              practices(in->parsed));
   else if (in->n_milestones > STORE_IMPORT_MAX_MILESTONES)
      problem(r, _("%zu milestones, more than %d"), in->n_milestones, STORE_IMPORT_MAX_MILESTONES);
   else if (in->n_history > STORE_IMPORT_MAX_HISTORY)
      problem(r, _("%zu history entries, more than %d"), in->n_history, STORE_IMPORT_MAX_HISTORY);
   else if (in->n_marks > in->parsed->n_questions)
      problem(r, _("%zu re-review marks, more than the %zu questions of its lens"), in->n_marks,
              in->parsed->n_questions);
}

static void readMilestone(Rd *r, json_t *o, void *elem, const char *p, const void *ctx)
{
   (void)ctx;
   Milestone *m = elem;
   m->name = (char *)str(r, o, "name", REQUIRED, p);
   m->created_at = (char *)str(r, o, "created_at", REQUIRED, p);
   m->created_by = (char *)str(r, o, "created_by", REQUIRED, p);
   m->snapshot = (char *)str(r, o, "snapshot", REQUIRED, p);
   if (r->err)
      return;
   /* A milestone must read back (the report and diff screens parse it). */
   Snapshot snap;
   char *why = NULL;
   if (!Snapshot_fromJson(m->snapshot, &snap, &why))
      problem(r, _("%s.snapshot: %s"), p, why ? why : "?");
   Snapshot_free(&snap);
   free(why);
}

static void readHistoryEntry(Rd *r, json_t *o, void *elem, const char *p, const void *ctx)
{
   (void)ctx;
   HistoryEntry *h = elem;
   h->at = (char *)str(r, o, "at", REQUIRED, p);
   h->user = (char *)str(r, o, "user", REQUIRED, p);
   h->kind = (char *)str(r, o, "kind", REQUIRED, p);
   h->object = (char *)str(r, o, "object", REQUIRED, p);
   h->before = (char *)str(r, o, "before", OPTIONAL, p);
   h->after = (char *)str(r, o, "after", OPTIONAL, p);
}

static void readMarks(Rd *r, json_t *root, In *in)
{
   in->marks = strs(r, root, "review_marks", "bundle", &in->n_marks);
   for (size_t i = 0; i < in->n_marks && !r->err; i++)
      if (!Lens_findQuestion(in->parsed, in->marks[i], NULL))
         problem(r, _("review_marks[%zu]: the lens has no question '%s'"), i, in->marks[i]);
}

/* template.answers[]: an answer of the bundle's lens, without row version. */
static void readTemplateAnswer(Rd *r, json_t *o, void *elem, const char *p, const void *ctx)
{
   const Lens *lens = ctx;
   StoredAnswer *a = elem;
   readAnswerFields(r, o, a, p);
   if (r->err)
      return;
   const Question *q = checkAnswerIds(r, lens, o, a, p);
   if (!q)
      return;
   NaReason reason = NA_NONE;
   if (!r->err && a->na_reason && !NaReason_parse(a->na_reason, &reason))
      problem(r, _("%s.reason: unknown reason '%s'"), p, a->na_reason);
   if (!r->err)
      checkAnswerShape(r, q, a, p);
}

static bool hasAnswer(const StoredAnswer *a, size_t n, const char *qid)
{
   for (size_t i = 0; i < n; i++)
      if (a[i].question_id && strcmp(a[i].question_id, qid) == 0)
         return true;
   return false;
}

/* "template": optional; a name in normal form, a revision, answers of the
 * lens (one a question), and marks that name answers of both the template
 * and the workload. */
static void readTemplate(Rd *r, json_t *root, In *in)
{
   json_t *o = json_object_get(root, "template");
   if (!o || json_is_null(o))
      return;
   if (!json_is_object(o)) {
      problem(r, "%s", _("template must be an object"));
      return;
   }
   in->has_template = true;
   in->tpl.name = str(r, o, "name", REQUIRED, "template");
   in->tpl.revision = (int)integer(r, o, "revision", 1, "template");
   if (!r->err && !Names_isNormal(NAME_TEMPLATE, in->tpl.name))
      problem(r, _("template.name: '%s' is not a template name in normal form"), in->tpl.name);
   if (!r->err && json_integer_value(json_object_get(o, "revision")) > 1000000)
      problem(r, "%s", _("template.revision: more than 1000000"));
   json_t *arr = r->err ? NULL : member(r, o, "answers", true, "template");
   size_t len = arr ? json_array_size(arr) : 0;
   in->tpl_answers = xcalloc(len + 1, sizeof *in->tpl_answers);
   for (size_t i = 0; i < len && !r->err; i++) {
      char *p = xasprintf("template.answers[%zu]", i);
      json_t *e = json_array_get(arr, i);
      in->n_tpl++;
      if (!json_is_object(e))
         problem(r, _("%s must be an object"), p);
      else
         readTemplateAnswer(r, e, &in->tpl_answers[i], p, in->parsed);
      free(p);
   }
   for (size_t i = 0; i < in->n_tpl && !r->err; i++)
      for (size_t k = 0; k < i && !r->err; k++)
         if (strcmp(in->tpl_answers[i].question_id, in->tpl_answers[k].question_id) == 0)
            problem(r, _("template.answers[%zu]: question '%s' twice"), i,
                    in->tpl_answers[i].question_id);
   size_t n_from = 0;
   char **from = r->err ? NULL : strs(r, o, "from_template", "template", &n_from);
   in->tpl.from = from;
   in->tpl.n_from = n_from;
   for (size_t i = 0; i < n_from && !r->err; i++)
      if (!hasAnswer(in->tpl_answers, in->n_tpl, from[i]) ||
          !hasAnswer(in->answers, in->n_answers, from[i]))
         problem(r,
                 _("template.from_template[%zu]: '%s' is not answered by both the template and "
                   "the workload"),
                 i, from[i]);
   in->tpl.answers = in->tpl_answers;
   in->tpl.n = in->n_tpl;
}

/* The profile text must match its sha256, load without errors and fit the
 * bundle's lens; each context answer must name one of its questions and
 * choices. */
static void checkProfile(Rd *r, const char *text, In *in)
{
   DiagList d;
   DiagList_init(&d);
   in->profile = Profile_loadBuffer(_("the bundle's profile"), text, strlen(text), &d);
   if (in->profile)
      Profile_check(in->profile, in->parsed, _("the bundle's profile"), &d);
   char *first = NULL;
   for (size_t i = 0; i < d.count && !first; i++)
      if (d.items[i].level == DIAG_ERROR)
         first = Diag_format(&d.items[i]);
   if (first || !in->profile)
      problem(r, _("its profile does not load: %s"), first ? first : "?");
   free(first);
   DiagList_free(&d);
}

static void readContext(Rd *r, json_t *c, In *in)
{
   if (!json_is_object(c)) {
      problem(r, "%s", _("profile.context must be an object"));
      return;
   }
   size_t n = json_object_size(c);
   if (n > PROFILE_MAX_QUESTIONS) {
      problem(r, "%s", _("profile.context has more answers than a profile has questions"));
      return;
   }
   in->context = xcalloc(n + 1, sizeof *in->context);
   const char *key;
   json_t *v;
   json_object_foreach(c, key, v)
   {
      if (!json_is_string(v)) {
         problem(r, _("profile.context.%s must be a string"), key);
         return;
      }
      in->context[in->n_context].question = (char *)key;
      in->context[in->n_context++].choice = (char *)json_string_value(v);
   }
   char *err = NULL;
   if (!ProfileDoc_checkAnswers(in->profile, in->context, in->n_context, &err))
      problem(r, "profile.context: %s", err);
   free(err);
}

static void readProfile(Rd *r, json_t *root, In *in)
{
   json_t *o = json_object_get(root, "profile");
   if (!o || json_is_null(o))
      return;
   if (!json_is_object(o)) {
      problem(r, "%s", _("profile must be an object or null"));
      return;
   }
   const char *sha = str(r, o, "sha256", REQUIRED, "profile");
   json_t *t = json_object_get(o, "text");
   if (r->err)
      return;
   if (!json_is_string(t) || strlen(json_string_value(t)) != json_string_length(t)) {
      problem(r, "%s", _("profile.text must be a string without NUL characters"));
      return;
   }
   in->profile_text = json_string_value(t);
   char hex[65];
   Sha256_hex(in->profile_text, json_string_length(t), hex);
   if (strcmp(hex, sha) != 0) {
      problem(r, "%s", _("profile.text does not match profile.sha256: the bundle is damaged"));
      return;
   }
   checkProfile(r, in->profile_text, in);
   if (!r->err)
      readContext(r, json_object_get(o, "context"), in);
}

static json_t *parseRoot(Rd *r, const char *text, size_t len)
{
   if (len > BUNDLE_MAX_SIZE) {
      problem(r, _("the file is larger than %u bytes"), BUNDLE_MAX_SIZE);
      return NULL;
   }
   json_error_t e;
   json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
   if (!root) {
      problem(r, _("line %d, column %d: %s"), e.line, e.column, e.text);
      return NULL;
   }
   json_t *v;
   if (!json_is_object(root))
      problem(r, "%s", _("a bundle is a JSON object"));
   else if (!json_is_string(v = json_object_get(root, "format")) ||
            strcmp(json_string_value(v), BUNDLE_FORMAT_NAME) != 0)
      problem(r, "%s", _("this is not a walens bundle (no \"format\": \"walens-bundle\")"));
   else if (!json_is_integer(v = json_object_get(root, "version")) || json_integer_value(v) < 1)
      problem(r, "%s", _("version must be a whole number from 1"));
   else if (json_integer_value(v) > BUNDLE_VERSION)
      problem(r, _("version %lld is newer than this walens reads (%d)"),
              (long long)json_integer_value(v), BUNDLE_VERSION);
   return root;
}

static StoreStatus refuse(Rd *r, char **err)
{
   *err = r->err;
   return STORE_INVALID;
}

/* Parses and checks everything the bundle layer can check; the first
 * problem is left in r->err.  Returns the tree (NULL when not JSON). */
static json_t *readAll(Rd *r, const char *text, size_t len, In *in)
{
   memset(in, 0, sizeof *in);
   json_t *root = parseRoot(r, text, len);
   if (!r->err)
      readWorkload(r, root, in);
   if (!r->err)
      readLens(r, root, in);
   if (!r->err)
      in->answers =
         readArray(r, root, "answers", sizeof *in->answers, &in->n_answers, readAnswer, in->parsed);
   if (!r->err)
      in->plan =
         readArray(r, root, "plan", sizeof *in->plan, &in->n_plan, readPlanItem, in->parsed);
   if (!r->err)
      in->milestones = readArray(r, root, "milestones", sizeof *in->milestones, &in->n_milestones,
                                 readMilestone, NULL);
   if (!r->err)
      in->history =
         readArray(r, root, "history", sizeof *in->history, &in->n_history, readHistoryEntry, NULL);
   if (!r->err)
      readMarks(r, root, in);
   if (!r->err)
      readTemplate(r, root, in);
   if (!r->err)
      readProfile(r, root, in);
   if (!r->err)
      checkCounts(r, in);
   return root;
}

bool Bundle_validate(const char *text, size_t len, char **err)
{
   Rd r = {NULL};
   In in;
   json_t *root = readAll(&r, text, len, &in);
   inFree(&in);
   json_decref(root);
   if (r.err && err)
      *err = r.err;
   else
      free(r.err);
   return !r.err;
}

/* The profile goes in after the review, checked like the rest before
 * anything was written; no history entry, as the bundle's history already
 * holds the profile's. */
static StoreStatus importProfile(Store *s, const In *in)
{
   Workload w;
   StoreStatus st = Store_findWorkload(s, in->w.name, &w);
   if (st != STORE_OK)
      return st;
   StoreProfile sp = {.key = in->profile->key,
                      .version = in->profile->version,
                      .title = in->profile->title,
                      .lens_key = in->profile->lens_key,
                      .sha256 = (char *)in->profile->sha256,
                      .text = (char *)in->profile_text};
   int64_t id = 0;
   st = Store_putProfile(s, &sp, &id);
   if (st == STORE_OK)
      st = Store_setWorkloadProfile(s, w.id, id, in->context, in->n_context, NULL);
   Workload_free(&w);
   return st;
}

/* What the store writes (or merges) of a checked bundle; borrows from in. */
static StoreImport importOf(In *in, const char *user)
{
   return (StoreImport){
      .workload = &in->w,
      .created_by = in->created_by,
      .lens = &in->lens,
      .answers = in->answers,
      .n_answers = in->n_answers,
      .plan = in->plan,
      .n_plan = in->n_plan,
      .milestones = in->milestones,
      .n_milestones = in->n_milestones,
      .history = in->history,
      .n_history = in->n_history,
      .marks = in->marks,
      .n_marks = in->n_marks,
      .user = user,
      .template_in = in->has_template ? &in->tpl : NULL,
   };
}

StoreStatus Bundle_import(Store *s, const char *text, size_t len, const char *name_as,
                          const char *user, char **name, char **err)
{
   if (name)
      *name = NULL;
   Rd r = {NULL};
   In in;
   json_t *root = readAll(&r, text, len, &in);
   StoreStatus st;
   if (r.err) {
      st = refuse(&r, err);
   } else {
      if (name_as)
         in.w.name = (char *)name_as;
      StoreImport si = importOf(&in, user);
      st = Store_importReview(s, &si, NULL);
      if (st == STORE_OK && in.profile)
         st = importProfile(s, &in);
      if (st == STORE_EXISTS)
         *err = xasprintf(_("a workload named '%s' exists already; import it under another "
                            "name with --as NAME"),
                          in.w.name);
      else if (st != STORE_OK)
         *err = xasprintf(_("bundle: %s"), Store_lastError(s));
      else if (name)
         *name = xstrdup(in.w.name);
   }
   inFree(&in);
   json_decref(root);
   return st;
}

StoreStatus Bundle_mergeInto(Store *s, const char *text, size_t len, const char *workload,
                             BundlePrefer prefer, const char *user, BundleMerge *out, char **err)
{
   Rd r = {NULL};
   In in;
   json_t *root = readAll(&r, text, len, &in);
   StoreStatus st;

   memset(out, 0, sizeof *out);
   if (r.err) {
      st = refuse(&r, err);
   } else {
      StoreImport si = importOf(&in, user);
      si.template_in = NULL; /* a merge brings no template */
      st = BundleMerge_run(s, &si, workload, prefer, user, out, err);
   }
   inFree(&in);
   json_decref(root);
   return st;
}

StoreStatus Bundle_mergeDecided(Store *s, const char *text, size_t len, const char *workload,
                                const BundleDecision *d, size_t n, bool dry_run, const char *user,
                                BundleMerge *out, char **err)
{
   Rd r = {NULL};
   In in;
   json_t *root = readAll(&r, text, len, &in);
   StoreStatus st;

   memset(out, 0, sizeof *out);
   if (r.err) {
      st = refuse(&r, err);
   } else {
      StoreImport si = {
         .workload = &in.w,
         .created_by = in.created_by,
         .lens = &in.lens,
         .answers = in.answers,
         .n_answers = in.n_answers,
         .plan = in.plan,
         .n_plan = in.n_plan,
         .milestones = in.milestones,
         .n_milestones = in.n_milestones,
         .history = in.history,
         .n_history = in.n_history,
         .marks = in.marks,
         .n_marks = in.n_marks,
         .user = user,
      };
      st = BundleMerge_runDecided(s, &si, workload, d, n, dry_run, user, out, err);
   }
   inFree(&in);
   json_decref(root);
   return st;
}
