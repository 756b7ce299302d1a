/* test_store_nanote.c: the short text beside a not-applicable reason
 * (issue 18, StoredAnswer.na_note, schema step 13): written and read back,
 * hostile text refused with nothing written, a part of its own in a merge
 * (two people's texts clash), undone, and a version 11 database migrated.
 * tests/unit/test_store_nanote --filter 'nanote/?*'. */
#include "config.h"

#include "store_fixture.h"

TestSuite(nanote, .init = setup, .fini = teardown);

/* Q1 of small.yaml marked not applicable for `reason`, with text (NULL
 * keeps the doc's, "" removes it); returns the merge (caller frees). */
static StoreMerge markNa(Store *s, ReviewDoc *doc, NaReason reason, const char *text,
                         const char *user)
{
   size_t q = qIndex(doc, "Q1");
   const Question *question = &doc->lens->questions[q];
   Answer a = {.choices = calloc(question->n_choices + 1, 1)};
   memcpy(a.choices, doc->review.answers[q].choices, question->n_choices);
   a.not_applicable = true;
   a.reason = reason;
   StoreMerge m;
   cr_assert_eq(ReviewDoc_mergeAnswerNa(s, doc, q, &a, NULL, NULL, text, user, NULL, &m), STORE_OK,
                "%s", Store_lastError(s));
   free(a.choices);
   return m;
}

static ReviewDoc load(Store *s)
{
   ReviewDoc doc;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(ReviewDoc_load(s, "fraud", &doc, &d, &err), STORE_OK, "%s", err ? err : "");
   DiagList_free(&d);
   return doc;
}

Test(nanote, written_and_read_back)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   StoreMerge m = markNa(s, &doc, NA_OUT_OF_SCOPE, "Batch only — no online endpoint", "alice");
   cr_assert(m.wrote);
   StoreMerge_free(&m);
   ReviewDoc_free(&doc);
   doc = load(s);
   size_t q = qIndex(&doc, "Q1");
   cr_assert(doc.stored[q].not_applicable);
   cr_assert_str_eq(doc.stored[q].na_reason, "OUT_OF_SCOPE");
   cr_assert_str_eq(doc.stored[q].na_note, "Batch only — no online endpoint");
   /* Another reason keeps the text; "" removes it. */
   m = markNa(s, &doc, NA_OTHER, NULL, "alice");
   StoreMerge_free(&m);
   cr_assert_str_eq(doc.stored[q].na_note, "Batch only — no online endpoint");
   cr_assert_str_eq(doc.stored[q].na_reason, "OTHER");
   m = markNa(s, &doc, NA_OTHER, "", "alice");
   StoreMerge_free(&m);
   cr_assert_null(doc.stored[q].na_note);
   cr_assert_eq(rawInt("SELECT count(*) FROM answer WHERE na_note IS NOT NULL"), 0);
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* The history tells the text, and an undo puts the one before back. */
Test(nanote, history_and_undo)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   StoreMerge m = markNa(s, &doc, NA_OUT_OF_SCOPE, "first text", "alice");
   StoreMerge_free(&m);
   m = markNa(s, &doc, NA_OUT_OF_SCOPE, "second text", "alice");
   int64_t second = m.history_id;
   StoreMerge_free(&m);
   HistoryEntry e;
   int64_t rid;
   cr_assert_eq(Store_historyEntry(s, second, &e, &rid), STORE_OK);
   char *line = HistoryEntry_describe(&e);
   cr_assert(strstr(line, "reason text \"second text\"") != NULL, "%s", line);
   free(line);
   HistoryEntry_free(&e);
   char *err = NULL;
   cr_assert_eq(ReviewDoc_revert(s, &doc, second, "undo_of", "alice", &m, &err), STORE_OK, "%s",
                err ? err : "");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   cr_assert_str_eq(doc.stored[qIndex(&doc, "Q1")].na_note, "first text");
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* Making the question applicable again drops the text with the mark. */
Test(nanote, goes_with_the_mark)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   StoreMerge m = markNa(s, &doc, NA_BUSINESS_PRIORITIES, "next quarter", "alice");
   StoreMerge_free(&m);
   size_t q = qIndex(&doc, "Q1");
   answer(s, &doc, "Q1", "Q1_a", true, NULL); /* still N/A: the text stays */
   cr_assert_str_eq(doc.stored[q].na_note, "next quarter");
   Answer a = {.choices = calloc(8, 1)};
   memcpy(a.choices, doc.review.answers[q].choices, doc.lens->questions[q].n_choices);
   cr_assert_eq(ReviewDoc_putAnswer(s, &doc, q, &a, NULL, "alice"), STORE_OK);
   free(a.choices);
   cr_assert(!doc.stored[q].not_applicable);
   cr_assert_null(doc.stored[q].na_note);
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* Two people change the text from the same base: the second is a clash
 * that names the text, and the first one's text stays.  A change of
 * another part by the second lands beside the first one's text. */
Test(nanote, two_texts_clash)
{
   Store *s = openStore();
   ReviewDoc alice, bob;
   addWorkload(s, "fraud", "small.yaml", &alice);
   StoreMerge m = markNa(s, &alice, NA_OUT_OF_SCOPE, "start", "alice");
   StoreMerge_free(&m);
   bob = load(s);
   m = markNa(s, &alice, NA_OUT_OF_SCOPE, "alice's text", "alice");
   StoreMerge_free(&m);
   m = markNa(s, &bob, NA_OUT_OF_SCOPE, "bob's text", "bob");
   cr_assert_eq(m.n_clashes, 1);
   cr_assert_eq(m.clashes[0].kind, STORE_CLASH_NA_NOTE);
   cr_assert_str_eq(m.clashes[0].what, "na_note");
   cr_assert_str_eq(m.clashes[0].by, "alice");
   cr_assert(strstr(m.message, "reason text") != NULL, "%s", m.message);
   StoreMerge_free(&m);
   size_t q = qIndex(&bob, "Q1");
   cr_assert_str_eq(bob.stored[q].na_note, "alice's text");
   /* bob, now up to date, changes the reason only: alice's text stays. */
   ReviewDoc stale = load(s);
   m = markNa(s, &alice, NA_OUT_OF_SCOPE, "alice again", "alice");
   StoreMerge_free(&m);
   m = markNa(s, &stale, NA_OTHER, NULL, "bob");
   cr_assert_eq(m.n_clashes, 0, "%s", m.message);
   StoreMerge_free(&m);
   cr_assert_str_eq(stale.stored[q].na_reason, "OTHER");
   cr_assert_str_eq(stale.stored[q].na_note, "alice again");
   ReviewDoc_free(&stale);
   ReviewDoc_free(&bob);
   ReviewDoc_free(&alice);
   Store_close(s);
}

/* Hostile or oversized text is refused by the store, nothing written;
 * the limit counts characters, not bytes. */
Test(nanote, bad_text_refused)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   StoredAnswer want = {.question_id = "Q1", .not_applicable = true, .na_reason = "OTHER"};
   StoreMerge m;
   const char *bad[] = {"two\nlines", "esc \x1b[31m", "bidi \xe2\x80\xae", "   ", "\xff\xfe"};
   for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
      want.na_note = (char *)bad[i];
      cr_assert_eq(Store_mergeAnswer(s, doc.workload.review_id, NULL, &want, "alice", NULL, &m),
                   STORE_INVALID, "accepted bad text %zu", i);
   }
   char big[251 * 2 + 1] = "";
   for (int i = 0; i < 251; i++)
      strcat(big, "\xc3\xbc"); /* ü: 2 bytes, 1 character */
   want.na_note = big;
   cr_assert_eq(Store_mergeAnswer(s, doc.workload.review_id, NULL, &want, "alice", NULL, &m),
                STORE_INVALID);
   cr_assert(strstr(Store_lastError(s), "251") != NULL, "%s", Store_lastError(s));
   /* A text on an answer that applies. */
   StoredAnswer applies = {.question_id = "Q1", .na_note = "why"};
   cr_assert_eq(Store_mergeAnswer(s, doc.workload.review_id, NULL, &applies, "alice", NULL, &m),
                STORE_INVALID);
   cr_assert_eq(rawInt("SELECT count(*) FROM answer"), 0);
   cr_assert_eq(rawInt("SELECT count(*) FROM history WHERE kind = 'answer'"), 0);
   big[250 * 2] = '\0'; /* 250 characters, 500 bytes: allowed */
   want.na_note = big;
   cr_assert_eq(Store_mergeAnswer(s, doc.workload.review_id, NULL, &want, "alice", NULL, &m),
                STORE_OK, "%s", Store_lastError(s));
   StoreMerge_free(&m);
   cr_assert_eq(rawInt("SELECT length(na_note) FROM answer"), 250);
   ReviewDoc_free(&doc);
   Store_close(s);
}

/* A version 12 database (before the text) opens at the current version with its answers as
 * they were, and takes a text at once. */
Test(nanote, migrates_from_version_12)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   StoreMerge m = markNa(s, &doc, NA_OUT_OF_SCOPE, NULL, "alice");
   StoreMerge_free(&m);
   ReviewDoc_free(&doc);
   Store_close(s);
   /* Step 14 (the portfolio's kept rows) comes after it: dropped too. */
   cr_assert_null(rawExec("DROP TABLE review_portfolio; DROP TRIGGER plan_insert_gen;"
                          " DROP TRIGGER plan_update_gen; DROP TRIGGER plan_delete_gen;"
                          " ALTER TABLE review DROP COLUMN plan_gen;"
                          " ALTER TABLE answer DROP COLUMN na_note; PRAGMA user_version = 12;"));
   cr_assert_eq(rawInt("SELECT count(*) FROM pragma_table_info('answer') WHERE name = 'na_note'"),
                0);
   s = openStore();
   cr_assert_eq(Store_schemaVersion(s), STORE_SCHEMA_VERSION);
   doc = load(s);
   size_t q = qIndex(&doc, "Q1");
   cr_assert(doc.stored[q].not_applicable);
   cr_assert_str_eq(doc.stored[q].na_reason, "OUT_OF_SCOPE");
   cr_assert_null(doc.stored[q].na_note);
   m = markNa(s, &doc, NA_OUT_OF_SCOPE, "after the migration", "alice");
   StoreMerge_free(&m);
   cr_assert_str_eq(doc.stored[q].na_note, "after the migration");
   ReviewDoc_free(&doc);
   Store_close(s);
   /* The column refuses a second line written past walens. */
   char *err = rawExec("UPDATE answer SET na_note = 'a' || char(10) || 'b'");
   cr_assert_not_null(err);
   free(err);
}

/* A lens upgrade keeps the text as it keeps the reason: on an answer it
 * rewrites (UP2 loses the practice UP2_old) and on one it carries as is. */
Test(nanote, kept_by_a_lens_upgrade)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "up", "upgrade-v1.yaml", &doc);
   const char *ids[] = {"UP2", "UP5"};
   for (size_t k = 0; k < 2; k++) {
      size_t q = qIndex(&doc, ids[k]);
      const Question *question = &doc.lens->questions[q];
      Answer a = {
         .choices = calloc(question->n_choices + 1, 1), .not_applicable = true, .reason = NA_OTHER};
      int old = Question_findChoice(question, "UP2_old");
      if (old >= 0)
         a.choices[old] = CHOICE_NA;
      StoreMerge m;
      cr_assert_eq(ReviewDoc_mergeAnswerNa(s, &doc, q, &a, NULL, NULL, ids[k], "alice", NULL, &m),
                   STORE_OK, "%s", Store_lastError(s));
      StoreMerge_free(&m);
      free(a.choices);
   }
   UpgradeReport r;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(
      ReviewDoc_upgrade(s, &doc, fixture("upgrade-v2.yaml"), NULL, false, "tester", &r, &d, &err),
      STORE_OK, "%s", err ? err : "");
   cr_assert_eq(r.rewritten, 1, "UP2 is rewritten");
   UpgradeReport_free(&r);
   DiagList_free(&d);
   ReviewDoc_free(&doc);
   DiagList_init(&d);
   cr_assert_eq(ReviewDoc_load(s, "up", &doc, &d, &err), STORE_OK, "%s", err ? err : "");
   DiagList_free(&d);
   for (size_t k = 0; k < 2; k++) {
      size_t q = qIndex(&doc, ids[k]);
      cr_assert(doc.stored[q].not_applicable);
      cr_assert_str_eq(doc.stored[q].na_reason, "OTHER");
      cr_assert_str_eq(doc.stored[q].na_note, ids[k]);
   }
   cr_assert_eq(doc.stored[qIndex(&doc, "UP2")].n_na_choices, 0, "UP2_old is gone");
   ReviewDoc_free(&doc);
   Store_close(s);
}
