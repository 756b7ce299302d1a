/* screens.h: what every screen module offers the loop and the action table.
 * Drawing functions draw into stdscr between lines top and top+height-1 and
 * never refresh; actions never draw. */
#ifndef WALENS_TUI_SCREENS_H
#define WALENS_TUI_SCREENS_H

#include <curses.h>

#include "tui/app.h"
#include "tui/lib/layout.h"

/* What a screen offers the loop and the shared state: its line of
 * screenlist.h (see there for each hook; any may be NULL). */
typedef struct ScreenOps {
   const char *id;    /* --list-keys, the man page */
   const char *name;  /* untranslated: Screens_name() translates */
   const char *title; /* the man page's section title */
   void (*draw)(App *app, int top, int height);
   Stale (*nav)(App *app, Move m);
   Stale (*open)(App *app);
   /* A click (button 1) at y,x of the screen; NULL ignores the mouse. */
   Stale (*click)(App *app, int y, int x, bool again);
   void (*shown)(App *app);
   void (*reload)(App *app, bool opened);
   void (*free)(App *app);
} ScreenOps;

/* screens.c: the table made from screenlist.h. */
const ScreenOps *Screens_ops(ScreenId s);
const char *Screens_id(ScreenId s);
const char *Screens_name(ScreenId s); /* translated */
const char *Screens_title(ScreenId s);
/* Runs every screen's hook: shown for s, reload or free for all. */
void Screens_shown(App *app, ScreenId s);
void Screens_reload(App *app, bool opened);
void Screens_free(App *app);

/* chrome.c: the top bar, the footer and the too-small notice. */
void Chrome_header(App *app);
void Chrome_footer(App *app);
void Chrome_tooSmall(App *app);
/* A "(risk glyph) word" pair at y,x; returns columns drawn. */
int Chrome_risk(App *app, int y, int x, int width, Risk r, bool word);
/* "changed by bob · 4 min ago" for a stored answer, or "not answered yet".
 * Caller frees. */
char *Chrome_changedBy(const App *app, const StoredAnswer *s);

/* workloads.c */
void Workloads_draw(App *app, int top, int height);
Stale Workloads_move(App *app, Move m);
Stale Workloads_open(App *app);
Stale Workloads_click(App *app, int y, int x, bool again);
Stale Workloads_create(App *app, const char *arg);
/* contextq.c: a profile's context questions.  ContextQ_offer: the profiles
 * for the open review's lens (STALE_NONE when there is none), then their
 * questions; ContextQ_action (:profile [FILE|KEY]): the workload's profile
 * asked again, or another one. */
Stale ContextQ_offer(App *app);
Stale ContextQ_action(App *app, const char *arg);

/* templates.c: :template create NAME (the open workload's answers become
 * a template) and :template apply NAME (a page of what the newest revision
 * changes, then y/n before writing), by the CLI's rules. */
Stale Templates_action(App *app, const char *arg);
Stale Workloads_rename(App *app, const char *arg);
Stale Workloads_archive(App *app, const char *arg);
Stale Workloads_toggleArchived(App *app, const char *arg);
Stale Workloads_show(App *app, const char *arg);

/* dashboard.c: the matrix of the review now, or, through a Dash, of a
 * milestone (milestonedash.c). */
typedef struct Dash {
   App *app;
   const Matrix *m;
   const Snapshot *snap; /* the milestone, or NULL for the review now */
   size_t *row, *col, *first_row, *first_col;
} Dash;
void Dashboard_draw(App *app, int top, int height);
Stale Dashboard_move(App *app, Move m);
Stale Dashboard_open(App *app);
Stale Dashboard_click(App *app, int y, int x, bool again);
Stale Dashboard_allQuestions(App *app, const char *arg);
void Dashboard_drawDash(const Dash *d, int top);
Stale Dashboard_moveDash(const Dash *d, Move m);
Stale Dashboard_openDash(const Dash *d);
Stale Dashboard_clickDash(const Dash *d, int y, int x, bool again);

/* milestonedash.c: a milestone's dashboard, read-only (SCREEN_SNAPSHOT). */
/* Opens the milestone called name on it; a message when it cannot. */
Stale MilestoneDash_enter(App *app, const char *name);
void MilestoneDash_draw(App *app, int top, int height);
Stale MilestoneDash_move(App *app, Move m);
Stale MilestoneDash_open(App *app);
Stale MilestoneDash_click(App *app, int y, int x, bool again);
void MilestoneDash_close(App *app);
/* Lists the milestone's questions of a cell on the pager. */
Stale MilestoneDash_openCell(App *app, size_t row, size_t col);

/* list.c: the question list */
void List_draw(App *app, int top, int height);
Stale List_move(App *app, Move m);
Stale List_open(App *app);
Stale List_click(App *app, int y, int x, bool again);
/* Rebuilds app->list for app->scope and the dashboard cursor. */
void List_refill(App *app);
void List_reload(App *app, bool opened);

/* question.c */
void Question_draw(App *app, int top, int height);
/* Drops what Question_draw keeps between frames (the lens goes away). */
void Question_forget(App *app);
/* Opens question q on the question screen, with its cell's list below it
 * so that Esc leads back through the cell to the dashboard. */
void Question_openAt(App *app, size_t q);
Stale Question_move(App *app, Move m);
Stale Question_click(App *app, int y, int x, bool again);
Stale Question_toggle(App *app, const char *arg);
Stale Question_toggleNumber(App *app, const char *arg);
Stale Question_next(App *app, const char *arg);
Stale Question_prev(App *app, const char *arg);
Stale Question_notApplicable(App *app, const char *arg);
Stale Question_choiceNotApplicable(App *app, const char *arg);
Stale Question_details(App *app, const char *arg);
Stale Question_scrollDescription(App *app, const char *arg);
Stale Question_scrollDescriptionUp(App *app, const char *arg);
Stale Question_edit(App *app, const char *arg);
/* Edits the notes (evidence) of the practice under the cursor. */
Stale Question_editChoice(App *app, const char *arg);
Stale Question_editExternal(App *app, const char *arg);
Stale Question_discardDraft(App *app, const char *arg);
Stale Question_goto(App *app, const char *arg);

/* editor.c: the notes editor */
void Editor_draw(App *app, int top, int height);
/* Opens the editor on question q's notes (or on text when not NULL). */
void Editor_open(App *app, size_t q, const char *text);
/* Opens the editor on the notes of practice c of question q (or its draft). */
void Editor_openChoice(App *app, size_t q, size_t c);
/* The key the editor's text is kept under as a draft (caller frees):
 * the question id, or "QUESTION#CHOICE" for a practice's notes. */
char *Editor_draftKey(const App *app);
/* Opens the editor on text whose edit started from base (a resumed draft,
 * a text holding two versions): saving merges against base. */
void Editor_openFrom(App *app, size_t q, const char *text, const char *base);
Stale Editor_key(App *app, int key); /* a text key */
Stale Editor_move(App *app, Move m);
Stale Editor_save(App *app, const char *arg);
Stale Editor_close(App *app, const char *arg);
Stale Editor_external(App *app, const char *arg);
Stale Editor_backspace(App *app, const char *arg);
Stale Editor_delete(App *app, const char *arg);
Stale Editor_newline(App *app, const char *arg);
/* Runs $VISUAL / $EDITOR on text; *out gets the result (caller frees).
 * False with a message when the editor failed. */
bool Editor_runExternal(App *app, const char *text, char **out);
void Editor_placeCursor(App *app, int top, int height);

/* help.c */
void Help_draw(App *app, int top, int height);
Stale Help_move(App *app, Move m);
Stale Help_show(App *app, const char *arg);

/* prompt.c: one line of input at the bottom (':' commands, '/' search,
 * names), or a single-key menu.  Prompt_open offers initial (NULL: none)
 * selected: Enter takes it, typing replaces it, a move edits it; the label
 * says what an empty answer means.  Prompt_openTyped gives back what the
 * user typed (after a refusal) to go on typing, not selected. */
void Prompt_open(App *app, const char *label, const char *initial, PromptDone done);
void Prompt_openTyped(App *app, const char *label, const char *typed, PromptDone done);
void Prompt_openMenu(App *app, const char *label, const char *keys, PromptDone done);
/* Lines that explain a menu's keys, shown above it (copied). */
void Prompt_setItems(App *app, const char *const *items, size_t n);
void Prompt_close(App *app);
/* Shows why the last answer was refused before the label (the prompt keeps
 * what was typed); cleared by the next edit. */
void Prompt_setError(App *app, const char *msg);
void Prompt_draw(App *app, int y);
Stale Prompt_key(App *app, int key); /* a text key, or any key of a menu */
Stale Prompt_move(App *app, Move m);
Stale Prompt_accept(App *app, const char *arg);
Stale Prompt_cancel(App *app, const char *arg);
Stale Prompt_backspace(App *app, const char *arg);
Stale Prompt_delete(App *app, const char *arg);
Stale Prompt_clear(App *app, const char *arg);
/* What Tab completes in the open prompt: PROMPT_COMPLETE_PATH or _COMMAND. */
void Prompt_setComplete(App *app, int kind);
Stale Prompt_complete(App *app, const char *arg);

/* roster.c: who is here. */
/* The screen's name as presence stores it ("question", "plan", ...). */
const char *Roster_screenId(ScreenId s);
Stale Roster_show(App *app, const char *arg);
void Roster_draw(App *app, int top, int height);
Stale Roster_move(App *app, Move m);
/* People on the open workload, this session included. */
size_t Roster_hereCount(const App *app);

/* undo.c: this session's own changes, undone newest first. */
/* Remembers a change this session wrote (its history row) on screen
 * (SCREEN_QUESTION or SCREEN_PLAN) to question. */
void Undo_push(App *app, int64_t history_id, ScreenId screen, const char *question);
/* u: reverts the newest remembered change of this screen (of the question
 * shown, on the question screen), merged like any write. */
Stale Undo_last(App *app, const char *arg);
void Undo_free(App *app);

/* mergeview.c: notes changed on the same lines by two people. */
/* On the input tick: while notes are being edited and differ from what was
 * stored, the text is saved as a draft (with its base) every few seconds,
 * so that even a kill -9 loses little and a resumed draft merges. */
Stale Loop_autosaveDraft(App *app, double now);
/* Shows yours against the stored text res names (res->notes_theirs). */
void MergeView_open(App *app, size_t q, const char *yours, const StoreMerge *res);
Stale MergeView_keepYours(App *app, const char *arg);
Stale MergeView_takeTheirs(App *app, const char *arg);
Stale MergeView_keepBoth(App *app, const char *arg);
Stale MergeView_edit(App *app, const char *arg);
Stale MergeView_later(App *app, const char *arg);
/* Releases the view's texts (on leaving walens). */
void MergeView_free(App *app);

/* pager.c: a page of text on SCREEN_PAGER or SCREEN_UPGRADE. */
void Pager_begin(App *app, const char *title);
void Pager_add(App *app, Role role, int indent, const char *fmt, ...)
   __attribute__((format(printf, 4, 5)));
/* A line of foreign text as it is (no format). */
void Pager_addText(App *app, Role role, int indent, const char *text);
/* Pushes screen s (SCREEN_PAGER or SCREEN_UPGRADE) unless it is on top. */
void Pager_show(App *app, ScreenId s);
void Pager_clear(App *app);
void Pager_draw(App *app, int top, int height);
Stale Pager_move(App *app, Move m);

/* planview.c: the improvement plan. */
/* Hooks: the plan is read at once when the review opens; after a change
 * it is read when a screen that shows it (the dashboard's counts, the
 * plan) is on top, since a toggle on the question screen need not pay. */
void PlanView_reload(App *app, bool opened);
void PlanView_settle(App *app);
void PlanView_free(App *app);
/* The item under the cursor, or NULL. */
const PlanItem *PlanView_current(const App *app);
/* Re-reads the plan, the cursor kept on its item (after an edit). */
void PlanView_refresh(App *app);
/* Active items by status, and how many of them are overdue. */
void PlanView_counts(const App *app, size_t by_status[PLAN_STATUS_COUNT], size_t *overdue);
void PlanView_draw(App *app, int top, int height);
Stale PlanView_move(App *app, Move m);
Stale PlanView_open(App *app);
Stale PlanView_click(App *app, int y, int x, bool again);
Stale PlanView_show(App *app, const char *arg);
/* planedit.c: editing the tracking of the item under the cursor. */
Stale PlanEdit_setStatus(App *app, const char *arg);
Stale PlanEdit_setOwner(App *app, const char *arg);
Stale PlanEdit_setDue(App *app, const char *arg);
Stale PlanEdit_setNote(App *app, const char *arg);
Stale PlanEdit_setPriority(App *app, const char *arg);
/* Impact and effort: a one-key menu (l, m, h, - for none), or :plan-impact high. */
Stale PlanEdit_setImpact(App *app, const char *arg);
Stale PlanEdit_setEffort(App *app, const char *arg);
/* The impact x effort grid in place of the list, and back. */
Stale PlanView_toggleGrid(App *app, const char *arg);
/* The quick-wins order (high impact, low effort first) at once. */
Stale PlanView_quickWins(App *app, const char *arg);
Stale PlanView_gotoQuestion(App *app, const char *arg);
Stale PlanView_filter(App *app, const char *arg);
Stale PlanView_sort(App *app, const char *arg);
Stale PlanView_toggleInactive(App *app, const char *arg);

/* milestones.c: milestones, trends, diffs, and a milestone's dashboard. */
void Milestones_free(App *app);
void Milestones_reload(App *app, bool opened);
/* Leaving the screen: the review now need not be frozen any more. */
void Milestones_leave(App *app);
void Milestones_draw(App *app, int top, int height);
Stale Milestones_move(App *app, Move m);
Stale Milestones_open(App *app);
Stale Milestones_click(App *app, int y, int x, bool again);
Stale Milestones_show(App *app, const char *arg);
Stale Milestones_add(App *app, const char *arg);
Stale Milestones_mark(App *app, const char *arg);
Stale Milestones_diff(App *app, const char *arg);
Stale Milestones_groups(App *app, const char *arg);

/* history.c */
Stale History_show(App *app, const char *arg);
/* B on the history: the notes as a change left them, as a new change. */
Stale History_restore(App *app, const char *arg);
/* The review closes: the history's restore base goes. */
void History_free(App *app);
/* One change as the history shows it: "2026-11-28 10:00  alice: ...".
 * Caller frees. */
char *History_line(const HistoryEntry *e);

/* Hooks: look for a newer lens once per open; drop it on close. */
void Upgrade_reload(App *app, bool opened);
void Upgrade_free(App *app);
Stale Upgrade_preview(App *app, const char *arg);
Stale Upgrade_confirm(App *app, const char *arg);
Stale Upgrade_confirmReview(App *app, const char *arg);
/* Questions of the open review marked for re-review. */
size_t Upgrade_marked(const App *app);

/* writereport.c: the report key. */
Stale WriteReport_start(App *app, const char *arg);

/* search.c */
Stale Search_start(App *app, const char *arg);
Stale Search_next(App *app, const char *arg);
Stale Search_prev(App *app, const char *arg);
Stale Search_cycleFilter(App *app, const char *arg);

/* loop.c: generic actions */
Stale Loop_back(App *app, const char *arg);
Stale Loop_quit(App *app, const char *arg);
Stale Loop_command(App *app, const char *arg);
Stale Loop_redraw(App *app, const char *arg);
Stale Loop_mouse(App *app, const char *arg);
Stale Loop_moveUp(App *app, const char *arg);
Stale Loop_moveDown(App *app, const char *arg);
Stale Loop_moveLeft(App *app, const char *arg);
Stale Loop_moveRight(App *app, const char *arg);
Stale Loop_pageUp(App *app, const char *arg);
Stale Loop_pageDown(App *app, const char *arg);
Stale Loop_first(App *app, const char *arg);
Stale Loop_last(App *app, const char *arg);
Stale Loop_open(App *app, const char *arg);

/* parklot.c: the workshop's parking lot (issue 13). */
/* Anyone while nobody leads the workload's session, else only its leader;
 * false after a message saying who leads (what: "open a poll"). */
bool Workshop_mayLead(App *app, const char *what);
Stale ParkLot_park(App *app, const char *arg);
Stale ParkLot_show(App *app, const char *arg);
/* On the input tick: the list read again (once a second) while it is on top. */
Stale ParkLot_tick(App *app, double now);
void ParkLot_draw(App *app, int top, int height);
Stale ParkLot_move(App *app, Move m);
Stale ParkLot_open(App *app);
void ParkLot_free(App *app);

/* pollview.c: the silent poll (issue 13). */
/* On the input tick: the running poll read about once a second. */
Stale PollView_tick(App *app, double now);
/* "poll: 2 of 3 voted" for the header, or NULL (caller frees). */
char *PollView_header(App *app);
Stale PollView_start(App *app, const char *arg);
Stale PollView_toggle(App *app, const char *arg);
Stale PollView_close(App *app, const char *arg);
void PollView_draw(App *app, int top, int height);
Stale PollView_move(App *app, Move m);
Stale PollView_open(App *app);
void PollView_free(App *app);

/* recapview.c: the recap on the pager; offered to the leader on quitting. */
Stale RecapView_show(App *app, const char *arg);
/* True when it opened the offer (the quit waits for the answer). */
bool RecapView_offerOnQuit(App *app);

/* portview.c: the portfolio matrix of the workloads screen and the
 * workloads at risk in one of its cells. */
void PortView_draw(App *app, int top, int height);
Stale PortView_move(App *app, Move m);
Stale PortView_open(App *app);
void PortView_shown(App *app);
Stale PortView_toggle(App *app, const char *arg);
Stale PortView_nextLens(App *app, const char *arg);
Stale PortView_toggleArchived(App *app, const char *arg);
void PortView_cellDraw(App *app, int top, int height);
Stale PortView_cellMove(App *app, Move m);
Stale PortView_cellOpen(App *app);

/* clashes.c: the clashes of a bundle merged back (import --into) that wait
 * for a decision; take is a BundleTake (report/bundle.h). */
Stale Clashes_show(App *app, const char *arg);
void Clashes_draw(App *app, int top, int height);
Stale Clashes_move(App *app, Move m);
Stale Clashes_open(App *app);
Stale Clashes_take(App *app, int take);
Stale Clashes_edit(App *app, const char *arg);
void Clashes_reload(App *app, bool opened);
void Clashes_free(App *app);

#endif
