/* recap.c: the model of a workshop's recap (see recap.h), read in one
 * snapshot of the store. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agendafile.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/outfile.h"
#include "report/recap.h"
#include "store/workshop.h"

static bool inSpan(const Recap *r, const char *at)
{
   return at && (!r->since || strcmp(at, r->since) >= 0);
}

static RecapPerson *person(Recap *r, const char *user)
{
   for (size_t i = 0; i < r->n_people; i++)
      if (strcmp(r->people[i].user, user) == 0)
         return &r->people[i];
   r->people = xrealloc(r->people, (r->n_people + 1) * sizeof *r->people);
   RecapPerson *p = &r->people[r->n_people++];
   memset(p, 0, sizeof *p);
   p->user = xstrdup(user);
   return p;
}

/* Counts one act of user at `at` (inside the span). */
static void acted(Recap *r, const char *user, const char *at)
{
   if (!user || !inSpan(r, at))
      return;
   RecapPerson *p = person(r, user);
   if (!p->first || strcmp(at, p->first) < 0) {
      free(p->first);
      p->first = xstrdup(at);
   }
   if (!p->last || strcmp(at, p->last) > 0) {
      free(p->last);
      p->last = xstrdup(at);
   }
   p->acts++;
}

static int byUser(const void *a, const void *b)
{
   return strcmp(((const RecapPerson *)a)->user, ((const RecapPerson *)b)->user);
}

/* The risk an answer's history state (JSON text) had; UNANSWERED for none. */
static Risk riskOf(const Question *q, const char *state)
{
   json_t *o = state ? json_loads(state, 0, NULL) : NULL;
   Answer a = {.choices = xcalloc(q->n_choices + 1, 1)};
   a.not_applicable = json_is_true(json_object_get(o, "not_applicable"));
   size_t i;
   json_t *v;
   json_array_foreach(json_object_get(o, "selected"), i, v)
   {
      int c = Question_findChoice(q, json_string_value(v));
      if (c >= 0)
         a.choices[c] = CHOICE_SELECTED;
   }
   json_array_foreach(json_object_get(o, "na_choices"), i, v)
   {
      int c = Question_findChoice(q, json_string_value(v));
      if (c >= 0)
         a.choices[c] = CHOICE_NA;
   }
   Risk risk = Question_risk(q, &a);
   free(a.choices);
   json_decref(o);
   return risk;
}

static RecapQuestion *questionOf(Recap *r, bool *seen, size_t q)
{
   if (!seen[q]) {
      seen[q] = true;
      r->questions = xrealloc(r->questions, (r->n_questions + 1) * sizeof *r->questions);
      RecapQuestion *rq = &r->questions[r->n_questions++];
      memset(rq, 0, sizeof *rq);
      rq->q = q;
      return rq;
   }
   for (size_t i = 0; i < r->n_questions; i++)
      if (r->questions[i].q == q)
         return &r->questions[i];
   return NULL;
}

static int byLensOrder(const void *a, const void *b)
{
   size_t x = ((const RecapQuestion *)a)->q, y = ((const RecapQuestion *)b)->q;
   return x < y ? -1 : x > y;
}

static char *jsonStr(json_t *o, const char *key)
{
   const char *s = json_string_value(json_object_get(o, key));
   return s ? xstrdup(s) : NULL;
}

static void addPlan(Recap *r, const HistoryEntry *e)
{
   json_t *a = e->after ? json_loads(e->after, 0, NULL) : NULL;
   const char *slash = e->object ? strchr(e->object, '/') : NULL;
   if (json_is_object(a) && slash) {
      r->plan = xrealloc(r->plan, (r->n_plan + 1) * sizeof *r->plan);
      RecapPlan *p = &r->plan[r->n_plan++];
      p->question = xstrndup(e->object, (size_t)(slash - e->object));
      p->choice = xstrdup(slash + 1);
      p->owner = jsonStr(a, "owner");
      p->due = jsonStr(a, "due");
      p->status = jsonStr(a, "status");
      p->by = xstrdup(e->user);
      p->at = xstrdup(e->at);
   }
   json_decref(a);
}

static void addAnswer(Recap *r, bool *seen, const HistoryEntry *e)
{
   size_t q;
   const Question *question = Lens_findQuestion(r->doc.lens, e->object, &q);
   if (!question)
      return;
   RecapQuestion *rq = questionOf(r, seen, q);
   if (rq->changes++ == 0)
      rq->before = riskOf(question, e->before);
   rq->after = Question_risk(question, &r->doc.review.answers[q]);
   if (e->after && strstr(e->after, "\"poll\":{"))
      rq->from_poll = true;
}

static StoreStatus readHistory(Store *s, Recap *r)
{
   HistoryEntry *h;
   size_t n;
   StoreStatus st = Store_history(s, r->doc.workload.review_id, NULL, &h, &n);
   if (st != STORE_OK)
      return st;
   bool *seen = xcalloc(r->doc.lens->n_questions + 1, sizeof *seen);
   for (size_t i = 0; i < n; i++) {
      if (!inSpan(r, h[i].at))
         continue;
      acted(r, h[i].user, h[i].at);
      if (h[i].kind && strcmp(h[i].kind, "answer") == 0)
         addAnswer(r, seen, &h[i]);
      else if (h[i].kind && strcmp(h[i].kind, "plan") == 0)
         addPlan(r, &h[i]);
   }
   free(seen);
   HistoryEntry_freeArray(h, n);
   if (r->n_questions)
      qsort(r->questions, r->n_questions, sizeof *r->questions, byLensOrder);
   return STORE_OK;
}

static StoreStatus readAgenda(Store *s, Recap *r)
{
   Agenda a;
   StoreStatus st = Store_getAgenda(s, r->doc.workload.id, &a);
   if (st != STORE_OK)
      return st;
   r->agenda = xcalloc(a.n + 1, sizeof *r->agenda);
   for (size_t i = 0; i < a.n; i++) {
      RecapItem *it = &r->agenda[r->n_agenda++];
      it->kind = xstrdup(a.items[i].kind);
      it->label =
         AgendaFile_label(r->doc.lens, a.items[i].kind, a.items[i].target, a.items[i].title);
      it->minutes = a.items[i].minutes;
      it->spent_s = (long long)Agenda_spent(&a, i, r->now);
      it->current = (long)i == a.current;
   }
   Agenda_free(&a);
   return STORE_OK;
}

/* Frees one point that stays out of the recap (Parked_freeArray owns the
 * field list). */
static void dropParked(const Parked *p)
{
   Parked *one = xmalloc(sizeof *one);
   *one = *p;
   Parked_freeArray(one, 1);
}

static StoreStatus readParked(Store *s, Recap *r)
{
   Parked *p;
   size_t n;
   StoreStatus st = Store_listParked(s, r->doc.workload.id, &p, &n);
   if (st != STORE_OK)
      return st;
   r->parked = xcalloc(n + 1, sizeof *r->parked);
   for (size_t i = 0; i < n; i++) {
      if (inSpan(r, p[i].at)) {
         acted(r, p[i].user, p[i].at);
         r->parked[r->n_parked++] = p[i];
      } else
         dropParked(&p[i]);
   }
   free(p);
   return STORE_OK;
}

static StoreStatus readPolls(Store *s, Recap *r)
{
   Poll *p;
   size_t n;
   StoreStatus st = Store_listPolls(s, r->doc.workload.review_id, &p, &n);
   if (st != STORE_OK)
      return st;
   r->polls = xcalloc(n + 1, sizeof *r->polls);
   for (size_t i = 0; i < n; i++) {
      const Question *q = Lens_findQuestion(r->doc.lens, p[i].question_id, NULL);
      if (!q || !inSpan(r, p[i].opened_at)) {
         Poll_free(&p[i]);
         continue;
      }
      for (size_t b = 0; b < p[i].n_ballots; b++)
         acted(r, p[i].ballots[b].user, p[i].ballots[b].cast_at);
      PollTally t;
      PollTally_make(q, &p[i], &t);
      r->polls[r->n_polls].split = t.split;
      r->polls[r->n_polls++].poll = p[i];
      PollTally_free(&t);
   }
   free(p);
   return STORE_OK;
}

static void readUnanswered(Recap *r)
{
   const Lens *lens = r->doc.lens;
   r->unanswered = xcalloc(lens->n_questions + 1, sizeof *r->unanswered);
   for (size_t q = 0; q < lens->n_questions; q++)
      if (Question_risk(&lens->questions[q], &r->doc.review.answers[q]) == RISK_UNANSWERED)
         r->unanswered[r->n_unanswered++] = q;
}

bool RecapQuestion_isNewRisk(const RecapQuestion *r)
{
   bool bad = r->after == RISK_HIGH || r->after == RISK_MEDIUM;
   bool was = r->before == RISK_HIGH || (r->before == RISK_MEDIUM && r->after == RISK_MEDIUM);
   return bad && !was;
}

static void recapFree(Recap *r)
{
   ReviewDoc_free(&r->doc);
   for (size_t i = 0; i < r->n_people; i++) {
      free(r->people[i].user);
      free(r->people[i].first);
      free(r->people[i].last);
   }
   free(r->people);
   for (size_t i = 0; i < r->n_agenda; i++) {
      free(r->agenda[i].kind);
      free(r->agenda[i].label);
   }
   free(r->agenda);
   free(r->questions);
   for (size_t i = 0; i < r->n_plan; i++) {
      RecapPlan *p = &r->plan[i];
      free(p->question), free(p->choice), free(p->owner), free(p->due);
      free(p->status), free(p->by), free(p->at);
   }
   free(r->plan);
   Parked_freeArray(r->parked, r->n_parked);
   for (size_t i = 0; i < r->n_polls; i++)
      Poll_free(&r->polls[i].poll);
   free(r->polls);
   free(r->unanswered);
   free(r->since);
   free(r->now);
}

static StoreStatus recapBuild(Store *s, const char *workload, const char *since, Recap *r,
                              char **err)
{
   memset(r, 0, sizeof *r);
   r->since = since ? xstrdup(since) : NULL;
   r->now = Store_now(s);
   StoreStatus st = Store_readBegin(s);
   DiagList d;
   DiagList_init(&d);
   if (st == STORE_OK)
      st = ReviewDoc_load(s, workload, &r->doc, &d, err);
   DiagList_free(&d);
   if (st == STORE_OK)
      st = readHistory(s, r);
   if (st == STORE_OK)
      st = readAgenda(s, r);
   if (st == STORE_OK)
      st = readParked(s, r);
   if (st == STORE_OK)
      st = readPolls(s, r);
   if (st == STORE_OK) {
      readUnanswered(r);
      if (r->n_people)
         qsort(r->people, r->n_people, sizeof *r->people, byUser);
   }
   (void)Store_readEnd(s);
   if (st != STORE_OK && err && !*err)
      *err = xstrdup(Store_lastError(s));
   return st;
}

bool Recap_writeFile(Store *s, const char *workload, const char *since, ReportFormat format,
                     const char *path, bool force, char **err)
{
   if (format == REPORT_CSV) {
      *err = xstrdup(_("the recap is written as text, md, html or json"));
      return false;
   }
   Recap r;
   if (recapBuild(s, workload, since, &r, err) != STORE_OK) {
      recapFree(&r);
      return false;
   }
   OutFile f;
   OutFileRules rules = {.force = force, .db_path = Store_path(s)};
   bool ok = OutFile_open(&f, path, &rules, err);
   if (ok) {
      bool wrote = format == REPORT_JSON   ? RecapJson_write(&r, f.fp)
                   : format == REPORT_MD   ? RecapMd_write(&r, f.fp)
                   : format == REPORT_HTML ? RecapHtml_write(&r, f.fp)
                                           : RecapText_write(&r, f.fp);
      if (!wrote) {
         *err = OutFile_writeError(path, errno);
         OutFile_finish(&f, false, NULL);
         ok = false;
      } else
         ok = OutFile_finish(&f, true, err);
   }
   recapFree(&r);
   return ok;
}

char *Recap_text(Store *s, const char *workload, const char *since, char **err)
{
   Recap r;
   if (recapBuild(s, workload, since, &r, err) != STORE_OK) {
      recapFree(&r);
      return NULL;
   }
   char *buf = NULL;
   size_t len = 0;
   FILE *f = open_memstream(&buf, &len);
   bool ok = f && RecapText_write(&r, f);
   if (f && fclose(f) != 0)
      ok = false;
   recapFree(&r);
   if (!ok) {
      free(buf);
      *err = xstrdup(_("the recap could not be written to memory"));
      return NULL;
   }
   return buf;
}
