/* profiledoc.h: a workload's profile in memory: the profile parsed from the
 * text stored with the workload, its context answers, and the lens
 * questions they make a priority.  The layer the CLI, the TUI, the reports
 * and the bundles share.
 *
 * A ProfileDoc owns everything it holds; ProfileDoc_free() releases it. */
#ifndef WALENS_STORE_PROFILEDOC_H
#define WALENS_STORE_PROFILEDOC_H

#include "core/profile.h"
#include "core/review.h"
#include "store/store.h"

typedef struct ProfileDoc {
   Profile *profile; /* NULL when the workload has none */
   int64_t profile_id;
   char *text; /* the stored text */
   ContextAnswer *answers;
   size_t n_answers;
   bool *priority; /* lens->n_questions marks, or NULL without a profile */
   size_t n_priority;
} ProfileDoc;

/* Loads workload_id's profile and marks lens's questions.  A workload
 * without a profile is STORE_OK with doc->profile NULL.  A stored text that
 * no longer loads is STORE_INVALID with its diagnostics in diags. */
StoreStatus ProfileDoc_load(Store *s, int64_t workload_id, const Lens *lens, ProfileDoc *doc,
                            DiagList *diags);
void ProfileDoc_free(ProfileDoc *doc);

/* The choice made for context question q, or NULL (borrowed). */
const char *ProfileDoc_choice(const ProfileDoc *doc, const char *question);

/* Checks answers against the profile: each names one of its questions and
 * one of that question's choices, no question twice.  false with *err
 * (allocated) otherwise. */
bool ProfileDoc_checkAnswers(const Profile *p, const ContextAnswer *a, size_t n, char **err);

/* Parses "QUESTION=CHOICE,..." (blank or NULL: none) into answers checked
 * against p.  false with *err (allocated) on a malformed or unknown pair. */
bool ProfileDoc_parseContext(const Profile *p, const char *spec, ContextAnswer **out, size_t *n,
                             char **err);

/* Stores the profile text (as loaded into p) and makes it workload_id's,
 * with answers a[0..n) (checked here).  *err (allocated) on failure. */
StoreStatus ProfileDoc_attach(Store *s, int64_t workload_id, const Profile *p, const char *text,
                              const ContextAnswer *a, size_t n, const char *user, char **err);

/* Priority questions in the review's order of severity: 1 when question i
 * is a priority, 0 otherwise; 0 for every question without a profile (NULL
 * doc or marks). */
int ProfileDoc_isPriority(const ProfileDoc *doc, size_t question);

/* Review_counts over the priority questions alone (all zero without a
 * profile). */
void ProfileDoc_counts(const ProfileDoc *doc, const Review *r, RiskCounts *out);

#endif
