/* store_answer.c: answers and their choices, with optimistic row versions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

static const char *const naReasons[] = {
   "OUT_OF_SCOPE", "BUSINESS_PRIORITIES", "ARCHITECTURE_CONSTRAINTS", "OTHER", "NONE",
};

static bool validReason(const char *r)
{
   if (!r)
      return true;
   for (size_t i = 0; i < sizeof naReasons / sizeof naReasons[0]; i++)
      if (strcmp(r, naReasons[i]) == 0)
         return true;
   return false;
}

static void pushId(char ***arr, size_t *n, const char *id)
{
   *arr = xrealloc(*arr, (*n + 1) * sizeof **arr);
   (*arr)[(*n)++] = xstrdup(id);
}

/* Columns: id, question_id, not_applicable, na_reason, notes, version,
 * updated_at, updated_by. */
#define ANSWER_SELECT                                                               \
   "SELECT id, question_id, not_applicable, na_reason, notes, version, updated_at," \
   " updated_by FROM answer"

static void readAnswer(sqlite3_stmt *q, StoredAnswer *a)
{
   a->question_id = StoreSql_colText(q, 1);
   a->not_applicable = sqlite3_column_int(q, 2) != 0;
   a->na_reason = StoreSql_colText(q, 3);
   a->notes = StoreSql_colText(q, 4);
   a->version = sqlite3_column_int64(q, 5);
   a->updated_at = StoreSql_colText(q, 6);
   a->updated_by = StoreSql_colText(q, 7);
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

static char *answerJsonFrom(const StoredAnswer *a, int64_t version, const char *from);

static char *answerJson(const StoredAnswer *a, int64_t version)
{
   return answerJsonFrom(a, version, NULL);
}

/* from: the template the answer came from (history says so), or NULL. */
static char *answerJsonFrom(const StoredAnswer *a, int64_t version, const char *from)
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
   if (ok && from)
      ok = StoreJson_str(o, "template", from);
   return StoreJson_finish(o, ok);
}

static StoreStatus requireReview(Store *s, int64_t review_id)
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
                        " notes, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        "itdttitt", review_id, a->question_id, a->not_applicable ? 1 : 0,
                        a->na_reason, a->notes, version, now, user);
      *row_id = sqlite3_last_insert_rowid(s->db);
   } else
      st = StoreSql_run(s,
                        "UPDATE answer SET not_applicable = ?, na_reason = ?, notes = ?,"
                        " version = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                        "dttitti", a->not_applicable ? 1 : 0, a->na_reason, a->notes, version, now,
                        user, *row_id);
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
          Str_eqText(cur->notes, a->notes) &&
          sameIds(cur->note_choices, cur->n_choice_notes, a->note_choices, a->n_choice_notes) &&
          sameIds(cur->choice_notes, cur->n_choice_notes, a->choice_notes, a->n_choice_notes);
}

static StoreStatus putLocked(Store *s, int64_t review_id, const StoredAnswer *a, int64_t expected,
                             const char *user, int64_t *new_version)
{
   return StoreAnswer_putLocked(s, review_id, a, expected, user, NULL, new_version);
}

StoreStatus StoreAnswer_putLocked(Store *s, int64_t review_id, const StoredAnswer *a,
                                  int64_t expected, const char *user, const char *from,
                                  int64_t *new_version)
{
   StoreStatus vs = validateAnswer(s, a, user);
   if (vs != STORE_OK)
      return vs;
   StoreStatus st = requireReview(s, review_id);
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
   char *after = answerJsonFrom(a, expected + 1, from);
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
   if (st == STORE_OK)
      st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   int64_t v = 0;
   st = StoreSql_end(s, putLocked(s, review_id, a, expected_version, user, &v));
   if (st == STORE_OK && new_version)
      *new_version = v;
   return st;
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
   memset(a, 0, sizeof *a);
}

void StoredAnswer_freeArray(StoredAnswer *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      StoredAnswer_free(&a[i]);
   free(a);
}
