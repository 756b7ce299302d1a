/* lead.h: the facilitated workshop in the terminal UI (issue 13): who
 * leads the open workload's session, following the leader, the agenda's
 * clock in the top bar, and the cells the agenda has covered.
 *
 * The state hangs on App (app->lead, owned by lead.c): made on the first
 * tick with a review open, freed by Lead_close.  The leader's session
 * writes where it is into the store (Store_moveLead); a follower only
 * reads it, so following writes nothing. */
#ifndef WALENS_TUI_LEAD_H
#define WALENS_TUI_LEAD_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/app.h"

/* On the input tick: reads the lead and the agenda, publishes the leader's
 * place, takes a follower to it; keyed: keys were just handled (a follower
 * who moved stops following). */
Stale Lead_tick(App *app, double now, bool keyed);
/* Before a pass's keys are handled: where this session is, so that a move
 * of its own can be told from the leader's. */
void Lead_beforeKeys(App *app);
/* The review closes (or walens quits): frees the lead if this session
 * held it, then the state. */
void Lead_close(App *app);

/* The top bar's right part: the workshop's words before presence (taken,
 * may be NULL), within width columns; NULL when there is nothing. */
char *Lead_header(App *app, char *presence, int width);

/* The dashboard: has the agenda been through a question of cell r, c
 * (r, c past the matrix: a whole row or column)?  Its mark and the line
 * that explains it. */
bool Lead_cellCovered(const App *app, size_t r, size_t c);
const char *Lead_coveredGlyph(const App *app);
/* "⊙ covered by the agenda: 2 of 5 items", or NULL without an agenda
 * under way; caller frees. */
char *Lead_coveredLegend(const App *app);

/* Actions. */
Stale Lead_take(App *app, const char *arg);
Stale Lead_handover(App *app, const char *arg);
Stale Lead_leave(App *app, const char *arg);
Stale Lead_follow(App *app, const char *arg);
Stale Lead_agenda(App *app, const char *arg);
Stale Lead_agendaNext(App *app, const char *arg);
Stale Lead_agendaPrev(App *app, const char *arg);

#endif
