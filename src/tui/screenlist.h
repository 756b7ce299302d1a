/* screenlist.h: the one list of the TUI's screens (as tig's VIEW_INFO).
 *
 * Each X(...) line gives, in order:
 *   ID      the screen's ScreenId is SCREEN_ID
 *   id      its id in `walens --list-keys` and the man page's key lists
 *   name    its name on the help screen (translated at use)
 *   title   its section title in walens(1) (`walens --list-screens`)
 *   draw    draws the body between two lines (never refreshes)
 *   nav     a cursor move (Move)
 *   open    Enter
 *   click   mouse button 1 at y,x
 *   shown   the screen came on top (pushed, or uncovered by a pop)
 *   reload  the open review was read: opened is true when it was just
 *           opened, false when its answers changed (ours or another's)
 *   free    the review closes: drop what the screen keeps of it
 * Any of the functions may be NULL.  This header names functions without
 * declaring them: only src/tui/screens.c expands them, after screens.h.
 * A new screen is one line here (before PROMPT, which never goes on the
 * stack), its functions in src/tui/screen/NAME.c declared in screens.h. */
#ifndef WALENS_TUI_SCREENLIST_H
#define WALENS_TUI_SCREENLIST_H

#define SCREEN_INFO(X)                                                                             \
   X(WORKLOADS, "workloads", N_("Workloads"), "The workload list", Workloads_draw, Workloads_move, \
     Workloads_open, Workloads_click, NULL, NULL, NULL)                                            \
   X(DASHBOARD, "dashboard", N_("Dashboard"), "The dashboard (phase × pillar matrix)",             \
     Dashboard_draw, Dashboard_move, Dashboard_open, Dashboard_click, PlanView_settle, NULL, NULL) \
   X(LIST, "questions", N_("Questions"), "The questions of a cell", List_draw, List_move,          \
     List_open, List_click, NULL, List_reload, NULL)                                               \
   X(QUESTION, "question", N_("Question"), "One question", Question_draw, Question_move, NULL,     \
     Question_click, NULL, NULL, Question_forget)                                                  \
   X(EDITOR, "editor", N_("Notes editor"), "The notes editor", Editor_draw, Editor_move, NULL,     \
     NULL, NULL, NULL, NULL)                                                                       \
   X(HELP, "help", N_("Help"), "The help screen", Help_draw, Help_move, NULL, NULL, NULL, NULL,    \
     NULL)                                                                                         \
   X(PLAN, "plan", N_("Improvement plan"), "The improvement plan", PlanView_draw, PlanView_move,   \
     PlanView_open, PlanView_click, PlanView_settle, PlanView_reload, PlanView_free)               \
   X(MILESTONES, "milestones", N_("Milestones"), "The milestones", Milestones_draw,                \
     Milestones_move, Milestones_open, Milestones_click, NULL, Milestones_reload, Milestones_free) \
   X(SNAPSHOT, "milestone", N_("Milestone (read-only)"), "A milestone's dashboard (read-only)",    \
     MilestoneDash_draw, MilestoneDash_move, MilestoneDash_open, MilestoneDash_click, NULL, NULL,  \
     MilestoneDash_close)                                                                          \
   X(PAGER, "page", N_("Page"), "A page of text (a difference, a history, details)", Pager_draw,   \
     Pager_move, NULL, NULL, NULL, NULL, Pager_clear)                                              \
   X(UPGRADE, "upgrade", N_("Lens upgrade"), "A lens upgrade (preview)", Pager_draw, Pager_move,   \
     NULL, NULL, NULL, Upgrade_reload, Upgrade_free)                                               \
   X(MERGE, "merge", N_("Notes merge"), "Notes changed by two people on the same lines",           \
     Pager_draw, Pager_move, NULL, NULL, NULL, NULL, MergeView_free)                               \
   X(ROSTER, "roster", N_("Who is here"), "Who is here", Roster_draw, Roster_move, NULL, NULL,     \
     NULL, NULL, NULL)                                                                             \
   X(PORTFOLIO, "portfolio", N_("Portfolio"), "The portfolio matrix (every workload)",             \
     PortView_draw, PortView_move, PortView_open, NULL, PortView_shown, NULL, NULL)                \
   X(PORTCELL, "portfolio-cell", N_("Workloads at risk"),                                          \
     "The workloads at risk in a portfolio cell", PortView_cellDraw, PortView_cellMove,            \
     PortView_cellOpen, NULL, NULL, NULL, NULL)                                                    \
   X(HISTORY, "history", N_("History"), "A question's history (notes restored from it)",           \
     Pager_draw, Pager_move, NULL, NULL, NULL, NULL, History_free)                                 \
   X(PARKING, "parking-lot", N_("Parking lot"), "The workshop's parked points", ParkLot_draw,      \
     ParkLot_move, ParkLot_open, NULL, NULL, NULL, ParkLot_free)                                   \
   X(POLL, "poll", N_("Poll"), "A silent poll: your ballot, then the reveal", PollView_draw,       \
     PollView_move, PollView_open, NULL, NULL, NULL, PollView_free)                                \
   X(CLASHES, "clashes", N_("Import clashes"),                                                     \
     "The clashes of a bundle merged back (import --into), to decide", Clashes_draw, Clashes_move, \
     Clashes_open, NULL, NULL, Clashes_reload, Clashes_free)                                       \
   X(PROMPT, "prompt", N_("Prompt"), "A prompt (one line of text)", NULL, Prompt_move, NULL, NULL, \
     NULL, NULL, NULL)

#endif
