/* template.h (store): review templates, named sets of answers and notes
 * for some questions of one lens text, owned by a platform team and
 * pre-filled into new workloads.
 *
 * A template keeps every revision: `template create` again under the same
 * name stores revision N+1.  Each workload made from a template remembers
 * the revision it has, and each answer a template wrote remembers the
 * answer row version it wrote, so that:
 *   - the question screen and the history say "from template NAME" while
 *     the answer is as the template wrote it;
 *   - StoreTemplate_apply offers a new revision to the workloads that
 *     still hold the old revision's answer, and leaves alone (listing them)
 *     those where a reviewer changed it.
 * Answers are compared by content (TemplateAnswer_canonical): what was
 * selected or marked not applicable (in any order), the reason, the notes
 * and the practices' notes. */
#ifndef WALENS_STORE_TEMPLATE_H
#define WALENS_STORE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

typedef struct TemplateInfo {
   int64_t id, lens_id;
   char *name;
   int revision; /* the newest */
   size_t n_questions;
   char *created_at, *created_by, *updated_at, *updated_by;
   size_t n_workloads; /* workloads made from it */
} TemplateInfo;

void TemplateInfo_free(TemplateInfo *t);
void TemplateInfo_freeArray(TemplateInfo *a, size_t n);

/* The canonical text of an answer (JSON, arrays sorted): two answers are
 * the same answer when their texts are equal.  Caller frees; NULL when the
 * answer's text is not valid UTF-8. */
char *TemplateAnswer_canonical(const StoredAnswer *a);
/* The answer of question_id a canonical text holds (owned by *out), or
 * false when the text is not one. */
bool TemplateAnswer_parse(const char *text, const char *question_id, StoredAnswer *out);

/* Stores answers (question ids unique, each answer valid) under name (in
 * normal form, core/names.h) for lens_id: revision 1 of a new template, or
 * the next revision of an existing one, which must be on the same lens
 * (STORE_INVALID otherwise).  A revision equal to the newest one stores
 * nothing (*revision is the newest). */
StoreStatus StoreTemplate_save(Store *s, const char *name, int64_t lens_id,
                               const StoredAnswer *answers, size_t n, const char *user,
                               int *revision);
/* Every template by name. */
StoreStatus StoreTemplate_list(Store *s, TemplateInfo **out, size_t *n);
/* STORE_NOT_FOUND when there is none by that name. */
StoreStatus StoreTemplate_find(Store *s, const char *name, TemplateInfo *out);
/* The answers of one revision, by question id. */
StoreStatus StoreTemplate_answers(Store *s, int64_t template_id, int revision, StoredAnswer **out,
                                  size_t *n);

/* Writes the newest revision's answers into a review that has none of
 * them yet (a new workload), in one transaction, each with history "from
 * template NAME", and records the review as made from it. */
StoreStatus StoreTemplate_fill(Store *s, int64_t review_id, const TemplateInfo *t, const char *user,
                               size_t *written);

typedef enum {
   TEMPLATE_UPDATE, /* the workload held the old answer: the new one is (to be) written */
   TEMPLATE_KEPT,   /* a reviewer changed the answer: left alone */
} TemplateOfferKind;

typedef struct TemplateOffer {
   char *workload, *question_id;
   TemplateOfferKind kind;
   int from_revision;
} TemplateOffer;

void TemplateOffer_freeArray(TemplateOffer *a, size_t n);

/* The newest revision against every workload made from an older one, by
 * workload name then question id: TEMPLATE_UPDATE where the workload still
 * holds the answer of the revision it has (or the question is unanswered
 * and the old revision had none), TEMPLATE_KEPT where it differs from both
 * the old and the new answer.  Questions already as the new revision are
 * not listed.  With write, in one transaction, the updates are written
 * (history "from template NAME") and every such workload moves to the
 * newest revision; without, nothing changes. */
StoreStatus StoreTemplate_apply(Store *s, const TemplateInfo *t, bool write, const char *user,
                                TemplateOffer **out, size_t *n);

/* The name of the template a review's answer to question_id came from,
 * while the answer is as the template wrote it (*name owned; NULL when
 * none). */
StoreStatus StoreTemplate_source(Store *s, int64_t review_id, const char *question_id, char **name);

/* ---- bundles (walens export / import) ---- */

/* The template a review was made from, as a bundle carries it: its name,
 * the revision the review has and that revision's answers (by question
 * id), and the questions whose answer is still as the template wrote it. */
typedef struct TemplateImport {
   const char *name;
   int revision;
   const StoredAnswer *answers;
   size_t n;
   char *const *from; /* question ids */
   size_t n_from;
} TemplateImport;

/* Fills a TemplateImport (every pointer owned: TemplateImport_freeOwned)
 * for review_id; STORE_NOT_FOUND when the review was made from none. */
StoreStatus StoreTemplate_ofReview(Store *s, int64_t review_id, TemplateImport *out);
void TemplateImport_freeOwned(TemplateImport *t);

#endif
