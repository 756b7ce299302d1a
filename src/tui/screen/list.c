/* cell.c: the questions of a cell (or of a row, a column, the whole lens),
 * each with its risk and how many of its practices are in place. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"
#include "tui/lib/when.h"

#define LIST_HEAD 2 /* title, blank */
#define LIST_FOOT 2 /* blank, the selected question's last change */

void List_refill(App *app)
{
   size_t keep = app->list_cur < app->n_list ? app->list[app->list_cur] : (size_t)-1;

   if (!app->have_doc)
      return;
   free(app->list);
   app->n_list = App_collect(app, app->scope, app->row, app->col, &app->list);
   app->list_cur = app->list_cur < app->n_list ? app->list_cur : app->n_list ? app->n_list - 1 : 0;
   for (size_t i = 0; i < app->n_list; i++)
      if (app->list[i] == keep)
         app->list_cur = i;
}

static size_t visibleRows(const App *app)
{
   int n = app->lines - 2 - LIST_HEAD - LIST_FOOT;
   return n < 1 ? 1 : (size_t)n;
}

static char *title(const App *app)
{
   const Lens *l = app->doc.lens;
   const char *phase = l->n_phases && app->row < l->n_phases ? l->phases[app->row].name : NULL;
   const char *pillar = app->col < l->n_pillars ? l->pillars[app->col].name : "";

   switch (app->scope) {
   case LIST_CELL:
      return phase ? xasprintf("%s%s%s", pillar, Theme_glyph(&app->theme, GLYPH_DOT), phase)
                   : xstrdup(pillar);
   case LIST_ROW: return xasprintf(_("%s, all pillars"), phase ? phase : "");
   case LIST_COLUMN: return xasprintf(_("%s, all phases"), pillar);
   case LIST_ALL:
   default: return xstrdup(_("All questions"));
   }
}

/* "Build · Ops": where a question sits, for lists wider than one cell. */
static char *place(const App *app, size_t q)
{
   const Lens *l = app->doc.lens;
   const Question *qq = &l->questions[q];
   const char *pillar = l->pillars[qq->pillar].name;

   if (qq->phase >= 0)
      return xasprintf("%s%s%s", l->phases[qq->phase].name, Theme_glyph(&app->theme, GLYPH_DOT),
                       pillar);
   return xstrdup(pillar);
}

static void selectedCounts(const App *app, size_t q, size_t *sel, size_t *total)
{
   const Question *qq = &app->doc.lens->questions[q];
   const Answer *a = &app->doc.review.answers[q];

   *sel = *total = 0;
   for (size_t i = 0; i < qq->n_choices; i++) {
      if (qq->choices[i].is_none)
         continue;
      (*total)++;
      if (a->choices[i] == CHOICE_SELECTED)
         (*sel)++;
   }
}

void List_draw(App *app, int top, int height)
{
   size_t vis = visibleRows(app);
   char *t = title(app), *head;
   int id_w = 0, place_w = app->scope == LIST_CELL ? 0 : (app->cols >= 100 ? 30 : 20);
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);

   if (app->filter != FILTER_ALL)
      head =
         xasprintf(_("%s   filter: %s (%zu shown)"), t, App_filterName(app->filter), app->n_list);
   else
      head = xasprintf(ngettext("%s   %zu question", "%s   %zu questions", app->n_list), t,
                       app->n_list);
   Text_draw(stdscr, top, 1, app->cols - 2, head, Theme_attr(&app->theme, ROLE_TITLE));
   free(head);
   free(t);
   if (app->n_list == 0) {
      Text_draw(stdscr, top + LIST_HEAD, 1, app->cols - 2,
                _("No questions match the filter (f changes it)."), A_NORMAL);
      return;
   }
   for (size_t i = 0; i < app->n_list; i++) {
      int w = WText_widthStr(app->doc.lens->questions[app->list[i]].id);
      id_w = w > id_w ? w : id_w;
   }
   id_w = id_w > 16 ? 16 : id_w;
   if (app->cols < 80)
      id_w = 0;
   app->list_first = Layout_scroll(app->list_cur, vis, app->n_list, app->list_first);
   for (size_t i = app->list_first; i < app->n_list && i < app->list_first + vis; i++) {
      size_t q = app->list[i], sel, total;
      int y = top + LIST_HEAD + (int)(i - app->list_first), x = 1;
      bool cur = i == app->list_cur;
      attr_t base = cur ? Theme_attr(&app->theme, ROLE_SELECTED) : A_NORMAL;
      Risk r = App_risk(app, q);
      char buf[32];

      Text_fill(stdscr, y, 0, app->cols, base);
      if (cur)
         Text_draw(stdscr, y, 0, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), base);
      if (cur) {
         Text_draw(stdscr, y, x, 12, Theme_riskGlyph(&app->theme, r), base);
         Text_draw(stdscr, y, x + 2, 10, Theme_riskWord(r), base);
      } else {
         Chrome_risk(app, y, x, 12, r, true);
      }
      x += 13;
      selectedCounts(app, q, &sel, &total);
      snprintf(buf, sizeof buf, "%zu/%zu", sel, total);
      Text_draw(stdscr, y, x, 6, buf, base);
      x += 7;
      if (place_w) {
         char *p = place(app, q);
         Text_draw(stdscr, y, x, place_w - 1, p, cur ? base : dim);
         free(p);
         x += place_w;
      }
      if (app->doc.needs_review && app->doc.needs_review[q]) {
         x += Text_draw(stdscr, y, x, app->cols - x - 1, _("(review)"),
                        cur ? base : Theme_attr(&app->theme, ROLE_NOTICE)) +
              1;
      }
      if (ProfileDoc_isPriority(&app->profile, q))
         x += Text_draw(stdscr, y, x, 2, Theme_glyph(&app->theme, GLYPH_PRIORITY),
                        cur ? base : Theme_attr(&app->theme, ROLE_NOTICE)) +
              1;
      Text_draw(stdscr, y, x, app->cols - x - 1 - (id_w ? id_w + 1 : 0),
                app->doc.lens->questions[q].title, base);
      if (id_w)
         Text_draw(stdscr, y, app->cols - 1 - id_w, id_w, app->doc.lens->questions[q].id,
                   cur ? base : dim);
   }
   if (app->list_cur < app->n_list) {
      const StoredAnswer *s = &app->doc.stored[app->list[app->list_cur]];
      char *line = Chrome_changedBy(app, s);
      Text_draw(stdscr, top + height - 1, 1, app->cols - 2, line, dim);
      free(line);
   }
}

Stale List_move(App *app, Move m)
{
   return Layout_moveCursor(&app->list_cur, app->n_list, visibleRows(app), m) ? STALE_BODY
                                                                              : STALE_NONE;
}

Stale List_open(App *app)
{
   if (app->list_cur >= app->n_list)
      return STALE_NONE;
   app->q = app->list[app->list_cur];
   app->choice = 0;
   app->desc_first = 0;
   app->choices_first = 0;
   App_push(app, SCREEN_QUESTION);
   return STALE_ALL;
}

Stale List_click(App *app, int y, int x, bool again)
{
   int top = 1 + LIST_HEAD;
   size_t i;

   if (y < top || y >= top + (int)visibleRows(app))
      return STALE_NONE;
   i = app->list_first + (size_t)(y - top);
   if (i >= app->n_list)
      return STALE_NONE;
   if (i == app->list_cur || again)
      return List_open(app);
   app->list_cur = i;
   return STALE_BODY;
}

void List_reload(App *app, bool opened)
{
   if (!opened) /* a review just opened has no list yet: a question opens one */
      List_refill(app);
}
