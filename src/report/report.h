/* report.h: the report of one workload's review and its writers
 * (walens report; the TUI's "write report" key).
 *
 * The model is built from a Snapshot (core/snapshot.h): the review as it is
 * now (StorePlan_snapshot) or as a milestone froze it, plus the workload's
 * properties, the lens for descriptions, improvement texts and links, the
 * phase x pillar matrix, the questions in review order and the trend over
 * the workload's milestones.  Writers only read the model:
 *
 *   text  for a printer: fixed width, pages of a fixed length separated by
 *         form feeds, a header and a footer (workload, date, "page N of M")
 *         on every page, words wrapped, no line wider than the width;
 *   md    CommonMark with GitHub tables, every lens and user text escaped;
 *   html  one self-contained file with print CSS, every text escaped;
 *   csv   RFC 4180, one row per active plan item (columns: doc/report-csv.md);
 *   json  the whole review (doc/report-json.md).
 *
 * A Report owns everything it holds (report.c frees it). */
#ifndef WALENS_REPORT_REPORT_H
#define WALENS_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/snapshot.h"
#include "store/reviewdoc.h"
#include "store/store.h"

typedef enum { REPORT_TEXT = 0, REPORT_MD, REPORT_HTML, REPORT_CSV, REPORT_JSON } ReportFormat;

/* "text", "md", "html", "csv", "json" (parse also takes "markdown", "txt"). */
bool ReportFormat_parse(const char *name, ReportFormat *out);
const char *ReportFormat_name(ReportFormat f);

#define REPORT_DEFAULT_WIDTH 80
#define REPORT_DEFAULT_PAGE_LENGTH 66
#define REPORT_MIN_WIDTH 40
#define REPORT_MAX_WIDTH 1000
#define REPORT_MIN_PAGE_LENGTH 12
#define REPORT_MAX_PAGE_LENGTH 10000

typedef struct ReportOptions {
   ReportFormat format;
   unsigned width;        /* text: columns; 0 = REPORT_DEFAULT_WIDTH */
   unsigned page_length;  /* text: lines a page; 0 = REPORT_DEFAULT_PAGE_LENGTH */
   bool plan_only;        /* just the improvement plan */
   const char *milestone; /* report this milestone instead of the review now */
   bool force;            /* Report_writeFile may replace an existing file */
   /* Only the plan items with this status (a PlanStatus_name) and owner;
    * NULL: every one.  The counts and the matrix stay the whole review's. */
   const char *status, *owner;
} ReportOptions;

/* A point of the trend: a milestone, or the review now (name NULL). */
typedef struct ReportTrend {
   char *name;
   char *date; /* YYYY-MM-DD */
   SnapCounts counts;
   bool reported; /* the state this report shows */
   bool damaged;  /* its snapshot could not be read: counts are zero, the
                     writers show the name and "damaged" instead */
} ReportTrend;

typedef struct Report {
   ReviewDoc doc; /* the workload and its current lens */
   Snapshot snap; /* the state reported */
   char date[11]; /* the report's date, YYYY-MM-DD by the store's clock */
   char *milestone, *milestone_at, *milestone_by; /* the milestone reported, or NULL */
   /* The phase x pillar matrix of snap: rows = max(1, phases), cols = pillars. */
   size_t rows, cols;
   MatrixCell *cells;  /* row-major; risk counts per cell */
   size_t *order;      /* snap.questions indexes in review order (phase, pillar, file) */
   ReportTrend *trend; /* milestones oldest first, then now (when not a milestone
                          report); empty when the workload has no milestones */
   size_t n_trend;
   /* The review's newest change (Store_lastChange: answers, plan,
    * milestones, the workload), else the workload row's; owned, may be NULL. */
   char *last_at, *last_by;
   /* "status open, owner bob" when ReportOptions filtered the plan; owned. */
   char *plan_filter;
   /* The workload's profile (store/profiledoc.h): its key, or NULL without
    * one, and snap.n_questions flags, true for a priority question (all
    * false without a profile).  The active plan items of priority questions
    * come first in snap.plan, each group in its former order. */
   char *profile_key;
   bool *priority;
} Report;

/* True when snapshot question i is a priority of the workload's profile. */
bool Report_isPriority(const Report *r, size_t snap_question);

/* The current lens's question and choice for a snapshot question and
 * choice, or NULL when the lens has no such id (a milestone taken before a
 * lens upgrade). */
const Question *Report_lensQuestion(const Report *r, size_t snap_question);
const Choice *Report_lensChoice(const Report *r, size_t snap_question, size_t snap_choice);
/* Where to read how to improve a practice: its improvement plan's url, else
 * its helpful resource's; only http:// and https:// URLs count; NULL when it
 * has neither. */
const char *Report_practiceLink(const Report *r, size_t snap_question, size_t snap_choice);
/* Checks opts (width and page length within their limits); false with *err. */
bool Report_checkOptions(const ReportOptions *opts, char **err);

/* Build + write to path ("-" or NULL: stdout) through a temporary file that
 * is renamed into place; on any failure nothing is left behind and *err
 * (caller frees) says why.  For the TUI's "write report" key. */
bool Report_writeFile(Store *s, const char *workload, const ReportOptions *opts, const char *path,
                      char **err);

#endif
