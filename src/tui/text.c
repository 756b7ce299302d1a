/* text.c: the one function that hands text to curses (see text.h). */
#include "config.h"

#include "tui/text.h"

#include <stdlib.h>

#include "core/xalloc.h"

/* waddnwstr() looks one character past the count (for combining marks to
 * attach), so what it gets must be terminated: a slice of a longer string
 * or of an editing buffer is copied first. */
static void addTerminated(WINDOW *w, int y, int x, const wchar_t *s, size_t k)
{
   wchar_t small[256], *buf = small;

   if (k >= sizeof small / sizeof small[0])
      buf = xmalloc((k + 1) * sizeof *buf);
   wmemcpy(buf, s, k);
   buf[k] = L'\0';
   mvwaddnwstr(w, y, x, buf, (int)k);
   if (buf != small)
      free(buf);
}

int Text_drawW(WINDOW *w, int y, int x, int width, const wchar_t *s, size_t n, attr_t attr,
               bool ell)
{
   int maxy, maxx, used;
   size_t k;

   getmaxyx(w, maxy, maxx);
   if (y < 0 || y >= maxy || x < 0 || x >= maxx || width <= 0)
      return 0;
   if (width > maxx - x)
      width = maxx - x;
   k = WText_fit(s, n, width, &used);
   wattrset(w, attr);
   if (k < n && ell) {
      wchar_t e[2] = {WText_ellipsis(), L'\0'};
      k = WText_fit(s, n, width - 1, &used);
      if (k > 0)
         addTerminated(w, y, x, s, k);
      mvwaddnwstr(w, y, x + used, e, 1);
      used++;
   } else if (k > 0) {
      addTerminated(w, y, x, s, k);
   }
   wattrset(w, A_NORMAL);
   return used;
}

int Text_draw(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
   size_t n;
   wchar_t *ws = WText_cleanStr(s, 0, &n);
   int used = Text_drawW(w, y, x, width, ws, n, attr, true);
   free(ws);
   return used;
}

void Text_fill(WINDOW *w, int y, int x, int width, attr_t attr)
{
   int maxy, maxx;

   getmaxyx(w, maxy, maxx);
   if (y < 0 || y >= maxy || x < 0 || x >= maxx)
      return;
   if (width > maxx - x)
      width = maxx - x;
   if (width > 0) /* one call: a draw fills every cell of the matrix */
      mvwhline(w, y, x, ' ' | attr, width);
}

int Text_drawName(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
   size_t n;
   wchar_t *ws = WText_abbrev(s ? s : "", width, &n);
   int used = Text_drawW(w, y, x, width, ws, n, attr, true);
   free(ws);
   return used;
}
