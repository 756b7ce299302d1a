/* lensdiff.c: question-by-question differences between two lens versions. */
#include "config.h"

#include "core/lensdiff.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/xalloc.h"

static bool sameStr(const char *a, const char *b)
{
   return a == b || (a && b && strcmp(a, b) == 0);
}

static bool sameChoices(const Question *a, const Question *b)
{
   if (a->n_choices != b->n_choices)
      return false;
   for (size_t i = 0; i < a->n_choices; i++)
      if (!sameStr(a->choices[i].id, b->choices[i].id) ||
          !sameStr(a->choices[i].title, b->choices[i].title))
         return false;
   return true;
}

/* Rules compare by meaning as far as the canonical text goes: the same
 * conditions (Cond_format) with the same risks, in the same order. */
static bool sameRule(const RiskRule *a, const RiskRule *b)
{
   if (a->risk != b->risk)
      return false;
   if (!a->expr || !b->expr)
      return sameStr(a->condition, b->condition);
   char *x = Cond_format(a->expr), *y = Cond_format(b->expr);
   bool same = sameStr(x, y);
   free(x);
   free(y);
   return same;
}

static bool sameRules(const Question *a, const Question *b)
{
   if (a->n_rules != b->n_rules)
      return false;
   for (size_t i = 0; i < a->n_rules; i++)
      if (!sameRule(&a->rules[i], &b->rules[i]))
         return false;
   return true;
}

/* Ids of a's choices that b lacks. */
static const char **missingChoices(const Question *a, const Question *b, size_t *n)
{
   const char **ids = NULL;
   *n = 0;
   for (size_t i = 0; i < a->n_choices; i++)
      if (Question_findChoice(b, a->choices[i].id) < 0) {
         ids = xrealloc(ids, (*n + 1) * sizeof *ids);
         ids[(*n)++] = a->choices[i].id;
      }
   return ids;
}

static void compare(const Question *from, const Question *to, LensQuestionDiff *d)
{
   if (!sameStr(from->title, to->title))
      d->changes |= LENSDIFF_TITLE;
   if (!sameChoices(from, to))
      d->changes |= LENSDIFF_CHOICES;
   if (!sameRules(from, to))
      d->changes |= LENSDIFF_RULES;
   d->removed_choices = missingChoices(from, to, &d->n_removed_choices);
   d->added_choices = missingChoices(to, from, &d->n_added_choices);
}

void LensDiff_build(const Lens *from, const Lens *to, LensDiff *out)
{
   memset(out, 0, sizeof *out);
   out->questions = xcalloc(to->n_questions + from->n_questions + 1, sizeof *out->questions);
   for (size_t i = 0; i < to->n_questions; i++) {
      const Question *q = &to->questions[i];
      LensQuestionDiff *d = &out->questions[out->n++];
      size_t fi;
      d->id = q->id;
      d->to = i;
      if (!Lens_findQuestion(from, q->id, &fi)) {
         d->from = LENSDIFF_NONE;
         d->changes = LENSDIFF_ADDED;
         out->n_added++;
         continue;
      }
      d->from = fi;
      compare(&from->questions[fi], q, d);
      if (d->changes)
         out->n_changed++;
   }
   for (size_t i = 0; i < from->n_questions; i++) {
      if (Lens_findQuestion(to, from->questions[i].id, NULL))
         continue;
      LensQuestionDiff *d = &out->questions[out->n++];
      d->id = from->questions[i].id;
      d->from = i;
      d->to = LENSDIFF_NONE;
      d->changes = LENSDIFF_REMOVED;
      out->n_removed++;
   }
}

void LensDiff_free(LensDiff *d)
{
   if (!d)
      return;
   for (size_t i = 0; i < d->n; i++) {
      free(d->questions[i].removed_choices);
      free(d->questions[i].added_choices);
   }
   free(d->questions);
   memset(d, 0, sizeof *d);
}

const LensQuestionDiff *LensDiff_find(const LensDiff *d, const char *id)
{
   for (size_t i = 0; id && i < d->n; i++)
      if (strcmp(d->questions[i].id, id) == 0)
         return &d->questions[i];
   return NULL;
}

size_t Answer_carry(const Question *from, const Answer *a, const Question *to, Answer *out)
{
   size_t dropped = 0;
   memset(out->choices, CHOICE_UNSELECTED, to->n_choices);
   out->not_applicable = a->not_applicable;
   out->reason = a->reason;
   for (size_t i = 0; i < from->n_choices; i++) {
      if (a->choices[i] == CHOICE_UNSELECTED)
         continue;
      int c = Question_findChoice(to, from->choices[i].id);
      if (c < 0)
         dropped++;
      else
         out->choices[c] = a->choices[i];
   }
   return dropped;
}

/* Compares two runs of digits as numbers (leading zeros ignored). */
static int cmpNumber(const char **pa, const char **pb)
{
   const char *a = *pa, *b = *pb;
   while (*a == '0')
      a++;
   while (*b == '0')
      b++;
   size_t la = 0, lb = 0;
   while (isdigit((unsigned char)a[la]))
      la++;
   while (isdigit((unsigned char)b[lb]))
      lb++;
   int c = la != lb ? (la > lb ? 1 : -1) : strncmp(a, b, la);
   *pa = a + la;
   *pb = b + lb;
   return c;
}

int Version_compare(const char *a, const char *b)
{
   if (!a || !b)
      return (a != NULL) - (b != NULL);
   while (*a || *b) {
      if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
         int c = cmpNumber(&a, &b);
         if (c)
            return c > 0 ? 1 : -1;
         continue;
      }
      if (*a != *b)
         return (unsigned char)*a > (unsigned char)*b ? 1 : -1;
      a++;
      b++;
   }
   return 0;
}
