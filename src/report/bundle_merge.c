/* bundle_merge.c: a bundle merged back into the workload it was exported
 * from (walens import BUNDLE --into WORKLOAD; report/bundle.h).
 *
 * The common base is found from the history: a bundle carries every
 * history entry of its review, and a database that imported it (the
 * laptop) keeps them as they were, adding its own after them.  So the
 * bundle's history begins with entries the workload here has too; the
 * longest such run is what both sides share, and the state each question
 * and plan item had at its end (the "after" of its last shared entry) is
 * the base of a three-way merge: the bundle's side changed it from there
 * to what the bundle holds, and that change is applied to what is here
 * with the rules of concurrent edits.  The entries after the shared run
 * that are not here yet are written as they were (their authors and
 * times); once they are, the same bundle shares all of its history and a
 * second import finds nothing to do. */
#include "config.h"

#include "report/bundle_merge.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "i18n.h"

void BundleMerge_free(BundleMerge *m)
{
   for (size_t i = 0; i < m->n_clashes; i++) {
      free(m->clashes[i].what);
      free(m->clashes[i].ours);
      free(m->clashes[i].theirs);
      free(m->clashes[i].by);
      free(m->clashes[i].at);
   }
   free(m->clashes);
   memset(m, 0, sizeof *m);
}

static int cmpText(const char *a, const char *b)
{
   if (!a || !b)
      return (a != NULL) - (b != NULL);
   return strcmp(a, b);
}

/* History entries compared by content (ids differ between databases). */
static int cmpEntry(const HistoryEntry *a, const HistoryEntry *b)
{
   int c;
   if ((c = cmpText(a->at, b->at)) || (c = cmpText(a->user, b->user)) ||
       (c = cmpText(a->kind, b->kind)) || (c = cmpText(a->object, b->object)) ||
       (c = cmpText(a->before, b->before)))
      return c;
   return cmpText(a->after, b->after);
}

static int cmpEntryPtr(const void *a, const void *b)
{
   return cmpEntry(*(const HistoryEntry *const *)a, *(const HistoryEntry *const *)b);
}

/* Our entries sorted by content, to look the bundle's up in. */
typedef struct Ours {
   HistoryEntry *rows;
   size_t n;
   const HistoryEntry **sorted;
} Ours;

static bool isHere(const Ours *o, const HistoryEntry *e)
{
   return o->n && bsearch(&e, o->sorted, o->n, sizeof *o->sorted, cmpEntryPtr) != NULL;
}

static void oursFree(Ours *o)
{
   HistoryEntry_freeArray(o->rows, o->n);
   free(o->sorted);
}

static StoreStatus refuse(StoreStatus st, char **err, char *msg)
{
   *err = msg;
   return st;
}

/* ---- answers and plan items as their history states ---- */

static char **jsonIds(json_t *o, const char *key, size_t *n)
{
   json_t *a = json_object_get(o, key), *e;
   size_t i;
   char **v = xcalloc(json_array_size(a) + 1, sizeof *v);
   *n = 0;
   json_array_foreach(a, i, e) if (json_is_string(e)) v[(*n)++] = xstrdup(json_string_value(e));
   return v;
}

static char *jsonStr(json_t *o, const char *key)
{
   json_t *v = json_object_get(o, key);
   return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

/* An answer as a history "after" state records it (store_answer.c). */
bool BundleMerge_answerFromJson(const char *text, const char *qid, StoredAnswer *out)
{
   json_t *o = text ? json_loads(text, 0, NULL) : NULL;
   memset(out, 0, sizeof *out);
   out->question_id = xstrdup(qid);
   if (!json_is_object(o)) {
      json_decref(o);
      return false;
   }
   out->not_applicable = json_is_true(json_object_get(o, "not_applicable"));
   out->na_reason = jsonStr(o, "na_reason");
   out->selected = jsonIds(o, "selected", &out->n_selected);
   out->na_choices = jsonIds(o, "na_choices", &out->n_na_choices);
   out->notes = jsonStr(o, "notes");
   out->na_note = jsonStr(o, "na_note");
   size_t nc = 0;
   out->note_choices = jsonIds(o, "note_choices", &out->n_choice_notes);
   out->choice_notes = jsonIds(o, "choice_notes", &nc);
   if (nc != out->n_choice_notes)
      out->n_choice_notes = nc < out->n_choice_notes ? nc : out->n_choice_notes;
   out->version = json_integer_value(json_object_get(o, "version"));
   json_decref(o);
   return true;
}

static bool sameIdSet(char *const *a, size_t na, char *const *b, size_t nb)
{
   if (na != nb)
      return false;
   for (size_t i = 0; i < na; i++) {
      bool found = false;
      for (size_t j = 0; j < nb && !found; j++)
         found = strcmp(a[i], b[j]) == 0;
      if (!found)
         return false;
   }
   return true;
}

static bool sameAnswer(const StoredAnswer *a, const StoredAnswer *b)
{
   return a->version == b->version && a->not_applicable == b->not_applicable &&
          Str_eq(a->na_reason, b->na_reason) && Str_eq(a->notes, b->notes) &&
          Str_eq(a->na_note, b->na_note) &&
          sameIdSet(a->selected, a->n_selected, b->selected, b->n_selected) &&
          sameIdSet(a->na_choices, a->n_na_choices, b->na_choices, b->n_na_choices);
}

/* A plan item as a history state records it (store_plan.c). */
static bool planFromJson(const char *text, const char *object, PlanTracking *out)
{
   json_t *o = text ? json_loads(text, 0, NULL) : NULL;
   const char *slash = strchr(object, '/');
   memset(out, 0, sizeof *out);
   if (!json_is_object(o) || !slash) {
      json_decref(o);
      return false;
   }
   out->question_id = xstrndup(object, (size_t)(slash - object));
   out->choice_id = xstrdup(slash + 1);
   out->status = jsonStr(o, "status");
   out->owner = jsonStr(o, "owner");
   out->due = jsonStr(o, "due");
   out->note = jsonStr(o, "note");
   out->impact = jsonStr(o, "impact");
   out->effort = jsonStr(o, "effort");
   out->priority = (int)json_integer_value(json_object_get(o, "priority"));
   out->version = json_integer_value(json_object_get(o, "version"));
   json_decref(o);
   return true;
}

static bool samePlan(const PlanTracking *a, const PlanTracking *b)
{
   return a->version == b->version &&
          Str_eq(a->status ? a->status : "open", b->status ? b->status : "open") &&
          Str_eq(a->owner, b->owner) && Str_eq(a->due, b->due) && Str_eq(a->note, b->note) &&
          a->priority == b->priority;
}

/* The last entry of the bundle's history (before `end`) on kind/object. */
static const HistoryEntry *lastOn(const StoreImport *in, size_t end, const char *kind,
                                  const char *object)
{
   for (size_t i = end; i-- > 0;)
      if (strcmp(in->history[i].kind, kind) == 0 && Str_eq(in->history[i].object, object))
         return &in->history[i];
   return NULL;
}

/* A bundle edited by hand: an answer or plan item that is not what its own
 * history last recorded. */
static char *tampered(const StoreImport *in)
{
   for (size_t i = 0; i < in->n_answers; i++) {
      const StoredAnswer *a = &in->answers[i];
      const HistoryEntry *h = lastOn(in, in->n_history, "answer", a->question_id);
      StoredAnswer said;
      bool ok =
         h && BundleMerge_answerFromJson(h->after, a->question_id, &said) && sameAnswer(&said, a);
      if (h)
         StoredAnswer_free(&said);
      if (!ok)
         return xasprintf(_("answers[%zu] (%s) is not what the bundle's history says it became: "
                            "the bundle was changed after it was exported"),
                          i, a->question_id);
   }
   for (size_t i = 0; i < in->n_plan; i++) {
      const PlanTracking *t = &in->plan[i];
      char *object = xasprintf("%s/%s", t->question_id, t->choice_id);
      const HistoryEntry *h = lastOn(in, in->n_history, "plan", object);
      PlanTracking said;
      bool ok = h && planFromJson(h->after, object, &said) && samePlan(&said, t);
      if (h)
         PlanTracking_free(&said);
      free(object);
      if (!ok)
         return xasprintf(_("plan[%zu] (%s/%s) is not what the bundle's history says it became: "
                            "the bundle was changed after it was exported"),
                          i, t->question_id, t->choice_id);
   }
   return NULL;
}

/* ---- the checks, then the merge ---- */

static StoreStatus checkLens(Store *s, const Workload *w, const StoreImport *in, char **err)
{
   StoreLens here;
   StoreStatus st = Store_getLens(s, w->lens_id, &here);
   if (st != STORE_OK)
      return refuse(st, err, xstrdup(Store_lastError(s)));
   if (strcmp(here.sha256, in->lens->sha256) != 0) {
      const char *v_here = here.version ? here.version : "?";
      const char *v_there = in->lens->version ? in->lens->version : "?";
      char *msg = xasprintf(_("the bundle's review is on lens %s %s, '%s' here is on %s %s: bring "
                              "both to the same version first (walens upgrade), then import"),
                            in->lens->key ? in->lens->key : "?", v_there, w->name,
                            here.key ? here.key : "?", v_here);
      StoreLens_free(&here);
      return refuse(STORE_INVALID, err, msg);
   }
   StoreLens_free(&here);
   return STORE_OK;
}

/* Reads our history and finds the run of the bundle's that we share. */
static StoreStatus findBase(Store *s, const Workload *w, const StoreImport *in, Ours *ours,
                            size_t *shared, char **err)
{
   StoreStatus st = Store_history(s, w->review_id, NULL, &ours->rows, &ours->n);
   if (st != STORE_OK)
      return refuse(st, err, xstrdup(Store_lastError(s)));
   ours->sorted = xcalloc(ours->n + 1, sizeof *ours->sorted);
   for (size_t i = 0; i < ours->n; i++)
      ours->sorted[i] = &ours->rows[i];
   qsort(ours->sorted, ours->n, sizeof *ours->sorted, cmpEntryPtr);
   /* The workload's own first entry (its creation) on both sides: the same
    * workload, not one that only has the same name. */
   if (in->n_history == 0 || ours->n == 0 || cmpEntry(&in->history[0], &ours->rows[0]) != 0)
      return refuse(STORE_INVALID, err,
                    xasprintf(_("the bundle was not exported from '%s' (it shares no history "
                                "with it): import it as a new workload with --as NAME"),
                              w->name));
   *shared = 0;
   while (*shared < in->n_history && isHere(ours, &in->history[*shared]))
      (*shared)++;
   return STORE_OK;
}

/* ---- applying the bundle's side ---- */

typedef struct Apply {
   Store *s;
   const Workload *w;
   const StoreImport *in;
   size_t shared;
   const Ours *ours;
   BundlePrefer prefer;
   const char *user;
   BundleMerge *out;
   /* Each clash settled by its own decision (the TUI) instead of prefer. */
   bool decide;
   const BundleDecision *dec;
   size_t n_dec;
   size_t undecided; /* clashes with no decision their kind takes */
} Apply;

/* The index of the bundle's last entry on kind/object, or n_history. */
static size_t lastIndex(const StoreImport *in, const char *kind, const char *object)
{
   const HistoryEntry *h = lastOn(in, in->n_history, kind, object);
   return h ? (size_t)(h - in->history) : in->n_history;
}

/* Whether the bundle's side changed kind/object after the base, in an
 * entry not here yet. */
static bool changedThere(const Apply *a, const char *kind, const char *object)
{
   size_t i = lastIndex(a->in, kind, object);
   return i < a->in->n_history && i >= a->shared && !isHere(a->ours, &a->in->history[i]);
}

static void addClash(BundleMerge *m, BundleClashKind kind, char *what, const char *ours,
                     const char *theirs, const char *by, const char *at)
{
   m->clashes = xrealloc(m->clashes, (m->n_clashes + 1) * sizeof *m->clashes);
   m->clashes[m->n_clashes++] = (BundleClash){
      .what = what,
      .ours = xstrdup(ours ? ours : "-"),
      .theirs = xstrdup(theirs ? theirs : "-"),
      .by = xstrdup(by ? by : "?"),
      .at = xstrdup(at ? at : "?"),
      .kind = kind,
   };
}

/* Whether a clash of this kind (on this plan field) takes that decision. */
static bool takes(const BundleClash *c, BundleTake t, const char *field)
{
   switch (t) {
   case BUNDLE_TAKE_OURS:
   case BUNDLE_TAKE_THEIRS: return true;
   case BUNDLE_TAKE_BOTH:
      return c->kind == BUNDLE_CLASH_NOTES || c->kind == BUNDLE_CLASH_MILESTONE ||
             (c->kind == BUNDLE_CLASH_PLAN && field && strcmp(field, "note") == 0);
   case BUNDLE_TAKE_EDIT: return c->kind == BUNDLE_CLASH_NOTES || c->kind == BUNDLE_CLASH_PLAN;
   default: return false;
   }
}

/* How clash number idx of out is settled: by its decision when the merge
 * is decided one by one, else by --prefer.  An undecided one is counted. */
static BundleDecision decisionOf(Apply *a, size_t idx, const char *field)
{
   const BundleClash *c = &a->out->clashes[idx];
   BundleDecision d = {c->what, BUNDLE_TAKE_NONE, NULL};
   if (!a->decide) {
      d.take = a->prefer == BUNDLE_PREFER_THEIRS ? BUNDLE_TAKE_THEIRS
               : a->prefer == BUNDLE_PREFER_OURS ? BUNDLE_TAKE_OURS
                                                 : BUNDLE_TAKE_NONE;
      return d;
   }
   for (size_t i = 0; i < a->n_dec; i++)
      if (a->dec[i].what && strcmp(a->dec[i].what, c->what) == 0 &&
          takes(c, a->dec[i].take, field) && (a->dec[i].take != BUNDLE_TAKE_EDIT || a->dec[i].text))
         return a->dec[i];
   a->undecided++;
   return d;
}

/* Two texts kept: a, then b from the next line. */
static char *joinText(const char *a, const char *b)
{
   if (!a || !*a)
      return xstrdup(b ? b : "");
   if (!b || !*b)
      return xstrdup(a);
   return xasprintf("%s%s%s", a, a[strlen(a) - 1] == '\n' ? "" : "\n", b);
}

static bool hasId(char *const *ids, size_t n, const char *id)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(ids[i], id) == 0)
         return true;
   return false;
}

static const char *choiceWord(const StoredAnswer *a, const char *id)
{
   if (hasId(a->selected, a->n_selected, id))
      return _("selected");
   return hasId(a->na_choices, a->n_na_choices, id) ? _("not applicable") : _("not selected");
}

static char *naWord(const StoredAnswer *a)
{
   return a->not_applicable ? xasprintf(_("not applicable (%s)"), a->na_reason ? a->na_reason : "-")
                            : xstrdup(_("applicable"));
}

static char *idList(char *const *ids, size_t n)
{
   size_t len = 1;
   for (size_t i = 0; i < n; i++)
      len += strlen(ids[i]) + 1;
   char *out = xmalloc(len), *p = out;
   *p = '\0';
   for (size_t i = 0; i < n; i++)
      p += sprintf(p, "%s%s", i ? " " : "", ids[i]);
   return n ? out : (free(out), xstrdup(_("none")));
}

static char **copyIds(char *const *ids, size_t n)
{
   char **v = xcalloc(n + 1, sizeof *v);
   for (size_t i = 0; i < n; i++)
      v[i] = xstrdup(ids[i]);
   return v;
}

static void copyAnswer(StoredAnswer *d, const StoredAnswer *a)
{
   *d = (StoredAnswer){
      .question_id = xstrdup(a->question_id),
      .not_applicable = a->not_applicable,
      .na_reason = a->na_reason ? xstrdup(a->na_reason) : NULL,
      .selected = copyIds(a->selected, a->n_selected),
      .n_selected = a->n_selected,
      .na_choices = copyIds(a->na_choices, a->n_na_choices),
      .n_na_choices = a->n_na_choices,
      .notes = a->notes ? xstrdup(a->notes) : NULL,
      .note_choices = copyIds(a->note_choices, a->n_choice_notes),
      .choice_notes = copyIds(a->choice_notes, a->n_choice_notes),
      .n_choice_notes = a->n_choice_notes,
      .version = a->version,
      .na_note = a->na_note ? xstrdup(a->na_note) : NULL,
   };
}

static void dropId(char **ids, size_t *n, const char *id)
{
   for (size_t i = 0; i < *n; i++)
      if (strcmp(ids[i], id) == 0) {
         free(ids[i]);
         memmove(&ids[i], &ids[i + 1], (*n - i - 1) * sizeof *ids);
         (*n)--;
         return;
      }
}

static void pushId(char ***ids, size_t *n, const char *id)
{
   *ids = xrealloc(*ids, (*n + 2) * sizeof **ids);
   (*ids)[(*n)++] = xstrdup(id);
}

/* Sets (text NULL: removes) the note of practice id. */
static void setChoiceNote(StoredAnswer *a, const char *id, const char *text)
{
   for (size_t i = 0; i < a->n_choice_notes; i++)
      if (strcmp(a->note_choices[i], id) == 0) {
         free(a->choice_notes[i]);
         if (text) {
            a->choice_notes[i] = xstrdup(text);
            return;
         }
         free(a->note_choices[i]);
         a->n_choice_notes--;
         memmove(&a->note_choices[i], &a->note_choices[i + 1],
                 (a->n_choice_notes - i) * sizeof *a->note_choices);
         memmove(&a->choice_notes[i], &a->choice_notes[i + 1],
                 (a->n_choice_notes - i) * sizeof *a->choice_notes);
         return;
      }
   if (!text)
      return;
   size_t n = a->n_choice_notes;
   pushId(&a->note_choices, &n, id);
   pushId(&a->choice_notes, &a->n_choice_notes, text);
}

/* want: what is here, with the clashing part c as the bundle has it. */
static void takeTheirs(StoredAnswer *want, const StoredAnswer *theirs, const StoreClash *c)
{
   if (c->kind == STORE_CLASH_CHOICE) {
      dropId(want->selected, &want->n_selected, c->what);
      dropId(want->na_choices, &want->n_na_choices, c->what);
      if (hasId(theirs->selected, theirs->n_selected, c->what))
         pushId(&want->selected, &want->n_selected, c->what);
      else if (hasId(theirs->na_choices, theirs->n_na_choices, c->what))
         pushId(&want->na_choices, &want->n_na_choices, c->what);
   } else if (c->kind == STORE_CLASH_NONE) {
      for (size_t i = 0; i < want->n_selected; i++)
         free(want->selected[i]);
      free(want->selected);
      want->selected = copyIds(theirs->selected, theirs->n_selected);
      want->n_selected = theirs->n_selected;
   } else if (c->kind == STORE_CLASH_NA) {
      want->not_applicable = theirs->not_applicable;
      free(want->na_reason);
      want->na_reason = theirs->na_reason ? xstrdup(theirs->na_reason) : NULL;
   } else if (c->kind == STORE_CLASH_NOTES) {
      free(want->notes);
      want->notes = theirs->notes ? xstrdup(theirs->notes) : NULL;
   } else if (c->kind == STORE_CLASH_CHOICE_NOTE) {
      setChoiceNote(want, c->what, StoredAnswer_choiceNote(theirs, c->what));
   } else if (c->kind == STORE_CLASH_NA_NOTE) {
      free(want->na_note);
      want->na_note = theirs->na_note && want->not_applicable ? xstrdup(theirs->na_note) : NULL;
   }
}

/* Lists the clashes of one answer's merge, each with both values. */
static void listAnswerClashes(BundleMerge *out, const StoredAnswer *here,
                              const StoredAnswer *theirs, const StoreMerge *m)
{
   for (size_t k = 0; k < m->n_clashes; k++) {
      const StoreClash *c = &m->clashes[k];
      const char *q = theirs->question_id;
      if (c->kind == STORE_CLASH_CHOICE) {
         addClash(out, BUNDLE_CLASH_ANSWER, xasprintf(_("%s: practice %s"), q, c->what),
                  choiceWord(here, c->what), choiceWord(theirs, c->what), c->by, c->at);
      } else if (c->kind == STORE_CLASH_NONE) {
         char *o = idList(here->selected, here->n_selected);
         char *t = idList(theirs->selected, theirs->n_selected);
         addClash(out, BUNDLE_CLASH_ANSWER, xasprintf(_("%s: selected practices"), q), o, t, c->by,
                  c->at);
         free(o);
         free(t);
      } else if (c->kind == STORE_CLASH_NA) {
         char *o = naWord(here), *t = naWord(theirs);
         addClash(out, BUNDLE_CLASH_ANSWER, xasprintf(_("%s: not applicable"), q), o, t, c->by,
                  c->at);
         free(o);
         free(t);
      } else if (c->kind == STORE_CLASH_CHOICE_NOTE) {
         addClash(out, BUNDLE_CLASH_NOTES, xasprintf(_("%s: notes of practice %s"), q, c->what),
                  StoredAnswer_choiceNote(here, c->what), StoredAnswer_choiceNote(theirs, c->what),
                  c->by, c->at);
      } else if (c->kind == STORE_CLASH_NA_NOTE) {
         /* One short line: taken whole from one side, never joined. */
         addClash(out, BUNDLE_CLASH_ANSWER, xasprintf(_("%s: not-applicable reason text"), q),
                  here->na_note ? here->na_note : _("none"),
                  theirs->na_note ? theirs->na_note : _("none"), c->by, c->at);
      } else {
         addClash(out, BUNDLE_CLASH_NOTES, xasprintf(_("%s: notes"), q), here->notes, theirs->notes,
                  c->by, c->at);
      }
   }
}

/* The extra member every write of the merge carries in its history row. */
#define MERGE_EXTRA "{\"imported\": true}"

/* The clashes m of one answer (out's from first on) settled as decided:
 * one more merging write over the answer as it is now. */
static StoreStatus settleAnswer(Apply *a, const StoredAnswer *theirs, const StoreMerge *m,
                                size_t first)
{
   StoredAnswer now, want;
   bool change = false;
   StoreStatus st = Store_getAnswer(a->s, a->w->review_id, theirs->question_id, &now);
   if (st != STORE_OK)
      return st;
   copyAnswer(&want, &now);
   for (size_t k = 0; k < m->n_clashes; k++) {
      BundleDecision d = decisionOf(a, first + k, NULL);
      const StoreClash *c = &m->clashes[k];
      bool practice = c->kind == STORE_CLASH_CHOICE_NOTE;
      char *text = NULL;
      if (c->kind == STORE_CLASH_NA_NOTE && d.take != BUNDLE_TAKE_THEIRS)
         continue; /* a one-line text is not joined or edited here: ours stays */
      if (d.take == BUNDLE_TAKE_THEIRS)
         takeTheirs(&want, theirs, c);
      else if (d.take == BUNDLE_TAKE_BOTH)
         text = practice ? joinText(StoredAnswer_choiceNote(&now, c->what),
                                    StoredAnswer_choiceNote(theirs, c->what))
                         : joinText(now.notes, theirs->notes);
      else if (d.take == BUNDLE_TAKE_EDIT)
         text = xstrdup(d.text);
      if (text && practice) {
         setChoiceNote(&want, c->what, text);
         free(text);
         text = NULL;
         change = true;
      } else if (text) {
         free(want.notes);
         want.notes = text;
      }
      change = change || d.take == BUNDLE_TAKE_THEIRS || text;
   }
   if (change) {
      StoreMerge again = {0};
      st = Store_mergeAnswer(a->s, a->w->review_id, &now, &want, a->user, MERGE_EXTRA, &again);
      StoreMerge_free(&again);
   }
   StoredAnswer_free(&want);
   StoredAnswer_free(&now);
   return st;
}

/* One answer merged; its clashes are listed in out and left in m for the
 * caller to settle (and to free). */
static StoreStatus mergeListed(Store *s, int64_t review_id, const StoredAnswer *base,
                               const StoredAnswer *theirs, const char *user, const char *extra,
                               BundleMerge *out, StoreMerge *m)
{
   StoredAnswer here;
   StoreStatus st = Store_getAnswer(s, review_id, theirs->question_id, &here);
   if (st == STORE_NOT_FOUND)
      st = STORE_OK;
   if (st == STORE_OK)
      st = Store_mergeAnswer(s, review_id, base, theirs, user, extra, m);
   if (st == STORE_OK)
      listAnswerClashes(out, &here, theirs, m);
   StoredAnswer_free(&here);
   return st;
}

StoreStatus BundleMerge_answer(Store *s, int64_t review_id, const StoredAnswer *base,
                               const StoredAnswer *theirs, BundlePrefer prefer, const char *user,
                               const char *extra, BundleMerge *out, bool *wrote)
{
   StoreMerge m = {0};
   StoreStatus st = mergeListed(s, review_id, base, theirs, user, extra, out, &m);
   *wrote = st == STORE_OK && m.wrote;
   if (st == STORE_OK && m.n_clashes && prefer == BUNDLE_PREFER_THEIRS) {
      StoredAnswer now, want;
      StoreMerge again = {0};
      st = Store_getAnswer(s, review_id, theirs->question_id, &now);
      if (st == STORE_OK) {
         copyAnswer(&want, &now);
         for (size_t k = 0; k < m.n_clashes; k++)
            takeTheirs(&want, theirs, &m.clashes[k]);
         st = Store_mergeAnswer(s, review_id, &now, &want, user, extra, &again);
         *wrote = *wrote || again.wrote;
         StoredAnswer_free(&want);
         StoreMerge_free(&again);
      }
      StoredAnswer_free(&now);
   }
   StoreMerge_free(&m);
   return st;
}

/* A bundle's answer: merged from the base both sides share, its clashes
 * settled by prefer or by each clash's own decision (settleAnswer). */
static StoreStatus mergeOneAnswer(Apply *a, const StoredAnswer *theirs)
{
   const HistoryEntry *b = lastOn(a->in, a->shared, "answer", theirs->question_id);
   StoredAnswer base;
   bool have_base = b && BundleMerge_answerFromJson(b->after, theirs->question_id, &base);
   StoreMerge m = {0};
   size_t first = a->out->n_clashes;
   StoreStatus st = mergeListed(a->s, a->w->review_id, have_base ? &base : NULL, theirs, a->user,
                                MERGE_EXTRA, a->out, &m);
   if (st == STORE_OK)
      a->out->answers++;
   if (st == STORE_OK && m.n_clashes)
      st = settleAnswer(a, theirs, &m, first);
   StoreMerge_free(&m);
   if (have_base)
      StoredAnswer_free(&base);
   return st;
}

static const char *planField(const PlanTracking *t, const char *field, char *buf, size_t size)
{
   if (strcmp(field, "status") == 0)
      return t->status ? t->status : "open";
   if (strcmp(field, "owner") == 0)
      return t->owner;
   if (strcmp(field, "due") == 0)
      return t->due;
   if (strcmp(field, "note") == 0)
      return t->note;
   if (strcmp(field, "impact") == 0)
      return t->impact;
   if (strcmp(field, "effort") == 0)
      return t->effort;
   snprintf(buf, size, "%d", t->priority);
   return buf;
}

static void setPlanField(PlanTracking *t, const PlanTracking *from, const char *field)
{
   char **slot = strcmp(field, "status") == 0   ? &t->status
                 : strcmp(field, "owner") == 0  ? &t->owner
                 : strcmp(field, "due") == 0    ? &t->due
                 : strcmp(field, "note") == 0   ? &t->note
                 : strcmp(field, "impact") == 0 ? &t->impact
                 : strcmp(field, "effort") == 0 ? &t->effort
                                                : NULL;
   if (!slot) {
      t->priority = from->priority;
      return;
   }
   const char *v = planField(from, field, NULL, 0);
   free(*slot);
   *slot = v ? xstrdup(v) : NULL;
}

/* The item as it is here (untracked: status open, nothing else). */
static PlanTracking planHere(Apply *a, const PlanTracking *t, PlanTracking *all, size_t n)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(all[i].question_id, t->question_id) == 0 &&
          strcmp(all[i].choice_id, t->choice_id) == 0)
         return all[i];
   (void)a;
   return (PlanTracking){.question_id = t->question_id, .choice_id = t->choice_id};
}

static StoreStatus mergeOnePlan(Apply *a, const PlanTracking *theirs)
{
   char *object = xasprintf("%s/%s", theirs->question_id, theirs->choice_id);
   const HistoryEntry *b = lastOn(a->in, a->shared, "plan", object);
   PlanTracking base, *all = NULL;
   size_t n = 0;
   bool have_base = b && planFromJson(b->after, object, &base);
   StoreMerge m = {0};
   size_t first = a->out->n_clashes;
   StoreStatus st = Store_getPlanTracking(a->s, a->w->review_id, &all, &n);
   PlanTracking here = st == STORE_OK ? planHere(a, theirs, all, n) : (PlanTracking){0};
   if (st == STORE_OK)
      st = Store_mergePlanTracking(a->s, a->w->review_id, have_base ? &base : NULL, theirs, a->user,
                                   MERGE_EXTRA, &m);
   if (st == STORE_OK)
      a->out->plan++;
   for (size_t k = 0; st == STORE_OK && k < m.n_clashes; k++) {
      char b1[16], b2[16];
      const char *f = m.clashes[k].what;
      addClash(a->out, BUNDLE_CLASH_PLAN, xasprintf(_("%s: %s"), object, f),
               planField(&here, f, b1, sizeof b1), planField(theirs, f, b2, sizeof b2),
               m.clashes[k].by, m.clashes[k].at);
   }
   if (st == STORE_OK && m.n_clashes) {
      PlanTracking_freeArray(all, n);
      all = NULL;
      n = 0;
      st = Store_getPlanTracking(a->s, a->w->review_id, &all, &n);
      if (st == STORE_OK) {
         PlanTracking now = planHere(a, theirs, all, n), want = now;
         StoreMerge again = {0};
         want.status = now.status ? xstrdup(now.status) : NULL;
         want.owner = now.owner ? xstrdup(now.owner) : NULL;
         want.due = now.due ? xstrdup(now.due) : NULL;
         want.note = now.note ? xstrdup(now.note) : NULL;
         want.impact = now.impact ? xstrdup(now.impact) : NULL;
         want.effort = now.effort ? xstrdup(now.effort) : NULL;
         bool change = false;
         for (size_t k = 0; k < m.n_clashes; k++) {
            const char *f = m.clashes[k].what;
            BundleDecision d = decisionOf(a, first + k, f);
            PlanTracking from = {0};
            char b1[16], b2[16];
            if (d.take == BUNDLE_TAKE_THEIRS) {
               setPlanField(&want, theirs, f);
            } else if (d.take == BUNDLE_TAKE_BOTH) {
               from.note =
                  joinText(planField(&now, f, b1, sizeof b1), planField(theirs, f, b2, sizeof b2));
               setPlanField(&want, &from, f);
               free(from.note);
            } else if (d.take == BUNDLE_TAKE_EDIT) {
               /* An edited value goes in as typed; the store checks it. */
               from.status = from.owner = from.due = from.note = (char *)d.text;
               from.impact = from.effort = (char *)d.text;
               from.priority = atoi(d.text);
               setPlanField(&want, &from, f);
            }
            change = change || d.take == BUNDLE_TAKE_THEIRS || d.take == BUNDLE_TAKE_BOTH ||
                     d.take == BUNDLE_TAKE_EDIT;
         }
         if (change)
            st = Store_mergePlanTracking(a->s, a->w->review_id, &now, &want, a->user, MERGE_EXTRA,
                                         &again);
         free(want.status);
         free(want.owner);
         free(want.due);
         free(want.note);
         free(want.impact);
         free(want.effort);
         StoreMerge_free(&again);
      }
   }
   StoreMerge_free(&m);
   PlanTracking_freeArray(all, n);
   if (have_base)
      PlanTracking_free(&base);
   free(object);
   return st;
}

/* Milestones never change: one of the same name here and different is a
 * clash; the bundle's comes along under another name when it is preferred. */
static StoreStatus bringMilestones(Apply *a)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < a->in->n_milestones && st == STORE_OK; i++) {
      const Milestone *m = &a->in->milestones[i];
      Milestone here;
      st = Store_getMilestone(a->s, a->w->review_id, m->name, &here);
      if (st == STORE_NOT_FOUND) {
         st = Store_bringMilestone(a->s, a->w->review_id, m);
         if (st == STORE_OK)
            a->out->milestones++;
         continue;
      }
      if (st != STORE_OK)
         break;
      if (!Str_eq(here.snapshot, m->snapshot)) {
         char *o = xasprintf(_("taken %s by %s"), here.created_at, here.created_by);
         char *t = xasprintf(_("taken %s by %s"), m->created_at, m->created_by);
         addClash(a->out, BUNDLE_CLASH_MILESTONE, xasprintf(_("milestone %s"), m->name), o, t,
                  here.created_by, here.created_at);
         free(o);
         free(t);
         BundleTake take = decisionOf(a, a->out->n_clashes - 1, NULL).take;
         if (take == BUNDLE_TAKE_THEIRS || take == BUNDLE_TAKE_BOTH) {
            Milestone renamed = *m;
            renamed.name = xasprintf(_("%s (imported)"), m->name);
            st = Store_bringMilestone(a->s, a->w->review_id, &renamed);
            if (st == STORE_OK)
               a->out->milestones++;
            else if (st == STORE_EXISTS)
               st = STORE_OK; /* brought by an earlier import */
            free(renamed.name);
         }
      }
      Milestone_free(&here);
   }
   return st;
}

static StoreStatus applyAll(Apply *a)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < a->in->n_answers && st == STORE_OK; i++)
      if (changedThere(a, "answer", a->in->answers[i].question_id))
         st = mergeOneAnswer(a, &a->in->answers[i]);
   for (size_t i = 0; i < a->in->n_plan && st == STORE_OK; i++) {
      const PlanTracking *t = &a->in->plan[i];
      char *object = xasprintf("%s/%s", t->question_id, t->choice_id);
      if (changedThere(a, "plan", object))
         st = mergeOnePlan(a, t);
      free(object);
   }
   if (st == STORE_OK)
      st = bringMilestones(a);
   /* The other side's history as it was recorded, after what the merge wrote. */
   for (size_t i = a->shared; i < a->in->n_history && st == STORE_OK; i++)
      if (!isHere(a->ours, &a->in->history[i])) {
         st = Store_bringHistory(a->s, a->w->review_id, &a->in->history[i]);
         if (st == STORE_OK)
            a->out->brought++;
      }
   return st;
}

static StoreStatus bundleMergeApply(Apply *a, bool dry_run, char **err)
{
   Store *s = a->s;
   BundleMerge *out = a->out;
   StoreStatus st = Store_batchBegin(s);
   if (st != STORE_OK)
      return refuse(st, err, xstrdup(Store_lastError(s)));
   st = applyAll(a);
   bool waits = a->decide ? a->undecided > 0 : a->prefer == BUNDLE_PREFER_NONE;
   if (st == STORE_OK && ((out->n_clashes && waits) || dry_run)) {
      /* Nothing lands while a clash waits for a decision (or on a dry run). */
      Store_batchEnd(s, STORE_CONFLICT);
      if (out->n_clashes)
         out->brought = out->answers = out->plan = out->milestones = 0;
      return out->n_clashes ? STORE_CONFLICT : STORE_OK;
   }
   StoreStatus end = Store_batchEnd(s, st);
   if (st == STORE_OK)
      st = end;
   if (st != STORE_OK) {
      out->brought = out->answers = out->plan = out->milestones = 0;
      return refuse(st, err, xasprintf(_("nothing was imported: %s"), Store_lastError(s)));
   }
   return STORE_OK;
}

static StoreStatus runWith(Store *s, const StoreImport *in, const char *workload, Apply *a,
                           bool dry_run, char **err);

StoreStatus BundleMerge_run(Store *s, const StoreImport *in, const char *workload,
                            BundlePrefer prefer, const char *user, BundleMerge *out, char **err)
{
   Apply a = {.prefer = prefer, .user = user, .out = out};
   return runWith(s, in, workload, &a, false, err);
}

StoreStatus BundleMerge_runDecided(Store *s, const StoreImport *in, const char *workload,
                                   const BundleDecision *d, size_t n, bool dry_run,
                                   const char *user, BundleMerge *out, char **err)
{
   Apply a = {.user = user, .out = out, .decide = true, .dec = d, .n_dec = n};
   return runWith(s, in, workload, &a, dry_run, err);
}

static StoreStatus runWith(Store *s, const StoreImport *in, const char *workload, Apply *a,
                           bool dry_run, char **err)
{
   BundleMerge *out = a->out;
   BundlePrefer prefer = a->prefer;
   Workload w;
   Ours ours = {0};
   size_t shared = 0;
   char *why;

   memset(out, 0, sizeof *out);
   out->prefer = prefer;
   StoreStatus st = Store_findWorkload(s, workload, &w);
   if (st == STORE_NOT_FOUND)
      return refuse(st, err, xasprintf(_("no workload named '%s'"), workload));
   if (st != STORE_OK)
      return refuse(st, err, xstrdup(Store_lastError(s)));
   if ((why = tampered(in)) != NULL)
      st = refuse(STORE_INVALID, err, why);
   if (st == STORE_OK)
      st = checkLens(s, &w, in, err);
   if (st == STORE_OK)
      st = findBase(s, &w, in, &ours, &shared, err);
   if (st == STORE_OK) {
      out->shared = shared;
      bool news = false;
      for (size_t i = shared; i < in->n_history && !news; i++)
         news = !isHere(&ours, &in->history[i]);
      if (!news) {
         out->nothing = true;
      } else {
         a->s = s;
         a->w = &w;
         a->in = in;
         a->shared = shared;
         a->ours = &ours;
         st = bundleMergeApply(a, dry_run, err);
      }
   }
   oursFree(&ours);
   Workload_free(&w);
   return st;
}
