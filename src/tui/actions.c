/* actions.c: the table of every action (see actions.h). */
#include "config.h"

#include "tui/actions.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lead.h"
#include "report/bundle.h"
#include "tui/screens.h"
#include "tui/tui.h"

#define W SCREEN_BIT(SCREEN_WORKLOADS)
#define D SCREEN_BIT(SCREEN_DASHBOARD)
#define L SCREEN_BIT(SCREEN_LIST)
#define Q SCREEN_BIT(SCREEN_QUESTION)
#define E SCREEN_BIT(SCREEN_EDITOR)
#define H SCREEN_BIT(SCREEN_HELP)
#define P SCREEN_BIT(SCREEN_PROMPT)
#define PL SCREEN_BIT(SCREEN_PLAN)
#define MS SCREEN_BIT(SCREEN_MILESTONES)
#define SN SCREEN_BIT(SCREEN_SNAPSHOT)
#define PG SCREEN_BIT(SCREEN_PAGER)
#define UP SCREEN_BIT(SCREEN_UPGRADE)
#define MG SCREEN_BIT(SCREEN_MERGE)
#define RO SCREEN_BIT(SCREEN_ROSTER)
#define PF SCREEN_BIT(SCREEN_PORTFOLIO)
#define PC SCREEN_BIT(SCREEN_PORTCELL)
#define HI SCREEN_BIT(SCREEN_HISTORY)
#define PK SCREEN_BIT(SCREEN_PARKING)
#define PO SCREEN_BIT(SCREEN_POLL)
#define CL SCREEN_BIT(SCREEN_CLASHES)
#define BROWSE (W | D | L | Q | H | PL | MS | SN | PG | UP | MG | RO | PF | PC | HI | PK | PO | CL)
#define REVIEW (D | L | Q)
#define LISTS \
   (W | D | L | H | PL | MS | SN | PG | UP | MG | RO | PF | PC | HI | PK | PO | CL) /* what pages */

#define ENTER '\n', '\r', KFN(KEY_ENTER)

/* Actions that one key does on several screens, each in the way of its
 * screen: the key keeps one meaning ("add", "toggle", "filter"), the work
 * is the screen's. */
static Stale addNew(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_MILESTONES ? Milestones_add(app, arg)
                                               : Workloads_create(app, arg);
}

static Stale toggleMark(App *app, const char *arg)
{
   if (App_screen(app) == SCREEN_POLL)
      return PollView_toggle(app, arg);
   return App_screen(app) == SCREEN_MILESTONES ? Milestones_mark(app, arg)
                                               : Question_toggle(app, arg);
}

static Stale filterOrCycle(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_PLAN ? PlanView_filter(app, arg) : Search_cycleFilter(app, arg);
}

static Stale editNotes(App *app, const char *arg)
{
   switch (App_screen(app)) {
   case SCREEN_PLAN: return PlanEdit_setNote(app, arg);
   case SCREEN_MERGE: return MergeView_edit(app, arg);
   case SCREEN_CLASHES: return Clashes_edit(app, arg);
   default: return Question_edit(app, arg);
   }
}

/* Y, T and b decide a notes merge (mergeview.c) or an import's clash
 * (clashes.c): ours, theirs, both. */
static Stale keepOurs(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_CLASHES ? Clashes_take(app, BUNDLE_TAKE_OURS)
                                            : MergeView_keepYours(app, arg);
}

static Stale takeTheirs(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_CLASHES ? Clashes_take(app, BUNDLE_TAKE_THEIRS)
                                            : MergeView_takeTheirs(app, arg);
}

static Stale keepBoth(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_CLASHES ? Clashes_take(app, BUNDLE_TAKE_BOTH)
                                            : MergeView_keepBoth(app, arg);
}

static Stale showHidden(App *app, const char *arg)
{
   switch (App_screen(app)) {
   case SCREEN_PLAN: return PlanView_toggleInactive(app, arg);
   case SCREEN_PORTFOLIO: return PortView_toggleArchived(app, arg);
   default: return Workloads_toggleArchived(app, arg);
   }
}

/* On a question, left and right step through the questions and a page
 * scrolls the description. */
static Stale moveLeft(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_QUESTION ? Question_prev(app, arg) : Loop_moveLeft(app, arg);
}

static Stale moveRight(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_QUESTION ? Question_next(app, arg) : Loop_moveRight(app, arg);
}

static Stale pageUp(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_QUESTION ? Question_scrollDescriptionUp(app, arg)
                                             : Loop_pageUp(app, arg);
}

static Stale pageDown(App *app, const char *arg)
{
   return App_screen(app) == SCREEN_QUESTION ? Question_scrollDescription(app, arg)
                                             : Loop_pageDown(app, arg);
}

/* One key map: in browsing (every screen but the notes editor and the
 * prompt) a key means one thing wherever it works; the editor and the
 * prompt, where text keys type themselves, have their own few control keys.
 * tests/unit/test_tui_misc.c fails on a key bound to two actions.  Keys
 * follow less, htop and tig where they agree (q, /, n, N, g, G, ?, Esc);
 * a key that renames, deletes, archives or overwrites asks y/n first. */
static const Action table[] = {
   /* Everywhere but in text. */
   {"help",
    BROWSE,
    {'?', KFN(KEY_F(1))},
    Help_show,
    ACTION_FOOTER,
    N_("help"),
    N_("Show the keys of this screen")},
   {"quit", BROWSE, {'Q'}, Loop_quit, 0, NULL, N_("Quit walens")},
   {"command",
    BROWSE,
    {':'},
    Loop_command,
    0,
    NULL,
    N_("Type a command: any action's name, e.g. :filter high, :goto Q3, :quit (Tab completes)")},
   {"redraw", BROWSE | E, {KCTRL('L')}, Loop_redraw, 0, NULL, N_("Redraw the screen")},
   {"mouse", BROWSE, {0}, Loop_mouse, 0, NULL, N_("Switch mouse clicks on or off (:mouse on|off)")},
   {"who",
    BROWSE,
    {'W'},
    Roster_show,
    0,
    NULL,
    N_("Who is here: every session on this database, where it is, idle time, read-only or not")},

   {"open",
    W | D | L | PL | MS | SN | PF | PC | PK | PO | CL,
    {ENTER},
    Loop_open,
    ACTION_FOOTER,
    N_("open"),
    N_("Open what is selected: a workload, a cell (straight to its question when it has one), a "
       "question, a plan item (its improvement text and links), a milestone (its dashboard, "
       "read-only), a portfolio cell (its workloads at risk), a workload at risk (at that cell); "
       "on an import's clashes: merge the bundle with the decisions")},

   /* Going between the screens of a review. */
   {"plan",
    D,
    {'p'},
    PlanView_show,
    ACTION_FOOTER,
    N_("plan"),
    N_("The improvement plan: what to improve, who, by when")},
   {"milestones",
    D,
    {'m'},
    Milestones_show,
    ACTION_FOOTER,
    N_("milestones"),
    N_("Milestones: saved states of the review, their trend and differences")},
   {"workloads",
    D | L | Q,
    {'w'},
    Workloads_show,
    ACTION_FOOTER,
    N_("workloads"),
    N_("Go to the list of workloads")},
   {"all-questions",
    D,
    {'L'},
    Dashboard_allQuestions,
    0,
    NULL,
    N_("List every question of the lens (the filter applies)")},
   {"upgrade",
    D,
    {'U'},
    Upgrade_preview,
    0,
    NULL,
    N_("Upgrade the review to a newer version of its lens: shows what changes, then asks")},
   {"history",
    Q | PL,
    {'H'},
    History_show,
    0,
    NULL,
    N_("Who changed the question (answer, notes, plan items), when, and what")},
   {"goto", REVIEW, {0}, Question_goto, 0, NULL, N_("Open a question by its id: :goto ID")},
   {"restore-notes",
    HI,
    {'B'},
    History_restore,
    ACTION_WRITES | ACTION_FOOTER,
    N_("restore"),
    N_("Bring the notes back as they were after a change (:restore-notes N); merged like any "
       "edit")},
   {"undo",
    Q | PL,
    {'u'},
    Undo_last,
    ACTION_WRITES,
    NULL,
    N_("Undo your own most recent change here (others' changes since are kept)")},

   {"portfolio",
    W | PF | PC,
    {'M'},
    PortView_toggle,
    ACTION_FOOTER,
    N_("portfolio"),
    N_("Switch between the list of workloads and the portfolio matrix: how many workloads have a "
       "HIGH or MEDIUM risk in each cell")},
   {"profile",
    REVIEW,
    {0},
    ContextQ_action,
    ACTION_WRITES,
    NULL,
    N_("Answer the profile's context questions again, or give the workload a profile (:profile "
       "[FILE|KEY]); its priority questions are marked")},
   {"next-lens",
    PF,
    {'\t'},
    PortView_nextLens,
    ACTION_FOOTER,
    N_("next lens"),
    N_("In the portfolio matrix: show the workloads of the next lens (each lens has its own "
       "matrix)")},
   {"template",
    W | REVIEW | PL | PG,
    {0},
    Templates_action,
    0,
    NULL,
    N_("Review templates: :template create NAME makes the open workload's answers a template (or "
       "its next revision); :template apply NAME shows what its newest revision changes in the "
       "workloads made from it, then asks before it writes")},

   /* Workloads; "add", "toggle", "show-hidden" and "edit-notes" work on
    * two screens each, one key for one meaning, the work the screen's. */
   {"add",
    W | MS,
    {'a'},
    addNew,
    ACTION_WRITES | ACTION_FOOTER,
    N_("add"),
    N_("Add: a workload (name, lens, description, environment, owner), or a milestone (the review "
       "as it is now, under a name)")},
   {"rename",
    W,
    {'R'},
    Workloads_rename,
    ACTION_WRITES | ACTION_FOOTER,
    N_("rename"),
    N_("Rename the workload (asks before it acts)")},
   {"archive",
    W,
    {'A'},
    Workloads_archive,
    ACTION_WRITES,
    NULL,
    N_("Archive the workload, or restore an archived one (asks before it acts)")},

   {"show-hidden",
    W | PL | PF,
    {'z'},
    showHidden,
    0,
    NULL,
    N_("Show or hide archived workloads, or plan items no longer in the plan (resolved by the "
       "answer ...)")},

   /* Question. */
   {"toggle",
    Q | MS | PO,
    {' '},
    toggleMark,
    ACTION_WRITES | ACTION_FOOTER,
    N_("toggle"),
    N_("Select or clear: the practice (None of these clears the others), the milestone to "
       "compare from, or a practice on your poll ballot (the consensus, once revealed)")},
   {"toggle-number",
    Q,
    {'1', '2', '3', '4', '5', '6', '7', '8', '9'},
    Question_toggleNumber,
    ACTION_WRITES,
    NULL,
    N_("Select or clear practice 1 to 9")},
   {"previous-question",
    Q,
    {0},
    Question_prev,
    ACTION_FOOTER,
    N_("prev/next"),
    N_("Previous question in review order (the filter applies); the key is left")},
   {"next-question",
    Q,
    {0},
    Question_next,
    0,
    NULL,
    N_("Next question in review order (the filter applies); the key is right")},
   {"not-applicable",
    Q,
    {'X'},
    Question_notApplicable,
    ACTION_WRITES | ACTION_FOOTER,
    N_("n/a"),
    N_("Mark the question not applicable, with a reason, or applicable again")},
   {"edit-notes",
    Q | PL | MG | CL,
    {'e'},
    editNotes,
    ACTION_WRITES | ACTION_FOOTER,
    N_("notes"),
    N_("Edit the notes of the question (a saved draft is offered first) or of the plan item; "
       "in a notes merge, a text holding both versions between conflict marks; on an import's "
       "clash: type the value")},
   {"practice-not-applicable",
    Q,
    {'x'},
    Question_choiceNotApplicable,
    ACTION_WRITES,
    NULL,
    N_("Mark the practice not applicable, or applicable again")},
   {"details",
    Q,
    {'i'},
    Question_details,
    0,
    NULL,
    N_("Show or hide the practice's description, improvement plan and link")},
   {"edit-practice-notes",
    Q,
    {'V'},
    Question_editChoice,
    ACTION_WRITES,
    NULL,
    N_("Edit the notes of the practice under the cursor: its evidence (runbook, dashboard, "
       "ticket)")},
   {"edit-notes-external",
    Q,
    {'E'},
    Question_editExternal,
    ACTION_WRITES,
    NULL,
    N_("Edit the notes in $VISUAL or $EDITOR")},
   {"discard-draft",
    Q,
    {KFN(KEY_DC)},
    Question_discardDraft,
    0,
    NULL,
    N_("Discard the draft of unsaved notes (asks before it acts)")},
   {"scroll-description",
    Q,
    {']'},
    Question_scrollDescription,
    0,
    NULL,
    N_("Scroll the description down (also PgDn)")},
   {"scroll-description-up",
    Q,
    {'['},
    Question_scrollDescriptionUp,
    0,
    NULL,
    N_("Scroll the description up (also PgUp)")},
   {"confirm-review",
    Q,
    {'c'},
    Upgrade_confirmReview,
    ACTION_WRITES,
    NULL,
    N_("Confirm the answer still holds after a lens upgrade (clears the re-review mark *)")},

   /* Improvement plan. */
   {"plan-status",
    PL,
    {'s'},
    PlanEdit_setStatus,
    ACTION_WRITES | ACTION_FOOTER,
    N_("status"),
    N_("Set the item's status: open, in progress, done, risk accepted, won't do")},
   {"plan-owner",
    PL,
    {'o'},
    PlanEdit_setOwner,
    ACTION_WRITES | ACTION_FOOTER,
    N_("owner"),
    N_("Set who owns the item (empty: nobody)")},
   {"plan-due",
    PL,
    {'D'},
    PlanEdit_setDue,
    ACTION_WRITES | ACTION_FOOTER,
    N_("due"),
    N_("Set the due date, YYYY-MM-DD (empty: none); overdue items are marked !")},
   {"plan-priority",
    PL,
    {'P'},
    PlanEdit_setPriority,
    ACTION_WRITES,
    NULL,
    N_("Set the item's priority, 1 first (empty or 0: none)")},
   {"plan-impact",
    PL,
    {'I'},
    PlanEdit_setImpact,
    ACTION_WRITES,
    NULL,
    N_("Set the item's impact: low, medium, high or none (:plan-impact high)")},
   {"plan-effort",
    PL,
    {'F'},
    PlanEdit_setEffort,
    ACTION_WRITES,
    NULL,
    N_("Set the item's effort: low, medium, high or none (:plan-effort low)")},
   {"plan-grid",
    PL,
    {'#'},
    PlanView_toggleGrid,
    0,
    NULL,
    N_("Show the impact x effort grid, with the quick wins, or the list again")},
   {"quick-wins",
    PL,
    {'K'},
    PlanView_quickWins,
    0,
    NULL,
    N_("Sort by quick wins: high impact and low effort first, unrated items last")},
   {"goto-question",
    PL,
    {'v'},
    PlanView_gotoQuestion,
    ACTION_FOOTER,
    N_("question"),
    N_("View the item's question, its practice selected")},
   {"plan-sort",
    PL,
    {'S'},
    PlanView_sort,
    0,
    NULL,
    N_("Sort by risk, due date, owner, status, phase/pillar, priority or quick wins (:plan-sort "
       "due)")},

   /* Milestones. */
   {"diff",
    MS,
    {'d'},
    Milestones_diff,
    ACTION_FOOTER,
    N_("diff"),
    N_("What changed: from the marked milestone to the selected one, or from the selected one to "
       "now")},
   {"trend-groups",
    MS,
    {'t'},
    Milestones_groups,
    0,
    NULL,
    N_("Show the small trends by pillar or by phase")},

   /* Notes changed on the same lines by two people (mergeview.c). */
   {"keep-yours",
    MG | CL,
    {'Y'},
    keepOurs,
    ACTION_WRITES | ACTION_FOOTER,
    N_("yours"),
    N_("Store your notes over theirs (now that you have seen them); on an import's clash: keep "
       "this database's value")},
   {"take-theirs",
    MG | CL,
    {'T'},
    takeTheirs,
    ACTION_FOOTER,
    N_("theirs"),
    N_("Keep their notes and drop yours; on an import's clash: take the bundle's value")},
   {"keep-both",
    MG | CL,
    {'b'},
    keepBoth,
    ACTION_WRITES | ACTION_FOOTER,
    N_("both"),
    N_("Store both texts, theirs first; on an import's clash: keep both (notes, a plan item's "
       "note, a milestone)")},
   {"import-clashes",
    REVIEW,
    {'C'},
    Clashes_show,
    0,
    NULL,
    N_("Decide the clashes of a bundle merged back into this workload (import --into) that wait "
       "for a decision")},
   {"decide-later",
    MG,
    {0},
    MergeView_later,
    0,
    NULL,
    N_("Leave; your notes stay a draft that e resumes (q and Esc leave as well)")},

   /* Lens upgrade preview. */
   {"confirm-upgrade",
    UP,
    {'y'},
    Upgrade_confirm,
    ACTION_WRITES | ACTION_FOOTER,
    N_("upgrade"),
    N_("Upgrade now (a milestone of the review as it is is saved first)")},

   /* After the screens' own keys, so that they keep the footer. */
   {"report",
    D | PL | SN,
    {'r'},
    WriteReport_start,
    ACTION_FOOTER,
    N_("report"),
    N_("Write a report to a file: .txt, .md, .html, .csv or .json (the plan alone on the plan "
       "screen, the milestone on its dashboard); asks before it overwrites a file")},

   /* Search and filter. */
   {"search",
    REVIEW,
    {'/'},
    Search_start,
    ACTION_FOOTER,
    N_("search"),
    N_("Search question titles, descriptions and practices")},
   {"search-next", REVIEW, {'n'}, Search_next, 0, NULL, N_("Next match of the search")},
   {"search-previous", REVIEW, {'N'}, Search_prev, 0, NULL, N_("Previous match of the search")},
   {"filter",
    REVIEW | PL,
    {'f'},
    filterOrCycle,
    ACTION_FOOTER,
    N_("filter"),
    N_("Filter: questions all, unanswered, HIGH, MEDIUM, priority (:filter high); plan items by "
       "open done "
       "high medium overdue owner:NAME phase:ID pillar:ID (empty: all)")},

   /* Movement: the same keys everywhere one browses. */
   {"up", BROWSE, {KFN(KEY_UP), 'k'}, Loop_moveUp, 0, NULL, N_("Move up")},
   {"down", BROWSE, {KFN(KEY_DOWN), 'j'}, Loop_moveDown, 0, NULL, N_("Move down")},
   {"left",
    D | SN | Q | PF,
    {KFN(KEY_LEFT), 'h'},
    moveLeft,
    0,
    NULL,
    N_("Move left; on a question: the previous question")},
   {"right",
    D | SN | Q | PF,
    {KFN(KEY_RIGHT), 'l'},
    moveRight,
    0,
    NULL,
    N_("Move right; on a question: the next question")},
   {"page-up",
    LISTS | Q,
    {KFN(KEY_PPAGE), KCTRL('B')},
    pageUp,
    0,
    NULL,
    N_("Page up; on a question: scroll the description up")},
   {"page-down",
    LISTS | Q,
    {KFN(KEY_NPAGE), KCTRL('F')},
    pageDown,
    0,
    NULL,
    N_("Page down; on a question: scroll the description down")},
   {"first", BROWSE, {KFN(KEY_HOME), 'g'}, Loop_first, 0, NULL, N_("Go to the first line")},
   {"last", BROWSE, {KFN(KEY_END), 'G'}, Loop_last, 0, NULL, N_("Go to the last line")},
   {"back",
    BROWSE,
    {'q', KESC},
    Loop_back,
    ACTION_FOOTER,
    N_("back"),
    N_("Go back; on the workloads screen, quit")},

   /* Notes editor: text keys insert themselves. */
   {"save-notes",
    E,
    {KCTRL('S'), KFN(KEY_F(2))},
    Editor_save,
    ACTION_WRITES | ACTION_FOOTER,
    N_("store"),
    N_("Store the notes and close the editor")},
   {"close-editor",
    E,
    {KESC},
    Editor_close,
    ACTION_FOOTER,
    N_("close"),
    N_("Close the editor (asks when something is not stored)")},
   {"external-editor",
    E,
    {KCTRL('O'), KFN(KEY_F(4))},
    Editor_external,
    ACTION_FOOTER,
    N_("$EDITOR"),
    N_("Continue in $VISUAL or $EDITOR")},
   {"editor-newline", E, {ENTER}, Editor_newline, 0, NULL, N_("Start a new line")},
   {"editor-backspace",
    E,
    {KFN(KEY_BACKSPACE), KDEL, KCTRL('H')},
    Editor_backspace,
    0,
    NULL,
    N_("Delete the character before the cursor")},
   {"editor-delete",
    E,
    {KFN(KEY_DC), KCTRL('D')},
    Editor_delete,
    0,
    NULL,
    N_("Delete the character under the cursor")},
   {"text-up", E, {KFN(KEY_UP)}, Loop_moveUp, 0, NULL, N_("Move up")},
   {"text-down", E, {KFN(KEY_DOWN)}, Loop_moveDown, 0, NULL, N_("Move down")},
   {"text-page-up", E, {KFN(KEY_PPAGE)}, Loop_pageUp, 0, NULL, N_("Page up")},
   {"text-page-down", E, {KFN(KEY_NPAGE)}, Loop_pageDown, 0, NULL, N_("Page down")},

   /* The prompt: text keys insert themselves. */
   {"prompt-accept", P, {ENTER}, Prompt_accept, 0, NULL, N_("Accept")},
   {"prompt-cancel", P, {KESC, KCTRL('G')}, Prompt_cancel, 0, NULL, N_("Cancel")},
   {"prompt-complete",
    P,
    {'\t'},
    Prompt_complete,
    0,
    NULL,
    N_("Complete a file name (the report's file) or a command name (after :)")},
   {"prompt-backspace",
    P,
    {KFN(KEY_BACKSPACE), KDEL, KCTRL('H')},
    Prompt_backspace,
    0,
    NULL,
    N_("Delete the character before the cursor")},
   {"prompt-delete",
    P,
    {KFN(KEY_DC), KCTRL('D')},
    Prompt_delete,
    0,
    NULL,
    N_("Delete the character under the cursor")},
   {"prompt-clear", P, {KCTRL('U')}, Prompt_clear, 0, NULL, N_("Clear the line")},

   /* Both text modes. */
   {"text-left", E | P, {KFN(KEY_LEFT)}, Loop_moveLeft, 0, NULL, N_("Move left")},
   {"text-right", E | P, {KFN(KEY_RIGHT)}, Loop_moveRight, 0, NULL, N_("Move right")},
   {"text-home",
    E | P,
    {KFN(KEY_HOME), KCTRL('A')},
    Loop_first,
    0,
    NULL,
    N_("Go to the start of the line")},
   {"text-end",
    E | P,
    {KFN(KEY_END), KCTRL('E')},
    Loop_last,
    0,
    NULL,
    N_("Go to the end of the line")},

   /* The facilitated workshop (issue 13): parking lot, silent poll, recap. */
   {"park",
    REVIEW | PL | PK | PO,
    {'Z'},
    ParkLot_park,
    ACTION_WRITES,
    NULL,
    N_("Park a point for later (:park TEXT): who, when and the question it came from are kept")},
   {"parking-lot",
    REVIEW | PL | PO,
    {'O'},
    ParkLot_show,
    0,
    NULL,
    N_("The parking lot: the workload's parked points; Enter turns an open one into a plan item "
       "or closes it with a word (the leader)")},
   {"poll",
    REVIEW,
    {'%'},
    PollView_start,
    0,
    NULL,
    N_("Silent poll: open one on the question shown (the leader), or go to the one running to "
       "tick your ballot")},
   {"poll-close",
    PO,
    {0},
    PollView_close,
    ACTION_WRITES,
    NULL,
    N_("End the running poll without changing the answer (the leader)")},
   {"recap",
    D | L | Q | PL | PK | PO,
    {0},
    RecapView_show,
    0,
    NULL,
    N_("The recap of the workshop, as walens report --recap writes it")},
   /* The workshop (issue 13): lead, follow, the agenda. */
   {"lead",
    REVIEW | PL | MS,
    {0},
    Lead_take,
    ACTION_WRITES,
    NULL,
    N_("Lead the workload's session, so that others can follow you (:lead take takes it from the "
       "leader)")},
   {"handover",
    REVIEW | PL | MS,
    {0},
    Lead_handover,
    ACTION_WRITES,
    NULL,
    N_("Hand the lead of the session to another user: :handover USER")},
   {"leave",
    REVIEW | PL | MS,
    {0},
    Lead_leave,
    ACTION_WRITES,
    NULL,
    N_("Stop leading the session (quitting does it too)")},
   {"follow",
    REVIEW | PL | MS,
    {'J'},
    Lead_follow,
    0,
    NULL,
    N_("Follow the leader: go where they go until you move on your own (again: stop)")},
   {"agenda",
    REVIEW | PL | MS,
    {0},
    Lead_agenda,
    ACTION_WRITES,
    NULL,
    N_("Set the session's agenda: :agenda FILE (YAML, see walens(1)), or build it: :agenda add "
       "MINUTES (an item for where you are), :agenda clear")},
   {"agenda-next",
    REVIEW | PL | MS,
    {'>'},
    Lead_agendaNext,
    ACTION_WRITES,
    NULL,
    N_("The leader: next agenda item, its clock started; the leader and the followers go there")},
   {"agenda-previous",
    REVIEW | PL | MS,
    {'<'},
    Lead_agendaPrev,
    ACTION_WRITES,
    NULL,
    N_("The leader: previous agenda item")},
};

/* Names the actions had before they were merged, still good after ':'. */
static const struct {
   const char *old, *now;
} aliases[] = {
   {"create", "add"},
   {"add-milestone", "add"},
   {"mark", "toggle"},
   {"plan-filter", "filter"},
   {"plan-note", "edit-notes"},
   {"show-archived", "show-hidden"},
   {"show-resolved", "show-hidden"},
   {"plan-top", "first"},
};

size_t Actions_count(void)
{
   return sizeof table / sizeof table[0];
}

const Action *Actions_get(size_t i)
{
   return i < Actions_count() ? &table[i] : NULL;
}

const Action *Actions_forKey(ScreenId s, int key)
{
   for (size_t i = 0; i < Actions_count(); i++) {
      if (!(table[i].screens & SCREEN_BIT(s)))
         continue;
      for (size_t k = 0; k < ACTION_MAX_KEYS && table[i].keys[k]; k++)
         if (table[i].keys[k] == key)
            return &table[i];
   }
   return NULL;
}

const Action *Actions_byName(const char *name)
{
   for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
      if (strcmp(aliases[i].old, name) == 0)
         name = aliases[i].now;
   for (size_t i = 0; i < Actions_count(); i++)
      if (strcmp(table[i].name, name) == 0)
         return &table[i];
   return NULL;
}

const char *Actions_keyLabel(const Action *a, bool utf8, char *buf, size_t size)
{
   size_t used = 0;

   if (size == 0)
      return buf;
   buf[0] = '\0';
   for (size_t k = 0; k < ACTION_MAX_KEYS && a->keys[k]; k++) {
      char name[32];
      int key = a->keys[k];
      size_t n;
      bool dup = false;
      Input_keyName(key, utf8, name, sizeof name);
      for (size_t j = 0; j < k; j++) { /* '\n' and '\r' both read "Enter" */
         char other[32];
         if (strcmp(Input_keyName(a->keys[j], utf8, other, sizeof other), name) == 0)
            dup = true;
      }
      if (dup)
         continue;
      /* Digits 1..9 read as a range. */
      if (key == '1' && k + 8 < ACTION_MAX_KEYS && a->keys[k + 8] == '9') {
         snprintf(name, sizeof name, "1-9");
         k += 8;
      }
      n = strlen(name);
      if (used + n + 2 > size)
         break;
      if (used > 0)
         buf[used++] = ' ';
      memcpy(buf + used, name, n + 1);
      used += n;
   }
   return buf;
}

Stale Actions_run(App *app, const Action *a, const char *arg)
{
   if ((a->flags & ACTION_WRITES) && App_refuseReadOnly(app))
      return STALE_FOOTER;
   return a->fn(app, arg);
}

Stale Actions_command(App *app, const char *line)
{
   char *copy = xstrdup(line), *name = copy, *arg, *end;
   const Action *a;
   Stale stale = STALE_FOOTER;
   ScreenId s = App_screen(app);

   while (isspace((unsigned char)*name))
      name++;
   for (arg = name; *arg && !isspace((unsigned char)*arg); arg++)
      ;
   if (*arg)
      *arg++ = '\0';
   while (isspace((unsigned char)*arg))
      arg++;
   end = arg + strlen(arg);
   while (end > arg && isspace((unsigned char)end[-1]))
      *--end = '\0';
   if (strcmp(name, "q") == 0 || strcmp(name, "q!") == 0 || strcmp(name, "exit") == 0)
      name = "quit";
   else if (name[0] == '/' && name[1] == '\0')
      name = "search";
   a = *name ? Actions_byName(name) : NULL;
   if (!*name) {
      stale = STALE_NONE;
   } else if (!a) {
      App_message(app, ROLE_ERROR, _("No such command: %s"), name);
   } else if (!(a->screens & SCREEN_BIT(s))) {
      App_message(app, ROLE_ERROR, _("%s does not work on this screen"), name);
   } else {
      stale = Actions_run(app, a, *arg ? arg : NULL);
   }
   free(copy);
   return stale | STALE_FOOTER;
}

void Actions_listKeys(FILE *out)
{
   for (size_t i = 0; i < Actions_count(); i++) {
      const Action *a = &table[i];
      char keys[128];
      bool first = true;
      for (int s = 0; s < SCREEN_COUNT; s++)
         if (a->screens & SCREEN_BIT(s)) {
            fprintf(out, "%s%s", first ? "" : ",", Screens_id((ScreenId)s));
            first = false;
         }
      Actions_keyLabel(a, false, keys, sizeof keys);
      fprintf(out, "\t%s\t%s\t%s\n", keys, a->name, _(a->help));
   }
}

void Actions_listScreens(FILE *out)
{
   for (int s = 0; s < SCREEN_COUNT; s++)
      fprintf(out, "%s\t%s\n", Screens_id((ScreenId)s), Screens_title((ScreenId)s));
}
