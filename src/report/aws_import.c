/* aws_import.c: what `aws wellarchitected get-answer` and `list-answers`
 * print, read into a new workload (aws.h).
 *
 * Every file is read and every id checked against the lens before the
 * database is touched; the workload is then written in one transaction
 * (Store_importReview), so a refused import leaves nothing behind. */
#include "config.h"

#include "report/aws.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/catalog.h"
#include "core/json.h"
#include "core/review.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/bundle_merge.h"
#include "report/rtext.h"
#include "store/import.h"

/* Larger files are refused before parsing. */
#define AWS_MAX_INPUT (64u * 1024u * 1024u)

/* One question's answer as AWS printed it.  A get-answer record (with
 * notes) replaces a list-answers summary of the same question. */
typedef struct Rec {
   char *question;
   char **selected;
   size_t n_selected;
   char **na_choices;
   size_t n_na;
   char **mentioned; /* every choice id the record names, whatever its status */
   size_t n_mentioned;
   char **note_choices; /* choices with notes of their own, sorted by id */
   char **choice_notes; /* aligned */
   size_t n_choice_notes;
   char *notes;   /* get-answer only */
   char *na_note; /* taken from the first line of notes (aws.h, AWS_NA_PREFIX) */
   bool applicable;
   char *reason; /* question's Reason, or NULL */
   bool full;    /* from get-answer */
   char *where;  /* "FILE: answer N", for messages */
} Rec;

typedef struct Rd {
   Rec *recs;
   size_t n, cap;
   char *lens_alias;  /* of the first document */
   char *workload_id; /* of the first document */
   Sbuf err;
   size_t problems;
} Rd;

static void problem(Rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(Rd *r, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   if (r->problems++)
      Sbuf_addc(&r->err, '\n');
   Sbuf_vprintf(&r->err, fmt, ap);
   va_end(ap);
}

static void strv_add(char ***v, size_t *n, const char *s)
{
   *v = xrealloc(*v, (*n + 1) * sizeof **v);
   (*v)[(*n)++] = xstrdup(s);
}

static void strv_free(char **v, size_t n)
{
   for (size_t i = 0; i < n; i++)
      free(v[i]);
   free(v);
}

static void rec_free(Rec *c)
{
   free(c->question);
   strv_free(c->selected, c->n_selected);
   strv_free(c->na_choices, c->n_na);
   strv_free(c->mentioned, c->n_mentioned);
   strv_free(c->note_choices, c->n_choice_notes);
   strv_free(c->choice_notes, c->n_choice_notes);
   free(c->notes);
   free(c->na_note);
   free(c->reason);
   free(c->where);
}

/* ---- one answer object ---- */

/* A string member, NULL when absent; a problem when of another type. */
static const char *optString(Rd *r, json_t *o, const char *key, const char *where)
{
   json_t *v = json_object_get(o, key);
   if (!v || json_is_null(v))
      return NULL;
   if (!json_is_string(v)) {
      problem(r, _("%s: %s is not a string"), where, key);
      return NULL;
   }
   return json_string_value(v);
}

/* A practice's note (text owned from now on), kept sorted by choice id; a
 * second one for the same practice replaces the first. */
static void putChoiceNote(Rec *c, const char *id, char *text)
{
   for (size_t k = 0; k < c->n_choice_notes; k++)
      if (strcmp(c->note_choices[k], id) == 0) {
         free(c->choice_notes[k]);
         c->choice_notes[k] = text;
         return;
      }
   size_t n = c->n_choice_notes + 1;
   c->note_choices = xrealloc(c->note_choices, n * sizeof *c->note_choices);
   c->choice_notes = xrealloc(c->choice_notes, n * sizeof *c->choice_notes);
   size_t k = c->n_choice_notes++;
   while (k > 0 && strcmp(c->note_choices[k - 1], id) > 0) {
      c->note_choices[k] = c->note_choices[k - 1];
      c->choice_notes[k] = c->choice_notes[k - 1];
      k--;
   }
   c->note_choices[k] = xstrdup(id);
   c->choice_notes[k] = text;
}

/* ChoiceAnswers / ChoiceAnswerSummaries: statuses, and the per-choice notes
 * (with the reason of a practice set aside, which walens keeps only per
 * question, written at their start). */
static void readChoices(Rd *r, json_t *arr, Rec *c)
{
   size_t i;
   json_t *ca;
   json_array_foreach(arr, i, ca)
   {
      char *where = xasprintf("%s: choice %zu", c->where, i + 1);
      const char *id = json_is_object(ca) ? optString(r, ca, "ChoiceId", where) : NULL;
      const char *st = id ? optString(r, ca, "Status", where) : NULL;
      const char *why = id ? optString(r, ca, "Reason", where) : NULL;
      const char *note = id ? optString(r, ca, "Notes", where) : NULL;
      if (id)
         strv_add(&c->mentioned, &c->n_mentioned, id);
      if (!id || !st) {
         problem(r, _("%s: a ChoiceId and a Status are needed"), where);
      } else if (strcmp(st, "NOT_APPLICABLE") == 0) {
         strv_add(&c->na_choices, &c->n_na, id);
      } else if (strcmp(st, "SELECTED") == 0) {
         bool dup = false;
         for (size_t k = 0; k < c->n_selected && !dup; k++)
            dup = strcmp(c->selected[k], id) == 0;
         if (!dup)
            strv_add(&c->selected, &c->n_selected, id);
      } else if (strcmp(st, "UNSELECTED") != 0) {
         problem(r, _("%s: unknown Status '%s'"), where, st);
      }
      if (why && !NaReason_isName(why))
         problem(r, _("%s: unknown Reason '%s'"), where, why);
      bool why_kept = why && strcmp(why, "NONE") != 0 && st && strcmp(st, "NOT_APPLICABLE") == 0;
      if (id && ((note && *note) || why_kept)) {
         Sbuf b = {0};
         if (why_kept)
            Sbuf_printf(&b, "(%s)%s", why, note && *note ? "\n" : "");
         Sbuf_add(&b, note);
         putChoiceNote(c, id, Sbuf_take(&b));
      }
      free(where);
   }
}

static void readAnswer(Rd *r, json_t *a, bool full, const char *where)
{
   if (!json_is_object(a)) {
      problem(r, _("%s: not an object"), where);
      return;
   }
   Rec c = {.where = xstrdup(where), .full = full, .applicable = true};
   const char *q = optString(r, a, "QuestionId", where);
   if (!q) {
      problem(r, _("%s: no QuestionId"), where);
      rec_free(&c);
      return;
   }
   c.question = xstrdup(q);
   json_t *sel = json_object_get(a, "SelectedChoices");
   if (sel && !json_is_array(sel))
      problem(r, _("%s: SelectedChoices is not a list"), where);
   size_t i;
   json_t *v;
   json_array_foreach(sel, i, v)
   {
      if (json_is_string(v)) {
         strv_add(&c.selected, &c.n_selected, json_string_value(v));
         strv_add(&c.mentioned, &c.n_mentioned, json_string_value(v));
      } else
         problem(r, _("%s: SelectedChoices[%zu] is not a string"), where, i);
   }
   const char *notes = optString(r, a, "Notes", where);
   c.notes = notes && *notes ? xstrdup(notes) : NULL;
   json_t *choices = json_object_get(a, full ? "ChoiceAnswers" : "ChoiceAnswerSummaries");
   if (choices && !json_is_array(choices))
      problem(r, _("%s: %s is not a list"), where,
              full ? "ChoiceAnswers" : "ChoiceAnswerSummaries");
   else if (choices)
      readChoices(r, choices, &c);
   json_t *app = json_object_get(a, "IsApplicable");
   if (app && !json_is_boolean(app))
      problem(r, _("%s: IsApplicable is not true or false"), where);
   c.applicable = !app || !json_is_false(app);
   const char *reason = optString(r, a, "Reason", where);
   if (reason && !NaReason_isName(reason))
      problem(r, _("%s: unknown Reason '%s'"), where, reason);
   c.reason = xstrdup(reason);
   if (!c.applicable) { /* the text beside the reason, as export writes it */
      char *rest = NULL;
      AwsExport_splitNaNotes(c.notes, &c.na_note, &rest);
      free(c.notes);
      c.notes = rest;
   }
   /* A practice set aside is not selected too. */
   for (size_t k = 0; k < c.n_na; k++)
      for (size_t j = 0; j < c.n_selected; j++)
         if (strcmp(c.selected[j], c.na_choices[k]) == 0) {
            free(c.selected[j]);
            c.selected[j] = c.selected[--c.n_selected];
            break;
         }
   for (size_t k = 0; k < r->n; k++)
      if (strcmp(r->recs[k].question, c.question) == 0) {
         if (r->recs[k].full && !full) { /* the summary adds nothing */
            rec_free(&c);
            return;
         }
         rec_free(&r->recs[k]);
         r->recs[k] = c;
         return;
      }
   r->recs = xgrow(r->recs, &r->cap, r->n + 1, sizeof *r->recs);
   r->recs[r->n++] = c;
}

/* ---- documents and files ---- */

static void sameSource(Rd *r, json_t *doc, const char *key, char **first, const char *where)
{
   const char *v = optString(r, doc, key, where);
   if (!v)
      return;
   if (!*first)
      *first = xstrdup(v);
   else if (strcmp(*first, v) != 0)
      problem(r,
              _("%s: %s '%s' differs from '%s' of the files before: one workload and lens "
                "at a time"),
              where, key, v, *first);
}

static void readDocument(Rd *r, json_t *doc, const char *where)
{
   if (!json_is_object(doc)) {
      problem(r, _("%s: not what get-answer or list-answers prints (an object)"), where);
      return;
   }
   const char *arn = optString(r, doc, "LensArn", where);
   sameSource(r, doc, arn ? "LensArn" : "LensAlias", &r->lens_alias, where);
   sameSource(r, doc, "WorkloadId", &r->workload_id, where);
   json_t *one = json_object_get(doc, "Answer");
   json_t *many = json_object_get(doc, "AnswerSummaries");
   if (one) {
      readAnswer(r, one, true, where);
   } else if (json_is_array(many)) {
      size_t i;
      json_t *a;
      json_array_foreach(many, i, a)
      {
         char *w = xasprintf("%s: AnswerSummaries[%zu]", where, i);
         readAnswer(r, a, false, w);
         free(w);
      }
   } else {
      problem(r, _("%s: neither an Answer (get-answer) nor AnswerSummaries (list-answers)"), where);
   }
}

/* Every JSON document in the text, one after the other (paginated output
 * concatenated). */
static void readText(Rd *r, const char *file, const char *text, size_t len)
{
   size_t off = 0, line = 0, docs = 0;
   for (;;) {
      while (off < len && strchr(" \t\r\n", text[off])) {
         if (text[off] == '\n')
            line++;
         off++;
      }
      if (off >= len)
         break;
      json_error_t e;
      json_t *doc =
         json_loadb(text + off, len - off, JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &e);
      if (!doc) {
         problem(r, "%s:%zu:%d: %s", file, line + (size_t)e.line, e.column, e.text);
         return;
      }
      char *where = docs ? xasprintf("%s (document %zu)", file, docs + 1) : xstrdup(file);
      readDocument(r, doc, where);
      free(where);
      json_decref(doc);
      for (size_t k = 0; k < (size_t)e.position; k++)
         line += text[off + k] == '\n';
      off += e.position;
      docs++;
   }
   if (!docs)
      problem(r, _("%s: empty; expected the JSON of get-answer or list-answers"), file);
}

static void readFile(Rd *r, const char *path)
{
   char *err = NULL;
   size_t len = 0;
   char *text = File_readAll(path, AWS_MAX_INPUT, &len, &err);
   if (!text) {
      problem(r, "%s", err);
      free(err);
      return;
   }
   readText(r, path, text, len);
   free(text);
}

static int cmpName(const void *a, const void *b)
{
   return strcmp(*(char *const *)a, *(char *const *)b);
}

static void readPath(Rd *r, const char *path)
{
   struct stat st;
   if (stat(path, &st) != 0) {
      problem(r, "%s: %s", path, strerror(errno));
      return;
   }
   if (!S_ISDIR(st.st_mode)) {
      readFile(r, path);
      return;
   }
   DIR *d = opendir(path);
   if (!d) {
      problem(r, "%s: %s", path, strerror(errno));
      return;
   }
   char **names = NULL;
   size_t n = 0;
   struct dirent *e;
   while ((e = readdir(d))) {
      size_t k = strlen(e->d_name);
      if (k > 5 && strcmp(e->d_name + k - 5, ".json") == 0 && e->d_name[0] != '.')
         strv_add(&names, &n, e->d_name);
   }
   closedir(d);
   qsort(names, n, sizeof *names, cmpName);
   for (size_t i = 0; i < n; i++) {
      char *p = xasprintf("%s/%s", path, names[i]);
      readFile(r, p);
      free(p);
   }
   if (!n)
      problem(r, _("%s: no .json file in this directory"), path);
   strv_free(names, n);
}

/* ---- the lens ---- */

/* The ids of the records this lens does not know, one a line ("" when it
 * knows them all; caller frees). */
static char *unknownIds(const Rd *r, const Lens *lens, size_t *count)
{
   Sbuf b = {0};
   *count = 0;
   for (size_t i = 0; i < r->n; i++) {
      const Rec *c = &r->recs[i];
      const Question *q = Lens_findQuestion(lens, c->question, NULL);
      if (!q) {
         Sbuf_printf(&b, _("\n  question %s (%s)"), c->question, c->where);
         (*count)++;
         continue;
      }
      for (size_t k = 0; k < c->n_mentioned; k++) {
         const char *id = c->mentioned[k];
         bool again = false;
         for (size_t j = 0; j < k && !again; j++)
            again = strcmp(c->mentioned[j], id) == 0;
         if (!again && Question_findChoice(q, id) < 0) {
            Sbuf_printf(&b, _("\n  choice %s of question %s (%s)"), id, c->question, c->where);
            (*count)++;
         }
      }
   }
   char *s = Sbuf_take(&b);
   return s ? s : xstrdup("");
}

typedef struct Found {
   Lens *lens;
   char *text;
   size_t len;
} Found;

static bool loadCandidate(const char *path, Found *f)
{
   DiagList d;
   DiagList_init(&d);
   if (path) {
      char *err = NULL;
      f->text = File_readAll(path, LENS_MAX_FILE_SIZE, &f->len, &err);
      free(err);
   } else {
      const char *t = Lens_defaultText(&f->len);
      f->text = xstrndup(t, f->len);
   }
   f->lens =
      f->text ? Lens_loadBuffer(path ? path : "machine-learning", f->text, f->len, &d) : NULL;
   DiagList_free(&d);
   if (!f->lens) {
      free(f->text);
      f->text = NULL;
   }
   return f->lens != NULL;
}

static void foundFree(Found *f)
{
   Lens_free(f->lens);
   free(f->text);
   *f = (Found){0};
}

/* The lens named by lens_arg, else the first lens on offer that knows every
 * id; else a problem listing the ids the closest one lacks. */
static bool findLens(Rd *r, const char *lens_arg, Found *out)
{
   Catalog cat;
   DiagList ignored;
   DiagList_init(&ignored);
   Catalog_scan(&cat, &ignored);
   DiagList_free(&ignored);
   Found best = {0};
   size_t best_unknown = (size_t)-1;
   char *best_list = NULL;
   bool ok = false;
   for (size_t i = 0; i < cat.count + 1 && !ok; i++) {
      Found f = {0};
      const char *path = NULL;
      if (lens_arg && i == 0) {
         const CatalogEntry *e = strchr(lens_arg, '/') ? NULL : Catalog_find(&cat, lens_arg);
         path = e ? e->path : lens_arg;
         if (!loadCandidate(path, &f)) {
            problem(r, _("%s: no such lens, or it does not load"), lens_arg);
            break;
         }
      } else if (lens_arg) {
         break;
      } else if (i == cat.count || cat.items[i].shadowed || !loadCandidate(cat.items[i].path, &f)) {
         continue;
      }
      size_t n = 0;
      char *list = unknownIds(r, f.lens, &n);
      if (n < best_unknown) {
         foundFree(&best);
         free(best_list);
         best = f;
         best_list = list;
         best_unknown = n;
         ok = n == 0;
      } else {
         foundFree(&f);
         free(list);
      }
   }
   Catalog_free(&cat);
   if (!ok && best.lens)
      problem(r,
              _("the answers use ids that lens '%s' does not know:%s\n"
                "Name the lens they were given on with --lens.  Answers on AWS's own lenses "
                "use ids walens cannot know offline; review with a custom lens instead "
                "(see walens(1))."),
              best.lens->key ? best.lens->key : "?", best_list);
   free(best_list);
   if (!ok)
      foundFree(&best);
   *out = best;
   return ok;
}

/* ---- writing ---- */

/* The answer a record holds, its strings borrowed from the record. */
static void recAnswer(const Rec *c, StoredAnswer *a)
{
   *a = (StoredAnswer){0};
   a->question_id = c->question;
   a->not_applicable = !c->applicable;
   a->na_reason = !c->applicable && c->reason && strcmp(c->reason, "NONE") != 0 ? c->reason : NULL;
   a->selected = c->selected;
   a->n_selected = c->n_selected;
   a->na_choices = c->na_choices;
   a->n_na_choices = c->n_na;
   a->notes = c->notes;
   a->na_note = c->na_note;
   a->note_choices = c->note_choices;
   a->choice_notes = c->choice_notes;
   a->n_choice_notes = c->n_choice_notes;
}

static bool writeReview(Store *s, Rd *r, const Found *f, const char *name_as, const char *user,
                        char **name, char **err)
{
   char *now = Store_now(s);
   char *wname =
      name_as ? xstrdup(name_as) : xasprintf("aws-%s", r->workload_id ? r->workload_id : "import");
   char *desc = xasprintf(_("Imported from the AWS Well-Architected Tool (workload %s)"),
                          r->workload_id ? r->workload_id : "?");
   Workload w = {.name = wname,
                 .description = desc,
                 .created_at = now,
                 .updated_at = now,
                 .updated_by = (char *)user};
   StoreLens sl = {.key = f->lens->key,
                   .version = f->lens->version,
                   .name = f->lens->name,
                   .sha256 = (char *)f->lens->sha256,
                   .text = f->text,
                   .text_len = f->len};
   StoredAnswer *answers = xcalloc(r->n + 1, sizeof *answers);
   size_t n = 0;
   for (size_t i = 0; i < r->n; i++) {
      Rec *c = &r->recs[i];
      if (!c->n_selected && !c->n_na && c->applicable && !c->notes && !c->n_choice_notes)
         continue; /* unanswered in AWS too */
      StoredAnswer *a = &answers[n++];
      recAnswer(c, a);
      a->version = 1;
      a->updated_at = now;
      a->updated_by = (char *)user;
   }
   StoreImport in = {.workload = &w,
                     .created_by = user,
                     .lens = &sl,
                     .answers = answers,
                     .n_answers = n,
                     .user = user};
   StoreStatus st = Store_importReview(s, &in, NULL);
   bool ok = st == STORE_OK;
   if (st == STORE_EXISTS)
      *err =
         xasprintf(_("a workload named '%s' exists already; choose another name with --as"), wname);
   else if (!ok)
      *err = xstrdup(Store_lastError(s));
   if (ok)
      *name = xstrdup(wname);
   free(answers);
   free(desc);
   free(wname);
   free(now);
   return ok;
}

static void rd_free(Rd *r)
{
   free(Sbuf_take(&r->err));
   for (size_t i = 0; i < r->n; i++)
      rec_free(&r->recs[i]);
   free(r->recs);
   free(r->lens_alias);
   free(r->workload_id);
}

/* Answers given on one of AWS's own lenses (an alias, not a custom lens's
 * ARN) use ids walens cannot know: said before any id is looked up. */
static void notAwsOwnLens(Rd *r, const char *path, bool into)
{
   const char *alias = r->lens_alias;
   if (r->problems || !alias || strncmp(alias, "arn:", 4) == 0)
      return;
   if (into)
      problem(r,
              _("%s: lens '%s' is one of AWS's own lenses; its question and choice ids are "
                "AWS's, and walens cannot know them offline.  Review with a custom lens "
                "(walens lens export)."),
              path, alias);
   else
      problem(r,
              _("%s: lens '%s' is one of AWS's own lenses; its question and choice ids are "
                "AWS's, and walens cannot know them offline.  Review with a custom lens "
                "(walens lens export), or name a walens lens with the same ids with --lens."),
              path, alias);
}

bool AwsImport_run(Store *s, const char *path, const char *lens_arg, const char *name_as,
                   const char *user, char **name, char **err)
{
   Rd r = {0};
   *name = NULL;
   readPath(&r, path);
   if (!r.problems && !r.n)
      problem(&r, _("%s: no answers in it"), path);
   if (!lens_arg)
      notAwsOwnLens(&r, path, false);
   Found f = {0};
   bool ok = !r.problems && findLens(&r, lens_arg, &f);
   if (ok)
      ok = writeReview(s, &r, &f, name_as, user, name, err);
   else
      *err = Sbuf_take(&r.err);
   foundFree(&f);
   rd_free(&r);
   return ok;
}

/* ---- merging into a workload (--into) ---- */

/* The mark of every history row a pull writes.  "aws" keeps what AWS said
 * (in the members of an answer's own state): the base of the next pull's
 * three-way merge, so that only what changed in AWS since is applied. */
static json_t *idArray(char *const *ids, size_t n)
{
   json_t *v = Json_checked(json_array());
   for (size_t i = 0; i < n; i++)
      Json_append(v, Json_string(ids[i]));
   return v;
}

static char *pullExtra(const StoredAnswer *a)
{
   json_t *aws = Json_checked(json_object());
   Json_setBool(aws, "not_applicable", a->not_applicable);
   Json_setString(aws, "na_reason", a->na_reason);
   Json_set(aws, "selected", idArray(a->selected, a->n_selected));
   Json_set(aws, "na_choices", idArray(a->na_choices, a->n_na_choices));
   Json_setString(aws, "notes", a->notes);
   if (a->na_note) /* as the history writes it: absent when none */
      Json_setString(aws, "na_note", a->na_note);
   Json_set(aws, "note_choices", idArray(a->note_choices, a->n_choice_notes));
   Json_set(aws, "choice_notes", idArray(a->choice_notes, a->n_choice_notes));
   json_t *o = Json_checked(json_object());
   Json_setBool(o, "imported", true);
   Json_setString(o, "from", "aws");
   Json_set(o, "aws", aws);
   char *text = json_dumps(o, JSON_COMPACT); /* NULL only when memory ran out */
   json_decref(o);
   return text;
}

/* What AWS said of question qid at the last pull into the review (*found
 * false: no pull yet). */
static StoreStatus lastPulled(Store *s, int64_t review_id, const char *qid, StoredAnswer *out,
                              bool *found)
{
   HistoryEntry *rows = NULL;
   size_t n = 0;
   *found = false;
   StoreStatus st = Store_history(s, review_id, qid, &rows, &n);
   for (size_t i = n; st == STORE_OK && !*found && i-- > 0;) {
      const HistoryEntry *h = &rows[i];
      if (strcmp(h->kind, "answer") != 0 || !h->object || strcmp(h->object, qid) != 0)
         continue;
      json_t *o = h->after ? json_loads(h->after, 0, NULL) : NULL;
      json_t *aws = json_object_get(o, "aws");
      char *text = json_is_object(aws) ? json_dumps(aws, JSON_COMPACT) : NULL;
      if (text) {
         *found = BundleMerge_answerFromJson(text, qid, out);
         if (*found) /* the row's version: who changed it since is the other side */
            out->version = json_integer_value(json_object_get(o, "version"));
         else
            StoredAnswer_free(out);
      }
      free(text);
      json_decref(o);
   }
   HistoryEntry_freeArray(rows, n);
   return st;
}

static StoreStatus mergeRecs(Store *s, const Workload *w, const Rd *r, BundlePrefer prefer,
                             const char *user, BundleMerge *out)
{
   StoreStatus st = Store_batchBegin(s);
   for (size_t i = 0; i < r->n && st == STORE_OK; i++) {
      StoredAnswer theirs, base;
      bool have_base = false, wrote = false;
      recAnswer(&r->recs[i], &theirs);
      st = lastPulled(s, w->review_id, theirs.question_id, &base, &have_base);
      if (!r->recs[i].full && have_base) {
         /* list-answers prints no notes: theirs are what AWS had last time */
         theirs.notes = base.notes;
         theirs.note_choices = base.note_choices;
         theirs.choice_notes = base.choice_notes;
         theirs.n_choice_notes = base.n_choice_notes;
      }
      char *extra = st == STORE_OK ? pullExtra(&theirs) : NULL;
      if (st == STORE_OK && !extra)
         st = STORE_ERROR;
      if (st == STORE_OK)
         st = BundleMerge_answer(s, w->review_id, have_base ? &base : NULL, &theirs, prefer, user,
                                 extra, out, &wrote);
      out->answers += st == STORE_OK && wrote;
      if (have_base)
         StoredAnswer_free(&base);
      free(extra);
   }
   if (st == STORE_OK && out->n_clashes && prefer == BUNDLE_PREFER_NONE)
      st = STORE_CONFLICT; /* nothing lands while a clash waits for a decision */
   StoreStatus end = Store_batchEnd(s, st);
   if (st == STORE_OK)
      st = end;
   if (st != STORE_OK)
      out->answers = 0;
   else if (!out->answers && !out->n_clashes)
      out->nothing = true;
   return st;
}

StoreStatus AwsImport_into(Store *s, const char *path, const char *workload, BundlePrefer prefer,
                           const char *user, BundleMerge *out, char **err)
{
   Rd r = {0};
   Workload w;
   memset(out, 0, sizeof *out);
   out->prefer = prefer;
   StoreStatus st = Store_findWorkload(s, workload, &w);
   if (st == STORE_NOT_FOUND) {
      *err = xasprintf(_("no workload named '%s'"), workload);
      return st;
   }
   if (st != STORE_OK) {
      *err = xstrdup(Store_lastError(s));
      return st;
   }
   readPath(&r, path);
   if (!r.problems && !r.n)
      problem(&r, _("%s: no answers in it"), path);
   notAwsOwnLens(&r, path, true);
   StoreLens sl = {0};
   if (!r.problems && (st = Store_getLens(s, w.lens_id, &sl)) != STORE_OK)
      problem(&r, "%s", Store_lastError(s));
   DiagList d;
   DiagList_init(&d);
   Lens *lens = sl.text ? Lens_loadStored(sl.key, sl.text, sl.text_len, &d) : NULL;
   DiagList_free(&d);
   if (sl.text && !lens)
      problem(&r, _("the lens of '%s' does not load"), w.name);
   size_t unknown = 0;
   char *list = lens ? unknownIds(&r, lens, &unknown) : NULL;
   if (unknown)
      problem(&r,
              _("the answers use ids that lens '%s' of '%s' does not know:%s\n"
                "They were given on another lens: import them as a new workload (without "
                "--into), which finds the lens that knows them."),
              sl.key ? sl.key : "?", w.name, list);
   free(list);
   if (r.problems) {
      *err = Sbuf_take(&r.err);
      st = STORE_INVALID;
   } else {
      st = mergeRecs(s, &w, &r, prefer, user, out);
      if (st != STORE_OK && st != STORE_CONFLICT)
         *err = xstrdup(Store_lastError(s));
   }
   Lens_free(lens);
   StoreLens_free(&sl);
   Workload_free(&w);
   rd_free(&r);
   return st;
}
