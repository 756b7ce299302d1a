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
/* Version 5: the roster (issue 12): the screen each session is on, whether
 * it is a read-only observer, and when its user last pressed a key. */
static const char schemaV5[] =
   "ALTER TABLE presence ADD COLUMN screen TEXT;"
   "ALTER TABLE presence ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0"
   "  CHECK (read_only IN (0, 1));"
   "ALTER TABLE presence ADD COLUMN active_at TEXT;";

/* Version 6: what the workloads list shows, kept so that it reads one row a
 * review instead of every answer (10,000 workloads: 350,000 answers).
 * review.answers_gen counts every change of the review's answers, whoever
 * makes it (the triggers); a review_count row holds the risk counts as they
 * were at one generation on one lens and is trusted only while both still
 * hold (store/store.h, Store_scanReviewCounts).  review.last_history_id is
 * the review's newest history row, kept by a trigger as well. */
static const char schemaV6[] =
   "ALTER TABLE review ADD COLUMN answers_gen INTEGER NOT NULL DEFAULT 0;"
   "ALTER TABLE review ADD COLUMN last_history_id INTEGER;"
   "UPDATE review SET last_history_id ="
   "  (SELECT max(id) FROM history WHERE history.review_id = review.id);"
   "CREATE TABLE review_count ("
   "  review_id   INTEGER PRIMARY KEY REFERENCES review(id) ON DELETE CASCADE,"
   "  lens_id     INTEGER NOT NULL,"
   "  answers_gen INTEGER NOT NULL,"
   "  questions   INTEGER NOT NULL CHECK (questions >= 0),"
   "  answered    INTEGER NOT NULL CHECK (answered >= 0),"
   "  unanswered  INTEGER NOT NULL CHECK (unanswered >= 0),"
   "  high        INTEGER NOT NULL CHECK (high >= 0),"
   "  medium      INTEGER NOT NULL CHECK (medium >= 0),"
   "  none        INTEGER NOT NULL CHECK (none >= 0),"
   "  na          INTEGER NOT NULL CHECK (na >= 0),"
   "  practices   INTEGER NOT NULL CHECK (practices >= 0),"
   "  selected    INTEGER NOT NULL CHECK (selected >= 0)"
   ");"
   "CREATE TRIGGER answer_insert_gen AFTER INSERT ON answer BEGIN"
   "  UPDATE review SET answers_gen = answers_gen + 1 WHERE id = NEW.review_id; END;"
   "CREATE TRIGGER answer_update_gen AFTER UPDATE ON answer BEGIN"
   "  UPDATE review SET answers_gen = answers_gen + 1 WHERE id IN (OLD.review_id, NEW.review_id);"
   "  END;"
   "CREATE TRIGGER answer_delete_gen AFTER DELETE ON answer BEGIN"
   "  UPDATE review SET answers_gen = answers_gen + 1 WHERE id = OLD.review_id; END;"
   "CREATE TRIGGER choice_insert_gen AFTER INSERT ON answer_choice BEGIN"
   "  UPDATE review SET answers_gen = answers_gen + 1"
   "  WHERE id = (SELECT review_id FROM answer WHERE id = NEW.answer_id); END;"
   "CREATE TRIGGER choice_delete_gen AFTER DELETE ON answer_choice BEGIN"
   "  UPDATE review SET answers_gen = answers_gen + 1"
   "  WHERE id = (SELECT review_id FROM answer WHERE id = OLD.answer_id); END;"
   "CREATE TRIGGER history_last AFTER INSERT ON history WHEN NEW.review_id IS NOT NULL BEGIN"
   "  UPDATE review SET last_history_id = NEW.id WHERE id = NEW.review_id; END;";
/* Version 7: the facilitated workshop (issue 13).  Who leads a workload's
 * session and where the leader is (followers read it on their tick); the
 * agenda with its clock (spent_s is closed time; the running item's clock
 * is agenda_state.started_at); parked points; silent polls and their
 * ballots, which are kept after the poll ends.  Workshop rows add no
 * history: only the answer a poll's acceptance writes does. */
static const char schemaV7[] =
   "CREATE TABLE session_lead ("
   "  workload_id INTEGER PRIMARY KEY REFERENCES workload(id),"
   "  user_name   TEXT NOT NULL CHECK (length(user_name) > 0),"
   "  pid         INTEGER NOT NULL DEFAULT 0,"
   "  since       TEXT NOT NULL,"
   "  screen      TEXT,"
   "  question    TEXT,"
   "  scroll      INTEGER NOT NULL DEFAULT 0 CHECK (scroll >= 0),"
   "  updated_at  TEXT NOT NULL"
   ");"
   "CREATE TABLE agenda_item ("
   "  id          INTEGER PRIMARY KEY,"
   "  workload_id INTEGER NOT NULL REFERENCES workload(id),"
   "  position    INTEGER NOT NULL CHECK (position >= 0),"
   "  kind        TEXT NOT NULL CHECK (kind IN ('phase', 'pillar', 'cell', 'questions')),"
   "  target      TEXT NOT NULL CHECK (length(target) > 0),"
   "  title       TEXT,"
   "  minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
   "  spent_s     INTEGER NOT NULL DEFAULT 0 CHECK (spent_s >= 0),"
   "  UNIQUE (workload_id, position)"
   ");"
   "CREATE TABLE agenda_state ("
   "  workload_id INTEGER PRIMARY KEY REFERENCES workload(id),"
   "  current     INTEGER NOT NULL DEFAULT -1,"
   "  started_at  TEXT,"
   "  set_at      TEXT NOT NULL,"
   "  set_by      TEXT NOT NULL"
   ");"
   "CREATE TABLE parked ("
   "  id            INTEGER PRIMARY KEY,"
   "  workload_id   INTEGER NOT NULL REFERENCES workload(id),"
   "  user_name     TEXT NOT NULL,"
   "  at            TEXT NOT NULL,"
   "  question_id   TEXT,"
   "  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),"
   "  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'planned')),"
   "  closed_by     TEXT,"
   "  closed_at     TEXT,"
   "  word          TEXT,"
   "  plan_question TEXT,"
   "  plan_choice   TEXT"
   ");"
   "CREATE INDEX parked_workload ON parked(workload_id);"
   "CREATE TABLE poll ("
   "  id          INTEGER PRIMARY KEY,"
   "  review_id   INTEGER NOT NULL REFERENCES review(id),"
   "  question_id TEXT NOT NULL CHECK (length(question_id) > 0),"
   "  opened_by   TEXT NOT NULL,"
   "  opened_at   TEXT NOT NULL,"
   "  state       TEXT NOT NULL DEFAULT 'open'"
   "              CHECK (state IN ('open', 'revealed', 'accepted', 'closed')),"
   "  closed_by   TEXT,"
   "  closed_at   TEXT"
   ");"
   "CREATE UNIQUE INDEX poll_running ON poll(review_id) WHERE state IN ('open', 'revealed');"
   "CREATE TABLE ballot ("
   "  poll_id   INTEGER NOT NULL REFERENCES poll(id),"
   "  user_name TEXT NOT NULL CHECK (length(user_name) > 0),"
   "  choices   TEXT NOT NULL,"
   "  cast_at   TEXT NOT NULL,"
   "  PRIMARY KEY (poll_id, user_name)"
   ") WITHOUT ROWID;";

/* Version 8: impact and effort of plan items (issue 15), and review
 * templates: a named set of answers for some questions of one lens text,
 * kept per revision so that `template apply` can tell a workload that still
 * holds the old answer from one a reviewer changed.  review_template: the
 * workloads made from a template and the revision they have; answer_template:
 * which answers a template wrote, at which answer row version (the mark
 * holds while the answer is unchanged since). */
static const char schemaV8[] =
   "ALTER TABLE plan_item ADD COLUMN impact TEXT"
   "  CHECK (impact IS NULL OR impact IN ('low', 'medium', 'high'));"
   "ALTER TABLE plan_item ADD COLUMN effort TEXT"
   "  CHECK (effort IS NULL OR effort IN ('low', 'medium', 'high'));"
   "CREATE TABLE template ("
   "  id         INTEGER PRIMARY KEY,"
   "  name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
   "  lens_id    INTEGER NOT NULL REFERENCES lens(id),"
   "  revision   INTEGER NOT NULL CHECK (revision >= 1),"
   "  created_at TEXT NOT NULL,"
   "  created_by TEXT NOT NULL,"
   "  updated_at TEXT NOT NULL,"
   "  updated_by TEXT NOT NULL"
   ");"
   "CREATE TABLE template_answer ("
   "  template_id INTEGER NOT NULL REFERENCES template(id),"
   "  revision    INTEGER NOT NULL CHECK (revision >= 1),"
   "  question_id TEXT NOT NULL CHECK (length(question_id) > 0),"
   "  answer      TEXT NOT NULL CHECK (json_valid(answer)),"
   "  PRIMARY KEY (template_id, revision, question_id)"
   ") WITHOUT ROWID;"
   "CREATE TABLE review_template ("
   "  review_id   INTEGER PRIMARY KEY REFERENCES review(id),"
   "  template_id INTEGER NOT NULL REFERENCES template(id),"
   "  revision    INTEGER NOT NULL CHECK (revision >= 1)"
   ");"
   "CREATE INDEX review_template_template ON review_template(template_id);"
   "CREATE TABLE answer_template ("
   "  review_id      INTEGER NOT NULL REFERENCES review(id),"
   "  question_id    TEXT NOT NULL CHECK (length(question_id) > 0),"
   "  template_id    INTEGER NOT NULL REFERENCES template(id),"
   "  answer_version INTEGER NOT NULL CHECK (answer_version >= 1),"
   "  PRIMARY KEY (review_id, question_id)"
   ") WITHOUT ROWID;";

/* Version 9: review profiles (core/profile.h).  A profile text is stored as
 * it was read, content-addressed like a lens; a workload holds at most one,
 * with the choice made for each context question answered so far. */
static const char schemaV9[] =
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
/* Version 10: what the portfolio reads, kept small (issue 14, 10,000
 * workloads).  The newest change of each review (when, by whom) on the
 * review row beside last_history_id, by the same trigger: the workloads
 * list read each review's newest history row by id, and at 10,000
 * workloads those rows lie on 10,000 pages of a 7 GB file, two thirds of
 * the list's time (doc/PERFORMANCE.md).  And each milestone's totals in a
 * table of their own, filled by a trigger: `report --all` drew its trend
 * from json_extract over every snapshot, reading the whole file (200,000
 * snapshots of 36 KB).  History rows and milestones are never changed or
 * deleted once written, so neither copy can drift from what it copies; a
 * snapshot that is not JSON counts as nothing (valid 0), as it did. */
static const char schemaV10[] =
   "ALTER TABLE review ADD COLUMN last_at TEXT;"
   "ALTER TABLE review ADD COLUMN last_by TEXT;"
   "UPDATE review SET (last_at, last_by) ="
   "  (SELECT at, user_name FROM history WHERE history.id = review.last_history_id)"
   "  WHERE last_history_id IS NOT NULL;"
   "DROP TRIGGER history_last;"
   "CREATE TRIGGER history_last AFTER INSERT ON history WHEN NEW.review_id IS NOT NULL BEGIN"
   "  UPDATE review SET last_history_id = NEW.id, last_at = NEW.at, last_by = NEW.user_name"
   "  WHERE id = NEW.review_id; END;"
   "CREATE TABLE milestone_total ("
   "  review_id      INTEGER NOT NULL,"
   "  milestone_id   INTEGER NOT NULL REFERENCES milestone(id),"
   "  name           TEXT NOT NULL,"
   "  created_at     TEXT NOT NULL,"
   "  valid          INTEGER NOT NULL CHECK (valid IN (0, 1)),"
   "  high           INTEGER,"
   "  medium         INTEGER,"
   "  none           INTEGER,"
   "  not_applicable INTEGER,"
   "  unanswered     INTEGER,"
   "  questions      INTEGER,"
   "  PRIMARY KEY (review_id, milestone_id)"
   ") WITHOUT ROWID;"
   "INSERT INTO milestone_total SELECT review_id, id, name, created_at, json_valid(snapshot),"
   "  CASE WHEN json_valid(snapshot) THEN json_extract(snapshot, '$.total.high') END,"
   "  CASE WHEN json_valid(snapshot) THEN json_extract(snapshot, '$.total.medium') END,"
   "  CASE WHEN json_valid(snapshot) THEN json_extract(snapshot, '$.total.none') END,"
   "  CASE WHEN json_valid(snapshot) THEN json_extract(snapshot, '$.total.not_applicable') END,"
   "  CASE WHEN json_valid(snapshot) THEN json_extract(snapshot, '$.total.unanswered') END,"
   "  CASE WHEN json_valid(snapshot) THEN json_extract(snapshot, '$.total.questions') END"
   "  FROM milestone;"
   "CREATE TRIGGER milestone_total_insert AFTER INSERT ON milestone BEGIN"
   "  INSERT INTO milestone_total VALUES (NEW.review_id, NEW.id, NEW.name, NEW.created_at,"
   "  json_valid(NEW.snapshot),"
   "  CASE WHEN json_valid(NEW.snapshot) THEN json_extract(NEW.snapshot, '$.total.high') END,"
   "  CASE WHEN json_valid(NEW.snapshot) THEN json_extract(NEW.snapshot, '$.total.medium') END,"
   "  CASE WHEN json_valid(NEW.snapshot) THEN json_extract(NEW.snapshot, '$.total.none') END,"
   "  CASE WHEN json_valid(NEW.snapshot) THEN json_extract(NEW.snapshot, '$.total.not_applicable') "
   "END,"
   "  CASE WHEN json_valid(NEW.snapshot) THEN json_extract(NEW.snapshot, '$.total.unanswered') END,"
   "  CASE WHEN json_valid(NEW.snapshot) THEN json_extract(NEW.snapshot, '$.total.questions') END"
   "  ); END;";

/* Version 11: a bundle whose merge back (import --into) met clashes is kept
 * whole until someone decides them in the TUI: nothing of the laptop's
 * work is lost while it waits, and nothing of it lands undecided. */
static const char schemaV11[] = "CREATE TABLE import_pending ("
                                "  id          INTEGER PRIMARY KEY,"
                                "  review_id   INTEGER NOT NULL REFERENCES review(id),"
                                "  source      TEXT NOT NULL,"
                                "  bundle      TEXT NOT NULL CHECK (json_valid(bundle)),"
                                "  clashes     INTEGER NOT NULL CHECK (clashes >= 0),"
                                "  imported_at TEXT NOT NULL,"
                                "  imported_by TEXT NOT NULL"
                                ");"
                                "CREATE INDEX import_pending_review ON import_pending(review_id);";

/* Version 12: what the workloads list sizes before its first frame
 * (Store_countWorkloads: how many rows, the longest name) in an index of
 * its own.  Without it the count read every workload's row, a thousand
 * instructions each, from pages spread over the file: at 10,000 workloads
 * 300 pages of a 7 GB file, since a workload is written beside its
 * review's data (doc/PERFORMANCE.md).  With it the longest name is one
 * look-up and the count SQLite's count of the smallest index. */
static const char schemaV12[] =
   "CREATE INDEX workload_name_length ON workload(archived, length(name));";

/* Version 13: a short text beside the not-applicable reason (issue 18), as
 * AWS keeps one beside each choice's Reason.  One line of at most 250
 * characters (length() counts characters of a TEXT); the writers check the
 * rest (core/review.h, NaNote_problem).  Only a question marked not
 * applicable has one. */
static const char schemaV13[] = "ALTER TABLE answer ADD COLUMN na_note TEXT"
                                "  CHECK (na_note IS NULL OR (length(na_note) BETWEEN 1 AND 250"
                                "  AND instr(na_note, char(10)) = 0 AND not_applicable = 1));";

/* Version 14: what `report --all` reads per review, kept so that it reads
 * one row a review instead of every answer, choice and plan item (10,000
 * workloads: 600,000 answer rows and 440,000 plan items, over 1 s of SQLite
 * alone).  review_portfolio holds, as store/portkeep.h describes, each
 * review's risk counts, its heat-map cells, its missing practices and its
 * plan progress; like review_count it is trusted only while the review's
 * answers generation, plan generation and lens still match it.
 * review.plan_gen counts every change of the review's plan items, whoever
 * makes it (the triggers below). */
static const char schemaV14[] =
   "ALTER TABLE review ADD COLUMN plan_gen INTEGER NOT NULL DEFAULT 0;"
   "CREATE TRIGGER plan_insert_gen AFTER INSERT ON plan_item BEGIN"
   "  UPDATE review SET plan_gen = plan_gen + 1 WHERE id = NEW.review_id; END;"
   "CREATE TRIGGER plan_update_gen AFTER UPDATE ON plan_item BEGIN"
   "  UPDATE review SET plan_gen = plan_gen + 1 WHERE id IN (OLD.review_id, NEW.review_id);"
   "  END;"
   "CREATE TRIGGER plan_delete_gen AFTER DELETE ON plan_item BEGIN"
   "  UPDATE review SET plan_gen = plan_gen + 1 WHERE id = OLD.review_id; END;"
   "CREATE TABLE review_portfolio ("
   "  review_id        INTEGER PRIMARY KEY REFERENCES review(id) ON DELETE CASCADE,"
   "  lens_id          INTEGER NOT NULL,"
   "  answers_gen      INTEGER NOT NULL,"
   "  plan_gen         INTEGER NOT NULL,"
   "  questions        INTEGER NOT NULL CHECK (questions >= 0),"
   "  answered         INTEGER NOT NULL CHECK (answered >= 0),"
   "  high             INTEGER NOT NULL CHECK (high >= 0),"
   "  medium           INTEGER NOT NULL CHECK (medium >= 0),"
   "  none             INTEGER NOT NULL CHECK (none >= 0),"
   "  na               INTEGER NOT NULL CHECK (na >= 0),"
   "  unanswered       INTEGER NOT NULL CHECK (unanswered >= 0),"
   "  plan_open        INTEGER NOT NULL CHECK (plan_open >= 0),"
   "  plan_in_progress INTEGER NOT NULL CHECK (plan_in_progress >= 0),"
   "  plan_done        INTEGER NOT NULL CHECK (plan_done >= 0),"
   "  cells            TEXT NOT NULL,"
   "  gaps             TEXT NOT NULL,"
   "  dues             TEXT NOT NULL"
   ");";

static const Migration migrations[] = {
   {1, schemaV1},   {2, schemaV2},   {3, schemaV3},   {4, schemaV4},   {5, schemaV5},
   {6, schemaV6},   {7, schemaV7},   {8, schemaV8},   {9, schemaV9},   {10, schemaV10},
   {11, schemaV11}, {12, schemaV12}, {13, schemaV13}, {14, schemaV14},
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
