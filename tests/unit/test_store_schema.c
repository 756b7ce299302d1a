/* test_store_schema.c: the schema steps (src/store/store_schema.c): a
 * database made by an older walens, rebuilt by undoing the later steps,
 * opens at STORE_SCHEMA_VERSION with every table, column and trigger the
 * steps add, and keeps what it held.  tests/unit/test_store_schema
 * --filter 'schema/?*'. */
#include "config.h"

#include "store_fixture.h"

TestSuite(schema, .init = setup, .fini = teardown);

/* What version 6 added (the kept counts), undone to make an older file. */
#define DROP_V6                                                                          \
   "DROP TRIGGER answer_insert_gen; DROP TRIGGER answer_update_gen;"                     \
   "DROP TRIGGER answer_delete_gen; DROP TRIGGER choice_insert_gen;"                     \
   "DROP TRIGGER choice_delete_gen; DROP TRIGGER history_last; DROP TABLE review_count;" \
   "ALTER TABLE review DROP COLUMN answers_gen; ALTER TABLE review DROP COLUMN last_history_id;"
/* What version 7 added (the facilitated workshop). */
#define DROP_V7                                                                \
   "DROP TABLE session_lead; DROP TABLE agenda_item; DROP TABLE agenda_state;" \
   "DROP TABLE parked; DROP TABLE poll; DROP TABLE ballot;"
/* What version 9 added (review profiles). */
#define DROP_V9 "DROP TABLE context_answer; DROP TABLE workload_profile; DROP TABLE profile;"
/* What version 10 added (each review's newest change on its row, the
 * milestones' totals). */
#define DROP_V10                                                      \
   "DROP TRIGGER milestone_total_insert; DROP TABLE milestone_total;" \
   "ALTER TABLE review DROP COLUMN last_at; ALTER TABLE review DROP COLUMN last_by;"
/* What version 8 added (impact and effort, templates). */
#define DROP_V8                                              \
   "DROP TABLE answer_template; DROP TABLE review_template;" \
   " DROP TABLE template_answer; DROP TABLE template;"       \
   " ALTER TABLE plan_item DROP COLUMN impact; ALTER TABLE plan_item DROP COLUMN effort;"

/* What version 11 added (bundles waiting for decisions on clashes). */
#define DROP_V11 "DROP TABLE import_pending;"
/* What version 12 added (the index the workloads list counts with). */
#define DROP_V12 "DROP INDEX workload_name_length;"
/* What version 13 added (the short text beside a not-applicable reason). */
#define DROP_V13 "ALTER TABLE answer DROP COLUMN na_note;"
/* What version 14 added (the portfolio's kept rows and the plan generation). */
#define DROP_V14                                                 \
   "DROP TABLE review_portfolio; DROP TRIGGER plan_insert_gen;"  \
   "DROP TRIGGER plan_update_gen; DROP TRIGGER plan_delete_gen;" \
   "ALTER TABLE review DROP COLUMN plan_gen;"

Test(schema, migrates_from_version_1)
{
   Store_close(openStore());
   cr_assert_null(
      rawExec(DROP_V14 DROP_V13 DROP_V12 DROP_V11 DROP_V10 DROP_V9 DROP_V8 DROP_V7 DROP_V6
              "DROP TRIGGER answer_insert_clears_mark;"
              "DROP TRIGGER answer_update_clears_mark;"
              "DROP TRIGGER milestone_no_delete; DROP TABLE review_mark;"
              "ALTER TABLE lens DROP COLUMN origin;"
              "DROP TABLE choice_note;"
              /* the presence table as version 1 made it (step 5 adds columns) */
              "DROP TABLE presence; CREATE TABLE presence (pid INTEGER PRIMARY KEY,"
              " user_name TEXT NOT NULL, workload TEXT, question TEXT,"
              " seen_at TEXT NOT NULL);"
              "PRAGMA user_version = 1;"));
   Store *s = openStore();
   cr_assert_eq(Store_schemaVersion(s), STORE_SCHEMA_VERSION);
   cr_assert_eq(STORE_SCHEMA_VERSION, 14);
   Store_close(s);
   cr_assert_eq(rawInt("PRAGMA user_version"), 14);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name = 'workload_name_length'"),
                1);
   cr_assert_eq(rawInt("SELECT count(*) FROM pragma_table_info('answer') WHERE name = 'na_note'"),
                1);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name IN ('review_portfolio',"
                       " 'plan_insert_gen', 'plan_update_gen', 'plan_delete_gen')"),
                4);
   cr_assert_eq(rawInt("SELECT count(*) FROM pragma_table_info('review') WHERE name = 'plan_gen'"),
                1);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name = 'import_pending'"), 1);
   cr_assert_eq(rawInt("SELECT count(*) FROM pragma_table_info('presence') WHERE name IN"
                       " ('screen', 'read_only', 'active_at')"),
                3);
   cr_assert_eq(rawInt("SELECT count(*) FROM pragma_table_info('plan_item')"
                       " WHERE name IN ('impact', 'effort')"),
                2);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name IN ('template',"
                       " 'template_answer', 'review_template', 'answer_template')"),
                4);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name IN ('profile',"
                       " 'workload_profile', 'context_answer')"),
                3);
   cr_assert_eq(rawInt("SELECT count(*) FROM pragma_table_info('lens') WHERE name = 'origin'"), 1);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name IN ('session_lead',"
                       " 'agenda_item', 'agenda_state', 'parked', 'poll', 'ballot')"),
                6);
   cr_assert_eq(rawInt("SELECT count(*) FROM sqlite_master WHERE name IN ('review_mark',"
                       " 'answer_insert_clears_mark', 'answer_update_clears_mark',"
                       " 'milestone_no_delete', 'choice_note')"),
                5);
}

/* Versions 4 and 5 add the practices' notes and the roster's columns to a
 * version 3 database; its answers stay as they were, with no practice notes. */
Test(schema, migrates_from_version_3)
{
   Store *s = openStore();
   ReviewDoc doc;
   addWorkload(s, "fraud", "small.yaml", &doc);
   unsigned char choices[64] = {CHOICE_SELECTED};
   Answer a = {.choices = choices};
   cr_assert_eq(ReviewDoc_putAnswer(s, &doc, 0, &a, "kept", "alice"), STORE_OK);
   ReviewDoc_free(&doc);
   Store_close(s);
   cr_assert_null(
      rawExec(DROP_V14 DROP_V13 DROP_V12 DROP_V11 DROP_V10 DROP_V9 DROP_V8 DROP_V7 DROP_V6
              "DROP TABLE choice_note; ALTER TABLE presence DROP COLUMN screen;"
              "ALTER TABLE presence DROP COLUMN read_only;"
              "ALTER TABLE presence DROP COLUMN active_at; PRAGMA user_version = 3;"));
   s = openStore();
   cr_assert_eq(Store_schemaVersion(s), STORE_SCHEMA_VERSION);
   /* Step 9 copies the newest change onto the review row. */
   cr_assert_eq(rawInt("SELECT count(*) FROM review r JOIN history h ON h.id = r.last_history_id"
                       " WHERE r.last_by = 'alice' AND r.last_at = h.at"),
                1);
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   cr_assert_eq(ReviewDoc_load(s, "fraud", &doc, &d, &err), STORE_OK);
   DiagList_free(&d);
   cr_assert_str_eq(doc.stored[0].notes, "kept");
   cr_assert_eq(doc.stored[0].n_choice_notes, 0);
   cr_assert_eq(ReviewDoc_putChoiceNote(s, &doc, 0, 0, "https://runbook.example/a", "bob"),
                STORE_OK);
   cr_assert_eq(doc.stored[0].n_choice_notes, 1);
   cr_assert_str_eq(ReviewDoc_choiceNote(&doc, 0, 0), "https://runbook.example/a");
   cr_assert_null(ReviewDoc_choiceNote(&doc, 0, 1));
   ReviewDoc_free(&doc);
   Store_close(s);
}
