/* actions.c: the table of every action (see actions.h). */
#include "config.h"

#include "tui/actions.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
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
#define BROWSE (W | D | L | Q | H | PL | MS | SN | PG | UP | MG | RO)
#define REVIEW (D | L | Q)
#define LISTS (W | D | L | H | PL | MS | SN | PG | UP) /* what pages */

#define ENTER '\n', '\r', KFN(KEY_ENTER)

/* Order matters: the first entry of a screen bound to a key wins, so the
 * screen-specific meanings come before the generic ones. */
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
    N_("Type a command: any action's name, e.g. :filter high, :goto Q3, :quit")},
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
    W | D | L | PL | MS | SN,
    {ENTER},
    Loop_open,
    ACTION_FOOTER,
    N_("open"),
    N_("Open what is selected (a plan item: its improvement text and links; a milestone: its "
       "dashboard, read-only)")},

   /* Workloads. */
   {"create",
    W,
    {'c', 'a'},
    Workloads_create,
    ACTION_WRITES | ACTION_FOOTER,
    N_("new"),
    N_("Create a workload: name, description, environment, owner")},
   {"rename",
    W,
    {'r'},
    Workloads_rename,
    ACTION_WRITES | ACTION_FOOTER,
    N_("rename"),
    N_("Rename the workload")},
   {"archive",
    W,
    {'A'},
    Workloads_archive,
    ACTION_WRITES,
    NULL,
    N_("Archive the workload, or restore an archived one")},
   {"show-archived",
    W,
    {'z'},
    Workloads_toggleArchived,
    0,
    NULL,
    N_("Show or hide archived workloads")},

   /* Dashboard. */
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
   {"upgrade",
    D,
    {'U'},
    Upgrade_preview,
    0,
    NULL,
    N_("Upgrade the review to a newer version of its lens: shows what changes, then asks")},
   {"all-questions",
    D,
    {'L'},
    Dashboard_allQuestions,
    0,
    NULL,
    N_("List every question of the lens (the filter applies)")},

   /* Question. */
   {"toggle",
    Q,
    {' '},
    Question_toggle,
    ACTION_WRITES | ACTION_FOOTER,
    N_("toggle"),
    N_("Select or clear the practice (None of these clears the others)")},
   {"toggle-number",
    Q,
    {'1', '2', '3', '4', '5', '6', '7', '8', '9'},
    Question_toggleNumber,
    ACTION_WRITES,
    NULL,
    N_("Select or clear practice 1 to 9")},
   {"previous-question",
    Q,
    {KFN(KEY_LEFT), 'h'},
    Question_prev,
    ACTION_FOOTER,
    N_("prev/next"),
    N_("Previous question in review order (the filter applies)")},
   {"next-question",
    Q,
    {KFN(KEY_RIGHT), 'l'},
    Question_next,
    0,
    NULL,
    N_("Next question in review order (the filter applies)")},
   {"not-applicable",
    Q,
    {'a'},
    Question_notApplicable,
    ACTION_WRITES | ACTION_FOOTER,
    N_("n/a"),
    N_("Mark the question not applicable, with a reason, or applicable again")},
   {"practice-not-applicable",
    Q,
    {'x'},
    Question_choiceNotApplicable,
    ACTION_WRITES,
    NULL,
    N_("Mark the practice not applicable, or applicable again")},
   {"details",
    Q,
    {'d'},
    Question_details,
    0,
    NULL,
    N_("Show or hide the practice's description, improvement plan and link")},
   {"edit-notes",
    Q,
    {'e'},
    Question_edit,
    ACTION_WRITES | ACTION_FOOTER,
    N_("notes"),
    N_("Edit the notes (a saved draft is offered first)")},
   {"edit-notes-external",
    Q,
    {'E'},
    Question_editExternal,
    ACTION_WRITES,
    NULL,
    N_("Edit the notes in $VISUAL or $EDITOR")},
   {"discard-draft",
    Q,
    {'D'},
    Question_discardDraft,
    0,
    NULL,
    N_("Discard the draft of unsaved notes")},
   {"scroll-description",
    Q,
    {KFN(KEY_NPAGE), ']'},
    Question_scrollDescription,
    0,
    NULL,
    N_("Scroll the description down")},
   {"scroll-description-up",
    Q,
    {KFN(KEY_PPAGE), '['},
    Question_scrollDescriptionUp,
    0,
    NULL,
    N_("Scroll the description up")},
   {"goto", REVIEW, {0}, Question_goto, 0, NULL, N_("Open a question by its id: :goto ID")},
   {"history",
    Q | PL,
    {'H'},
    History_show,
    0,
    NULL,
    N_("Who changed the question (answer, notes, plan items), when, and what")},
   {"undo",
    Q | PL,
    {'u'},
    Undo_last,
    ACTION_WRITES,
    NULL,
    N_("Undo your own most recent change here (others' changes since are kept)")},
   {"confirm-review",
    Q,
    {'c'},
    Upgrade_confirmReview,
    ACTION_WRITES,
    NULL,
    N_("Confirm the answer still holds after a lens upgrade (clears the re-review mark)")},

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
    {'d'},
    PlanEdit_setDue,
    ACTION_WRITES | ACTION_FOOTER,
    N_("due"),
    N_("Set the due date, YYYY-MM-DD (empty: none); overdue items are marked !")},
   {"plan-priority",
    PL,
    {'p'},
    PlanEdit_setPriority,
    ACTION_WRITES,
    NULL,
    N_("Set the item's priority, 1 first (empty or 0: none)")},
   {"plan-note", PL, {'e'}, PlanEdit_setNote, ACTION_WRITES, NULL, N_("Edit the item's note")},
   {"goto-question",
    PL,
    {'g'},
    PlanView_gotoQuestion,
    ACTION_FOOTER,
    N_("question"),
    N_("Go to the item's question, its practice selected")},
   {"plan-filter",
    PL,
    {'f'},
    PlanView_filter,
    ACTION_FOOTER,
    N_("filter"),
    N_("Filter: open done high medium overdue owner:NAME phase:ID pillar:ID (empty: all)")},
   {"report",
    D | PL | SN,
    {'r'},
    WriteReport_start,
    ACTION_FOOTER,
    N_("report"),
    N_("Write a report to a file: .txt, .md, .html, .csv or .json (the plan alone on the plan "
       "screen, the milestone on its dashboard)")},
   {"plan-sort",
    PL,
    {'S'},
    PlanView_sort,
    0,
    NULL,
    N_("Sort by risk, due date, owner, status, phase/pillar or priority (:plan-sort due)")},
   {"show-resolved",
    PL,
    {'z'},
    PlanView_toggleInactive,
    0,
    NULL,
    N_("Show or hide items no longer in the plan (resolved by the answer ...)")},
   {"plan-top", PL, {KFN(KEY_HOME)}, Loop_first, 0, NULL, N_("Go to the first item")},

   /* Milestones. */
   {"add-milestone",
    MS,
    {'a'},
    Milestones_add,
    ACTION_WRITES | ACTION_FOOTER,
    N_("add"),
    N_("Save the review as it is now under a name")},
   {"mark",
    MS,
    {' '},
    Milestones_mark,
    ACTION_FOOTER,
    N_("mark"),
    N_("Mark the milestone to compare from (again: unmark)")},
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
    MG,
    {'y'},
    MergeView_keepYours,
    ACTION_WRITES | ACTION_FOOTER,
    N_("yours"),
    N_("Store your notes over theirs (now that you have seen them)")},
   {"take-theirs",
    MG,
    {'t'},
    MergeView_takeTheirs,
    ACTION_FOOTER,
    N_("theirs"),
    N_("Keep their notes and drop yours")},
   {"keep-both",
    MG,
    {'b'},
    MergeView_keepBoth,
    ACTION_WRITES | ACTION_FOOTER,
    N_("both"),
    N_("Store both texts, theirs first")},
   {"edit-both",
    MG,
    {'e'},
    MergeView_edit,
    ACTION_WRITES | ACTION_FOOTER,
    N_("edit"),
    N_("Edit a text holding both versions between conflict marks")},
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
    REVIEW,
    {'f'},
    Search_cycleFilter,
    ACTION_FOOTER,
    N_("filter"),
    N_("Filter questions: all, unanswered, HIGH, MEDIUM (:filter high)")},

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

   /* The prompt: text keys insert themselves. */
   {"prompt-accept", P, {ENTER}, Prompt_accept, 0, NULL, N_("Accept")},
   {"prompt-cancel", P, {KESC, KCTRL('G')}, Prompt_cancel, 0, NULL, N_("Cancel")},
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

   /* Movement, by screen meaning. */
   {"up", BROWSE, {KFN(KEY_UP), 'k'}, Loop_moveUp, 0, NULL, N_("Move up")},
   {"down", BROWSE, {KFN(KEY_DOWN), 'j'}, Loop_moveDown, 0, NULL, N_("Move down")},
   {"left", D | SN, {KFN(KEY_LEFT), 'h'}, Loop_moveLeft, 0, NULL, N_("Move left")},
   {"right", D | SN, {KFN(KEY_RIGHT), 'l'}, Loop_moveRight, 0, NULL, N_("Move right")},
   {"page-up", LISTS, {KFN(KEY_PPAGE), KCTRL('B')}, Loop_pageUp, 0, NULL, N_("Page up")},
   {"page-down", LISTS, {KFN(KEY_NPAGE), KCTRL('F')}, Loop_pageDown, 0, NULL, N_("Page down")},
   /* Not on the plan, where g goes to the question. */
   {"first", BROWSE & ~PL, {KFN(KEY_HOME), 'g'}, Loop_first, 0, NULL, N_("Go to the first line")},
   {"last", BROWSE, {KFN(KEY_END), 'G'}, Loop_last, 0, NULL, N_("Go to the last line")},
   {"text-up", E, {KFN(KEY_UP)}, Loop_moveUp, 0, NULL, N_("Move up")},
   {"text-down", E, {KFN(KEY_DOWN)}, Loop_moveDown, 0, NULL, N_("Move down")},
   {"text-left", E | P, {KFN(KEY_LEFT)}, Loop_moveLeft, 0, NULL, N_("Move left")},
   {"text-right", E | P, {KFN(KEY_RIGHT)}, Loop_moveRight, 0, NULL, N_("Move right")},
   {"text-page-up", E, {KFN(KEY_PPAGE)}, Loop_pageUp, 0, NULL, N_("Page up")},
   {"text-page-down", E, {KFN(KEY_NPAGE)}, Loop_pageDown, 0, NULL, N_("Page down")},
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

   /* Last, so that every screen's own meaning of q and Esc comes first. */
   {"back",
    BROWSE,
    {'q', KESC},
    Loop_back,
    ACTION_FOOTER,
    N_("back"),
    N_("Go back; on the workloads screen, quit")},
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
   for (size_t i = 0; i < Actions_count(); i++)
      if (strcmp(table[i].name, name) == 0)
         return &table[i];
   return NULL;
}

const char *Actions_screenName(ScreenId s)
{
   switch (s) {
   case SCREEN_WORKLOADS: return _("Workloads");
   case SCREEN_DASHBOARD: return _("Dashboard");
   case SCREEN_LIST: return _("Questions");
   case SCREEN_QUESTION: return _("Question");
   case SCREEN_EDITOR: return _("Notes editor");
   case SCREEN_HELP: return _("Help");
   case SCREEN_PLAN: return _("Improvement plan");
   case SCREEN_MILESTONES: return _("Milestones");
   case SCREEN_SNAPSHOT: return _("Milestone (read-only)");
   case SCREEN_PAGER: return _("Page");
   case SCREEN_UPGRADE: return _("Lens upgrade");
   case SCREEN_MERGE: return _("Notes merge");
   case SCREEN_ROSTER: return _("Who is here");
   case SCREEN_PROMPT:
   default: return _("Prompt");
   }
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
   static const char *const ids[SCREEN_COUNT] = {
      [SCREEN_WORKLOADS] = "workloads", [SCREEN_DASHBOARD] = "dashboard",
      [SCREEN_LIST] = "questions",      [SCREEN_QUESTION] = "question",
      [SCREEN_EDITOR] = "editor",       [SCREEN_HELP] = "help",
      [SCREEN_PLAN] = "plan",           [SCREEN_MILESTONES] = "milestones",
      [SCREEN_SNAPSHOT] = "milestone",  [SCREEN_PAGER] = "page",
      [SCREEN_UPGRADE] = "upgrade",     [SCREEN_PROMPT] = "prompt",
      [SCREEN_MERGE] = "merge",         [SCREEN_ROSTER] = "roster",
   };

   for (size_t i = 0; i < Actions_count(); i++) {
      const Action *a = &table[i];
      char keys[128];
      bool first = true;
      for (int s = 0; s < SCREEN_COUNT; s++)
         if (a->screens & SCREEN_BIT(s)) {
            fprintf(out, "%s%s", first ? "" : ",", ids[s]);
            first = false;
         }
      Actions_keyLabel(a, false, keys, sizeof keys);
      fprintf(out, "\t%s\t%s\t%s\n", keys, a->name, _(a->help));
   }
}
