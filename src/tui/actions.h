/* actions.h: the one table of every action: its keys, the screens where
 * they work, its name (also a ':' command) and its help text.  Dispatch, the
 * help screen, the footer and the man page's key list all come from it. */
#ifndef WALENS_TUI_ACTIONS_H
#define WALENS_TUI_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/app.h"

/* arg: the rest of a ':' command line, or NULL from a key. */
typedef Stale (*ActionFn)(App *app, const char *arg);

enum {
   ACTION_WRITES = 1 << 0, /* changes the database: refused in read-only mode */
   ACTION_FOOTER = 1 << 1, /* worth a place in the footer */
};

#define ACTION_MAX_KEYS 10

typedef struct Action {
   const char *name;          /* "toggle", "next-question": also the ':' command */
   unsigned screens;          /* SCREEN_BIT()s */
   int keys[ACTION_MAX_KEYS]; /* 0-terminated; none for command-only actions */
   ActionFn fn;
   unsigned flags;
   const char *hint; /* N_(): the footer's word, or NULL */
   const char *help; /* N_(): the help screen's line */
} Action;

size_t Actions_count(void);
const Action *Actions_get(size_t i);
/* The first action of screen s bound to key, or NULL. */
const Action *Actions_forKey(ScreenId s, int key);
const Action *Actions_byName(const char *name);
/* The screen's name for the help title (translated). */
const char *Actions_screenName(ScreenId s);
/* "↑ k" — the keys of an action, for help and footer; writes into buf. */
const char *Actions_keyLabel(const Action *a, bool utf8, char *buf, size_t size);

/* Runs a, refusing writes in read-only mode. */
Stale Actions_run(App *app, const Action *a, const char *arg);
/* Handles a ':' command line. */
Stale Actions_command(App *app, const char *line);

#endif
