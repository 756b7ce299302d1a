/* cmd_upgrade.c: walens upgrade — move a workload's review to a newer
 * version of its lens, saving a milestone first (store/upgrade.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/upgrade.h"

enum { OPT_DRY_RUN = 100, OPT_CHECK, OPT_MILESTONE, OPT_FORMAT, OPT_ALLOW_OLDER };

static const OptSpec upgradeOptions[] = {
   {"dry-run", 'n', NULL, N_("show what would change, write nothing"), OPT_DRY_RUN},
   {"check", 0, NULL, N_("only tell whether a newer lens is available (exit 1 when none)"),
    OPT_CHECK},
   {"milestone", 0, N_("NAME"),
    N_("name of the milestone saved first (default: before-upgrade-to-VERSION)"), OPT_MILESTONE},
   {"format", 0, N_("FORMAT"), N_("text (default) or json"), OPT_FORMAT},
   {"allow-older", 0, NULL, N_("accept a lens version older than the review's"), OPT_ALLOW_OLDER},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct UpgradeArgs {
   bool dry_run, check, allow_older;
   const char *milestone, *format;
} UpgradeArgs;

static bool upgradeOption(int id, const char *value, void *ctx)
{
   UpgradeArgs *a = ctx;
   switch (id) {
   case OPT_DRY_RUN: a->dry_run = true; break;
   case OPT_CHECK: a->check = true; break;
   case OPT_MILESTONE: a->milestone = value; break;
   case OPT_FORMAT: a->format = value; break;
   case OPT_ALLOW_OLDER: a->allow_older = true; break;
   }
   return true;
}

static const char *orDash(const char *s)
{
   return s && *s ? s : "-";
}

/* "title, choices, rules" / "added" / "removed" (static buffer). */
static const char *changeWords(unsigned c)
{
   static char buf[64];
   if (c & LENSDIFF_ADDED)
      return _("added");
   if (c & LENSDIFF_REMOVED)
      return _("removed");
   buf[0] = '\0';
   const char *words[] = {"title", "choices", "rules"};
   for (int i = 0; i < 3; i++)
      if (c & (1u << i)) {
         if (buf[0])
            strcat(buf, ", ");
         strcat(buf, words[i]);
      }
   return buf;
}

static void printIds(const char *label, char *const *ids, size_t n)
{
   if (n == 0)
      return;
   Cli_printf("      %s", label);
   for (size_t i = 0; i < n; i++)
      Cli_printf("%s%s", i ? ", " : " ", ids[i]);
   putchar('\n');
}

static void reportText(const char *workload, const UpgradeReport *r, bool dry_run)
{
   if (r->same) {
      Cli_printf(_("%s already uses this text of lens %s %s: nothing to do\n"), workload,
                 r->lens_key, orDash(r->from_version));
      return;
   }
   Cli_printf(dry_run ? _("Would upgrade %s: lens %s %s -> %s\n")
                      : _("Upgraded %s: lens %s %s -> %s\n"),
              workload, r->lens_key, orDash(r->from_version), orDash(r->to_version));
   Cli_printf(dry_run ? _("Milestone '%s' would be saved first.\n")
                      : _("Milestone '%s' saved first.\n"),
              r->milestone);
   Cli_printf(_("Answers carried: %zu (%zu lost choices); answers of removed questions: %zu; "
                "marked for re-review: %zu\n"),
              r->carried, r->rewritten, r->removed, r->marked);
   if (r->n_items == 0) {
      Cli_printf(_("No question was added, removed or changed.\n"));
      return;
   }
   Cli_printf(_("\nQuestions added, removed or changed: %zu\n"), r->n_items);
   for (size_t i = 0; i < r->n_items; i++) {
      const UpgradeItem *it = &r->items[i];
      const char *what = (it->changes & LENSDIFF_REMOVED) && it->answered ? _("answer removed")
                         : it->marked                                     ? _("re-review")
                                                                          : "";
      Cli_printf("  ");
      Cli_cell(it->question_id, 10);
      Cli_cell(changeWords(it->changes), 22);
      Cli_cell(what, 15);
      Cli_printf("%s\n", orDash(it->title));
      printIds(_("choices removed:"), it->removed_choices, it->n_removed_choices);
      printIds(_("dropped from the answer:"), it->dropped, it->n_dropped);
   }
   if (dry_run)
      Cli_printf(_("\nDry run: nothing was written.\n"));
}

static json_t *idsJson(char *const *ids, size_t n)
{
   json_t *arr = json_array();
   for (size_t i = 0; i < n; i++)
      Json_append(arr, Json_string(ids[i]));
   return arr;
}

static void reportJson(const char *workload, const UpgradeReport *r, bool dry_run)
{
   json_t *root = json_object(), *items = json_array(), *counts = json_object();
   Json_setString(root, "workload", workload);
   Json_setString(root, "lens", r->lens_key);
   Json_setString(root, "from_version", r->from_version);
   Json_setString(root, "to_version", r->to_version);
   Json_set(root, "dry_run", json_boolean(dry_run));
   Json_set(root, "same", json_boolean(r->same));
   Json_setString(root, "milestone", r->milestone);
   Json_setInt(counts, "carried", (long long)r->carried);
   Json_setInt(counts, "rewritten", (long long)r->rewritten);
   Json_setInt(counts, "removed", (long long)r->removed);
   Json_setInt(counts, "marked", (long long)r->marked);
   Json_set(root, "counts", counts);
   for (size_t i = 0; i < r->n_items; i++) {
      const UpgradeItem *it = &r->items[i];
      json_t *o = json_object(), *changes = json_array();
      Json_setString(o, "question", it->question_id);
      Json_setString(o, "title", it->title);
      if (it->changes & LENSDIFF_ADDED)
         Json_append(changes, Json_string("added"));
      if (it->changes & LENSDIFF_REMOVED)
         Json_append(changes, Json_string("removed"));
      if (it->changes & LENSDIFF_TITLE)
         Json_append(changes, Json_string("title"));
      if (it->changes & LENSDIFF_CHOICES)
         Json_append(changes, Json_string("choices"));
      if (it->changes & LENSDIFF_RULES)
         Json_append(changes, Json_string("rules"));
      Json_set(o, "changes", changes);
      Json_set(o, "answered", json_boolean(it->answered));
      Json_set(o, "needs_review", json_boolean(it->marked));
      Json_set(o, "choices_removed", idsJson(it->removed_choices, it->n_removed_choices));
      Json_set(o, "dropped", idsJson(it->dropped, it->n_dropped));
      Json_append(items, o);
   }
   Json_set(root, "questions", items);
   Json_print(root);
   json_decref(root);
}

/* The new lens's errors; its warnings are for 'walens lens check'. */
static void printErrors(const DiagList *d)
{
   for (size_t i = 0; i < d->count; i++)
      if (d->items[i].level == DIAG_ERROR) {
         char *line = Diag_format(&d->items[i]);
         Cli_fprintf(stderr, "%s\n", line);
         free(line);
      }
}

static int check(Store *s, const ReviewDoc *doc)
{
   LensCandidate c;
   StoreStatus st = ReviewDoc_findUpgrade(s, doc, &c);
   if (st == STORE_NOT_FOUND) {
      Cli_printf(_("%s: lens %s %s is the newest available\n"), doc->workload.name, doc->lens->key,
                 orDash(doc->lens->version));
      return EXIT_FAIL;
   }
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      return EXIT_FAIL;
   }
   Cli_printf(_("%s: lens %s %s -> %s available (%s)\n"), doc->workload.name, c.key,
              orDash(doc->lens->version), orDash(c.version),
              c.path      ? c.path
              : c.builtin ? _("built-in")
                          : _("stored in the database"));
   LensCandidate_free(&c);
   return EXIT_OK;
}

static int upgradeRun(CliEnv *env, const UpgradeArgs *a, const char *workload)
{
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   int rc = EXIT_FAIL;
   if (a->check) {
      rc = check(s, &doc);
   } else {
      UpgradeReport r;
      unsigned flags =
         (a->dry_run ? UPGRADE_DRY_RUN : 0) | (a->allow_older ? UPGRADE_ALLOW_OLDER : 0);
      StoreStatus st = ReviewDoc_upgrade(s, &doc, env->lens_arg, a->milestone, flags, Cli_user(env),
                                         &r, &d, &err);
      printErrors(&d);
      if (st == STORE_OK) {
         if (a->format && strcmp(a->format, "json") == 0)
            reportJson(workload, &r, a->dry_run);
         else
            reportText(workload, &r, a->dry_run);
         UpgradeReport_free(&r);
         rc = EXIT_OK;
      } else {
         Cli_error("%s", err);
         free(err);
      }
   }
   ReviewDoc_free(&doc);
   DiagList_free(&d);
   Store_close(s);
   return rc;
}

int Cmd_upgrade(CliEnv *env, int argc, char **argv)
{
   UpgradeArgs args = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, upgradeOptions, upgradeOption, &args, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("upgrade", upgradeOptions);
      rc = EXIT_OK;
   } else if (npos != 1) {
      Cli_error("%s", _("usage: walens upgrade WORKLOAD [--lens FILE|KEY] [--dry-run] [--check]"));
      rc = EXIT_USAGE;
   } else if (args.format && strcmp(args.format, "text") != 0 && strcmp(args.format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text, json)"), args.format);
      rc = EXIT_USAGE;
   } else {
      rc = upgradeRun(env, &args, pos[0]);
   }
   free(pos);
   return rc;
}
