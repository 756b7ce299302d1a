/* text.c: safe text for the terminal (see text.h). */
#include "config.h"

#include "tui/text.h"

#include <stdlib.h>
#include <langinfo.h>
#include <stdint.h>
#include <string.h>
#include <wctype.h>

#include "core/utf8.h"
#include "core/xalloc.h"

#define REPLACEMENT_UTF8 0xFFFD

bool WText_utf8Locale(void)
{
   const char *cs = nl_langinfo(CODESET);
   return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

wchar_t WText_replacement(void)
{
   if (WText_utf8Locale() && wcwidth(REPLACEMENT_UTF8) == 1)
      return REPLACEMENT_UTF8;
   return L'?';
}

long WText_decode(const char *str, size_t n, size_t *used)
{
   uint32_t cp;
   bool valid;

   *used = Utf8_decode(str, n, &cp, &valid);
   return valid ? (long)cp : -1;
}

wchar_t WText_shown(wchar_t c)
{
   long cp = (long)c;
   int w;

   if (cp >= 0x20 && cp < 0x7F)
      return c; /* the common case, without asking the locale */
   if (cp == '\t')
      return L' ';
   if (cp < 0 || Utf8_isUnsafe((uint32_t)cp)) /* the one list, src/core/utf8.h */
      return WText_replacement();
   if (cp >= 0x80 && !WText_utf8Locale())
      return L'?';
   w = wcwidth(c);
   return w < 0 ? WText_replacement() : c;
}

int WText_charWidth(wchar_t c)
{
   int w = wcwidth(c);
   return w < 0 ? 1 : w; /* cleaned text holds no unprintable character */
}

wchar_t *WText_clean(const char *s, size_t n, unsigned flags, size_t *len)
{
   wchar_t repl = WText_replacement();
   wchar_t *out;
   size_t o = 0;

   if (!s)
      n = 0;
   out = xmalloc((n + 1) * sizeof *out);
   for (size_t i = 0; i < n;) {
      size_t used;
      long cp = WText_decode(s + i, n - i, &used);
      wchar_t c;

      i += used;
      if (cp < 0) {
         c = repl;
      } else if (cp == '\n') {
         c = (flags & TEXT_MULTILINE) ? L'\n' : L' ';
      } else if (cp == '\r' && i < n && s[i] == '\n') {
         continue; /* a CRLF line end reads as LF */
      } else {
         c = WText_shown((wchar_t)cp);
         if (c == (wchar_t)cp && cp >= 0x80 && wcwidth(c) == 0 && (o == 0 || out[o - 1] == L'\n'))
            continue; /* a mark with nothing to attach to */
      }
      out[o++] = c;
   }
   out[o] = L'\0';
   if (len)
      *len = o;
   return out;
}

wchar_t *WText_cleanStr(const char *s, unsigned flags, size_t *len)
{
   return WText_clean(s, s ? strlen(s) : 0, flags, len);
}

int WText_width(const wchar_t *s, size_t n)
{
   int w = 0;
   for (size_t i = 0; i < n; i++)
      w += WText_charWidth(s[i]);
   return w;
}

int WText_widthStr(const char *s)
{
   size_t n;
   wchar_t *w = WText_cleanStr(s, 0, &n);
   int width = WText_width(w, n);
   free(w);
   return width;
}

size_t WText_fit(const wchar_t *s, size_t n, int width, int *used)
{
   size_t i = 0;
   int w = 0;

   while (i < n) {
      int cw = WText_charWidth(s[i]);
      if (cw > 0 && w + cw > width)
         break;
      w += cw;
      i++;
   }
   if (used)
      *used = w;
   return i;
}

static wchar_t ellipsis(void)
{
   if (WText_utf8Locale() && wcwidth(0x2026) == 1)
      return 0x2026;
   return L'~';
}

wchar_t *WText_truncate(const char *s, int width, size_t *len)
{
   size_t n, k;
   wchar_t *w = WText_cleanStr(s, 0, &n);

   if (width < 0)
      width = 0;
   k = WText_fit(w, n, width, NULL);
   if (k < n && width > 0) {
      k = WText_fit(w, n, width - 1, NULL);
      w[k++] = ellipsis();
   }
   w[k] = L'\0';
   if (len)
      *len = k;
   return w;
}

/* The vowels of the Latin alphabets: where they are, a cut after a
 * consonant that one of them follows reads as an abbreviation. */
static bool isVowel(wchar_t c)
{
   static const wchar_t vowels[] =
      L"aeiouy\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe8\xe9\xea\xeb"
      L"\xec\xed\xee\xef\xf2\xf3\xf4\xf5\xf6\xf8\xf9\xfa\xfb\xfc\xfd\xff";
   c = (wchar_t)towlower((wint_t)c);
   return c != L'\0' && wcschr(vowels, c) != NULL;
}

/* How many characters of the word w[0..n) a syllable cut keeps so that
 * they and the full stop take at most width columns: the most, three at
 * least, letters all, the last a consonant and the next a vowel, and three
 * fewer than the word at most (so that "Operational" does not read as
 * "Operation."); 0 when there is no such cut. */
static size_t syllableCut(const wchar_t *w, size_t n, int width)
{
   size_t best = 0;
   int used = 0;

   for (size_t m = 1; m < n && iswalpha((wint_t)w[m - 1]); m++) {
      used += WText_charWidth(w[m - 1]);
      if (used + 1 > width)
         break;
      if (m >= 3 && m + 3 <= n && !isVowel(w[m - 1]) && iswalpha((wint_t)w[m]) && isVowel(w[m]))
         best = m;
   }
   return best;
}

wchar_t *WText_abbrev(const char *s, int width, size_t *len)
{
   size_t n, nw = 0, keep = 0;
   wchar_t *w = WText_cleanStr(s, 0, &n);
   size_t *starts, *ends;
   bool cut = false;

   if (WText_width(w, n) <= width) {
      if (len)
         *len = n;
      return w;
   }
   starts = xmalloc((n / 2 + 1) * sizeof *starts);
   ends = xmalloc((n / 2 + 1) * sizeof *ends);
   for (size_t i = 0; i < n;) {
      while (i < n && w[i] == L' ')
         i++;
      if (i >= n)
         break;
      starts[nw] = i;
      while (i < n && w[i] != L' ')
         i++;
      ends[nw++] = i;
   }
   /* The most words that fit: the last of them whole (when words follow
    * it, so that it is not the name cut short) or cut at a syllable. */
   for (size_t k = nw; k > 0 && keep == 0; k--) {
      size_t first = starts[k - 1], word = ends[k - 1] - first;
      size_t m;
      if (k < nw && word >= 4 && WText_width(w, ends[k - 1]) <= width) {
         keep = ends[k - 1];
      } else if ((m = syllableCut(w + first, word, width - WText_width(w, first))) > 0) {
         keep = first + m;
         cut = true;
      }
   }
   free(starts);
   free(ends);
   if (keep == 0) {
      free(w);
      return WText_truncate(s, width, len);
   }
   if (cut)
      w[keep++] = L'.';
   w[keep] = L'\0';
   if (len)
      *len = keep;
   return w;
}

static void pushLine(TextLine **lines, size_t *count, size_t *cap, const wchar_t *s, size_t start,
                     size_t end)
{
   while (end > start && s[end - 1] == L' ')
      end--;
   *lines = xgrow(*lines, cap, *count + 1, sizeof **lines);
   (*lines)[*count].start = start;
   (*lines)[*count].len = end - start;
   (*lines)[*count].width = WText_width(s + start, end - start);
   (*count)++;
}

size_t WText_wrap(const wchar_t *s, size_t n, int width, TextLine **lines)
{
   size_t count = 0, cap = 0, i = 0;

   *lines = NULL;
   if (width < 1)
      width = 1;
   for (;;) {
      size_t start = i, run = SIZE_MAX; /* run: where the current blank run began */
      size_t brk_end = SIZE_MAX, brk_next = 0;
      int w = 0;
      bool ended = false;

      for (; i < n; i++) {
         wchar_t c = s[i];
         int cw;
         if (c == L'\n') {
            pushLine(lines, &count, &cap, s, start, i);
            i++;
            ended = true;
            break;
         }
         cw = WText_charWidth(c);
         if (c == L' ') {
            if (run == SIZE_MAX)
               run = i;
         } else if (run != SIZE_MAX) {
            if (run > start) {
               brk_end = run;
               brk_next = i;
            }
            run = SIZE_MAX;
         }
         if (cw > 0 && w + cw > width && i > start) {
            if (c == L' ' && run > start && run != SIZE_MAX) {
               pushLine(lines, &count, &cap, s, start, run);
            } else if (brk_end != SIZE_MAX) {
               pushLine(lines, &count, &cap, s, start, brk_end);
               i = brk_next;
            } else {
               pushLine(lines, &count, &cap, s, start, i);
            }
            while (i < n && s[i] == L' ')
               i++; /* a wrapped line starts with its first word */
            ended = true;
            break;
         }
         w += cw;
      }
      if (!ended) {
         pushLine(lines, &count, &cap, s, start, n);
         break;
      }
      if (i >= n && s[n - 1] != L'\n')
         break; /* wrapped exactly at the end: no empty line follows */
      if (i >= n) {
         pushLine(lines, &count, &cap, s, n, n); /* text ended in '\n' */
         break;
      }
   }
   return count;
}

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
      wchar_t e[2] = {ellipsis(), L'\0'};
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
