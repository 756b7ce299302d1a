/* store_internal.h: what the store's own files share, never included
 * outside src/store.
 *
 * Naming: StoreSql_* wrap SQLite calls so that every return code is checked
 * in one place and every failure leaves a message in Store.err;
 * StoreTime_* handle the ISO 8601 clock; StoreHist_* append history rows. */
#ifndef WALENS_STORE_STORE_INTERNAL_H
#define WALENS_STORE_STORE_INTERNAL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <time.h>

#include "core/names.h"
#include "store/store.h"

/* "walens" in PRAGMA application_id: 'W' 'a' 'L' 'n'. */
#define STORE_APPLICATION_ID 0x57614C6E
#define STORE_SCHEMA_VERSION 14
#define STORE_BUSY_TIMEOUT_MS 5000
/* "YYYY-MM-DDTHH:MM:SSZ" and its NUL. */
#define STORE_TIME_LEN 21

/* Statements kept prepared per connection (store_sql.c); more than the
 * store has distinct texts, so only run-time texts are ever evicted. */
#define STORE_STMT_CACHE 160

typedef struct {
   char *sql; /* the text (owned), the key */
   unsigned hash;
   sqlite3_stmt *st; /* owned; reset while idle */
   bool busy;        /* handed out and not yet released */
} StoreStmt;

struct Store {
   sqlite3 *db;
   char *path;
   char *err; /* last error message, "" when none yet */
   bool readonly;
   int schema_version;
   char now[STORE_TIME_LEN];   /* clock override, "" for the real clock */
   sqlite3_stmt *data_version; /* kept prepared: polled on every input tick */
   int64_t last_data_version;
   int64_t seen_history;        /* highest history id this connection knows of */
   bool pending_change;         /* another connection's history row seen during our write */
   int64_t tx_seen;             /* seen_history as the open write transaction will leave it */
   bool tx_other;               /* that transaction found rows it did not write */
   bool tx_write;               /* the open transaction is a write (StoreSql_beginWrite) */
   struct timespec last_commit; /* CLOCK_MONOTONIC of this connection's last
                                   committed write; zero before the first */
   bool snapshot;               /* inside Store_readBegin/Store_readEnd */
   int read_nest;               /* StoreSql_beginRead calls open inside that snapshot */
   bool batch;                  /* inside Store_batchBegin/Store_batchEnd */
   int batch_nest;              /* savepoints open inside that batch */
   StoreStmt cache[STORE_STMT_CACHE];
   size_t n_cached;
   size_t next_evict;
};

/* --- SQL helpers (store_sql.c) --- */

/* Sets s->err to the formatted message and returns st. */
StoreStatus StoreSql_error(Store *s, StoreStatus st, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));
/* Maps an SQLite result code (extended codes understood) to a status and
 * records sqlite3_errmsg() as the last error. */
StoreStatus StoreSql_fail(Store *s, int rc);
StoreStatus StoreSql_status(int rc);

/* Parameters are bound from a type string, one letter each, starting at 1:
 *   t  const char *        (NULL binds NULL)
 *   T  const char *, size_t (text of that many bytes)
 *   i  int64_t
 *   I  int64_t, 0 binds NULL (an optional row id)
 *   d  int
 * NULL is returned (with s->err set) when preparing or binding fails. */
sqlite3_stmt *StoreSql_query(Store *s, StoreStatus *st, const char *sql, const char *types, ...);
/* Runs a statement that returns no rows. */
StoreStatus StoreSql_run(Store *s, const char *sql, const char *types, ...);
/* StoreSql_run in a write transaction of its own (a write of one statement). */
StoreStatus StoreSql_runAlone(Store *s, const char *sql, const char *types, ...);
/* Steps once: STORE_OK with *row set to whether a row came back. */
StoreStatus StoreSql_step(Store *s, sqlite3_stmt *st, bool *row);
/* Releases a statement from StoreSql_query: a cached one is reset for the
 * next use, any other finalized.  NULL is ignored. */
void StoreSql_finalize(Store *s, sqlite3_stmt *st);
/* Finalizes every cached statement (before sqlite3_close). */
void StoreSql_dropCache(Store *s);
/* Runs SQL text with no parameters (several statements allowed). */
StoreStatus StoreSql_exec(Store *s, const char *sql);
/* First column of a one-row query as an integer (*out untouched when no row). */
StoreStatus StoreSql_int(Store *s, int64_t *out, bool *found, const char *sql, const char *types,
                         ...);

/* Copies of a column: NULL stays NULL. */
char *StoreSql_colText(sqlite3_stmt *st, int col);

/* Transactions.  Writes take BEGIN IMMEDIATE; reads that span several
 * statements take a deferred BEGIN so they see one snapshot.  Inside
 * Store_readBegin a read nests (it begins and ends nothing) and a write is
 * refused. */
StoreStatus StoreSql_beginWrite(Store *s);
StoreStatus StoreSql_beginRead(Store *s);
/* Commits when st is STORE_OK, else rolls back; returns the final status. */
StoreStatus StoreSql_end(Store *s, StoreStatus st);
/* StoreSql_beginWrite once a writer's argument checks passed (checked is
 * their status): STORE_OK with the transaction open, else the first error
 * and none open. */
StoreStatus StoreSql_beginChecked(Store *s, StoreStatus checked);

/* --- answers (store_answer.c) --- */

/* STORE_OK when the review exists, else STORE_NOT_FOUND with the message
 * every writer of a review's rows gives (inside a transaction). */
StoreStatus StoreAnswer_requireReview(Store *s, int64_t review_id);
/* Store_getAnswer inside the caller's transaction (NOT_FOUND, *out
 * zeroed, when never written). */
StoreStatus StoreAnswer_loadLocked(Store *s, int64_t review_id, const char *question_id,
                                   StoredAnswer *out);

/* --- templates (store_template.c) --- */

struct TemplateImport;
/* A bundle's template (store/template.h) for the imported review, inside
 * the import's transaction: the template found (same lens, same answers
 * at that revision) or created, the review linked to it, and the answers
 * still as the template wrote them marked.  STORE_INVALID when the
 * database holds another template by that name. */
StoreStatus StoreTemplate_importLocked(Store *s, int64_t review_id, int64_t lens_id,
                                       const struct TemplateImport *t, const char *user);

/* --- schema (store_schema.c) --- */

/* Brings the schema from `from` to STORE_SCHEMA_VERSION inside the current
 * transaction, then stamps application_id and user_version. */
StoreStatus StoreSchema_migrate(Store *s, int from);

/* --- time (store_time.c) --- */

/* Now, or the override set by Store_setNow(). */
void StoreTime_now(const Store *s, char out[STORE_TIME_LEN]);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" strictly (a real date and time). */
bool StoreTime_parse(const char *iso, time_t *out);
void StoreTime_format(time_t t, char out[STORE_TIME_LEN]);
/* "YYYY-MM-DD" naming a real calendar day. */
bool StoreTime_validDate(const char *ymd);

/* --- history (store_history.c) --- */

/* Appends one history row (inside the caller's write transaction).
 * before/after are JSON texts or NULL; review_id 0 stores NULL. */
/* Inserts answer_choice rows for one answer: ids[0..n) in state
 * ("selected" or "not_applicable"), positions from first on.  Used by
 * every writer of answers (store_answer, store_import, store_upgrade). */
StoreStatus StoreAnswer_insertChoices(Store *s, int64_t answer_id, char *const *ids, size_t n,
                                      const char *state, int first);

StoreStatus StoreHist_append(Store *s, int64_t review_id, const char *user, const char *kind,
                             const char *object, const char *before, const char *after);

/* Hands v->change each review's newest history row, by review id (inside
 * the caller's read transaction). */
StoreStatus StoreHist_scanLast(Store *s, const AnswerScanVisitor *v);

/* Before/after states as JSON objects.  Each adder returns false when
 * jansson fails (a string that is not UTF-8); a NULL string adds null. */
bool StoreJson_str(json_t *o, const char *key, const char *v);
bool StoreJson_strs(json_t *o, const char *key, char *const *v, size_t n);
bool StoreJson_int(json_t *o, const char *key, int64_t v);
bool StoreJson_bool(json_t *o, const char *key, bool v);
/* Releases o; returns its compact text (free()) when ok and it dumps, else NULL. */
char *StoreJson_finish(json_t *o, bool ok);

/* --- milestones (store_milestone.c) --- */

/* Inserts a milestone and its history row inside the caller's write
 * transaction (arguments validated by the caller); STORE_EXISTS when the
 * review has that name already. */
StoreStatus StoreMilestone_insert(Store *s, int64_t review_id, const char *name,
                                  const char *snapshot, const char *user, int64_t *id);

/* --- re-review marks (store_upgrade.c) --- */

/* Deletes the question's mark with a history row saying it was confirmed,
 * inside the caller's write transaction; no mark: STORE_OK, nothing written. */
/* Writes a's practice notes for the answer row (replace: drops the row's
 * old ones first); inside the caller's transaction. */
StoreStatus StoreAnswer_putChoiceNotes(Store *s, int64_t answer_id, const StoredAnswer *a,
                                       bool replace);
/* Store_putAnswer inside the caller's write transaction; extra, when not
 * NULL, is a JSON object text whose members join the history row's after
 * state (a poll's acceptance marks itself so; a template's answer carries
 * {"template": NAME}, which history shows as "from template NAME"). */
StoreStatus StoreAnswer_putLocked(Store *s, int64_t review_id, const StoredAnswer *a,
                                  int64_t expected, const char *user, const char *extra,
                                  int64_t *new_version);
/* Store_mergeAnswer inside the caller's write transaction (base NULL: the
 * writer saw no answer); the caller validates and finishes the message. */
StoreStatus StoreAnswer_mergeLocked(Store *s, int64_t review_id, const StoredAnswer *base,
                                    const StoredAnswer *want, const char *user, const char *extra,
                                    StoreMerge *out);
/* The checks Store_putAnswer makes before writing. */
StoreStatus StoreAnswer_validate(Store *s, const StoredAnswer *a, const char *user);
StoreStatus StoreMark_clearLocked(Store *s, int64_t review_id, const char *question_id,
                                  const char *user);

/* --- merging writers (store_merge.c) --- */

/* Where a merging write looks for who made the other change: the history
 * rows of (review_id, kind, object) written after base_version. */
typedef struct StoreMergeCtx {
   int64_t review_id;
   const char *kind, *object;
   int64_t base_version;
   const char *fallback_by, *fallback_at; /* the row's last writer */
} StoreMergeCtx;

/* Records a clash on what (shown) whose other change is found by part:
 * a choice id, "not_applicable", "notes" (answers) or a field (plan). */
StoreStatus StoreMerge_clash(Store *s, const StoreMergeCtx *c, StoreMerge *m, StoreClashKind kind,
                             const char *what, const char *part);
/* Who made the newest change to part since the base (allocated). */
StoreStatus StoreMerge_who(Store *s, const StoreMergeCtx *c, const char *part, char **by,
                           char **at);
/* Sets m->message from the clashes (nothing when there are none). */
void StoreMerge_finishMessage(StoreMerge *m);
/* The end of a merging write, given the status of its transaction's end:
 * the message set when it committed, else m freed (and zeroed).  Returns st. */
StoreStatus StoreMerge_end(StoreStatus st, StoreMerge *m);
/* after (a JSON object text, owned) with extra's members added; returns
 * the new text (after is consumed) or after itself when either is NULL. */
char *StoreMerge_withExtra(char *after, const char *extra);
/* git_merge_file on three texts (NULL reads as ""); *out allocated, with
 * conflict marks labelled our_label / their_label where *clean is false. */
StoreStatus StoreMerge_text(Store *s, const char *base, const char *ours, const char *theirs,
                            const char *our_label, const char *their_label, char **out,
                            bool *clean);

/* --- answers (store_answer.c) --- */

/* An answer from a history state (json NULL: the empty answer); the
 * question id is the caller's.  STORE_INVALID when json is not an object. */
StoreStatus StoreAnswer_fromJson(const char *json, const char *question_id, StoredAnswer *out);

/* --- validation shared by the writers --- */

/* Non-empty, valid UTF-8, no control characters. */
bool Store_validName(const char *name);
/* STORE_OK when name is a name of kind in normal form (core/names.h), else
 * STORE_INVALID with a message naming the problem and the normal form. */
StoreStatus StoreName_check(Store *s, NameKind kind, const char *name);
/* The form of name to look it up by: its normal form, or name itself when
 * it has none (the caller frees it; NULL gives ""). */
char *StoreName_key(NameKind kind, const char *name);
/* NULL, or valid UTF-8 (notes may hold newlines and tabs). */
bool Store_validText(const char *text);

/* --- content-addressed rows (store_lens.c owns them; profiles too) --- */

/* 64 lowercase hex digits, as sha256sum prints them. */
bool StoreLens_validSha256(const char *h);
/* Adds the row that insert writes (given row and the time now), in one
 * write transaction, unless find (a query of one id by one text parameter)
 * already finds one with this sha256: *id is that row's either way.  Such
 * rows never change, so a review reads the text it was pinned to. */
typedef StoreStatus StoreLens_insertFn(Store *s, const void *row, const char *now);
StoreStatus StoreLens_putAddressed(Store *s, const char *find, const char *sha256,
                                   StoreLens_insertFn *insert, const void *row, int64_t *id);

#endif
