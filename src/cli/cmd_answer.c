/* cmd_answer.c: walens answer — record one question's answer from a script. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"

enum { OPT_SELECT = 100, OPT_UNSELECT, OPT_NONE, OPT_NA, OPT_APPLICABLE, OPT_NOTES };

static const OptSpec answerOptions[] = {
   { "select", 0, N_("ID,..."), N_("select these choices"), OPT_SELECT },
   { "unselect", 0, N_("ID,..."), N_("unselect these choices"), OPT_UNSELECT },
   { "none", 0, NULL, N_("select \"None of these\" (clears the others)"), OPT_NONE },
   { "not-applicable", 0, N_("REASON"), N_("the question does not apply: OUT_OF_SCOPE, BUSINESS_PRIORITIES, ARCHITECTURE_CONSTRAINTS or OTHER"), OPT_NA },
   { "applicable", 0, NULL, N_("the question applies again"), OPT_APPLICABLE },
   { "notes", 0, N_("TEXT"), N_("replace the question's notes"), OPT_NOTES },
   { NULL, 0, NULL, NULL, 0 },
};

typedef struct AnswerArgs {
   const char *select, *unselect, *na_reason, *notes;
   bool none, applicable;
} AnswerArgs;

static bool answerOption(int id, const char *value, void *ctx)
{
   AnswerArgs *a = ctx;
   switch (id) {
   case OPT_SELECT: a->select = value; break;
   case OPT_UNSELECT: a->unselect = value; break;
   case OPT_NONE: a->none = true; break;
   case OPT_NA: a->na_reason = value; break;
   case OPT_APPLICABLE: a->applicable = true; break;
   case OPT_NOTES: a->notes = value; break;
   }
   return true;
}

/* "a, b" -> the valid ids of q; prints the valid ones on an unknown id. */
static void listChoices(const Question *q)
{
   Cli_fprintf(stderr, _("valid choices of %s:"), q->id);
   for (size_t i = 0; i < q->n_choices; i++)
      Cli_fprintf(stderr, " %s", q->choices[i].id);
   fputc('\n', stderr);
}

/* Applies each id of a comma-separated list; false on an unknown id. */
static bool applyList(const Question *q, Answer *a, const char *list, bool on)
{
   if (!list)
      return true;
   char *copy = xstrdup(list), *save = NULL;
   bool ok = true;
   for (char *id = strtok_r(copy, ", ", &save); id; id = strtok_r(NULL, ", ", &save)) {
      int c = Question_findChoice(q, id);
      if (c < 0) {
         Cli_error(_("question %s has no choice '%s'"), q->id, id);
         listChoices(q);
         ok = false;
         break;
      }
      Answer_select(q, a, (size_t)c, on);
   }
   free(copy);
   return ok;
}

static int noneChoice(const Question *q)
{
   for (size_t i = 0; i < q->n_choices; i++)
      if (q->choices[i].is_none)
         return (int)i;
   return -1;
}

/* The user's change applied to the current answer; false on a bad id. */
static bool applyChange(const Question *q, const AnswerArgs *args, NaReason reason, Answer *a)
{
   if (args->applicable)
      a->not_applicable = false;
   if (args->na_reason) {
      a->not_applicable = true;
      a->reason = reason;
   }
   if (!applyList(q, a, args->unselect, false) || !applyList(q, a, args->select, true))
      return false;
   if (args->none)
      Answer_select(q, a, (size_t)noneChoice(q), true);
   return true;
}

static bool validateArgs(const AnswerArgs *a, NaReason *reason)
{
   if (!a->select && !a->unselect && !a->none && !a->na_reason && !a->applicable && !a->notes) {
      Cli_error("%s", _("nothing to record: give --select, --unselect, --none, --not-applicable, --applicable or --notes"));
      return false;
   }
   if (a->na_reason && a->applicable) {
      Cli_error("%s", _("--not-applicable and --applicable exclude each other"));
      return false;
   }
   if (a->none && a->select) {
      Cli_error("%s", _("--none and --select exclude each other"));
      return false;
   }
   if (a->na_reason && (!NaReason_parse(a->na_reason, reason) || *reason == NA_NONE)) {
      Cli_error(_("unknown reason '%s' (OUT_OF_SCOPE, BUSINESS_PRIORITIES, ARCHITECTURE_CONSTRAINTS, OTHER)"),
                a->na_reason);
      return false;
   }
   return true;
}

static void listQuestions(const Lens *lens)
{
   Cli_fprintf(stderr, "%s", _("valid questions:"));
   for (size_t i = 0; i < lens->n_questions; i++)
      Cli_fprintf(stderr, " %s", lens->questions[i].id);
   fputc('\n', stderr);
}

/* Another writer may commit between our read and our write; the change is
 * a delta (select X), so it is re-applied to their version, never over it. */
#define ANSWER_RETRIES 8

static int record(CliEnv *env, Store *s, ReviewDoc *doc, size_t qi, const AnswerArgs *args,
                  NaReason reason)
{
   const Question *q = &doc->lens->questions[qi];
   Answer a = { .choices = xmalloc(q->n_choices ? q->n_choices : 1) };
   StoreStatus st = STORE_STALE;
   int rc = EXIT_FAIL;
   for (int attempt = 0; attempt < ANSWER_RETRIES && st == STORE_STALE; attempt++) {
      const Answer *cur = &doc->review.answers[qi];
      a.not_applicable = cur->not_applicable;
      a.reason = cur->reason;
      memcpy(a.choices, cur->choices, q->n_choices);
      if (!applyChange(q, args, reason, &a)) {
         free(a.choices);
         return EXIT_USAGE;
      }
      st = ReviewDoc_putAnswer(s, doc, qi, &a, args->notes, Cli_user(env));
   }
   if (st == STORE_OK) {
      Cli_printf("%s: %s\n", q->id, Risk_name(Question_risk(q, &doc->review.answers[qi])));
      rc = EXIT_OK;
   } else {
      Cli_error("%s", st == STORE_STALE ? _("the question kept changing under us; nothing was written")
                                        : Store_lastError(s));
   }
   free(a.choices);
   return rc;
}

static int answerRun(CliEnv *env, const AnswerArgs *args, const char *workload, const char *qid)
{
   NaReason reason = NA_NONE;
   if (!validateArgs(args, &reason))
      return EXIT_USAGE;
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   int rc;
   size_t qi;
   if (!Lens_findQuestion(doc.lens, qid, &qi)) {
      Cli_error(_("workload '%s' has no question '%s'"), workload, qid);
      listQuestions(doc.lens);
      rc = EXIT_USAGE;
   } else if (args->none && noneChoice(&doc.lens->questions[qi]) < 0) {
      Cli_error(_("question %s has no \"None of these\" choice"), qid);
      rc = EXIT_USAGE;
   } else {
      rc = record(env, s, &doc, qi, args, reason);
   }
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_answer(CliEnv *env, int argc, char **argv)
{
   AnswerArgs args = { 0 };
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, answerOptions, answerOption, &args, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("answer", answerOptions);
      rc = EXIT_OK;
   } else if (npos != 2) {
      Cli_error("%s", _("usage: walens answer WORKLOAD QUESTION_ID [options]"));
      rc = EXIT_USAGE;
   } else {
      rc = answerRun(env, &args, pos[0], pos[1]);
   }
   free(pos);
   return rc;
}
