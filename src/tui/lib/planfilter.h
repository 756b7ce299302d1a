/* planfilter.h: which items the plan screen shows, and in which order
 * (pure: no curses, unit-tested).
 *
 * A filter is typed as words separated by blanks or commas:
 *   open  in_progress  done  risk_accepted  wont_do  pending   (status; '-' for '_';
 *         the labels shown too, "in progress", "won't do", in English and
 *         in the user's language: blanks inside one do not split it)
 *   high  medium                                               (the question's risk)
 *   overdue
 *   owner:NAME  @NAME  owner:-  (no owner)
 *   phase:ID  pillar:ID   (an id or a name, any letter case; a bare id or
 *                          name of a pillar or phase works as well)
 * Words of one kind widen each other (open,done); kinds narrow each other
 * (open,high).  "all" or nothing clears the filter. */
#ifndef WALENS_TUI_LIB_PLANFILTER_H
#define WALENS_TUI_LIB_PLANFILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lens.h"
#include "core/plan.h"

typedef struct PlanFilter {
   unsigned status; /* bits 1 << PlanStatus; 0: any */
   unsigned risk;   /* bits 1 << Risk; 0: any */
   bool overdue;
   char *owner; /* NULL: any; "": no owner */
   int phase;   /* lens phase index, -1: any */
   int pillar;  /* lens pillar index, -1: any */
} PlanFilter;

void PlanFilter_init(PlanFilter *f);
void PlanFilter_free(PlanFilter *f);
bool PlanFilter_isEmpty(const PlanFilter *f);

/* Parses text against lens (for phase and pillar names).  On an unknown
 * word returns false, *err (caller frees) names it with PlanFilter_hint,
 * and *out is empty. */
bool PlanFilter_parse(const char *text, const Lens *lens, PlanFilter *out, char **err);
/* The words a filter takes, for a prompt or an error, every status as
 * shown: "open, in progress, done, risk accepted, won't do, pending, high,
 * ...".  Translated; caller frees. */
char *PlanFilter_hint(void);
/* The filter as words that parse back to it, statuses as shown
 * ("in progress,high,owner:alice"); "" when empty.  Caller frees. */
char *PlanFilter_format(const PlanFilter *f, const Lens *lens);

typedef enum {
   PLAN_SORT_RISK,       /* the plan's own order: risk, weight, phase, pillar */
   PLAN_SORT_DUE,        /* earliest due first, none last */
   PLAN_SORT_OWNER,      /* by owner, none last */
   PLAN_SORT_STATUS,     /* open, in progress, done, risk accepted, won't do */
   PLAN_SORT_PLACE,      /* phase, then pillar */
   PLAN_SORT_PRIORITY,   /* priority 1 first, none last */
   PLAN_SORT_QUICK_WINS, /* quick wins: high impact and low effort first (see PlanSort_quickWin) */
   PLAN_SORT_COUNT
} PlanSort;

/* The sort as the screen shows it, translated: in English "risk", "due",
 * "owner", "status", "place", "priority", "quick wins".  Parse takes those
 * English words in any language, the translated ones, "phase" and "pillar"
 * for place, "pri" for priority, "quick-wins" and "wins" for quick wins.  (No program reads a sort: there is no API word.) */
const char *PlanSort_name(PlanSort s);
bool PlanSort_parse(const char *name, PlanSort *out);

/* The quick-wins rank of an item, smaller first: items rated on both
 * first, by impact less effort (high/low, then high/medium and
 * medium/low, ...), higher impact first among equals; then items rated on
 * one (the other read as medium); then the unrated. */
long PlanSort_quickWin(const PlanTrack *t);

/* Indexes of the plan's items that pass f, items to improve first, each
 * group in sort order (ties keep the plan's order).  show_inactive false
 * leaves out items no longer in the plan (resolved, no longer at risk,
 * gone from the lens).  *out allocated (caller frees); returns the count. */
size_t PlanFilter_rows(const Plan *plan, const Lens *lens, const PlanFilter *f, PlanSort sort,
                       bool show_inactive, const char *today, size_t **out);

#endif
