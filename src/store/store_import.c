/* store_import.c: one review, with its whole past, written in one
 * transaction (walens import). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/lens.h"
#include "core/plan.h"
#include "core/review.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/import.h"
#include "store/store_internal.h"

/* ---- validation: everything before the first write ---- */

static bool validTime(const char *t)
{
   time_t ignored;
   return t && StoreTime_parse(t, &ignored);
}

static bool validJsonObject(const char *text)
{
   if (!text)
      return true;
   json_error_t e;
   json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &e);
   bool ok = v && json_is_object(v);
   json_decref(v);
   return ok;
}

static bool oneOf(const char *v, const char *const *set)
{
   for (; v && *set; set++)
      if (strcmp(v, *set) == 0)
         return true;
   return false;
}

static const char *const kinds[] = {"workload", "answer", "plan", "milestone", NULL};
static const char *const environments[] = {"production", "preproduction", NULL};

static int cmpStr(const void *a, const void *b)
{
   return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether keys[0..n) (taken over, freed here) holds a string twice; sorting
 * keeps this fast whatever a bundle holds. */
static bool hasDuplicate(char **keys, size_t n)
{
   qsort(keys, n, sizeof *keys, cmpStr);
   bool dup = false;
   for (size_t i = 1; i < n && !dup; i++)
      dup = strcmp(keys[i - 1], keys[i]) == 0;
   for (size_t i = 0; i < n; i++)
      free(keys[i]);
   free(keys);
   return dup;
}

static StoreStatus checkUnique(Store *s, const StoreImport *in)
{
   char **k = xcalloc(in->n_answers + 1, sizeof *k);
   for (size_t i = 0; i < in->n_answers; i++)
      k[i] = xstrdup(in->answers[i].question_id);
   if (hasDuplicate(k, in->n_answers))
      return StoreSql_error(s, STORE_INVALID, _("a question is answered twice"));
   k = xcalloc(in->n_plan + 1, sizeof *k);
   for (size_t i = 0; i < in->n_plan; i++)
      k[i] = xasprintf("%s\x1f%s", in->plan[i].question_id, in->plan[i].choice_id);
   if (hasDuplicate(k, in->n_plan))
      return StoreSql_error(s, STORE_INVALID, _("a plan item is listed twice"));
   k = xcalloc(in->n_milestones + 1, sizeof *k);
   for (size_t i = 0; i < in->n_milestones; i++)
      k[i] = xstrdup(in->milestones[i].name);
   if (hasDuplicate(k, in->n_milestones))
      return StoreSql_error(s, STORE_INVALID, _("two milestones have the same name"));
   return STORE_OK;
}

static StoreStatus bad(Store *s, const char *what, size_t i, const char *field)
{
   return StoreSql_error(s, STORE_INVALID, _("%s[%zu]: invalid %s"), what, i, field);
}

/* A user name from a bundle is foreign text: it must be what `--user`
 * would have made of it (core/names.h), or two spellings of one reviewer
 * ("rich" and "rich ", full-width letters, an invisible joiner) would stand
 * in the history as two people.  The error names the record. */
static StoreStatus checkUser(Store *s, const char *what, size_t i, const char *user)
{
   if (!Store_validName(user))
      return bad(s, what, i, "user");
   if (StoreName_check(s, NAME_USER, user) == STORE_OK)
      return STORE_OK;
   char *why = xstrdup(Store_lastError(s));
   StoreStatus st = StoreSql_error(s, STORE_INVALID, "%s[%zu]: %s", what, i, why);
   free(why);
   return st;
}

/* The users a bundle names outside its lists: who made the workload, who
 * changed it last, who exported it. */
static StoreStatus checkWorkloadUsers(Store *s, const StoreImport *in)
{
   const char *users[] = {in->created_by, in->workload->updated_by, in->user};
   for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
      StoreStatus st = checkUser(s, "workload", i, users[i]);
      if (st != STORE_OK)
         return st;
   }
   return STORE_OK;
}

static StoreStatus checkWorkload(Store *s, const StoreImport *in)
{
   const Workload *w = in->workload;
   if (!w || !Store_validName(w->name))
      return StoreSql_error(s, STORE_INVALID, _("invalid workload name"));
   if (StoreName_check(s, NAME_WORKLOAD, w->name) != STORE_OK)
      return STORE_INVALID;
   if (!Store_validText(w->description) || !Store_validText(w->owner))
      return StoreSql_error(s, STORE_INVALID, _("workload text is not valid UTF-8"));
   if (w->environment && !oneOf(w->environment, environments))
      return StoreSql_error(s, STORE_INVALID, _("invalid workload environment"));
   if (!validTime(w->created_at) || !validTime(w->updated_at))
      return StoreSql_error(s, STORE_INVALID, _("invalid workload time"));
   StoreStatus st = checkWorkloadUsers(s, in);
   if (st != STORE_OK)
      return st;
   const StoreLens *l = in->lens;
   if (!l || !Store_validName(l->key) || !Store_validText(l->version) ||
       !Store_validText(l->name) || !StoreLens_validSha256(l->sha256) || !l->text)
      return StoreSql_error(s, STORE_INVALID, _("invalid lens"));
   return STORE_OK;
}

static bool validIds(char *const *ids, size_t n)
{
   for (size_t i = 0; i < n; i++)
      if (!Store_validName(ids[i]))
         return false;
   return true;
}

/* The text beside the reason: one short line, on a not-applicable answer. */
static bool naNoteOk(const StoredAnswer *a)
{
   char *why = NaNote_problem(a->na_note);
   bool ok = !why && a->not_applicable;
   free(why);
   return ok;
}

static StoreStatus checkAnswers(Store *s, const StoreImport *in)
{
   for (size_t i = 0; i < in->n_answers; i++) {
      const StoredAnswer *a = &in->answers[i];
      if (!Store_validName(a->question_id))
         return bad(s, "answers", i, "question id");
      if (a->na_reason && !NaReason_isName(a->na_reason))
         return bad(s, "answers", i, "not-applicable reason");
      if (!validIds(a->selected, a->n_selected) || !validIds(a->na_choices, a->n_na_choices))
         return bad(s, "answers", i, "choice id");
      if (!Store_validText(a->notes))
         return bad(s, "answers", i, "notes");
      if (a->na_note && !naNoteOk(a))
         return bad(s, "answers", i, "not-applicable reason text");
      for (size_t k = 0; k < a->n_choice_notes; k++)
         if (!Store_validName(a->note_choices[k]) || !a->choice_notes[k] || !*a->choice_notes[k] ||
             !Store_validText(a->choice_notes[k]))
            return bad(s, "answers", i, "choice_notes");
      if (a->version < 1 || !validTime(a->updated_at))
         return bad(s, "answers", i, "version or time");
      StoreStatus st = checkUser(s, "answers", i, a->updated_by);
      if (st != STORE_OK)
         return st;
   }
   return STORE_OK;
}

static StoreStatus checkPlan(Store *s, const StoreImport *in)
{
   for (size_t i = 0; i < in->n_plan; i++) {
      const PlanTracking *t = &in->plan[i];
      if (!Store_validName(t->question_id) || !Store_validName(t->choice_id))
         return bad(s, "plan", i, "question or choice id");
      if (t->status && !PlanStatus_isName(t->status))
         return bad(s, "plan", i, "status");
      if (t->due && !StoreTime_validDate(t->due))
         return bad(s, "plan", i, "due date");
      if (t->priority < 0 || !Store_validText(t->owner) || !Store_validText(t->note))
         return bad(s, "plan", i, "priority, owner or note");
      if ((t->impact && !PlanLevel_isName(t->impact)) ||
          (t->effort && !PlanLevel_isName(t->effort)))
         return bad(s, "plan", i, "impact or effort");
      if (t->version < 1 || !validTime(t->updated_at))
         return bad(s, "plan", i, "version or time");
      StoreStatus st = checkUser(s, "plan", i, t->updated_by);
      if (st != STORE_OK)
         return st;
   }
   return STORE_OK;
}

static StoreStatus checkRest(Store *s, const StoreImport *in)
{
   for (size_t i = 0; i < in->n_milestones; i++) {
      const Milestone *m = &in->milestones[i];
      if (!Store_validName(m->name) || !validTime(m->created_at) || !m->snapshot ||
          !Store_validText(m->snapshot))
         return bad(s, "milestones", i, "name, time or snapshot");
      if (StoreName_check(s, NAME_MILESTONE, m->name) != STORE_OK)
         return STORE_INVALID;
      if (checkUser(s, "milestones", i, m->created_by) != STORE_OK)
         return STORE_INVALID;
   }
   for (size_t i = 0; i < in->n_history; i++) {
      const HistoryEntry *h = &in->history[i];
      if (!validTime(h->at) || !oneOf(h->kind, kinds) || !Store_validName(h->object))
         return bad(s, "history", i, "time, kind or object");
      if (checkUser(s, "history", i, h->user) != STORE_OK)
         return STORE_INVALID;
      if (!validJsonObject(h->before) || !validJsonObject(h->after))
         return bad(s, "history", i, "before or after state");
   }
   if (!validIds(in->marks, in->n_marks))
      return StoreSql_error(s, STORE_INVALID, _("invalid re-review mark"));
   return STORE_OK;
}

static StoreStatus checkCounts(Store *s, const StoreImport *in)
{
   if (in->n_milestones > STORE_IMPORT_MAX_MILESTONES)
      return StoreSql_error(s, STORE_INVALID, _("more than %d milestones"),
                            STORE_IMPORT_MAX_MILESTONES);
   if (in->n_history > STORE_IMPORT_MAX_HISTORY)
      return StoreSql_error(s, STORE_INVALID, _("more than %d history entries"),
                            STORE_IMPORT_MAX_HISTORY);
   if (in->n_plan > STORE_IMPORT_MAX_PLAN || in->n_answers > STORE_IMPORT_MAX_PLAN ||
       in->n_marks > STORE_IMPORT_MAX_PLAN)
      return StoreSql_error(s, STORE_INVALID, _("more than %d answers, plan items or marks"),
                            STORE_IMPORT_MAX_PLAN);
   const StoreLens *l = in->lens;
   char hex[65];
   Sha256_hex(l->text, l->text_len, hex);
   if (strcmp(hex, l->sha256) != 0)
      return StoreSql_error(s, STORE_INVALID, _("the lens text does not match its SHA-256"));
   return STORE_OK;
}

/* ---- writing ---- */

/* The key a bundle's new lens is stored under.  A key that the built-in
 * lens or a lens added here already uses, with a text none of them has,
 * gets a visibly different key (KEY~bundle-SHA8): nobody can mistake it for,
 * or ask by key for, the lens they know (caller frees). */
static char *bundleKey(Store *s, const StoreLens *l, StoreStatus *st)
{
   bool taken = false;
   int64_t ignored;
   *st =
      StoreSql_int(s, &ignored, &taken,
                   "SELECT id FROM lens WHERE key = ? AND origin = 'local' LIMIT 1", "t", l->key);
   if (*st != STORE_OK)
      return NULL;
   if (!taken) {
      DiagList d;
      DiagList_init(&d);
      Lens *builtin = Lens_loadDefault(&d);
      taken = builtin && strcmp(builtin->key, l->key) == 0;
      Lens_free(builtin);
      DiagList_free(&d);
   }
   return taken ? xasprintf("%s~bundle-%.8s", l->key, l->sha256) : xstrdup(l->key);
}

static StoreStatus putLens(Store *s, const StoreLens *l, int64_t *id)
{
   bool found = false;
   StoreStatus st =
      StoreSql_int(s, id, &found, "SELECT id FROM lens WHERE sha256 = ?", "t", l->sha256);
   if (st != STORE_OK || found)
      return st; /* the same text: shared, whatever its origin */
   char *key = bundleKey(s, l, &st);
   if (!key)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   st = StoreSql_run(s,
                     "INSERT INTO lens (key, version, name, sha256, text, added_at, origin)"
                     " VALUES (?, ?, ?, ?, ?, ?, 'bundle')",
                     "ttttTt", key, l->version, l->name, l->sha256, l->text, l->text_len, now);
   free(key);
   *id = sqlite3_last_insert_rowid(s->db);
   return st;
}

static StoreStatus putWorkload(Store *s, const StoreImport *in, int64_t lens_id, int64_t *wid,
                               int64_t *rid)
{
   const Workload *w = in->workload;
   StoreStatus st = StoreSql_run(
      s,
      "INSERT INTO workload (name, description, environment, owner, created_at, created_by,"
      " updated_at, updated_by, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      "ttttttttd", w->name, w->description, w->environment, w->owner, w->created_at, in->created_by,
      w->updated_at, w->updated_by, w->archived ? 1 : 0);
   if (st == STORE_EXISTS)
      return StoreSql_error(s, STORE_EXISTS, _("a workload named \"%s\" already exists"), w->name);
   if (st != STORE_OK)
      return st;
   *wid = sqlite3_last_insert_rowid(s->db);
   st = StoreSql_run(s,
                     "INSERT INTO review (workload_id, lens_id, is_current, created_at,"
                     " created_by) VALUES (?, ?, 1, ?, ?)",
                     "iitt", *wid, lens_id, w->created_at, in->created_by);
   *rid = sqlite3_last_insert_rowid(s->db);
   return st;
}

static StoreStatus putChoices(Store *s, int64_t answer_id, char *const *ids, size_t n,
                              const char *state, int first)
{
   StoreStatus st = StoreAnswer_insertChoices(s, answer_id, ids, n, state, first);
   if (st == STORE_EXISTS)
      st = StoreSql_error(s, STORE_INVALID, _("answer lists a choice twice"));
   return st;
}

static StoreStatus putAnswers(Store *s, const StoreImport *in, int64_t rid)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < in->n_answers && st == STORE_OK; i++) {
      const StoredAnswer *a = &in->answers[i];
      st = StoreSql_run(s,
                        "INSERT INTO answer (review_id, question_id, not_applicable, na_reason,"
                        " notes, version, updated_at, updated_by, na_note)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "itdttittt", rid, a->question_id, a->not_applicable ? 1 : 0, a->na_reason,
                        a->notes, a->version, a->updated_at, a->updated_by, a->na_note);
      int64_t aid = sqlite3_last_insert_rowid(s->db);
      if (st == STORE_OK)
         st = putChoices(s, aid, a->selected, a->n_selected, "selected", 0);
      if (st == STORE_OK)
         st = putChoices(s, aid, a->na_choices, a->n_na_choices, "not_applicable",
                         (int)a->n_selected);
      if (st == STORE_OK)
         st = StoreAnswer_putChoiceNotes(s, aid, a, false);
   }
   return st;
}

static StoreStatus putPlan(Store *s, const StoreImport *in, int64_t rid)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < in->n_plan && st == STORE_OK; i++) {
      const PlanTracking *t = &in->plan[i];
      st = StoreSql_run(s,
                        "INSERT INTO plan_item (review_id, question_id, choice_id, status,"
                        " owner, due, priority, note, version, updated_at, updated_by,"
                        " impact, effort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        "itttttdtitttt", rid, t->question_id, t->choice_id,
                        t->status ? t->status : "open", t->owner, t->due, t->priority, t->note,
                        t->version, t->updated_at, t->updated_by, t->impact, t->effort);
   }
   return st;
}

static StoreStatus putMilestones(Store *s, const StoreImport *in, int64_t rid)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < in->n_milestones && st == STORE_OK; i++) {
      const Milestone *m = &in->milestones[i];
      st = StoreSql_run(s,
                        "INSERT INTO milestone (review_id, name, created_at, created_by, snapshot)"
                        " VALUES (?, ?, ?, ?, ?)",
                        "itttt", rid, m->name, m->created_at, m->created_by, m->snapshot);
   }
   return st;
}

/* History rows keep their times and users: they tell what happened in the
 * database the bundle came from.  The id bookkeeping mirrors
 * StoreHist_append, so change detection stays right for this connection. */
static StoreStatus putHistory(Store *s, const StoreImport *in, int64_t rid)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < in->n_history && st == STORE_OK; i++) {
      const HistoryEntry *h = &in->history[i];
      st = StoreSql_run(s,
                        "INSERT INTO history (at, user_name, kind, object, before_json,"
                        " after_json, review_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        "tttttti", h->at, h->user, h->kind, h->object, h->before, h->after, rid);
      if (st != STORE_OK)
         break;
      int64_t id = sqlite3_last_insert_rowid(s->db);
      if (id != s->tx_seen + 1)
         s->tx_other = true;
      s->tx_seen = id;
   }
   return st;
}

/* After the answers: writing an answer clears its question's mark. */
static StoreStatus putMarks(Store *s, const StoreImport *in, int64_t rid)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < in->n_marks && st == STORE_OK; i++)
      st = StoreSql_run(s,
                        "INSERT OR IGNORE INTO review_mark (review_id, question_id, marked_at,"
                        " marked_by) VALUES (?, ?, ?, ?)",
                        "ittt", rid, in->marks[i], now, in->user);
   return st;
}

static StoreStatus importLocked(Store *s, const StoreImport *in, int64_t *wid)
{
   int64_t lens_id = 0, rid = 0;
   StoreStatus st = putLens(s, in->lens, &lens_id);
   if (st == STORE_OK)
      st = putWorkload(s, in, lens_id, wid, &rid);
   if (st == STORE_OK)
      st = putAnswers(s, in, rid);
   if (st == STORE_OK)
      st = putPlan(s, in, rid);
   if (st == STORE_OK)
      st = putMilestones(s, in, rid);
   if (st == STORE_OK)
      st = putHistory(s, in, rid);
   if (st == STORE_OK)
      st = putMarks(s, in, rid);
   if (st == STORE_OK && in->template_in)
      st = StoreTemplate_importLocked(s, rid, lens_id, in->template_in, in->user);
   return st;
}

StoreStatus Store_importReview(Store *s, const StoreImport *in, int64_t *workload_id)
{
   StoreStatus st = checkWorkload(s, in);
   if (st == STORE_OK)
      st = checkCounts(s, in);
   if (st == STORE_OK)
      st = checkAnswers(s, in);
   if (st == STORE_OK)
      st = checkPlan(s, in);
   if (st == STORE_OK)
      st = checkRest(s, in);
   if (st == STORE_OK)
      st = checkUnique(s, in);
   if (st == STORE_OK)
      st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   int64_t wid = 0;
   st = StoreSql_end(s, importLocked(s, in, &wid));
   if (st == STORE_OK && workload_id)
      *workload_id = wid;
   return st;
}
