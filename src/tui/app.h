/* app.h: the state of one interactive session, shared by the TUI's modules.
 *
 * The App owns everything it points to except opts (borrowed from the
 * caller of Tui_run).  Actions change it and return what became stale;
 * only the loop draws. */
#ifndef WALENS_TUI_APP_H
#define WALENS_TUI_APP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/plan.h"
#include "core/review.h"
#include "core/snapshot.h"
#include "store/plan.h"
#include "store/profiledoc.h"
#include "store/reviewdoc.h"
#include "store/store.h"
#include "store/upgrade.h"
#include "tui/lib/edbuf.h"
#include "tui/input.h"
#include "tui/screenlist.h"
#include "tui/lib/planfilter.h"
#include "tui/theme.h"
#include "tui/tui.h"

/* SCREEN_WORKLOADS ... SCREEN_PROMPT, from the one list in screenlist.h;
 * SCREEN_PROMPT is never on the stack: it names the keys of an open prompt. */
#define SCREEN_ENUM(ID, ...) SCREEN_##ID,
typedef enum { SCREEN_INFO(SCREEN_ENUM) SCREEN_COUNT } ScreenId;
#undef SCREEN_ENUM

#define SCREEN_BIT(s) (1u << (s))

/* What an action made stale; the loop redraws those parts. */
typedef unsigned Stale;
enum {
   STALE_NONE = 0,
   STALE_HEADER = 1 << 0,
   STALE_BODY = 1 << 1,
   STALE_FOOTER = 1 << 2,
   STALE_ALL = STALE_HEADER | STALE_BODY | STALE_FOOTER,
   STALE_REPAINT = 1 << 3, /* the terminal itself is suspect (resize, $EDITOR) */
};

typedef enum {
   FILTER_ALL,
   FILTER_UNANSWERED,
   FILTER_HIGH,
   FILTER_MEDIUM,
   FILTER_PRIORITY, /* the priority questions of the workload's profile */
   FILTER_COUNT
} Filter;

/* Which questions the list screen shows. */
typedef enum { LIST_CELL, LIST_ROW, LIST_COLUMN, LIST_ALL } ListScope;

typedef struct WorkloadRow {
   Workload w;
   /* "name version", or NULL when the lens could not be read; borrowed from
    * the App's wl_labels (one copy per lens, not per row) */
   const char *lens;
   RiskCounts counts;       /* valid when lens != NULL */
   char *last_at, *last_by; /* the review's newest change (ReviewDoc_summaries) */
   /* w holds id, review_id, lens_id, name and archived; w.updated_at and
    * w.updated_by only when its counts were read again (they are last_at
    * and last_by otherwise). */
} WorkloadRow;

typedef struct App App;
/* Called when a prompt closes: text is what was typed, NULL when cancelled. */
typedef Stale (*PromptDone)(App *app, const char *text);

typedef struct Prompt {
   bool active;
   bool menu;    /* a single key answers: one of keys */
   char *label;  /* owned */
   char *keys;   /* owned; menu only */
   char **items; /* owned; menu only: lines shown above the prompt */
   size_t n_items;
   EdBuf line;
   /* The text offered at the start is selected: the first character typed
    * replaces it, Backspace or Delete removes it, a move keeps it to edit. */
   bool selected;
   PromptDone done;
   char *error;  /* owned: why the last answer was refused, shown before the label */
   int complete; /* what Tab completes: PROMPT_COMPLETE_... */
} Prompt;

enum { PROMPT_COMPLETE_NONE, PROMPT_COMPLETE_PATH, PROMPT_COMPLETE_COMMAND };

typedef struct Editor {
   EdBuf buf;
   size_t q;             /* the question whose notes these are */
   int choice;           /* -1, else the practice of q whose own notes these are */
   int64_t base_version; /* the answer's version when editing began */
   char *base_notes;     /* owned: the notes the edit started from (merged against on save) */
   int first_row;        /* scroll */
   int width;            /* text width of the last layout */
} Editor;

/* A workload being created, one prompt at a time. */
typedef struct NewWorkload {
   char *name, *description, *environment;
   char *lens; /* the key chosen from the catalog, or NULL: --lens or the default */
} NewWorkload;

/* A page of text: every line is foreign text, drawn through Text_draw. */
typedef struct PagerLine {
   char *text; /* owned */
   Role role;
   int indent;
} PagerLine;

typedef struct Pager {
   char *title; /* owned */
   PagerLine *lines;
   size_t n, cap;
   size_t first; /* first wrapped line shown; the draw clamps it */
   int rows;     /* wrapped lines the last draw had room for */
} Pager;

/* Which field of a plan item a prompt is editing. */
typedef enum {
   PLAN_FIELD_STATUS,
   PLAN_FIELD_OWNER,
   PLAN_FIELD_DUE,
   PLAN_FIELD_NOTE,
   PLAN_FIELD_PRIORITY,
   PLAN_FIELD_IMPACT,
   PLAN_FIELD_EFFORT
} PlanField;

/* The improvement plan of the open review, kept current while it is open
 * (the dashboard counts it, the plan screen lists it). */
typedef struct PlanView {
   bool loaded;
   Plan plan;
   char today[11]; /* YYYY-MM-DD by the store's clock: overdue */
   PlanFilter filter;
   PlanSort sort;
   bool hide_inactive;               /* items no longer in the plan (resolved ...) */
   size_t *rows, n_rows, cur, first; /* indexes into plan.items, shown */
   /* The item a prompt is editing, by key, and its version when it began:
    * a change made meanwhile is refused, as for notes. */
   char *edit_q, *edit_c;
   int64_t edit_version;
   PlanField edit_field;
   PlanTrack edit_base;  /* the item as the prompt showed it: the merge's base */
   PlanLevel edit_level; /* the impact or effort chosen (PLAN_FIELD_IMPACT, _EFFORT) */
   bool grid;            /* the impact x effort grid instead of the list */
} PlanView;

/* The review's milestones (parsed), and the review now for the trend. */
typedef struct MilestonesView {
   bool loaded;
   bool light;        /* ms[].snap holds the totals alone (the dashboard's trend) */
   MilestoneSnap *ms; /* oldest first */
   size_t n;
   int64_t last_id; /* newest milestone's id: reload only when it changes */
   bool have_now;
   Snapshot now;      /* while the milestones screen is open */
   size_t cur, first; /* cur == n: the "now" row */
   bool marked;       /* a milestone is marked as the start of a diff */
   size_t mark;
   bool by_phase; /* the small trends by phase, not by pillar */
} MilestonesView;

/* A milestone opened on a dashboard of its own, read-only. */
typedef struct SnapView {
   bool active;
   MilestoneSnap ms;
   Matrix matrix; /* from the snapshot's risks, not recomputed */
   size_t row, col, first_row, first_col;
} SnapView;

struct App {
   const TuiOptions *opts;
   Store *store;
   Theme theme;
   char *db_key; /* for drafts */
   bool read_only, mouse;
   int cols, lines;
   time_t now; /* refreshed every pass, for "4 min ago" */

   ScreenId stack[8];
   size_t depth;

   /* workloads */
   WorkloadRow *wl;
   size_t n_wl, wl_cur, wl_first;
   /* The first page only (App_loadWorkloadsFirst): wl_total rows in all, the
    * loop reads the rest once the first frame is out. */
   bool wl_partial;
   char **wl_labels; /* the rows' lens labels, each once; freed with the rows */
   size_t n_wl_labels, cap_wl_labels;
   size_t wl_total;
   size_t wl_name_hint; /* while partial: the longest name, in characters (with "(archived)") */
   bool show_archived;
   /* Another process committed while a screen above the list was shown: the
    * list read before may be behind (App_backToWorkloads). */
   bool wl_behind;
   NewWorkload creating;

   /* the open review */
   bool have_doc;
   bool plan_stale;              /* answers changed; the plan reloads when a screen shows it */
   struct QuestionWraps *qwraps; /* owned (question.c); Question_forget() frees it */
   unsigned hist_gen;            /* bumped when answers or plan tracking are read again */
   ReviewDoc doc;
   ProfileDoc profile; /* the workload's profile and priority marks; empty without one */
   Matrix matrix;
   size_t *order;   /* review order: lens question indexes */
   size_t *rank;    /* rank[q]: q's position in order */
   size_t row, col; /* dashboard cursor; row == rows / col == cols: the totals */
   size_t first_row, first_col;
   Filter filter;

   /* question list */
   ListScope scope;
   size_t *list, n_list, list_cur, list_first;

   /* question */
   size_t q, choice;
   size_t desc_first; /* first description line shown */
   bool details;
   size_t choices_first;
   int choices_y, choices_h; /* where the last draw put the choices (for clicks) */
   int desc_h;               /* description lines the last draw showed */

   PlanView pv;
   MilestonesView mv;
   SnapView sv;
   Pager pager;
   /* A newer version of the review's lens, looked for once per open. */
   bool have_upgrade;
   LensCandidate upgrade;
   /* The report being written: path and scope, between prompts. */
   char *report_path;
   bool report_plan_only;
   int report_format; /* a ReportFormat */

   Editor ed;
   struct MergeView *merge; /* owned by mergeview.c while SCREEN_MERGE is open */
   double draft_due;        /* monotonic time of the next draft autosave; 0: none due */
   struct UndoStack *undo;  /* this session's own changes, newest last (undo.c) */
   double last_key_at;      /* monotonic time of the last key, for idle times */
   size_t roster_first;     /* the roster's scroll (roster.c) */
   size_t hist_q;           /* the question SCREEN_HISTORY shows (history.c) */
   char *hist_base;         /* owned: its notes when shown: a restore's merge base */
   Prompt prompt;
   char *search; /* the last search, or NULL */
   size_t help_first;

   char *msg; /* message in the footer until the next key, or NULL */
   Role msg_role;
   int msg_rows; /* lines the message took when last drawn: more than one
                    when it was wrapped over the body's last lines */

   Presence *others;
   size_t n_others;
   double next_heartbeat, next_presence, next_poll; /* monotonic seconds */
   char *where;             /* workload and question of the last heartbeat */
   bool reload_pending;     /* another process committed; not reloaded yet */
   double next_list_reload; /* the workloads list is costly: not too often */

   InputDecoder input;
   int last_key; /* the key being dispatched (toggle-number reads it) */
   bool quit;
   int status;
   struct LeadState *lead; /* owned (lead.c): lead, following, the agenda's clock */
};

/* Screen stack. */
ScreenId App_screen(const App *app);
void App_push(App *app, ScreenId s);
void App_pop(App *app);
/* The screen under the help screen or the prompt: what help describes. */
ScreenId App_baseScreen(const App *app);

/* The footer message (formatted, translated by the caller). */
void App_message(App *app, Role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void App_clearMessage(App *app);

/* Refuses a change in read-only mode with a message; true when refused. */
bool App_refuseReadOnly(App *app);

/* Workloads. */
void App_loadWorkloads(App *app);
/* The list's first `rows` rows only, when it has more (wl_partial): what a
 * first frame shows, before App_loadWorkloads reads them all. */
void App_loadWorkloadsFirst(App *app, size_t rows);
void App_freeWorkloads(App *app);
/* Reads workload `id`'s row of the list again, in place, the other rows
 * kept.  False, the list untouched, when the row is not in the list (or
 * only its first page is read), is gone, or was renamed or archived (its
 * place changed): then the whole list must be read. */
bool App_refreshWorkloadRow(App *app, int64_t id);
/* Closes the open workload and shows the list again: a list already read
 * keeps its rows and reads the one just left again (App_refreshWorkloadRow);
 * changes others committed meanwhile come with the refresh tick
 * (reload_pending).  Otherwise the whole list is read.  The cursor stays on
 * the workload left. */
void App_backToWorkloads(App *app);
/* Our own write changed other workloads than the open one (a template
 * applied): the list is read again, at the next tick when it is shown,
 * otherwise on the way back to it. */
void App_listBehind(App *app);
/* Opens the workload's review and its dashboard; false with a message. */
bool App_openWorkload(App *app, const char *name, char **err);
void App_closeWorkload(App *app);

/* After answers changed: rebuild the matrix and the list. */
void App_rebuild(App *app);
/* Another process committed: reload what is on screen. */
Stale App_reload(App *app);

Risk App_risk(const App *app, size_t q);
bool App_filterMatch(const App *app, size_t q);
/* (Re)reads the open workload's profile and its priority marks; a
 * profile that no longer loads leaves none and says so. */
void App_loadProfile(App *app);
const char *App_filterName(Filter f);
/* The questions of a scope, in review order, filtered; *out allocated. */
size_t App_collect(const App *app, ListScope scope, size_t row, size_t col, size_t **out);

/* Writes question q's answer (and notes unless NULL) at once.  On
 * STORE_CONFLICT the doc holds the other writer's version and the message says
 * so.  Returns the store's status. */
StoreStatus App_putAnswer(App *app, size_t q, const Answer *a, const char *notes);
/* App_putAnswer that also sets the short text beside the not-applicable
 * reason (ReviewDoc_mergeAnswerNa: NULL keeps it, "" removes it). */
StoreStatus App_putAnswerNa(App *app, size_t q, const Answer *a, const char *notes,
                            const char *na_note);
/* A copy of question q's current answer (caller frees .choices). */
void App_copyAnswer(const App *app, size_t q, Answer *out);

/* Persists what the editor holds as a draft (hang-up, signals). */
void App_saveDraft(App *app);
/* Hands the draft App_saveDraft would save now to the signal path
 * (Tui_keepRescue), or drops the one handed before: called after keys. */
void App_keepRescue(App *app);

#endif
