/* store_answer.c: answers and their choices, with optimistic row versions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/review.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

/* A stored reason must be one core writes (core/review.h); NULL is none. */
static bool validReason(const char *r)
{
   return !r || NaReason_isName(r);
}

static void pushId(char ***arr, size_t *n, const char *id)
{
   *arr = xrealloc(*arr, (*n + 1) * sizeof **arr);
   (*arr)[(*n)++] = xstrdup(id);
}

/* Columns: id, question_id, not_applicable, na_reason, notes, version,
 * updated_at, updated_by, na_note. */
#define ANSWER_SELECT                                                               \
   "SELECT id, question_id, not_applicable, na_reason, notes, version, updated_at," \
   " updated_by, na_note FROM answer"

static void readAnswer(sqlite3_stmt *q, StoredAnswer *a)
{
   a->question_id = StoreSql_colText(q, 1);
   a->not_applicable = sqlite3_column_int(q, 2) != 0;
   a->na_reason = StoreSql_colText(q, 3);
   a->notes = StoreSql_colText(q, 4);
   a->version = sqlite3_column_int64(q, 5);
   a->updated_at = StoreSql_colText(q, 6);
   a->updated_by = StoreSql_colText(q, 7);
   a->na_note = StoreSql_colText(q, 8);
}

/* Adds one answer_choice row (choice id in column 0, state in column 1). */
static void addChoice(sqlite3_stmt *q, StoredAnswer *a)
{
   const char *id = (const char *)sqlite3_column_text(q, 0);
   const char *state = (const char *)sqlite3_column_text(q, 1);
   if (!id || !state)
      return;
   if (strcmp(state, "selected") == 0)
      pushId(&a->selected, &a->n_selected, id);
   else
      pushId(&a->na_choices, &a->n_na_choices, id);
}

/* Adds one choice_note row (choice id in column 0, notes in column 1). */
static void addChoiceNote(sqlite3_stmt *q, StoredAnswer *a)
{
   const char *id = (const char *)sqlite3_column_text(q, 0);
   const char *text = (const char *)sqlite3_column_text(q, 1);
   if (!id || !text)
      return;
   size_t n = a->n_choice_notes;
   pushId(&a->note_choices, &n, id);
   pushId(&a->choice_notes, &a->n_choice_notes, text);
}

/* The rows of one table for one answer (sql takes answer_id); add takes one. */
static StoreStatus loadOneOf(Store *s, int64_t answer_id, StoredAnswer *a, const char *sql,
                             void (*add)(sqlite3_stmt *q, StoredAnswer *a))
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, sql, "i", answer_id);
   if (!q)
      return st;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row)
      add(q, a);
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus loadChoiceNotes(Store *s, int64_t answer_id, StoredAnswer *a)
{
   return loadOneOf(s, answer_id, a,
                    "SELECT choice_id, notes FROM choice_note"
                    " WHERE answer_id = ? ORDER BY choice_id",
                    addChoiceNote);
}

static StoreStatus loadChoices(Store *s, int64_t answer_id, StoredAnswer *a)
{
   return loadOneOf(s, answer_id, a,
                    "SELECT choice_id, state FROM answer_choice"
                    " WHERE answer_id = ? ORDER BY position",
                    addChoice);
}

/* One answer with its choices; NOT_FOUND (out zeroed, *row_id 0) when never
 * written.  Runs inside the caller's transaction. */
static StoreStatus loadAnswer(Store *s, int64_t review_id, const char *question_id,
                              StoredAnswer *out, int64_t *row_id)
{
   memset(out, 0, sizeof *out);
   *row_id = 0;
   StoreStatus st;
   sqlite3_stmt *q =
      StoreSql_query(s, &st, ANSWER_SELECT " WHERE review_id = ? AND question_id = ?", "it",
                     review_id, question_id);
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      *row_id = sqlite3_column_int64(q, 0);
      readAnswer(q, out);
   }
   StoreSql_finalize(s, q);
   if (st == STORE_OK && *row_id) {
      st = loadChoices(s, *row_id, out);
      if (st == STORE_OK)
         st = loadChoiceNotes(s, *row_id, out);
   } else if (st == STORE_OK)
      return STORE_NOT_FOUND;
   if (st != STORE_OK)
      StoredAnswer_free(out);
   return st;
}

StoreStatus StoreAnswer_loadLocked(Store *s, int64_t review_id, const char *question_id,
                                   StoredAnswer *out)
{
   int64_t row_id;
   return loadAnswer(s, review_id, question_id, out, &row_id);
}

StoreStatus Store_getAnswer(Store *s, int64_t review_id, const char *question_id, StoredAnswer *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   int64_t row_id;
   st = loadAnswer(s, review_id, question_id, out, &row_id);
   StoreStatus end = StoreSql_end(s, STORE_OK);
   if (st == STORE_OK && end != STORE_OK) {
      StoredAnswer_free(out);
      st = end;
   }
   return st;
}

/* Reads every answer of a review, ordered by question id; ids[] gets their
 * row ids in the same order. */
static StoreStatus loadAllRows(Store *s, int64_t review_id, StoredAnswer **out, size_t *n,
                               int64_t **ids)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st, ANSWER_SELECT " WHERE review_id = ? ORDER BY question_id", "i", review_id);
   if (!q)
      return st;
   size_t cap = 0, idcap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      *ids = xgrow(*ids, &idcap, *n + 1, sizeof **ids);
      memset(&(*out)[*n], 0, sizeof **out);
      (*ids)[*n] = sqlite3_column_int64(q, 0);
      readAnswer(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   return st;
}

/* Rows of one table for every answer in one pass (sql selects review_id's
 * rows with their answer_id last, in the question order of loadAllRows()),
 * so each row belongs to the current answer or a later one; add takes one. */
static StoreStatus loadAllOf(Store *s, int64_t review_id, StoredAnswer *a, size_t n,
                             const int64_t *ids, const char *sql, int owner_col,
                             void (*add)(sqlite3_stmt *q, StoredAnswer *a))
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, sql, "i", review_id);
   if (!q)
      return st;
   size_t i = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      int64_t owner = sqlite3_column_int64(q, owner_col);
      while (i < n && ids[i] != owner)
         i++;
      if (i < n)
         add(q, &a[i]);
   }
   StoreSql_finalize(s, q);
   return st;
}

/* The choices of every answer in one pass. */
static StoreStatus loadAllChoices(Store *s, int64_t review_id, StoredAnswer *a, size_t n,
                                  const int64_t *ids)
{
   return loadAllOf(s, review_id, a, n, ids,
                    "SELECT c.choice_id, c.state, c.answer_id"
                    " FROM answer_choice c JOIN answer a ON a.id = c.answer_id"
                    " WHERE a.review_id = ? ORDER BY a.question_id, c.position",
                    2, addChoice);
}

/* The practice notes of every answer in one pass. */
static StoreStatus loadAllChoiceNotes(Store *s, int64_t review_id, StoredAnswer *a, size_t n,
                                      const int64_t *ids)
{
   return loadAllOf(s, review_id, a, n, ids,
                    "SELECT c.choice_id, c.notes, c.answer_id"
                    " FROM choice_note c JOIN answer a ON a.id = c.answer_id"
                    " WHERE a.review_id = ? ORDER BY a.question_id, c.choice_id",
                    2, addChoiceNote);
}

StoreStatus Store_getAnswers(Store *s, int64_t review_id, StoredAnswer **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   int64_t *ids = NULL;
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   st = loadAllRows(s, review_id, out, n, &ids);
   if (st == STORE_OK)
      st = loadAllChoices(s, review_id, *out, *n, ids);
   if (st == STORE_OK)
      st = loadAllChoiceNotes(s, review_id, *out, *n, ids);
   st = StoreSql_end(s, st);
   free(ids);
   if (st != STORE_OK) {
      StoredAnswer_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

static StoreStatus scanAnswers(Store *s, const AnswerScanVisitor *v)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st,
      "SELECT id, review_id, question_id, not_applicable, na_reason, updated_at, updated_by"
      " FROM answer ORDER BY id",
      "");
   if (!q)
      return st;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      AnswerScanRow a = {
         .answer_id = sqlite3_column_int64(q, 0),
         .review_id = sqlite3_column_int64(q, 1),
         .question_id = (const char *)sqlite3_column_text(q, 2),
         .not_applicable = sqlite3_column_int(q, 3) != 0,
         .na_reason = (const char *)sqlite3_column_text(q, 4),
         .updated_at = (const char *)sqlite3_column_text(q, 5),
         .updated_by = (const char *)sqlite3_column_text(q, 6),
      };
      if (a.question_id) /* NOT NULL in the schema: NULL is a failed allocation */
         v->answer(&a, v->ctx);
   }
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus scanChoices(Store *s, const AnswerScanVisitor *v)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT answer_id, choice_id, state FROM answer_choice"
                                    " ORDER BY answer_id",
                                    "");
   if (!q)
      return st;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      const char *choice = (const char *)sqlite3_column_text(q, 1);
      const char *state = (const char *)sqlite3_column_text(q, 2);
      if (choice && state)
         v->choice(sqlite3_column_int64(q, 0), choice, strcmp(state, "selected") == 0, v->ctx);
   }
   StoreSql_finalize(s, q);
   return st;
}

/* Two scans of whole tables in table order (ORDER BY costs no sort here):
 * at a thousand reviews that is a third of what the same rows cost as
 * look-ups per review. */
StoreStatus Store_scanAnswers(Store *s, const AnswerScanVisitor *v)
{
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   st = scanAnswers(s, v);
   if (st == STORE_OK)
      st = scanChoices(s, v);
   if (st == STORE_OK && v->change)
      st = StoreHist_scanLast(s, v);
   return StoreSql_end(s, st);
}

/* ---- writing ---- */

static bool validIds(char *const *ids, size_t n)
{
   for (size_t i = 0; i < n; i++)
      if (!Store_validName(ids[i]))
         return false;
   return true;
}

/* The text beside the reason: only on a question marked not applicable,
 * one short line (NaNote_problem). */
char *NaNote_problem(const char *text); /* core/review.h; its ChoiceState clashes here */

static StoreStatus validateNaNote(Store *s, const StoredAnswer *a)
{
   if (!a->na_note)
      return STORE_OK;
   if (!a->not_applicable)
      return StoreSql_error(s, STORE_INVALID,
                            _("answer: a reason text needs the question marked not applicable"));
   char *why = NaNote_problem(a->na_note);
   if (!why)
      return STORE_OK;
   StoreStatus st = StoreSql_error(s, STORE_INVALID, _("answer: %s"), why);
   free(why);
   return st;
}

static StoreStatus validateAnswer(Store *s, const StoredAnswer *a, const char *user)
{
   if (!a->question_id || !Store_validName(a->question_id))
      return StoreSql_error(s, STORE_INVALID, _("answer: invalid question id"));
   if (!validIds(a->selected, a->n_selected) || !validIds(a->na_choices, a->n_na_choices))
      return StoreSql_error(s, STORE_INVALID, _("answer: invalid choice id"));
   if (!validReason(a->na_reason))
      return StoreSql_error(s, STORE_INVALID, _("answer: invalid reason \"%s\""), a->na_reason);
   if (!Store_validText(a->notes))
      return StoreSql_error(s, STORE_INVALID, _("answer: the notes are not valid UTF-8"));
   StoreStatus ns = validateNaNote(s, a);
   if (ns != STORE_OK)
      return ns;
   if (!validIds(a->note_choices, a->n_choice_notes))
      return StoreSql_error(s, STORE_INVALID, _("answer: invalid choice id"));
   for (size_t i = 0; i < a->n_choice_notes; i++)
      if (!a->choice_notes[i] || !*a->choice_notes[i] || !Store_validText(a->choice_notes[i]))
         return StoreSql_error(s, STORE_INVALID,
                               _("answer: the notes of practice %s are empty or not valid "
                                 "UTF-8"),
                               a->note_choices[i]);
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   return STORE_OK;
}

static char *answerJson(const StoredAnswer *a, int64_t version)
{
   json_t *o = json_object();
   bool ok = StoreJson_bool(o, "not_applicable", a->not_applicable) &&
             StoreJson_str(o, "na_reason", a->na_reason) &&
             StoreJson_strs(o, "selected", a->selected, a->n_selected) &&
             StoreJson_strs(o, "na_choices", a->na_choices, a->n_na_choices) &&
             StoreJson_str(o, "notes", a->notes) && StoreJson_int(o, "version", version);
   if (ok && a->n_choice_notes) /* absent when none: older entries read the same */
      ok = StoreJson_strs(o, "note_choices", a->note_choices, a->n_choice_notes) &&
           StoreJson_strs(o, "choice_notes", a->choice_notes, a->n_choice_notes);
   if (ok && a->na_note) /* absent when none, as the practices' notes */
      ok = StoreJson_str(o, "na_note", a->na_note);
   return StoreJson_finish(o, ok);
}

StoreStatus StoreAnswer_requireReview(Store *s, int64_t review_id)
{
   bool found = false;
   int64_t one;
   StoreStatus st =
      StoreSql_int(s, &one, &found, "SELECT 1 FROM review WHERE id = ?", "i", review_id);
   if (st == STORE_OK && !found)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no review with id %lld"), (long long)review_id);
   return st;
}

static StoreStatus stale(Store *s, const char *object, const char *by, const char *at)
{
   return StoreSql_error(s, STORE_CONFLICT, _("%s was changed meanwhile by %s at %s"), object,
                         by ? by : "?", at ? at : "?");
}

StoreStatus StoreAnswer_insertChoices(Store *s, int64_t answer_id, char *const *ids, size_t n,
                                      const char *state, int first)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < n && st == STORE_OK; i++)
      st = StoreSql_run(s,
                        "INSERT INTO answer_choice (answer_id, choice_id, state, position)"
                        " VALUES (?, ?, ?, ?)",
                        "ittd", answer_id, ids[i], state, first + (int)i);
   return st;
}

StoreStatus StoreAnswer_putChoiceNotes(Store *s, int64_t answer_id, const StoredAnswer *a,
                                       bool replace)
{
   StoreStatus st = STORE_OK;
   if (replace)
      st = StoreSql_run(s, "DELETE FROM choice_note WHERE answer_id = ?", "i", answer_id);
   for (size_t i = 0; i < a->n_choice_notes && st == STORE_OK; i++)
      st = StoreSql_run(s, "INSERT INTO choice_note (answer_id, choice_id, notes) VALUES (?, ?, ?)",
                        "itt", answer_id, a->note_choices[i], a->choice_notes[i]);
   if (st == STORE_EXISTS)
      st = StoreSql_error(s, STORE_INVALID, _("answer: a practice has two notes"));
   return st;
}

static StoreStatus writeRow(Store *s, int64_t review_id, const StoredAnswer *a, int64_t *row_id,
                            int64_t version, const char *user)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   StoreStatus st;
   if (*row_id == 0) {
      st = StoreSql_run(s,
                        "INSERT INTO answer (review_id, question_id, not_applicable, na_reason,"
                        " notes, version, updated_at, updated_by, na_note)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "itdttittt", review_id, a->question_id, a->not_applicable ? 1 : 0,
                        a->na_reason, a->notes, version, now, user, a->na_note);
      *row_id = sqlite3_last_insert_rowid(s->db);
   } else
      st = StoreSql_run(s,
                        "UPDATE answer SET not_applicable = ?, na_reason = ?, notes = ?,"
                        " version = ?, updated_at = ?, updated_by = ?, na_note = ? WHERE id = ?",
                        "dttittti", a->not_applicable ? 1 : 0, a->na_reason, a->notes, version, now,
                        user, a->na_note, *row_id);
   if (st == STORE_OK)
      st = StoreSql_run(s, "DELETE FROM answer_choice WHERE answer_id = ?", "i", *row_id);
   if (st == STORE_OK)
      st = StoreAnswer_insertChoices(s, *row_id, a->selected, a->n_selected, "selected", 0);
   if (st == STORE_OK)
      st = StoreAnswer_insertChoices(s, *row_id, a->na_choices, a->n_na_choices, "not_applicable",
                                     (int)a->n_selected);
   if (st == STORE_EXISTS)
      st = StoreSql_error(s, STORE_INVALID, _("answer: a choice is listed twice"));
   if (st == STORE_OK)
      st = StoreAnswer_putChoiceNotes(s, *row_id, a, true);
   return st;
}

static bool sameIds(char *const *a, size_t na, char *const *b, size_t nb)
{
   if (na != nb)
      return false;
   for (size_t i = 0; i < na; i++)
      if (strcmp(a[i], b[i]) != 0)
         return false;
   return true;
}

/* Would writing a over cur store the same answer?  Choice lists compare in
 * order (their order is stored); NULL and "" notes both mean none.  A never
 * written cur (all zero) equals an empty answer. */
static bool sameAnswer(const StoredAnswer *cur, const StoredAnswer *a)
{
   return cur->not_applicable == a->not_applicable && Str_eqText(cur->na_reason, a->na_reason) &&
          sameIds(cur->selected, cur->n_selected, a->selected, a->n_selected) &&
          sameIds(cur->na_choices, cur->n_na_choices, a->na_choices, a->n_na_choices) &&
          Str_eqText(cur->notes, a->notes) && Str_eqText(cur->na_note, a->na_note) &&
          sameIds(cur->note_choices, cur->n_choice_notes, a->note_choices, a->n_choice_notes) &&
          sameIds(cur->choice_notes, cur->n_choice_notes, a->choice_notes, a->n_choice_notes);
}

static StoreStatus putLocked(Store *s, int64_t review_id, const StoredAnswer *a, int64_t expected,
                             const char *user, int64_t *new_version)
{
   return StoreAnswer_putLocked(s, review_id, a, expected, user, NULL, new_version);
}

StoreStatus StoreAnswer_putLocked(Store *s, int64_t review_id, const StoredAnswer *a,
                                  int64_t expected, const char *user, const char *extra,
                                  int64_t *new_version)
{
   StoreStatus vs = validateAnswer(s, a, user);
   if (vs != STORE_OK)
      return vs;
   StoreStatus st = StoreAnswer_requireReview(s, review_id);
   if (st != STORE_OK)
      return st;
   StoredAnswer cur;
   int64_t row_id = 0;
   st = loadAnswer(s, review_id, a->question_id, &cur, &row_id);
   if (st != STORE_OK && st != STORE_NOT_FOUND)
      return st;
   if (cur.version != expected) {
      st = stale(s, a->question_id, cur.updated_by, cur.updated_at);
      StoredAnswer_free(&cur);
      return st;
   }
   if (sameAnswer(&cur, a)) {
      /* Saving it again changes nothing that others would have to reload;
       * on a question marked for re-review it confirms the answer. */
      StoredAnswer_free(&cur);
      *new_version = expected;
      return StoreMark_clearLocked(s, review_id, a->question_id, user);
   }
   char *before = cur.version ? answerJson(&cur, cur.version) : NULL;
   char *after = StoreMerge_withExtra(answerJson(a, expected + 1), extra);
   st = after ? writeRow(s, review_id, a, &row_id, expected + 1, user)
              : StoreSql_error(s, STORE_INVALID, _("answer: text is not valid UTF-8"));
   if (st == STORE_OK)
      st = StoreHist_append(s, review_id, user, "answer", a->question_id, before, after);
   if (st == STORE_OK)
      *new_version = expected + 1;
   free(before);
   free(after);
   StoredAnswer_free(&cur);
   return st;
}

StoreStatus Store_putAnswer(Store *s, int64_t review_id, const StoredAnswer *a,
                            int64_t expected_version, const char *user, int64_t *new_version)
{
   StoreStatus st = validateAnswer(s, a, user);
   st = StoreSql_beginChecked(s, st);
   if (st != STORE_OK)
      return st;
   int64_t v = 0;
   st = StoreSql_end(s, putLocked(s, review_id, a, expected_version, user, &v));
   if (st == STORE_OK && new_version)
      *new_version = v;
   return st;
}

/* ---- merging writes ---- */

/* A practice's state in a stored answer (ids, not core's ChoiceState). */
enum { PART_OFF, PART_ON, PART_NA };

static bool hasId(char *const *ids, size_t n, const char *id)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(ids[i], id) == 0)
         return true;
   return false;
}

static int choiceState(const StoredAnswer *a, const char *id)
{
   if (hasId(a->selected, a->n_selected, id))
      return PART_ON;
   return hasId(a->na_choices, a->n_na_choices, id) ? PART_NA : PART_OFF;
}

static bool isNone(const char *id)
{
   size_t n = strlen(id);
   return n >= 3 && strcmp(id + n - 3, "_no") == 0;
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

/* Sets one choice of r, keeping the order of the others. */
static void setChoice(StoredAnswer *r, const char *id, int state)
{
   dropId(r->selected, &r->n_selected, id);
   dropId(r->na_choices, &r->n_na_choices, id);
   if (state == PART_ON)
      pushId(&r->selected, &r->n_selected, id);
   else if (state == PART_NA)
      pushId(&r->na_choices, &r->n_na_choices, id);
}

static void copyAnswer(StoredAnswer *dst, const StoredAnswer *src)
{
   memset(dst, 0, sizeof *dst);
   dst->question_id = src->question_id ? xstrdup(src->question_id) : NULL;
   dst->not_applicable = src->not_applicable;
   dst->na_reason = src->na_reason ? xstrdup(src->na_reason) : NULL;
   for (size_t i = 0; i < src->n_selected; i++)
      pushId(&dst->selected, &dst->n_selected, src->selected[i]);
   for (size_t i = 0; i < src->n_na_choices; i++)
      pushId(&dst->na_choices, &dst->n_na_choices, src->na_choices[i]);
   dst->notes = src->notes ? xstrdup(src->notes) : NULL;
   dst->na_note = src->na_note ? xstrdup(src->na_note) : NULL;
   /* The practices' notes are part of the answer: a merged write that
    * does not change them writes them back as they are. */
   for (size_t i = 0; i < src->n_choice_notes; i++) {
      size_t n = dst->n_choice_notes;
      pushId(&dst->note_choices, &n, src->note_choices[i]);
      pushId(&dst->choice_notes, &dst->n_choice_notes, src->choice_notes[i]);
   }
   dst->version = src->version;
}

/* The note of practice id in a, or NULL. */
static const char *choiceNoteOf(const StoredAnswer *a, const char *id)
{
   for (size_t i = 0; i < a->n_choice_notes; i++)
      if (strcmp(a->note_choices[i], id) == 0)
         return a->choice_notes[i];
   return NULL;
}

/* Sets (text not empty) or removes the note of practice id in r, keeping
 * the notes sorted by choice id as the store reads them. */
static void setChoiceNote(StoredAnswer *r, const char *id, const char *text)
{
   size_t i = 0;
   while (i < r->n_choice_notes && strcmp(r->note_choices[i], id) < 0)
      i++;
   bool here = i < r->n_choice_notes && strcmp(r->note_choices[i], id) == 0;
   if (here && text && *text) {
      free(r->choice_notes[i]);
      r->choice_notes[i] = xstrdup(text);
      return;
   }
   if (here) {
      free(r->note_choices[i]);
      free(r->choice_notes[i]);
      size_t tail = (r->n_choice_notes - i - 1) * sizeof *r->note_choices;
      memmove(&r->note_choices[i], &r->note_choices[i + 1], tail);
      memmove(&r->choice_notes[i], &r->choice_notes[i + 1], tail);
      r->n_choice_notes--;
      return;
   }
   if (!text || !*text)
      return;
   size_t n = r->n_choice_notes + 1, tail = (r->n_choice_notes - i) * sizeof *r->note_choices;
   r->note_choices = xrealloc(r->note_choices, n * sizeof *r->note_choices);
   r->choice_notes = xrealloc(r->choice_notes, n * sizeof *r->choice_notes);
   memmove(&r->note_choices[i + 1], &r->note_choices[i], tail);
   memmove(&r->choice_notes[i + 1], &r->choice_notes[i], tail);
   r->note_choices[i] = xstrdup(id);
   r->choice_notes[i] = xstrdup(text);
   r->n_choice_notes = n;
}

/* Did someone select a choice (of the given kind) that base did not have? */
static const char *freshSelection(const StoredAnswer *base, const StoredAnswer *cur, bool none)
{
   for (size_t i = 0; i < cur->n_selected; i++)
      if (isNone(cur->selected[i]) == none && choiceState(base, cur->selected[i]) != PART_ON)
         return cur->selected[i];
   return NULL;
}

typedef struct MergeRun {
   Store *s;
   StoreMergeCtx ctx;
   const StoredAnswer *base, *want, *cur;
   StoredAnswer *res;
   StoreMerge *out;
   const char *user;
} MergeRun;

/* One choice the writer changed (base state b, wanted w). */
static StoreStatus mergeChoice(MergeRun *r, const char *id)
{
   int b = choiceState(r->base, id), w = choiceState(r->want, id), k = choiceState(r->cur, id);
   if (b == w || k == w)
      return STORE_OK; /* no change, or the same change made already */
   if (k != b)
      return StoreMerge_clash(r->s, &r->ctx, r->out, STORE_CLASH_CHOICE, id, id);
   if (w == PART_ON) {
      const char *fresh = freshSelection(r->base, r->cur, !isNone(id));
      if (fresh)
         return StoreMerge_clash(r->s, &r->ctx, r->out, STORE_CLASH_NONE, id, fresh);
      if (r->cur->not_applicable && !r->base->not_applicable)
         return StoreMerge_clash(r->s, &r->ctx, r->out, STORE_CLASH_NA, id, "not_applicable");
   }
   setChoice(r->res, id, w);
   return STORE_OK;
}

/* Every choice named in base or want, each once. */
static StoreStatus mergeChoices(MergeRun *r)
{
   const StoredAnswer *lists[2] = {r->base, r->want};
   StoreStatus st = STORE_OK;
   for (size_t l = 0; l < 2 && st == STORE_OK; l++)
      for (int k = 0; k < 2 && st == STORE_OK; k++) {
         char *const *ids = k ? lists[l]->na_choices : lists[l]->selected;
         size_t n = k ? lists[l]->n_na_choices : lists[l]->n_selected;
         for (size_t i = 0; i < n && st == STORE_OK; i++) {
            bool seen = (l == 1 && choiceState(r->base, ids[i]) != PART_OFF) ||
                        (k == 1 && hasId(lists[l]->selected, lists[l]->n_selected, ids[i]));
            if (!seen)
               st = mergeChoice(r, ids[i]);
         }
      }
   return st;
}

static bool sameNa(const StoredAnswer *a, const StoredAnswer *b)
{
   return a->not_applicable == b->not_applicable && Str_eqText(a->na_reason, b->na_reason);
}

static StoreStatus mergeNa(MergeRun *r)
{
   if (sameNa(r->base, r->want) || sameNa(r->cur, r->want))
      return STORE_OK;
   bool answered =
      r->want->not_applicable && !r->base->not_applicable &&
      (freshSelection(r->base, r->cur, false) || freshSelection(r->base, r->cur, true));
   if (!sameNa(r->cur, r->base) || answered) {
      const char *fresh = answered ? freshSelection(r->base, r->cur, false) : NULL;
      if (answered && !fresh)
         fresh = freshSelection(r->base, r->cur, true);
      return StoreMerge_clash(r->s, &r->ctx, r->out, STORE_CLASH_NA, "not_applicable",
                              fresh ? fresh : "not_applicable");
   }
   r->res->not_applicable = r->want->not_applicable;
   free(r->res->na_reason);
   r->res->na_reason = r->want->na_reason ? xstrdup(r->want->na_reason) : NULL;
   return STORE_OK;
}

/* The text beside the reason, a part of its own: written when nobody else
 * changed it since base, a clash when someone set it otherwise.  It goes
 * with the mark: a result that is not (or no longer) not applicable keeps
 * none, whatever was asked, since the text only explains the mark. */
static StoreStatus mergeNaNote(MergeRun *r)
{
   const char *b = r->base->na_note, *w = r->want->na_note, *k = r->cur->na_note;
   StoreStatus st = STORE_OK;
   if (!Str_eqText(b, w) && !Str_eqText(k, w)) {
      if (!Str_eqText(k, b))
         st = StoreMerge_clash(r->s, &r->ctx, r->out, STORE_CLASH_NA_NOTE, "na_note", "na_note");
      else {
         free(r->res->na_note);
         r->res->na_note = w && *w ? xstrdup(w) : NULL;
      }
   }
   if (!r->res->not_applicable) {
      free(r->res->na_note);
      r->res->na_note = NULL;
   }
   return st;
}

static void setNotes(StoredAnswer *res, const char *text)
{
   free(res->notes);
   res->notes = text && *text ? xstrdup(text) : NULL;
}

/* One practice's note the writer changed: written when nobody else changed
 * it since base, a clash when someone set it otherwise. */
static StoreStatus mergeChoiceNote(MergeRun *r, const char *id)
{
   const char *b = choiceNoteOf(r->base, id), *w = choiceNoteOf(r->want, id);
   const char *k = choiceNoteOf(r->cur, id);
   if (Str_eqText(b, w) || Str_eqText(k, w))
      return STORE_OK;
   if (!Str_eqText(k, b)) {
      char *part = xasprintf("note:%s", id);
      StoreStatus st = StoreMerge_clash(r->s, &r->ctx, r->out, STORE_CLASH_CHOICE_NOTE, id, part);
      free(part);
      return st;
   }
   setChoiceNote(r->res, id, w);
   return STORE_OK;
}

/* Every practice with a note in base or want, each once.  A writer that
 * did not touch the practices' notes hands the same ones in base and want,
 * so the stored ones stay, whoever wrote them meanwhile. */
static StoreStatus mergeChoiceNotes(MergeRun *r)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < r->base->n_choice_notes && st == STORE_OK; i++)
      st = mergeChoiceNote(r, r->base->note_choices[i]);
   for (size_t i = 0; i < r->want->n_choice_notes && st == STORE_OK; i++)
      if (!choiceNoteOf(r->base, r->want->note_choices[i]))
         st = mergeChoiceNote(r, r->want->note_choices[i]);
   return st;
}

static StoreStatus mergeNotes(MergeRun *r)
{
   const char *b = r->base->notes, *w = r->want->notes, *k = r->cur->notes;
   if (Str_eqText(b, w) || Str_eqText(k, w))
      return STORE_OK;
   if (Str_eqText(k, b)) {
      setNotes(r->res, w);
      return STORE_OK;
   }
   char *merged = NULL;
   bool clean = false;
   const char *them = r->cur->updated_by ? r->cur->updated_by : "?";
   StoreStatus st = StoreMerge_text(r->s, b, w, k, r->user, them, &merged, &clean);
   if (st != STORE_OK)
      return st;
   if (clean) {
      setNotes(r->res, merged);
      r->out->notes_merged = true;
      free(merged);
      return StoreMerge_who(r->s, &r->ctx, "notes", &r->out->notes_by, &r->out->notes_at);
   }
   st = StoreMerge_clash(r->s, &r->ctx, r->out, STORE_CLASH_NOTES, "notes", "notes");
   r->out->notes_both = merged;
   r->out->notes_theirs = xstrdup(k ? k : "");
   if (r->out->n_clashes) {
      StoreClash *c = &r->out->clashes[r->out->n_clashes - 1];
      r->out->notes_by = xstrdup(c->by);
      r->out->notes_at = xstrdup(c->at);
   }
   return st;
}

/* Writes res over cur (row_id) when it differs, with its history row. */
static StoreStatus mergeWrite(MergeRun *r, int64_t row_id, const char *extra)
{
   int64_t review_id = r->ctx.review_id;
   if (sameAnswer(r->cur, r->res)) {
      r->out->version = r->cur->version;
      return StoreMark_clearLocked(r->s, review_id, r->want->question_id, r->user);
   }
   int64_t version = r->cur->version + 1;
   char *before = r->cur->version ? answerJson(r->cur, r->cur->version) : NULL;
   char *after = StoreMerge_withExtra(answerJson(r->res, version), extra);
   StoreStatus st = after
                       ? writeRow(r->s, review_id, r->res, &row_id, version, r->user)
                       : StoreSql_error(r->s, STORE_INVALID, _("answer: text is not valid UTF-8"));
   if (st == STORE_OK)
      st =
         StoreHist_append(r->s, review_id, r->user, "answer", r->want->question_id, before, after);
   if (st == STORE_OK) {
      r->out->version = version;
      r->out->wrote = true;
      r->out->history_id = sqlite3_last_insert_rowid(r->s->db);
   }
   free(before);
   free(after);
   return st;
}

static StoreStatus mergeLocked(Store *s, int64_t review_id, const StoredAnswer *base,
                               const StoredAnswer *want, const char *user, const char *extra,
                               StoreMerge *out)
{
   StoreStatus st = StoreAnswer_requireReview(s, review_id);
   if (st != STORE_OK)
      return st;
   StoredAnswer cur, res;
   int64_t row_id = 0;
   st = loadAnswer(s, review_id, want->question_id, &cur, &row_id);
   if (st != STORE_OK && st != STORE_NOT_FOUND)
      return st;
   copyAnswer(&res, &cur);
   if (!res.question_id)
      res.question_id = xstrdup(want->question_id);
   MergeRun r = {
      .s = s,
      .ctx = {review_id, "answer", want->question_id, base->version, cur.updated_by,
              cur.updated_at},
      .base = base,
      .want = want,
      .cur = &cur,
      .res = &res,
      .out = out,
      .user = user,
   };
   out->others = cur.version != base->version;
   st = mergeChoices(&r);
   if (st == STORE_OK)
      st = mergeNa(&r);
   if (st == STORE_OK)
      st = mergeNaNote(&r);
   if (st == STORE_OK)
      st = mergeNotes(&r);
   if (st == STORE_OK)
      st = mergeChoiceNotes(&r);
   if (st == STORE_OK)
      st = mergeWrite(&r, row_id, extra);
   StoredAnswer_free(&res);
   StoredAnswer_free(&cur);
   return st;
}

StoreStatus StoreAnswer_mergeLocked(Store *s, int64_t review_id, const StoredAnswer *base,
                                    const StoredAnswer *want, const char *user, const char *extra,
                                    StoreMerge *out)
{
   static const StoredAnswer empty;
   return mergeLocked(s, review_id, base ? base : &empty, want, user, extra, out);
}

StoreStatus Store_mergeAnswer(Store *s, int64_t review_id, const StoredAnswer *base,
                              const StoredAnswer *want, const char *user, const char *extra,
                              StoreMerge *out)
{
   memset(out, 0, sizeof *out);
   static const StoredAnswer empty;
   if (!base)
      base = &empty;
   StoreStatus st = validateAnswer(s, want, user);
   if (st == STORE_OK && base != &empty) {
      StoredAnswer b = *base;
      b.question_id = want->question_id;
      st = validateAnswer(s, &b, user);
   }
   st = StoreSql_beginChecked(s, st);
   if (st != STORE_OK)
      return st;
   return StoreMerge_end(StoreSql_end(s, mergeLocked(s, review_id, base, want, user, extra, out)),
                         out);
}

/* ---- an answer as the history recorded it ---- */

static void idsFromJson(json_t *arr, char ***ids, size_t *n)
{
   size_t i;
   json_t *v;
   json_array_foreach(arr, i, v)
   {
      if (json_is_string(v))
         pushId(ids, n, json_string_value(v));
   }
}

static void answerFromJson(json_t *o, const char *question_id, StoredAnswer *out)
{
   memset(out, 0, sizeof *out);
   out->question_id = xstrdup(question_id);
   out->not_applicable = json_is_true(json_object_get(o, "not_applicable"));
   const char *r = json_string_value(json_object_get(o, "na_reason"));
   out->na_reason = r ? xstrdup(r) : NULL;
   idsFromJson(json_object_get(o, "selected"), &out->selected, &out->n_selected);
   idsFromJson(json_object_get(o, "na_choices"), &out->na_choices, &out->n_na_choices);
   const char *n = json_string_value(json_object_get(o, "notes"));
   out->notes = n ? xstrdup(n) : NULL;
   /* The practices' notes (absent in entries without any): pairs by index. */
   json_t *ids = json_object_get(o, "note_choices"), *texts = json_object_get(o, "choice_notes");
   for (size_t i = 0; i < json_array_size(ids) && i < json_array_size(texts); i++) {
      const char *id = json_string_value(json_array_get(ids, i));
      const char *text = json_string_value(json_array_get(texts, i));
      if (id && *id && text && *text)
         setChoiceNote(out, id, text);
   }
   json_t *v = json_object_get(o, "version");
   out->version = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
   const char *nn = json_string_value(json_object_get(o, "na_note"));
   out->na_note = nn && *nn ? xstrdup(nn) : NULL;
}

StoreStatus StoreAnswer_fromJson(const char *json, const char *question_id, StoredAnswer *out)
{
   memset(out, 0, sizeof *out);
   json_t *o = json ? json_loads(json, 0, NULL) : NULL;
   if (json && !json_is_object(o)) {
      json_decref(o);
      return STORE_INVALID;
   }
   answerFromJson(o, question_id, out);
   json_decref(o);
   return STORE_OK;
}

StoreStatus Store_answerAt(Store *s, int64_t review_id, const char *question_id, int64_t version,
                           StoredAnswer *out)
{
   memset(out, 0, sizeof *out);
   if (version == 0) {
      out->question_id = xstrdup(question_id);
      return STORE_OK;
   }
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT after_json FROM history WHERE review_id = ?"
                                    " AND kind = 'answer' AND object = ?"
                                    " AND json_extract(after_json, '$.version') = ?"
                                    " ORDER BY id DESC LIMIT 1",
                                    "iti", review_id, question_id, version);
   bool row = false;
   if (q) {
      st = StoreSql_step(s, q, &row);
      if (st == STORE_OK && row)
         st = StoreAnswer_fromJson((const char *)sqlite3_column_text(q, 0), question_id, out);
      else if (st == STORE_OK)
         st = StoreSql_error(s, STORE_NOT_FOUND, _("%s has no version %lld in the history"),
                             question_id, (long long)version);
   }
   StoreSql_finalize(s, q);
   return StoreSql_end(s, st);
}

void StoredAnswer_free(StoredAnswer *a)
{
   if (!a)
      return;
   free(a->question_id);
   free(a->na_reason);
   for (size_t i = 0; i < a->n_selected; i++)
      free(a->selected[i]);
   free(a->selected);
   for (size_t i = 0; i < a->n_na_choices; i++)
      free(a->na_choices[i]);
   free(a->na_choices);
   free(a->notes);
   for (size_t i = 0; i < a->n_choice_notes; i++) {
      free(a->note_choices[i]);
      free(a->choice_notes[i]);
   }
   free(a->note_choices);
   free(a->choice_notes);
   free(a->updated_at);
   free(a->updated_by);
   free(a->na_note);
   memset(a, 0, sizeof *a);
}

void StoredAnswer_freeArray(StoredAnswer *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      StoredAnswer_free(&a[i]);
   free(a);
}

StoreStatus StoreAnswer_validate(Store *s, const StoredAnswer *a, const char *user)
{
   return validateAnswer(s, a, user);
}

const char *StoredAnswer_choiceNote(const StoredAnswer *a, const char *id)
{
   return choiceNoteOf(a, id);
}
