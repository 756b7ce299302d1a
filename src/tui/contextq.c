/* contextq.c: a profile's context questions in the TUI, one single-key menu
 * each: offered when a workload is created and a profile for its lens is on
 * offer, and again with :profile, which changes the answers later (Enter
 * keeps the answer a question has).  The answers are stored together when
 * the last question is answered; Esc stores nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/profiles.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/profiledoc.h"
#include "tui/app.h"
#include "tui/screens.h"

/* Menu keys for up to PROFILE_MAX_CHOICES choices. */
static const char choiceKeys[] = "123456789abcdefg";

/* The questions being asked: one round at a time. */
static struct {
   Profile *profile;
   char *text;
   ContextAnswer *answers; /* one slot per profile question; choice NULL: none */
   size_t next;
} ask;

static Profiles offer; /* the profiles for the open lens, while one is chosen */

static void askClear(void)
{
   if (ask.profile)
      for (size_t i = 0; i < ask.profile->n_questions; i++)
         free(ask.answers[i].choice);
   free(ask.answers);
   Profile_free(ask.profile);
   free(ask.text);
   memset(&ask, 0, sizeof ask);
}

static Stale askNext(App *app);

static Stale finish(App *app)
{
   ContextAnswer *given = xcalloc(ask.profile->n_questions + 1, sizeof *given);
   size_t n = 0;
   for (size_t i = 0; i < ask.profile->n_questions; i++)
      if (ask.answers[i].choice)
         given[n++] = ask.answers[i];
   char *err = NULL;
   if (ProfileDoc_attach(app->store, app->doc.workload.id, ask.profile, ask.text, given, n,
                         app->opts->user, &err) != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot store the profile: %s"), err ? err : "?");
   } else {
      App_loadProfile(app);
      App_message(app, ROLE_NOTICE,
                  ngettext("Profile %s: %zu priority question",
                           "Profile %s: %zu priority questions", app->profile.n_priority),
                  /* its title: the key is a token the user never typed */
                  ask.profile->title && *ask.profile->title ? ask.profile->title : ask.profile->key,
                  app->profile.n_priority);
   }
   free(err);
   free(given);
   askClear();
   return STALE_ALL;
}

static Stale gotChoice(App *app, const char *key)
{
   if (!key) {
      askClear();
      App_message(app, ROLE_NOTICE, "%s", _("Context answers not changed"));
      return STALE_ALL;
   }
   const ProfileQuestion *q = &ask.profile->questions[ask.next];
   const char *k = *key ? strchr(choiceKeys, key[0]) : NULL;
   if (k && (size_t)(k - choiceKeys) < q->n_choices) {
      free(ask.answers[ask.next].choice);
      ask.answers[ask.next].choice = xstrdup(q->choices[k - choiceKeys].id);
   }
   ask.next++;
   return askNext(app);
}

/* One question: its title above its choices, the chosen one marked. */
static Stale askNext(App *app)
{
   if (ask.next >= ask.profile->n_questions)
      return finish(app);
   const ProfileQuestion *q = &ask.profile->questions[ask.next];
   const char *chosen = ask.answers[ask.next].choice;
   char **items = xcalloc(q->n_choices + 1, sizeof *items);
   char keys[sizeof choiceKeys];
   items[0] = xasprintf("%s", q->title);
   for (size_t i = 0; i < q->n_choices; i++) {
      bool on = chosen && strcmp(chosen, q->choices[i].id) == 0;
      items[i + 1] = xasprintf("%c %s %s", choiceKeys[i], on ? "(x)" : "( )", q->choices[i].title);
      keys[i] = choiceKeys[i];
   }
   keys[q->n_choices] = '\0';
   char *label = xasprintf(_("Context %zu/%zu (a key, Enter: keep, Esc: cancel): "), ask.next + 1,
                           ask.profile->n_questions);
   Prompt_openMenu(app, label, keys, gotChoice);
   Prompt_setItems(app, (const char *const *)items, q->n_choices + 1);
   for (size_t i = 0; i <= q->n_choices; i++)
      free(items[i]);
   free(items);
   free(label);
   return STALE_ALL;
}

/* Starts a round with profile p (owned from now on) and its text; the
 * workload's current answers, when p is its profile, are the defaults. */
static Stale start(App *app, Profile *p, char *text)
{
   askClear();
   ask.profile = p;
   ask.text = text;
   ask.answers = xcalloc(p->n_questions + 1, sizeof *ask.answers);
   bool same = app->profile.profile && strcmp(app->profile.profile->sha256, p->sha256) == 0;
   for (size_t i = 0; i < p->n_questions; i++) {
      ask.answers[i].question = p->questions[i].id;
      const char *c = same ? ProfileDoc_choice(&app->profile, p->questions[i].id) : NULL;
      ask.answers[i].choice = xstrdup(c);
   }
   return askNext(app);
}

/* A profile for the open lens, by file or key, checked against it. */
static Stale startWith(App *app, const char *arg)
{
   DiagList d;
   DiagList_init(&d);
   char *text = NULL, *name = NULL;
   size_t len = 0;
   Profile *p = Profiles_resolve(arg, &text, &len, &name, &d);
   if (p && !Profile_check(p, app->doc.lens, name, &d)) {
      Profile_free(p);
      p = NULL;
   }
   if (!p) {
      char *first = NULL;
      for (size_t i = 0; i < d.count && !first; i++)
         if (d.items[i].level == DIAG_ERROR)
            first = Diag_format(&d.items[i]);
      App_message(app, ROLE_ERROR, "%s", first ? first : _("The profile does not load"));
      free(first);
      free(text);
   }
   free(name);
   DiagList_free(&d);
   return p ? start(app, p, text) : STALE_ALL;
}

static Stale gotProfile(App *app, const char *key)
{
   char *pick = NULL;
   if (key && *key) {
      size_t want = (size_t)(key[0] - '1'), k = 0;
      for (size_t i = 0; i < offer.count && !pick; i++)
         if (!offer.items[i].shadowed && strcmp(offer.items[i].lens_key, app->doc.lens->key) == 0 &&
             k++ == want)
            pick = xstrdup(offer.items[i].path ? offer.items[i].path : offer.items[i].key);
   }
   Profiles_free(&offer);
   Stale s = pick ? startWith(app, pick) : STALE_ALL;
   free(pick);
   return s;
}

Stale ContextQ_offer(App *app)
{
   if (!app->have_doc || App_refuseReadOnly(app))
      return STALE_FOOTER;
   DiagList d;
   DiagList_init(&d);
   Profiles_free(&offer);
   Profiles_scan(&offer, &d);
   DiagList_free(&d);
   char *items[9], keys[10];
   size_t n = 0;
   for (size_t i = 0; i < offer.count && n < 9; i++) {
      const ProfileEntry *e = &offer.items[i];
      if (e->shadowed || strcmp(e->lens_key, app->doc.lens->key) != 0)
         continue;
      items[n] =
         xasprintf("%zu  %s  (%s, %s)", n + 1, e->title, e->key, LensSource_label(e->source));
      keys[n] = (char)('1' + n);
      n++;
   }
   keys[n] = '\0';
   if (n == 0) {
      Profiles_free(&offer);
      return STALE_NONE;
   }
   Prompt_openMenu(app, _("Profile for the review (1-9, Enter or Esc: none): "), keys, gotProfile);
   Prompt_setItems(app, (const char *const *)items, n);
   for (size_t i = 0; i < n; i++)
      free(items[i]);
   return STALE_ALL;
}

Stale ContextQ_action(App *app, const char *arg)
{
   if (!app->have_doc || App_refuseReadOnly(app))
      return STALE_FOOTER;
   if (arg && *arg)
      return startWith(app, arg);
   if (!app->profile.profile)
      return ContextQ_offer(app) == STALE_NONE
                ? (App_message(app, ROLE_ERROR, "%s", _("No profile for this lens is on offer")),
                   STALE_FOOTER)
                : STALE_ALL;
   /* A copy of the stored profile: the marks stay while the round runs. */
   DiagList d;
   DiagList_init(&d);
   char *text = xstrdup(app->profile.text);
   Profile *p = Profile_loadBuffer(app->profile.profile->key, text, strlen(text), &d);
   DiagList_free(&d);
   if (!p) {
      free(text);
      return STALE_FOOTER;
   }
   return start(app, p, text);
}
