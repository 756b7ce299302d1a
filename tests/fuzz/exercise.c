/* exercise.c: Fuzz_exercise(), the use of a loaded lens shared by the
 * loader harnesses. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/review.h"
#include "core/xalloc.h"
#include "tests/fuzz/fuzz.h"

void Fuzz_build(LNode *root, const char *name, LensFormat format, DiagList *diags,
                const uint8_t *data, size_t size)
{
   Lens *lens = root ? LensBuild_run(root, name, format, 0, diags) : NULL;
   LNode_free(root);
   Fuzz_exercise(lens, diags, data, size);
   Lens_free(lens);
}

/* Formats every diagnostic: positions and paths reach printf here. */
static void formatDiags(const DiagList *diags)
{
   for (size_t i = 0; i < diags->count; i++)
      free(Diag_format(&diags->items[i]));
}

/* Choice ids the condition grammar can spell ([A-Za-z0-9_]+).  The loader
 * accepts other ids with a warning; a derived rule naming one is bound by
 * index and never re-parsed, and the AWS export refuses such ids. */
static bool spellable(const Question *q)
{
   for (size_t c = 0; c < q->n_choices; c++) {
      const char *id = q->choices[c].id;
      if (!id || !*id ||
          strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789_") != strlen(id))
         return false;
   }
   return true;
}

/* A rule's canonical text must parse back to the same text. */
static void checkRules(const Question *q)
{
   if (q->rules_derived && !spellable(q))
      return;
   for (size_t r = 0; r < q->n_rules; r++) {
      char *text = Cond_format(q->rules[r].expr);
      Cond *again = Cond_parse(text, NULL, NULL);
      if (!again)
         abort();
      char *text2 = Cond_format(again);
      if (strcmp(text, text2) != 0)
         abort();
      free(text2);
      Cond_free(again);
      free(text);
   }
}

/* Answers each question from the input bytes (one byte per choice, as a
 * ChoiceState), toggles a choice, then builds the matrix and the plan. */
static void answerAll(const Lens *lens, const uint8_t *data, size_t size)
{
   Review r;
   Review_init(&r, lens);
   size_t k = 0;
   for (size_t qi = 0; qi < lens->n_questions; qi++) {
      const Question *q = &lens->questions[qi];
      Answer *a = &r.answers[qi];
      for (size_t c = 0; c < q->n_choices; c++)
         a->choices[c] = size ? data[k++ % size] % 3 : CHOICE_UNSELECTED;
      if (q->n_choices)
         Answer_toggle(q, a, (size ? data[qi % size] : 0) % q->n_choices);
      (void)Question_risk(q, a);
      (void)Answer_isEmpty(q, a);
      checkRules(q);
   }
   RiskCounts counts;
   Review_counts(&r, &counts);
   Matrix m;
   Matrix_build(&r, &m);
   Matrix_free(&m);
   PlanEntry *plan = NULL;
   (void)Plan_derive(&r, &plan);
   free(plan);
   size_t *order = xcalloc(lens->n_questions + 1, sizeof *order);
   Lens_reviewOrder(lens, order);
   free(order);
   Review_free(&r);
}

void Fuzz_exercise(const Lens *lens, const DiagList *diags, const uint8_t *data, size_t size)
{
   formatDiags(diags);
   if (!lens)
      return;
   for (size_t qi = 0; qi < lens->n_questions; qi++) {
      const Question *q = &lens->questions[qi];
      size_t index;
      if (Lens_findQuestion(lens, q->id, &index) != q)
         abort(); /* ids are unique in a loaded lens */
      for (size_t c = 0; c < q->n_choices; c++)
         if (Question_findChoice(q, q->choices[c].id) != (int)c)
            abort();
   }
   answerAll(lens, data, size);
}
