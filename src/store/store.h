/* store.h: the SQLite database behind walens (schema, migrations, queries).
 *
 * The store speaks in ids and strings, not in lens structures: it never
 * parses a lens.  Every write is one short BEGIN IMMEDIATE transaction that
 * also appends to the history; writes that carry a row version are refused
 * with STORE_CONFLICT when someone else changed the row meanwhile.
 *
 * A Store serves one thread at a time (its connection has no mutex).
 * Ownership: a Store is released with Store_close().  Structures filled by
 * Store_get*() / Store_list*() own their strings and are released with the
 * matching *_free() function; arrays with the *_freeArray() helpers. */
#ifndef WALENS_STORE_STORE_H
#define WALENS_STORE_STORE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One table of outcomes: code, name, translated description (Store_statusText). */
typedef enum {
   STORE_OK = 0,
   STORE_NOT_FOUND,  /* no such workload / answer / lens */
   STORE_EXISTS,     /* a unique name is taken */
   STORE_CONFLICT,   /* someone else changed the row since it was read */
   STORE_BUSY,       /* the database stayed locked past the timeout */
   STORE_READONLY,   /* opened read-only, or the file is not writable */
   STORE_INVALID,    /* bad argument (empty name, bad date, ...) */
   STORE_NOT_WALENS, /* the file is not a walens database, or is corrupt */
   STORE_TOO_NEW,    /* schema newer than this build */
   STORE_FULL,       /* disk or database full */
   STORE_ERROR,      /* any other SQLite or I/O failure */
} StoreStatus;

const char *Store_statusText(StoreStatus s);

typedef struct Store Store;

enum {
   STORE_OPEN_READONLY = 1 << 0, /* observers: no writes, no file created */
   STORE_OPEN_NOCREATE = 1 << 1, /* refuse when the file does not exist */
};

/* Opens or creates (0600 whatever the umask; an existing file keeps its mode)
 * and migrates to the current schema in one transaction.  On failure returns
 * the status and sets *err to a message naming the file (caller frees).
 * A refused file is left as it was.  Refusals: STORE_NOT_FOUND (missing
 * file with READONLY or NOCREATE, dangling symbolic link), STORE_INVALID
 * (empty path, directory, not a regular file), STORE_NOT_WALENS (not
 * SQLite, another program's database, truncated, a damaged schema or
 * table root; damage deeper in the file is reported as STORE_NOT_WALENS by
 * the call whose read reaches it), STORE_TOO_NEW, STORE_READONLY (a
 * write-protected file opened without READONLY; READONLY on a file that
 * needs creating or upgrading; a group-shared database in a directory
 * without set-group-ID, or another user's -wal/-shm we cannot use: the
 * message ends with the fix, "chmod g+s DIR"), STORE_FULL (no space left).
 * An empty existing file is initialised like a new one.  A READONLY open of
 * a file we could write uses PRAGMA query_only, so that SQLite removes its
 * -wal and -shm on close and an observer leaves nothing behind. */
StoreStatus Store_open(const char *path, unsigned flags, Store **out, char **err);
void Store_close(Store *s);

/* The last error's message for this connection (owned by the store; ""
 * before any error).  SQLite failures read "FILE: message". */
const char *Store_lastError(const Store *s);
/* Clock override for tests ("2026-01-01T00:00:00Z"); NULL, or a string that
 * is not such a UTC time, for the real clock. */
void Store_setNow(Store *s, const char *iso8601);
/* The store's clock now, "YYYY-MM-DDTHH:MM:SSZ" (caller frees). */
char *Store_now(const Store *s);
/* True once per commit made by another connection since the previous call
 * (PRAGMA data_version); cheap, meant for an input tick.  Presence
 * heartbeats do not count: only commits that appended history do. */
bool Store_changedElsewhere(Store *s);
int Store_schemaVersion(const Store *s);
bool Store_isReadOnly(const Store *s);
/* The path the store was opened with (borrowed). */
const char *Store_path(const Store *s);
/* While *flag is non-zero, every statement of this connection stops early
 * (an error): a dashboard told to end by a signal does not first finish
 * reading a million rows.  flag (borrowed, e.g. set by a signal handler)
 * must outlive the store; NULL turns it off. */
void Store_abortWhen(Store *s, volatile sig_atomic_t *flag);
/* One consistent view for a reader that makes several calls (an export, a
 * report): between the two, every read sees the database as it was at the
 * first one, whatever other connections commit; writes are refused.
 * Store_readEnd is safe to call after a failed Store_readBegin. */
StoreStatus Store_readBegin(Store *s);
StoreStatus Store_readEnd(Store *s);

/* One write transaction around many writes (a generator, an import that
 * lands whole or not at all): between the two, each write the store makes
 * is a savepoint of it (a write that fails undoes itself only) and nothing
 * is committed until Store_batchEnd, which commits when st is STORE_OK and
 * rolls everything back otherwise; it returns the final status.  A batch
 * begun inside a batch is a savepoint of it, ended by its own
 * Store_batchEnd. */
StoreStatus Store_batchBegin(Store *s);
StoreStatus Store_batchEnd(Store *s, StoreStatus st);

/* Lens texts.  A review is pinned to one row: identical texts share a row (by sha256).
 * Store_putLens: key required; version and name may be NULL; sha256 is 64
 * lower-case hex digits (the caller's hash of text, not checked against it);
 * a known sha256 returns the existing row's id.  Lens rows never change, so
 * they add no history. */
typedef struct StoreLens {
   int64_t id;
   char *key, *version, *name, *sha256;
   char *text; /* NULL from Store_listLenses() */
   size_t text_len;
   bool from_bundle; /* imported with a bundle: serves that workload only */
} StoreLens;

StoreStatus Store_putLens(Store *s, const char *key, const char *version, const char *name,
                          const char *sha256, const char *text, size_t len, int64_t *id);
StoreStatus Store_getLens(Store *s, int64_t id, StoreLens *out);
StoreStatus Store_listLenses(Store *s, StoreLens **out, size_t *n);
/* Every lens's id, key, version and name only (sha256 and text NULL,
 * from_bundle false), in no order: what labels a list of reviews, read
 * without touching the lens texts. */
StoreStatus Store_listLensNames(Store *s, StoreLens **out, size_t *n);
void StoreLens_free(StoreLens *l);
void StoreLens_freeArray(StoreLens *a, size_t n);

/* Profiles (core/profile.h) and a workload's context answers.  A profile
 * row is content-addressed by the caller's sha256 of text (checked again
 * when read) and never changes; a known sha256 returns the existing id.
 * Store_setWorkloadProfile gives the workload that profile and replaces its
 * context answers with a[0..n) (ids of the profile's questions and
 * choices, which the caller checked), with one history entry by user (none
 * when user is NULL: an import, whose history came with it).
 * Store_getWorkloadProfile: STORE_NOT_FOUND when the workload has none;
 * *answers (caller frees with ContextAnswer_freeArray) sorted by question. */
struct ContextAnswer;
typedef struct StoreProfile {
   int64_t id;
   char *key, *version, *title, *lens_key, *sha256, *text;
} StoreProfile;
StoreStatus Store_putProfile(Store *s, const StoreProfile *p, int64_t *id);
StoreStatus Store_setWorkloadProfile(Store *s, int64_t workload_id, int64_t profile_id,
                                     const struct ContextAnswer *a, size_t n, const char *user);
StoreStatus Store_getWorkloadProfile(Store *s, int64_t workload_id, StoreProfile *out,
                                     struct ContextAnswer **answers, size_t *n);
void StoreProfile_free(StoreProfile *p);

/* Workloads, each with one review (the workload on its current lens). */
typedef struct Workload {
   int64_t id, review_id, lens_id;
   char *name, *description, *environment, *owner;
   char *created_at, *updated_at, *updated_by;
   bool archived;
} Workload;

/* w->name is required; description, environment ("production" or
 * "preproduction"), owner may be NULL.  Names are UTF-8 without control
 * characters and not blank; a taken name is STORE_EXISTS.  Rename and
 * archive to the current state succeed without writing anything. */
StoreStatus Store_addWorkload(Store *s, const Workload *w, int64_t lens_id, const char *user,
                              int64_t *id);
StoreStatus Store_findWorkload(Store *s, const char *name, Workload *out);
StoreStatus Store_listWorkloads(Store *s, bool include_archived, Workload **out, size_t *n);
StoreStatus Store_renameWorkload(Store *s, const char *old_name, const char *new_name,
                                 const char *user);
StoreStatus Store_archiveWorkload(Store *s, const char *name, bool archived, const char *user);
void Workload_free(Workload *w);
void Workload_freeArray(Workload *a, size_t n);

/* One question's answer as stored.  version 0 means never written. */
typedef struct StoredAnswer {
   char *question_id;
   bool not_applicable;
   char *na_reason; /* "OUT_OF_SCOPE", ... or NULL */
   char **selected; /* choice ids, in the order given; a choice may appear
                       once across selected and na_choices (else STORE_INVALID) */
   size_t n_selected;
   char **na_choices; /* choice ids marked not applicable */
   size_t n_na_choices;
   char *notes; /* or NULL */
   /* Notes of single practices (evidence: a runbook, a dashboard, a
    * ticket), by choice id, sorted by it; each note non-empty.  Written and
    * compared with the rest of the answer, under the same row version. */
   char **note_choices;
   char **choice_notes; /* aligned with note_choices */
   size_t n_choice_notes;
   int64_t version;
   char *updated_at, *updated_by;
   /* The short text beside na_reason (core/review.h, NaNote_problem), or
    * NULL; only a question marked not applicable has one (else
    * STORE_INVALID).  A part of its own in a merge: STORE_CLASH_NA_NOTE. */
   char *na_note;
} StoredAnswer;

/* Every written answer of the review, ordered by question id. */
StoreStatus Store_getAnswers(Store *s, int64_t review_id, StoredAnswer **out, size_t *n);
/* STORE_NOT_FOUND (and *out zeroed with version 0) when never answered. */
StoreStatus Store_getAnswer(Store *s, int64_t review_id, const char *question_id,
                            StoredAnswer *out);
/* Writes a->* for a->question_id if the stored version is still
 * expected_version (0 for "never written"), else STORE_CONFLICT and nothing
 * changes.  Appends a history row with the before and after states.  An
 * answer equal to the stored one (N/A and reason, both choice lists in the
 * same order, notes; NULL and "" notes alike; an empty answer equals one
 * never written) is STORE_OK with nothing written and *new_version the
 * stored version, so that it makes nobody else's edit stale; only a
 * re-review mark on the question is cleared, as confirmed (store/upgrade.h). */
StoreStatus Store_putAnswer(Store *s, int64_t review_id, const StoredAnswer *a,
                            int64_t expected_version, const char *user, int64_t *new_version);
/* The note of practice id in a, or NULL. */
const char *StoredAnswer_choiceNote(const StoredAnswer *a, const char *id);
void StoredAnswer_free(StoredAnswer *a);

/* ---- merging concurrent edits ----
 *
 * A merging write is an intent: the difference between what the writer last
 * saw (base) and what it wants (want), applied to the row as it is now.
 * Parts nobody else touched since base are written; the same change made by
 * someone else already is no clash.  Only a real clash holds a part back:
 * the same choice or plan field changed to different values, "None of
 * these" (a choice id ending in "_no") against a practice selected
 * meanwhile (or the reverse), not applicable against an answer given
 * meanwhile (or the reverse), notes changed on the same lines.  The rest is
 * written in the same transaction. */
typedef enum {
   STORE_CLASH_CHOICE,      /* the same choice set to another state meanwhile */
   STORE_CLASH_NONE,        /* "None of these" against a fresh selection, or the reverse */
   STORE_CLASH_NA,          /* N/A or its reason against a fresh answer, or the reverse */
   STORE_CLASH_NOTES,       /* notes edited on the same lines */
   STORE_CLASH_FIELD,       /* a plan field set to another value */
   STORE_CLASH_CHOICE_NOTE, /* the note of the same practice set otherwise */
   STORE_CLASH_NA_NOTE,     /* the text beside the N/A reason set otherwise ("na_note") */
} StoreClashKind;

typedef struct StoreClash {
   StoreClashKind kind;
   char *what;    /* choice id (also of a practice's note), "not_applicable", "notes", or the plan
                   * field */
   char *by, *at; /* who made the other change and when ("?" when unknown) */
} StoreClash;

/* What a merging write did.  Owns its strings; StoreMerge_free(). */
typedef struct StoreMerge {
   int64_t version;    /* the row's version afterwards (0: still never written) */
   bool wrote;         /* something was written (and a history row added) */
   int64_t history_id; /* that history row's id (what an undo reverts); 0 when none */
   bool others;        /* someone else had changed the row since base */
   bool notes_merged;  /* the notes combine this edit with another on other lines */
   StoreClash *clashes;
   size_t n_clashes;
   char *notes_theirs;        /* on a notes clash: the notes as stored, */
   char *notes_both;          /* and a text holding both edits between conflict marks */
   char *notes_by, *notes_at; /* who stored notes_theirs (or the notes merged with), when */
   char *message;             /* one line naming every clash and who made it; NULL when none */
} StoreMerge;

void StoreMerge_free(StoreMerge *m);

/* Merges the change from base to want into question want->question_id.
 * base NULL (or version 0) means the writer saw no answer; want's version
 * is ignored.  Returns STORE_OK even when a part clashed (then
 * out->n_clashes > 0 and out->message says what and by whom); invalid
 * arguments are STORE_INVALID with nothing written.  A history row records
 * the before and after of what was written; extra, when not NULL, is a JSON
 * object text whose members are added to that row's after state (undo and
 * revert mark themselves so). */
StoreStatus Store_mergeAnswer(Store *s, int64_t review_id, const StoredAnswer *base,
                              const StoredAnswer *want, const char *user, const char *extra,
                              StoreMerge *out);
/* The answer of a question as it was at row version `version`, from the
 * history (version 0: the empty answer).  STORE_NOT_FOUND when the history
 * has no such version. */
StoreStatus Store_answerAt(Store *s, int64_t review_id, const char *question_id, int64_t version,
                           StoredAnswer *out);
void StoredAnswer_freeArray(StoredAnswer *a, size_t n);

/* An answer as Store_scanAnswers hands it over.  The strings belong to
 * SQLite and last until the visitor returns. */
typedef struct AnswerScanRow {
   int64_t review_id, answer_id;
   const char *question_id;
   bool not_applicable;
   const char *na_reason; /* or NULL */
   const char *updated_at, *updated_by;
} AnswerScanRow;

typedef struct AnswerScanVisitor {
   void (*answer)(const AnswerScanRow *a, void *ctx);
   /* One choice of an answer; selected, else marked not applicable. */
   void (*choice)(int64_t answer_id, const char *choice_id, bool selected, void *ctx);
   /* NULL, or the newest history row of a review (Store_lastChange). */
   void (*change)(int64_t review_id, const char *at, const char *by, void *ctx);
   void *ctx;
} AnswerScanVisitor;

/* Every written answer of every review in one read, for lists of many
 * reviews: first each answer, by ascending answer_id, then each choice of
 * them, by ascending answer_id, then (when v->change is set) each review's
 * newest change, by ascending review id; reviews without history are left
 * out.  The visitor picks the reviews it wants and must not call into s. */
StoreStatus Store_scanAnswers(Store *s, const AnswerScanVisitor *v);

/* The user's tracking of one improvement (review, question, choice). */
typedef struct PlanTracking {
   char *question_id, *choice_id;
   char *status;             /* "open", "in_progress", "done", "risk_accepted", "wont_do";
                    NULL writes "open" */
   char *owner, *due, *note; /* due: YYYY-MM-DD, each may be NULL */
   int priority;             /* 0 = unset; negative is STORE_INVALID */
   char *impact, *effort;    /* "low", "medium", "high", or NULL when unset */
   int64_t version;
   char *updated_at, *updated_by;
} PlanTracking;

/* Ordered by question id, then choice id. */
StoreStatus Store_getPlanTracking(Store *s, int64_t review_id, PlanTracking **out, size_t *n);
/* Same version rule as Store_putAnswer; validates status and due date.
 * Tracking equal to the stored one (status, owner, due, priority, impact,
 * effort, note;
 * NULL and "" alike; an item never tracked has status open and nothing
 * else) is STORE_OK with nothing written and *new_version unchanged. */
StoreStatus Store_putPlanTracking(Store *s, int64_t review_id, const PlanTracking *t,
                                  int64_t expected_version, const char *user, int64_t *new_version);
/* Merges the change from base to want field by field (status, owner, due,
 * priority, note), as Store_mergeAnswer does: base NULL means the writer saw
 * the item untracked.  A field changed by both to different values is a
 * STORE_CLASH_FIELD and keeps the stored value; the other fields are
 * written. */
StoreStatus Store_mergePlanTracking(Store *s, int64_t review_id, const PlanTracking *base,
                                    const PlanTracking *want, const char *user, const char *extra,
                                    StoreMerge *out);
void PlanTracking_free(PlanTracking *t);
void PlanTracking_freeArray(PlanTracking *a, size_t n);

/* Append-only history. */
typedef struct HistoryEntry {
   int64_t id;
   char *at, *user;
   char *kind;           /* "answer", "plan", "workload" */
   char *object;         /* question id, "question/choice", or workload name (the
                    new one for a rename); workload entries belong to the
                    workload's review */
   char *before, *after; /* JSON objects, or NULL */
} HistoryEntry;

/* Who made the review's newest change and when: its history row with the
 * highest id.  Ids grow with every append, so that is the change written
 * last: of two in the same second the later one, and the last one even
 * when a clock went back.  Both allocated; STORE_NOT_FOUND (both NULL)
 * when the review has no history. */
StoreStatus Store_lastChange(Store *s, int64_t review_id, char **at, char **by);
/* Oldest first; question_id NULL for every entry of the review. */
StoreStatus Store_history(Store *s, int64_t review_id, const char *question_id, HistoryEntry **out,
                          size_t *n);
/* The newest limit entries of one question (answer and plan items), oldest
 * first: what Store_history ends with, without reading the rest. */
StoreStatus Store_historyRecent(Store *s, int64_t review_id, const char *question_id, size_t limit,
                                HistoryEntry **out, size_t *n);
void HistoryEntry_freeArray(HistoryEntry *a, size_t n);
/* One history row by id, with the review it belongs to (0 for none);
 * STORE_NOT_FOUND ("no change with history id N") when there is none.
 * Free out's strings with HistoryEntry_free. */
StoreStatus Store_historyEntry(Store *s, int64_t id, HistoryEntry *out, int64_t *review_id);
void HistoryEntry_free(HistoryEntry *e);
/* Reverts one recorded answer or plan change: the change from its after
 * state back to its before state, merged into review_id's row as it is now
 * like any write (Store_mergeAnswer / Store_mergePlanTracking), so that what
 * others changed since stays and a clash is said.  mark names the history
 * member that records it ("revert_of" or "undo_of": the id).  Other kinds
 * are STORE_INVALID. */
StoreStatus Store_revert(Store *s, int64_t review_id, const HistoryEntry *e, const char *mark,
                         const char *user, StoreMerge *out);

/* Presence for workshops: each process refreshes its row on its input tick. */
typedef struct Presence {
   char *user, *workload, *question; /* question may be NULL */
   char *seen_at;
   long pid;
   char *screen;    /* "question", "plan", ... or NULL (an older walens) */
   bool read_only;  /* an observer */
   char *active_at; /* the user's last key, or NULL */
} Presence;

/* Where a session is, for Store_heartbeatAt. */
typedef struct PresenceBeat {
   const char *user, *workload, *question, *screen; /* all but user may be NULL */
   int idle_s;                                      /* seconds since the user's last key */
} PresenceBeat;

/* Keyed by pid; workload and question may be NULL.  STORE_READONLY on a
 * read-only store.  Appends no history. */
StoreStatus Store_heartbeat(Store *s, const char *user, const char *workload, const char *question);
/* Store_heartbeat with the screen and idle time.  A read-only observer
 * (STORE_OPEN_READONLY on a file it could write) writes its presence row
 * too, marked read_only, and nothing else: so that others see who
 * watches.  STORE_READONLY only when the file itself is not writable. */
StoreStatus Store_heartbeatAt(Store *s, const PresenceBeat *b);
/* Deletes this pid's row: on leaving, so that others do not see us "here"
 * until the row ages out; an observer's row as well (see
 * Store_heartbeatAt). */
StoreStatus Store_leaveAny(Store *s);
/* Others (not this pid) seen within max_age_s seconds, by user then pid;
 * older rows are deleted (not on a read-only store). */
StoreStatus Store_presence(Store *s, int max_age_s, Presence **out, size_t *n);
void Presence_freeArray(Presence *a, size_t n);

/* Milestones: immutable named snapshots of a review (names unique per review).
 * The snapshot is JSON text produced by core/snapshot.h; the store keeps it
 * verbatim and never changes it (a trigger refuses updates). */
typedef struct Milestone {
   int64_t id;
   char *name, *created_at, *created_by;
   char *snapshot; /* NULL when listed without snapshots */
} Milestone;

/* STORE_EXISTS when the review has a milestone of that name already. */
StoreStatus Store_addMilestone(Store *s, int64_t review_id, const char *name, const char *snapshot,
                               const char *user, int64_t *id);
/* Oldest first. */
StoreStatus Store_listMilestones(Store *s, int64_t review_id, bool with_snapshots, Milestone **out,
                                 size_t *n);
/* Like Store_listMilestones with snapshots, but each snapshot field holds
 * only the snapshot's "total" object (JSON text): what a trend needs, read
 * without parsing whole snapshots. */
StoreStatus Store_listMilestoneTotals(Store *s, int64_t review_id, Milestone **out, size_t *n);
StoreStatus Store_getMilestone(Store *s, int64_t review_id, const char *name, Milestone *out);
void Milestone_free(Milestone *m);
void Milestone_freeArray(Milestone *a, size_t n);

/* The portfolio (report --all): every review's answers and plan tracking
 * in one pass, without holding more than a row at a time.  Answers (each
 * followed by its choices) and tracking rows come grouped by review, in
 * ascending review id: all of one review's rows before the next review's,
 * its answers before its tracking.  Then, when set, each milestone's totals
 * (by review id, oldest first) and each review's newest change.  Strings
 * belong to SQLite and last until the callback returns; the visitor picks
 * the reviews it wants and must not call into s. */
typedef struct PortfolioMilestoneRow {
   int64_t review_id;
   const char *name, *created_at;
   bool valid; /* its snapshot is JSON; else the counts are zero */
   int64_t high, medium, none, not_applicable, unanswered, questions;
} PortfolioMilestoneRow;

typedef struct PortfolioScanVisitor {
   void (*answer)(int64_t review_id, const char *question_id, bool not_applicable, void *ctx);
   /* A choice of the answer handed over last: selected, else marked N/A. */
   void (*choice)(const char *choice_id, bool selected, void *ctx);
   /* Plan tracking; status as stored, due NULL when unset. */
   void (*track)(int64_t review_id, const char *question_id, const char *choice_id,
                 const char *status, const char *due, void *ctx);
   void (*milestone)(const PortfolioMilestoneRow *m, void *ctx);
   void (*change)(int64_t review_id, const char *at, const char *by, void *ctx);
   void *ctx;
} PortfolioScanVisitor;

/* Four queries in one read transaction, whatever the number of reviews. */
StoreStatus Store_scanPortfolio(Store *s, const PortfolioScanVisitor *v);
/* ---- The facilitated workshop (issue 13): lead, agenda, parking lot, polls.
 * These rows add no history (Store_changedElsewhere does not see them):
 * sessions read them on their tick.  Only the answer a poll's acceptance
 * writes goes into the history. */

/* Who leads a workload's session and where the leader is. */
typedef struct SessionLead {
   char *user;
   long pid; /* the leading TUI process; 0: taken from the shell */
   char *since;
   char *screen, *question; /* where the leader is; either may be NULL */
   int scroll;              /* lines scrolled in the question's text */
   char *updated_at;        /* the leader's last move */
} SessionLead;

/* STORE_NOT_FOUND (out zeroed) when nobody leads.  A lead held by a TUI
 * process that left without freeing it (no presence row and no move for a
 * minute) counts as nobody's. */
StoreStatus Store_getLead(Store *s, int64_t workload_id, SessionLead *out);
/* Takes the lead for user (process pid, 0 from the shell).  When someone
 * else leads: take false refuses with STORE_EXISTS and a message naming the
 * leader; take true takes it over (taking it back).  The same user and pid
 * leading already: STORE_OK, nothing changes. */
StoreStatus Store_takeLead(Store *s, int64_t workload_id, const char *user, long pid, bool take);
/* Hands the lead from `from` (who must lead: else STORE_CONFLICT) to `to`,
 * held from the shell (pid 0) until `to`'s own session moves. */
StoreStatus Store_handLead(Store *s, int64_t workload_id, const char *from, const char *to);
/* Frees the lead when user leads (pid 0 matches any process of user):
 * STORE_OK also when user did not lead, nothing written. */
StoreStatus Store_dropLead(Store *s, int64_t workload_id, const char *user, long pid);
/* Records where the leader is; STORE_CONFLICT when user (pid) no longer
 * leads.  A lead handed over from the shell is claimed by the new leader's
 * first move (pid 0 becomes pid). */
StoreStatus Store_moveLead(Store *s, int64_t workload_id, const char *user, long pid,
                           const char *screen, const char *question, int scroll);
void SessionLead_free(SessionLead *l);

/* One item of an agenda. */
typedef struct AgendaItem {
   char *kind;      /* "phase", "pillar", "cell", "questions" */
   char *target;    /* a phase id, a pillar id, "PHASE/PILLAR", or question ids
                    separated by blanks */
   char *title;     /* or NULL */
   int minutes;     /* 1 to 1440 */
   int64_t spent_s; /* time closed on it, the running clock not included */
} AgendaItem;

typedef struct Agenda {
   AgendaItem *items;
   size_t n;
   long current;     /* index of the current item, -1 before the first */
   char *started_at; /* when the current item's clock started; NULL: stopped */
   char *set_at, *set_by;
} Agenda;

/* Replaces the agenda (stopped, before its first item).  Items are checked
 * for kind, target and minutes (STORE_INVALID, nothing written); the store
 * does not know the lens: the caller checks targets against it. */
StoreStatus Store_setAgenda(Store *s, int64_t workload_id, const AgendaItem *items, size_t n,
                            const char *user);
/* Appends one item (checked like Store_setAgenda's) and keeps the rest as
 * it is: a running agenda keeps its clock, its current item and the time
 * spent on each item.  Sets an empty, stopped agenda first when none was. */
StoreStatus Store_addAgendaItem(Store *s, int64_t workload_id, const AgendaItem *item,
                                const char *user);
/* Store_setAgenda with the items an agenda file gave (core/agendafile.h):
 * the one conversion the CLI and the TUI share.  *minutes gets their planned
 * total. */
struct AgendaFileItem;
StoreStatus Store_setAgendaFile(Store *s, int64_t workload_id, const struct AgendaFileItem *items,
                                size_t n, const char *user, int *minutes);
/* An empty agenda (n 0, current -1) when none was set. */
StoreStatus Store_getAgenda(Store *s, int64_t workload_id, Agenda *out);
/* Stops the running clock (its time added to its item) and starts item
 * index's; index -1 or n stops the agenda.  STORE_INVALID out of range,
 * STORE_NOT_FOUND with no agenda. */
StoreStatus Store_agendaGo(Store *s, int64_t workload_id, long index, const char *user);
/* Seconds spent on item i at `now` (the running clock included). */
int64_t Agenda_spent(const Agenda *a, size_t i, const char *now);
void Agenda_free(Agenda *a);

/* A point parked for later. */
typedef struct Parked {
   int64_t id;
   char *user, *at;
   char *question_id; /* where it came from, or NULL */
   char *text;
   char *state; /* "open", "closed", "planned" */
   char *closed_by, *closed_at;
   char *word;                        /* the closing word, or NULL */
   char *plan_question, *plan_choice; /* the plan item it became, or NULL */
} Parked;

StoreStatus Store_park(Store *s, int64_t workload_id, const char *user, const char *question_id,
                       const char *text, int64_t *id);
/* Oldest first. */
StoreStatus Store_listParked(Store *s, int64_t workload_id, Parked **out, size_t *n);
/* Closes an open point with a word (NULL or "" for none), or links it to a
 * plan item (plan_question and plan_choice set: state "planned").
 * STORE_NOT_FOUND for no such point of the workload, STORE_CONFLICT when it
 * is no longer open. */
StoreStatus Store_closeParked(Store *s, int64_t workload_id, int64_t id, const char *word,
                              const char *plan_question, const char *plan_choice, const char *user);
void Parked_freeArray(Parked *a, size_t n);

typedef struct Ballot {
   char *user, *cast_at;
   char **choices; /* practice ids, as cast */
   size_t n;
} Ballot;

typedef struct Poll {
   int64_t id;
   char *question_id, *opened_by, *opened_at;
   char *state; /* "open", "revealed", "accepted", "closed" */
   char *closed_by, *closed_at;
   Ballot *ballots; /* by user */
   size_t n_ballots;
} Poll;

/* Opens a poll on a question: STORE_EXISTS (naming the question) while
 * another poll of the review is open or revealed. */
StoreStatus Store_openPoll(Store *s, int64_t review_id, const char *question_id, const char *user,
                           int64_t *id);
/* The review's open or revealed poll with its ballots; STORE_NOT_FOUND
 * (out zeroed) when none. */
StoreStatus Store_runningPoll(Store *s, int64_t review_id, Poll *out);
/* Every poll of the review, oldest first, with ballots. */
StoreStatus Store_listPolls(Store *s, int64_t review_id, Poll **out, size_t *n);
/* Casts (or replaces) user's ballot: STORE_NOT_FOUND when no poll of the
 * review is open, STORE_CONFLICT when it is open on another question or
 * already revealed.  The ids are not checked against the lens here. */
StoreStatus Store_vote(Store *s, int64_t review_id, const char *question_id, const char *user,
                       char *const *choices, size_t n);
/* Open to revealed: no more ballots. */
StoreStatus Store_revealPoll(Store *s, int64_t review_id, const char *question_id,
                             const char *user);
/* Ends the running poll on question want->question_id: merges the change
 * from base (the answer the leader saw; NULL: none) to want into the answer
 * as an intent (Store_mergeAnswer: what others changed meanwhile stays),
 * its history row's after state carrying the members of extra (a JSON
 * object text: where it came from, the tally), and marks the poll
 * accepted, all in one transaction.  A part that clashes with someone
 * else's change writes nothing at all: STORE_CONFLICT, the poll still
 * running, out->clashes and out->message (also Store_lastError) naming it.
 * out is always set (StoreMerge_free). */
StoreStatus Store_acceptPoll(Store *s, int64_t review_id, const StoredAnswer *base,
                             const StoredAnswer *want, const char *user, const char *extra,
                             StoreMerge *out);
/* Ends the running poll without writing an answer. */
StoreStatus Store_closePoll(Store *s, int64_t review_id, const char *user);
void Poll_free(Poll *p);
void Poll_freeArray(Poll *a, size_t n);

#endif
