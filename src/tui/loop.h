/* loop.h: the event loop and the terminal glue it needs from tui.c. */
#ifndef WALENS_TUI_LOOP_H
#define WALENS_TUI_LOOP_H

#include "tui/app.h"

/* Input tick: how long one wait for a key lasts. */
#define LOOP_TICK_MS 250
/* How often presence is refreshed, and how old a sign of life may be. */
#define LOOP_HEARTBEAT_S 3.0
#define LOOP_PRESENCE_S 1.0
/* The workloads list reads every review: reloaded at most this often. */
#define LOOP_LIST_RELOAD_S 2.0
#define LOOP_PRESENCE_MAX_AGE_S 10

/* Runs until app->quit; returns the exit status. */
int Loop_run(App *app);

/* tui.c: the signal that arrived since the last call (SIGHUP, SIGINT,
 * SIGTERM), or 0.  Handlers only set the flag that this reads. */
int Tui_takeSignal(void);
/* tui.c: the draft file the grace alarm writes should the loop be too
 * busy to save drafts the orderly way: path and bytes as Draft_render gives
 * them (taken over; NULL path drops the one kept). */
void Tui_keepRescue(char *path, char *bytes, size_t len);
/* tui.c: mouse reporting on or off. */
void Tui_setMouse(App *app, bool on);

#endif
