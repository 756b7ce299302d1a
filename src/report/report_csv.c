/* report_csv.c: the improvement plan as RFC 4180 CSV, one row per active
 * plan item, for spreadsheets and trackers.  The columns never change
 * (doc/report-csv.md): key, phase, pillar, question, practice, risk,
 * weight, status, owner, due, note, link, priority, impact, effort,
 * profile_priority (each added later at the end, so that readers by
 * position keep working).  CRLF ends every record; fields
 * are quoted when they must be (Rtext_csv). */
#include "config.h"

#include <stdlib.h>

#include "core/xalloc.h"
#include "report/rtext.h"
#include "report/writers.h"

static const char *const columns[] = {
   "key",   "phase", "pillar", "question", "practice", "risk",   "weight", "status",
   "owner", "due",   "note",   "link",     "priority", "impact", "effort", "profile_priority"};
#define NCOL (sizeof columns / sizeof *columns)

bool ReportCsv_write(const Report *r, const ReportOptions *o, FILE *f)
{
   (void)o; /* the CSV is always just the plan */
   bool ok = Rtext_csvRecord(f, columns, NCOL);
   const Plan *p = &r->snap.plan;
   for (size_t i = 0; i < p->n_active && ok; i++) {
      const PlanItem *it = &p->items[i];
      if (it->question >= r->snap.n_questions)
         continue;
      const SnapQuestion *q = &r->snap.questions[it->question];
      const SnapChoice *c = &q->choices[it->choice];
      char *key = xasprintf("%s/%s", q->id, c->id);
      char *prio = it->track.priority > 0 ? xasprintf("%d", it->track.priority) : NULL;
      const char *fields[NCOL] = {
         key,
         Report_phaseName(r, q),
         Report_pillarName(r, q),
         q->title,
         c->title,
         Risk_name(it->risk),
         Weight_name(it->weight),
         PlanStatus_name(it->track.status),
         it->track.owner,
         it->track.due,
         it->track.note,
         Report_practiceLink(r, it->question, it->choice),
         prio,
         PlanLevel_name(it->track.impact),
         PlanLevel_name(it->track.effort),
         Report_isPriority(r, it->question) ? "yes" : "",
      };
      ok = Rtext_csvRecord(f, fields, NCOL);
      free(key);
      free(prio);
   }
   return ok && !ferror(f);
}
