/* store_plan.c: the user's tracking of improvement-plan items.
 *
 * The items themselves are derived from risk (core/review.h); a row here
 * exists only once someone set a status, owner, due date, priority or note. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

/* Columns: id, question_id, choice_id, status, owner, due, priority, note,
 * version, updated_at, updated_by, impact, effort. */
#define PLAN_SELECT                                                                  \
   "SELECT id, question_id, choice_id, status, owner, due, priority, note, version," \
   " updated_at, updated_by, impact, effort FROM plan_item"

static void readPlan(sqlite3_stmt *q, PlanTracking *t)
{
   t->question_id = StoreSql_colText(q, 1);
   t->choice_id = StoreSql_colText(q, 2);
   t->status = StoreSql_colText(q, 3);
   t->owner = StoreSql_colText(q, 4);
   t->due = StoreSql_colText(q, 5);
   t->priority = sqlite3_column_int(q, 6);
   t->note = StoreSql_colText(q, 7);
   t->version = sqlite3_column_int64(q, 8);
   t->updated_at = StoreSql_colText(q, 9);
   t->updated_by = StoreSql_colText(q, 10);
   t->impact = StoreSql_colText(q, 11);
   t->effort = StoreSql_colText(q, 12);
}

StoreStatus Store_getPlanTracking(Store *s, int64_t review_id, PlanTracking **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st, PLAN_SELECT " WHERE review_id = ? ORDER BY question_id, choice_id", "i", review_id);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      readPlan(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      PlanTracking_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

static StoreStatus validatePlan(Store *s, const PlanTracking *t, const char *user)
{
   if (!Store_validName(t->question_id) || !Store_validName(t->choice_id))
      return StoreSql_error(s, STORE_INVALID, _("plan: invalid question or choice id"));
   if (t->status && !PlanStatus_isName(t->status))
      return StoreSql_error(s, STORE_INVALID,
                            _("plan: invalid status \"%s\" (open, in_progress, done, "
                              "risk_accepted or wont_do)"),
                            t->status);
   if (t->due && !StoreTime_validDate(t->due))
      return StoreSql_error(s, STORE_INVALID,
                            _("plan: invalid due date \"%s\" (a real date as YYYY-MM-DD)"), t->due);
   if (t->priority < 0)
      return StoreSql_error(s, STORE_INVALID, _("plan: invalid priority %d"), t->priority);
   if ((t->impact && !PlanLevel_isName(t->impact)) || (t->effort && !PlanLevel_isName(t->effort)))
      return StoreSql_error(s, STORE_INVALID,
                            _("plan: invalid impact or effort (low, medium or high)"));
   if (!Store_validText(t->owner) || !Store_validText(t->note))
      return StoreSql_error(s, STORE_INVALID, _("plan: text is not valid UTF-8"));
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   return STORE_OK;
}

static char *planJson(const PlanTracking *t, const char *status, int64_t version)
{
   json_t *o = json_object();
   bool ok = StoreJson_str(o, "status", status) && StoreJson_str(o, "owner", t->owner) &&
             StoreJson_str(o, "due", t->due) && StoreJson_int(o, "priority", t->priority) &&
             StoreJson_str(o, "note", t->note) && StoreJson_int(o, "version", version);
   /* Only when set: history entries of plans without them read as before. */
   if (ok && t->impact)
      ok = StoreJson_str(o, "impact", t->impact);
   if (ok && t->effort)
      ok = StoreJson_str(o, "effort", t->effort);
   return StoreJson_finish(o, ok);
}

/* The stored row of one item: NOT_FOUND (cur zeroed, *row_id 0) when none. */
static StoreStatus loadPlan(Store *s, int64_t review_id, const PlanTracking *t, PlanTracking *cur,
                            int64_t *row_id)
{
   memset(cur, 0, sizeof *cur);
   *row_id = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st, PLAN_SELECT " WHERE review_id = ? AND question_id = ? AND choice_id = ?", "itt",
      review_id, t->question_id, t->choice_id);
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      *row_id = sqlite3_column_int64(q, 0);
      readPlan(q, cur);
   } else if (st == STORE_OK)
      st = STORE_NOT_FOUND;
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus writePlan(Store *s, int64_t review_id, const PlanTracking *t, const char *status,
                             int64_t row_id, int64_t version, const char *user)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (row_id == 0)
      return StoreSql_run(s,
                          "INSERT INTO plan_item (review_id, question_id, choice_id, status,"
                          " owner, due, priority, note, version, updated_at, updated_by,"
                          " impact, effort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          "itttttdtitttt", review_id, t->question_id, t->choice_id, status,
                          t->owner, t->due, t->priority, t->note, version, now, user, t->impact,
                          t->effort);
   return StoreSql_run(s,
                       "UPDATE plan_item SET status = ?, owner = ?, due = ?, priority = ?,"
                       " note = ?, version = ?, updated_at = ?, updated_by = ?, impact = ?,"
                       " effort = ? WHERE id = ?",
                       "tttdtitttti", status, t->owner, t->due, t->priority, t->note, version, now,
                       user, t->impact, t->effort, row_id);
}

/* Would writing t over cur store the same tracking?  NULL and "" mean none;
 * an item never tracked (cur all zero) has the defaults: open, nothing else. */
static bool samePlan(const PlanTracking *cur, const PlanTracking *t, const char *status)
{
   return strcmp(cur->status ? cur->status : "open", status) == 0 &&
          Str_eqText(cur->owner, t->owner) && Str_eqText(cur->due, t->due) &&
          cur->priority == t->priority && Str_eqText(cur->note, t->note) &&
          Str_eqText(cur->impact, t->impact) && Str_eqText(cur->effort, t->effort);
}

static StoreStatus putLocked(Store *s, int64_t review_id, const PlanTracking *t, int64_t expected,
                             const char *user, int64_t *new_version)
{
   StoreStatus st = StoreAnswer_requireReview(s, review_id);
   if (st != STORE_OK)
      return st;
   PlanTracking cur;
   int64_t row_id = 0;
   st = loadPlan(s, review_id, t, &cur, &row_id);
   if (st != STORE_OK && st != STORE_NOT_FOUND)
      return st;
   char *object = xasprintf("%s/%s", t->question_id, t->choice_id);
   if (cur.version != expected)
      st = StoreSql_error(s, STORE_CONFLICT, _("%s was changed meanwhile by %s at %s"), object,
                          cur.updated_by ? cur.updated_by : "?",
                          cur.updated_at ? cur.updated_at : "?");
   else if (samePlan(&cur, t, t->status ? t->status : "open")) {
      *new_version = expected; /* nothing to write: nobody else's edit turns stale */
      st = STORE_OK;
   } else {
      const char *status = t->status ? t->status : "open";
      char *before = cur.version ? planJson(&cur, cur.status, cur.version) : NULL;
      char *after = planJson(t, status, expected + 1);
      st = writePlan(s, review_id, t, status, row_id, expected + 1, user);
      if (st == STORE_OK)
         st = StoreHist_append(s, review_id, user, "plan", object, before, after);
      if (st == STORE_OK)
         *new_version = expected + 1;
      free(before);
      free(after);
   }
   free(object);
   PlanTracking_free(&cur);
   return st;
}

StoreStatus Store_putPlanTracking(Store *s, int64_t review_id, const PlanTracking *t,
                                  int64_t expected_version, const char *user, int64_t *new_version)
{
   StoreStatus st = validatePlan(s, t, user);
   st = StoreSql_beginChecked(s, st);
   if (st != STORE_OK)
      return st;
   int64_t v = 0;
   st = StoreSql_end(s, putLocked(s, review_id, t, expected_version, user, &v));
   if (st == STORE_OK && new_version)
      *new_version = v;
   return st;
}

/* ---- merging writes ---- */

enum { PLAN_FIELDS = 7 };
static const char *const fieldNames[PLAN_FIELDS] = {"status", "owner",  "due",   "priority",
                                                    "note",   "impact", "effort"};

/* The text fields of a tracking by their index in fieldNames; NULL for the
 * priority, which is a number. */
static char **textField(PlanTracking *t, int field)
{
   switch (field) {
   case 0: return &t->status;
   case 1: return &t->owner;
   case 2: return &t->due;
   case 4: return &t->note;
   case 5: return &t->impact;
   case 6: return &t->effort;
   default: return NULL;
   }
}

/* One field of a tracking as text ("" for none), so that fields compare
 * alike; the never-tracked defaults read as open and 0. */
static char *fieldOf(const PlanTracking *t, int field)
{
   if (field == 3)
      return xasprintf("%d", t->priority);
   const char *v = *textField((PlanTracking *)t, field);
   return xstrdup(v ? v : field == 0 ? "open" : "");
}

/* Copies field from src to dst. */
static void takeField(PlanTracking *dst, const PlanTracking *src, int field)
{
   char **slot = textField(dst, field);
   if (!slot) {
      dst->priority = src->priority;
      return;
   }
   const char *v = *textField((PlanTracking *)src, field);
   free(*slot);
   *slot = v && *v ? xstrdup(v) : NULL;
}

static void copyPlan(PlanTracking *dst, const PlanTracking *src, const PlanTracking *ids)
{
   memset(dst, 0, sizeof *dst);
   dst->question_id = xstrdup(ids->question_id);
   dst->choice_id = xstrdup(ids->choice_id);
   for (int f = 0; f < PLAN_FIELDS; f++)
      takeField(dst, src, f);
}

static StoreStatus mergeFields(Store *s, const StoreMergeCtx *ctx, const PlanTracking *base,
                               const PlanTracking *want, const PlanTracking *cur, PlanTracking *res,
                               StoreMerge *out)
{
   StoreStatus st = STORE_OK;
   for (int f = 0; f < PLAN_FIELDS && st == STORE_OK; f++) {
      char *b = fieldOf(base, f), *w = fieldOf(want, f), *k = fieldOf(cur, f);
      if (strcmp(b, w) != 0 && strcmp(k, w) != 0) {
         if (strcmp(k, b) == 0)
            takeField(res, want, f);
         else
            st = StoreMerge_clash(s, ctx, out, STORE_CLASH_FIELD, fieldNames[f], fieldNames[f]);
      }
      free(b);
      free(w);
      free(k);
   }
   return st;
}

static StoreStatus mergePlanLocked(Store *s, int64_t review_id, const PlanTracking *base,
                                   const PlanTracking *want, const char *user, const char *extra,
                                   StoreMerge *out)
{
   StoreStatus st = StoreAnswer_requireReview(s, review_id);
   if (st != STORE_OK)
      return st;
   PlanTracking cur, res;
   int64_t row_id = 0;
   st = loadPlan(s, review_id, want, &cur, &row_id);
   if (st != STORE_OK && st != STORE_NOT_FOUND)
      return st;
   char *object = xasprintf("%s/%s", want->question_id, want->choice_id);
   StoreMergeCtx ctx = {review_id, "plan", object, base->version, cur.updated_by, cur.updated_at};
   copyPlan(&res, &cur, want);
   out->others = cur.version != base->version;
   out->version = cur.version;
   st = mergeFields(s, &ctx, base, want, &cur, &res, out);
   const char *status = res.status ? res.status : "open";
   if (st == STORE_OK && !samePlan(&cur, &res, status)) {
      int64_t version = cur.version + 1;
      char *before = cur.version ? planJson(&cur, cur.status, cur.version) : NULL;
      char *after = StoreMerge_withExtra(planJson(&res, status, version), extra);
      st = after ? writePlan(s, review_id, &res, status, row_id, version, user)
                 : StoreSql_error(s, STORE_INVALID, _("plan: text is not valid UTF-8"));
      if (st == STORE_OK)
         st = StoreHist_append(s, review_id, user, "plan", object, before, after);
      if (st == STORE_OK) {
         out->version = version;
         out->wrote = true;
         out->history_id = sqlite3_last_insert_rowid(s->db);
      }
      free(before);
      free(after);
   }
   free(object);
   PlanTracking_free(&res);
   PlanTracking_free(&cur);
   return st;
}

StoreStatus Store_mergePlanTracking(Store *s, int64_t review_id, const PlanTracking *base,
                                    const PlanTracking *want, const char *user, const char *extra,
                                    StoreMerge *out)
{
   memset(out, 0, sizeof *out);
   PlanTracking empty = {.question_id = want->question_id, .choice_id = want->choice_id};
   if (!base)
      base = &empty;
   StoreStatus st = validatePlan(s, want, user);
   if (st == STORE_OK) {
      PlanTracking b = *base;
      b.question_id = want->question_id;
      b.choice_id = want->choice_id;
      st = validatePlan(s, &b, user);
   }
   st = StoreSql_beginChecked(s, st);
   if (st != STORE_OK)
      return st;
   return StoreMerge_end(
      StoreSql_end(s, mergePlanLocked(s, review_id, base, want, user, extra, out)), out);
}

void PlanTracking_free(PlanTracking *t)
{
   if (!t)
      return;
   free(t->question_id);
   free(t->choice_id);
   free(t->status);
   free(t->owner);
   free(t->due);
   free(t->note);
   free(t->impact);
   free(t->effort);
   free(t->updated_at);
   free(t->updated_by);
   memset(t, 0, sizeof *t);
}

void PlanTracking_freeArray(PlanTracking *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      PlanTracking_free(&a[i]);
   free(a);
}
