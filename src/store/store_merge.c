/* store_merge.c: what the merging writers share: the record of clashes,
 * finding who made the other change, and the three-way merge of texts.
 *
 * The text merge is libgit2's git_merge_file (the same line-based merge git
 * uses for files), not a diff of our own. */
#include "config.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

void StoreMerge_free(StoreMerge *m)
{
   if (!m)
      return;
   for (size_t i = 0; i < m->n_clashes; i++) {
      free(m->clashes[i].what);
      free(m->clashes[i].by);
      free(m->clashes[i].at);
   }
   free(m->clashes);
   free(m->notes_theirs);
   free(m->notes_both);
   free(m->notes_by);
   free(m->notes_at);
   free(m->message);
   memset(m, 0, sizeof *m);
}

StoreStatus StoreMerge_end(StoreStatus st, StoreMerge *m)
{
   if (st == STORE_OK)
      StoreMerge_finishMessage(m);
   else
      StoreMerge_free(m);
   return st;
}

/* ---- who changed a part ---- */

static bool inArray(json_t *arr, const char *id)
{
   size_t i;
   json_t *v;
   json_array_foreach(arr, i, v)
   {
      if (json_is_string(v) && strcmp(json_string_value(v), id) == 0)
         return true;
   }
   return false;
}

/* One part of a history state as text, so that two states compare with
 * strcmp: a choice's state, N/A with its reason, the notes, a plan field.
 * o may be NULL (no state: nothing written yet).  Allocated. */
static char *partOf(json_t *o, const char *kind, const char *part)
{
   if (!json_is_object(o))
      return xstrdup("");
   if (strcmp(kind, "plan") == 0) {
      json_t *v = json_object_get(o, part);
      char *t = v && !json_is_null(v) ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
      return t ? t : xstrdup("");
   }
   if (strncmp(part, "note:", 5) == 0) { /* a practice's note: pairs by index */
      json_t *ids = json_object_get(o, "note_choices"), *texts = json_object_get(o, "choice_notes");
      for (size_t i = 0; i < json_array_size(ids); i++) {
         const char *id = json_string_value(json_array_get(ids, i));
         const char *text = json_string_value(json_array_get(texts, i));
         if (id && strcmp(id, part + 5) == 0)
            return xstrdup(text ? text : "");
      }
      return xstrdup("");
   }
   if (strcmp(part, "notes") == 0) {
      const char *n = json_string_value(json_object_get(o, "notes"));
      return xstrdup(n ? n : "");
   }
   if (strcmp(part, "na_note") == 0) {
      const char *n = json_string_value(json_object_get(o, "na_note"));
      return xstrdup(n ? n : "");
   }
   if (strcmp(part, "not_applicable") == 0) {
      const char *r = json_string_value(json_object_get(o, "na_reason"));
      return xasprintf("%d:%s", json_is_true(json_object_get(o, "not_applicable")), r ? r : "");
   }
   if (inArray(json_object_get(o, "selected"), part))
      return xstrdup("selected");
   if (inArray(json_object_get(o, "na_choices"), part))
      return xstrdup("not_applicable");
   return xstrdup("");
}

/* Does this history row change the part? */
static bool rowChanges(sqlite3_stmt *q, const char *kind, const char *part, int64_t *version)
{
   json_t *before =
      json_loads((const char *)sqlite3_column_text(q, 2) ?: "null", JSON_DECODE_ANY, NULL);
   json_t *after =
      json_loads((const char *)sqlite3_column_text(q, 3) ?: "null", JSON_DECODE_ANY, NULL);
   json_t *v = json_object_get(after, "version");
   *version = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
   char *a = partOf(before, kind, part), *b = partOf(after, kind, part);
   bool changed = strcmp(a, b) != 0;
   free(a);
   free(b);
   json_decref(before);
   json_decref(after);
   return changed;
}

/* The newest history row of the object after base_version that changed the
 * part: its user and time (allocated), or the fallback. */
static StoreStatus blame(Store *s, const StoreMergeCtx *c, const char *part, char **by, char **at)
{
   *by = *at = NULL;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT user_name, at, before_json, after_json FROM history"
                                    " WHERE review_id = ? AND kind = ? AND object = ?"
                                    " ORDER BY id DESC",
                                    "itt", c->review_id, c->kind, c->object);
   if (!q)
      return st;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      int64_t version = 0;
      bool changed = rowChanges(q, c->kind, part, &version);
      if (version <= c->base_version)
         break;
      if (changed) {
         *by = StoreSql_colText(q, 0);
         *at = StoreSql_colText(q, 1);
         break;
      }
   }
   StoreSql_finalize(s, q);
   if (!*by) {
      free(*at);
      *by = xstrdup(c->fallback_by ? c->fallback_by : "?");
      *at = xstrdup(c->fallback_at ? c->fallback_at : "?");
   }
   return st;
}

StoreStatus StoreMerge_who(Store *s, const StoreMergeCtx *c, const char *part, char **by, char **at)
{
   StoreStatus st = blame(s, c, part, by, at);
   if (st != STORE_OK) {
      free(*by);
      free(*at);
      *by = *at = NULL;
   }
   return st;
}

StoreStatus StoreMerge_clash(Store *s, const StoreMergeCtx *c, StoreMerge *m, StoreClashKind kind,
                             const char *what, const char *part)
{
   char *by, *at;
   StoreStatus st = blame(s, c, part, &by, &at);
   if (st != STORE_OK) {
      free(by);
      free(at);
      return st;
   }
   m->clashes = xrealloc(m->clashes, (m->n_clashes + 1) * sizeof *m->clashes);
   m->clashes[m->n_clashes++] = (StoreClash){kind, xstrdup(what), by, at};
   return STORE_OK;
}

static bool endsWithNo(const char *id)
{
   size_t n = strlen(id);
   return n >= 3 && strcmp(id + n - 3, "_no") == 0;
}

static char *clashText(const StoreClash *c)
{
   switch (c->kind) {
   case STORE_CLASH_CHOICE:
      return xasprintf(_("choice %s: %s changed it at %s"), c->what, c->by, c->at);
   case STORE_CLASH_NONE:
      if (endsWithNo(c->what))
         return xasprintf(_("\"None of these\" (%s): %s selected a practice at %s"), c->what, c->by,
                          c->at);
      return xasprintf(_("choice %s: %s chose \"None of these\" at %s"), c->what, c->by, c->at);
   case STORE_CLASH_NA:
      if (strcmp(c->what, "not_applicable") == 0)
         return xasprintf(_("not applicable: %s answered or changed it at %s"), c->by, c->at);
      return xasprintf(_("choice %s: %s marked the question not applicable at %s"), c->what, c->by,
                       c->at);
   case STORE_CLASH_NOTES:
      return xasprintf(_("notes: %s edited the same lines at %s"), c->by, c->at);
   case STORE_CLASH_CHOICE_NOTE:
      return xasprintf(_("note of practice %s: %s changed it at %s"), c->what, c->by, c->at);
   case STORE_CLASH_NA_NOTE:
      return xasprintf(_("not-applicable reason text: %s changed it at %s"), c->by, c->at);
   case STORE_CLASH_FIELD: break;
   }
   return xasprintf(_("%s: %s set it otherwise at %s"), c->what, c->by, c->at);
}

void StoreMerge_finishMessage(StoreMerge *m)
{
   if (m->n_clashes == 0)
      return;
   size_t cap = 1;
   char *all = xstrdup("");
   for (size_t i = 0; i < m->n_clashes; i++) {
      char *one = clashText(&m->clashes[i]);
      cap += strlen(one) + 2;
      all = xrealloc(all, cap);
      if (i)
         strcat(all, "; ");
      strcat(all, one);
      free(one);
   }
   m->message = xasprintf(_("not written, changed meanwhile: %s"), all);
   free(all);
}

/* ---- the after state with the caller's extra members ---- */

char *StoreMerge_withExtra(char *after, const char *extra)
{
   if (!after || !extra)
      return after;
   json_t *o = json_loads(after, 0, NULL), *x = json_loads(extra, 0, NULL);
   char *out = NULL;
   if (json_is_object(o) && json_is_object(x) && json_object_update(o, x) == 0)
      out = json_dumps(o, JSON_COMPACT);
   json_decref(o);
   json_decref(x);
   if (!out)
      return after; /* a malformed extra only loses the mark, never the change */
   free(after);
   return out;
}

/* ---- three-way text merge ---- */

static void input(git_merge_file_input *in, const char *text, const char *label)
{
   /* Return codes: only a wrong version number fails, and ours is the header's. */
   (void)git_merge_file_input_init(in, GIT_MERGE_FILE_INPUT_VERSION);
   in->ptr = text ? text : "";
   in->size = strlen(in->ptr);
   in->path = label;
}

StoreStatus StoreMerge_text(Store *s, const char *base, const char *ours, const char *theirs,
                            const char *our_label, const char *their_label, char **out, bool *clean)
{
   *out = NULL;
   *clean = false;
   int rc = git_libgit2_init();
   if (rc < 0)
      return StoreSql_error(s, STORE_ERROR, _("cannot start libgit2 to merge notes"));
   git_merge_file_input b, o, t;
   input(&b, base, "base");
   input(&o, ours, our_label);
   input(&t, theirs, their_label);
   git_merge_file_options opts;
   StoreStatus st = STORE_OK;
   git_merge_file_result res;
   memset(&res, 0, sizeof res);
   rc = git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
   if (rc == 0) {
      opts.our_label = our_label;
      opts.their_label = their_label;
      opts.ancestor_label = "base";
      rc = git_merge_file(&res, &b, &o, &t, &opts);
   }
   if (rc < 0) {
      const git_error *e = git_error_last();
      st = StoreSql_error(s, STORE_ERROR, _("cannot merge the notes: %s"),
                          e && e->message ? e->message : "libgit2");
   } else {
      *out = xmalloc(res.len + 1);
      memcpy(*out, res.ptr ? res.ptr : "", res.len);
      (*out)[res.len] = '\0';
      *clean = res.automergeable != 0;
   }
   git_merge_file_result_free(&res);
   if (git_libgit2_shutdown() < 0 && st == STORE_OK)
      st = StoreSql_error(s, STORE_ERROR, _("cannot stop libgit2 after merging notes"));
   if (st != STORE_OK) {
      free(*out);
      *out = NULL;
   }
   return st;
}

/* ---- reverting a recorded change ---- */

/* A plan state of the history into t (strings allocated); NULL json: the
 * untracked item. */
static bool planFromJson(const char *json, const char *object, PlanTracking *t)
{
   memset(t, 0, sizeof *t);
   const char *slash = strchr(object, '/');
   if (!slash)
      return false;
   t->question_id = xstrndup(object, (size_t)(slash - object));
   t->choice_id = xstrdup(slash + 1);
   if (!json)
      return true;
   json_t *o = json_loads(json, 0, NULL);
   if (!json_is_object(o)) {
      json_decref(o);
      return false;
   }
   const char *keys[] = {"status", "owner", "due", "note"};
   char **slots[] = {&t->status, &t->owner, &t->due, &t->note};
   for (size_t i = 0; i < 4; i++) {
      const char *v = json_string_value(json_object_get(o, keys[i]));
      *slots[i] = v ? xstrdup(v) : NULL;
   }
   json_t *p = json_object_get(o, "priority");
   t->priority = json_is_integer(p) ? (int)json_integer_value(p) : 0;
   json_t *v = json_object_get(o, "version");
   t->version = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
   json_decref(o);
   return true;
}

static StoreStatus revertPlan(Store *s, int64_t review_id, const HistoryEntry *e, const char *extra,
                              const char *user, StoreMerge *out)
{
   PlanTracking before, after;
   bool ok =
      planFromJson(e->before, e->object, &before) && planFromJson(e->after, e->object, &after);
   StoreStatus st =
      ok ? Store_mergePlanTracking(s, review_id, &after, &before, user, extra, out)
         : StoreSql_error(s, STORE_INVALID, _("history id %lld is damaged"), (long long)e->id);
   PlanTracking_free(&before);
   PlanTracking_free(&after);
   return st;
}

static StoreStatus revertAnswer(Store *s, int64_t review_id, const HistoryEntry *e,
                                const char *extra, const char *user, StoreMerge *out)
{
   StoredAnswer before, after;
   StoreStatus st = StoreAnswer_fromJson(e->before, e->object, &before);
   if (st == STORE_OK)
      st = StoreAnswer_fromJson(e->after, e->object, &after);
   else
      memset(&after, 0, sizeof after);
   if (st == STORE_OK)
      st = Store_mergeAnswer(s, review_id, &after, &before, user, extra, out);
   else
      st = StoreSql_error(s, STORE_INVALID, _("history id %lld is damaged"), (long long)e->id);
   StoredAnswer_free(&before);
   StoredAnswer_free(&after);
   return st;
}

StoreStatus Store_revert(Store *s, int64_t review_id, const HistoryEntry *e, const char *mark,
                         const char *user, StoreMerge *out)
{
   memset(out, 0, sizeof *out);
   char *extra = xasprintf("{\"%s\": %lld}", mark, (long long)e->id);
   StoreStatus st;
   if (strcmp(e->kind, "answer") == 0)
      st = revertAnswer(s, review_id, e, extra, user, out);
   else if (strcmp(e->kind, "plan") == 0)
      st = revertPlan(s, review_id, e, extra, user, out);
   else
      st = StoreSql_error(s, STORE_INVALID,
                          _("history id %lld is a %s change: only answer and plan changes "
                            "can be reverted"),
                          (long long)e->id, e->kind);
   free(extra);
   return st;
}
