/* lens_check.c: checks across the built lens: unique ids, risk conditions
 * (parsed and bound to their question's choices), derived rules and the
 * `default` rule warning. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/lens_build.h"
#include "core/xalloc.h"
#include "i18n.h"

typedef enum { ID_PHASE, ID_PILLAR, ID_QUESTION, ID_CHOICE } IdKind;

typedef struct IdRef {
   const char *id;
   const SrcPos *pos;
   size_t index; /* file order */
} IdRef;

typedef struct Dup {
   const IdRef *ref;    /* the repeated id */
   const SrcPos *first; /* where it was first defined */
} Dup;

static int ref_cmp(const void *a, const void *b)
{
   const IdRef *x = a, *y = b;
   int c = strcmp(x->id, y->id);
   if (c)
      return c;
   return x->index < y->index ? -1 : x->index > y->index;
}

static int dup_cmp(const void *a, const void *b)
{
   const Dup *x = a, *y = b;
   return x->ref->index < y->ref->index ? -1 : x->ref->index > y->ref->index;
}

/* At the repeated id, "first at" the one it repeats. */
static void report_dup(Build *b, IdKind kind, const Dup *d)
{
   char *where = Build_where(d->first);
   const char *id = d->ref->id;
   const SrcPos *pos = d->ref->pos;
   switch (kind) {
   case ID_PHASE:
      Build_diagId(b, DIAG_ERROR, pos, "id", _("duplicate phase id '%s' (first at %s)"), id, where);
      break;
   case ID_PILLAR:
      Build_diagId(b, DIAG_ERROR, pos, "id", _("duplicate pillar id '%s' (first at %s)"), id,
                   where);
      break;
   case ID_QUESTION:
      Build_diagId(b, DIAG_ERROR, pos, "id", _("duplicate question id '%s' (first at %s)"), id,
                   where);
      break;
   case ID_CHOICE:
      Build_diagId(b, DIAG_ERROR, pos, "id", _("duplicate choice id '%s' (first at %s)"), id,
                   where);
      break;
   }
   free(where);
}

/* Reports, in file order, every id that repeats an earlier one.  Sorting
 * keeps this fast on huge generated lenses.  Reorders refs[]. */
static void check_unique(Build *b, IdKind kind, IdRef *refs, size_t n)
{
   if (n < 2)
      return;
   Dup *dups = xcalloc(n, sizeof *dups);
   size_t ndup = 0;
   qsort(refs, n, sizeof *refs, ref_cmp);
   for (size_t i = 1, first = 0; i < n; i++) {
      if (strcmp(refs[i].id, refs[first].id) != 0)
         first = i;
      else
         dups[ndup++] = (Dup){&refs[i], refs[first].pos};
   }
   qsort(dups, ndup, sizeof *dups, dup_cmp);
   for (size_t k = 0; k < ndup; k++)
      report_dup(b, kind, &dups[k]);
   free(dups);
}

static void put(IdRef *refs, size_t *m, const char *id, const SrcPos *pos, size_t index)
{
   if (id) /* a missing id was reported already */
      refs[(*m)++] = (IdRef){id, pos, index};
}

/* The ids of one kind, in file order: phases, pillars, questions (across
 * the lens) or the choices of q.  Returns their count. */
static size_t collect(const Lens *l, IdKind kind, const Question *q, IdRef *refs)
{
   size_t m = 0;
   switch (kind) {
   case ID_PHASE:
      for (size_t i = 0; i < l->n_phases; i++)
         put(refs, &m, l->phases[i].id, &l->phases[i].pos, i);
      break;
   case ID_PILLAR:
      for (size_t i = 0; i < l->n_pillars; i++)
         put(refs, &m, l->pillars[i].id, &l->pillars[i].pos, i);
      break;
   case ID_QUESTION:
      for (size_t i = 0; i < l->n_questions; i++)
         put(refs, &m, l->questions[i].id, &l->questions[i].pos, i);
      break;
   case ID_CHOICE:
      for (size_t i = 0; i < q->n_choices; i++)
         put(refs, &m, q->choices[i].id, &q->choices[i].pos, i);
      break;
   }
   return m;
}

static void unique(Build *b, IdKind kind, const Question *q, size_t n)
{
   IdRef *refs = xcalloc(n ? n : 1, sizeof *refs);
   check_unique(b, kind, refs, collect(b->lens, kind, q, refs));
   free(refs);
}

/* ---- risk rules ---- */

static bool choices_complete(const Question *q)
{
   if (!q->n_choices)
      return false;
   for (size_t i = 0; i < q->n_choices; i++)
      if (!q->choices[i].id)
         return false;
   return true;
}

/* Parses and binds one rule's condition; false after reporting an error. */
static bool bind_rule(Build *b, Question *q, RiskRule *r)
{
   char *err = NULL;
   size_t at = 0;
   const char *unknown = NULL;
   Cond *c = Cond_parse(r->condition, &err, &at);
   if (!c) {
      Build_diagId(b, DIAG_ERROR, &r->pos, "condition",
                   _("condition '%s' does not parse: %s (at character %zu)"), r->condition,
                   err ? err : "?", at + 1);
      free(err);
      return false;
   }
   if (!Cond_bind(c, q, &unknown)) {
      Build_diagId(b, DIAG_ERROR, &r->pos, "condition",
                   _("condition '%s' names '%s', which is not a choice of question '%s'"),
                   r->condition, unknown ? unknown : "?", q->id);
      Cond_free(c);
      return false;
   }
   if (Cond_isDefault(c))
      q->has_default = true;
   r->expr = c;
   return true;
}

static void check_rules(Build *b, Question *q)
{
   bool ok = true;
   if (!q->id || !choices_complete(q))
      return; /* already reported; binding would only add noise */
   if (!q->rules)
      Question_deriveRules(q);
   for (size_t i = 0; i < q->n_rules && !q->rules_derived; i++) {
      RiskRule *r = &q->rules[i];
      if (!r->condition || !bind_rule(b, q, r))
         ok = false;
   }
   if (ok && q->n_rules && !q->has_default)
      Build_diagAt(b, DIAG_WARNING, &q->pos,
                   _("question '%s' has no default rule; when no rule matches its risk is "
                     "UNANSWERED"),
                   q->id);
}

void LensCheck_run(Build *b)
{
   Lens *l = b->lens;
   unique(b, ID_PHASE, NULL, l->n_phases);
   unique(b, ID_PILLAR, NULL, l->n_pillars);
   unique(b, ID_QUESTION, NULL, l->n_questions);
   for (size_t i = 0; i < l->n_questions; i++) {
      Question *q = &l->questions[i];
      unique(b, ID_CHOICE, q, q->n_choices);
      check_rules(b, q);
   }
}
