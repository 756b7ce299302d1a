/* roster.c: who is here — every session on the database (from the presence
 * rows the input tick reads), with where it is, how long its user has been
 * idle, whether it only watches, and whether it is on this workload. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/screens.h"
#include "tui/text.h"
#include "tui/lib/when.h"

/* The screen's id from the one screen list, as presence rows carry it. */
const char *Roster_screenId(ScreenId s)
{
   return s < SCREEN_COUNT ? Screens_id(s) : "?";
}

static bool onThisWorkload(const App *app, const Presence *p)
{
   return app->have_doc && p->workload && strcmp(p->workload, app->doc.workload.name) == 0;
}

size_t Roster_hereCount(const App *app)
{
   size_t n = 1; /* this session */

   for (size_t i = 0; i < app->n_others; i++)
      if (!app->have_doc || onThisWorkload(app, &app->others[i]))
         n++;
   return n;
}

Stale Roster_show(App *app, const char *arg)
{
   app->roster_first = 0;
   if (App_screen(app) != SCREEN_ROSTER)
      App_push(app, SCREEN_ROSTER);
   return STALE_ALL;
}

/* How long the user had not pressed a key at their last heartbeat (both
 * times by the database's clock): "42 s", "3 min"; "-" when unknown. */
static void idleText(const Presence *p, time_t now, char *buf, size_t size)
{
   time_t seen, active;
   long long s;

   (void)now;
   if (!p->active_at || !p->seen_at || !When_parse(p->seen_at, &seen) ||
       !When_parse(p->active_at, &active)) {
      snprintf(buf, size, "-");
      return;
   }
   s = seen > active ? (long long)(seen - active) : 0;
   if (s < 60)
      snprintf(buf, size, _("%lld s"), s);
   else if (s < 3600)
      snprintf(buf, size, _("%lld min"), s / 60);
   else
      snprintf(buf, size, _("%lld h"), s / 3600);
}

static char *rowText(const App *app, const Presence *p)
{
   char idle[64];
   const char *where = p->question ? p->question : "";
   idleText(p, app->now, idle, sizeof idle);
   return xasprintf("%-16.16s %-11.11s %-8.8s %-12.12s %-9.9s %s", p->user ? p->user : "?",
                    p->screen ? p->screen : "-", *where ? where : "-", idle,
                    p->read_only ? _("read-only") : _("editing"),
                    onThisWorkload(app, p) ? _("this workload")
                    : p->workload          ? p->workload
                                           : _("(no workload)"));
}

void Roster_draw(App *app, int top, int height)
{
   attr_t title = Theme_attr(&app->theme, ROLE_TITLE);
   attr_t normal = Theme_attr(&app->theme, ROLE_NORMAL);
   char *head = xasprintf(ngettext("Who is here: %zu on this workload, %zu session in all",
                                   "Who is here: %zu on this workload, %zu sessions in all",
                                   app->n_others + 1),
                          Roster_hereCount(app), app->n_others + 1);
   size_t rows = height > 3 ? (size_t)height - 3 : 1, n = app->n_others;

   Text_draw(stdscr, top, 1, app->cols - 2, head, title);
   free(head);
   Text_draw(stdscr, top + 1, 1, app->cols - 2,
             _("name             screen      question idle         mode      workload"), title);
   if (app->roster_first + rows > n)
      app->roster_first = n > rows ? n - rows : 0;
   if (n == 0)
      Text_draw(stdscr, top + 2, 1, app->cols - 2, _("Nobody else is here."), normal);
   for (size_t i = 0; i < rows && app->roster_first + i < n; i++) {
      const Presence *p = &app->others[app->roster_first + i];
      char *line = rowText(app, p);
      Text_draw(stdscr, top + 2 + (int)i, 1, app->cols - 2, line,
                p->read_only ? Theme_attr(&app->theme, ROLE_DIM) : normal);
      free(line);
   }
   if (n > rows) {
      char *more = xasprintf(_("%zu-%zu of %zu (arrows, PgUp/PgDn scroll)"), app->roster_first + 1,
                             app->roster_first + rows < n ? app->roster_first + rows : n, n);
      Text_draw(stdscr, top + height - 1, 1, app->cols - 2, more,
                Theme_attr(&app->theme, ROLE_DIM));
      free(more);
   }
}

Stale Roster_move(App *app, Move m)
{
   size_t page = app->lines > 6 ? (size_t)app->lines - 6 : 1;

   switch (m) {
   case MOVE_UP: app->roster_first = app->roster_first ? app->roster_first - 1 : 0; break;
   case MOVE_DOWN:
      app->roster_first++; /* the draw clamps it */
      break;
   case MOVE_PGUP:
      app->roster_first = app->roster_first > page ? app->roster_first - page : 0;
      break;
   case MOVE_PGDN: app->roster_first += page; break;
   case MOVE_HOME: app->roster_first = 0; break;
   case MOVE_END: app->roster_first = app->n_others; break;
   default: break;
   }
   return STALE_BODY;
}
