/* help.c: the keys of the screen below, from the action table. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/actions.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"

#define KEY_COL 18

/* The actions shown for screen s: the screen's own first, then those that
 * work nearly everywhere, each group in table order. */
static size_t collect(ScreenId s, const Action **out, size_t max)
{
   size_t n = 0;

   for (int pass = 0; pass < 2; pass++)
      for (size_t i = 0; i < Actions_count() && n < max; i++) {
         const Action *a = Actions_get(i);
         unsigned bits = a->screens;
         int count = 0;
         while (bits) {
            count += bits & 1u;
            bits >>= 1;
         }
         /* Enter, the main way on, comes first wherever it works. */
         if (strcmp(a->name, "open") == 0)
            count = 0;
         if ((a->screens & SCREEN_BIT(s)) && (count >= 4) == (pass == 1))
            out[n++] = a;
      }
   return n;
}

static size_t rows(int height)
{
   int r = height - 2;
   return r < 1 ? 1 : (size_t)r;
}

/* One line of the help text: a key label (or none) and a piece of text. */
typedef struct HelpLine {
   char *keys;
   wchar_t *text;
   size_t len;
   bool dim;
} HelpLine;

/* The dashboard is where a new user starts: its help opens with the way
 * through a review, and says what Enter does here rather than everywhere. */
static const char *intro(ScreenId s)
{
   if (s != SCREEN_DASHBOARD)
      return NULL;
   return _("The way through a review: pick a cell with the arrow keys, Enter opens its "
            "questions, Space ticks the practices in place, Esc goes back. Then p shows "
            "what to improve and r writes the report.");
}

static const char *actionHelp(const Action *a, ScreenId s)
{
   if (s == SCREEN_DASHBOARD && strcmp(a->name, "open") == 0)
      return _("Open the selected cell: the list of its questions, or the question itself "
               "when the cell has one");
   return _(a->help);
}

static size_t addWrapped(HelpLine **lines, size_t *cap, size_t count, const char *label,
                         const char *help, int width, bool dim)
{
   size_t wn;
   TextLine *tl;
   wchar_t *ws = WText_cleanStr(help, 0, &wn);
   size_t nl = WText_wrap(ws, wn, width, &tl);
   for (size_t k = 0; k < nl; k++) {
      *lines = xgrow(*lines, cap, count + 1, sizeof **lines);
      (*lines)[count].keys = k == 0 && label ? xstrdup(label) : NULL;
      (*lines)[count].text = xmalloc((tl[k].len + 1) * sizeof(wchar_t));
      wmemcpy((*lines)[count].text, ws + tl[k].start, tl[k].len);
      (*lines)[count].len = tl[k].len;
      (*lines)[count].dim = dim;
      count++;
   }
   free(tl);
   free(ws);
   return count;
}

static size_t buildLines(App *app, ScreenId s, int width, HelpLine **out)
{
   const Action *acts[128];
   size_t n = collect(s, acts, 128), count = 0, cap = 0;
   HelpLine *lines = NULL;

   if (intro(s)) {
      count = addWrapped(&lines, &cap, count, NULL, intro(s), width, false);
      lines = xgrow(lines, &cap, count + 1, sizeof *lines);
      lines[count++] = (HelpLine){.keys = NULL, .text = xcalloc(1, sizeof(wchar_t)), .len = 0};
   }
   for (size_t i = 0; i <= n; i++) {
      char label[96];
      const char *help;
      wchar_t *ws;
      size_t wn, nl;
      TextLine *tl;
      bool dim = false;
      if (i == n) {
         if (s != SCREEN_EDITOR)
            break;
         snprintf(label, sizeof label, "%s", _("text"));
         help = _("Typed text goes in at the cursor; a paste arrives whole");
      } else {
         Actions_keyLabel(acts[i], app->theme.utf8, label, sizeof label);
         if (!label[0])
            snprintf(label, sizeof label, ":%s", acts[i]->name);
         help = actionHelp(acts[i], s);
         dim = (acts[i]->flags & ACTION_WRITES) && app->read_only;
      }
      ws = WText_cleanStr(help, 0, &wn);
      nl = WText_wrap(ws, wn, width, &tl);
      for (size_t k = 0; k < nl; k++) {
         lines = xgrow(lines, &cap, count + 1, sizeof *lines);
         lines[count].keys = k == 0 ? xstrdup(label) : NULL;
         lines[count].text = xmalloc((tl[k].len + 1) * sizeof(wchar_t));
         wmemcpy(lines[count].text, ws + tl[k].start, tl[k].len);
         lines[count].len = tl[k].len;
         lines[count].dim = dim;
         count++;
      }
      free(tl);
      free(ws);
   }
   *out = lines;
   return count;
}

void Help_draw(App *app, int top, int height)
{
   ScreenId s = App_baseScreen(app);
   size_t vis = rows(height);
   char *title = xasprintf(_("Keys: %s"), Screens_name(s));
   attr_t key = Theme_attr(&app->theme, ROLE_KEY), dim = Theme_attr(&app->theme, ROLE_DIM);
   int width = app->cols - KEY_COL - 1;
   HelpLine *lines;
   size_t total = buildLines(app, s, width, &lines);

   Text_draw(stdscr, top, 1, app->cols - 2, title, Theme_attr(&app->theme, ROLE_TITLE));
   free(title);
   if (app->help_first + vis > total)
      app->help_first = total > vis ? total - vis : 0;
   for (size_t i = app->help_first; i < total && i < app->help_first + vis; i++) {
      int y = top + 2 + (int)(i - app->help_first);
      if (lines[i].keys)
         Text_draw(stdscr, y, 1, KEY_COL - 2, lines[i].keys, key);
      Text_drawW(stdscr, y, KEY_COL, width, lines[i].text, lines[i].len,
                 lines[i].dim ? dim : A_NORMAL, false);
   }
   if (app->help_first + vis < total)
      Text_draw(stdscr, top + height - 1, app->cols - 2, 1,
                Theme_glyph(&app->theme, GLYPH_MORE_DOWN), dim);
   for (size_t i = 0; i < total; i++) {
      free(lines[i].keys);
      free(lines[i].text);
   }
   free(lines);
}

Stale Help_move(App *app, Move m)
{
   size_t vis = rows(app->lines - 2);

   switch (m) {
   case MOVE_UP: app->help_first = app->help_first ? app->help_first - 1 : 0; break;
   case MOVE_DOWN:
      app->help_first++; /* the draw clamps it */
      break;
   case MOVE_PGUP: app->help_first = app->help_first > vis ? app->help_first - vis : 0; break;
   case MOVE_PGDN: app->help_first += vis; break;
   case MOVE_HOME: app->help_first = 0; break;
   case MOVE_END: app->help_first = (size_t)-1 / 2; break;
   default: break;
   }
   return STALE_BODY;
}

Stale Help_show(App *app, const char *arg)
{
   if (App_screen(app) == SCREEN_HELP) {
      App_pop(app);
      return STALE_ALL;
   }
   app->help_first = 0;
   App_push(app, SCREEN_HELP);
   return STALE_ALL;
}
