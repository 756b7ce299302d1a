/* cmd_history.c: walens history — who changed what and when, oldest first. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/histfmt.h"
#include "store/reviewdoc.h"

enum { OPT_FORMAT = 100 };

static const OptSpec historyOptions[] = {
   {"format", 0, N_("FORMAT"), N_("text (default) or json"), OPT_FORMAT},
   {NULL, 0, NULL, NULL, 0},
};

static bool historyOption(int id, const char *value, void *ctx)
{
   if (id == OPT_FORMAT)
      *(const char **)ctx = value;
   return true;
}

/* The stored JSON text as a value (null when absent or unreadable). */
static json_t *parsed(const char *text)
{
   json_t *v = text ? json_loads(text, 0, NULL) : NULL;
   return v ? v : json_null();
}

static void historyJson(const char *workload, const HistoryEntry *e, size_t n)
{
   json_t *root = json_object(), *arr = json_array();
   Json_setString(root, "workload", workload);
   for (size_t i = 0; i < n; i++) {
      json_t *o = json_object();
      char *change = HistoryEntry_describe(&e[i]);
      Json_setInt(o, "id", (long long)e[i].id);
      Json_setString(o, "at", e[i].at);
      Json_setString(o, "user", e[i].user);
      Json_setString(o, "kind", e[i].kind);
      Json_setString(o, "object", e[i].object);
      Json_setString(o, "change", change);
      Json_set(o, "before", parsed(e[i].before));
      Json_set(o, "after", parsed(e[i].after));
      Json_append(arr, o);
      free(change);
   }
   Json_set(root, "history", arr);
   Json_print(root);
   json_decref(root);
}

/* Notes on one line, their line breaks shown as the mark (one record a
 * line: a note never starts a line of its own), or "(none)". */
static void notesBlock(const char *label, const char *notes)
{
   Cli_printf("    %s ", label);
   if (!notes)
      Cli_printf("%s", _("(none)"));
   for (const char *p = notes; p && *p;) {
      size_t len = strcspn(p, "\n");
      Cli_printf("%.*s%s", (int)len, p, p[len] == '\n' ? Utf8_lineMark() : "");
      p += len + (p[len] == '\n');
   }
   Cli_printf("\n");
}

static void historyText(const char *workload, const char *question, const HistoryEntry *e, size_t n)
{
   if (question)
      Cli_printf(ngettext("History of %s, question %s: %zu change\n",
                          "History of %s, question %s: %zu changes\n", n),
                 workload, question, n);
   else
      Cli_printf(ngettext("History of %s: %zu change\n", "History of %s: %zu changes\n", n),
                 workload, n);
   int wu = 4, wo = 6;
   for (size_t i = 0; i < n; i++) {
      if (Cli_width(e[i].user) > wu)
         wu = Cli_width(e[i].user);
      if (Cli_width(e[i].object) > wo)
         wo = Cli_width(e[i].object);
   }
   /* Two blanks between columns: each cell adds one. */
   for (size_t i = 0; i < n; i++) {
      char *change = HistoryEntry_describe(&e[i]);
      Cli_printf("%s  ", e[i].at ? e[i].at : "");
      Cli_cell(e[i].user, wu + 1);
      Cli_cell(e[i].kind, 9 + 1);
      Cli_cell(e[i].object, wo + 1);
      Cli_printf("%s\n", change);
      free(change);
      /* A question's history shows what its notes said around each change. */
      char *before, *after;
      if (question && HistoryEntry_notes(&e[i], &before, &after)) {
         notesBlock(_("notes before:"), before);
         notesBlock(_("notes after:"), after);
         free(before);
         free(after);
      }
   }
}

static int historyRun(CliEnv *env, const char *workload, const char *question, bool json)
{
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   int rc = EXIT_FAIL;
   HistoryEntry *e = NULL;
   size_t n = 0;
   size_t qi;
   StoreStatus st = Store_history(s, doc.workload.review_id, question, &e, &n);
   /* A question the lens does not have may still have a past (removed by a
    * lens upgrade); with no past either, it is a typing mistake. */
   if (st == STORE_OK && question && n == 0 && !Lens_findQuestion(doc.lens, question, &qi)) {
      Cli_error(_("workload '%s' has no question '%s'"), doc.workload.name, question);
      rc = EXIT_USAGE;
   } else if (st == STORE_OK) {
      if (json)
         historyJson(doc.workload.name, e, n);
      else
         historyText(doc.workload.name, question, e, n);
      rc = EXIT_OK;
   } else {
      Cli_error("%s", Store_lastError(s));
   }
   HistoryEntry_freeArray(e, n);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_history(CliEnv *env, int argc, char **argv)
{
   const char *format = NULL;
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, historyOptions, historyOption, &format, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("history", historyOptions);
      rc = EXIT_OK;
   } else if (npos != 1 && npos != 2) {
      Cli_usageError("history", NULL);
      rc = EXIT_USAGE;
   } else if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text, json)"), format);
      rc = EXIT_USAGE;
   } else {
      rc =
         historyRun(env, pos[0], npos == 2 ? pos[1] : NULL, format && strcmp(format, "json") == 0);
   }
   free(pos);
   return rc;
}
