/* test_plan.c: the plan joined with tracking (core/plan.h), snapshots and
 * their differences (core/snapshot.h), lens-version differences
 * (core/lensdiff.h); on tests/fixtures/lenses/small.yaml and upgrade-v*.yaml. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <jansson.h>

#include "core/lensdiff.h"
#include "core/plan.h"
#include "core/str.h"
#include "core/snapshot.h"
#include "support.h"

static Lens *loadFixture(const char *name)
{
   char *path = Support_lensPath(name);
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadFile(path, &d);
   cr_assert_not_null(lens, "%s does not load", path);
   DiagList_free(&d);
   free(path);
   return lens;
}

static size_t qIndex(const Lens *lens, const char *id)
{
   size_t i;
   cr_assert_not_null(Lens_findQuestion(lens, id, &i), "no question %s", id);
   return i;
}

/* Selects (or unselects) one choice of question qid. */
static void sel(Review *r, const char *qid, const char *cid, bool on)
{
   size_t q = qIndex(r->lens, qid);
   int c = Question_findChoice(&r->lens->questions[q], cid);
   cr_assert_geq(c, 0, "no choice %s", cid);
   Answer_select(&r->lens->questions[q], &r->answers[q], (size_t)c, on);
}

/* The review used by most tests (see the expected plan below). */
static void answerSmall(Review *r)
{
   sel(r, "Q1", "Q1_c", true);      /* HIGH: Q1_a, Q1_b (high) missing */
   sel(r, "Q2", "Q2_a", true);      /* MEDIUM: Q2_b (medium) missing */
   sel(r, "Q3", "Q3_rotate", true); /* MEDIUM: Q3_vault (no weight) */
   sel(r, "Q4", "Q4_no", true);     /* HIGH: Q4_tag (high) */
   sel(r, "Q5", "Q5_test", true);   /* HIGH by "!Q5_auto": Q5_auto (no weight) */
}

static PlanTrack track(const char *q, const char *c, PlanStatus st, const char *owner)
{
   PlanTrack t = {0};
   t.question_id = (char *)q;
   t.choice_id = (char *)c;
   t.status = st;
   t.owner = (char *)owner;
   t.version = 1;
   return t;
}

static void assertItem(const Plan *p, size_t i, const char *q, const char *c, PlanItemState st,
                       Risk risk)
{
   cr_assert_lt(i, p->n);
   cr_assert_str_eq(p->items[i].track.question_id, q, "item %zu", i);
   cr_assert_str_eq(p->items[i].track.choice_id, c, "item %zu", i);
   cr_assert_eq(p->items[i].state, st, "item %zu state %d", i, p->items[i].state);
   cr_assert_eq(p->items[i].risk, risk, "item %zu risk %s", i, Risk_name(p->items[i].risk));
}

/* ---- statuses, dates ---- */

Test(plan, status_names)
{
   PlanStatus s;
   cr_assert(PlanStatus_parse("in-progress", &s));
   cr_assert_eq(s, PLAN_IN_PROGRESS);
   cr_assert(PlanStatus_parse("Risk Accepted", &s));
   cr_assert_eq(s, PLAN_RISK_ACCEPTED);
   cr_assert(PlanStatus_parse("wont_do", &s));
   cr_assert_eq(s, PLAN_WONT_DO);
   /* Every label as shown is taken back, as typed or in other case. */
   for (int i = 0; i < PLAN_STATUS_COUNT; i++) {
      cr_assert(PlanStatus_parse(PlanStatus_label((PlanStatus)i), &s), "%d", i);
      cr_assert_eq(s, (PlanStatus)i);
   }
   cr_assert(PlanStatus_parse("won't do", &s));
   cr_assert_eq(s, PLAN_WONT_DO);
   cr_assert(PlanStatus_parse("Won't-Do", &s));
   cr_assert_eq(s, PLAN_WONT_DO);
   cr_assert(PlanStatus_parse("in progress", &s));
   cr_assert_eq(s, PLAN_IN_PROGRESS);
   cr_assert_not(PlanStatus_parse("won't", &s));
   cr_assert_not(PlanStatus_parse("wont do it", &s));
   cr_assert_not(PlanStatus_parse("in", &s));
   cr_assert_not(PlanStatus_parse("opened", &s));
   cr_assert_not(PlanStatus_parse("", &s));
   cr_assert_not(PlanStatus_parse(NULL, &s));
   cr_assert_str_eq(PlanStatus_name(PLAN_DONE), "done");
   cr_assert_str_eq(PlanStatus_name((PlanStatus)99), "open");
   cr_assert(PlanStatus_isPending(PLAN_IN_PROGRESS));
   cr_assert_not(PlanStatus_isPending(PLAN_RISK_ACCEPTED));
   PlanItemState st;
   cr_assert(PlanItemState_parse("not_needed", &st));
   cr_assert_eq(st, PLAN_ITEM_NOT_NEEDED);
   cr_assert_str_eq(PlanItemState_name(PLAN_ITEM_ORPHANED), "orphaned");
   cr_assert(PlanItemState_parse("unanswered", &st));
   cr_assert_eq(st, PLAN_ITEM_UNANSWERED);
   cr_assert_str_eq(PlanItemState_label(PLAN_ITEM_UNANSWERED), "question not answered yet");
}

Test(plan, due_dates)
{
   cr_assert(Plan_validDate("2026-12-01"));
   cr_assert(Plan_validDate("2024-02-29"));
   cr_assert(Plan_validDate("2000-02-29"));
   cr_assert_not(Plan_validDate("1900-02-29"));
   cr_assert_not(Plan_validDate("2026-02-29"));
   cr_assert_not(Plan_validDate("2026-04-31"));
   cr_assert_not(Plan_validDate("2026-13-01"));
   cr_assert_not(Plan_validDate("2026-00-10"));
   cr_assert_not(Plan_validDate("2026-01-00"));
   cr_assert_not(Plan_validDate("2026-1-01"));
   cr_assert_not(Plan_validDate("2026-01-01T00:00:00Z"));
   cr_assert_not(Plan_validDate("2026/01/01"));
   cr_assert_not(Plan_validDate("tomorrow"));
   cr_assert_not(Plan_validDate(""));
   cr_assert_not(Plan_validDate(NULL));
}

Test(plan, priorities)
{
   int p = -7;
   cr_assert(Plan_parsePriority("3", &p));
   cr_assert_eq(p, 3);
   cr_assert(Plan_parsePriority("0", &p));
   cr_assert_eq(p, 0);
   cr_assert(Plan_parsePriority("1000000", &p));
   cr_assert_eq(p, PLAN_PRIORITY_MAX);
   p = 5;
   cr_assert_not(Plan_parsePriority("1000001", &p));
   cr_assert_not(Plan_parsePriority("-1", &p));
   cr_assert_not(Plan_parsePriority("2x", &p));
   cr_assert_not(Plan_parsePriority("1.5", &p));
   cr_assert_not(Plan_parsePriority("high", &p));
   cr_assert_not(Plan_parsePriority("99999999999999999999", &p));
   cr_assert_not(Plan_parsePriority("", &p));
   cr_assert_not(Plan_parsePriority(NULL, &p));
   cr_assert_eq(p, 5, "a refused text leaves the value alone");
}

/* ---- derivation and the join ---- */

Test(plan, derived_order)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   answerSmall(&r);
   Plan p;
   Plan_build(&r, NULL, 0, &p);
   cr_assert_eq(p.n, 6);
   cr_assert_eq(p.n_active, 6);
   /* Risk, then weight (high, medium, none), then phase, pillar, file order. */
   assertItem(&p, 0, "Q1", "Q1_a", PLAN_ITEM_ACTIVE, RISK_HIGH);
   assertItem(&p, 1, "Q1", "Q1_b", PLAN_ITEM_ACTIVE, RISK_HIGH);
   assertItem(&p, 2, "Q4", "Q4_tag", PLAN_ITEM_ACTIVE, RISK_HIGH);
   assertItem(&p, 3, "Q5", "Q5_auto", PLAN_ITEM_ACTIVE, RISK_HIGH);
   assertItem(&p, 4, "Q2", "Q2_b", PLAN_ITEM_ACTIVE, RISK_MEDIUM);
   assertItem(&p, 5, "Q3", "Q3_vault", PLAN_ITEM_ACTIVE, RISK_MEDIUM);
   cr_assert_eq(p.items[0].weight, WEIGHT_HIGH);
   cr_assert_eq(p.items[3].weight, WEIGHT_NONE);
   cr_assert_not(p.items[0].tracked);
   cr_assert_eq(p.items[0].track.status, PLAN_OPEN);
   cr_assert_null(p.items[0].track.owner);
   const Question *q = &lens->questions[p.items[2].question];
   cr_assert_str_eq(q->choices[p.items[2].choice].id, "Q4_tag");
   Plan_free(&p);
   Review_free(&r);
   Lens_free(lens);
}

Test(plan, tracking_survives_answer_changes)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   answerSmall(&r);
   PlanTrack t[] = {
      track("Q1", "Q1_b", PLAN_IN_PROGRESS, "alice"), track("Q2", "Q2_b", PLAN_OPEN, "bob"),
      track("ZZ", "ZZ_a", PLAN_DONE, NULL),  /* no such question */
      track("Q3", "Q3_no", PLAN_OPEN, NULL), /* not a practice */
      track("Q1", "Q1_b", PLAN_DONE, "dup"), /* duplicate: the first wins */
   };
   Plan p;
   Plan_build(&r, t, 5, &p);
   cr_assert_eq(p.n_active, 6);
   cr_assert_eq(p.n, 8);
   cr_assert(p.items[1].tracked);
   cr_assert_eq(p.items[1].track.status, PLAN_IN_PROGRESS);
   cr_assert_str_eq(p.items[1].track.owner, "alice");
   assertItem(&p, 6, "Q3", "Q3_no", PLAN_ITEM_ORPHANED, RISK_UNANSWERED);
   assertItem(&p, 7, "ZZ", "ZZ_a", PLAN_ITEM_ORPHANED, RISK_UNANSWERED);
   cr_assert_eq(p.items[7].question, PLAN_NO_INDEX);
   Plan_free(&p);

   /* Selecting the practice resolves the item; its tracking stays. */
   sel(&r, "Q1", "Q1_b", true);
   Plan_build(&r, t, 4, &p);
   const PlanItem *it = Plan_find(&p, "Q1", "Q1_b");
   cr_assert_not_null(it);
   cr_assert_eq(it->state, PLAN_ITEM_RESOLVED);
   cr_assert_eq(it->risk, RISK_HIGH); /* Q1_a still missing */
   cr_assert_str_eq(it->track.owner, "alice");
   cr_assert_geq((size_t)(it - p.items), p.n_active);
   Plan_free(&p);

   /* Unselecting brings it back, tracking and all. */
   sel(&r, "Q1", "Q1_b", false);
   Plan_build(&r, t, 4, &p);
   it = Plan_find(&p, "Q1", "Q1_b");
   cr_assert_eq(it->state, PLAN_ITEM_ACTIVE);
   cr_assert_eq(it->track.status, PLAN_IN_PROGRESS);
   cr_assert_eq(it - p.items, 1);
   Plan_free(&p);

   /* A question marked not applicable: no longer needed. */
   r.answers[qIndex(lens, "Q2")].not_applicable = true;
   Plan_build(&r, t, 4, &p);
   it = Plan_find(&p, "Q2", "Q2_b");
   cr_assert_eq(it->state, PLAN_ITEM_NOT_NEEDED);
   cr_assert_eq(it->risk, RISK_NOT_APPLICABLE);
   cr_assert_eq(p.n_active, 5);
   Plan_free(&p);
   Review_free(&r);
   Lens_free(lens);
}

/* An item tracked on a question nobody answered was never at risk: it is
 * unanswered, not "no longer at risk". */
Test(plan, tracking_an_unanswered_question)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   PlanTrack t[] = {track("Q2", "Q2_b", PLAN_OPEN, "z")};
   Plan p;
   Plan_build(&r, t, 1, &p);
   cr_assert_eq(p.n_active, 0);
   assertItem(&p, 0, "Q2", "Q2_b", PLAN_ITEM_UNANSWERED, RISK_UNANSWERED);
   Plan_free(&p);

   /* Another choice marked not applicable answers nothing either. */
   size_t q = qIndex(lens, "Q2");
   r.answers[q].choices[0] = CHOICE_NA;
   Plan_build(&r, t, 1, &p);
   assertItem(&p, 0, "Q2", "Q2_b", PLAN_ITEM_UNANSWERED, RISK_UNANSWERED);
   Plan_free(&p);

   /* The practice itself marked not applicable: not needed. */
   r.answers[q].choices[1] = CHOICE_NA;
   Plan_build(&r, t, 1, &p);
   assertItem(&p, 0, "Q2", "Q2_b", PLAN_ITEM_NOT_NEEDED, RISK_UNANSWERED);
   Plan_free(&p);

   /* The question marked not applicable: not needed. */
   r.answers[q].choices[1] = CHOICE_UNSELECTED;
   r.answers[q].not_applicable = true;
   Plan_build(&r, t, 1, &p);
   assertItem(&p, 0, "Q2", "Q2_b", PLAN_ITEM_NOT_NEEDED, RISK_NOT_APPLICABLE);
   Plan_free(&p);
   Review_free(&r);
   Lens_free(lens);
}

Test(plan, overdue)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   answerSmall(&r);
   PlanTrack t[] = {track("Q1", "Q1_a", PLAN_OPEN, NULL), track("Q1", "Q1_b", PLAN_DONE, NULL)};
   t[0].due = "2026-11-27";
   t[1].due = "2026-11-01";
   Plan p;
   Plan_build(&r, t, 2, &p);
   cr_assert(PlanItem_isOverdue(&p.items[0], "2026-11-28"));
   cr_assert_not(PlanItem_isOverdue(&p.items[0], "2026-11-27"));
   cr_assert_not(PlanItem_isOverdue(&p.items[0], NULL));
   cr_assert_not(PlanItem_isOverdue(&p.items[1], "2026-11-28")); /* done */
   cr_assert_not(PlanItem_isOverdue(&p.items[2], "2026-11-28")); /* no date */
   Plan_free(&p);
   Review_free(&r);
   Lens_free(lens);
}

/* ---- snapshots ---- */

static void buildSnap(const Review *r, const PlanTrack *t, size_t n, Snapshot *out)
{
   Plan p;
   Plan_build(r, t, n, &p);
   const char *notes[5] = {"first notes", NULL, NULL, NULL, NULL};
   Snapshot_build(r, notes, &p, "fraud", "2026-11-28", out);
   Plan_free(&p);
}

Test(snapshot, counts)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   answerSmall(&r);
   PlanTrack t[] = {track("Q1", "Q1_a", PLAN_IN_PROGRESS, NULL)};
   t[0].due = "2026-11-01";
   Snapshot s;
   buildSnap(&r, t, 1, &s);
   cr_assert_eq(s.format, SNAPSHOT_FORMAT);
   cr_assert_str_eq(s.lens_key, "small");
   cr_assert_str_eq(s.lens_version, "1.0");
   cr_assert_eq(s.n_questions, 5);
   cr_assert_eq(s.total.questions, 5);
   cr_assert_eq(s.total.by_risk[RISK_HIGH], 3);
   cr_assert_eq(s.total.by_risk[RISK_MEDIUM], 2);
   cr_assert_eq(s.total.by_risk[RISK_UNANSWERED], 0);
   cr_assert_eq(s.total.practices, 10);
   cr_assert_eq(s.total.practices_selected, 4);
   cr_assert_eq(s.total.plan_active, 6);
   cr_assert_eq(s.total.plan_by_status[PLAN_IN_PROGRESS], 1);
   cr_assert_eq(s.total.plan_by_status[PLAN_OPEN], 5);
   cr_assert_eq(s.total.plan_overdue, 1);
   /* Pillars: ops (Q1 HIGH, Q2 MEDIUM), sec (Q3 MEDIUM, Q5 HIGH), cost (Q4 HIGH). */
   cr_assert_eq(s.n_pillars, 3);
   cr_assert_str_eq(s.pillars[0].id, "ops");
   cr_assert_eq(s.pillars[0].counts.by_risk[RISK_HIGH], 1);
   cr_assert_eq(s.pillars[0].counts.by_risk[RISK_MEDIUM], 1);
   cr_assert_eq(s.pillars[0].counts.plan_active, 3);
   cr_assert_eq(s.pillars[2].counts.by_risk[RISK_HIGH], 1);
   cr_assert_eq(s.pillars[2].counts.plan_active, 1);
   /* Phases: build (Q1, Q3, Q4), run (Q2, Q5). */
   cr_assert_eq(s.n_phases, 2);
   cr_assert_eq(s.phases[0].counts.questions, 3);
   cr_assert_eq(s.phases[0].counts.by_risk[RISK_HIGH], 2);
   cr_assert_eq(s.phases[1].counts.questions, 2);
   cr_assert_eq(s.phases[1].counts.plan_overdue, 0);
   cr_assert_eq(s.phases[0].counts.plan_overdue, 1);
   cr_assert_str_eq(s.questions[0].notes, "first notes");
   cr_assert_eq(s.questions[0].choices[2].state, CHOICE_SELECTED);
   Snapshot_free(&s);
   Review_free(&r);
   Lens_free(lens);
}

Test(snapshot, json_round_trip)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   answerSmall(&r);
   size_t q4 = qIndex(lens, "Q2");
   r.answers[q4].not_applicable = true;
   r.answers[q4].reason = NA_BUSINESS_PRIORITIES;
   PlanTrack t[] = {track("Q1", "Q1_a", PLAN_IN_PROGRESS, "alice"),
                    track("ZZ", "ZZ_a", PLAN_DONE, NULL)};
   t[0].due = "2026-12-01";
   t[0].priority = 2;
   t[0].note = "note \"quoted\"\n";
   Snapshot a;
   buildSnap(&r, t, 2, &a);
   char *text = Snapshot_toJson(&a);
   cr_assert_not_null(text);
   Snapshot b;
   char *err = NULL;
   cr_assert(Snapshot_fromJson(text, &b, &err), "%s", err);
   char *again = Snapshot_toJson(&b);
   cr_assert_str_eq(text, again);
   cr_assert_eq(b.plan.n, a.plan.n);
   cr_assert_eq(b.plan.n_active, a.plan.n_active);
   const PlanItem *it = Plan_find(&b.plan, "Q1", "Q1_a");
   cr_assert_str_eq(it->track.note, "note \"quoted\"\n");
   cr_assert_eq(it->track.priority, 2);
   cr_assert_eq(it->question, 0);
   cr_assert_eq(Plan_find(&b.plan, "ZZ", "ZZ_a")->question, PLAN_NO_INDEX);
   cr_assert(b.questions[1].not_applicable);
   cr_assert_eq(b.questions[1].reason, NA_BUSINESS_PRIORITIES);
   cr_assert_eq(b.questions[1].risk, RISK_NOT_APPLICABLE);
   cr_assert_eq(b.total.plan_active, a.total.plan_active);
   cr_assert_eq(b.pillars[1].counts.by_risk[RISK_HIGH], a.pillars[1].counts.by_risk[RISK_HIGH]);
   /* The snapshot reads the same after the review changes. */
   sel(&r, "Q1", "Q1_a", true);
   Snapshot_free(&b);
   cr_assert(Snapshot_fromJson(text, &b, &err));
   cr_assert_eq(Plan_find(&b.plan, "Q1", "Q1_a")->state, PLAN_ITEM_ACTIVE);
   free(text);
   free(again);
   Snapshot_free(&a);
   Snapshot_free(&b);
   Review_free(&r);
   Lens_free(lens);
}

/* Reports and milestone listings write counts and groups with the snapshot's
 * own writer: what they print is exactly what a milestone stores.  A key the
 * reader does not know (a later walens's) is passed over. */
Test(snapshot, one_counts_writer)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   answerSmall(&r);
   Snapshot a;
   buildSnap(&r, NULL, 0, &a);
   char *text = Snapshot_toJson(&a);
   cr_assert_not_null(text);
   json_t *stored = json_loads(text, 0, NULL);
   cr_assert_not_null(stored);
   json_t *total = SnapCounts_toJson(&a.total);
   json_t *pillars = SnapGroups_toJson(a.pillars, a.n_pillars);
   json_t *phases = SnapGroups_toJson(a.phases, a.n_phases);
   cr_assert(json_equal(total, json_object_get(stored, "total")));
   cr_assert(json_equal(pillars, json_object_get(stored, "pillars")));
   cr_assert(json_equal(phases, json_object_get(stored, "phases")));
   cr_assert_str_eq(json_string_value(json_object_get(json_array_get(pillars, 0), "name")),
                    a.pillars[0].name);
   json_object_set_new(json_object_get(stored, "total"), "answered", json_integer(5));
   char *grown = json_dumps(stored, 0);
   Snapshot b;
   char *err = NULL;
   cr_assert(Snapshot_fromJson(grown, &b, &err), "%s", err);
   cr_assert_eq(b.total.questions, a.total.questions);
   cr_assert_eq(b.total.by_risk[RISK_HIGH], a.total.by_risk[RISK_HIGH]);
   free(grown);
   json_decref(total);
   json_decref(pillars);
   json_decref(phases);
   json_decref(stored);
   free(text);
   Snapshot_free(&a);
   Snapshot_free(&b);
   Review_free(&r);
   Lens_free(lens);
}

static void assertParseError(const char *text, const char *want)
{
   Snapshot s;
   char *err = NULL;
   cr_assert_not(Snapshot_fromJson(text, &s, &err), "%s parsed", text);
   cr_assert_str_eq(err, want);
   free(err);
   Snapshot_free(&s);
}

Test(snapshot, bad_json)
{
   assertParseError("[", "snapshot: 1:1: ']' expected near end of file");
   assertParseError("[]", "snapshot: not a JSON object");
   assertParseError("{\"format\": 2}", "snapshot: format 2 is newer than this walens (1)");
   assertParseError("{}", "snapshot: missing or invalid format");
   assertParseError("{\"format\": 1}", "snapshot: missing or invalid lens");
   assertParseError("{\"format\": 1, \"lens\": {\"key\": \"k\"}}",
                    "snapshot: missing or invalid counts");
}

/* ---- differences ---- */

Test(snapshot, diff)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   answerSmall(&r);
   PlanTrack t[] = {track("Q1", "Q1_b", PLAN_OPEN, NULL), track("Q4", "Q4_tag", PLAN_OPEN, NULL)};
   Snapshot a, b;
   buildSnap(&r, t, 2, &a);
   sel(&r, "Q1", "Q1_a", true);       /* Q1 stays HIGH (Q1_b missing): Q1_a closes */
   sel(&r, "Q5", "Q5_auto", true);    /* Q5 HIGH -> NONE: Q5_auto closes */
   sel(&r, "Q3", "Q3_rotate", false); /* Q3 MEDIUM -> UNANSWERED: Q3_vault closes */
   sel(&r, "Q2", "Q2_a", false);
   sel(&r, "Q2", "Q2_no", true); /* Q2 stays MEDIUM; Q2_a opens */
   t[0].status = PLAN_IN_PROGRESS;
   t[0].owner = "alice";
   t[1].note = "tag it";
   buildSnap(&r, t, 2, &b);
   SnapshotDiff d;
   Snapshot_diff(&a, &b, &d);
   cr_assert_eq(d.n_risks, 2);
   cr_assert_str_eq(d.risks[0].to->id, "Q3");
   cr_assert_eq(d.risks[0].from->risk, RISK_MEDIUM);
   cr_assert_eq(d.risks[0].to->risk, RISK_UNANSWERED);
   cr_assert_str_eq(d.risks[1].to->id, "Q5");
   cr_assert_eq(d.n_worse, 0);
   cr_assert_eq(d.n_better, 1);     /* Q5 HIGH -> NONE */
   cr_assert_eq(d.n_unanswered, 1); /* Q3 MEDIUM -> UNANSWERED: not "better" */
   cr_assert_eq(d.n_answered, 0);
   /* Q2_no was selected too, but "None of these" is no practice. */
   cr_assert_eq(d.n_selected, 2);
   cr_assert_eq(d.n_unselected, 2);
   cr_assert_eq(d.n_practices, 4);
   cr_assert_str_eq(d.practices[0].choice->id, "Q1_a");
   cr_assert(d.practices[0].selected);
   cr_assert_str_eq(d.practices[1].choice->id, "Q5_auto");
   cr_assert_str_eq(d.practices[2].choice->id, "Q2_a");
   cr_assert_not(d.practices[2].selected);
   cr_assert_str_eq(d.practices[3].choice->id, "Q3_rotate");
   cr_assert_eq(d.n_opened, 1);
   cr_assert_eq(d.n_closed, 3);
   cr_assert_eq(d.n_changed, 2);
   cr_assert_eq(d.n_plan, 6);
   cr_assert_eq(d.plan[0].kind, SNAP_PLAN_OPENED);
   cr_assert_str_eq(d.plan[0].to->track.choice_id, "Q2_a");
   cr_assert_eq(d.plan[1].kind, SNAP_PLAN_CLOSED);
   cr_assert_str_eq(d.plan[1].from->track.choice_id, "Q1_a");
   cr_assert_str_eq(d.plan[2].from->track.choice_id, "Q5_auto");
   cr_assert_str_eq(d.plan[3].from->track.choice_id, "Q3_vault");
   cr_assert_null(d.plan[3].to);
   cr_assert_eq(d.plan[4].kind, SNAP_PLAN_CHANGED);
   cr_assert_str_eq(d.plan[4].to->track.choice_id, "Q1_b");
   cr_assert_eq(d.plan[4].fields, SNAP_FIELD_STATUS | SNAP_FIELD_OWNER);
   cr_assert_str_eq(d.plan[5].to->track.choice_id, "Q4_tag");
   cr_assert_eq(d.plan[5].fields, SNAP_FIELD_NOTE);
   cr_assert_not(SnapshotDiff_isEmpty(&d));
   SnapshotDiff_free(&d);
   Snapshot_diff(&b, &b, &d);
   cr_assert(SnapshotDiff_isEmpty(&d));
   SnapshotDiff_free(&d);
   Snapshot_free(&a);
   Snapshot_free(&b);
   Review_free(&r);
   Lens_free(lens);
}

/* Issue 18: answering a question (unanswered -> MEDIUM) is not "worse". */
Test(snapshot, answering_is_not_worse)
{
   Lens *lens = loadFixture("small.yaml");
   Review r;
   Review_init(&r, lens);
   Snapshot a, b;
   buildSnap(&r, NULL, 0, &a);
   sel(&r, "Q2", "Q2_a", true); /* unanswered -> MEDIUM */
   buildSnap(&r, NULL, 0, &b);
   SnapshotDiff d;
   Snapshot_diff(&a, &b, &d);
   cr_assert_eq(d.n_risks, 1);
   cr_assert_eq(d.risks[0].to->risk, RISK_MEDIUM);
   cr_assert_eq(d.n_worse, 0);
   cr_assert_eq(d.n_better, 0);
   cr_assert_eq(d.n_answered, 1);
   SnapshotDiff_free(&d);
   Snapshot_diff(&b, &a, &d); /* and back: no longer answered, not "better" */
   cr_assert_eq(d.n_better, 0);
   cr_assert_eq(d.n_unanswered, 1);
   SnapshotDiff_free(&d);
   Snapshot_free(&a);
   Snapshot_free(&b);
   Review_free(&r);
   Lens_free(lens);
}

/* ---- lens versions ---- */

Test(lensdiff, upgrade_fixtures)
{
   Lens *v1 = loadFixture("upgrade-v1.yaml"), *v2 = loadFixture("upgrade-v2.yaml");
   LensDiff d;
   LensDiff_build(v1, v2, &d);
   cr_assert_eq(d.n, 6);
   cr_assert_eq(d.n_changed, 3);
   cr_assert_eq(d.n_added, 1);
   cr_assert_eq(d.n_removed, 1);
   const char *order[] = {"UP1", "UP2", "UP5", "UP6", "UP3", "UP4"};
   for (size_t i = 0; i < 6; i++)
      cr_assert_str_eq(d.questions[i].id, order[i]);
   cr_assert_eq(d.questions[0].changes, LENSDIFF_TITLE);
   /* Derived rules name the choices, so a new choice changes them too. */
   cr_assert_eq(d.questions[1].changes, LENSDIFF_CHOICES | LENSDIFF_RULES);
   cr_assert_eq(d.questions[1].n_removed_choices, 1);
   cr_assert_str_eq(d.questions[1].removed_choices[0], "UP2_old");
   cr_assert_eq(d.questions[1].n_added_choices, 1);
   cr_assert_str_eq(d.questions[1].added_choices[0], "UP2_c");
   cr_assert_eq(d.questions[2].changes, 0);
   cr_assert_eq(d.questions[3].changes, LENSDIFF_ADDED);
   cr_assert_eq(d.questions[3].from, LENSDIFF_NONE);
   cr_assert_eq(d.questions[4].changes, LENSDIFF_RULES);
   cr_assert_eq(d.questions[5].changes, LENSDIFF_REMOVED);
   cr_assert_eq(d.questions[5].to, LENSDIFF_NONE);
   cr_assert_str_eq(LensDiff_find(&d, "UP4")->id, "UP4");
   cr_assert_null(LensDiff_find(&d, "UP9"));
   LensDiff_free(&d);
   /* The same lens: nothing changed. */
   LensDiff_build(v2, v2, &d);
   cr_assert_eq(d.n_changed + d.n_added + d.n_removed, 0);
   LensDiff_free(&d);

   Review r;
   Review_init(&r, v1);
   sel(&r, "UP2", "UP2_a", true);
   sel(&r, "UP2", "UP2_old", true);
   size_t q1 = qIndex(v1, "UP2"), q2 = qIndex(v2, "UP2");
   r.answers[q1].choices[1] = CHOICE_NA;
   Answer out = {.choices = calloc(v2->questions[q2].n_choices, 1)};
   cr_assert_eq(Answer_carry(&v1->questions[q1], &r.answers[q1], &v2->questions[q2], &out), 1);
   cr_assert_eq(out.choices[0], CHOICE_SELECTED);
   cr_assert_eq(out.choices[1], CHOICE_NA);
   cr_assert_eq(out.choices[2], CHOICE_UNSELECTED); /* UP2_c is new */
   free(out.choices);
   Review_free(&r);
   Lens_free(v1);
   Lens_free(v2);
}

Test(lensdiff, versions)
{
   cr_assert_lt(Version_compare("1.0", "2.0"), 0);
   cr_assert_gt(Version_compare("1.10", "1.9"), 0);
   cr_assert_eq(Version_compare("1.01", "1.1"), 0);
   cr_assert_gt(Version_compare("1.0.1", "1.0"), 0);
   cr_assert_lt(Version_compare("2025-01", "2025-11"), 0);
   cr_assert_gt(Version_compare("1.0b", "1.0a"), 0);
   cr_assert_gt(Version_compare("1.0", NULL), 0);
   cr_assert_lt(Version_compare(NULL, "1.0"), 0);
   cr_assert_eq(Version_compare(NULL, NULL), 0);
}

/* ---- change notes: substance against wording ---- */

static Lens *loadText(const char *text)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadBuffer("notes.yaml", text, strlen(text), &d);
   cr_assert_not_null(lens, "the inline lens does not load");
   DiagList_free(&d);
   return lens;
}

/* One lens, three questions; %s are Q1_a's title, Q2_c's extra keys. */
static Lens *notesLens(const char *version, const char *title_a, const char *extra_c)
{
   char buf[2048];
   snprintf(buf, sizeof buf,
            "id: notes\nversion: \"%s\"\nname: Notes\npillars:\n"
            "  - id: ops\n    name: Ops\n    questions:\n"
            "      - id: Q1\n        title: One?\n        choices:\n"
            "          - {id: Q1_a, title: \"%s\", risk: high}\n"
            "          - {id: Q1_b, title: Bee, risk: medium}\n"
            "      - id: Q2\n        title: Two?\n        choices:\n"
            "          - {id: Q2_c, title: Sea, risk: high%s}\n"
            "      - id: Q3\n        title: Three?\n        choices:\n"
            "          - {id: Q3_d, title: Dee, risk: high}\n",
            version, title_a, extra_c);
   return loadText(buf);
}

Test(lensdiff, change_notes)
{
   Lens *v1 = notesLens("1", "Ay", "");
   /* v2 rewords Q1_a and says Q2_c changed in substance. */
   Lens *v2 = notesLens("2", "Ay, reworded", ", changeNote: \"now also asks for X\"");
   LensDiff d;
   LensDiff_build(v1, v2, &d);
   cr_assert_eq(d.n_noted, 1);
   const LensQuestionDiff *q1 = LensDiff_find(&d, "Q1"), *q2 = LensDiff_find(&d, "Q2"),
                          *q3 = LensDiff_find(&d, "Q3");
   cr_assert_eq(q1->changes, LENSDIFF_CHOICES);
   cr_assert_not(LensDiff_needsReview(&d, q1), "wording alone is no reason to look again");
   cr_assert_eq(q2->changes, LENSDIFF_SUBSTANCE);
   cr_assert(LensDiff_needsReview(&d, q2));
   cr_assert_eq(q2->n_noted, 1);
   cr_assert_str_eq(q2->noted[0]->id, "Q2_c");
   cr_assert_str_eq(q2->noted[0]->change_note, "now also asks for X");
   cr_assert_eq(q3->changes, 0);
   cr_assert_not(LensDiff_needsReview(&d, q3));
   LensDiff_free(&d);

   /* A note kept in v3 unchanged does not count again. */
   Lens *v3 = notesLens("3", "Ay, reworded twice", ", changeNote: \"now also asks for X\"");
   LensDiff_build(v2, v3, &d);
   cr_assert_eq(d.n_noted, 0);
   q1 = LensDiff_find(&d, "Q1");
   q2 = LensDiff_find(&d, "Q2");
   cr_assert_eq(q2->changes, 0);
   /* No new note anywhere: every change counts, as without notes. */
   cr_assert(LensDiff_needsReview(&d, q1));
   LensDiff_free(&d);

   /* A note with another text counts. */
   Lens *v4 = notesLens("4", "Ay, reworded twice", ", changeNote: \"now also asks for Y\"");
   LensDiff_build(v3, v4, &d);
   cr_assert_eq(d.n_noted, 1);
   cr_assert(LensDiff_needsReview(&d, LensDiff_find(&d, "Q2")));
   LensDiff_free(&d);
   Lens_free(v1);
   Lens_free(v2);
   Lens_free(v3);
   Lens_free(v4);
}

Test(lensdiff, change_note_one_line)
{
   const char *text = "id: n\nname: N\npillars:\n  - id: p\n    name: P\n    questions:\n"
                      "      - id: Q1\n        title: One?\n        choices:\n"
                      "          - id: Q1_a\n            title: Ay\n"
                      "            changeNote: \"first\\nsecond\"\n";
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadBuffer("n.yaml", text, strlen(text), &d);
   cr_assert_not_null(lens);
   cr_assert_str_eq(lens->questions[0].choices[0].change_note, "first");
   bool warned = false;
   for (size_t i = 0; i < d.count; i++)
      warned |= d.items[i].level == DIAG_WARNING &&
                strstr(d.items[i].message, "changeNote should be one line") != NULL;
   cr_assert(warned, "a note over two lines is a warning");
   DiagList_free(&d);
   Lens_free(lens);

   /* The JSON syntax knows the key too: no unknown-key warning. */
   const char *json = "{\"name\":\"N\",\"pillars\":[{\"id\":\"p\",\"name\":\"P\",\"questions\":"
                      "[{\"id\":\"Q1\",\"title\":\"One?\",\"choices\":[{\"id\":\"Q1_a\","
                      "\"title\":\"Ay\",\"changeNote\":\"now asks for more\"}],"
                      "\"riskRules\":[{\"condition\":\"default\",\"risk\":\"NO_RISK\"}]}]}]}";
   DiagList_init(&d);
   lens = Lens_loadBuffer("n.json", json, strlen(json), &d);
   cr_assert_not_null(lens);
   cr_assert_eq(lens->format, LENS_JSON);
   cr_assert_str_eq(lens->questions[0].choices[0].change_note, "now asks for more");
   for (size_t i = 0; i < d.count; i++)
      cr_expect_null(strstr(d.items[i].message, "changeNote"), "%s", d.items[i].message);
   DiagList_free(&d);
   Lens_free(lens);
}

Test(str, null_safe_compare)
{
   cr_assert(Str_eq(NULL, NULL));
   cr_assert_not(Str_eq(NULL, ""), "NULL is no text, \"\" is empty text");
   cr_assert(Str_eq("a", "a"));
   cr_assert_not(Str_eq("a", "b"));
   cr_assert(Str_eqText(NULL, ""), "an empty note is no note");
   cr_assert_not(Str_eqText(NULL, "x"));
   cr_assert(Str_eqText("x", "x"));
}
