/* reviewdoc.h: one workload's review in memory: its lens (parsed from the
 * text the review is pinned to), its answers as core sees them, and what the
 * store knows of each (notes, row version, who and when).  The layer the CLI
 * and the TUI share, so neither re-implements loading or the write rules.
 *
 * A ReviewDoc owns everything it holds; ReviewDoc_free() releases it. */
#ifndef WALENS_STORE_REVIEWDOC_H
#define WALENS_STORE_REVIEWDOC_H

#include "core/lens.h"
#include "core/review.h"
#include "store/count.h"
#include "store/store.h"

typedef struct ReviewDoc {
   Workload workload;
   Lens *lens;
   Review review; /* answers in lens->questions order */
   StoredAnswer
      *stored; /* lens->n_questions, aligned with review.answers; version 0 = never written */
   /* lens->n_questions flags, aligned with review.answers: marked for
    * re-review by a lens upgrade (store/upgrade.h); refreshed with the answers. */
   bool *needs_review;
   /* The lens came with an imported bundle (store.h, StoreLens): it serves
    * this review only and is not one the user chose to trust; screens and
    * `status` say so beside its name. */
   bool lens_from_bundle;
} ReviewDoc;

/* Loads the workload by name.  Lens text problems go to diags. */
StoreStatus ReviewDoc_load(Store *s, const char *workload, ReviewDoc *out, DiagList *diags,
                           char **err);
/* One review's line in a list, without parsing its lens again: the risk
 * counts of w's current review and who made its newest change and when
 * (Store_lastChange: answers, plan tracking, milestones, the workload's own
 * changes alike; w's updated_at/by when it has no history; *last_at and
 * *last_by allocated, NULL on failure).  lens is w's lens (w->lens_id),
 * parsed once by the caller for every review on it. */
StoreStatus ReviewDoc_summary(Store *s, const Workload *w, const Lens *lens, RiskCounts *counts,
                              char **last_at, char **last_by);

/* ReviewDoc_summary for many reviews at once, from the counts kept for
 * each review (store/count.h) and its newest history row, in one query; a
 * review whose kept counts are out of date (written by an import, an
 * upgrade, an older walens) is counted again on its lens and its counts
 * recorded, when the store may be written. */
typedef struct ReviewSummary {
   const Workload *w;       /* in, borrowed */
   const Lens *lens;        /* in, borrowed: w's lens, as for ReviewDoc_summary; may be
                               NULL, and then a row that needs counting is only marked stale */
   RiskCounts counts;       /* out */
   char *last_at, *last_by; /* out, allocated; NULL on failure */
   bool stale;              /* out: lens was NULL and the row needs counting (counts zero) */
} ReviewSummary;

/* Fills every row's out fields with what ReviewDoc_summary gives for it.
 * Two rows must not share a review.  A caller that parses lenses only when
 * it must passes NULL lenses, then again the rows marked stale with theirs. */
StoreStatus ReviewDoc_summaries(Store *s, ReviewSummary *rows, size_t n);

/* A review's counts as kept in the store (store/count.h), as RiskCounts. */
void ReviewDoc_countsFromKept(const StoreCounts *kept, RiskCounts *out);

/* The check behind `walens doctor`: every current review's answers counted
 * again on its lens and compared with the counts kept for it (count.h).
 * *checked is the number of reviews counted, *drifted those whose kept row
 * was missing, stale or wrong; with repair, they are written right in the
 * same transaction as the counting.  A review whose lens does not load is
 * left out (and not counted as checked). */
StoreStatus ReviewDoc_checkCounts(Store *s, bool repair, size_t *checked, size_t *drifted);

/* review_id's answers as stored now, on lens, into *out (Review_init'ed
 * here; the caller frees it with Review_free).  Questions lens does not
 * have are left out. */
StoreStatus ReviewDoc_readReview(Store *s, int64_t review_id, const Lens *lens, Review *out);

/* Re-reads the answers and re-review marks (after Store_changedElsewhere()). */
StoreStatus ReviewDoc_reloadAnswers(Store *s, ReviewDoc *doc);
void ReviewDoc_free(ReviewDoc *doc);
/* A stored answer in core form, for q (a->choices has room for its
 * choices); unknown choice ids are skipped.  The one reading the CLI's
 * retries use too. */
void ReviewDoc_answerFromStored(const Question *q, const StoredAnswer *sa, Answer *a);
/* The lens stored under id, parsed; NULL when it cannot be read or does
 * not load (its diagnostics dropped: callers show such a review as
 * unreadable).  The caller owns it (Lens_free). */
Lens *ReviewDoc_loadLens(Store *s, int64_t id);

/* Writes question q's new answer and notes (notes NULL keeps the current
 * ones) with the row version the doc holds.  On STORE_CONFLICT nothing is
 * written and doc->stored[q] / doc->review.answers[q] are refreshed to the
 * other writer's version, so the caller can show it. */
StoreStatus ReviewDoc_putAnswer(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                const char *notes, const char *user);

/* Writes the note of practice `choice` of question q (text NULL or ""
 * removes it) as a change from the note doc holds, merged like
 * ReviewDoc_mergeChoiceNote: STORE_CONFLICT (nothing written, doc
 * refreshed) when someone else changed that note meanwhile. */
StoreStatus ReviewDoc_putChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                    const char *text, const char *user);
/* Merges a change of practice `choice`'s note of question q, from
 * base_text (the note the edit started from) to text, into the stored
 * answer as an intent (Store_mergeAnswer): everything else others changed
 * stays; someone else's change of the same note meanwhile is a
 * STORE_CLASH_CHOICE_NOTE in *out, with nothing written.  doc holds q as
 * stored afterwards (StoreMerge_free). */
StoreStatus ReviewDoc_mergeChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                      const char *text, const char *base_text, const char *user,
                                      const char *extra, StoreMerge *out);
/* Ends the review's running poll on question q by merging a into its
 * answer as an intent from the answer doc holds (notes and practice notes
 * kept; what others changed meanwhile stays), the history row marked with
 * extra's members (Store_acceptPoll).  STORE_CONFLICT, nothing written and
 * the poll still running, when a part clashes (Store_lastError names it);
 * refreshes q as ReviewDoc_putAnswer does. */
StoreStatus ReviewDoc_acceptPoll(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                 const char *user, const char *extra);
/* The note of practice `choice` of question q, or NULL (borrowed). */
const char *ReviewDoc_choiceNote(const ReviewDoc *doc, size_t q, size_t choice);
/* Merges question q's new answer a (and notes unless NULL) into the stored
 * one as an intent (Store_mergeAnswer): the base is the answer doc holds
 * for q, with notes_base as the notes the writer started from (NULL: the
 * doc's notes).  Afterwards doc holds q as stored, with everything others
 * wrote.  *out says what clashed and was not written (StoreMerge_free). */
StoreStatus ReviewDoc_mergeAnswer(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                  const char *notes, const char *notes_base, const char *user,
                                  const char *extra, StoreMerge *out);
/* ReviewDoc_mergeAnswer that also sets the short text beside the
 * not-applicable reason (StoredAnswer.na_note): na_note NULL keeps the text
 * doc holds, "" removes it; an applicable answer is written without one.  The
 * text is a part of its own in the merge: someone else's change of it
 * meanwhile is a STORE_CLASH_NA_NOTE, not written. */
StoreStatus ReviewDoc_mergeAnswerNa(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                    const char *notes, const char *notes_base, const char *na_note,
                                    const char *user, const char *extra, StoreMerge *out);
/* ReviewDoc_mergeAnswer for callers that only need to know whether all of
 * it was written: STORE_CONFLICT when a part clashed (the rest is written,
 * doc holds the stored answer). */
StoreStatus ReviewDoc_putAnswer(Store *s, ReviewDoc *doc, size_t q, const Answer *a,
                                const char *notes, const char *user);

/* Reverts the answer or plan change recorded as history_id (Store_revert,
 * marked with mark: "revert_of" or "undo_of").  Refused with *err set and
 * nothing written: an unknown id (STORE_NOT_FOUND), a change of another
 * workload (STORE_NOT_FOUND), another kind of change or a question the
 * review's lens no longer has after an upgrade (STORE_INVALID).  doc holds
 * the question as stored afterwards. */
StoreStatus ReviewDoc_revert(Store *s, ReviewDoc *doc, int64_t history_id, const char *mark,
                             const char *user, StoreMerge *out, char **err);

/* Restores question q's notes to what they were after the answer change
 * recorded as history_id: a new change from notes_base (the notes the user
 * saw; NULL: the doc's) to that text, merged like any edit of the notes
 * (ReviewDoc_mergeAnswer; its history row says "restore_of").  *text gets
 * the restored text (allocated; "" for none) on STORE_OK, *out what merged
 * or clashed.  Refused with *err set and nothing written: an unknown id or
 * one of another workload (STORE_NOT_FOUND), a change that is not of q's
 * answer (STORE_INVALID). */
StoreStatus ReviewDoc_restoreNotes(Store *s, ReviewDoc *doc, size_t q, int64_t history_id,
                                   const char *notes_base, const char *user, StoreMerge *out,
                                   char **text, char **err);

/* ReviewDoc_restoreNotes for the note of practice `choice` of question q:
 * the note as the answer change history_id left it ("" when it had none),
 * written as a change from base_text (the note the user saw; NULL: the
 * doc's) by ReviewDoc_mergeChoiceNote, marked "restore_of".  Someone
 * else's change of that note since is a STORE_CLASH_CHOICE_NOTE in *out,
 * nothing written.  The same refusals as ReviewDoc_restoreNotes. */
StoreStatus ReviewDoc_restoreChoiceNote(Store *s, ReviewDoc *doc, size_t q, size_t choice,
                                        int64_t history_id, const char *base_text, const char *user,
                                        StoreMerge *out, char **text, char **err);

/* Resolves a lens argument: a file path (contains '/' or ends in .yaml,
 * .yml, .json), else a key among the user lens dir, the system lens dir and
 * the embedded default (first match wins), else the key of a lens stored in
 * the database.  NULL key means the default lens.  Stores the text and
 * returns its row id.  Problems go to diags / *err. */
StoreStatus ReviewDoc_resolveLens(Store *s, const char *lens_arg, int64_t *lens_id, DiagList *diags,
                                  char **err);

#endif
