/* test_store_merge.c: merging writes (Store_mergeAnswer,
 * Store_mergePlanTracking): every merge case, each clash and its message. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "store/histfmt.h"
#include "store/reviewdoc.h"
#include "store/store.h"
#include "support.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static char dir[64], path[128];
static Store *s;
static int64_t review, review2; /* of w1, and of w2 (the mergedoc suite) */

static void setup(void)
{
   strcpy(dir, "/tmp/walens-merge-XXXXXX");
   cr_assert_not_null(mkdtemp(dir));
   snprintf(path, sizeof path, "%s/m.db", dir);
   char *err = NULL;
   cr_assert_eq(Store_open(path, 0, &s, &err), STORE_OK, "%s", err ? err : "");
   Store_setNow(s, "2026-01-01T00:00:00Z");
   int64_t lens;
   cr_assert_eq(Store_putLens(s, "ml", "1", "ML", SHA_A, "text", 4, &lens), STORE_OK);
   Workload w = {.name = "w1"};
   cr_assert_eq(Store_addWorkload(s, &w, lens, "alice", NULL), STORE_OK);
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "w1", &got), STORE_OK);
   review = got.review_id;
   Workload_free(&got);
}

static void teardown(void)
{
   Store_close(s);
   char sub[160];
   const char *files[] = {"m.db", "m.db-wal", "m.db-shm"};
   for (size_t i = 0; i < 3; i++) {
      snprintf(sub, sizeof sub, "%s/%s", dir, files[i]);
      unlink(sub);
   }
   rmdir(dir);
}

TestSuite(merge, .init = setup, .fini = teardown);

/* An answer to q1 with the given selected ids (NULL-terminated). */
static StoredAnswer ans(char **sel, const char *notes)
{
   StoredAnswer a = {.question_id = "q1", .notes = (char *)notes};
   while (sel && sel[a.n_selected])
      a.n_selected++;
   a.selected = sel;
   return a;
}

/* The stored answer now (caller frees). */
static StoredAnswer now(void)
{
   StoredAnswer a;
   StoreStatus st = Store_getAnswer(s, review, "q1", &a);
   cr_assert(st == STORE_OK || st == STORE_NOT_FOUND);
   return a;
}

static bool has(const StoredAnswer *a, const char *id)
{
   for (size_t i = 0; i < a->n_selected; i++)
      if (strcmp(a->selected[i], id) == 0)
         return true;
   return false;
}

/* Writes want over base as user; returns the merge (caller frees). */
static StoreMerge put(const StoredAnswer *base, const StoredAnswer *want, const char *user)
{
   StoreMerge m;
   cr_assert_eq(Store_mergeAnswer(s, review, base, want, user, NULL, &m), STORE_OK, "%s",
                Store_lastError(s));
   return m;
}

Test(merge, different_practices_both_land)
{
   char *none[] = {NULL}, *a1[] = {"c1", NULL}, *b1[] = {"c2", NULL};
   StoredAnswer base = ans(none, NULL), alice = ans(a1, NULL), bob = ans(b1, NULL);
   StoreMerge m = put(&base, &alice, "alice");
   cr_assert(m.wrote);
   cr_assert(!m.others);
   StoreMerge_free(&m);
   m = put(&base, &bob, "bob"); /* bob never saw alice's c1 */
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert(m.others);
   cr_assert_eq(m.version, 2);
   cr_assert_null(m.message);
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert(has(&got, "c1") && has(&got, "c2"));
   StoredAnswer_free(&got);
}

Test(merge, practice_and_notes_both_land)
{
   char *none[] = {NULL}, *a1[] = {"c1", NULL};
   StoredAnswer base = ans(none, "start"), alice = ans(a1, "start"), bob = ans(none, "bob's");
   StoreMerge m = put(NULL, &base, "carol");
   StoreMerge_free(&m);
   m = put(&base, &alice, "alice");
   StoreMerge_free(&m);
   m = put(&base, &bob, "bob");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert(has(&got, "c1"));
   cr_assert_str_eq(got.notes, "bob's");
   StoredAnswer_free(&got);
}

Test(merge, same_change_twice_is_no_clash)
{
   char *none[] = {NULL}, *a1[] = {"c1", NULL};
   StoredAnswer base = ans(none, NULL), want = ans(a1, NULL);
   StoreMerge m = put(&base, &want, "alice");
   StoreMerge_free(&m);
   m = put(&base, &want, "bob");
   cr_assert_eq(m.n_clashes, 0);
   cr_assert(!m.wrote, "nothing new to write");
   cr_assert_eq(m.version, 1);
   StoreMerge_free(&m);
}

Test(merge, practice_turned_opposite_ways_clashes)
{
   /* bob marks c1 not applicable, alice (who saw it unset) selects it. */
   char *none[] = {NULL}, *a1[] = {"c1", "c2", NULL}, *na[] = {"c1", NULL};
   StoredAnswer base = ans(none, NULL), alice = ans(a1, NULL), bob = ans(none, NULL);
   bob.na_choices = na;
   bob.n_na_choices = 1;
   StoreMerge m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   Store_setNow(s, "2026-01-01T00:05:00Z");
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_CHOICE);
   cr_assert_str_eq(m.clashes[0].what, "c1");
   cr_assert_str_eq(m.clashes[0].by, "bob");
   cr_assert_str_eq(m.message, "not written, changed meanwhile: choice c1: bob changed it at "
                               "2026-01-01T00:00:00Z");
   cr_assert(m.wrote, "c2 is written all the same");
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert(has(&got, "c2"));
   cr_assert(!has(&got, "c1"));
   cr_assert_eq(got.n_na_choices, 1);
   StoredAnswer_free(&got);
}

Test(merge, unselect_against_a_fresh_na_mark_clashes)
{
   char *c1[] = {"c1", NULL}, *none[] = {NULL}, *na[] = {"c1", NULL};
   StoredAnswer base = ans(c1, NULL);
   StoreMerge m = put(NULL, &base, "carol");
   StoreMerge_free(&m);
   StoredAnswer bob = ans(none, NULL);
   bob.na_choices = na;
   bob.n_na_choices = 1;
   m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   StoredAnswer alice = ans(none, NULL); /* alice turns c1 off */
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_str_eq(m.clashes[0].by, "bob");
   StoreMerge_free(&m);
}

Test(merge, none_of_these_against_a_fresh_practice_clashes)
{
   char *none[] = {NULL}, *no[] = {"q1_no", NULL}, *b1[] = {"c3", NULL};
   StoredAnswer base = ans(none, NULL), alice = ans(no, NULL), bob = ans(b1, NULL);
   StoreMerge m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_NONE);
   cr_assert_str_eq(m.clashes[0].what, "q1_no");
   cr_assert_str_eq(m.clashes[0].by, "bob");
   cr_assert_not_null(strstr(m.message, "\"None of these\" (q1_no): bob selected a practice"), "%s",
                      m.message);
   cr_assert(!m.wrote);
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert(has(&got, "c3") && !has(&got, "q1_no"));
   StoredAnswer_free(&got);
}

Test(merge, practice_against_a_fresh_none_of_these_clashes)
{
   char *none[] = {NULL}, *no[] = {"q1_no", NULL}, *a1[] = {"c3", NULL};
   StoredAnswer base = ans(none, NULL), bob = ans(no, NULL), alice = ans(a1, NULL);
   StoreMerge m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_NONE);
   cr_assert_str_eq(m.clashes[0].what, "c3");
   cr_assert_not_null(strstr(m.message, "choice c3: bob chose \"None of these\""), "%s", m.message);
   StoreMerge_free(&m);
}

Test(merge, na_against_a_fresh_answer_clashes)
{
   char *none[] = {NULL}, *b1[] = {"c1", NULL};
   StoredAnswer base = ans(none, "n"), bob = ans(b1, "n"), alice = ans(none, "n + more");
   alice.not_applicable = true;
   alice.na_reason = "OUT_OF_SCOPE";
   StoreMerge m = put(NULL, &base, "carol");
   StoreMerge_free(&m);
   m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_NA);
   cr_assert_str_eq(m.clashes[0].by, "bob");
   cr_assert_not_null(strstr(m.message, "not applicable: bob answered"), "%s", m.message);
   cr_assert(m.wrote, "the notes are written all the same");
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert(!got.not_applicable);
   cr_assert(has(&got, "c1"));
   cr_assert_str_eq(got.notes, "n + more");
   StoredAnswer_free(&got);
}

Test(merge, answer_against_a_fresh_na_clashes)
{
   char *none[] = {NULL}, *a1[] = {"c1", NULL};
   StoredAnswer base = ans(none, NULL), bob = ans(none, NULL), alice = ans(a1, NULL);
   bob.not_applicable = true;
   bob.na_reason = "OTHER";
   StoreMerge m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_NA);
   cr_assert_not_null(strstr(m.message, "choice c1: bob marked the question not applicable"), "%s",
                      m.message);
   StoreMerge_free(&m);
}

Test(merge, na_set_by_both_is_no_clash)
{
   StoredAnswer base = ans(NULL, NULL), na = ans(NULL, NULL);
   na.not_applicable = true;
   na.na_reason = "OTHER";
   StoreMerge m = put(&base, &na, "bob");
   StoreMerge_free(&m);
   m = put(&base, &na, "alice");
   cr_assert_eq(m.n_clashes, 0);
   StoreMerge_free(&m);
}

Test(merge, notes_on_other_lines_merge)
{
   StoredAnswer base = ans(NULL, "one\ntwo\nthree\nfour\nfive\n");
   StoreMerge m = put(NULL, &base, "carol");
   StoreMerge_free(&m);
   StoredAnswer bob = ans(NULL, "ONE\ntwo\nthree\nfour\nfive\n");
   StoredAnswer alice = ans(NULL, "one\ntwo\nthree\nfour\nFIVE\n");
   m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert(m.notes_merged);
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert_str_eq(got.notes, "ONE\ntwo\nthree\nfour\nFIVE\n");
   StoredAnswer_free(&got);
}

Test(merge, notes_on_the_same_line_clash_and_keep_theirs)
{
   char *none[] = {NULL}, *a1[] = {"c1", NULL};
   StoredAnswer base = ans(none, "shared line\n");
   StoreMerge m = put(NULL, &base, "carol");
   StoreMerge_free(&m);
   StoredAnswer bob = ans(none, "bob's line\n"), alice = ans(a1, "alice's line\n");
   m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_NOTES);
   cr_assert_str_eq(m.message, "not written, changed meanwhile: notes: bob edited the same lines "
                               "at 2026-01-01T00:00:00Z");
   cr_assert_str_eq(m.notes_theirs, "bob's line\n");
   cr_assert_str_eq(m.notes_by, "bob");
   cr_assert_not_null(strstr(m.notes_both, "alice's line"));
   cr_assert_not_null(strstr(m.notes_both, "bob's line"));
   cr_assert_not_null(strstr(m.notes_both, "<<<<<<< alice"), "%s", m.notes_both);
   cr_assert(m.wrote, "the practice is written");
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert_str_eq(got.notes, "bob's line\n", "bob's text is never replaced unseen");
   cr_assert(has(&got, "c1"));
   StoredAnswer_free(&got);
}

Test(merge, blame_names_the_one_who_changed_the_part)
{
   /* bob changed c1, then carol only the notes: the clash on c1 is bob's. */
   char *none[] = {NULL}, *c1[] = {"c1", NULL}, *na[] = {"c1", NULL};
   StoredAnswer base = ans(none, NULL), bob = ans(none, NULL);
   bob.na_choices = na;
   bob.n_na_choices = 1;
   StoreMerge m = put(&base, &bob, "bob");
   StoreMerge_free(&m);
   StoredAnswer carol = ans(none, "carol was here");
   carol.na_choices = na;
   carol.n_na_choices = 1;
   carol.version = 1;
   StoredAnswer cb = bob;
   cb.version = 1;
   m = put(&cb, &carol, "carol");
   StoreMerge_free(&m);
   StoredAnswer alice = ans(c1, NULL);
   m = put(&base, &alice, "alice");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_str_eq(m.clashes[0].by, "bob");
   StoreMerge_free(&m);
}

Test(merge, answer_at_reads_a_version_back)
{
   char *c1[] = {"c1", NULL}, *c2[] = {"c2", NULL};
   StoredAnswer a = ans(c1, "v1"), b = ans(c2, "v2");
   StoreMerge m = put(NULL, &a, "alice");
   StoreMerge_free(&m);
   a.version = 1;
   m = put(&a, &b, "alice");
   StoreMerge_free(&m);
   StoredAnswer got;
   cr_assert_eq(Store_answerAt(s, review, "q1", 1, &got), STORE_OK);
   cr_assert(has(&got, "c1") && !has(&got, "c2"));
   cr_assert_str_eq(got.notes, "v1");
   StoredAnswer_free(&got);
   cr_assert_eq(Store_answerAt(s, review, "q1", 9, &got), STORE_NOT_FOUND);
   StoredAnswer_free(&got);
}

Test(merge, invalid_input_writes_nothing)
{
   char *bad[] = {"", NULL};
   StoredAnswer want = ans(bad, NULL);
   StoreMerge m;
   cr_assert_eq(Store_mergeAnswer(s, review, NULL, &want, "alice", NULL, &m), STORE_INVALID);
   cr_assert_eq(m.n_clashes, 0);
   StoredAnswer ok = ans(NULL, NULL);
   ok.notes = "x";
   cr_assert_eq(Store_mergeAnswer(s, 999, NULL, &ok, "alice", NULL, &m), STORE_NOT_FOUND);
   StoredAnswer got;
   cr_assert_eq(Store_getAnswer(s, review, "q1", &got), STORE_NOT_FOUND);
   StoredAnswer_free(&got);
}

Test(merge, extra_marks_the_history_row)
{
   StoredAnswer want = ans(NULL, "x");
   StoreMerge m;
   cr_assert_eq(Store_mergeAnswer(s, review, NULL, &want, "alice", "{\"undo_of\":7}", &m),
                STORE_OK);
   StoreMerge_free(&m);
   HistoryEntry *h;
   size_t n;
   cr_assert_eq(Store_history(s, review, "q1", &h, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert_not_null(strstr(h[0].after, "\"undo_of\":7"), "%s", h[0].after);
   HistoryEntry_freeArray(h, n);
}

/* ---- plan items ---- */

static PlanTracking item(const char *status, const char *owner)
{
   PlanTracking t = {
      .question_id = "q1", .choice_id = "c1", .status = (char *)status, .owner = (char *)owner};
   return t;
}

static StoreMerge putPlan(const PlanTracking *base, const PlanTracking *want, const char *user)
{
   StoreMerge m;
   cr_assert_eq(Store_mergePlanTracking(s, review, base, want, user, NULL, &m), STORE_OK, "%s",
                Store_lastError(s));
   return m;
}

Test(merge, plan_fields_merge)
{
   PlanTracking alice = item("open", "alice"), bob = item("in_progress", NULL);
   StoreMerge m = putPlan(NULL, &alice, "alice");
   StoreMerge_free(&m);
   m = putPlan(NULL, &bob, "bob");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert_eq(m.version, 2);
   StoreMerge_free(&m);
   PlanTracking *t;
   size_t n;
   cr_assert_eq(Store_getPlanTracking(s, review, &t, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert_str_eq(t[0].owner, "alice");
   cr_assert_str_eq(t[0].status, "in_progress");
   PlanTracking_freeArray(t, n);
}

Test(merge, plan_same_field_clashes)
{
   PlanTracking alice = item("done", NULL), bob = item("wont_do", "bob");
   StoreMerge m = putPlan(NULL, &alice, "alice");
   StoreMerge_free(&m);
   m = putPlan(NULL, &bob, "bob");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_FIELD);
   cr_assert_str_eq(m.clashes[0].what, "status");
   cr_assert_str_eq(m.message, "not written, changed meanwhile: status: alice set it otherwise "
                               "at 2026-01-01T00:00:00Z");
   cr_assert(m.wrote, "the owner is written");
   StoreMerge_free(&m);
   PlanTracking *t;
   size_t n;
   cr_assert_eq(Store_getPlanTracking(s, review, &t, &n), STORE_OK);
   cr_assert_str_eq(t[0].status, "done");
   cr_assert_str_eq(t[0].owner, "bob");
   PlanTracking_freeArray(t, n);
}

Test(merge, plan_same_value_twice_is_no_clash)
{
   PlanTracking a = item("done", NULL);
   StoreMerge m = putPlan(NULL, &a, "alice");
   StoreMerge_free(&m);
   m = putPlan(NULL, &a, "bob");
   cr_assert_eq(m.n_clashes, 0);
   cr_assert(!m.wrote);
   StoreMerge_free(&m);
}

Test(merge, plan_invalid_writes_nothing)
{
   PlanTracking a = item("nope", NULL);
   StoreMerge m;
   cr_assert_eq(Store_mergePlanTracking(s, review, NULL, &a, "alice", NULL, &m), STORE_INVALID);
   PlanTracking *t;
   size_t n;
   cr_assert_eq(Store_getPlanTracking(s, review, &t, &n), STORE_OK);
   cr_assert_eq(n, 0);
   PlanTracking_freeArray(t, n);
}

/* ---- the practices' notes (issue 16) through merged writes ---- */

/* q1 with selected ids and practice notes given as id, text pairs. */
static StoredAnswer withNotes(char **sel, char **ids, char **texts)
{
   StoredAnswer a = ans(sel, NULL);
   while (ids && ids[a.n_choice_notes])
      a.n_choice_notes++;
   a.note_choices = ids;
   a.choice_notes = texts;
   return a;
}

static const char *noteOf(const StoredAnswer *a, const char *id)
{
   for (size_t i = 0; i < a->n_choice_notes; i++)
      if (strcmp(a->note_choices[i], id) == 0)
         return a->choice_notes[i];
   return NULL;
}

/* Reverts history row id as user; returns the merge (caller frees). */
static StoreMerge revert(int64_t id, const char *user)
{
   HistoryEntry e;
   int64_t r;
   cr_assert_eq(Store_historyEntry(s, id, &e, &r), STORE_OK, "%s", Store_lastError(s));
   cr_assert_eq(r, review);
   StoreMerge m;
   cr_assert_eq(Store_revert(s, review, &e, "undo_of", user, &m), STORE_OK, "%s",
                Store_lastError(s));
   HistoryEntry_free(&e);
   return m;
}

Test(merge, merged_writes_and_reverts_keep_practice_notes)
{
   char *c1[] = {"c1", NULL}, *c13[] = {"c1", "c3", NULL};
   char *n1[] = {"c1", NULL}, *t1[] = {"runbook", NULL};
   char *n12[] = {"c1", "c2", NULL}, *t12[] = {"runbook", "dashboard", NULL};
   StoredAnswer v1 = withNotes(c1, n1, t1);
   StoreMerge m = put(NULL, &v1, "carol");
   StoreMerge_free(&m);
   /* bob adds a note to c2; alice, who saw version 1 only, selects c3 and
    * hands the notes she saw in both base and want (she did not touch
    * them): bob's note stays. */
   StoredAnswer bob = withNotes(c1, n12, t12);
   m = put(&v1, &bob, "bob");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   StoredAnswer alice = withNotes(c13, n1, t1);
   v1.version = 1;
   alice.version = 1;
   m = put(&v1, &alice, "alice");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert(m.wrote);
   int64_t alices = m.history_id;
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert(has(&got, "c1") && has(&got, "c3"));
   cr_assert_eq(got.n_choice_notes, 2);
   cr_assert_str_eq(noteOf(&got, "c1"), "runbook");
   cr_assert_str_eq(noteOf(&got, "c2"), "dashboard", "a merged write dropped bob's note");
   StoredAnswer_free(&got);

   /* Undoing alice's change takes back c3 only: both notes stay. */
   m = revert(alices, "alice");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert(m.wrote);
   StoreMerge_free(&m);
   got = now();
   cr_assert(has(&got, "c1") && !has(&got, "c3"));
   cr_assert_str_eq(noteOf(&got, "c1"), "runbook");
   cr_assert_str_eq(noteOf(&got, "c2"), "dashboard", "an undo dropped bob's note");
   StoredAnswer_free(&got);
}

Test(merge, reverting_a_practice_note_restores_it_and_keeps_the_rest)
{
   char *c1[] = {"c1", NULL}, *c12[] = {"c1", "c2", NULL};
   char *n1[] = {"c1", NULL}, *t1[] = {"first", NULL}, *t1b[] = {"second", NULL};
   StoredAnswer v1 = withNotes(c1, n1, t1);
   StoreMerge m = put(NULL, &v1, "carol");
   StoreMerge_free(&m);
   v1.version = 1;
   StoredAnswer v2 = withNotes(c1, n1, t1b);
   m = put(&v1, &v2, "bob");
   int64_t bobs = m.history_id;
   StoreMerge_free(&m);
   /* Meanwhile alice selects c2 (she saw "first"; she keeps it as seen). */
   StoredAnswer alice = withNotes(c12, n1, t1);
   alice.version = 1;
   m = put(&v1, &alice, "alice");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert_str_eq(noteOf(&got, "c1"), "second", "alice's write must not undo bob's note");
   StoredAnswer_free(&got);
   m = revert(bobs, "bob");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   got = now();
   cr_assert_str_eq(noteOf(&got, "c1"), "first");
   cr_assert(has(&got, "c2"), "the revert kept alice's practice");
   StoredAnswer_free(&got);
}

Test(merge, the_same_practice_note_changed_by_two_clashes)
{
   char *c1[] = {"c1", NULL}, *n1[] = {"c1", NULL};
   char *t0[] = {"start", NULL}, *ta[] = {"alice's", NULL}, *tb[] = {"bob's", NULL};
   StoredAnswer v1 = withNotes(c1, n1, t0);
   StoreMerge m = put(NULL, &v1, "carol");
   StoreMerge_free(&m);
   v1.version = 1;
   StoredAnswer a = withNotes(c1, n1, ta), b = withNotes(c1, n1, tb);
   Store_setNow(s, "2026-01-01T00:05:00Z");
   m = put(&v1, &a, "alice");
   StoreMerge_free(&m);
   m = put(&v1, &b, "bob");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_CHOICE_NOTE);
   cr_assert_str_eq(m.message, "not written, changed meanwhile: note of practice c1: alice "
                               "changed it at 2026-01-01T00:05:00Z");
   cr_assert(!m.wrote);
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert_str_eq(noteOf(&got, "c1"), "alice's");
   StoredAnswer_free(&got);
}

/* ---- an undo only partly possible: someone changed part of it since ---- */

Test(merge, an_undo_of_a_change_partly_changed_since_undoes_the_rest)
{
   /* alice selects c1 and c2 and writes notes in one change; bob then
    * marks c1 not applicable and rewrites her notes.  Her undo takes c2
    * back, leaves bob's c1 and notes, and names both as not undone. */
   char *none[] = {NULL}, *c12[] = {"c1", "c2", NULL}, *na[] = {"c1", NULL}, *c2[] = {"c2", NULL};
   StoredAnswer base = ans(none, NULL), alice = ans(c12, "alice's line");
   StoreMerge m = put(&base, &alice, "alice");
   int64_t alices = m.history_id;
   cr_assert(m.wrote);
   StoreMerge_free(&m);
   StoredAnswer seen = ans(c12, "alice's line"), bob = ans(c2, "bob's line");
   seen.version = 1;
   bob.na_choices = na;
   bob.n_na_choices = 1;
   Store_setNow(s, "2026-01-01T00:05:00Z");
   m = put(&seen, &bob, "bob");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);

   Store_setNow(s, "2026-01-01T00:10:00Z");
   m = revert(alices, "alice");
   cr_assert(m.wrote, "the part nobody touched (c2) is undone");
   cr_assert_eq(m.n_clashes, 2, "%s", m.message);
   bool choice = false, notes = false;
   for (size_t i = 0; i < m.n_clashes; i++) {
      cr_assert_str_eq(m.clashes[i].by, "bob");
      choice = choice ||
               (m.clashes[i].kind == STORE_CLASH_CHOICE && strcmp(m.clashes[i].what, "c1") == 0);
      notes = notes || m.clashes[i].kind == STORE_CLASH_NOTES;
   }
   cr_assert(choice && notes, "%s", m.message);
   cr_assert_not_null(strstr(m.message, "choice c1: bob changed it at 2026-01-01T00:05:00Z"), "%s",
                      m.message);
   cr_assert_not_null(strstr(m.message, "notes"), "%s", m.message);
   StoreMerge_free(&m);

   StoredAnswer got = now();
   cr_assert(!has(&got, "c2"), "alice's c2 is undone");
   cr_assert(!has(&got, "c1"));
   cr_assert_eq(got.n_na_choices, 1, "bob's not applicable on c1 stays");
   cr_assert_str_eq(got.na_choices[0], "c1");
   cr_assert_str_eq(got.notes, "bob's line", "bob's notes stay");
   StoredAnswer_free(&got);

   /* The history records the undo, and what it wrote is only c2. */
   HistoryEntry *h;
   size_t n;
   cr_assert_eq(Store_history(s, review, "q1", &h, &n), STORE_OK);
   cr_assert_eq(n, 3);
   char mark[64];
   snprintf(mark, sizeof mark, "\"undo_of\":%lld", (long long)alices);
   cr_assert_not_null(strstr(h[2].after, mark), "%s", h[2].after);
   cr_assert_str_eq(h[2].user, "alice");
   HistoryEntry_freeArray(h, n);
}

Test(merge, an_undo_that_nothing_of_is_left_to_writes_nothing)
{
   /* alice selects c1; bob marks it not applicable: her undo (c1 back to
    * unselected) clashes whole, and nothing is written. */
   char *none[] = {NULL}, *c1[] = {"c1", NULL}, *na[] = {"c1", NULL};
   StoredAnswer base = ans(none, NULL), alice = ans(c1, NULL);
   StoreMerge m = put(&base, &alice, "alice");
   int64_t alices = m.history_id;
   StoreMerge_free(&m);
   StoredAnswer seen = ans(c1, NULL), bob = ans(none, NULL);
   seen.version = 1;
   bob.na_choices = na;
   bob.n_na_choices = 1;
   m = put(&seen, &bob, "bob");
   StoreMerge_free(&m);
   m = revert(alices, "alice");
   cr_assert(!m.wrote);
   cr_assert_eq(m.n_clashes, 1, "%s", m.message);
   cr_assert_eq(m.history_id, 0);
   StoreMerge_free(&m);
   StoredAnswer got = now();
   cr_assert_eq(got.version, 2, "no new version");
   cr_assert_eq(got.n_na_choices, 1);
   StoredAnswer_free(&got);
}

Test(merge, an_undo_of_a_plan_change_partly_changed_since)
{
   /* alice sets owner and status of a plan item; bob then sets the status
    * otherwise.  Her undo clears the owner and keeps bob's status. */
   PlanTracking alice = item("in_progress", "alice");
   StoreMerge m = putPlan(NULL, &alice, "alice");
   int64_t alices = m.history_id;
   StoreMerge_free(&m);
   PlanTracking seen = item("in_progress", "alice"), bob = item("done", "alice");
   seen.version = 1;
   m = putPlan(&seen, &bob, "bob");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   m = revert(alices, "alice");
   cr_assert(m.wrote);
   cr_assert_eq(m.n_clashes, 1, "%s", m.message);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_FIELD);
   cr_assert_str_eq(m.clashes[0].what, "status");
   cr_assert_str_eq(m.clashes[0].by, "bob");
   StoreMerge_free(&m);
   PlanTracking *t;
   size_t n;
   cr_assert_eq(Store_getPlanTracking(s, review, &t, &n), STORE_OK);
   cr_assert_eq(n, 1);
   cr_assert_str_eq(t[0].status, "done", "bob's status stays");
   cr_assert(t[0].owner == NULL || !*t[0].owner, "alice's owner is undone: %s", t[0].owner);
   PlanTracking_freeArray(t, n);
}

/* ---- the same through ReviewDoc, as the TUI and the CLI write ---- */

/* Loads workload w2 into doc (setupDoc adds it on the fixture lens
 * small.yaml). */
static void loadDoc(ReviewDoc *doc)
{
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(ReviewDoc_load(s, "w2", doc, &d, &err), STORE_OK, "%s", err ? err : "");
   DiagList_free(&d);
}

static void setupDoc(void)
{
   setup();
   DiagList d;
   DiagList_init(&d);
   char *err = NULL, *lens = Support_lensPath("small.yaml");
   int64_t lens_id;
   cr_assert_eq(ReviewDoc_resolveLens(s, lens, &lens_id, &d, &err), STORE_OK, "%s", err ? err : "");
   free(lens);
   DiagList_free(&d);
   Workload w = {.name = "w2"};
   cr_assert_eq(Store_addWorkload(s, &w, lens_id, "carol", NULL), STORE_OK);
   Workload got;
   cr_assert_eq(Store_findWorkload(s, "w2", &got), STORE_OK);
   review2 = got.review_id;
   Workload_free(&got);
}

TestSuite(mergedoc, .init = setupDoc, .fini = teardown);

/* Two sessions: bob writes a practice note, alice (whose doc has not seen
 * it) toggles a practice and then undoes it: bob's note survives both. */
Test(mergedoc, a_stale_answer_write_and_its_undo_keep_practice_notes)
{
   ReviewDoc alice, bob;
   loadDoc(&alice);
   loadDoc(&bob);
   size_t q;
   cr_assert(Lens_findQuestion(alice.lens, "Q1", &q));
   cr_assert_eq(ReviewDoc_putChoiceNote(s, &bob, q, 0, "https://runbook.example/q1a", "bob"),
                STORE_OK);
   Answer a = {.choices = calloc(alice.lens->questions[q].n_choices + 1, 1)};
   Answer_select(&alice.lens->questions[q], &a, 1, true);
   StoreMerge m;
   cr_assert_eq(ReviewDoc_mergeAnswer(s, &alice, q, &a, NULL, NULL, "alice", NULL, &m), STORE_OK);
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert(m.others, "bob wrote since alice's doc was read");
   int64_t alices = m.history_id;
   StoreMerge_free(&m);
   free(a.choices);
   cr_assert_str_eq(ReviewDoc_choiceNote(&alice, q, 0), "https://runbook.example/q1a",
                    "alice's merged write dropped bob's practice note");
   /* The question's notes by ReviewDoc_putAnswer (alice's doc is current
    * now; bob's is not) keep it too. */
   cr_assert_eq(ReviewDoc_putAnswer(s, &bob, q, &bob.review.answers[q], "ops notes", "bob"),
                STORE_OK);
   cr_assert_str_eq(ReviewDoc_choiceNote(&bob, q, 0), "https://runbook.example/q1a");
   cr_assert_eq(bob.review.answers[q].choices[1], CHOICE_SELECTED, "bob's write kept alice's");
   char *err = NULL;
   cr_assert_eq(ReviewDoc_revert(s, &alice, alices, "undo_of", "alice", &m, &err), STORE_OK, "%s",
                err ? err : "");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   cr_assert_neq(alice.review.answers[q].choices[1], CHOICE_SELECTED, "the undo took it back");
   cr_assert_str_eq(ReviewDoc_choiceNote(&alice, q, 0), "https://runbook.example/q1a",
                    "the undo dropped bob's practice note");
   cr_assert_str_eq(alice.stored[q].notes, "ops notes", "the undo kept bob's notes");
   ReviewDoc_free(&alice);
   ReviewDoc_free(&bob);
}

/* Two people writing notes of different practices of one question at
 * once: both stay; the same practice's note is refused for the second. */
Test(mergedoc, practice_notes_of_two_people_merge)
{
   ReviewDoc alice, bob;
   loadDoc(&alice);
   loadDoc(&bob);
   size_t q;
   cr_assert(Lens_findQuestion(alice.lens, "Q1", &q));
   cr_assert_eq(ReviewDoc_putChoiceNote(s, &alice, q, 0, "alice's evidence", "alice"), STORE_OK);
   cr_assert_eq(ReviewDoc_putChoiceNote(s, &bob, q, 1, "bob's evidence", "bob"), STORE_OK);
   cr_assert_str_eq(ReviewDoc_choiceNote(&bob, q, 0), "alice's evidence");
   cr_assert_str_eq(ReviewDoc_choiceNote(&bob, q, 1), "bob's evidence");
   StoreMerge m;
   cr_assert_eq(
      ReviewDoc_mergeChoiceNote(s, &alice, q, 1, "alice over bob", NULL, "alice", NULL, &m),
      STORE_OK);
   cr_assert_eq(m.n_clashes, 1, "alice started from no note; bob wrote one meanwhile");
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_CHOICE_NOTE);
   cr_assert_str_eq(m.clashes[0].by, "bob");
   StoreMerge_free(&m);
   cr_assert_str_eq(ReviewDoc_choiceNote(&alice, q, 1), "bob's evidence");
   ReviewDoc_free(&alice);
   ReviewDoc_free(&bob);
}

/* ---- earlier notes brought back from the history ---- */

static int64_t lastHistoryId(const char *question)
{
   HistoryEntry *e;
   size_t n;
   cr_assert_eq(Store_history(s, review2, question, &e, &n), STORE_OK);
   cr_assert_gt(n, 0);
   int64_t id = e[n - 1].id;
   HistoryEntry_freeArray(e, n);
   return id;
}

static HistoryEntry lastEntry(const char *question)
{
   HistoryEntry *e, out;
   size_t n;
   cr_assert_eq(Store_history(s, review2, question, &e, &n), STORE_OK);
   cr_assert_gt(n, 0);
   out = e[n - 1];
   memset(&e[n - 1], 0, sizeof e[n - 1]);
   HistoryEntry_freeArray(e, n);
   return out;
}

static void putNotes(ReviewDoc *doc, size_t q, const char *notes, const char *user)
{
   cr_assert_eq(ReviewDoc_putAnswer(s, doc, q, &doc->review.answers[q], notes, user), STORE_OK);
}

Test(mergedoc, history_shows_notes_before_and_after)
{
   ReviewDoc doc;
   loadDoc(&doc);
   size_t q;
   cr_assert(Lens_findQuestion(doc.lens, "Q1", &q));
   putNotes(&doc, q, "one\ntwo", "alice");
   putNotes(&doc, q, "one\nTWO", "bob");
   HistoryEntry e = lastEntry("Q1");
   char *before, *after;
   cr_assert(HistoryEntry_notes(&e, &before, &after));
   cr_assert_str_eq(before, "one\ntwo");
   cr_assert_str_eq(after, "one\nTWO");
   free(before);
   free(after);
   HistoryEntry_free(&e);
   /* A change of the practices alone is no notes change. */
   Answer_select(&doc.lens->questions[q], &doc.review.answers[q], 0, true);
   cr_assert_eq(ReviewDoc_putAnswer(s, &doc, q, &doc.review.answers[q], NULL, "alice"), STORE_OK);
   e = lastEntry("Q1");
   cr_assert_not(HistoryEntry_notes(&e, &before, &after));
   cr_assert_null(before);
   cr_assert_null(after);
   HistoryEntry_free(&e);
   ReviewDoc_free(&doc);
}

/* alice brings back the notes of an earlier change while carol, unseen,
 * edits another line: a new change, merged, recorded as a restore. */
Test(mergedoc, restoring_earlier_notes_is_a_merged_change)
{
   ReviewDoc alice, carol;
   loadDoc(&alice);
   size_t q;
   cr_assert(Lens_findQuestion(alice.lens, "Q1", &q));
   putNotes(&alice, q, "one\ntwo\nthree\nfour\nfive", "alice");
   int64_t first = lastHistoryId("Q1");
   putNotes(&alice, q, "one\nTWO\nthree\nfour\nfive", "bob");
   char *seen = strdup(alice.stored[q].notes); /* what alice's history showed */
   loadDoc(&carol);
   putNotes(&carol, q, "one\nTWO\nthree\nfour\nFIVE", "carol");
   StoreMerge m;
   char *text = NULL, *err = NULL;
   cr_assert_eq(ReviewDoc_restoreNotes(s, &alice, q, first, seen, "alice", &m, &text, &err),
                STORE_OK, "%s", err ? err : "");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert(m.notes_merged);
   cr_assert(m.wrote);
   cr_assert_str_eq(text, "one\ntwo\nthree\nfour\nfive");
   cr_assert_str_eq(alice.stored[q].notes, "one\ntwo\nthree\nfour\nFIVE", "carol's line is kept");
   StoreMerge_free(&m);
   free(text);
   HistoryEntry e = lastEntry("Q1");
   char *what = HistoryEntry_describe(&e), *want;
   want = malloc(64);
   snprintf(want, 64, "notes changed; notes as after change %lld", (long long)first);
   cr_assert_str_eq(what, want);
   free(want);
   free(what);
   HistoryEntry_free(&e);
   free(seen);
   ReviewDoc_free(&carol);
   ReviewDoc_free(&alice);
}

Test(mergedoc, restoring_from_a_bad_id_writes_nothing)
{
   ReviewDoc doc;
   loadDoc(&doc);
   size_t q1, q2;
   cr_assert(Lens_findQuestion(doc.lens, "Q1", &q1));
   cr_assert(Lens_findQuestion(doc.lens, "Q2", &q2));
   putNotes(&doc, q2, "of Q2", "alice");
   int64_t other = lastHistoryId("Q2");
   putNotes(&doc, q1, "kept", "alice");
   int64_t before = lastHistoryId(NULL);
   StoreMerge m;
   char *text = NULL, *err = NULL;
   cr_assert_eq(ReviewDoc_restoreNotes(s, &doc, q1, 9999, NULL, "bob", &m, &text, &err),
                STORE_NOT_FOUND);
   cr_assert_str_eq(err, "no change with history id 9999");
   free(err);
   cr_assert_eq(ReviewDoc_restoreNotes(s, &doc, q1, other, NULL, "bob", &m, &text, &err),
                STORE_INVALID);
   char want[80];
   snprintf(want, sizeof want, "history id %lld is not a change of the answer to Q1",
            (long long)other);
   cr_assert_str_eq(err, want);
   free(err);
   cr_assert_null(text);
   cr_assert_eq(lastHistoryId(NULL), before, "nothing was written");
   cr_assert_str_eq(doc.stored[q1].notes, "kept");
   ReviewDoc_free(&doc);
}

/* ---- restoring a practice's notes (issue 16's notes, issue 12's restore) ---- */

static void putChoice(ReviewDoc *doc, size_t q, size_t c, const char *text, const char *user)
{
   cr_assert_eq(ReviewDoc_putChoiceNote(s, doc, q, c, text, user), STORE_OK, "%s",
                Store_lastError(s));
}

Test(mergedoc, restoring_a_practice_note_is_a_merged_change)
{
   ReviewDoc alice, bob;
   loadDoc(&alice);
   size_t q;
   cr_assert(Lens_findQuestion(alice.lens, "Q1", &q));
   putChoice(&alice, q, 0, "runbook v1", "alice");
   int64_t first = lastHistoryId("Q1");
   putChoice(&alice, q, 0, "runbook v2", "alice");
   /* bob, on another session, notes practice 1 and the question meanwhile */
   loadDoc(&bob);
   putChoice(&bob, q, 1, "bob's dashboard", "bob");
   putNotes(&bob, q, "bob's question notes", "bob");
   StoreMerge m;
   char *text = NULL, *err = NULL;
   cr_assert_eq(ReviewDoc_restoreChoiceNote(s, &alice, q, 0, first, NULL, "alice", &m, &text, &err),
                STORE_OK, "%s", err ? err : "");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   cr_assert(m.wrote);
   cr_assert_str_eq(text, "runbook v1");
   free(text);
   StoreMerge_free(&m);
   cr_assert_str_eq(ReviewDoc_choiceNote(&alice, q, 0), "runbook v1");
   cr_assert_str_eq(ReviewDoc_choiceNote(&alice, q, 1), "bob's dashboard", "bob's note stays");
   cr_assert_str_eq(alice.stored[q].notes, "bob's question notes", "bob's notes stay");
   HistoryEntry e = lastEntry("Q1");
   char mark[64];
   snprintf(mark, sizeof mark, "\"restore_of\":%lld", (long long)first);
   cr_assert_not_null(strstr(e.after, mark), "%s", e.after);
   HistoryEntry_free(&e);

   /* Restoring the state before any note (the first change had none for
    * practice 1): bob's note of practice 1 is cleared, as a change. */
   cr_assert_eq(ReviewDoc_restoreChoiceNote(s, &alice, q, 1, first, NULL, "alice", &m, &text, &err),
                STORE_OK, "%s", err ? err : "");
   cr_assert(m.wrote);
   cr_assert_str_eq(text, "");
   free(text);
   StoreMerge_free(&m);
   cr_assert_null(ReviewDoc_choiceNote(&alice, q, 1));
   ReviewDoc_free(&bob);
   ReviewDoc_free(&alice);
}

Test(mergedoc, restoring_a_practice_note_changed_since_by_another_clashes)
{
   ReviewDoc alice, bob;
   loadDoc(&alice);
   size_t q;
   cr_assert(Lens_findQuestion(alice.lens, "Q1", &q));
   putChoice(&alice, q, 0, "v1", "alice");
   int64_t first = lastHistoryId("Q1");
   putChoice(&alice, q, 0, "v2", "alice");
   char *seen = strdup(ReviewDoc_choiceNote(&alice, q, 0)); /* what alice saw: v2 */
   loadDoc(&bob);
   putChoice(&bob, q, 0, "bob's v3", "bob");
   int64_t before = lastHistoryId(NULL);
   StoreMerge m;
   char *text = NULL, *err = NULL;
   cr_assert_eq(ReviewDoc_restoreChoiceNote(s, &alice, q, 0, first, seen, "alice", &m, &text, &err),
                STORE_OK, "%s", err ? err : "");
   cr_assert_eq(m.n_clashes, 1, "%s", m.message);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_CHOICE_NOTE);
   cr_assert_str_eq(m.clashes[0].by, "bob");
   cr_assert(!m.wrote);
   StoreMerge_free(&m);
   free(text);
   cr_assert_eq(lastHistoryId(NULL), before, "nothing written");
   cr_assert_str_eq(ReviewDoc_choiceNote(&alice, q, 0), "bob's v3");
   free(seen);
   ReviewDoc_free(&bob);
   ReviewDoc_free(&alice);
}

Test(mergedoc, restoring_a_practice_note_from_a_bad_id_writes_nothing)
{
   ReviewDoc doc;
   loadDoc(&doc);
   size_t q1, q2;
   cr_assert(Lens_findQuestion(doc.lens, "Q1", &q1));
   cr_assert(Lens_findQuestion(doc.lens, "Q2", &q2));
   putChoice(&doc, q2, 0, "of Q2", "alice");
   int64_t other = lastHistoryId("Q2");
   int64_t before = lastHistoryId(NULL);
   StoreMerge m;
   char *text = NULL, *err = NULL;
   cr_assert_eq(ReviewDoc_restoreChoiceNote(s, &doc, q1, 0, 9999, NULL, "bob", &m, &text, &err),
                STORE_NOT_FOUND);
   cr_assert_str_eq(err, "no change with history id 9999");
   free(err);
   cr_assert_eq(ReviewDoc_restoreChoiceNote(s, &doc, q1, 0, other, NULL, "bob", &m, &text, &err),
                STORE_INVALID);
   char want[80];
   snprintf(want, sizeof want, "history id %lld is not a change of the answer to Q1",
            (long long)other);
   cr_assert_str_eq(err, want);
   free(err);
   cr_assert_null(text);
   cr_assert_eq(lastHistoryId(NULL), before);
   ReviewDoc_free(&doc);
}
