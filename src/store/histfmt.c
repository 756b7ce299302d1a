/* histfmt.c: a history entry's before/after JSON as a short readable change.
 *
 * The JSON forms are the ones the store writes: store_answer.c (answers),
 * store_plan.c (tracking), store_workload.c (workloads), store_milestone.c
 * and store_upgrade.c (milestones, upgrade rewrites, re-review marks). */
#include "config.h"

#include "store/histfmt.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/review.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "i18n.h"

/* Parts joined by "; ". */
typedef struct Parts {
   char *text;
} Parts;

static void add(Parts *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(Parts *p, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   char buf[1024];
   vsnprintf(buf, sizeof buf, fmt, ap);
   va_end(ap);
   char *joined = p->text ? xasprintf("%s; %s", p->text, buf) : xstrdup(buf);
   free(p->text);
   p->text = joined;
}

static const char *getStr(json_t *o, const char *key)
{
   return json_string_value(json_object_get(o, key));
}

static bool inArray(json_t *arr, const char *id)
{
   size_t i;
   json_t *v;
   json_array_foreach(arr, i, v)
   {
      if (Str_eq(json_string_value(v), id))
         return true;
   }
   return false;
}

/* "A, B" of the strings in a that are not in b (or NULL when none). */
static char *missing(json_t *a, json_t *b)
{
   char *out = NULL;
   size_t i;
   json_t *v;
   json_array_foreach(a, i, v)
   {
      const char *id = json_string_value(v);
      if (!id || inArray(b, id))
         continue;
      char *next = out ? xasprintf("%s, %s", out, id) : xstrdup(id);
      free(out);
      out = next;
   }
   return out;
}

static void choiceChanges(Parts *p, json_t *b, json_t *a, bool upgrade)
{
   json_t *bs = json_object_get(b, "selected"), *as = json_object_get(a, "selected");
   json_t *bn = json_object_get(b, "na_choices"), *an = json_object_get(a, "na_choices");
   char *sel = missing(as, bs), *unsel = missing(bs, as);
   char *na = missing(an, bn), *unna = missing(bn, an);
   if (sel)
      add(p, _("selected %s"), sel);
   if (unsel)
      add(p, upgrade ? _("dropped %s (no longer in the lens)") : _("unselected %s"), unsel);
   if (na)
      add(p, _("marked %s not applicable"), na);
   if (unna)
      add(p, upgrade ? _("dropped %s (no longer in the lens)") : _("%s applicable again"), unna);
   free(sel);
   free(unsel);
   free(na);
   free(unna);
}

static void notesChange(Parts *p, const char *before, const char *after)
{
   bool had = before && *before, has = after && *after;
   if (!had && has)
      add(p, "%s", _("notes added"));
   else if (had && !has)
      add(p, "%s", _("notes cleared"));
   else if (had && has && strcmp(before, after) != 0)
      add(p, "%s", _("notes changed"));
}

/* The note of choice id in an answer's JSON (note_choices/choice_notes). */
static const char *choiceNote(json_t *o, const char *id)
{
   json_t *ids = json_object_get(o, "note_choices"), *notes = json_object_get(o, "choice_notes");
   size_t i;
   json_t *v;
   json_array_foreach(ids, i, v) if (Str_eq(json_string_value(v), id)) return json_string_value(
      json_array_get(notes, i));
   return NULL;
}

/* "notes of Q1_b added" for each practice whose notes changed. */
static void choiceNotesChanges(Parts *p, json_t *b, json_t *a)
{
   json_t *lists[2] = {json_object_get(b, "note_choices"), json_object_get(a, "note_choices")};
   for (int k = 0; k < 2; k++) {
      size_t i;
      json_t *v;
      json_array_foreach(lists[k], i, v)
      {
         const char *id = json_string_value(v);
         if (!id || (k == 1 && choiceNote(b, id)))
            continue; /* seen in the first pass */
         const char *before = choiceNote(b, id), *after = choiceNote(a, id);
         if (!before && after)
            add(p, _("notes of %s added"), id);
         else if (before && !after)
            add(p, _("notes of %s cleared"), id);
         else if (before && after && strcmp(before, after) != 0)
            add(p, _("notes of %s changed"), id);
      }
   }
}

/* An N/A reason as people read it ("out of scope"), not its stored token. */
static const char *naWord(const char *name)
{
   NaReason r = NA_NONE;
   if (!name || !NaReason_parse(name, &r))
      r = NA_NONE;
   return NaReason_label(r);
}

/* The text beside the reason, whole: one short line (NaNote_problem). */
static void naNoteChange(Parts *p, const char *before, const char *after)
{
   if (Str_eq(before, after))
      return;
   if (after)
      add(p, _("reason text \"%s\""), after);
   else
      add(p, "%s", _("reason text removed"));
}

static void describeAnswer(Parts *p, json_t *b, json_t *a)
{
   if (json_is_true(json_object_get(a, "deleted"))) {
      add(p, "%s", _("answer removed by lens upgrade (question no longer in the lens)"));
      return;
   }
   json_t *mark = json_object_get(a, "needs_review");
   if (mark) {
      add(p, "%s",
          json_is_true(mark) ? _("marked for re-review after lens upgrade")
                             : _("re-review confirmed"));
      return;
   }
   bool upgrade = Str_eq(getStr(a, "reason"), "lens_upgrade");
   bool bna = json_is_true(json_object_get(b, "not_applicable"));
   bool ana = json_is_true(json_object_get(a, "not_applicable"));
   if (ana && !bna)
      add(p, _("question marked not applicable (%s)"), naWord(getStr(a, "na_reason")));
   else if (bna && !ana)
      add(p, "%s", _("question applicable again"));
   else if (ana && !Str_eq(getStr(a, "na_reason"), getStr(b, "na_reason")))
      add(p, _("reason %s"), naWord(getStr(a, "na_reason")));
   naNoteChange(p, ana ? getStr(b, "na_note") : NULL, ana ? getStr(a, "na_note") : NULL);
   choiceChanges(p, b, a, upgrade);
   notesChange(p, getStr(b, "notes"), getStr(a, "notes"));
   choiceNotesChanges(p, b, a);
   if (getStr(a, "template"))
      add(p, _("from template %s"), getStr(a, "template"));
}

static void textField(Parts *p, const char *label, const char *before, const char *after)
{
   if (Str_eq(before, after))
      return;
   if (!before)
      add(p, "%s %s", label, after);
   else if (!after)
      add(p, _("%s cleared"), label);
   else
      add(p, "%s %s -> %s", label, before, after);
}

/* A stored status as shown; a word this version does not know as it is. */
static const char *statusLabel(const char *name)
{
   PlanStatus st;
   if (!name)
      return "?";
   return PlanStatus_parse(name, &st) ? PlanStatus_label(st) : name;
}

static void describePlan(Parts *p, json_t *b, json_t *a)
{
   const char *bs = b ? getStr(b, "status") : "open", *as = getStr(a, "status");
   if (!Str_eq(bs, as))
      add(p, _("status %s -> %s"), statusLabel(bs), statusLabel(as));
   textField(p, _("owner"), getStr(b, "owner"), getStr(a, "owner"));
   textField(p, _("due"), getStr(b, "due"), getStr(a, "due"));
   json_int_t bp = json_integer_value(json_object_get(b, "priority"));
   json_int_t ap = json_integer_value(json_object_get(a, "priority"));
   if (bp != ap) {
      if (bp == 0)
         add(p, _("priority %lld"), (long long)ap);
      else if (ap == 0)
         add(p, "%s", _("priority cleared"));
      else
         add(p, _("priority %lld -> %lld"), (long long)bp, (long long)ap);
   }
   textField(p, _("impact"), getStr(b, "impact"), getStr(a, "impact"));
   textField(p, _("effort"), getStr(b, "effort"), getStr(a, "effort"));
   const char *bn = getStr(b, "note"), *an = getStr(a, "note");
   if (!Str_eq(bn, an))
      add(p, "%s", !bn ? _("note added") : !an ? _("note cleared") : _("note changed"));
}

/* A profile's context answers (store_profile.c): "profile context:
 * data=data_personal, people=people_informs" (sorted by question). */
static void describeContext(Parts *p, json_t *ctx)
{
   const char *q;
   json_t *v;
   if (json_object_size(ctx) == 0) {
      add(p, "%s", _("profile set, no context question answered"));
      return;
   }
   json_object_foreach(ctx, q, v)
   {
      add(p, _("profile context %s=%s"), q, json_is_string(v) ? json_string_value(v) : "?");
   }
}

static void describeWorkload(Parts *p, json_t *b, json_t *a)
{
   json_t *ctx = json_object_get(a, "context");
   if (json_is_object(ctx)) {
      describeContext(p, ctx);
      return;
   }
   if (!b) {
      add(p, "%s", _("created"));
      return;
   }
   if (json_object_get(a, "lens_id")) {
      const char *bv = getStr(b, "lens_version"), *av = getStr(a, "lens_version");
      add(p, _("lens %s %s -> %s"), getStr(a, "lens_key") ? getStr(a, "lens_key") : "?",
          bv ? bv : "-", av ? av : "-");
      if (getStr(a, "milestone"))
         add(p, _("milestone %s saved before"), getStr(a, "milestone"));
      return;
   }
   if (getStr(a, "name"))
      add(p, _("renamed from %s to %s"), getStr(b, "name") ? getStr(b, "name") : "?",
          getStr(a, "name"));
   json_t *arch = json_object_get(a, "archived");
   if (arch)
      add(p, "%s", json_is_true(arch) ? _("archived") : _("restored from the archive"));
}

/* What a merged write that undoes, reverts or restores says it is: the
 * member store_merge.c and reviewdoc.c add to the after state. */
static void marks(Parts *p, json_t *a)
{
   json_t *v;
   if ((v = json_object_get(a, "undo_of")) && json_is_integer(v))
      add(p, _("undo of change %lld"), (long long)json_integer_value(v));
   if ((v = json_object_get(a, "revert_of")) && json_is_integer(v))
      add(p, _("revert of change %lld"), (long long)json_integer_value(v));
   if ((v = json_object_get(a, "restore_of")) && json_is_integer(v))
      add(p, _("notes as after change %lld"), (long long)json_integer_value(v));
}

char *HistoryEntry_describe(const HistoryEntry *e)
{
   json_t *b = e->before ? json_loads(e->before, 0, NULL) : NULL;
   json_t *a = e->after ? json_loads(e->after, 0, NULL) : NULL;
   Parts p = {NULL};
   bool readable = (!e->before || json_is_object(b)) && (!e->after || json_is_object(a));
   const char *kind = e->kind ? e->kind : "";
   if (readable && strcmp(kind, "answer") == 0 && a) {
      describeAnswer(&p, b, a);
      /* A poll's acceptance (store/workshop.h) says so, with its count. */
      json_t *poll = json_object_get(a, "poll");
      if (json_is_object(poll))
         add(&p, _("from a poll of %lld ballots"),
             (long long)json_integer_value(json_object_get(poll, "ballots")));
   } else if (readable && strcmp(kind, "plan") == 0 && a)
      describePlan(&p, b, a);
   else if (readable && strcmp(kind, "workload") == 0 && a)
      describeWorkload(&p, b, a);
   else if (readable && strcmp(kind, "milestone") == 0)
      add(&p, "%s", _("milestone saved"));
   if (readable && a)
      marks(&p, a);
   json_decref(b);
   json_decref(a);
   if (!p.text)
      p.text = xstrdup(readable && a && (!strcmp(kind, "answer") || !strcmp(kind, "plan"))
                          ? _("saved again, no change")
                          : _("changed"));
   return p.text;
}

bool HistoryEntry_notes(const HistoryEntry *e, char **before, char **after)
{
   *before = *after = NULL;
   if (!e->kind || strcmp(e->kind, "answer") != 0 || !e->after)
      return false;
   json_t *b = e->before ? json_loads(e->before, 0, NULL) : NULL;
   json_t *a = json_loads(e->after, 0, NULL);
   bool changed = false;
   /* Re-review marks and upgrade rewrites carry no notes: not a change. */
   if (json_is_object(a) && (!e->before || json_is_object(b)) &&
       !json_object_get(a, "needs_review") && !json_is_true(json_object_get(a, "deleted"))) {
      const char *bn = getStr(b, "notes"), *an = getStr(a, "notes");
      changed = !Str_eqText(bn, an);
      if (changed) {
         *before = bn && *bn ? xstrdup(bn) : NULL;
         *after = an && *an ? xstrdup(an) : NULL;
      }
   }
   json_decref(b);
   json_decref(a);
   return changed;
}
