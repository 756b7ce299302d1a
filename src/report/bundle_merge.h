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

#endif
