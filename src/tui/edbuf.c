/* edbuf.c: the notes editor's buffer (see edbuf.h). */
#include "config.h"

#include "tui/edbuf.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "tui/input.h"
#include "tui/text.h"

void EdBuf_init(EdBuf *b, const char *utf8)
{
   size_t n;

   memset(b, 0, sizeof *b);
   b->text = Text_cleanStr(utf8, TEXT_MULTILINE, &n);
   b->len = n;
   b->cap = n + 1;
   b->cur = n;
   b->goal = -1;
}

void EdBuf_free(EdBuf *b)
{
   free(b->text);
   memset(b, 0, sizeof *b);
}

size_t EdBuf_encode(wchar_t wc, char *out)
{
   unsigned long c = (unsigned long)wc;

   if (c < 0x80) {
      out[0] = (char)c;
      return 1;
   }
   if (c < 0x800) {
      out[0] = (char)(0xC0 | (c >> 6));
      out[1] = (char)(0x80 | (c & 0x3F));
      return 2;
   }
   if (c < 0x10000) {
      out[0] = (char)(0xE0 | (c >> 12));
      out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
      out[2] = (char)(0x80 | (c & 0x3F));
      return 3;
   }
   out[0] = (char)(0xF0 | (c >> 18));
   out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
   out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
   out[3] = (char)(0x80 | (c & 0x3F));
   return 4;
}

char *EdBuf_text(const EdBuf *b)
{
   char *out = xmalloc(b->len * 4 + 1), *p = out;

   for (size_t i = 0; i < b->len; i++)
      p += EdBuf_encode(b->text[i], p);
   *p = '\0';
   return out;
}

static bool isMark(const EdBuf *b, size_t i)
{
   return i < b->len && b->text[i] != L'\n' && wcwidth(b->text[i]) == 0;
}

void EdBuf_insert(EdBuf *b, wchar_t c)
{
   if (c != L'\n' && !Input_isText((int)c))
      return;
   if (c != L'\n' && wcwidth(c) == 0 && (b->cur == 0 || b->text[b->cur - 1] == L'\n'))
      return;
   b->text = xgrow(b->text, &b->cap, b->len + 1, sizeof *b->text);
   memmove(b->text + b->cur + 1, b->text + b->cur, (b->len - b->cur) * sizeof *b->text);
   b->text[b->cur++] = c;
   b->len++;
   b->goal = -1;
   b->modified = true;
}

/* Start of the character (with its marks) that ends before pos. */
static size_t clusterStart(const EdBuf *b, size_t pos)
{
   if (pos == 0)
      return 0;
   pos--;
   while (pos > 0 && isMark(b, pos))
      pos--;
   return pos;
}

/* End of the character (with its marks) that starts at pos. */
static size_t clusterEnd(const EdBuf *b, size_t pos)
{
   if (pos >= b->len)
      return b->len;
   pos++;
   while (isMark(b, pos))
      pos++;
   return pos;
}

static void removeRange(EdBuf *b, size_t from, size_t to)
{
   if (to <= from)
      return;
   memmove(b->text + from, b->text + to, (b->len - to) * sizeof *b->text);
   b->len -= to - from;
   b->cur = from;
   b->goal = -1;
   b->modified = true;
}

void EdBuf_backspace(EdBuf *b)
{
   removeRange(b, clusterStart(b, b->cur), b->cur);
}

void EdBuf_delete(EdBuf *b)
{
   removeRange(b, b->cur, clusterEnd(b, b->cur));
}

void EdBuf_left(EdBuf *b)
{
   b->cur = clusterStart(b, b->cur);
   b->goal = -1;
}

void EdBuf_right(EdBuf *b)
{
   b->cur = clusterEnd(b, b->cur);
   b->goal = -1;
}

static void push(EdLine **lines, size_t *n, size_t *cap, const EdBuf *b, size_t start,
                 size_t end, bool wrapped)
{
   *lines = xgrow(*lines, cap, *n + 1, sizeof **lines);
   (*lines)[*n].start = start;
   (*lines)[*n].len = end - start;
   (*lines)[*n].width = Text_width(b->text + start, end - start);
   (*lines)[*n].wrapped = wrapped;
   (*n)++;
}

size_t EdBuf_layout(const EdBuf *b, int width, EdLine **lines)
{
   size_t n = 0, cap = 0, start = 0, brk = 0, i = 0;
   int w = 0;

   *lines = NULL;
   if (width < 1)
      width = 1;
   while (i < b->len) {
      wchar_t c = b->text[i];
      int cw;
      if (c == L'\n') {
         push(lines, &n, &cap, b, start, i, false);
         start = brk = ++i;
         w = 0;
         continue;
      }
      cw = Text_charWidth(c);
      if (cw > 0 && w + cw > width && i > start) {
         if (c == L' ') { /* the spare column takes an overflowing blank */
            push(lines, &n, &cap, b, start, i + 1, true);
            start = brk = ++i;
         } else if (brk > start) {
            push(lines, &n, &cap, b, start, brk, true);
            start = i = brk;
         } else {
            push(lines, &n, &cap, b, start, i, true);
            start = brk = i;
         }
         w = 0;
         continue;
      }
      w += cw;
      i++;
      if (c == L' ')
         brk = i;
   }
   push(lines, &n, &cap, b, start, b->len, false);
   return n;
}

size_t EdBuf_lineOf(const EdLine *lines, size_t n, size_t pos)
{
   size_t k = 0;
   for (size_t i = 0; i < n; i++)
      if (lines[i].start <= pos)
         k = i;
   return k;
}

void EdBuf_cursorXY(const EdBuf *b, int width, int *row, int *col)
{
   EdLine *lines;
   size_t n = EdBuf_layout(b, width, &lines);
   size_t k = EdBuf_lineOf(lines, n, b->cur);

   *row = (int)k;
   *col = Text_width(b->text + lines[k].start, b->cur - lines[k].start);
   free(lines);
}

static size_t posAtColumn(const EdBuf *b, const EdLine *l, int col)
{
   size_t k = Text_fit(b->text + l->start, l->len, col, NULL);
   size_t pos = l->start + k;
   if (l->wrapped && pos == l->start + l->len && l->len > 0)
      pos = clusterStart(b, pos); /* stay on this visual line */
   return pos;
}

static void vertical(EdBuf *b, int width, int delta)
{
   EdLine *lines;
   size_t n = EdBuf_layout(b, width, &lines);
   size_t k = EdBuf_lineOf(lines, n, b->cur);
   long target = (long)k + delta;
   int goal;

   if (b->goal < 0)
      b->goal = Text_width(b->text + lines[k].start, b->cur - lines[k].start);
   goal = b->goal;
   if (target < 0) {
      b->cur = 0;
   } else if (target >= (long)n) {
      b->cur = b->len;
   } else {
      b->cur = posAtColumn(b, &lines[target], goal);
   }
   b->goal = goal;
   free(lines);
}

void EdBuf_up(EdBuf *b, int width, int count)
{
   vertical(b, width, -count);
}

void EdBuf_down(EdBuf *b, int width, int count)
{
   vertical(b, width, count);
}

void EdBuf_home(EdBuf *b, int width)
{
   EdLine *lines;
   size_t n = EdBuf_layout(b, width, &lines);
   b->cur = lines[EdBuf_lineOf(lines, n, b->cur)].start;
   b->goal = -1;
   free(lines);
}

void EdBuf_end(EdBuf *b, int width)
{
   EdLine *lines;
   size_t n = EdBuf_layout(b, width, &lines);
   const EdLine *l = &lines[EdBuf_lineOf(lines, n, b->cur)];
   b->cur = l->start + l->len;
   if (l->wrapped && l->len > 0)
      b->cur = clusterStart(b, b->cur);
   b->goal = -1;
   free(lines);
}
