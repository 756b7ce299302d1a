/* store_workshop.c: the facilitated workshop: who leads a workload's
 * session and where, the agenda and its clock, the parking lot, silent
 * polls and their ballots (issue 13).
 *
 * These rows are the room's state, not the review's: they add no history,
 * and the sessions that show them read them on their tick.  A poll's
 * acceptance is the one write here that changes the review: it writes the
 * answer through the answer writer, in the same transaction that ends the
 * poll. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/agendafile.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store_internal.h"

/* A TUI leader that left without freeing the lead (killed) lets it go after
 * this long without a presence row or a move. */
#define LEAD_ORPHAN_S 60

static StoreStatus needUser(Store *s, const char *user)
{
   if (!Store_validName(user))
      return StoreSql_error(s, STORE_INVALID, _("invalid user name"));
   return STORE_OK;
}

/* The write transaction of a workshop change whose only check is the
 * user's name (StoreSql_beginChecked). */
static StoreStatus beginAs(Store *s, const char *user)
{
   return StoreSql_beginChecked(s, needUser(s, user));
}

/* One read transaction around a loader that fills out (zeroed by the
 * loader or here on failure); when the loader succeeded but the end of the
 * transaction fails, drop frees what it filled and the end's error wins. */
typedef StoreStatus (*WorkshopLoad)(Store *s, int64_t id, void *out);

static StoreStatus readWith(Store *s, int64_t id, void *out, size_t size, WorkshopLoad load,
                            void (*drop)(void *out))
{
   StoreStatus st = StoreSql_beginRead(s);
   if (st != STORE_OK) {
      memset(out, 0, size);
      return st;
   }
   st = load(s, id, out);
   StoreStatus end = StoreSql_end(s, STORE_OK);
   if (st == STORE_OK && end != STORE_OK) {
      drop(out);
      st = end;
   }
   return st;
}

/* ---- lead ---- */

#define LEAD_SELECT                                                                       \
   "SELECT user_name, pid, since, screen, question, scroll, updated_at FROM session_lead" \
   " WHERE workload_id = ?"

static void readLead(sqlite3_stmt *q, SessionLead *l)
{
   l->user = StoreSql_colText(q, 0);
   l->pid = (long)sqlite3_column_int64(q, 1);
   l->since = StoreSql_colText(q, 2);
   l->screen = StoreSql_colText(q, 3);
   l->question = StoreSql_colText(q, 4);
   l->scroll = sqlite3_column_int(q, 5);
   l->updated_at = StoreSql_colText(q, 6);
}

/* Is a lead held by a process that is gone?  Its presence row is deleted on
 * leaving or aged out; a minute without a move as well means nobody holds it. */
static StoreStatus orphaned(Store *s, const SessionLead *l, bool *gone)
{
   *gone = false;
   if (l->pid == 0)
      return STORE_OK;
   char now[STORE_TIME_LEN], cutoff[STORE_TIME_LEN];
   time_t t;
   StoreTime_now(s, now);
   if (!StoreTime_parse(now, &t))
      return STORE_OK;
   StoreTime_format(t - LEAD_ORPHAN_S, cutoff);
   if (!l->updated_at || strcmp(l->updated_at, cutoff) >= 0)
      return STORE_OK;
   bool found = false;
   int64_t one;
   StoreStatus st =
      StoreSql_int(s, &one, &found, "SELECT 1 FROM presence WHERE pid = ?", "i", (int64_t)l->pid);
   *gone = st == STORE_OK && !found;
   return st;
}

/* The lead as stored, orphans counted as none (inside a transaction). */
static StoreStatus loadLead(Store *s, int64_t workload_id, SessionLead *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st, LEAD_SELECT, "i", workload_id);
   if (!q)
      return st;
   bool row = false;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row)
      readLead(q, out);
   StoreSql_finalize(s, q);
   if (st != STORE_OK)
      return st;
   if (!row)
      return STORE_NOT_FOUND;
   bool gone;
   st = orphaned(s, out, &gone);
   if (st == STORE_OK && gone)
      st = STORE_NOT_FOUND;
   if (st != STORE_OK)
      SessionLead_free(out);
   return st;
}

static StoreStatus loadLeadAny(Store *s, int64_t id, void *out)
{
   return loadLead(s, id, out);
}

static void dropLead(void *out)
{
   SessionLead_free(out);
}

StoreStatus Store_getLead(Store *s, int64_t workload_id, SessionLead *out)
{
   return readWith(s, workload_id, out, sizeof *out, loadLeadAny, dropLead);
}

static StoreStatus requireWorkload(Store *s, int64_t workload_id)
{
   bool found = false;
   int64_t one;
   StoreStatus st =
      StoreSql_int(s, &one, &found, "SELECT 1 FROM workload WHERE id = ?", "i", workload_id);
   if (st == STORE_OK && !found)
      st =
         StoreSql_error(s, STORE_NOT_FOUND, _("no workload with id %lld"), (long long)workload_id);
   return st;
}

static StoreStatus writeLead(Store *s, int64_t workload_id, const char *user, long pid)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   return StoreSql_run(s,
                       "INSERT OR REPLACE INTO session_lead (workload_id, user_name, pid, since,"
                       " updated_at) VALUES (?, ?, ?, ?, ?)",
                       "ititt", workload_id, user, (int64_t)pid, now, now);
}

static bool holds(const SessionLead *l, const char *user, long pid)
{
   return l->user && strcmp(l->user, user) == 0 && (pid == 0 || l->pid == 0 || l->pid == pid);
}

static StoreStatus takeLocked(Store *s, int64_t workload_id, const char *user, long pid, bool take)
{
   StoreStatus st = requireWorkload(s, workload_id);
   if (st != STORE_OK)
      return st;
   SessionLead cur;
   st = loadLead(s, workload_id, &cur);
   if (st == STORE_OK) {
      bool same = strcmp(cur.user, user) == 0 && cur.pid == pid;
      bool other = !holds(&cur, user, pid);
      if (other && !take)
         st = StoreSql_error(s, STORE_EXISTS,
                             _("%s leads this session already; ask for a hand-over, or take "
                               "the lead with --take"),
                             cur.user);
      else if (same)
         st = STORE_OK;
      else
         st = writeLead(s, workload_id, user, pid);
      SessionLead_free(&cur);
      return st;
   }
   if (st == STORE_NOT_FOUND)
      st = writeLead(s, workload_id, user, pid);
   return st;
}

StoreStatus Store_takeLead(Store *s, int64_t workload_id, const char *user, long pid, bool take)
{
   StoreStatus st = beginAs(s, user);
   return st == STORE_OK ? StoreSql_end(s, takeLocked(s, workload_id, user, pid, take)) : st;
}

static StoreStatus handLocked(Store *s, int64_t workload_id, const char *from, const char *to)
{
   SessionLead cur;
   StoreStatus st = loadLead(s, workload_id, &cur);
   if (st == STORE_NOT_FOUND)
      return StoreSql_error(s, STORE_CONFLICT, _("nobody leads this session"));
   if (st != STORE_OK)
      return st;
   if (strcmp(cur.user, from) != 0)
      st = StoreSql_error(s, STORE_CONFLICT, _("%s leads this session, not %s"), cur.user, from);
   else
      st = writeLead(s, workload_id, to, 0);
   SessionLead_free(&cur);
   return st;
}

StoreStatus Store_handLead(Store *s, int64_t workload_id, const char *from, const char *to)
{
   StoreStatus st = needUser(s, from);
   if (st == STORE_OK)
      st = needUser(s, to);
   st = StoreSql_beginChecked(s, st);
   return st == STORE_OK ? StoreSql_end(s, handLocked(s, workload_id, from, to)) : st;
}

StoreStatus Store_dropLead(Store *s, int64_t workload_id, const char *user, long pid)
{
   StoreStatus st = beginAs(s, user);
   if (st != STORE_OK)
      return st;
   SessionLead cur;
   st = loadLead(s, workload_id, &cur);
   if (st == STORE_OK) {
      if (holds(&cur, user, pid))
         st = StoreSql_run(s, "DELETE FROM session_lead WHERE workload_id = ?", "i", workload_id);
      SessionLead_free(&cur);
   } else if (st == STORE_NOT_FOUND)
      st = STORE_OK;
   return StoreSql_end(s, st);
}

static StoreStatus moveLocked(Store *s, int64_t workload_id, const char *user, long pid,
                              const char *screen, const char *question, int scroll)
{
   SessionLead cur;
   StoreStatus st = loadLead(s, workload_id, &cur);
   if (st == STORE_NOT_FOUND)
      return StoreSql_error(s, STORE_CONFLICT, _("nobody leads this session"));
   if (st != STORE_OK)
      return st;
   if (!holds(&cur, user, pid))
      st = StoreSql_error(s, STORE_CONFLICT, _("%s leads this session now"), cur.user);
   SessionLead_free(&cur);
   if (st != STORE_OK)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   return StoreSql_run(s,
                       "UPDATE session_lead SET pid = ?, screen = ?, question = ?, scroll = ?,"
                       " updated_at = ? WHERE workload_id = ?",
                       "ittdti", (int64_t)pid, screen, question, scroll < 0 ? 0 : scroll, now,
                       workload_id);
}

StoreStatus Store_moveLead(Store *s, int64_t workload_id, const char *user, long pid,
                           const char *screen, const char *question, int scroll)
{
   StoreStatus st = needUser(s, user);
   if (st == STORE_OK && (!Store_validText(screen) || !Store_validText(question)))
      st = StoreSql_error(s, STORE_INVALID, _("lead: invalid screen or question"));
   st = StoreSql_beginChecked(s, st);
   return st == STORE_OK
             ? StoreSql_end(s, moveLocked(s, workload_id, user, pid, screen, question, scroll))
             : st;
}

void SessionLead_free(SessionLead *l)
{
   if (!l)
      return;
   free(l->user);
   free(l->since);
   free(l->screen);
   free(l->question);
   free(l->updated_at);
   memset(l, 0, sizeof *l);
}

/* ---- agenda ---- */

static bool validKind(const char *k)
{
   static const char *const kinds[] = {"phase", "pillar", "cell", "questions"};
   for (size_t i = 0; k && i < sizeof kinds / sizeof kinds[0]; i++)
      if (strcmp(k, kinds[i]) == 0)
         return true;
   return false;
}

static StoreStatus validateItems(Store *s, const AgendaItem *items, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      const AgendaItem *it = &items[i];
      if (!validKind(it->kind))
         return StoreSql_error(s, STORE_INVALID,
                               _("agenda item %zu: kind must be phase, pillar, cell or questions"),
                               i + 1);
      if (!Store_validName(it->target) || !Store_validText(it->title))
         return StoreSql_error(s, STORE_INVALID, _("agenda item %zu: invalid target or title"),
                               i + 1);
      if (it->minutes < 1 || it->minutes > 1440)
         return StoreSql_error(s, STORE_INVALID,
                               _("agenda item %zu: minutes must be from 1 to 1440"), i + 1);
   }
   return STORE_OK;
}

static StoreStatus setAgendaLocked(Store *s, int64_t workload_id, const AgendaItem *items, size_t n,
                                   const char *user)
{
   StoreStatus st = requireWorkload(s, workload_id);
   if (st == STORE_OK)
      st = StoreSql_run(s, "DELETE FROM agenda_item WHERE workload_id = ?", "i", workload_id);
   for (size_t i = 0; i < n && st == STORE_OK; i++)
      st = StoreSql_run(s,
                        "INSERT INTO agenda_item (workload_id, position, kind, target, title,"
                        " minutes) VALUES (?, ?, ?, ?, ?, ?)",
                        "idtttd", workload_id, (int)i, items[i].kind, items[i].target,
                        items[i].title, items[i].minutes);
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT OR REPLACE INTO agenda_state (workload_id, current, started_at,"
                        " set_at, set_by) VALUES (?, -1, NULL, ?, ?)",
                        "itt", workload_id, now, user);
   return st;
}

StoreStatus Store_setAgenda(Store *s, int64_t workload_id, const AgendaItem *items, size_t n,
                            const char *user)
{
   StoreStatus st = needUser(s, user);
   if (st == STORE_OK)
      st = validateItems(s, items, n);
   st = StoreSql_beginChecked(s, st);
   return st == STORE_OK ? StoreSql_end(s, setAgendaLocked(s, workload_id, items, n, user)) : st;
}

static StoreStatus addAgendaItemLocked(Store *s, int64_t workload_id, const AgendaItem *it,
                                       const char *user)
{
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   StoreStatus st = requireWorkload(s, workload_id);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT INTO agenda_item (workload_id, position, kind, target, title,"
                        " minutes) VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM"
                        " agenda_item WHERE workload_id = ?), ?, ?, ?, ?)",
                        "iitttd", workload_id, workload_id, it->kind, it->target, it->title,
                        it->minutes);
   if (st == STORE_OK) /* the state only when there was none: a running clock runs on */
      st = StoreSql_run(s,
                        "INSERT OR IGNORE INTO agenda_state (workload_id, current, started_at,"
                        " set_at, set_by) VALUES (?, -1, NULL, ?, ?)",
                        "itt", workload_id, now, user);
   return st;
}

StoreStatus Store_addAgendaItem(Store *s, int64_t workload_id, const AgendaItem *item,
                                const char *user)
{
   StoreStatus st = needUser(s, user);
   if (st == STORE_OK)
      st = validateItems(s, item, 1);
   st = StoreSql_beginChecked(s, st);
   return st == STORE_OK ? StoreSql_end(s, addAgendaItemLocked(s, workload_id, item, user)) : st;
}

static StoreStatus loadItems(Store *s, int64_t workload_id, Agenda *a)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT kind, target, title, minutes, spent_s FROM agenda_item"
                                    " WHERE workload_id = ? ORDER BY position",
                                    "i", workload_id);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      a->items = xgrow(a->items, &cap, a->n + 1, sizeof *a->items);
      AgendaItem *it = &a->items[a->n++];
      it->kind = StoreSql_colText(q, 0);
      it->target = StoreSql_colText(q, 1);
      it->title = StoreSql_colText(q, 2);
      it->minutes = sqlite3_column_int(q, 3);
      it->spent_s = sqlite3_column_int64(q, 4);
   }
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus loadAgenda(Store *s, int64_t workload_id, Agenda *a)
{
   memset(a, 0, sizeof *a);
   a->current = -1;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st, "SELECT current, started_at, set_at, set_by FROM agenda_state WHERE workload_id = ?",
      "i", workload_id);
   if (!q)
      return st;
   bool row = false;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row) {
      a->current = (long)sqlite3_column_int64(q, 0);
      a->started_at = StoreSql_colText(q, 1);
      a->set_at = StoreSql_colText(q, 2);
      a->set_by = StoreSql_colText(q, 3);
   }
   StoreSql_finalize(s, q);
   if (st == STORE_OK)
      st = loadItems(s, workload_id, a);
   if (st == STORE_OK && (a->current < -1 || a->current >= (long)a->n))
      a->current = -1;
   if (st != STORE_OK)
      Agenda_free(a);
   return st;
}

static StoreStatus loadAgendaAny(Store *s, int64_t id, void *out)
{
   return loadAgenda(s, id, out);
}

static void dropAgenda(void *out)
{
   Agenda_free(out);
}

StoreStatus Store_getAgenda(Store *s, int64_t workload_id, Agenda *out)
{
   StoreStatus st = readWith(s, workload_id, out, sizeof *out, loadAgendaAny, dropAgenda);
   if (st != STORE_OK)
      out->current = -1; /* the empty agenda, as when none was set */
   return st;
}

/* Seconds from iso `from` to iso `to`, 0 when either is unreadable or the
 * clock went back. */
static int64_t secondsBetween(const char *from, const char *to)
{
   time_t a, b;
   if (!from || !to || !StoreTime_parse(from, &a) || !StoreTime_parse(to, &b) || b < a)
      return 0;
   return (int64_t)(b - a);
}

int64_t Agenda_spent(const Agenda *a, size_t i, const char *now)
{
   if (i >= a->n)
      return 0;
   int64_t spent = a->items[i].spent_s;
   if ((long)i == a->current && a->started_at)
      spent += secondsBetween(a->started_at, now);
   return spent;
}

static StoreStatus goLocked(Store *s, int64_t workload_id, long index, const char *user)
{
   Agenda a;
   StoreStatus st = loadAgenda(s, workload_id, &a);
   if (st != STORE_OK)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (a.n == 0)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no agenda is set"));
   else if (index < -1 || index > (long)a.n)
      st = StoreSql_error(s, STORE_INVALID, _("no agenda item %ld"), index + 1);
   if (st == STORE_OK && a.current >= 0 && a.started_at)
      st = StoreSql_run(s,
                        "UPDATE agenda_item SET spent_s = spent_s + ? WHERE workload_id = ?"
                        " AND position = ?",
                        "iid", secondsBetween(a.started_at, now), workload_id, (int)a.current);
   bool stop = index < 0 || index >= (long)a.n;
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "UPDATE agenda_state SET current = ?, started_at = ? WHERE workload_id = ?",
                        "iti", (int64_t)(stop ? -1 : index), stop ? NULL : now, workload_id);
   Agenda_free(&a);
   return st;
}

StoreStatus Store_agendaGo(Store *s, int64_t workload_id, long index, const char *user)
{
   StoreStatus st = beginAs(s, user);
   return st == STORE_OK ? StoreSql_end(s, goLocked(s, workload_id, index, user)) : st;
}

void Agenda_free(Agenda *a)
{
   if (!a)
      return;
   for (size_t i = 0; i < a->n; i++) {
      free(a->items[i].kind);
      free(a->items[i].target);
      free(a->items[i].title);
   }
   free(a->items);
   free(a->started_at);
   free(a->set_at);
   free(a->set_by);
   memset(a, 0, sizeof *a);
   a->current = -1;
}

/* ---- parking lot ---- */

StoreStatus Store_park(Store *s, int64_t workload_id, const char *user, const char *question_id,
                       const char *text, int64_t *id)
{
   StoreStatus st = needUser(s, user);
   if (st == STORE_OK && (!text || text[strspn(text, " \t\n")] == '\0' || !Store_validText(text)))
      st = StoreSql_error(s, STORE_INVALID, _("park: the point's text is empty"));
   if (st == STORE_OK && question_id && !Store_validName(question_id))
      st = StoreSql_error(s, STORE_INVALID, _("park: invalid question id"));
   st = StoreSql_beginChecked(s, st);
   if (st != STORE_OK)
      return st;
   st = requireWorkload(s, workload_id);
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "INSERT INTO parked (workload_id, user_name, at, question_id, text)"
                        " VALUES (?, ?, ?, ?, ?)",
                        "itttt", workload_id, user, now, question_id, text);
   if (st == STORE_OK && id)
      *id = sqlite3_last_insert_rowid(s->db);
   return StoreSql_end(s, st);
}

static void readParked(sqlite3_stmt *q, Parked *p)
{
   p->id = sqlite3_column_int64(q, 0);
   p->user = StoreSql_colText(q, 1);
   p->at = StoreSql_colText(q, 2);
   p->question_id = StoreSql_colText(q, 3);
   p->text = StoreSql_colText(q, 4);
   p->state = StoreSql_colText(q, 5);
   p->closed_by = StoreSql_colText(q, 6);
   p->closed_at = StoreSql_colText(q, 7);
   p->word = StoreSql_colText(q, 8);
   p->plan_question = StoreSql_colText(q, 9);
   p->plan_choice = StoreSql_colText(q, 10);
}

StoreStatus Store_listParked(Store *s, int64_t workload_id, Parked **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT id, user_name, at, question_id, text, state,"
                                    " closed_by, closed_at, word, plan_question, plan_choice"
                                    " FROM parked WHERE workload_id = ? ORDER BY id",
                                    "i", workload_id);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      readParked(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   if (st != STORE_OK) {
      Parked_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

static StoreStatus closeLocked(Store *s, int64_t workload_id, int64_t id, const char *word,
                               const char *plan_question, const char *plan_choice, const char *user)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(
      s, &st, "SELECT state FROM parked WHERE id = ? AND workload_id = ?", "ii", id, workload_id);
   if (!q)
      return st;
   bool row = false;
   char *state = NULL;
   st = StoreSql_step(s, q, &row);
   if (st == STORE_OK && row)
      state = StoreSql_colText(q, 0);
   StoreSql_finalize(s, q);
   if (st == STORE_OK && !row)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no parked point %lld"), (long long)id);
   else if (st == STORE_OK && (!state || strcmp(state, "open") != 0))
      st = StoreSql_error(s, STORE_CONFLICT, _("parked point %lld is %s already"), (long long)id,
                          state ? state : "?");
   free(state);
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (st == STORE_OK)
      st = StoreSql_run(s,
                        "UPDATE parked SET state = ?, closed_by = ?, closed_at = ?, word = ?,"
                        " plan_question = ?, plan_choice = ? WHERE id = ?",
                        "tttttti", plan_question ? "planned" : "closed", user, now,
                        word && *word ? word : NULL, plan_question, plan_choice, id);
   return st;
}

StoreStatus Store_closeParked(Store *s, int64_t workload_id, int64_t id, const char *word,
                              const char *plan_question, const char *plan_choice, const char *user)
{
   StoreStatus st = needUser(s, user);
   if (st == STORE_OK && !Store_validText(word))
      st = StoreSql_error(s, STORE_INVALID, _("park: the closing word is not valid UTF-8"));
   if (st == STORE_OK &&
       (!plan_question != !plan_choice ||
        (plan_question && (!Store_validName(plan_question) || !Store_validName(plan_choice)))))
      st = StoreSql_error(s, STORE_INVALID, _("park: invalid plan item"));
   st = StoreSql_beginChecked(s, st);
   return st == STORE_OK ? StoreSql_end(s, closeLocked(s, workload_id, id, word, plan_question,
                                                       plan_choice, user))
                         : st;
}

void Parked_freeArray(Parked *a, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      free(a[i].user);
      free(a[i].at);
      free(a[i].question_id);
      free(a[i].text);
      free(a[i].state);
      free(a[i].closed_by);
      free(a[i].closed_at);
      free(a[i].word);
      free(a[i].plan_question);
      free(a[i].plan_choice);
   }
   free(a);
}

/* ---- polls ---- */

#define POLL_SELECT \
   "SELECT id, question_id, opened_by, opened_at, state, closed_by, closed_at FROM poll"

static void readPoll(sqlite3_stmt *q, Poll *p)
{
   p->id = sqlite3_column_int64(q, 0);
   p->question_id = StoreSql_colText(q, 1);
   p->opened_by = StoreSql_colText(q, 2);
   p->opened_at = StoreSql_colText(q, 3);
   p->state = StoreSql_colText(q, 4);
   p->closed_by = StoreSql_colText(q, 5);
   p->closed_at = StoreSql_colText(q, 6);
}

/* A ballot's ids from their JSON array text; false when it is not one. */
static bool parseChoices(const char *text, Ballot *b)
{
   json_error_t jerr;
   json_t *a = text ? json_loads(text, 0, &jerr) : NULL;
   bool ok = json_is_array(a);
   size_t i;
   json_t *v;
   json_array_foreach(a, i, v)
   {
      if (!json_is_string(v)) {
         ok = false;
         break;
      }
      b->choices = xrealloc(b->choices, (b->n + 1) * sizeof *b->choices);
      b->choices[b->n++] = xstrdup(json_string_value(v));
   }
   json_decref(a);
   return ok;
}

static StoreStatus loadBallots(Store *s, Poll *p)
{
   StoreStatus st;
   sqlite3_stmt *q = StoreSql_query(s, &st,
                                    "SELECT user_name, choices, cast_at FROM ballot"
                                    " WHERE poll_id = ? ORDER BY user_name",
                                    "i", p->id);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      p->ballots = xgrow(p->ballots, &cap, p->n_ballots + 1, sizeof *p->ballots);
      Ballot *b = &p->ballots[p->n_ballots++];
      memset(b, 0, sizeof *b);
      b->user = StoreSql_colText(q, 0);
      b->cast_at = StoreSql_colText(q, 2);
      if (!parseChoices((const char *)sqlite3_column_text(q, 1), b)) {
         st = StoreSql_error(s, STORE_NOT_WALENS, _("%s: a ballot is damaged"), s->path);
         break;
      }
   }
   StoreSql_finalize(s, q);
   return st;
}

static StoreStatus loadPolls(Store *s, int64_t review_id, bool running, Poll **out, size_t *n)
{
   *out = NULL;
   *n = 0;
   StoreStatus st;
   sqlite3_stmt *q =
      StoreSql_query(s, &st,
                     running ? POLL_SELECT " WHERE review_id = ? AND state IN ('open', 'revealed')"
                                           " ORDER BY id"
                             : POLL_SELECT " WHERE review_id = ? ORDER BY id",
                     "i", review_id);
   if (!q)
      return st;
   size_t cap = 0;
   bool row = true;
   while ((st = StoreSql_step(s, q, &row)) == STORE_OK && row) {
      *out = xgrow(*out, &cap, *n + 1, sizeof **out);
      memset(&(*out)[*n], 0, sizeof **out);
      readPoll(q, &(*out)[(*n)++]);
   }
   StoreSql_finalize(s, q);
   for (size_t i = 0; i < *n && st == STORE_OK; i++)
      st = loadBallots(s, &(*out)[i]);
   if (st != STORE_OK) {
      Poll_freeArray(*out, *n);
      *out = NULL;
      *n = 0;
   }
   return st;
}

/* Every poll of a review, for readWith. */
typedef struct PollList {
   Poll *a;
   size_t n;
} PollList;

static StoreStatus loadAllPolls(Store *s, int64_t id, void *out)
{
   PollList *l = out;
   return loadPolls(s, id, false, &l->a, &l->n);
}

static void dropPollList(void *out)
{
   PollList *l = out;
   Poll_freeArray(l->a, l->n);
   l->a = NULL;
   l->n = 0;
}

StoreStatus Store_listPolls(Store *s, int64_t review_id, Poll **out, size_t *n)
{
   PollList l = {NULL, 0};
   StoreStatus st = readWith(s, review_id, &l, sizeof l, loadAllPolls, dropPollList);
   *out = l.a;
   *n = l.n;
   return st;
}

/* The running poll (inside a transaction): NOT_FOUND, out zeroed, when none. */
static StoreStatus runningLocked(Store *s, int64_t review_id, Poll *out)
{
   memset(out, 0, sizeof *out);
   Poll *all = NULL;
   size_t n = 0;
   StoreStatus st = loadPolls(s, review_id, true, &all, &n);
   if (st == STORE_OK && n == 0)
      st = STORE_NOT_FOUND;
   if (st == STORE_OK) {
      *out = all[0];
      memset(&all[0], 0, sizeof all[0]);
   }
   Poll_freeArray(all, n);
   return st;
}

static StoreStatus loadRunning(Store *s, int64_t id, void *out)
{
   return runningLocked(s, id, out);
}

static void dropPoll(void *out)
{
   Poll_free(out);
}

StoreStatus Store_runningPoll(Store *s, int64_t review_id, Poll *out)
{
   return readWith(s, review_id, out, sizeof *out, loadRunning, dropPoll);
}

static StoreStatus openLocked(Store *s, int64_t review_id, const char *question_id,
                              const char *user, int64_t *id)
{
   Poll cur;
   StoreStatus st = runningLocked(s, review_id, &cur);
   if (st == STORE_OK) {
      st = StoreSql_error(s, STORE_EXISTS, _("a poll on %s is running already"), cur.question_id);
      Poll_free(&cur);
      return st;
   }
   if (st != STORE_NOT_FOUND)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   st = StoreSql_run(s,
                     "INSERT INTO poll (review_id, question_id, opened_by, opened_at)"
                     " VALUES (?, ?, ?, ?)",
                     "ittt", review_id, question_id, user, now);
   if (st == STORE_OK && id)
      *id = sqlite3_last_insert_rowid(s->db);
   return st;
}

StoreStatus Store_openPoll(Store *s, int64_t review_id, const char *question_id, const char *user,
                           int64_t *id)
{
   StoreStatus st = needUser(s, user);
   if (st == STORE_OK && !Store_validName(question_id))
      st = StoreSql_error(s, STORE_INVALID, _("poll: invalid question id"));
   st = StoreSql_beginChecked(s, st);
   return st == STORE_OK ? StoreSql_end(s, openLocked(s, review_id, question_id, user, id)) : st;
}

/* The running poll on question_id in state `want` (inside a transaction);
 * the errors a voter or the leader reads otherwise. */
static StoreStatus pollIn(Store *s, int64_t review_id, const char *question_id, const char *want,
                          Poll *out)
{
   StoreStatus st = runningLocked(s, review_id, out);
   if (st == STORE_NOT_FOUND)
      return StoreSql_error(s, STORE_NOT_FOUND, _("no poll is open on this workload"));
   if (st != STORE_OK)
      return st;
   if (strcmp(out->question_id, question_id) != 0)
      st = StoreSql_error(s, STORE_CONFLICT, _("the poll that is open is on %s, not on %s"),
                          out->question_id, question_id);
   else if (want && strcmp(out->state, want) != 0)
      st = StoreSql_error(s, STORE_CONFLICT, _("the poll on %s is %s already"), question_id,
                          out->state);
   if (st != STORE_OK)
      Poll_free(out);
   return st;
}

static char *choicesJson(char *const *choices, size_t n)
{
   json_t *a = json_array();
   bool ok = a != NULL;
   for (size_t i = 0; i < n && ok; i++)
      ok = Store_validName(choices[i]) && json_array_append_new(a, json_string(choices[i])) == 0;
   char *text = ok ? json_dumps(a, JSON_COMPACT) : NULL;
   json_decref(a);
   return text;
}

StoreStatus Store_vote(Store *s, int64_t review_id, const char *question_id, const char *user,
                       char *const *choices, size_t n)
{
   StoreStatus st = needUser(s, user);
   if (st != STORE_OK)
      return st;
   char *text = choicesJson(choices, n);
   if (!text)
      return StoreSql_error(s, STORE_INVALID, _("poll: invalid practice id"));
   st = StoreSql_beginWrite(s);
   if (st != STORE_OK) {
      free(text);
      return st;
   }
   Poll p;
   st = pollIn(s, review_id, question_id ? question_id : "", "open", &p);
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   if (st == STORE_OK) {
      st = StoreSql_run(s,
                        "INSERT OR REPLACE INTO ballot (poll_id, user_name, choices, cast_at)"
                        " VALUES (?, ?, ?, ?)",
                        "ittt", p.id, user, text, now);
      Poll_free(&p);
   }
   free(text);
   return StoreSql_end(s, st);
}

/* Moves the running poll on question_id from state `from` (NULL: open or
 * revealed) to `to` (inside a transaction). */
static StoreStatus pollTo(Store *s, int64_t review_id, const char *question_id, const char *from,
                          const char *to, const char *user)
{
   Poll p;
   StoreStatus st = pollIn(s, review_id, question_id, from, &p);
   if (st != STORE_OK)
      return st;
   char now[STORE_TIME_LEN];
   StoreTime_now(s, now);
   bool ends = strcmp(to, "revealed") != 0;
   st = StoreSql_run(s, "UPDATE poll SET state = ?, closed_by = ?, closed_at = ? WHERE id = ?",
                     "ttti", to, ends ? user : NULL, ends ? now : NULL, p.id);
   Poll_free(&p);
   return st;
}

StoreStatus Store_revealPoll(Store *s, int64_t review_id, const char *question_id, const char *user)
{
   StoreStatus st = beginAs(s, user);
   if (st != STORE_OK)
      return st;
   return StoreSql_end(
      s, pollTo(s, review_id, question_id ? question_id : "", "open", "revealed", user));
}

/* The poll's end and the merged answer, or nothing when a part clashed. */
static StoreStatus acceptLocked(Store *s, int64_t review_id, const StoredAnswer *base,
                                const StoredAnswer *want, const char *user, const char *extra,
                                StoreMerge *out)
{
   StoreStatus st = pollTo(s, review_id, want->question_id, NULL, "accepted", user);
   if (st == STORE_OK)
      st = StoreAnswer_mergeLocked(s, review_id, base, want, user, extra, out);
   if (st == STORE_OK && out->n_clashes > 0)
      st = STORE_CONFLICT; /* rolled back: the poll stays, to be accepted again */
   return st;
}

StoreStatus Store_acceptPoll(Store *s, int64_t review_id, const StoredAnswer *base,
                             const StoredAnswer *want, const char *user, const char *extra,
                             StoreMerge *out)
{
   memset(out, 0, sizeof *out);
   StoreStatus st = StoreAnswer_validate(s, want, user);
   st = StoreSql_beginChecked(s, st);
   if (st != STORE_OK)
      return st;
   st = StoreSql_end(s, acceptLocked(s, review_id, base, want, user, extra, out));
   if (st == STORE_CONFLICT && out->n_clashes > 0) {
      StoreMerge_finishMessage(out);
      out->wrote = false;
      out->history_id = 0;
      StoreSql_error(s, STORE_CONFLICT, "%s", out->message);
   } else if (st != STORE_OK) {
      StoreMerge_free(out);
      memset(out, 0, sizeof *out);
   }
   return st;
}

StoreStatus Store_closePoll(Store *s, int64_t review_id, const char *user)
{
   StoreStatus st = beginAs(s, user);
   if (st != STORE_OK)
      return st;
   Poll p;
   st = runningLocked(s, review_id, &p);
   if (st == STORE_NOT_FOUND)
      st = StoreSql_error(s, STORE_NOT_FOUND, _("no poll is open on this workload"));
   if (st == STORE_OK) {
      st = pollTo(s, review_id, p.question_id, NULL, "closed", user);
      Poll_free(&p);
   }
   return StoreSql_end(s, st);
}

void Poll_free(Poll *p)
{
   if (!p)
      return;
   free(p->question_id);
   free(p->opened_by);
   free(p->opened_at);
   free(p->state);
   free(p->closed_by);
   free(p->closed_at);
   for (size_t i = 0; i < p->n_ballots; i++) {
      free(p->ballots[i].user);
      free(p->ballots[i].cast_at);
      for (size_t j = 0; j < p->ballots[i].n; j++)
         free(p->ballots[i].choices[j]);
      free(p->ballots[i].choices);
   }
   free(p->ballots);
   memset(p, 0, sizeof *p);
}

void Poll_freeArray(Poll *a, size_t n)
{
   for (size_t i = 0; i < n; i++)
      Poll_free(&a[i]);
   free(a);
}

StoreStatus Store_setAgendaFile(Store *s, int64_t workload_id, const AgendaFileItem *items,
                                size_t n, const char *user, int *minutes)
{
   AgendaItem *rows = xcalloc(n + 1, sizeof *rows);
   *minutes = 0;
   for (size_t i = 0; i < n; i++) {
      rows[i] = (AgendaItem){.kind = items[i].kind,
                             .target = items[i].target,
                             .title = items[i].title,
                             .minutes = items[i].minutes};
      *minutes += items[i].minutes;
   }
   StoreStatus st = Store_setAgenda(s, workload_id, rows, n, user);
   free(rows);
   return st;
}
