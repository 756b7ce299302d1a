/* pager.c: a page of text: the difference between milestones, a question's
 * history, a plan item's details, what a lens upgrade would change.  Lines
 * are kept as given and wrapped at draw time, so a resize re-flows them. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"

#define PAGER_HEAD 2 /* the title, a blank */

void Pager_clear(App *app)
{
   Pager *p = &app->pager;

   for (size_t i = 0; i < p->n; i++)
      free(p->lines[i].text);
   free(p->lines);
   free(p->title);
   memset(p, 0, sizeof *p);
}

void Pager_begin(App *app, const char *title)
{
   Pager_clear(app);
   app->pager.title = xstrdup(title);
}

void Pager_addText(App *app, Role role, int indent, const char *text)
{
   Pager *p = &app->pager;

   p->lines = xgrow(p->lines, &p->cap, p->n + 1, sizeof *p->lines);
   p->lines[p->n].text = xstrdup(text ? text : "");
   p->lines[p->n].role = role;
   p->lines[p->n].indent = indent;
   p->n++;
}

void Pager_add(App *app, Role role, int indent, const char *fmt, ...)
{
   va_list ap;
   char *text;
   int n;

   va_start(ap, fmt);
   n = vsnprintf(NULL, 0, fmt, ap);
   va_end(ap);
   text = xmalloc(n > 0 ? (size_t)n + 1 : 1);
   va_start(ap, fmt);
   vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
   va_end(ap);
   Pager_addText(app, role, indent, text);
   free(text);
}

void Pager_show(App *app, ScreenId s)
{
   app->pager.first = 0;
   if (App_screen(app) != s)
      App_push(app, s);
}

/* One wrapped line to draw: which PagerLine and which part of it. */
typedef struct Visual {
   size_t line;
   wchar_t *s; /* borrowed from the cleaned copy of its line */
   size_t len;
   int hang; /* columns more than the line's indent */
} Visual;

/* "1. ", "12. ": a numbered step at the start of a paragraph; its width in
 * columns, else 0.  Its continuation lines go under its text. */
static int stepHang(const wchar_t *s, size_t n)
{
   size_t i = 0;
   while (i < n && i < 3 && s[i] >= L'0' && s[i] <= L'9')
      i++;
   return i > 0 && i + 1 < n && s[i] == L'.' && s[i + 1] == L' ' ? (int)i + 2 : 0;
}

/* Wraps one paragraph of a line into vis; a numbered step hangs. */
static size_t wrapParagraph(Visual **vis, size_t *cap, size_t nv, size_t line, wchar_t *s, size_t n,
                            int width)
{
   int hang = stepHang(s, n);
   TextLine *tl;
   size_t nl = WText_wrap(s, n, width - hang < 10 ? 10 : width - hang, &tl);
   for (size_t k = 0; k < nl; k++) {
      *vis = xgrow(*vis, cap, nv + 1, sizeof **vis);
      (*vis)[nv] = (Visual){line, s + tl[k].start, tl[k].len, k ? hang : 0};
      nv++;
   }
   free(tl);
   return nv;
}

void Pager_draw(App *app, int top, int height)
{
   Pager *p = &app->pager;
   int rows = height - PAGER_HEAD;
   Visual *vis = NULL;
   wchar_t **clean = xcalloc(p->n + 1, sizeof *clean);
   size_t nv = 0, cap = 0;
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);

   Text_draw(stdscr, top, 1, app->cols - 2, p->title ? p->title : "",
             Theme_attr(&app->theme, ROLE_TITLE));
   if (rows < 1)
      rows = 1;
   p->rows = rows;
   for (size_t i = 0; i < p->n; i++) {
      /* In ASCII the scroll marker is a letter ("v"): two blanks before it. */
      int width = app->cols - 2 - p->lines[i].indent - (app->theme.utf8 ? 0 : 2);
      size_t n, start = 0;
      clean[i] = WText_cleanStr(p->lines[i].text, TEXT_MULTILINE, &n);
      for (size_t j = 0; j <= n; j++)
         if (j == n || clean[i][j] == L'\n') {
            nv = wrapParagraph(&vis, &cap, nv, i, clean[i] + start, j - start,
                               width < 10 ? 10 : width);
            start = j + 1;
         }
   }
   if (p->first + (size_t)rows > nv)
      p->first = nv > (size_t)rows ? nv - (size_t)rows : 0;
   for (int r = 0; r < rows && p->first + (size_t)r < nv; r++) {
      const Visual *v = &vis[p->first + (size_t)r];
      const PagerLine *l = &p->lines[v->line];
      int x = 1 + l->indent + v->hang;
      Text_drawW(stdscr, top + PAGER_HEAD + r, x, app->cols - 1 - x, v->s, v->len,
                 Theme_attr(&app->theme, l->role), false);
   }
   if (p->first > 0)
      Text_draw(stdscr, top + PAGER_HEAD, app->cols - 1, 1, Theme_glyph(&app->theme, GLYPH_MORE_UP),
                dim);
   if (p->first + (size_t)rows < nv)
      Text_draw(stdscr, top + height - 1, app->cols - 1, 1,
                Theme_glyph(&app->theme, GLYPH_MORE_DOWN), dim);
   for (size_t i = 0; i < p->n; i++)
      free(clean[i]);
   free(clean);
   free(vis);
}

Stale Pager_move(App *app, Move m)
{
   Pager *p = &app->pager;
   size_t page = p->rows > 1 ? (size_t)p->rows - 1 : 1;

   switch (m) {
   case MOVE_UP: p->first = p->first ? p->first - 1 : 0; break;
   case MOVE_DOWN:
      p->first++; /* the draw clamps it */
      break;
   case MOVE_PGUP: p->first = p->first > page ? p->first - page : 0; break;
   case MOVE_PGDN: p->first += page; break;
   case MOVE_HOME: p->first = 0; break;
   case MOVE_END: p->first = (size_t)-1 / 2; break;
   default: break;
   }
   return STALE_BODY;
}
