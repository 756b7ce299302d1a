/* cmd_restore.c: walens restore — bring back the notes of a question, or
 * of one of its practices, as a recorded change left them: a new change,
 * merged like any other write. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"

enum { OPT_PRACTICE = 100 };

static const OptSpec restoreOptions[] = {
   {"practice", 0, N_("CHOICE_ID"), N_("restore the notes of this practice of the question"),
    OPT_PRACTICE},
   {NULL, 0, NULL, NULL, 0},
};

static bool restoreOption(int id, const char *value, void *ctx)
{
   if (id == OPT_PRACTICE)
      *(const char **)ctx = value;
   return true;
}

/* The question an answer change was made to, and the practice asked for:
 * false (with an error said) when there is none. */
static bool findTarget(Store *s, const ReviewDoc *doc, int64_t id, const char *practice, size_t *q,
                       size_t *c)
{
   HistoryEntry e;
   int64_t review_id = 0;
   bool ok = false;
   StoreStatus st = Store_historyEntry(s, id, &e, &review_id);
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      HistoryEntry_free(&e);
      return false;
   }
   if (review_id != doc->workload.review_id)
      Cli_error(_("history id %lld is not a change of workload '%s'"), (long long)id,
                doc->workload.name);
   else if (!e.kind || strcmp(e.kind, "answer") != 0 || !e.object ||
            !Lens_findQuestion(doc->lens, e.object, q))
      Cli_error(_("history id %lld is not a change of an answer the workload's lens has: only "
                  "notes of answers can be restored"),
                (long long)id);
   else
      ok = true;
   if (ok && practice) {
      const Question *qq = &doc->lens->questions[*q];
      ok = false;
      for (size_t i = 0; i < qq->n_choices && !ok; i++)
         if (strcmp(qq->choices[i].id, practice) == 0) {
            *c = i;
            ok = true;
         }
      if (!ok)
         Cli_error(_("%s is not a practice of %s"), practice, qq->id);
   }
   HistoryEntry_free(&e);
   return ok;
}

static int restoreRun(CliEnv *env, const char *workload, int64_t id, void *ctx)
{
   const char *practice = *(const char **)ctx;
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   size_t q = 0, c = 0;
   int rc = EXIT_OK;
   if (!findTarget(s, &doc, id, practice, &q, &c)) {
      rc = EXIT_USAGE;
   } else {
      StoreMerge m;
      char *err = NULL, *text = NULL;
      const char *qid = doc.lens->questions[q].id;
      StoreStatus st =
         practice
            ? ReviewDoc_restoreChoiceNote(s, &doc, q, c, id, NULL, Cli_user(env), &m, &text, &err)
            : ReviewDoc_restoreNotes(s, &doc, q, id, NULL, Cli_user(env), &m, &text, &err);
      if (st != STORE_OK) {
         Cli_error("%s", err ? err : Store_statusText(st));
         rc = st == STORE_NOT_FOUND || st == STORE_INVALID ? EXIT_USAGE : EXIT_FAIL;
      } else {
         if (m.n_clashes) {
            Cli_error(_("history id %lld: %s"), (long long)id, m.message);
            rc = EXIT_FAIL;
         } else if (!m.wrote) {
            Cli_printf(_("%s: the notes are as after history id %lld already\n"),
                       practice ? practice : qid, (long long)id);
         } else if (m.notes_merged) {
            Cli_printf(_("%s: notes as after history id %lld, merged with %s's changes\n"),
                       practice ? practice : qid, (long long)id, m.notes_by ? m.notes_by : "?");
         } else {
            Cli_printf(_("%s: notes as after history id %lld\n"), practice ? practice : qid,
                       (long long)id);
         }
         StoreMerge_free(&m);
      }
      free(err);
      free(text);
   }
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_restore(CliEnv *env, int argc, char **argv)
{
   const char *practice = NULL;
   return Cli_historyCommand(env, "restore", argc, argv, restoreOptions, restoreOption, &practice,
                             restoreRun);
}
