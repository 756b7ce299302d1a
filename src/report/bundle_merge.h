/* bundle_merge.h: the merge of a checked bundle into the workload it came
 * from (private to src/report: bundle.c reads the bundle, bundle_merge.c
 * checks it against the database and merges). */
#ifndef WALENS_REPORT_BUNDLE_MERGE_H
#define WALENS_REPORT_BUNDLE_MERGE_H

#include "report/bundle.h"
#include "store/import.h"

/* in: the bundle as Bundle_import would write it (see Bundle_mergeInto). */
StoreStatus BundleMerge_run(Store *s, const StoreImport *in, const char *workload,
                            BundlePrefer prefer, const char *user, BundleMerge *out, char **err);

/* The same with a decision for each clash (Bundle_mergeDecided). */
StoreStatus BundleMerge_runDecided(Store *s, const StoreImport *in, const char *workload,
                                   const BundleDecision *d, size_t n, bool dry_run,
                                   const char *user, BundleMerge *out, char **err);

/* One answer's merge: the change from base (NULL: an unanswered question)
 * to theirs applied to the answer here (Store_mergeAnswer, extra marking
 * its history rows); each clash goes to out with both values, and with
 * BUNDLE_PREFER_THEIRS the clashing parts are then set to theirs.  *wrote
 * says whether the answer changed.  The caller holds the transaction. */
StoreStatus BundleMerge_answer(Store *s, int64_t review_id, const StoredAnswer *base,
                               const StoredAnswer *theirs, BundlePrefer prefer, const char *user,
                               const char *extra, BundleMerge *out, bool *wrote);
/* An answer as a history row's JSON state records it; false (and out holds
 * only question_id) when text is not such an object.  out is freed with
 * StoredAnswer_free either way. */
bool BundleMerge_answerFromJson(const char *text, const char *qid, StoredAnswer *out);

#endif
