/* portfolio.h: every workload at once (walens report --all): the model and
 * its writers.
 *
 * The model is built from one pass over each database
 * (Store_scanPortfolio): a review's answers are turned into risks and
 * counted into the sums as soon as its rows have gone by, so the memory it
 * takes grows with the number of workloads (one small row each), not with
 * their answers.  Workloads are grouped by the lens text they are on (a
 * matrix only means something within one lens); a group holds
 *
 *   - the heat-map: for each phase x pillar cell, how many workloads have a
 *     HIGH question there, how many a MEDIUM one, how many one unanswered;
 *   - the practices most often missing: for each practice, in how many
 *     workloads its question is HIGH or MEDIUM without it (the plan items
 *     Plan_derive gives), the PORTFOLIO_TOP most frequent;
 *   - one row per workload: risk counts, answered share, last change, plan
 *     progress, latest milestone;
 *   - the trend: the group's totals at each month's end, from the newest
 *     milestone each workload had by then.
 *
 * Several databases are read one after the other into one model (each
 * opened read-only by the caller); a workload name found in more than one
 * is shown with its database.  A Portfolio owns everything it holds. */
#ifndef WALENS_REPORT_PORTFOLIO_H
#define WALENS_REPORT_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/lens.h"
#include "core/review.h"
#include "report/report.h"
#include "store/store.h"

#define PORTFOLIO_TOP 20

/* Which workloads; NULL fields match every workload. */
typedef struct PortfolioFilter {
   const char *lens;        /* lens key */
   const char *environment; /* "production" or "preproduction" */
   const char *owner;       /* exact owner */
   bool archived;           /* archived workloads too */
} PortfolioFilter;

typedef struct PortfolioCell {
   size_t high, medium, unanswered; /* workloads */
   bool questions;                  /* the cell has questions in the lens */
} PortfolioCell;

typedef struct PortfolioPractice {
   size_t question, choice; /* indexes into the group's lens */
   size_t count, high;      /* workloads missing it; of them at HIGH risk */
} PortfolioPractice;

typedef struct PortfolioRow {
   char *name;
   size_t db;                 /* index into Portfolio.dbs */
   bool clash;                /* the name is in more than one database: show db */
   char *environment, *owner; /* or NULL */
   bool archived;
   size_t by_risk[RISK_COUNT];
   size_t questions, answered;
   char *last_at, *last_by;
   size_t plan_open, plan_in_progress, plan_done, plan_overdue;
   char *milestone, *milestone_at; /* newest milestone, or NULL */
   /* With Portfolio.keep_cells: per cell (row-major) PORTFOLIO_CELL_* bits;
    * else NULL. */
   unsigned char *cells;
} PortfolioRow;

enum { PORTFOLIO_CELL_HIGH = 1, PORTFOLIO_CELL_MEDIUM = 2, PORTFOLIO_CELL_UNANSWERED = 4 };

typedef struct PortfolioMonth {
   char month[8];    /* YYYY-MM */
   size_t workloads; /* with a milestone by the month's end */
   size_t by_risk[RISK_COUNT];
   size_t questions;
} PortfolioMonth;

typedef struct PortfolioLens {
   Lens *lens; /* owned */
   size_t rows, cols;
   PortfolioCell *cells; /* rows * cols, row-major */
   PortfolioPractice *top;
   size_t n_top;
   PortfolioRow *wl; /* by name, then database */
   size_t n_wl;
   size_t by_risk[RISK_COUNT]; /* sums over the rows */
   size_t questions, answered;
   PortfolioMonth *trend; /* oldest first; empty without milestones */
   size_t n_trend;
   /* private to the build */
   size_t *missing, *missing_high; /* per flattened choice */
   size_t *choice_base;            /* per question: its first flattened choice */
   struct PortfolioMs *ms;
   size_t n_ms, cap_ms, cap_wl;
} PortfolioLens;

typedef struct Portfolio {
   char date[11]; /* YYYY-MM-DD by the first database's clock */
   char **dbs;    /* as given */
   size_t n_dbs;
   PortfolioFilter filter;
   bool keep_cells;       /* keep each row's cells (the TUI lists a cell's workloads) */
   PortfolioLens *lenses; /* by lens name, then version */
   size_t n_lenses;
   size_t cap_lenses;
} Portfolio;

/* Starts an empty portfolio; add each database, then finish. */
void Portfolio_init(Portfolio *p, const PortfolioFilter *filter);
/* Reads the workloads of s that pass the filter; label names the
 * database (copied).  On failure *err (caller frees) says why. */
StoreStatus Portfolio_add(Portfolio *p, Store *s, const char *label, char **err);
/* Sorts, picks the top practices, marks clashing names, builds the trends. */
void Portfolio_finish(Portfolio *p);
void Portfolio_free(Portfolio *p);

/* Writes p in opts->format (width and page length for text) to path ("-"
 * or NULL: stdout) through OutFile (outfile.h); rules as there.  False
 * with *err (caller frees). */
bool Portfolio_writeFile(const Portfolio *p, const ReportOptions *opts, const char *path,
                         const char *db_path, char **err);

/* The writers (portfolio_out.c, portfolio_json.c); false on a write error. */
bool PortfolioText_write(const Portfolio *p, const ReportOptions *o, FILE *f);
bool PortfolioMd_write(const Portfolio *p, FILE *f);
bool PortfolioHtml_write(const Portfolio *p, FILE *f);
bool PortfolioCsv_write(const Portfolio *p, FILE *f);
bool PortfolioJson_write(const Portfolio *p, FILE *f);

/* Shared wording: the name shown for a row ("NAME" or "NAME (DB)",
 * allocated); the lens heading "Name version (key)"; a phase's name (""
 * for a lens without phases). */
char *Portfolio_rowName(const Portfolio *p, const PortfolioRow *r);
char *Portfolio_lensTitle(const PortfolioLens *g);
const char *Portfolio_phaseName(const PortfolioLens *g, size_t row);
/* "3 workloads on 2 lenses." (allocated). */
char *Portfolio_countLine(const Portfolio *p);
/* Answered share in whole percent (0 for a lens without questions). */
unsigned Portfolio_percent(size_t answered, size_t questions);

#endif
