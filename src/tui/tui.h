/* tui.h: the interactive terminal UI (ncursesw). */
#ifndef WALENS_TUI_TUI_H
#define WALENS_TUI_TUI_H

#include <stdbool.h>
#include <stdio.h>

typedef struct TuiOptions {
   const char *db_path;  /* resolved already (never NULL) */
   const char *lens_arg; /* --lens: key or file for new workloads, or NULL */
   const char *user;     /* --user or the login name */
   const char *workload; /* WORKLOAD argument, or NULL */
   bool read_only;       /* --read-only */
   bool mouse;           /* false with --no-mouse */
   bool lead;            /* --lead: lead the session of the workload opened */
} TuiOptions;

/* Runs until the user quits.  Returns the process exit status; prints its
 * own errors (as "walens: ...") after restoring the terminal. */
int Tui_run(const TuiOptions *opts);

/* Writes every key binding, one a line: "SCREENS<TAB>KEYS<TAB>NAME<TAB>HELP"
 * (screens comma-separated, keys blank-separated, help translated), in the
 * order of the action table: the source of the man page's key list. */
void Actions_listKeys(FILE *out);
/* "ID<TAB>TITLE" a screen, in the order of the screen list (the man page's
 * section titles). */
void Actions_listScreens(FILE *out);

#endif
