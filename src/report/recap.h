/* recap.h: what a workshop did, for the mail that goes out the day after
 * (walens report --recap): who attended and for how long, the agenda and
 * the time spent, the questions answered or changed with their risk before
 * and after, new high and medium risks, plan items created or assigned,
 * parked points, polls and how split they were, what is left unanswered.
 *
 * A Recap owns everything it holds; recap.c's recapFree releases it. */
#ifndef WALENS_REPORT_RECAP_H
#define WALENS_REPORT_RECAP_H

#include <stdbool.h>
#include <stdio.h>

#include "report/report.h"
#include "store/reviewdoc.h"
#include "store/store.h"

typedef struct RecapPerson {
   char *user;
   char *first, *last; /* their first and last recorded act in the span */
   size_t acts;        /* changes, parked points and ballots */
} RecapPerson;

typedef struct RecapItem {
   char *kind, *label;
   int minutes;
   long long spent_s;
   bool current;
} RecapItem;

typedef struct RecapQuestion {
   size_t q; /* index into the lens's questions */
   Risk before, after;
   size_t changes;
   bool from_poll; /* one of its changes accepted a poll */
} RecapQuestion;

typedef struct RecapPlan {
   char *question, *choice, *owner, *due, *status, *by, *at;
} RecapPlan;

typedef struct RecapPoll {
   Poll poll;
   size_t split; /* practices the ballots did not agree on */
} RecapPoll;

typedef struct Recap {
   ReviewDoc doc;
   char *since; /* YYYY-MM-DD, or NULL for the whole history */
   char *now;
   RecapPerson *people;
   size_t n_people;
   RecapItem *agenda;
   size_t n_agenda;
   RecapQuestion *questions; /* in lens order */
   size_t n_questions;
   RecapPlan *plan;
   size_t n_plan;
   Parked *parked;
   size_t n_parked;
   RecapPoll *polls;
   size_t n_polls;
   size_t *unanswered; /* question indexes */
   size_t n_unanswered;
} Recap;

/* Is r a new high or medium risk (worse than before)? */
bool RecapQuestion_isNewRisk(const RecapQuestion *r);

/* Builds the recap of workload since the day since (NULL: everything) and
 * writes it in format (text, md, html or json; csv is refused) to path
 * ("-" or NULL: stdout) as Report_writeFile does.  False with *err. */
bool Recap_writeFile(Store *s, const char *workload, const char *since, ReportFormat format,
                     const char *path, bool force, char **err);

/* The text recap (as Recap_writeFile writes it) in memory, for the TUI;
 * NULL with *err.  Caller frees. */
char *Recap_text(Store *s, const char *workload, const char *since, char **err);

/* The writers (recap_write.c). */
bool RecapText_write(const Recap *r, FILE *f);
bool RecapMd_write(const Recap *r, FILE *f);
bool RecapHtml_write(const Recap *r, FILE *f);
bool RecapJson_write(const Recap *r, FILE *f);

#endif
