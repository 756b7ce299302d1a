/* prompt.c: one line of input at the bottom of the screen, or a menu
 * answered by a single key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/actions.h"
#include "tui/lib/complete.h"
#include "tui/screens.h"
#include "tui/text.h"

/* Wide enough that a single-line prompt never wraps. */
#define PROMPT_WIDTH 1000000

void Prompt_close(App *app)
{
   Prompt *p = &app->prompt;

   free(p->label);
   free(p->keys);
   for (size_t i = 0; i < p->n_items; i++)
      free(p->items[i]);
   free(p->items);
   free(p->error);
   EdBuf_free(&p->line);
   memset(p, 0, sizeof *p);
}

void Prompt_open(App *app, const char *label, const char *initial, PromptDone done)
{
   Prompt *p = &app->prompt;

   Prompt_close(app);
   p->active = true;
   p->label = xstrdup(label);
   EdBuf_init(&p->line, initial);
   p->selected = p->line.len > 0;
   p->done = done;
}

void Prompt_openTyped(App *app, const char *label, const char *typed, PromptDone done)
{
   Prompt_open(app, label, typed, done);
   app->prompt.selected = false;
}

/* The first edit of an offered text: it goes. */
static void dropSelected(Prompt *p)
{
   if (!p->selected)
      return;
   p->selected = false;
   EdBuf_free(&p->line);
   EdBuf_init(&p->line, NULL);
}

void Prompt_openMenu(App *app, const char *label, const char *keys, PromptDone done)
{
   Prompt_open(app, label, NULL, done);
   app->prompt.menu = true;
   app->prompt.keys = xstrdup(keys);
}

void Prompt_setError(App *app, const char *msg)
{
   free(app->prompt.error);
   app->prompt.error = msg ? xstrdup(msg) : NULL;
}

/* Typing again: the complaint has been read (and the line it took above
 * the prompt is the body's again). */
static Stale edited(App *app)
{
   if (!app->prompt.error)
      return STALE_NONE;
   Prompt_setError(app, NULL);
   return STALE_BODY;
}

void Prompt_setItems(App *app, const char *const *items, size_t n)
{
   Prompt *p = &app->prompt;

   p->items = xcalloc(n ? n : 1, sizeof *p->items);
   for (size_t i = 0; i < n; i++)
      p->items[i] = xstrdup(items[i]);
   p->n_items = n;
}

/* The fewest columns what is typed keeps on the prompt's line. */
#define PROMPT_MIN_INPUT 20

/* A label so long that what is typed would get fewer than PROMPT_MIN_INPUT
 * columns after it (the report's at 60 columns left 9 for its file name)
 * takes the line above, and the input the whole line. */
static bool labelApart(const App *app)
{
   const Prompt *p = &app->prompt;

   return !p->menu && app->cols - 3 - WText_widthStr(p->label) < PROMPT_MIN_INPUT;
}

/* Closes the prompt, then hands the answer on: done may open another. */
static Stale finish(App *app, const char *text)
{
   PromptDone done = app->prompt.done;
   char *copy = xstrdup(text);
   /* The items, the error or the label covered the body. */
   Stale s = app->prompt.n_items || app->prompt.error || labelApart(app) ? STALE_ALL : STALE_NONE;

   Prompt_close(app);
   s |= done ? done(app, copy) : STALE_NONE;
   free(copy);
   return s | STALE_FOOTER;
}

Stale Prompt_key(App *app, int key)
{
   Prompt *p = &app->prompt;

   if (p->menu) {
      char k[2] = {0, 0};
      if (key == KESC || key == KCTRL('G'))
         return finish(app, NULL);
      if (key == '\n' || key == '\r' || key == KFN(KEY_ENTER))
         return finish(app, "");
      if (key > 0 && key < 0x80 && strchr(p->keys, key)) {
         k[0] = (char)key;
         return finish(app, k);
      }
      return STALE_NONE;
   }
   if (p->selected && !Input_isText(key))
      return STALE_NONE; /* not text: the offer stays */
   dropSelected(p);
   EdBuf_insert(&p->line, (wchar_t)key);
   return edited(app) | STALE_FOOTER;
}

Stale Prompt_accept(App *app, const char *arg)
{
   char *text = EdBuf_text(&app->prompt.line);
   Stale s = finish(app, text);
   free(text);
   return s;
}

Stale Prompt_cancel(App *app, const char *arg)
{
   return finish(app, NULL);
}

Stale Prompt_backspace(App *app, const char *arg)
{
   if (app->prompt.selected)
      dropSelected(&app->prompt);
   else
      EdBuf_backspace(&app->prompt.line);
   return edited(app) | STALE_FOOTER;
}

Stale Prompt_delete(App *app, const char *arg)
{
   if (app->prompt.selected)
      dropSelected(&app->prompt);
   else
      EdBuf_delete(&app->prompt.line);
   return edited(app) | STALE_FOOTER;
}

Stale Prompt_clear(App *app, const char *arg)
{
   app->prompt.selected = false;
   EdBuf_free(&app->prompt.line);
   EdBuf_init(&app->prompt.line, NULL);
   return edited(app) | STALE_FOOTER;
}

Stale Prompt_move(App *app, Move m)
{
   EdBuf *b = &app->prompt.line;

   app->prompt.selected = false; /* the offer is kept, to edit */
   switch (m) {
   case MOVE_LEFT: EdBuf_left(b); break;
   case MOVE_RIGHT: EdBuf_right(b); break;
   case MOVE_HOME: EdBuf_home(b, PROMPT_WIDTH); break;
   case MOVE_END: EdBuf_end(b, PROMPT_WIDTH); break;
   default: break;
   }
   return STALE_FOOTER;
}

void Prompt_draw(App *app, int y)
{
   Prompt *p = &app->prompt;
   int x = 1, avail, before, shift = 0, iy = y; /* iy: the line under what goes above */
   size_t k, n;
   wchar_t *shown;
   bool apart = labelApart(app) && y - 1 >= 1;

   if (apart) {
      Text_fill(stdscr, y - 1, 0, app->cols, A_NORMAL);
      Text_draw(stdscr, y - 1, 1, app->cols - 2, p->label, A_BOLD);
      iy = y - 1;
   }
   if (p->n_items) {
      attr_t box = Theme_attr(&app->theme, ROLE_HEADER);
      int w = 0;
      for (size_t i = 0; i < p->n_items; i++) {
         int iw = WText_widthStr(p->items[i]);
         w = iw > w ? iw : w;
      }
      w = w + 4 < app->cols - 2 ? w + 4 : app->cols - 2;
      for (size_t i = 0; i < p->n_items; i++) {
         int yy = iy - (int)p->n_items + (int)i;
         if (yy < 1)
            continue;
         Text_fill(stdscr, yy, 1, w, box);
         Text_draw(stdscr, yy, 3, w - 4, p->items[i], box);
      }
   }
   if (p->error && iy - 1 - (int)p->n_items >= 1) {
      /* Why the last answer was refused: on a line of its own above the
       * prompt, so that the prompt keeps its room for what is typed. */
      int ey = iy - 1 - (int)p->n_items;
      attr_t e = Theme_attr(&app->theme, ROLE_ERROR);
      Text_fill(stdscr, ey, 0, app->cols, e);
      Text_draw(stdscr, ey, 1, app->cols - 2, p->error, e);
   }
   Text_fill(stdscr, y, 0, app->cols, A_NORMAL);
   if (!apart)
      x += Text_draw(stdscr, y, x, app->cols - x - 1, p->label, A_BOLD);
   if (p->menu) {
      wmove(stdscr, y, x < app->cols ? x : app->cols - 1);
      return;
   }
   avail = app->cols - x - 1;
   if (avail < 1)
      return;
   before = EdBuf_width(&p->line, 0, p->line.cur);
   if (before >= avail)
      shift = before - avail + 1; /* keep the cursor in view */
   /* Skip whole characters worth shift columns. */
   k = 0;
   while (shift > 0 && k < p->line.len) {
      shift -= EdBuf_width(&p->line, k, k + 1);
      k++;
   }
   shown = xmalloc((p->line.len - k + 1) * sizeof *shown);
   n = EdBuf_shown(&p->line, k, p->line.len, shown);
   Text_drawW(stdscr, y, x, avail, shown, n,
              p->selected ? Theme_attr(&app->theme, ROLE_SELECTED) : A_NORMAL, false);
   free(shown);
   wmove(stdscr, y, x + EdBuf_width(&p->line, k, p->line.cur));
}

void Prompt_setComplete(App *app, int kind)
{
   app->prompt.complete = kind;
}

/* The ':' commands that work on the screen under the prompt. */
static size_t commandMatches(App *app, const char *prefix, char ***out)
{
   size_t n = Actions_count(), k;
   const char **names = xcalloc(n, sizeof *names);

   for (size_t i = 0; i < n; i++) {
      const Action *a = Actions_get(i);
      if (a->screens & SCREEN_BIT(App_screen(app)))
         names[i] = a->name;
   }
   k = Complete_words(prefix, names, n, out);
   free(names);
   return k;
}

/* Tab: the line becomes the one match, or the matches' common start with
 * the matches listed above the prompt; nothing matching is said. */
Stale Prompt_complete(App *app, const char *arg)
{
   Prompt *p = &app->prompt;
   char *text, *common, **items = NULL;
   size_t n;

   if (p->menu || p->complete == PROMPT_COMPLETE_NONE)
      return STALE_NONE;
   p->selected = false;
   text = EdBuf_text(&p->line);
   n = p->complete == PROMPT_COMPLETE_PATH ? Complete_path(text, &items)
                                           : commandMatches(app, text, &items);
   free(text);
   if (n == 0) {
      Prompt_setError(app, p->complete == PROMPT_COMPLETE_PATH ? _("No file name starts so")
                                                               : _("No command starts so"));
      Complete_free(items, n);
      return STALE_ALL;
   }
   common = Complete_common(items, n);
   if (n == 1 && p->complete == PROMPT_COMPLETE_COMMAND) {
      char *spaced = xasprintf("%s ", common);
      free(common);
      common = spaced;
   }
   EdBuf_free(&p->line);
   EdBuf_init(&p->line, common);
   EdBuf_end(&p->line, PROMPT_WIDTH);
   free(common);
   if (n > 1) {
      /* The names without the directory they share, on one line. */
      size_t len = 0;
      char *list;
      for (size_t i = 0; i < n; i++)
         len += strlen(items[i]) + 2;
      list = xcalloc(len + 1, 1);
      for (size_t i = 0; i < n; i++) {
         const char *slash = strrchr(items[i], '/'), *name = items[i];
         if (slash && slash[1])
            name = slash + 1;
         else if (slash && slash > items[i]) { /* "dir/": show "dir/" */
            const char *s = slash;
            while (s > items[i] && s[-1] != '/')
               s--;
            name = s;
         }
         strcat(list, name);
         if (i + 1 < n)
            strcat(list, "  ");
      }
      Prompt_setError(app, list);
      free(list);
   } else {
      Prompt_setError(app, NULL);
   }
   Complete_free(items, n);
   return STALE_ALL;
}
