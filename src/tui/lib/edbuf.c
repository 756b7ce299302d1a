/* edbuf.c: the notes editor's buffer (see edbuf.h). */
#include "config.h"

#include "tui/lib/edbuf.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "tui/input.h"
#include "tui/lib/wtext.h"

/* The visual line holding position pos. */
static size_t edBufLineOf(const EdLine *lines, size_t n, size_t pos);

/* UTF-8 encoding of a code point into out (4 bytes at most); returns bytes. */
static size_t edBufEncode(wchar_t c, char *out);

void EdBuf_init(EdBuf *b, const char *utf8)
{
   size_t n = utf8 ? strlen(utf8) : 0, o = 0;

   memset(b, 0, sizeof *b);
   b->text = xmalloc((n + 1) * sizeof *b->text);
   for (size_t i = 0; i < n;) {
      size_t used;
      long cp = WText_decode(utf8 + i, n - i, &used);
      if (cp >= 0)
         b->text[o++] = (wchar_t)cp;
      else /* kept byte by byte, to go back as it came */
         for (size_t k = 0; k < used; k++)
            b->text[o++] = EDBUF_RAW_BYTE((unsigned char)utf8[i + k]);
      i += used;
   }
   b->len = o;
   b->cap = n + 1;
   b->cur = o;
   b->goal = -1;
}

void EdBuf_free(EdBuf *b)
{
   free(b->text);
   memset(b, 0, sizeof *b);
}

static size_t edBufEncode(wchar_t wc, char *out)
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

static bool isRawByte(wchar_t c)
{
   return c >= EDBUF_RAW_BYTE(0x80) && c <= EDBUF_RAW_BYTE(0xFF);
}

char *EdBuf_text(const EdBuf *b)
{
   char *out = xmalloc(b->len * 4 + 1), *p = out;

   for (size_t i = 0; i < b->len; i++) {
      wchar_t c = b->text[i];
      if (isRawByte(c))
         *p++ = (char)(c - EDBUF_RAW_BYTE(0));
      else
         p += edBufEncode(c, p);
   }
   *p = '\0';
   return out;
}

/* The CR of a "\r\n": part of the line end, never shown. */
static bool isLineEndCR(const EdBuf *b, size_t i)
{
   return b->text[i] == L'\r' && i + 1 < b->len && b->text[i + 1] == L'\n';
}

/* How text[i] shows (0: not at all). */
static wchar_t shownAt(const EdBuf *b, size_t i)
{
   wchar_t c = b->text[i], s;

   if (c == L'\n')
      return L' ';
   if (isLineEndCR(b, i))
      return 0;
   if (isRawByte(c))
      return WText_replacement();
   s = WText_shown(c);
   /* A mark with nothing to attach to shows, and takes a column. */
   if (s == c && c >= 0x80 && wcwidth(c) == 0 && (i == 0 || b->text[i - 1] == L'\n'))
      return WText_replacement();
   return s;
}

static int widthAt(const EdBuf *b, size_t i)
{
   wchar_t s = shownAt(b, i);
   return s ? WText_charWidth(s) : 0;
}

size_t EdBuf_shown(const EdBuf *b, size_t from, size_t to, wchar_t *out)
{
   size_t n = 0;

   for (size_t i = from; i < to && i < b->len; i++) {
      wchar_t s = shownAt(b, i);
      if (s)
         out[n++] = s;
   }
   return n;
}

int EdBuf_width(const EdBuf *b, size_t from, size_t to)
{
   int w = 0;

   for (size_t i = from; i < to && i < b->len; i++)
      w += widthAt(b, i);
   return w;
}

static bool isMark(const EdBuf *b, size_t i)
{
   return i < b->len && b->text[i] != L'\n' && !isLineEndCR(b, i) && widthAt(b, i) == 0;
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

/* Start of the character (with its marks, or a whole "\r\n") that ends
 * before pos. */
static size_t clusterStart(const EdBuf *b, size_t pos)
{
   if (pos == 0)
      return 0;
   pos--;
   if (b->text[pos] == L'\n')
      return pos > 0 && b->text[pos - 1] == L'\r' ? pos - 1 : pos;
   while (pos > 0 && isMark(b, pos))
      pos--;
   return pos;
}

/* End of the character (with its marks, or a whole "\r\n") that starts
 * at pos. */
static size_t clusterEnd(const EdBuf *b, size_t pos)
{
   if (pos >= b->len)
      return b->len;
   if (isLineEndCR(b, pos))
      return pos + 2;
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
   /* What was between a CR and a LF is gone: they end the line together,
    * and the cursor goes before them. */
   if (b->cur > 0 && isLineEndCR(b, b->cur - 1))
      b->cur--;
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

static void push(EdLine **lines, size_t *n, size_t *cap, const EdBuf *b, size_t start, size_t end,
                 bool wrapped)
{
   *lines = xgrow(*lines, cap, *n + 1, sizeof **lines);
   (*lines)[*n].start = start;
   (*lines)[*n].len = end - start;
   (*lines)[*n].width = EdBuf_width(b, start, end);
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
      bool blank = c == L' ' || c == L'\t';
      int cw;
      if (c == L'\n' || isLineEndCR(b, i)) {
         push(lines, &n, &cap, b, start, i, false);
         i += c == L'\n' ? 1 : 2;
         start = brk = i;
         w = 0;
         continue;
      }
      cw = widthAt(b, i);
      if (cw > 0 && w + cw > width && i > start) {
         if (blank) { /* the spare column takes an overflowing blank */
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
      if (blank)
         brk = i;
   }
   push(lines, &n, &cap, b, start, b->len, false);
   return n;
}

static size_t edBufLineOf(const EdLine *lines, size_t n, size_t pos)
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
   size_t k = edBufLineOf(lines, n, b->cur);

   *row = (int)k;
   *col = EdBuf_width(b, lines[k].start, b->cur);
   free(lines);
}

/* The position on line l at display column col (a wide character that
 * col falls inside of: before it). */
static size_t posAtColumn(const EdBuf *b, const EdLine *l, int col)
{
   size_t pos = l->start, end = l->start + l->len;
   int w = 0;

   while (pos < end) {
      int cw = widthAt(b, pos);
      if (cw > 0 && w + cw > col)
         break;
      w += cw;
      pos++;
   }
   if (l->wrapped && pos == l->start + l->len && l->len > 0)
      pos = clusterStart(b, pos); /* stay on this visual line */
   return pos;
}

static void vertical(EdBuf *b, int width, int delta)
{
   EdLine *lines;
   size_t n = EdBuf_layout(b, width, &lines);
   size_t k = edBufLineOf(lines, n, b->cur);
   long target = (long)k + delta;
   int goal;

   if (b->goal < 0)
      b->goal = EdBuf_width(b, lines[k].start, b->cur);
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
   b->cur = lines[edBufLineOf(lines, n, b->cur)].start;
   b->goal = -1;
   free(lines);
}

void EdBuf_end(EdBuf *b, int width)
{
   EdLine *lines;
   size_t n = EdBuf_layout(b, width, &lines);
   const EdLine *l = &lines[edBufLineOf(lines, n, b->cur)];
   b->cur = l->start + l->len;
   if (l->wrapped && l->len > 0)
      b->cur = clusterStart(b, b->cur);
   b->goal = -1;
   free(lines);
}
