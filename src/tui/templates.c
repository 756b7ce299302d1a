/* templates.c: review templates in the TUI, as `:` commands (no key: a
 * template is made or rolled out now and then, not during a review):
 *
 *   :template create NAME   the open workload's answers become template
 *                           NAME (or its next revision), as
 *                           `walens template create NAME --from WORKLOAD`
 *   :template apply NAME    what the newest revision changes in the
 *                           workloads made from it, on a page: the
 *                           answers offered and those left alone because a
 *                           reviewer changed them; y writes the offered
 *                           ones, as `walens template apply NAME --yes`
 *
 * The rules are the CLI's (store/template.h): the name is normalised like
 * any name, an answer a reviewer changed is never overwritten, read-only
 * sessions may look but not write. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"
#include "store/template.h"
#include "tui/app.h"
#include "tui/screens.h"

/* The template `:template apply` offered, until y or n. */
static TemplateInfo pending;

static void pendingClear(void)
{
   TemplateInfo_free(&pending);
   memset(&pending, 0, sizeof pending);
}

static Stale usage(App *app)
{
   App_message(app, ROLE_ERROR, "%s",
               _("Usage: :template create NAME (from the open workload) | :template apply NAME"));
   return STALE_FOOTER;
}

/* The name as typed, in normal form (caller frees), or NULL with the
 * refusal shown. */
static char *templateName(App *app, const char *typed)
{
   char *norm = NULL, *msg = Names_check(NAME_TEMPLATE, typed, &norm);
   if (msg) {
      App_message(app, ROLE_ERROR, "%s", msg);
      free(msg);
   }
   return norm;
}

/* ---- create ---- */

static Stale create(App *app, const char *typed)
{
   if (!app->have_doc) {
      App_message(app, ROLE_ERROR, "%s",
                  _("Open a workload first: a template is made from its answers"));
      return STALE_FOOTER;
   }
   if (App_refuseReadOnly(app))
      return STALE_FOOTER;
   char *name = templateName(app, typed);
   if (!name)
      return STALE_FOOTER;
   /* The answers as stored now, someone else's latest included, read into
    * a copy of its own so the open review is not disturbed. */
   ReviewDoc doc;
   DiagList d;
   char *err = NULL;
   DiagList_init(&d);
   StoreStatus st = ReviewDoc_load(app->store, app->doc.workload.name, &doc, &d, &err);
   DiagList_free(&d);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot read the answers: %s"),
                  err ? err : Store_statusText(st));
      free(err);
      free(name);
      return STALE_FOOTER;
   }
   StoredAnswer *picked = xcalloc(doc.lens->n_questions + 1, sizeof *picked);
   size_t n = 0;
   for (size_t i = 0; i < doc.lens->n_questions; i++)
      if (doc.stored && doc.stored[i].version > 0)
         picked[n++] = doc.stored[i];
   int rev = 0;
   if (n == 0) {
      App_message(app, ROLE_ERROR, _("workload '%s' has no answers to make a template of"),
                  doc.workload.name);
   } else if ((st = StoreTemplate_save(app->store, name, doc.workload.lens_id, picked, n,
                                       app->opts->user, &rev)) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
   } else {
      App_message(app, ROLE_NOTICE,
                  ngettext("Template '%s' revision %d: %zu answer from %s",
                           "Template '%s' revision %d: %zu answers from %s", n),
                  name, rev, n, doc.workload.name);
   }
   free(picked); /* borrowed from doc */
   ReviewDoc_free(&doc);
   free(name);
   return STALE_FOOTER;
}

/* ---- apply ---- */

static size_t countKind(const TemplateOffer *o, size_t n, TemplateOfferKind kind)
{
   size_t k = 0;
   for (size_t i = 0; i < n; i++)
      k += o[i].kind == kind;
   return k;
}

/* The page: the answers offered (or written) first, then those kept. */
static void page(App *app, const TemplateInfo *t, const TemplateOffer *o, size_t n, bool written)
{
   char *title = xasprintf(written ? _("Applied template %s revision %d")
                                   : _("Apply template %s revision %d (preview: nothing is written "
                                       "yet)"),
                           t->name, t->revision);
   Pager_begin(app, title);
   free(title);
   size_t updates = countKind(o, n, TEMPLATE_UPDATE), kept = n - updates;
   Pager_add(app, ROLE_TITLE, 0,
             written
                ? _("Answers written (%zu): the workload still held the old revision's answer")
                : _("Answers offered (%zu): the workload still holds the old revision's answer"),
             updates);
   for (size_t i = 0; i < n; i++)
      if (o[i].kind == TEMPLATE_UPDATE)
         Pager_add(app, ROLE_NORMAL, 2, _("%s %s (revision %d -> %d)"), o[i].workload,
                   o[i].question_id, o[i].from_revision, t->revision);
   Pager_addText(app, ROLE_NORMAL, 0, "");
   Pager_add(app, ROLE_TITLE, 0, _("Left alone (%zu): a reviewer changed the answer"), kept);
   for (size_t i = 0; i < n; i++)
      if (o[i].kind == TEMPLATE_KEPT)
         Pager_add(app, ROLE_MEDIUM, 2, "%s %s", o[i].workload, o[i].question_id);
   Pager_show(app, SCREEN_PAGER);
}

/* The open review's answers again, when applying wrote into it. */
static void reloadOpen(App *app, const TemplateOffer *o, size_t n)
{
   if (!app->have_doc)
      return;
   for (size_t i = 0; i < n; i++)
      if (o[i].kind == TEMPLATE_UPDATE && strcmp(o[i].workload, app->doc.workload.name) == 0) {
         if (ReviewDoc_reloadAnswers(app->store, &app->doc) != STORE_OK)
            App_message(app, ROLE_ERROR, "%s", _("Cannot reload the answers"));
         App_rebuild(app);
         return;
      }
}

static Stale gotApply(App *app, const char *key)
{
   if (!key || key[0] != 'y' || !pending.name) {
      if (pending.name)
         App_message(app, ROLE_NOTICE, _("Template %s not applied: nothing written"), pending.name);
      pendingClear();
      return STALE_ALL;
   }
   if (App_refuseReadOnly(app)) {
      pendingClear();
      return STALE_ALL;
   }
   TemplateOffer *o = NULL;
   size_t n = 0;
   /* Looked at again in the writing transaction: a reviewer who changed an
    * answer since the page was shown is left alone all the same. */
   StoreStatus st = StoreTemplate_apply(app->store, &pending, true, app->opts->user, &o, &n);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Template %s not applied: %s"), pending.name,
                  Store_lastError(app->store));
   } else {
      page(app, &pending, o, n, true);
      reloadOpen(app, o, n);
      App_listBehind(app); /* other workloads' rows changed too */
      App_message(app, ROLE_NOTICE, _("Template %s applied: written %zu, left alone %zu"),
                  pending.name, countKind(o, n, TEMPLATE_UPDATE), countKind(o, n, TEMPLATE_KEPT));
   }
   TemplateOffer_freeArray(o, n);
   pendingClear();
   return STALE_ALL;
}

static Stale apply(App *app, const char *typed)
{
   char *name = templateName(app, typed);
   if (!name)
      return STALE_FOOTER;
   pendingClear();
   if (StoreTemplate_find(app->store, name, &pending) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
      pendingClear();
      free(name);
      return STALE_FOOTER;
   }
   free(name);
   TemplateOffer *o = NULL;
   size_t n = 0;
   if (StoreTemplate_apply(app->store, &pending, false, app->opts->user, &o, &n) != STORE_OK) {
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
      pendingClear();
      return STALE_FOOTER;
   }
   size_t updates = countKind(o, n, TEMPLATE_UPDATE);
   Stale stale = STALE_ALL;
   if (n == 0) {
      App_message(app, ROLE_NOTICE, _("Every workload made from %s has revision %d's answers"),
                  pending.name, pending.revision);
      pendingClear();
      stale = STALE_FOOTER;
   } else {
      page(app, &pending, o, n, false);
      if (updates && !app->read_only) {
         char *label =
            xasprintf(ngettext("Write the %zu offered answer of template %s? y/n",
                               "Write the %zu offered answers of template %s? y/n", updates),
                      updates, pending.name);
         Prompt_openMenu(app, label, "yn", gotApply);
         free(label);
      } else
         pendingClear();
   }
   TemplateOffer_freeArray(o, n);
   return stale;
}

Stale Templates_action(App *app, const char *arg)
{
   if (!arg)
      return usage(app);
   const char *rest = arg;
   while (*rest && !isspace((unsigned char)*rest))
      rest++;
   size_t verb = (size_t)(rest - arg);
   while (isspace((unsigned char)*rest))
      rest++;
   if (!*rest)
      return usage(app);
   if (verb == 6 && strncmp(arg, "create", verb) == 0)
      return create(app, rest);
   if (verb == 5 && strncmp(arg, "apply", verb) == 0)
      return apply(app, rest);
   return usage(app);
}
