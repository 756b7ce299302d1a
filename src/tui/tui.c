/* tui.c: Tui_run(): opening the store, starting and restoring the terminal,
 * signals.  The terminal is restored on every way out: a normal quit, an
 * error, exhausted memory (the xalloc fatal hook), exit() (atexit), and
 * SIGTERM/SIGINT/SIGHUP (their handlers only set a flag the loop reads;
 * should the loop be too busy to read it within TUI_SIGNAL_GRACE_S seconds,
 * an alarm ends the process anyway: a dropped SSH session never leaves a
 * dashboard spinning). */
#include "config.h"

#include "tui/tui.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/app.h"
#include "tui/lib/draft.h"
#include "tui/lib/layout.h"
#include "tui/loop.h"
#include "tui/screens.h"
#include "tui/text.h"

/* Process-wide by nature: a signal handler and an atexit hook cannot be
 * handed a context. */
static volatile sig_atomic_t pending_signal;
static volatile sig_atomic_t terminal_active;
static volatile sig_atomic_t leaving_signal; /* the first signal, once the grace runs */
static struct termios rescue_termios;        /* the terminal as we found it */
static volatile sig_atomic_t have_rescue;

/* The loop reads the flag between keys and ticks; a few seconds are enough
 * for it, a draft to be saved and the terminal restored the orderly way. */
#define TUI_SIGNAL_GRACE_S 2
/* Rows of the workloads list read before its first frame when it has more
 * (App_loadWorkloadsFirst) and the terminal's size is unknown. */
#define TUI_FIRST_PAGE 200

/* The notes being typed, as the draft file they would become
 * (App_keepRescue after every key): the alarm below writes them with
 * async-signal-safe calls only. */
static char *rescue_path, *rescue_tmp, *rescue_bytes;
static size_t rescue_len;
static volatile sig_atomic_t rescue_ready;

void Tui_keepRescue(char *path, char *bytes, size_t len)
{
   rescue_ready = 0; /* the alarm leaves it alone while it changes */
   free(rescue_path);
   free(rescue_tmp);
   free(rescue_bytes);
   rescue_path = path && bytes ? path : NULL;
   rescue_tmp = rescue_path ? xasprintf("%s.rescue", path) : NULL;
   rescue_bytes = rescue_path ? bytes : NULL;
   rescue_len = rescue_path ? len : 0;
   if (!rescue_path) {
      free(path);
      free(bytes);
   }
   rescue_ready = rescue_path != NULL;
}

/* From the alarm: the kept draft to a temporary file beside it, renamed
 * over it when it is whole, as Draft_save does. */
static void writeRescue(void)
{
   if (!rescue_ready)
      return;
   int fd = open(rescue_tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
   if (fd < 0)
      return;
   const char *p = rescue_bytes;
   size_t n = rescue_len;
   bool ok = true;
   while (ok && n > 0) {
      ssize_t w = write(fd, p, n);
      if (w < 0 && errno == EINTR)
         continue;
      ok = w > 0;
      if (ok) {
         p += w;
         n -= (size_t)w;
      }
   }
   ok = ok && fsync(fd) == 0;
   ok = close(fd) == 0 && ok;
   if (!ok || rename(rescue_tmp, rescue_path) != 0)
      unlink(rescue_tmp);
}

static void onSignal(int sig)
{
   pending_signal = sig;
   if (!leaving_signal) {
      leaving_signal = sig;
      alarm(TUI_SIGNAL_GRACE_S);
   }
}

/* The grace is over and the loop never got to the flag: only
 * async-signal-safe calls from here on.  The terminal gets its modes back,
 * the normal screen and the cursor (xterm sequences, which terminals that
 * have an alternate screen share), then the process ends as the signal
 * would have ended it. */
static void onAlarm(int sig)
{
   static const char reset[] = "\033[0m\033[?1000l\033[?1049l\033[?25h\r\n";
   (void)sig;
   writeRescue(); /* nothing typed is lost on this path either */
   if (terminal_active) {
      if (have_rescue)
         (void)tcsetattr(STDIN_FILENO, TCSANOW, &rescue_termios);
      (void)!write(STDOUT_FILENO, reset, sizeof reset - 1);
   }
   _exit(128 + (leaving_signal ? leaving_signal : SIGALRM));
}

int Tui_takeSignal(void)
{
   int s = pending_signal;
   pending_signal = 0;
   return s;
}

/* Safe to call more than once and from the fatal hook. */
static void restoreTerminal(void)
{
   if (terminal_active) {
      terminal_active = 0;
      endwin();
   }
}

void Tui_setMouse(App *app, bool on)
{
   app->mouse = on;
   mousemask(on ? (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
                   | BUTTON5_PRESSED
#endif
                   )
                : 0,
             NULL);
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
#define N_CAUGHT (sizeof caught / sizeof caught[0])

/* Installs onSignal, keeping what was ignored ignored ("nohup walens": a
 * hang-up then shows as failing reads, which the loop notices too). */
static struct sigaction oldAlarm;

static void catchSignals(struct sigaction *old)
{
   struct sigaction sa;

   memset(&sa, 0, sizeof sa);
   sa.sa_handler = onSignal;
   sigemptyset(&sa.sa_mask);
   for (size_t i = 0; i < N_CAUGHT; i++) {
      sigaction(caught[i], NULL, &old[i]);
      if (old[i].sa_handler != SIG_IGN)
         sigaction(caught[i], &sa, NULL);
   }
   sa.sa_handler = onAlarm;
   sigaction(SIGALRM, &sa, &oldAlarm);
}

/* The orderly way out got here: the grace alarm is not needed. */
static void restoreSignals(const struct sigaction *old)
{
   for (size_t i = 0; i < N_CAUGHT; i++)
      sigaction(caught[i], &old[i], NULL);
   alarm(0);
   sigaction(SIGALRM, &oldAlarm, NULL);
   leaving_signal = 0;
}

static bool startTerminal(App *app, SCREEN **screen, struct sigaction *old)
{
   static bool hooked;
   struct termios t;

   if (tcgetattr(STDIN_FILENO, &rescue_termios) == 0)
      have_rescue = 1;
   *screen = newterm(NULL, stdout, stdin);
   if (!*screen)
      return false;
   set_term(*screen);
   {
      /* A terminal that cannot move the cursor ("dumb") cannot show screens. */
      char cup[] = "cup";
      const char *c = tigetstr(cup);
      if (!c || c == (char *)-1) {
         endwin();
         delscreen(*screen);
         *screen = NULL;
         return false;
      }
   }
   terminal_active = 1;
   if (!hooked) {
      atexit(restoreTerminal);
      hooked = true;
   }
   Xalloc_setFatalHook(restoreTerminal);
   catchSignals(old);
   cbreak();
   noecho();
   nonl();
   intrflush(stdscr, FALSE);
   keypad(stdscr, TRUE);
   set_escdelay(25);
   wtimeout(stdscr, 250);
   curs_set(0);
   /* ^S stores the notes: keep it from stopping the output (IXON). */
   if (tcgetattr(STDIN_FILENO, &t) == 0) {
      t.c_iflag &= ~(tcflag_t)IXON;
      tcsetattr(STDIN_FILENO, TCSANOW, &t);
   }
   def_prog_mode();
   Theme_setup(&app->theme, !Theme_noColorEnv(), WText_utf8Locale());
   Theme_start(&app->theme);
   mouseinterval(0);
   Tui_setMouse(app, app->opts->mouse);
   return true;
}

static void freeApp(App *app)
{
   App_closeWorkload(app);
   App_freeWorkloads(app);
   Prompt_close(app);
   EdBuf_free(&app->ed.buf);
   free(app->ed.base_notes);
   MergeView_free(app);
   Undo_free(app);
   Presence_freeArray(app->others, app->n_others);
   free(app->creating.name);
   free(app->creating.description);
   free(app->creating.environment);
   free(app->search);
   free(app->where);
   free(app->msg);
   free(app->db_key);
   if (app->store)
      Store_close(app->store);
}

/* The workloads list's first page (App_loadWorkloadsFirst): as many rows as
 * the terminal has lines, more than the list shows in them. */
static size_t firstPage(void)
{
   struct winsize ws;

   if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
      return ws.ws_row;
   return TUI_FIRST_PAGE;
}

int Tui_run(const TuiOptions *opts)
{
   App app;
   SCREEN *screen = NULL;
   struct sigaction old[N_CAUGHT];
   char *err = NULL;
   StoreStatus st;
   int status;

   memset(&app, 0, sizeof app);
   app.opts = opts;
   app.mouse = opts->mouse;
   st = Store_open(opts->db_path, opts->read_only ? STORE_OPEN_READONLY : 0, &app.store, &err);
   if (st != STORE_OK) {
      fprintf(stderr, "walens: %s\n", err ? err : Store_statusText(st));
      free(err);
      return 1;
   }
   {
      const char *now = getenv("WALENS_NOW"); /* a fixed clock, as for the CLI (tests) */
      if (now && *now)
         Store_setNow(app.store, now);
   }
   app.read_only = opts->read_only || Store_isReadOnly(app.store);
   Store_abortWhen(app.store, &pending_signal); /* a signal cuts a long read short */
   app.db_key = Draft_dbKey(opts->db_path);
   Input_init(&app.input, WText_utf8Locale());
   App_push(&app, SCREEN_WORKLOADS);
   /* The list is loaded when it is shown: with a workload named, its
    * dashboard comes first, and a list of many reviews takes a while. */
   if (!opts->workload)
      App_loadWorkloadsFirst(&app, firstPage());
   if (opts->workload) {
      if (!App_openWorkload(&app, opts->workload, &err)) {
         fprintf(stderr, "walens: %s\n", err ? err : _("cannot open the workload"));
         free(err);
         freeApp(&app);
         return 1;
      }
   } else if (app.n_wl == 1 && !App_openWorkload(&app, app.wl[0].w.name, &err)) {
      App_message(&app, ROLE_ERROR, "%s", err ? err : _("cannot open the workload"));
   }
   free(err);
   err = NULL;
   if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
      fprintf(stderr, "%s\n",
              _("walens: the interactive screen needs a terminal "
                "(see walens --help for the subcommands)"));
      freeApp(&app);
      return 1;
   }
   if (!startTerminal(&app, &screen, old)) {
      const char *term = getenv("TERM");
      fprintf(stderr, _("walens: cannot use the terminal type %s\n"), term ? term : "(unset)");
      freeApp(&app);
      return 1;
   }
   if (app.n_wl == 0 && !app.read_only && App_screen(&app) == SCREEN_WORKLOADS)
      Workloads_create(&app, NULL); /* an empty database: offer the first one */
   status = Loop_run(&app);
   /* Every orderly way out passes here (a quit, a signal, a lost
    * terminal): others stop seeing us at once. */
   Store_leaveAny(app.store); /* observers have a presence row too */
   restoreTerminal();
   restoreSignals(old);
   Tui_keepRescue(NULL, NULL, 0);
   Xalloc_setFatalHook(NULL);
   delscreen(screen);
   freeApp(&app);
   return status;
}
