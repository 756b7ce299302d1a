/* test_store_workshop.c: the facilitated workshop's store (issue 13): the
 * lead and its hand-over, the agenda clock, the parking lot, polls and
 * ballots, and a poll's acceptance into the answer and its history. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "support.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static char dir[64];
static Store *s;
static int64_t wid, rid;

static void setup(void)
{
   Support_tempDir(dir, sizeof dir, "workshop");
   char path[128];
   snprintf(path, sizeof path, "%s/db", dir);
   char *err = NULL;
   cr_assert_eq(Store_open(path, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_setNow(s, "2026-03-02T09:00:00Z");
   int64_t lens;
   cr_assert_eq(Store_putLens(s, "ml", "1", "ML", SHA_A, "text", 4, &lens), STORE_OK);
   Workload w = {.name = "w1"};
   cr_assert_eq(Store_addWorkload(s, &w, lens, "alice", &wid), STORE_OK);
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "w1", &got), STORE_OK);
   rid = got.review_id;
   Workload_free(&got);
}

static void teardown(void)
{
   Store_close(s);
   Support_removeTree(dir);
}

TestSuite(lead, .init = setup, .fini = teardown);
TestSuite(agenda, .init = setup, .fini = teardown);
TestSuite(parked, .init = setup, .fini = teardown);
TestSuite(polls, .init = setup, .fini = teardown);

Test(lead, second_leader_needs_a_hand_over)
{
   SessionLead l;
   cr_assert_eq(Store_getLead(s, wid, &l), STORE_NOT_FOUND);
   cr_assert_eq(Store_takeLead(s, wid, "alice", 0, false), STORE_OK);
   cr_assert_eq(Store_takeLead(s, wid, "bob", 0, false), STORE_EXISTS);
   cr_assert(strstr(Store_lastError(s), "alice leads") != NULL, "%s", Store_lastError(s));
   cr_assert_eq(Store_getLead(s, wid, &l), STORE_OK);
   cr_assert_str_eq(l.user, "alice");
   SessionLead_free(&l);
   /* bob may not hand over what he does not hold; alice may. */
   cr_assert_eq(Store_handLead(s, wid, "bob", "bob"), STORE_CONFLICT);
   cr_assert_eq(Store_handLead(s, wid, "alice", "bob"), STORE_OK);
   cr_assert_eq(Store_getLead(s, wid, &l), STORE_OK);
   cr_assert_str_eq(l.user, "bob");
   SessionLead_free(&l);
   /* Taken back explicitly. */
   cr_assert_eq(Store_takeLead(s, wid, "alice", 0, true), STORE_OK);
   cr_assert_eq(Store_getLead(s, wid, &l), STORE_OK);
   cr_assert_str_eq(l.user, "alice");
   SessionLead_free(&l);
}

Test(lead, moves_are_the_leaders_only_and_leaving_frees_it)
{
   cr_assert_eq(Store_takeLead(s, wid, "alice", 4242, false), STORE_OK);
   cr_assert_eq(Store_moveLead(s, wid, "alice", 4242, "question", "MLDP01", 3), STORE_OK);
   cr_assert_eq(Store_moveLead(s, wid, "bob", 99, "question", "MLDP02", 0), STORE_CONFLICT);
   SessionLead l;
   cr_assert_eq(Store_getLead(s, wid, &l), STORE_OK);
   cr_assert_str_eq(l.screen, "question");
   cr_assert_str_eq(l.question, "MLDP01");
   cr_assert_eq(l.scroll, 3);
   cr_assert_eq(l.pid, 4242);
   SessionLead_free(&l);
   /* bob leaving frees nothing; alice leaving frees it. */
   cr_assert_eq(Store_dropLead(s, wid, "bob", 99), STORE_OK);
   cr_assert_eq(Store_getLead(s, wid, &l), STORE_OK);
   SessionLead_free(&l);
   cr_assert_eq(Store_dropLead(s, wid, "alice", 4242), STORE_OK);
   cr_assert_eq(Store_getLead(s, wid, &l), STORE_NOT_FOUND);
}

Test(lead, a_killed_leaders_lead_lapses)
{
   /* pid 4242 has no presence row: a minute without a move frees it. */
   cr_assert_eq(Store_takeLead(s, wid, "alice", 4242, false), STORE_OK);
   Store_setNow(s, "2026-03-02T09:00:30Z");
   cr_assert_eq(Store_takeLead(s, wid, "bob", 77, false), STORE_EXISTS);
   Store_setNow(s, "2026-03-02T09:01:01Z");
   cr_assert_eq(Store_takeLead(s, wid, "bob", 77, false), STORE_OK);
}

Test(lead, unknown_workload)
{
   cr_assert_eq(Store_takeLead(s, wid + 100, "alice", 0, false), STORE_NOT_FOUND);
}

static AgendaItem item(const char *kind, const char *target, int minutes)
{
   return (AgendaItem){.kind = (char *)kind, .target = (char *)target, .minutes = minutes};
}

Test(agenda, the_clock_adds_time_per_item_and_resumes)
{
   AgendaItem items[] = {item("phase", "DATA", 30), item("cell", "DATA/SEC", 10),
                         item("questions", "MLDP01 MLDP02", 5)};
   cr_assert_eq(Store_setAgenda(s, wid, items, 3, "alice"), STORE_OK);
   Agenda a;
   cr_assert_eq(Store_getAgenda(s, wid, &a), STORE_OK);
   cr_assert_eq(a.n, 3);
   cr_assert_eq(a.current, -1);
   cr_assert_str_eq(a.items[2].target, "MLDP01 MLDP02");
   Agenda_free(&a);
   cr_assert_eq(Store_agendaGo(s, wid, 0, "alice"), STORE_OK);
   Store_setNow(s, "2026-03-02T09:12:00Z");
   cr_assert_eq(Store_agendaGo(s, wid, 1, "alice"), STORE_OK);
   Store_setNow(s, "2026-03-02T09:15:30Z");
   cr_assert_eq(Store_getAgenda(s, wid, &a), STORE_OK);
   cr_assert_eq(a.current, 1);
   cr_assert_eq(Agenda_spent(&a, 0, "2026-03-02T09:15:30Z"), 12 * 60);
   cr_assert_eq(Agenda_spent(&a, 1, "2026-03-02T09:15:30Z"), 210);
   Agenda_free(&a);
   /* Back to the first item: its time goes on from where it stopped. */
   cr_assert_eq(Store_agendaGo(s, wid, 0, "alice"), STORE_OK);
   Store_setNow(s, "2026-03-02T09:16:30Z");
   cr_assert_eq(Store_agendaGo(s, wid, -1, "alice"), STORE_OK);
   cr_assert_eq(Store_getAgenda(s, wid, &a), STORE_OK);
   cr_assert_eq(a.current, -1);
   cr_assert_null(a.started_at);
   cr_assert_eq(a.items[0].spent_s, 13 * 60);
   cr_assert_eq(a.items[1].spent_s, 210);
   Agenda_free(&a);
}

Test(agenda, an_added_item_keeps_the_running_clock)
{
   AgendaItem first = item("phase", "DATA", 30), second = item("pillar", "SEC", 10);
   /* No agenda yet: the first item makes one, stopped. */
   cr_assert_eq(Store_addAgendaItem(s, wid, &first, "alice"), STORE_OK);
   cr_assert_eq(Store_agendaGo(s, wid, 0, "alice"), STORE_OK);
   Store_setNow(s, "2026-03-02T09:05:00Z");
   cr_assert_eq(Store_addAgendaItem(s, wid, &second, "alice"), STORE_OK);
   Agenda a;
   cr_assert_eq(Store_getAgenda(s, wid, &a), STORE_OK);
   cr_assert_eq(a.n, 2);
   cr_assert_eq(a.current, 0);
   cr_assert_str_eq(a.items[1].kind, "pillar");
   cr_assert_eq(Agenda_spent(&a, 0, "2026-03-02T09:05:00Z"), 5 * 60);
   Agenda_free(&a);
   AgendaItem zero = item("pillar", "SEC", 0);
   cr_assert_eq(Store_addAgendaItem(s, wid, &zero, "alice"), STORE_INVALID);
   cr_assert_eq(Store_getAgenda(s, wid, &a), STORE_OK);
   cr_assert_eq(a.n, 2);
   Agenda_free(&a);
}

Test(agenda, bad_items_write_nothing)
{
   AgendaItem good[] = {item("phase", "DATA", 30)};
   cr_assert_eq(Store_setAgenda(s, wid, good, 1, "alice"), STORE_OK);
   AgendaItem bad[] = {item("pillar", "SEC", 10), item("chapter", "X", 5)};
   cr_assert_eq(Store_setAgenda(s, wid, bad, 2, "alice"), STORE_INVALID);
   AgendaItem zero[] = {item("pillar", "SEC", 0)};
   cr_assert_eq(Store_setAgenda(s, wid, zero, 1, "alice"), STORE_INVALID);
   Agenda a;
   cr_assert_eq(Store_getAgenda(s, wid, &a), STORE_OK);
   cr_assert_eq(a.n, 1);
   cr_assert_str_eq(a.items[0].kind, "phase");
   Agenda_free(&a);
   cr_assert_eq(Store_agendaGo(s, wid, 5, "alice"), STORE_INVALID);
}

Test(parked, add_list_close)
{
   int64_t a, b;
   cr_assert_eq(Store_park(s, wid, "bob", "MLDP01", "who owns the feature store?", &a), STORE_OK);
   cr_assert_eq(Store_park(s, wid, "carol", NULL, "budget for labelling", &b), STORE_OK);
   cr_assert_eq(Store_park(s, wid, "carol", NULL, "   ", NULL), STORE_INVALID);
   cr_assert_eq(Store_park(s, wid + 100, "carol", NULL, "lost", NULL), STORE_NOT_FOUND);
   cr_assert_eq(Store_closeParked(s, wid, a, "answered", NULL, NULL, "alice"), STORE_OK);
   cr_assert_eq(Store_closeParked(s, wid, a, "again", NULL, NULL, "alice"), STORE_CONFLICT);
   cr_assert_eq(Store_closeParked(s, wid, b, NULL, "MLDP02", "c3", "alice"), STORE_OK);
   cr_assert_eq(Store_closeParked(s, wid, 999, NULL, NULL, NULL, "alice"), STORE_NOT_FOUND);
   Parked *p;
   size_t n;
   cr_assert_eq(Store_listParked(s, wid, &p, &n), STORE_OK);
   cr_assert_eq(n, 2);
   cr_assert_str_eq(p[0].user, "bob");
   cr_assert_str_eq(p[0].question_id, "MLDP01");
   cr_assert_str_eq(p[0].state, "closed");
   cr_assert_str_eq(p[0].word, "answered");
   cr_assert_str_eq(p[1].state, "planned");
   cr_assert_str_eq(p[1].plan_choice, "c3");
   cr_assert_null(p[1].question_id);
   Parked_freeArray(p, n);
}

Test(polls, vote_needs_an_open_poll)
{
   char *ids[] = {"c1"};
   cr_assert_eq(Store_vote(s, rid, "Q1", "bob", ids, 1), STORE_NOT_FOUND);
   cr_assert(strstr(Store_lastError(s), "no poll is open") != NULL);
   cr_assert_eq(Store_openPoll(s, rid, "Q1", "alice", NULL), STORE_OK);
   cr_assert_eq(Store_openPoll(s, rid, "Q2", "alice", NULL), STORE_EXISTS);
   cr_assert_eq(Store_vote(s, rid, "Q2", "bob", ids, 1), STORE_CONFLICT);
   cr_assert_eq(Store_vote(s, rid, "Q1", "bob", ids, 1), STORE_OK);
   cr_assert_eq(Store_revealPoll(s, rid, "Q1", "alice"), STORE_OK);
   cr_assert_eq(Store_vote(s, rid, "Q1", "carol", ids, 1), STORE_CONFLICT);
   Poll p;
   cr_assert_eq(Store_runningPoll(s, rid, &p), STORE_OK);
   cr_assert_str_eq(p.state, "revealed");
   cr_assert_eq(p.n_ballots, 1);
   Poll_free(&p);
}

Test(polls, ballots_replace_and_accept_writes_the_answer_with_its_tally)
{
   cr_assert_eq(Store_openPoll(s, rid, "Q1", "alice", NULL), STORE_OK);
   char *b1[] = {"c1", "c2"}, *b2[] = {"c1"}, *b3[] = {"c2"}, *b3b[] = {"c1", "c3"};
   cr_assert_eq(Store_vote(s, rid, "Q1", "alice", b1, 2), STORE_OK);
   cr_assert_eq(Store_vote(s, rid, "Q1", "bob", b2, 1), STORE_OK);
   cr_assert_eq(Store_vote(s, rid, "Q1", "carol", b3, 1), STORE_OK);
   cr_assert_eq(Store_vote(s, rid, "Q1", "carol", b3b, 2), STORE_OK);
   Poll p;
   cr_assert_eq(Store_runningPoll(s, rid, &p), STORE_OK);
   cr_assert_eq(p.n_ballots, 3);
   cr_assert_str_eq(p.ballots[2].user, "carol");
   cr_assert_eq(p.ballots[2].n, 2);
   cr_assert_str_eq(p.ballots[2].choices[1], "c3");
   Poll_free(&p);
   char *sel[] = {"c1"};
   StoredAnswer want = {.question_id = "Q1", .selected = sel, .n_selected = 1};
   StoreMerge m;
   cr_assert_eq(Store_acceptPoll(s, rid, NULL, &want, "alice", "{\"poll\":{\"ballots\":3}}", &m),
                STORE_OK, "%s", Store_lastError(s));
   cr_assert_eq(m.version, 1);
   cr_assert(m.wrote);
   StoreMerge_free(&m);
   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(s, rid, "Q1", &got), STORE_OK);
   cr_assert_eq(got.n_selected, 1);
   StoredAnswer_free(&got);
   HistoryEntry *h;
   size_t n;
   cr_assert_eq(Store_history(s, rid, "Q1", &h, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert(strstr(h[0].after, "\"poll\":{\"ballots\":3}") != NULL, "%s", h[0].after);
   HistoryEntry_freeArray(h, n);
   /* The poll ended; its ballots are kept. */
   cr_assert_eq(Store_runningPoll(s, rid, &p), STORE_NOT_FOUND);
   Poll *all;
   cr_assert_eq(Store_listPolls(s, rid, &all, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert_str_eq(all[0].state, "accepted");
   cr_assert_eq(all[0].n_ballots, 3);
   Poll_freeArray(all, n);
}

Test(polls, an_accept_merges_what_others_changed_meanwhile)
{
   /* bob ticks c2 after alice saw the question unanswered; her consensus
    * (c1) merges with it instead of being refused. */
   char *c2[] = {"c2"}, *c1[] = {"c1"};
   StoredAnswer bob = {.question_id = "Q1", .selected = c2, .n_selected = 1};
   cr_assert_eq(Store_openPoll(s, rid, "Q1", "alice", NULL), STORE_OK);
   cr_assert_eq(Store_putAnswer(s, rid, &bob, 0, "bob", NULL), STORE_OK);
   StoredAnswer want = {.question_id = "Q1", .selected = c1, .n_selected = 1};
   StoreMerge m;
   cr_assert_eq(Store_acceptPoll(s, rid, NULL, &want, "alice", "{\"poll\":{\"ballots\":2}}", &m),
                STORE_OK, "%s", Store_lastError(s));
   cr_assert(m.others);
   cr_assert_eq(m.n_clashes, 0);
   cr_assert_eq(m.version, 2);
   StoreMerge_free(&m);
   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(s, rid, "Q1", &got), STORE_OK);
   cr_assert_eq(got.n_selected, 2);
   StoredAnswer_free(&got);
   Poll p;
   cr_assert_eq(Store_runningPoll(s, rid, &p), STORE_NOT_FOUND);
}

Test(polls, a_clashing_accept_writes_nothing_and_keeps_the_poll)
{
   /* bob marks the question not applicable meanwhile: against alice's
    * consensus that is a clash, so nothing is written and the poll stays. */
   char *c1[] = {"c1"};
   StoredAnswer bob = {.question_id = "Q1", .not_applicable = true};
   cr_assert_eq(Store_openPoll(s, rid, "Q1", "alice", NULL), STORE_OK);
   cr_assert_eq(Store_putAnswer(s, rid, &bob, 0, "bob", NULL), STORE_OK);
   StoredAnswer want = {.question_id = "Q1", .selected = c1, .n_selected = 1};
   StoreMerge m;
   cr_assert_eq(Store_acceptPoll(s, rid, NULL, &want, "alice", NULL, &m), STORE_CONFLICT);
   cr_assert_gt(m.n_clashes, 0);
   cr_assert(!m.wrote);
   cr_assert(strstr(Store_lastError(s), "bob") != NULL, "%s", Store_lastError(s));
   StoreMerge_free(&m);
   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(s, rid, "Q1", &got), STORE_OK);
   cr_assert(got.not_applicable);
   cr_assert_eq(got.version, 1);
   Poll p;
   cr_assert_eq(Store_runningPoll(s, rid, &p), STORE_OK);
   cr_assert_str_eq(p.state, "open");
   Poll_free(&p);
   /* Accepted again from what is stored now, it is written. */
   cr_assert_eq(Store_acceptPoll(s, rid, &got, &want, "alice", NULL, &m), STORE_OK, "%s",
                Store_lastError(s));
   cr_assert_eq(m.version, 2);
   StoreMerge_free(&m);
   StoredAnswer_free(&got);
   cr_assert_eq(Store_closePoll(s, rid, "alice"), STORE_NOT_FOUND);
}
