/* loop.c: one pass = read a key (or time out) -> dispatch its action -> the
 * action says what became stale -> redraw that -> one doupdate().  The
 * timeout is the input tick: live updates and presence run on it. */
#include "config.h"

#include "tui/loop.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "tui/actions.h"
#include "tui/lead.h"
#include "tui/lib/draft.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"

/* Monotonic seconds. */
static double loopNow(void);

/* Keys read in one pass before drawing: a paste arrives whole, drawn once. */
#define LOOP_DRAIN_MAX 65536
/* wgetch() failing this many times in a row without waiting means the
 * terminal is gone (EIO after a hang-up): leave instead of spinning. */
#define LOOP_DEAD_ERRORS 8

static double loopNow(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The screen that keys go to. */
static ScreenId keyScreen(const App *app)
{
   return app->prompt.active ? SCREEN_PROMPT : App_screen(app);
}

static Stale doMove(App *app, Move m)
{
   const ScreenOps *o = Screens_ops(keyScreen(app));
   return o->nav ? o->nav(app, m) : STALE_NONE;
}

Stale Loop_moveUp(App *app, const char *arg)
{
   return doMove(app, MOVE_UP);
}

Stale Loop_moveDown(App *app, const char *arg)
{
   return doMove(app, MOVE_DOWN);
}

Stale Loop_moveLeft(App *app, const char *arg)
{
   return doMove(app, MOVE_LEFT);
}

Stale Loop_moveRight(App *app, const char *arg)
{
   return doMove(app, MOVE_RIGHT);
}

Stale Loop_pageUp(App *app, const char *arg)
{
   return doMove(app, MOVE_PGUP);
}

Stale Loop_pageDown(App *app, const char *arg)
{
   return doMove(app, MOVE_PGDN);
}

Stale Loop_first(App *app, const char *arg)
{
   return doMove(app, MOVE_HOME);
}

Stale Loop_last(App *app, const char *arg)
{
   return doMove(app, MOVE_END);
}

Stale Loop_open(App *app, const char *arg)
{
   const ScreenOps *o = Screens_ops(App_screen(app));
   return o->open ? o->open(app) : STALE_NONE;
}

Stale Loop_back(App *app, const char *arg)
{
   switch (App_screen(app)) {
   case SCREEN_WORKLOADS: app->quit = true; return STALE_NONE;
   case SCREEN_DASHBOARD: App_backToWorkloads(app); return STALE_ALL;
   case SCREEN_QUESTION:
      App_pop(app);
      for (size_t i = 0; i < app->n_list; i++)
         if (app->list[i] == app->q)
            app->list_cur = i;
      return STALE_ALL;
   case SCREEN_SNAPSHOT:
      App_pop(app);
      MilestoneDash_close(app);
      return STALE_ALL;
   case SCREEN_MILESTONES:
      App_pop(app);
      Milestones_leave(app);
      return STALE_ALL;
   default: App_pop(app); return STALE_ALL;
   }
}

Stale Loop_quit(App *app, const char *arg)
{
   if (RecapView_offerOnQuit(app)) /* the leader is offered the recap first */
      return STALE_FOOTER;
   app->quit = true;
   return STALE_NONE;
}

static Stale commandDone(App *app, const char *text)
{
   return text ? Actions_command(app, text) : STALE_FOOTER;
}

Stale Loop_command(App *app, const char *arg)
{
   Prompt_open(app, ":", arg, commandDone);
   Prompt_setComplete(app, PROMPT_COMPLETE_COMMAND);
   return STALE_FOOTER;
}

Stale Loop_redraw(App *app, const char *arg)
{
   return STALE_ALL | STALE_REPAINT;
}

Stale Loop_mouse(App *app, const char *arg)
{
   bool on = !app->mouse;

   if (arg && strcmp(arg, "on") == 0)
      on = true;
   else if (arg && strcmp(arg, "off") == 0)
      on = false;
   Tui_setMouse(app, on);
   App_message(app, ROLE_NOTICE, "%s", on ? _("Mouse on") : _("Mouse off"));
   return STALE_FOOTER;
}

static Stale mouseEvent(App *app)
{
   MEVENT ev;
   const ScreenOps *o;

   if (getmouse(&ev) != OK || app->prompt.active)
      return STALE_NONE;
   o = Screens_ops(App_screen(app));
   if (ev.bstate & BUTTON4_PRESSED)
      return doMove(app, MOVE_UP) | doMove(app, MOVE_UP) | doMove(app, MOVE_UP);
#ifdef BUTTON5_PRESSED
   if (ev.bstate & BUTTON5_PRESSED)
      return doMove(app, MOVE_DOWN) | doMove(app, MOVE_DOWN) | doMove(app, MOVE_DOWN);
#endif
   if ((ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) && o->click)
      return o->click(app, ev.y, ev.x, (ev.bstate & BUTTON1_DOUBLE_CLICKED) != 0);
   return STALE_NONE;
}

/* After ESC: curses turns the sequences it knows into keys, so "ESC [" or
 * "ESC O" here is one it does not know (C-Home on some terminals).  Swallow
 * it whole rather than read it as Esc followed by keys.  Returns the key to
 * handle next: ESC itself, a key that followed a lone ESC, or ERR. */
static int afterEscape(int *next)
{
   int c;

   *next = ERR;
   wtimeout(stdscr, 0);
   c = wgetch(stdscr);
   if (c == '[') {
      while ((c = wgetch(stdscr)) != ERR && c >= 0x20 && c <= 0x3F)
         ; /* parameters and intermediates, then the final byte */
      wtimeout(stdscr, LOOP_TICK_MS);
      return ERR;
   }
   if (c == 'O') {
      wgetch(stdscr);
      wtimeout(stdscr, LOOP_TICK_MS);
      return ERR;
   }
   wtimeout(stdscr, LOOP_TICK_MS);
   *next = c;
   return KESC;
}

static Stale handleKey(App *app, int c)
{
   int key;
   Stale s = STALE_NONE;
   ScreenId scr;
   const Action *a;

   if (!Input_feed(&app->input, c, &key))
      return STALE_NONE;
   if (key == KFN(KEY_RESIZE))
      return STALE_ALL | STALE_REPAINT;
   if (key == KFN(KEY_MOUSE))
      return mouseEvent(app);
   if (app->msg && !app->prompt.active) {
      App_clearMessage(app); /* a message stays until the next key */
      s |= STALE_FOOTER;
   }
   if (Layout_tooSmall(app->cols, app->lines) && App_screen(app) != SCREEN_EDITOR &&
       !app->prompt.active) {
      if (key == 'q' || key == 'Q')
         app->quit = true;
      return s;
   }
   if (app->prompt.active && app->prompt.menu)
      return s | Prompt_key(app, key);
   scr = keyScreen(app);
   a = Actions_forKey(scr, key);
   app->last_key = key;
   if (a)
      return s | Actions_run(app, a, NULL);
   if (scr == SCREEN_PROMPT && Input_isText(key))
      return s | Prompt_key(app, key);
   if (scr == SCREEN_EDITOR && (Input_isText(key) || key == '\t'))
      return s | Editor_key(app, key == '\t' ? ' ' : key);
   return s;
}

static void draw(App *app, Stale stale)
{
   int lines, cols;

   getmaxyx(stdscr, lines, cols);
   if (lines != app->lines || cols != app->cols) {
      stale |= STALE_ALL;
      app->lines = lines;
      app->cols = cols;
   }
   if (stale & STALE_REPAINT)
      clearok(curscr, TRUE);
   if (app->prompt.active)
      stale |= STALE_FOOTER; /* it holds the cursor */
   /* A message over several lines covers the body's last lines: the body
    * comes back when it goes, and it stays on top of a body redrawn. */
   if (app->msg_rows > 1 && (stale & (STALE_FOOTER | STALE_BODY)))
      stale |= STALE_FOOTER | STALE_BODY;
   if (Layout_tooSmall(cols, lines) && App_screen(app) != SCREEN_EDITOR) {
      werase(stdscr);
      Chrome_tooSmall(app);
      leaveok(stdscr, TRUE);
      curs_set(0);
   } else {
      if (stale & STALE_HEADER)
         Chrome_header(app);
      if (stale & STALE_BODY) {
         for (int y = 1; y < lines - 1; y++) {
            wmove(stdscr, y, 0);
            wclrtoeol(stdscr);
         }
         if (Screens_ops(App_screen(app))->draw)
            Screens_ops(App_screen(app))->draw(app, 1, lines - 2);
      }
      if (stale & STALE_FOOTER)
         Chrome_footer(app);
      /* Where no cursor shows, curses may leave it wherever the frame's
       * last change ended: no cursor move ends the frame. */
      if (app->prompt.active) {
         leaveok(stdscr, FALSE);
         curs_set(1); /* Prompt_draw left the cursor in place */
      } else if (App_screen(app) == SCREEN_EDITOR) {
         leaveok(stdscr, FALSE);
         Editor_placeCursor(app, 1, lines - 2);
         curs_set(1);
      } else {
         leaveok(stdscr, TRUE);
         curs_set(0);
      }
   }
   wnoutrefresh(stdscr);
   doupdate();
}

/* The input tick: news from other processes and presence. */
/* Bookkeeping due now that may wait for an idle moment: after a key, the
 * heartbeat (a write, which also waits out the gap after our own commit:
 * 3 ms after a toggle) and the presence read would land on the key's
 * time; they wait for the next tick without a key, or one period at most
 * while keys keep coming. */
static bool deferred(bool keyed, double now, double due, double period)
{
   return keyed && now < due + period;
}

static Stale tick(App *app, double now, bool keyed)
{
   Stale s = STALE_NONE;

   if (now >= app->next_poll) {
      app->next_poll = now + LOOP_TICK_MS / 1000.0;
      Draft_forgetKnown(); /* drafts on the screen are read again once a tick */
      if (Store_changedElsewhere(app->store))
         app->reload_pending = true;
   }
   if (app->reload_pending) {
      bool list = App_screen(app) == SCREEN_WORKLOADS;
      if (!list || now >= app->next_list_reload) {
         app->reload_pending = false;
         if (list)
            app->next_list_reload = now + LOOP_LIST_RELOAD_S;
         s |= App_reload(app);
      }
   }
   s |= Loop_autosaveDraft(app, now);
   s |= PollView_tick(app, now) | ParkLot_tick(app, now);
   s |= Lead_tick(app, now, keyed);
   {
      const char *wl = app->have_doc ? app->doc.workload.name : NULL;
      const char *q = NULL;
      ScreenId scr = App_screen(app);
      char *where;
      if (app->have_doc && (scr == SCREEN_QUESTION || scr == SCREEN_EDITOR))
         q = app->doc.lens->questions[scr == SCREEN_EDITOR ? app->ed.q : app->q].id;
      where = xasprintf("%s\n%s\n%s", wl ? wl : "", q ? q : "", Roster_screenId(scr));
      /* A sign of life now and then, and at once when the user moved.
       * Read-only observers too: the roster shows them, marked. */
      bool due = now >= app->next_heartbeat || !app->where || strcmp(where, app->where) != 0;
      if (due && !deferred(keyed, now, app->next_heartbeat, LOOP_HEARTBEAT_S)) {
         PresenceBeat beat = {app->opts->user, wl, q, Roster_screenId(scr),
                              app->last_key_at > 0 ? (int)(now - app->last_key_at) : 0};
         app->next_heartbeat = now + LOOP_HEARTBEAT_S;
         Store_heartbeatAt(app->store, &beat);
         free(app->where);
         app->where = where;
      } else {
         free(where);
      }
   }
   if (now >= app->next_presence && !deferred(keyed, now, app->next_presence, LOOP_PRESENCE_S)) {
      Presence *p = NULL;
      size_t n = 0;
      app->next_presence = now + LOOP_PRESENCE_S;
      if (Store_presence(app->store, LOOP_PRESENCE_MAX_AGE_S, &p, &n) == STORE_OK) {
         bool changed = n != app->n_others;
         for (size_t i = 0; !changed && i < n; i++) {
            const Presence *a = &p[i], *b = &app->others[i];
            changed = !Str_eqText(a->user, b->user) || !Str_eqText(a->workload, b->workload) ||
                      !Str_eqText(a->question, b->question);
         }
         Presence_freeArray(app->others, app->n_others);
         app->others = p;
         app->n_others = n;
         if (changed)
            s |= STALE_HEADER;
         if (App_screen(app) == SCREEN_ROSTER)
            s |= STALE_BODY; /* places and idle times move on */
      }
   }
   return s;
}

static void leaveOnSignal(App *app, int sig)
{
   App_saveDraft(app); /* nothing typed is lost, whatever the reason */
   app->quit = true;
   app->status = 128 + sig;
}

/* WALENS_KEYLOG=FILE (the benchmark, doc/PERFORMANCE.md): one line per
 * pass that handled keys, "KEY MICROSECONDS", from the first key read to
 * the end of its doupdate(): the time walens itself spends on a keystroke,
 * without the terminal's. */
static FILE *openKeylog(void)
{
   const char *path = getenv("WALENS_KEYLOG");
   return path && *path ? fopen(path, "a") : NULL;
}

static void logKey(FILE *keylog, const App *app, double *key_at)
{
   if (keylog && *key_at > 0) {
      fprintf(keylog, "%d %.0f\n", app->last_key, (loopNow() - *key_at) * 1e6);
      fflush(keylog);
   }
   *key_at = 0;
}

int Loop_run(App *app)
{
   Stale stale = STALE_ALL;
   int dead = 0;
   FILE *keylog = openKeylog();
   double key_at = 0;

   getmaxyx(stdscr, app->lines, app->cols);
   while (!app->quit) {
      double before, now;
      int c, sig;

      app->now = time(NULL);
      if (stale)
         draw(app, stale);
      stale = STALE_NONE;
      logKey(keylog, app, &key_at);
      if (app->wl_partial) {
         /* The first frame showed the list's first page; the rest now,
          * before the first key is read (App_loadWorkloadsFirst). */
         App_loadWorkloads(app);
         stale = STALE_ALL;
         continue;
      }
      before = loopNow();
      c = wgetch(stdscr);
      now = loopNow();
      app->now = time(NULL);
      if ((sig = Tui_takeSignal()) != 0) {
         leaveOnSignal(app, sig);
         break;
      }
      if (c == ERR) {
         /* A timeout waits the tick; an error returns at once. */
         dead = now - before < LOOP_TICK_MS / 4000.0 ? dead + 1 : 0;
         if (dead >= LOOP_DEAD_ERRORS) {
            leaveOnSignal(app, SIGHUP);
            break;
         }
         stale |= tick(app, now, false);
         continue;
      }
      dead = 0;
      key_at = now;
      Lead_beforeKeys(app); /* a follower's own move ends the following */
      /* This key and whatever else is waiting (a paste) before one redraw. */
      for (int n = 0; n < LOOP_DRAIN_MAX && !app->quit && c != ERR; n++) {
         int next = ERR;
         if (c == KESC)
            c = afterEscape(&next);
         if (c != ERR)
            stale |= handleKey(app, c);
         if (next != ERR && !app->quit)
            stale |= handleKey(app, next);
         wtimeout(stdscr, 0);
         c = wgetch(stdscr);
      }
      wtimeout(stdscr, LOOP_TICK_MS);
      app->last_key_at = loopNow();
      App_keepRescue(app); /* what the grace alarm saves, should we be busy then */
      stale |= tick(app, loopNow(), true);
   }
   if (keylog)
      fclose(keylog);
   return app->status;
}
