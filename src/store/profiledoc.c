/* profiledoc.c: a workload's profile, its context answers and the priority
 * marks they give, loaded from and written to the store. */
#include "config.h"

#include "store/profiledoc.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"

StoreStatus ProfileDoc_load(Store *s, int64_t workload_id, const Lens *lens, ProfileDoc *doc,
                            DiagList *diags)
{
   memset(doc, 0, sizeof *doc);
   StoreProfile sp;
   StoreStatus st = Store_getWorkloadProfile(s, workload_id, &sp, &doc->answers, &doc->n_answers);
   if (st == STORE_NOT_FOUND)
      return STORE_OK;
   if (st != STORE_OK)
      return st;
   char *name = xasprintf(_("profile '%s' stored with the workload"), sp.key);
   doc->profile = Profile_loadBuffer(name, sp.text, strlen(sp.text), diags);
   free(name);
   doc->profile_id = sp.id;
   doc->text = sp.text;
   sp.text = NULL;
   StoreProfile_free(&sp);
   if (!doc->profile) {
      ProfileDoc_free(doc);
      return STORE_INVALID;
   }
   doc->priority = xcalloc(lens->n_questions ? lens->n_questions : 1, sizeof *doc->priority);
   doc->n_priority = Profile_mark(doc->profile, lens, doc->answers, doc->n_answers, doc->priority);
   return STORE_OK;
}

void ProfileDoc_free(ProfileDoc *doc)
{
   Profile_free(doc->profile);
   free(doc->text);
   ContextAnswer_freeArray(doc->answers, doc->n_answers);
   free(doc->priority);
   memset(doc, 0, sizeof *doc);
}

const char *ProfileDoc_choice(const ProfileDoc *doc, const char *question)
{
   for (size_t i = 0; i < doc->n_answers; i++)
      if (strcmp(doc->answers[i].question, question) == 0)
         return doc->answers[i].choice;
   return NULL;
}

int ProfileDoc_isPriority(const ProfileDoc *doc, size_t question)
{
   return doc && doc->priority && doc->priority[question] ? 1 : 0;
}

void ProfileDoc_counts(const ProfileDoc *doc, const Review *r, RiskCounts *out)
{
   memset(out, 0, sizeof *out);
   for (size_t i = 0; doc->priority && i < r->lens->n_questions; i++) {
      if (!doc->priority[i])
         continue;
      Risk risk = Question_risk(&r->lens->questions[i], &r->answers[i]);
      out->by_risk[risk]++;
      out->questions++;
      out->answered += risk != RISK_UNANSWERED;
   }
}

bool ProfileDoc_checkAnswers(const Profile *p, const ContextAnswer *a, size_t n, char **err)
{
   for (size_t i = 0; i < n; i++) {
      const ProfileQuestion *q = Profile_findQuestion(p, a[i].question, NULL);
      if (!q) {
         *err = xasprintf(_("profile '%s' has no context question '%s'"), p->key, a[i].question);
         return false;
      }
      if (ProfileQuestion_findChoice(q, a[i].choice) < 0) {
         *err = xasprintf(_("context question '%s' has no choice '%s'"), q->id, a[i].choice);
         return false;
      }
      for (size_t k = 0; k < i; k++)
         if (strcmp(a[k].question, a[i].question) == 0) {
            *err = xasprintf(_("context question '%s' is answered twice"), q->id);
            return false;
         }
   }
   return true;
}

bool ProfileDoc_parseContext(const Profile *p, const char *spec, ContextAnswer **out, size_t *n,
                             char **err)
{
   *out = NULL;
   *n = 0;
   size_t cap = 0;
   char *copy = xstrdup(spec ? spec : "");
   bool ok = true;
   for (char *save = NULL, *tok = strtok_r(copy, ",", &save); ok && tok;
        tok = strtok_r(NULL, ",", &save)) {
      char *eq = strchr(tok, '=');
      if (!eq || eq == tok || !eq[1]) {
         *err = xasprintf(_("'%s' is not QUESTION=CHOICE"), tok);
         ok = false;
         break;
      }
      *eq = '\0';
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      (*out)[*n].question = xstrdup(tok);
      (*out)[*n].choice = xstrdup(eq + 1);
      (*n)++;
   }
   free(copy);
   ok = ok && ProfileDoc_checkAnswers(p, *out, *n, err);
   if (!ok) {
      ContextAnswer_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return ok;
}

StoreStatus ProfileDoc_attach(Store *s, int64_t workload_id, const Profile *p, const char *text,
                              const ContextAnswer *a, size_t n, const char *user, char **err)
{
   if (!ProfileDoc_checkAnswers(p, a, n, err))
      return STORE_INVALID;
   StoreProfile sp = {.key = p->key,
                      .version = p->version,
                      .title = p->title,
                      .lens_key = p->lens_key,
                      .sha256 = (char *)p->sha256,
                      .text = (char *)text};
   int64_t id = 0;
   StoreStatus st = Store_putProfile(s, &sp, &id);
   if (st == STORE_OK)
      st = Store_setWorkloadProfile(s, workload_id, id, a, n, user);
   if (st != STORE_OK)
      *err = xstrdup(Store_lastError(s));
   return st;
}
