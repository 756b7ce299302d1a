/* upgrade.c: a newer version of the review's lens: the notice on the
 * dashboard (looked for once per open), a preview of what the upgrade
 * changes (a dry run), the upgrade itself once confirmed, and confirming
 * the questions it marked for re-review. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/screens.h"

/* upgrade.c: a newer lens, its preview, the upgrade, re-review marks. */
static void upgradeCheck(App *app);

static void upgradeCheck(App *app)
{
   if (app->have_upgrade)
      LensCandidate_free(&app->upgrade);
   app->have_upgrade = false;
   memset(&app->upgrade, 0, sizeof app->upgrade);
   if (app->have_doc && ReviewDoc_findUpgrade(app->store, &app->doc, &app->upgrade) == STORE_OK)
      app->have_upgrade = true;
}

void Upgrade_reload(App *app, bool opened)
{
   if (opened)
      upgradeCheck(app); /* once per open: it reads lens files */
}

void Upgrade_free(App *app)
{
   if (app->have_upgrade)
      LensCandidate_free(&app->upgrade);
   app->have_upgrade = false;
}

size_t Upgrade_marked(const App *app)
{
   size_t n = 0;

   for (size_t q = 0; app->have_doc && app->doc.needs_review && q < app->doc.lens->n_questions; q++)
      n += app->doc.needs_review[q];
   return n;
}

static const char *orDash(const char *s)
{
   return s && *s ? s : "-";
}

/* "title, practices, rules changed" / "new" / "removed" (caller frees). */
static char *changeWords(unsigned c)
{
   static const struct {
      unsigned bit;
      const char *word;
   } words[] = {{LENSDIFF_TITLE, N_("title")},
                {LENSDIFF_CHOICES, N_("practices")},
                {LENSDIFF_RULES, N_("risk rules")},
                {LENSDIFF_SUBSTANCE, N_("substance")}};
   char *out, *t;

   if (c & LENSDIFF_ADDED)
      return xstrdup(_("new question"));
   if (c & LENSDIFF_REMOVED)
      return xstrdup(_("question removed"));
   out = xstrdup("");
   for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
      if (c & words[i].bit) {
         t = xasprintf("%s%s%s", out, *out ? ", " : "", _(words[i].word));
         free(out);
         out = t;
      }
   t = xasprintf(_("%s changed"), out);
   free(out);
   return t;
}

static char *joinIds(char *const *ids, size_t n)
{
   char *out = xstrdup(""), *t;

   for (size_t i = 0; i < n; i++) {
      t = xasprintf("%s%s%s", out, i ? ", " : "", ids[i]);
      free(out);
      out = t;
   }
   return out;
}

static void previewItems(App *app, const UpgradeReport *r)
{
   Pager_addText(app, ROLE_NORMAL, 0, "");
   if (r->n_items == 0) {
      Pager_addText(app, ROLE_TITLE, 0, _("No question is added, removed or changed."));
      return;
   }
   Pager_add(app, ROLE_TITLE, 0, _("Questions added, removed or changed (%zu)"), r->n_items);
   for (size_t i = 0; i < r->n_items; i++) {
      const UpgradeItem *it = &r->items[i];
      char *words = changeWords(it->changes);
      const char *what = (it->changes & LENSDIFF_REMOVED) && it->answered ? _("; the answer goes")
                         : it->marked                                     ? _("; review it again")
                                                                          : "";
      size_t at;
      bool priority = Lens_findQuestion(app->doc.lens, it->question_id, &at) &&
                      ProfileDoc_isPriority(&app->profile, at);
      char *mark = priority ? xasprintf(_("%s priority"), Theme_glyph(&app->theme, GLYPH_PRIORITY))
                            : xstrdup("");
      Pager_add(app, it->marked || it->n_dropped ? ROLE_NOTICE : ROLE_NORMAL, 2, "%-8s %s%s%s%s",
                it->question_id, words, what, priority ? "  " : "", mark);
      free(mark);
      Pager_addText(app, ROLE_DIM, 11, orDash(it->title));
      for (size_t n = 0; n < it->n_notes; n++) /* the author's word on what changed */
         Pager_add(app, ROLE_NORMAL, 11, "%s: %s", it->noted[n], it->notes[n]);
      if (it->n_removed_choices) {
         char *ids = joinIds(it->removed_choices, it->n_removed_choices);
         Pager_add(app, ROLE_NORMAL, 11, _("practices removed: %s"), ids);
         free(ids);
      }
      if (it->n_dropped) {
         char *ids = joinIds(it->dropped, it->n_dropped);
         Pager_add(app, ROLE_MEDIUM, 11, _("dropped from the answer: %s"), ids);
         free(ids);
      }
      free(words);
   }
}

Stale Upgrade_preview(App *app, const char *arg)
{
   UpgradeReport r;
   DiagList d;
   char *err = NULL, *title;
   StoreStatus st;

   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   upgradeCheck(app); /* asked for: look again */
   if (!app->have_upgrade) {
      App_message(app, ROLE_NOTICE, _("Lens %s %s is the newest there is"), app->doc.lens->key,
                  orDash(app->doc.lens->version));
      return STALE_ALL;
   }
   DiagList_init(&d);
   st = ReviewDoc_upgrade(app->store, &app->doc, NULL, NULL, UPGRADE_DRY_RUN, app->opts->user, &r,
                          &d, &err);
   DiagList_free(&d);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot upgrade: %s"), err ? err : Store_statusText(st));
      free(err);
      return STALE_FOOTER;
   }
   if (r.same) {
      App_message(app, ROLE_NOTICE, "%s", _("The review already uses this lens text"));
      UpgradeReport_free(&r);
      return STALE_FOOTER;
   }
   title = xasprintf(_("Upgrade %s: lens %s %s%s%s (preview: nothing is written yet)"),
                     app->doc.workload.name, r.lens_key, orDash(r.from_version),
                     Theme_glyph(&app->theme, GLYPH_ARROW), orDash(r.to_version));
   Pager_begin(app, title);
   free(title);
   Pager_add(app, ROLE_NORMAL, 0,
             _("First the milestone '%s' is saved: the review as it is stays readable."),
             r.milestone);
   Pager_add(app, ROLE_NORMAL, 0,
             _("Answers carried over: %zu (%zu lose a practice that is gone). Answers of removed "
               "questions: %zu (kept in the history and the milestone). Questions to review "
               "again: %zu."),
             r.carried, r.rewritten, r.removed, r.marked);
   previewItems(app, &r);
   Pager_addText(app, ROLE_NORMAL, 0, "");
   Pager_addText(app, ROLE_TITLE, 0, _("y upgrades now; q or Esc leaves everything as it is."));
   UpgradeReport_free(&r);
   Pager_show(app, SCREEN_UPGRADE);
   return STALE_ALL;
}

Stale Upgrade_confirm(App *app, const char *arg)
{
   ReviewDoc doc;
   UpgradeReport r;
   DiagList d;
   char *err = NULL, *name;
   StoreStatus st;

   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   /* A copy of its own: a failure leaves the open review as it was. */
   name = xstrdup(app->doc.workload.name);
   DiagList_init(&d);
   st = ReviewDoc_load(app->store, name, &doc, &d, &err);
   if (st == STORE_OK) {
      st = ReviewDoc_upgrade(app->store, &doc, NULL, NULL, 0, app->opts->user, &r, &d, &err);
      ReviewDoc_free(&doc);
   }
   DiagList_free(&d);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not upgraded: %s"), err ? err : Store_statusText(st));
      free(err);
      free(name);
      App_pop(app);
      return STALE_ALL;
   }
   free(err);
   err = NULL;
   if (!App_openWorkload(app, name, &err)) { /* the review on its new lens */
      App_message(app, ROLE_ERROR, "%s", err ? err : _("cannot open the workload"));
      free(err);
   } else {
      /* The dashboard counts what to review again. */
      App_message(app, ROLE_NOTICE, _("Upgraded to %s %s; milestone '%s' saved first"), r.lens_key,
                  orDash(r.to_version), r.milestone);
   }
   UpgradeReport_free(&r);
   free(name);
   return STALE_ALL;
}

Stale Upgrade_confirmReview(App *app, const char *arg)
{
   const Question *q = &app->doc.lens->questions[app->q];
   StoreStatus st;

   (void)arg;
   if (!app->doc.needs_review || !app->doc.needs_review[app->q]) {
      App_message(app, ROLE_NOTICE, "%s", _("This question is not marked for re-review"));
      return STALE_FOOTER;
   }
   st = Store_clearReviewMark(app->store, app->doc.workload.review_id, q->id, app->opts->user);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not stored: %s"), Store_statusText(st));
      return STALE_FOOTER;
   }
   if (ReviewDoc_reloadAnswers(app->store, &app->doc) != STORE_OK)
      App_message(app, ROLE_ERROR, "%s", _("Cannot reload the answers"));
   else
      App_message(app, ROLE_NOTICE, _("Confirmed: the answer to %s stands after the lens upgrade"),
                  q->id);
   App_rebuild(app);
   return STALE_ALL;
}
