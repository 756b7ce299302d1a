/* store_template.c: review templates (store/template.h).
 *
 * Tables (schema step 5): template (name, lens, newest revision),
 * template_answer (one canonical answer text per revision and question),
 * review_template (the revision a workload has), answer_template (which
 * answer a template wrote, at which row version). */
#include "config.h"

#include "store/template.h"

#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

/* ---- canonical answers ---- */

static int cmpStr(const void *a, const void *b)
{
   return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted JSON array of ids (NULL when one is not valid UTF-8). */
static json_t *sortedIds(char *const *ids, size_t n)
{
   char **v = xcalloc(n + 1, sizeof *v);
   if (n) /* ids may be NULL when there are none */
      memcpy(v, ids, n * sizeof *v);
   qsort(v, n, sizeof *v, cmpStr);
   json_t *arr = json_array();
   bool ok = arr != NULL;
   for (size_t i = 0; i < n && ok; i++)
      ok = json_array_append_new(arr, json_string(v[i])) == 0;
   free(v);
   if (!ok) {
      json_decref(arr);
      return NULL;
   }
   return arr;
}

static bool setNew(json_t *o, const char *key, json_t *v)
{
   return v && json_object_set_new(o, key, v) == 0;
}

static json_t *textOrNull(const char *s)
{
   return s && *s ? json_string(s) : json_null();
}

char *TemplateAnswer_canonical(const StoredAnswer *a)
{
   json_t *o = json_object(), *notes = json_object();
   bool ok = o && notes && setNew(o, "not_applicable", json_boolean(a->not_applicable)) &&
             setNew(o, "na_reason", textOrNull(a->na_reason)) &&
             setNew(o, "selected", sortedIds(a->selected, a->n_selected)) &&
             setNew(o, "na_choices", sortedIds(a->na_choices, a->n_na_choices)) &&
             setNew(o, "notes", textOrNull(a->notes));
   for (size_t i = 0; ok && i < a->n_choice_notes; i++)
      ok = setNew(notes, a->note_choices[i], json_string(a->choice_notes[i]));
   ok = ok && json_object_set(o, "choice_notes", notes) == 0;
   /* Absent when none: a template made before the text existed reads, and
    * compares, as it did. */
   if (ok && a->na_note && *a->na_note)
      ok = setNew(o, "na_note", json_string(a->na_note));
   char *text = ok ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
   json_decref(notes);
   json_decref(o);
   if (!text)
      return NULL;
   char *out = xstrdup(text);
   free(text);
   return out;
}

/* The ids of a JSON array of strings (false when it is not one). */
static bool readIds(json_t *arr, char ***out, size_t *n)
{
   *out = NULL;
   *n = 0;
   if (!json_is_array(arr))
      return false;
   *out = xcalloc(json_array_size(arr) + 1, sizeof **out);
   for (size_t i = 0; i < json_array_size(arr); i++) {
      const char *id = json_string_value(json_array_get(arr, i));
      if (!id)
         return false;
      (*out)[(*n)++] = xstrdup(id);
   }
   return true;
}

static char *optText(json_t *v, bool *ok)
{
   if (json_is_null(v))
      return NULL;
   if (!json_is_string(v)) {
      *ok = false;
      return NULL;
   }
   return xstrdup(json_string_value(v));
}

bool TemplateAnswer_parse(const char *text, const char *question_id, StoredAnswer *out)
{
   memset(out, 0, sizeof *out);
   json_t *o = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;
   bool ok = json_is_object(o) && json_is_boolean(json_object_get(o, "not_applicable"));
   out->question_id = xstrdup(question_id);
   if (ok) {
      out->not_applicable = json_is_true(json_object_get(o, "not_applicable"));
      out->na_reason = optText(json_object_get(o, "na_reason"), &ok);
      out->notes = optText(json_object_get(o, "notes"), &ok);
      json_t *na_note = json_object_get(o, "na_note"); /* absent in older templates */
      out->na_note = na_note ? optText(na_note, &ok) : NULL;
      ok = ok && readIds(json_object_get(o, "selected"), &out->selected, &out->n_selected) &&
           readIds(json_object_get(o, "na_choices"), &out->na_choices, &out->n_na_choices);
   }
   json_t *notes = ok ? json_object_get(o, "choice_notes") : NULL;
   ok = ok && json_is_object(notes);
   if (ok) {
      size_t n = json_object_size(notes);
      out->note_choices = xcalloc(n + 1, sizeof *out->note_choices);
      out->choice_notes = xcalloc(n + 1, sizeof *out->choice_notes);
      const char *key;
      json_t *v;
      json_object_foreach(notes, key, v)
      {
         if (!json_is_string(v)) {
            ok = false;
            break;
         }
         out->note_choices[out->n_choice_notes] = xstrdup(key);
         out->choice_notes[out->n_choice_notes++] = xstrdup(json_string_value(v));
      }
   }
   json_decref(o);
   if (!ok)
      StoredAnswer_free(out);
   return ok;
}

/* ---- reading ---- */

void TemplateInfo_free(TemplateInfo *t)
{
   if (!t)
      return;
   free(t->name);
   free(t->created_at);
   free(t->created_by);
   free(t->updated_at);
   free(t->updated_by);
   memset(t, 0, sizeof *t);
}

void TemplateInfo_freeArray(TemplateInfo *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      TemplateInfo_free(&a[i]);
   free(a);
}

#define TEMPLATE_SELECT                                                                    \
   "SELECT t.id, t.lens_id, t.name, t.revision, t.created_at, t.created_by, t.updated_at," \
   " t.updated_by,"                                                                        \
   " (SELECT count(*) FROM template_answer a WHERE a.template_id = t.id"                   \
   "  AND a.revision = t.revision),"                                                       \
   " (SELECT count(*) FROM review_template r WHERE r.template_id = t.id) FROM template t"

static void readInfo(sqlite3_stmt *q, TemplateInfo *t)
{
   t->id = sqlite3_column_int64(q, 0);
   t->lens_id = sqlite3_column_int64(q, 1);
   t->name = StoreSql_colText(q, 2);
   t->revision = sqlite3_column_int(q, 3);
   t->created_at = StoreSql_colText(q, 4);
   t->created_by = StoreSql_colText(q, 5);
   t->updated_at = StoreSql_colText(q, 6);
   t->updated_by = StoreSql_colText(q, 7);
   t->n_questions = (size_t)sqlite3_column_int64(q, 8);
   t->n_workloads = (size_t)sqlite3_column_int64(q, 9);
}

StoreStatus StoreTemplate_list(Store *s, TemplateInfo **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, TEMPLATE_SELECT " ORDER BY t.name", "");
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      readInfo(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      TemplateInfo_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

StoreStatus StoreTemplate_find(Store *s, const char *name, TemplateInfo *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, TEMPLATE_SELECT " WHERE t.name = ?", "t", name);
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row)
      readInfo(q, out);
   else if (st == STORE_OK)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no template named '%s'"), name);
   StoreSql_finalize(s, q);
   return st;
}

/* The canonical texts of one revision: ids[i] and texts[i], by question id. */
typedef struct Texts {
   char **ids, **texts;
   size_t n;
} Texts;

static void textsFree(Texts *t)
{
   for (size_t i = 0; i < t->n; i++) {
      free(t->ids[i]);
      free(t->texts[i]);
   }
   free(t->ids);
   free(t->texts);
   memset(t, 0, sizeof *t);
}

static const char *textsFind(const Texts *t, const char *qid)
{
   for (size_t i = 0; i < t->n; i++)
      if (strcmp(t->ids[i], qid) == 0)
         return t->texts[i];
   return NULL;
}

static StoreStatus loadTexts(Store *s, int64_t template_id, int revision, Texts *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT question_id, answer FROM template_answer"
                                    " WHERE template_id = ? AND revision = ? ORDER BY question_id",
                                    "id", template_id, revision);
   if (!q)
      return st;
   size_t cap = 0, cap2 = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      out->ids = xgrow(out->ids, &cap, out->n + 1, sizeof *out->ids);
      out->texts = xgrow(out->texts, &cap2, out->n + 1, sizeof *out->texts);
      out->ids[out->n] = StoreSql_colText(q, 0);
      out->texts[out->n++] = StoreSql_colText(q, 1);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK)
      textsFree(out);
   return st;
}

StoreStatus StoreTemplate_answers(Store *s, int64_t template_id, int revision, StoredAnswer **out,
                                  size_t *n)
{
   *out = NULL;
   *n = 0;
   Texts t;
   StoreStatus st = loadTexts(s, template_id, revision, &t);
   if (st != STORE_OK)
      return st;
   *out = xcalloc(t.n + 1, sizeof **out);
   for (size_t i = 0; i < t.n && st == STORE_OK; i++) {
      if (TemplateAnswer_parse(t.texts[i], t.ids[i], &(*out)[*n]))
         (*n)++;
      else
         st = StoreSql_error(s, STORE_NOT_WALENS, _("template answer %s is damaged"), t.ids[i]);
   }
   textsFree(&t);
   if (st != STORE_OK) {
      StoredAnswer_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

/* ---- writing ---- */

static bool sameTexts(const Texts *a, char **ids, char **texts, size_t n)
{
   if (a->n != n)
      return false;
   for (size_t i = 0; i < n; i++) {
      const char *t = textsFind(a, ids[i]);
      if (!t || strcmp(t, texts[i]) != 0)
         return false;
   }
   return true;
}

static StoreStatus saveLocked(Store *s, const char *name, int64_t lens_id, char **ids, char **texts,
                              size_t n, const char *user, int *revision)
{
   TemplateInfo cur;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   StoreStatus st = StoreTemplate_find(s, name, &cur);
   int64_t id = cur.id;
   int rev = 1;
   if (st == STORE_OK) {
      Texts old;
      if (cur.lens_id != lens_id)
         st = StoreSql_error(s, STORE_INVALID,
                             _("template '%s' is for another lens version; give it a new name"),
                             name);
      else if ((st = loadTexts(s, cur.id, cur.revision, &old)) == STORE_OK) {
         bool same = sameTexts(&old, ids, texts, n);
         textsFree(&old);
         if (same) {
            *revision = cur.revision;
            TemplateInfo_free(&cur);
            return STORE_OK;
         }
         rev = cur.revision + 1;
         st = StoreSql_run(s,
                           "UPDATE template SET revision = ?, updated_at = ?, updated_by = ?"
                           " WHERE id = ?",
                           "dtti", rev, now, user, id);
      }
   } else if (st == STORE_NOT_FOUND) {
      st = StoreSql_run(s,
                        "INSERT INTO template (name, lens_id, revision, created_at, created_by,"
                        " updated_at, updated_by) VALUES (?, ?, 1, ?, ?, ?, ?)",
                        "titttt", name, lens_id, now, user, now, user);
      id = sqlite3_last_insert_rowid(s->db);
   }
   TemplateInfo_free(&cur);
   for (size_t i = 0; i < n && st == STORE_OK; i++)
      st = StoreSql_run(s,
                        "INSERT INTO template_answer (template_id, revision, question_id, answer)"
                        " VALUES (?, ?, ?, ?)",
                        "idtt", id, rev, ids[i], texts[i]);
   if (st == STORE_OK)
      *revision = rev;
   return st;
}

StoreStatus StoreTemplate_save(Store *s, const char *name, int64_t lens_id,
                               const StoredAnswer *answers, size_t n, const char *user,
                               int *revision)
{
   if (!Names_isNormal(NAME_TEMPLATE, name))
      return StoreSql_error(s, STORE_INVALID, _("invalid template name"));
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   char **ids = xcalloc(n + 1, sizeof *ids), **texts = xcalloc(n + 1, sizeof *texts);
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < n && st == STORE_OK; i++) {
      ids[i] = answers[i].question_id;
      texts[i] = TemplateAnswer_canonical(&answers[i]);
      if (!Store_validName(ids[i]) || !texts[i])
         st = StoreSql_error(s, STORE_INVALID, _("template: answer %zu is not valid"), i + 1);
      for (size_t k = 0; k < i && st == STORE_OK; k++)
         if (strcmp(ids[k], ids[i]) == 0)
            st = StoreSql_error(s, STORE_INVALID, _("template: question %s twice"), ids[i]);
   }
   if (st == STORE_OK)
      st = StoreSql_beginWrite(s);
   if (st == STORE_OK)
      st = StoreSql_end(s, saveLocked(s, name, lens_id, ids, texts, n, user, revision));
   for (size_t i = 0; i < n; i++)
      free(texts[i]);
   free(texts);
   free(ids);
   return st;
}

/* Writes one template answer over the review's (expected: its row version
 * now) and marks it as the template's. */
static StoreStatus writeOne(Store *s, int64_t review_id, const TemplateInfo *t, const char *qid,
                            const char *text, int64_t expected, const char *user)
{
   StoredAnswer a;
   if (!TemplateAnswer_parse(text, qid, &a))
      return StoreSql_error(s, STORE_NOT_WALENS, _("template answer %s is damaged"), qid);
   int64_t v = 0;
   /* The history row says where the answer came from. */
   json_t *from = json_pack("{s:s}", "template", t->name);
   char *extra = from ? json_dumps(from, JSON_COMPACT) : NULL;
   json_decref(from);
   if (!extra) {
      StoredAnswer_free(&a);
      return StoreSql_error(s, STORE_INVALID, _("template name %s is not valid UTF-8"), t->name);
   }
   StoreStatus st = StoreAnswer_putLocked(s, review_id, &a, expected, user, extra, &v);
   free(extra);
   StoredAnswer_free(&a);
   if (st == STORE_OK && v > 0)
      st = StoreSql_run(s,
                        "INSERT OR REPLACE INTO answer_template (review_id, question_id,"
                        " template_id, answer_version) VALUES (?, ?, ?, ?)",
                        "itii", review_id, qid, t->id, v);
   return st;
}

static StoreStatus fillLocked(Store *s, int64_t review_id, const TemplateInfo *t, const char *user,
                              size_t *written)
{
   Texts now;
   StoreStatus st = loadTexts(s, t->id, t->revision, &now);
   for (size_t i = 0; i < now.n && st == STORE_OK; i++) {
      StoredAnswer cur;
      st = StoreAnswer_loadLocked(s, review_id, now.ids[i], &cur);
      int64_t version = cur.version;
      StoredAnswer_free(&cur);
      if (st == STORE_NOT_FOUND)
         st = STORE_OK;
      if (st == STORE_OK)
         st = writeOne(s, review_id, t, now.ids[i], now.texts[i], version, user);
      if (st == STORE_OK)
         (*written)++;
   }
   textsFree(&now);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT OR REPLACE INTO review_template (review_id, template_id, revision)"
                        " VALUES (?, ?, ?)",
                        "iid", review_id, t->id, t->revision);
   return st;
}

StoreStatus StoreTemplate_fill(Store *s, int64_t review_id, const TemplateInfo *t, const char *user,
                               size_t *written)
{
   *written = 0;
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_end(s, fillLocked(s, review_id, t, user, written));
   if (st != STORE_OK)
      *written = 0;
   return st;
}

/* ---- applying a new revision ---- */

void TemplateOffer_freeArray(TemplateOffer *a, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      free(a[i].workload);
      free(a[i].question_id);
   }
   free(a);
}

typedef struct Made {
   int64_t review_id;
   int revision;
   char *workload;
} Made;

static StoreStatus madeFrom(Store *s, const TemplateInfo *t, Made **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT r.review_id, r.revision, w.name FROM review_template r"
                                    " JOIN review v ON v.id = r.review_id"
                                    " JOIN workload w ON w.id = v.workload_id"
                                    " WHERE r.template_id = ? AND r.revision < ? AND v.is_current"
                                    " ORDER BY w.name",
                                    "id", t->id, t->revision);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      (*out)[*n].review_id = sqlite3_column_int64(q, 0);
      (*out)[*n].revision = sqlite3_column_int(q, 1);
      (*out)[(*n)++].workload = StoreSql_colText(q, 2);
   }
   StoreSql_finalize(s, q);
   return st;
}

static void addOffer(TemplateOffer **out, size_t *n, size_t *cap, const Made *m, const char *qid,
                     TemplateOfferKind kind)
{
   *out = xgrow(*out, cap, *n + 1, sizeof **out);
   (*out)[(*n)++] = (TemplateOffer){xstrdup(m->workload), xstrdup(qid), kind, m->revision};
}

/* One workload against the newest revision (now); old: its revision's texts. */
static StoreStatus applyOne(Store *s, const TemplateInfo *t, const Made *m, const Texts *now,
                            bool write, const char *user, TemplateOffer **out, size_t *n,
                            size_t *cap)
{
   Texts old;
   StoreStatus st = loadTexts(s, t->id, m->revision, &old);
   StoredAnswer empty = {0};
   char *none = TemplateAnswer_canonical(&empty);
   for (size_t i = 0; i < now->n && st == STORE_OK; i++) {
      StoredAnswer cur;
      st = StoreAnswer_loadLocked(s, m->review_id, now->ids[i], &cur);
      if (st == STORE_NOT_FOUND)
         st = STORE_OK;
      char *have = st == STORE_OK ? TemplateAnswer_canonical(&cur) : NULL;
      int64_t version = cur.version;
      StoredAnswer_free(&cur);
      const char *was = textsFind(&old, now->ids[i]);
      if (st != STORE_OK || !have) {
         /* nothing: st says why, or an answer that is not text is left alone */
      } else if (strcmp(have, now->texts[i]) == 0) {
         /* already as the new revision */
      } else if (strcmp(have, was ? was : none) == 0) {
         addOffer(out, n, cap, m, now->ids[i], TEMPLATE_UPDATE);
         if (write)
            st = writeOne(s, m->review_id, t, now->ids[i], now->texts[i], version, user);
      } else {
         addOffer(out, n, cap, m, now->ids[i], TEMPLATE_KEPT);
      }
      free(have);
   }
   free(none);
   textsFree(&old);
   if (st == STORE_OK && write)
      st = StoreSql_run(s, "UPDATE review_template SET revision = ? WHERE review_id = ?", "di",
                        t->revision, m->review_id);
   return st;
}

static StoreStatus applyLocked(Store *s, const TemplateInfo *t, bool write, const char *user,
                               TemplateOffer **out, size_t *n)
{
   Made *made = NULL;
   size_t n_made = 0, cap = 0;
   Texts now = {0};
   StoreStatus st = madeFrom(s, t, &made, &n_made);
   if (st == STORE_OK)
      st = loadTexts(s, t->id, t->revision, &now);
   for (size_t i = 0; i < n_made && st == STORE_OK; i++)
      st = applyOne(s, t, &made[i], &now, write, user, out, n, &cap);
   textsFree(&now);
   for (size_t i = 0; i < n_made; i++)
      free(made[i].workload);
   free(made);
   return st;
}

StoreStatus StoreTemplate_apply(Store *s, const TemplateInfo *t, bool write, const char *user,
                                TemplateOffer **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   if (write && !Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   StoreStatus st = write ? StoreSql_beginWrite(s) : StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_end(s, applyLocked(s, t, write, user, out, n));
   if (st != STORE_OK) {
      TemplateOffer_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

StoreStatus StoreTemplate_source(Store *s, int64_t review_id, const char *question_id, char **name)
{
   *name = NULL;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT t.name FROM answer_template m"
                                    " JOIN template t ON t.id = m.template_id"
                                    " JOIN answer a ON a.review_id = m.review_id"
                                    "  AND a.question_id = m.question_id"
                                    " WHERE m.review_id = ? AND m.question_id = ?"
                                    " AND a.version = m.answer_version",
                                    "it", review_id, question_id);
   if (!q)
      return st;
   bool row;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row)
      *name = StoreSql_colText(q, 0);
   StoreSql_finalize(s, q);
   return st;
}

/* ---- bundles ---- */

void TemplateImport_freeOwned(TemplateImport *t)
{
   free((char *)t->name);
   StoredAnswer_freeArray((StoredAnswer *)t->answers, t->n);
   for (size_t i = 0; i < t->n_from; i++)
      free(t->from[i]);
   free((char **)t->from);
   memset(t, 0, sizeof *t);
}

static StoreStatus marksOf(Store *s, int64_t review_id, TemplateImport *out)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT m.question_id FROM answer_template m"
                                    " JOIN answer a ON a.review_id = m.review_id"
                                    "  AND a.question_id = m.question_id"
                                    " WHERE m.review_id = ? AND a.version = m.answer_version"
                                    " ORDER BY m.question_id",
                                    "i", review_id);
   if (!q)
      return st;
   char **from = NULL;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      from = xgrow(from, &cap, out->n_from + 1, sizeof *from);
      from[out->n_from++] = StoreSql_colText(q, 0);
   }
   out->from = from;
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus ofReviewLocked(Store *s, int64_t review_id, TemplateImport *out)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT t.id, t.name, r.revision FROM review_template r"
                                    " JOIN template t ON t.id = r.template_id"
                                    " WHERE r.review_id = ?",
                                    "i", review_id);
   if (!q)
      return st;
   bool row;
   int64_t id = 0;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      id = sqlite3_column_int64(q, 0);
      out->name = StoreSql_colText(q, 1);
      out->revision = sqlite3_column_int(q, 2);
   } else if (st == STORE_OK)
      st = STORE_NOT_FOUND;
   StoreSql_finalize(s, q);
   StoredAnswer *a = NULL;
   if (st == STORE_OK)
      st = StoreTemplate_answers(s, id, out->revision, &a, &out->n);
   out->answers = a;
   if (st == STORE_OK)
      st = marksOf(s, review_id, out);
   return st;
}

StoreStatus StoreTemplate_ofReview(Store *s, int64_t review_id, TemplateImport *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_end(s, ofReviewLocked(s, review_id, out));
   if (st != STORE_OK)
      TemplateImport_freeOwned(out);
   return st;
}

/* The bundle's template: found (same lens, and the revision the bundle
 * names holds the same answers) or created at that revision. */
static StoreStatus importTemplate(Store *s, int64_t lens_id, const TemplateImport *t, char **ids,
                                  char **texts, const char *user, int64_t *id)
{
   TemplateInfo cur;
   StoreStatus st = StoreTemplate_find(s, t->name, &cur);
   if (st == STORE_OK) {
      Texts old = {0};
      if (cur.lens_id == lens_id && t->revision <= cur.revision)
         st = loadTexts(s, cur.id, t->revision, &old);
      bool same = st == STORE_OK && cur.lens_id == lens_id && t->revision <= cur.revision &&
                  sameTexts(&old, ids, texts, t->n);
      textsFree(&old);
      *id = cur.id;
      TemplateInfo_free(&cur);
      if (st == STORE_OK && !same)
         st = StoreSql_error(s, STORE_INVALID,
                             _("template '%s' of this database differs from the bundle's "
                               "(revision %d); import the bundle into another database, or "
                               "rename the template"),
                             t->name, t->revision);
      return st;
   }
   if (st != STORE_NOT_FOUND)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   st = StoreSql_run(s,
                     "INSERT INTO template (name, lens_id, revision, created_at, created_by,"
                     " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     "tidtttt", t->name, lens_id, t->revision, now, user, now, user);
   *id = sqlite3_last_insert_rowid(s->db);
   for (size_t i = 0; i < t->n && st == STORE_OK; i++)
      st = StoreSql_run(s,
                        "INSERT INTO template_answer (template_id, revision, question_id, answer)"
                        " VALUES (?, ?, ?, ?)",
                        "idtt", *id, t->revision, ids[i], texts[i]);
   return st;
}

static StoreStatus linkImported(Store *s, int64_t review_id, int64_t id, const TemplateImport *t)
{
   StoreStatus st = StoreSql_run(s,
                                 "INSERT INTO review_template (review_id, template_id, revision)"
                                 " VALUES (?, ?, ?)",
                                 "iid", review_id, id, t->revision);
   for (size_t i = 0; i < t->n_from && st == STORE_OK; i++) {
      int64_t version = 0;
      bool found = false;
      st = StoreSql_int(s, &version, &found,
                        "SELECT version FROM answer WHERE review_id = ? AND question_id = ?", "it",
                        review_id, t->from[i]);
      if (st == STORE_OK && !found)
         st =
            StoreSql_error(s, STORE_INVALID, _("template: question %s has no answer"), t->from[i]);
      if (st == STORE_OK)
         st = StoreSql_run(s,
                           "INSERT INTO answer_template (review_id, question_id, template_id,"
                           " answer_version) VALUES (?, ?, ?, ?)",
                           "itii", review_id, t->from[i], id, version);
   }
   return st;
}

StoreStatus StoreTemplate_importLocked(Store *s, int64_t review_id, int64_t lens_id,
                                       const TemplateImport *t, const char *user)
{
   if (!t->name || !Names_isNormal(NAME_TEMPLATE, t->name) || t->revision < 1)
      return StoreSql_error(s, STORE_INVALID, _("template: invalid name or revision"));
   char **ids = xcalloc(t->n + 1, sizeof *ids), **texts = xcalloc(t->n + 1, sizeof *texts);
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < t->n && st == STORE_OK; i++) {
      ids[i] = t->answers[i].question_id;
      texts[i] = TemplateAnswer_canonical(&t->answers[i]);
      if (!ids[i] || !Store_validName(ids[i]) || !texts[i])
         st = StoreSql_error(s, STORE_INVALID, _("template: answer %zu is not valid"), i + 1);
      for (size_t k = 0; k < i && st == STORE_OK; k++)
         if (strcmp(ids[k], ids[i]) == 0)
            st = StoreSql_error(s, STORE_INVALID, _("template: question %s twice"), ids[i]);
   }
   int64_t id = 0;
   if (st == STORE_OK)
      st = importTemplate(s, lens_id, t, ids, texts, user, &id);
   if (st == STORE_OK)
      st = linkImported(s, review_id, id, t);
   for (size_t i = 0; i < t->n; i++)
      free(texts[i]);
   free(texts);
   free(ids);
   return st;
}
