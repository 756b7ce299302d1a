/* cmd_answer.c: walens answer — record one question's answer from a script. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"

enum {
   OPT_SELECT = 100,
   OPT_UNSELECT,
   OPT_NONE,
   OPT_NA,
   OPT_APPLICABLE,
   OPT_NOTES,
   OPT_CHOICE_NOTES,
   OPT_BASE,
   OPT_NA_CHOICE,
   OPT_APPLICABLE_CHOICE,
   OPT_REASON_TEXT
};

static const OptSpec answerOptions[] = {
   {"select", 0, N_("ID,..."), N_("select these choices"), OPT_SELECT},
   {"unselect", 0, N_("ID,..."), N_("unselect these choices"), OPT_UNSELECT},
   {"none", 0, NULL, N_("select \"None of these\" (clears the others)"), OPT_NONE},
   {"not-applicable", 0, N_("REASON"),
    N_("the question does not apply: OUT_OF_SCOPE, BUSINESS_PRIORITIES, ARCHITECTURE_CONSTRAINTS "
       "or OTHER"),
    OPT_NA},
   {"applicable", 0, NULL, N_("the question applies again"), OPT_APPLICABLE},
   {"notes", 0, N_("TEXT"), N_("replace the question's notes"), OPT_NOTES},
   {"choice-notes", 0, N_("ID"),
    N_("replace the notes (evidence) of practice ID with the argument TEXT after the question "
       "id (\"\" removes them)"),
    OPT_CHOICE_NOTES},
   {"base-version", 0, N_("N"),
    N_("the answer version the change was made against: what others changed since is kept, a clash "
       "is not written"),
    OPT_BASE},
   {"na-choice", 0, N_("ID,..."),
    N_("mark these practices not applicable (the TUI's x); a selected one is unselected"),
    OPT_NA_CHOICE},
   {"applicable-choice", 0, N_("ID,..."), N_("these practices apply again (unselected)"),
    OPT_APPLICABLE_CHOICE},
   {"reason", 0, N_("TEXT"),
    N_("a short text beside the not-applicable reason: one line, at most 250 characters (\"\" "
       "removes it)"),
    OPT_REASON_TEXT},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct AnswerArgs {
   const char *na_choice, *applicable_choice; /* comma-separated practice ids */
   const char *select, *unselect, *na_reason, *notes, *base;
   const char *choice, *choice_notes; /* --choice-notes ID, and its TEXT */
   const char *reason_text;           /* --reason TEXT, or NULL */
   bool none, applicable;
   char *joined[4]; /* lists given more than once, joined (owned) */
} AnswerArgs;

/* A list option given again adds to the list: "--select A --select B" is
 * "--select A,B" (it used to keep B alone, silently). */
static const char *addToList(char **joined, const char *have, const char *value)
{
   if (!have)
      return value;
   char *both = xasprintf("%s,%s", have, value);
   free(*joined);
   *joined = both;
   return both;
}

static bool answerOption(int id, const char *value, void *ctx)
{
   AnswerArgs *a = ctx;
   switch (id) {
   case OPT_SELECT: a->select = addToList(&a->joined[0], a->select, value); break;
   case OPT_UNSELECT: a->unselect = addToList(&a->joined[1], a->unselect, value); break;
   case OPT_NONE: a->none = true; break;
   case OPT_NA: a->na_reason = value; break;
   case OPT_APPLICABLE: a->applicable = true; break;
   case OPT_NOTES: a->notes = value; break;
   case OPT_CHOICE_NOTES: a->choice = value; break;
   case OPT_BASE: a->base = value; break;
   case OPT_NA_CHOICE: a->na_choice = addToList(&a->joined[2], a->na_choice, value); break;
   case OPT_APPLICABLE_CHOICE:
      a->applicable_choice = addToList(&a->joined[3], a->applicable_choice, value);
      break;
   case OPT_REASON_TEXT: a->reason_text = value; break;
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

/* The ids of a comma-separated list, checked against q: NULL (with the
 * error said) on an empty list or an unknown id.  The ids point into
 * *copy; caller frees both. */
static char **splitIds(const Question *q, const char *list, const char *option, size_t *n,
                       char **copy)
{
   char *save = NULL;
   char **ids = xcalloc(strlen(list) + 1, sizeof *ids);
   bool bad = false;

   *copy = xstrdup(list);
   *n = 0;
   for (char *id = strtok_r(*copy, ", ", &save); id && !bad; id = strtok_r(NULL, ", ", &save)) {
      if (Question_findChoice(q, id) < 0) {
         Cli_error(_("question %s has no choice '%s'"), q->id, id);
         listChoices(q);
         bad = true;
      }
      ids[(*n)++] = id;
   }
   if (!bad && *n == 0) {
      Cli_error(_("%s needs at least one choice id"), option);
      bad = true;
   }
   if (bad) {
      free(ids);
      free(*copy);
      *copy = NULL;
      return NULL;
   }
   return ids;
}

static bool listed(char *const *ids, size_t n, const char *id)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(ids[i], id) == 0)
         return true;
   return false;
}

/* --na-choice / --applicable-choice: known ids, never "None of these"
 * (the TUI's x refuses it too). */
static bool checkNaList(const Question *q, const char *list, const char *option)
{
   if (!list)
      return true;
   size_t n = 0;
   char *copy = NULL;
   char **ids = splitIds(q, list, option, &n, &copy);
   bool ok = ids != NULL;
   for (size_t i = 0; ok && i < n; i++)
      if (q->choices[Question_findChoice(q, ids[i])].is_none) {
         Cli_error(_("'%s' (None of these) cannot be marked not applicable"), ids[i]);
         ok = false;
      }
   free(ids);
   free(copy);
   return ok;
}

/* Sets each listed practice to state (CHOICE_NA or CHOICE_UNSELECTED);
 * the ids are checked already. */
static void markList(const Question *q, Answer *a, const char *list, unsigned char state)
{
   if (!list)
      return;
   char *copy = xstrdup(list), *save = NULL;
   for (char *id = strtok_r(copy, ", ", &save); id; id = strtok_r(NULL, ", ", &save)) {
      int c = Question_findChoice(q, id);
      if (c >= 0 && (state == CHOICE_NA || a->choices[c] == CHOICE_NA))
         a->choices[c] = state;
   }
   free(copy);
}

/* What the user cannot mean, refused before anything is applied: an empty
 * list, a choice both selected and unselected, "None of these" selected
 * with other choices (each would undo the other, and which wins would
 * depend on the order). */
static bool checkLists(const Question *q, const AnswerArgs *args)
{
   size_t ns = 0, nu = 0;
   char *cs = NULL, *cu = NULL;
   char **sel = NULL, **unsel = NULL;
   bool ok = true;

   if (args->select && !(sel = splitIds(q, args->select, "--select", &ns, &cs)))
      ok = false;
   if (ok && args->unselect && !(unsel = splitIds(q, args->unselect, "--unselect", &nu, &cu)))
      ok = false;
   if (ok && !checkNaList(q, args->na_choice, "--na-choice"))
      ok = false;
   if (ok && !checkNaList(q, args->applicable_choice, "--applicable-choice"))
      ok = false;
   for (size_t i = 0; ok && i < ns; i++) {
      if (listed(unsel, nu, sel[i])) {
         Cli_error(_("choice '%s' is both in --select and in --unselect"), sel[i]);
         ok = false;
      }
   }
   for (size_t i = 0; ok && i < ns; i++) {
      int c = Question_findChoice(q, sel[i]);
      if (q->choices[c].is_none)
         for (size_t j = 0; ok && j < ns; j++)
            if (strcmp(sel[j], sel[i]) != 0) {
               Cli_error(_("'%s' (None of these) cannot be selected with '%s'"), sel[i], sel[j]);
               ok = false;
            }
   }
   free(sel);
   free(unsel);
   free(cs);
   free(cu);
   return ok;
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
   markList(q, a, args->applicable_choice, CHOICE_UNSELECTED);
   if (!applyList(q, a, args->unselect, false) || !applyList(q, a, args->select, true))
      return false;
   markList(q, a, args->na_choice, CHOICE_NA);
   if (args->none)
      Answer_select(q, a, (size_t)noneChoice(q), true);
   return true;
}

/* --reason TEXT: checked before anything is opened, so a bad text writes
 * nothing; "" (remove the text) needs no check. */
static bool checkReasonText(const char *text)
{
   char *why = text && *text ? NaNote_problem(text) : NULL;
   if (why)
      Cli_error(_("--reason: %s"), why);
   free(why);
   return !why;
}

static bool validateArgs(const AnswerArgs *a, NaReason *reason)
{
   if (!a->select && !a->unselect && !a->none && !a->na_reason && !a->applicable && !a->notes &&
       !a->choice && !a->na_choice && !a->applicable_choice && !a->reason_text) {
      Cli_error("%s", _("nothing to record: give --select, --unselect, --none, --not-applicable, "
                        "--reason, --applicable, --na-choice, --applicable-choice or --notes"));
      return false;
   }
   if (a->reason_text && a->applicable) {
      Cli_error("%s", _("--reason and --applicable exclude each other"));
      return false;
   }
   if (!checkReasonText(a->reason_text))
      return false;
   if (a->na_reason && a->applicable) {
      Cli_error("%s", _("--not-applicable and --applicable exclude each other"));
      return false;
   }
   if (a->none && a->select) {
      Cli_error("%s", _("--none and --select exclude each other"));
      return false;
   }
   if (a->na_reason && (!NaReason_parse(a->na_reason, reason) || *reason == NA_NONE)) {
      Cli_error(_("unknown reason '%s' (OUT_OF_SCOPE, BUSINESS_PRIORITIES, "
                  "ARCHITECTURE_CONSTRAINTS, OTHER)"),
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

/* The answer the change is made against: the one just read, or the
 * version --base-version names, from the history. */
static bool baseAnswer(Store *s, ReviewDoc *doc, size_t qi, const AnswerArgs *args,
                       StoredAnswer *saved)
{
   char *end = NULL;
   long long v = args->base ? strtoll(args->base, &end, 10) : 0;
   if (!args->base)
      return true;
   if (!*args->base || *end || v < 0) {
      Cli_error(_("--base-version needs a version number, not '%s'"), args->base);
      return false;
   }
   StoredAnswer at;
   StoreStatus st = Store_answerAt(s, doc->workload.review_id, doc->lens->questions[qi].id, v, &at);
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      StoredAnswer_free(&at);
      return false;
   }
   /* The doc's copy stands for what the writer saw; the current one is
    * kept to put back, so that the doc is whole for the caller. */
   *saved = doc->stored[qi];
   doc->stored[qi] = at;
   return true;
}

/* How often --notes is written again over notes that changed between our
 * read and our write. */
#define ANSWER_RETRIES 8

/* A reason text stands only beside a not-applicable mark. */
static bool reasonFits(const Question *q, const AnswerArgs *args, const Answer *a)
{
   if (!args->reason_text || a->not_applicable)
      return true;
   Cli_error(_("question %s is not marked not applicable: give --not-applicable REASON with "
               "--reason"),
             q->id);
   return false;
}

/* The change is an intent (select X, notes from the text read) merged into
 * the answer as it is at the write: others' changes to other parts stay;
 * a part someone changed the other way is not written, and said. */
static int record(CliEnv *env, Store *s, ReviewDoc *doc, size_t qi, const AnswerArgs *args,
                  NaReason reason)
{
   const Question *q = &doc->lens->questions[qi];
   Answer a = {.choices = xmalloc(q->n_choices ? q->n_choices : 1)};
   StoredAnswer saved = {0};
   if (!baseAnswer(s, doc, qi, args, &saved)) {
      free(a.choices);
      return EXIT_USAGE;
   }
   bool swapped = saved.question_id != NULL;
   ReviewDoc_answerFromStored(q, &doc->stored[qi], &a);
   if (!applyChange(q, args, reason, &a) || !reasonFits(q, args, &a)) {
      free(a.choices);
      if (swapped) {
         StoredAnswer_free(&doc->stored[qi]);
         doc->stored[qi] = saved;
      }
      return EXIT_USAGE;
   }
   StoreMerge m;
   StoreStatus st = ReviewDoc_mergeAnswerNa(s, doc, qi, &a, args->notes, NULL, args->reason_text,
                                            Cli_user(env), NULL, &m);
   /* Without --base-version, --notes replaces the notes as they are: a
    * write that slipped in between our read and our write is not one the
    * user could have seen, so the notes are written again over the fresh
    * text (the doc now holds it), as before intents. */
   for (int attempt = 0; attempt < ANSWER_RETRIES && st == STORE_OK && !args->base &&
                         m.notes_theirs && m.n_clashes == 1;
        attempt++) {
      StoreMerge_free(&m);
      ReviewDoc_answerFromStored(q, &doc->stored[qi], &a);
      if (!applyChange(q, args, reason, &a))
         break;
      st = ReviewDoc_mergeAnswerNa(s, doc, qi, &a, args->notes, NULL, args->reason_text,
                                   Cli_user(env), NULL, &m);
   }
   if (swapped)
      StoredAnswer_free(&saved); /* the doc was refreshed from the store */
   int rc = EXIT_FAIL;
   if (st == STORE_OK) {
      Cli_printf("%s: %s\n", q->id, Risk_label(Question_risk(q, &doc->review.answers[qi])));
      if (m.notes_merged)
         Cli_fprintf(stderr, _("%s: the notes were merged with another edit\n"), q->id);
      if (m.n_clashes)
         Cli_error("%s: %s", q->id, m.message);
      else
         rc = EXIT_OK;
   } else {
      Cli_error("%s", Store_lastError(s));
   }
   StoreMerge_free(&m);
   free(a.choices);
   return rc;
}

/* The note of one practice, retried as record() is. */
static int recordChoiceNote(CliEnv *env, Store *s, ReviewDoc *doc, size_t qi,
                            const AnswerArgs *args)
{
   const Question *q = &doc->lens->questions[qi];
   int c = Question_findChoice(q, args->choice);
   if (c < 0) {
      Cli_error(_("question %s has no choice '%s'"), q->id, args->choice);
      listChoices(q);
      return EXIT_USAGE;
   }
   StoreStatus st = STORE_CONFLICT;
   for (int attempt = 0; attempt < ANSWER_RETRIES && st == STORE_CONFLICT; attempt++)
      st = ReviewDoc_putChoiceNote(s, doc, qi, (size_t)c, args->choice_notes, Cli_user(env));
   if (st != STORE_OK) {
      Cli_error("%s", st == STORE_CONFLICT
                         ? _("the question kept changing under us; nothing was written")
                         : Store_lastError(s));
      return EXIT_FAIL;
   }
   return EXIT_OK;
}

static bool onlyChoiceNote(const AnswerArgs *a)
{
   return !a->select && !a->unselect && !a->none && !a->na_reason && !a->applicable && !a->notes &&
          !a->na_choice && !a->applicable_choice && !a->reason_text;
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
   } else if (!checkLists(&doc.lens->questions[qi], args)) {
      rc = EXIT_USAGE;
   } else if (args->choice && Question_findChoice(&doc.lens->questions[qi], args->choice) < 0) {
      Cli_error(_("question %s has no choice '%s'"), qid, args->choice);
      listChoices(&doc.lens->questions[qi]);
      rc = EXIT_USAGE;
   } else if (args->choice && onlyChoiceNote(args)) {
      rc = recordChoiceNote(env, s, &doc, qi, args);
      if (rc == EXIT_OK)
         Cli_printf("%s: %s\n", qid,
                    Risk_label(Question_risk(&doc.lens->questions[qi], &doc.review.answers[qi])));
   } else {
      rc = record(env, s, &doc, qi, args, reason);
      if (rc == EXIT_OK && args->choice)
         rc = recordChoiceNote(env, s, &doc, qi, args);
   }
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_answer(CliEnv *env, int argc, char **argv)
{
   AnswerArgs args = {0};
   char **pos;
   size_t npos;
   int rc;
   if (!Cli_parse(env, argc, argv, answerOptions, answerOption, &args, &pos, &npos)) {
      pos = NULL;
      rc = EXIT_USAGE;
   } else if (env->help) {
      Cli_printCommandHelp("answer", answerOptions);
      rc = EXIT_OK;
   } else if (npos != (args.choice ? 3u : 2u)) {
      Cli_usageError("answer", NULL);
      rc = EXIT_USAGE;
   } else {
      args.choice_notes = args.choice ? pos[2] : NULL;
      rc = answerRun(env, &args, pos[0], pos[1]);
   }
   for (size_t i = 0; i < sizeof args.joined / sizeof *args.joined; i++)
      free(args.joined[i]);
   free(pos);
   return rc;
}
