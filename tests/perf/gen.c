/* gen.c: builds a benchmark database with walens's own store code.
 *
 *   gen DB WORKLOADS MILESTONES
 *
 * Each workload "wNNNN" is on the default lens (the Machine Learning Lens),
 * every question answered (a fixed pseudo-random pick of practices, now and
 * then "None of these" or not applicable), every plan item tracked (status,
 * owner, due date, priority, note), and MILESTONES milestones taken while
 * the review was being answered, the last one after the tracking.  Every
 * write goes through the same calls the CLI and the TUI use (one
 * transaction each, with its history row), so the file is what real use
 * would leave behind.  Deterministic: the same arguments give the same
 * content (the clock is fixed).
 *
 * Run it on a fast file system (tmpfs): it commits once per write. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lens.h"
#include "core/plan.h"
#include "core/xalloc.h"
#include "store/plan.h"
#include "store/reviewdoc.h"
#include "store/store.h"

static const char *const users[] = {"alice", "bob", "chen", "dara", "emil", "fatou"};
#define N_USERS (sizeof users / sizeof users[0])

/* xorshift: the same sequence on every machine. */
static uint32_t next(uint32_t *s)
{
   *s ^= *s << 13;
   *s ^= *s >> 17;
   *s ^= *s << 5;
   return *s;
}

static void die(const char *what, StoreStatus st, const char *err)
{
   fprintf(stderr, "gen: %s: %s%s%s\n", what, Store_statusText(st), err ? ": " : "",
           err ? err : "");
   exit(1);
}

/* A plausible answer: most practices in place, some not, now and then
 * "None of these" or the whole question not applicable. */
static void pickAnswer(const Question *q, Answer *a, uint32_t *rng)
{
   uint32_t r = next(rng) % 100;

   memset(a->choices, CHOICE_UNSELECTED, q->n_choices);
   a->not_applicable = false;
   a->reason = NA_NONE;
   if (r < 4) {
      a->not_applicable = true;
      a->reason = NA_OUT_OF_SCOPE;
      return;
   }
   for (size_t i = 0; i < q->n_choices; i++) {
      if (r < 12 && q->choices[i].is_none) {
         a->choices[i] = CHOICE_SELECTED;
         return;
      }
   }
   for (size_t i = 0; i < q->n_choices; i++)
      if (!q->choices[i].is_none && next(rng) % 100 < 55)
         a->choices[i] = CHOICE_SELECTED;
   /* Nothing picked: the first practice, so that the question counts as answered. */
   if (memchr(a->choices, CHOICE_SELECTED, q->n_choices) == NULL)
      a->choices[0] = CHOICE_SELECTED;
}

static void answerOne(Store *s, ReviewDoc *doc, size_t qi, uint32_t *rng, const char *user)
{
   const Question *q = &doc->lens->questions[qi];
   Answer a;
   char *notes = NULL;
   StoreStatus st;

   a.choices = xmalloc(q->n_choices + 1);
   pickAnswer(q, &a, rng);
   if (next(rng) % 3 == 0)
      notes = xasprintf("Reviewed with the team; see ticket ML-%u for the follow-up.",
                        (unsigned)(next(rng) % 10000));
   st = ReviewDoc_putAnswer(s, doc, qi, &a, notes, user);
   if (st != STORE_OK)
      die(q->id, st, Store_lastError(s));
   free(notes);
   free(a.choices);
}

static void milestone(Store *s, ReviewDoc *doc, int m)
{
   char name[32];
   char *err = NULL;
   StoreStatus st;

   snprintf(name, sizeof name, "sprint %02d", m + 1);
   st = StorePlan_addMilestone(s, doc, name, users[m % N_USERS], NULL, &err);
   if (st != STORE_OK)
      die(name, st, err);
}

/* Every item of the plan gets a status, an owner, a due date, a priority, a note. */
static void trackAll(Store *s, ReviewDoc *doc, uint32_t *rng)
{
   static const PlanStatus statuses[] = {PLAN_OPEN, PLAN_IN_PROGRESS, PLAN_DONE, PLAN_RISK_ACCEPTED,
                                         PLAN_WONT_DO};
   Plan plan;
   char *err = NULL;
   StoreStatus st = StorePlan_load(s, doc, &plan, &err);

   if (st != STORE_OK)
      die("plan", st, err);
   for (size_t i = 0; i < plan.n; i++) {
      PlanTrack t;
      PlanTrack_copy(&t, &plan.items[i].track);
      t.status = statuses[next(rng) % 5];
      free(t.owner);
      t.owner = xstrdup(users[next(rng) % N_USERS]);
      free(t.due);
      t.due = xasprintf("2027-%02u-%02u", 1 + next(rng) % 12, 1 + next(rng) % 28);
      t.priority = 1 + (int)(next(rng) % 5);
      free(t.note);
      t.note = xstrdup("Owner agreed; budget requested in the quarterly planning.");
      st = StorePlan_put(s, doc, &t, t.owner, NULL, &err);
      if (st != STORE_OK)
         die(t.question_id, st, err);
      PlanTrack_free(&t);
   }
   Plan_free(&plan);
}

static void makeWorkload(Store *s, int64_t lens_id, int i, int milestones)
{
   char name[32];
   Workload w = {0};
   ReviewDoc doc;
   DiagList diags;
   char *err = NULL;
   uint32_t rng = 2463534242u ^ (uint32_t)(i * 2654435761u);
   StoreStatus st;
   size_t n, done = 0;

   snprintf(name, sizeof name, "w%04d", i);
   w.name = name;
   w.description = "A generated workload for the benchmark";
   w.environment = i % 3 ? "production" : "preproduction";
   w.owner = (char *)users[i % N_USERS];
   st = Store_addWorkload(s, &w, lens_id, users[i % N_USERS], NULL);
   if (st != STORE_OK)
      die(name, st, Store_lastError(s));
   DiagList_init(&diags);
   st = ReviewDoc_load(s, name, &doc, &diags, &err);
   DiagList_free(&diags);
   if (st != STORE_OK)
      die(name, st, err);
   n = doc.lens->n_questions;
   /* Milestones 1 .. M-1 while answering, the last after the tracking. */
   for (int m = 0; m < milestones - 1; m++) {
      size_t upto = n * (size_t)(m + 1) / (size_t)(milestones > 1 ? milestones - 1 : 1);
      for (; done < upto; done++)
         answerOne(s, &doc, done, &rng, users[(done + (size_t)i) % N_USERS]);
      milestone(s, &doc, m);
   }
   for (; done < n; done++)
      answerOne(s, &doc, done, &rng, users[(done + (size_t)i) % N_USERS]);
   trackAll(s, &doc, &rng);
   if (milestones > 0)
      milestone(s, &doc, milestones - 1);
   ReviewDoc_free(&doc);
}

int main(int argc, char **argv)
{
   Store *s;
   char *err = NULL;
   DiagList diags;
   int64_t lens_id = 0;
   StoreStatus st;
   int n, milestones;

   if (argc != 4) {
      fprintf(stderr, "usage: gen DB WORKLOADS MILESTONES\n");
      return 2;
   }
   n = atoi(argv[2]);
   milestones = atoi(argv[3]);
   st = Store_open(argv[1], 0, &s, &err);
   if (st != STORE_OK)
      die(argv[1], st, err);
   Store_setNow(s, "2026-11-28T10:00:00Z");
   DiagList_init(&diags);
   st = ReviewDoc_resolveLens(s, NULL, &lens_id, &diags, &err);
   DiagList_free(&diags);
   if (st != STORE_OK)
      die("lens", st, err);
   for (int i = 1; i <= n; i++) {
      st = Store_batchBegin(s);
      if (st != STORE_OK)
         die("begin", st, Store_lastError(s));
      makeWorkload(s, lens_id, i, milestones);
      st = Store_batchEnd(s, STORE_OK);
      if (st != STORE_OK)
         die("commit", st, Store_lastError(s));
      if (i % 1000 == 0 || (n <= 1000 && i % 100 == 0))
         fprintf(stderr, "gen: %d/%d workloads\n", i, n);
   }
   Store_close(s);
   return 0;
}
