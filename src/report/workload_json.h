/* workload_json.h: a workload's properties as JSON, the one shape that
 * `walens workload list --format json`, the JSON report and review bundles
 * share (doc/report-json.md, doc/bundle.md). */
#ifndef WALENS_REPORT_WORKLOAD_JSON_H
#define WALENS_REPORT_WORKLOAD_JSON_H

#include <jansson.h>

#include "store/store.h"

/* The keys, in this order: name, description, environment, owner,
 * archived, created_at, created_by, updated_at, updated_by; a value that is
 * not set is null.  created_by is written only when it is not NULL: the
 * store API does not read it, and only bundles, which must restore it, pass
 * it.  The caller owns the object (json_decref). */
json_t *Workload_toJson(const Workload *w, const char *created_by);

#endif
