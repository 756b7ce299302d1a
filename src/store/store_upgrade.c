/* store_upgrade.c: re-review marks and the one transaction of a lens
 * upgrade (see store/upgrade.h for what it writes and why). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"
#include "store/upgrade.h"

/* ---- marks ---- */

StoreStatus Store_getReviewMarks(Store *s, int64_t review_id, char ***ids, size_t *n)
{
   *ids = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st, "SELECT question_id FROM review_mark WHERE review_id = ? ORDER BY question_id", "i",
      review_id);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
      (*ids)[(*n)++] = StoreSql_colText(q, 0);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      for (size_t i = 0; i < *n; i++)
         free((*ids)[i]);
      free(*ids);
      *ids = NULL;
      *n = 0;
   }
   return st;
}

static char *markJson(bool on, const char *reason)
{
   json_t *o = json_object();
   bool ok =
      StoreJson_bool(o, "needs_review", on) && (!reason || StoreJson_str(o, "reason", reason));
   return StoreJson_finish(o, ok);
}

StoreStatus StoreMark_clearLocked(Store *s, int64_t review_id, const char *question_id,
                                  const char *user)
{
   bool found = false;
   int64_t one;
   StoreStatus st = StoreSql_int(
      s, &one, &found, "SELECT 1 FROM review_mark WHERE review_id = ? AND question_id = ?", "it",
      review_id, question_id);
   if (st != STORE_OK || !found)
      return st;
   st = StoreSql_run(s, "DELETE FROM review_mark WHERE review_id = ? AND question_id = ?", "it",
                     review_id, question_id);
   char *before = markJson(true, NULL), *after = markJson(false, NULL);
   if (st == STORE_OK)
      st = StoreHist_append(s, review_id, user, "answer", question_id, before, after);
   free(before);
   free(after);
   return st;
}

StoreStatus Store_clearReviewMark(Store *s, int64_t review_id, const char *question_id,
                                  const char *user)
{
   if (!Store_validName(question_id))
      return StoreSql_error(s, STORE_INVALID, _("answer: invalid question id"));
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   return StoreSql_end(s, StoreMark_clearLocked(s, review_id, question_id, user));
}

/* ---- the upgrade ---- */

/* The same before/after form as store_answer.c writes, plus why. */
static char *answerJson(const StoredAnswer *a, int64_t version, const char *reason)
{
   json_t *o = json_object();
   bool ok = StoreJson_bool(o, "not_applicable", a->not_applicable) &&
             StoreJson_str(o, "na_reason", a->na_reason) &&
             StoreJson_strs(o, "selected", a->selected, a->n_selected) &&
             StoreJson_strs(o, "na_choices", a->na_choices, a->n_na_choices) &&
             StoreJson_str(o, "notes", a->notes) && StoreJson_int(o, "version", version) &&
             (!reason || StoreJson_str(o, "reason", reason));
   if (ok && a->na_note) /* absent when none, as store_answer.c writes it */
      ok = StoreJson_str(o, "na_note", a->na_note);
   return StoreJson_finish(o, ok);
}

/* The answer's row id, checking that nobody wrote it since it was read. */
static StoreStatus answerRow(Store *s, int64_t review_id, const StoredAnswer *read, int64_t *row_id)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT id, version, updated_by, updated_at FROM answer"
                                    " WHERE review_id = ? AND question_id = ?",
                                    "it", review_id, read->question_id);
   if (!q)
      return st;
   bool row = false;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && (!row || sqlite3_column_int64(q, 1) != read->version)) {
      const char *by = row ? (const char *)sqlite3_column_text(q, 2) : NULL;
      const char *at = row ? (const char *)sqlite3_column_text(q, 3) : NULL;
      st = StoreSql_error(s, STORE_CONFLICT, _("%s was changed meanwhile by %s at %s"),
                          read->question_id, by ? by : "?", at ? at : "?");
   } else if (st == STORE_OK)
      *row_id = sqlite3_column_int64(q, 0);
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus rewriteAnswer(Store *s, int64_t review_id, const StoredAnswer *from,
                                 const StoredAnswer *to, const char *now, const char *user)
{
   int64_t row_id = 0;
   StoreStatus st = answerRow(s, review_id, from, &row_id);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "UPDATE answer SET not_applicable = ?, na_reason = ?, notes = ?,"
                        " version = ?, updated_at = ?, updated_by = ?, na_note = ? WHERE id = ?",
                        "dttittti", to->not_applicable ? 1 : 0, to->na_reason, to->notes,
                        from->version + 1, now, user, to->na_note, row_id);
   if (st == STORE_OK)
      st = StoreSql_run(s, "DELETE FROM answer_choice WHERE answer_id = ?", "i", row_id);
   if (st == STORE_OK)
      st = StoreAnswer_insertChoices(s, row_id, to->selected, to->n_selected, "selected", 0);
   if (st == STORE_OK)
      st = StoreAnswer_insertChoices(s, row_id, to->na_choices, to->n_na_choices, "not_applicable",
                                     (int)to->n_selected);
   char *before = answerJson(from, from->version, NULL);
   char *after = answerJson(to, from->version + 1, "lens_upgrade");
   if (st == STORE_OK)
      st = StoreHist_append(s, review_id, user, "answer", from->question_id, before, after);
   free(before);
   free(after);
   return st;
}

static StoreStatus removeAnswer(Store *s, int64_t review_id, const StoredAnswer *from,
                                const char *user)
{
   int64_t row_id = 0;
   StoreStatus st = answerRow(s, review_id, from, &row_id);
   if (st == STORE_OK)
      st = StoreSql_run(s, "DELETE FROM answer_choice WHERE answer_id = ?", "i", row_id);
   if (st == STORE_OK)
      st = StoreSql_run(s, "DELETE FROM answer WHERE id = ?", "i", row_id);
   char *before = answerJson(from, from->version, NULL);
   json_t *o = json_object();
   char *after = StoreJson_finish(o, StoreJson_bool(o, "deleted", true) &&
                                        StoreJson_str(o, "reason", "lens_upgrade"));
   if (st == STORE_OK)
      st = StoreHist_append(s, review_id, user, "answer", from->question_id, before, after);
   free(before);
   free(after);
   return st;
}

static StoreStatus markQuestion(Store *s, int64_t review_id, const char *question_id,
                                const char *now, const char *user)
{
   StoreStatus st = StoreSql_run(s,
                                 "INSERT OR REPLACE INTO review_mark (review_id, question_id,"
                                 " marked_at, marked_by) VALUES (?, ?, ?, ?)",
                                 "ittt", review_id, question_id, now, user);
   char *after = markJson(true, "lens_upgrade");
   if (st == STORE_OK)
      st = StoreHist_append(s, review_id, user, "answer", question_id, NULL, after);
   free(after);
   return st;
}

/* {"lens_id": id, "lens": "key version"} for the workload's history row. */
static char *lensJson(Store *s, int64_t lens_id, const char *milestone)
{
   StoreLens l;
   memset(&l, 0, sizeof l);
   StoreStatus st;
   sqlite3_stmt *q =
      StoreSql_query(s, &st, "SELECT key, version FROM lens WHERE id = ?", "i", lens_id);
   bool row = false;
   if (q && StoreSql_step(s, q, &row) == STORE_OK && row) {
      l.key = StoreSql_colText(q, 0);
      l.version = StoreSql_colText(q, 1);
   }
   StoreSql_finalize(s, q);
   json_t *o = json_object();
   bool ok = StoreJson_int(o, "lens_id", lens_id) && StoreJson_str(o, "lens_key", l.key) &&
             StoreJson_str(o, "lens_version", l.version) &&
             (!milestone || StoreJson_str(o, "milestone", milestone));
   free(l.key);
   free(l.version);
   return StoreJson_finish(o, ok);
}

static StoreStatus switchLens(Store *s, const StoreReviewUpgrade *u, const char *now,
                              const char *user)
{
   int64_t cur = 0;
   bool found = false;
   StoreStatus st =
      StoreSql_int(s, &cur, &found, "SELECT lens_id FROM review WHERE id = ?", "i", u->review_id);
   if (st == STORE_OK && !found)
      return StoreSql_error(s, STORE_NOT_FOUND, _("no review with id %lld"),
                            (long long)u->review_id);
   if (st == STORE_OK && cur != u->from_lens_id)
      return StoreSql_error(s, STORE_CONFLICT, _("%s: the lens was changed meanwhile"),
                            u->workload);
   if (st == STORE_OK)
      st = StoreSql_int(s, &cur, &found, "SELECT id FROM lens WHERE id = ?", "i", u->to_lens_id);
   if (st == STORE_OK && !found)
      return StoreSql_error(s, STORE_NOT_FOUND, _("no lens with id %lld"),
                            (long long)u->to_lens_id);
   if (st == STORE_OK)
      st = StoreSql_run(s, "UPDATE review SET lens_id = ? WHERE id = ?", "ii", u->to_lens_id,
                        u->review_id);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "UPDATE workload SET updated_at = ?, updated_by = ?"
                        " WHERE id = (SELECT workload_id FROM review WHERE id = ?)",
                        "tti", now, user, u->review_id);
   char *before = lensJson(s, u->from_lens_id, NULL);
   char *after = lensJson(s, u->to_lens_id, u->milestone);
   if (st == STORE_OK)
      st = StoreHist_append(s, u->review_id, user, "workload", u->workload, before, after);
   free(before);
   free(after);
   return st;
}

static StoreStatus upgradeLocked(Store *s, const StoreReviewUpgrade *u, const char *user)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   /* The milestone first: it records the review as it was before anything below. */
   StoreStatus st = StoreMilestone_insert(s, u->review_id, u->milestone, u->snapshot, user, NULL);
   if (st == STORE_OK)
      st = switchLens(s, u, now, user);
   for (size_t i = 0; i < u->n_rewrite && st == STORE_OK; i++)
      st = rewriteAnswer(s, u->review_id, &u->rewrite_from[i], &u->rewrite_to[i], now, user);
   for (size_t i = 0; i < u->n_remove && st == STORE_OK; i++)
      st = removeAnswer(s, u->review_id, &u->remove[i], user);
   /* Marks last: rewriting an answer clears its mark (a trigger). */
   for (size_t i = 0; i < u->n_marks && st == STORE_OK; i++)
      st = markQuestion(s, u->review_id, u->marks[i], now, user);
   return st;
}

static bool validAnswers(const StoredAnswer *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      if (!Store_validName(a[i].question_id) || !Store_validText(a[i].notes))
         return false;
   return true;
}

StoreStatus Store_upgradeReview(Store *s, const StoreReviewUpgrade *u, const char *user)
{
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   if (!u->milestone || !Store_validName(u->milestone) || !u->snapshot ||
       !Store_validText(u->snapshot) || !u->workload)
      return StoreSql_error(s, STORE_INVALID, _("upgrade: invalid milestone"));
   if (StoreName_check(s, NAME_MILESTONE, u->milestone) != STORE_OK)
      return STORE_INVALID;
   if (!validAnswers(u->rewrite_from, u->n_rewrite) || !validAnswers(u->rewrite_to, u->n_rewrite) ||
       !validAnswers(u->remove, u->n_remove))
      return StoreSql_error(s, STORE_INVALID, _("upgrade: invalid answer"));
   for (size_t i = 0; i < u->n_marks; i++)
      if (!Store_validName(u->marks[i]))
         return StoreSql_error(s, STORE_INVALID, _("answer: invalid question id"));
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   return StoreSql_end(s, upgradeLocked(s, u, user));
}
