/* store_schema.c: the schema as a table of migration steps.
 *
 * Step N brings a database from user_version N-1 to N.  Store_open() runs
 * the missing steps in one BEGIN IMMEDIATE transaction with the stamping of
 * application_id and user_version, so a database is either fully at a
 * version or untouched.  Steps are never edited once released: a change is
 * a new step appended to the table. */
#include "config.h"

#include <stdlib.h>

#include "core/xalloc.h"
#include "store/store_internal.h"

typedef struct Migration {
   int version;
   const char *sql;
} Migration;

/* Version 1: the first schema (see the overview at the top of store.c). */
static const char schemaV1[] =
   "CREATE TABLE lens ("
   "  id       INTEGER PRIMARY KEY,"
   "  key      TEXT NOT NULL CHECK (length(key) > 0),"
   "  version  TEXT,"
   "  name     TEXT,"
   "  sha256   TEXT NOT NULL UNIQUE"
   "           CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),"
   "  text     TEXT NOT NULL,"
   "  added_at TEXT NOT NULL"
   ");"
   "CREATE TABLE workload ("
   "  id          INTEGER PRIMARY KEY,"
   "  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
   "  description TEXT,"
   "  environment TEXT CHECK (environment IN ('production', 'preproduction')),"
   "  owner       TEXT,"
   "  created_at  TEXT NOT NULL,"
   "  created_by  TEXT NOT NULL,"
   "  updated_at  TEXT NOT NULL,"
   "  updated_by  TEXT NOT NULL,"
   "  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
   ");"
   "CREATE TABLE review ("
   "  id          INTEGER PRIMARY KEY,"
   "  workload_id INTEGER NOT NULL REFERENCES workload(id),"
   "  lens_id     INTEGER NOT NULL REFERENCES lens(id),"
   "  is_current  INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),"
   "  created_at  TEXT NOT NULL,"
   "  created_by  TEXT NOT NULL"
   ");"
   "CREATE UNIQUE INDEX review_current ON review(workload_id) WHERE is_current = 1;"
   "CREATE INDEX review_workload ON review(workload_id);"
   "CREATE INDEX review_lens ON review(lens_id);"
   "CREATE TABLE answer ("
   "  id             INTEGER PRIMARY KEY,"
   "  review_id      INTEGER NOT NULL REFERENCES review(id),"
   "  question_id    TEXT NOT NULL CHECK (length(question_id) > 0),"
   "  not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),"
   "  na_reason      TEXT CHECK (na_reason IN ('OUT_OF_SCOPE', 'BUSINESS_PRIORITIES',"
   "                            'ARCHITECTURE_CONSTRAINTS', 'OTHER', 'NONE')),"
   "  notes          TEXT,"
   "  version        INTEGER NOT NULL CHECK (version >= 1),"
   "  updated_at     TEXT NOT NULL,"
   "  updated_by     TEXT NOT NULL,"
   "  UNIQUE (review_id, question_id)"
   ");"
   "CREATE TABLE answer_choice ("
   "  answer_id INTEGER NOT NULL REFERENCES answer(id) ON DELETE CASCADE,"
   "  choice_id TEXT NOT NULL CHECK (length(choice_id) > 0),"
   "  state     TEXT NOT NULL CHECK (state IN ('selected', 'not_applicable')),"
   "  position  INTEGER NOT NULL CHECK (position >= 0),"
   "  PRIMARY KEY (answer_id, choice_id)"
   ") WITHOUT ROWID;"
   "CREATE TABLE plan_item ("
   "  id          INTEGER PRIMARY KEY,"
   "  review_id   INTEGER NOT NULL REFERENCES review(id),"
   "  question_id TEXT NOT NULL CHECK (length(question_id) > 0),"
   "  choice_id   TEXT NOT NULL CHECK (length(choice_id) > 0),"
   "  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN"
   "              ('open', 'in_progress', 'done', 'risk_accepted', 'wont_do')),"
   "  owner       TEXT,"
   /* date() echoes "2026-02-30"; a modifier makes it normalize to 03-02. */
   "  due         TEXT CHECK (due IS NULL OR (date(due, '+0 days') IS due AND"
   "              due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')),"
   "  priority    INTEGER NOT NULL DEFAULT 0 CHECK (priority >= 0),"
   "  note        TEXT,"
   "  version     INTEGER NOT NULL CHECK (version >= 1),"
   "  updated_at  TEXT NOT NULL,"
   "  updated_by  TEXT NOT NULL,"
   "  UNIQUE (review_id, question_id, choice_id)"
   ");"
   "CREATE TABLE milestone ("
   "  id         INTEGER PRIMARY KEY,"
   "  review_id  INTEGER NOT NULL REFERENCES review(id),"
   "  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),"
   "  created_at TEXT NOT NULL,"
   "  created_by TEXT NOT NULL,"
   "  snapshot   TEXT NOT NULL,"
   "  UNIQUE (review_id, name)"
   ");"
   "CREATE TRIGGER milestone_immutable BEFORE UPDATE ON milestone"
   "  BEGIN SELECT RAISE(ABORT, 'milestones are immutable'); END;"
   "CREATE TABLE history ("
   "  id          INTEGER PRIMARY KEY,"
   "  at          TEXT NOT NULL,"
   "  user_name   TEXT NOT NULL,"
   "  kind        TEXT NOT NULL"
   "              CHECK (kind IN ('workload', 'answer', 'plan', 'milestone')),"
   "  object      TEXT NOT NULL,"
   "  before_json TEXT,"
   "  after_json  TEXT,"
   "  review_id   INTEGER REFERENCES review(id)"
   ");"
   "CREATE INDEX history_review ON history(review_id, object);"
   "CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
   "  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
   "CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
   "  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
   "CREATE TABLE presence ("
   "  pid       INTEGER PRIMARY KEY,"
   "  user_name TEXT NOT NULL,"
   "  workload  TEXT,"
   "  question  TEXT,"
   "  seen_at   TEXT NOT NULL"
   ");";

/* Version 2: re-review marks left by a lens upgrade (store/upgrade.h).  Any
 * write of the question's answer clears its mark, whoever makes it, so the
 * rule holds for every writer.  Milestones refuse deletion as well as
 * updates: nothing in walens deletes one. */
static const char schemaV2[] =
   "CREATE TABLE review_mark ("
   "  review_id   INTEGER NOT NULL REFERENCES review(id),"
   "  question_id TEXT NOT NULL CHECK (length(question_id) > 0),"
   "  marked_at   TEXT NOT NULL,"
   "  marked_by   TEXT NOT NULL,"
   "  PRIMARY KEY (review_id, question_id)"
   ") WITHOUT ROWID;"
   "CREATE TRIGGER answer_insert_clears_mark AFTER INSERT ON answer BEGIN"
   "  DELETE FROM review_mark WHERE review_id = NEW.review_id"
   "  AND question_id = NEW.question_id; END;"
   "CREATE TRIGGER answer_update_clears_mark AFTER UPDATE ON answer BEGIN"
   "  DELETE FROM review_mark WHERE review_id = NEW.review_id"
   "  AND question_id = NEW.question_id; END;"
   "CREATE TRIGGER milestone_no_delete BEFORE DELETE ON milestone"
   "  BEGIN SELECT RAISE(ABORT, 'milestones are immutable'); END;";

/* Version 3: where a lens text came from.  'bundle': brought in
 * by walens import; such a lens serves the imported workload only and is
 * never offered as an upgrade or taken by key for another workload. */
static const char schemaV3[] = "ALTER TABLE lens ADD COLUMN origin TEXT NOT NULL DEFAULT 'local'"
                               "  CHECK (origin IN ('local', 'bundle'));";

/* Version 4: notes of single practices (evidence), part of their answer:
 * written with it under its row version, gone with it. */
static const char schemaV4[] =
   "CREATE TABLE choice_note ("
   "  answer_id INTEGER NOT NULL REFERENCES answer(id) ON DELETE CASCADE,"
   "  choice_id TEXT NOT NULL CHECK (length(choice_id) > 0),"
   "  notes     TEXT NOT NULL CHECK (length(notes) > 0),"
   "  PRIMARY KEY (answer_id, choice_id)"
   ") WITHOUT ROWID;";

/* Version 5: review profiles (core/profile.h).  A profile text is stored as
 * it was read, content-addressed like a lens; a workload holds at most one,
 * with the choice made for each context question answered so far. */
static const char schemaV5[] =
   "CREATE TABLE profile ("
   "  id       INTEGER PRIMARY KEY,"
   "  key      TEXT NOT NULL CHECK (length(key) > 0),"
   "  version  TEXT,"
   "  title    TEXT NOT NULL,"
   "  lens_key TEXT NOT NULL,"
   "  sha256   TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),"
   "  text     TEXT NOT NULL,"
   "  added_at TEXT NOT NULL"
   ");"
   "CREATE TABLE workload_profile ("
   "  workload_id INTEGER PRIMARY KEY REFERENCES workload(id),"
   "  profile_id  INTEGER NOT NULL REFERENCES profile(id),"
   "  updated_at  TEXT NOT NULL,"
   "  updated_by  TEXT NOT NULL"
   ");"
   "CREATE TABLE context_answer ("
   "  workload_id INTEGER NOT NULL REFERENCES workload_profile(workload_id),"
   "  question_id TEXT NOT NULL CHECK (length(question_id) > 0),"
   "  choice_id   TEXT NOT NULL CHECK (length(choice_id) > 0),"
   "  PRIMARY KEY (workload_id, question_id)"
   ") WITHOUT ROWID;";

static const Migration migrations[] = {
   {1, schemaV1}, {2, schemaV2}, {3, schemaV3}, {4, schemaV4}, {5, schemaV5},
};
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

StoreStatus StoreSchema_migrate(Store *s, int from)
{
   StoreStatus st = STORE_OK;
   for (size_t i = 0; i < sizeof migrations / sizeof migrations[0] && st == STORE_OK; i++)
      if (migrations[i].version > from)
         st = StoreSql_exec(s, migrations[i].sql);
   if (st != STORE_OK)
      return st;
   /* PRAGMA takes no bound parameters; the numbers are our own constants. */
   char *sql = xasprintf("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
   st = StoreSql_exec(s, sql);
   free(sql);
   return st;
}
