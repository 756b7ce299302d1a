/* reviewdoc.c: a stored review turned into a lens plus answers, and back. */
#include "config.h"

#include "store/reviewdoc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/upgrade.h"

/* Fills a core Answer from its stored form; unknown choice ids (a lens text
 * never changes under a review, so only a damaged row has them) are skipped. */
static void answerFromStored(const Question *q, const StoredAnswer *sa, Answer *a)
{
   memset(a->choices, CHOICE_UNSELECTED, q->n_choices);
   a->not_applicable = sa->not_applicable;
   a->reason = NA_NONE;
   if (sa->na_reason)
      NaReason_parse(sa->na_reason, &a->reason);
   for (size_t i = 0; i < sa->n_na_choices; i++) {
      int c = Question_findChoice(q, sa->na_choices[i]);
      if (c >= 0)
         a->choices[c] = CHOICE_NA;
   }
   for (size_t i = 0; i < sa->n_selected; i++) {
      int c = Question_findChoice(q, sa->selected[i]);
      if (c >= 0)
         a->choices[c] = CHOICE_SELECTED;
   }
}

/* The stored form of an answer: choice ids in lens order.  The strings it
 * points to are borrowed from the lens; only the arrays are allocated. */
static void answerToStored(const Question *q, const Answer *a, const char *notes, StoredAnswer *sa)
{
   memset(sa, 0, sizeof *sa);
   sa->question_id = q->id;
   sa->not_applicable = a->not_applicable;
   sa->na_reason = a->not_applicable ? (char *)NaReason_name(a->reason) : NULL;
   sa->notes = (char *)notes;
   sa->selected = xcalloc(q->n_choices + 1, sizeof *sa->selected);
   sa->na_choices = xcalloc(q->n_choices + 1, sizeof *sa->na_choices);
   for (size_t i = 0; i < q->n_choices; i++) {
      if (a->choices[i] == CHOICE_SELECTED)
         sa->selected[sa->n_selected++] = q->choices[i].id;
      else if (a->choices[i] == CHOICE_NA)
         sa->na_choices[sa->n_na_choices++] = q->choices[i].id;
   }
}

static void resetStored(ReviewDoc *doc, size_t q)
{
   StoredAnswer_free(&doc->stored[q]);
   memset(&doc->stored[q], 0, sizeof doc->stored[q]);
   doc->stored[q].question_id = xstrdup(doc->lens->questions[q].id);
   memset(doc->review.answers[q].choices, CHOICE_UNSELECTED, doc->lens->questions[q].n_choices);
   doc->review.answers[q].not_applicable = false;
   doc->review.answers[q].reason = NA_NONE;
}

/* Takes ownership of sa's contents. */
static void adoptStored(ReviewDoc *doc, size_t q, StoredAnswer *sa)
{
   StoredAnswer_free(&doc->stored[q]);
   doc->stored[q] = *sa;
   answerFromStored(&doc->lens->questions[q], sa, &doc->review.answers[q]);
}

/* The re-review marks a lens upgrade left (store/upgrade.h). */
static StoreStatus reloadMarks(Store *s, ReviewDoc *doc)
{
   char **ids = NULL;
   size_t n = 0;
   StoreStatus st = Store_getReviewMarks(s, doc->workload.review_id, &ids, &n);
   if (st != STORE_OK)
      return st;
   if (!doc->needs_review)
      doc->needs_review = xcalloc(doc->lens->n_questions + 1, sizeof *doc->needs_review);
   memset(doc->needs_review, 0, doc->lens->n_questions * sizeof *doc->needs_review);
   for (size_t i = 0; i < n; i++) {
      size_t q;
      if (Lens_findQuestion(doc->lens, ids[i], &q))
         doc->needs_review[q] = true;
      free(ids[i]);
   }
   free(ids);
   return STORE_OK;
}

StoreStatus ReviewDoc_reloadAnswers(Store *s, ReviewDoc *doc)
{
   StoredAnswer *rows = NULL;
   size_t n = 0;
   StoreStatus st = reloadMarks(s, doc);
   if (st == STORE_OK)
      st = Store_getAnswers(s, doc->workload.review_id, &rows, &n);
   if (st != STORE_OK)
      return st;
   for (size_t q = 0; q < doc->lens->n_questions; q++)
      resetStored(doc, q);
   for (size_t i = 0; i < n; i++) {
      size_t q;
      if (Lens_findQuestion(doc->lens, rows[i].question_id, &q)) {
         adoptStored(doc, q, &rows[i]);
         memset(&rows[i], 0, sizeof rows[i]);
      }
   }
   StoredAnswer_freeArray(rows, n);
   return STORE_OK;
}

StoreStatus ReviewDoc_load(Store *s, const char *workload, ReviewDoc *out, DiagList *diags,
                           char **err)
{
   memset(out, 0, sizeof *out);
   StoreStatus st = Store_findWorkload(s, workload, &out->workload);
   if (st != STORE_OK) {
      *err = st == STORE_NOT_FOUND ? xasprintf(_("no workload named '%s'"), workload)
                                   : xstrdup(Store_lastError(s));
      return st;
   }
   StoreLens sl;
   st = Store_getLens(s, out->workload.lens_id, &sl);
   if (st != STORE_OK) {
      *err = xasprintf(_("workload '%s': %s"), workload, Store_lastError(s));
      Workload_free(&out->workload);
      return st;
   }
   char *name = xasprintf(_("lens '%s' stored for %s"), sl.key, workload);
   out->lens = Lens_loadStored(name, sl.text, sl.text_len, diags);
   free(name);
   StoreLens_free(&sl);
   if (!out->lens) {
      *err = xasprintf(_("the lens of workload '%s' no longer loads"), workload);
      Workload_free(&out->workload);
      return STORE_INVALID;
   }
   Review_init(&out->review, out->lens);
   out->stored = xcalloc(out->lens->n_questions ? out->lens->n_questions : 1, sizeof *out->stored);
   st = ReviewDoc_reloadAnswers(s, out);
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      ReviewDoc_free(out);
   }
   return st;
}

StoreStatus ReviewDoc_summary(Store *s, const Workload *w, const Lens *lens, RiskCounts *counts,
                              char **last_at, char **last_by)
{
   StoredAnswer *rows = NULL;
   size_t n = 0;
   StoreStatus st = Store_getAnswers(s, w->review_id, &rows, &n);
   Review r;

   *last_at = *last_by = NULL;
   if (st != STORE_OK)
      return st;
   st = Store_lastChange(s, w->review_id, last_at, last_by);
   if (st == STORE_NOT_FOUND) { /* no history at all: the workload row is all there is */
      *last_at = xstrdup(w->updated_at);
      *last_by = xstrdup(w->updated_by);
   } else if (st != STORE_OK) {
      StoredAnswer_freeArray(rows, n);
      return st;
   }
   Review_init(&r, lens);
   for (size_t i = 0; i < n; i++) {
      size_t q;
      if (Lens_findQuestion(lens, rows[i].question_id, &q))
         answerFromStored(&lens->questions[q], &rows[i], &r.answers[q]);
   }
   Review_counts(&r, counts);
   Review_free(&r);
   StoredAnswer_freeArray(rows, n);
   return STORE_OK;
}

/* ---- many summaries at once -------------------------------------------- */

/* One row's review while the answers of every review stream past. */
typedef struct Tally {
   int64_t review_id;
   ReviewSummary *row;
   Review review;
   char *at, *by; /* its newest history row, NULL without one */
   size_t next_q; /* the question after its previous answer's */
} Tally;

/* An answer handed over, for its choices that follow. */
typedef struct TallyAnswer {
   int64_t id;
   const Question *q;
   Answer *a;
} TallyAnswer;

typedef struct TallyPass {
   Tally *t; /* sorted by review id */
   size_t n;
   Tally *cur;           /* the previous answer's review: a review's answers mostly come together */
   TallyAnswer *answers; /* by id, as the store hands them over */
   size_t n_answers, cap_answers, next; /* next: where the previous choice's answer was */
} TallyPass;

static int byReview(const void *a, const void *b)
{
   int64_t x = ((const Tally *)a)->review_id, y = ((const Tally *)b)->review_id;
   return (x > y) - (x < y);
}

static int byAnswer(const void *a, const void *b)
{
   int64_t x = ((const TallyAnswer *)a)->id, y = ((const TallyAnswer *)b)->id;
   return (x > y) - (x < y);
}

/* The tally of a review, or NULL when it was not asked for. */
static Tally *tallyOf(TallyPass *p, int64_t review_id)
{
   if (!p->cur || p->cur->review_id != review_id) {
      Tally key = {.review_id = review_id};
      p->cur = bsearch(&key, p->t, p->n, sizeof *p->t, byReview);
   }
   return p->cur;
}

static void tallyAnswer(const AnswerScanRow *r, void *ctx)
{
   TallyPass *p = ctx;
   const Lens *lens;
   TallyAnswer *ta;
   size_t q;

   if (!tallyOf(p, r->review_id))
      return;
   lens = p->cur->row->lens;
   /* Answers mostly come in the order they were written, often the lens's. */
   q = p->cur->next_q;
   if (q >= lens->n_questions || strcmp(lens->questions[q].id, r->question_id) != 0)
      if (!Lens_findQuestion(lens, r->question_id, &q))
         return;
   p->cur->next_q = q + 1;
   p->answers = xgrow(p->answers, &p->cap_answers, p->n_answers + 1, sizeof *p->answers);
   ta = &p->answers[p->n_answers++];
   ta->id = r->answer_id;
   ta->q = &lens->questions[q];
   ta->a = &p->cur->review.answers[q];
   ta->a->not_applicable = r->not_applicable;
   ta->a->reason = NA_NONE;
   if (r->na_reason)
      NaReason_parse(r->na_reason, &ta->a->reason);
}

static void tallyChoice(int64_t answer_id, const char *choice_id, bool selected, void *ctx)
{
   TallyPass *p = ctx;
   TallyAnswer *ta = NULL;
   int c;

   /* Choices come by answer: the previous one's answer, or the next. */
   for (size_t i = p->next; i < p->next + 2 && i < p->n_answers; i++)
      if (p->answers[i].id == answer_id)
         ta = &p->answers[i];
   if (!ta) {
      TallyAnswer key = {.id = answer_id};
      /* No answer kept (every one of another review): bsearch must not
       * see the NULL array, even for zero elements. */
      ta = p->n_answers ? bsearch(&key, p->answers, p->n_answers, sizeof *p->answers, byAnswer)
                        : NULL;
      if (!ta)
         return; /* a question the lens does not have, or a review not asked for */
   }
   p->next = (size_t)(ta - p->answers);
   c = Question_findChoice(ta->q, choice_id);
   if (c >= 0)
      ta->a->choices[c] = selected ? CHOICE_SELECTED : CHOICE_NA;
}

static void tallyChange(int64_t review_id, const char *at, const char *by, void *ctx)
{
   Tally *t = tallyOf(ctx, review_id);
   if (!t)
      return;
   t->at = xstrdup(at);
   t->by = xstrdup(by);
}

/* As ReviewDoc_summary: the workload row only when there is no history. */
static void tallyFinish(Tally *t)
{
   const Workload *w = t->row->w;
   Review_counts(&t->review, &t->row->counts);
   t->row->last_at = xstrdup(t->at ? t->at : w->updated_at);
   t->row->last_by = xstrdup(t->at ? t->by : w->updated_by);
}

StoreStatus ReviewDoc_summaries(Store *s, ReviewSummary *rows, size_t n)
{
   TallyPass p = {.t = xcalloc(n ? n : 1, sizeof *p.t), .n = n};
   AnswerScanVisitor v = {
      .answer = tallyAnswer, .choice = tallyChoice, .change = tallyChange, .ctx = &p};
   StoreStatus st;

   for (size_t i = 0; i < n; i++) {
      memset(&rows[i].counts, 0, sizeof rows[i].counts);
      rows[i].last_at = rows[i].last_by = NULL;
      p.t[i].review_id = rows[i].w->review_id;
      p.t[i].row = &rows[i];
      Review_init(&p.t[i].review, rows[i].lens);
   }
   qsort(p.t, n, sizeof *p.t, byReview);
   st = Store_scanAnswers(s, &v);
   for (size_t i = 0; i < n; i++) {
      if (st == STORE_OK)
         tallyFinish(&p.t[i]);
      Review_free(&p.t[i].review);
      free(p.t[i].at);
      free(p.t[i].by);
   }
   free(p.t);
   free(p.answers);
   return st;
}

void ReviewDoc_free(ReviewDoc *doc)
{
   if (doc->lens) {
      StoredAnswer_freeArray(doc->stored, doc->lens->n_questions);
      Review_free(&doc->review);
      Lens_free(doc->lens);
   }
   free(doc->needs_review);
   Workload_free(&doc->workload);
   memset(doc, 0, sizeof *doc);
}

/* Re-reads one question after a write or a refusal. */
static StoreStatus refreshOne(Store *s, ReviewDoc *doc, size_t q)
{
   StoredAnswer sa;
   StoreStatus st = Store_getAnswer(s, doc->workload.review_id, doc->lens->questions[q].id, &sa);
   if (st == STORE_NOT_FOUND) {
      StoredAnswer_free(&sa);
      resetStored(doc, q);
      return STORE_OK;
   }
   if (st == STORE_OK)
      adoptStored(doc, q, &sa);
   return st;
}

/* The practices' notes of q as doc holds them (borrowed): handed in both
 * base and want, they tell the merge "not changed", so that whatever is
 * stored now stays. */
static void borrowChoiceNotes(const ReviewDoc *doc, size_t q, StoredAnswer *sa)
{
   sa->note_choices = doc->stored[q].note_choices;
   sa->choice_notes = doc->stored[q].choice_notes;
   sa->n_choice_notes = doc->stored[q].n_choice_notes;
}

/* doc's answer to q as the writer saw it, in the form answerToStored gives
 * (so that an unchanged part compares equal), with notes as given. */
static void baseOf(const ReviewDoc *doc, size_t q, const char *notes, Answer *tmp, StoredAnswer *sa)
{
   const Question *question = &doc->lens->questions[q];
   tmp->choices = xmalloc(question->n_choices + 1);
   answerFromStored(question, &doc->stored[q], tmp);
   answerToStored(question, tmp, notes, sa);
   sa->version = doc->stored[q].version;
   borrowChoiceNotes(doc, q, sa);
}

StoreStatus ReviewDoc_mergeAnswer(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                  const char *notes, const char *notes_base, const char *user,
                                  const char *extra, StoreMerge *out)
{
   const Question *question = &doc->lens->questions[q];
   const char *seen = notes_base ? notes_base : doc->stored[q].notes;
   Answer tmp;
   StoredAnswer base, want;
   baseOf(doc, q, seen, &tmp, &base);
   answerToStored(question, a, notes ? notes : seen, &want);
   borrowChoiceNotes(doc, q, &want);
   StoreStatus st = Store_mergeAnswer(s, doc->workload.review_id, &base, &want, user, extra, out);
   free(tmp.choices);
   free(base.selected);
   free(base.na_choices);
   free(want.selected);
   free(want.na_choices);
   if (st == STORE_OK && doc->needs_review && out->n_clashes == 0)
      doc->needs_review[q] = false; /* any write of an answer clears its mark */
   if (st == STORE_OK) {
      StoreStatus rst = refreshOne(s, doc, q);
      if (rst != STORE_OK) {
         StoreMerge_free(out);
         return rst;
      }
   }
   return st;
}

StoreStatus ReviewDoc_putAnswer(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                const char *notes, const char *user)
{
   StoreMerge m;
   StoreStatus st = ReviewDoc_mergeAnswer(s, doc, q, a, notes, NULL, user, NULL, &m);
   if (st == STORE_OK && m.n_clashes)
      st = STORE_CONFLICT;
   StoreMerge_free(&m);
   return st;
}

/* The question a history object names: "Q" or "Q/choice". */
static bool objectQuestion(const ReviewDoc *doc, const char *object, size_t *q)
{
   const char *slash = strchr(object, '/');
   char *id = slash ? xstrndup(object, (size_t)(slash - object)) : xstrdup(object);
   bool found = Lens_findQuestion(doc->lens, id, q);
   free(id);
   return found;
}

StoreStatus ReviewDoc_revert(Store *s, ReviewDoc *doc, int64_t history_id, const char *mark,
                             const char *user, StoreMerge *out, char **err)
{
   memset(out, 0, sizeof *out);
   HistoryEntry e;
   int64_t review_id = 0;
   size_t q = 0;
   StoreStatus st = Store_historyEntry(s, history_id, &e, &review_id);
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      HistoryEntry_free(&e);
      return st;
   }
   if (review_id != doc->workload.review_id) {
      *err = xasprintf(_("history id %lld is not a change of workload '%s'"), (long long)history_id,
                       doc->workload.name);
      st = STORE_NOT_FOUND;
   } else if (strcmp(e.kind, "answer") != 0 && strcmp(e.kind, "plan") != 0) {
      *err = xasprintf(_("history id %lld is a %s change: only answer and plan changes can be "
                         "reverted"),
                       (long long)history_id, e.kind);
      st = STORE_INVALID;
   } else if (!objectQuestion(doc, e.object, &q)) {
      *err = xasprintf(_("history id %lld changed %s, which the workload's lens (%s) no longer "
                         "has; nothing was written"),
                       (long long)history_id, e.object, doc->lens->key);
      st = STORE_INVALID;
   } else {
      st = Store_revert(s, doc->workload.review_id, &e, mark, user, out);
      if (st != STORE_OK)
         *err = xstrdup(Store_lastError(s));
      else if (strcmp(e.kind, "answer") == 0)
         st = refreshOne(s, doc, q);
   }
   HistoryEntry_free(&e);
   return st;
}

/* The question's notes in a history state (allocated, "" for none);
 * NULL when the state is not a readable answer. */
static char *notesIn(const char *json)
{
   json_t *o = json ? json_loads(json, 0, NULL) : NULL;
   char *notes = NULL;
   if (json_is_object(o) && !json_object_get(o, "needs_review") &&
       !json_is_true(json_object_get(o, "deleted"))) {
      const char *n = json_string_value(json_object_get(o, "notes"));
      notes = xstrdup(n ? n : "");
   }
   json_decref(o);
   return notes;
}

StoreStatus ReviewDoc_restoreNotes(Store *s, ReviewDoc *doc, size_t q, int64_t history_id,
                                   const char *notes_base, const char *user, StoreMerge *out,
                                   char **text, char **err)
{
   memset(out, 0, sizeof *out);
   *text = NULL;
   *err = NULL;
   const char *qid = doc->lens->questions[q].id;
   HistoryEntry e;
   int64_t review_id = 0;
   StoreStatus st = Store_historyEntry(s, history_id, &e, &review_id);
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      HistoryEntry_free(&e);
      return st;
   }
   char *notes = NULL;
   if (review_id != doc->workload.review_id) {
      *err = xasprintf(_("history id %lld is not a change of workload '%s'"), (long long)history_id,
                       doc->workload.name);
      st = STORE_NOT_FOUND;
   } else if (!e.kind || strcmp(e.kind, "answer") != 0 || !e.object || strcmp(e.object, qid) != 0 ||
              !(notes = notesIn(e.after))) {
      *err = xasprintf(_("history id %lld is not a change of the answer to %s"),
                       (long long)history_id, qid);
      st = STORE_INVALID;
   } else {
      /* A new change from the notes the user saw to the old text, merged
       * like any other edit of the notes. */
      const Question *question = &doc->lens->questions[q];
      Answer a = {.choices = xmalloc(question->n_choices + 1)};
      answerFromStored(question, &doc->stored[q], &a);
      char *extra = xasprintf("{\"restore_of\": %lld}", (long long)history_id);
      st = ReviewDoc_mergeAnswer(s, doc, q, &a, notes, notes_base, user, extra, out);
      free(extra);
      free(a.choices);
      if (st == STORE_OK)
         *text = notes;
      else {
         *err = xstrdup(Store_lastError(s));
         free(notes);
      }
   }
   HistoryEntry_free(&e);
   return st;
}

/* cur's practice notes with practice id's set to text (NULL or "": none),
 * sorted by choice id; the strings are borrowed, the arrays allocated. */
static void notesWith(const StoredAnswer *cur, const char *id, const char *text, StoredAnswer *out)
{
   out->note_choices = xcalloc(cur->n_choice_notes + 2, sizeof *out->note_choices);
   out->choice_notes = xcalloc(cur->n_choice_notes + 2, sizeof *out->choice_notes);
   out->n_choice_notes = 0;
   bool placed = !text || !*text;
   for (size_t i = 0; i <= cur->n_choice_notes; i++) {
      const char *cid = i < cur->n_choice_notes ? cur->note_choices[i] : NULL;
      if (!placed && (!cid || strcmp(id, cid) < 0)) {
         out->note_choices[out->n_choice_notes] = (char *)id;
         out->choice_notes[out->n_choice_notes++] = (char *)text;
         placed = true;
      }
      if (cid && strcmp(cid, id) != 0) {
         out->note_choices[out->n_choice_notes] = (char *)cid;
         out->choice_notes[out->n_choice_notes++] = cur->choice_notes[i];
      }
   }
}

StoreStatus ReviewDoc_mergeChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                      const char *text, const char *base_text, const char *user,
                                      const char *extra, StoreMerge *out)
{
   const Question *question = &doc->lens->questions[q];
   const StoredAnswer *cur = &doc->stored[q];
   const char *id = question->choices[choice].id;
   Answer tmp;
   StoredAnswer base, want;
   baseOf(doc, q, cur->notes, &tmp, &base);
   want = base;
   notesWith(cur, id, text, &want);
   notesWith(cur, id, base_text, &base);
   /* A merge like any answer write: what others changed meanwhile (other
    * practices, their notes, the question's notes) stays. */
   StoreStatus st = Store_mergeAnswer(s, doc->workload.review_id, &base, &want, user, extra, out);
   free(tmp.choices);
   free(base.selected);
   free(base.na_choices);
   free(base.note_choices);
   free(base.choice_notes);
   free(want.note_choices);
   free(want.choice_notes);
   if (st == STORE_OK && !out->n_clashes && doc->needs_review)
      doc->needs_review[q] = false;
   if (st == STORE_OK) {
      StoreStatus rst = refreshOne(s, doc, q);
      if (rst != STORE_OK) {
         StoreMerge_free(out);
         return rst;
      }
   }
   return st;
}

StoreStatus ReviewDoc_putChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                    const char *text, const char *user)
{
   StoreMerge m;
   StoreStatus st = ReviewDoc_mergeChoiceNote(s, doc, q, choice, text,
                                              ReviewDoc_choiceNote(doc, q, choice), user, NULL, &m);
   if (st == STORE_OK && m.n_clashes)
      st = STORE_CONFLICT;
   StoreMerge_free(&m);
   return st;
}

const char *ReviewDoc_choiceNote(const ReviewDoc *doc, size_t q, size_t choice)
{
   const StoredAnswer *sa = &doc->stored[q];
   const char *id = doc->lens->questions[q].choices[choice].id;
   for (size_t i = 0; i < sa->n_choice_notes; i++)
      if (strcmp(sa->note_choices[i], id) == 0)
         return sa->choice_notes[i];
   return NULL;
}

static bool looksLikePath(const char *arg)
{
   size_t n = strlen(arg);
   return strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
          (n > 4 && strcmp(arg + n - 4, ".yml") == 0) ||
          (n > 5 && strcmp(arg + n - 5, ".json") == 0);
}

/* Parses text to learn its key, version and name, then stores it. */
static StoreStatus storeLensText(Store *s, const char *name, const char *text, size_t len,
                                 int64_t *lens_id, DiagList *diags, char **err)
{
   Lens *lens = Lens_loadBuffer(name, text, len, diags);
   if (!lens) {
      *err = xasprintf(_("%s: the lens has errors"), name);
      return STORE_INVALID;
   }
   StoreStatus st =
      Store_putLens(s, lens->key, lens->version, lens->name, lens->sha256, text, len, lens_id);
   if (st != STORE_OK)
      *err = xstrdup(Store_lastError(s));
   Lens_free(lens);
   return st;
}

static StoreStatus storeLensFile(Store *s, const char *path, int64_t *lens_id, DiagList *diags,
                                 char **err)
{
   size_t len = 0;
   char *text = File_readLens(path, LENS_MAX_FILE_SIZE, &len, err);
   if (!text)
      return STORE_INVALID;
   StoreStatus st = storeLensText(s, path, text, len, lens_id, diags, err);
   free(text);
   return st;
}

/* The newest stored lens with this key (highest row id). */
static StoreStatus findStoredLens(Store *s, const char *key, int64_t *lens_id)
{
   StoreLens *all = NULL;
   size_t n = 0;
   StoreStatus st = Store_listLenses(s, &all, &n);
   if (st != STORE_OK)
      return st;
   st = STORE_NOT_FOUND;
   for (size_t i = 0; i < n; i++)
      if (!all[i].from_bundle && strcmp(all[i].key, key) == 0 &&
          (st != STORE_OK || all[i].id > *lens_id)) {
         *lens_id = all[i].id;
         st = STORE_OK;
      }
   StoreLens_freeArray(all, n);
   return st;
}

StoreStatus ReviewDoc_resolveLens(Store *s, const char *lens_arg, int64_t *lens_id, DiagList *diags,
                                  char **err)
{
   if (lens_arg && looksLikePath(lens_arg))
      return storeLensFile(s, lens_arg, lens_id, diags, err);
   const char *key = lens_arg ? lens_arg : "machine-learning";
   Catalog cat;
   DiagList ignored; /* unrelated broken files in the lens directories */
   DiagList_init(&ignored);
   Catalog_scan(&cat, &ignored);
   DiagList_free(&ignored);
   const CatalogEntry *e = Catalog_find(&cat, key);
   StoreStatus st;
   if (e && e->path) {
      st = storeLensFile(s, e->path, lens_id, diags, err);
   } else if (e) {
      size_t len = 0;
      const char *text = Lens_defaultText(&len);
      st = storeLensText(s, _("built-in lens"), text, len, lens_id, diags, err);
   } else {
      st = findStoredLens(s, key, lens_id);
      if (st == STORE_NOT_FOUND)
         *err = xasprintf(_("no lens with key '%s' (see 'walens lens list')"), key);
      else if (st != STORE_OK)
         *err = xstrdup(Store_lastError(s));
   }
   Catalog_free(&cat);
   return st;
}
