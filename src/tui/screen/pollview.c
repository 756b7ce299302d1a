/* pollview.c: the silent poll in the TUI (issue 13).  The leader (anyone
 * while nobody leads) opens a poll on the question shown; on the poll
 * screen each participant ticks the practices they believe are in place:
 * their own ballot, stored at once, never the shared answer, and nobody
 * sees another's ballot.  The header counts who voted.  The leader reveals:
 * per practice how many said in place and who differed ('=' agreed, '~'
 * split, readable without colour); the consensus, the majority preselected,
 * is edited with Space and accepted into the answer with Enter, merged as
 * an intent (ReviewDoc_acceptPoll), the history marked with the tally.
 *
 * The running poll is the room's state (no history): it is read on the
 * workshop tick. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/workshop.h"
#include "tui/screens.h"
#include "tui/text.h"

/* The running poll as last read, and the leader's consensus; one App per
 * process. */
static struct {
   bool have;
   Poll p;
   size_t q;         /* the poll's question in the lens */
   size_t cur;       /* the practice under the cursor */
   bool *consensus;  /* per practice, once revealed */
   int64_t cons_of;  /* the poll the consensus was preselected for */
   double next_read; /* monotonic seconds */
} pv;

void PollView_free(App *app)
{
   (void)app;
   Poll_free(&pv.p);
   free(pv.consensus);
   memset(&pv, 0, sizeof pv);
}

static bool revealed(void)
{
   return pv.have && strcmp(pv.p.state, "revealed") == 0;
}

/* The majority preselected once per revealed poll. */
static void preselect(App *app)
{
   const Question *q = &app->doc.lens->questions[pv.q];
   if (!revealed() || pv.cons_of == pv.p.id)
      return;
   PollTally t;
   PollTally_make(q, &pv.p, &t);
   free(pv.consensus);
   pv.consensus = xcalloc(q->n_choices + 1, sizeof *pv.consensus);
   for (size_t i = 0; i < t.n; i++)
      pv.consensus[i] = t.rows[i].majority;
   PollTally_free(&t);
   pv.cons_of = pv.p.id;
}

/* Reads the running poll; true when what the header or screen shows changed. */
static bool readPoll(App *app)
{
   Poll p;
   if (!app->have_doc) {
      bool had = pv.have;
      Poll_free(&pv.p);
      pv.have = false;
      return had;
   }
   StoreStatus st = Store_runningPoll(app->store, app->doc.workload.review_id, &p);
   if (st != STORE_OK && st != STORE_NOT_FOUND)
      return false; /* busy or failing: keep what we showed, try on the next tick */
   bool now = st == STORE_OK;
   size_t q = 0;
   if (now && !Lens_findQuestion(app->doc.lens, p.question_id, &q)) {
      Poll_free(&p); /* a question the lens no longer has: nothing to vote on here */
      now = false;
   }
   bool changed = now != pv.have;
   if (now && pv.have) {
      changed =
         p.id != pv.p.id || strcmp(p.state, pv.p.state) != 0 || p.n_ballots != pv.p.n_ballots;
      for (size_t i = 0; !changed && i < p.n_ballots; i++)
         changed = strcmp(p.ballots[i].cast_at, pv.p.ballots[i].cast_at) != 0 ||
                   strcmp(p.ballots[i].user, pv.p.ballots[i].user) != 0;
   }
   Poll_free(&pv.p);
   pv.have = now;
   if (now) {
      pv.p = p;
      if (pv.q != q)
         pv.cur = 0;
      pv.q = q;
      preselect(app);
   }
   return changed;
}

Stale PollView_tick(App *app, double now)
{
   if (now < pv.next_read)
      return STALE_NONE;
   pv.next_read = now + 1.0;
   if (!readPoll(app))
      return STALE_NONE;
   if (App_screen(app) == SCREEN_POLL) {
      if (!pv.have) { /* accepted or closed by the leader: back to the question */
         App_pop(app);
         App_message(app, ROLE_NOTICE, "%s", _("The poll has ended"));
      }
      return STALE_ALL;
   }
   return STALE_HEADER;
}

char *PollView_header(App *app)
{
   if (!pv.have || !app->have_doc || App_screen(app) == SCREEN_WORKLOADS)
      return NULL;
   if (revealed())
      return xasprintf(_("poll: revealed %zu/%zu"), pv.p.n_ballots, pv.p.n_ballots);
   size_t here = Roster_hereCount(app);
   return xasprintf(_("poll: %zu of %zu voted"), pv.p.n_ballots,
                    here > pv.p.n_ballots ? here : pv.p.n_ballots);
}

/* This user's ballot, or NULL. */
static const Ballot *mine(App *app)
{
   for (size_t i = 0; pv.have && i < pv.p.n_ballots; i++)
      if (strcmp(pv.p.ballots[i].user, app->opts->user) == 0)
         return &pv.p.ballots[i];
   return NULL;
}

static bool ticked(const Ballot *b, const char *id)
{
   for (size_t i = 0; b && i < b->n; i++)
      if (strcmp(b->choices[i], id) == 0)
         return true;
   return false;
}

static Stale showPoll(App *app)
{
   app->q = pv.q;
   if (App_screen(app) != SCREEN_POLL)
      App_push(app, SCREEN_POLL);
   return STALE_ALL;
}

Stale PollView_start(App *app, const char *arg)
{
   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   readPoll(app);
   if (pv.have)
      return showPoll(app);
   if (App_screen(app) != SCREEN_QUESTION) {
      App_message(app, ROLE_NOTICE, "%s", _("No poll is running: open one on a question"));
      return STALE_FOOTER;
   }
   if (App_refuseReadOnly(app) || !Workshop_mayLead(app, _("open a poll")))
      return STALE_FOOTER;
   const Question *q = &app->doc.lens->questions[app->q];
   if (Store_openPoll(app->store, app->doc.workload.review_id, q->id, app->opts->user, NULL) !=
       STORE_OK) {
      App_message(app, ROLE_ERROR, _("No poll: %s"), Store_lastError(app->store));
      return STALE_FOOTER;
   }
   readPoll(app);
   if (!pv.have)
      return STALE_ALL;
   App_message(app, ROLE_NOTICE, _("Poll opened on %s: each ticks privately, then Enter reveals"),
               q->id);
   return showPoll(app) | STALE_FOOTER;
}

/* Space on the poll screen: my ballot while open, the consensus once revealed. */
Stale PollView_toggle(App *app, const char *arg)
{
   (void)arg;
   if (!pv.have)
      return STALE_NONE;
   const Question *q = &app->doc.lens->questions[pv.q];
   if (pv.cur >= q->n_choices)
      return STALE_NONE;
   if (revealed()) {
      pv.consensus[pv.cur] = !pv.consensus[pv.cur];
      return STALE_BODY;
   }
   const Ballot *b = mine(app);
   const char *id = q->choices[pv.cur].id;
   bool on = !ticked(b, id);
   char **ids = xcalloc(q->n_choices + 1, sizeof *ids);
   size_t n = 0;
   for (size_t i = 0; i < q->n_choices; i++) {
      const char *c = q->choices[i].id;
      if (i == pv.cur ? on : ticked(b, c))
         ids[n++] = (char *)c;
   }
   if (Store_vote(app->store, app->doc.workload.review_id, q->id, app->opts->user, ids, n) !=
       STORE_OK)
      App_message(app, ROLE_ERROR, _("Ballot not stored: %s"), Store_lastError(app->store));
   free(ids);
   readPoll(app);
   return STALE_ALL;
}

/* The answer with the consensus selected, the question's N/A marks kept
 * (as walens poll accept). */
static void consensusAnswer(App *app, const Question *q, Answer *a, char ***ids, size_t *n)
{
   const Answer *cur = &app->doc.review.answers[pv.q];
   a->not_applicable = cur->not_applicable;
   a->reason = cur->reason;
   a->choices = xmalloc(q->n_choices + 1);
   *ids = xcalloc(q->n_choices + 1, sizeof **ids);
   *n = 0;
   for (size_t i = 0; i < q->n_choices; i++)
      a->choices[i] = cur->choices[i] == CHOICE_NA ? CHOICE_NA : CHOICE_UNSELECTED;
   for (size_t i = 0; i < q->n_choices; i++)
      if (pv.consensus[i]) {
         Answer_select(q, a, i, true);
         (*ids)[(*n)++] = q->choices[i].id;
      }
}

static Stale accept(App *app)
{
   const Question *q = &app->doc.lens->questions[pv.q];
   PollTally t;
   Answer a;
   char **ids;
   size_t n;
   PollTally_make(q, &pv.p, &t);
   consensusAnswer(app, q, &a, &ids, &n);
   char *extra = PollTally_extra(&t, q, &pv.p, ids, n);
   StoreStatus st = ReviewDoc_acceptPoll(app->store, &app->doc, pv.q, &a, app->opts->user, extra);
   if (st == STORE_OK)
      App_message(app, ROLE_NOTICE,
                  ngettext("Accepted into %s from %zu ballot", "Accepted into %s from %zu ballots",
                           t.ballots),
                  q->id, t.ballots);
   else
      App_message(app, ROLE_ERROR, _("Not accepted: %s"), Store_lastError(app->store));
   free(extra);
   free(ids);
   free(a.choices);
   PollTally_free(&t);
   app->plan_stale = true;
   App_rebuild(app);
   readPoll(app);
   if (!pv.have && App_screen(app) == SCREEN_POLL)
      App_pop(app);
   return STALE_ALL;
}

/* Enter on the poll screen: the leader's next step, reveal then accept. */
Stale PollView_open(App *app)
{
   if (!pv.have)
      return STALE_NONE;
   if (App_refuseReadOnly(app))
      return STALE_FOOTER;
   if (revealed())
      return Workshop_mayLead(app, _("accept a poll")) ? accept(app) : STALE_FOOTER;
   if (!Workshop_mayLead(app, _("reveal a poll")))
      return STALE_FOOTER;
   if (Store_revealPoll(app->store, app->doc.workload.review_id, pv.p.question_id,
                        app->opts->user) != STORE_OK)
      App_message(app, ROLE_ERROR, _("Not revealed: %s"), Store_lastError(app->store));
   readPoll(app);
   return STALE_ALL;
}

Stale PollView_close(App *app, const char *arg)
{
   (void)arg;
   if (!app->have_doc || !Workshop_mayLead(app, _("close a poll")))
      return STALE_FOOTER;
   if (Store_closePoll(app->store, app->doc.workload.review_id, app->opts->user) != STORE_OK)
      App_message(app, ROLE_ERROR, "%s", Store_lastError(app->store));
   else
      App_message(app, ROLE_NOTICE, "%s", _("Poll closed; the answer is unchanged"));
   readPoll(app);
   if (!pv.have && App_screen(app) == SCREEN_POLL)
      App_pop(app);
   return STALE_ALL;
}

/* One practice's line: "> [x] 2/3 ~ carol said no  Title" once revealed,
 * "> [x] Title" (my ballot) while open. */
static char *rowText(App *app, const Question *q, const PollTally *t, size_t i)
{
   const char *cursor = i == pv.cur ? ">" : " ";
   if (!t) {
      bool on = ticked(mine(app), q->choices[i].id);
      return xasprintf("%s%zu [%s] %s", cursor, i + 1, on ? "x" : " ", q->choices[i].title);
   }
   const TallyRow *r = &t->rows[i];
   char *who = r->agreed         ? xstrdup(_("all agree"))
               : r->minority_yes ? xasprintf(_("only %s said yes"), r->minority)
                                 : xasprintf(_("%s said no"), r->minority);
   char *line =
      xasprintf("%s%zu [%s] %zu/%zu %s %s  %s", cursor, i + 1, pv.consensus[i] ? "x" : " ", r->yes,
                t->ballots, r->agreed ? "=" : "~", who, q->choices[i].title);
   free(who);
   return line;
}

void PollView_draw(App *app, int top, int height)
{
   attr_t title = Theme_attr(&app->theme, ROLE_TITLE);
   attr_t normal = Theme_attr(&app->theme, ROLE_NORMAL);
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);
   if (!pv.have) {
      Text_draw(stdscr, top, 1, app->cols - 2, _("No poll is running."), normal);
      return;
   }
   const Question *q = &app->doc.lens->questions[pv.q];
   PollTally t;
   bool rev = revealed();
   if (rev)
      PollTally_make(q, &pv.p, &t);
   char *head = rev ? xasprintf(ngettext("Poll on %s, revealed: %zu ballot, %zu split",
                                         "Poll on %s, revealed: %zu ballots, %zu split", t.ballots),
                                q->id, t.ballots, t.split)
                    : xasprintf(_("Poll on %s (opened by %s): %zu voted; your ballot is private"),
                                q->id, pv.p.opened_by, pv.p.n_ballots);
   Text_draw(stdscr, top, 1, app->cols - 2, head, title);
   free(head);
   Text_draw(stdscr, top + 1, 1, app->cols - 2, q->title, normal);
   int y = top + 3, last = top + height - 2;
   for (size_t i = 0; i < q->n_choices && y <= last; i++, y++) {
      char *line = rowText(app, q, rev ? &t : NULL, i);
      attr_t a = i == pv.cur ? normal | A_REVERSE : normal;
      Text_draw(stdscr, y, 0, app->cols - 1, line, a);
      free(line);
   }
   Text_draw(
      stdscr, top + height - 1, 1, app->cols - 2,
      rev ? _("= agreed, ~ split.  Space: change the consensus [x]  Enter: accept it (leader)")
          : _("Space: tick what is in place  Enter: reveal (leader)  :poll-close ends it"),
      dim);
   if (rev)
      PollTally_free(&t);
}

Stale PollView_move(App *app, Move m)
{
   size_t n = pv.have ? app->doc.lens->questions[pv.q].n_choices : 0;
   switch (m) {
   case MOVE_UP: pv.cur = pv.cur ? pv.cur - 1 : 0; break;
   case MOVE_DOWN: pv.cur = pv.cur + 1 < n ? pv.cur + 1 : pv.cur; break;
   case MOVE_HOME: pv.cur = 0; break;
   case MOVE_END: pv.cur = n ? n - 1 : 0; break;
   default: break;
   }
   return STALE_BODY;
}
